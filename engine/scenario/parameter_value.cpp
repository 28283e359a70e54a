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
  std::string_view key = path;
  std::optional<std::size_t> index;
  if (const auto bracket = key.find('['); bracket != std::string_view::npos) {
    if (!key.ends_with(']')) return std::nullopt;
    std::size_t i = 0;
    const char* first = key.data() + bracket + 1;
    const char* last = key.data() + key.size() - 1;
    const auto [end, error] = std::from_chars(first, last, i);
    if (error != std::errc() || end != last || first == last) return std::nullopt;
    index = i;
    key = key.substr(0, bracket);
  }
  if (const model::ParameterDecl* decl = model::find_parameter(key)) {
    if (decl->kind != model::ValueKind::real_per_dimension)
      return index ? std::nullopt
                   : std::optional<ParameterValue>(ParameterValue{
                         std::string(path), decl, nullptr, false, {decl->get(spec.parameters)}});
    std::vector<double> values = decl->dimension_values(spec.parameters);
    if (!index) return ParameterValue{std::string(path), decl, nullptr, true, std::move(values)};
    if (*index >= values.size()) return std::nullopt;
    return ParameterValue{std::string(path), decl, nullptr, false, {values[*index]}};
  }
  constexpr std::string_view prefix = "partners.";
  if (!key.starts_with(prefix)) return std::nullopt;
  const std::string_view rest = key.substr(prefix.size());
  const auto dot = rest.find('.');
  if (dot == std::string_view::npos) return std::nullopt;
  const std::string_view name = rest.substr(0, dot);
  const std::string_view column_name = rest.substr(dot + 1);
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

RecordedPaths::RecordedPaths(const ScenarioSpec& first) : first_(first) {
  for (const model::ParameterDecl& decl : model::parameter_table()) {
    std::string path(decl.path);
    auto value = parameter_value(first, path);
    candidates_.push_back({std::move(path), std::move(value), false, &decl, 0, nullptr});
  }
  for (std::size_t p = 0; p < first.partners.size(); ++p)
    for (const model::PartnerColumnDecl& column : model::partner_columns()) {
      std::string path = "partners." + first.partners[p].name + "." + std::string(column.key);
      auto value = parameter_value(first, path);
      candidates_.push_back({std::move(path), std::move(value), false, nullptr, p, &column});
    }
  add_overrides(first);
}

void RecordedPaths::add_overrides(const ScenarioSpec& scenario) {
  for (const std::string& assignment : scenario.overrides)
    if (auto path = override_path(assignment);
        std::find(overridden_.begin(), overridden_.end(), path) == overridden_.end())
      overridden_.push_back(std::move(path));
}

void RecordedPaths::add(const ScenarioSpec& scenario) {
  for (Candidate& c : candidates_) {
    if (c.differs) continue;
    if (!c.first) {
      c.differs = true;
    } else if (c.parameter != nullptr &&
               c.parameter->kind == model::ValueKind::real_per_dimension) {
      c.differs = c.first->values != c.parameter->dimension_values(scenario.parameters);
    } else if (c.parameter != nullptr) {
      c.differs = c.first->values.size() != 1 ||
                  c.first->values[0] != c.parameter->get(scenario.parameters);
    } else if (c.partner < scenario.partners.size() &&
               scenario.partners[c.partner].name == first_.partners[c.partner].name) {
      c.differs = c.first->values != column_values(scenario.partners[c.partner], *c.column);
    } else {
      const auto other = parameter_value(scenario, c.path);
      c.differs = !other || c.first->values != other->values;
    }
  }
  add_overrides(scenario);
}

std::vector<std::string> RecordedPaths::paths() const {
  std::vector<std::string> paths;
  for (const Candidate& c : candidates_)
    if (c.differs) paths.push_back(c.path);
  for (const std::string& path : overridden_)
    if (std::find(paths.begin(), paths.end(), path) == paths.end() && parameter_value(first_, path))
      paths.push_back(path);
  return paths;
}

std::vector<std::string> recorded_parameter_paths(std::span<const ScenarioSpec> scenarios) {
  if (scenarios.empty()) return {};
  RecordedPaths recorded(scenarios.front());
  for (std::size_t s = 1; s < scenarios.size(); ++s) recorded.add(scenarios[s]);
  return recorded.paths();
}

}  // namespace regiesim::scenario
