#include "io/byte_shuffle.hpp"

#include <cstring>

#if defined(__x86_64__)
#include <immintrin.h>
#elif defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace regiesim::io {

namespace {

template <std::size_t Size>
void shuffle_scalar(const std::byte* in, std::byte* out, std::size_t elements, std::size_t stride,
                    std::size_t from) {
  for (std::size_t i = from; i < elements; ++i)
    for (std::size_t j = 0; j < Size; ++j) out[j * stride + i] = in[i * Size + j];
}

#if defined(__SSE2__)
// Sixteen elements at a time, as a transpose of their 16 x Size bytes in Size vector registers.
// One round of unpacklo/unpackhi over the register pairs (k, k + Size/2) interleaves the first
// half of the block's bytes with the second: the byte at position p moves to p rotated left by
// one bit. Position p = 16-element index i (4 bits) then byte j (log2 Size bits), so four rounds
// rotate it to j then i: register j then holds byte j of the sixteen elements, the 16 bytes that
// go to out[j * elements + block]. Twice as fast as the byte-by-byte loop on a 256 KiB chunk of
// doubles already in cache (70 against 141 us); in the writer, where a chunk's bytes arrive from
// memory, the pass is bound by the loads and the whole process did not get measurably faster
// (issue 13). SSE2 is part of every x86-64 CPU.
template <std::size_t Size>
void shuffle_vector(const std::byte* in, std::byte* out, std::size_t elements, std::size_t stride) {
  static_assert(Size == 2 || Size == 4 || Size == 8);
  constexpr std::size_t kHalf = Size / 2;
  const std::size_t blocks = elements / 16;
  for (std::size_t block = 0; block < blocks; ++block) {
    __m128i r[Size];
    __m128i s[Size];
    const std::byte* from = in + block * 16 * Size;
    for (std::size_t k = 0; k < Size; ++k)
      r[k] = _mm_loadu_si128(reinterpret_cast<const __m128i*>(from + 16 * k));
    for (int round = 0; round < 4; ++round) {
      for (std::size_t k = 0; k < kHalf; ++k) {
        s[2 * k] = _mm_unpacklo_epi8(r[k], r[k + kHalf]);
        s[2 * k + 1] = _mm_unpackhi_epi8(r[k], r[k + kHalf]);
      }
      for (std::size_t k = 0; k < Size; ++k) r[k] = s[k];
    }
    for (std::size_t j = 0; j < Size; ++j)
      _mm_storeu_si128(reinterpret_cast<__m128i*>(out + j * stride + block * 16), r[j]);
  }
  shuffle_scalar<Size>(in, out, elements, stride, blocks * 16);
}
#else
template <std::size_t Size>
void shuffle_vector(const std::byte* in, std::byte* out, std::size_t elements, std::size_t stride) {
  shuffle_scalar<Size>(in, out, elements, stride, 0);
}
#endif

#if defined(__x86_64__)
// Thirty-two elements at a time: the SSE2 transpose on two blocks of sixteen side by side, one in
// each 128-bit lane (AVX2's unpacks work within lanes). Register k holds bytes 16k .. 16k + 15 of
// the first block in its low lane and of the second in its high lane, so after the four rounds
// register j holds byte j of the first sixteen elements, then of the next sixteen: the 32 bytes
// that go to out[j * stride + block]. The same bytes as shuffle_vector, half the instructions a
// byte. The rest (fewer than 32) goes the SSE2 way.
template <std::size_t Size>
__attribute__((target("avx2"))) void shuffle_avx2(const std::byte* in, std::byte* out,
                                                  std::size_t elements, std::size_t stride) {
  static_assert(Size == 2 || Size == 4 || Size == 8);
  constexpr std::size_t kHalf = Size / 2;
  const std::size_t blocks = elements / 32;
  for (std::size_t block = 0; block < blocks; ++block) {
    __m256i r[Size];
    __m256i s[Size];
    const std::byte* from = in + block * 32 * Size;
    for (std::size_t k = 0; k < Size; ++k) {
      const __m128i low = _mm_loadu_si128(reinterpret_cast<const __m128i*>(from + 16 * k));
      const __m128i high =
          _mm_loadu_si128(reinterpret_cast<const __m128i*>(from + 16 * Size + 16 * k));
      r[k] = _mm256_inserti128_si256(_mm256_castsi128_si256(low), high, 1);
    }
    for (int round = 0; round < 4; ++round) {
      for (std::size_t k = 0; k < kHalf; ++k) {
        s[2 * k] = _mm256_unpacklo_epi8(r[k], r[k + kHalf]);
        s[2 * k + 1] = _mm256_unpackhi_epi8(r[k], r[k + kHalf]);
      }
      for (std::size_t k = 0; k < Size; ++k) r[k] = s[k];
    }
    for (std::size_t j = 0; j < Size; ++j)
      _mm256_storeu_si256(reinterpret_cast<__m256i*>(out + j * stride + block * 32), r[j]);
  }
  shuffle_vector<Size>(in + blocks * 32 * Size, out + blocks * 32, elements - blocks * 32, stride);
}

bool has_avx2() {
  static const bool yes = __builtin_cpu_supports("avx2");
  return yes;
}
#else
bool has_avx2() {
  return false;
}
#endif

template <std::size_t Size>
void shuffle(const std::byte* in, std::byte* out, std::size_t elements, std::size_t stride,
             ShufflePath path) {
  switch (path) {
    case ShufflePath::scalar:
      return shuffle_scalar<Size>(in, out, elements, stride, 0);
    case ShufflePath::sse2:
      return shuffle_vector<Size>(in, out, elements, stride);
    default:
#if defined(__x86_64__)
      if (has_avx2()) return shuffle_avx2<Size>(in, out, elements, stride);
#endif
      return shuffle_vector<Size>(in, out, elements, stride);
  }
}

}  // namespace

bool byte_shuffle_has_avx2() {
  return has_avx2();
}

void byte_shuffle_into(const std::byte* in, std::byte* out, std::size_t elements,
                       std::size_t element_size, std::size_t plane_stride, ShufflePath path) {
  switch (element_size) {
    case 1:
      if (elements > 0) std::memcpy(out, in, elements);
      return;
    case 2:
      return shuffle<2>(in, out, elements, plane_stride, path);
    case 4:
      return shuffle<4>(in, out, elements, plane_stride, path);
    case 8:
      return shuffle<8>(in, out, elements, plane_stride, path);
    default:
      for (std::size_t i = 0; i < elements; ++i)
        for (std::size_t j = 0; j < element_size; ++j)
          out[j * plane_stride + i] = in[i * element_size + j];
  }
}

}  // namespace regiesim::io
