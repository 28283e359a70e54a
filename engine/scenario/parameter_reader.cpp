// The declared model-wide parameters: [run], [network], [opgave], ..., [regisseur] with its
// arsenal sub-tables (regisseur.arsenal.<intervention>.enabled, .effectiveness, .cost);
// [[regisseur.plan]] is handed to plan_reader.
#include <fmt/format.h>

#include <stdexcept>

#include "scenario/loader.hpp"
#include "scenario/parameter_keys.hpp"
#include "scenario/plan_reader.hpp"
#include "scenario/toml_text.hpp"

namespace regiesim::scenario::detail {

using model::ParameterDecl;
using model::ValueKind;

void Loader::read_parameter_table(const std::string& table_name, const toml::node& node) {
  const auto& table = expect_table(node, fmt::format("[{}]", table_name));
  for (const auto& [k, value] : in_file_order(table)) {
    const std::string path = fmt::format("{}.{}", table_name, k->str());
    const ParameterDecl* decl = model::find_parameter(path);
    if (!decl && value->is_table() && has_parameters_below(path)) {
      // A dotted key or sub-table, e.g. [regisseur] arsenal.reflect.cost = 0.3.
      read_parameter_table(path, *value);
      continue;
    }
    if (!decl && has_parameters_below(path))
      fail(place_of(k->source()),
           fmt::format("{} is a table, not a value: its keys are {} (e.g. {}.{} = ...)", path,
                       join(keys_of_table(path), ", "), k->str(), keys_of_table(path).front()));
    if (!decl && table_name == "network" && (k->str() == "file" || k->str() == "ties")) {
      if (k->str() == "file") {
        const Place place = place_of(value->source());
        spec_.network_file = read_text(*value, place, "network.file", 4096);
        places_["network.file"] = place;
      } else {
        read_network_ties(*value);
      }
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
    case ValueKind::real_per_dimension: {
      std::vector<double> values =
          read_dimensions(node, fixed, std::string(decl.path), decl.min, decl.max);
      // Empty stands for "not given" (the default on every dimension): an empty array is refused
      // here, as the rule on lengths would refuse it for a partner's capabilities.
      if (values.empty())
        fail(place,
             fmt::format("{} must have opgave.dimensions numbers, one per dimension; got an "
                         "empty array (leave the key out for {} on every dimension)",
                         decl.path, model::format_number(decl.default_value, ValueKind::real)));
      spec_.parameters.*decl.reals = std::move(values);
      break;
    }
    case ValueKind::text:
      throw std::logic_error(fmt::format("parameter {} is declared as a name", decl.path));
  }
  places_[std::string(decl.path)] = place;
}

void Loader::set_parameter_element(const ParameterDecl& decl, std::size_t index,
                                   const toml::node& node, const Place& place,
                                   std::string_view path) {
  if (decl.kind != ValueKind::real_per_dimension)
    fail(place, fmt::format("{} has one value, not one per dimension: write {}", path, decl.path));
  std::vector<double>& values = spec_.parameters.*decl.reals;
  // Not given yet: the declared default on each of the opgave.dimensions dimensions, of which
  // this assignment changes one.
  if (values.empty()) values = decl.dimension_values(spec_.parameters);
  if (index >= values.size())
    fail(place, fmt::format("index {} is out of range in {}: {} has {} numbers (indices 0 to {})",
                            index, path, decl.path, values.size(), values.size() - 1));
  values[index] = read_real(node, place, path, decl.min, decl.max);
}

std::vector<double> Loader::read_dimensions(const toml::node& node, Fixed fixed,
                                            const std::string& path, double min, double max) const {
  const Place place = at(node, fixed);
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
    values.push_back(
        read_real((*array)[i], at((*array)[i], fixed), fmt::format("{}[{}]", path, i), min, max));
  return values;
}

}  // namespace regiesim::scenario::detail
