#include "io/results_reader.hpp"

#include <fmt/format.h>
#include <hdf5_hl.h>

#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstring>
#include <thread>
#include <unordered_set>

#include "io/hdf5_file_check.hpp"
#include "io/hdf5_handle.hpp"
#include "io/results_schema.hpp"
#include "io/results_writer.hpp"
#include "record/metrics.hpp"

namespace regiesim::io {

namespace {

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

// Opens a results file after the checks of an untrusted file (design decision 14): first the bytes
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
  if (version < kSchemaVersion)
    refuse(path, fmt::format("a results file of schema version {} (written by regiesim {}); this "
                             "build reads version {} only: run the scenario again (its text is "
                             "in /manifest) to get a version {} file",
                             version,
                             h5::attribute_exists(root, "regiesim_version")
                                 ? h5::read_string_attribute(root, "regiesim_version")
                                 : std::string("before 0.1"),
                             kSchemaVersion, kSchemaVersion));
  return file;
}

// The members of a group that are data, not the coordinates (dimension scales) labelling them.
std::vector<std::string> data_members(hid_t group) {
  std::vector<std::string> names;
  for (std::string& name : h5::member_names(group)) {
    h5::Handle ds = h5::open_dataset(group, name);
    if (H5DSis_scale(ds.id()) <= 0) names.push_back(std::move(name));
  }
  return names;
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
                     static_cast<record::RunStatus>(row.status),
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

template <typename T>
std::vector<T> read_column(hid_t group, const char* name, hid_t memory_type, hsize_t first,
                           hsize_t count) {
  h5::Handle ds = h5::open_dataset(group, name);
  std::vector<T> values(count);
  h5::read_block(ds.id(), memory_type, {first}, {count}, values.data());
  return values;
}

// The rows [first, first + count) of a table that belong to `run`: tables are ordered by run, so
// they are one contiguous range.
std::pair<hsize_t, hsize_t> rows_of_run(const std::filesystem::path& path, hid_t group,
                                        std::int64_t run) {
  h5::Handle ds = h5::open_dataset(group, "run");
  const std::vector<hsize_t> dims = h5::dataset_dims(ds.id());
  if (dims.size() != 1) refuse(path, fmt::format("{} is not a column", h5::path_of(ds.id())));
  std::vector<std::int64_t> runs(dims[0]);
  h5::read_block(ds.id(), H5T_NATIVE_INT64, {0}, {dims[0]}, runs.data());
  if (!std::is_sorted(runs.begin(), runs.end()))
    refuse(path, fmt::format("{} is not ordered by run", h5::path_of(ds.id())));
  const auto [lo, hi] = std::equal_range(runs.begin(), runs.end(), run);
  return {static_cast<hsize_t>(lo - runs.begin()), static_cast<hsize_t>(hi - lo)};
}

void read_tables(const std::filesystem::path& path, hid_t root, std::int64_t run_id,
                 record::RunRecord& r) {
  {
    h5::Handle g = h5::open_group(root, "events");
    const auto [first, n] = rows_of_run(path, g.id(), run_id);
    auto step = read_column<std::int32_t>(g.id(), "step", H5T_NATIVE_INT32, first, n);
    auto kind = read_column<std::int8_t>(g.id(), "kind", H5T_NATIVE_INT8, first, n);
    auto source = read_column<std::int32_t>(g.id(), "source", H5T_NATIVE_INT32, first, n);
    auto target = read_column<std::int32_t>(g.id(), "target", H5T_NATIVE_INT32, first, n);
    auto cost = read_column<double>(g.id(), "cost", H5T_NATIVE_DOUBLE, first, n);
    auto value = read_column<double>(g.id(), "value", H5T_NATIVE_DOUBLE, first, n);
    for (hsize_t i = 0; i < n; ++i) {
      if (!record::is_event_kind(kind[i])) refuse(path, "/events holds an unknown event kind");
      r.events.push_back({step[i], static_cast<record::EventKind>(kind[i]), source[i], target[i],
                          cost[i], value[i]});
    }
  }
  // A ragged list's slice for rows [first, first + n): from the first row's offset, as many
  // entries as the rows' counts add up to.
  auto ragged_slice = [&](hid_t g, const std::vector<std::int64_t>& offsets,
                          const std::vector<std::int32_t>& counts,
                          const char* name) -> std::pair<hsize_t, hsize_t> {
    if (offsets.empty()) return {0, 0};
    std::int64_t total = 0;
    for (std::size_t i = 0; i < counts.size(); ++i) {
      if (counts[i] < 0 || offsets[i] != offsets[0] + total)
        refuse(path, fmt::format("{}/{}: offsets and counts do not agree", h5::path_of(g), name));
      total += counts[i];
    }
    return {static_cast<hsize_t>(offsets[0]), static_cast<hsize_t>(total)};
  };
  {
    h5::Handle g = h5::open_group(root, "meetings");
    const auto [first, n] = rows_of_run(path, g.id(), run_id);
    auto step = read_column<std::int32_t>(g.id(), "step", H5T_NATIVE_INT32, first, n);
    auto id = read_column<std::int32_t>(g.id(), "meeting_id", H5T_NATIVE_INT32, first, n);
    auto mode = read_column<std::int8_t>(g.id(), "mode", H5T_NATIVE_INT8, first, n);
    auto convener = read_column<std::int8_t>(g.id(), "convened_by", H5T_NATIVE_INT8, first, n);
    auto size = read_column<std::int32_t>(g.id(), "size", H5T_NATIVE_INT32, first, n);
    auto offset =
        read_column<std::int64_t>(g.id(), "participants_offset", H5T_NATIVE_INT64, first, n);
    const auto [p_first, p_n] = ragged_slice(g.id(), offset, size, "participants");
    r.meeting_participants =
        read_column<std::int32_t>(g.id(), "participants", H5T_NATIVE_INT32, p_first, p_n);
    for (hsize_t i = 0; i < n; ++i) {
      if (mode[i] < 0 || mode[i] >= static_cast<int>(record::kMeetingModeNames.size()) ||
          convener[i] < 0 || convener[i] >= static_cast<int>(record::kConvenerNames.size()))
        refuse(path, "/meetings holds an unknown mode or convener");
      r.meetings.push_back({step[i], id[i], static_cast<record::MeetingMode>(mode[i]),
                            static_cast<record::Convener>(convener[i]),
                            static_cast<std::int32_t>(offset[i] - offset[0]), size[i]});
    }
  }
  {
    h5::Handle g = h5::open_group(root, "negotiations");
    const auto [first, n] = rows_of_run(path, g.id(), run_id);
    auto step = read_column<std::int32_t>(g.id(), "step", H5T_NATIVE_INT32, first, n);
    auto id = read_column<std::int32_t>(g.id(), "negotiation_id", H5T_NATIVE_INT32, first, n);
    auto meeting = read_column<std::int32_t>(g.id(), "meeting_id", H5T_NATIVE_INT32, first, n);
    auto protocol = read_column<std::int8_t>(g.id(), "protocol", H5T_NATIVE_INT8, first, n);
    auto rounds = read_column<std::int32_t>(g.id(), "rounds", H5T_NATIVE_INT32, first, n);
    auto agreed = read_column<std::int8_t>(g.id(), "agreed", H5T_NATIVE_INT8, first, n);
    auto log_nash = read_column<double>(g.id(), "log_nash_product", H5T_NATIVE_DOUBLE, first, n);
    auto fairness = read_column<double>(g.id(), "fairness", H5T_NATIVE_DOUBLE, first, n);
    auto p_count =
        read_column<std::int32_t>(g.id(), "participant_count", H5T_NATIVE_INT32, first, n);
    auto p_offset =
        read_column<std::int64_t>(g.id(), "participants_offset", H5T_NATIVE_INT64, first, n);
    auto s_count = read_column<std::int32_t>(g.id(), "share_count", H5T_NATIVE_INT32, first, n);
    auto s_offset = read_column<std::int64_t>(g.id(), "shares_offset", H5T_NATIVE_INT64, first, n);
    const auto [p_first, p_n] = ragged_slice(g.id(), p_offset, p_count, "participants");
    const auto [s_first, s_n] = ragged_slice(g.id(), s_offset, s_count, "shares");
    r.negotiation_participants =
        read_column<std::int32_t>(g.id(), "participants", H5T_NATIVE_INT32, p_first, p_n);
    r.negotiation_shares = read_column<double>(g.id(), "shares", H5T_NATIVE_DOUBLE, s_first, s_n);
    for (hsize_t i = 0; i < n; ++i) {
      if (protocol[i] < 0 ||
          protocol[i] >= static_cast<int>(record::kNegotiationProtocolNames.size()))
        refuse(path, "/negotiations holds an unknown protocol");
      r.negotiations.push_back({step[i], id[i], meeting[i],
                                static_cast<record::NegotiationProtocol>(protocol[i]), rounds[i],
                                agreed[i] != 0, log_nash[i], fairness[i],
                                static_cast<std::int32_t>(p_offset[i] - p_offset[0]), p_count[i],
                                static_cast<std::int32_t>(s_offset[i] - s_offset[0]), s_count[i]});
    }
  }
}

// Distinct values of a /parameters dataset, as text: numbers in their shortest exact form, a
// choice by its enum name, a per-dimension column as [a, b, ...].
RecordedParameter read_recorded_parameter(const std::filesystem::path& path, hid_t group,
                                          const std::string& name) {
  h5::Handle ds = h5::open_dataset(group, name);
  RecordedParameter p;
  p.path = name;
  if (h5::attribute_exists(ds.id(), "units")) p.units = h5::read_string_attribute(ds.id(), "units");
  const std::vector<hsize_t> dims = h5::dataset_dims(ds.id());
  if (dims.empty() || dims.size() > 2)
    refuse(path, fmt::format("/parameters/{} is not one value (or row) per run", name));
  const hsize_t width = dims.size() == 2 ? dims[1] : 1;
  h5::Handle type = h5::datatype_handle(H5Dget_type(ds.id()), "read the type of", name);
  const bool is_enum = H5Tget_class(type.id()) == H5T_ENUM;
  std::vector<std::string> texts;
  if (is_enum) {
    std::vector<std::int32_t> values(dims[0]);
    h5::read_block(ds.id(), H5T_NATIVE_INT32, {0}, {dims[0]}, values.data());
    for (std::int32_t v : values) {
      char label[256] = {};
      if (H5Tenum_nameof(type.id(), &v, label, sizeof label) < 0)
        refuse(path, fmt::format("/parameters/{} holds a value its enum does not name", name));
      texts.emplace_back(label);
    }
  } else {
    std::vector<double> values(dims[0] * width);
    std::vector<hsize_t> count{dims[0]};
    if (dims.size() == 2) count.push_back(width);
    h5::read_block(ds.id(), H5T_NATIVE_DOUBLE, std::vector<hsize_t>(dims.size(), 0), count,
                   values.data());
    for (hsize_t r = 0; r < dims[0]; ++r) {
      std::string text;
      for (hsize_t k = 0; k < width; ++k)
        text += (k > 0 ? ", " : "") + fmt::format("{}", values[r * width + k]);
      texts.push_back(dims.size() == 2 ? "[" + text + "]" : text);
    }
  }
  // A set, not a search of the list: a sweep of 10^5 points has as many distinct values.
  std::unordered_set<std::string> seen;
  for (std::string& t : texts)
    if (seen.insert(t).second) p.distinct_values.push_back(std::move(t));
  return p;
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
      ++(run.status == record::RunStatus::ok ? s.runs_ok : s.runs_failed);
    }
    h5::Handle partners = h5::open_dataset(root, "partner");
    s.partner_names = h5::read_strings(partners.id());

    h5::Handle summary = h5::open_group(root, "summary");
    s.metrics = data_members(summary.id());
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

    if (h5::attribute_exists(manifest.id(), "points"))
      s.points = h5::read_int64_attribute(manifest.id(), "points");
    if (h5::attribute_exists(manifest.id(), "arms"))
      s.arms = static_cast<std::int32_t>(h5::read_int64_attribute(manifest.id(), "arms"));
    if (h5::link_exists(root, "parameters")) {
      h5::Handle parameters = h5::open_group(root, "parameters");
      for (const std::string& name : data_members(parameters.id()))
        s.parameters.push_back(read_recorded_parameter(path, parameters.id(), name));
    }

    if (h5::link_exists(root, "provenance")) {
      h5::Handle provenance = h5::open_group(root, "provenance");
      for (const char* key : {"command_line", "created", "host"})
        if (h5::attribute_exists(provenance.id(), key))
          s.provenance[key] = h5::read_string_attribute(provenance.id(), key);
      for (const char* key : {"threads", "ranks"})
        if (h5::attribute_exists(provenance.id(), key))
          s.provenance[key] = std::to_string(h5::read_int64_attribute(provenance.id(), key));
    }
    return s;
  });
}

