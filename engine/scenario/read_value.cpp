#include "scenario/read_value.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <utility>
#include <vector>

#include "scenario/did_you_mean.hpp"
#include "scenario/input_error.hpp"
#include "scenario/toml_text.hpp"

namespace regiesim::scenario::detail {

using model::ParameterDecl;
using model::ValueKind;

[[noreturn]] void fail(const Place& place, std::string message) {
  throw InputError(place.origin, place.line, place.column, std::move(message));
}

namespace {

// Digits with one comma between them: a number written with a decimal comma.
bool decimal_comma(std::string_view text) {
  const auto comma = text.find(',');
  if (comma == std::string_view::npos || comma == 0 || comma + 1 == text.size()) return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    const bool sign = i == 0 && (c == '-' || c == '+');
    if (i != comma && !sign && (c < '0' || c > '9')) return false;
  }
  return comma != 1 || (text[0] != '-' && text[0] != '+');
}

std::string with_decimal_point(std::string_view text) {
  std::string fixed{text};
  fixed[fixed.find(',')] = '.';
  return fixed;
}

}  // namespace

double read_real(const toml::node& node, const Place& at, std::string_view path, double min,
                 double max) {
  double value = 0;
  if (const auto* real = node.as_floating_point())
    value = real->get();
  else if (const auto* integer = node.as_integer())
    value = static_cast<double>(integer->get());
  else if (const auto* text = node.as_string(); text != nullptr && decimal_comma(text->get()))
    // "0,1": a decimal comma, as Dutch writes it; TOML (and --set) take a decimal point.
    fail(at, fmt::format("expected a number for {}, got \"{}\"; write the decimal point: {}", path,
                         text->get(), with_decimal_point(text->get())));
  else
    fail(at, fmt::format("expected a number for {}, got {}", path, found(node)));
  // NaN and infinity would pass or defeat every range check downstream (no NaN from valid
  // input: every rule stays in its declared range).
  if (!std::isfinite(value))
    fail(at, fmt::format("expected a finite number for {}, got {}", path, toml_real(value)));
  if (value < min || value > max) {
    const std::string written =
        node.is_integer() ? fmt::format("{}", node.as_integer()->get()) : fmt::format("{}", value);
    fail(at, fmt::format("{} must be a number from {} to {}, got {}", path,
                         model::format_number(min, ValueKind::real),
                         model::format_number(max, ValueKind::real), written));
  }
  return value;
}

std::int64_t read_integer(const toml::node& node, const Place& at, std::string_view path,
                          double min, double max) {
  const auto* integer = node.as_integer();
  if (!integer) fail(at, fmt::format("expected an integer for {}, got {}", path, found(node)));
  const std::int64_t value = integer->get();
  if (static_cast<double>(value) < min || static_cast<double>(value) > max)
    fail(at, fmt::format("{} must be an integer from {} to {}, got {}", path,
                         model::format_number(min, ValueKind::integer),
                         model::format_number(max, ValueKind::integer), value));
  return value;
}

int read_choice(const toml::node& node, const Place& at, const ParameterDecl& decl) {
  const auto* text = node.as_string();
  if (!text)
    fail(at, fmt::format("expected one of {} for {}, got {}", quoted_list(decl.choices), decl.path,
                         found(node)));
  const std::string_view name = text->get();
  for (std::size_t i = 0; i < decl.choices.size(); ++i)
    if (decl.choices[i] == name) return static_cast<int>(i);
  std::vector<std::string> names(decl.choices.begin(), decl.choices.end());
  std::string message =
      fmt::format("{} must be one of {}, got \"{}\"", decl.path, quoted_list(decl.choices), name);
  if (auto match = closest_match(name, names))
    message += fmt::format("; did you mean \"{}\"?", *match);
  fail(at, std::move(message));
}

double read_boolean(const toml::node& node, const Place& at, std::string_view path) {
  const auto* flag = node.as_boolean();
  if (!flag) fail(at, fmt::format("expected true or false for {}, got {}", path, found(node)));
  return flag->get() ? 1.0 : 0.0;
}

std::string read_text(const toml::node& node, const Place& at, std::string_view path,
                      std::size_t max_length) {
  const auto* text = node.as_string();
  if (!text) fail(at, fmt::format("expected a string for {}, got {}", path, found(node)));
  if (text->get().size() > max_length)
    fail(at, fmt::format("{} is {} bytes long; it may be at most {}", path, text->get().size(),
                         max_length));
  return text->get();
}

IndexedKey split_index(std::string_view key, const Place& place, std::string_view path) {
  const auto bracket = key.find('[');
  if (bracket == std::string_view::npos) return {key, std::nullopt};
  const std::string_view digits = key.substr(bracket + 1, key.size() - bracket - 2);
  if (!key.ends_with(']') || digits.empty() || digits.size() > 9 ||
      !std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; }))
    fail(place, fmt::format("expected an index like {}[0] in {}", key.substr(0, bracket), path));
  return {key.substr(0, bracket), static_cast<std::size_t>(std::stoul(std::string(digits)))};
}

}  // namespace regiesim::scenario::detail
