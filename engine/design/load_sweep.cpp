#include "design/load_sweep.hpp"

#include <fmt/format.h>

#include <toml++/toml.h>
#include <algorithm>
#include <bit>
#include <cmath>
#include <tuple>
#include <utility>
#include <vector>

#include "design/design.hpp"
#include "design/parameter_scale.hpp"
#include "design/point_scenario.hpp"
#include "design/sobol_sequence.hpp"
#include "model/parameter_table.hpp"
#include "scenario/did_you_mean.hpp"
#include "scenario/input_error.hpp"
#include "scenario/load_scenario.hpp"
#include "scenario/scenario_tree.hpp"

namespace regiesim::design {

namespace {

using scenario::InputError;

// Morris 1991 and Saltelli et al. 2008 ("Global sensitivity analysis: the primer") take p = 4.
constexpr std::int64_t kDefaultMorrisLevels = 4;

[[noreturn]] void fail(const SweepPlace& place, std::string message) {
  throw InputError(place.origin, place.line, place.column, std::move(message));
}

std::string join(const std::vector<std::string>& items, std::string_view separator) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : std::string(separator)) + item;
  return out;
}

// "a float (0.5)", "a string ("x")", "an array": what was found, for "expected X, got Y".
std::string found(const toml::node& node) {
  switch (node.type()) {
    case toml::node_type::string:
      return fmt::format("a string (\"{}\")", node.as_string()->get());
    case toml::node_type::integer:
      return fmt::format("an integer ({})", node.as_integer()->get());
    case toml::node_type::floating_point:
      return fmt::format("a float ({})", node.as_floating_point()->get());
    case toml::node_type::boolean:
      return fmt::format("a boolean ({})", node.as_boolean()->get());
    case toml::node_type::array:
      return "an array";
    case toml::node_type::table:
      return "a table";
    default:
      return "a date or time";
  }
}

// A scalar as --set reads it, so that the loader's own checks and messages judge it.
std::string toml_text(const toml::node& node) {
  switch (node.type()) {
    case toml::node_type::string: {
      std::string out = "\"";
      for (const char c : node.as_string()->get()) {
        if (c == '"' || c == '\\') out += '\\';
        if (static_cast<unsigned char>(c) < 0x20) continue;  // no control characters in a name
        out += c;
      }
      return out + "\"";
    }
    case toml::node_type::integer:
      return fmt::format("{}", node.as_integer()->get());
    case toml::node_type::floating_point: {
      const double value = node.as_floating_point()->get();
      if (std::isnan(value)) return "nan";
      if (std::isinf(value)) return value > 0 ? "inf" : "-inf";
      std::string text = fmt::format("{}", value);
      if (text.find_first_of(".e") == std::string::npos) text += ".0";
      return text;
    }
    case toml::node_type::boolean:
      return node.as_boolean()->get() ? "true" : "false";
    default:
      return "[]";  // arrays, tables, dates: the loader reports what it expected
  }
}

double number_of(const toml::node& node) {
  if (const auto* integer = node.as_integer()) return static_cast<double>(integer->get());
  return node.as_floating_point()->get();
}

// What a swept path names in the parameter table.
struct Target {
  model::ValueKind kind = model::ValueKind::real;
  const model::ParameterDecl* decl = nullptr;  // nullptr: a partner column
};

class SweepLoader {
 public:
  SweepLoader(std::string_view text, std::string_view label, std::int64_t max_points)
      : label_(label), max_points_(max_points) {
    spec_.source_label = std::string(label);
    spec_.source_text = std::string(text);
    tree_ = scenario::parse_scenario_text(text, label);
  }

  SweepSpec load(const BaseScenarioReader& read_base);

 private:
  SweepPlace place_of(const toml::node& node) const {
    const auto& begin = node.source().begin;
    if (begin.line == 0) return top();
    return {label_, static_cast<int>(begin.line), static_cast<int>(begin.column)};
  }
  SweepPlace place_of(const toml::key& key) const {
    const auto& begin = key.source().begin;
    if (begin.line == 0) return top();
    return {label_, static_cast<int>(begin.line), static_cast<int>(begin.column)};
  }
  SweepPlace top() const { return {label_, 1, 1}; }

