// The plausible ranges of the parameter table against the pre-registered ones in
// validation/patterns.toml ([frozen.plausible]): the sweeps and any default change must stay
// within ranges fixed before the patterns were run, so the table may not drift from the file.
#include <gtest/gtest.h>
#include <toml++/toml.h>

#include <string>

#include "model/parameter_table.hpp"

namespace regiesim::model {
namespace {

toml::table patterns_file() {
  return toml::parse_file(std::string(REGIESIM_SOURCE_DIR) + "/validation/patterns.toml");
}

toml::table frozen_plausible(const toml::table& file) {
  const toml::table* plausible = file["frozen"]["plausible"].as_table();
  if (plausible == nullptr) throw std::runtime_error("patterns.toml has no [frozen.plausible]");
  return *plausible;
}

// The ranges fixed before the patterns were run, plus those of parameters a mechanism added later
// (the append-only [[added]] part, each entered before any ensemble run that uses it). A later
// entry for the same path is a correction: its range replaces the earlier one, and a text
// ("fixed: ...") instead of a range says the parameter has none.
toml::table pre_registered_ranges() {
  const toml::table file = patterns_file();
  toml::table ranges = frozen_plausible(file);
  if (const toml::array* added = file["added"].as_array())
    for (const toml::node& node : *added) {
      const toml::table& entry = *node.as_table();
      const auto path = entry["path"].value<std::string>();
      if (!path) continue;
      if (const toml::table* range = entry["plausible"].as_table())
        ranges.insert_or_assign(*path, *range);
      else
        ranges.erase(*path);
    }
  return ranges;
}

TEST(PlausibleRange, EveryDeclarationMatchesThePreRegisteredFile) {
  const toml::table file = pre_registered_ranges();
  int ranged = 0;
  for (const ParameterDecl& d : parameter_table()) {
    const toml::node_view<const toml::node> entry = file[d.path];
    if (!entry) {
      EXPECT_FALSE(d.plausible.has_value()) << d.path << " has a range the file does not list";
      continue;
    }
    ++ranged;
    ASSERT_TRUE(d.plausible.has_value()) << d.path << " is fixed but the file gives a range";
    const std::optional<double> low = entry["low"].value<double>();
    const std::optional<double> high = entry["high"].value<double>();
    ASSERT_TRUE(low && high) << d.path << ": low and high must be numbers";
    EXPECT_EQ(d.plausible->low, *low) << d.path;
    EXPECT_EQ(d.plausible->high, *high) << d.path;
    EXPECT_LE(d.plausible->low, d.plausible->high) << d.path;
  }
  EXPECT_EQ(ranged, static_cast<int>(file.size())) << "the file lists undeclared parameters";
}

TEST(PlausibleRange, EveryAddedParameterIsDeclaredWithItsRegisteredDefault) {
  const toml::table file = patterns_file();
  const toml::array* added = file["added"].as_array();
  if (added == nullptr) return;  // nothing added yet
  for (const toml::node& node : *added) {
    const toml::table& entry = *node.as_table();
    const auto path = entry["path"].value<std::string>();
    ASSERT_TRUE(path.has_value()) << "an [[added]] entry without a path";
    const ParameterDecl* d = find_parameter(*path);
    ASSERT_NE(d, nullptr) << *path << " is registered in [[added]] but not declared";
    const std::optional<double> value = entry["default"].value<double>();
    if (value) {
      EXPECT_EQ(d->default_value, *value) << *path;
    }
  }
}

TEST(PlausibleRange, EveryListedPathIsDeclared) {
  for (const auto& [key, value] : frozen_plausible(patterns_file()))
    EXPECT_NE(find_parameter(key.str()), nullptr) << key.str();
}

TEST(PlausibleRange, TrustIsLostFasterThanItIsBuiltOverTheWholeRange) {
  // P11: the range of trust.loss lies above trust.gain's default.
  const ParameterDecl* loss = find_parameter("trust.loss");
  const ParameterDecl* gain = find_parameter("trust.gain");
  ASSERT_NE(loss, nullptr);
  ASSERT_NE(gain, nullptr);
  ASSERT_TRUE(loss->plausible.has_value());
  EXPECT_GT(loss->plausible->low, gain->default_value);
}

}  // namespace
}  // namespace regiesim::model
