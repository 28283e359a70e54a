#include "sim/recorder.hpp"

#include <fmt/format.h>
#include <cmath>
#include <limits>
#include <string>

#include "dynamics/trust.hpp"

namespace regiesim::sim {

std::vector<std::int32_t> sample_steps(std::int32_t steps, std::int64_t interval) {
  std::vector<std::int32_t> samples;
  for (std::int64_t t = 0; t <= steps; t += interval)
    samples.push_back(static_cast<std::int32_t>(t));
  if (samples.back() != steps) samples.push_back(steps);  // the last week is always sampled
  return samples;
}

namespace {

// The first state variable that is not finite, as "passion of partner 3 (nan)": searched only
// once a metric has turned non-finite, so the step loop pays nothing for it.
std::string locate_non_finite(const network::Network& net, const model::State& s) {
  if (!std::isfinite(s.realisation)) return fmt::format("realisation ({})", s.realisation);
  const auto& partners = s.partners;
  for (Eigen::Index i = 0; i < partners.passion.size(); ++i)
    if (!std::isfinite(partners.passion[i]))
      return fmt::format("passion of partner {} ({})", i, partners.passion[i]);
  for (Eigen::Index i = 0; i < partners.commitment.size(); ++i)
    if (!std::isfinite(partners.commitment[i]))
      return fmt::format("commitment of partner {} ({})", i, partners.commitment[i]);
  for (std::int64_t e = 0; e < net.edge_count(); ++e)
    if (!std::isfinite(s.trust[e]))
      return fmt::format("trust of partner {} in partner {} ({})",
                         net.source[static_cast<std::size_t>(e)],
                         net.target[static_cast<std::size_t>(e)], s.trust[e]);
  if (!std::isfinite(s.tallies.regie_effort))
    return fmt::format("regie effort ({})", s.tallies.regie_effort);
  return {};
}

}  // namespace

std::array<double, kMetricCount> measure(const network::Network& net, const model::State& s) {
  const auto& partners = s.partners;
  double passion = 0.0;
  double commitment = 0.0;
  std::int64_t active = 0;
  for (Eigen::Index i = 0; i < partners.active.size(); ++i) {
    if (partners.active[i] == 0) continue;
    passion += partners.passion[i];
    commitment += partners.commitment[i];
    ++active;
  }
  const double per_partner = active > 0 ? 1.0 / static_cast<double>(active) : 0.0;
  std::array<double, kMetricCount> m{};
  m[kRealisation] = s.realisation;
  m[kTrustMean] = dynamics::mean_trust_between_active(net, s.trust, partners.active);
  m[kPassionMean] = passion * per_partner;
  m[kCommitmentMean] = commitment * per_partner;
  m[kActivePartners] = static_cast<double>(active);
  m[kMeetings] = static_cast<double>(s.tallies.meetings);
  m[kRegieEffort] = s.tallies.regie_effort;
  return m;
}

Recorder::Recorder(const scenario::ScenarioSpec& spec, const network::Network& net,
                   RunRecord& record)
    : net_(net),
      level_(spec.parameters.record_level),
      agent_interval_(spec.parameters.record_agent_interval),
      record_(record) {
  const auto steps = static_cast<std::int32_t>(spec.parameters.steps);
  const auto partners = static_cast<std::size_t>(spec.partner_count());
  constexpr double nan = std::numeric_limits<double>::quiet_NaN();
  record_.steps = steps;
  record_.summary.assign(kMetricCount, nan);
  if (level_ >= model::RecordLevel::series) {
    record_.series.assign(kMetricCount,
                          std::vector<double>(static_cast<std::size_t>(steps) + 1, nan));
    const std::int64_t convenings = spec.parameters.regisseur_convene_interval > 0
                                        ? steps / spec.parameters.regisseur_convene_interval
                                        : 0;
    record_.events.reserve(static_cast<std::size_t>(convenings) + partners);
    record_.meetings.reserve(static_cast<std::size_t>(convenings));
    record_.meeting_participants.reserve(static_cast<std::size_t>(convenings) * partners);
    log_ = EventLog(&record_);
  }
  if (level_ >= model::RecordLevel::agents) {
    record_.sample_steps = sample_steps(steps, agent_interval_);
    const std::size_t samples = record_.sample_steps.size();
    record_.agents.assign(kAgentVariableCount, std::vector<double>(samples * partners, nan));
    if (level_ >= model::RecordLevel::full)
      record_.trust.assign(samples * static_cast<std::size_t>(net.edge_count()), nan);
  }
}

void Recorder::observe(const model::State& s) {
  last_ = measure(net_, s);
  for (int m = 0; m < kMetricCount; ++m) {
    if (s.step > 0) totals_[m] += last_[m];
    if (!std::isfinite(last_[m]) && !failed()) {
      // DECISIONS 5 makes this unreachable from valid input; if it happens, the run is recorded
      // as failed with its cause rather than carrying NaN into every later number.
      record_.status = RunStatus::failed;
      const std::string variable = locate_non_finite(net_, s);
      record_.failure_reason =
          variable.empty()
              ? fmt::format("non-finite {} ({}) at step {}", kMetrics[m].name, last_[m], s.step)
              : fmt::format("non-finite {} at step {} (seen in {})", variable, s.step,
                            kMetrics[m].name);
    }
  }
  const auto t = static_cast<std::size_t>(s.step);
  if (level_ >= model::RecordLevel::series)
    for (int m = 0; m < kMetricCount; ++m) record_.series[m][t] = last_[m];

  if (next_sample_ >= record_.sample_steps.size() || record_.sample_steps[next_sample_] != s.step)
    return;
  const auto& partners = s.partners;
  const auto n = static_cast<std::size_t>(partners.active.size());
  const std::size_t row = next_sample_ * n;
  for (std::size_t i = 0; i < n; ++i) {
    const auto id = static_cast<Eigen::Index>(i);
    record_.agents[kPassion][row + i] = partners.passion[id];
    record_.agents[kCommitment][row + i] = partners.commitment[id];
    record_.agents[kTrustGiven][row + i] =
        dynamics::trust_given(net_, s.trust, partners.active, static_cast<std::int32_t>(i));
    record_.agents[kActive][row + i] = partners.active[id];
  }
  if (level_ >= model::RecordLevel::full) {
    const auto edges = static_cast<std::size_t>(net_.edge_count());
    for (std::size_t e = 0; e < edges; ++e)
      record_.trust[next_sample_ * edges + e] = s.trust[static_cast<Eigen::Index>(e)];
  }
  ++next_sample_;
}

void Recorder::finish() {
  for (int m = 0; m < kMetricCount; ++m)
    record_.summary[m] = kMetrics[m].summary == Summary::total ? totals_[m] : last_[m];
}

}  // namespace regiesim::sim
