// The tables /events, /meetings and /negotiations, with their ragged participant and share lists.
#include "io/results_writer_impl.hpp"

#include <ranges>

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

  // The columns in the order of kTableFields, which is also the journal's numbering of them
  // (io/run_columns.hpp), after the trust column: each table's but its `run`, then its lists.
  std::size_t next = 0;
  const auto table_column = [&](ChunkedColumn& c) {
    if (next == kTableColumns)
      throw std::logic_error("create_tables: the tables' columns are not kTableFields'");
    table_columns[next++] = &c;
  };
  for (auto& c : events->columns | std::views::drop(1)) table_column(c);
  for (auto& c : meetings->columns | std::views::drop(1)) table_column(c);
  table_column(meeting_participants->values);
  for (auto& c : negotiations->columns | std::views::drop(1)) table_column(c);
  table_column(negotiation_participants->values);
  table_column(negotiation_shares->values);
  if (next != kTableColumns)
    throw std::logic_error("create_tables: the tables' columns are not kTableFields'");
  const auto first_tag =
      static_cast<std::int32_t>(series.size() + agents.size() + (trust_values.valid() ? 1 : 0));
  for (std::size_t t = 0; t < kTableColumns; ++t) {
    if (table_columns[t]->layout().element_size != kTableFields[t].size)
      throw std::logic_error("create_tables: a table column's type is not its field's");
    table_columns[t]->set_sink_tag(first_tag + static_cast<std::int32_t>(t));
  }
}

void ResultsWriter::Impl::add_table_columns(RunColumns& columns) const {
  if (!events) return;
  for (const ChunkedColumn* c : table_columns)
    columns.columns.push_back({.rows_per_chunk = c->rows_per_chunk(),
                               .row_elements = c->row_elements(),
                               .element_size = static_cast<std::uint32_t>(c->layout().element_size),
                               .compressed = c->layout().compress});
  columns.tables = kTableColumns;
}

void ResultsWriter::Impl::append_tables(const record::RunRecord& r) {
  // Column by column: gather one field of every row of this run, append it in one call. An offset
  // column counts from the file's first row of its list, the record from the run's.
  const auto rows = table_rows(r);
  std::array<std::int64_t, kTableLists> before{};
  before[kMeetingParticipants] = static_cast<std::int64_t>(meeting_participants->values.rows());
  before[kNegotiationParticipants] =
      static_cast<std::int64_t>(negotiation_participants->values.rows());
  before[kNegotiationShares] = static_cast<std::int64_t>(negotiation_shares->values.rows());
  const auto run = [&](std::size_t) { return r.run_id; };
  append_column<std::int64_t>(events->columns[0], scratch, rows[kEvents], run);
  append_column<std::int64_t>(meetings->columns[0], scratch, rows[kMeetings], run);
  append_column<std::int64_t>(negotiations->columns[0], scratch, rows[kNegotiations], run);
  for (std::size_t t = 0; t < kTableColumns; ++t) {
    const TableField& field = kTableFields[t];
    const std::uint64_t n = rows[field.list];
    scratch.resize(n * field.size);
    field.gather(r, scratch.data());
    if (field.offset_into >= 0)
      for (std::uint64_t i = 0; i < n; ++i) {
        std::int64_t offset = 0;
        std::memcpy(&offset, scratch.data() + i * 8, 8);
        offset += before[field.offset_into];
        std::memcpy(scratch.data() + i * 8, &offset, 8);
      }
    table_columns[t]->append(scratch.data(), n);
  }
}

}  // namespace regiesim::io
