#pragma once
// Threads inside one run, as the core sees them: a loop over [0, n) is cut into chunks of a fixed
// size that never depends on the number of threads (chunk c covers [c * size, min(n, (c + 1) *
// size))), and an executor runs the chunks, one after the other (serial_executor, the default and
// the only one the classroom page has) or concurrently (an edge's, e.g. sweep/tbb_chunk_executor).
// The core only hands loops whose chunks write disjoint outputs and read nothing another chunk of
// the same loop writes, so every executor gives the same numbers to the last bit. One indirect
// call per chunk, never per partner or tie; no allocation.
#include <algorithm>
#include <cstdint>
#include <type_traits>

namespace regiesim::model {

// Partners or ties per chunk: large enough that a chunk's call and its hand-over to a thread cost
// nothing next to its work, small enough that a week's loops at 10^5 partners have chunks for two
// threads to share.
inline constexpr std::int64_t kChunkSize = 4096;

inline constexpr std::int64_t chunk_count(std::int64_t n, std::int64_t size = kChunkSize) {
  return n <= 0 ? 0 : (n + size - 1) / size;
}

// The work of one chunk, without allocation: a context and a plain function, as a lambda captured
// by reference is handed over by for_each_chunk below.
struct ChunkBody {
  void* context = nullptr;
  void (*call)(void* context, std::int64_t chunk) = nullptr;
  void operator()(std::int64_t chunk) const { call(context, chunk); }
};

class ChunkExecutor {
 public:
  virtual ~ChunkExecutor() = default;
  // Calls body(c) once for every c in [0, chunks) and returns when all have returned. An
  // executor may call them in any order and concurrently; the serial one calls them in order.
  virtual void run_chunks(std::int64_t chunks, ChunkBody body) const = 0;
  // Threads it may use (1 for the serial executor).
  virtual int threads() const = 0;
};

class SerialExecutor final : public ChunkExecutor {
 public:
  void run_chunks(std::int64_t chunks, ChunkBody body) const override {
    for (std::int64_t c = 0; c < chunks; ++c) body(c);
  }
  int threads() const override { return 1; }
};

inline const ChunkExecutor& serial_executor() {
  static const SerialExecutor serial;
  return serial;
}

// Calls range(begin, end) for the fixed chunks of [0, n), through `executor`. `range` must write
// only what its own indices own and read nothing another chunk writes.
template <class Range>
void for_each_chunk(const ChunkExecutor& executor, std::int64_t n, Range&& range,
                    std::int64_t size = kChunkSize) {
  struct Context {
    std::remove_reference_t<Range>* range;
    std::int64_t n;
    std::int64_t size;
  } context{&range, n, size};
  const ChunkBody body{.context = &context, .call = [](void* raw, std::int64_t c) {
                         const auto& ctx = *static_cast<Context*>(raw);
                         const std::int64_t begin = c * ctx.size;
                         (*ctx.range)(begin, std::min(ctx.n, begin + ctx.size));
                       }};
  executor.run_chunks(chunk_count(n, size), body);
}

}  // namespace regiesim::model
