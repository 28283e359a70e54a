// The way back from a spec to text: every parameter written out, read back by load_scenario() to
// an equal spec (kept in the output so that any run can be redone from the file alone).
#include <fmt/format.h>

#include <cmath>

#include "model/parameter_table.hpp"
#include "scenario/load_scenario.hpp"
#include "scenario/parameter_keys.hpp"
#include "scenario/partner_table.hpp"
#include "scenario/toml_text.hpp"

namespace regiesim::scenario {

using detail::join;
using detail::key_of;
using detail::per_dimension_member;
using detail::table_of;
using detail::toml_real;
using detail::toml_string;
using model::PartnerSpec;
using model::ValueKind;

namespace {

std::string network_ties_toml(const ScenarioSpec& spec) {
  std::string out;
  if (!spec.network_file.empty()) out += fmt::format("file = {}\n", toml_string(spec.network_file));
  out += "ties = [";
  for (std::size_t i = 0; i < spec.network_ties.size(); ++i) {
    const network::GivenTie& t = spec.network_ties[i];
    out += i == 0 ? "" : ", ";
    if (std::isnan(t.trust))
      out += fmt::format("[{}, {}]", t.from, t.to);
    else
      out += fmt::format("[{}, {}, {}]", t.from, t.to, toml_real(t.trust));
  }
  return out + "]\n";
}

std::string population_toml(const Population& population) {
  std::string out = fmt::format("\n[population]\ncount = {}\n", population.count);
  for (const ColumnDistribution& d : population.columns) {
    std::vector<std::string> numbers;
    for (const double v : d.numbers) numbers.push_back(toml_real(v));
    std::string value;
    switch (d.kind) {
      case DistributionKind::fixed:
        value = fmt::format("{{ fixed = {} }}", numbers[0]);
        break;
      case DistributionKind::uniform:
        value = fmt::format("{{ uniform = [{}] }}", join(numbers, ", "));
        break;
      case DistributionKind::normal:
        value = fmt::format("{{ normal = [{}] }}", join(numbers, ", "));
        break;
      case DistributionKind::beta:
        value = fmt::format("{{ beta = [{}] }}", join(numbers, ", "));
        break;
      case DistributionKind::list:
        value = fmt::format("{{ list = [{}] }}", join(numbers, ", "));
        break;
      case DistributionKind::mix: {
        std::vector<std::string> entries;
        for (std::size_t i = 0; i < d.names.size(); ++i)
          entries.push_back(fmt::format("{} = {}", d.names[i], numbers[i]));
        value = fmt::format("{{ mix = {{ {} }} }}", join(entries, ", "));
        break;
      }
    }
    out += fmt::format("{} = {}\n", d.column, value);
  }
  return out;
}

}  // namespace

std::string resolved_toml(const ScenarioSpec& spec) {
  std::string out = "# Resolved scenario: every parameter written out (regiesim).\n";
  out += fmt::format("\n[scenario]\nname = {}\ndescription = {}\n", toml_string(spec.name),
                     toml_string(spec.description));
  std::string_view table;
  for (const auto& decl : model::parameter_table()) {
    if (table_of(decl.path) != table) {
      table = table_of(decl.path);
      out += fmt::format("\n[{}]\n", table);
    }
    std::string value;
    switch (decl.kind) {
      case ValueKind::real:
        value = toml_real(decl.get(spec.parameters));
        break;
      case ValueKind::boolean:
        value = decl.get(spec.parameters) != 0 ? "true" : "false";
        break;
      case ValueKind::integer:
        value = fmt::format("{}", spec.parameters.*decl.integer);
        break;
      case ValueKind::choice:
        value = toml_string(model::choice_name(decl, decl.get_choice(spec.parameters)));
        break;
      case ValueKind::real_per_dimension: {
        // Written only when given, so that the declared default follows opgave.dimensions.
        const std::vector<double>& given = spec.parameters.*decl.reals;
        if (given.empty()) continue;
        std::vector<std::string> values;
        for (const double v : given) values.push_back(toml_real(v));
        value = fmt::format("[{}]", join(values, ", "));
        break;
      }
      case ValueKind::text:
        continue;
    }
    out += fmt::format("{} = {}\n", key_of(decl.path), value);
    // An edge list's ties follow the network's keys, by id, so that the text alone redoes a run.
    if (decl.path == "network.per_replication" && !spec.network_ties.empty())
      out += network_ties_toml(spec);
  }
  const std::size_t named =
      spec.partners.size() - static_cast<std::size_t>(spec.population.generated);
  for (std::size_t id = 0; id < named; ++id) {
    // Columns with a derived default (interests = capabilities, perspective = (id + 1/2) / N)
    // are written only when declared, so the text reads back to an equal spec.
    const PartnerSpec& partner = spec.partners[id];
    out += fmt::format("\n[partners.{}]\n", partner.name);
    for (const auto& column : model::partner_columns()) {
      if (column.key == "interests" && partner.interests.empty()) continue;
      if (column.key == "perspective" && partner.perspective < 0) continue;
      if (column.kind == ValueKind::text) {
        if (!partner.discipline.empty())
          out += fmt::format("{} = {}\n", column.key, toml_string(partner.discipline));
        continue;
      }
      if (column.kind == ValueKind::real) {
        out += fmt::format("{} = {}\n", column.key, toml_real(partner.*column.real));
      } else {
        std::vector<std::string> values;
        for (const double v : per_dimension_member(partner, column)) values.push_back(toml_real(v));
        out += fmt::format("{} = [{}]\n", column.key, join(values, ", "));
      }
    }
  }
  // The schedule of a `planned` regisseur, in file order (applied in that order within a week).
  for (const auto& entry : spec.plan) {
    out += fmt::format(
        "\n[[regisseur.plan]]\nweek = {}\nintervention = {}\ntarget = {}\nintensity = {}\n",
        entry.week,
        toml_string(
            model::kArsenal[static_cast<std::size_t>(model::arsenal_index(entry.intervention))]
                .name),
        toml_string(entry.target_name), toml_real(entry.intensity));
  }
  if (spec.population.count > 0 || !spec.population.columns.empty())
    out += population_toml(spec.population);
  return out;
}

}  // namespace regiesim::scenario
