#pragma once
// The parameter table seen as TOML tables and keys, and the did-you-mean messages for keys it
// does not hold.
#include <string>
#include <string_view>
#include <vector>

namespace regiesim::scenario::detail {

// "trust" and "gain" of "trust.gain"; "regisseur" and "arsenal.reflect.cost" of a sub-table key.
std::string_view table_of(std::string_view path);
std::string_view key_of(std::string_view path);

// The parameter tables in the order of their first parameter: [run], [network], [opgave], ...
std::vector<std::string> parameter_tables();
std::vector<std::string> keys_of_table(std::string_view table);
// Whether some declared parameter lies below `path` (a sub-table such as regisseur.arsenal).
bool has_parameters_below(std::string_view path);
std::vector<std::string> partner_column_keys();

// "unknown key 'x' in [t]", with the closest known key, or the table the key belongs in.
std::string unknown_key_message(std::string_view key, std::string_view table,
                                const std::vector<std::string>& known);

}  // namespace regiesim::scenario::detail
