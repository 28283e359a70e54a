#include "scenario/load_scenario.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <map>
#include <optional>
#include <stdexcept>
#include <tuple>
#include <utility>

#include "model/parameter_table.hpp"
#include "scenario/did_you_mean.hpp"
#include "scenario/input_error.hpp"
#include "scenario/plan_reader.hpp"
#include "scenario/scenario_tree.hpp"
#include "scenario/toml_hazard.hpp"
#include "sim/metrics.hpp"

namespace regiesim::scenario {

namespace {

using model::ParameterDecl;
using model::PartnerColumnDecl;
using model::PartnerSpec;
using model::ValueKind;

// Sizes a run must be able to hold (in memory and in one HDF5 file) before it starts, so that
// a typo in a scenario is a message at validation, not an allocation failure a day later.
constexpr std::int64_t kMaxDirectedTies = 20'000'000;
constexpr std::int64_t kMaxRecordedValues = std::int64_t{1} << 27;
// Partner names go into --set paths (partners.<name>.passion) and HDF5 attributes: keep them
// plain, so that a path has exactly one reading.
constexpr std::size_t kMaxPartnerNameLength = 64;
// The scenario's name goes into summaries and file attributes, its description into the output
// once per file: generous for prose, small enough that a pasted file or a runaway generator is
// refused with a message instead of copied into every results file.
constexpr std::size_t kMaxNameLength = 256;
constexpr std::size_t kMaxDescriptionLength = 64 * 1024;

// Where a value was written: a file position, or a --set without a position.
struct Place {
  std::string origin;
  int line = 0;
  int column = 0;
};

[[noreturn]] void fail(const Place& place, std::string message) {
  throw InputError(place.origin, place.line, place.column, std::move(message));
}

// ---- how values read in messages and in resolved TOML ------------------------------------------

// Shortest text that reads back to the same double, always with a decimal point or exponent so
// that TOML reads it as a float.
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

// "a float (520.5)", "a string ("520")", "an array": what was found, for "expected X, got Y".
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

// ---- the parameter table, seen as TOML tables and keys -----------------------------------------

std::string_view table_of(std::string_view path) {
  return path.substr(0, path.find('.'));
}
std::string_view key_of(std::string_view path) {
  return path.substr(path.find('.') + 1);
}

// The parameter tables in the order of their first parameter: [run], [network], [opgave], ...
std::vector<std::string> parameter_tables() {
  std::vector<std::string> tables;
  for (const auto& decl : model::parameter_table()) {
    const std::string table{table_of(decl.path)};
    if (std::find(tables.begin(), tables.end(), table) == tables.end()) tables.push_back(table);
  }
  return tables;
}

std::vector<std::string> keys_of_table(std::string_view table) {
  std::vector<std::string> keys;
  for (const auto& decl : model::parameter_table())
    if (table_of(decl.path) == table) keys.emplace_back(key_of(decl.path));
  return keys;
}

// Whether some declared parameter lies below `path` (a sub-table such as regisseur.arsenal).
bool has_parameters_below(std::string_view path) {
  for (const auto& decl : model::parameter_table())
    if (decl.path.size() > path.size() && decl.path.starts_with(path) &&
        decl.path[path.size()] == '.')
      return true;
  return false;
}

std::vector<std::string> partner_column_keys() {
  std::vector<std::string> keys;
  for (const auto& column : model::partner_columns()) keys.emplace_back(column.key);
  return keys;
}

std::string unknown_key_message(std::string_view key, std::string_view table,
                                const std::vector<std::string>& known) {
  if (auto match = closest_match(key, known))
    return fmt::format("unknown key '{}' in [{}]; did you mean '{}'?", key, table, *match);
  // A key put in the wrong table: 'probability' in [trust] belongs in [meetings].
  for (const auto& decl : model::parameter_table())
    if (key_of(decl.path) == key)
      return fmt::format("unknown key '{}' in [{}]; did you mean '{}' in [{}]?", key, table, key,
                         table_of(decl.path));
  return fmt::format("unknown key '{}' in [{}]; the keys of [{}] are {}", key, table, table,
                     join(known, ", "));
}

bool valid_partner_name(std::string_view name) {
  if (name.empty() || name.size() > kMaxPartnerNameLength) return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '-';
  });
}

