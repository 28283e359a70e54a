#include "io/results_writer.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <deque>
#include <limits>
#include <numeric>
#include <optional>
#include <stdexcept>
#include <system_error>
#include <type_traits>

#include "io/chunk_pipeline.hpp"
#include "io/chunked_column.hpp"
#include "io/hdf5_handle.hpp"
#include "io/results_schema.hpp"
#include "model/parameter_table.hpp"
#include "record/metrics.hpp"
#include "scenario/load_scenario.hpp"
#include "scenario/parameter_value.hpp"
#include "sim/recorder.hpp"

namespace regiesim::io {

namespace {

using model::RecordLevel;

constexpr double kNotRecorded = std::numeric_limits<double>::quiet_NaN();
constexpr hsize_t kRunsPerTableBlock = 1024;  // /runs rows buffered before one write

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

template <typename T>
std::vector<std::byte> bytes_of(T value) {
  std::vector<std::byte> b(sizeof(T));
  std::memcpy(b.data(), &value, sizeof(T));
  return b;
}

ColumnLayout layout_of(hid_t file_type, std::size_t element_size) {
  ColumnLayout layout;
  layout.file_type = file_type;
  layout.element_size = element_size;
  return layout;
}
// Float64 columns are NaN where nothing was recorded (a failed run).
ColumnLayout float64_layout(std::vector<hsize_t> row_shape = {}) {
  ColumnLayout layout = layout_of(H5T_IEEE_F64LE, 8);
  layout.row_shape = std::move(row_shape);
  layout.fill = bytes_of(kNotRecorded);
  return layout;
}
ColumnLayout int64_layout() {
  return layout_of(H5T_STD_I64LE, 8);
}
ColumnLayout int32_layout() {
  return layout_of(H5T_STD_I32LE, 4);
}
ColumnLayout int8_layout(hid_t type) {
  return layout_of(type, 1);
}

// Units and meaning of a metric or a per-partner variable.
template <typename Decl>
void describe(hid_t object, const Decl& decl) {
  h5::write_string_attribute(object, "units", decl.unit);
  h5::write_string_attribute(object, "description", decl.description);
}

// A dimension scale with values (a netCDF coordinate variable): step, partner, ...
h5::Handle create_axis(hid_t parent, const char* name, hid_t file_type, hid_t memory_type,
                       hsize_t length, const void* values) {
  h5::DatasetLayout layout;
  layout.dims = {length};
  h5::Handle axis = h5::create_dataset(parent, name, file_type, layout);
  h5::write_block(axis.id(), memory_type, {0}, {length}, values);
  h5::set_scale(axis.id(), name);
  return axis;
}

// A dimension scale that only carries a length (the rows of a table): extendible, never written,
// so it costs no space; netCDF readers show the dimension and no variable.
h5::Handle create_row_dimension(hid_t parent, const char* name) {
  h5::DatasetLayout layout;
  layout.dims = {0};
  layout.max_dims = {H5S_UNLIMITED};
  layout.chunk = {4096};
  h5::Handle dimension = h5::create_dataset(parent, name, H5T_STD_I32LE, layout);
  h5::set_scale(dimension.id(), schema::kDimensionOnly);
  return dimension;
}

std::vector<std::string_view> event_kind_names() {
  std::vector<std::string_view> names;
  for (int k = 0; k < record::kEventKindCount; ++k)
    names.push_back(record::event_kind_name(static_cast<record::EventKind>(k)));
  return names;
}

// Columns of a table that share one row dimension (events, meetings, negotiations).
struct Table {
  ChunkPipeline* pipeline = nullptr;
  h5::Handle group;
  h5::Handle rows;  // the row dimension
  std::string row_name;
  std::vector<ChunkedColumn> columns;

  ChunkedColumn& add(const char* name, ColumnLayout layout, const char* description,
                     const char* units = nullptr) {
    ChunkedColumn& c = columns.emplace_back(group.id(), name, std::move(layout), pipeline);
    h5::attach_scale(c.id(), rows.id(), 0, row_name);
    h5::write_string_attribute(c.id(), "description", description);
    if (units != nullptr) h5::write_string_attribute(c.id(), "units", units);
    return c;
  }
};

// Appends field(0), ..., field(n - 1) as n values of type T to a column, through `scratch`.
template <typename T, typename Field>
void append_column(ChunkedColumn& column, std::vector<std::byte>& scratch, std::size_t n,
                   Field field) {
  scratch.resize(n * sizeof(T));
  for (std::size_t i = 0; i < n; ++i) {
    const auto value = static_cast<T>(field(i));
    std::memcpy(scratch.data() + i * sizeof(T), &value, sizeof(T));
  }
  column.append(scratch.data(), n);
}

// A ragged list beside a table: values along a dimension of their own, sliced by the table's
// offset and count columns.
struct RaggedList {
  h5::Handle entries;  // its dimension
  ChunkedColumn values;
};

}  // namespace

struct ResultsWriter::Impl {
  PartialFileGuard guard;
  std::filesystem::path final_path;
  std::filesystem::path partial_path;
  RecordLevel level;
  std::int32_t steps;
  std::int32_t arms;
  std::int64_t first_point;
  std::int32_t first_arm;
  std::int64_t scenario_count;
  hsize_t expected_runs;  // FileScenarios::expected_runs
  hsize_t partners;
  hsize_t edges;
  std::vector<std::int32_t> sample_steps;
  std::vector<std::string> partner_names;
  schema::RowTypes types;
  h5::Handle event_kind_type = schema::int8_enum(event_kind_names(), "the event kind type");
  h5::Handle meeting_mode_type =
      schema::int8_enum(record::kMeetingModeNames, "the meeting mode type");
  h5::Handle convener_type = schema::int8_enum(record::kConvenerNames, "the convener type");
  h5::Handle protocol_type =
      schema::int8_enum(record::kNegotiationProtocolNames, "the negotiation protocol type");
  h5::Handle boolean_type = schema::boolean_enum();

  h5::Handle file;
  // Declared before every column: columns hand it their full chunks.
  ChunkPipeline pipeline;
  // Coordinates: in the group of the datasets they label, so that xarray, which reads one group
  // at a time, shows them (run ids, weeks, partner names); the root keeps run and partner.
  std::deque<ChunkedColumn> run_axes;  // one per group; every run id goes to each
  std::vector<h5::Handle> axes;        // the other coordinates, held open until the file closes
  h5::Handle dimension_axis;
  h5::Handle runs;
  std::vector<schema::RunRow> run_rows;  // buffered rows of /runs
  std::vector<std::string> run_reasons;  // their failure reasons, owned here
  hsize_t runs_written = 0;

