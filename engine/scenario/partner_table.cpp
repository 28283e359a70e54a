#include "scenario/partner_table.hpp"

#include <algorithm>
#include <optional>
#include <utility>
#include <vector>

#include "scenario/did_you_mean.hpp"
#include "scenario/loader.hpp"
#include "scenario/parameter_keys.hpp"
#include "scenario/toml_text.hpp"

namespace regiesim::scenario::detail {

using model::PartnerColumnDecl;
using model::PartnerSpec;
using model::ValueKind;

bool valid_partner_name(std::string_view name) {
  if (name.empty() || name.size() > kMaxPartnerNameLength) return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '-';
  });
}

PartnerSpec default_partner(std::string name) {
  PartnerSpec partner{};
  partner.name = std::move(name);
  for (const auto& column : model::partner_columns())
    if (column.kind == ValueKind::real && column.default_value)
      partner.*column.real = *column.default_value;
  return partner;
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
    // A plan's target "all" means every active partner; a partner of that name would make a
    // target ambiguous.
    if (name == "all")
      fail(place_of(name_key->source()),
           "a partner may not be named 'all': [[regisseur.plan]] uses target = \"all\" for every "
           "partner; choose another name");
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
    std::vector<double> values = read_dimensions(node, fixed, path, column.min, column.max);
    // Empty would stand for "not declared" (interests: the capabilities), so an empty array is
    // refused rather than silently read as the default.
    if (values.empty())
      fail(place, fmt::format("{} must have opgave.dimensions numbers, one per dimension; got an "
                              "empty array{}",
                              path,
                              column.key == "interests"
                                  ? " (leave the key out for interests equal to the capabilities)"
                                  : ""));
    per_dimension_member(partner, column) = std::move(values);
  }
  places_[path] = place;
}

// partners.<name>.<column> or partners.<name>.capabilities[<index>], for a partner of the file.
void Loader::apply_partner_override(std::string_view path, const toml::node& value,
                                    const Place& place) {
  const std::string_view rest = path.substr(std::string_view("partners.").size());
  const auto dot = rest.find('.');
  const std::string_view name = rest.substr(0, dot);
  auto partner = std::find_if(spec_.partners.begin(), spec_.partners.end(),
                              [&](const PartnerSpec& p) { return p.name == name; });
  if (partner == spec_.partners.end() && spec_.population.count > 0 && name.size() >= 7 &&
      name[0] == 'p')
    fail(place, fmt::format("partner '{}' in {} is not a named partner; generated partners take "
                            "their columns from [population], e.g. population.passion = 0.7",
                            name, path));
  if (partner == spec_.partners.end()) {
    std::vector<std::string> names;
    for (const auto& p : spec_.partners) names.push_back(p.name);
    if (auto match = closest_match(name, names))
      fail(place,
           fmt::format("unknown partner '{}' in {}; did you mean '{}'?", name, path, *match));
    fail(place, fmt::format("unknown partner '{}' in {}; the partners are {}", name, path,
                            join(names, ", ")));
  }
  const auto named = static_cast<std::ptrdiff_t>(spec_.partners.size()) -
                     static_cast<std::ptrdiff_t>(spec_.population.generated);
  if (partner - spec_.partners.begin() >= named)
    fail(place, fmt::format("partner '{}' in {} is generated by [population]; set its column "
                            "for every generated partner, e.g. population.passion = 0.7",
                            name, path));
  if (dot == std::string_view::npos)
    fail(place, fmt::format("{} names a partner, not a value; give one of its columns, e.g. "
                            "partners.{}.passion",
                            path, name));
  const auto [column_name, index] = split_index(rest.substr(dot + 1), place, path);
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
  // Interests not declared are the capabilities (ODD 5): one of them set alone starts from there.
  if (values.empty() && column->key == "interests") values = partner->capabilities;
  if (values.empty())
    fail(place, fmt::format("{}: partner '{}' has no {} to index; set the whole array, "
                            "partners.{}.{}=[...]",
                            path, name, column_name, name, column_name));
  if (*index >= values.size())
    fail(place, fmt::format("index {} is out of range in {}: partner '{}' has {} {} (indices 0 "
                            "to {})",
                            *index, path, name, values.size(), column_name, values.size() - 1));
  values[*index] = read_real(value, place, path, column->min, column->max);
}

}  // namespace regiesim::scenario::detail
