#include "design/sweep_loader.hpp"

#include <cmath>

#include "scenario/input_error.hpp"

namespace regiesim::design::detail {

void fail(const SweepPlace& place, std::string message) {
  throw scenario::InputError(place.origin, place.line, place.column, std::move(message));
}

std::string join(const std::vector<std::string>& items, std::string_view separator) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : std::string(separator)) + item;
  return out;
}

// "a float (0.5)", "a string ("x")", "an array": what was found, for "expected X, got Y".
std::string found(const toml::node& node) {
  switch (node.type()) {
    case toml::node_type::string:
      return fmt::format("a string (\"{}\")", node.as_string()->get());
    case toml::node_type::integer:
      return fmt::format("an integer ({})", node.as_integer()->get());
    case toml::node_type::floating_point:
      return fmt::format("a float ({})", node.as_floating_point()->get());
    case toml::node_type::boolean:
      return fmt::format("a boolean ({})", node.as_boolean()->get());
    case toml::node_type::array:
      return "an array";
    case toml::node_type::table:
      return "a table";
    default:
      return "a date or time";
  }
}

// A scalar as --set reads it, so that the loader's own checks and messages judge it.
std::string toml_text(const toml::node& node) {
  switch (node.type()) {
    case toml::node_type::string: {
      std::string out = "\"";
      for (const char c : node.as_string()->get()) {
        if (c == '"' || c == '\\') out += '\\';
        if (static_cast<unsigned char>(c) < 0x20) continue;  // no control characters in a name
        out += c;
      }
      return out + "\"";
    }
    case toml::node_type::integer:
      return fmt::format("{}", node.as_integer()->get());
    case toml::node_type::floating_point: {
      const double value = node.as_floating_point()->get();
      if (std::isnan(value)) return "nan";
      if (std::isinf(value)) return value > 0 ? "inf" : "-inf";
      std::string text = fmt::format("{}", value);
      if (text.find_first_of(".e") == std::string::npos) text += ".0";
      return text;
    }
    case toml::node_type::boolean:
      return node.as_boolean()->get() ? "true" : "false";
    case toml::node_type::array: {
      // [base] may set a whole array (a partner's capabilities); each element as above.
      std::vector<std::string> items;
      for (const auto& item : *node.as_array()) items.push_back(toml_text(item));
      // Appended piece by piece: "[" + ... + "]" trips GCC 12's false -Wrestrict.
      std::string out(1, '[');
      out.append(join(items, ", "));
      out.push_back(']');
      return out;
    }
    default:
      return "[]";  // tables, dates: the loader reports what it expected
  }
}

double number_of(const toml::node& node) {
  if (const auto* integer = node.as_integer()) return static_cast<double>(integer->get());
  return node.as_floating_point()->get();
}

}  // namespace regiesim::design::detail
