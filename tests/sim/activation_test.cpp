#include "sim/activation.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <numeric>

namespace regiesim::sim {
namespace {

TEST(Activation, FixedAndSynchronousAreAscendingIds) {
  std::vector<std::int32_t> order(5, -1);
  draw_activation_order(model::Activation::fixed, RunSeed{1}, 3, order);
  EXPECT_EQ(order, (std::vector<std::int32_t>{0, 1, 2, 3, 4}));
  draw_activation_order(model::Activation::synchronous, RunSeed{1}, 3, order);
  EXPECT_EQ(order, (std::vector<std::int32_t>{0, 1, 2, 3, 4}));
}

TEST(Activation, RandomSequentialIsAPermutationThatChangesEveryStep) {
  std::vector<std::int32_t> a(20), b(20), again(20);
  draw_activation_order(model::Activation::random_sequential, RunSeed{1}, 1, a);
  draw_activation_order(model::Activation::random_sequential, RunSeed{1}, 2, b);
  draw_activation_order(model::Activation::random_sequential, RunSeed{1}, 1, again);
  EXPECT_EQ(a, again);
  EXPECT_NE(a, b);
  std::sort(b.begin(), b.end());
  std::vector<std::int32_t> ids(20);
  std::iota(ids.begin(), ids.end(), 0);
  EXPECT_EQ(b, ids);
}

TEST(Activation, RandomSequentialPutsEachPartnerFirstEquallyOften_ChiSquare) {
  // 4 partners, 8000 steps: first position counts ~ 2000 each; chi-square with 3 degrees of
  // freedom stays below 16.27 (p = 0.001) for a uniform shuffle.
  std::vector<int> first(4, 0);
  std::vector<std::int32_t> order(4);
  for (int t = 1; t <= 8000; ++t) {
    draw_activation_order(model::Activation::random_sequential, RunSeed{7}, t, order);
    ++first[static_cast<std::size_t>(order[0])];
  }
  double chi2 = 0;
  for (int c : first) chi2 += (c - 2000.0) * (c - 2000.0) / 2000.0;
  EXPECT_LT(chi2, 16.27);
}

}  // namespace
}  // namespace regiesim::sim
