// Bad input end to end: every file in tests/bad, and bad command lines, must give exit status 2,
// one message on stderr that says where and what, and nothing on stdout.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "support/process.hpp"

namespace regiesim {
namespace {

namespace fs = std::filesystem;
using testing::kBinary;
using testing::kSourceDir;
using testing::run_process;

std::string quoted(const std::string& word) {
  return "'" + word + "'";
}

testing::ProcessResult validate(const std::string& args) {
  return run_process(quoted(kBinary) + " validate " + args);
}

const std::string kDefault = kSourceDir + "/scenarios/default.toml";

// Every file in tests/bad (a new one is picked up without touching this test). Its first line
// reads `# expect: LINE:COL: error: MESSAGE`; that text must appear on stderr.
class BadScenarioFile : public ::testing::TestWithParam<std::string> {};

std::vector<std::string> bad_files() {
  std::vector<std::string> files;
  for (const auto& entry : fs::directory_iterator(kSourceDir + "/tests/bad"))
    if (entry.path().extension() == ".toml") files.push_back(entry.path().filename().string());
  std::sort(files.begin(), files.end());
  return files;
}

// "<line>:<column>: error: " at the start of `text`, both numbers at least 1.
bool starts_with_line_column_error(const std::string& text) {
  std::size_t at = 0;
  for (int field = 0; field < 2; ++field) {
    const std::size_t digits_begin = at;
    while (at < text.size() && std::isdigit(static_cast<unsigned char>(text[at]))) ++at;
    if (at == digits_begin || std::stoi(text.substr(digits_begin, at - digits_begin)) < 1)
      return false;
    if (at >= text.size() || text[at] != ':') return false;
    ++at;
  }
  return text.compare(at, 8, " error: ") == 0;
}

TEST_P(BadScenarioFile, ExitsWith2AndSaysWhereAndWhat) {
  const std::string path = kSourceDir + "/tests/bad/" + GetParam();
  std::ifstream in(path, std::ios::binary);
  std::string first_line;
  std::getline(in, first_line);
  const std::string marker = "# expect: ";
  ASSERT_EQ(first_line.rfind(marker, 0), 0u) << path << " must start with '" << marker << "'";
  const std::string expected = first_line.substr(marker.size());
  ASSERT_FALSE(expected.empty());

  const auto result = validate(quoted(path));
  EXPECT_EQ(result.status, 2) << result.err;
  EXPECT_EQ(result.out, "");
  ASSERT_EQ(result.err.rfind(path + ":", 0), 0u) << result.err;
  EXPECT_TRUE(starts_with_line_column_error(result.err.substr(path.size() + 1))) << result.err;
  EXPECT_NE(result.err.find(expected), std::string::npos)
      << "expected: " << expected << "\nstderr:   " << result.err;
  // One message, not a cascade.
  EXPECT_EQ(std::count(result.err.begin(), result.err.end(), '\n'), 1) << result.err;
}

INSTANTIATE_TEST_SUITE_P(TestsBad, BadScenarioFile, ::testing::ValuesIn(bad_files()),
                         [](const auto& info) {
                           std::string name = fs::path(info.param).stem().string();
                           std::replace_if(
                               name.begin(), name.end(),
                               [](char c) { return !std::isalnum(static_cast<unsigned char>(c)); },
                               '_');
                           return name;
                         });

TEST(BadInput, CorpusCoversEnoughErrorClasses) {
  EXPECT_GE(bad_files().size(), 15u);
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
