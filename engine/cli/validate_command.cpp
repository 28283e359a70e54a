// regiesim validate SCENARIO [--set path=value ...]
// Loads and checks a scenario exactly as `run` would, without running it: one line on success,
// and the first error as file:line:col (exit 2) otherwise. Also refuses a scenario whose output
// could not fit in the free space where `run` writes it by default (results/<file stem>.h5).
#include <fmt/format.h>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "cli/command.hpp"
#include "io/output_size.hpp"
#include "io/scenario_file.hpp"

namespace regiesim::cli {

namespace {

struct ValidateOptions {
  std::string scenario;
  std::vector<std::string> overrides;
};

std::string count(std::int64_t n, std::string_view noun) {
  return fmt::format("{} {}{}", n, noun, n == 1 ? "" : "s");
}

int validate(const ValidateOptions& options) {
  const auto spec = io::read_scenario_file(options.scenario, options.overrides);
  // Where `run` writes by default: a scenario whose output cannot fit there is refused now.
  io::check_output_space(spec,
                         std::filesystem::path("results") /
                             (std::filesystem::path(options.scenario).stem().string() + ".h5"));
  fmt::print("{}: ok (scenario \"{}\", {}, {}, {}, {})\n", options.scenario, spec.name,
             count(spec.partner_count(), "partner"), count(spec.dimensions(), "dimension"),
             count(spec.parameters.steps, "week"),
             count(spec.parameters.replications, "replication"));
  return 0;
}

}  // namespace

void register_validate(CLI::App& app, Action& action) {
  auto options = std::make_shared<ValidateOptions>();
  CLI::App* command = app.add_subcommand(
      "validate", "Check a scenario file (syntax, keys, types, ranges, sizes) without running it");
  command->add_option("scenario", options->scenario, "Scenario file (.toml)")
      ->required()
      ->type_name("SCENARIO");
  command
      ->add_option("--set", options->overrides,
                   "Override one value: dotted.path=value, the value in TOML syntax "
                   "(trust.gain=0.1, partners.politie.passion=0.7); repeatable")
      ->allow_extra_args(false)
      ->type_name("PATH=VALUE");
  command->callback([options, &action] { action = [options] { return validate(*options); }; });
}

}  // namespace regiesim::cli
