#pragma once
// The value of one dotted parameter path in a validated scenario, and which paths a results file
// records per run (design decision 1: /parameters holds every parameter that varies between the
// scenarios of a file, or that a --set, an arm or a design point overrides).
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "model/parameter_table.hpp"
#include "scenario/scenario_spec.hpp"

namespace regiesim::scenario {

struct ParameterValue {
  std::string path;                                  // e.g. "trust.loss", "partners.ggz.passion"
  const model::ParameterDecl* parameter = nullptr;   // a model parameter, or
  const model::PartnerColumnDecl* column = nullptr;  // a partner column
  bool per_dimension = false;  // a whole per-dimension column: one value per opgave dimension
  std::vector<double> values;  // one value (a choice as its index), or one per dimension
};

// nullopt when the path names nothing in this scenario. Accepts what --set accepts: model
// parameters, <parameter>[<index>] of a per-dimension one, partners.<name>.<column> and
// partners.<name>.<column>[<index>]. A per-dimension parameter the scenario does not give has its
// declared default on every dimension.
std::optional<ParameterValue> parameter_value(const ScenarioSpec& spec, std::string_view path);

// The path of a --set assignment ("trust.loss=0.3" -> "trust.loss"), trimmed.
std::string override_path(std::string_view assignment);

// The paths a file of these scenarios records per run: every model parameter and partner column
// whose value differs between them (in table order), then every overridden path not yet listed
// (in the order of the overrides). The scenarios must have the same partners.
std::vector<std::string> recorded_parameter_paths(std::span<const ScenarioSpec> scenarios);

// The same, gathered one scenario at a time, for scenarios made on demand (a sweep's design
// points: holding 10^5 of them at once would take a gigabyte, issue 16).
class RecordedPaths {
 public:
  explicit RecordedPaths(const ScenarioSpec& first);
  // Each scenario after the first, in order.
  void add(const ScenarioSpec& scenario);
  std::vector<std::string> paths() const;

 private:
  struct Candidate {
    std::string path;
    std::optional<ParameterValue> first;
    bool differs = false;
    // Where the value is, so that a point costs no lookup by path: a model parameter, or a
    // column of the partner at this position.
    const model::ParameterDecl* parameter = nullptr;
    std::size_t partner = 0;
    const model::PartnerColumnDecl* column = nullptr;
  };
  void add_overrides(const ScenarioSpec& scenario);
  const ScenarioSpec& first_;
  std::vector<Candidate> candidates_;    // every model parameter and partner column, table order
  std::vector<std::string> overridden_;  // in the order first overridden
};

}  // namespace regiesim::scenario