  // A table's entries in the order they were written (toml++ keeps them sorted by key), so that
  // the first error in the file is the one reported.
  static std::vector<std::pair<const toml::key*, const toml::node*>> in_file_order(
      const toml::table& table) {
    std::vector<std::pair<const toml::key*, const toml::node*>> entries;
    for (const auto& [key, node] : table) entries.emplace_back(&key, &node);
    std::stable_sort(entries.begin(), entries.end(), [](const auto& a, const auto& b) {
      const auto& sa = a.first->source().begin;
      const auto& sb = b.first->source().begin;
      return std::tie(sa.line, sa.column) < std::tie(sb.line, sb.column);
    });
    return entries;
  }

  const toml::table& expect_table(const toml::node& node, std::string_view what) const {
    if (const auto* table = node.as_table()) return *table;
    fail(place_of(node), fmt::format("expected a table {}, got {}", what, found(node)));
  }
  std::string read_string(const toml::node& node, std::string_view what) const {
    if (const auto* text = node.as_string()) return text->get();
    fail(place_of(node), fmt::format("expected a string for {}, got {}", what, found(node)));
  }
  std::int64_t read_count(const toml::node& node, std::string_view what, std::int64_t min,
                          std::int64_t max) const {
    const auto* integer = node.as_integer();
    if (!integer)
      fail(place_of(node), fmt::format("expected an integer for {}, got {}", what, found(node)));
    if (integer->get() < min || integer->get() > max)
      fail(place_of(node), fmt::format("{} must be an integer from {} to {}, got {}", what, min,
                                       max, integer->get()));
    return integer->get();
  }
  [[noreturn]] void unknown_key(const toml::key& key, std::string_view table,
                                const std::vector<std::string>& known) const {
    if (auto match = scenario::closest_match(key.str(), known))
      fail(place_of(key),
           fmt::format("unknown key '{}' in [{}]; did you mean '{}'?", key.str(), table, *match));
    fail(place_of(key), fmt::format("unknown key '{}' in [{}]; the keys of [{}] are {}", key.str(),
                                    table, table, join(known, ", ")));
  }
  void check(const toml::node& node, std::string text) {
    const SweepPlace place = place_of(node);
    checks_.push_back({std::move(text), place.origin, place.line, place.column});
  }

  void read_top_level();
  void read_sweep_table(const toml::node& node);
  void read_design_table(const toml::node& node);
  void read_parameters(const toml::node& node);
  void read_parameter(const toml::table& table);
  Target resolve_path(const std::string& path, const toml::node& at) const;
  void check_sizes() const;

  std::string label_;
  std::int64_t max_points_;
  toml::table tree_;
  SweepSpec spec_;
  bool has_sweep_ = false, has_parameters_ = false;  // seen in the file
  bool has_scenario_ = false, has_replications_ = false, has_seed_ = false;
  // Values to check against the base scenario once it is read, each as an assignment at its place.
  std::vector<scenario::Assignment> checks_;
  // The nodes of the design's settings, for messages about their values.
  SweepPlace size_place_;
};

void SweepLoader::read_top_level() {
  for (const auto& [key, node] : in_file_order(tree_)) {
    const std::string_view name = key->str();
    if (name == "sweep") {
      read_sweep_table(*node);
    } else if (name == "design") {
      continue;  // read first, by load()
    } else if (name == "parameters") {
      read_parameters(*node);
    } else {
      const std::vector<std::string> known{"sweep", "design", "parameters"};
      if (auto match = scenario::closest_match(name, known))
        fail(place_of(*key), fmt::format("unknown table [{}]; did you mean [{}]?", name, *match));
      fail(place_of(*key),
           fmt::format("unknown key '{}' at the top level; a sweep file has [sweep], [design] and "
                       "[[parameters]]",
                       name));
    }
  }
  if (!has_sweep_)
    fail(top(),
         "no [sweep] table: it names the base scenario, e.g. scenario = \"../default.toml\"");
  const SweepPlace sweep_place = place_of(*tree_.get("sweep"));
  if (!has_scenario_)
    fail(sweep_place,
         "[sweep] needs scenario = \"...\", the base scenario file (relative to this file)");
  if (!has_replications_)
    fail(sweep_place, "[sweep] needs replications = N, the runs per design point");
  if (!has_seed_) fail(sweep_place, "[sweep] needs seed = N, the master seed of every run");
  if (!has_parameters_ || spec_.parameters.empty())
    fail(top(),
         "no [[parameters]]: a sweep varies at least one parameter, e.g. [[parameters]] with "
         "path = \"trust.gain\" and values = [0.05, 0.1]");
}