// The partner's array-valued column. There is one (capabilities); a second would be declared in
// the table and get a member here.
template <typename Partner>  // PartnerSpec or const PartnerSpec
auto& per_dimension_member(Partner& partner, const PartnerColumnDecl& column) {
  if (column.key == "capabilities") return partner.capabilities;
  if (column.key == "interests") return partner.interests;
  throw std::logic_error(fmt::format("no PartnerSpec member for column '{}'", column.key));
}

PartnerSpec default_partner(std::string name) {
  PartnerSpec partner{};
  partner.name = std::move(name);
  for (const auto& column : model::partner_columns())
    if (column.kind == ValueKind::real && column.default_value)
      partner.*column.real = *column.default_value;
  return partner;
}

// ---- reading and checking values: one code path for file values and --set ---------------------

double read_real(const toml::node& node, const Place& at, std::string_view path, double min,
                 double max) {
  double value = 0;
  if (const auto* real = node.as_floating_point())
    value = real->get();
  else if (const auto* integer = node.as_integer())
    value = static_cast<double>(integer->get());
  else
    fail(at, fmt::format("expected a number for {}, got {}", path, found(node)));
  // NaN and infinity would pass or defeat every range check downstream (DECISIONS 5: no NaN
  // from valid input).
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

// ---- numbers TOML cannot hold ------------------------------------------------------------------

// "a number from 0 to 1" for a parameter path or partners.<name>.<column>; empty if unknown.
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
    if (here.starts_with('[') && !here.starts_with("[[")) {
      const auto close = here.find(']');
      table = std::string(trim(here.substr(1, close == std::string_view::npos ? 0 : close - 1)));
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

// ---- the loader --------------------------------------------------------------------------------

class Loader {
 public:
  explicit Loader(const ScenarioSource& source) : source_(source), top_{source.label, 1, 1} {
    spec_.parameters = model::default_parameters();
  }
  // Starting from a scenario already loaded: only assignments follow, then the rules.
  Loader(const ScenarioSource& source, ScenarioSpec base)
      : source_(source), top_{source.label, 1, 1}, spec_(std::move(base)) {}

  void read_tree(const toml::table& root);
  void apply_override(int number, const std::string& assignment);
  void apply_assignment(const std::string& assignment, const Place& place);
  void check_rules();

  ScenarioSpec take(std::span<const std::string> overrides) {
    spec_.source_label = source_.label;
    spec_.source_text = source_.text;
    spec_.overrides.assign(overrides.begin(), overrides.end());
    return std::move(spec_);
  }
  ScenarioSpec take() { return std::move(spec_); }

 private:
  // A value's place: a --set has one for the whole value (nullptr: read it from the node).
  using Fixed = const Place*;

  Place place_of(const toml::source_region& region) const {
    if (region.begin.line == 0) return top_;  // built, not parsed: no position of its own
    return {region.path ? *region.path : source_.label, static_cast<int>(region.begin.line),
            static_cast<int>(region.begin.column)};
  }
  Place at(const toml::node& node, Fixed fixed) const {
    return fixed ? *fixed : place_of(node.source());
  }
  // The place of the first of `paths` that was written somewhere; else line 1 of the file.
  Place place_for(std::initializer_list<std::string_view> paths) const {
    for (const auto path : paths)
      if (auto it = places_.find(std::string(path)); it != places_.end()) return it->second;
    return top_;
  }

  // A table's entries in the order they were written (toml++ keeps tables sorted by key), so
  // that the first error in the file is the one reported and partner ids follow the file.
  std::vector<std::pair<const toml::key*, const toml::node*>> in_file_order(
      const toml::table& table) const;

  const toml::table& expect_table(const toml::node& node, std::string_view what) const;
  void read_scenario_table(const toml::node& node);
  void read_parameter_table(const std::string& table, const toml::node& node);
  void read_partners(const toml::node& node);
  [[noreturn]] void unknown_top_level(const toml::key& key, const toml::node& node) const;

  void set_parameter(const ParameterDecl& decl, const toml::node& node, Fixed fixed);
  void set_partner_column(PartnerSpec& partner, const PartnerColumnDecl& column,
                          const toml::node& node, Fixed fixed);
  void apply_partner_override(std::string_view path, const toml::node& node, const Place& place);

  const ScenarioSource& source_;
  const Place top_;
  ScenarioSpec spec_;
  std::map<std::string, Place> places_;  // where each value set so far was written
};

std::vector<std::pair<const toml::key*, const toml::node*>> Loader::in_file_order(
    const toml::table& table) const {
  std::vector<std::pair<const toml::key*, const toml::node*>> entries;
  for (const auto& [key, node] : table) entries.emplace_back(&key, &node);
  auto rank = [&](const toml::key& key) {
    const auto& path = key.source().path;
    if (!path) return source_.files.size();
    const auto it = std::find(source_.files.begin(), source_.files.end(), *path);
    return static_cast<std::size_t>(it - source_.files.begin());
  };
  std::stable_sort(entries.begin(), entries.end(), [&](const auto& a, const auto& b) {
    const auto& sa = a.first->source().begin;
    const auto& sb = b.first->source().begin;
    return std::make_tuple(rank(*a.first), sa.line, sa.column) <
           std::make_tuple(rank(*b.first), sb.line, sb.column);
  });
  return entries;
}

const toml::table& Loader::expect_table(const toml::node& node, std::string_view what) const {
  if (const auto* table = node.as_table()) return *table;
  fail(place_of(node.source()), fmt::format("expected a table {}, got {}", what, found(node)));
}

void Loader::read_tree(const toml::table& root) {
  if (root.empty())
    fail(top_,
         "the scenario is empty: it needs at least two partners, each a [partners.<name>] table "
         "with its capabilities");
  const std::vector<std::string> tables = parameter_tables();
  for (const auto& [key, node] : in_file_order(root)) {
    const std::string name{key->str()};
    if (name == "scenario")
      read_scenario_table(*node);
    else if (name == "partners")
      read_partners(*node);
    else if (name == "extends")
      // The core reads text, never files (DECISIONS 4); io::read_scenario_file resolves it.
      fail(place_of(key->source()),
           "extends names a base scenario file; it is resolved only when a scenario is read from "
           "a file");
    else if (std::find(tables.begin(), tables.end(), name) != tables.end())
      read_parameter_table(name, *node);
    else
      unknown_top_level(*key, *node);
  }
}

void Loader::unknown_top_level(const toml::key& key, const toml::node& node) const {
  std::vector<std::string> tables = parameter_tables();
  tables.insert(tables.begin(), "scenario");
  tables.push_back("partners");
  const std::string_view name = key.str();
  if (node.is_table() && name == "sweep")
    fail(place_of(key.source()),
         "this is a sweep file, not a scenario: run it with `regiesim sweep FILE`, or check it "
         "without running with `regiesim sweep FILE --design-only` (docs/sweeps.md)");
  if (node.is_table()) {
    if (auto match = closest_match(name, tables))
      fail(place_of(key.source()),
           fmt::format("unknown table [{}]; did you mean [{}]?", name, *match));
    fail(place_of(key.source()),
         fmt::format("unknown table [{}]; the tables are [{}]", name, join(tables, "], [")));
  }
  // A parameter written above every table header, or its table forgotten.
  std::vector<std::string> keys;
  std::vector<std::string> paths;
  for (const auto& decl : model::parameter_table()) {
    keys.emplace_back(key_of(decl.path));
    paths.emplace_back(decl.path);
  }
  if (auto match = closest_match(name, keys)) {
    const auto index = std::find(keys.begin(), keys.end(), *match) - keys.begin();
    fail(place_of(key.source()),
         fmt::format("unknown key '{}' at the top level; did you mean '{}' in [{}]?", name, *match,
                     table_of(paths[static_cast<std::size_t>(index)])));
  }
  fail(place_of(key.source()),
       fmt::format("unknown key '{}' at the top level; keys belong in one of the tables [{}]", name,
                   join(tables, "], [")));
}

void Loader::read_scenario_table(const toml::node& node) {
  const auto& table = expect_table(node, "[scenario]");
  for (const auto& [k, value] : in_file_order(table)) {
    const std::string_view name = k->str();
    const Place place = place_of(value->source());
    if (name == "name")
      spec_.name = read_text(*value, place, "scenario.name", kMaxNameLength);
    else if (name == "description")
      spec_.description = read_text(*value, place, "scenario.description", kMaxDescriptionLength);
    else
      fail(place_of(k->source()), unknown_key_message(name, "scenario", {"name", "description"}));
    places_[fmt::format("scenario.{}", name)] = place;
  }
}

void Loader::read_parameter_table(const std::string& table_name, const toml::node& node) {
  const auto& table = expect_table(node, fmt::format("[{}]", table_name));
  for (const auto& [k, value] : in_file_order(table)) {
    const std::string path = fmt::format("{}.{}", table_name, k->str());
    const ParameterDecl* decl = model::find_parameter(path);
    if (!decl && value->is_table() && has_parameters_below(path)) {
      // A dotted key or sub-table, e.g. [regisseur] arsenal.reflect.cost = 0.3 (DECISIONS 16).
      read_parameter_table(path, *value);
      continue;
    }
    if (!decl && table_name == "regisseur" && k->str() == "plan") {
      read_plan(*value, source_.label, spec_.plan);
      places_["regisseur.plan"] = place_of(k->source());
      continue;
    }
    if (!decl)
      fail(place_of(k->source()),
           unknown_key_message(k->str(), table_name, keys_of_table(table_name)));
    set_parameter(*decl, *value, nullptr);
  }
}

void Loader::set_parameter(const ParameterDecl& decl, const toml::node& node, Fixed fixed) {
  const Place place = at(node, fixed);
  switch (decl.kind) {
    case ValueKind::real:
      decl.set(spec_.parameters, read_real(node, place, decl.path, decl.min, decl.max));
      break;
    case ValueKind::integer:
      decl.set(spec_.parameters,
               static_cast<double>(read_integer(node, place, decl.path, decl.min, decl.max)));
      break;
    case ValueKind::choice:
      decl.set_choice(spec_.parameters, read_choice(node, place, decl));
      break;
    case ValueKind::boolean:
      decl.set(spec_.parameters, read_boolean(node, place, decl.path));
      break;
    case ValueKind::real_per_dimension:
    case ValueKind::text:
      throw std::logic_error(fmt::format("parameter {} is declared per dimension", decl.path));
  }
  places_[std::string(decl.path)] = place;
}

void Loader::read_partners(const toml::node& node) {
  if (node.is_array_of_tables())
    fail(place_of(node.source()),
         "[[partners]] is an array of tables; give each partner a table of its own, "
         "[partners.<name>]");
  const auto& partners = expect_table(node, "[partners] with one table per partner");
  for (const auto& [name_key, value] : in_file_order(partners)) {
    const std::string name{name_key->str()};
    if (!valid_partner_name(name))
      fail(place_of(name_key->source()),
           fmt::format("partner name '{}' must be 1 to {} characters from A-Z, a-z, 0-9, '_' and "
                       "'-'",
                       name, kMaxPartnerNameLength));
    const auto& table = expect_table(*value, fmt::format("[partners.{}]", name));
    PartnerSpec partner = default_partner(name);
    bool has_capabilities = false;
    for (const auto& [k, column_value] : in_file_order(table)) {
      const PartnerColumnDecl* column = model::find_partner_column(k->str());
      if (!column)
        fail(place_of(k->source()), unknown_key_message(k->str(), fmt::format("partners.{}", name),
                                                        partner_column_keys()));
      set_partner_column(partner, *column, *column_value, nullptr);
      has_capabilities = has_capabilities || column->key == "capabilities";
    }
    if (!has_capabilities)
      fail(place_of(name_key->source()),
           fmt::format("partner '{}' has no capabilities; give capabilities = [...] with one "
                       "number from 0 to 1 per opgave dimension",
                       name));
    places_[fmt::format("partners.{}", name)] = place_of(name_key->source());
    spec_.partners.push_back(std::move(partner));
  }
}

void Loader::set_partner_column(PartnerSpec& partner, const PartnerColumnDecl& column,
                                const toml::node& node, Fixed fixed) {
  const std::string path = fmt::format("partners.{}.{}", partner.name, column.key);
  const Place place = at(node, fixed);
  if (column.kind == ValueKind::real) {
    partner.*column.real = read_real(node, place, path, column.min, column.max);
  } else if (column.kind == ValueKind::text) {
    if (fixed != nullptr)
      fail(place, fmt::format("{} is a name; set it in the scenario file, not with --set", path));
    partner.discipline = read_text(node, place, path, kMaxPartnerNameLength);
    if (!valid_partner_name(partner.discipline))
      fail(place, fmt::format("{} must be 1 to {} characters from A-Z, a-z, 0-9, '_' and '-'", path,
                              kMaxPartnerNameLength));
  } else {
    const auto* array = node.as_array();
    if (!array)
      fail(place, fmt::format("expected an array of numbers for {}, got {}", path, found(node)));
    // More numbers than opgave.dimensions can ever be: refused before reading a million of them.
    const double most = model::find_parameter("opgave.dimensions")->max;
    if (static_cast<double>(array->size()) > most)
      fail(place, fmt::format("{} has {} numbers; it needs one per opgave dimension, and "
                              "opgave.dimensions is at most {}",
                              path, array->size(), model::format_number(most, ValueKind::integer)));
    std::vector<double> values;
    for (std::size_t i = 0; i < array->size(); ++i)
      values.push_back(read_real((*array)[i], at((*array)[i], fixed),
                                 fmt::format("{}[{}]", path, i), column.min, column.max));
    per_dimension_member(partner, column) = std::move(values);
  }
  places_[path] = place;
}

// The value of a --set: TOML syntax, or, when it is not valid TOML, the text itself as a string,
// so that `--set run.activation=fixed` needs no shell-quoted quotes.
toml::table parse_override_value(std::string_view value_text, std::string& overflow) {
  // Text toml++ 3.3 cannot read safely (see toml_hazard.hpp) is taken as a plain string.
  if (!find_toml_hazard(value_text)) {
    try {
      toml::table parsed = toml::parse(fmt::format("value = {}\n", value_text), std::string_view{});
      if (parsed.size() == 1 && parsed.contains("value")) return parsed;
    } catch (const toml::parse_error& e) {
      overflow = number_overflow(e.description(), value_text);
    }
  }
  toml::table plain;
  plain.insert("value", std::string(value_text));
  return plain;
}

void Loader::apply_override(int number, const std::string& assignment) {
  const auto equals = assignment.find('=');
  const std::string_view path = trim(std::string_view(assignment).substr(0, equals));
  apply_assignment(
      assignment,
      Place{fmt::format("command line: --set #{} ({})", number,
                        equals == std::string::npos ? std::string_view(assignment) : path)});
}

void Loader::apply_assignment(const std::string& assignment, const Place& place) {
  const auto equals = assignment.find('=');
  const std::string_view path = trim(std::string_view(assignment).substr(0, equals));
  if (equals == std::string::npos || path.empty())
    fail(place,
         fmt::format("expected dotted.path=value (e.g. trust.gain=0.1), got '{}'", assignment));
  std::string overflow;
  const toml::table parsed =
      parse_override_value(trim(std::string_view(assignment).substr(equals + 1)), overflow);
  if (!overflow.empty()) fail(place, explain_overflow(path, overflow));
  const toml::node& value = *parsed.get("value");

  if (path == "scenario.name") {
    spec_.name = read_text(value, place, path, kMaxNameLength);
  } else if (path == "scenario.description") {
    spec_.description = read_text(value, place, path, kMaxDescriptionLength);
  } else if (const ParameterDecl* decl = model::find_parameter(path)) {
    set_parameter(*decl, value, &place);
  } else if (path.starts_with("partners.")) {
    apply_partner_override(path, value, place);
  } else {
    std::vector<std::string> known{"scenario.name", "scenario.description"};
    for (const auto& d : model::parameter_table()) known.emplace_back(d.path);
    for (const auto& partner : spec_.partners)
      for (const auto& column : model::partner_columns())
        known.push_back(fmt::format("partners.{}.{}", partner.name, column.key));
    if (auto match = closest_match(path, known))
      fail(place, fmt::format("unknown parameter '{}'; did you mean '{}'?", path, *match));
    fail(place, fmt::format("unknown parameter '{}'; `regiesim describe` lists them all", path));
  }
  places_[std::string(path)] = place;
}

// partners.<name>.<column> or partners.<name>.capabilities[<index>], for a partner of the file.
void Loader::apply_partner_override(std::string_view path, const toml::node& value,
                                    const Place& place) {
  const std::string_view rest = path.substr(std::string_view("partners.").size());
  const auto dot = rest.find('.');
  const std::string_view name = rest.substr(0, dot);
  auto partner = std::find_if(spec_.partners.begin(), spec_.partners.end(),
                              [&](const PartnerSpec& p) { return p.name == name; });
  if (partner == spec_.partners.end()) {
    std::vector<std::string> names;
    for (const auto& p : spec_.partners) names.push_back(p.name);
    if (auto match = closest_match(name, names))
      fail(place,
           fmt::format("unknown partner '{}' in {}; did you mean '{}'?", name, path, *match));
    fail(place, fmt::format("unknown partner '{}' in {}; the partners are {}", name, path,
                            join(names, ", ")));
  }
  if (dot == std::string_view::npos)
    fail(place, fmt::format("{} names a partner, not a value; give one of its columns, e.g. "
                            "partners.{}.passion",
                            path, name));
  std::string_view column_name = rest.substr(dot + 1);
  std::optional<std::size_t> index;
  if (const auto bracket = column_name.find('['); bracket != std::string_view::npos) {
    const std::string_view digits =
        column_name.substr(bracket + 1, column_name.size() - bracket - 2);
    if (!column_name.ends_with(']') || digits.empty() || digits.size() > 9 ||
        !std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; }))
      fail(place,
           fmt::format("expected an index like {}[0] in {}", column_name.substr(0, bracket), path));
    index = static_cast<std::size_t>(std::stoul(std::string(digits)));
    column_name = column_name.substr(0, bracket);
  }
  const PartnerColumnDecl* column = model::find_partner_column(column_name);
  if (!column) {
    if (auto match = closest_match(column_name, partner_column_keys()))
      fail(place, fmt::format("unknown partner column '{}' in {}; did you mean '{}'?", column_name,
                              path, *match));
    fail(place, fmt::format("unknown partner column '{}' in {}; the columns are {}", column_name,
                            path, join(partner_column_keys(), ", ")));
  }
  if (!index) {
    set_partner_column(*partner, *column, value, &place);
    return;
  }
  if (column->kind != ValueKind::real_per_dimension)
    fail(place, fmt::format("{} has one value, not one per dimension: write partners.{}.{}", path,
                            name, column_name));
  auto& values = per_dimension_member(*partner, *column);
  if (*index >= values.size())
    fail(place, fmt::format("index {} is out of range in {}: partner '{}' has {} {} (indices 0 "
                            "to {})",
                            *index, path, name, values.size(), column_name, values.size() - 1));
  values[*index] = read_real(value, place, path, column->min, column->max);
}

