#include "comparison/arm_agreement.hpp"

#include <fmt/format.h>

#include <vector>

#include "model/parameter_table.hpp"

namespace regiesim::comparison {

namespace {

// The keys both arms must share, in the order they are checked (partners come first).
std::vector<const model::ParameterDecl*> shared_keys() {
  std::vector<const model::ParameterDecl*> keys;
  keys.push_back(model::find_parameter("opgave.dimensions"));
  for (const model::ParameterDecl& decl : model::parameter_table())
    if (decl.path.starts_with("network.")) keys.push_back(&decl);
  for (std::string_view path :
       {"run.seed", "run.replications", "run.steps", "record.level", "record.agent_interval"})
    keys.push_back(model::find_parameter(path));
  return keys;
}

std::string partner_list(const scenario::ScenarioSpec& spec) {
  std::string names;
  for (const model::PartnerSpec& p : spec.partners) names += (names.empty() ? "" : ", ") + p.name;
  return fmt::format("{} partners ({})", spec.partner_count(), names);
}

}  // namespace

std::optional<ArmDifference> first_difference(const scenario::ScenarioSpec& arm0,
                                              const scenario::ScenarioSpec& arm1) {
  const std::size_t common = std::min(arm0.partners.size(), arm1.partners.size());
  for (std::size_t i = 0; i < common; ++i)
    if (arm0.partners[i].name != arm1.partners[i].name)
      return ArmDifference{
          .key = "partners",
          .value_0 = fmt::format("partner {} is {}", i + 1, arm0.partners[i].name),
          .value_1 = fmt::format("partner {} is {}", i + 1, arm1.partners[i].name)};
  if (arm0.partners.size() != arm1.partners.size())
    return ArmDifference{
        .key = "partners", .value_0 = partner_list(arm0), .value_1 = partner_list(arm1)};
  for (const model::ParameterDecl* decl : shared_keys()) {
    if (decl == nullptr) continue;  // every path above is declared; a test checks the keys
    const std::string a = model::format_setting(*decl, arm0.parameters);
    const std::string b = model::format_setting(*decl, arm1.parameters);
    if (a != b) return ArmDifference{.key = std::string(decl->path), .value_0 = a, .value_1 = b};
  }
  return std::nullopt;
}

}  // namespace regiesim::comparison
