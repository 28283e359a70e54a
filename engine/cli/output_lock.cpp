#include "cli/output_lock.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>

#include "cli/command.hpp"
#include "io/results_writer.hpp"

namespace regiesim::cli {

OutputLock::OutputLock(const std::filesystem::path& output) : path_(output.string() + ".lock") {
  fd_ = ::open(path_.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd_ < 0) {
    const std::filesystem::path directory =
        output.has_parent_path() ? output.parent_path() : std::filesystem::path(".");
    throw io::OutputError(fmt::format("{}: cannot write in {}: {}", output.string(),
                                      directory.string(), std::strerror(errno)));
  }
  if (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
    const int error = errno;
    char holder[32] = {};
    const ssize_t n = ::pread(fd_, holder, sizeof holder - 1, 0);
    ::close(fd_);
    fd_ = -1;
    if (error != EWOULDBLOCK)
      throw io::OutputError(fmt::format("{}: cannot lock {}: {}", output.string(), path_.string(),
                                        std::strerror(error)));
    std::string pid(holder, n > 0 ? static_cast<std::size_t>(n) : 0);
    while (!pid.empty() && (pid.back() == '\n' || pid.back() == ' ')) pid.pop_back();
    throw UsageError(fmt::format(
        "{} is being written by another regiesim (process {}, holding {}); wait for it, or "
        "choose another -o",
        output.string(), pid.empty() ? "unknown" : pid, path_.string()));
  }
  const std::string pid = fmt::format("{}\n", ::getpid());
  if (::ftruncate(fd_, 0) == 0) {
    [[maybe_unused]] const ssize_t written = ::pwrite(fd_, pid.data(), pid.size(), 0);
  }
}

OutputLock::~OutputLock() {
  if (fd_ < 0) return;
  // Removed while still held, so nobody can lock the old file after we let go of it.
  ::unlink(path_.c_str());
  ::close(fd_);
}

}  // namespace regiesim::cli
