#include "io/results_reader.hpp"

#include <fmt/format.h>

#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstring>
#include <thread>

#include "io/hdf5_file_check.hpp"
#include "io/hdf5_handle.hpp"
#include "io/results_schema.hpp"
#include "io/results_writer.hpp"
#include "sim/metrics.hpp"

namespace regiesim::io {

namespace {

constexpr hsize_t kEventBlock = 65536;  // events read at a time when filtering by run

[[noreturn]] void refuse(const std::filesystem::path& path, std::string_view reason) {
  throw UnreadableFile(fmt::format("{}: {}", path.string(), reason));
}

// Runs `body`, turning HDF5 failures into UnreadableFile naming the file.
template <typename Body>
auto as_unreadable(const std::filesystem::path& path, Body&& body) -> decltype(body()) {
  try {
    return body();
  } catch (const h5::Failure& e) {
    throw UnreadableFile(fmt::format("{}: {}", path.string(), e.what()));
  }
}

// Opens a results file after the checks of an untrusted file (DECISIONS 14): first the bytes
// (check_hdf5_file), then, once HDF5 has opened it, the schema attributes.
h5::Handle open_results(const std::filesystem::path& path) {
  check_hdf5_file(path);
  h5::silence_errors();
  h5::Handle file =
      h5::file_handle(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), "open", "the file");
  const hid_t root = file.id();
  if (!h5::attribute_exists(root, "schema") || !h5::attribute_is_string(root, "schema"))
    refuse(path, "not a regiesim results file (no schema attribute)");
  const std::string schema = h5::read_string_attribute(root, "schema");
  if (schema != schema::kSchemaName)
    refuse(path, fmt::format("not a regiesim results file (schema \"{}\")", schema));
  if (!h5::attribute_exists(root, "schema_version"))
    refuse(path, "not a regiesim results file (no schema_version attribute)");
  const std::int64_t version = h5::read_int64_attribute(root, "schema_version");
  if (version > kSchemaVersion)
    refuse(path, fmt::format("written by a newer regiesim: schema version {}, this build reads {}",
                             version, kSchemaVersion));
  if (version < 1)
    refuse(path, fmt::format("not a regiesim results file (schema version {})", version));
  return file;
}

bool is_group(hid_t parent, const std::string& name) {
  hid_t object = H5Oopen(parent, name.c_str(), H5P_DEFAULT);
  if (object < 0) h5::fail("open", name);
  const bool group = H5Iget_type(object) == H5I_GROUP;
  H5Oclose(object);
  return group;
}

std::vector<RunInfo> read_run_table(const std::filesystem::path& path, hid_t file) {
  schema::RowTypes types = schema::make_row_types();
  h5::Handle runs = h5::open_dataset(file, "runs");
  const std::vector<hsize_t> dims = h5::dataset_dims(runs.id());
  if (dims.size() != 1) refuse(path, "/runs is not a table");
  std::vector<schema::RunRow> rows(dims[0]);
  h5::read_block(runs.id(), types.runs.memory(), {0}, {dims[0]}, rows.data());
  std::vector<RunInfo> table;
  table.reserve(rows.size());
  bool bad_status = false;
  for (const schema::RunRow& row : rows) {
    if (row.status != 0 && row.status != 1) bad_status = true;
    table.push_back({row.run_id, row.point, row.arm, row.replication, row.seed,
                     static_cast<sim::RunStatus>(row.status),
                     row.failure_reason != nullptr ? row.failure_reason : ""});
  }
  if (!rows.empty()) {
    h5::Handle space = h5::dataspace_handle(H5Dget_space(runs.id()), "read the shape of", "/runs");
    H5Dvlen_reclaim(types.runs.memory(), space.id(), H5P_DEFAULT, rows.data());
  }
  if (bad_status) refuse(path, "/runs holds a status other than ok or failed");
  return table;
}

std::vector<double> read_doubles(hid_t dataset, const std::vector<hsize_t>& start,
                                 const std::vector<hsize_t>& count) {
  hsize_t n = 1;
  for (hsize_t c : count) n *= c;
  std::vector<double> values(n);
  h5::read_block(dataset, H5T_NATIVE_DOUBLE, start, count, values.data());
  return values;
}

bool all_nan(const std::vector<double>& values) {
  return std::all_of(values.begin(), values.end(), [](double v) { return std::isnan(v); });
}

bool all_nan(const std::vector<std::vector<double>>& blocks) {
  return std::all_of(blocks.begin(), blocks.end(),
                     [](const std::vector<double>& b) { return all_nan(b); });
}

std::vector<std::int32_t> read_int32_axis(hid_t file, const char* path) {
  h5::Handle axis = h5::open_dataset(file, path);
  const std::vector<hsize_t> dims = h5::dataset_dims(axis.id());
  std::vector<std::int32_t> values(dims.empty() ? 0 : dims[0]);
  h5::read_block(axis.id(), H5T_NATIVE_INT32, {0}, {values.size()}, values.data());
  return values;
}

// The (rest...) block of one run in a (run, rest...) dataset, checking that the rest has the
// shape the record expects.
std::vector<double> read_run_block(const std::filesystem::path& path, hid_t dataset, hsize_t row,
                                   const std::vector<hsize_t>& rest) {
  const std::vector<hsize_t> dims = h5::dataset_dims(dataset);
  if (dims.size() != rest.size() + 1 || !std::equal(rest.begin(), rest.end(), dims.begin() + 1))
    refuse(path,
           fmt::format("{} does not have the shape the file's axes give it", h5::path_of(dataset)));
  if (row >= dims[0])
    refuse(path, fmt::format("{} has no row for every run", h5::path_of(dataset)));
  std::vector<hsize_t> start(dims.size(), 0);
  start[0] = row;
  std::vector<hsize_t> count{1};
  count.insert(count.end(), rest.begin(), rest.end());
  return read_doubles(dataset, start, count);
}

}  // namespace

