#include "scenario/parameter_keys.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "model/parameter_table.hpp"
#include "scenario/did_you_mean.hpp"
#include "scenario/toml_text.hpp"

namespace regiesim::scenario::detail {

std::string_view table_of(std::string_view path) {
  return path.substr(0, path.find('.'));
}
std::string_view key_of(std::string_view path) {
  return path.substr(path.find('.') + 1);
}

std::vector<std::string> parameter_tables() {
  std::vector<std::string> tables;
  for (const auto& decl : model::parameter_table()) {
    const std::string table{table_of(decl.path)};
    if (std::find(tables.begin(), tables.end(), table) == tables.end()) tables.push_back(table);
  }
  return tables;
}

std::vector<std::string> keys_of_table(std::string_view table) {
  // The next component of every declared path below `table`, once each: [regisseur] lists
  // `arsenal` once, [regisseur.arsenal] the interventions, [regisseur.arsenal.reflect] enabled,
  // effectiveness and cost.
  std::vector<std::string> keys;
  for (const auto& decl : model::parameter_table()) {
    if (decl.path.size() <= table.size() || !decl.path.starts_with(table) ||
        decl.path[table.size()] != '.')
      continue;
    const std::string_view rest = decl.path.substr(table.size() + 1);
    const std::string key{rest.substr(0, rest.find('.'))};
    if (std::find(keys.begin(), keys.end(), key) == keys.end()) keys.push_back(key);
  }
  return keys;
}

bool has_parameters_below(std::string_view path) {
  for (const auto& decl : model::parameter_table())
    if (decl.path.size() > path.size() && decl.path.starts_with(path) &&
        decl.path[path.size()] == '.')
      return true;
  return false;
}

std::vector<std::string> partner_column_keys() {
  std::vector<std::string> keys;
  for (const auto& column : model::partner_columns()) keys.emplace_back(column.key);
  return keys;
}

std::string unknown_key_message(std::string_view key, std::string_view table,
                                const std::vector<std::string>& known) {
  if (const auto* renamed = renamed_parameter(fmt::format("{}.{}", table, key)))
    return fmt::format("unknown key '{}' in [{}]{}", key, table, renamed_message(*renamed, table));
  if (auto match = closest_match(key, known))
    return fmt::format("unknown key '{}' in [{}]; did you mean '{}'?", key, table, *match);
  // A key put in the wrong table: 'probability' in [trust] belongs in [meetings].
  for (const auto& decl : model::parameter_table())
    if (key_of(decl.path) == key)
      return fmt::format("unknown key '{}' in [{}]; did you mean '{}' in [{}]?", key, table, key,
                         table_of(decl.path));
  return fmt::format("unknown key '{}' in [{}]; the keys of [{}] are {}", key, table, table,
                     join(known, ", "));
}

}  // namespace regiesim::scenario::detail
