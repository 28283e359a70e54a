#include "io/output_size.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>

#include "record/metrics.hpp"
#include "scenario/input_error.hpp"
#include "support/small_scenario.hpp"

namespace regiesim::io {
namespace {

TEST(OutputSize, GrowsWithRunsStepsAndRecordLevel) {
  auto spec = testing::small_scenario(6, 3, 104);
  spec.parameters.record_level = model::RecordLevel::summary;
  const OutputSize summary = estimate_output_size(spec);
  // Nothing is compressed at level summary: the bound and the estimate agree.
  EXPECT_EQ(summary.at_least, summary.bytes);

  spec.parameters.record_level = model::RecordLevel::series;
  const OutputSize series = estimate_output_size(spec);
  const auto runs = static_cast<std::uint64_t>(spec.parameters.replications);
  EXPECT_GE(series.bytes - summary.bytes, runs * 105 * record::kMetricCount * sizeof(double));
  EXPECT_LT(series.at_least, series.bytes);

  spec.parameters.record_level = model::RecordLevel::full;
  const OutputSize full = estimate_output_size(spec);
  EXPECT_GT(full.bytes, series.bytes);

  spec.parameters.replications *= 10;
  const OutputSize more = estimate_output_size(spec);
  EXPECT_NEAR(
      static_cast<double>(more.bytes - (1u << 20)) / static_cast<double>(full.bytes - (1u << 20)),
      10.0, 0.1);
}

TEST(OutputSize, AbsurdSizesSaturateInsteadOfWrapping) {
  auto spec = testing::small_scenario(2000, 3, 100000);
  spec.parameters.record_level = model::RecordLevel::full;
  spec.parameters.record_agent_interval = 1;
  spec.parameters.replications = 1'000'000;
  const OutputSize size = estimate_output_size(spec);
  EXPECT_GT(size.bytes, std::uint64_t{1} << 60);
  EXPECT_GE(size.bytes, size.at_least);
}

TEST(OutputSize, FitsMayNotFitOrCannotFit) {
  const OutputSize size{.bytes = 1000, .at_least = 10};
  EXPECT_EQ(judge_space(size, 1000), SpaceVerdict::fits);
  EXPECT_EQ(judge_space(size, 999), SpaceVerdict::may_not_fit);
  EXPECT_EQ(judge_space(size, 10), SpaceVerdict::may_not_fit);
  EXPECT_EQ(judge_space(size, 9), SpaceVerdict::cannot_fit);
}

TEST(OutputSize, CheckRefusesAnOutputNoDiskHoldsAndSaysHowLarge) {
  auto spec = testing::small_scenario(1000, 1, 130);
  spec.source_label = "huge.toml";
  spec.parameters.record_level = model::RecordLevel::full;
  spec.parameters.record_agent_interval = 1;
  spec.parameters.replications = 1'000'000;
  // Only the free space of the directory is read: nothing is created.
  const std::filesystem::path dir = std::filesystem::temp_directory_path();
  try {
    check_output_space(spec, dir / "regiesim_no_such_dir/results/huge.h5", nullptr);
    ADD_FAILURE() << "expected the output to be refused (over 1 TB even compressed)";
  } catch (const scenario::InputError& e) {
    EXPECT_EQ(e.origin(), "huge.toml");
    EXPECT_NE(e.message().find("the output would take at least 1."), std::string::npos) << e.what();
    EXPECT_NE(e.message().find(" TB"), std::string::npos) << e.what();
  }
  // A small one passes silently.
  spec.parameters.replications = 1;
  spec.parameters.record_level = model::RecordLevel::summary;
  EXPECT_NO_THROW(check_output_space(spec, dir / "small.h5", nullptr));
}

TEST(OutputSize, BytesReadForAPerson) {
  EXPECT_EQ(format_bytes(999), "999 bytes");
  EXPECT_EQ(format_bytes(1500), "1.5 kB");
  EXPECT_EQ(format_bytes(2'345'678'901), "2.3 GB");
}

}  // namespace
}  // namespace regiesim::io
