#include "scenario/plan_reader.hpp"

#include <fmt/format.h>

#include "model/parameter_table.hpp"
#include "scenario/did_you_mean.hpp"
#include "scenario/input_error.hpp"

namespace regiesim::scenario {

namespace {

struct Where {
  std::string origin;
  int line;
  int column;
};

Where where(const toml::node& node, const std::string& origin) {
  const auto& region = node.source();
  return {region.path ? *region.path : origin, static_cast<int>(region.begin.line),
          static_cast<int>(region.begin.column)};
}

[[noreturn]] void fail(const Where& at, std::string message) {
  throw InputError(at.origin, at.line, at.column, std::move(message));
}

std::vector<std::string> intervention_names() {
  std::vector<std::string> names;
  for (const auto& a : model::kArsenal) names.emplace_back(a.name);
  return names;
}

}  // namespace

void read_plan(const toml::node& node, const std::string& origin,
               std::vector<model::PlanEntry>& plan) {
  const auto* array = node.as_array();
  if (array == nullptr || !array->is_array_of_tables())
    fail(where(node, origin),
         "regisseur.plan is a schedule: write each entry as [[regisseur.plan]] with week, "
         "intervention and target");
  for (const auto& element : *array) {
    const auto& table = *element.as_table();
    const Where at = where(element, origin);
    model::PlanEntry entry{.week = 0,
                           .intervention = model::Intervention::convene,
                           .target_name = "all",
                           .target = model::kAllPartners,
                           .intensity = 1.0,
                           .origin = at.origin,
                           .line = at.line,
                           .column = at.column};
    bool has_week = false;
    bool has_intervention = false;
    for (const auto& [key, value] : table) {
      const Where vat = where(value, origin);
      const std::string_view name = key.str();
      if (name == "week") {
        const auto* week = value.as_integer();
        if (week == nullptr || week->get() < 1 || week->get() > 100000)
          fail(vat, "regisseur.plan week must be an integer from 1 to run.steps");
        entry.week = static_cast<std::int32_t>(week->get());
        has_week = true;
      } else if (name == "intervention") {
        const auto* text = value.as_string();
        const std::vector<std::string> names = intervention_names();
        int found = -1;
        for (int a = 0; text != nullptr && a < model::kInterventionCount; ++a)
          if (model::kArsenal[static_cast<std::size_t>(a)].name == text->get()) found = a;
        if (found < 0) {
          std::string message = "regisseur.plan intervention must be one of the arsenal's names";
          if (text != nullptr)
            if (auto match = closest_match(text->get(), names))
              message += fmt::format("; did you mean \"{}\"?", *match);
          fail(vat, message);
        }
        entry.intervention = model::kArsenal[static_cast<std::size_t>(found)].kind;
        has_intervention = true;
      } else if (name == "target") {
        const auto* text = value.as_string();
        if (text == nullptr) fail(vat, "regisseur.plan target must be a partner's name or \"all\"");
        entry.target_name = text->get();
      } else if (name == "intensity") {
        const auto number = value.value<double>();
        if (!number || !(*number >= 0.0 && *number <= 1.0))
          fail(vat, "regisseur.plan intensity must be a number from 0 to 1");
        entry.intensity = *number;
      } else {
        std::string message = fmt::format(
            "unknown key '{}' in [[regisseur.plan]]; the keys are week, intervention, target, "
            "intensity",
            name);
        if (auto match = closest_match(
                name, std::vector<std::string>{"week", "intervention", "target", "intensity"}))
          message = fmt::format("unknown key '{}' in [[regisseur.plan]]; did you mean '{}'?", name,
                                *match);
        fail(where(value, origin), message);
      }
    }
    if (!has_week || !has_intervention)
      fail(at, "each [[regisseur.plan]] entry needs a week and an intervention");
    plan.push_back(std::move(entry));
  }
}

void check_plan(ScenarioSpec& spec, const detail::Place& strategy) {
  const bool planned = spec.parameters.regisseur_strategy == model::Strategy::planned;
  if (planned && spec.plan.empty())
    throw InputError(strategy.origin, strategy.line, strategy.column,
                     "regisseur.strategy = \"planned\" needs a schedule: add [[regisseur.plan]] "
                     "entries with week, intervention and target");
  for (auto& entry : spec.plan) {
    const Where at{entry.origin, entry.line, entry.column};
    if (!planned)
      fail(at,
           "a [[regisseur.plan]] is applied only with regisseur.strategy = \"planned\"; set it, or "
           "remove the plan");
    if (entry.week > spec.parameters.steps)
      fail(at, fmt::format("regisseur.plan week {} lies after the last week (run.steps = {})",
                           entry.week, spec.parameters.steps));
    const auto& decl =
        model::kArsenal[static_cast<std::size_t>(model::arsenal_index(entry.intervention))];
    if (entry.target_name == "all") {
      entry.target = model::kAllPartners;
      continue;
    }
    if (decl.scope == model::Scope::group)
      fail(at, fmt::format("{} acts on the whole collaboration: its target must be \"all\"",
                           decl.name));
    entry.target = -2;
    std::vector<std::string> names;
    for (std::size_t i = 0; i < spec.partners.size(); ++i) {
      names.push_back(spec.partners[i].name);
      if (spec.partners[i].name == entry.target_name) entry.target = static_cast<std::int32_t>(i);
    }
    if (entry.target == -2) {
      std::string message =
          fmt::format("regisseur.plan target '{}' is not a partner", entry.target_name);
      if (auto match = closest_match(entry.target_name, names))
        message += fmt::format("; did you mean '{}'?", *match);
      fail(at, message);
    }
  }
}

}  // namespace regiesim::scenario