// Rows [first, first + count) of /manifest/point_assignments: per design point, fixed-length
// strings, one per swept parameter, read in one go.
static std::vector<std::vector<std::string>> read_point_assignment_rows(
    const std::filesystem::path& path, hid_t manifest, std::int64_t first, std::int64_t count) {
  h5::Handle dataset = h5::open_dataset(manifest, "point_assignments");
  h5::Handle type = h5::datatype_handle(H5Dget_type(dataset.id()), "get", "the type");
  const std::size_t width = H5Tget_size(type.id());
  const auto dims = h5::dataset_dims(dataset.id());
  if (H5Tget_class(type.id()) != H5T_STRING || H5Tis_variable_str(type.id()) != 0 || width == 0 ||
      width > (1u << 20) || dims.size() != 2 || dims[1] > 4096 || dims[0] > (hsize_t{1} << 24))
    refuse(path, "/manifest/point_assignments is not a table of fixed-length strings");
  if (first < 0 || count < 0 || static_cast<hsize_t>(first + count) > dims[0])
    refuse(path, fmt::format("/manifest/point_assignments has no design point {}",
                             first + std::max<std::int64_t>(count - 1, 0)));
  const auto rows = static_cast<hsize_t>(count);
  if (width * rows * dims[1] > (std::size_t{1} << 31))
    refuse(path, "/manifest/point_assignments is larger than a sweep's design can be");
  std::vector<char> table(width * rows * dims[1]);
  if (!table.empty())
    h5::read_block(dataset.id(), type.id(), {static_cast<hsize_t>(first), 0}, {rows, dims[1]},
                   table.data());
  std::vector<std::vector<std::string>> out(rows);
  for (hsize_t r = 0; r < rows; ++r)
    for (hsize_t f = 0; f < dims[1]; ++f) {
      const char* text = table.data() + (r * dims[1] + f) * width;
      out[r].emplace_back(text, strnlen(text, width));
    }
  return out;
}

