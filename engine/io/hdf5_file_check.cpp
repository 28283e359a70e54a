#include "io/hdf5_file_check.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <vector>

#include "io/results_reader.hpp"

namespace regiesim::io {

namespace {

constexpr std::array<unsigned char, 8> kSignature{0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};

[[noreturn]] void refuse(const std::filesystem::path& path, std::string_view reason) {
  throw UnreadableFile(fmt::format("{}: {}", path.string(), reason));
}

// Little-endian unsigned integer of `size` bytes (HDF5 stores every address little-endian).
std::uint64_t little_endian(const unsigned char* bytes, int size) {
  std::uint64_t value = 0;
  for (int i = size - 1; i >= 0; --i) value = (value << 8) | bytes[i];
  return value;
}

bool is_undefined_address(const unsigned char* bytes, int size) {
  for (int i = 0; i < size; ++i)
    if (bytes[i] != 0xff) return false;
  return true;
}

std::uint32_t rotate(std::uint32_t x, int k) {
  return (x << k) | (x >> (32 - k));
}

}  // namespace

std::uint32_t lookup3_checksum(const unsigned char* k, std::size_t length, std::uint32_t initial) {
  std::uint32_t a = 0xdeadbeef + static_cast<std::uint32_t>(length) + initial;
  std::uint32_t b = a;
  std::uint32_t c = a;
  auto mix = [&] {
    a -= c, a ^= rotate(c, 4), c += b;
    b -= a, b ^= rotate(a, 6), a += c;
    c -= b, c ^= rotate(b, 8), b += a;
    a -= c, a ^= rotate(c, 16), c += b;
    b -= a, b ^= rotate(a, 19), a += c;
    c -= b, c ^= rotate(b, 4), b += a;
  };
  auto final_mix = [&] {
    c ^= b, c -= rotate(b, 14);
    a ^= c, a -= rotate(c, 11);
    b ^= a, b -= rotate(a, 25);
    c ^= b, c -= rotate(b, 16);
    a ^= c, a -= rotate(c, 4);
    b ^= a, b -= rotate(a, 14);
    c ^= b, c -= rotate(b, 24);
  };
  auto word = [](const unsigned char* p, std::size_t n) {
    std::uint32_t w = 0;
    for (std::size_t i = 0; i < n; ++i) w |= static_cast<std::uint32_t>(p[i]) << (8 * i);
    return w;
  };
  while (length > 12) {
    a += word(k, 4);
    b += word(k + 4, 4);
    c += word(k + 8, 4);
    mix();
    length -= 12;
    k += 12;
  }
  if (length == 0) return c;
  // The last 1..12 bytes, zero-padded (as lookup3's byte-wise switch does).
  a += word(k, std::min<std::size_t>(length, 4));
  if (length > 4) b += word(k + 4, std::min<std::size_t>(length - 4, 4));
  if (length > 8) c += word(k + 8, length - 8);
  final_mix();
  return c;
}

SuperblockFacts check_hdf5_file(const std::filesystem::path& path) {
  std::error_code ec;
  auto status = std::filesystem::status(path, ec);
  if (!std::filesystem::exists(status)) refuse(path, "no such file");
  if (std::filesystem::is_directory(status)) refuse(path, "is a directory");
  if (!std::filesystem::is_regular_file(status)) refuse(path, "not a regular file");

  SuperblockFacts facts;
  facts.file_size = std::filesystem::file_size(path, ec);
  if (ec) refuse(path, fmt::format("cannot read its size: {}", ec.message()));

  std::ifstream in(path, std::ios::binary);
  if (!in) refuse(path, fmt::format("cannot open: {}", std::strerror(errno)));
  // The largest superblock prefix we parse: v2/v3 with 8-byte addresses is 12 + 4 * 8 + 4 bytes.
  std::vector<unsigned char> head(64, 0);
  in.read(reinterpret_cast<char*>(head.data()), static_cast<std::streamsize>(head.size()));
  const auto have = static_cast<std::size_t>(in.gcount());

  if (have < kSignature.size() || std::memcmp(head.data(), kSignature.data(), 8) != 0)
    refuse(path, "not an HDF5 file (no HDF5 signature at offset 0)");
  auto need = [&](std::size_t bytes) {
    if (have < bytes) refuse(path, "truncated: the file ends inside the HDF5 superblock");
  };
  need(9);
  facts.version = head[8];

  std::size_t eof_at = 0;
  std::size_t base_at = 0;
  if (facts.version == 0 || facts.version == 1) {
    need(16);
    facts.offset_size = head[13];
    facts.length_size = head[14];
    base_at = facts.version == 0 ? 24 : 28;
  } else if (facts.version == 2 || facts.version == 3) {
    need(12);
    facts.offset_size = head[9];
    facts.length_size = head[10];
    base_at = 12;
  } else {
    refuse(path, fmt::format("unsupported HDF5 superblock version {} (this build reads 0 to 3)",
                             facts.version));
  }
  auto valid_size = [](int s) { return s == 2 || s == 4 || s == 8; };
  if (!valid_size(facts.offset_size) || !valid_size(facts.length_size))
    refuse(path, fmt::format("corrupt HDF5 superblock: sizes of offsets {} and lengths {}",
                             facts.offset_size, facts.length_size));
  const auto o = static_cast<std::size_t>(facts.offset_size);
  // v0/v1: base, free-space info, end of file, driver info; v2/v3: base, extension, end of file,
  // root object header, checksum.
  eof_at = base_at + 2 * o;
  need(eof_at + o);

  if (facts.version >= 2) {
    const std::size_t checksummed = base_at + 4 * o;
    need(checksummed + 4);
    const std::uint32_t stored =
        static_cast<std::uint32_t>(little_endian(head.data() + checksummed, 4));
    if (lookup3_checksum(head.data(), checksummed) != stored)
      refuse(path, "corrupt HDF5 superblock: its checksum does not match");
  }

  if (is_undefined_address(head.data() + base_at, facts.offset_size) ||
      is_undefined_address(head.data() + eof_at, facts.offset_size))
    refuse(path, "corrupt HDF5 superblock: undefined base or end-of-file address");
  facts.base_address = little_endian(head.data() + base_at, facts.offset_size);
  facts.end_of_file = little_endian(head.data() + eof_at, facts.offset_size);
  // A file may be longer than its end-of-file address says (HDF5 allows it), never shorter.
  const std::uint64_t expected = facts.base_address + facts.end_of_file;
  if (expected < facts.end_of_file || facts.file_size < expected)
    refuse(path, fmt::format("truncated: the superblock says {} bytes, the file has {}", expected,
                             facts.file_size));
  return facts;
}

}  // namespace regiesim::io
