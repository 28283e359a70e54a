#include "cli/progress.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <cmath>

namespace regiesim::cli {

std::string format_duration(double seconds) {
  if (!std::isfinite(seconds) || seconds < 0) return "?";
  if (seconds < 60) return fmt::format("{:.1f} s", seconds);
  const auto total = static_cast<long long>(seconds + 0.5);
  if (total < 3600) return fmt::format("{}:{:02}", total / 60, total % 60);
  return fmt::format("{}:{:02}:{:02}", total / 3600, (total / 60) % 60, total % 60);
}

Progress::Progress(std::string what, std::int64_t total, std::FILE* out)
    : what_(std::move(what)),
      total_(total),
      out_(out),
      terminal_(isatty(fileno(out)) != 0),
      start_(Clock::now()),
      last_draw_(start_) {}

void Progress::update(std::int64_t done) {
  done_ = done;
  const auto now = Clock::now();
  const auto interval = terminal_ ? std::chrono::milliseconds(100) : std::chrono::seconds(10);
  if (now - last_draw_ < interval) return;
  last_draw_ = now;
  draw(done, false);
}

void Progress::finish() {
  if (finished_) return;
  finished_ = true;
  draw(done_, true);
}

void Progress::draw(std::int64_t done, bool final) {
  const double elapsed = std::chrono::duration<double>(Clock::now() - start_).count();
  const double fraction = total_ > 0 ? static_cast<double>(done) / static_cast<double>(total_) : 1;
  const double eta = done > 0 ? elapsed * (1.0 - fraction) / fraction : NAN;
  const std::string rate =
      elapsed > 0 ? fmt::format(", {:.1f} runs/s", static_cast<double>(done) / elapsed) : "";
  if (terminal_) {
    constexpr int width = 30;
    const int filled = static_cast<int>(fraction * width);
    fmt::print(out_, "\r{} [{}{}] {}/{} {:3.0f}%  {} elapsed{}{}{}", what_,
               std::string(filled, '#'), std::string(width - filled, ' '), done, total_,
               100 * fraction, format_duration(elapsed), rate,
               final ? "" : ", ETA " + format_duration(eta), final ? "\n" : "   ");
  } else {
    fmt::print(out_, "{}: {}/{} ({:.0f}%), {} elapsed{}{}\n", what_, done, total_, 100 * fraction,
               format_duration(elapsed), rate, final ? "" : ", ETA " + format_duration(eta));
  }
  std::fflush(out_);
}

}  // namespace regiesim::cli
