#include "io/results_writer.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <limits>
#include <numeric>
#include <optional>
#include <stdexcept>
#include <system_error>

#include "io/hdf5_handle.hpp"
#include "io/results_schema.hpp"
#include "model/parameter_table.hpp"
#include "scenario/load_scenario.hpp"
#include "sim/metrics.hpp"

namespace regiesim::io {

namespace {

using model::RecordLevel;

constexpr double kNotRecorded = std::numeric_limits<double>::quiet_NaN();
constexpr hsize_t kRunChunk = 1024;
constexpr hsize_t kEventChunk = 4096;
constexpr hsize_t kValuesPerChunk = 131072;  // 1 MiB of float64 per chunk at most

// Removes `<final>.partial` unless the file was committed. Declared first in Impl, so it runs
// after every HDF5 handle of the file has been closed.
struct PartialFileGuard {
  std::filesystem::path path;
  bool armed = false;
  ~PartialFileGuard() {
    if (!armed) return;
    std::error_code ignored;
    std::filesystem::remove(path, ignored);
  }
};

// A per-run dataset of float64 values: (run, rest...), extendible in runs, one run per chunk
// (split further when a run's block exceeds kValuesPerChunk), NaN where nothing was recorded.
h5::Handle create_per_run(hid_t group, const std::string& name, std::vector<hsize_t> rest,
                          bool compress) {
  h5::DatasetLayout layout;
  layout.dims = {0};
  layout.max_dims = {H5S_UNLIMITED};
  layout.chunk = {rest.empty() ? kRunChunk : 1};
  hsize_t budget = kValuesPerChunk;
  for (auto it = rest.rbegin(); it != rest.rend(); ++it) {
    hsize_t c = std::clamp<hsize_t>(*it, 1, std::max<hsize_t>(budget, 1));
    budget = std::max<hsize_t>(budget / c, 1);
    layout.chunk.insert(layout.chunk.begin() + 1, c);
  }
  for (hsize_t d : rest) {
    layout.dims.push_back(d);
    // A zero-length dimension cannot hold a chunk of one unless it may grow.
    layout.max_dims.push_back(d == 0 ? H5S_UNLIMITED : d);
  }
  layout.compress = compress;
  layout.fill = &kNotRecorded;
  return h5::create_dataset(group, name, H5T_IEEE_F64LE, layout);
}

// Units and meaning of a metric or a per-partner variable.
template <typename Decl>
void describe(hid_t object, const Decl& decl) {
  h5::write_string_attribute(object, "units", decl.unit);
  h5::write_string_attribute(object, "description", decl.description);
}

h5::Handle create_axis(hid_t axes, const char* name, hid_t file_type, hid_t memory_type,
                       hsize_t length, const void* values) {
  h5::DatasetLayout layout;
  layout.dims = {length};
  h5::Handle axis = h5::create_dataset(axes, name, file_type, layout);
  h5::write_block(axis.id(), memory_type, {0}, {length}, values);
  h5::set_scale(axis.id(), name);
  return axis;
}

}  // namespace

struct ResultsWriter::Impl {
  PartialFileGuard guard;
  std::filesystem::path final_path;
  std::filesystem::path partial_path;
  RecordLevel level;
  std::int32_t steps;
  hsize_t partners;
  hsize_t edges;
  schema::RowTypes types;

  h5::Handle file;
  h5::Handle axes;
  h5::Handle run_axis;
  h5::Handle step_axis;
  h5::Handle sample_axis;
  h5::Handle partner_axis;
  h5::Handle edge_axis;
  h5::Handle runs;
  std::vector<h5::Handle> summary;
  std::vector<h5::Handle> series;
  h5::Handle events;
  h5::Handle agents_group;
  std::vector<h5::Handle> agents;
  h5::Handle trust_group;
  h5::Handle trust_values;

  hsize_t run_count = 0;
  hsize_t event_count = 0;
  std::optional<std::int64_t> last_run_id;
  std::optional<std::vector<std::int32_t>> sample_steps;  // set by the first run that has them
  bool closed = false;
  bool committed = false;

  Impl(std::filesystem::path final, const scenario::ScenarioSpec& spec,
       const network::Network& network, const Manifest& manifest, const Provenance& provenance);

