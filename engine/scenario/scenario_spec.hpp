#pragma once
// A validated scenario: what a run holds as const and never changes (freeze the
// description before running it). Built only by load_scenario(), which checks every value.
#include <string>
#include <vector>

#include "model/parameters.hpp"
#include "model/partner_spec.hpp"
#include "model/plan.hpp"

namespace regiesim::scenario {

struct ScenarioSpec {
  std::string name;         // [scenario] name
  std::string description;  // [scenario] description
  model::Parameters parameters;
  std::vector<model::PartnerSpec> partners;  // id = position, in the order of the file
  std::vector<model::PlanEntry> plan;  // [[regisseur.plan]], in file order (design decision 18)

  std::string source_label;            // the file (or label) the text came from
  std::string source_text;             // the text exactly as read, kept in the output's manifest
  std::vector<std::string> overrides;  // the --set assignments applied, in order

  int partner_count() const { return static_cast<int>(partners.size()); }
  int dimensions() const { return static_cast<int>(parameters.opgave_dimensions); }
};

}  // namespace regiesim::scenario
