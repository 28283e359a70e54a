#pragma once
// Threads inside one run (`run --threads-per-run N`): the core's chunks (model/chunk_executor.hpp)
// run on oneTBB in an arena of its own, limited to `threads` threads, so that the replications
// of `run -j M` each use at most N (M x N in all). The chunks are the core's fixed ones, so the
// run's record is the same to the last bit with any number of threads. TBB stays behind this
// header: nothing here names a TBB type.
#include <memory>

#include "model/chunk_executor.hpp"

namespace regiesim::sweep {

class TbbChunkExecutor final : public model::ChunkExecutor {
 public:
  explicit TbbChunkExecutor(int threads);  // threads >= 1
  ~TbbChunkExecutor() override;
  TbbChunkExecutor(const TbbChunkExecutor&) = delete;
  TbbChunkExecutor& operator=(const TbbChunkExecutor&) = delete;

  void run_chunks(std::int64_t chunks, model::ChunkBody body) const override;
  int threads() const override { return threads_; }

 private:
  struct Arena;
  int threads_;
  std::unique_ptr<Arena> arena_;
};

// While it lives, oneTBB may run `threads` threads at once in this process, more than the cores
// if asked (its default is the number of cores, and it warns when an arena asks for more): what
// `run -j N --threads-per-run M` holds, N x M, so that each run's arena gets its M.
class TbbThreadAllowance {
 public:
  explicit TbbThreadAllowance(int threads);  // threads >= 1
  ~TbbThreadAllowance();
  TbbThreadAllowance(const TbbThreadAllowance&) = delete;
  TbbThreadAllowance& operator=(const TbbThreadAllowance&) = delete;

 private:
  struct Control;
  std::unique_ptr<Control> control_;
};

}  // namespace regiesim::sweep
