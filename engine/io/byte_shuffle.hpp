#pragma once
// HDF5's shuffle filter (H5Z_FILTER_SHUFFLE), done here because the writer compresses chunks
// itself and hands HDF5 the finished bytes (H5Dwrite_chunk).
#include <cstddef>

namespace regiesim::io {

// Byte j of element i goes to out[j * elements + i], so the bytes of equal significance of
// neighbouring values lie together and deflate finds their repeats. `in` and `out` hold
// elements * element_size bytes each and do not overlap.
void byte_shuffle(const std::byte* in, std::byte* out, std::size_t elements,
                  std::size_t element_size);

// The same with planes `plane_stride` bytes apart (at least `elements`): byte j of element i goes
// to out[j * plane_stride + i]. With `out` at element k of a chunk of plane_stride elements, it
// appends elements to a chunk kept in shuffled form (ChunkedColumn).
void byte_shuffle_into(const std::byte* in, std::byte* out, std::size_t elements,
                       std::size_t element_size, std::size_t plane_stride);

}  // namespace regiesim::io
