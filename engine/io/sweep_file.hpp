#pragma once
// Sweep files: read from disk (bounded in size, like a scenario), the base scenario resolved
// relative to the sweep file as `extends` is, then validated by the core's load_sweep(). Every
// failure is a scenario::InputError (exit 2).
#include <filesystem>
#include <span>
#include <string>

#include "design/sweep_spec.hpp"

namespace regiesim::io {

// `overrides` (`sweep --set`) apply to the base scenario after the file's [base] table.
design::SweepSpec read_sweep_file(const std::filesystem::path& path,
                                  std::span<const std::string> overrides = {});

}  // namespace regiesim::io
