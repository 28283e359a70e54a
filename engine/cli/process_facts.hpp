#pragma once
// What a results file's /provenance says about the process that wrote it (design decision 1):
// shared by `run` and `sweep`.
#include <string>

namespace regiesim::cli {

// This process's command line as typed (arguments joined by spaces), from /proc/self/cmdline.
std::string command_line();
// The current time in UTC, ISO 8601 to the second (2026-11-23T15:04:05Z).
std::string utc_now();
// The machine's host name, or "unknown".
std::string host_name();

}  // namespace regiesim::cli
