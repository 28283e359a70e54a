#pragma once
// /comparison of a `compare` file (docs/output.md; the writer names the arms in
// /manifest/arm_names), and the same numbers
// as JSON: what `compare --json` prints and what is read back from a file are one shape, so the
// printed numbers and the file's can be checked equal.
#include <cstdint>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "comparison/arm_comparison.hpp"

namespace regiesim::io {

// Writes /comparison into the open file `file_id` (ResultsWriter::add_to_file); `arm_names` (one
// per arm, in arm order) name the difference it describes.
void write_comparison(std::int64_t file_id, const comparison::ArmComparison& comparison,
                      const std::vector<std::string>& arm_names);

// The comparison as JSON: arm names, replications, pairs, the weeks (never = steps + 1, as in
// the file) and per metric the numbers of /comparison/<metric>. NaN (no pairs) is null.
nlohmann::ordered_json comparison_json(const comparison::ArmComparison& comparison,
                                       const std::vector<std::string>& arm_names);

// The same shape, read from a file's /comparison and /manifest/arm_names. Throws UnreadableFile.
nlohmann::ordered_json read_comparison_json(const std::filesystem::path& path);

}  // namespace regiesim::io
