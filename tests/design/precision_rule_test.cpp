#include "design/precision_rule.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "scenario/input_error.hpp"

namespace regiesim::design {
namespace {

// Student's t quantiles t(0.975, df) from a printed table (e.g. NIST/SEMATECH e-Handbook,
// table 1.3.6.7.2).
constexpr double kT975Df1 = 12.706;
constexpr double kT975Df3 = 3.182;
constexpr double kT975Df9 = 2.262;

TEST(PrecisionRule, GivesTheStudentTIntervalOfTheMean) {
  const std::vector<double> values{1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
  const MeanInterval m = mean_interval(values);
  EXPECT_EQ(m.n, 10);
  EXPECT_DOUBLE_EQ(m.mean, 5.5);
  const double sd = std::sqrt(82.5 / 9);  // sum of squared deviations 82.5
  EXPECT_DOUBLE_EQ(m.sd, sd);
  EXPECT_NEAR(m.half_width, kT975Df9 * sd / std::sqrt(10.0), 1e-3);
  EXPECT_DOUBLE_EQ(m.cv, sd / 5.5);
  EXPECT_NEAR(mean_interval(std::vector<double>{1, 3}).half_width,
              kT975Df1 * std::sqrt(2.0) / std::sqrt(2.0), 1e-3);
  EXPECT_TRUE(std::isinf(mean_interval(std::vector<double>{1}).half_width));
}

TEST(PrecisionRule, StopsAfterTheFirstWholeBlockThatIsNarrowEnough) {
  // Block 4: the first block is noisy, the second brings the interval under the target.
  const std::vector<double> values{0, 2, 0, 2, 1, 1, 1, 1, 1, 1, 1, 1};
  const double first = kT975Df3 * std::sqrt(4.0 / 3) / 2;  // sd of {0,2,0,2} = sqrt(4/3)
  const double target = 0.9 * first;
  const PrecisionDecision d = decide_precision(values, 4, target, 100);
  EXPECT_EQ(d.verdict, PrecisionVerdict::reached);
  EXPECT_EQ(d.replications, 8);
  EXPECT_LE(d.interval.half_width, target);
  // Values beyond the deciding block, or a partial block, change nothing.
  EXPECT_EQ(decide_precision(std::span(values).first(9), 4, target, 100).replications, 8);
  EXPECT_EQ(decide_precision(std::span(values).first(8), 4, target, 100).replications, 8);
}

TEST(PrecisionRule, AsksForTheNextBlockUntilTheCapThenGivesUp) {
  const std::vector<double> noisy{0, 10, 0, 10, 0, 10, 0};
  const PrecisionDecision more = decide_precision(noisy, 2, 0.01, 8);
  EXPECT_EQ(more.verdict, PrecisionVerdict::more);
  EXPECT_EQ(more.replications, 6);  // the partial block (value 7) is not looked at
  const std::vector<double> eight{0, 10, 0, 10, 0, 10, 0, 10};
  const PrecisionDecision done = decide_precision(eight, 2, 0.01, 8);
  EXPECT_EQ(done.verdict, PrecisionVerdict::exhausted);
  EXPECT_EQ(done.replications, 8);
  EXPECT_EQ(decide_precision(std::vector<double>{}, 2, 0.01, 8).verdict, PrecisionVerdict::more);
}

TEST(PrecisionRule, ReadsMetricEqualsHalfWidth) {
  const PrecisionTarget t = parse_precision("realisation=0.005", "command line: --precision");
  EXPECT_EQ(t.metric, "realisation");
  EXPECT_EQ(t.half_width, 0.005);
  try {
    parse_precision("realisaton=0.01", "command line: --precision");
    FAIL();
  } catch (const scenario::InputError& e) {
    EXPECT_NE(std::string(e.what()).find("did you mean 'realisation'"), std::string::npos)
        << e.what();
  }
  EXPECT_THROW(parse_precision("realisation=-1", "x"), scenario::InputError);
  EXPECT_THROW(parse_precision("realisation=0.1x", "x"), scenario::InputError);
  EXPECT_THROW(parse_precision("realisation", "x"), scenario::InputError);
}

}  // namespace
}  // namespace regiesim::design
