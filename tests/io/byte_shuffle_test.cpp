// byte_shuffle_into over a whole buffer is HDF5's shuffle filter: byte j of element i at
// j * elements + i. The vector path is checked against that definition, byte by byte, for every
// element size the results file uses and for counts that leave a partial block of sixteen (a
// series chunk holds 62 x 521 = 32,302).
#include "io/byte_shuffle.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <vector>

namespace regiesim::io {
namespace {

std::vector<std::byte> by_definition(const std::vector<std::byte>& in, std::size_t elements,
                                     std::size_t size) {
  std::vector<std::byte> out(in.size());
  for (std::size_t i = 0; i < elements; ++i)
    for (std::size_t j = 0; j < size; ++j) out[j * elements + i] = in[i * size + j];
  return out;
}

std::vector<std::byte> distinct_bytes(std::size_t count) {
  // A byte pattern that differs between neighbouring positions and between planes, so a byte in
  // the wrong place shows.
  std::vector<std::byte> bytes(count);
  std::uint32_t state = 2463534242u;
  for (auto& b : bytes) {
    state ^= state << 13;
    state ^= state >> 17;
    state ^= state << 5;
    b = static_cast<std::byte>(state);
  }
  return bytes;
}

TEST(ByteShuffle, EqualsHdf5sDefinitionForEverySizeAndPartialBlock) {
  for (std::size_t size : {1u, 2u, 3u, 4u, 8u}) {
    for (std::size_t elements : {0u, 1u, 15u, 16u, 17u, 31u, 32u, 100u, 32302u, 32768u}) {
      const auto in = distinct_bytes(elements * size);
      std::vector<std::byte> out(in.size(), std::byte{0});
      byte_shuffle_into(in.data(), out.data(), elements, size, elements);
      EXPECT_EQ(out, by_definition(in, elements, size))
          << "element size " << size << ", " << elements << " elements";
    }
  }
}

TEST(ByteShuffle, SixteenDoublesGoToEightPlanesOfSixteenBytes) {
  // Element i's byte j is (i << 3 | j): plane j must read j, 8 + j, 16 + j, ... in order.
  std::vector<std::byte> in(16 * 8);
  for (std::size_t i = 0; i < 16; ++i)
    for (std::size_t j = 0; j < 8; ++j) in[i * 8 + j] = static_cast<std::byte>(i << 3 | j);
  std::vector<std::byte> out(in.size());
  byte_shuffle_into(in.data(), out.data(), 16, 8, 16);
  for (std::size_t j = 0; j < 8; ++j)
    for (std::size_t i = 0; i < 16; ++i)
      ASSERT_EQ(static_cast<int>(out[j * 16 + i]), static_cast<int>(i << 3 | j))
          << "plane " << j << ", element " << i;
}

// The AVX2 path (32 elements a step, chosen at run time) gives the bytes of the SSE2 path (16)
// and of the byte-by-byte loop, for every element size and for counts that leave a partial block
// of 32 or of 16, into a chunk's planes at a stride larger than the elements too.
TEST(ByteShuffle, TheAvx2Sse2AndScalarPathsGiveTheSameBytes) {
  if (!byte_shuffle_has_avx2()) GTEST_SKIP() << "this processor has no AVX2";
  for (std::size_t size : {1u, 2u, 4u, 8u}) {
    for (std::size_t elements : {1u, 15u, 17u, 31u, 33u, 47u, 63u, 65u, 1001u, 32303u}) {
      const std::size_t stride = elements + 7;
      const auto in = distinct_bytes(elements * size);
      std::vector<std::vector<std::byte>> outs;
      for (ShufflePath path : {ShufflePath::avx2, ShufflePath::sse2, ShufflePath::scalar}) {
        std::vector<std::byte> out(size * stride, std::byte{0x5a});
        byte_shuffle_into(in.data(), out.data(), elements, size, stride, path);
        outs.push_back(std::move(out));
      }
      EXPECT_EQ(outs[0], outs[1]) << "AVX2 against SSE2: element size " << size << ", " << elements;
      EXPECT_EQ(outs[0], outs[2]) << "AVX2 against scalar: element size " << size << ", "
                                  << elements;
    }
  }
}

// A chunk kept in shuffled form grows by segments: each segment's bytes go to their planes at
// the chunk's stride, and the segments together equal the whole chunk shuffled at once.
TEST(ByteShuffle, SegmentsShuffledIntoAChunkEqualTheChunkShuffledAtOnce) {
  for (std::size_t size : {1u, 2u, 3u, 4u, 8u}) {
    const std::size_t chunk = 1000;
    const auto in = distinct_bytes(chunk * size);
    std::vector<std::byte> out(in.size(), std::byte{0});
    std::size_t first = 0;
    for (std::size_t segment : {1u, 17u, 0u, 521u, 16u, 445u}) {
      byte_shuffle_into(in.data() + first * size, out.data() + first, segment, size, chunk);
      first += segment;
    }
    ASSERT_EQ(first, chunk);
    EXPECT_EQ(out, by_definition(in, chunk, size)) << "element size " << size;
  }
}

}  // namespace
}  // namespace regiesim::io
