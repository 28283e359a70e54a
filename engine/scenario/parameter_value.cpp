#include "scenario/parameter_value.hpp"

#include <algorithm>
#include <charconv>
#include <unordered_map>

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

// The same values where they are, without a copy.
std::span<const double> column_span(const model::PartnerSpec& partner,
                                    const model::PartnerColumnDecl& column) {
  if (column.kind == model::ValueKind::real) return {&(partner.*column.real), 1};
  if (column.kind == model::ValueKind::text) return {};
  if (column.key == "interests" && !partner.interests.empty()) return partner.interests;
  return partner.capabilities;
}

// parameter_value with the partner of a name found by find_partner (nullptr when none).
template <typename FindPartner>
std::optional<ParameterValue> value_of(const ScenarioSpec& spec, std::string_view path,
                                       const FindPartner& find_partner) {
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
  const model::PartnerSpec* partner = find_partner(name);
  const model::PartnerColumnDecl* column = model::find_partner_column(column_name);
  if (partner == nullptr || column == nullptr) return std::nullopt;
  std::vector<double> values = column_values(*partner, *column);
  const bool per_dimension = column->kind == model::ValueKind::real_per_dimension;
  if (index) {
    if (!per_dimension || *index >= values.size()) return std::nullopt;
    return ParameterValue{std::string(path), nullptr, column, false, {values[*index]}};
  }
  return ParameterValue{std::string(path), nullptr, column, per_dimension, std::move(values)};
}

}  // namespace

std::optional<ParameterValue> parameter_value(const ScenarioSpec& spec, std::string_view path) {
  return value_of(spec, path, [&](std::string_view name) -> const model::PartnerSpec* {
    const auto partner = std::find_if(spec.partners.begin(), spec.partners.end(),
                                      [&](const model::PartnerSpec& p) { return p.name == name; });
    return partner == spec.partners.end() ? nullptr : &*partner;
  });
}

std::optional<ParameterValue> ParameterLookup::value(std::string_view path) const {
  return value_of(spec_, path, [&](std::string_view name) -> const model::PartnerSpec* {
    if (!indexed_) {
      partners_.reserve(spec_.partners.size());
      for (std::size_t p = 0; p < spec_.partners.size(); ++p)
        partners_.emplace(spec_.partners[p].name, p);  // the first of a name stays
      indexed_ = true;
    }
    const auto at = partners_.find(name);
    return at == partners_.end() ? nullptr : &spec_.partners[at->second];
  });
}

std::string override_path(std::string_view assignment) {
  return std::string(trim(assignment.substr(0, assignment.find('='))));
}

RecordedPaths::RecordedPaths(const ScenarioSpec& first) : first_(first) {
  for (const model::ParameterDecl& decl : model::parameter_table()) {
    std::string path(decl.path);
    auto value = parameter_value(first, path);
    candidates_.push_back({std::move(path), std::move(value), false, &decl});
  }
  add_overrides(first);
}

void RecordedPaths::index_partners() {
  // What parameter_value(first, "partners.<name>.<key>") names, resolved once: the first partner
  // of the name, and nothing for a name with a '.' or a '[' (the path would split there; the
  // loader allows neither) or a key that names no column. Done at the first other scenario: a
  // file of one scenario (a run) records no partner column, and hashing the names of 10^6
  // generated partners cost it half a second and a table of tens of megabytes.
  const auto columns = model::partner_columns();
  for (const model::PartnerColumnDecl& column : columns)
    named_column_.push_back(model::find_partner_column(column.key));
  std::unordered_map<std::string_view, std::size_t> by_name;
  by_name.reserve(first_.partners.size());
  named_partner_.reserve(first_.partners.size());
  for (std::size_t p = 0; p < first_.partners.size(); ++p) {
    const std::string& name = first_.partners[p].name;
    const std::size_t named = by_name.emplace(name, p).first->second;
    named_partner_.push_back(name.find_first_of(".[") == std::string::npos ? named : kNone);
  }
  partner_differs_.assign(first_.partners.size() * columns.size(), 0);
  partners_indexed_ = true;
}

std::string RecordedPaths::partner_path(std::size_t partner, std::size_t column) const {
  return "partners." + first_.partners[partner].name + "." +
         std::string(model::partner_columns()[column].key);
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
    } else if (c.parameter->kind == model::ValueKind::real_per_dimension) {
      c.differs = c.first->values != c.parameter->dimension_values(scenario.parameters);
    } else {
      c.differs = c.first->values.size() != 1 ||
                  c.first->values[0] != c.parameter->get(scenario.parameters);
    }
  }
  if (!partners_indexed_) index_partners();
  const auto columns = model::partner_columns();
  std::optional<ParameterLookup> by_name;  // for partners not at their first position, if any
  for (std::size_t p = 0; p < named_partner_.size(); ++p)
    for (std::size_t k = 0; k < columns.size(); ++k) {
      unsigned char& differs = partner_differs_[p * columns.size() + k];
      if (differs) continue;
      if (named_partner_[p] == kNone || named_column_[k] == nullptr) {
        differs = 1;
        continue;
      }
      const std::span<const double> first =
          column_span(first_.partners[named_partner_[p]], *named_column_[k]);
      if (p < scenario.partners.size() && scenario.partners[p].name == first_.partners[p].name) {
        // std::equal, not std::ranges::equal: the classroom build's libc++ 13 lacks the latter.
        const std::span<const double> own = column_span(scenario.partners[p], columns[k]);
        differs = !std::equal(first.begin(), first.end(), own.begin(), own.end());
      } else {
        if (!by_name) by_name.emplace(scenario);
        const auto other = by_name->value(partner_path(p, k));
        differs = !other || !std::equal(first.begin(), first.end(), other->values.begin(),
                                        other->values.end());
      }
    }
  add_overrides(scenario);
}

std::vector<std::string> RecordedPaths::paths() const {
  std::vector<std::string> paths;
  for (const Candidate& c : candidates_)
    if (c.differs) paths.push_back(c.path);
  const std::size_t columns = model::partner_columns().size();
  for (std::size_t p = 0; p < named_partner_.size(); ++p)
    for (std::size_t k = 0; k < columns; ++k)
      if (partner_differs_[p * columns + k]) paths.push_back(partner_path(p, k));
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
