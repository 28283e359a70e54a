#include "scenario/loader.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <tuple>

#include "scenario/did_you_mean.hpp"
#include "scenario/parameter_keys.hpp"
#include "scenario/toml_text.hpp"

namespace regiesim::scenario::detail {

std::vector<std::pair<const toml::key*, const toml::node*>> Loader::in_file_order(
    const toml::table& table) const {
  std::vector<std::pair<const toml::key*, const toml::node*>> entries;
  for (const auto& [key, node] : table) entries.emplace_back(&key, &node);
  auto rank = [&](const toml::key& key) {
    const auto& path = key.source().path;
    if (!path) return source_.files.size();
    const auto it = std::find(source_.files.begin(), source_.files.end(), *path);
    return static_cast<std::size_t>(it - source_.files.begin());
  };
  std::stable_sort(entries.begin(), entries.end(), [&](const auto& a, const auto& b) {
    const auto& sa = a.first->source().begin;
    const auto& sb = b.first->source().begin;
    return std::make_tuple(rank(*a.first), sa.line, sa.column) <
           std::make_tuple(rank(*b.first), sb.line, sb.column);
  });
  return entries;
}

const toml::table& Loader::expect_table(const toml::node& node, std::string_view what) const {
  if (const auto* table = node.as_table()) return *table;
  fail(place_of(node.source()), fmt::format("expected a table {}, got {}", what, found(node)));
}

void Loader::read_tree(const toml::table& root) {
  if (root.empty())
    fail(top_,
         "the scenario is empty: it needs at least two partners, each a [partners.<name>] table "
         "with its capabilities");
  const std::vector<std::string> tables = parameter_tables();
  for (const auto& [key, node] : in_file_order(root)) {
    const std::string name{key->str()};
    if (name == "scenario")
      read_scenario_table(*node);
    else if (name == "partners")
      read_partners(*node);
    else if (name == "population")
      read_population(*node);
    else if (name == "extends")
      // The core reads text, never files (design decision 4); io::read_scenario_file resolves it.
      fail(place_of(key->source()),
           "extends names a base scenario file; it is resolved only when a scenario is read from "
           "a file");
    else if (std::find(tables.begin(), tables.end(), name) != tables.end())
      read_parameter_table(name, *node);
    else
      unknown_top_level(*key, *node);
  }
}

void Loader::unknown_top_level(const toml::key& key, const toml::node& node) const {
  std::vector<std::string> tables = parameter_tables();
  tables.insert(tables.begin(), "scenario");
  tables.push_back("partners");
  tables.push_back("population");
  const std::string_view name = key.str();
  if (node.is_table() && name == "sweep")
    fail(place_of(key.source()),
         "this is a sweep file, not a scenario: run it with `regiesim sweep FILE`, or check it "
         "without running with `regiesim sweep FILE --design-only` (docs/sweeps.md)");
  if (node.is_table()) {
    if (auto match = closest_match(name, tables))
      fail(place_of(key.source()),
           fmt::format("unknown table [{}]; did you mean [{}]?", name, *match));
    fail(place_of(key.source()),
         fmt::format("unknown table [{}]; the tables are [{}]", name, join(tables, "], [")));
  }
  // A parameter written above every table header, or its table forgotten.
  std::vector<std::string> keys;
  std::vector<std::string> paths;
  for (const auto& decl : model::parameter_table()) {
    keys.emplace_back(key_of(decl.path));
    paths.emplace_back(decl.path);
  }
  if (auto match = closest_match(name, keys)) {
    const auto index = std::find(keys.begin(), keys.end(), *match) - keys.begin();
    fail(place_of(key.source()),
         fmt::format("unknown key '{}' at the top level; did you mean '{}' in [{}]?", name, *match,
                     table_of(paths[static_cast<std::size_t>(index)])));
  }
  fail(place_of(key.source()),
       fmt::format("unknown key '{}' at the top level; keys belong in one of the tables [{}]", name,
                   join(tables, "], [")));
}

void Loader::read_scenario_table(const toml::node& node) {
  const auto& table = expect_table(node, "[scenario]");
  for (const auto& [k, value] : in_file_order(table)) {
    const std::string_view name = k->str();
    const Place place = place_of(value->source());
    if (name == "name")
      spec_.name = read_text(*value, place, "scenario.name", kMaxNameLength);
    else if (name == "description")
      spec_.description = read_text(*value, place, "scenario.description", kMaxDescriptionLength);
    else
      fail(place_of(k->source()), unknown_key_message(name, "scenario", {"name", "description"}));
    places_[fmt::format("scenario.{}", name)] = place;
  }
}

}  // namespace regiesim::scenario::detail
