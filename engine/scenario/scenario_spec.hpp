#pragma once
// A validated scenario: what a run holds as const and never changes (freeze the
// description before running it). Built only by load_scenario(), which checks every value.
#include <string>
#include <vector>

#include "model/parameters.hpp"
#include "model/partner_spec.hpp"
#include "model/plan.hpp"
#include "network/network.hpp"
#include "scenario/population.hpp"

namespace regiesim::scenario {

struct ScenarioSpec {
  std::string name;         // [scenario] name
  std::string description;  // [scenario] description
  model::Parameters parameters;
  std::vector<model::PartnerSpec> partners;  // id = position, in the order of the file
  std::vector<model::PlanEntry> plan;  // [[regisseur.plan]], in file order (design decision 18)
  // network.kind = "edge_list": the ties, by partner id, from the file network.file names (read
  // by io/, parsed here) or written inline as network.ties (the resolved text keeps them so).
  std::vector<network::GivenTie> network_ties;
  std::string network_file;  // as written in the scenario; empty when the ties are inline
  // [population]: partners generated from the seed, after the named ones (population.hpp).
  Population population;

  std::string source_label;            // the file (or label) the text came from
  std::string source_text;             // the text exactly as read, kept in the output's manifest
  std::vector<std::string> overrides;  // the --set assignments applied, in order

  int partner_count() const { return static_cast<int>(partners.size()); }
  int dimensions() const { return static_cast<int>(parameters.opgave_dimensions); }
};

}  // namespace regiesim::scenario
