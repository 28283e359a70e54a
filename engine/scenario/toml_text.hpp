#pragma once
// How values read in the loader's messages and in resolved TOML: numbers that read back to the
// same double, quoted strings, "what was found" for "expected X, got Y".
#include <toml++/toml.h>

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace regiesim::scenario::detail {

// Shortest text that reads back to the same double, always with a decimal point or exponent so
// that TOML reads it as a float.
std::string toml_real(double value);
// A TOML basic string, escaped.
std::string toml_string(std::string_view text);
// "a float (520.5)", "a string ("520")", "an array": what was found, for "expected X, got Y".
std::string found(const toml::node& node);
std::string join(const std::vector<std::string>& items, std::string_view separator);
// "\"a\", \"b\"".
std::string quoted_list(std::span<const std::string_view> names);

}  // namespace regiesim::scenario::detail
