#pragma once
// "Did you mean ...?" for unknown keys, tables, choices, partners and --set paths: the closest
// known name by edit distance, offered only when it is close enough to be a likely typo.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace regiesim::scenario {

// Optimal string alignment distance (Levenshtein plus the transposition of two neighbouring
// characters, the commonest typo: 'gian' for 'gain'), ignoring ASCII case.
std::size_t edit_distance(std::string_view a, std::string_view b);

// The candidate closest to `word`, if one is within a third of the longer name's length (at
// least one edit); the first of equally close candidates wins.
std::optional<std::string> closest_match(std::string_view word,
                                         const std::vector<std::string>& candidates);

// A parameter path that an earlier version declared and a later one replaced: what replaced it
// and how the two differ, so that an old scenario's message names the new key (a typo search
// would not: 'capability' is as close to 'capacity' as to 'capabilities').
struct RenamedParameter {
  std::string_view old_path;
  std::string_view new_path;
  std::string_view change;  // e.g. "one number per opgave dimension"
};
const RenamedParameter* renamed_parameter(std::string_view old_path);

// "; did you mean '<new key>'? <old path> was replaced by <new path>: <change>", the new key
// relative to `table` ("" for a full path).
std::string renamed_message(const RenamedParameter& renamed, std::string_view table);

}  // namespace regiesim::scenario
