#include "sim/recorder.hpp"

#include <fmt/format.h>
#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

#include "dynamics/derived.hpp"
#include "dynamics/prefetch.hpp"
#include "dynamics/trust.hpp"

namespace regiesim::sim {

// The metrics a run records, by their names (record/metrics.hpp).
using namespace record;

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

std::array<double, kMetricCount> measure(const network::Network& net, const model::Parameters& p,
                                         const model::State& s, std::vector<double>& scratch) {
  const auto& partners = s.partners;
  double passion = 0.0;
  double commitment = 0.0;
  double focus = 0.0;
  double salience = 0.0;
  double known = 0.0;
  double in_regisseur = 0.0;
  std::int64_t active = 0;
  std::int64_t settled = 0;
  for (Eigen::Index i = 0; i < partners.active.size(); ++i) {
    if (partners.active[i] == 0) continue;
    passion += partners.passion[i];
    commitment += partners.commitment[i];
    focus += partners.focus[i];
    salience += partners.salience[i];
    known += partners.interests_known[i];
    in_regisseur += partners.trust_regisseur[i];
    settled += partners.settled[i] != 0 ? 1 : 0;
    ++active;
  }
  const double per_partner = active > 0 ? 1.0 / static_cast<double>(active) : 0.0;
  // Trust over active directed ties: mean, then the population standard deviation.
  const double trust_mean = dynamics::mean_trust_between_active(net, s.trust, partners.active);
  double squares = 0.0;
  std::int64_t ties = 0;
  const std::int64_t prefetch_until =
      dynamics::prefetch_end(net.edge_count(), dynamics::kActiveAhead);
  for (std::int64_t e = 0; e < net.edge_count(); ++e) {
    if (e < prefetch_until)  // the far end's flag, ahead of its miss (mean_trust_between_active)
      __builtin_prefetch(
          &partners.active[net.target[static_cast<std::size_t>(e + dynamics::kActiveAhead)]]);
    if (partners.active[net.source[static_cast<std::size_t>(e)]] == 0 ||
        partners.active[net.target[static_cast<std::size_t>(e)]] == 0)
      continue;
    squares += (s.trust[e] - trust_mean) * (s.trust[e] - trust_mean);
    ++ties;
  }
  double cohesion = 1.0;
  const auto major = static_cast<std::int64_t>(std::ceil(
      0.02 * static_cast<double>(active)));  // design decision 6: at least 2% of the active
  const int clusters =
      dynamics::perspective_clusters(partners.perspective, partners.active, s.opgave.confidence,
                                     std::max<std::int64_t>(1, major), scratch, cohesion);
  const auto& t = s.tallies;
  const double meetings = static_cast<double>(t.meetings_cocreating + t.meetings_negotiating);
  std::array<double, kMetricCount> m{};
  m[kRealisation] = s.realisation;
  m[kProgressRate] = t.progress;
  m[kTrustMean] = trust_mean;
  m[kTrustSd] = ties > 0 ? std::sqrt(squares / static_cast<double>(ties)) : 0.0;
  m[kTrustRegisseurMean] = in_regisseur * per_partner;
  m[kPassionMean] = passion * per_partner;
  m[kCommitmentMean] = commitment * per_partner;
  m[kFocusMean] = focus * per_partner;
  m[kSalienceMean] = salience * per_partner;
  m[kInterestsKnownMean] = known * per_partner;
  m[kOwnershipRegisseur] = dynamics::ownership(p, partners, s.regisseur, -1);
  m[kGoalClarity] = s.opgave.clarity;
  m[kGoalConcreteness] = s.opgave.concreteness;
  m[kGoalAgreedWeek] = s.opgave.agreed_week;
  m[kCommonLanguage] = s.opgave.language;
  m[kConfidenceBound] = s.opgave.confidence;
  m[kOrganisation] = s.opgave.organisation;
  m[kPerspectiveClusters] = clusters;
  m[kActivePartners] = static_cast<double>(active);
  m[kSettledPartners] = static_cast<double>(settled);
  m[kMeetings] = static_cast<double>(t.meetings);
  m[kMeetingsCocreating] = static_cast<double>(t.meetings_cocreating);
  m[kMeetingsNegotiating] = static_cast<double>(t.meetings_negotiating);
  m[kMeetingsDebate] = static_cast<double>(t.meetings_debate);
  m[kNegotiatingShare] =
      meetings > 0 ? static_cast<double>(t.meetings_negotiating) / meetings : 0.0;
  m[kAgreements] = static_cast<double>(t.agreements);
  m[kExits] = static_cast<double>(t.exits);
  m[kReleases] = static_cast<double>(t.releases);
  m[kRegieEffort] = t.regie_effort;
  m[kRealisationPerEffort] = 0.0;  // the recorder fills it from the effort so far
  for (int a = 0; a < model::kInterventionCount; ++a)
    m[kEffortFirst + a] = t.effort_by_intervention[static_cast<std::size_t>(a)];
  return m;
}

Recorder::Recorder(const scenario::ScenarioSpec& spec, const network::Network& net,
                   record::RunRecord& record)
    : net_(net),
      parameters_(spec.parameters),
      level_(spec.parameters.record_level),
      agent_interval_(spec.parameters.record_agent_interval),
      record_(record) {
  scratch_.reserve(2 * static_cast<std::size_t>(spec.partner_count()));  // perspective_clusters
  const auto steps = static_cast<std::int32_t>(spec.parameters.steps);
  const auto partners = static_cast<std::size_t>(spec.partner_count());
  constexpr double nan = std::numeric_limits<double>::quiet_NaN();
  record_.steps = steps;
  record_.summary.assign(kMetricCount, nan);
  if (level_ >= model::RecordLevel::series) {
    record_.series.assign(kMetricCount,
                          std::vector<double>(static_cast<std::size_t>(steps) + 1, nan));
    // Rough sizes (growth beyond them is allowed: recording is not the step loop's hot path).
    const auto weeks = static_cast<std::size_t>(steps);
    record_.events.reserve(weeks * 8 + partners);
    record_.meetings.reserve(weeks * 8);
    record_.meeting_participants.reserve(weeks * 8 * 3);
    log_ = record::EventLog(&record_);
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
  last_ = measure(net_, parameters_, s, scratch_);
  if (s.step > 0) effort_so_far_ += last_[kRegieEffort];
  last_[kRealisationPerEffort] = effort_so_far_ > 0.0 ? last_[kRealisation] / effort_so_far_ : 0.0;
  if (s.step > 0) {
    const auto slot = static_cast<std::size_t>((s.step - 1) % kRecentWeeks);
    for (int m = 0; m < kMetricCount; ++m) recent_[static_cast<std::size_t>(m)][slot] = last_[m];
    recent_count_ = std::min(recent_count_ + 1, kRecentWeeks);
  }
  for (int m = 0; m < kMetricCount; ++m) {
    if (s.step > 0) totals_[m] += last_[m];
    if (!std::isfinite(last_[m]) && !failed()) {
      // design decision 5 makes this unreachable from valid input; if it happens, the run is
      // recorded as failed with its cause rather than carrying NaN into every later number.
      record_.status = record::RunStatus::failed;
      const std::string variable = locate_non_finite(net_, s);
      record_.failure_reason =
          variable.empty()
              ? fmt::format("non-finite {} ({}) at step {}", kMetrics[m].name, last_[m], s.step)
              : fmt::format("non-finite {} at step {} (seen in {})", variable, s.step,
                            kMetrics[m].name);
    }
  }
  const auto t = static_cast<std::size_t>(s.step);
  if (level_ >= model::RecordLevel::series) {
    for (int m = 0; m < kMetricCount; ++m) record_.series[m][t] = last_[m];
    make_room_for_a_week(s);
  }

  if (next_sample_ >= record_.sample_steps.size() || record_.sample_steps[next_sample_] != s.step)
    return;
  const auto& partners = s.partners;
  const auto n = static_cast<std::size_t>(partners.active.size());
  const std::size_t row = next_sample_ * n;
  const dynamics::LedgerTotals totals = dynamics::ledger_totals(partners, s.regisseur);
  for (std::size_t i = 0; i < n; ++i) {
    const auto id = static_cast<Eigen::Index>(i);
    record_.agents[kPassion][row + i] = partners.passion[id];
    record_.agents[kCommitment][row + i] = partners.commitment[id];
    record_.agents[kTrustGiven][row + i] =
        dynamics::trust_given(net_, s.trust, partners.active, static_cast<std::int32_t>(i));
    record_.agents[kActive][row + i] = partners.active[id];
    record_.agents[kInterestsKnown][row + i] = partners.interests_known[id];
    record_.agents[kOwnership][row + i] =
        dynamics::ownership(parameters_, totals, partners, s.regisseur, id);
    record_.agents[kFocus][row + i] = partners.focus[id];
    record_.agents[kSalience][row + i] = partners.salience[id];
    record_.agents[kPerspective][row + i] = partners.perspective[id];
    record_.agents[kTrustInRegisseur][row + i] = partners.trust_regisseur[id];
    record_.agents[kSettled][row + i] = partners.settled[id];
    record_.agents[kAllocation][row + i] = partners.allocation[id];
    record_.agents[kContribution][row + i] = partners.contribution[id];
  }
  if (level_ >= model::RecordLevel::full) {
    const auto edges = static_cast<std::size_t>(net_.edge_count());
    for (std::size_t e = 0; e < edges; ++e)
      record_.trust[next_sample_ * edges + e] = s.trust[static_cast<Eigen::Index>(e)];
  }
  ++next_sample_;
}

namespace {

template <typename T>
void make_room(std::vector<T>& v, std::size_t week) {
  if (v.capacity() - v.size() < week) v.reserve(std::max(2 * v.capacity(), v.size() + week));
}

}  // namespace

// Between weeks, room for everything the next week can log, so that the step itself never
// allocates with recording on (the rough sizes of the constructor are exceeded in ordinary runs:
// about 4,300 events a default run against 4,172). A week logs at most one event per chosen
// intervention (applied or skipped), one per dropped negotiation (at most one per meeting) and
// one per exit; one meeting row and one negotiation round per meeting; and no more participants,
// parties or shares than the week's meetings hold. The state's own reservations bound each of
// these, since the step does not grow them (sim/initial_state.cpp).
void Recorder::make_room_for_a_week(const model::State& s) {
  const std::size_t meetings = s.meetings.list.capacity();
  const std::size_t places = s.meetings.participants.capacity();
  const std::size_t parties = s.meetings.parties.capacity();
  make_room(record_.events,
            s.chosen.capacity() + meetings + static_cast<std::size_t>(s.partners.active.size()));
  make_room(record_.meetings, meetings);
  make_room(record_.meeting_participants, places);
  make_room(record_.negotiations, meetings);
  make_room(record_.negotiation_participants, parties);
  make_room(record_.negotiation_shares, parties);
}

void Recorder::finish() {
  for (int m = 0; m < kMetricCount; ++m) {
    switch (kMetrics[m].summary) {
      case Summary::total:
        record_.summary[m] = totals_[m];
        break;
      case Summary::final_value:
        record_.summary[m] = last_[m];
        break;
      case Summary::recent_mean: {
        double sum = 0.0;  // in slot order: the same values, summed in a fixed order
        for (int w = 0; w < recent_count_; ++w)
          sum += recent_[static_cast<std::size_t>(m)][static_cast<std::size_t>(w)];
        record_.summary[m] = recent_count_ > 0 ? sum / recent_count_ : 0.0;
        break;
      }
    }
  }
}

}  // namespace regiesim::sim
