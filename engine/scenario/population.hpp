#pragma once
// Generated partners: a [population] table gives a count and, per partner column, a distribution
// to draw each generated partner's value from (docs/scenarios.md, Populations). The partners are
// drawn from the master seed like the network, so every replication and arm meets the same
// organisations; with network.per_replication each replication draws its own from its run seed.
#include <cstdint>
#include <string>
#include <vector>

#include "model/partner_spec.hpp"

namespace regiesim::scenario {

enum class DistributionKind : std::int32_t {
  fixed = 0,    // one value for every partner
  uniform = 1,  // [low, high]
  normal = 2,   // mean, sd, truncated to the column's declared range
  beta = 3,     // shape parameters a, b, scaled to the column's declared range
  list = 4,     // one of the values, each as likely
  mix = 5,      // discipline only: one of the names, with the given weights
};

struct ColumnDistribution {
  std::string column;  // a partner column's key, e.g. "passion"
  DistributionKind kind = DistributionKind::fixed;
  // fixed: {value}; uniform: {low, high}; normal: {mean, sd}; beta: {a, b}; list: the values;
  // mix: the weights, one per name.
  std::vector<double> numbers;
  std::vector<std::string> names;  // mix: the disciplines
  friend bool operator==(const ColumnDistribution&, const ColumnDistribution&) = default;
};

struct Population {
  std::int64_t count = 0;                   // partners to generate; 0: no [population]
  std::vector<ColumnDistribution> columns;  // in file order; a column not given takes its default
  // How many of the spec's partners, the last ones, are the generated ones.
  std::int64_t generated = 0;
  friend bool operator==(const Population&, const Population&) = default;
};

// The most partners a population may generate (partner ids are 32-bit; the network's ties are
// bounded separately).
inline constexpr std::int64_t kMaxPopulation = 10'000'000;

// The name of generated partner `index` (0-based): "p" and the index, at least six digits.
std::string generated_partner_name(std::int64_t index);

// The population's partners, drawn from the streams (step 0, population_column, partner id,
// column) keyed by `key`, where the partner id counts the named partners before them and the
// column is the column's position in model::partner_columns(). A per-dimension column draws its
// `dimensions` values in order from its stream. The distributions are valid (checked by the
// loader).
std::vector<model::PartnerSpec> draw_population(const Population& population, std::int64_t first_id,
                                                std::int64_t dimensions, std::uint64_t key);

struct ScenarioSpec;
// Replaces the spec's generated partners by the ones `key` draws (a run's own population, with
// network.per_replication); nothing to do without a population.
void redraw_population(ScenarioSpec& spec, std::uint64_t key);

// Whether each run draws its own population: network.per_replication and a [population].
bool population_per_replication(const ScenarioSpec& spec);

}  // namespace regiesim::scenario
