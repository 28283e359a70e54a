// The help texts and docs/cli.md against what the program does: every subcommand and option the
// program offers is documented in its section, the default output name is the one `run` uses,
// and every exit status the bad-input manifest expects is in the exit-status table.
#include <gtest/gtest.h>

#include <filesystem>
#include <regex>
#include <set>
#include <string>

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

ProcessResult help(const std::string& subcommand) {
  return run_process("'" + kBinary + "' " + subcommand + " --help");
}

TEST(CliHelp, EverySubcommandHasASectionInDocsCliMd) {
  const auto top = help("");
  ASSERT_EQ(top.status, 0);
  const std::regex line(R"(\n  ([a-z]+) {2,}\S)");
  int subcommands = 0;
  const auto at = top.out.find("Subcommands:");
  ASSERT_NE(at, std::string::npos) << top.out;
  const std::string listed = top.out.substr(at);
  for (std::sregex_iterator it(listed.begin(), listed.end(), line), end; it != end; ++it) {
    ++subcommands;
    EXPECT_FALSE(docs_section((*it)[1]).empty()) << (*it)[1] << " has no section in docs/cli.md";
  }
  EXPECT_EQ(subcommands, 4) << top.out;
}

TEST(CliHelp, EveryOptionOfEverySubcommandIsDocumented) {
  for (const std::string subcommand : {"run", "validate", "inspect", "describe"}) {
    const auto h = help(subcommand);
    ASSERT_EQ(h.status, 0) << subcommand;
    const std::string section = docs_section(subcommand);
    const std::regex option(R"(--([a-z][a-z-]*))");
    std::set<std::string> options;
    for (std::sregex_iterator it(h.out.begin(), h.out.end(), option), end; it != end; ++it)
      options.insert((*it)[0]);
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
  const std::regex exit_line(R"(\nexit = (\d+))");
  for (std::sregex_iterator it(manifest.begin(), manifest.end(), exit_line), end; it != end; ++it)
    EXPECT_NE(table.find("\n| " + (*it)[1].str() + " | "), std::string::npos)
        << "exit " << (*it)[1] << " of tests/bad/cases.toml is not in docs/cli.md";
}

}  // namespace
}  // namespace regiesim::testing
