// The results file's root attributes, /manifest (what redoes any run) and /provenance.
#include "io/results_writer_impl.hpp"

namespace regiesim::io {

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

}  // namespace regiesim::io
