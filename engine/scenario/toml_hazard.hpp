#pragma once
// A guard in front of toml++ 3.3 (Debian 12): its is_non_ascii_horizontal_whitespace() reaches
// __builtin_unreachable() for some non-ASCII code points (U+00A1..U+0499, U+2C5E..U+3057 but
// U+3000, U+FB26..U+FEFE), which is undefined behaviour (marzer/tomlplusplus#190 and #295, fixed
// upstream by PR #305, found here by tests/fuzz). The parser asks that question only of a
// character outside strings and comments (where any non-ASCII character is a syntax error) and of
// the character after a backslash in a multi-line basic string, or after the whitespace that a
// line-ending backslash skips. This finds such a character first, so the loader can refuse it
// with a message of its own before toml++ sees the text.
#include <cstdint>
#include <optional>
#include <string_view>

namespace regiesim::scenario {

struct TomlHazard {
  int line = 1;    // 1-based
  int column = 1;  // 1-based, in code points, as toml++ counts
  char32_t code_point = 0;
  bool in_string = false;  // after a backslash in a """string""", not outside strings
};

// The first character of `text` at which toml++ 3.3 would reach undefined behaviour, if any.
std::optional<TomlHazard> find_toml_hazard(std::string_view text);

}  // namespace regiesim::scenario