void SweepLoader::read_sweep_table(const toml::node& node) {
  has_sweep_ = true;
  const auto& table = expect_table(node, "[sweep]");
  for (const auto& [key, value] : in_file_order(table)) {
    const std::string_view name = key->str();
    if (name == "name") {
      spec_.name = read_string(*value, "sweep.name");
    } else if (name == "description") {
      spec_.description = read_string(*value, "sweep.description");
    } else if (name == "scenario") {
      spec_.scenario_path = read_string(*value, "sweep.scenario");
      if (spec_.scenario_path.empty())
        fail(place_of(*value), "sweep.scenario must name the base scenario file");
      spec_.scenario_place = place_of(*value);
      has_scenario_ = true;
    } else if (name == "replications") {
      // Type and range are the parameter table's (run.replications), checked with the base.
      check(*value, "run.replications=" + toml_text(*value));
      spec_.replications_place = place_of(*value);
      if (const auto* integer = value->as_integer()) spec_.replications = integer->get();
      has_replications_ = true;
    } else if (name == "seed") {
      check(*value, "run.seed=" + toml_text(*value));
      spec_.seed_place = place_of(*value);
      if (const auto* integer = value->as_integer())
        spec_.seed = static_cast<std::uint64_t>(integer->get());
      has_seed_ = true;
    } else {
      unknown_key(*key, "sweep", {"name", "description", "scenario", "replications", "seed"});
    }
  }
}

void SweepLoader::read_design_table(const toml::node& node) {
  const auto& table = expect_table(node, "[design]");
  const toml::node* kind = table.get("kind");
  if (!kind)
    fail(place_of(node),
         "[design] needs kind = \"grid\", \"latin_hypercube\", \"saltelli\" or "
         "\"morris\"");
  spec_.design_place = place_of(*kind);
  const std::string kind_name = read_string(*kind, "design.kind");
  const std::vector<std::string> kinds{"grid", "latin_hypercube", "saltelli", "morris"};
  const auto at = std::find(kinds.begin(), kinds.end(), kind_name);
  if (at == kinds.end()) {
    std::string message = fmt::format(
        "design.kind must be one of \"grid\", \"latin_hypercube\", \"saltelli\", \"morris\", got "
        "\"{}\"",
        kind_name);
    if (auto match = scenario::closest_match(kind_name, kinds))
      message += fmt::format("; did you mean \"{}\"?", *match);
    fail(spec_.design_place, std::move(message));
  }
  auto& design = spec_.design;
  design.kind = static_cast<DesignKind>(at - kinds.begin());
  std::vector<std::string> keys{"kind"};
  switch (design.kind) {
    case DesignKind::grid:
      break;
    case DesignKind::latin_hypercube:
      keys.push_back("samples");
      break;
    case DesignKind::saltelli:
      keys.push_back("base_samples");
      break;
    case DesignKind::morris:
      keys.insert(keys.end(), {"trajectories", "levels"});
      design.levels = kDefaultMorrisLevels;
      break;
  }
  for (const auto& [key, value] : in_file_order(table)) {
    const std::string name{key->str()};
    if (name == "kind") continue;
    if (std::find(keys.begin(), keys.end(), name) == keys.end()) {
      const std::vector<std::string> all{"samples", "base_samples", "trajectories", "levels"};
      if (std::find(all.begin(), all.end(), name) != all.end())
        fail(place_of(*key), fmt::format("{} does not apply to a {} design; its keys are {}", name,
                                         kind_name, join(keys, ", ")));
      unknown_key(*key, "design", keys);
    }
    const std::string what = "design." + name;
    if (name == "samples") {
      design.samples = read_count(*value, what, 1, kMaxDesignPoints);
      size_place_ = place_of(*value);
    } else if (name == "base_samples") {
      design.base_samples = read_count(*value, what, 1, kMaxDesignPoints);
      // Sobol points are balanced only in sets of 2^m from the first (Owen 2020); other sizes
      // make the estimates converge more slowly for no saving.
      if ((design.base_samples & (design.base_samples - 1)) != 0)
        fail(place_of(*value),
             fmt::format("design.base_samples must be a power of two (Sobol points are balanced "
                         "only in sets of 2^m), got {}; the nearest are {} and {}",
                         design.base_samples,
                         std::bit_floor(static_cast<std::uint64_t>(design.base_samples)),
                         std::bit_ceil(static_cast<std::uint64_t>(design.base_samples))));
      size_place_ = place_of(*value);
    } else if (name == "trajectories") {
      design.trajectories = read_count(*value, what, 1, kMaxDesignPoints);
      size_place_ = place_of(*value);
    } else if (name == "levels") {
      design.levels = read_count(*value, what, 2, 1000);
      // Morris 1991: with p even and Delta = p / (2 (p - 1)) every level is equally likely.
      if (design.levels % 2 != 0)
        fail(place_of(*value),
             fmt::format("design.levels must be even (Morris 1991: with p even and Delta = "
                         "p/(2(p-1)) every level is sampled equally often), got {}",
                         design.levels));
    }
  }
  const auto missing = [&](std::string_view key, std::string_view example) {
    fail(spec_.design_place, fmt::format("a {} design needs {} ({})", kind_name, key, example));
  };
  if (design.kind == DesignKind::latin_hypercube && design.samples == 0)
    missing("samples = N", "the number of points");
  if (design.kind == DesignKind::saltelli && design.base_samples == 0)
    missing("base_samples = N", "a power of two; the design has N (k + 2) points");
  if (design.kind == DesignKind::morris && design.trajectories == 0)
    missing("trajectories = r", "the design has r (k + 1) points");
  if (size_place_.origin.empty()) size_place_ = spec_.design_place;
}

