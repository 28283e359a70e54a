#include "io/chunked_column.hpp"

#include "io/byte_shuffle.hpp"
#include "io/chunk_pipeline.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstring>
#include <stdexcept>
#include <utility>

namespace regiesim::io {

namespace {

// `count` copies of the element `fill` from `out` on. The first is copied once, then the filled
// part doubles with each memcpy: the rest of a column's last chunk is up to 32,768 elements, and
// one memcpy call per element took 15% of the CPU of a one-run file at record level `series`.
void fill_elements(std::byte* out, std::size_t count, const std::vector<std::byte>& fill) {
  if (count == 0) return;
  const std::size_t size = fill.size();
  std::memcpy(out, fill.data(), size);
  std::size_t done = 1;
  while (done < count) {
    const std::size_t n = std::min(done, count - done);
    std::memcpy(out + done * size, out, n * size);
    done += n;
  }
}

}  // namespace

ChunkedColumn::ChunkedColumn(hid_t parent, const std::string& name, ColumnLayout layout,
                             ChunkPipeline* pipeline)
    : layout_(std::move(layout)), pipeline_(pipeline) {
  if (layout_.element_size == 0) throw std::logic_error("ChunkedColumn: element size 0");
  if (layout_.fill.empty()) layout_.fill.assign(layout_.element_size, std::byte{0});
  if (layout_.fill.size() != layout_.element_size)
    throw std::logic_error("ChunkedColumn: the fill value is not one element");
  for (hsize_t d : layout_.row_shape) row_elements_ *= d;
  const std::size_t row_bytes = std::max<std::size_t>(row_elements_ * layout_.element_size, 1);
  rows_per_chunk_ = layout_.rows_per_chunk > 0
                        ? layout_.rows_per_chunk
                        : std::max<hsize_t>(kTargetChunkBytes / row_bytes, 1);
  if (layout_.rows_per_chunk == 0 && layout_.expected_rows > 0)
    rows_per_chunk_ = std::min(rows_per_chunk_, layout_.expected_rows);

  h5::DatasetLayout dataset_layout;
  dataset_layout.dims = {0};
  dataset_layout.max_dims = {H5S_UNLIMITED};
  dataset_layout.chunk = {rows_per_chunk_};
  for (hsize_t d : layout_.row_shape) {
    dataset_layout.dims.push_back(d);
    // A zero-length dimension cannot hold a chunk of one unless it may grow.
    dataset_layout.max_dims.push_back(d == 0 ? H5S_UNLIMITED : d);
    dataset_layout.chunk.push_back(std::max<hsize_t>(d, 1));
  }
  dataset_layout.compress = layout_.compress;
  dataset_layout.deflate_level = kDeflateLevel;
  dataset_layout.fill_bytes = layout_.fill.data();
  dataset_ = h5::create_dataset(parent, name, layout_.file_type, dataset_layout);

  chunk_elements_ = rows_per_chunk_ * row_elements_;
  chunk_bytes_ = chunk_elements_ * layout_.element_size;
}

std::byte* ChunkedColumn::chunk_rows() {
  if (chunk_.capacity() < chunk_bytes_ || chunk_.data() == nullptr)
    chunk_ = pipeline_ != nullptr ? pipeline_->take_buffer(chunk_bytes_)
                                  : ChunkBuffer(buffer_capacity(chunk_bytes_));
  return chunk_.data();
}

void ChunkedColumn::put_elements(std::size_t first, const std::byte* in, std::size_t elements) {
  if (elements == 0) return;
  const std::size_t size = layout_.element_size;
  if (shuffled()) {
    byte_shuffle_into(in, chunk_rows() + first, elements, size, chunk_elements_);
  } else {
    std::memcpy(chunk_rows() + first * size, in, elements * size);
  }
}

void ChunkedColumn::fill_elements_from(std::size_t first, std::size_t elements) {
  if (elements == 0) return;
  std::byte* chunk = chunk_rows();
  if (shuffled()) {
    // Plane j of the fill value's elements is its byte j, repeated.
    for (std::size_t j = 0; j < layout_.element_size; ++j)
      std::memset(chunk + j * chunk_elements_ + first, std::to_integer<int>(layout_.fill[j]),
                  elements);
  } else {
    fill_elements(chunk + first * layout_.element_size, elements, layout_.fill);
  }
}

void ChunkedColumn::append(const void* rows, hsize_t count) {
  if (finished_) throw std::logic_error("ChunkedColumn::append after finish");
  const std::size_t row_bytes = row_elements_ * layout_.element_size;
  const auto* in = static_cast<const std::byte*>(rows);
  while (count > 0) {
    const hsize_t n = std::min(count, rows_per_chunk_ - buffered_);
    put_elements(buffered_ * row_elements_, in, n * row_elements_);
    in += n * row_bytes;
    buffered_ += n;
    rows_ += n;
    count -= n;
    if (buffered_ == rows_per_chunk_) flush_chunk();
  }
}

void ChunkedColumn::append_fill(hsize_t count) {
  if (finished_) throw std::logic_error("ChunkedColumn::append after finish");
  while (count > 0) {
    const hsize_t n = std::min(count, rows_per_chunk_ - buffered_);
    fill_elements_from(buffered_ * row_elements_, n * row_elements_);
    buffered_ += n;
    rows_ += n;
    count -= n;
    if (buffered_ == rows_per_chunk_) flush_chunk();
  }
}

void ChunkedColumn::flush_chunk() {
  // The extent first: HDF5 writes a chunk only where the dataset already reaches.
  std::vector<hsize_t> dims{rows_};
  dims.insert(dims.end(), layout_.row_shape.begin(), layout_.row_shape.end());
  h5::extend(dataset_.id(), dims);
  if (row_elements_ > 0 && buffered_ > 0) {
    // The rows after the last one appended stay at the fill value, as HDF5 would leave them.
    fill_elements_from(buffered_ * row_elements_, (rows_per_chunk_ - buffered_) * row_elements_);
    chunk_.set_size(chunk_bytes_);  // every byte now written: rows, then fill
    std::vector<hsize_t> offset(dims.size(), 0);
    offset[0] = chunks_written_ * rows_per_chunk_;
    const hsize_t chunk = chunks_written_++;
    if (pipeline_ != nullptr) {
      // The next chunk's buffer is taken when its first row arrives (chunk_rows), so the last
      // chunk of a column takes none.
      pipeline_->submit(dataset_.id(), std::move(offset), std::move(chunk_), layout_.compress,
                        sink_tag_, chunk);
    } else {
      const ChunkBuffer* bytes = &chunk_;
      if (layout_.compress) {
        deflate_chunk(chunk_, kDeflateLevel, packed_);
        bytes = &packed_;
      }
      h5::check(H5Dwrite_chunk(dataset_.id(), H5P_DEFAULT, 0, offset.data(), bytes->size(),
                               bytes->data()),
                "write a chunk of", h5::path_of(id()));
    }
  }
  buffered_ = 0;
}

void ChunkedColumn::finish() {
  if (finished_) return;
  flush_chunk();  // sets the final extent even when nothing is buffered
  finished_ = true;
}

}  // namespace regiesim::io
