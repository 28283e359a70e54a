// [population] (generated partners) and the ties of an edge-list network: read, checked, and
// drawn once every value is known (check_population, check_edge_list).
#include <fmt/format.h>

#include <algorithm>
#include <boost/math/distributions/normal.hpp>
#include <cmath>

#include "scenario/did_you_mean.hpp"
#include "scenario/edge_list.hpp"
#include "scenario/loader.hpp"
#include "scenario/parameter_keys.hpp"
#include "scenario/partner_table.hpp"
#include "scenario/population.hpp"
#include "scenario/toml_text.hpp"

namespace regiesim::scenario::detail {

namespace {

constexpr std::size_t kMaxListValues = 1'000'000;
constexpr double kMaxBetaShape = 1e6;

std::vector<std::string> population_keys() {
  std::vector<std::string> keys{"count"};
  for (const auto& column : model::partner_columns()) keys.emplace_back(column.key);
  return keys;
}

}  // namespace

void Loader::read_population(const toml::node& node) {
  const auto& table = expect_table(node, "[population]");
  for (const auto& [k, value] : in_file_order(table))
    set_population_entry(k->str(), *value, nullptr);
}

void Loader::set_population_entry(std::string_view key, const toml::node& node, Fixed fixed) {
  const std::string path = fmt::format("population.{}", key);
  const Place place = at(node, fixed);
  Population& population = spec_.population;
  if (key == "count") {
    population.count = read_integer(node, place, path, 0, static_cast<double>(kMaxPopulation));
    places_[path] = place;
    return;
  }
  const model::PartnerColumnDecl* column = model::find_partner_column(key);
  if (!column) fail(place, unknown_key_message(key, "population", population_keys()));

  ColumnDistribution d;
  d.column = std::string(key);
  const auto read_numbers = [&](const toml::node& n, const std::string& what, std::size_t want,
                                double min, double max) {
    const Place p = at(n, fixed);
    const auto* array = n.as_array();
    if (!array || (want > 0 && array->size() != want) || array->empty())
      fail(p, fmt::format("expected {} for {}, got {}", what, path, found(n)));
    if (array->size() > kMaxListValues)
      fail(p, fmt::format("{} has {} values; at most {}", path, array->size(), kMaxListValues));
    std::vector<double> values;
    for (std::size_t i = 0; i < array->size(); ++i)
      values.push_back(read_real((*array)[i], at((*array)[i], fixed),
                                 fmt::format("{}.{}[{}]", path, what.substr(0, what.find(' ')), i),
                                 min, max));
    return values;
  };

  if (column->kind == model::ValueKind::text) {
    // A discipline for everyone, or a categorical mix { mix = { name = weight, ... } }.
    d.kind = DistributionKind::mix;
    if (node.is_string()) {
      d.names.push_back(read_text(node, place, path, kMaxPartnerNameLength));
      d.numbers.push_back(1.0);
    } else {
      const auto* table = node.as_table();
      const toml::node* mix = table ? table->get("mix") : nullptr;
      if (!table || table->size() != 1 || !mix || !mix->is_table())
        fail(place,
             fmt::format("expected a discipline name or {{ mix = {{ name = weight, ... }} }} "
                         "for {}, got {}",
                         path, found(node)));
      for (const auto& [name, weight] : in_file_order(*mix->as_table())) {
        const std::string n{name->str()};
        if (!valid_partner_name(n))
          fail(place_of(name->source()),
               fmt::format("{}: discipline '{}' must be 1 to {} characters from A-Z, a-z, 0-9, "
                           "'_' and '-'",
                           path, n, kMaxPartnerNameLength));
        d.names.push_back(n);
        d.numbers.push_back(
            read_real(*weight, at(*weight, fixed), fmt::format("{}.mix.{}", path, n), 0, 1e12));
      }
      if (d.names.empty() ||
          std::all_of(d.numbers.begin(), d.numbers.end(), [](double w) { return w <= 0; }))
        fail(place,
             fmt::format("{}: a mix needs at least one discipline with a weight above 0", path));
    }
    for (const auto& name : d.names)
      if (!valid_partner_name(name))
        fail(place, fmt::format("{}: discipline '{}' must be 1 to {} characters from A-Z, a-z, "
                                "0-9, '_' and '-'",
                                path, name, kMaxPartnerNameLength));
  } else if (node.is_number()) {
    d.kind = DistributionKind::fixed;
    d.numbers = {read_real(node, place, path, column->min, column->max)};
  } else {
    const auto* table = node.as_table();
    if (!table || table->size() != 1)
      fail(place, fmt::format("expected a number or one distribution {{ fixed = x }}, "
                              "{{ uniform = [low, high] }}, {{ normal = [mean, sd] }}, {{ beta = "
                              "[a, b] }} or {{ list = [x, ...] }} for {}, got {}",
                              path, found(node)));
    const auto entry = table->begin();
    const toml::key& kind_key = entry->first;
    const toml::node& spec = entry->second;
    const std::string_view kind = kind_key.str();
    if (kind == "fixed") {
      d.kind = DistributionKind::fixed;
      d.numbers = {read_real(spec, at(spec, fixed), path + ".fixed", column->min, column->max)};
    } else if (kind == "uniform") {
      d.kind = DistributionKind::uniform;
      d.numbers = read_numbers(spec, "uniform [low, high]", 2, column->min, column->max);
      if (d.numbers[0] > d.numbers[1])
        fail(at(spec, fixed), fmt::format("{}: uniform [low, high] needs low <= high, got [{}, {}]",
                                          path, toml_real(d.numbers[0]), toml_real(d.numbers[1])));
    } else if (kind == "normal") {
      d.kind = DistributionKind::normal;
      d.numbers = read_numbers(spec, "normal [mean, sd]", 2, -1e6, 1e6);
      if (d.numbers[1] <= 0)
        fail(at(spec, fixed), fmt::format("{}: normal [mean, sd] needs sd > 0, got {}", path,
                                          toml_real(d.numbers[1])));
      // Truncated to the column's range: the range must hold some of the normal's probability.
      const boost::math::normal_distribution<double> normal(d.numbers[0], d.numbers[1]);
      if (!(boost::math::cdf(normal, column->max) - boost::math::cdf(normal, column->min) > 1e-12))
        fail(at(spec, fixed),
             fmt::format("{}: normal [{}, {}] puts no probability on the column's range [{}, {}]",
                         path, toml_real(d.numbers[0]), toml_real(d.numbers[1]),
                         toml_real(column->min), toml_real(column->max)));
    } else if (kind == "beta") {
      d.kind = DistributionKind::beta;
      d.numbers = read_numbers(spec, "beta [a, b]", 2, 0, kMaxBetaShape);
      if (d.numbers[0] <= 0 || d.numbers[1] <= 0)
        fail(at(spec, fixed), fmt::format("{}: beta [a, b] needs a > 0 and b > 0", path));
    } else if (kind == "list") {
      d.kind = DistributionKind::list;
      d.numbers = read_numbers(spec, "list [x, ...]", 0, column->min, column->max);
    } else {
      fail(fixed ? *fixed : place_of(kind_key.source()),
           unknown_key_message(kind, path, {"fixed", "uniform", "normal", "beta", "list"}));
    }
  }
  auto& columns = population.columns;
  const auto it = std::find_if(columns.begin(), columns.end(),
                               [&](const ColumnDistribution& c) { return c.column == key; });
  if (it != columns.end())
    *it = std::move(d);
  else
    columns.push_back(std::move(d));
  places_[path] = place;
}

void Loader::read_network_ties(const toml::node& node) {
  const Place place = place_of(node.source());
  const auto* array = node.as_array();
  if (!array)
    fail(place, fmt::format("expected network.ties = [[from, to], [from, to, trust], ...] (partner "
                            "ids), got {}",
                            found(node)));
  std::vector<network::GivenTie> ties;
  for (std::size_t i = 0; i < array->size(); ++i) {
    const toml::node& tie = (*array)[i];
    const auto* fields = tie.as_array();
    const Place at_tie = place_of(tie.source()).line > 0 ? place_of(tie.source()) : place;
    if (!fields || fields->size() < 2 || fields->size() > 3)
      fail(at_tie, fmt::format("network.ties[{}] must be [from, to] or [from, to, trust], got {}",
                               i, found(tie)));
    network::GivenTie t;
    t.from = static_cast<std::int32_t>(
        read_integer((*fields)[0], at_tie, fmt::format("network.ties[{}][0]", i), 0, 2147483646));
    t.to = static_cast<std::int32_t>(
        read_integer((*fields)[1], at_tie, fmt::format("network.ties[{}][1]", i), 0, 2147483646));
    t.trust = fields->size() == 3
                  ? read_real((*fields)[2], at_tie, fmt::format("network.ties[{}][2]", i), 0, 1)
                  : std::numeric_limits<double>::quiet_NaN();
    ties.push_back(t);
  }
  spec_.network_ties = std::move(ties);
  places_["network.ties"] = place;
}

void Loader::check_population() {
  Population& population = spec_.population;
  if (population.count > 0) {
    const bool has_capabilities =
        std::any_of(population.columns.begin(), population.columns.end(),
                    [](const ColumnDistribution& c) { return c.column == "capabilities"; });
    if (!has_capabilities)
      fail(place_for({"population.count"}),
           "population.capabilities is required: generated partners need a capability per "
           "opgave dimension, e.g. capabilities = { uniform = [0, 1] }");
  }
  // The named partners keep their ids; the generated ones follow, drawn from the master seed
  // (run.seed), the same key as the network.
  const auto named = static_cast<std::int64_t>(spec_.partners.size()) - population.generated;
  for (std::int64_t i = 0; i < named; ++i) {
    const std::string& name = spec_.partners[static_cast<std::size_t>(i)].name;
    if (population.count > 0 && name.size() >= 7 && name[0] == 'p' &&
        std::all_of(name.begin() + 1, name.end(), [](char c) { return c >= '0' && c <= '9'; }))
      fail(place_for({"partners." + name}),
           fmt::format("partner '{}' has a name of the form generated partners take (p and six or "
                       "more digits); rename it",
                       name));
  }
  if (named + population.count > static_cast<std::int64_t>(kMaxPopulation))
    fail(place_for({"population.count"}),
         fmt::format("{} named and {} generated partners; at most {} in all", named,
                     population.count, kMaxPopulation));
  redraw_population(spec_, static_cast<std::uint64_t>(spec_.parameters.seed));
  if (population.count == 0) population.generated = 0;
}

void Loader::check_edge_list() {
  const auto& p = spec_.parameters;
  const bool edge_list = p.network_kind == model::NetworkKind::edge_list;
  if (!edge_list) {
    if (!spec_.network_file.empty() || !spec_.network_ties.empty())
      fail(place_for({"network.file", "network.ties"}),
           "network.file and network.ties give the ties of network.kind = \"edge_list\"; set "
           "network.kind = \"edge_list\" or remove them");
    return;
  }
  if (spec_.network_ties.empty()) {
    if (spec_.network_file.empty())
      fail(place_for({"network.kind"}),
           "network.kind = \"edge_list\" needs network.file = \"ties.csv\" (a CSV file of "
           "from,to[,trust] lines, relative to the scenario file)");
    if (source_.edge_list_label.empty())
      fail(place_for({"network.file"}),
           "network.file is read only when the scenario is read from a file (regiesim run "
           "FILE); this scenario came as text");
    spec_.network_ties =
        parse_edge_list(source_.edge_list_text, source_.edge_list_label, spec_.partners);
    return;
  }
  // Inline ties (a resolved scenario): ids in range, no self-ties or repeats.
  const auto n = static_cast<std::int64_t>(spec_.partners.size());
  std::vector<std::pair<std::int32_t, std::int32_t>> pairs;
  for (const auto& t : spec_.network_ties) {
    if (t.from >= n || t.to >= n || t.from == t.to)
      fail(place_for({"network.ties"}),
           fmt::format("network.ties has a tie [{}, {}]: ids must be different and below the "
                       "number of partners ({})",
                       t.from, t.to, n));
    pairs.emplace_back(std::min(t.from, t.to), std::max(t.from, t.to));
  }
  std::sort(pairs.begin(), pairs.end());
  if (const auto it = std::adjacent_find(pairs.begin(), pairs.end()); it != pairs.end())
    fail(place_for({"network.ties"}),
         fmt::format("network.ties gives the tie [{}, {}] twice", it->first, it->second));
}

}  // namespace regiesim::scenario::detail
