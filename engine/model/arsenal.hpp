#pragma once
// The regisseur's arsenal, declared as data: every intervention with its id (the tie-break order
// of the strategies), the event kind it is logged as, its scope and its default effectiveness and
// cost. A strategy's style is these values; strategies only choose among enabled entries. The
// scenario keys regisseur.arsenal.<name>.enabled / .effectiveness / .cost are generated from this
// list (parameter_table.cpp); what each intervention changes is its row of the intervention table
// (docs/ODD.md 2.1), implemented in engine/regie/apply.cpp.
#include <array>
#include <cstdint>
#include <string_view>

namespace regiesim::model {

// Intervention ids are dense, in table order (kArsenal below): the id is the index into the
// arsenal, into Parameters::arsenal and into the effort tallies, and it is the order every strategy
// breaks ties in. A new intervention is appended (last in every tie-break, so no existing choice
// moves). Ids are never written to a file: events carry the intervention's event kind, which the
// table maps one way from the id (InterventionDecl::event_kind), so ids and event kinds can never
// collide.
enum class Intervention : std::int8_t {
  convene = 0,
  surface_interests,
  refocus,
  clarify_goal,
  commission_goal,
  make_concrete,
  build_language,
  delegate,
  control,
  appreciate,
  address_responsibility,
  release,
  organise,
  reflect,
  acknowledge_perspectives,
  table_division,
};

// Partner interventions act on one partner (or, with target "all", on every active partner at
// cost per partner); group interventions act once on the collaboration.
enum class Scope : std::int8_t { partner, group };

struct InterventionDecl {
  Intervention kind;
  // The /events kind its application is logged as. Append-only numbers in the model's reserved
  // range 2-39: the first fifteen interventions keep the kinds they always had (0, 2..15); 16-18
  // are the skip kinds (record/events.hpp); a new intervention takes 19, 20, ...
  std::int8_t event_kind;
  std::string_view name;
  Scope scope;
  double effectiveness;  // default eta
  double cost;           // default cost (effort)
  std::string_view claim;
  std::string_view description;
};

// The target "all": every active partner, or the collaboration as a whole.
inline constexpr std::int32_t kAllPartners = -1;

// In id order, the order every strategy breaks ties in.
inline constexpr auto kArsenal = std::to_array<InterventionDecl>({
    {Intervention::convene, 0, "convene", Scope::group, 1.0, 0.5, "C1",
     "brings active partners together in meetings drawn on the network (plus a seat cost per "
     "participant)"},
    {Intervention::surface_interests, 2, "surface_interests", Scope::partner, 0.3, 0.2, "C2",
     "makes a partner's interests known, giving them voice in the goal"},
    {Intervention::refocus, 3, "refocus", Scope::group, 0.3, 0.5, "C14",
     "turns everyone's attention back to the opgave; settled partners return to co-creation"},
    {Intervention::clarify_goal, 4, "clarify_goal", Scope::group, 0.2, 1.0, "C3",
     "co-creates the goal with all active partners"},
    {Intervention::commission_goal, 5, "commission_goal", Scope::group, 0.8, 0.5, "C16",
     "hands the goal down without partner input"},
    {Intervention::make_concrete, 6, "make_concrete", Scope::group, 0.1, 0.5, "C3",
     "makes the goal more concrete, reopening disagreement where perspectives differ"},
    {Intervention::build_language, 7, "build_language", Scope::group, 0.05, 0.5, "C4",
     "builds a common language between disciplines"},
    {Intervention::delegate, 8, "delegate", Scope::partner, 0.3, 0.2, "C5",
     "hands a task back to a partner, raising its ownership and trust in the regisseur"},
    {Intervention::control, 9, "control", Scope::partner, 1.0, 0.5, "C5",
     "the regisseur takes over work in a partner's specialism, at the cost of trust and "
     "ownership"},
    {Intervention::appreciate, 10, "appreciate", Scope::partner, 0.1, 0.1, "C13",
     "appreciates a partner's contribution: passion and trust in the regisseur"},
    {Intervention::address_responsibility, 11, "address_responsibility", Scope::partner, 0.1, 0.2,
     "C12", "addresses a partner on the consequences of what it does for the opgave"},
    {Intervention::release, 12, "release", Scope::partner, 1.0, 0.2, "C9",
     "lets a partner who adds nothing go"},
    {Intervention::organise, 13, "organise", Scope::group, 0.2, 0.5, "C7",
     "moves the organisation level toward the intensity (light ~0.2, heavy ~1)"},
    {Intervention::reflect, 14, "reflect", Scope::group, 0.3, 0.3, "C17",
     "the regisseur reflects: awareness up, negotiation made visible"},
    {Intervention::acknowledge_perspectives, 15, "acknowledge_perspectives", Scope::group, 0.2, 0.3,
     "C10", "acknowledges several perspectives: the confidence bound widens"},
    {Intervention::table_division, 19, "table_division", Scope::partner, 0.3, 0.2, "C14",
     "tables the division of the work with a partner: its divergent interests become salient"},
});

// Every count of interventions (parameters, effort tallies, effort metrics) derives from the table.
inline constexpr int kInterventionCount = static_cast<int>(kArsenal.size());

// Index of an intervention in kArsenal (and in Parameters::arsenal): its id.
constexpr int arsenal_index(Intervention kind) {
  return static_cast<int>(kind);
}

// The table is in id order, ids are dense, and event kinds are unique and inside the model's
// range, clear of exit (1) and the skip kinds (16-18).
constexpr bool arsenal_is_well_numbered() {
  for (int a = 0; a < kInterventionCount; ++a) {
    const auto& d = kArsenal[static_cast<std::size_t>(a)];
    if (arsenal_index(d.kind) != a) return false;
    const int k = d.event_kind;
    if (k == 1 || (k >= 16 && k <= 18) || k < 0 || k > 39) return false;
    if (a > 0 && (k < 2)) return false;
    for (int b = 0; b < a; ++b)
      if (kArsenal[static_cast<std::size_t>(b)].event_kind == k) return false;
  }
  return true;
}
static_assert(arsenal_is_well_numbered());

struct ArsenalEntry {
  double enabled;  // 1 or 0 (a boolean parameter)
  double effectiveness;
  double cost;
  friend bool operator==(const ArsenalEntry&, const ArsenalEntry&) = default;
};

using Arsenal = std::array<ArsenalEntry, kInterventionCount>;

}  // namespace regiesim::model
