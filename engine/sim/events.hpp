#pragma once
// What happened, as rows of the /events table (DECISIONS 1). Interventions of the regisseur and
// partners leaving are events; ordinary meetings between partners are counted in the series.
#include <array>
#include <cstdint>
#include <string_view>

namespace regiesim::sim {

// Values are stored in the HDF5 enum; never renumber, only append. Reserved ranges, so that
// issues built side by side never take the same number (DECISIONS 2): 0-1 the foundation,
// 2-39 the regie model (interventions, meetings, exits), 40-49 negotiation, 50-59 reliability
// (failures).
enum class EventKind : std::int8_t {
  convene = 0,  // the regisseur convenes meetings (C1); value: participants
  exit = 1,     // a partner leaves after its commitment stayed low (its capabilities leave too)
  // 2..15: the interventions of model/arsenal.hpp by number; value: the effect size a
  surface_interests = 2,
  refocus = 3,
  clarify_goal = 4,
  commission_goal = 5,
  make_concrete = 6,
  build_language = 7,
  delegate = 8,
  control = 9,
  appreciate = 10,
  address_responsibility = 11,
  release = 12,  // the released partner is the target; value: its commitment (C9)
  organise = 13,
  reflect = 14,
  acknowledge_perspectives = 15,
  // an intervention that was asked for but not applied (docs/ODD.md 3.4); value: its kind
  skipped_over_capacity = 16,
  skipped_target_left = 17,
  skipped_disabled = 18,
};

inline constexpr std::array<std::string_view, 19> kEventKindNames{"convene",
                                                                  "exit",
                                                                  "surface_interests",
                                                                  "refocus",
                                                                  "clarify_goal",
                                                                  "commission_goal",
                                                                  "make_concrete",
                                                                  "build_language",
                                                                  "delegate",
                                                                  "control",
                                                                  "appreciate",
                                                                  "address_responsibility",
                                                                  "release",
                                                                  "organise",
                                                                  "reflect",
                                                                  "acknowledge_perspectives",
                                                                  "skipped_over_capacity",
                                                                  "skipped_target_left",
                                                                  "skipped_disabled"};

inline constexpr std::string_view event_kind_name(EventKind kind) {
  const auto k = static_cast<std::size_t>(kind);
  return k < kEventKindNames.size() ? kEventKindNames[k] : std::string_view("unknown");
}
inline constexpr int kEventKindCount = 19;

// source -1: the regisseur; target -1: the whole group.
inline constexpr std::int32_t kRegisseur = -1;
inline constexpr std::int32_t kWholeGroup = -1;

struct Event {
  std::int32_t step;
  EventKind kind;
  std::int32_t source;
  std::int32_t target;
  double cost;   // regie effort spent
  double value;  // see the kinds above
  friend bool operator==(const Event&, const Event&) = default;
};

}  // namespace regiesim::sim
