#include "scenario/toml_hazard.hpp"

#include <gtest/gtest.h>

#include "scenario/input_error.hpp"
#include "scenario/scenario_tree.hpp"

namespace regiesim::scenario {
namespace {

TEST(TomlHazard, OnlyTheCodePointsToml33MishandlesAreHazards) {
  EXPECT_FALSE(find_toml_hazard("plain ASCII = 1"));
  EXPECT_FALSE(find_toml_hazard("\xc2\xa0"));      // U+00A0: handled (whitespace)
  EXPECT_TRUE(find_toml_hazard("\xc2\xa1"));       // U+00A1: first of the range
  EXPECT_TRUE(find_toml_hazard("\xd2\x99"));       // U+0499: last
  EXPECT_FALSE(find_toml_hazard("\xd2\x9a"));      // U+049A: the table says "no"
  EXPECT_FALSE(find_toml_hazard("\xe3\x80\x80"));  // U+3000: handled (whitespace)
  EXPECT_TRUE(find_toml_hazard("\xe3\x80\x81"));   // U+3001
  EXPECT_TRUE(find_toml_hazard("\xef\xbb\xbe"));   // U+FEFE
  EXPECT_FALSE(find_toml_hazard("\xef\xbb\xbf"));  // U+FEFF: handled
}

TEST(TomlHazard, FoundAtItsLineAndColumnInCodePoints) {
  const auto hazard = find_toml_hazard("[trust]\n# x\ngain = \"\xc3\xa9\"\n");
  ASSERT_TRUE(hazard);
  EXPECT_EQ(hazard->line, 3);
  EXPECT_EQ(hazard->column, 9);
  EXPECT_EQ(hazard->code_point, U'\u00E9');
}

TEST(TomlHazard, SwapAndRestore_GiveBackTheText) {
  const std::string text = "co\xc3\xb6peratie \xd2\x88 \xe3\x80\x81 ok";
  const std::string safe = make_toml_safe(text);
  EXPECT_NE(safe, text);
  EXPECT_FALSE(find_toml_hazard(safe));
  EXPECT_EQ(restore_toml_text(safe), text);
  EXPECT_EQ(make_toml_safe("plain"), "plain");
}

// The tree parsed from swapped text, restored, equals what toml++ gives for the original text
// (where the original is safe to give it): strings and quoted keys get their characters back,
// and values keep the position they were written at.
TEST(TomlHazard, ParsedTreeHasTheOriginalStringsKeysAndPositions) {
  const std::string text =
      "[scenario]\nname = \"co\xc3\xb6peratie\" # \xc3\xa9\xc3\xa9n\n"
      "description = \"\"\"\xc3\xa9\xc3\xa9n \\\n  twee \xc2\xa7\"\"\"\n"
      "[\"caf\xc3\xa9\"]\nx = ['\xd2\x88', 1]\n";
  const toml::table tree = parse_scenario_text(text, "t.toml");
  EXPECT_EQ(tree["scenario"]["name"].value_or(std::string{}), "co\xc3\xb6peratie");
  EXPECT_EQ(tree["scenario"]["description"].value_or(std::string{}),
            "\xc3\xa9\xc3\xa9n twee \xc2\xa7");
  ASSERT_TRUE(tree.contains("caf\xc3\xa9"));
  EXPECT_EQ(tree["caf\xc3\xa9"]["x"][0].value_or(std::string{}), "\xd2\x88");
  EXPECT_EQ(tree["caf\xc3\xa9"]["x"].node()->source().begin.line, 6u);
  EXPECT_EQ(tree["caf\xc3\xa9"]["x"].node()->source().begin.column, 5u);
}

// Found by tests/fuzz: these reached toml++'s unreachable code; now they are syntax errors that
// show the character the user wrote.
TEST(TomlHazard, HazardsInBarePositionsAreSyntaxErrorsShowingTheOriginalCharacter) {
  try {
    parse_scenario_text("[trust]\ngain = 0.1 \xd2\x88\n", "t.toml");
    ADD_FAILURE() << "expected a syntax error";
  } catch (const InputError& e) {
    EXPECT_EQ(e.line(), 2);
    EXPECT_EQ(e.column(), 12);
    EXPECT_EQ(e.message().find("\xf3\xb0"), std::string::npos) << e.message();  // no swap left
  }
  EXPECT_THROW(
      parse_scenario_text("s = \"\"\"\\\n\xc2\xa7\"\"\"\nx = 3r''''\xe2\xbb\xbb", "t.toml"),
      InputError);
}

TEST(TomlHazard, PrivateUseCharactersOfTheSwapAreRefused) {
  EXPECT_THROW(parse_scenario_text("name = \"\xf3\xb0\x80\x80\"\n", "t.toml"), InputError);
}

}  // namespace
}  // namespace regiesim::scenario
