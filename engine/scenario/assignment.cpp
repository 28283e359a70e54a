// --set assignments and a sweep's design-point assignments ("dotted.path=value"): the value in
// TOML syntax, checked by the same code as a file's values, at the assignment's place.
#include <fmt/format.h>

#include <vector>

#include "scenario/did_you_mean.hpp"
#include "scenario/loader.hpp"
#include "scenario/number_overflow.hpp"
#include "scenario/parameter_keys.hpp"
#include "scenario/toml_hazard.hpp"
#include "scenario/toml_text.hpp"

namespace regiesim::scenario::detail {

using model::ParameterDecl;

namespace {

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

}  // namespace

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
  } else if (path.starts_with("population.")) {
    set_population_entry(path.substr(std::string_view("population.").size()), value, &place);
  } else if (const ParameterDecl* whole = model::find_parameter(path.substr(0, path.find('[')));
             whole != nullptr) {
    // One number of a per-dimension parameter: regisseur.capabilities[1].
    const IndexedKey key = split_index(path, place, path);
    set_parameter_element(*whole, key.index.value_or(0), value, place, path);
  } else if (const auto* renamed = renamed_parameter(path.substr(0, path.find('[')))) {
    fail(place, fmt::format("unknown parameter '{}'{}", path, renamed_message(*renamed, "")));
  } else if (path == "regisseur.plan") {
    fail(place,
         "regisseur.plan is a schedule of [[regisseur.plan]] tables (week, intervention, target, "
         "intensity); write it in the scenario file, it cannot be set with --set");
  } else if (has_parameters_below(path)) {
    fail(place, fmt::format("{} is a table, not a value: set one of its keys, {}.<key>, with the "
                            "keys {}",
                            path, path, join(keys_of_table(path), ", ")));
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

}  // namespace regiesim::scenario::detail
