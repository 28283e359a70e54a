#include "random/first_draws.hpp"

#if defined(__x86_64__)
#include <immintrin.h>
#endif

namespace regiesim::random {

namespace {

double scalar_first_uniform01(RunSeed seed, std::uint32_t step, Purpose purpose,
                              std::uint32_t subject, std::uint32_t object) {
  return RandomStream(seed, step, purpose, subject, object).uniform01();
}

#if defined(__x86_64__)
// Philox4x32-10 (Salmon et al. 2011, as Random123's philox4x32 computes it) on sixteen counters at
// once, one counter word per AVX2 register lane, where the processor has AVX2 (chosen at run
// time); elsewhere each stream is drawn alone. The constants are Random123's.
constexpr std::uint32_t kMultiplier0 = 0xD2511F53u;
constexpr std::uint32_t kMultiplier1 = 0xCD9E8D57u;
constexpr std::uint32_t kWeyl0 = 0x9E3779B9u;
constexpr std::uint32_t kWeyl1 = 0xBB67AE85u;

// The low and high 32 bits of x * m in each lane (the multiplication takes the even lanes only,
// so the odd lanes are shifted down and multiplied apart).
__attribute__((target("avx2"))) inline void avx2_multiply_high_low(__m256i x, __m256i m,
                                                                   __m256i& high, __m256i& low) {
  const __m256i low_half = _mm256_set1_epi64x(0xFFFFFFFF);
  const __m256i even = _mm256_mul_epu32(x, m);
  const __m256i odd = _mm256_mul_epu32(_mm256_srli_epi64(x, 32), m);
  low = _mm256_or_si256(_mm256_and_si256(even, low_half), _mm256_slli_epi64(odd, 32));
  high = _mm256_or_si256(_mm256_srli_epi64(even, 32), _mm256_andnot_si256(low_half, odd));
}

// Two chains of eight lanes: each round is a chain of dependent multiplications, and two
// independent chains keep the multiplier busy while the other waits (a loop of 4M first draws:
// 11.7 ns a draw scalar, 9.5 ns in one chain of four SSE2 lanes, 4.5 ns here).
__attribute__((target("avx2"))) void sixteen_first_uniform01(RunSeed seed, std::uint32_t step,
                                                             std::uint32_t purpose_word,
                                                             const std::uint32_t* subjects,
                                                             const std::uint32_t* objects,
                                                             double* out) {
  const __m256i m0 = _mm256_set1_epi32(static_cast<int>(kMultiplier0));
  const __m256i m1 = _mm256_set1_epi32(static_cast<int>(kMultiplier1));
  std::uint32_t key0 = static_cast<std::uint32_t>(seed.value);
  std::uint32_t key1 = static_cast<std::uint32_t>(seed.value >> 32);
  __m256i a0 = _mm256_set1_epi32(static_cast<int>(step));
  __m256i a1 = _mm256_set1_epi32(static_cast<int>(purpose_word));
  __m256i a2 = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(subjects));
  __m256i a3 = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(objects));
  __m256i b0 = a0;
  __m256i b1 = a1;
  __m256i b2 = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(subjects + 8));
  __m256i b3 = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(objects + 8));
  for (int round = 0; round < 10; ++round) {
    if (round > 0) {
      key0 += kWeyl0;
      key1 += kWeyl1;
    }
    const __m256i k0 = _mm256_set1_epi32(static_cast<int>(key0));
    const __m256i k1 = _mm256_set1_epi32(static_cast<int>(key1));
    __m256i a_high0, a_low0, a_high1, a_low1, b_high0, b_low0, b_high1, b_low1;
    avx2_multiply_high_low(a0, m0, a_high0, a_low0);
    avx2_multiply_high_low(b0, m0, b_high0, b_low0);
    avx2_multiply_high_low(a2, m1, a_high1, a_low1);
    avx2_multiply_high_low(b2, m1, b_high1, b_low1);
    a0 = _mm256_xor_si256(_mm256_xor_si256(a_high1, a1), k0);
    b0 = _mm256_xor_si256(_mm256_xor_si256(b_high1, b1), k0);
    a1 = a_low1;
    b1 = b_low1;
    a2 = _mm256_xor_si256(_mm256_xor_si256(a_high0, a3), k1);
    b2 = _mm256_xor_si256(_mm256_xor_si256(b_high0, b3), k1);
    a3 = a_low0;
    b3 = b_low0;
  }
  alignas(32) std::uint32_t word0[16];
  alignas(32) std::uint32_t word1[16];
  _mm256_store_si256(reinterpret_cast<__m256i*>(word0), a0);
  _mm256_store_si256(reinterpret_cast<__m256i*>(word0 + 8), b0);
  _mm256_store_si256(reinterpret_cast<__m256i*>(word1), a1);
  _mm256_store_si256(reinterpret_cast<__m256i*>(word1 + 8), b1);
  for (int lane = 0; lane < 16; ++lane) {
    const std::uint64_t bits = (static_cast<std::uint64_t>(word1[lane]) << 32) | word0[lane];
    out[lane] = static_cast<double>(bits >> 11) * 0x1.0p-53;
  }
}

bool has_avx2() {
  static const bool yes = __builtin_cpu_supports("avx2");
  return yes;
}
#endif

}  // namespace

void first_uniform01(RunSeed seed, std::uint32_t step, Purpose purpose,
                     const std::uint32_t* subjects, const std::uint32_t* objects, std::size_t count,
                     double* out) {
  std::size_t k = 0;
#if defined(__x86_64__)
  // Block 0 of each stream: the counter's second word holds the purpose above a block number of 0.
  const std::uint32_t purpose_word = static_cast<std::uint32_t>(purpose)
                                     << RandomStream::kBlockBits;
  if (has_avx2())
    for (; k + 16 <= count; k += 16)
      sixteen_first_uniform01(seed, step, purpose_word, subjects + k, objects + k, out + k);
#endif
  for (; k < count; ++k)
    out[k] = scalar_first_uniform01(seed, step, purpose, subjects[k], objects[k]);
}

}  // namespace regiesim::random

namespace regiesim::random {

void FirstDrawBatch::draw(RunSeed seed, std::uint32_t step, Purpose purpose) {
  first_uniform01(seed, step, purpose, subjects_.data(), objects_.data(), size_, uniforms_.data());
}

}  // namespace regiesim::random
