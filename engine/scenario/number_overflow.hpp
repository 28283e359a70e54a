#pragma once
// Numbers TOML cannot hold (1e400, 2^63): toml++ refuses them while parsing, before any key is
// known. These helpers name the number, why, and the key's declared range.
#include <cstddef>
#include <string>
#include <string_view>

namespace regiesim::scenario::detail {

// "a number from 0 to 1" for a parameter path or partners.<name>.<column>; empty if unknown.
std::string declared_range(std::string_view path);

// The message for a toml++ parse error about a number that does not fit (the caller adds the key
// and its declared range). Empty when `description` is another kind of syntax error.
std::string number_overflow(std::string_view description, std::string_view written);

std::string_view trim(std::string_view text);
// Line `line` (1-based) of `text`, without its line ending.
std::string_view line_of(std::string_view text, std::size_t line);
// The dotted path of the key whose value is on `line` of `text`.
std::string key_at_line(std::string_view text, std::size_t line);
// "<path>: <why>; <path> must be <declared range>".
std::string explain_overflow(std::string_view path, const std::string& why);

}  // namespace regiesim::scenario::detail
