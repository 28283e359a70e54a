// Scenario text to a TOML tree: syntax errors at their line and column, with the messages toml++
// gives made readable (numbers that do not fit, UTF-16 files, binary files).
#include <fmt/format.h>

#include <algorithm>
#include <cstdint>

#include "scenario/input_error.hpp"
#include "scenario/number_overflow.hpp"
#include "scenario/scenario_tree.hpp"
#include "scenario/toml_hazard.hpp"

namespace regiesim::scenario {

using detail::explain_overflow;
using detail::key_at_line;
using detail::line_of;
using detail::number_overflow;

toml::table parse_scenario_text(std::string_view text, std::string_view label) {
  // toml++ 3.3 must not see some non-ASCII characters (toml_hazard.hpp): they are swapped for
  // private-use ones while it parses, and back afterwards.
  if (const auto taken = find_private_use_plane_15(text))
    throw InputError(std::string(label), taken->line, taken->column,
                     fmt::format("private-use character U+{:X} is not supported in a scenario",
                                 static_cast<std::uint32_t>(taken->code_point)));
  const std::string safe = make_toml_safe(text);
  const bool swapped = safe.size() != text.size();  // each swap lengthens the text
  try {
    toml::table tree = toml::parse(safe, label);
    if (swapped) restore_toml_tree(tree);
    return tree;
  } catch (const toml::parse_error& e) {
    const auto& begin = e.source().begin;
    std::string message =
        swapped ? restore_toml_text(e.description()) : std::string(e.description());
    // Notepad and PowerShell save UTF-16 with a byte-order mark; say so rather than "invalid".
    if (text.starts_with("\xFF\xFE") || text.starts_with("\xFE\xFF"))
      throw InputError(std::string(label), 1, 1,
                       "the file is UTF-16 text; a scenario must be UTF-8: save it as UTF-8");
    if (const std::string why = number_overflow(message, line_of(text, begin.line)); !why.empty()) {
      const std::string path = key_at_line(text, begin.line);
      if (!path.empty()) message = explain_overflow(path, why);
    }
    // Most often a binary file (a results file, a spreadsheet) given where a scenario belongs.
    if (message.find("utf-8") != std::string::npos)
      message += "; a scenario must be UTF-8 text (is this a scenario file?)";
    throw InputError(std::string(label), std::max<int>(1, static_cast<int>(begin.line)),
                     std::max<int>(1, static_cast<int>(begin.column)), std::move(message));
  }
}

}  // namespace regiesim::scenario