void Loader::check_rules() {
  const auto& p = spec_.parameters;
  const auto n = static_cast<std::int64_t>(spec_.partners.size());
  if (n == 0)
    fail(top_,
         "no partners: a scenario needs at least two, each a [partners.<name>] table with its "
         "capabilities");
  if (n == 1)
    fail(place_for({"partners." + spec_.partners[0].name}),
         fmt::format("a scenario needs at least two partners, found one ('{}')",
                     spec_.partners[0].name));

  // C3: every partner has a specialism on every dimension of the opgave.
  for (const auto& partner : spec_.partners) {
    const std::string path = fmt::format("partners.{}.capabilities", partner.name);
    if (static_cast<std::int64_t>(partner.capabilities.size()) != p.opgave_dimensions)
      fail(place_for({path}), fmt::format("{} must have opgave.dimensions = {} numbers, got {}",
                                          path, p.opgave_dimensions, partner.capabilities.size()));
  }

  for (std::size_t i = 0; i < spec_.partners.size(); ++i) {
    auto& partner = spec_.partners[i];
    const std::string path = fmt::format("partners.{}.interests", partner.name);
    // Empty: the declared default, the capabilities (resolved by resolved_toml and the run).
    if (!partner.interests.empty() &&
        static_cast<std::int64_t>(partner.interests.size()) != p.opgave_dimensions)
      fail(place_for({path, "partners." + partner.name}),
           fmt::format("{} must have opgave.dimensions = {} numbers, got {}", path,
                       p.opgave_dimensions, partner.interests.size()));
  }
  if (p.perspectives_confidence_min > p.perspectives_confidence ||
      p.perspectives_confidence > p.perspectives_confidence_max)
    fail(place_for({"perspectives.confidence", "perspectives.confidence_min",
                    "perspectives.confidence_max"}),
         fmt::format("perspectives.confidence_min ({}) <= perspectives.confidence ({}) <= "
                     "perspectives.confidence_max ({}) must hold",
                     p.perspectives_confidence_min, p.perspectives_confidence,
                     p.perspectives_confidence_max));
  if (p.commitment_passion_weight + p.commitment_trust_weight + p.commitment_interest_weight +
          p.commitment_ownership_weight + p.commitment_goal_weight <=
      0)
    fail(place_for({"commitment.passion_weight", "commitment.trust_weight"}),
         "the five commitment weights (commitment.passion_weight, trust_weight, interest_weight, "
         "ownership_weight, goal_weight) must sum to more than 0");
  check_plan(spec_);

  std::int64_t ties = n * (n - 1);
  if (p.network_kind == model::NetworkKind::small_world) {
    const Place place = place_for({"network.neighbours", "network.kind"});
    // The ring lattice puts half of a partner's ties on each side.
    if (p.network_neighbours % 2 != 0)
      fail(place, fmt::format("network.neighbours must be even for a small_world network (half "
                              "the ties on each side of the ring), got {}",
                              p.network_neighbours));
    if (p.network_neighbours >= n)
      fail(place, fmt::format("network.neighbours must be less than the number of partners ({}) "
                              "for a small_world network, got {}",
                              n, p.network_neighbours));
    ties = n * p.network_neighbours;
    if (ties > kMaxDirectedTies)
      fail(place, fmt::format("the network would have {} directed ties ({} partners x "
                              "network.neighbours = {}); at most {} fit: lower "
                              "network.neighbours or use fewer partners",
                              ties, n, p.network_neighbours, kMaxDirectedTies));
  } else if (ties > kMaxDirectedTies) {
    fail(place_for({"network.kind", "partners." + spec_.partners[0].name}),
         fmt::format("a complete network of {} partners has {} directed ties; at most {} fit: use "
                     "network.kind = \"small_world\" or fewer partners",
                     n, ties, kMaxDirectedTies));
  }

  // /trust at level `full` has one edge coordinate per file (docs/output.md), which a network
  // drawn per replication would break: refused rather than recorded per run (DECISIONS 20).
  if (p.network_per_replication != 0 && p.record_level >= model::RecordLevel::full)
    fail(place_for({"network.per_replication", "record.level"}),
         "network.per_replication = true draws other ties for every replication, but "
         "record.level = \"full\" records trust on one list of ties per file: choose "
         "record.level = \"agents\" or below, or network.per_replication = false");

  // Values one run records (DECISIONS 1); ties are bounded above, so none of this overflows.
  std::int64_t recorded = 0;
  if (p.record_level >= model::RecordLevel::series) recorded += (p.steps + 1) * sim::kMetricCount;
  const std::int64_t samples = p.steps / p.record_agent_interval + 2;
  if (p.record_level >= model::RecordLevel::agents)
    recorded += samples * n * sim::kAgentVariableCount;
  if (p.record_level >= model::RecordLevel::full) recorded += samples * ties;
  if (recorded > kMaxRecordedValues) {
    const ParameterDecl* level = model::find_parameter("record.level");
    fail(place_for({"record.level", "record.agent_interval", "run.steps"}),
         fmt::format("a run would record {} values at record.level = \"{}\" (at most {} = 2^27): "
                     "raise record.agent_interval, lower run.steps or choose a lower record.level",
                     recorded, model::choice_name(*level, static_cast<int>(p.record_level)),
                     kMaxRecordedValues));
  }
}

}  // namespace

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

