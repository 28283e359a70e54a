#include "io/chunk_pipeline.hpp"

#include <fmt/format.h>
#include <isa-l/igzip_lib.h>

#include <algorithm>
#include <cstdint>
#include <new>
#include <stdexcept>

#include "io/chunked_column.hpp"
#include "io/hdf5_handle.hpp"

namespace regiesim::io {

namespace {

// ISA-L picks its AVX-512 code where the CPU has it and returns with the upper halves of the
// vector registers still set. Until a vzeroupper, the simulation's scalar double arithmetic
// (SSE-encoded, as this project is compiled for any x86-64) then ran at about half speed on the
// compressing thread: perf showed interests_served, gap_given and co_create 1.5-2.4x slower in a
// run at record level `series` than at `summary`, with identical results, and one vzeroupper after
// each chunk took a series run from 1.55x to 1.28x the CPU of a summary run (issue 13).
void clear_upper_vector_state() {
#if defined(__x86_64__)
  static const bool has_avx = __builtin_cpu_supports("avx");
  if (has_avx) asm volatile("vzeroupper" ::: "memory");
#endif
}

}  // namespace

std::size_t deflate_bound(std::size_t raw_bytes) {
  // Stateless deflate needs room for all its output: at worst the input in stored blocks (5 bytes
  // of header per 64 KiB) plus the zlib header and checksum.
  return raw_bytes + raw_bytes / 1024 + 1024;
}

std::size_t buffer_capacity(std::size_t raw_bytes) {
  // Columns' chunks differ by a few KiB (62 series rows of 4,168 bytes, 32,768 events of 8); sized
  // each to its own, a buffer recycled from one column was too small for the next column's chunk
  // and was thrown away.
  return deflate_bound(std::max(raw_bytes, ChunkedColumn::kTargetChunkBytes));
}

void deflate_chunk(const ChunkBuffer& raw, int level, ChunkBuffer& packed) {
  // ISA-L's igzip (Intel's storage library): deflate at level 1 runs about 4x faster than
  // libdeflate's level 1 on these chunks for 1% more bytes (419 MB of a 1,000-run series file:
  // 85.1 MB in 0.50 s against 84.4 MB in 1.95 s, shuffle included). Its output is the standard
  // zlib stream HDF5's deflate filter reads; its working memory is per thread and reused.
  if (level < 0 || level > ISAL_DEF_MAX_LEVEL) throw std::invalid_argument("deflate level");
  thread_local std::vector<std::uint8_t> level_buffer;
  if (level_buffer.empty()) level_buffer.resize(ISAL_DEF_LVL3_DEFAULT);  // the largest a level asks
  const std::size_t bound = deflate_bound(raw.size());
  if (packed.capacity() < bound) packed = ChunkBuffer(buffer_capacity(raw.size()));
  isal_zstream stream;
  isal_deflate_stateless_init(&stream);
  stream.level = static_cast<std::uint32_t>(level);
  stream.level_buf = level == 0 ? nullptr : level_buffer.data();
  stream.level_buf_size = level == 0 ? 0 : static_cast<std::uint32_t>(level_buffer.size());
  stream.gzip_flag = IGZIP_ZLIB;
  stream.end_of_stream = 1;
  stream.flush = NO_FLUSH;
  // ISA-L's input pointer is not const; it only reads.
  stream.next_in = reinterpret_cast<std::uint8_t*>(const_cast<std::byte*>(raw.data()));
  stream.avail_in = static_cast<std::uint32_t>(raw.size());
  stream.next_out = reinterpret_cast<std::uint8_t*>(packed.data());
  stream.avail_out = static_cast<std::uint32_t>(bound);
  const int status = isal_deflate_stateless(&stream);
  clear_upper_vector_state();
  if (status != COMP_OK)
    throw std::runtime_error(fmt::format("deflate failed on a chunk (ISA-L status {})", status));
  packed.set_size(stream.total_out);
}

struct ChunkPipeline::Job {
  hid_t dataset;
  std::vector<hsize_t> offset;
  ChunkBuffer raw;
  ChunkBuffer packed;
  bool compress;
  std::int32_t sink_tag = -1;
  std::uint64_t chunk = 0;
  bool taken = false;  // a thread is compressing it, or has
  bool done = false;   // ready to write
};

ChunkPipeline::ChunkPipeline() = default;
ChunkPipeline::~ChunkPipeline() = default;

void ChunkPipeline::compress(Job& job) {
  job.packed = take_buffer(job.raw.size());
  deflate_chunk(job.raw, ChunkedColumn::kDeflateLevel, job.packed);
  give_back(std::move(job.raw));
}

ChunkBuffer ChunkPipeline::take_buffer(std::size_t bytes) {
  // Every buffer holds a chunk's rows or its deflated bytes, whichever it serves next: a recycled
  // rows buffer too small for deflate's output was reallocated for every chunk (perf: 39% of the
  // page faults at record level `series`, 1,000 default runs).
  const std::size_t capacity = buffer_capacity(bytes);
  {
    std::lock_guard lock(mutex_);
    if (!free_buffers_.empty() && free_buffers_.back().capacity() >= capacity) {
      ChunkBuffer buffer = std::move(free_buffers_.back());
      free_buffers_.pop_back();
      buffer.set_size(0);
      return buffer;
    }
  }
  return ChunkBuffer(capacity);
}

void ChunkPipeline::give_back(ChunkBuffer buffer) {
  if (buffer.capacity() == 0) return;
  std::lock_guard lock(mutex_);
  if (free_buffers_.size() < kMaxFreeBuffers) free_buffers_.push_back(std::move(buffer));
}

void ChunkPipeline::submit(hid_t dataset, std::vector<hsize_t> offset, ChunkBuffer raw,
                           bool compress_it, std::int32_t sink_tag, std::uint64_t chunk) {
  auto job = std::make_unique<Job>();
  job->dataset = dataset;
  job->offset = std::move(offset);
  job->raw = std::move(raw);
  job->compress = compress_it;
  job->sink_tag = sink_tag;
  job->chunk = chunk;
  if (!compress_it) job->taken = job->done = true;
  std::size_t waiting = 0;
  {
    std::lock_guard lock(mutex_);
    jobs_.push_back(std::move(job));
    for (const auto& j : jobs_) waiting += j->taken ? 0 : 1;
  }
  // Back-pressure: the workers are busy simulating; compress here rather than let chunks pile up.
  while (waiting > kMaxWaiting && compress_one()) --waiting;
  write_ready();
}

bool ChunkPipeline::compress_one() {
  Job* job = nullptr;
  {
    std::lock_guard lock(mutex_);
    for (auto& j : jobs_)
      if (!j->taken) {
        job = j.get();
        job->taken = true;
        break;
      }
  }
  if (job == nullptr) return false;
  compress(*job);  // jobs are only removed once done, so `job` stays valid
  {
    std::lock_guard lock(mutex_);
    job->done = true;
  }
  done_.notify_all();
  return true;
}

void ChunkPipeline::write_ready() {
  for (;;) {
    std::unique_ptr<Job> job;
    {
      std::lock_guard lock(mutex_);
      if (jobs_.empty() || !jobs_.front()->done) return;
      job = std::move(jobs_.front());
      jobs_.pop_front();
    }
    const ChunkBuffer& bytes = job->compress ? job->packed : job->raw;
    h5::check(H5Dwrite_chunk(job->dataset, H5P_DEFAULT, 0, job->offset.data(), bytes.size(),
                             bytes.data()),
              "write a chunk of", h5::path_of(job->dataset));
    // The bytes just written, compressed once for both: the journal keeps them as they are.
    if (sink_ && job->sink_tag >= 0)
      sink_(static_cast<std::uint32_t>(job->sink_tag), job->chunk, {bytes.data(), bytes.size()});
    give_back(std::move(job->raw));
    give_back(std::move(job->packed));
  }
}

void ChunkPipeline::finish() {
  while (compress_one()) {
  }
  {
    // Chunks another thread is still compressing.
    std::unique_lock lock(mutex_);
    done_.wait(lock, [&] {
      for (const auto& j : jobs_)
        if (!j->done) return false;
      return true;
    });
  }
  write_ready();
}

}  // namespace regiesim::io
