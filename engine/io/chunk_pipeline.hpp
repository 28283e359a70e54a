#pragma once
// Compresses chunks on whichever threads have time and writes them in the order they were
// submitted. The writer's thread submits full chunks as runs arrive; the worker threads that
// simulate runs compress waiting chunks between runs (sweep::ExecutorOptions::between_runs); the
// writer's thread writes each chunk once it is compressed, strictly in submission order, so the
// file's bytes do not depend on which thread compressed what (design decision 3).
//
// Why: writing a default run at record level `series` costs a few tenths of a millisecond, most
// of it deflate; on one writer thread that caps how far more threads can help. Spread over the
// workers, it scales with them.
#include <hdf5.h>

#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <vector>

#include "io/chunk_buffer.hpp"
#include "io/run_columns.hpp"

namespace regiesim::io {

class ChunkPipeline {
 public:
  // At most this many chunks wait for compression; beyond it the submitting thread compresses
  // itself, so memory stays bounded when the workers are busy.
  static constexpr std::size_t kMaxWaiting = 16;

  ChunkPipeline();
  ~ChunkPipeline();  // drops what was not written (a writer destroyed without commit)
  ChunkPipeline(const ChunkPipeline&) = delete;
  ChunkPipeline& operator=(const ChunkPipeline&) = delete;

  // Queues a chunk of `dataset` at `offset` (whose extent already covers it); `raw` holds the
  // chunk's bytes as HDF5's filters before deflate leave them (shuffled, when the dataset
  // shuffles); `compress`: deflate before writing. Writes whatever is ready. Call from the
  // writer's thread only.
  // `sink_tag` >= 0: the chunk is also handed to the sink (set_sink) as chunk `chunk` of that
  // column once written.
  void submit(hid_t dataset, std::vector<hsize_t> offset, ChunkBuffer raw, bool compress,
              std::int32_t sink_tag = -1, std::uint64_t chunk = 0);

  // Where written chunks of tagged columns go as well (a sweep's journal); empty: nowhere.
  // Writer's thread only, like submit.
  void set_sink(ChunkSink sink) { sink_ = std::move(sink); }

  // Compresses one waiting chunk, if any; returns whether it did. Any thread.
  bool compress_one();

  // Compresses what is left on this thread, then writes every chunk. Writer's thread only.
  void finish();

  // A buffer for the next chunk's rows (size 0, room for buffer_capacity(bytes)), recycled from a
  // chunk already written when one is free. Its contents are unspecified. Any thread.
  ChunkBuffer take_buffer(std::size_t bytes);

 private:
  struct Job;
  void write_ready();
  void compress(Job& job);
  void give_back(ChunkBuffer buffer);

  // Written chunks' buffers are kept for the next ones: a fresh 256 KiB buffer per chunk cost a
  // page fault per page (perf: about 12% of the CPU at record level `series`). Bounded: never
  // more than the chunks that can be in flight.
  static constexpr std::size_t kMaxFreeBuffers = 2 * kMaxWaiting + 8;

  std::mutex mutex_;
  std::condition_variable done_;
  std::deque<std::unique_ptr<Job>> jobs_;  // in submission order; the front is written next
  std::vector<ChunkBuffer> free_buffers_;
  ChunkSink sink_;
};

// The most bytes deflate_chunk() can produce from `raw_bytes`.
std::size_t deflate_bound(std::size_t raw_bytes);

// The capacity of every buffer the writer allocates for a chunk of `raw_bytes`: room for its
// rows and for their deflated form, and never less than a chunk of the target size needs, so
// that all buffers are alike and any one can be recycled for any chunk.
std::size_t buffer_capacity(std::size_t raw_bytes);

// Deflates `raw` (already shuffled where the dataset shuffles) into `packed` (replaced by a buffer
// of buffer_capacity() when too small), in the zlib format of HDF5's deflate filter; sets
// packed's size to the compressed size. Uses a compressor per thread.
void deflate_chunk(const ChunkBuffer& raw, int level, ChunkBuffer& packed);

}  // namespace regiesim::io
