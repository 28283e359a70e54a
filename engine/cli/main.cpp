// regiesim: the command line. Exit status: 0 success, 2 bad input or usage, 1 internal error.
#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <exception>
#include <string>
#include <vector>

#include "cli/command.hpp"
#include "cli/interrupt.hpp"
#include "cli/unknown_argument.hpp"
#include "cli/version_info.hpp"
#include "io/results_reader.hpp"
#include "io/results_writer.hpp"
#include "scenario/input_error.hpp"

namespace {

constexpr int kExitOk = 0;
constexpr int kExitInternal = 1;
constexpr int kExitBadInput = 2;

// CLI11 uses its own exit codes for parse errors; every usage error here exits 2, help and
// version exit 0 (design decision 12: one handler for all subcommands).
int exit_for_parse_error(const CLI::App& app, const CLI::ParseError& e,
                         const std::vector<std::string>& args) {
  if (e.get_exit_code() == static_cast<int>(CLI::ExitCodes::Success)) {
    app.exit(e);  // --help, --version: prints to stdout
    return kExitOk;
  }
  // An unknown subcommand or option names itself and the nearest valid one (issue 17).
  const auto explained = regiesim::cli::explain_unknown_argument(app, args, e.what());
  std::fprintf(stderr, "regiesim: error: %s\n", explained ? explained->c_str() : e.what());
  std::fprintf(stderr, "Run with --help for usage.\n");
  return kExitBadInput;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace regiesim;
  io::skip_hdf5_exit_cleanup();
  CLI::App app{"regiesim: agent-based simulation of regie in collaboration networks", "regiesim"};
  app.set_version_flag("--version",
                       fmt::format("regiesim {} ({})", cli::regiesim_version(), cli::git_commit()));
  app.require_subcommand(1);
  app.fallthrough();  // --version after a subcommand too

  cli::Action action;
  cli::register_run(app, action);
  cli::register_validate(app, action);
  cli::register_inspect(app, action);
  cli::register_describe(app, action);
  cli::register_sweep(app, action);
  cli::register_compare(app, action);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return exit_for_parse_error(app, e, std::vector<std::string>(argv + 1, argv + argc));
  }

  const auto report = [](const char* prefix, const std::exception& e, int status) {
    std::fprintf(stderr, "%s%s\n", prefix, e.what());
    return status;
  };
  try {
    return action();
  } catch (const cli::Interrupted& e) {
    std::fprintf(stderr, "\nregiesim: %s; stopped, the partial output removed\n", e.what());
    return e.exit_status();
  } catch (const scenario::InputError& e) {
    return report("", e, kExitBadInput);  // already "file:line:col: error: ..."
  } catch (const io::UnreadableFile& e) {
    return report("regiesim: error: ", e, kExitBadInput);
  } catch (const cli::UsageError& e) {
    return report("regiesim: error: ", e, kExitBadInput);
  } catch (const io::OutputError& e) {
    return report("regiesim: error: ", e, kExitInternal);
  } catch (const std::exception& e) {
    return report("regiesim: internal error: ", e, kExitInternal);
  }
}
