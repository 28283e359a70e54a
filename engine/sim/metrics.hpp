#pragma once
// The run-level metrics, declared once: the recorder, the HDF5 writer, `inspect` and the docs
// read this table. Series are recorded per step (step 0 = the initial state); the summary of a
// metric is its final value or its total over the run.
#include <array>
#include <string_view>

namespace regiesim::sim {

enum class Summary { final_value, total };

struct MetricDecl {
  std::string_view name;
  std::string_view unit;
  std::string_view description;
  Summary summary;
};

enum Metric : int {
  kRealisation = 0,
  kTrustMean,
  kPassionMean,
  kCommitmentMean,
  kActivePartners,
  kMeetings,
  kRegieEffort,
  kMetricCount
};

inline constexpr std::array<MetricDecl, kMetricCount> kMetrics{{
    {"realisation", "1", "share of the opgave realised (0..1)", Summary::final_value},
    {"trust_mean", "1", "mean trust over the ties between active partners (0..1)",
     Summary::final_value},
    {"passion_mean", "1", "mean passion of the active partners (0..1)", Summary::final_value},
    {"commitment_mean", "1", "mean commitment of the active partners (0..1)", Summary::final_value},
    {"active_partners", "partners", "partners still in the collaboration", Summary::final_value},
    {"meetings", "ties", "ties that met this week (summary: total over the run)", Summary::total},
    {"regie_effort", "effort", "regie effort spent this week (summary: total over the run)",
     Summary::total},
}};

// Per-partner variables sampled every record.agent_interval weeks (record level `agents`).
enum AgentVariable : int { kPassion = 0, kCommitment, kTrustGiven, kActive, kAgentVariableCount };

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
}};

}  // namespace regiesim::sim