static std::int64_t point_assignment_count(hid_t manifest) {
  h5::Handle dataset = h5::open_dataset(manifest, "point_assignments");
  return static_cast<std::int64_t>(h5::dataset_dims(dataset.id()).at(0));
}

SweepDesign read_sweep_design(const std::filesystem::path& path) {
  return as_unreadable(path, [&] {
    h5::Handle file = open_results(path);
    SweepDesign design;
    if (!h5::link_exists(file.id(), "design")) return design;
    design.present = true;
    h5::Handle group = h5::open_group(file.id(), "design");
    design.kind = h5::read_string_attribute(group.id(), "kind");
    design.replications = h5::read_int64_attribute(group.id(), "replications");
    h5::Handle factor = h5::open_dataset(group.id(), "factor");
    design.factors = h5::read_strings(factor.id());
    h5::Handle manifest = h5::open_group(file.id(), "manifest");
    if (!h5::link_exists(manifest.id(), "point_assignments")) return design;
    for (std::vector<std::string>& row : read_point_assignment_rows(
             path, manifest.id(), 0, point_assignment_count(manifest.id()))) {
      for (std::string& assignment : row) assignment = assignment.substr(assignment.find('=') + 1);
      if (row.size() != design.factors.size())
        refuse(path, "/manifest/point_assignments does not have one column per /design/factor");
      design.point_values.push_back(std::move(row));
    }
    return design;
  });
}