void SweepLoader::read_parameters(const toml::node& node) {
  has_parameters_ = true;
  const auto* array = node.as_array();
  if (!array || !node.is_array_of_tables())
    fail(place_of(node),
         "parameters must be an array of tables: one [[parameters]] entry per swept parameter, "
         "with path = \"...\" and values = [...] or range = [low, high]");
  for (const auto& entry : *array) read_parameter(*entry.as_table());
}

Target SweepLoader::resolve_path(const std::string& path, const toml::node& at) const {
  const SweepPlace place = place_of(at);
  const bool in_grid = spec_.design.kind == DesignKind::grid;
  // One number of a per-dimension parameter, regisseur.capabilities[1], is swept like a real; the
  // loader checks the index against opgave.dimensions when it makes each point.
  const std::string_view whole = std::string_view(path).substr(0, path.find('['));
  if (const model::ParameterDecl* decl = model::find_parameter(whole);
      decl != nullptr && decl->kind == model::ValueKind::real_per_dimension) {
    if (whole.size() == path.size())
      fail(place, fmt::format("{} has one number per opgave dimension; sweep one of them, e.g. "
                              "{}[0]",
                              path, path));
    if (!decl->sweepable)
      fail(place, fmt::format("{} may not be swept: the parameter table declares it fixed", path));
    return {model::ValueKind::real, decl};
  }
  if (const model::ParameterDecl* decl = model::find_parameter(path)) {
    // DECISIONS 11: a choice has no order or distance, so only a grid can vary it.
    if (decl->kind == model::ValueKind::choice && !in_grid)
      fail(place, fmt::format("{} is a choice; choices are swept only in a grid design (a {} "
                              "design needs numbers it can order), not in {}",
                              path, "latin_hypercube, saltelli or morris",
                              design_kind_name(spec_.design.kind)));
    if (!decl->sweepable)
      fail(place, fmt::format("{} may not be swept: the parameter table declares it fixed (it "
                              "shapes the runs or their output; the sweep's own seed and "
                              "replications are set in [sweep]); `regiesim describe` marks the "
                              "parameters that may be swept",
                              path));
    return {decl->kind, decl};
  }
  if (path.starts_with("partners.")) {
    const std::string rest = path.substr(std::string_view("partners.").size());
    const auto dot = rest.find('.');
    if (dot == std::string::npos || dot == 0)
      fail(place, fmt::format("{} names no partner column; write partners.<name>.<column>, e.g. "
                              "partners.politie.passion",
                              path));
    std::string column_name = rest.substr(dot + 1);
    column_name = column_name.substr(0, column_name.find('['));
    const model::PartnerColumnDecl* column = model::find_partner_column(column_name);
    // An unknown partner or column is the loader's message, with its did-you-mean, once the
    // base scenario is read; only what the table alone decides is checked here.
    if (column && !column->sweepable)
      fail(place, fmt::format("{} may not be swept: the parameter table declares the partner "
                              "column '{}' fixed",
                              path, column->key));
    return {column ? column->kind : model::ValueKind::real, nullptr};
  }
  std::vector<std::string> known;
  for (const auto& decl : model::parameter_table()) known.emplace_back(decl.path);
  if (auto match = scenario::closest_match(path, known))
    fail(place, fmt::format("unknown parameter '{}'; did you mean '{}'?", path, *match));
  fail(place, fmt::format("unknown parameter '{}'; `regiesim describe` lists them all, and "
                          "partner columns are written partners.<name>.<column>",
                          path));
}

