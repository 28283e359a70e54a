#pragma once
// A guard in front of toml++ 3.3 (Debian 12): its is_non_ascii_horizontal_whitespace() reaches
// __builtin_unreachable() for some non-ASCII code points (U+00A1..U+0499, U+2C5E..U+3057 but
// U+3000, U+FB26..U+FEFE), which is undefined behaviour (marzer/tomlplusplus#190 and #295, fixed
// upstream by PR #305; found here by tests/fuzz). The parser asks that question of characters in
// bare positions, after a backslash in a multi-line string and while scanning a malformed value,
// so no character in those ranges may reach it. Each is therefore swapped for a private-use code
// point of its own (U+F0000 + c: one code point for one, so lines and columns stay) before
// parsing, and swapped back in the parsed strings and keys and in parse errors afterwards: the
// same tree as an unaffected parser gives, and no undefined behaviour.
#include <toml++/toml.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace regiesim::scenario {

// The first character of `text` toml++ 3.3 may mishandle, as (line, column, code point).
struct TomlHazard {
  int line = 1;    // 1-based
  int column = 1;  // 1-based, in code points, as toml++ counts
  char32_t code_point = 0;
};
std::optional<TomlHazard> find_toml_hazard(std::string_view text);

// A character of Supplementary Private Use Area-A (U+F0000..U+FFFFF), which the swap uses: text
// that holds one cannot be swapped back unambiguously and is refused.
std::optional<TomlHazard> find_private_use_plane_15(std::string_view text);

// `text` with every hazardous character swapped (see above); `text` itself when there is none.
std::string make_toml_safe(std::string_view text);

// The swap undone: in a string (a parse error's message), and in every string value and key of
// a parsed tree (keys keep their source regions; values are moved, keeping theirs).
std::string restore_toml_text(std::string_view text);
void restore_toml_tree(toml::table& table);

}  // namespace regiesim::scenario
