// The plausible ranges of the parameter table against the pre-registered ones in
// validation/patterns.toml ([frozen.plausible]): the sweeps and any default change must stay
// within ranges fixed before the patterns were run, so the table may not drift from the file.
#include <gtest/gtest.h>
#include <toml++/toml.h>

#include <string>

#include "model/parameter_table.hpp"

namespace regiesim::model {
namespace {

// [frozen.plausible], plus the range of every parameter a mechanism added later ([[added]]).
toml::table frozen_plausible() {
  const toml::table file =
      toml::parse_file(std::string(REGIESIM_SOURCE_DIR) + "/validation/patterns.toml");
  const toml::table* plausible = file["frozen"]["plausible"].as_table();
  if (plausible == nullptr) throw std::runtime_error("patterns.toml has no [frozen.plausible]");
  toml::table ranges = *plausible;
  if (const toml::array* added = file["added"].as_array())
    for (const toml::node& entry : *added) {
      const toml::table* t = entry.as_table();
      if (t == nullptr) continue;
      const std::optional<std::string> path = (*t)["path"].value<std::string>();
      const toml::table* range = (*t)["plausible"].as_table();
      if (path && range) ranges.insert_or_assign(*path, *range);
    }
  return ranges;
}

TEST(PlausibleRange, EveryDeclarationMatchesThePreRegisteredFile) {
  const toml::table file = frozen_plausible();
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

TEST(PlausibleRange, EveryListedPathIsDeclared) {
  for (const auto& [key, value] : frozen_plausible())
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