void SweepLoader::read_parameter(const toml::table& table) {
  const toml::node* path_node = table.get("path");
  if (!path_node)
    fail(place_of(table),
         "[[parameters]] needs path = \"...\", the dotted path of the parameter "
         "to vary, e.g. \"trust.gain\" or \"partners.politie.passion\"");
  SweptParameter p;
  p.path = read_string(*path_node, "parameters.path");
  p.place = place_of(*path_node);
  for (const auto& other : spec_.parameters)
    if (other.path == p.path)
      fail(p.place, fmt::format("{} is swept twice (first at line {})", p.path, other.place.line));
  const Target target = resolve_path(p.path, *path_node);
  p.is_choice = target.kind == model::ValueKind::choice;
  p.is_integer = target.kind == model::ValueKind::integer;
  const bool in_grid = spec_.design.kind == DesignKind::grid;

  const toml::node* values = nullptr;
  const toml::node* range = nullptr;
  const toml::node* scale = nullptr;
  const toml::node* points = nullptr;
  for (const auto& [key, value] : in_file_order(table)) {
    const std::string_view name = key->str();
    if (name == "path") continue;
    if (name == "values")
      values = value;
    else if (name == "range")
      range = value;
    else if (name == "scale")
      scale = value;
    else if (name == "points")
      points = value;
    else
      unknown_key(*key, "[parameters]", {"path", "values", "range", "scale", "points"});
  }
  if (values && range)
    fail(place_of(*range), fmt::format("{} has both values and range; give one", p.path));
  if (!values && !range)
    fail(p.place, fmt::format("{} needs values = [...] or range = [low, high]", p.path));

  if (values) {
    if (scale) fail(place_of(*scale), "scale applies to a range, not to a list of values");
    if (points) fail(place_of(*points), "points applies to a range in a grid, not to values");
    const auto* array = values->as_array();
    if (!array || array->empty())
      fail(place_of(*values), fmt::format("expected a non-empty array of values for {}, got {}",
                                          p.path, array ? "an empty array" : found(*values)));
    for (const auto& item : *array) {
      // Each value is judged by the parameter table through the same assignment as --set.
      check(item, p.path + "=" + toml_text(item));
      const auto same = [&](const toml::node& other) {
        if (item.is_string() && other.is_string())
          return item.as_string()->get() == other.as_string()->get();
        return item.is_number() && other.is_number() && number_of(item) == number_of(other);
      };
      for (const auto& earlier : *array) {
        if (&earlier == &item) break;
        if (same(earlier))
          fail(place_of(item), fmt::format("{} lists the value {} twice", p.path, toml_text(item)));
      }
      if (p.is_choice) {
        if (const auto* name = item.as_string()) {
          const model::ParameterDecl& decl = *target.decl;
          const auto choice = std::find(decl.choices.begin(), decl.choices.end(), name->get());
          // An unknown name fails its check, with the loader's did-you-mean, before any use.
          p.values.push_back(static_cast<double>(choice - decl.choices.begin()));
          p.choice_names.push_back(name->get());
        }
      } else if (item.is_number()) {
        p.values.push_back(number_of(item));
      }
    }
  } else {
    if (p.is_choice)
      fail(place_of(*range),
           fmt::format("{} is a choice: give its names as values = [...], not a range", p.path));
    const auto* array = range->as_array();
    if (!array || array->size() != 2 || !(*array)[0].is_number() || !(*array)[1].is_number())
      fail(place_of(*range),
           fmt::format("expected range = [low, high] with two numbers for {}", p.path));
    for (const auto& end : *array) check(end, p.path + "=" + toml_text(end));
    p.low = number_of((*array)[0]);
    p.high = number_of((*array)[1]);
    if (!(p.low < p.high))
      fail(place_of(*range), fmt::format("range for {} must have low < high, got [{}, {}]", p.path,
                                         toml_text((*array)[0]), toml_text((*array)[1])));
    if (scale) {
      const std::string name = read_string(*scale, "scale");
      if (name == "log")
        p.scale = Scale::log;
      else if (name != "linear")
        fail(place_of(*scale),
             fmt::format("scale must be \"linear\" or \"log\", got \"{}\"", name));
      if (p.scale == Scale::log && !(p.low > 0))
        fail(place_of(*range), fmt::format("a log scale needs a range above 0 for {}, got low = {}",
                                           p.path, toml_text((*array)[0])));
    }
    if (in_grid) {
      if (!points)
        fail(place_of(*range),
             fmt::format("in a grid, the range of {} needs points = N: how many evenly spaced "
                         "values it takes, both ends included",
                         p.path));
      p.grid_points = read_count(*points, "points", 2, kMaxDesignPoints);
      if (p.is_integer && static_cast<double>(p.grid_points) > p.high - p.low + 1)
        fail(place_of(*points),
             fmt::format("{} takes at most {} integers from {} to {}, not points = {}", p.path,
                         static_cast<std::int64_t>(p.high - p.low + 1), toml_text((*array)[0]),
                         toml_text((*array)[1]), p.grid_points));
    } else if (points) {
      fail(place_of(*points),
           fmt::format("points applies only in a grid; a {} design chooses its own points",
                       design_kind_name(spec_.design.kind)));
    }
  }
  spec_.parameters.push_back(std::move(p));
}

