#pragma once
// The bytes of one chunk on its way to the file: a column's rows, or their deflated form.
//
// Why not std::vector<std::byte>: a vector zeroes every byte it grows by, and the writer grows
// buffers of a quarter megabyte several times per run at record level `series`. perf on 200
// default runs put 7% of the CPU in that memset and the page faults it took, more than the
// shuffle. A ChunkBuffer leaves its bytes as they are (its owner writes each one it hands on),
// and every buffer the writer allocates has one capacity, so any free buffer serves any chunk and
// a recycled one is never reallocated.
#include <cstddef>
#include <memory>
#include <stdexcept>
#include <utility>

namespace regiesim::io {

class ChunkBuffer {
 public:
  ChunkBuffer() = default;
  // Storage for `capacity` bytes, not initialised; size() is 0.
  explicit ChunkBuffer(std::size_t capacity)
      : data_(new std::byte[capacity]), capacity_(capacity) {}
  ChunkBuffer(ChunkBuffer&& other) noexcept
      : data_(std::move(other.data_)),
        capacity_(std::exchange(other.capacity_, 0)),
        size_(std::exchange(other.size_, 0)) {}
  ChunkBuffer& operator=(ChunkBuffer&& other) noexcept {
    data_ = std::move(other.data_);
    capacity_ = std::exchange(other.capacity_, 0);
    size_ = std::exchange(other.size_, 0);
    return *this;
  }

  std::byte* data() { return data_.get(); }
  const std::byte* data() const { return data_.get(); }
  std::size_t size() const { return size_; }
  std::size_t capacity() const { return capacity_; }
  bool empty() const { return size_ == 0; }

  // The first `bytes` bytes are the buffer's contents from now on; bytes not written before keep
  // whatever they held.
  void set_size(std::size_t bytes) {
    if (bytes > capacity_) throw std::logic_error("ChunkBuffer: size beyond capacity");
    size_ = bytes;
  }

 private:
  std::unique_ptr<std::byte[]> data_;  // new std::byte[n] default-initialises: no memset
  std::size_t capacity_ = 0;
  std::size_t size_ = 0;
};

}  // namespace regiesim::io
