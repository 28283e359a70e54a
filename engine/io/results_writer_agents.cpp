// /agents and /trust: partners' variables and trust on the ties at the sampled weeks.
#include "io/results_writer_impl.hpp"

namespace regiesim::io {

void ResultsWriter::Impl::create_agents_and_trust(const network::Network& network) {
  const auto samples = static_cast<hsize_t>(sample_steps.size());
  h5::Handle agents_group = h5::create_group(file.id(), "agents", /*track_order=*/true);
  const hid_t agent_runs = add_run_axis(agents_group.id());
  const hid_t agent_samples = add_sample_axis(agents_group.id());
  const hid_t partner_axis = add_partner_axis(agents_group.id());
  for (const record::VariableDecl& decl : record::kAgentVariables) {
    ChunkedColumn& c = agents.emplace_back(agents_group.id(), std::string(decl.name),
                                           per_run(float64_layout({samples, partners})), &pipeline);
    // RunColumns' numbering: after the series.
    c.set_sink_tag(static_cast<std::int32_t>(series.size() + agents.size() - 1));
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
  trust_values.set_sink_tag(static_cast<std::int32_t>(series.size() + agents.size()));
  h5::write_string_attribute(trust_values.id(), "units", "1");
  h5::write_string_attribute(trust_values.id(), "description",
                             "trust[i->j]: how much partner i trusts partner j (0..1), per "
                             "directed tie of /trust/edges, at each sample step");
  h5::attach_scale(trust_values.id(), trust_runs, 0);
  h5::attach_scale(trust_values.id(), trust_samples, 1);
  h5::attach_scale(trust_values.id(), edge_axis, 2);
}

}  // namespace regiesim::io
