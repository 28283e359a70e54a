#include "random/random_stream.hpp"

#include <gtest/gtest.h>

#include <boost/random/normal_distribution.hpp>
#include <set>

namespace regiesim::random {
namespace {

// Random123's tests/kat_vectors, the three "philox4x32 10" lines: ctr[4] key[2] -> result[4].
TEST(Philox, MatchesRandom123KnownAnswerVectors) {
  struct Vector {
    r123::Philox4x32::ctr_type ctr;
    r123::Philox4x32::key_type key;
    std::array<std::uint32_t, 4> expected;
  };
  const Vector vectors[] = {
      {{{0, 0, 0, 0}}, {{0, 0}}, {0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8}},
      {{{0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff}},
       {{0xffffffff, 0xffffffff}},
       {0x408f276d, 0x41c83b0e, 0xa20bc7c6, 0x6d5451fd}},
      {{{0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344}},
       {{0xa4093822, 0x299f31d0}},
       {0xd16cfe09, 0x94fdcceb, 0x5001e420, 0x24126ea1}},
  };
  for (const auto& v : vectors) {
    const auto out = r123::Philox4x32{}(v.ctr, v.key);
    for (int w = 0; w < 4; ++w) EXPECT_EQ(out.v[w], v.expected[w]) << "word " << w;
  }
}

TEST(RandomStream, SameCounterGivesSameDraws) {
  RandomStream a(RunSeed{42}, 7, Purpose::meeting, 3, 5);
  RandomStream b(RunSeed{42}, 7, Purpose::meeting, 3, 5);
  for (int n = 0; n < 10; ++n) EXPECT_EQ(a(), b());
}

TEST(RandomStream, EveryCounterFieldAndTheSeedSelectADifferentStream) {
  const auto first = [](RandomStream s) { return s(); };
  const std::set<std::uint64_t> draws{
      first(RandomStream(RunSeed{42}, 7, Purpose::meeting, 3, 5)),
      first(RandomStream(RunSeed{43}, 7, Purpose::meeting, 3, 5)),
      first(RandomStream(RunSeed{42}, 8, Purpose::meeting, 3, 5)),
      first(RandomStream(RunSeed{42}, 7, Purpose::experience, 3, 5)),
      first(RandomStream(RunSeed{42}, 7, Purpose::meeting, 4, 5)),
      first(RandomStream(RunSeed{42}, 7, Purpose::meeting, 3, 6)),
      first(RandomStream(RunSeed{1ull << 40}, 7, Purpose::meeting, 3, 5)),
  };
  EXPECT_EQ(draws.size(), 7u);
}

TEST(RandomStream, Uniform01IsInUnitIntervalWithMeanOneHalf) {
  RandomStream s(RunSeed{1}, 1, Purpose::meeting, 0);
  double sum = 0;
  constexpr int n = 100000;
  for (int i = 0; i < n; ++i) {
    const double u = s.uniform01();
    ASSERT_GE(u, 0.0);
    ASSERT_LT(u, 1.0);
    sum += u;
  }
  // Standard error of the mean of n uniforms is 1/sqrt(12 n) ~ 0.0009; 5 of them.
  EXPECT_NEAR(sum / n, 0.5, 0.0046);
}

TEST(RandomStream, FeedsBoostDistributions) {
  RandomStream s(RunSeed{9}, 1, Purpose::network, 0);
  boost::random::normal_distribution<double> normal(2.0, 1.0);
  double sum = 0;
  constexpr int n = 20000;
  for (int i = 0; i < n; ++i) sum += normal(s);
  EXPECT_NEAR(sum / n, 2.0, 5.0 / std::sqrt(double(n)));
}

TEST(RunSeed, DependsOnMasterSeedAndReplicationOnly) {
  EXPECT_EQ(derive_run_seed(1, 0), derive_run_seed(1, 0));
  EXPECT_NE(derive_run_seed(1, 0), derive_run_seed(1, 1));
  EXPECT_NE(derive_run_seed(1, 0), derive_run_seed(2, 0));
  EXPECT_NE(derive_run_seed(1, 0), derive_run_seed(1, 1ull << 32));
}

}  // namespace
}  // namespace regiesim::random