ResultsSummary read_summary(const std::filesystem::path& path) {
  return as_unreadable(path, [&] {
    h5::Handle file = open_results(path);
    const hid_t root = file.id();
    ResultsSummary s;
    s.schema_version = static_cast<int>(h5::read_int64_attribute(root, "schema_version"));
    s.regiesim_version = h5::read_string_attribute(root, "regiesim_version");
    s.git_commit = h5::read_string_attribute(root, "git_commit");
    s.scenario_name = h5::read_string_attribute(root, "scenario_name");
    s.master_seed = h5::read_uint64_attribute(root, "master_seed");
    s.record_level = h5::read_string_attribute(root, "record_level");

    h5::Handle manifest = h5::open_group(root, "manifest");
    s.scenario_text = h5::read_string_attribute(manifest.id(), "scenario_text");
    s.scenario_resolved = h5::read_string_attribute(manifest.id(), "scenario_resolved");
    s.steps = static_cast<std::int32_t>(h5::read_int64_attribute(manifest.id(), "steps"));

    for (const RunInfo& run : read_run_table(path, root)) {
      ++s.runs;
      ++(run.status == sim::RunStatus::ok ? s.runs_ok : s.runs_failed);
    }
    h5::Handle partners = h5::open_dataset(root, "axes/partner");
    s.partner_names = h5::read_strings(partners.id());

    h5::Handle summary = h5::open_group(root, "summary");
    s.metrics = h5::member_names(summary.id());
    for (const std::string& metric : s.metrics) {
      h5::Handle ds = h5::open_dataset(summary.id(), metric);
      s.metric_units[metric] = h5::attribute_exists(ds.id(), "units")
                                   ? h5::read_string_attribute(ds.id(), "units")
                                   : std::string();
    }
    // The file id is not a group id: the root group's properties need the group itself.
    h5::Handle root_group = h5::open_group(root, "/");
    for (const std::string& name : h5::member_names(root_group.id()))
      if (is_group(root, name)) s.groups.push_back(name);

    if (h5::link_exists(root, "provenance")) {
      h5::Handle provenance = h5::open_group(root, "provenance");
      for (const char* key : {"command_line", "created", "host"})
        if (h5::attribute_exists(provenance.id(), key))
          s.provenance[key] = h5::read_string_attribute(provenance.id(), key);
      if (h5::attribute_exists(provenance.id(), "threads"))
        s.provenance["threads"] =
            std::to_string(h5::read_int64_attribute(provenance.id(), "threads"));
    }
    return s;
  });
}

std::vector<RunInfo> read_runs(const std::filesystem::path& path) {
  return as_unreadable(path, [&] {
    h5::Handle file = open_results(path);
    return read_run_table(path, file.id());
  });
}