ScenarioSpec load_scenario_tree(const toml::table& tree, const ScenarioSource& source,
                                std::span<const std::string> overrides) {
  Loader loader{source};
  loader.read_tree(tree);
  // Overrides after the whole file, in order, so a later --set wins; the rules that tie fields
  // together run last, on the values the run will use.
  for (std::size_t i = 0; i < overrides.size(); ++i)
    loader.apply_override(static_cast<int>(i) + 1, overrides[i]);
  loader.check_rules();
  return loader.take(overrides);
}

ScenarioSpec apply_assignments(const ScenarioSpec& base, std::span<const Assignment> assignments) {
  const ScenarioSource source{base.source_label, base.source_text, {base.source_label}};
  Loader loader{source, base};
  for (const auto& assignment : assignments)
    loader.apply_assignment(assignment.text,
                            Place{assignment.origin, assignment.line, assignment.column});
  loader.check_rules();
  ScenarioSpec spec = loader.take();
  for (const auto& assignment : assignments) spec.overrides.push_back(assignment.text);
  return spec;
}

ScenarioSpec load_scenario(std::string_view text, std::string_view label,
                           std::span<const std::string> overrides) {
  const ScenarioSource source{std::string(label), std::string(text), {std::string(label)}};
  return load_scenario_tree(parse_scenario_text(text, label), source, overrides);
}

