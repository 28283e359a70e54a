// /summary and /series: a metric per run, and per run and week.
#include "io/results_writer_impl.hpp"

namespace regiesim::io {

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
    c.set_sink_tag(static_cast<std::int32_t>(series.size() - 1));  // RunColumns' numbering
    describe(c.id(), decl);
    h5::attach_scale(c.id(), series_runs, 0);
    h5::attach_scale(c.id(), step_axis, 1);
  }
}

}  // namespace regiesim::io