sim::RunRecord read_run(const std::filesystem::path& path, std::int64_t run_id) {
  return as_unreadable(path, [&] {
    h5::Handle file = open_results(path);
    const hid_t root = file.id();
    const std::vector<RunInfo> table = read_run_table(path, root);
    auto found = std::find_if(table.begin(), table.end(),
                              [&](const RunInfo& r) { return r.run_id == run_id; });
    if (found == table.end()) refuse(path, fmt::format("no run with id {}", run_id));
    const auto row = static_cast<hsize_t>(found - table.begin());
    const bool failed = found->status == sim::RunStatus::failed;

    sim::RunRecord r;
    r.run_id = found->run_id;
    r.replication = found->replication;
    r.seed = sim::RunSeed{found->seed};
    r.status = found->status;
    r.failure_reason = found->failure_reason;
    {
      h5::Handle manifest = h5::open_group(root, "manifest");
      r.steps = static_cast<std::int32_t>(h5::read_int64_attribute(manifest.id(), "steps"));
    }
    if (r.steps < 0) refuse(path, "/manifest: negative step count");
    const auto step_values = static_cast<hsize_t>(r.steps) + 1;

    for (const sim::MetricDecl& decl : sim::kMetrics) {
      h5::Handle ds = h5::open_dataset(root, fmt::format("summary/{}", decl.name));
      r.summary.push_back(read_run_block(path, ds.id(), row, {})[0]);
    }
    if (failed && all_nan(r.summary)) r.summary.clear();

    if (h5::link_exists(root, "series")) {
      for (const sim::MetricDecl& decl : sim::kMetrics) {
        h5::Handle ds = h5::open_dataset(root, fmt::format("series/{}", decl.name));
        r.series.push_back(read_run_block(path, ds.id(), row, {step_values}));
      }
      if (failed && all_nan(r.series)) r.series.clear();
    }

    if (h5::link_exists(root, "agents")) {
      r.sample_steps = read_int32_axis(root, "axes/sample_step");
      const auto samples = static_cast<hsize_t>(r.sample_steps.size());
      h5::Handle partner_axis = h5::open_dataset(root, "axes/partner");
      const hsize_t partners = h5::dataset_dims(partner_axis.id()).at(0);
      for (const sim::VariableDecl& decl : sim::kAgentVariables) {
        h5::Handle ds = h5::open_dataset(root, fmt::format("agents/{}", decl.name));
        r.agents.push_back(read_run_block(path, ds.id(), row, {samples, partners}));
      }
      if (h5::link_exists(root, "trust")) {
        h5::Handle edges = h5::open_dataset(root, "trust/edges");
        const hsize_t edge_count = h5::dataset_dims(edges.id()).at(0);
        h5::Handle values = h5::open_dataset(root, "trust/values");
        r.trust = read_run_block(path, values.id(), row, {samples, edge_count});
        if (failed && all_nan(r.trust)) r.trust.clear();
      }
      if (failed && all_nan(r.agents)) {
        r.agents.clear();
        if (r.trust.empty()) r.sample_steps.clear();
      }
    }

    if (h5::link_exists(root, "events")) {
      schema::RowTypes types = schema::make_row_types();
      h5::Handle events = h5::open_dataset(root, "events");
      const std::vector<hsize_t> dims = h5::dataset_dims(events.id());
      if (dims.size() != 1) refuse(path, "/events is not a table");
      std::vector<schema::EventRow> block;
      for (hsize_t start = 0; start < dims[0]; start += kEventBlock) {
        const hsize_t n = std::min(kEventBlock, dims[0] - start);
        block.resize(n);
        h5::read_block(events.id(), types.events.memory(), {start}, {n}, block.data());
        for (const schema::EventRow& e : block) {
          if (e.run != run_id) continue;
          if (e.kind < 0 || e.kind >= sim::kEventKindCount)
            refuse(path, "/events holds an unknown event kind");
          r.events.push_back(
              {e.step, static_cast<sim::EventKind>(e.kind), e.source, e.target, e.cost, e.value});
        }
      }
    }
    return r;
  });
}

std::vector<double> read_summary_metric(const std::filesystem::path& path,
                                        const std::string& metric) {
  return as_unreadable(path, [&] {
    h5::Handle file = open_results(path);
    h5::Handle summary = h5::open_group(file.id(), "summary");
    if (metric.empty() || metric.find('/') != std::string::npos ||
        !h5::link_exists(summary.id(), metric))
      refuse(path, fmt::format("no summary metric \"{}\"", metric));
    h5::Handle ds = h5::open_dataset(summary.id(), metric);
    const std::vector<hsize_t> dims = h5::dataset_dims(ds.id());
    if (dims.size() != 1) refuse(path, fmt::format("/summary/{} is not one value per run", metric));
    return read_doubles(ds.id(), {0}, {dims[0]});
  });
}

void probe_in_child_process(const std::filesystem::path& path, int timeout_seconds) {
  read_in_child_process(path, timeout_seconds, [&] {
    const ResultsSummary s = read_summary(path);
    read_runs(path);
    for (const std::string& metric : s.metrics) read_summary_metric(path, metric);
  });
}

void read_in_child_process(const std::filesystem::path& path, int timeout_seconds,
                           const std::function<void()>& read) {
  const pid_t child = fork();
  if (child < 0)
    throw UnreadableFile(fmt::format("{}: cannot start a process to read it: {}", path.string(),
                                     std::strerror(errno)));
  if (child == 0) {
    // The child only reads and reports by its exit status; _exit skips the parent's atexit
    // handlers and stdio buffers. A crash here is expected on a damaged file: no core dump.
    const rlimit no_core{0, 0};
    setrlimit(RLIMIT_CORE, &no_core);
    int status = 0;
    try {
      read();
    } catch (...) {
      status = 2;
    }
    _exit(status);
  }
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(timeout_seconds);
  int status = 0;
  for (;;) {
    const pid_t done = waitpid(child, &status, WNOHANG);
    if (done == child) break;
    if (done < 0 && errno != EINTR)
      throw UnreadableFile(
          fmt::format("{}: lost the process reading it: {}", path.string(), std::strerror(errno)));
    if (std::chrono::steady_clock::now() > deadline) {
      kill(child, SIGKILL);
      waitpid(child, &status, 0);
      throw UnreadableFile(fmt::format("{}: damaged: HDF5 did not finish reading it within {} s",
                                       path.string(), timeout_seconds));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  if (WIFSIGNALED(status))
    throw UnreadableFile(fmt::format("{}: damaged: reading it crashed HDF5 ({})", path.string(),
                                     strsignal(WTERMSIG(status))));
}

}  // namespace regiesim::io
