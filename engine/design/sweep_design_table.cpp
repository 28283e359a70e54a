#include "design/sweep_loader.hpp"

#include <bit>
#include <cctype>

namespace regiesim::design::detail {

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
    // Names people reach for: the estimators' names rather than the designs'.
    const auto lower = [](std::string text) {
      for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      return text;
    };
    const std::string asked = lower(kind_name);
    if (asked == "sobol" || asked == "jansen")
      message += "; Sobol indices are estimated from a \"saltelli\" design";
    else if (asked == "lhs" || asked == "latin" || asked == "latin-hypercube")
      message += "; did you mean \"latin_hypercube\"?";
    else if (asked == "elementary_effects" || asked == "oat")
      message += "; elementary effects come from a \"morris\" design";
    else if (auto match = scenario::closest_match(kind_name, kinds))
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
      keys.insert(keys.end(), {"base_samples", "second_order"});
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
      const std::vector<std::string> all{"samples", "base_samples", "second_order", "trajectories",
                                         "levels"};
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
    } else if (name == "second_order") {
      const auto* flag = value->as_boolean();
      if (!flag)
        fail(place_of(*value),
             fmt::format("expected true or false for {}, got {}", what, found(*value)));
      design.second_order = flag->get();
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
    missing("base_samples = N",
            "a power of two; the design has N (k + 2) points, N (2k + 2) with second_order = "
            "true");
  if (design.kind == DesignKind::morris && design.trajectories == 0)
    missing("trajectories = r", "the design has r (k + 1) points");
  if (size_place_.origin.empty()) size_place_ = spec_.design_place;
}

}  // namespace regiesim::design::detail
