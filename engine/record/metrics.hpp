#pragma once
// The run-level metrics, declared once: the recorder, the HDF5 writer, `inspect` and the docs
// read this table. Series are recorded per step (step 0 = the initial state), measured after the
// week's exits (docs/ODD.md 7.15); the summary of a metric is its final value, its total over the
// run, or its mean over the last min(52, T) weeks. Every metric is finite by definition
// (design decision 1): where a ratio could be 0/0 its value there is stated.
#include <array>
#include <string_view>

#include "model/arsenal.hpp"

namespace regiesim::record {

enum class Summary { final_value, total, recent_mean };

// Weeks the recent_mean summary averages over (the last year).
inline constexpr int kRecentWeeks = 52;

// How a metric's summary is taken, in words (the `summary` attribute of /summary/<metric> and the
// summary column of `describe`).
constexpr std::string_view summary_description(Summary summary) {
  switch (summary) {
    case Summary::total:
      return "total";
    case Summary::recent_mean:
      return "mean of the last 52 weeks";
    case Summary::final_value:
      break;
  }
  return "final value";
}
static_assert(kRecentWeeks == 52, "summary_description names the recent window");

struct MetricDecl {
  std::string_view name;
  std::string_view unit;
  std::string_view description;
  Summary summary;
};

enum Metric : int {
  kRealisation = 0,
  kProgressRate,
  kTrustMean,
  kTrustSd,
  kTrustRegisseurMean,
  kPassionMean,
  kCommitmentMean,
  kFocusMean,
  kSalienceMean,
  kInterestsKnownMean,
  kOwnershipRegisseur,
  kGoalClarity,
  kGoalConcreteness,
  kGoalAgreedWeek,
  kCommonLanguage,
  kConfidenceBound,
  kOrganisation,
  kPerspectiveClusters,
  kActivePartners,
  kSettledPartners,
  kMeetings,
  kMeetingsCocreating,
  kMeetingsNegotiating,
  kMeetingsDebate,
  kNegotiatingShare,
  kAgreements,
  kExits,
  kReleases,
  kRegieEffort,
  kRealisationPerEffort,
  kEffortFirst,  // regie effort by intervention, in arsenal order (model/arsenal.hpp)
  kMetricCount = kEffortFirst + model::kInterventionCount
};

inline constexpr std::array<MetricDecl, kMetricCount> kMetrics{{
    {"realisation", "1", "share of the opgave realised, R = mean of R_k (0..1)",
     Summary::final_value},
    {"progress_rate", "1/week",
     "R_t - R_t-1 (0 at step 0); summary: mean over the last 52 weeks, so a stalled "
     "collaboration shows 0",
     Summary::recent_mean},
    {"trust_mean", "1", "mean trust over the ties between active partners (0..1; 0 without ties)",
     Summary::final_value},
    {"trust_sd", "1", "population standard deviation of trust over the same ties (0 without)",
     Summary::final_value},
    {"trust_regisseur_mean", "1", "mean trust in the regisseur of the active partners",
     Summary::final_value},
    {"passion_mean", "1", "mean passion of the active partners (0..1)", Summary::final_value},
    {"commitment_mean", "1", "mean commitment of the active partners (0..1)", Summary::final_value},
    {"focus_mean", "1", "mean focus on the opgave of the active partners", Summary::final_value},
    {"salience_mean", "1", "mean salience of divergent interests of the active partners",
     Summary::final_value},
    {"interests_known_mean", "1", "mean known share of the active partners' interests",
     Summary::final_value},
    {"ownership_regisseur", "1",
     "the regisseur's share of influence on the goal (0 if nobody has any)", Summary::final_value},
    {"goal_clarity", "1", "goal clarity Q", Summary::final_value},
    {"goal_concreteness", "1", "goal concreteness C", Summary::final_value},
    {"goal_agreed_week", "week",
     "first week with clarity >= opgave.agreed_clarity (1 - opgave.abstract_consent (1 - "
     "concreteness)), the clarity agreement on the goal needs (T + 1 while never)",
     Summary::final_value},
    {"common_language", "1", "common language L", Summary::final_value},
    {"confidence_bound", "1", "confidence bound eps of the perspectives", Summary::final_value},
    {"organisation", "1", "organisation level O_L", Summary::final_value},
    {"perspective_clusters", "clusters",
     "major clusters of the active partners' perspectives (cut where neighbours "
     "differ by more than eps; major = at least 2% of the active partners)",
     Summary::final_value},
    {"active_partners", "partners", "partners still in the collaboration", Summary::final_value},
    {"settled_partners", "partners", "active partners executing a negotiated allocation",
     Summary::final_value},
    {"meetings", "ties", "ties that met this week (summary: total over the run)", Summary::total},
    {"meetings_cocreating", "meetings", "meetings that co-created this week (debates included)",
     Summary::total},
    {"meetings_negotiating", "meetings", "meetings that negotiated this week", Summary::total},
    {"meetings_debate", "meetings", "co-creating meetings that turned into a debate",
     Summary::total},
    {"negotiating_share", "1",
     "negotiating meetings / all meetings this week; 0 in a week without meetings; summary: mean "
     "over the last 52 weeks",
     Summary::recent_mean},
    {"agreements", "decisions", "negotiations that agreed this week", Summary::total},
    {"exits", "partners", "partners who left this week", Summary::total},
    {"releases", "partners", "partners released by the regisseur this week", Summary::total},
    {"regie_effort", "effort", "regie effort spent this week (summary: total over the run)",
     Summary::total},
    {"realisation_per_effort", "1/effort",
     "realisation per unit of regie effort spent so far, R_t / total effort to t; 0 while no "
     "effort was spent (regie_effort's total beside it shows that case)",
     Summary::final_value},
    {"effort_convene", "effort", "effort spent on convene", Summary::total},
    {"effort_surface_interests", "effort", "effort spent on surface_interests", Summary::total},
    {"effort_refocus", "effort", "effort spent on refocus", Summary::total},
    {"effort_clarify_goal", "effort", "effort spent on clarify_goal", Summary::total},
    {"effort_commission_goal", "effort", "effort spent on commission_goal", Summary::total},
    {"effort_make_concrete", "effort", "effort spent on make_concrete", Summary::total},
    {"effort_build_language", "effort", "effort spent on build_language", Summary::total},
    {"effort_delegate", "effort", "effort spent on delegate", Summary::total},
    {"effort_control", "effort", "effort spent on control", Summary::total},
    {"effort_appreciate", "effort", "effort spent on appreciate", Summary::total},
    {"effort_address_responsibility", "effort", "effort spent on address_responsibility",
     Summary::total},
    {"effort_release", "effort", "effort spent on release", Summary::total},
    {"effort_organise", "effort", "effort spent on organise", Summary::total},
    {"effort_reflect", "effort", "effort spent on reflect", Summary::total},
    {"effort_acknowledge_perspectives", "effort", "effort spent on acknowledge_perspectives",
     Summary::total},
    {"effort_table_division", "effort", "effort spent on table_division", Summary::total},
}};

// The effort metrics follow the arsenal, one per intervention in id order, named
// effort_<intervention>: a new intervention needs its row above, and this check says so.
constexpr bool effort_metrics_follow_the_arsenal() {
  for (int a = 0; a < model::kInterventionCount; ++a) {
    const std::string_view name = kMetrics[static_cast<std::size_t>(kEffortFirst + a)].name;
    if (!name.starts_with("effort_") ||
        name.substr(7) != model::kArsenal[static_cast<std::size_t>(a)].name)
      return false;
  }
  return true;
}
static_assert(effort_metrics_follow_the_arsenal());

// Per-partner variables sampled every record.agent_interval weeks (record level `agents`).
enum AgentVariable : int {
  kPassion = 0,
  kCommitment,
  kTrustGiven,
  kActive,
  kInterestsKnown,
  kOwnership,
  kFocus,
  kSalience,
  kPerspective,
  kTrustInRegisseur,
  kSettled,
  kAllocation,
  kContribution,
  kAgentVariableCount
};

struct VariableDecl {
  std::string_view name;
  std::string_view unit;
  std::string_view description;
};

inline constexpr std::array<VariableDecl, kAgentVariableCount> kAgentVariables{{
    {"passion", "1", "passion of the partner (0..1)"},
    {"commitment", "1", "commitment of the partner (0..1)"},
    {"trust_given", "1", "mean trust the partner has in its ties (0..1)"},
    {"active", "1", "1 while the partner is in the collaboration, 0 after it left"},
    {"interests_known", "1", "how far the partner's interests are known (0..1)"},
    {"ownership", "1", "the partner's measured share of influence on the goal (0..1)"},
    {"focus", "1", "focus on the shared opgave (0..1)"},
    {"salience", "1", "salience of its divergent interests (0..1)"},
    {"perspective", "1", "its view of the opgave (0..1)"},
    {"trust_in_regisseur", "1", "trust in the regisseur (0..1)"},
    {"settled", "1", "1 while executing a negotiated allocation"},
    {"allocation", "realisation", "realisation still owed under its agreement"},
    {"contribution", "effort", "what it delivered in the week"},
}};

}  // namespace regiesim::record
