#include "sweep/executor.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>

namespace regiesim::sweep {
namespace {

record::RunRecord record_for(std::int64_t id) {
  record::RunRecord r;
  r.run_id = id;
  r.summary = {static_cast<double>(id) * 1.5};
  // Uneven work, so completion order differs from id order.
  std::this_thread::sleep_for(std::chrono::microseconds((id * 7919) % 13 * 100));
  return r;
}

std::vector<std::int64_t> consumed_ids(int threads, std::int64_t count) {
  std::vector<std::int64_t> ids;
  run_in_order(count, {.threads = threads, .window = 0}, record_for,
               [&](std::int64_t id, record::RunRecord&& r) {
                 EXPECT_EQ(r.run_id, id);
                 ids.push_back(id);
               });
  return ids;
}

TEST(Executor, ConsumesInIdOrderWhateverTheThreadCount) {
  std::vector<std::int64_t> expected(50);
  for (std::int64_t i = 0; i < 50; ++i) expected[static_cast<std::size_t>(i)] = i;
  EXPECT_EQ(consumed_ids(1, 50), expected);
  EXPECT_EQ(consumed_ids(2, 50), expected);
  EXPECT_EQ(consumed_ids(5, 50), expected);
}

TEST(Executor, HoldsNoMoreThanTheWindowAhead) {
  std::atomic<std::int64_t> started{0};
  std::int64_t max_ahead = 0;
  std::int64_t consumed = 0;
  run_in_order(
      40, {.threads = 4, .window = 3},
      [&](std::int64_t id) {
        started.fetch_add(1);
        return record_for(id);
      },
      [&](std::int64_t, record::RunRecord&&) {
        ++consumed;
        max_ahead = std::max(max_ahead, started.load() - consumed);
      });
  EXPECT_EQ(consumed, 40);
  EXPECT_LE(max_ahead, 3);
}

TEST(Executor, AnExceptionInATaskStopsTheRunAndIsRethrown) {
  EXPECT_THROW(run_in_order(
                   100, {.threads = 3},
                   [](std::int64_t id) -> record::RunRecord {
                     if (id == 17) throw std::runtime_error("task 17 failed");
                     return record_for(id);
                   },
                   [](std::int64_t, record::RunRecord&&) {}),
               std::runtime_error);
}

TEST(Executor, AnExceptionInTheConsumerIsRethrown) {
  EXPECT_THROW(run_in_order(20, {.threads = 2}, record_for,
                            [](std::int64_t id, record::RunRecord&&) {
                              if (id == 5) throw std::runtime_error("disk full");
                            }),
               std::runtime_error);
}

}  // namespace
}  // namespace regiesim::sweep
