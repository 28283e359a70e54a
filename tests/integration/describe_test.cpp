// `regiesim describe`: the parameter table as users read it, and docs/scenarios.md kept equal to
// it so that the documentation cannot drift from the declarations.
#include <gtest/gtest.h>

#include <string>

#include "model/parameter_table.hpp"
#include "record/metrics.hpp"
#include "support/process.hpp"

namespace regiesim {
namespace {

using testing::kBinary;
using testing::kSourceDir;
using testing::run_process;
using testing::slurp;

testing::ProcessResult describe(const std::string& args) {
  return run_process("'" + kBinary + "' describe " + args);
}

// The part of docs/`doc` between `<!-- BEGIN describe ARGS -->` and `<!-- END describe ARGS -->`
// equals what `regiesim describe ARGS` prints (one blank line on each side, which markdown needs
// around a table, aside). Returns the output.
std::string expect_pasted_in(const std::string& doc, const std::string& args) {
  const auto result = describe(args);
  EXPECT_EQ(result.status, 0) << result.err;
  const std::string docs = slurp(kSourceDir + "/docs/" + doc);
  const std::string begin = "<!-- BEGIN describe " + args + " -->\n";
  const std::string end = "<!-- END describe " + args + " -->";
  const auto from = docs.find(begin);
  const auto to = docs.find(end);
  EXPECT_NE(from, std::string::npos) << "docs/" << doc << " lacks the line " << begin;
  EXPECT_NE(to, std::string::npos) << "docs/" << doc << " lacks the line " << end;
  if (from == std::string::npos || to == std::string::npos || to < from) return result.out;
  std::string pasted = docs.substr(from + begin.size(), to - from - begin.size());
  if (pasted.starts_with("\n")) pasted.erase(0, 1);
  if (pasted.ends_with("\n\n")) pasted.pop_back();
  EXPECT_EQ(pasted, result.out) << "docs/" << doc << " is out of date: paste the output of "
                                << "`regiesim describe " << args << "` between the markers";
  return result.out;
}

TEST(Describe, DocsScenariosMd_ContainsExactlyTheCurrentMarkdown) {
  expect_pasted_in("scenarios.md", "--markdown");
}

TEST(Describe, DocsOutputMd_ContainsExactlyTheCurrentMetricsAndEventKinds) {
  const std::string out = expect_pasted_in("output.md", "--outputs");
  for (const record::MetricDecl& m : record::kMetrics)
    EXPECT_NE(out.find("| `" + std::string(m.name) + "` |"), std::string::npos) << m.name;
}

TEST(Describe, ListsEveryParameterAndPartnerColumn) {
  for (const std::string args : {"", "--markdown"}) {
    const auto result = describe(args);
    ASSERT_EQ(result.status, 0) << result.err;
    EXPECT_EQ(result.err, "");
    for (const auto& d : model::parameter_table())
      EXPECT_NE(result.out.find(std::string(d.path)), std::string::npos) << args << " " << d.path;
    for (const auto& c : model::partner_columns())
      EXPECT_NE(result.out.find(std::string(c.label_nl)), std::string::npos)
          << args << " " << c.key;
  }
}

TEST(Describe, PrintsNumbersAsTheyReadNaturally) {
  const auto result = describe("");
  ASSERT_EQ(result.status, 0) << result.err;
  // run.steps: integers without decimals; opgave.progress_rate: the shortest real.
  EXPECT_NE(result.out.find("run.steps = 520\n"), std::string::npos);
  EXPECT_NE(result.out.find("range 1 to 100000;"), std::string::npos);
  EXPECT_NE(result.out.find("opgave.progress_rate = 0.005\n"), std::string::npos);
  EXPECT_EQ(result.out.find("520.0"), std::string::npos);
  EXPECT_NE(result.out.find("random_sequential | fixed | synchronous"), std::string::npos);
}

TEST(Describe, FitsA100ColumnTerminal) {
  const auto result = describe("");
  ASSERT_EQ(result.status, 0) << result.err;
  std::size_t start = 0;
  while (start < result.out.size()) {
    std::size_t end = result.out.find('\n', start);
    if (end == std::string::npos) end = result.out.size();
    const std::string line = result.out.substr(start, end - start);
    // A single word longer than the width (none today) could not be broken.
    if (line.find(' ', line.find_first_not_of(' ')) != std::string::npos) {
      EXPECT_LE(line.size(), 100u) << line;
    }
    start = end + 1;
  }
}

TEST(Describe, APatternListsOnlyTheMatchingParameters) {
  const auto result = describe("trust");
  ASSERT_EQ(result.status, 0) << result.err;
  std::size_t listed = 0;
  for (const auto& d : model::parameter_table()) {
    const bool matches = std::string(d.path).find("trust") != std::string::npos;
    const bool shown = result.out.find(std::string(d.path) + " = ") != std::string::npos;
    EXPECT_EQ(shown, matches) << d.path;
    listed += matches ? 1 : 0;
  }
  EXPECT_GE(listed, 3u);
  EXPECT_EQ(result.out.find("capabilities = "), std::string::npos);  // no partner column matches
  const auto markdown = describe("arsenal.reflect --markdown");
  ASSERT_EQ(markdown.status, 0) << markdown.err;
  std::size_t rows = 0;
  for (std::size_t at = 0; (at = markdown.out.find("\n| `", at)) != std::string::npos; ++at) ++rows;
  EXPECT_EQ(rows, 3u);  // enabled, effectiveness, cost
}

TEST(Describe, APatternThatMatchesNothingIsAUsageError) {
  const auto result = describe("no_such_thing");
  EXPECT_EQ(result.status, 2);
  EXPECT_NE(result.err.find("no parameter or partner column matches 'no_such_thing'"),
            std::string::npos)
      << result.err;
}

TEST(Describe, Markdown_IsOneTableRowPerParameter) {
  const auto result = describe("--markdown");
  ASSERT_EQ(result.status, 0) << result.err;
  std::size_t rows = 0;
  for (std::size_t at = 0; (at = result.out.find("\n| `", at)) != std::string::npos; ++at) ++rows;
  EXPECT_EQ(rows, model::parameter_table().size() + model::partner_columns().size());
}

}  // namespace
}  // namespace regiesim
