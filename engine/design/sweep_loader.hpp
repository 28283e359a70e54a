#pragma once
// The sweep-file loader's state while it reads one sweep file (internal to design/): the spec being
// filled, where each value was written and what must be checked once the base scenario is read.
// Its members are defined by what they read, one file each: load_sweep.cpp (the top level,
// [sweep], [base] and the whole), sweep_design_table.cpp ([design]), swept_parameters.cpp
// ([[parameters]]), sweep_sizes.cpp (the bounds of a design); sweep_toml.cpp has the helpers for
// TOML values.
#include <fmt/format.h>
#include <toml++/toml.h>

#include <algorithm>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

#include "design/load_sweep.hpp"
#include "model/parameter_table.hpp"
#include "scenario/did_you_mean.hpp"
#include "scenario/load_scenario.hpp"
#include "scenario/scenario_tree.hpp"

namespace regiesim::design::detail {

// Morris 1991 and Saltelli et al. 2008 ("Global sensitivity analysis: the primer") take p = 4.
constexpr std::int64_t kDefaultMorrisLevels = 4;

[[noreturn]] void fail(const SweepPlace& place, std::string message);

std::string join(const std::vector<std::string>& items, std::string_view separator);
// "a float (0.5)", "a string ("x")", "an array": what was found, for "expected X, got Y".
std::string found(const toml::node& node);
// A value as --set reads it, so that the loader's own checks and messages judge it.
std::string toml_text(const toml::node& node);
double number_of(const toml::node& node);

// What a swept path names in the parameter table.
struct Target {
  model::ValueKind kind = model::ValueKind::real;
  const model::ParameterDecl* decl = nullptr;  // nullptr: a partner column
};

class SweepLoader {
 public:
  SweepLoader(std::string_view text, std::string_view label, std::int64_t max_points)
      : label_(label), max_points_(max_points) {
    spec_.source_label = std::string(label);
    spec_.source_text = std::string(text);
    tree_ = scenario::parse_scenario_text(text, label);
  }

  SweepSpec load(const BaseScenarioReader& read_base, std::span<const std::string> overrides);

 private:
  SweepPlace place_of(const toml::node& node) const {
    const auto& begin = node.source().begin;
    if (begin.line == 0) return top();
    return {label_, static_cast<int>(begin.line), static_cast<int>(begin.column)};
  }
  SweepPlace place_of(const toml::key& key) const {
    const auto& begin = key.source().begin;
    if (begin.line == 0) return top();
    return {label_, static_cast<int>(begin.line), static_cast<int>(begin.column)};
  }
  SweepPlace top() const { return {label_, 1, 1}; }

  // A table's entries in the order they were written (toml++ keeps them sorted by key), so that
  // the first error in the file is the one reported.
  static std::vector<std::pair<const toml::key*, const toml::node*>> in_file_order(
      const toml::table& table) {
    std::vector<std::pair<const toml::key*, const toml::node*>> entries;
    for (const auto& [key, node] : table) entries.emplace_back(&key, &node);
    std::stable_sort(entries.begin(), entries.end(), [](const auto& a, const auto& b) {
      const auto& sa = a.first->source().begin;
      const auto& sb = b.first->source().begin;
      return std::tie(sa.line, sa.column) < std::tie(sb.line, sb.column);
    });
    return entries;
  }

  const toml::table& expect_table(const toml::node& node, std::string_view what) const {
    if (const auto* table = node.as_table()) return *table;
    fail(place_of(node), fmt::format("expected a table {}, got {}", what, found(node)));
  }
  std::string read_string(const toml::node& node, std::string_view what) const {
    if (const auto* text = node.as_string()) return text->get();
    fail(place_of(node), fmt::format("expected a string for {}, got {}", what, found(node)));
  }
  std::int64_t read_count(const toml::node& node, std::string_view what, std::int64_t min,
                          std::int64_t max) const {
    const auto* integer = node.as_integer();
    if (!integer)
      fail(place_of(node), fmt::format("expected an integer for {}, got {}", what, found(node)));
    if (integer->get() < min || integer->get() > max)
      fail(place_of(node), fmt::format("{} must be an integer from {} to {}, got {}", what, min,
                                       max, integer->get()));
    return integer->get();
  }
  [[noreturn]] void unknown_key(const toml::key& key, std::string_view table,
                                const std::vector<std::string>& known) const {
    if (auto match = scenario::closest_match(key.str(), known))
      fail(place_of(key),
           fmt::format("unknown key '{}' in [{}]; did you mean '{}'?", key.str(), table, *match));
    fail(place_of(key), fmt::format("unknown key '{}' in [{}]; the keys of [{}] are {}", key.str(),
                                    table, table, join(known, ", ")));
  }
  void check(const toml::node& node, std::string text) {
    const SweepPlace place = place_of(node);
    checks_.push_back({std::move(text), place.origin, place.line, place.column});
  }

  // [base]: keys of the base scenario set for the whole sweep (e.g. record.level = "summary"),
  // flattened to dotted assignments applied like --set, each at its own line.
  void read_base_table(const toml::table& table, const std::string& prefix) {
    for (const auto& [key, value] : in_file_order(table)) {
      const std::string path =
          prefix.empty() ? std::string(key->str()) : prefix + "." + std::string(key->str());
      if (const auto* sub = value->as_table()) {
        read_base_table(*sub, path);
        continue;
      }
      if (value->is_array_of_tables())
        fail(place_of(*value), fmt::format("[base] sets values, not {}: write [[{}]] in the base "
                                           "scenario instead",
                                           path, path));
      const SweepPlace place = place_of(*value);
      base_assignments_.push_back(
          {path + "=" + toml_text(*value), place.origin, place.line, place.column});
    }
  }

  void read_top_level();
  void read_sweep_table(const toml::node& node);
  void read_design_table(const toml::node& node);
  void read_parameters(const toml::node& node);
  void read_parameter(const toml::table& table);
  Target resolve_path(const std::string& path, const toml::node& at) const;
  void check_sizes() const;

  std::string label_;
  std::int64_t max_points_;
  toml::table tree_;
  SweepSpec spec_;
  bool has_sweep_ = false, has_parameters_ = false;  // seen in the file
  bool has_scenario_ = false, has_replications_ = false, has_seed_ = false;
  // Values to check against the base scenario once it is read, each as an assignment at its place.
  std::vector<scenario::Assignment> checks_;
  // [base] and then --set, applied to the base scenario in that order.
  std::vector<scenario::Assignment> base_assignments_;
  // The nodes of the design's settings, for messages about their values.
  SweepPlace size_place_;
};

}  // namespace regiesim::design::detail
