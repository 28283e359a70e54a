// The perspective thresholds (docs/ODD.md 7.7 and section 8's preamble; ctest label `validation`):
// the engine's own perspective update (dynamics::update_perspectives) and cluster count
// (dynamics::perspective_clusters), run alone as the bounded-confidence model they come from.
//
// Deffuant et al. (2000): pair meetings drawn uniformly, a fixed bound (no debates, no
// acknowledgement), mu = 0.5, 1,000 partners on uniform positions, 20 runs, each until no
// perspective moves by more than 1e-9 in a week or 10^6 pair meetings were held. A week is a
// uniformly drawn perfect matching of the partners (500 pair meetings): every meeting is a uniform
// pair, and because each partner sits in one meeting, the engine's synchronous update of the week
// equals Deffuant's sequential one. Major clusters (at least 2% of the partners, cut where
// neighbours differ by more than the bound) are counted as the `perspective_clusters` metric does.
// Expected, from the model's analysis (about 1 / (2 eps) clusters; Deffuant et al. 2000, Weisbuch
// et al. 2002): bound 0.55 one major cluster in at least 95% of runs; 0.25 two (modal; 1..3 in
// every run); 0.15 three (modal; 2..4 in every run).
//
// Hegselmann and Krause (2002): every partner in one plenary each week, the same update: one
// cluster at 0.25 (Fortunato 2005: consensus above a bound of about 0.2).
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <boost/random/uniform_int_distribution.hpp>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <map>
#include <numeric>
#include <string>
#include <vector>

#include "dynamics/derived.hpp"
#include "dynamics/perspectives.hpp"
#include "model/parameters.hpp"
#include "model/state.hpp"
#include "random/random_stream.hpp"

namespace regiesim::dynamics {
namespace {

constexpr std::int32_t kPartners = 1000;
constexpr int kRuns = 20;
constexpr std::int64_t kMaxPairMeetings = 1'000'000;
constexpr double kStill = 1e-9;
// The default scenario's master seed, used as is: the runs are replications, not a chosen seed.
constexpr std::uint64_t kMasterSeed = 20261122;

struct Submodel {
  model::Parameters p = model::default_parameters();
  model::PartnerState partners;
  model::Meetings meetings;
  Eigen::ArrayXd sum = Eigen::ArrayXd::Zero(kPartners);
  Eigen::ArrayXd count = Eigen::ArrayXd::Zero(kPartners);
  std::vector<double> scratch;
  random::RunSeed seed;

  explicit Submodel(int run) : seed(random::derive_run_seed(kMasterSeed, run)) {
    p.perspectives_convergence = 0.5;  // mu
    partners.perspective.resize(kPartners);
    random::RandomStream init(seed, 0, random::Purpose::meeting, 0);
    for (std::int32_t i = 0; i < kPartners; ++i) partners.perspective[i] = init.uniform01();
    scratch.reserve(kPartners);
  }

  void add_meeting(const std::vector<std::int32_t>& who) {
    model::Meeting m{};
    m.first = static_cast<std::int32_t>(meetings.participants.size());
    m.size = static_cast<std::int32_t>(who.size());
    m.convened = false;
    meetings.list.push_back(m);
    meetings.participants.insert(meetings.participants.end(), who.begin(), who.end());
  }

  // One week's update; returns the largest move of any perspective.
  double week(double bound) {
    const Eigen::ArrayXd before = partners.perspective;
    double confidence = bound;
    update_perspectives(p, meetings, sum, count, partners, confidence);
    EXPECT_EQ(confidence, bound);  // no debates: the bound stays fixed
    return (partners.perspective - before).abs().maxCoeff();
  }

  int major_clusters(double bound) {
    double cohesion = 1.0;
    const auto major = static_cast<std::int64_t>(std::ceil(0.02 * kPartners));
    return perspective_clusters(partners.perspective, model::Flags::Ones(kPartners), bound, major,
                                scratch, cohesion);
  }
};

// Deffuant: a uniform perfect matching each week, until still or 10^6 pair meetings.
int deffuant_clusters(int run, double bound) {
  Submodel s(run);
  std::vector<std::int32_t> order(kPartners);
  std::int64_t held = 0;
  for (std::uint32_t t = 1; held < kMaxPairMeetings; ++t) {
    std::iota(order.begin(), order.end(), 0);
    random::RandomStream draw(s.seed, t, random::Purpose::meeting, 0);
    for (std::int32_t i = kPartners - 1; i > 0; --i) {  // Fisher-Yates
      boost::random::uniform_int_distribution<std::int32_t> pick(0, i);
      std::swap(order[static_cast<std::size_t>(i)], order[static_cast<std::size_t>(pick(draw))]);
    }
    s.meetings.clear();
    for (std::size_t a = 0; a + 1 < order.size(); a += 2) s.add_meeting({order[a], order[a + 1]});
    held += static_cast<std::int64_t>(s.meetings.list.size());
    if (s.week(bound) <= kStill) break;
  }
  return s.major_clusters(bound);
}

// Hegselmann-Krause: one plenary of everyone each week, until still (at most 10^6 weeks' worth
// of meetings is never near: it settles in tens of weeks).
int plenary_clusters(int run, double bound) {
  Submodel s(run);
  std::vector<std::int32_t> everyone(kPartners);
  std::iota(everyone.begin(), everyone.end(), 0);
  s.add_meeting(everyone);
  for (int t = 1; t <= 10'000; ++t)
    if (s.week(bound) <= kStill) break;
  return s.major_clusters(bound);
}

std::map<int, int> tally(double bound, int (*model)(int, double)) {
  std::map<int, int> counts;
  for (int run = 0; run < kRuns; ++run) ++counts[model(run, bound)];
  std::string text;
  for (const auto& [clusters, runs] : counts)
    text += std::to_string(clusters) + " clusters: " + std::to_string(runs) + " runs; ";
  std::printf("bound %.2f: %s\n", bound, text.c_str());
  return counts;
}

int modal(const std::map<int, int>& counts) {
  return std::max_element(counts.begin(), counts.end(),
                          [](const auto& a, const auto& b) { return a.second < b.second; })
      ->first;
}

TEST(PerspectiveThresholds, Bound055GivesOneMajorClusterInAtLeast95PercentOfRuns) {
  const auto counts = tally(0.55, deffuant_clusters);
  const int one = counts.count(1) ? counts.at(1) : 0;
  EXPECT_GE(one, static_cast<int>(std::ceil(0.95 * kRuns)));
}

TEST(PerspectiveThresholds, Bound025GivesTwoMajorClusters) {
  const auto counts = tally(0.25, deffuant_clusters);
  EXPECT_EQ(modal(counts), 2);
  EXPECT_GE(counts.begin()->first, 1);
  EXPECT_LE(counts.rbegin()->first, 3);
}

TEST(PerspectiveThresholds, Bound015GivesThreeMajorClusters) {
  const auto counts = tally(0.15, deffuant_clusters);
  EXPECT_EQ(modal(counts), 3);
  EXPECT_GE(counts.begin()->first, 2);
  EXPECT_LE(counts.rbegin()->first, 4);
}

TEST(PerspectiveThresholds, OnePlenaryAtBound025GivesOneCluster) {
  const auto counts = tally(0.25, plenary_clusters);
  EXPECT_EQ(counts.size(), 1u);
  EXPECT_EQ(counts.begin()->first, 1);
}

}  // namespace
}  // namespace regiesim::dynamics
