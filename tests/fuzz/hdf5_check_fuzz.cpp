// The checks `inspect` runs on an untrusted file before HDF5 reads any of it (design decision 14):
// bytes in, the superblock's facts or io::UnreadableFile out, never a crash or a read outside
// the file. The input is written to a file because the checks read a path, as inspect does.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <string>

#include "io/hdf5_file_check.hpp"
#include "io/results_reader.hpp"

namespace {

std::filesystem::path scratch_file() {
  const std::filesystem::path shm = "/dev/shm";
  const auto dir =
      std::filesystem::is_directory(shm) ? shm : std::filesystem::temp_directory_path();
  return dir / ("regiesim_fuzz_hdf5_" + std::to_string(::getpid()) + ".h5");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const std::filesystem::path path = scratch_file();
  std::FILE* file = std::fopen(path.c_str(), "wb");
  if (!file) return 0;
  if (size > 0) std::fwrite(data, 1, size, file);
  std::fclose(file);
  try {
    const auto facts = regiesim::io::check_hdf5_file(path);
    // Passing the checks means the file reaches its stated end.
    if (facts.file_size < facts.base_address) __builtin_trap();
  } catch (const regiesim::io::UnreadableFile&) {
  }
  return 0;
}