RunOrigin read_run_origin(const std::filesystem::path& path, std::int64_t run_id) {
  return as_unreadable(path, [&] {
    h5::Handle file = open_results(path);
    const hid_t root = file.id();
    const std::vector<RunInfo> table = read_run_table(path, root);
    auto found = std::find_if(table.begin(), table.end(),
                              [&](const RunInfo& r) { return r.run_id == run_id; });
    if (found == table.end())
      refuse(path, fmt::format("no run with id {} (the file has {} runs{})", run_id, table.size(),
                               table.empty() ? ""
                                             : fmt::format(", ids {} to {}", table.front().run_id,
                                                           table.back().run_id)));
    h5::Handle manifest = h5::open_group(root, "manifest");
    const std::int32_t arms =
        static_cast<std::int32_t>(h5::read_int64_attribute(manifest.id(), "arms"));
    h5::Handle scenarios = h5::open_dataset(manifest.id(), "scenarios");
    const std::vector<std::string> texts = h5::read_strings(scenarios.id());
    const std::int64_t first_point = h5::attribute_exists(manifest.id(), "first_point")
                                         ? h5::read_int64_attribute(manifest.id(), "first_point")
                                         : 0;
    const std::int64_t first_arm = h5::attribute_exists(manifest.id(), "first_arm")
                                       ? h5::read_int64_attribute(manifest.id(), "first_arm")
                                       : 0;
    RunOrigin origin;
    origin.replication = found->replication;
    origin.point = found->point;
    origin.arm = found->arm;
    origin.master_seed = h5::read_uint64_attribute(root, "master_seed");
    // A sweep keeps one base and per point its assignments; other files one text per scenario.
    const bool sweep = h5::link_exists(manifest.id(), "point_assignments");
    const std::int64_t index = sweep
                                   ? found->arm - first_arm
                                   : (found->point - first_point) * arms + (found->arm - first_arm);
    if (arms < 1 || index < 0 || index >= static_cast<std::int64_t>(texts.size()))
      refuse(path, fmt::format("/manifest/scenarios has no scenario for run {}", run_id));
    origin.scenario_resolved = texts[static_cast<std::size_t>(index)];
    if (sweep)
      origin.assignments =
          read_point_assignment_rows(path, manifest.id(), found->point - first_point, 1).front();
    return origin;
  });
}

