#include "scenario/toml_hazard.hpp"

#include <gtest/gtest.h>

namespace regiesim::scenario {
namespace {

TEST(TomlHazard, NonAsciiTextInStringsAndComments_IsNoHazard) {
  EXPECT_FALSE(find_toml_hazard("name = \"co\xc3\xb6peratie\" # \xc3\xa9\xc3\xa9n\n"));
  EXPECT_FALSE(find_toml_hazard("a = 'caf\xc3\xa9'\nb = '''\n\xd2\x88\n'''\n"));
  EXPECT_FALSE(find_toml_hazard("d = \"\"\"\xc3\xa9\xc3\xa9n \\\"\xd2\x88\\\"\"\"\"\n"));
  // After a line-ending backslash, an ASCII letter first: the parser asks only of that one.
  EXPECT_FALSE(find_toml_hazard("d = \"\"\"one \\\n  two \xc3\xa9\"\"\"\n"));
}

TEST(TomlHazard, HazardousCharacterOutsideStrings_IsFoundAtItsLineAndColumn) {
  const auto hazard = find_toml_hazard("[trust]\n# \xc3\xa9\ngain = 0.1 \xd2\x88\n");
  ASSERT_TRUE(hazard);
  EXPECT_EQ(hazard->line, 3);
  EXPECT_EQ(hazard->column, 12);
  EXPECT_EQ(hazard->code_point, U'\u0488');
  EXPECT_FALSE(hazard->in_string);
}

TEST(TomlHazard, HazardousCharacterAfterALineEndingBackslash_IsFound) {
  const auto hazard = find_toml_hazard("s = \"\"\"\\\n\xc2\xa7\"\"\"\n");  // #190's example
  ASSERT_TRUE(hazard);
  EXPECT_EQ(hazard->line, 2);
  EXPECT_EQ(hazard->column, 1);
  EXPECT_TRUE(hazard->in_string);
}

TEST(TomlHazard, OnlyTheCodePointsToml33MishandlesAreHazards) {
  EXPECT_FALSE(find_toml_hazard("\xc2\xa0"));      // U+00A0: handled (whitespace)
  EXPECT_TRUE(find_toml_hazard("\xc2\xa1"));       // U+00A1: first of the range
  EXPECT_TRUE(find_toml_hazard("\xd2\x99"));       // U+0499: last
  EXPECT_FALSE(find_toml_hazard("\xd2\x9a"));      // U+049A: the table says "no"
  EXPECT_FALSE(find_toml_hazard("\xe3\x80\x80"));  // U+3000: handled (whitespace)
  EXPECT_TRUE(find_toml_hazard("\xe3\x80\x81"));   // U+3001
  EXPECT_TRUE(find_toml_hazard("\xef\xbb\xbe"));   // U+FEFE
  EXPECT_FALSE(find_toml_hazard("\xef\xbb\xbf"));  // U+FEFF: handled
}

}  // namespace
}  // namespace regiesim::scenario
