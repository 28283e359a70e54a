#pragma once
// Runs `count` independent tasks on a pool of threads with dynamic balancing (each thread takes
// the next unstarted id) and hands their results to `consume` in id order, on the calling
// thread, whatever the order of completion. Results are held only until their turn, within a
// window of ids, so memory stays bounded however many tasks there are (design decision 11).
#include <cstdint>
#include <functional>

#include "record/run_record.hpp"

namespace regiesim::sweep {

struct ExecutorOptions {
  int threads = 1;          // >= 1
  std::int64_t window = 0;  // ids ahead of the next to consume that may be held; 0 = 4 x threads
  // Work a worker does before it starts each task, called until it returns false (the writer's
  // compression of full chunks). Must be thread-safe; its effects must not depend on which
  // thread does it.
  std::function<bool()> between_runs = nullptr;
};

// `produce(id)` runs on a worker thread and must not touch shared mutable state; `consume(id,
// record)` runs on the caller's thread in ascending id order. An exception from either stops the
// remaining work and is rethrown here (the first one, in id order for produce).
void run_in_order(std::int64_t count, const ExecutorOptions& options,
                  const std::function<record::RunRecord(std::int64_t)>& produce,
                  const std::function<void(std::int64_t, record::RunRecord&&)>& consume);

// Threads to use when the user asks for 0 ("all cores").
int available_cores();

}  // namespace regiesim::sweep
