#include "scenario/edge_list.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "scenario/input_error.hpp"
#include "scenario/load_scenario.hpp"

namespace regiesim::scenario {
namespace {

std::vector<model::PartnerSpec> partners(std::vector<std::string> names) {
  std::vector<model::PartnerSpec> out;
  for (auto& name : names) {
    model::PartnerSpec p{};
    p.name = std::move(name);
    out.push_back(p);
  }
  return out;
}

std::string message_of(std::string_view text) {
  try {
    parse_edge_list(text, "ties.csv", partners({"a", "b", "c", "7"}));
  } catch (const InputError& e) {
    return e.what();
  }
  return "(no error)";
}

TEST(EdgeList, NamesIdsHeaderCommentsAndTrust) {
  const auto ties = parse_edge_list("from,to,trust\na,b,0.25\n# skipped\n\n 2 , 0 \r\n7,b\n", "x",
                                    partners({"a", "b", "c", "7"}));
  ASSERT_EQ(ties.size(), 3u);
  EXPECT_EQ(ties[0].from, 0);
  EXPECT_EQ(ties[0].to, 1);
  EXPECT_EQ(ties[0].trust, 0.25);
  EXPECT_EQ(ties[1].from, 2);
  EXPECT_EQ(ties[1].to, 0);
  EXPECT_TRUE(std::isnan(ties[1].trust));
  EXPECT_EQ(ties[2].from, 3);  // a name wins over an id: "7" is the partner named 7
}

TEST(EdgeList, ErrorsNameTheFileLineAndColumn) {
  EXPECT_EQ(message_of("a,b\nb,a\n"),
            "ties.csv:2:1: error: the tie between 'a' and 'b' is given twice (first on line 1)");
  EXPECT_EQ(message_of("a,b\na,zz\n"),
            "ties.csv:2:3: error: unknown partner 'zz': neither a partner's name nor an id");
  EXPECT_EQ(message_of("a,9\n"),
            "ties.csv:1:3: error: partner id 9 is out of range: the ids are 0 to 3");
  EXPECT_EQ(message_of("a,a\n"), "ties.csv:1:3: error: a tie of partner 'a' with itself");
  EXPECT_EQ(message_of("a,b,2\n"), "ties.csv:1:5: error: trust must be from 0 to 1, got 2");
  EXPECT_EQ(message_of("a,b,x\n"), "ties.csv:1:5: error: expected a number for trust, got 'x'");
  EXPECT_EQ(message_of("a\n"),
            "ties.csv:1:1: error: expected from,to or from,to,trust (partner names or ids), got 1 "
            "field");
  EXPECT_EQ(message_of("from,to\n"),
            "ties.csv:1:1: error: no ties: an edge list needs at least one line from,to");
}

TEST(EdgeList, InlineTiesOfAResolvedScenarioReadBack) {
  const std::string text = R"([network]
kind = "edge_list"
ties = [[0, 1, 0.5], [2, 1]]
[partners.a]
capabilities = [0.5, 0.5, 0.5, 0.5]
[partners.b]
capabilities = [0.5, 0.5, 0.5, 0.5]
[partners.c]
capabilities = [0.5, 0.5, 0.5, 0.5]
)";
  const ScenarioSpec spec = load_scenario(text, "s.toml");
  ASSERT_EQ(spec.network_ties.size(), 2u);
  const ScenarioSpec again = load_scenario(resolved_toml(spec), "r.toml");
  EXPECT_EQ(again.network_ties, spec.network_ties);
  try {
    load_scenario(text + "\n", "s.toml", std::vector<std::string>{"network.kind=complete"});
    FAIL() << "ties without edge_list must be refused";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("network.kind = \"edge_list\""), std::string::npos);
  }
  // Without a file reader (text only), network.file cannot be read: said so.
  try {
    load_scenario(
        "[network]\nkind = \"edge_list\"\nfile = \"t.csv\"\n[partners.a]\n"
        "capabilities = [0.5, 0.5, 0.5, 0.5]\n[partners.b]\n"
        "capabilities = [0.5, 0.5, 0.5, 0.5]\n",
        "s.toml");
    FAIL() << "a file in a text-only scenario must be refused";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("s.toml:3:8"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace regiesim::scenario
