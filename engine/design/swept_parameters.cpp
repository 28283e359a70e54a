#include "design/sweep_loader.hpp"

#include <cmath>

#include "design/parameter_scale.hpp"

namespace regiesim::design::detail {

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
    // A choice has no order or distance, so only a grid can vary it.
    if (decl->kind == model::ValueKind::choice && !in_grid)
      fail(place, fmt::format("{} is a choice; choices are swept only in a grid design (a {} "
                              "design needs numbers it can order), not in {}",
                              path, "latin_hypercube, saltelli or morris",
                              design_kind_name(spec_.design.kind)));
    // The fixed choices, each with its reason: a file has one shape per dataset, and one
    // network kind per sweep keeps the points' ties comparable.
    if (path == "record.level")
      fail(place,
           "record.level may not be swept: every run of a file is recorded at one level "
           "(its datasets' shapes); set it for the whole sweep with [base] or --set");
    if (path == "network.kind")
      fail(place,
           "network.kind may not be swept: the kind decides which ties exist and how "
           "they are drawn, so points of different kinds would not share their networks; "
           "run one sweep per kind");
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
  p.is_boolean = target.kind == model::ValueKind::boolean;
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
        if (item.is_boolean() && other.is_boolean())
          return item.as_boolean()->get() == other.as_boolean()->get();
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
      } else if (const auto* flag = item.as_boolean()) {
        p.values.push_back(flag->get() ? 1.0 : 0.0);
      } else if (item.is_number()) {
        p.values.push_back(number_of(item));
      } else {
        // The check above accepts only what the parameter takes; a value kept nowhere would leave
        // the factor without values, so refuse it here rather than lose it.
        fail(place_of(item), fmt::format("{} cannot take the value {}", p.path, toml_text(item)));
      }
    }
  } else {
    if (p.is_choice)
      fail(place_of(*range),
           fmt::format("{} is a choice: give its names as values = [...], not a range", p.path));
    if (p.is_boolean)
      fail(place_of(*range),
           fmt::format("{} is true or false: give values = [false, true], not a range", p.path));
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

}  // namespace regiesim::design::detail
