// Threads inside one run change no number: a generated population of 20,000 partners on a small
// world (5 chunks of partners, 25 of ties), run with the serial executor and with oneTBB at 2 and
// 3 threads, gives the same record to the last bit (every double compared exactly), at record
// level full (every partner's state every week) and with a strategy that convenes meetings.
#include "sweep/tbb_chunk_executor.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <atomic>
#include <string>
#include <vector>

#include "model/chunk_executor.hpp"
#include "network/network.hpp"
#include "scenario/load_scenario.hpp"
#include "sim/run.hpp"

namespace regiesim::sweep {
namespace {

// Every index of [0, n) is visited once, in the fixed chunks c * kChunkSize.., whatever the
// number of threads.
void expect_chunks_cover(const model::ChunkExecutor& executor, std::int64_t n) {
  std::vector<std::atomic<int>> visits(static_cast<std::size_t>(n));
  std::atomic<std::int64_t> misplaced{0};
  model::for_each_chunk(executor, n, [&](std::int64_t first, std::int64_t last) {
    if (first % model::kChunkSize != 0 || last - first > model::kChunkSize ||
        (last - first < model::kChunkSize && last != n))
      ++misplaced;
    for (std::int64_t i = first; i < last; ++i) ++visits[static_cast<std::size_t>(i)];
  });
  EXPECT_EQ(misplaced.load(), 0) << n;
  for (std::int64_t i = 0; i < n; ++i)
    ASSERT_EQ(visits[static_cast<std::size_t>(i)].load(), 1) << "index " << i << " of " << n;
}

TEST(TbbChunkExecutor, VisitsEveryIndexOnceInTheFixedChunks) {
  const TbbThreadAllowance allowance(3);
  const TbbChunkExecutor two(2);
  const TbbChunkExecutor three(3);
  for (const std::int64_t n : {std::int64_t{0}, std::int64_t{1}, model::kChunkSize,
                               model::kChunkSize + 1, std::int64_t{50000}}) {
    expect_chunks_cover(model::serial_executor(), n);
    expect_chunks_cover(two, n);
    expect_chunks_cover(three, n);
  }
  EXPECT_EQ(model::chunk_count(0), 0);
  EXPECT_EQ(model::chunk_count(model::kChunkSize), 1);
  EXPECT_EQ(model::chunk_count(model::kChunkSize + 1), 2);
}

TEST(TbbChunkExecutor, RefusesNoThreads) {
  EXPECT_THROW(TbbChunkExecutor(0), std::invalid_argument);
}

record::RunRecord run_with(const model::ChunkExecutor& executor, const std::string& strategy,
                           const std::string& level) {
  const std::string text = fmt::format(R"([scenario]
name = "threads"
[network]
kind = "small_world"
neighbours = 10
[regisseur]
strategy = "{}"
[run]
steps = 8
[record]
level = "{}"
[population]
count = 20000
passion = {{ uniform = [0.3, 0.8] }}
commitment = {{ uniform = [0.3, 0.8] }}
urgency = {{ beta = [4, 2] }}
capabilities = {{ uniform = [0, 1] }}
)",
                                       strategy, level);
  const auto spec = scenario::load_scenario(text, "threads");
  const auto net = network::generate(spec.parameters, spec.partner_count(), 11);
  return sim::run_drawn_replication(spec, net, sim::plan_replication(11, 0), executor);
}

void expect_identical_at_any_thread_count(const std::string& strategy, const std::string& level) {
  const TbbThreadAllowance allowance(3);  // three threads even on a machine of two cores
  const record::RunRecord serial = run_with(model::serial_executor(), strategy, level);
  ASSERT_EQ(serial.status, record::RunStatus::ok) << serial.failure_reason;
  for (const int threads : {2, 3}) {
    const TbbChunkExecutor executor(threads);
    const record::RunRecord threaded = run_with(executor, strategy, level);
    EXPECT_TRUE(threaded == serial) << strategy << " at " << threads << " threads differs";
  }
}

TEST(TbbChunkExecutor, RunIsBitIdenticalAtAnyThreadCount_FullRecord) {
  expect_identical_at_any_thread_count("none", "full");
}

TEST(TbbChunkExecutor, RunIsBitIdenticalAtAnyThreadCount_ConveningStrategy) {
  expect_identical_at_any_thread_count("facilitative", "series");
}

}  // namespace
}  // namespace regiesim::sweep
