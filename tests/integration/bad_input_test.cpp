// Bad input end to end: every case of tests/bad/cases.toml (scenario files, extends chains, --set
// arguments, command lines) must give its exit status, one message on stderr that says where and
// what, and nothing on stdout.
#include <gtest/gtest.h>
#include <toml++/toml.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <ostream>
#include <string>
#include <vector>

#include "model/parameter_table.hpp"
#include "support/process.hpp"

namespace regiesim {
namespace {

namespace fs = std::filesystem;
using testing::kBinary;
using testing::kSourceDir;
using testing::run_process;

// One shell word, whatever it holds (a ' inside is closed, escaped and reopened).
std::string quoted(const std::string& word) {
  std::string out = "'";
  for (const char c : word) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

testing::ProcessResult validate(const std::string& args) {
  return run_process(quoted(kBinary) + " validate " + args);
}

const std::string kDefault = kSourceDir + "/scenarios/default.toml";

// ---- the manifest: tests/bad/cases.toml ------------------------------------------------------

// One bad input: the command line after the program name, its exit status and the words its
// message must contain.
struct Case {
  std::string name;
  std::vector<std::string> args;
  int exit = 0;
  std::vector<std::string> expect;
};

// gtest prints a parameter in ctest's test names and failure messages: the case's name.
void PrintTo(const Case& c, std::ostream* os) {
  *os << c.name;
}

const std::string kBad = kSourceDir + "/tests/bad";

std::vector<Case> manifest_cases() {
  std::vector<Case> cases;
  const toml::table manifest = toml::parse_file(kBad + "/cases.toml");
  const toml::array* rows = manifest["case"].as_array();
  if (!rows) return cases;
  for (const toml::node& row : *rows) {
    const toml::table& t = *row.as_table();
    Case c;
    c.name = t["name"].value_or(std::string{});
    c.exit = static_cast<int>(t["exit"].value_or(std::int64_t{-1}));
    if (const auto* args = t["args"].as_array())
      for (const auto& a : *args) c.args.push_back(a.value_or(std::string{}));
    if (const auto* expect = t["expect"].as_array())
      for (const auto& e : *expect) c.expect.push_back(e.value_or(std::string{}));
    cases.push_back(std::move(c));
  }
  return cases;
}

// Large or generated inputs, written when a case names them (@gen/NAME): megabytes are not
// committed, and each is made only in the test process that uses it.
std::string generated_input(const std::string& name) {
  static const testing::TempDir dir;
  const fs::path path = dir.path() / name;
  if (fs::exists(path)) return path.string();
  const std::string two_partners =
      "[partners.a]\ncapabilities = [0.1, 0.2, 0.3, 0.4]\n"
      "[partners.b]\ncapabilities = [0.4, 0.3, 0.2, 0.1]\n";
  std::string text;
  if (name == "string_1mb.toml") {
    text = "[scenario]\ndescription = \"" + std::string(1 << 20, 'x') + "\"\n" + two_partners;
  } else if (name == "array_1e6.toml") {
    text = "[partners.a]\ncapabilities = [0.5";
    for (int i = 1; i < 1'000'000; ++i) text += ", 0.5";
    text += "]\n";
  } else if (name == "nested_tables_1e4.toml") {
    text = "[a";
    for (int i = 1; i < 10'000; ++i) text += ".a";
    text += "]\nb = 1\n";
  } else if (name == "nested_inline_1e4.toml") {
    text = "x = ";
    for (int i = 0; i < 10'000; ++i) text += "{a = ";
    text += "1" + std::string(10'000, '}') + "\n";
  } else if (name == "nested_arrays_1e4.toml") {
    text = "x = " + std::string(10'000, '[') + std::string(10'000, ']') + "\n";
  } else if (name == "over_8mib.toml") {
    text = std::string((8u << 20) + 1, '#');
  } else if (name == "thousand_partners.toml") {
    text = "[opgave]\ndimensions = 1\n";
    for (int i = 0; i < 1000; ++i)
      text += "[partners.p" + std::to_string(i) + "]\ncapabilities = [0.5]\n";
  } else if (name == "existing.h5") {
    text = "an existing file that run must not replace without --force\n";
  } else if (name == "empty.h5") {
    text = "";
  } else {
    ADD_FAILURE() << "no generator for @gen/" << name;
  }
  std::ofstream(path, std::ios::binary) << text;
  return path.string();
}

// @bad/X, @default, @sweeps/X, @tmp and @gen/NAME replaced; `tmp` is the case's own fresh
// directory.
std::string expand(const std::string& arg, const testing::TempDir& tmp) {
  if (arg.starts_with("@bad/")) return kBad + "/" + arg.substr(5);
  if (arg == "@default") return kDefault;
  if (arg.starts_with("@sweeps/")) return kSourceDir + "/scenarios/sweeps/" + arg.substr(8);
  if (arg.starts_with("@gen/")) return generated_input(arg.substr(5));
  if (arg.starts_with("@tmp")) return tmp.path().string() + arg.substr(4);
  return arg;
}

class BadInputCase : public ::testing::TestWithParam<Case> {};

TEST_P(BadInputCase, ExitsWithItsStatusAndNamesWhatIsWrong) {
  const Case& c = GetParam();
  const testing::TempDir tmp;
  std::string command = quoted(kBinary);
  for (const auto& arg : c.args) command += " " + quoted(expand(arg, tmp));
  const auto result = run_process(command);
  EXPECT_EQ(result.status, c.exit) << command << "\nstderr: " << result.err;
  EXPECT_EQ(result.out, "") << command;
  ASSERT_FALSE(result.err.empty()) << command;
  EXPECT_EQ(result.err.back(), '\n');
  for (const auto& word : c.expect)
    EXPECT_NE(result.err.find(word), std::string::npos)
        << "expected: " << word << "\nstderr:   " << result.err;
  // One message, not a cascade: one line says "error:" (a usage error adds a hint below it).
  std::size_t errors = 0;
  for (std::size_t at = result.err.find("error: "); at != std::string::npos;
       at = result.err.find("error: ", at + 1))
    ++errors;
  EXPECT_EQ(errors, 1u) << result.err;
  // Nothing is written where the run would have written (every refusal comes first).
  EXPECT_TRUE(fs::is_empty(tmp.path())) << command;
}

INSTANTIATE_TEST_SUITE_P(Manifest, BadInputCase, ::testing::ValuesIn(manifest_cases()),
                         [](const auto& info) { return info.param.name; });

std::string all_case_text() {
  std::string text;
  for (const auto& c : manifest_cases()) {
    for (const auto& arg : c.args) {
      text += arg + "\n";
      if (arg.starts_with("@bad/")) text += testing::slurp(kBad + "/" + arg.substr(5)) + "\n";
    }
    for (const auto& word : c.expect) text += word + "\n";
  }
  return text;
}

TEST(BadInput, ManifestHasAtLeastSixtyCasesWithUniqueNames) {
  const auto cases = manifest_cases();
  EXPECT_GE(cases.size(), 60u);
  std::vector<std::string> names;
  for (const auto& c : cases) {
    EXPECT_FALSE(c.name.empty());
    EXPECT_FALSE(c.expect.empty()) << c.name;
    EXPECT_NE(c.exit, 0) << c.name;
    names.push_back(c.name);
  }
  std::sort(names.begin(), names.end());
  EXPECT_EQ(std::adjacent_find(names.begin(), names.end()), names.end());
}

// A file put in tests/bad without a row would never run.
TEST(BadInput, EveryFileInTestsBadHasACase) {
  const std::string text = all_case_text();
  for (const auto& entry : fs::recursive_directory_iterator(kBad)) {
    if (!entry.is_regular_file() || entry.path().filename() == "cases.toml") continue;
    const std::string relative = fs::relative(entry.path(), kBad).string();
    // A base reached only through extends is named in its case's expected message.
    EXPECT_TRUE(text.find("@bad/" + relative) != std::string::npos ||
                text.find(entry.path().filename().string()) != std::string::npos)
        << relative << " has no case in tests/bad/cases.toml";
  }
}

// Every table and key docs/scenarios.md documents is broken by at least one case: by its
// dotted path on a command line or in a message, or as a key under its [table] in a file. The
// declared model parameters are broken one by one, in a file and with --set, by
// LoadScenario.EveryDeclaredParameter_IsRefusedNamingItsPath_WhenWrongInKindOrRange; the cases
// here must hit the rest (partner columns, scenario keys, extends).
TEST(BadInput, EveryTableAndKeyOfTheScenarioFormatIsHit) {
  const std::string text = all_case_text();
  const std::string docs = testing::slurp(kSourceDir + "/docs/scenarios.md");
  std::vector<std::string> paths{"scenario.name", "scenario.description", "extends"};
  for (std::size_t at = docs.find("| `"); at != std::string::npos; at = docs.find("| `", at + 1)) {
    const std::size_t end = docs.find('`', at + 3);
    const std::string path = docs.substr(at + 3, end - at - 3);
    if (path.empty() || !std::all_of(path.begin(), path.end(), [](char c) {
          return std::islower(static_cast<unsigned char>(c)) || c == '_' || c == '.';
        }))
      continue;  // a rule's text, not a key
    if (model::find_parameter(path) != nullptr) continue;
    paths.push_back(path.find('.') == std::string::npos ? "partners.x." + path : path);
  }
  ASSERT_GE(paths.size(), 10u);
  for (const auto& path : paths) {
    const std::string table = path.substr(0, path.find('.'));
    const std::string key = path.substr(path.rfind('.') + 1);
    const bool by_path = path.starts_with("partners.x.")
                             ? text.find("." + key + "=") != std::string::npos ||
                                   text.find("." + key + " must") != std::string::npos
                             : text.find(path) != std::string::npos;
    const bool by_table = text.find("[" + table) != std::string::npos &&
                          text.find("\n" + key + " =") != std::string::npos;
    EXPECT_TRUE(by_path || by_table) << path << " is not hit by any case";
  }
}

TEST(Validate, DefaultScenario_IsOkOnOneLine) {
  const auto result = validate(quoted(kDefault));
  EXPECT_EQ(result.status, 0) << result.err;
  EXPECT_EQ(result.out, kDefault +
                            ": ok (scenario \"default\", 12 partners, 4 dimensions, 520 weeks, 10 "
                            "replications)\n");
  EXPECT_EQ(result.err, "");
}

TEST(Validate, Overrides_AreAppliedBeforeTheSummary) {
  const auto result =
      validate(quoted(kDefault) + " --set run.steps=52 --set 'scenario.name=\"variant\"'");
  EXPECT_EQ(result.status, 0) << result.err;
  EXPECT_NE(result.out.find("(scenario \"variant\", 12 partners, 4 dimensions, 52 weeks"),
            std::string::npos)
      << result.out;
}

TEST(Validate, DirectoryAsScenario_IsBadInput) {
  const auto result = validate(quoted(kSourceDir + "/scenarios"));
  EXPECT_EQ(result.status, 2);
  EXPECT_EQ(result.out, "");
  EXPECT_EQ(result.err,
            kSourceDir + "/scenarios: error: is a directory, expected a scenario file (.toml)\n");
}

TEST(Validate, Summary_CountsInTheSingularWhenThereIsOne) {
  const auto result = validate(quoted(kDefault) + " --set run.replications=1 --set run.steps=1");
  EXPECT_EQ(result.status, 0) << result.err;
  EXPECT_NE(result.out.find(", 1 week, 1 replication)"), std::string::npos) << result.out;
}

TEST(Validate, MissingFile_IsBadInput) {
  const auto result = validate("no/such/scenario.toml");
  EXPECT_EQ(result.status, 2);
  EXPECT_EQ(result.out, "");
  EXPECT_EQ(result.err, "no/such/scenario.toml: error: no such file\n");
}

TEST(Validate, MissingScenarioArgument_IsAUsageError) {
  const auto result = validate("");
  EXPECT_EQ(result.status, 2);
  EXPECT_EQ(result.out, "");
  EXPECT_NE(result.err.find("scenario"), std::string::npos) << result.err;
}

TEST(Validate, SetUnknownPath_SuggestsTheClosestPath) {
  const auto result = validate(quoted(kDefault) + " --set trust.gain=0.1 --set trust.gian=0.2");
  EXPECT_EQ(result.status, 2);
  EXPECT_EQ(result.out, "");
  EXPECT_EQ(result.err,
            "command line: --set #2 (trust.gian): error: unknown parameter 'trust.gian'; did you "
            "mean 'trust.gain'?\n");
}

TEST(Validate, SetUnknownPartner_SuggestsTheClosestPartner) {
  const auto result = validate(quoted(kDefault) + " --set partners.polite.passion=0.7");
  EXPECT_EQ(result.status, 2);
  EXPECT_EQ(result.err,
            "command line: --set #1 (partners.polite.passion): error: unknown partner 'polite' in "
            "partners.polite.passion; did you mean 'politie'?\n");
}

TEST(Validate, SetOutOfRange_NamesTheRange) {
  const auto result =
      validate(quoted(kDefault) + " --set trust.gain=0.1 --set partners.politie.passion=1.7");
  EXPECT_EQ(result.status, 2);
  EXPECT_EQ(result.out, "");
  EXPECT_EQ(result.err,
            "command line: --set #2 (partners.politie.passion): error: partners.politie.passion "
            "must be a number from 0 to 1, got 1.7\n");
}

TEST(Validate, SetBadValue_SaysWhatWasExpected) {
  const auto result = validate(quoted(kDefault) + " --set run.steps=ten");
  EXPECT_EQ(result.status, 2);
  EXPECT_EQ(result.err,
            "command line: --set #1 (run.steps): error: expected an integer for run.steps, got a "
            "string (\"ten\")\n");
}

TEST(Validate, SetWithoutEquals_ShowsTheExpectedForm) {
  const auto result = validate(quoted(kDefault) + " --set trust.gain");
  EXPECT_EQ(result.status, 2);
  EXPECT_EQ(result.err,
            "command line: --set #1 (trust.gain): error: expected dotted.path=value (e.g. "
            "trust.gain=0.1), got 'trust.gain'\n");
}

TEST(Validate, SetPlainWordForAChoice_IsTakenAsText) {
  const auto result = validate(quoted(kDefault) + " --set run.activation=fixed");
  EXPECT_EQ(result.status, 0) << result.err;
}

}  // namespace
}  // namespace regiesim
