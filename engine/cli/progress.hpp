#pragma once
// Progress of long work on stderr: a bar with runs per second and ETA on a terminal, redrawn at
// most ten times a second; plain lines at most every ten seconds (and one at the end) when stderr
// is not a terminal.
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <string>

namespace regiesim::cli {

class Progress {
 public:
  Progress(std::string what, std::int64_t total, std::FILE* out = stderr);
  void update(std::int64_t done);
  void finish();  // final state; idempotent
  // The total may grow while work is added (a sweep's --precision blocks).
  void set_total(std::int64_t total) { total_ = total; }
  std::int64_t total() const { return total_; }

 private:
  using Clock = std::chrono::steady_clock;
  void draw(std::int64_t done, bool final);

  std::string what_;
  std::int64_t total_;
  std::FILE* out_;
  bool terminal_;
  bool finished_ = false;
  std::int64_t done_ = 0;
  Clock::time_point start_;
  Clock::time_point last_draw_;
};

// "1:05", "12.3 s", "2:03:04": durations as people read them.
std::string format_duration(double seconds);

}  // namespace regiesim::cli
