#include "sweep/executor.hpp"

#include <algorithm>
#include <condition_variable>
#include <exception>
#include <map>
#include <mutex>
#include <thread>
#include <vector>

namespace regiesim::sweep {

int available_cores() {
  return std::max(1u, std::thread::hardware_concurrency());
}

void run_in_order(std::int64_t count, const ExecutorOptions& options,
                  const std::function<record::RunRecord(std::int64_t)>& produce,
                  const std::function<void(std::int64_t, record::RunRecord&&)>& consume) {
  const int threads = std::max(1, options.threads);
  const std::int64_t window = options.window > 0 ? options.window : 4 * std::int64_t{threads};

  std::mutex mutex;
  std::condition_variable changed;
  std::int64_t next_to_start = 0;
  std::int64_t next_to_consume = 0;
  std::map<std::int64_t, record::RunRecord> done;  // finished, waiting for their turn
  std::exception_ptr failure;
  std::int64_t failure_id = count;
  bool stop = false;

  auto worker = [&] {
    for (;;) {
      if (options.between_runs) {
        try {
          while (options.between_runs()) {
          }
        } catch (...) {
          std::lock_guard lock(mutex);
          if (!failure) failure = std::current_exception();
          failure_id = -1;
          stop = true;
          changed.notify_all();
          return;
        }
      }
      std::int64_t id;
      {
        std::unique_lock lock(mutex);
        // Stay within the window so a slow early task cannot make memory grow without bound.
        changed.wait(lock, [&] { return stop || next_to_start < next_to_consume + window; });
        if (stop || next_to_start >= count) return;
        id = next_to_start++;
      }
      try {
        record::RunRecord record = produce(id);
        std::lock_guard lock(mutex);
        done.emplace(id, std::move(record));
      } catch (...) {
        std::lock_guard lock(mutex);
        if (id < failure_id) {
          failure = std::current_exception();
          failure_id = id;
        }
        stop = true;
      }
      changed.notify_all();
    }
  };

  std::vector<std::jthread> pool;
  pool.reserve(static_cast<std::size_t>(threads));
  for (int t = 0; t < threads; ++t) pool.emplace_back(worker);

  try {
    while (next_to_consume < count) {
      record::RunRecord record;
      {
        std::unique_lock lock(mutex);
        changed.wait(lock, [&] { return stop || done.contains(next_to_consume); });
        if (stop) break;
        auto node = done.extract(next_to_consume);
        record = std::move(node.mapped());
      }
      consume(next_to_consume, std::move(record));
      {
        std::lock_guard lock(mutex);
        ++next_to_consume;
      }
      changed.notify_all();
    }
  } catch (...) {
    {
      std::lock_guard lock(mutex);
      stop = true;
    }
    changed.notify_all();
    throw;  // jthreads join on destruction
  }
  {
    std::lock_guard lock(mutex);
    stop = true;
  }
  changed.notify_all();
  pool.clear();
  if (failure) std::rethrow_exception(failure);
}

}  // namespace regiesim::sweep
