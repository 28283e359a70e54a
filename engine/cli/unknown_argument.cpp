#include "cli/unknown_argument.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <vector>

#include "scenario/did_you_mean.hpp"

namespace regiesim::cli {

namespace {

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : ", ") + item;
  return out;
}

// Every spelling of the options of `app` (--force, -o, --output, --help, ...).
std::vector<std::string> option_names(const CLI::App& app) {
  std::vector<std::string> names;
  for (const CLI::Option* option : app.get_options()) {
    for (const auto& name : option->get_lnames()) names.push_back("--" + name);
    for (const auto& name : option->get_snames()) names.push_back("-" + name);
  }
  return names;
}

std::string unknown_option(std::string_view word, const CLI::App& app, std::string_view where) {
  const std::vector<std::string> names = option_names(app);
  const std::string_view name = word.substr(0, word.find('='));
  std::string message = fmt::format("unknown option '{}'{}", name, where);
  if (auto match = scenario::closest_match(name, names))
    return message + fmt::format("; did you mean '{}'?", *match);
  // An abbreviation (--mark for --markdown): the one option it begins.
  std::vector<std::string> longer;
  for (const auto& known : names)
    if (name.size() > 2 && known.starts_with(name)) longer.push_back(known);
  if (longer.size() == 1) return message + fmt::format("; did you mean '{}'?", longer.front());
  return message + fmt::format("; the options are {}", join(names));
}

bool is_option_of(std::string_view word, const CLI::App& app) {
  const std::string_view name = word.substr(0, word.find('='));
  for (const auto& known : option_names(app))
    if (known == name) return true;
  // -j4: a short option with its value attached
  if (name.size() > 2 && name[0] == '-' && name[1] != '-')
    for (const auto& known : option_names(app))
      if (known.size() == 2 && name.starts_with(known)) return true;
  return false;
}

}  // namespace

std::optional<std::string> explain_unknown_argument(const CLI::App& app,
                                                    std::span<const std::string> args,
                                                    std::string_view error) {
  std::vector<std::string> subcommands;
  for (const CLI::App* sub : app.get_subcommands({})) subcommands.push_back(sub->get_name());
  const bool complains_about_words = error.find("not expected") != std::string_view::npos;
  const bool wants_subcommand = error.find("subcommand is required") != std::string_view::npos;
  if (!complains_about_words && !wants_subcommand) return std::nullopt;

  const CLI::App* current = nullptr;  // the subcommand, once its name is seen
  for (const std::string& word : args) {
    if (word == "--") break;
    const bool mentioned = error.find(word) != std::string_view::npos;
    if (!current) {
      if (word.starts_with("-")) {
        if (is_option_of(word, app)) continue;
        return unknown_option(word, app, "");
      }
      const auto sub = std::find(subcommands.begin(), subcommands.end(), word);
      if (sub != subcommands.end()) {
        current = app.get_subcommand(word);
        continue;
      }
      std::string message = fmt::format("unknown subcommand '{}'", word);
      if (auto match = scenario::closest_match(word, subcommands))
        message += fmt::format("; did you mean '{}'?", *match);
      return message + fmt::format(" (the subcommands are {})", join(subcommands));
    }
    if (!complains_about_words || !mentioned) continue;
    if (word.starts_with("-") && word.size() > 1 && !is_option_of(word, *current))
      return unknown_option(word, *current, fmt::format(" for '{}'", current->get_name()));
    if (!word.starts_with("-"))
      return fmt::format(
          "unexpected argument '{}' for '{}' (one {} is expected; quote a value "
          "with spaces)",
          word, current->get_name(), current->get_name() == "describe" ? "option" : "file");
  }
  if (!current && wants_subcommand)
    return fmt::format("a subcommand is required: one of {}", join(subcommands));
  return std::nullopt;
}

}  // namespace regiesim::cli