  struct ParameterColumn {
    ChunkedColumn column;
    bool integer = false;             // stored as int64 (an integer parameter)
    bool choice = false;              // stored as int32 enum
    std::size_t width = 1;            // values per scenario: 1, or one per opgave dimension
    std::vector<double> by_scenario;  // scenario-major, `width` values each
    h5::Handle choice_type;
  };
  std::vector<ParameterColumn> parameters;
  std::vector<ChunkedColumn> summary;
  std::vector<ChunkedColumn> series;
  std::vector<ChunkedColumn> agents;
  ChunkedColumn trust_values;

  std::optional<Table> events;
  std::optional<Table> meetings;
  std::optional<RaggedList> meeting_participants;
  std::optional<Table> negotiations;
  std::optional<RaggedList> negotiation_participants;
  std::optional<RaggedList> negotiation_shares;

  // Scratch buffer for one column of one run's table rows, reused from run to run.
  std::vector<std::byte> scratch;

  hsize_t run_count = 0;
  std::optional<std::int64_t> last_run_id;
  bool design_written = false;
  bool closed = false;
  bool committed = false;

  Impl(std::filesystem::path final, FileScenarios scenarios, const network::Network& network,
       const Manifest& manifest, const Provenance& provenance);

  // A sweep's points (FileScenarios::points), and its point 0, which stands for "the first
  // scenario" where one is described (root attributes, /manifest/parameters).
  const design::SweepPoints* points = nullptr;
  std::optional<scenario::ScenarioSpec> point_zero;

  bool records(RecordLevel l) const { return level >= l; }
  void write_root(const scenario::ScenarioSpec& spec, const Manifest& manifest);
  void write_manifest(FileScenarios scenarios, const scenario::ScenarioSpec& spec,
                      const Manifest& manifest);
  void write_point_assignments(hid_t manifest_group);
  void write_provenance(const Provenance& provenance);
  void create_axes(const scenario::ScenarioSpec& spec);
  void create_runs();
  void create_parameters(FileScenarios scenarios);
  void create_summary_and_series();
  void create_agents_and_trust(const network::Network& network);
  void create_tables();
  void append(const record::RunRecord& record);
  void append_parameters(const record::RunRecord& record);
  void append_tables(const record::RunRecord& record);
  void flush_runs();
  void write_design(const design::SweepSpec& sweep, const design::Design& design);
  void close_file();

  // A dataset with a row per run: chunks no larger than the file's expected runs.
  ColumnLayout per_run(ColumnLayout layout) const {
    layout.expected_rows = expected_runs;
    return layout;
  }

