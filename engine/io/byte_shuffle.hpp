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
//
// The instructions it uses: by default the widest the processor has (AVX2 when it has it, chosen
// at run time, else SSE2); a test names one to compare them. Every path gives the same bytes;
// `avx2` on a processor without it goes the SSE2 way.
enum class ShufflePath { best, avx2, sse2, scalar };
void byte_shuffle_into(const std::byte* in, std::byte* out, std::size_t elements,
                       std::size_t element_size, std::size_t plane_stride,
                       ShufflePath path = ShufflePath::best);
// Whether this processor runs the AVX2 path.
bool byte_shuffle_has_avx2();

}  // namespace regiesim::io
