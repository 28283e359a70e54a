// /design: a sweep's design points and their parameter values.
#include "design/parameter_scale.hpp"
#include "io/results_writer_impl.hpp"

namespace regiesim::io {

namespace {

// A value as people read it: a choice by its name, an integer without decimals, a real in its
// shortest round-trip form (a range's values are the doubles nearest their decimals, so "0.23").
std::string label_of(const design::SweptParameter& p, double value) {
  std::string text = design::value_text(p, value);
  if (p.is_choice && text.size() >= 2 && text.front() == '"')
    text = text.substr(1, text.size() - 2);
  if (!p.is_choice && !p.is_integer && text.ends_with(".0")) text.resize(text.size() - 2);
  return text;
}

}  // namespace

// /design/label (point, factor): fixed-length UTF-8 strings in compressed chunks, a few bytes a
// point, so that a reader sees "controlling", not the choice's index, without the parameter
// table.
void ResultsWriter::Impl::write_design_labels(hid_t g, const design::SweepSpec& sweep,
                                              const design::Design& d, hid_t point_axis,
                                              hid_t factor_axis) {
  const auto points = static_cast<std::size_t>(d.size());
  const auto factors = static_cast<std::size_t>(d.dimensions);
  std::vector<std::string> labels(points * factors);
  std::size_t width = 1;
  for (std::size_t p = 0; p < points; ++p)
    for (std::size_t f = 0; f < factors; ++f) {
      labels[p * factors + f] = label_of(sweep.parameters[f], d.values[p * factors + f]);
      width = std::max(width, labels[p * factors + f].size());
    }
  h5::Handle text_type = h5::datatype_handle(H5Tcopy(H5T_C_S1), "copy", "a string type");
  h5::check(H5Tset_size(text_type.id(), width), "size", "a string type");
  h5::check(H5Tset_strpad(text_type.id(), H5T_STR_NULLPAD), "pad", "a string type");
  h5::check(H5Tset_cset(text_type.id(), H5T_CSET_UTF8), "set UTF-8 on", "a string type");
  ColumnLayout layout = layout_of(text_type.id(), width);
  layout.row_shape = {static_cast<hsize_t>(factors)};
  ChunkedColumn column(g, "label", std::move(layout));
  std::vector<char> row(width * factors);
  for (std::size_t p = 0; p < points; ++p) {
    std::fill(row.begin(), row.end(), '\0');
    for (std::size_t f = 0; f < factors; ++f) {
      const std::string& label = labels[p * factors + f];
      std::copy(label.begin(), label.end(), row.begin() + static_cast<std::ptrdiff_t>(f * width));
    }
    column.append(row.data());
  }
  column.finish();
  h5::attach_scale(column.id(), point_axis, 0);
  h5::attach_scale(column.id(), factor_axis, 1);
  h5::write_string_attribute(column.id(), "description",
                             "the parameter values as people read them: a choice by its name, a "
                             "number in its shortest exact form");
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
  // The role type names BA only in a file whose design has BA points (second_order = true): a
  // first-order Saltelli design, and every other, keeps the type (and its flag_meanings) it had
  // before BA existed, so their files stay the same byte for byte. A reader maps roles by name.
  const bool has_ba =
      std::find(d.roles.begin(), d.roles.end(), design::PointRole::saltelli_ba) != d.roles.end();
  const int last_role =
      static_cast<int>(has_ba ? design::PointRole::saltelli_ba : design::PointRole::morris);
  std::vector<std::string_view> role_names;
  for (int r = 0; r <= last_role; ++r)
    role_names.push_back(design::point_role_name(static_cast<design::PointRole>(r)));
  h5::Handle role_type = schema::int8_enum(role_names, "the design role type");
  static_assert(sizeof(design::PointRole) == 1);
  per_point("role", role_type.id(), role_type.id(), d.roles.data(),
            has_ba ? "the point's role: Saltelli's A, B, AB (A with column `column` from B) or "
                     "BA (B with column `column` from A)"
                   : "the point's role: grid, latin_hypercube, Saltelli's A, B or AB (A with "
                     "column `column` from B), or a step of a Morris trajectory");
  per_point("column", H5T_STD_I32LE, H5T_NATIVE_INT32, d.columns.data(),
            has_ba ? "AB_i and BA_i: i; else -1"
                   : "AB_i: i; Morris: the factor moved to reach this point (-1 at a trajectory's "
                     "start); else -1");
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
  write_design_labels(g, sweep, d, point_axis.id(), factor_axis.id());
  add_axis(std::move(point_axis));
  add_axis(std::move(factor_axis));
  design_written = true;
}

}  // namespace regiesim::io
