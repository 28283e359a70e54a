#pragma once
// A dataset that grows along its first axis (runs, or the rows of a table), written one whole
// chunk at a time: rows are buffered until a chunk is full, then the chunk is deflated (ISA-L's
// igzip, in the zlib format that HDF5's deflate filter reads) and handed to HDF5 with
// H5Dwrite_chunk, which skips HDF5's own filter pipeline and per-call selection work. One HDF5
// call per chunk instead of one extension and one write per run is what lets a single writer keep
// up with the threads (design decision 1; the results-file issue measured 2.3 ms of writing per run
// with one write per run).
//
// A compressed column's chunk is kept in the shuffled order of HDF5's shuffle filter from the
// start: each appended row's bytes go straight to their planes (byte_shuffle_into), so a row is
// moved once, not copied in and shuffled again when its chunk is full.
//
// The dataset still declares shuffle + deflate in its pipeline, so every HDF5 reader (h5py,
// h5dump, netCDF-4) decompresses it as usual; the bytes are ours, the format is HDF5's.
#include <hdf5.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "io/chunk_buffer.hpp"
#include "io/hdf5_handle.hpp"

namespace regiesim::io {
class ChunkPipeline;
}

namespace regiesim::io {

struct ColumnLayout {
  hid_t file_type = -1;            // e.g. H5T_IEEE_F64LE, or an enum type over H5T_STD_I8LE
  std::size_t element_size = 8;    // bytes of one element in memory and in the file (little-endian)
  std::vector<hsize_t> row_shape;  // the dimensions after the first; empty for a 1-D column
  hsize_t rows_per_chunk = 0;      // 0: as many as fit in kTargetChunkBytes (at least 1)
  hsize_t expected_rows = 0;       // rows the dataset will likely hold, 0 if unknown; with
                                   // rows_per_chunk 0, a chunk is no larger than that
  bool compress = true;
  std::vector<std::byte> fill;  // one element's bytes for rows never written; empty: zeros
};

class ChunkedColumn {
 public:
  // Chunks of about this many bytes: large enough to compress well and keep HDF5's chunk index
  // small, small enough that a file of ten runs is not mostly padding.
  static constexpr std::size_t kTargetChunkBytes = 256 * 1024;
  static constexpr int kDeflateLevel = 1;

  ChunkedColumn() = default;
  // With a pipeline, full chunks go to it (compressed there, written in submission order);
  // without one, each chunk is compressed and written at once.
  ChunkedColumn(hid_t parent, const std::string& name, ColumnLayout layout,
                ChunkPipeline* pipeline = nullptr);
  ChunkedColumn(ChunkedColumn&&) noexcept = default;
  ChunkedColumn& operator=(ChunkedColumn&&) noexcept = default;

  // Appends `count` rows of row_elements() elements each, little-endian, contiguous.
  void append(const void* rows, hsize_t count = 1);
  // Appends rows filled with the fill value (a failed run that recorded nothing).
  void append_fill(hsize_t count = 1);
  // Writes the last, partial chunk and sets the dataset's final extent. Appending afterwards is a
  // logic error.
  void finish();

  hid_t id() const { return dataset_.id(); }
  bool valid() const { return dataset_.valid(); }
  hsize_t rows() const { return rows_; }
  hsize_t row_elements() const { return row_elements_; }
  hsize_t rows_per_chunk() const { return rows_per_chunk_; }
  const ColumnLayout& layout() const { return layout_; }
  void reset() { dataset_.reset(); }
  // Its chunks also go to the pipeline's sink as column `tag` (io/run_columns.hpp); -1: not.
  void set_sink_tag(std::int32_t tag) { sink_tag_ = tag; }

 private:
  void flush_chunk();
  std::byte* chunk_rows();  // the chunk being filled, taken from the pipeline on first use
  // Writes `elements` elements from element `first` of the chunk: from `in`, or the fill value.
  void put_elements(std::size_t first, const std::byte* in, std::size_t elements);
  void fill_elements_from(std::size_t first, std::size_t elements);
  // The chunk is held in shuffled order: the column is compressed and its elements have bytes
  // to shuffle.
  bool shuffled() const { return layout_.compress && layout_.element_size > 1; }

  h5::Handle dataset_;
  ColumnLayout layout_;
  hsize_t row_elements_ = 1;
  hsize_t rows_per_chunk_ = 1;
  hsize_t rows_ = 0;      // rows appended
  hsize_t buffered_ = 0;  // rows in chunk_ not yet written
  hsize_t chunks_written_ = 0;
  std::size_t chunk_bytes_ = 0;     // rows_per_chunk rows
  std::size_t chunk_elements_ = 0;  // rows_per_chunk * row_elements
  // Taken when the first row of a chunk arrives, not when the column is made: a file has some 80
  // columns, and a buffer per column made at once was 20 MB of page faults before the first run.
  ChunkBuffer chunk_;
  ChunkBuffer packed_;  // deflate's output, when written at once
  ChunkPipeline* pipeline_ = nullptr;
  std::int32_t sink_tag_ = -1;
  bool finished_ = false;
};

}  // namespace regiesim::io
