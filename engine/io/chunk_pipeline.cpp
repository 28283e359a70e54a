#include "io/chunk_pipeline.hpp"

#include <fmt/format.h>
#include <libdeflate.h>

#include <cstring>
#include <new>

#include "io/chunked_column.hpp"
#include "io/hdf5_handle.hpp"

namespace regiesim::io {

namespace {

// HDF5's shuffle filter (H5Z_filter_shuffle): byte j of element i goes to j * n + i, so the bytes
// of equal significance of neighbouring values lie together and deflate finds their repeats.
// The element size as a constant for the sizes the results file uses, so the inner loop unrolls.
template <std::size_t Size>
void shuffle_fixed(const std::byte* in, std::byte* out, std::size_t elements) {
  for (std::size_t i = 0; i < elements; ++i)
    for (std::size_t j = 0; j < Size; ++j) out[j * elements + i] = in[i * Size + j];
}

void shuffle(const std::byte* in, std::byte* out, std::size_t elements, std::size_t size) {
  switch (size) {
    case 1:
      std::memcpy(out, in, elements);
      return;
    case 2:
      return shuffle_fixed<2>(in, out, elements);
    case 4:
      return shuffle_fixed<4>(in, out, elements);
    case 8:
      return shuffle_fixed<8>(in, out, elements);
    default:
      for (std::size_t i = 0; i < elements; ++i)
        for (std::size_t j = 0; j < size; ++j) out[j * elements + i] = in[i * size + j];
  }
}

struct CompressorDeleter {
  void operator()(libdeflate_compressor* c) const { libdeflate_free_compressor(c); }
};

}  // namespace

std::size_t shuffle_and_deflate(const std::vector<std::byte>& raw, std::size_t element_size,
                                int level, std::vector<std::byte>& packed) {
  thread_local std::unique_ptr<libdeflate_compressor, CompressorDeleter> compressor;
  thread_local int compressor_level = -1;
  thread_local std::vector<std::byte> shuffled;
  if (!compressor || compressor_level != level) {
    compressor.reset(libdeflate_alloc_compressor(level));
    if (!compressor) throw std::bad_alloc();
    compressor_level = level;
  }
  shuffled.resize(raw.size());
  shuffle(raw.data(), shuffled.data(), raw.size() / element_size, element_size);
  // Only grows: a recycled buffer keeps its size, and resizing it down and up again would zero it.
  const std::size_t bound = libdeflate_zlib_compress_bound(compressor.get(), raw.size());
  if (packed.size() < bound) packed.resize(bound);
  const std::size_t bytes = libdeflate_zlib_compress(compressor.get(), shuffled.data(),
                                                     shuffled.size(), packed.data(), packed.size());
  if (bytes == 0) throw std::runtime_error("deflate found no room for a chunk");
  return bytes;
}

struct ChunkPipeline::Job {
  hid_t dataset;
  std::vector<hsize_t> offset;
  std::vector<std::byte> raw;
  std::vector<std::byte> packed;
  std::size_t element_size;
  std::size_t bytes = 0;
  bool compress;
  bool taken = false;  // a thread is compressing it, or has
  bool done = false;   // ready to write
};

ChunkPipeline::ChunkPipeline() = default;
ChunkPipeline::~ChunkPipeline() = default;

void ChunkPipeline::compress(Job& job) {
  job.packed = take_free_buffer();
  job.bytes =
      shuffle_and_deflate(job.raw, job.element_size, ChunkedColumn::kDeflateLevel, job.packed);
  give_back(std::move(job.raw));
}

std::vector<std::byte> ChunkPipeline::take_free_buffer() {
  std::lock_guard lock(mutex_);
  if (free_buffers_.empty()) return {};
  std::vector<std::byte> buffer = std::move(free_buffers_.back());
  free_buffers_.pop_back();
  return buffer;
}

std::vector<std::byte> ChunkPipeline::take_buffer(std::size_t bytes) {
  std::vector<std::byte> buffer = take_free_buffer();
  // Zeroes only past what the buffer held before; chunks are all about one size.
  buffer.resize(bytes);
  return buffer;
}

void ChunkPipeline::give_back(std::vector<std::byte> buffer) {
  if (buffer.capacity() == 0) return;
  std::lock_guard lock(mutex_);
  if (free_buffers_.size() < kMaxFreeBuffers) free_buffers_.push_back(std::move(buffer));
}

void ChunkPipeline::submit(hid_t dataset, std::vector<hsize_t> offset, std::vector<std::byte> raw,
                           std::size_t element_size, bool compress_it) {
  auto job = std::make_unique<Job>();
  job->dataset = dataset;
  job->offset = std::move(offset);
  job->raw = std::move(raw);
  job->element_size = element_size;
  job->compress = compress_it;
  if (!compress_it) {
    job->bytes = job->raw.size();
    job->taken = job->done = true;
  }
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
    const void* data = job->compress ? job->packed.data() : job->raw.data();
    h5::check(H5Dwrite_chunk(job->dataset, H5P_DEFAULT, 0, job->offset.data(), job->bytes, data),
              "write a chunk of", h5::path_of(job->dataset));
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
