#pragma once
// The results writer's state and its helpers, shared by the files that write each part of a
// results file (results_writer_*.cpp): manifest and provenance; runs, parameters and axes; summary
// and series; agents and trust; the tables of events, meetings and negotiations; the design.
// Private to the writer: nothing outside engine/io includes it.
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

#include "io/chunk_pipeline.hpp"
#include "io/chunked_column.hpp"
#include "io/hdf5_handle.hpp"
#include "io/results_schema.hpp"
#include "io/table_fields.hpp"
#include "model/parameter_table.hpp"
#include "record/metrics.hpp"
#include "scenario/load_scenario.hpp"
#include "scenario/parameter_value.hpp"
#include "sim/recorder.hpp"

namespace regiesim::io::writer_detail {

using model::RecordLevel;

inline constexpr double kNotRecorded = std::numeric_limits<double>::quiet_NaN();
inline constexpr hsize_t kRunsPerTableBlock = 1024;  // /runs rows buffered before one write

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

inline ColumnLayout layout_of(hid_t file_type, std::size_t element_size) {
  ColumnLayout layout;
  layout.file_type = file_type;
  layout.element_size = element_size;
  return layout;
}
// Float64 columns are NaN where nothing was recorded (a failed run).
inline ColumnLayout float64_layout(std::vector<hsize_t> row_shape = {}) {
  ColumnLayout layout = layout_of(H5T_IEEE_F64LE, 8);
  layout.row_shape = std::move(row_shape);
  layout.fill = bytes_of(kNotRecorded);
  return layout;
}
inline ColumnLayout int64_layout() {
  return layout_of(H5T_STD_I64LE, 8);
}
inline ColumnLayout int32_layout() {
  return layout_of(H5T_STD_I32LE, 4);
}
inline ColumnLayout int8_layout(hid_t type) {
  return layout_of(type, 1);
}

// Units and meaning of a metric or a per-partner variable.
template <typename Decl>
void describe(hid_t object, const Decl& decl) {
  h5::write_string_attribute(object, "units", decl.unit);
  h5::write_string_attribute(object, "description", decl.description);
}

// A dimension scale with values (a netCDF coordinate variable): step, partner, ...
inline h5::Handle create_axis(hid_t parent, const char* name, hid_t file_type, hid_t memory_type,
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
inline h5::Handle create_row_dimension(hid_t parent, const char* name) {
  h5::DatasetLayout layout;
  layout.dims = {0};
  layout.max_dims = {H5S_UNLIMITED};
  layout.chunk = {4096};
  h5::Handle dimension = h5::create_dataset(parent, name, H5T_STD_I32LE, layout);
  h5::set_scale(dimension.id(), schema::kDimensionOnly);
  return dimension;
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

}  // namespace regiesim::io::writer_detail

namespace regiesim::io {

using namespace writer_detail;

struct ResultsWriter::Impl {
  PartialFileGuard guard;
  std::filesystem::path final_path;
  std::filesystem::path partial_path;
  RecordLevel level;
  std::int32_t steps;
  std::int32_t arms;
  std::vector<std::string> arm_names;  // as FileScenarios gives them (may be empty)
  std::int64_t first_point;
  std::int32_t first_arm;
  std::int64_t scenario_count;
  hsize_t expected_runs;  // FileScenarios::expected_runs
  hsize_t partners;
  hsize_t edges;
  std::vector<std::int32_t> sample_steps;
  std::vector<std::string> partner_names;
  schema::RowTypes types;
  h5::Handle event_kind_type = schema::int8_enum_of(record::kAllEventKinds, "the event kind type");
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

  // The tables' columns in the order of kTableFields (io/table_fields.hpp), set by create_tables.
  std::array<ChunkedColumn*, kTableColumns> table_columns{};

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
  // Appends the tables' columns the journal takes as chunks, in its order (io/run_columns.hpp).
  void add_table_columns(RunColumns& columns) const;
  void append(const record::RunRecord& record);
  void append_parameters(const record::RunRecord& record);
  void append_tables(const record::RunRecord& record);
  void flush_runs();
  void write_design(const design::SweepSpec& sweep, const design::Design& design);
  void close_file();
  // /manifest/arm_names with its `arm` coordinate: the names given, else a one-arm file's
  // scenario (a run) or sweep, or "arm0", "arm1", ...
  void write_arm_names();
  void write_design_labels(hid_t group, const design::SweepSpec& sweep, const design::Design& d,
                           hid_t point_axis, hid_t factor_axis);

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

}  // namespace regiesim::io