std::vector<RunInfo> read_runs(const std::filesystem::path& path) {
  return as_unreadable(path, [&] {
    h5::Handle file = open_results(path);
    return read_run_table(path, file.id());
  });
}

record::RunRecord read_run(const std::filesystem::path& path, std::int64_t run_id) {
  return as_unreadable(path, [&] {
    h5::Handle file = open_results(path);
    const hid_t root = file.id();
    const std::vector<RunInfo> table = read_run_table(path, root);
    auto found = std::find_if(table.begin(), table.end(),
                              [&](const RunInfo& r) { return r.run_id == run_id; });
    if (found == table.end()) refuse(path, fmt::format("no run with id {}", run_id));
    const auto row = static_cast<hsize_t>(found - table.begin());
    const bool failed = found->status == record::RunStatus::failed;

    record::RunRecord r;
    r.run_id = found->run_id;
    r.point = found->point;
    r.arm = found->arm;
    r.replication = found->replication;
    r.seed = random::RunSeed{found->seed};
    r.status = found->status;
    r.failure_reason = found->failure_reason;
    {
      h5::Handle manifest = h5::open_group(root, "manifest");
      r.steps = static_cast<std::int32_t>(h5::read_int64_attribute(manifest.id(), "steps"));
    }
    if (r.steps < 0) refuse(path, "/manifest: negative step count");
    const auto step_values = static_cast<hsize_t>(r.steps) + 1;

    for (const record::MetricDecl& decl : record::kMetrics) {
      h5::Handle ds = h5::open_dataset(root, fmt::format("summary/{}", decl.name));
      r.summary.push_back(read_run_block(path, ds.id(), row, {})[0]);
    }
    if (failed && all_nan(r.summary)) r.summary.clear();

    if (h5::link_exists(root, "series")) {
      for (const record::MetricDecl& decl : record::kMetrics) {
        h5::Handle ds = h5::open_dataset(root, fmt::format("series/{}", decl.name));
        r.series.push_back(read_run_block(path, ds.id(), row, {step_values}));
      }
      if (failed && all_nan(r.series)) r.series.clear();
    }

    if (h5::link_exists(root, "agents")) {
      r.sample_steps = read_int32_axis(root, "agents/sample_step");
      const auto samples = static_cast<hsize_t>(r.sample_steps.size());
      h5::Handle partner_axis = h5::open_dataset(root, "partner");
      const hsize_t partners = h5::dataset_dims(partner_axis.id()).at(0);
      for (const record::VariableDecl& decl : record::kAgentVariables) {
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

    if (h5::link_exists(root, "events")) read_tables(path, root, run_id, r);
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
    read_sweep_design(path);
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
