#include "scenario/number_overflow.hpp"

#include <fmt/format.h>

#include "model/parameter_table.hpp"

namespace regiesim::scenario::detail {

using model::ParameterDecl;
using model::PartnerColumnDecl;
using model::ValueKind;

std::string declared_range(std::string_view path) {
  if (path.starts_with("partners.")) {
    const auto last_dot = path.rfind('.');
    const std::string_view key = path.substr(last_dot + 1);
    const bool one_element = key.find('[') != std::string_view::npos;  // capabilities[2]
    const PartnerColumnDecl* column = model::find_partner_column(key.substr(0, key.find('[')));
    if (!column) return {};
    const auto from = model::format_number(column->min, ValueKind::real);
    const auto to = model::format_number(column->max, ValueKind::real);
    if (column->kind == ValueKind::real_per_dimension && !one_element)
      return fmt::format("numbers from {} to {}", from, to);
    return fmt::format("a number from {} to {}", from, to);
  }
  // The numbers of a [[regisseur.plan]] entry (plan_reader.cpp checks them the same way).
  if (path == "regisseur.plan.week") return "an integer from 1 to run.steps";
  if (path == "regisseur.plan.intensity") return "a number from 0 to 1";
  const ParameterDecl* decl = model::find_parameter(path);
  if (!decl) return {};
  if (decl->kind == ValueKind::real)
    return fmt::format("a number from {} to {}", model::format_number(decl->min, ValueKind::real),
                       model::format_number(decl->max, ValueKind::real));
  if (decl->kind == ValueKind::integer)
    return fmt::format("an integer from {} to {}",
                       model::format_number(decl->min, ValueKind::integer),
                       model::format_number(decl->max, ValueKind::integer));
  return {};
}

// toml++ refuses 1e400 ("could not be interpreted") and 2^63 ("not representable in 64 bits")
// while parsing, before any key is known. The message names the number and why; the caller adds
// the key and its declared range. Empty when `description` is another kind of syntax error.
std::string number_overflow(std::string_view description, std::string_view written) {
  const bool integer = description.find("not representable in 64 bits") != std::string_view::npos;
  const bool real = description.find("floating-point") != std::string_view::npos &&
                    description.find("could not be interpreted") != std::string_view::npos;
  if (!integer && !real) return {};
  std::string_view number;
  if (const auto open = description.find('\''); open != std::string_view::npos)
    if (const auto close = description.find('\'', open + 1); close != std::string_view::npos)
      number = description.substr(open + 1, close - open - 1);
  // toml++ quotes the digits without their sign; `written` (the line, or the --set value) has it.
  std::string shown(number);
  if (const auto at = written.find(number);
      at != std::string_view::npos && at > 0 && (written[at - 1] == '-' || written[at - 1] == '+'))
    shown.insert(shown.begin(), written[at - 1]);
  if (integer)
    return fmt::format(
        "{} does not fit in a 64-bit integer (-9223372036854775808 to "
        "9223372036854775807)",
        shown);
  return fmt::format("{} is beyond the largest floating-point number (about 1.8e308)", shown);
}

std::string_view trim(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r");
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(" \t\r");
  return text.substr(first, last - first + 1);
}

std::string_view line_of(std::string_view text, std::size_t line) {
  std::size_t begin = 0;
  for (std::size_t n = 1; n < line; ++n) {
    begin = text.find('\n', begin);
    if (begin == std::string_view::npos) return {};
    ++begin;
  }
  return text.substr(begin, text.find('\n', begin) - begin);
}

// The dotted path of the key whose value is on `line` of `text`: the last [table] header above
// it, and the key before '=' on that line or the nearest line above with one (a long array).
std::string key_at_line(std::string_view text, std::size_t line) {
  std::string_view key;
  std::size_t n = line;
  for (; n >= 1; --n) {
    const std::string_view here = trim(line_of(text, n));
    if (here.starts_with('[')) return {};  // reached the header: no key on the way
    if (const auto equals = here.find('='); equals != std::string_view::npos) {
      key = trim(here.substr(0, equals));
      break;
    }
  }
  if (key.empty()) return {};
  std::string table;
  for (std::size_t h = n; h >= 1; --h) {
    const std::string_view here = trim(line_of(text, h));
    // [table] or [[array.of.tables]] (a [[regisseur.plan]] entry's week is regisseur.plan.week)
    if (here.starts_with('[')) {
      const std::size_t open = here.starts_with("[[") ? 2 : 1;
      const auto close = here.find(']');
      table =
          std::string(trim(here.substr(open, close == std::string_view::npos ? 0 : close - open)));
      break;
    }
  }
  std::string path = table.empty() ? std::string(key) : table + "." + std::string(key);
  std::erase_if(path, [](char c) { return c == '"' || c == '\'' || c == ' ' || c == '\t'; });
  return path;
}

std::string explain_overflow(std::string_view path, const std::string& why) {
  const std::string range = declared_range(path);
  if (range.empty()) return fmt::format("{}: {}", path, why);
  return fmt::format("{}: {}; {} must be {}", path, why, path, range);
}

}  // namespace regiesim::scenario::detail
