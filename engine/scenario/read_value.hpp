#pragma once
// Reading and checking one value: one code path for file values and --set. Every failure is an
// InputError at the value's place naming the path and what was expected.
#include <toml++/toml.h>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "model/parameter_table.hpp"

namespace regiesim::scenario::detail {

// Where a value was written: a file position, or a --set without a position.
struct Place {
  std::string origin;
  int line = 0;
  int column = 0;
};

[[noreturn]] void fail(const Place& place, std::string message);

// A finite number (an integer literal too) in [min, max].
double read_real(const toml::node& node, const Place& at, std::string_view path, double min,
                 double max);
std::int64_t read_integer(const toml::node& node, const Place& at, std::string_view path,
                          double min, double max);
// The index of the choice named by a string.
int read_choice(const toml::node& node, const Place& at, const model::ParameterDecl& decl);
// 1 or 0.
double read_boolean(const toml::node& node, const Place& at, std::string_view path);
std::string read_text(const toml::node& node, const Place& at, std::string_view path,
                      std::size_t max_length);

// "capabilities[2]" as the name and the index; no index without '['. A bracket that does not
// hold a plain number is an error naming `path`.
struct IndexedKey {
  std::string_view name;
  std::optional<std::size_t> index;
};
IndexedKey split_index(std::string_view key, const Place& place, std::string_view path);

}  // namespace regiesim::scenario::detail
