#pragma once
// What happened, as rows of the /events table. Interventions of the regisseur and
// partners leaving are events; ordinary meetings between partners are counted in the series.
#include <array>
#include <cstdint>
#include <string_view>

#include "model/arsenal.hpp"

namespace regiesim::record {

// Values are stored in the HDF5 enum; never renumber, only append. Reserved ranges, so that
// work built side by side never takes the same number: 0-1 the foundation, 2-39 the regie model
// (interventions, meetings, exits), 40-49 negotiation, 50-59 reliability (failures). The
// interventions' kinds come from the arsenal table (model/arsenal.hpp, InterventionDecl::
// event_kind); the names below only spell the existing ones for code and tests, and the
// static_asserts keep them equal to the table.
enum class EventKind : std::int8_t {
  convene = 0,  // the regisseur convenes meetings (C1); value: participants
  exit = 1,     // a partner leaves after its commitment stayed low (its capabilities leave too)
  // 2..15: the first interventions of the arsenal; value: the effect size a
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
  // an intervention that was asked for but not applied (docs/ODD.md 3.4); value: the
  // intervention's event kind
  skipped_over_capacity = 16,
  skipped_target_left = 17,
  skipped_disabled = 18,
  // 19, 20, ...: interventions appended to the arsenal after the skip kinds
  table_division = 19,
  // 40-49: negotiation. A new negotiation found every slot of the open-negotiation table taken,
  // so the stalest open one was closed without an outcome (docs/ODD.md 7.5); source: its lowest
  // party, value: its negotiation id.
  negotiation_dropped = 40,
};

// The event kind an intervention's application is logged as (one way: id -> kind).
constexpr EventKind event_kind(model::Intervention kind) {
  return static_cast<EventKind>(
      model::kArsenal[static_cast<std::size_t>(model::arsenal_index(kind))].event_kind);
}

// One past the largest event kind in use: the skip kinds' end, or past the last intervention
// appended after them.
constexpr int event_kind_count() {
  int count = static_cast<int>(EventKind::skipped_disabled) + 1;
  for (const auto& d : model::kArsenal) count = d.event_kind + 1 > count ? d.event_kind + 1 : count;
  return count;
}
inline constexpr int kEventKindCount = event_kind_count();

inline constexpr std::array<std::string_view, kEventKindCount> kEventKindNames = [] {
  std::array<std::string_view, kEventKindCount> names{};
  for (const auto& d : model::kArsenal) names[static_cast<std::size_t>(d.event_kind)] = d.name;
  names[static_cast<std::size_t>(EventKind::exit)] = "exit";
  names[static_cast<std::size_t>(EventKind::skipped_over_capacity)] = "skipped_over_capacity";
  names[static_cast<std::size_t>(EventKind::skipped_target_left)] = "skipped_target_left";
  names[static_cast<std::size_t>(EventKind::skipped_disabled)] = "skipped_disabled";
  return names;
}();

// Every number below the count has a name (the HDF5 enum lists them all, and its names must be
// unique): an intervention appended after the skip kinds takes the next free kind.
constexpr bool event_kinds_are_contiguous() {
  for (const auto name : kEventKindNames)
    if (name.empty()) return false;
  return true;
}
static_assert(event_kinds_are_contiguous());
static_assert(event_kind(model::Intervention::convene) == EventKind::convene);
static_assert(event_kind(model::Intervention::surface_interests) == EventKind::surface_interests);
static_assert(event_kind(model::Intervention::refocus) == EventKind::refocus);
static_assert(event_kind(model::Intervention::clarify_goal) == EventKind::clarify_goal);
static_assert(event_kind(model::Intervention::commission_goal) == EventKind::commission_goal);
static_assert(event_kind(model::Intervention::make_concrete) == EventKind::make_concrete);
static_assert(event_kind(model::Intervention::build_language) == EventKind::build_language);
static_assert(event_kind(model::Intervention::delegate) == EventKind::delegate);
static_assert(event_kind(model::Intervention::control) == EventKind::control);
static_assert(event_kind(model::Intervention::appreciate) == EventKind::appreciate);
static_assert(event_kind(model::Intervention::address_responsibility) ==
              EventKind::address_responsibility);
static_assert(event_kind(model::Intervention::release) == EventKind::release);
static_assert(event_kind(model::Intervention::organise) == EventKind::organise);
static_assert(event_kind(model::Intervention::reflect) == EventKind::reflect);
static_assert(event_kind(model::Intervention::acknowledge_perspectives) ==
              EventKind::acknowledge_perspectives);
static_assert(event_kind(model::Intervention::table_division) == EventKind::table_division);

// Kinds outside the model's dense block 0 .. kEventKindCount - 1: negotiation (40-49); failures
// (50-59) have none yet.
struct NumberedEventKind {
  int number;
  std::string_view name;
};
inline constexpr std::array<NumberedEventKind, 1> kOtherEventKinds{
    {{static_cast<int>(EventKind::negotiation_dropped), "negotiation_dropped"}}};
static_assert(static_cast<int>(EventKind::negotiation_dropped) >= kEventKindCount);

// Every event kind with its number, in number order: what the results file's enum lists.
inline constexpr auto kAllEventKinds = [] {
  std::array<NumberedEventKind, kEventKindNames.size() + kOtherEventKinds.size()> all{};
  for (std::size_t k = 0; k < kEventKindNames.size(); ++k)
    all[k] = {static_cast<int>(k), kEventKindNames[k]};
  for (std::size_t k = 0; k < kOtherEventKinds.size(); ++k)
    all[kEventKindNames.size() + k] = kOtherEventKinds[k];
  return all;
}();

constexpr bool is_event_kind(int number) {
  for (const auto& k : kAllEventKinds)
    if (k.number == number) return true;
  return false;
}

inline constexpr std::string_view event_kind_name(EventKind kind) {
  for (const auto& k : kAllEventKinds)
    if (k.number == static_cast<int>(kind)) return k.name;
  return "unknown";
}

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

}  // namespace regiesim::record