std::string resolved_toml(const ScenarioSpec& spec) {
  std::string out = "# Resolved scenario: every parameter written out (regiesim).\n";
  out += fmt::format("\n[scenario]\nname = {}\ndescription = {}\n", toml_string(spec.name),
                     toml_string(spec.description));
  std::string_view table;
  for (const auto& decl : model::parameter_table()) {
    if (table_of(decl.path) != table) {
      table = table_of(decl.path);
      out += fmt::format("\n[{}]\n", table);
    }
    std::string value;
    switch (decl.kind) {
      case ValueKind::real:
        value = toml_real(decl.get(spec.parameters));
        break;
      case ValueKind::boolean:
        value = decl.get(spec.parameters) != 0 ? "true" : "false";
        break;
      case ValueKind::integer:
        value = fmt::format("{}", spec.parameters.*decl.integer);
        break;
      case ValueKind::choice:
        value = toml_string(model::choice_name(decl, decl.get_choice(spec.parameters)));
        break;
      case ValueKind::real_per_dimension:
      case ValueKind::text:
        continue;
    }
    out += fmt::format("{} = {}\n", key_of(decl.path), value);
  }
  for (std::size_t id = 0; id < spec.partners.size(); ++id) {
    // Columns with a derived default (interests = capabilities, perspective = (id + 1/2) / N)
    // are written only when declared, so the text reads back to an equal spec.
    const PartnerSpec& partner = spec.partners[id];
    out += fmt::format("\n[partners.{}]\n", partner.name);
    for (const auto& column : model::partner_columns()) {
      if (column.key == "interests" && partner.interests.empty()) continue;
      if (column.key == "perspective" && partner.perspective < 0) continue;
      if (column.kind == ValueKind::text) {
        if (!partner.discipline.empty())
          out += fmt::format("{} = {}\n", column.key, toml_string(partner.discipline));
        continue;
      }
      if (column.kind == ValueKind::real) {
        out += fmt::format("{} = {}\n", column.key, toml_real(partner.*column.real));
      } else {
        std::vector<std::string> values;
        for (const double v : per_dimension_member(partner, column)) values.push_back(toml_real(v));
        out += fmt::format("{} = [{}]\n", column.key, join(values, ", "));
      }
    }
  }
  return out;
}

}  // namespace regiesim::scenario
