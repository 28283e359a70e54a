#include "scenario/toml_text.hpp"

#include <fmt/format.h>

#include <cmath>

namespace regiesim::scenario::detail {

std::string toml_real(double value) {
  if (std::isnan(value)) return "nan";
  if (std::isinf(value)) return value > 0 ? "inf" : "-inf";
  std::string text = fmt::format("{}", value);
  if (text.find_first_of(".e") == std::string::npos) text += ".0";
  return text;
}

std::string toml_string(std::string_view text) {
  std::string out = "\"";
  for (const char c : text) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\r':
        out += "\\r";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f)
          out += fmt::format("\\u{:04X}", static_cast<unsigned>(static_cast<unsigned char>(c)));
        else
          out += c;
    }
  }
  return out + "\"";
}

std::string found(const toml::node& node) {
  switch (node.type()) {
    case toml::node_type::string: {
      std::string_view text = node.as_string()->get();
      if (text.size() > 40) return fmt::format("a string (\"{}...\")", text.substr(0, 40));
      return fmt::format("a string (\"{}\")", text);
    }
    case toml::node_type::integer:
      return fmt::format("an integer ({})", node.as_integer()->get());
    case toml::node_type::floating_point:
      return fmt::format("a float ({})", toml_real(node.as_floating_point()->get()));
    case toml::node_type::boolean:
      return fmt::format("a boolean ({})", node.as_boolean()->get() ? "true" : "false");
    case toml::node_type::array:
      return "an array";
    case toml::node_type::table:
      return "a table";
    case toml::node_type::date:
      return "a date";
    case toml::node_type::time:
      return "a time";
    case toml::node_type::date_time:
      return "a date-time";
    case toml::node_type::none:
      break;
  }
  return "nothing";
}

std::string join(const std::vector<std::string>& items, std::string_view separator) {
  std::string out;
  for (const auto& item : items) {
    if (!out.empty()) out += separator;
    out += item;
  }
  return out;
}

std::string quoted_list(std::span<const std::string_view> names) {
  std::vector<std::string> items;
  for (const auto name : names) items.push_back(fmt::format("\"{}\"", name));
  return join(items, ", ");
}

}  // namespace regiesim::scenario::detail
