#pragma once
// Ctrl-C (SIGINT) and SIGTERM stop a command cleanly: while an InterruptGuard lives, the signal
// only sets a flag; the command checks it between runs and throws Interrupted, which unwinds
// through the results writer (its partial file is removed) and the output lock; main() exits
// with 128 + the signal's number (130, 143), as shells expect.
#include <csignal>
#include <stdexcept>

namespace regiesim::cli {

class Interrupted : public std::runtime_error {
 public:
  explicit Interrupted(int signal_number);
  int signal_number() const { return signal_; }
  int exit_status() const { return 128 + signal_; }

 private:
  int signal_;
};

class InterruptGuard {
 public:
  InterruptGuard();   // installs the handlers
  ~InterruptGuard();  // restores the previous ones
  InterruptGuard(const InterruptGuard&) = delete;
  InterruptGuard& operator=(const InterruptGuard&) = delete;

  // Throws Interrupted if a signal arrived since the guard was installed. Any thread.
  static void check();

 private:
  struct sigaction previous_int_ {};
  struct sigaction previous_term_ {};
};

}  // namespace regiesim::cli
