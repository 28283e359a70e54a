#include "network/network.hpp"

#include <gtest/gtest.h>

#include "model/parameter_table.hpp"

namespace regiesim::network {
namespace {

void expect_consistent(const Network& net) {
  ASSERT_EQ(net.row_begin.size(), static_cast<std::size_t>(net.partners) + 1);
  ASSERT_EQ(net.row_begin.back(), net.edge_count());
  for (std::int64_t e = 0; e < net.edge_count(); ++e) {
    const auto u = static_cast<std::size_t>(e);
    const auto r = static_cast<std::size_t>(net.reverse[u]);
    EXPECT_EQ(net.source[r], net.target[u]);
    EXPECT_EQ(net.target[r], net.source[u]);
    EXPECT_NE(net.source[u], net.target[u]);
    EXPECT_GE(e, net.row_begin[static_cast<std::size_t>(net.source[u])]);
    EXPECT_LT(e, net.row_begin[static_cast<std::size_t>(net.source[u]) + 1]);
  }
}

TEST(Network, FromTies_StoresEachTieInBothDirectionsInAscendingOrder) {
  const Network net = from_ties(4, {{2, 3}, {0, 1}, {0, 2}});
  EXPECT_EQ(net.edge_count(), 6);
  EXPECT_EQ(net.target, (std::vector<std::int32_t>{1, 2, 0, 0, 3, 2}));
  EXPECT_EQ(net.row_begin, (std::vector<std::int64_t>{0, 2, 3, 5, 6}));
  expect_consistent(net);
}

TEST(Network, FromTies_RejectsSelfTiesAndDuplicates) {
  EXPECT_THROW(from_ties(3, {{1, 1}}), std::invalid_argument);
  EXPECT_THROW(from_ties(3, {{0, 1}, {1, 0}}), std::invalid_argument);
  EXPECT_THROW(from_ties(3, {{0, 3}}), std::invalid_argument);
}

TEST(Network, Complete_TiesEveryPairOnce) {
  auto p = model::default_parameters();
  const Network net = generate(p, 7, 1);
  EXPECT_EQ(net.edge_count(), 7 * 6);
  expect_consistent(net);
}

TEST(Network, SmallWorld_HasAboutNTimesKDirectedTiesAndDependsOnTheSeed) {
  auto p = model::default_parameters();
  p.network_kind = model::NetworkKind::small_world;
  p.network_neighbours = 4;
  p.network_rewiring = 0.2;
  const Network a = generate(p, 200, 1);
  const Network b = generate(p, 200, 1);
  const Network c = generate(p, 200, 2);
  expect_consistent(a);
  EXPECT_EQ(a.target, b.target);
  EXPECT_NE(a.target, c.target);
  // The lattice has N*K/2 ties; rewiring may merge a few into duplicates, which are dropped.
  EXPECT_LE(a.edge_count(), 200 * 4);
  EXPECT_GE(a.edge_count(), 200 * 4 * 95 / 100);
}

TEST(Network, SmallWorld_WithoutRewiringIsTheRingLattice) {
  auto p = model::default_parameters();
  p.network_kind = model::NetworkKind::small_world;
  p.network_neighbours = 2;
  p.network_rewiring = 0.0;
  const Network net = generate(p, 5, 1);
  EXPECT_EQ(net.edge_count(), 10);
  EXPECT_EQ(net.target, (std::vector<std::int32_t>{1, 4, 0, 2, 1, 3, 2, 4, 0, 3}));
}

}  // namespace
}  // namespace regiesim::network
