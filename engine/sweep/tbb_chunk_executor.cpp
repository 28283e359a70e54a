#include "sweep/tbb_chunk_executor.hpp"

#include <tbb/blocked_range.h>
#include <tbb/global_control.h>
#include <tbb/parallel_for.h>
#include <tbb/partitioner.h>
#include <tbb/task_arena.h>

#include <algorithm>
#include <stdexcept>

namespace regiesim::sweep {

struct TbbChunkExecutor::Arena {
  explicit Arena(int threads) : arena(threads) {}
  tbb::task_arena arena;
};

TbbChunkExecutor::TbbChunkExecutor(int threads) : threads_(threads) {
  if (threads < 1) throw std::invalid_argument("TbbChunkExecutor: threads must be >= 1");
  if (threads > 1) arena_ = std::make_unique<Arena>(threads);
}

TbbChunkExecutor::~TbbChunkExecutor() = default;

void TbbChunkExecutor::run_chunks(std::int64_t chunks, model::ChunkBody body) const {
  // One chunk, or one thread: the caller runs them in order, as the serial executor does.
  if (!arena_ || chunks <= 1) {
    for (std::int64_t c = 0; c < chunks; ++c) body(c);
    return;
  }
  // One task per chunk (simple_partitioner, grain 1): which thread runs a chunk changes no
  // number, since the core's chunks write disjoint outputs.
  arena_->arena.execute([&] {
    tbb::parallel_for(
        tbb::blocked_range<std::int64_t>(0, chunks, 1),
        [&](const tbb::blocked_range<std::int64_t>& range) {
          for (std::int64_t c = range.begin(); c < range.end(); ++c) body(c);
        },
        tbb::simple_partitioner());
  });
}

struct TbbThreadAllowance::Control {
  explicit Control(int threads)
      : control(tbb::global_control::max_allowed_parallelism, static_cast<std::size_t>(threads)) {}
  tbb::global_control control;
};

TbbThreadAllowance::TbbThreadAllowance(int threads)
    : control_(std::make_unique<Control>(std::max(threads, 1))) {}

TbbThreadAllowance::~TbbThreadAllowance() = default;

}  // namespace regiesim::sweep
