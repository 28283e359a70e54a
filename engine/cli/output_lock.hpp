#pragma once
// One writer per output file. `regiesim run -o FILE.h5` holds an advisory lock (flock) on
// FILE.h5.lock while it writes FILE.h5.partial, so a second process given the same -o stops at
// once with exit 2 and the lock holder's process id, instead of both truncating one partial file
// (HDF5's own file lock would only fail one of them deep inside the write). The lock is released
// when the process ends, however it ends, so a stale lock file never blocks anyone.
#include <filesystem>

namespace regiesim::cli {

class OutputLock {
 public:
  // Throws UsageError (exit 2) naming the lock file and the holder's process id if another
  // process holds the lock; io::OutputError (exit 1) if the lock file cannot be created (a
  // directory without write permission, a read-only file system).
  explicit OutputLock(const std::filesystem::path& output);
  ~OutputLock();
  OutputLock(const OutputLock&) = delete;
  OutputLock& operator=(const OutputLock&) = delete;

  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
  int fd_ = -1;
};

}  // namespace regiesim::cli
