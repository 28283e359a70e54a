#pragma once
// The scenario loader's state while it reads one scenario: the spec being filled and where each
// value was written. Its members are defined by what they read, one file each: loader.cpp (the
// top level and [scenario]), parameter_reader.cpp (the declared parameters, the regisseur and its
// arsenal), partner_table.cpp (the partners), assignment.cpp (--set and a sweep's assignments),
// scenario_rules.cpp and size_rules.cpp (the rules that tie fields together), with plan_reader for
// [[regisseur.plan]] and resolved_toml.cpp for the way back to text.
#include <toml++/toml.h>

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <map>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "model/parameter_table.hpp"
#include "scenario/read_value.hpp"
#include "scenario/scenario_tree.hpp"

namespace regiesim::scenario::detail {

// Sizes a run must be able to hold (in memory and in one HDF5 file) before it starts, so that
// a typo in a scenario is a message at validation, not an allocation failure a day later.
constexpr std::int64_t kMaxDirectedTies = 20'000'000;
constexpr std::int64_t kMaxRecordedValues = std::int64_t{1} << 27;
// Partner names go into --set paths (partners.<name>.passion) and HDF5 attributes: keep them
// plain, so that a path has exactly one reading.
constexpr std::size_t kMaxPartnerNameLength = 64;
// The scenario's name goes into summaries and file attributes, its description into the output
// once per file: generous for prose, small enough that a pasted file or a runaway generator is
// refused with a message instead of copied into every results file.
constexpr std::size_t kMaxNameLength = 256;
constexpr std::size_t kMaxDescriptionLength = 64 * 1024;

class Loader {
 public:
  explicit Loader(const ScenarioSource& source) : source_(source), top_{source.label, 1, 1} {
    spec_.parameters = model::default_parameters();
  }
  // Starting from a scenario already loaded: only assignments follow, then the rules.
  Loader(const ScenarioSource& source, ScenarioSpec base)
      : source_(source), top_{source.label, 1, 1}, spec_(std::move(base)) {}

  void read_tree(const toml::table& root);
  void apply_override(int number, const std::string& assignment);
  void apply_assignment(const std::string& assignment, const Place& place);
  void check_rules();

  ScenarioSpec take(std::span<const std::string> overrides) {
    spec_.source_label = source_.label;
    spec_.source_text = source_.text;
    spec_.overrides.assign(overrides.begin(), overrides.end());
    return std::move(spec_);
  }
  ScenarioSpec take() { return std::move(spec_); }

 private:
  // A value's place: a --set has one for the whole value (nullptr: read it from the node).
  using Fixed = const Place*;

  Place place_of(const toml::source_region& region) const {
    if (region.begin.line == 0) return top_;  // built, not parsed: no position of its own
    return {region.path ? *region.path : source_.label, static_cast<int>(region.begin.line),
            static_cast<int>(region.begin.column)};
  }
  Place at(const toml::node& node, Fixed fixed) const {
    return fixed ? *fixed : place_of(node.source());
  }
  // The place of the first of `paths` that was written somewhere; else line 1 of the file.
  Place place_for(std::initializer_list<std::string_view> paths) const {
    for (const auto path : paths)
      if (auto it = places_.find(std::string(path)); it != places_.end()) return it->second;
    return top_;
  }

  // A table's entries in the order they were written (toml++ keeps tables sorted by key), so
  // that the first error in the file is the one reported and partner ids follow the file.
  std::vector<std::pair<const toml::key*, const toml::node*>> in_file_order(
      const toml::table& table) const;

  const toml::table& expect_table(const toml::node& node, std::string_view what) const;
  void read_scenario_table(const toml::node& node);
  void read_parameter_table(const std::string& table, const toml::node& node);
  void read_partners(const toml::node& node);
  // [population] (population_reader.cpp): the count and a distribution per partner column.
  void read_population(const toml::node& node);
  void set_population_entry(std::string_view key, const toml::node& node, Fixed fixed);
  // network.file and network.ties (edge-list networks), which are not numbers of the table.
  void read_network_ties(const toml::node& node);
  [[noreturn]] void unknown_top_level(const toml::key& key, const toml::node& node) const;

  void set_parameter(const model::ParameterDecl& decl, const toml::node& node, Fixed fixed);
  // One number of a per-dimension parameter, as `--set regisseur.capabilities[1]=0.7` gives it.
  void set_parameter_element(const model::ParameterDecl& decl, std::size_t index,
                             const toml::node& node, const Place& place, std::string_view path);
  // An array of one number in [min, max] per opgave dimension (its length is a rule, checked
  // once every value is known); each number's place is its own in a file.
  std::vector<double> read_dimensions(const toml::node& node, Fixed fixed, const std::string& path,
                                      double min, double max) const;
  void set_partner_column(model::PartnerSpec& partner, const model::PartnerColumnDecl& column,
                          const toml::node& node, Fixed fixed);
  void apply_partner_override(std::string_view path, const toml::node& node, const Place& place);

  // check_rules() in parts, in this order: the first broken rule is the one reported.
  void check_population();  // draws the generated partners, so it comes first
  void check_edge_list();
  void check_partners();
  void check_settings();
  std::int64_t check_network() const;  // the number of directed ties
  void check_recorded_size(std::int64_t ties) const;

  const ScenarioSource& source_;
  const Place top_;
  ScenarioSpec spec_;
  std::map<std::string, Place> places_;  // where each value set so far was written
};

}  // namespace regiesim::scenario::detail
