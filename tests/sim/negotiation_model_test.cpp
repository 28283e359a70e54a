// Negotiation inside the model (issue 15 items 4 and 6; docs/ODD.md 7.5): runs of a small
// scenario whose partners' interests diverge and whose meetings negotiate, checked from what the
// run records in /negotiations (the RunRecord the writer streams).
//
// The first test recomputes, from the ODD's text alone and with an optimiser of its own, the
// Nash bargaining shares of every agreement the `nash` protocol reached, from the state at the
// start of that week, and requires the recorded shares to equal them.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

#include "network/network.hpp"
#include "record/metrics.hpp"
#include "sim/initial_state.hpp"
#include "sim/run.hpp"
#include "sim/step.hpp"
#include "support/small_scenario.hpp"

namespace regiesim::sim {

// The metrics a run records, by their names (record/metrics.hpp).
using namespace record;
namespace {

using negotiation::Protocol;

// Four partners on two dimensions (0 and 2 strong on dimension 0, 1 and 3 on dimension 1), with
// interests that diverge by about `divergence`: each wants most what the others do, and no two
// want exactly the same. Meetings negotiate almost always: no focus, a steep switch, a regisseur
// who only convenes (strategy negotiation). Runs unsettle every partner after each week (as a
// refocus would, without its other effects), so that negotiations go on all run long.
scenario::ScenarioSpec divergent(double divergence, Protocol protocol, std::int64_t steps = 104) {
  auto spec = testing::small_scenario(4, 2, steps);
  auto& p = spec.parameters;
  p.negotiation_protocol = protocol;
  p.regisseur_strategy = model::Strategy::negotiation;
  p.focus_initial = 0.0;
  p.meetings_switch_steepness = 100.0;
  p.interests_salience_gain = 0.5;
  p.meetings_probability = 0.5;  // pairs meet often enough to carry negotiations on
  p.regisseur_convene_interval = 2;
  p.negotiation_concession = 0.1;
  for (std::size_t i = 0; i < spec.partners.size(); ++i) {
    const double own = 0.5 - divergence / 2 + 0.02 * static_cast<double>(i);
    const double other = 0.5 + divergence / 2 - 0.02 * static_cast<double>(i);
    spec.partners[i].interests = i % 2 == 0 ? std::vector{own, other} : std::vector{other, own};
  }
  return spec;
}

void unsettle(model::State& s) {
  s.partners.settled.setZero();
  s.partners.allocation.setZero();
}

// --- The bargaining problem of docs/ODD.md 7.5, written here from the text. ---
struct Party {
  double common, rival, cost, alone;
};

std::vector<Party> problem_from_the_odd(const scenario::ScenarioSpec& spec, const model::State& s,
                                        const std::vector<std::int32_t>& parties) {
  const auto& p = spec.parameters;
  const std::size_t n = parties.size();
  const auto k_count = static_cast<std::size_t>(p.opgave_dimensions);
  std::vector<double> work(k_count), done(k_count, 0.0), sum_a(k_count, 0.0);
  for (std::size_t k = 0; k < k_count; ++k)
    work[k] = p.negotiation_scope * s.opgave.concreteness *
              (1.0 - s.opgave.realised[static_cast<Eigen::Index>(k)]);
  std::vector<std::vector<double>> a(n, std::vector<double>(k_count)), c = a, e = a;
  std::vector<Party> out(n);
  const double rho = p.negotiation_utility_exponent;
  const double kappa = p.negotiation_effort_cost;
  for (std::size_t x = 0; x < n; ++x) {
    const auto i = static_cast<Eigen::Index>(parties[x]);
    const double r = p.negotiation_execution_rate * p.negotiation_horizon *
                     s.partners.commitment[i] * s.partners.resources[i];
    double reach = 0.0;
    for (std::size_t k = 0; k < k_count; ++k) {
      a[x][k] = std::max(0.0, s.partners.interests(i, static_cast<Eigen::Index>(k)));
      c[x][k] = s.partners.capabilities(i, static_cast<Eigen::Index>(k));
      reach += c[x][k] * work[k];
    }
    double value = 0.0;
    double effort = 0.0;
    for (std::size_t k = 0; k < k_count; ++k) {
      e[x][k] = reach > 0.0 ? r * c[x][k] * work[k] / reach : 0.0;
      value += a[x][k] * std::min(work[k], c[x][k] * e[x][k]);
      effort += std::min(e[x][k], c[x][k] > 0.0 ? work[k] / c[x][k] : e[x][k]);
      done[k] += c[x][k] * e[x][k];
      sum_a[k] += a[x][k];
    }
    out[x].alone = std::max(0.0, std::pow(value, rho) - kappa * effort);
  }
  for (std::size_t k = 0; k < k_count; ++k)
    if (done[k] > work[k]) {
      for (std::size_t x = 0; x < n; ++x) e[x][k] *= work[k] / done[k];
      done[k] = work[k];
    }
  for (std::size_t x = 0; x < n; ++x) {
    out[x].common = out[x].rival = out[x].cost = 0.0;
    for (std::size_t k = 0; k < k_count; ++k) {
      const double others = (sum_a[k] - a[x][k]) / static_cast<double>(n - 1);
      out[x].common += std::min(a[x][k], others) * done[k];
      out[x].rival += std::max(0.0, a[x][k] - others) * done[k];
      out[x].cost += kappa * e[x][k];
    }
  }
  return out;
}

// The Nash shares by pairwise exchange: for each pair, move share between the two to maximise
// the sum of the logs of their gains (a concave function of the amount moved, searched by
// golden section), until nothing moves. Parties without rival value take share 0; if nobody has
// any, the shares are equal (7.5's convention).
std::vector<double> nash_by_exchange(const std::vector<Party>& parties, double rho) {
  const std::size_t n = parties.size();
  std::vector<std::size_t> b;
  for (std::size_t x = 0; x < n; ++x)
    if (parties[x].rival > 1e-12 * std::max(1.0, parties[x].common + parties[x].rival))
      b.push_back(x);
  const auto gain = [&](std::size_t x, double share) {
    const auto& q = parties[x];
    return std::pow(q.common + q.rival * share, rho) - q.cost - q.alone;
  };
  std::vector<double> x(n, 0.0);
  if (b.empty()) return std::vector<double>(n, 1.0 / static_cast<double>(n));
  // Start inside the feasible set: each at its break-even share (floored at 0), plus an equal
  // part of what is left.
  double left = 1.0;
  for (const auto i : b) {
    const auto& q = parties[i];
    x[i] = std::max(0.0, (std::pow(q.cost + q.alone, 1.0 / rho) - q.common) / q.rival);
    left -= x[i];
  }
  for (const auto i : b) x[i] += left / static_cast<double>(b.size());
  const auto slope = [&](std::size_t x, double share) {  // d/dshare of log(gain)
    const auto& q = parties[x];
    const double g = gain(x, share);
    if (g <= 0.0) return std::numeric_limits<double>::infinity();
    return rho * q.rival * std::pow(q.common + q.rival * share, rho - 1.0) / g;
  };
  for (int sweep = 0; sweep < 400; ++sweep) {
    double moved = 0.0;
    for (std::size_t u = 0; u < b.size(); ++u)
      for (std::size_t v = u + 1; v < b.size(); ++v) {
        const std::size_t i = b[u];
        const std::size_t j = b[v];
        // Moving d from j to i: the derivative slope_i(x_i + d) - slope_j(x_j - d) falls in d;
        // bisect for its zero (an infeasible side counts as an infinite slope).
        double lo = -x[i];
        double hi = x[j];
        for (int it = 0; it < 200; ++it) {
          const double mid = (lo + hi) / 2.0;
          if (slope(i, x[i] + mid) > slope(j, x[j] - mid))
            lo = mid;
          else
            hi = mid;
        }
        const double d = (lo + hi) / 2.0;
        x[i] += d;
        x[j] -= d;
        moved = std::max(moved, std::abs(d));
      }
    if (moved < 1e-14) break;
  }
  return x;
}

TEST(NegotiationInTheModel, NashProtocolAgreesOnTheNashSharesRecomputedFromTheOdd) {
  for (const double rho : {1.0, 0.6}) {
    auto spec = divergent(0.8, Protocol::nash, 80);
    spec.parameters.negotiation_utility_exponent = rho;
    const auto net = network::generate(spec.parameters, spec.partner_count(), 1);
    auto state = initial_state(spec, net);
    record::RunRecord record;
    record::EventLog log(&record);
    int checked = 0;
    for (int t = 0; t < spec.parameters.steps; ++t) {
      const model::State before = state;  // what process 6 reads (strategy negotiation only
                                          // convenes: processes 1-5 change none of it)
      const std::size_t rows = record.negotiations.size();
      step(spec, net, RunSeed{7}, state, log);
      unsettle(state);
      for (std::size_t r = rows; r < record.negotiations.size(); ++r) {
        const auto& row = record.negotiations[r];
        if (!row.agreed) continue;
        const std::vector<std::int32_t> parties(
            record.negotiation_participants.begin() + row.first_participant,
            record.negotiation_participants.begin() + row.first_participant + row.participants);
        ASSERT_TRUE(std::is_sorted(parties.begin(), parties.end()));
        const auto nash = nash_by_exchange(problem_from_the_odd(spec, before, parties), rho);
        for (std::size_t a = 0; a < parties.size(); ++a)
          EXPECT_NEAR(record.negotiation_shares[static_cast<std::size_t>(row.first_share) + a],
                      nash[a], 1e-6)
              << "rho " << rho << ", week " << row.step << ", party " << parties[a];
        EXPECT_EQ(row.rounds, 1);
        EXPECT_NEAR(row.fairness, 0.0, 1e-12);
        ++checked;
      }
    }
    EXPECT_GE(checked, 10) << "too few agreements to check (rho " << rho << ")";
  }
}

struct Ensemble {
  double mean_rounds_to_agreement = 0.0;  // over agreed rows
  double agreements = 0.0;                // per run
  double mean_fairness = 0.0;             // distance from the Nash shares, over agreed rows
  double realisation = 0.0;               // mean final realisation
};

Ensemble run_ensemble(const scenario::ScenarioSpec& spec, int replications) {
  const auto net = network::generate(spec.parameters, spec.partner_count(), 1);
  Ensemble out;
  double rounds = 0.0;
  double fairness = 0.0;
  double agreed = 0.0;
  for (int r = 0; r < replications; ++r) {
    const auto record = run_replication(spec, net, plan_replication(11, r), unsettle);
    for (const auto& row : record.negotiations) {
      if (!row.agreed) continue;
      rounds += row.rounds;
      fairness += row.fairness;
      agreed += 1.0;
    }
    out.realisation += record.summary[kRealisation] / replications;
  }
  out.agreements = agreed / replications;
  out.mean_rounds_to_agreement = agreed > 0 ? rounds / agreed : 0.0;
  out.mean_fairness = agreed > 0 ? fairness / agreed : 0.0;
  return out;
}

// Issue 15 item 3 (d) in the model: with a finite concession, a Zeuthen negotiation between
// parties whose interests diverge more needs more rounds (over meetings) to agree.
TEST(NegotiationInTheModel, ZeuthenRoundsToAgreementGrowWithDivergence_EnsembleMeans) {
  double previous = 0.0;
  for (const double divergence : {0.3, 0.6, 0.9}) {
    const auto e = run_ensemble(divergent(divergence, Protocol::zeuthen), 10);
    ASSERT_GT(e.agreements, 1.0) << "divergence " << divergence;
    EXPECT_GT(e.mean_rounds_to_agreement, previous) << "divergence " << divergence;
    previous = e.mean_rounds_to_agreement;
  }
}

// The protocol is the scenario's choice and it changes what happens: alternating offers and Nash
// agree in the first round, Zeuthen over several meetings; Nash is exactly fair, alternating
// offers favours the patient first proposer, and the runs differ.
TEST(NegotiationInTheModel, TheProtocolChangesTheOutcome) {
  const auto zeuthen = run_ensemble(divergent(0.8, Protocol::zeuthen), 8);
  auto ao_spec = divergent(0.8, Protocol::alternating_offers);
  ao_spec.partners[0].urgency = 0.0;  // a patient partner beside impatient ones
  for (std::size_t i = 1; i < ao_spec.partners.size(); ++i) ao_spec.partners[i].urgency = 1.0;
  const auto offers = run_ensemble(ao_spec, 8);
  const auto nash = run_ensemble(divergent(0.8, Protocol::nash), 8);
  EXPECT_DOUBLE_EQ(nash.mean_rounds_to_agreement, 1.0);
  EXPECT_DOUBLE_EQ(offers.mean_rounds_to_agreement, 1.0);
  EXPECT_GT(zeuthen.mean_rounds_to_agreement, 2.0);
  EXPECT_NEAR(nash.mean_fairness, 0.0, 1e-9);
  EXPECT_GT(offers.mean_fairness, 0.05);
  // Agreeing at once settles more meetings, so partners spend more weeks executing allocations
  // instead of co-creating, and realisation differs.
  EXPECT_GT(nash.agreements, 1.5 * zeuthen.agreements);
  EXPECT_NE(nash.realisation, zeuthen.realisation);
}

}  // namespace
}  // namespace regiesim::sim
