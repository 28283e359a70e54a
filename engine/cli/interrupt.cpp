#include "cli/interrupt.hpp"

#include <fmt/format.h>

#include <atomic>
#include <cstring>

namespace regiesim::cli {

namespace {

std::atomic<int> received{0};

extern "C" void record_signal(int signal_number) {
  received.store(signal_number);
}

}  // namespace

Interrupted::Interrupted(int signal_number)
    : std::runtime_error(fmt::format("interrupted by {}", signal_number == SIGINT    ? "SIGINT"
                                                          : signal_number == SIGTERM ? "SIGTERM"
                                                                                     : "a signal")),
      signal_(signal_number) {}

InterruptGuard::InterruptGuard() {
  received.store(0);
  struct sigaction action {};
  action.sa_handler = record_signal;
  sigemptyset(&action.sa_mask);
  sigaction(SIGINT, &action, &previous_int_);
  sigaction(SIGTERM, &action, &previous_term_);
}

InterruptGuard::~InterruptGuard() {
  sigaction(SIGINT, &previous_int_, nullptr);
  sigaction(SIGTERM, &previous_term_, nullptr);
}

void InterruptGuard::check() {
  if (const int s = received.load(); s != 0) throw Interrupted(s);
}

}  // namespace regiesim::cli
