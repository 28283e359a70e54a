// A meeting of n partners costs O(n log n), not O(n^2) (docs/ODD.md 7.3, 7.4 and 7.7): the ties
// that meet in it are found from its participants' rows, and the divergence of interests, the
// bounded-confidence update and the goal's perspective spread sum over the participants sorted by
// value, not over every pair. Guarded by the deterministic work counters of model/work.hpp; and
// the sorted sums agree with the pairwise definitions they replace.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <numeric>
#include <random>
#include <span>
#include <vector>

#include "dynamics/goal.hpp"
#include "dynamics/meeting_mode.hpp"
#include "dynamics/meetings.hpp"
#include "dynamics/pair_sums.hpp"
#include "dynamics/perspectives.hpp"
#include "model/work.hpp"
#include "network/network.hpp"
#include "sim/initial_state.hpp"
#include "support/small_scenario.hpp"

namespace regiesim::dynamics {
namespace {

// Partners' perspectives and interests spread over their ranges (a fixed generator: the inputs
// only need variety, the counts do not depend on them beyond the sort's comparisons).
void spread_out(model::PartnerState& partners, std::uint32_t seed) {
  std::mt19937 gen(seed);
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  for (Eigen::Index i = 0; i < partners.perspective.size(); ++i) {
    partners.perspective[i] = unit(gen);
    for (Eigen::Index k = 0; k < partners.interests.cols(); ++k)
      partners.interests(i, k) = 2.0 * unit(gen) - 1.0;
  }
}

// The work of one week's processes 4 (the ties that meet), 5 and 8 on one convened, co-creating
// plenary of n partners on a small world of 4 neighbours (ties grow as n).
std::int64_t plenary_work(int n) {
  auto spec = testing::small_scenario(n, 4);
  spec.parameters.network_kind = model::NetworkKind::small_world;
  spec.parameters.network_neighbours = 4;
  const auto net = network::generate(spec.parameters, spec.partner_count(), 1);
  auto s = sim::initial_state(spec, net);
  spread_out(s.partners, 7);
  s.opgave.confidence = 0.2;  // some pairs within the bound, most not
  s.meetings.clear();
  s.meetings.participants.resize(static_cast<std::size_t>(n));
  std::iota(s.meetings.participants.begin(), s.meetings.participants.end(), 0);
  s.meetings.list.push_back(
      {.first = 0, .size = n, .key_a = 0, .key_b = 4294967294u, .convened = true});
  const auto& p = spec.parameters;
  model::work_counters = {};
  form_meetings(net, p, s.partners.active, random::RunSeed{5}, 1, s.meetings, s.met);
  s.meetings.list.resize(1);  // the plenary only: the pairs that met on their own are not its work
  decide_modes(p, s.partners, s.opgave, random::RunSeed{5}, 1, s.scratch_partner, s.meetings);
  s.meetings.list[0].negotiate = false;  // co-creating, so that processes 8 run on it
  s.meetings.list[0].debate = false;
  update_perspectives(p, s.meetings, s.scratch_partner, s.scratch_partner2, s.partners,
                      s.opgave.confidence);
  goal_in_meetings(p, 1, s.meetings, s.partners, s.opgave);
  return model::work_counters.total();
}

TEST(Meeting, PlenaryWorkGrowsAsNLogN_NotAsPairs) {
  constexpr int n = 64;
  const double small = static_cast<double>(plenary_work(n));
  const double large = static_cast<double>(plenary_work(4 * n));
  ASSERT_GT(small, 0.0);
  // n log n: 4 log(4n) / log(n) = 5.33 at n = 64; every pair: (4n)(4n - 1) / (n (n - 1)) = 16.2.
  const double n_log_n = 4.0 * std::log(4.0 * n) / std::log(static_cast<double>(n));
  EXPECT_LT(large / small, 1.3 * n_log_n) << "work " << small << " -> " << large;
}

// The pairwise definitions the sorted sums replace.
std::vector<std::int32_t> members_of(int n) {
  std::vector<std::int32_t> members(static_cast<std::size_t>(n));
  // Not in id order, as a meeting's participants need not be.
  for (int a = 0; a < n; ++a) members[static_cast<std::size_t>(a)] = (a * 7 + 3) % n;
  return members;
}

TEST(Meeting, SortedSumsEqualThePairwiseSums) {
  constexpr int n = 101;  // coprime with 7, so members_of lists everyone
  std::mt19937 gen(11);
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  Eigen::ArrayXd v(n);
  Eigen::ArrayXd w(n);
  for (int i = 0; i < n; ++i) {
    // Ties in value on purpose: a third of the values repeat another's.
    v[i] = i % 3 == 2 ? v[i - 1] : 2.0 * unit(gen) - 1.0;
    w[i] = unit(gen);
  }
  const auto members = members_of(n);
  double weighted = 0.0;
  double plain = 0.0;
  for (int a = 0; a < n; ++a)
    for (int b = a + 1; b < n; ++b) {
      const auto i = members[static_cast<std::size_t>(a)];
      const auto j = members[static_cast<std::size_t>(b)];
      weighted += std::abs(v[i] - v[j]) * (w[i] + w[j]);
      plain += std::abs(v[i] - v[j]);
    }
  const auto at_v = [&](std::int32_t i) { return v[i]; };
  const auto at_w = [&](std::int32_t i) { return w[i]; };
  EXPECT_NEAR(weighted_pair_distance_sum(members, at_v, at_w), weighted, 1e-11 * weighted);
  EXPECT_NEAR(pair_distance_sum(members, v), plain, 1e-11 * plain);
}

TEST(Meeting, PairIsOrderedAsTheSortOfLargerMeetings) {
  // A pair takes a shortcut past std::sort; its order must be the one the sort gives: by value,
  // ties by ascending id, whichever member comes first.
  reserve_pair_scratch(8);
  const std::vector<std::pair<double, double>> values = {
      {0.2, 0.7}, {0.7, 0.2}, {0.5, 0.5}, {-0.0, 0.0}, {0.0, -0.0}};
  for (const auto& [first_value, second_value] : values)
    for (const auto& members : {std::vector<std::int32_t>{3, 5}, std::vector<std::int32_t>{5, 3}}) {
      const auto value = [&](std::int32_t i) {
        return i == members[0] ? first_value : second_value;
      };
      std::vector<std::int32_t> expected = members;
      std::sort(expected.begin(), expected.end(), [&](std::int32_t a, std::int32_t b) {
        return value(a) < value(b) || (value(a) == value(b) && a < b);
      });
      const auto order = sorted_by(std::span<const std::int32_t>(members), value);
      EXPECT_EQ(std::vector<std::int32_t>(order.begin(), order.end()), expected)
          << "values " << first_value << ", " << second_value << " of " << members[0] << ", "
          << members[1];
    }
}

TEST(Meeting, ConfidenceWindowHoldsExactlyThePairsWithinTheBound) {
  // Values on a grid of eighths, so that many pairs lie exactly at the bound (|x_j - x_i| = eps,
  // outside it), plus ties and a few values off the grid.
  constexpr int n = 60;
  Eigen::ArrayXd x(n);
  for (int i = 0; i < n; ++i) x[i] = static_cast<double>((i * 5) % 9) / 8.0;
  x[3] = 0.3;
  x[17] = 0.30000000000000004;
  const auto members = members_of(n);
  for (const double eps : {0.25, 0.125, 0.3, 1.5, 0.0}) {
    Eigen::ArrayXd sum = Eigen::ArrayXd::Zero(n);
    Eigen::ArrayXd count = Eigen::ArrayXd::Zero(n);
    add_within_confidence(members, x, eps, sum, count);
    Eigen::ArrayXd want_sum = Eigen::ArrayXd::Zero(n);
    Eigen::ArrayXd want_count = Eigen::ArrayXd::Zero(n);
    for (int i = 0; i < n; ++i)
      for (int j = 0; j < n; ++j)
        if (i != j && std::abs(x[i] - x[j]) < eps) {
          want_sum[i] += x[j];
          want_count[i] += 1.0;
        }
    for (int i = 0; i < n; ++i) {
      EXPECT_EQ(count[i], want_count[i]) << "eps " << eps << ", partner " << i;
      EXPECT_NEAR(sum[i], want_sum[i], 1e-12 * std::max(1.0, want_sum[i]))
          << "eps " << eps << ", partner " << i;
    }
  }
}

}  // namespace
}  // namespace regiesim::dynamics
