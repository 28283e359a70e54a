// The help texts and docs/cli.md against what the program does: every subcommand and option the
// program offers is documented in its section, the default output name is the one `run` uses,
// and every exit status the bad-input manifest expects is in the exit-status table.
#include <gtest/gtest.h>

#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "support/process.hpp"

namespace regiesim::testing {
namespace {

namespace fs = std::filesystem;

const std::string kDocs = slurp(kSourceDir + "/docs/cli.md");

// The part of docs/cli.md from "## `regiesim <subcommand>" to the next "## ".
std::string docs_section(const std::string& subcommand) {
  const auto begin = kDocs.find("## `regiesim " + subcommand);
  if (begin == std::string::npos) return {};
  return kDocs.substr(begin, kDocs.find("\n## ", begin + 1) - begin);
}

// Hand-written scanners rather than std::regex: GCC 12 reports a false maybe-uninitialized in
// <regex> under the sanitizers (seen here), and warnings are errors.
bool is_lower(char c) {
  return c >= 'a' && c <= 'z';
}

// The names in a help's "Subcommands:" list: lines "  name   description".
std::vector<std::string> listed_subcommands(const std::string& listed) {
  std::vector<std::string> names;
  std::size_t at = 0;
  while ((at = listed.find("\n  ", at)) != std::string::npos) {
    at += 3;
    std::size_t end = at;
    while (end < listed.size() && is_lower(listed[end])) ++end;
    if (end > at && listed.compare(end, 2, "  ") == 0) names.push_back(listed.substr(at, end - at));
  }
  return names;
}

// Every "--name" in a text.
std::set<std::string> long_options(const std::string& text) {
  std::set<std::string> options;
  std::size_t at = 0;
  while ((at = text.find("--", at)) != std::string::npos) {
    std::size_t end = at + 2;
    if (end < text.size() && is_lower(text[end])) {
      while (end < text.size() && (is_lower(text[end]) || text[end] == '-')) ++end;
      options.insert(text.substr(at, end - at));
    }
    at = end;
  }
  return options;
}

ProcessResult help(const std::string& subcommand) {
  return run_process("'" + kBinary + "' " + subcommand + " --help");
}

TEST(CliHelp, EverySubcommandHasASectionInDocsCliMd) {
  const auto top = help("");
  ASSERT_EQ(top.status, 0);
  const auto at = top.out.find("Subcommands:");
  ASSERT_NE(at, std::string::npos) << top.out;
  const std::vector<std::string> names = listed_subcommands(top.out.substr(at));
  for (const std::string& name : names)
    EXPECT_FALSE(docs_section(name).empty()) << name << " has no section in docs/cli.md";
  EXPECT_GE(names.size(), 4u) << top.out;
}

TEST(CliHelp, EveryOptionOfEverySubcommandIsDocumented) {
  for (const std::string subcommand : {"run", "compare", "validate", "inspect", "describe"}) {
    const auto h = help(subcommand);
    ASSERT_EQ(h.status, 0) << subcommand;
    const std::string section = docs_section(subcommand);
    const std::set<std::string> options = long_options(h.out);
    EXPECT_FALSE(options.empty()) << subcommand;
    for (const auto& name : options) {
      if (name == "--help" || name == "--version") continue;  // documented once, at the top
      EXPECT_NE(section.find(name), std::string::npos)
          << subcommand << " " << name << " is not in its section of docs/cli.md";
    }
  }
}

// Issue 17: the default output is named after the scenario file, not [scenario] name; the help
// and docs/cli.md say so, and run does so.
TEST(CliHelp, DefaultOutputIsNamedAfterTheScenarioFile_AsHelpAndDocsSay) {
  EXPECT_NE(help("run").out.find("results/<scenario file name without .toml>.h5"),
            std::string::npos);
  EXPECT_NE(docs_section("run").find("`results/<scenario file stem>.h5`"), std::string::npos);

  TempDir dir;
  const std::string scenario = dir / "file_stem.toml";
  std::ofstream(scenario) << "[scenario]\nname = \"scenario_name\"\n[run]\nsteps = 2\n"
                             "replications = 1\n[opgave]\ndimensions = 1\n"
                             "[partners.a]\ncapabilities = [0.5]\n[partners.b]\ncapabilities = "
                             "[0.5]\n";
  const auto r =
      run_process("cd '" + dir.path().string() + "' && '" + kBinary + "' run " + "file_stem.toml");
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_TRUE(fs::exists(dir.path() / "results/file_stem.h5"));
  EXPECT_FALSE(fs::exists(dir.path() / "results/scenario_name.h5"));
}

TEST(CliHelp, ExitStatusTableListsEveryStatusTheProgramGives) {
  const auto table = kDocs.substr(kDocs.find("## Exit status"));
  for (const std::string status : {"0", "1", "2"})
    EXPECT_NE(table.find("\n| " + status + " | "), std::string::npos) << status;
  const std::string manifest = slurp(kSourceDir + "/tests/bad/cases.toml");
  std::set<std::string> statuses;
  for (std::size_t at = 0; (at = manifest.find("\nexit = ", at)) != std::string::npos;) {
    at += 8;
    std::size_t end = at;
    while (end < manifest.size() && manifest[end] >= '0' && manifest[end] <= '9') ++end;
    statuses.insert(manifest.substr(at, end - at));
  }
  EXPECT_FALSE(statuses.empty());
  for (const std::string& status : statuses)
    EXPECT_NE(table.find("\n| " + status + " | "), std::string::npos)
        << "exit " << status << " of tests/bad/cases.toml is not in docs/cli.md";
}

}  // namespace
}  // namespace regiesim::testing
