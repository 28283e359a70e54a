#include "model/parameter_table.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <set>
#include <string>
#include <vector>

namespace regiesim::model {
namespace {

TEST(ParameterTable, EveryDefaultLiesWithinItsRange) {
  for (const auto& d : parameter_table()) {
    EXPECT_LE(d.min, d.default_value) << d.path;
    EXPECT_LE(d.default_value, d.max) << d.path;
    if (d.kind != ValueKind::real && d.kind != ValueKind::real_per_dimension) {
      EXPECT_EQ(d.default_value, std::floor(d.default_value)) << d.path << " is not whole";
    }
  }
  for (const auto& c : partner_columns()) {
    if (!c.default_value) continue;
    EXPECT_LE(c.min, *c.default_value) << c.key;
    EXPECT_LE(*c.default_value, c.max) << c.key;
  }
}

// A path is <table>.<key>; only the arsenal's keys are dotted below their table
// (regisseur.arsenal.<intervention>.<field>, design decision 16).
TEST(ParameterTable, PathsAreUniqueAndDottedOnceOutsideTheArsenal) {
  std::set<std::string> paths;
  for (const auto& d : parameter_table()) {
    EXPECT_TRUE(paths.insert(std::string(d.path)).second) << d.path << " declared twice";
    const auto dot = d.path.find('.');
    ASSERT_NE(dot, std::string_view::npos) << d.path;
    if (!d.path.starts_with("regisseur.arsenal.")) {
      EXPECT_EQ(d.path.find('.', dot + 1), std::string_view::npos) << d.path;
    }
    // [scenario] and [partners] are the loader's own tables.
    EXPECT_NE(d.path.substr(0, dot), "scenario");
    EXPECT_NE(d.path.substr(0, dot), "partners");
  }
  std::set<std::string> keys;
  for (const auto& c : partner_columns())
    EXPECT_TRUE(keys.insert(std::string(c.key)).second) << c.key << " declared twice";
}

TEST(ParameterTable, EveryDeclarationIsComplete) {
  for (const auto& d : parameter_table()) {
    EXPECT_FALSE(d.label_en.empty()) << d.path;
    EXPECT_FALSE(d.label_nl.empty()) << d.path;
    EXPECT_FALSE(d.description.empty()) << d.path;
    switch (d.kind) {
      case ValueKind::real:
        EXPECT_TRUE(d.real != nullptr || (d.get_value != nullptr && d.set_value != nullptr))
            << d.path;
        break;
      case ValueKind::boolean:  // a member of its own, or an arsenal entry's accessors
        EXPECT_TRUE(d.real != nullptr || (d.get_value != nullptr && d.set_value != nullptr))
            << d.path;
        EXPECT_EQ(d.min, 0) << d.path;
        EXPECT_EQ(d.max, 1) << d.path;
        break;
      case ValueKind::integer:
        EXPECT_NE(d.integer, nullptr) << d.path;
        break;
      case ValueKind::choice:
        EXPECT_GE(d.choices.size(), 2u) << d.path;
        EXPECT_EQ(d.max, static_cast<double>(d.choices.size() - 1)) << d.path;
        break;
      case ValueKind::real_per_dimension:
        EXPECT_NE(d.reals, nullptr) << d.path;
        break;
      case ValueKind::text:
        ADD_FAILURE() << d.path << " is text";
        break;
    }
  }
}

TEST(ParameterTable, DefaultParametersMatchTheTable) {
  const Parameters p = default_parameters();
  for (const auto& d : parameter_table()) {
    if (d.kind == ValueKind::real_per_dimension) {
      EXPECT_TRUE((p.*d.reals).empty()) << d.path << ": not given";
      EXPECT_EQ(d.dimension_values(p),
                std::vector<double>(static_cast<std::size_t>(p.opgave_dimensions), d.default_value))
          << d.path;
      continue;
    }
    EXPECT_EQ(d.get(p), d.default_value) << d.path;
  }
}

TEST(ParameterTable, SetThenGet_GivesTheValueBack) {
  Parameters p = default_parameters();
  for (const auto& d : parameter_table()) {
    if (d.kind == ValueKind::real_per_dimension) {
      p.*d.reals = std::vector<double>(static_cast<std::size_t>(p.opgave_dimensions), d.max);
      EXPECT_EQ(d.dimension_values(p), p.*d.reals) << d.path;
      continue;
    }
    d.set(p, d.max);
    EXPECT_EQ(d.get(p), d.max) << d.path;
  }
}

TEST(ParameterTable, FindsDeclarationsByPath) {
  ASSERT_NE(find_parameter("trust.gain"), nullptr);
  EXPECT_EQ(find_parameter("trust.gain")->real, &Parameters::trust_gain);
  EXPECT_EQ(find_parameter("trust.gian"), nullptr);
  ASSERT_NE(find_partner_column("capabilities"), nullptr);
  EXPECT_FALSE(find_partner_column("capabilities")->default_value.has_value());
  EXPECT_EQ(choice_name(*find_parameter("run.activation"), 2), "synchronous");
}

TEST(ParameterTable, DeclaresEnabledEffectivenessAndCostForEveryIntervention) {
  const Parameters p = default_parameters();
  for (int a = 0; a < kInterventionCount; ++a) {
    const auto& decl = kArsenal[static_cast<std::size_t>(a)];
    const std::string base = "regisseur.arsenal." + std::string(decl.name);
    const ParameterDecl* enabled = find_parameter(base + ".enabled");
    const ParameterDecl* eta = find_parameter(base + ".effectiveness");
    const ParameterDecl* cost = find_parameter(base + ".cost");
    ASSERT_NE(enabled, nullptr) << base;
    ASSERT_NE(eta, nullptr) << base;
    ASSERT_NE(cost, nullptr) << base;
    EXPECT_EQ(enabled->kind, ValueKind::boolean);
    EXPECT_EQ(enabled->get(p), 1.0) << base;
    EXPECT_EQ(eta->get(p), decl.effectiveness) << base;
    EXPECT_EQ(cost->get(p), decl.cost) << base;
    Parameters q = p;
    cost->set(q, 7.0);
    EXPECT_EQ(q.arsenal[static_cast<std::size_t>(a)].cost, 7.0) << base;
    EXPECT_EQ(q.arsenal[static_cast<std::size_t>(a)].effectiveness, decl.effectiveness) << base;
  }
}

// P11 as a check of the declaration: trust, in the others and in the regisseur, is lost faster
// than it is built.
TEST(ParameterTable, DefaultsLoseTrustFasterThanTheyBuildIt) {
  const Parameters p = default_parameters();
  EXPECT_GT(p.trust_loss, p.trust_gain);
  EXPECT_GT(p.trust_regisseur_loss, p.trust_regisseur_gain);
}

}  // namespace
}  // namespace regiesim::model