  // A `run` coordinate in `group`, filled as runs arrive.
  hid_t add_run_axis(hid_t group) {
    ChunkedColumn& axis = run_axes.emplace_back(group, "run", per_run(int64_layout()), &pipeline);
    h5::set_scale(axis.id(), "run");
    h5::write_string_attribute(axis.id(), "description",
                               "run id: a pure function of (point, arm, replication), see /runs");
    return axis.id();
  }
  hid_t add_axis(h5::Handle axis) { return axes.emplace_back(std::move(axis)).id(); }
  hid_t add_step_axis(hid_t group);
  hid_t add_partner_axis(hid_t group);
  hid_t add_sample_axis(hid_t group);
};

ResultsWriter::Impl::Impl(std::filesystem::path final, FileScenarios scenarios,
                          const network::Network& network, const Manifest& manifest,
                          const Provenance& provenance)
    : final_path(std::move(final)),
      partial_path(final_path.string() + ".partial"),
      level(scenarios.scenarios.front().parameters.record_level),
      steps(static_cast<std::int32_t>(scenarios.scenarios.front().parameters.steps)),
      arms(scenarios.arms),
      first_point(scenarios.first_point),
      first_arm(scenarios.first_arm),
      scenario_count(scenarios.points != nullptr
                         ? scenarios.points->size() * scenarios.arms
                         : static_cast<std::int64_t>(scenarios.scenarios.size())),
      expected_runs(static_cast<hsize_t>(std::max<std::int64_t>(scenarios.expected_runs, 0))),
      partners(static_cast<hsize_t>(scenarios.scenarios.front().partner_count())),
      edges(static_cast<hsize_t>(network.edge_count())),
      types(schema::make_row_types()),
      points(scenarios.points) {
  if (points != nullptr) {
    if (arms != 1 || scenarios.scenarios.size() != 1 || points->size() < 1)
      throw std::logic_error("ResultsWriter: a sweep's points have one arm and one base");
    point_zero = points->scenario(0);
  }
  // What stands for the file's first scenario.
  const scenario::ScenarioSpec& spec = point_zero ? *point_zero : scenarios.scenarios.front();
  if (arms < 1 || scenario_count % arms != 0)
    throw std::logic_error("ResultsWriter: the scenarios are not a whole number of points");
  for (const scenario::ScenarioSpec& s : scenarios.scenarios)
    if (s.partner_count() != spec.partner_count() || s.parameters.steps != spec.parameters.steps ||
        s.parameters.record_level != spec.parameters.record_level ||
        s.parameters.record_agent_interval != spec.parameters.record_agent_interval)
      throw std::logic_error(
          "ResultsWriter: the scenarios of one file must agree on partners, steps and recording");
  if (network.partners != spec.partner_count())
    throw std::logic_error(
        fmt::format("ResultsWriter: the network has {} partners, the scenario {}", network.partners,
                    spec.partner_count()));
  if (records(RecordLevel::agents))
    sample_steps = sim::sample_steps(steps, spec.parameters.record_agent_interval);
  for (const model::PartnerSpec& p : spec.partners) partner_names.push_back(p.name);

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
  // The root lists its members in the order written (manifest, provenance, runs, ...).
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
  write_manifest(scenarios, spec, manifest);
  write_provenance(provenance);
  create_axes(spec);
  create_runs();
  create_parameters(scenarios);
  create_summary_and_series();
  if (records(RecordLevel::agents)) create_agents_and_trust(network);
  if (records(RecordLevel::series)) create_tables();
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

void ResultsWriter::Impl::write_manifest(FileScenarios scenarios,
                                         const scenario::ScenarioSpec& spec,
                                         const Manifest& manifest) {
  h5::Handle group = h5::create_group(file.id(), "manifest", /*track_order=*/true);
  const hid_t g = group.id();
  h5::write_int32_attribute(g, "schema_version", kSchemaVersion);
  h5::write_string_attribute(g, "scenario_label", spec.source_label);
  h5::write_string_attribute(g, "scenario_text", spec.source_text);
  h5::write_string_attribute(g, "scenario_resolved", scenario::resolved_toml(spec));
  h5::write_string_array_attribute(g, "overrides", spec.overrides);
  h5::write_int64_attribute(g, "replications", manifest.replications);
  h5::write_int64_attribute(g, "points", scenario_count / arms);
  h5::write_int32_attribute(g, "arms", arms);
  h5::write_int64_attribute(g, "first_point", first_point);
  h5::write_int32_attribute(g, "first_arm", first_arm);
  h5::write_uint64_attribute(g, "master_seed", manifest.master_seed);
  h5::write_string_attribute(g, "regiesim_version", manifest.regiesim_version);
  h5::write_string_attribute(g, "git_commit", manifest.git_commit);
  // The step count is needed to read a run back even at level `summary`, which has no step axis.
  h5::write_int32_attribute(g, "steps", steps);

  // One resolved text per scenario (arm, or the base of a sweep's points): with a sweep's point
  // assignments, all that `regiesim run --from` needs to redo any run of the file alone, with
  // the master seed and the run's replication.
  std::vector<std::int32_t> index(scenarios.scenarios.size());
  std::iota(index.begin(), index.end(), 0);
  h5::Handle scenario_axis =
      create_axis(g, "scenario", H5T_STD_I32LE, H5T_NATIVE_INT32, index.size(), index.data());
  h5::write_string_attribute(
      scenario_axis.id(), "description",
      points != nullptr
          ? "a sweep: one scenario, the base of every design point; a run of /runs uses it "
            "with the assignments of its point in point_assignments applied"
          : "scenario = (point - first_point) * arms + (arm - first_arm), the offsets "
            "attributes of /manifest (0 unless the file redoes one run of another); a run of "
            "/runs uses the scenario of its point and arm");
  std::vector<std::string> texts;
  for (const scenario::ScenarioSpec& s : scenarios.scenarios)
    texts.push_back(scenario::resolved_toml(s));
  h5::DatasetLayout text_layout;
  text_layout.dims = {texts.size()};
  h5::Handle resolved = h5::create_dataset(g, "scenarios", types.string.id(), text_layout);
  h5::write_strings(resolved.id(), texts);
  h5::attach_scale(resolved.id(), scenario_axis.id(), 0);
  h5::write_string_attribute(resolved.id(), "description",
                             points != nullptr
                                 ? "The base scenario of the sweep's points (its seed and "
                                   "replications set), every parameter explicit (TOML)"
                                 : "Per scenario (arm or design point), the scenario as run, "
                                   "every parameter explicit (TOML; `regiesim run` reads it back)");
  if (points != nullptr) write_point_assignments(g);

  // The table's string_views are not null-terminated in general: HDF5 gets copies.
  const auto table = model::parameter_table();
  std::vector<std::string> cells;
  for (const model::ParameterDecl& decl : table) {
    cells.emplace_back(decl.path);
    cells.push_back(model::format_setting(decl, spec.parameters));
    cells.emplace_back(decl.unit);
    cells.emplace_back(decl.claim);
  }
  std::vector<schema::ParameterRow> rows;
  for (std::size_t i = 0; i < cells.size(); i += 4)
    rows.push_back(
        {cells[i].c_str(), cells[i + 1].c_str(), cells[i + 2].c_str(), cells[i + 3].c_str()});
  h5::DatasetLayout layout;
  layout.dims = {rows.size()};
  h5::Handle parameters = h5::create_dataset(g, "parameters", types.parameters.file(), layout);
  h5::write_block(parameters.id(), types.parameters.memory(), {0}, {rows.size()}, rows.data());
  h5::Handle parameter_rows = create_row_dimension(g, "parameter");
  h5::extend(parameter_rows.id(), {rows.size()});
  h5::attach_scale(parameters.id(), parameter_rows.id(), 0, "parameter");
  h5::write_string_attribute(parameters.id(), "description",
                             "Every model parameter of the first scenario as run: dotted path, "
                             "value (as text), unit and the claim it implements.");
}

// Per design point, the assignments (as --set writes them) that make its scenario from the base
// in /manifest/scenarios: fixed-length strings in compressed chunks, a few bytes per point where
// one resolved text per point took 3 KB that HDF5 cannot compress (issue 16).
void ResultsWriter::Impl::write_point_assignments(hid_t g) {
  const hsize_t count = static_cast<hsize_t>(points->size());
  const hsize_t factors = points->assignments(0).size();
  std::size_t width = 1;
  for (hsize_t p = 0; p < count; ++p)
    for (const std::string& a : points->assignments(static_cast<std::int64_t>(p)))
      width = std::max(width, a.size());
  h5::Handle text_type = h5::datatype_handle(H5Tcopy(H5T_C_S1), "copy", "a string type");
  h5::check(H5Tset_size(text_type.id(), width), "size", "a string type");
  h5::check(H5Tset_strpad(text_type.id(), H5T_STR_NULLPAD), "pad", "a string type");

  ColumnLayout layout = layout_of(text_type.id(), width);
  layout.row_shape = {factors};
  ChunkedColumn column(g, "point_assignments", std::move(layout));
  ChunkedColumn point_axis(g, "point", int64_layout());
  h5::set_scale(point_axis.id(), "point");
  h5::write_string_attribute(point_axis.id(), "description", "design point; the `point` of /runs");
  h5::DatasetLayout factor_layout;
  factor_layout.dims = {factors};
  h5::Handle factor_axis = h5::create_dataset(g, "factor", types.string.id(), factor_layout);
  std::vector<std::string> paths;
  for (const std::string& a : points->assignments(0)) paths.push_back(scenario::override_path(a));
  if (factors > 0) h5::write_strings(factor_axis.id(), paths);
  h5::set_scale(factor_axis.id(), "factor");
  h5::write_string_attribute(factor_axis.id(), "description",
                             "swept parameter (dotted path), as in /design/factor");

  std::vector<char> row(width * factors);
  for (hsize_t p = 0; p < count; ++p) {
    std::fill(row.begin(), row.end(), '\0');
    const auto assignments = points->assignments(static_cast<std::int64_t>(p));
    for (std::size_t f = 0; f < assignments.size(); ++f)
      std::copy(assignments[f].begin(), assignments[f].end(), row.begin() + f * width);
    column.append(row.data());
    const auto id = static_cast<std::int64_t>(p);
    point_axis.append(&id);
  }
  column.finish();
  point_axis.finish();
  h5::attach_scale(column.id(), point_axis.id(), 0);
  h5::attach_scale(column.id(), factor_axis.id(), 1);
  h5::write_string_attribute(column.id(), "description",
                             "Per design point, the assignments (dotted.path=value, as --set "
                             "writes them) that applied to /manifest/scenarios give the point's "
                             "scenario as run");
}

void ResultsWriter::Impl::write_provenance(const Provenance& provenance) {
  h5::Handle group = h5::create_group(file.id(), "provenance");
  h5::write_string_attribute(group.id(), "command_line", provenance.command_line);
  h5::write_string_attribute(group.id(), "created", provenance.created);
  h5::write_string_attribute(group.id(), "host", provenance.host);
  h5::write_int32_attribute(group.id(), "threads", provenance.threads);
  h5::write_int32_attribute(group.id(), "ranks", provenance.ranks);
}

// Dimension scales live where netCDF-4 readers look for them (design decision 1): in the group of
// the datasets they label. The root keeps `run` (for /runs) and `partner`, the one list of names
// that partner ids in /events, /meetings and /negotiations refer to.
void ResultsWriter::Impl::create_axes(const scenario::ScenarioSpec&) {
  add_partner_axis(file.id());
}

hid_t ResultsWriter::Impl::add_step_axis(hid_t group) {
  std::vector<std::int32_t> step_values(static_cast<std::size_t>(steps) + 1);
  std::iota(step_values.begin(), step_values.end(), 0);
  const hid_t axis = add_axis(create_axis(group, "step", H5T_STD_I32LE, H5T_NATIVE_INT32,
                                          step_values.size(), step_values.data()));
  h5::write_string_attribute(axis, "units", "week");
  h5::write_string_attribute(axis, "description", "week of the run; step 0 is the initial state");
  return axis;
}

hid_t ResultsWriter::Impl::add_partner_axis(hid_t group) {
  std::vector<std::string> names = partner_names;
  h5::DatasetLayout layout;
  layout.dims = {names.size()};
  const hid_t axis = add_axis(h5::create_dataset(group, "partner", types.string.id(), layout));
  h5::write_strings(axis, names);
  h5::set_scale(axis, "partner");
  h5::write_string_attribute(axis, "description",
                             "partner name; a partner's id is its position here");
  return axis;
}

hid_t ResultsWriter::Impl::add_sample_axis(hid_t group) {
  const hid_t axis = add_axis(create_axis(group, "sample_step", H5T_STD_I32LE, H5T_NATIVE_INT32,
                                          sample_steps.size(), sample_steps.data()));
  h5::write_string_attribute(axis, "units", "week");
  h5::write_string_attribute(axis, "description",
                             "the weeks at which partners (and trust) were sampled");
  return axis;
}

void ResultsWriter::Impl::create_runs() {
  h5::DatasetLayout layout;
  layout.dims = {0};
  layout.max_dims = {H5S_UNLIMITED};
  layout.chunk = {kRunsPerTableBlock};
  runs = h5::create_dataset(file.id(), "runs", types.runs.file(), layout);
  h5::attach_scale(runs.id(), add_run_axis(file.id()), 0);
  h5::write_string_attribute(runs.id(), "description",
                             "One row per run, ordered by run id: design point, arm, replication, "
                             "run seed, status and why a failed run failed.");
}

void ResultsWriter::Impl::create_parameters(FileScenarios scenarios) {
  h5::Handle group = h5::create_group(file.id(), "parameters", /*track_order=*/true);
  h5::write_string_attribute(group.id(), "description",
                             "Per run, every parameter that varies between the runs of this file "
                             "or that a --set, an arm or a design point overrides, by its dotted "
                             "path; every other value is in /manifest/scenarios.");
  std::vector<std::string> paths;
  // A sweep's points are made one at a time: which paths vary (and that the points agree on what
  // the file's shapes depend on), and on the way the values of the paths every point overrides,
  // which are recorded whatever else varies. Paths that vary otherwise take a second pass.
  std::vector<std::string> captured;
  std::vector<std::vector<double>> captured_values;
  const auto capture = [&](const scenario::ScenarioSpec& s) {
    for (std::size_t i = 0; i < captured.size(); ++i) {
      const auto v = scenario::parameter_value(s, captured[i]).value().values;
      captured_values[i].insert(captured_values[i].end(), v.begin(), v.end());
    }
  };
  if (points == nullptr) {
    paths = scenario::recorded_parameter_paths(scenarios.scenarios);
  } else {
    for (const std::string& assignment : point_zero->overrides)
      if (auto path = scenario::override_path(assignment);
          std::find(captured.begin(), captured.end(), path) == captured.end() &&
          scenario::parameter_value(*point_zero, path))
        captured.push_back(std::move(path));
    captured_values.resize(captured.size());
    capture(*point_zero);
    scenario::RecordedPaths recorded(*point_zero);
    for (std::int64_t point = 1; point < points->size(); ++point) {
      const scenario::ScenarioSpec s = points->scenario(point);
      if (s.partner_count() != point_zero->partner_count() ||
          s.parameters.steps != point_zero->parameters.steps ||
          s.parameters.record_level != point_zero->parameters.record_level ||
          s.parameters.record_agent_interval != point_zero->parameters.record_agent_interval)
        throw std::logic_error(
            "ResultsWriter: the points of one file must agree on partners, steps and recording");
      recorded.add(s);
      capture(s);
    }
    paths = recorded.paths();
  }
  std::vector<std::size_t> uncaptured;  // parameters[i] whose values need the second pass
  const hid_t run_axis = add_run_axis(group.id());
  const scenario::ScenarioSpec& first = point_zero ? *point_zero : scenarios.scenarios.front();
  for (const std::string& path : paths) {
    ParameterColumn p;
    const scenario::ParameterValue value = scenario::parameter_value(first, path).value();
    p.width = value.values.size();
    p.by_scenario.reserve(p.width * static_cast<std::size_t>(scenario_count));
    if (points == nullptr) {
      for (const scenario::ScenarioSpec& s : scenarios.scenarios) {
        const auto v = scenario::parameter_value(s, path).value().values;
        p.by_scenario.insert(p.by_scenario.end(), v.begin(), v.end());
      }
    } else if (const auto at = std::find(captured.begin(), captured.end(), path);
               at != captured.end()) {
      p.by_scenario = std::move(captured_values[static_cast<std::size_t>(at - captured.begin())]);
    } else {
      uncaptured.push_back(parameters.size());
    }
    std::string_view unit, claim, description;
    ColumnLayout layout = float64_layout();
    if (value.parameter != nullptr) {
      const model::ParameterDecl& decl = *value.parameter;
      unit = decl.unit;
      claim = decl.claim;
      description = decl.description;
      if (decl.kind == model::ValueKind::integer) {
        p.integer = true;
        layout = int64_layout();
      } else if (decl.kind == model::ValueKind::choice) {
        p.choice = true;
        p.choice_type = schema::int32_enum(decl.choices, path);
        layout = layout_of(p.choice_type.id(), 4);
      }
    } else {
      unit = value.column->unit;
      claim = value.column->claim;
      description = value.column->description;
    }
    // A whole per-dimension value, a partner column or a parameter: (run, dimension).
    if (value.per_dimension) {
      if (!dimension_axis.valid()) {
        std::vector<std::int32_t> dims(value.values.size());
        std::iota(dims.begin(), dims.end(), 0);
        dimension_axis = create_axis(group.id(), "dimension", H5T_STD_I32LE, H5T_NATIVE_INT32,
                                     dims.size(), dims.data());
        h5::write_string_attribute(dimension_axis.id(), "description", "opgave dimension");
      }
      layout = float64_layout({value.values.size()});
    }
    p.column = ChunkedColumn(group.id(), path, per_run(std::move(layout)), &pipeline);
    h5::attach_scale(p.column.id(), run_axis, 0);
    if (value.per_dimension) h5::attach_scale(p.column.id(), dimension_axis.id(), 1);
    h5::write_string_attribute(p.column.id(), "units", unit);
    h5::write_string_attribute(p.column.id(), "claim", claim);
    h5::write_string_attribute(p.column.id(), "description", description);
    parameters.push_back(std::move(p));
  }
  if (!uncaptured.empty())
    for (std::int64_t point = 0; point < points->size(); ++point) {
      const scenario::ScenarioSpec s = points->scenario(point);
      for (const std::size_t i : uncaptured) {
        const auto v = scenario::parameter_value(s, paths[i]).value().values;
        parameters[i].by_scenario.insert(parameters[i].by_scenario.end(), v.begin(), v.end());
      }
    }
}

void ResultsWriter::Impl::create_summary_and_series() {
  h5::Handle summary_group = h5::create_group(file.id(), "summary", /*track_order=*/true);
  const hid_t summary_runs = add_run_axis(summary_group.id());
  for (const record::MetricDecl& decl : record::kMetrics) {
    ChunkedColumn& c = summary.emplace_back(summary_group.id(), std::string(decl.name),
                                            per_run(float64_layout()), &pipeline);
    describe(c.id(), decl);
    h5::write_string_attribute(c.id(), "summary", record::summary_description(decl.summary));
    h5::attach_scale(c.id(), summary_runs, 0);
  }
  if (!records(RecordLevel::series)) return;
  h5::Handle series_group = h5::create_group(file.id(), "series", /*track_order=*/true);
  const hid_t series_runs = add_run_axis(series_group.id());
  const hid_t step_axis = add_step_axis(series_group.id());
  for (const record::MetricDecl& decl : record::kMetrics) {
    ChunkedColumn& c =
        series.emplace_back(series_group.id(), std::string(decl.name),
                            per_run(float64_layout({static_cast<hsize_t>(steps) + 1})), &pipeline);
    describe(c.id(), decl);
    h5::attach_scale(c.id(), series_runs, 0);
    h5::attach_scale(c.id(), step_axis, 1);
  }
}

void ResultsWriter::Impl::create_agents_and_trust(const network::Network& network) {
  const auto samples = static_cast<hsize_t>(sample_steps.size());
  h5::Handle agents_group = h5::create_group(file.id(), "agents", /*track_order=*/true);
  const hid_t agent_runs = add_run_axis(agents_group.id());
  const hid_t agent_samples = add_sample_axis(agents_group.id());
  const hid_t partner_axis = add_partner_axis(agents_group.id());
  for (const record::VariableDecl& decl : record::kAgentVariables) {
    ChunkedColumn& c = agents.emplace_back(agents_group.id(), std::string(decl.name),
                                           per_run(float64_layout({samples, partners})), &pipeline);
    describe(c.id(), decl);
    h5::attach_scale(c.id(), agent_runs, 0);
    h5::attach_scale(c.id(), agent_samples, 1);
    h5::attach_scale(c.id(), partner_axis, 2);
  }
  if (!records(RecordLevel::full)) return;
  h5::Handle trust_group = h5::create_group(file.id(), "trust", /*track_order=*/true);
  const hid_t trust_runs = add_run_axis(trust_group.id());
  const hid_t trust_samples = add_sample_axis(trust_group.id());
  std::vector<std::int64_t> edge_ids(edges);
  std::iota(edge_ids.begin(), edge_ids.end(), 0);
  const hid_t edge_axis = add_axis(create_axis(trust_group.id(), "edge", H5T_STD_I64LE,
                                               H5T_NATIVE_INT64, edges, edge_ids.data()));
  h5::write_string_attribute(edge_axis, "description", "directed tie id; its ends are edges");
  const hid_t end_axis =
      add_axis(h5::create_dataset(trust_group.id(), "end", types.string.id(), [] {
        h5::DatasetLayout l;
        l.dims = {2};
        return l;
      }()));
  h5::write_strings(end_axis, {"source", "target"});
  h5::set_scale(end_axis, "end");
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
  h5::attach_scale(edge_list.id(), edge_axis, 0);
  h5::attach_scale(edge_list.id(), end_axis, 1);
  h5::write_string_attribute(edge_list.id(), "description",
                             "Each directed tie as (source, target) partner ids; an undirected tie "
                             "{i, j} appears twice, as i->j and j->i.");
  trust_values = ChunkedColumn(trust_group.id(), "values",
                               per_run(float64_layout({samples, edges})), &pipeline);
  h5::write_string_attribute(trust_values.id(), "units", "1");
  h5::write_string_attribute(trust_values.id(), "description",
                             "trust[i->j]: how much partner i trusts partner j (0..1), per "
                             "directed tie of /trust/edges, at each sample step");
  h5::attach_scale(trust_values.id(), trust_runs, 0);
  h5::attach_scale(trust_values.id(), trust_samples, 1);
  h5::attach_scale(trust_values.id(), edge_axis, 2);
}

void ResultsWriter::Impl::create_tables() {
  const hid_t root = file.id();
  auto table = [&](const char* group_name, const char* row_name, const char* description) {
    Table t;
    t.pipeline = &pipeline;
    t.group = h5::create_group(root, group_name, /*track_order=*/true);
    t.rows = create_row_dimension(t.group.id(), row_name);
    t.row_name = row_name;
    h5::write_string_attribute(t.group.id(), "description", description);
    return t;
  };
  auto ragged = [&](Table& t, const char* dimension, const char* name, ColumnLayout layout,
                    const char* description) {
    RaggedList list{create_row_dimension(t.group.id(), dimension), {}};
    list.values = ChunkedColumn(t.group.id(), name, std::move(layout), &pipeline);
    h5::attach_scale(list.values.id(), list.entries.id(), 0, dimension);
    h5::write_string_attribute(list.values.id(), "description", description);
    return list;
  };

  events = table("events", "event",
                 "What happened, one row per event, ordered by run and step: who acted "
                 "(source) on whom (target), the regie effort it cost and a value. source = -1: "
                 "the regisseur; target = -1: the whole group.");
  h5::write_int32_attribute(events->group.id(), "regisseur", record::kRegisseur);
  h5::write_int32_attribute(events->group.id(), "whole_group", record::kWholeGroup);
  events->add("run", int64_layout(), "run id (see /runs)");
  events->add("step", int32_layout(), "week", "week");
  events->add("kind", int8_layout(event_kind_type.id()), "what happened");
  events->add("source", int32_layout(), "acting partner id, or -1 for the regisseur");
  events->add("target", int32_layout(), "partner acted on, or -1 for the whole group");
  events->add("cost", float64_layout(), "regie effort spent", "effort");
  events->add("value", float64_layout(),
              "convene: partners present; exit: the leaver's commitment");

  meetings = table("meetings", "meeting",
                   "Who met, one row per meeting, ordered by run and step; the participants of "
                   "meeting m are participants[participants_offset[m] : participants_offset[m] + "
                   "size[m]].");
  meetings->add("run", int64_layout(), "run id (see /runs)");
  meetings->add("step", int32_layout(), "week", "week");
  meetings->add("meeting_id", int32_layout(), "meeting, numbered from 0 within its run");
  meetings->add("mode", int8_layout(meeting_mode_type.id()),
                "plenary, co_create or negotiate (C14)");
  meetings->add("convened_by", int8_layout(convener_type.id()), "regisseur or spontaneous");
  meetings->add("size", int32_layout(), "participants", "partners");
  meetings->add("participants_offset", int64_layout(), "first entry of /meetings/participants");
  meeting_participants = ragged(*meetings, "participant_entry", "participants", int32_layout(),
                                "partner ids of the meetings' participants, meeting by meeting");

  negotiations = table(
      "negotiations", "negotiation",
      "One row per bargaining round (one per meeting; a negotiation may span meetings), ordered "
      "by run and step. The participants of row n are participants[participants_offset[n] : + "
      "participant_count[n]], its allocated shares shares[shares_offset[n] : + share_count[n]].");
  negotiations->add("run", int64_layout(), "run id (see /runs)");
  negotiations->add("step", int32_layout(), "week", "week");
  negotiations->add("negotiation_id", int32_layout(),
                    "negotiation, numbered from 0 within its run");
  negotiations->add("meeting_id", int32_layout(), "the meeting of this round (see /meetings)");
  negotiations->add("protocol", int8_layout(protocol_type.id()), "bargaining protocol");
  negotiations->add("rounds", int32_layout(), "rounds so far, this one included");
  negotiations->add("agreed", int8_layout(boolean_type.id()), "the round ended in an agreement");
  negotiations->add("log_nash_product", float64_layout(),
                    "natural logarithm of the Nash product of the shares");
  negotiations->add("fairness", float64_layout(),
                    "distance of the allocated shares from the Nash bargaining shares");
  negotiations->add("participant_count", int32_layout(), "participants", "partners");
  negotiations->add("participants_offset", int64_layout(),
                    "first entry of /negotiations/participants");
  negotiations->add("share_count", int32_layout(), "allocated shares of the round");
  negotiations->add("shares_offset", int64_layout(), "first entry of /negotiations/shares");
  negotiation_participants = ragged(*negotiations, "participant_entry", "participants",
                                    int32_layout(), "partner ids, round by round");
  negotiation_shares = ragged(*negotiations, "share_entry", "shares", float64_layout(),
                              "allocated shares, round by round, participant-major");
}

void ResultsWriter::Impl::append(const record::RunRecord& r) {
  if (closed) throw std::logic_error("ResultsWriter::append after commit");
  if (last_run_id && r.run_id <= *last_run_id)
    throw std::logic_error(
        fmt::format("ResultsWriter::append: run {} after run {}; runs must "
                    "arrive in ascending id order",
                    r.run_id, *last_run_id));
  if (r.run_id < 0) throw std::logic_error("ResultsWriter::append: negative run id");
  const std::int64_t point = r.point - first_point;
  const std::int64_t arm = r.arm - first_arm;
  if (arm < 0 || arm >= arms || point < 0 || point * arms + arm >= scenario_count)
    throw std::logic_error(
        fmt::format("ResultsWriter::append: run {} has point {} and arm {}, "
                    "which the file's scenarios do not have",
                    r.run_id, r.point, r.arm));
  const bool failed = r.status == record::RunStatus::failed;
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
  check_size("summary", r.summary.size(), record::kMetricCount);
  if (records(RecordLevel::series)) {
    check_size("series", r.series.size(), record::kMetricCount);
    for (const auto& s : r.series) check_size("a series", s.size(), step_values);
  }
  const std::size_t samples = sample_steps.size();
  if (records(RecordLevel::agents)) {
    if (!r.agents.empty() && r.sample_steps != sample_steps)
      throw std::logic_error(fmt::format(
          "ResultsWriter::append: run {} sampled other steps than the file's", r.run_id));
    check_size("agents", r.agents.size(), record::kAgentVariableCount);
    for (const auto& a : r.agents) check_size("an agent variable", a.size(), samples * partners);
  }
  if (records(RecordLevel::full)) check_size("trust", r.trust.size(), samples * edges);

  for (ChunkedColumn& axis : run_axes) axis.append(&r.run_id);
  run_reasons.push_back(r.failure_reason);
  run_rows.push_back({r.run_id, r.point, r.arm, r.replication, r.seed.value,
                      static_cast<std::int8_t>(r.status), nullptr});
  if (run_rows.size() == kRunsPerTableBlock) flush_runs();

  append_parameters(r);
  for (std::size_t m = 0; m < summary.size(); ++m) {
    if (r.summary.empty())
      summary[m].append_fill();
    else
      summary[m].append(&r.summary[m]);
  }
  for (std::size_t m = 0; m < series.size(); ++m) {
    if (r.series.empty())
      series[m].append_fill();
    else
      series[m].append(r.series[m].data());
  }
  for (std::size_t v = 0; v < agents.size(); ++v) {
    if (r.agents.empty())
      agents[v].append_fill();
    else
      agents[v].append(r.agents[v].data());
  }
  if (trust_values.valid()) {
    if (r.trust.empty())
      trust_values.append_fill();
    else
      trust_values.append(r.trust.data());
  }
  if (events) append_tables(r);
  run_count += 1;
  last_run_id = r.run_id;
}

void ResultsWriter::Impl::append_parameters(const record::RunRecord& r) {
  const auto scenario =
      static_cast<std::size_t>((r.point - first_point) * arms + (r.arm - first_arm));
  for (ParameterColumn& p : parameters) {
    const double* values = p.by_scenario.data() + scenario * p.width;
    if (p.integer) {
      const auto v = static_cast<std::int64_t>(values[0]);
      p.column.append(&v);
    } else if (p.choice) {
      const auto v = static_cast<std::int32_t>(values[0]);
      p.column.append(&v);
    } else {
      p.column.append(values);
    }
  }
}

void ResultsWriter::Impl::append_tables(const record::RunRecord& r) {
  // Column by column: gather one field of every row of this run, append it in one call.
  auto column_i64 = [&](ChunkedColumn& c, std::size_t n, auto field) {
    append_column<std::int64_t>(c, scratch, n, field);
  };
  auto column_i32 = [&](ChunkedColumn& c, std::size_t n, auto field) {
    append_column<std::int32_t>(c, scratch, n, field);
  };
  auto column_i8 = [&](ChunkedColumn& c, std::size_t n, auto field) {
    append_column<std::int8_t>(c, scratch, n, field);
  };
  auto column_f64 = [&](ChunkedColumn& c, std::size_t n, auto field) {
    append_column<double>(c, scratch, n, field);
  };
  const std::int64_t run = r.run_id;

  {
    const auto& e = r.events;
    auto& c = events->columns;
    const std::size_t n = e.size();
    column_i64(c[0], n, [&](std::size_t) { return run; });
    column_i32(c[1], n, [&](std::size_t i) { return e[i].step; });
    column_i8(c[2], n, [&](std::size_t i) { return static_cast<std::int8_t>(e[i].kind); });
    column_i32(c[3], n, [&](std::size_t i) { return e[i].source; });
    column_i32(c[4], n, [&](std::size_t i) { return e[i].target; });
    column_f64(c[5], n, [&](std::size_t i) { return e[i].cost; });
    column_f64(c[6], n, [&](std::size_t i) { return e[i].value; });
  }
  {
    const auto& m = r.meetings;
    auto& c = meetings->columns;
    const std::size_t n = m.size();
    const auto base = static_cast<std::int64_t>(meeting_participants->values.rows());
    column_i64(c[0], n, [&](std::size_t) { return run; });
    column_i32(c[1], n, [&](std::size_t i) { return m[i].step; });
    column_i32(c[2], n, [&](std::size_t i) { return m[i].id; });
    column_i8(c[3], n, [&](std::size_t i) { return static_cast<std::int8_t>(m[i].mode); });
    column_i8(c[4], n, [&](std::size_t i) { return static_cast<std::int8_t>(m[i].convened_by); });
    column_i32(c[5], n, [&](std::size_t i) { return m[i].size; });
    column_i64(c[6], n, [&](std::size_t i) { return base + m[i].first_participant; });
    meeting_participants->values.append(r.meeting_participants.data(),
                                        r.meeting_participants.size());
  }
  {
    const auto& g = r.negotiations;
    auto& c = negotiations->columns;
    const std::size_t n = g.size();
    const auto participant_base =
        static_cast<std::int64_t>(negotiation_participants->values.rows());
    const auto share_base = static_cast<std::int64_t>(negotiation_shares->values.rows());
    column_i64(c[0], n, [&](std::size_t) { return run; });
    column_i32(c[1], n, [&](std::size_t i) { return g[i].step; });
    column_i32(c[2], n, [&](std::size_t i) { return g[i].id; });
    column_i32(c[3], n, [&](std::size_t i) { return g[i].meeting; });
    column_i8(c[4], n, [&](std::size_t i) { return static_cast<std::int8_t>(g[i].protocol); });
    column_i32(c[5], n, [&](std::size_t i) { return g[i].rounds; });
    column_i8(c[6], n,
              [&](std::size_t i) { return static_cast<std::int8_t>(g[i].agreed ? 1 : 0); });
    column_f64(c[7], n, [&](std::size_t i) { return g[i].log_nash_product; });
    column_f64(c[8], n, [&](std::size_t i) { return g[i].fairness; });
    column_i32(c[9], n, [&](std::size_t i) { return g[i].participants; });
    column_i64(c[10], n, [&](std::size_t i) { return participant_base + g[i].first_participant; });
    column_i32(c[11], n, [&](std::size_t i) { return g[i].shares; });
    column_i64(c[12], n, [&](std::size_t i) { return share_base + g[i].first_share; });
    negotiation_participants->values.append(r.negotiation_participants.data(),
                                            r.negotiation_participants.size());
    negotiation_shares->values.append(r.negotiation_shares.data(), r.negotiation_shares.size());
  }
}

void ResultsWriter::Impl::flush_runs() {
  if (run_rows.empty()) return;
  for (std::size_t i = 0; i < run_rows.size(); ++i)
    run_rows[i].failure_reason = run_reasons[i].data();
  const auto n = static_cast<hsize_t>(run_rows.size());
  h5::extend(runs.id(), {runs_written + n});
  h5::write_block(runs.id(), types.runs.memory(), {runs_written}, {n}, run_rows.data());
  runs_written += n;
  run_rows.clear();
  run_reasons.clear();
}

void ResultsWriter::Impl::write_design(const design::SweepSpec& sweep, const design::Design& d) {
  if (closed) throw std::logic_error("ResultsWriter::write_design after commit");
  if (design_written) throw std::logic_error("ResultsWriter::write_design called twice");
  const auto points = static_cast<hsize_t>(d.size());
  const auto factors = static_cast<hsize_t>(d.dimensions);
  if (points * arms != static_cast<hsize_t>(scenario_count) || factors != sweep.parameters.size())
    throw std::logic_error("ResultsWriter::write_design: the design does not match the file");
  h5::Handle group = h5::create_group(file.id(), "design", /*track_order=*/true);
  const hid_t g = group.id();
  h5::write_string_attribute(g, "description",
                             "The sweep's design: per design point its role in the scheme and "
                             "its unit-cube coordinates (docs/sweeps.md)");
  h5::write_string_attribute(g, "kind", design::design_kind_name(sweep.design.kind));
  h5::write_string_attribute(g, "sweep_name", sweep.name);
  h5::write_string_attribute(g, "sweep_label", sweep.source_label);
  h5::write_string_attribute(g, "sweep_text", sweep.source_text);
  h5::write_int64_attribute(g, "replications", sweep.replications);
  h5::write_uint64_attribute(g, "seed", sweep.seed);
  h5::write_int64_attribute(g, "samples", sweep.design.samples);
  h5::write_int64_attribute(g, "base_samples", sweep.design.base_samples);
  h5::write_int64_attribute(g, "trajectories", sweep.design.trajectories);
  h5::write_int64_attribute(g, "levels", sweep.design.levels);

  // Coordinates in the group, as in /series: xarray shows (point, factor) with the paths.
  std::vector<std::int64_t> point_ids(points);
  std::iota(point_ids.begin(), point_ids.end(), 0);
  h5::Handle point_axis =
      create_axis(g, "point", H5T_STD_I64LE, H5T_NATIVE_INT64, points, point_ids.data());
  h5::write_string_attribute(point_axis.id(), "description", "design point; the `point` of /runs");
  std::vector<std::string> names;
  for (const design::SweptParameter& p : sweep.parameters) names.push_back(p.path);
  h5::DatasetLayout name_layout;
  name_layout.dims = {factors};
  h5::Handle factor_axis = h5::create_dataset(g, "factor", types.string.id(), name_layout);
  if (factors > 0) h5::write_strings(factor_axis.id(), names);
  h5::set_scale(factor_axis.id(), "factor");
  h5::write_string_attribute(factor_axis.id(), "description",
                             "swept parameter (dotted path, as in /parameters), in the order of "
                             "the sweep file");

  auto per_point = [&](const char* name, hid_t file_type, hid_t memory_type, const void* data,
                       const char* description) {
    h5::DatasetLayout layout;
    layout.dims = {points};
    h5::Handle dataset = h5::create_dataset(g, name, file_type, layout);
    h5::write_block(dataset.id(), memory_type, {0}, {points}, data);
    h5::attach_scale(dataset.id(), point_axis.id(), 0);
    h5::write_string_attribute(dataset.id(), "description", description);
  };
  std::vector<std::string_view> role_names;
  for (int r = 0; r <= static_cast<int>(design::PointRole::morris); ++r)
    role_names.push_back(design::point_role_name(static_cast<design::PointRole>(r)));
  h5::Handle role_type = schema::int8_enum(role_names, "the design role type");
  static_assert(sizeof(design::PointRole) == 1);
  per_point("role", role_type.id(), role_type.id(), d.roles.data(),
            "the point's role: grid, latin_hypercube, Saltelli's A, B or AB (A with column "
            "`column` from B), or a step of a Morris trajectory");
  per_point("column", H5T_STD_I32LE, H5T_NATIVE_INT32, d.columns.data(),
            "AB_i: i; Morris: the factor moved to reach this point (-1 at a trajectory's start); "
            "else -1");
  per_point("base_index", H5T_STD_I64LE, H5T_NATIVE_INT64, d.base_index.data(),
            "Saltelli: the row of A and B; Morris: the trajectory; else the point itself");
  per_point("step", H5T_STD_I32LE, H5T_NATIVE_INT32, d.steps.data(),
            "Morris: the step within the trajectory (0 .. factors); else 0");

  auto per_factor = [&](const char* name, const std::vector<double>& data,
                        const char* description) {
    h5::DatasetLayout layout;
    layout.dims = {points, factors};
    h5::Handle dataset = h5::create_dataset(g, name, H5T_IEEE_F64LE, layout);
    if (factors > 0)
      h5::write_block(dataset.id(), H5T_NATIVE_DOUBLE, {0, 0}, {points, factors}, data.data());
    h5::attach_scale(dataset.id(), point_axis.id(), 0);
    h5::attach_scale(dataset.id(), factor_axis.id(), 1);
    h5::write_string_attribute(dataset.id(), "description", description);
  };
  per_factor("coordinates", d.coordinates,
             "unit-cube coordinates in [0, 1]; the value is the factor's list or range at them");
  per_factor("value", d.values,
             "the parameter values the coordinates map to (a choice: the index of its name, as "
             "in /parameters)");
  add_axis(std::move(point_axis));
  add_axis(std::move(factor_axis));
  design_written = true;
}

void ResultsWriter::Impl::close_file() {
  flush_runs();
  for (ChunkedColumn& axis : run_axes) axis.finish();
  for (ParameterColumn& p : parameters) p.column.finish();
  for (ChunkedColumn& c : summary) c.finish();
  for (ChunkedColumn& c : series) c.finish();
  for (ChunkedColumn& c : agents) c.finish();
  if (trust_values.valid()) trust_values.finish();
  for (std::optional<Table>* t : {&events, &meetings, &negotiations}) {
    if (!t->has_value()) continue;
    for (ChunkedColumn& c : (*t)->columns) c.finish();
    const hsize_t rows = (*t)->columns.empty() ? 0 : (*t)->columns.front().rows();
    h5::extend((*t)->rows.id(), {rows});
  }
  for (std::optional<RaggedList>* list :
       {&meeting_participants, &negotiation_participants, &negotiation_shares}) {
    if (!list->has_value()) continue;
    (*list)->values.finish();
    h5::extend((*list)->entries.id(), {(*list)->values.rows()});
  }
  pipeline.finish();
  // Every object of the file is closed before the file itself, so that H5Fclose really closes
  // (and flushes) it before the rename.
  for (std::optional<RaggedList>* list :
       {&meeting_participants, &negotiation_participants, &negotiation_shares})
    list->reset();
  events.reset();
  meetings.reset();
  negotiations.reset();
  trust_values.reset();
  agents.clear();
  series.clear();
  summary.clear();
  parameters.clear();
  runs.reset();
  run_axes.clear();
  dimension_axis.reset();
  axes.clear();
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

ResultsWriter::ResultsWriter(std::filesystem::path final_path, FileScenarios scenarios,
                             const network::Network& network, const Manifest& manifest,
                             const Provenance& provenance) {
  if (scenarios.scenarios.empty()) throw std::logic_error("ResultsWriter: no scenario");
  h5::silence_errors();
  const std::filesystem::path partial = final_path.string() + ".partial";
  as_output_error(partial, [&] {
    impl_ = std::make_unique<Impl>(std::move(final_path), scenarios, network, manifest, provenance);
  });
}

ResultsWriter::ResultsWriter(std::filesystem::path final_path, const scenario::ScenarioSpec& spec,
                             const network::Network& network, const Manifest& manifest,
                             const Provenance& provenance)
    : ResultsWriter(std::move(final_path), FileScenarios{{&spec, 1}, 1}, network, manifest,
                    provenance) {}

ResultsWriter::~ResultsWriter() = default;

bool ResultsWriter::compress_pending_chunk() {
  return impl_->pipeline.compress_one();
}

void ResultsWriter::append(const record::RunRecord& record) {
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

void ResultsWriter::write_design(const design::SweepSpec& sweep, const design::Design& design) {
  as_output_error(impl_->partial_path, [&] { impl_->write_design(sweep, design); });
}

void ResultsWriter::add_to_file(const std::function<void(std::int64_t file_id)>& body) {
  static_assert(std::is_same_v<hid_t, std::int64_t>, "HDF5 ids are 64-bit (HDF5 1.10 and later)");
  if (impl_->closed) throw std::logic_error("ResultsWriter::add_to_file after commit");
  as_output_error(impl_->partial_path, [&] { body(impl_->file.id()); });
}

const std::filesystem::path& ResultsWriter::partial_path() const {
  return impl_->partial_path;
}

void skip_hdf5_exit_cleanup() {
  H5dont_atexit();
}

}  // namespace regiesim::io
