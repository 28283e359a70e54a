#pragma once
// The regisseur's arsenal, declared as data (DECISIONS 16): every intervention with its number
// (its event kind and the tie-break order of the strategies), its scope and its default
// effectiveness and cost. The scenario keys regisseur.arsenal.<name>.enabled / .effectiveness /
// .cost are generated from this list (parameter_table.cpp); what each intervention changes is its
// row of the intervention table (docs/ODD.md 2.1), implemented in engine/regie/apply.cpp.
#include <array>
#include <cstdint>
#include <string_view>

namespace regiesim::model {

// Numbers are event kinds (sim::EventKind) and never change; only append (DECISIONS 2: 2-39).
enum class Intervention : std::int8_t {
  convene = 0,
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
  release = 12,
  organise = 13,
  reflect = 14,
  acknowledge_perspectives = 15,
};

// Partner interventions act on one partner (or, with target "all", on every active partner at
// cost per partner); group interventions act once on the collaboration.
enum class Scope : std::int8_t { partner, group };

struct InterventionDecl {
  Intervention kind;
  std::string_view name;
  Scope scope;
  double effectiveness;  // default eta
  double cost;           // default cost (effort)
  std::string_view claim;
  std::string_view description;
};

inline constexpr int kInterventionCount = 15;

// The target "all": every active partner, or the collaboration as a whole.
inline constexpr std::int32_t kAllPartners = -1;

// In table order (= number order), the order every strategy breaks ties in.
inline constexpr std::array<InterventionDecl, kInterventionCount> kArsenal{{
    {Intervention::convene, "convene", Scope::group, 1.0, 0.5, "C1",
     "brings active partners together in meetings drawn on the network (plus a seat cost per "
     "participant)"},
    {Intervention::surface_interests, "surface_interests", Scope::partner, 0.3, 0.2, "C2",
     "makes a partner's interests known, giving them voice in the goal"},
    {Intervention::refocus, "refocus", Scope::group, 0.3, 0.5, "C14",
     "turns everyone's attention back to the opgave; settled partners return to co-creation"},
    {Intervention::clarify_goal, "clarify_goal", Scope::group, 0.2, 1.0, "C3",
     "co-creates the goal with all active partners"},
    {Intervention::commission_goal, "commission_goal", Scope::group, 0.8, 0.5, "C16",
     "hands the goal down without partner input"},
    {Intervention::make_concrete, "make_concrete", Scope::group, 0.1, 0.5, "C3",
     "makes the goal more concrete, reopening disagreement where perspectives differ"},
    {Intervention::build_language, "build_language", Scope::group, 0.05, 0.5, "C4",
     "builds a common language between disciplines"},
    {Intervention::delegate, "delegate", Scope::partner, 0.3, 0.2, "C5",
     "hands a task back to a partner, raising its ownership and trust in the regisseur"},
    {Intervention::control, "control", Scope::partner, 1.0, 0.5, "C5",
     "the regisseur takes over work in a partner's specialism, at the cost of trust and "
     "ownership"},
    {Intervention::appreciate, "appreciate", Scope::partner, 0.1, 0.1, "C13",
     "appreciates a partner's contribution: passion and trust in the regisseur"},
    {Intervention::address_responsibility, "address_responsibility", Scope::partner, 0.1, 0.2,
     "C12", "addresses a partner on the consequences of what it does for the opgave"},
    {Intervention::release, "release", Scope::partner, 1.0, 0.2, "C9",
     "lets a partner who adds nothing go"},
    {Intervention::organise, "organise", Scope::group, 0.2, 0.5, "C7",
     "moves the organisation level toward the intensity (light ~0.2, heavy ~1)"},
    {Intervention::reflect, "reflect", Scope::group, 0.3, 0.3, "C17",
     "the regisseur reflects: awareness up, negotiation made visible"},
    {Intervention::acknowledge_perspectives, "acknowledge_perspectives", Scope::group, 0.2, 0.3,
     "C10", "acknowledges several perspectives: the confidence bound widens"},
}};

// Dense index (0..kInterventionCount-1) of an intervention in kArsenal: numbers are 0 and 2..15
// (1 is the exit event), so the index is the number, less one above 0.
constexpr int arsenal_index(Intervention kind) {
  const int number = static_cast<int>(kind);
  return number == 0 ? 0 : number - 1;
}
static_assert(arsenal_index(Intervention::acknowledge_perspectives) == kInterventionCount - 1);

struct ArsenalEntry {
  double enabled;  // 1 or 0 (a boolean parameter)
  double effectiveness;
  double cost;
  friend bool operator==(const ArsenalEntry&, const ArsenalEntry&) = default;
};

using Arsenal = std::array<ArsenalEntry, kInterventionCount>;

}  // namespace regiesim::model
