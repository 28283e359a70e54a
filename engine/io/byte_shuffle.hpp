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

}  // namespace regiesim::io
