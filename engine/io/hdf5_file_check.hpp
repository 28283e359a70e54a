#pragma once
// The checks an untrusted file must pass before HDF5 parses any of it (design decision 14):
// Debian's HDF5 1.10 can crash on a malformed file, so the cheap, certain checks come first, in
// plain C++: a regular file, the HDF5 signature at offset 0, a superblock whose version, field
// sizes and checksum (versions 2 and 3) are sound, and an end-of-file address the file actually
// reaches.
#include <cstdint>
#include <filesystem>

namespace regiesim::io {

struct SuperblockFacts {
  int version = 0;
  int offset_size = 0;  // bytes per file address
  int length_size = 0;  // bytes per object length
  std::uint64_t base_address = 0;
  std::uint64_t end_of_file = 0;  // relative to base_address, as the superblock states it
  std::uint64_t file_size = 0;    // as the file system reports it
};

// Throws io::UnreadableFile ("<path>: <reason>") when a check fails.
SuperblockFacts check_hdf5_file(const std::filesystem::path& path);

// Bob Jenkins' lookup3 hash as HDF5 uses it for its checksums (H5_checksum_lookup3).
std::uint32_t lookup3_checksum(const unsigned char* data, std::size_t length,
                               std::uint32_t initial = 0);

}  // namespace regiesim::io
