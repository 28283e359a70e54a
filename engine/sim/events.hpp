#pragma once
// What happened, as rows of the /events table (DECISIONS 1). Interventions of the regisseur and
// partners leaving are events; ordinary meetings between partners are counted in the series.
#include <cstdint>
#include <string_view>

namespace regiesim::sim {

// Values are stored in the HDF5 enum; never renumber, only append. Reserved ranges, so that
// issues built side by side never take the same number (DECISIONS 2): 0-1 the foundation,
// 2-39 the regie model (interventions, meetings, exits), 40-49 negotiation, 50-59 reliability
// (failures).
enum class EventKind : std::int8_t {
  convene = 0,  // the regisseur brings all active partners together (C1)
  exit = 1,     // a partner leaves after its commitment stayed low (its capabilities leave too)
};

inline constexpr std::string_view event_kind_name(EventKind kind) {
  switch (kind) {
    case EventKind::convene:
      return "convene";
    case EventKind::exit:
      return "exit";
  }
  return "unknown";
}
inline constexpr int kEventKindCount = 2;

// source -1: the regisseur; target -1: the whole group.
inline constexpr std::int32_t kRegisseur = -1;
inline constexpr std::int32_t kWholeGroup = -1;

struct Event {
  std::int32_t step;
  EventKind kind;
  std::int32_t source;
  std::int32_t target;
  double cost;   // regie effort spent
  double value;  // convene: partners present; exit: the leaver's commitment
  friend bool operator==(const Event&, const Event&) = default;
};

}  // namespace regiesim::sim