void SweepLoader::check_sizes() const {
  const auto k = static_cast<std::int64_t>(spec_.parameters.size());
  if (spec_.design.kind == DesignKind::saltelli && 2 * k > sobol_max_dimensions())
    fail(spec_.design_place, fmt::format("a saltelli design takes at most {} parameters (Sobol "
                                         "points of twice the dimensions), got {}",
                                         sobol_max_dimensions() / 2, k));
  const std::int64_t points = design_size(spec_, max_points_);
  if (points < 0)
    fail(size_place_, fmt::format("the design would have more than {} points; sweep fewer "
                                  "parameters or values, or split the sweep",
                                  max_points_));
  if (spec_.replications > 0 && points > kMaxSweepRuns / spec_.replications)
    fail(spec_.replications_place,
         fmt::format("{} points x {} replications is more than {} runs; lower replications or "
                     "split the sweep",
                     points, spec_.replications, kMaxSweepRuns));
}

SweepSpec SweepLoader::load(const BaseScenarioReader& read_base) {
  if (tree_.empty())
    fail(top(),
         "the sweep file is empty: it needs a [sweep] table naming the base scenario, a [design] "
         "and at least one [[parameters]] entry (docs/sweeps.md)");
  // [design] first wherever it is written: what a parameter may be depends on the design.
  const toml::node* design_table = tree_.get("design");
  if (!design_table)
    fail(top(),
         "no [design] table: give kind = \"grid\", \"latin_hypercube\", \"saltelli\" or "
         "\"morris\"");
  read_design_table(*design_table);
  read_top_level();
  spec_.base = read_base(spec_.scenario_path, spec_.scenario_place);
  for (const auto& value : checks_) scenario::apply_assignments(spec_.base, {&value, 1});
  check_sizes();
  // Every point as a whole: a combination can break a rule that no single value breaks.
  const Design design = make_design(spec_);
  for (std::int64_t point = 0; point < design.size(); ++point) point_scenario(spec_, design, point);
  return std::move(spec_);
}

}  // namespace

SweepSpec load_sweep(std::string_view text, std::string_view label,
                     const BaseScenarioReader& read_base, std::int64_t max_points) {
  return SweepLoader(text, label, max_points).load(read_base);
}

}  // namespace regiesim::design
