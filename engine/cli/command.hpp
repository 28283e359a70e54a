#pragma once
// How subcommands plug into the CLI: each registers its options on the app and sets the action
// that runs after parsing; the action returns the exit status. Exceptions map to exit codes in
// main.cpp: scenario::InputError, io::UnreadableFile and UsageError -> 2, anything else -> 1.
#include <CLI/CLI.hpp>
#include <functional>
#include <stdexcept>

namespace regiesim::cli {

using Action = std::function<int()>;

// Bad usage found after parsing (an output file that exists without --force, ...): exit 2.
class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

void register_run(CLI::App& app, Action& action);
void register_validate(CLI::App& app, Action& action);
void register_inspect(CLI::App& app, Action& action);
void register_describe(CLI::App& app, Action& action);
void register_sweep(CLI::App& app, Action& action);
void register_compare(CLI::App& app, Action& action);

}  // namespace regiesim::cli