  bool records(RecordLevel l) const { return level >= l; }
  void write_root(const scenario::ScenarioSpec& spec, const Manifest& manifest);
  void write_manifest(const scenario::ScenarioSpec& spec, const Manifest& manifest);
  void write_provenance(const Provenance& provenance);
  void create_axes(const scenario::ScenarioSpec& spec);
  void create_runs();
  void create_summary_and_series();
  void create_events();
  void create_trust_edges(const network::Network& network);
  void create_sampled(const std::vector<std::int32_t>& steps_sampled);
  void append(const sim::RunRecord& record);
  void close_file();
};

ResultsWriter::Impl::Impl(std::filesystem::path final, const scenario::ScenarioSpec& spec,
                          const network::Network& network, const Manifest& manifest,
                          const Provenance& provenance)
    : final_path(std::move(final)),
      partial_path(final_path.string() + ".partial"),
      level(spec.parameters.record_level),
      steps(static_cast<std::int32_t>(spec.parameters.steps)),
      partners(static_cast<hsize_t>(spec.partner_count())),
      edges(static_cast<hsize_t>(network.edge_count())),
      types(schema::make_row_types()) {
  if (network.partners != spec.partner_count())
    throw std::logic_error(
        fmt::format("ResultsWriter: the network has {} partners, the scenario {}", network.partners,
                    spec.partner_count()));
  // Say which directory is missing rather than leave it to HDF5's errno text.
  std::filesystem::path directory = partial_path.parent_path();
  if (directory.empty()) directory = ".";
  std::error_code ec;
  auto status = std::filesystem::status(directory, ec);
  if (!std::filesystem::exists(status))
    throw OutputError(fmt::format("{}: cannot create: the directory {} does not exist",
                                  partial_path.string(), directory.string()));
  if (!std::filesystem::is_directory(status))
    throw OutputError(fmt::format("{}: cannot create: {} is not a directory", partial_path.string(),
                                  directory.string()));

  h5::Handle fcpl = h5::plist_handle(H5Pcreate(H5P_FILE_CREATE), "create", "file properties");
  // The root lists its groups in the order written (manifest, provenance, runs, ...).
  h5::check(H5Pset_link_creation_order(fcpl.id(), H5P_CRT_ORDER_TRACKED | H5P_CRT_ORDER_INDEXED),
            "configure", "file properties");
  // The root group too carries no modification time (same results, same bytes).
  h5::check(H5Pset_obj_track_times(fcpl.id(), 0), "configure", "file properties");
  // H5F_ACC_TRUNC replaces a stale partial file left by an interrupted run.
  file = h5::file_handle(H5Fcreate(partial_path.c_str(), H5F_ACC_TRUNC, fcpl.id(), H5P_DEFAULT),
                         "create", "the file");
  guard.path = partial_path;
  guard.armed = true;

  write_root(spec, manifest);
  write_manifest(spec, manifest);
  write_provenance(provenance);
  create_axes(spec);
  create_runs();
  h5::Handle parameters = h5::create_group(file.id(), "parameters");
  h5::write_string_attribute(parameters.id(), "description",
                             "Per run, the parameters that vary between the runs of this file. A "
                             "single-scenario file has none: every run uses the parameters in "
                             "/manifest/parameters.");
  create_summary_and_series();
  if (records(RecordLevel::series)) create_events();
  if (records(RecordLevel::agents))
    agents_group = h5::create_group(file.id(), "agents", /*track_order=*/true);
  if (records(RecordLevel::full)) create_trust_edges(network);
}

void ResultsWriter::Impl::write_root(const scenario::ScenarioSpec& spec, const Manifest& manifest) {
  const hid_t root = file.id();
  h5::write_string_attribute(root, "schema", schema::kSchemaName);
  h5::write_int32_attribute(root, "schema_version", kSchemaVersion);
  h5::write_string_attribute(root, "regiesim_version", manifest.regiesim_version);
  h5::write_string_attribute(root, "git_commit", manifest.git_commit);
  h5::write_uint64_attribute(root, "master_seed", manifest.master_seed);
  h5::write_string_attribute(root, "scenario_name", spec.name);
  h5::write_string_attribute(
      root, "record_level",
      model::format_value(*model::find_parameter("record.level"), static_cast<double>(level)));
}

void ResultsWriter::Impl::write_manifest(const scenario::ScenarioSpec& spec,
                                         const Manifest& manifest) {
  h5::Handle group = h5::create_group(file.id(), "manifest");
  const hid_t g = group.id();
  h5::write_string_attribute(g, "scenario_label", spec.source_label);
  h5::write_string_attribute(g, "scenario_text", spec.source_text);
  h5::write_string_attribute(g, "scenario_resolved", scenario::resolved_toml(spec));
  h5::write_string_array_attribute(g, "overrides", spec.overrides);
  h5::write_int64_attribute(g, "replications", manifest.replications);
  h5::write_uint64_attribute(g, "master_seed", manifest.master_seed);
  h5::write_string_attribute(g, "regiesim_version", manifest.regiesim_version);
  h5::write_string_attribute(g, "git_commit", manifest.git_commit);
  // The step count is needed to read a run back even at level `summary`, which has no step axis.
  h5::write_int32_attribute(g, "steps", steps);

  // The table's string_views are not null-terminated in general: HDF5 gets copies.
  const auto table = model::parameter_table();
  std::vector<std::string> texts;
  for (const model::ParameterDecl& decl : table) {
    texts.emplace_back(decl.path);
    texts.push_back(model::format_value(decl, decl.get(spec.parameters)));
    texts.emplace_back(decl.unit);
    texts.emplace_back(decl.claim);
  }
  std::vector<schema::ParameterRow> rows;
  for (std::size_t i = 0; i < texts.size(); i += 4)
    rows.push_back(
        {texts[i].c_str(), texts[i + 1].c_str(), texts[i + 2].c_str(), texts[i + 3].c_str()});
  h5::DatasetLayout layout;
  layout.dims = {rows.size()};
  h5::Handle parameters = h5::create_dataset(g, "parameters", types.parameters.file(), layout);
  h5::write_block(parameters.id(), types.parameters.memory(), {0}, {rows.size()}, rows.data());
  h5::write_string_attribute(parameters.id(), "description",
                             "Every model parameter of the scenario as run: dotted path, value "
                             "(as text), unit and the claim it implements.");
}

void ResultsWriter::Impl::write_provenance(const Provenance& provenance) {
  h5::Handle group = h5::create_group(file.id(), "provenance");
  h5::write_string_attribute(group.id(), "command_line", provenance.command_line);
  h5::write_string_attribute(group.id(), "created", provenance.created);
  h5::write_string_attribute(group.id(), "host", provenance.host);
  h5::write_int32_attribute(group.id(), "threads", provenance.threads);
}

void ResultsWriter::Impl::create_axes(const scenario::ScenarioSpec& spec) {
  axes = h5::create_group(file.id(), "axes", /*track_order=*/true);
  {
    h5::DatasetLayout layout;
    layout.dims = {0};
    layout.max_dims = {H5S_UNLIMITED};
    layout.chunk = {kRunChunk};
    run_axis = h5::create_dataset(axes.id(), "run", H5T_STD_I64LE, layout);
    h5::set_scale(run_axis.id(), "run");
  }
  if (records(RecordLevel::series)) {
    std::vector<std::int32_t> step_values(static_cast<std::size_t>(steps) + 1);
    std::iota(step_values.begin(), step_values.end(), 0);
    step_axis = create_axis(axes.id(), "step", H5T_STD_I32LE, H5T_NATIVE_INT32, step_values.size(),
                            step_values.data());
  }
  {
    std::vector<std::string> names;
    for (const model::PartnerSpec& p : spec.partners) names.push_back(p.name);
    h5::DatasetLayout layout;
    layout.dims = {names.size()};
    partner_axis = h5::create_dataset(axes.id(), "partner", types.string.id(), layout);
    h5::write_strings(partner_axis.id(), names);
    h5::set_scale(partner_axis.id(), "partner");
  }
  if (records(RecordLevel::full)) {
    std::vector<std::int64_t> edge_ids(edges);
    std::iota(edge_ids.begin(), edge_ids.end(), 0);
    edge_axis =
        create_axis(axes.id(), "edge", H5T_STD_I64LE, H5T_NATIVE_INT64, edges, edge_ids.data());
  }
}

void ResultsWriter::Impl::create_runs() {
  h5::DatasetLayout layout;
  layout.dims = {0};
  layout.max_dims = {H5S_UNLIMITED};
  layout.chunk = {256};
  runs = h5::create_dataset(file.id(), "runs", types.runs.file(), layout);
  h5::attach_scale(runs.id(), run_axis.id(), 0);
  h5::write_string_attribute(runs.id(), "description",
                             "One row per run, ordered by run id: design point, arm, replication, "
                             "run seed, status and why a failed run failed.");
}

void ResultsWriter::Impl::create_summary_and_series() {
  h5::Handle summary_group = h5::create_group(file.id(), "summary", /*track_order=*/true);
  for (const sim::MetricDecl& decl : sim::kMetrics) {
    h5::Handle ds = create_per_run(summary_group.id(), std::string(decl.name), {}, false);
    describe(ds.id(), decl);
    h5::write_string_attribute(ds.id(), "summary",
                               decl.summary == sim::Summary::total ? "total" : "final value");
    h5::attach_scale(ds.id(), run_axis.id(), 0);
    summary.push_back(std::move(ds));
  }
  if (!records(RecordLevel::series)) return;
  h5::Handle series_group = h5::create_group(file.id(), "series", /*track_order=*/true);
  for (const sim::MetricDecl& decl : sim::kMetrics) {
    h5::Handle ds = create_per_run(series_group.id(), std::string(decl.name),
                                   {static_cast<hsize_t>(steps) + 1}, true);
    describe(ds.id(), decl);
    h5::attach_scale(ds.id(), run_axis.id(), 0);
    h5::attach_scale(ds.id(), step_axis.id(), 1);
    series.push_back(std::move(ds));
  }
}

void ResultsWriter::Impl::create_events() {
  h5::DatasetLayout layout;
  layout.dims = {0};
  layout.max_dims = {H5S_UNLIMITED};
  layout.chunk = {kEventChunk};
  layout.compress = true;
  events = h5::create_dataset(file.id(), "events", types.events.file(), layout);
  h5::write_string_attribute(
      events.id(), "description",
      "What happened, one row per event, ordered by run and step: the run id, the step, the kind, "
      "who acted (source) on whom (target), the regie effort it cost and a value (convene: "
      "partners present; exit: the leaver's commitment). source = -1: the regisseur; "
      "target = -1: the whole group.");
  h5::write_int32_attribute(events.id(), "regisseur", sim::kRegisseur);
  h5::write_int32_attribute(events.id(), "whole_group", sim::kWholeGroup);
  h5::write_string_attribute(events.id(), "cost_units", "effort");
}

void ResultsWriter::Impl::create_trust_edges(const network::Network& network) {
  trust_group = h5::create_group(file.id(), "trust", /*track_order=*/true);
  std::vector<std::int32_t> pairs;
  pairs.reserve(2 * edges);
  for (hsize_t e = 0; e < edges; ++e) {
    pairs.push_back(network.source[e]);
    pairs.push_back(network.target[e]);
  }
  h5::DatasetLayout layout;
  layout.dims = {edges, 2};
  h5::Handle edge_list = h5::create_dataset(trust_group.id(), "edges", H5T_STD_I32LE, layout);
  h5::write_block(edge_list.id(), H5T_NATIVE_INT32, {0, 0}, {edges, 2}, pairs.data());
  h5::attach_scale(edge_list.id(), edge_axis.id(), 0);
  h5::write_string_attribute(edge_list.id(), "description",
                             "Each directed tie as (source, target) partner ids; an undirected tie "
                             "{i, j} appears twice, as i->j and j->i.");
}

// The sample axis and the datasets that use it are created when the first run brings its sample
// steps (identical for every run of a file), or at commit if no run had any.
void ResultsWriter::Impl::create_sampled(const std::vector<std::int32_t>& steps_sampled) {
  sample_steps = steps_sampled;
  const auto samples = static_cast<hsize_t>(steps_sampled.size());
  sample_axis = create_axis(axes.id(), "sample_step", H5T_STD_I32LE, H5T_NATIVE_INT32, samples,
                            steps_sampled.data());
  for (const sim::VariableDecl& decl : sim::kAgentVariables) {
    h5::Handle ds =
        create_per_run(agents_group.id(), std::string(decl.name), {samples, partners}, true);
    describe(ds.id(), decl);
    h5::attach_scale(ds.id(), run_axis.id(), 0);
    h5::attach_scale(ds.id(), sample_axis.id(), 1);
    h5::attach_scale(ds.id(), partner_axis.id(), 2);
    // Runs appended before the datasets existed: their rows stay NaN (nothing recorded).
    h5::extend(ds.id(), {run_count, samples, partners});
    agents.push_back(std::move(ds));
  }
  if (records(RecordLevel::full)) {
    trust_values = create_per_run(trust_group.id(), "values", {samples, edges}, true);
    h5::write_string_attribute(trust_values.id(), "units", "1");
    h5::write_string_attribute(trust_values.id(), "description",
                               "trust[i->j]: how much partner i trusts partner j (0..1), per "
                               "directed tie of /trust/edges, at each sample step");
    h5::attach_scale(trust_values.id(), run_axis.id(), 0);
    h5::attach_scale(trust_values.id(), sample_axis.id(), 1);
    h5::attach_scale(trust_values.id(), edge_axis.id(), 2);
    h5::extend(trust_values.id(), {run_count, samples, edges});
  }
}

void ResultsWriter::Impl::append(const sim::RunRecord& r) {
  if (closed) throw std::logic_error("ResultsWriter::append after commit");
  if (last_run_id && r.run_id <= *last_run_id)
    throw std::logic_error(
        fmt::format("ResultsWriter::append: run {} after run {}; runs must "
                    "arrive in ascending id order",
                    r.run_id, *last_run_id));
  if (r.run_id < 0) throw std::logic_error("ResultsWriter::append: negative run id");
  const bool failed = r.status == sim::RunStatus::failed;
  const auto step_values = static_cast<std::size_t>(steps) + 1;
  // A failed run may have recorded nothing (empty blocks, written as NaN); anything else must
  // have the file's shapes, or the record came from a different scenario.
  auto check_size = [&](const char* what, std::size_t have, std::size_t want) {
    if (have == want || (failed && have == 0)) return;
    throw std::logic_error(
        fmt::format("ResultsWriter::append: run {}: {} has {} values, the file "
                    "expects {}",
                    r.run_id, what, have, want));
  };
  check_size("summary", r.summary.size(), sim::kMetricCount);
  if (records(RecordLevel::series)) {
    check_size("series", r.series.size(), sim::kMetricCount);
    for (const auto& s : r.series) check_size("a series", s.size(), step_values);
  }
  if (records(RecordLevel::agents) && !r.sample_steps.empty()) {
    if (!sample_steps) create_sampled(r.sample_steps);
    if (r.sample_steps != *sample_steps)
      throw std::logic_error(fmt::format(
          "ResultsWriter::append: run {} sampled other steps than the runs before it", r.run_id));
  }
  const std::size_t samples = sample_steps ? sample_steps->size() : 0;
  if (records(RecordLevel::agents)) {
    if (!r.agents.empty() && !sample_steps)
      throw std::logic_error(fmt::format(
          "ResultsWriter::append: run {} has agent samples but no sample steps", r.run_id));
    check_size("agents", r.agents.size(), r.agents.empty() ? 0 : sim::kAgentVariableCount);
    for (const auto& a : r.agents) check_size("an agent variable", a.size(), samples * partners);
  }
  if (records(RecordLevel::full)) check_size("trust", r.trust.size(), samples * edges);

  const hsize_t row = run_count;
  const hsize_t rows = run_count + 1;
  h5::extend(run_axis.id(), {rows});
  h5::write_block(run_axis.id(), H5T_NATIVE_INT64, {row}, {1}, &r.run_id);

  std::string reason = r.failure_reason;
  schema::RunRow run_row{
      r.run_id,     0, 0, r.replication, r.seed.value, static_cast<std::int8_t>(r.status),
      reason.data()};
  h5::extend(runs.id(), {rows});
  h5::write_block(runs.id(), types.runs.memory(), {row}, {1}, &run_row);

  for (std::size_t m = 0; m < summary.size(); ++m) {
    h5::extend(summary[m].id(), {rows});
    if (!r.summary.empty())
      h5::write_block(summary[m].id(), H5T_NATIVE_DOUBLE, {row}, {1}, &r.summary[m]);
  }
  for (std::size_t m = 0; m < series.size(); ++m) {
    h5::extend(series[m].id(), {rows, step_values});
    if (!r.series.empty())
      h5::write_block(series[m].id(), H5T_NATIVE_DOUBLE, {row, 0}, {1, step_values},
                      r.series[m].data());
  }
  for (std::size_t v = 0; v < agents.size(); ++v) {
    h5::extend(agents[v].id(), {rows, samples, partners});
    if (!r.agents.empty())
      h5::write_block(agents[v].id(), H5T_NATIVE_DOUBLE, {row, 0, 0}, {1, samples, partners},
                      r.agents[v].data());
  }
  if (trust_values.valid()) {
    h5::extend(trust_values.id(), {rows, samples, edges});
    if (!r.trust.empty())
      h5::write_block(trust_values.id(), H5T_NATIVE_DOUBLE, {row, 0, 0}, {1, samples, edges},
                      r.trust.data());
  }
  if (events.valid() && !r.events.empty()) {
    std::vector<schema::EventRow> event_rows;
    event_rows.reserve(r.events.size());
    for (const sim::Event& e : r.events)
      event_rows.push_back({r.run_id, e.step, static_cast<std::int8_t>(e.kind), e.source, e.target,
                            e.cost, e.value});
    const auto n = static_cast<hsize_t>(event_rows.size());
    h5::extend(events.id(), {event_count + n});
    h5::write_block(events.id(), types.events.memory(), {event_count}, {n}, event_rows.data());
    event_count += n;
  }
  run_count = rows;
  last_run_id = r.run_id;
}

void ResultsWriter::Impl::close_file() {
  if (records(RecordLevel::agents) && !sample_steps) create_sampled({});
  // Every object of the file is closed before the file itself, so that H5Fclose really closes
  // (and flushes) it before the rename.
  trust_values.reset();
  trust_group.reset();
  agents.clear();
  agents_group.reset();
  events.reset();
  series.clear();
  summary.clear();
  runs.reset();
  edge_axis.reset();
  partner_axis.reset();
  sample_axis.reset();
  step_axis.reset();
  run_axis.reset();
  axes.reset();
  file.close("the file");
  closed = true;
}

namespace {

// Runs `body`, turning HDF5 failures into OutputError naming the file.
template <typename Body>
void as_output_error(const std::filesystem::path& path, Body&& body) {
  try {
    body();
  } catch (const h5::Failure& e) {
    throw OutputError(fmt::format("{}: {}", path.string(), e.what()));
  } catch (const std::filesystem::filesystem_error& e) {
    throw OutputError(fmt::format("{}: {}", path.string(), e.code().message()));
  }
}

}  // namespace

ResultsWriter::ResultsWriter(std::filesystem::path final_path, const scenario::ScenarioSpec& spec,
                             const network::Network& network, const Manifest& manifest,
                             const Provenance& provenance) {
  h5::silence_errors();
  const std::filesystem::path partial = final_path.string() + ".partial";
  as_output_error(partial, [&] {
    impl_ = std::make_unique<Impl>(std::move(final_path), spec, network, manifest, provenance);
  });
}

ResultsWriter::~ResultsWriter() = default;

void ResultsWriter::append(const sim::RunRecord& record) {
  as_output_error(impl_->partial_path, [&] { impl_->append(record); });
}

void ResultsWriter::commit(bool overwrite) {
  Impl& impl = *impl_;
  if (impl.committed) throw std::logic_error("ResultsWriter::commit called twice");
  if (!impl.closed) as_output_error(impl.partial_path, [&] { impl.close_file(); });
  std::error_code ec;
  if (!overwrite && std::filesystem::exists(impl.final_path, ec))
    throw OutputError(
        fmt::format("{}: exists already; not replaced (the results are in {} until this writer "
                    "is destroyed)",
                    impl.final_path.string(), impl.partial_path.string()));
  std::filesystem::rename(impl.partial_path, impl.final_path, ec);
  if (ec)
    throw OutputError(fmt::format("{}: cannot rename {} to it: {}", impl.final_path.string(),
                                  impl.partial_path.string(), ec.message()));
  impl.committed = true;
  impl.guard.armed = false;
}

const std::filesystem::path& ResultsWriter::partial_path() const {
  return impl_->partial_path;
}

void skip_hdf5_exit_cleanup() {
  H5dont_atexit();
}

}  // namespace regiesim::io
