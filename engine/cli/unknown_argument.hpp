#pragma once
// A usage error that names what was wrong: CLI11 says "A subcommand is required" for
// `regiesim frobnicate` and "The following argument was not expected: --frce" without a hint.
// This finds the word the user typed that is no subcommand or no option of its subcommand, and
// the closest valid one (scenario::closest_match), so the message can say both.
#include <CLI/CLI.hpp>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace regiesim::cli {

// The message for the first unknown subcommand or option among `args` (argv without the program
// name), e.g. "unknown subcommand 'frobnicate'; the subcommands are run, validate, inspect,
// describe" or "unknown option '--frce' for 'run'; did you mean '--force'?". `error` is CLI11's
// message: only words it complains about (or a missing subcommand) are explained. Nothing when
// the error is of another kind (a missing value, a value out of range).
std::optional<std::string> explain_unknown_argument(const CLI::App& app,
                                                    std::span<const std::string> args,
                                                    std::string_view error);

}  // namespace regiesim::cli
