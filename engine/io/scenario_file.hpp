#pragma once
// Scenario files: read from disk (bounded in size), `extends` resolved relative to the including
// file, then handed to the core's loader. Every failure is a scenario::InputError (exit 2).
#include <cstdint>
#include <filesystem>
#include <span>
#include <string>
#include <string_view>

#include "scenario/scenario_spec.hpp"

namespace regiesim::io {

// Larger than any sensible scenario (a thousand partners take some 100 KiB); refusing before
// reading keeps a wrong path (a results file, a disk image) from filling memory.
inline constexpr std::uintmax_t kMaxScenarioFileBytes = 8u << 20;
// An edge-list file of a million partners with mean degree 10 takes some 70 MiB.
inline constexpr std::uintmax_t kMaxEdgeListFileBytes = std::uintmax_t{1} << 30;

// The text of a scenario or sweep file (`what` names the kind in messages), refused before
// reading beyond `max_bytes`.
std::string read_input_file(const std::filesystem::path& path, std::string_view what,
                            std::uintmax_t max_bytes = kMaxScenarioFileBytes);

// Reads `path` (its label in messages is the path as given), resolves `extends = "base.toml"`
// recursively (the child's keys override the base's; cycles, missing bases and directories are
// errors at the `extends` line; an error inside a base is prefixed with the `extends` lines that
// led to it, outermost first), applies the --set overrides and validates. The spec's source_text is
// the text of `path` itself; resolved_toml() of the result holds everything merged. An edge-list
// network's file (network.file, relative to the scenario file that names it) is read here and
// parsed by the core, its errors at the CSV file's line.
scenario::ScenarioSpec read_scenario_file(const std::filesystem::path& path,
                                          std::span<const std::string> overrides = {});

}  // namespace regiesim::io
