#pragma once
// Runs a command line through the shell, as a user would, and captures its exit status, stdout
// and stderr. For end-to-end tests of the CLI.
#include <sys/wait.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace regiesim::testing {

struct ProcessResult {
  int status = -1;  // exit status, or -1 if the process did not exit normally (a crash)
  std::string out;
  std::string err;
};

inline std::string slurp(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

inline ProcessResult run_process(const std::string& command) {
  static int counter = 0;
  const auto dir = std::filesystem::temp_directory_path();
  const auto stem = "regiesim_test_" + std::to_string(::getpid()) + "_" + std::to_string(counter++);
  const auto out = dir / (stem + ".out");
  const auto err = dir / (stem + ".err");
  const std::string full = command + " </dev/null >'" + out.string() + "' 2>'" + err.string() + "'";
  const int raw = std::system(full.c_str());
  ProcessResult r;
  r.status = (raw != -1 && WIFEXITED(raw)) ? WEXITSTATUS(raw) : -1;
  r.out = slurp(out);
  r.err = slurp(err);
  std::filesystem::remove(out);
  std::filesystem::remove(err);
  return r;
}

// A fresh empty directory under the system's temporary directory, removed by the destructor.
class TempDir {
 public:
  TempDir() {
    static int counter = 0;
    path_ = std::filesystem::temp_directory_path() /
            ("regiesim_dir_" + std::to_string(::getpid()) + "_" + std::to_string(counter++));
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  ~TempDir() { std::filesystem::remove_all(path_); }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }
  std::string operator/(const std::string& name) const { return (path_ / name).string(); }

 private:
  std::filesystem::path path_;
};

inline const std::string kBinary = REGIESIM_BINARY;
inline const std::string kSourceDir = REGIESIM_SOURCE_DIR;

}  // namespace regiesim::testing
