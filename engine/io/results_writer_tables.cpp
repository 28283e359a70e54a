// The tables /events, /meetings and /negotiations, with their ragged participant and share lists.
#include "io/results_writer_impl.hpp"

namespace regiesim::io {

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

  // The journal's numbering of these columns (io/run_columns.hpp), after the trust column.
  std::int32_t tag =
      static_cast<std::int32_t>(series.size() + agents.size() + (trust_values.valid() ? 1 : 0));
  const std::int32_t first_tag = tag;
  const auto tag_table = [&](Table& t) {
    for (std::size_t c = 1; c < t.columns.size(); ++c) t.columns[c].set_sink_tag(tag++);  // not run
  };
  tag_table(*events);
  tag_table(*meetings);
  meeting_participants->values.set_sink_tag(tag++);
  tag_table(*negotiations);
  negotiation_participants->values.set_sink_tag(tag++);
  negotiation_shares->values.set_sink_tag(tag++);
  if (tag - first_tag != static_cast<std::int32_t>(kTableColumns))
    throw std::logic_error("create_tables: the tables' columns are not the journal's");
}

void ResultsWriter::Impl::add_table_columns(RunColumns& columns) const {
  if (!events) return;
  const auto add = [&](const ChunkedColumn& c) {
    columns.columns.push_back({.rows_per_chunk = c.rows_per_chunk(),
                               .row_elements = c.row_elements(),
                               .element_size = static_cast<std::uint32_t>(c.layout().element_size),
                               .compressed = c.layout().compress});
  };
  const auto add_table = [&](const Table& t) {
    for (std::size_t c = 1; c < t.columns.size(); ++c) add(t.columns[c]);
  };
  add_table(*events);
  add_table(*meetings);
  add(meeting_participants->values);
  add_table(*negotiations);
  add(negotiation_participants->values);
  add(negotiation_shares->values);
  columns.tables = kTableColumns;
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

}  // namespace regiesim::io
