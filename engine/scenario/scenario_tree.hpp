#pragma once
// The loader's second entry point, for io/: a scenario already parsed into a TOML tree, possibly
// merged from several files by `extends`. Kept apart from load_scenario.hpp so that only the few
// files that need toml++'s declarations include them.
#include <toml++/toml.h>

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "scenario/scenario_spec.hpp"

namespace regiesim::scenario {

struct ScenarioSource {
  std::string label;  // the file named by the user; "missing" errors point at its line 1
  std::string text;   // that file's text, kept in the spec
  // Labels of every file the tree was merged from, the deepest base first. Partner ids follow
  // this order, then the position of each partner's name in its file.
  std::vector<std::string> files;
  // network.file's text, read by io/ (the core reads no files), and its label for messages (the
  // path as resolved); empty when the scenario names no edge-list file.
  std::string edge_list_label{};
  std::string edge_list_text{};
};

// Parses TOML text; a syntax error becomes an InputError at its line and column.
toml::table parse_scenario_text(std::string_view text, std::string_view label);

// Validates the tree, applies the --set assignments and checks the rules that tie fields
// together (see load_scenario()). Values keep pointing at the file they were written in, as long
// as merged nodes were moved (toml++ drops a node's source region when it is copied).
ScenarioSpec load_scenario_tree(const toml::table& tree, const ScenarioSource& source,
                                std::span<const std::string> overrides);

}  // namespace regiesim::scenario
