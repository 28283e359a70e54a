#include "io/sweep_file.hpp"

#include <fmt/format.h>

#include "design/load_sweep.hpp"
#include "io/scenario_file.hpp"
#include "scenario/input_error.hpp"

namespace regiesim::io {

design::SweepSpec read_sweep_file(const std::filesystem::path& path,
                                  std::span<const std::string> overrides) {
  namespace fs = std::filesystem;
  const std::string text = read_input_file(path, "sweep");
  const auto read_base = [&](const std::string& name, const design::SweepPlace& place) {
    // Like `extends`: relative to the file that names it.
    const fs::path base = path.parent_path() / name;
    std::error_code error;
    if (!fs::exists(base, error))
      throw scenario::InputError(place.origin, place.line, place.column,
                                 fmt::format("base scenario '{}' not found (looked for {}; it is "
                                             "resolved relative to the sweep file)",
                                             name, base.string()));
    return read_scenario_file(base);
  };
  design::SweepSpec sweep =
      design::load_sweep(text, path.string(), read_base, design::kMaxDesignPoints, overrides);
  // Named after its file when it has no name, as a scenario is.
  if (sweep.name.empty()) sweep.name = path.stem().string();
  return sweep;
}

}  // namespace regiesim::io
