#include "cli/unknown_argument.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "cli/command.hpp"

namespace regiesim::cli {
namespace {

// The app as main.cpp builds it, and the message for `args` given CLI11's `error`.
std::string explain(const std::vector<std::string>& args, const std::string& error) {
  CLI::App app{"regiesim", "regiesim"};
  app.set_version_flag("--version", "regiesim test");
  Action action;
  register_run(app, action);
  register_validate(app, action);
  register_inspect(app, action);
  register_describe(app, action);
  return explain_unknown_argument(app, args, error).value_or("<nothing>");
}

TEST(UnknownArgument, UnknownSubcommand_IsNamedWithTheNearestAndTheList) {
  EXPECT_EQ(explain({"vaildate", "x.toml"}, "A subcommand is required"),
            "unknown subcommand 'vaildate'; did you mean 'validate'? (the subcommands are run, "
            "validate, inspect, describe)");
  EXPECT_EQ(explain({"frobnicate"}, "A subcommand is required"),
            "unknown subcommand 'frobnicate' (the subcommands are run, validate, inspect, "
            "describe)");
  EXPECT_EQ(explain({}, "A subcommand is required"),
            "a subcommand is required: one of run, validate, inspect, describe");
}

TEST(UnknownArgument, UnknownOption_IsNamedWithTheNearestOptionOfItsSubcommand) {
  EXPECT_EQ(explain({"run", "x.toml", "--frce"}, "The following argument was not expected: --frce"),
            "unknown option '--frce' for 'run'; did you mean '--force'?");
  EXPECT_EQ(explain({"run", "x.toml", "--replicatoins=3"},
                    "The following argument was not expected: --replicatoins=3"),
            "unknown option '--replicatoins' for 'run'; did you mean '--replications'?");
  EXPECT_EQ(explain({"describe", "--mark"}, "The following argument was not expected: --mark"),
            "unknown option '--mark' for 'describe'; did you mean '--markdown'?");
}

TEST(UnknownArgument, KnownOptionsAndOptionValuesAreNotBlamed) {
  // -j4 and --set values are fine; only the word CLI11 complained about is explained.
  EXPECT_EQ(explain({"run", "x.toml", "-j4", "--set", "a=1", "extra"},
                    "The following argument was not expected: extra"),
            "unexpected argument 'extra' for 'run' (one file is expected; quote a value with "
            "spaces)");
}

TEST(UnknownArgument, OtherErrorsAreLeftToCli11) {
  EXPECT_EQ(explain({"run", "x.toml", "--seed", "-1"}, "--seed: Value -1 not in range"),
            "<nothing>");
  EXPECT_EQ(explain({"validate"}, "scenario is required"), "<nothing>");
}

}  // namespace
}  // namespace regiesim::cli
