#include "random/first_draws.hpp"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace regiesim::random {

namespace {

double scalar_first_uniform01(RunSeed seed, std::uint32_t step, Purpose purpose,
                              std::uint32_t subject, std::uint32_t object) {
  return RandomStream(seed, step, purpose, subject, object).uniform01();
}

#if defined(__SSE2__)
// Philox4x32-10 (Salmon et al. 2011, as Random123's philox4x32 computes it) on four counters at
// once, one counter word per register lane; SSE2 is part of every x86-64. The constants are
// Random123's.
constexpr std::uint32_t kMultiplier0 = 0xD2511F53u;
constexpr std::uint32_t kMultiplier1 = 0xCD9E8D57u;
constexpr std::uint32_t kWeyl0 = 0x9E3779B9u;
constexpr std::uint32_t kWeyl1 = 0xBB67AE85u;

// The low and high 32 bits of x * m in each lane (SSE2 multiplies lanes 0 and 2 only, so the odd
// lanes are shifted down and multiplied apart).
inline void multiply_high_low(__m128i x, __m128i m, __m128i& high, __m128i& low) {
  const __m128i low_half = _mm_set_epi32(0, -1, 0, -1);
  const __m128i even = _mm_mul_epu32(x, m);
  const __m128i odd = _mm_mul_epu32(_mm_srli_epi64(x, 32), m);
  low = _mm_or_si128(_mm_and_si128(even, low_half), _mm_slli_epi64(odd, 32));
  high = _mm_or_si128(_mm_srli_epi64(even, 32), _mm_andnot_si128(low_half, odd));
}

// The first 64 bits of block 0 of four streams, as uniform01 turns them into doubles.
inline void four_first_uniform01(RunSeed seed, std::uint32_t step, std::uint32_t purpose_word,
                                 const std::uint32_t* subjects, const std::uint32_t* objects,
                                 double* out) {
  const __m128i m0 = _mm_set1_epi32(static_cast<int>(kMultiplier0));
  const __m128i m1 = _mm_set1_epi32(static_cast<int>(kMultiplier1));
  std::uint32_t key0 = static_cast<std::uint32_t>(seed.value);
  std::uint32_t key1 = static_cast<std::uint32_t>(seed.value >> 32);
  __m128i c0 = _mm_set1_epi32(static_cast<int>(step));
  __m128i c1 = _mm_set1_epi32(static_cast<int>(purpose_word));
  __m128i c2 = _mm_loadu_si128(reinterpret_cast<const __m128i*>(subjects));
  __m128i c3 = _mm_loadu_si128(reinterpret_cast<const __m128i*>(objects));
  for (int round = 0; round < 10; ++round) {
    if (round > 0) {
      key0 += kWeyl0;
      key1 += kWeyl1;
    }
    __m128i high0, low0, high1, low1;
    multiply_high_low(c0, m0, high0, low0);
    multiply_high_low(c2, m1, high1, low1);
    const __m128i k0 = _mm_set1_epi32(static_cast<int>(key0));
    const __m128i k1 = _mm_set1_epi32(static_cast<int>(key1));
    c0 = _mm_xor_si128(_mm_xor_si128(high1, c1), k0);
    c1 = low1;
    c2 = _mm_xor_si128(_mm_xor_si128(high0, c3), k1);
    c3 = low0;
  }
  alignas(16) std::uint32_t word0[4];
  alignas(16) std::uint32_t word1[4];
  _mm_store_si128(reinterpret_cast<__m128i*>(word0), c0);
  _mm_store_si128(reinterpret_cast<__m128i*>(word1), c1);
  for (int lane = 0; lane < 4; ++lane) {
    const std::uint64_t bits = (static_cast<std::uint64_t>(word1[lane]) << 32) | word0[lane];
    out[lane] = static_cast<double>(bits >> 11) * 0x1.0p-53;
  }
}
#endif

}  // namespace

void first_uniform01(RunSeed seed, std::uint32_t step, Purpose purpose,
                     const std::uint32_t* subjects, const std::uint32_t* objects, std::size_t count,
                     double* out) {
  std::size_t k = 0;
#if defined(__SSE2__)
  // Block 0 of each stream: the counter's second word holds the purpose above a block number of 0.
  const std::uint32_t purpose_word = static_cast<std::uint32_t>(purpose)
                                     << RandomStream::kBlockBits;
  for (; k + 4 <= count; k += 4)
    four_first_uniform01(seed, step, purpose_word, subjects + k, objects + k, out + k);
#endif
  for (; k < count; ++k)
    out[k] = scalar_first_uniform01(seed, step, purpose, subjects[k], objects[k]);
}

}  // namespace regiesim::random
