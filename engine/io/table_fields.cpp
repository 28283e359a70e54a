#include "io/table_fields.hpp"

#include <cstring>
#include <type_traits>

namespace regiesim::io {

std::array<std::uint64_t, kTableLists> table_rows(const record::RunRecord& r) {
  return {r.events.size(),
          r.meetings.size(),
          r.meeting_participants.size(),
          r.negotiations.size(),
          r.negotiation_participants.size(),
          r.negotiation_shares.size()};
}

// A field's whole column at a time, a loop the compiler sees through: the writer gathers every
// column of every run, so a call per value would cost it about one per row and column.
#define REGIESIM_TABLE_FIELD(LIST, INTO, T, ROWS, FIELD)                          \
  TableField {                                                                    \
    LIST, sizeof(T), INTO,                                                        \
        [](const record::RunRecord& r, std::byte* out) {                          \
          for (std::size_t i = 0; i < r.ROWS.size(); ++i) {                       \
            const auto value = static_cast<T>(FIELD);                             \
            std::memcpy(out + i * sizeof(T), &value, sizeof(T));                  \
          }                                                                       \
        },                                                                        \
        [](record::RunRecord& r, const std::byte* in) {                           \
          for (std::size_t i = 0; i < r.ROWS.size(); ++i) {                       \
            T value;                                                              \
            std::memcpy(&value, in + i * sizeof(T), sizeof(T));                   \
            FIELD = static_cast<std::remove_reference_t<decltype(FIELD)>>(value); \
          }                                                                       \
        }                                                                         \
  }

// In the order the writer creates the columns (results_writer_tables.cpp).
const std::array<TableField, kTableColumns> kTableFields = {
    REGIESIM_TABLE_FIELD(kEvents, -1, std::int32_t, events, r.events[i].step),
    REGIESIM_TABLE_FIELD(kEvents, -1, std::int8_t, events, r.events[i].kind),
    REGIESIM_TABLE_FIELD(kEvents, -1, std::int32_t, events, r.events[i].source),
    REGIESIM_TABLE_FIELD(kEvents, -1, std::int32_t, events, r.events[i].target),
    REGIESIM_TABLE_FIELD(kEvents, -1, double, events, r.events[i].cost),
    REGIESIM_TABLE_FIELD(kEvents, -1, double, events, r.events[i].value),
    REGIESIM_TABLE_FIELD(kMeetings, -1, std::int32_t, meetings, r.meetings[i].step),
    REGIESIM_TABLE_FIELD(kMeetings, -1, std::int32_t, meetings, r.meetings[i].id),
    REGIESIM_TABLE_FIELD(kMeetings, -1, std::int8_t, meetings, r.meetings[i].mode),
    REGIESIM_TABLE_FIELD(kMeetings, -1, std::int8_t, meetings, r.meetings[i].convened_by),
    REGIESIM_TABLE_FIELD(kMeetings, -1, std::int32_t, meetings, r.meetings[i].size),
    REGIESIM_TABLE_FIELD(kMeetings, kMeetingParticipants, std::int64_t, meetings,
                         r.meetings[i].first_participant),
    REGIESIM_TABLE_FIELD(kMeetingParticipants, -1, std::int32_t, meeting_participants,
                         r.meeting_participants[i]),
    REGIESIM_TABLE_FIELD(kNegotiations, -1, std::int32_t, negotiations, r.negotiations[i].step),
    REGIESIM_TABLE_FIELD(kNegotiations, -1, std::int32_t, negotiations, r.negotiations[i].id),
    REGIESIM_TABLE_FIELD(kNegotiations, -1, std::int32_t, negotiations, r.negotiations[i].meeting),
    REGIESIM_TABLE_FIELD(kNegotiations, -1, std::int8_t, negotiations, r.negotiations[i].protocol),
    REGIESIM_TABLE_FIELD(kNegotiations, -1, std::int32_t, negotiations, r.negotiations[i].rounds),
    REGIESIM_TABLE_FIELD(kNegotiations, -1, std::int8_t, negotiations, r.negotiations[i].agreed),
    REGIESIM_TABLE_FIELD(kNegotiations, -1, double, negotiations,
                         r.negotiations[i].log_nash_product),
    REGIESIM_TABLE_FIELD(kNegotiations, -1, double, negotiations, r.negotiations[i].fairness),
    REGIESIM_TABLE_FIELD(kNegotiations, -1, std::int32_t, negotiations,
                         r.negotiations[i].participants),
    REGIESIM_TABLE_FIELD(kNegotiations, kNegotiationParticipants, std::int64_t, negotiations,
                         r.negotiations[i].first_participant),
    REGIESIM_TABLE_FIELD(kNegotiations, -1, std::int32_t, negotiations, r.negotiations[i].shares),
    REGIESIM_TABLE_FIELD(kNegotiations, kNegotiationShares, std::int64_t, negotiations,
                         r.negotiations[i].first_share),
    REGIESIM_TABLE_FIELD(kNegotiationParticipants, -1, std::int32_t, negotiation_participants,
                         r.negotiation_participants[i]),
    REGIESIM_TABLE_FIELD(kNegotiationShares, -1, double, negotiation_shares,
                         r.negotiation_shares[i]),
};

#undef REGIESIM_TABLE_FIELD

}  // namespace regiesim::io
