#pragma once
// Samples the state after each step into a RunRecord, as the scenario's [record] table asks
// (output is configuration handed to the runner, never a call inside a process).
// Buffers are sized in the constructor; observe() does not allocate (events excepted, whose
// buffer is reserved for the expected count).
#include "model/state.hpp"
#include "network/network.hpp"
#include "record/event_log.hpp"
#include "record/metrics.hpp"
#include "record/run_record.hpp"
#include "scenario/scenario_spec.hpp"

namespace regiesim::sim {

// The weeks at which partners (and trust) are sampled: every `interval` weeks from 0, and the
// last week always.
std::vector<std::int32_t> sample_steps(std::int32_t steps, std::int64_t interval);

// The run-level metrics of a state (record::Metric order).
// `scratch` is reused for the perspective clusters (reserve it for the partners).
std::array<double, record::kMetricCount> measure(const network::Network& net,
                                                 const model::Parameters& p,
                                                 const model::State& state,
                                                 std::vector<double>& scratch);

class Recorder {
 public:
  Recorder(const scenario::ScenarioSpec& spec, const network::Network& net,
           record::RunRecord& record);

  // Call with the initial state (step 0), then after every step.
  void observe(const model::State& state);
  // Fills the summary. A failed run's series keep NaN after the failing step.
  void finish();

  record::EventLog& events() { return log_; }
  bool failed() const { return record_.status == record::RunStatus::failed; }

 private:
  void make_room_for_a_week(const model::State& s);
  const network::Network& net_;
  const model::Parameters& parameters_;
  model::RecordLevel level_;
  std::int64_t agent_interval_;
  record::RunRecord& record_;
  record::EventLog log_;
  std::array<double, record::kMetricCount> last_{};
  std::array<double, record::kMetricCount> totals_{};
  std::size_t next_sample_ = 0;
  std::vector<double> scratch_;
  double effort_so_far_ = 0.0;
  std::array<std::array<double, record::kRecentWeeks>, record::kMetricCount> recent_{};
  int recent_count_ = 0;
};

}  // namespace regiesim::sim
