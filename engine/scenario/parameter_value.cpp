#include "scenario/parameter_value.hpp"

#include <algorithm>
#include <charconv>

namespace regiesim::scenario {

namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

std::vector<double> column_values(const model::PartnerSpec& partner,
                                  const model::PartnerColumnDecl& column) {
  if (column.kind == model::ValueKind::real) return {partner.*column.real};
  if (column.kind == model::ValueKind::text) return {};  // a name: no number (never swept)
  if (column.key == "interests" && !partner.interests.empty()) return partner.interests;
  return partner.capabilities;  // interests default to the capabilities
}

}  // namespace

std::optional<ParameterValue> parameter_value(const ScenarioSpec& spec, std::string_view path) {
  path = trim(path);
  if (const model::ParameterDecl* decl = model::find_parameter(path))
    return ParameterValue{std::string(path), decl, nullptr, false, {decl->get(spec.parameters)}};
  constexpr std::string_view prefix = "partners.";
  if (!path.starts_with(prefix)) return std::nullopt;
  const std::string_view rest = path.substr(prefix.size());
  const auto dot = rest.find('.');
  if (dot == std::string_view::npos) return std::nullopt;
  const std::string_view name = rest.substr(0, dot);
  std::string_view column_name = rest.substr(dot + 1);
  std::optional<std::size_t> index;
  if (const auto bracket = column_name.find('['); bracket != std::string_view::npos) {
    if (!column_name.ends_with(']')) return std::nullopt;
    std::size_t i = 0;
    const char* first = column_name.data() + bracket + 1;
    const char* last = column_name.data() + column_name.size() - 1;
    const auto [end, error] = std::from_chars(first, last, i);
    if (error != std::errc() || end != last || first == last) return std::nullopt;
    index = i;
    column_name = column_name.substr(0, bracket);
  }
  auto partner = std::find_if(spec.partners.begin(), spec.partners.end(),
                              [&](const model::PartnerSpec& p) { return p.name == name; });
  const model::PartnerColumnDecl* column = model::find_partner_column(column_name);
  if (partner == spec.partners.end() || column == nullptr) return std::nullopt;
  std::vector<double> values = column_values(*partner, *column);
  const bool per_dimension = column->kind == model::ValueKind::real_per_dimension;
  if (index) {
    if (!per_dimension || *index >= values.size()) return std::nullopt;
    return ParameterValue{std::string(path), nullptr, column, false, {values[*index]}};
  }
  return ParameterValue{std::string(path), nullptr, column, per_dimension, std::move(values)};
}

std::string override_path(std::string_view assignment) {
  return std::string(trim(assignment.substr(0, assignment.find('='))));
}

std::vector<std::string> recorded_parameter_paths(std::span<const ScenarioSpec> scenarios) {
  std::vector<std::string> paths;
  if (scenarios.empty()) return paths;
  const ScenarioSpec& first = scenarios.front();
  auto differs = [&](const std::string& path) {
    const auto base = parameter_value(first, path);
    return std::any_of(scenarios.begin() + 1, scenarios.end(), [&](const ScenarioSpec& s) {
      const auto other = parameter_value(s, path);
      return !base || !other || base->values != other->values;
    });
  };
  for (const model::ParameterDecl& decl : model::parameter_table())
    if (std::string path(decl.path); differs(path)) paths.push_back(std::move(path));
  for (const model::PartnerSpec& partner : first.partners)
    for (const model::PartnerColumnDecl& column : model::partner_columns())
      if (auto path = "partners." + partner.name + "." + std::string(column.key); differs(path))
        paths.push_back(std::move(path));
  for (const ScenarioSpec& s : scenarios)
    for (const std::string& assignment : s.overrides)
      if (auto path = override_path(assignment);
          std::find(paths.begin(), paths.end(), path) == paths.end() &&
          parameter_value(first, path))
        paths.push_back(std::move(path));
  return paths;
}

}  // namespace regiesim::scenario
