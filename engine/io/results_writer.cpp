#include "io/results_writer.hpp"

#include <functional>
#include <numeric>
#include <type_traits>

#include "io/flag_attributes.hpp"
#include "io/results_writer_impl.hpp"

namespace regiesim::io {

ResultsWriter::Impl::Impl(std::filesystem::path final, FileScenarios scenarios,
                          const network::Network& network, const Manifest& manifest,
                          const Provenance& provenance)
    : final_path(std::move(final)),
      partial_path(final_path.string() + ".partial"),
      level(scenarios.scenarios.front().parameters.record_level),
      steps(static_cast<std::int32_t>(scenarios.scenarios.front().parameters.steps)),
      arms(scenarios.arms),
      arm_names(scenarios.arm_names),
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
  write_arm_names();
  // Every enum dataset labelled for netCDF readers (flag_values, flag_meanings), now that the
  // file holds all of them.
  add_flag_attributes(file.id());
  file.close("the file");
  closed = true;
}

void ResultsWriter::Impl::write_arm_names() {
  h5::Handle manifest = h5::open_group(file.id(), "manifest");
  std::vector<std::string> names = arm_names;
  if (names.empty() && arms == 1)
    names.push_back(
        h5::link_exists(file.id(), "design")
            ? h5::read_string_attribute(h5::open_group(file.id(), "design").id(), "sweep_name")
            : h5::read_string_attribute(file.id(), "scenario_name"));
  for (auto a = static_cast<std::int32_t>(names.size()); a < arms; ++a)
    names.push_back(fmt::format("arm{}", a));
  h5::Handle type = h5::utf8_string_type();
  h5::DatasetLayout layout;
  layout.dims = {names.size()};
  h5::Handle dataset = h5::create_dataset(manifest.id(), "arm_names", type.id(), layout);
  h5::write_strings(dataset.id(), names);
  h5::write_string_attribute(dataset.id(), "description",
                             "The name of each arm, in arm order: the `arm` of /runs indexes it "
                             "(a run's one arm is its scenario, a sweep's its sweep; compare: the "
                             "trap and twin of a folder, or the file names)");
  // Its coordinate `arm` beside it, so netCDF readers (xarray) open /manifest with named
  // dimensions.
  std::vector<std::int32_t> ids(names.size());
  std::iota(ids.begin(), ids.end(), 0);
  layout.dims = {ids.size()};
  h5::Handle axis = h5::create_dataset(manifest.id(), "arm", H5T_STD_I32LE, layout);
  if (!ids.empty()) h5::write_block(axis.id(), H5T_NATIVE_INT32, {0}, {ids.size()}, ids.data());
  h5::set_scale(axis.id(), "arm");
  h5::write_string_attribute(axis.id(), "description", "arm; the `arm` of /runs");
  h5::attach_scale(dataset.id(), axis.id(), 0);
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

RunColumns ResultsWriter::run_columns() const {
  const Impl& impl = *impl_;
  RunColumns columns;
  columns.series = static_cast<std::uint32_t>(impl.series.size());
  columns.agents = static_cast<std::uint32_t>(impl.agents.size());
  columns.trust = impl.trust_values.valid() ? 1 : 0;
  const auto add = [&](const ChunkedColumn& c) {
    columns.columns.push_back({.rows_per_chunk = c.rows_per_chunk(),
                               .row_elements = c.row_elements(),
                               .element_size = static_cast<std::uint32_t>(c.layout().element_size),
                               .compressed = c.layout().compress});
  };
  for (const ChunkedColumn& c : impl.series) add(c);
  for (const ChunkedColumn& c : impl.agents) add(c);
  if (impl.trust_values.valid()) add(impl.trust_values);
  impl.add_table_columns(columns);
  return columns;
}

void ResultsWriter::set_chunk_sink(ChunkSink sink) {
  impl_->pipeline.set_sink(std::move(sink));
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
