#include "scenario/population.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <boost/math/distributions/normal.hpp>
#include <boost/random/beta_distribution.hpp>
#include <cmath>
#include <stdexcept>

#include "model/parameter_table.hpp"
#include "network/network.hpp"
#include "random/random_stream.hpp"
#include "scenario/scenario_spec.hpp"

namespace regiesim::scenario {

namespace {

// One value of `d` for a column declared on [min, max], from `stream`.
double draw(const ColumnDistribution& d, double min, double max, random::RandomStream& stream) {
  const std::vector<double>& x = d.numbers;
  switch (d.kind) {
    case DistributionKind::fixed:
      return x[0];
    case DistributionKind::uniform:
      return x[0] + (x[1] - x[0]) * stream.uniform01();
    case DistributionKind::normal: {
      // Truncated to [min, max] by inverting the CDF on the range's share of the normal: one
      // uniform draw per value, however little of the normal the range holds.
      const boost::math::normal_distribution<double> normal(x[0], x[1]);
      const double low = boost::math::cdf(normal, min);
      const double high = boost::math::cdf(normal, max);
      const double u = low + (high - low) * stream.uniform01();
      if (u <= 0.0) return min;
      if (u >= 1.0) return max;
      return std::clamp(boost::math::quantile(normal, u), min, max);
    }
    case DistributionKind::beta: {
      boost::random::beta_distribution<double> beta(x[0], x[1]);
      return min + (max - min) * beta(stream);
    }
    case DistributionKind::list: {
      const auto n = static_cast<double>(x.size());
      const auto index =
          std::min(x.size() - 1, static_cast<std::size_t>(std::floor(stream.uniform01() * n)));
      return x[index];
    }
    case DistributionKind::mix:
      break;
  }
  throw std::logic_error(fmt::format("population: {} cannot have this distribution", d.column));
}

// The index of the name a mix draws: the first whose cumulative weight exceeds u times the total.
std::size_t draw_name(const ColumnDistribution& d, random::RandomStream& stream) {
  double total = 0;
  for (const double w : d.numbers) total += w;
  const double u = stream.uniform01() * total;
  double cumulative = 0;
  for (std::size_t i = 0; i < d.numbers.size(); ++i) {
    cumulative += d.numbers[i];
    if (u < cumulative) return i;
  }
  return d.numbers.size() - 1;
}

}  // namespace

std::string generated_partner_name(std::int64_t index) {
  return fmt::format("p{:06d}", index);
}

std::vector<model::PartnerSpec> draw_population(const Population& population, std::int64_t first_id,
                                                std::int64_t dimensions, std::uint64_t key) {
  const auto columns = model::partner_columns();
  // Per declared column, its distribution in the population (nullptr: the column's default).
  std::vector<const ColumnDistribution*> given(columns.size(), nullptr);
  for (const ColumnDistribution& d : population.columns)
    for (std::size_t c = 0; c < columns.size(); ++c)
      if (columns[c].key == d.column) given[c] = &d;

  std::vector<model::PartnerSpec> partners;
  partners.reserve(static_cast<std::size_t>(population.count));
  for (std::int64_t g = 0; g < population.count; ++g) {
    model::PartnerSpec partner{};
    partner.name = generated_partner_name(g);
    const auto id = static_cast<std::uint32_t>(first_id + g);
    for (std::size_t c = 0; c < columns.size(); ++c) {
      const model::PartnerColumnDecl& column = columns[c];
      const ColumnDistribution* d = given[c];
      if (d == nullptr) {
        if (column.kind == model::ValueKind::real && column.default_value)
          partner.*column.real = *column.default_value;
        continue;  // a derived default (interests, perspective, discipline) stays unset
      }
      random::RandomStream stream(random::RunSeed{key}, 0, random::Purpose::population_column, id,
                                  static_cast<std::uint32_t>(c));
      if (column.kind == model::ValueKind::text) {
        partner.discipline = d->names[draw_name(*d, stream)];
      } else if (column.kind == model::ValueKind::real) {
        partner.*column.real = draw(*d, column.min, column.max, stream);
      } else {
        std::vector<double>& values =
            column.key == "capabilities" ? partner.capabilities : partner.interests;
        values.resize(static_cast<std::size_t>(dimensions));
        for (double& v : values) v = draw(*d, column.min, column.max, stream);
      }
    }
    partners.push_back(std::move(partner));
  }
  return partners;
}

void redraw_population(ScenarioSpec& spec, std::uint64_t key) {
  if (spec.population.count == 0) return;
  const auto named = static_cast<std::int64_t>(spec.partners.size()) - spec.population.generated;
  spec.partners.resize(static_cast<std::size_t>(named));
  std::vector<model::PartnerSpec> drawn =
      draw_population(spec.population, named, spec.parameters.opgave_dimensions, key);
  spec.partners.insert(spec.partners.end(), std::make_move_iterator(drawn.begin()),
                       std::make_move_iterator(drawn.end()));
  spec.population.generated = spec.population.count;
}

bool population_per_replication(const ScenarioSpec& spec) {
  return spec.population.count > 0 && spec.parameters.network_per_replication != 0;
}

}  // namespace regiesim::scenario
