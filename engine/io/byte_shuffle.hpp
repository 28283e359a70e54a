#pragma once
// HDF5's shuffle filter (H5Z_FILTER_SHUFFLE), done here because the writer compresses chunks
// itself and hands HDF5 the finished bytes (H5Dwrite_chunk).
#include <cstddef>

namespace regiesim::io {

// Byte j of element i goes to out[j * plane_stride + i], so the bytes of equal significance of
// neighbouring values lie together and deflate finds their repeats. With plane_stride ==
// elements this is the filter on a whole buffer; with `out` at element k of a chunk of
// plane_stride elements, it appends elements to a chunk kept in shuffled form (ChunkedColumn).
// `in` holds elements * element_size bytes, `out` reaches (element_size - 1) * plane_stride +
// elements bytes; they do not overlap.
void byte_shuffle_into(const std::byte* in, std::byte* out, std::size_t elements,
                       std::size_t element_size, std::size_t plane_stride);

}  // namespace regiesim::io
