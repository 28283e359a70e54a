// /runs, the coordinates (run, step, partner, sample step) and /parameters.
#include "io/results_writer_impl.hpp"

#include <optional>

namespace regiesim::io {

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
  // Partner columns are found by name: index each scenario's partners once (10^6 of them in a
  // generated population), not once per path, and not at all when no path is recorded (a run with
  // no override: hashing 10^6 names cost it a quarter of a second).
  std::optional<scenario::ParameterLookup> first_values;
  std::vector<scenario::ParameterLookup> scenario_values;
  if (!paths.empty()) first_values.emplace(first);
  if (points == nullptr && !paths.empty())
    for (const scenario::ScenarioSpec& s : scenarios.scenarios) scenario_values.emplace_back(s);
  for (const std::string& path : paths) {
    ParameterColumn p;
    const scenario::ParameterValue value = first_values->value(path).value();
    p.width = value.values.size();
    p.by_scenario.reserve(p.width * static_cast<std::size_t>(scenario_count));
    if (points == nullptr) {
      for (const scenario::ParameterLookup& s : scenario_values) {
        const auto v = s.value(path).value().values;
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
      const scenario::ParameterLookup values(s);
      for (const std::size_t i : uncaptured) {
        const auto v = values.value(paths[i]).value().values;
        parameters[i].by_scenario.insert(parameters[i].by_scenario.end(), v.begin(), v.end());
      }
    }
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

}  // namespace regiesim::io
