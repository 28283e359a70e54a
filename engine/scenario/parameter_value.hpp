#pragma once
// The value of one dotted parameter path in a validated scenario, and which paths a results file
// records per run (design decision 1: /parameters holds every parameter that varies between the
// scenarios of a file, or that a --set, an arm or a design point overrides).
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
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

// parameter_value for many paths of one scenario: the partners indexed by name once (the first of
// each name, as parameter_value finds it), so that a path costs no scan of the partners. A
// generated population has 10^4-10^6 partners, and one scan per partner column made a results
// file's set-up quadratic in them. The index is built at the first partner path asked for: the
// paths a run records are mostly model parameters (a `--set` of 10^6 partners' run hashed every
// name for none, half a second). The scenario must outlive the lookup; one thread at a time.
class ParameterLookup {
 public:
  explicit ParameterLookup(const ScenarioSpec& spec) : spec_(spec) {}
  std::optional<ParameterValue> value(std::string_view path) const;

 private:
  const ScenarioSpec& spec_;
  mutable std::unordered_map<std::string_view, std::size_t> partners_;
  mutable bool indexed_ = false;
};

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
  // A model parameter: its value in the first scenario, and whether another differs.
  struct Candidate {
    std::string path;
    std::optional<ParameterValue> first;
    bool differs = false;
    const model::ParameterDecl* parameter = nullptr;
  };
  // The partners' columns are read where they are, in first_ and in each scenario, with no path
  // or copied value per partner: 10^6 partners would otherwise hold gigabytes here.
  std::string partner_path(std::size_t partner, std::size_t column) const;
  void add_overrides(const ScenarioSpec& scenario);
  void index_partners();  // named_partner_, named_column_, partner_differs_: at the first add
  const ScenarioSpec& first_;
  std::vector<Candidate> candidates_;  // every model parameter, table order
  // Per partner position, the partner whose value its paths name in first_ (the first of its
  // name), or kNone when they name nothing; per column, the column its key names.
  static constexpr std::size_t kNone = static_cast<std::size_t>(-1);
  std::vector<std::size_t> named_partner_;
  std::vector<const model::PartnerColumnDecl*> named_column_;
  std::vector<unsigned char> partner_differs_;  // [partner * columns + column]
  bool partners_indexed_ = false;  // before it, no partner column differs (named_partner_ empty)
  std::vector<std::string> overridden_;  // in the order first overridden
};

}  // namespace regiesim::scenario
