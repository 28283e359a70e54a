#include "io/scenario_file.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "scenario/input_error.hpp"
#include "scenario/load_scenario.hpp"

namespace regiesim::io {
namespace {

namespace fs = std::filesystem;
using scenario::InputError;

// A fresh directory per test, removed afterwards.
class ScenarioFile : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = fs::temp_directory_path() / (std::string("regiesim_scenario_file_") +
                                        std::to_string(::getpid()) + "_" + info->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  fs::path write(const std::string& name, const std::string& text) {
    const fs::path path = dir_ / name;
    fs::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << text;
    return path;
  }

  InputError error_reading(const fs::path& path, std::vector<std::string> overrides = {}) {
    try {
      read_scenario_file(path, overrides);
    } catch (const InputError& e) {
      return e;
    }
    ADD_FAILURE() << "expected an InputError reading " << path;
    return InputError("", "");
  }

  fs::path dir_;
};

const std::string kTwoPartners =
    "[partners.a]\ncapabilities = [0.1, 0.2, 0.3, 0.4]\n"
    "[partners.b]\ncapabilities = [0.4, 0.3, 0.2, 0.1]\n";

TEST_F(ScenarioFile, AScenarioWithoutAName_IsNamedAfterItsFile) {
  EXPECT_EQ(read_scenario_file(write("kansrijke_start.toml", kTwoPartners)).name,
            "kansrijke_start");
  EXPECT_EQ(
      read_scenario_file(write("named.toml", "[scenario]\nname = \"x\"\n" + kTwoPartners)).name,
      "x");
}

TEST_F(ScenarioFile, DefaultScenarioOfTheRepository_IsValid) {
  const auto spec = read_scenario_file(fs::path(REGIESIM_SOURCE_DIR) / "scenarios/default.toml");
  EXPECT_EQ(spec.name, "default");
  EXPECT_GE(spec.partner_count(), 2);
}

TEST_F(ScenarioFile, DefaultScenarioOfTheRepository_ResolvesToAnEqualSpec) {
  const auto spec = read_scenario_file(fs::path(REGIESIM_SOURCE_DIR) / "scenarios/default.toml");
  const auto again = scenario::load_scenario(scenario::resolved_toml(spec), "resolved");
  EXPECT_EQ(again.parameters, spec.parameters);
  EXPECT_EQ(again.partners, spec.partners);
  EXPECT_EQ(again.name, spec.name);
  EXPECT_EQ(again.description, spec.description);
}

TEST_F(ScenarioFile, GoodFile_KeepsItsPathAsLabelAndItsText) {
  const std::string text = "[trust]\ngain = 0.2\n" + kTwoPartners;
  const auto path = write("s.toml", text);
  const std::vector<std::string> overrides{"trust.loss=0.5"};
  const auto spec = read_scenario_file(path, overrides);
  EXPECT_EQ(spec.source_label, path.string());
  EXPECT_EQ(spec.source_text, text);
  EXPECT_EQ(spec.overrides, overrides);
  EXPECT_DOUBLE_EQ(spec.parameters.trust_gain, 0.2);
  EXPECT_DOUBLE_EQ(spec.parameters.trust_loss, 0.5);
}

TEST_F(ScenarioFile, MissingFile_IsAnInputError) {
  const auto e = error_reading(dir_ / "nowhere.toml");
  EXPECT_EQ(e.origin(), (dir_ / "nowhere.toml").string());
  EXPECT_EQ(e.message(), "no such file");
}

TEST_F(ScenarioFile, Directory_IsRefusedAsAScenario) {
  EXPECT_EQ(error_reading(dir_).message(), "is a directory, expected a scenario file (.toml)");
}

TEST_F(ScenarioFile, FileLargerThan8MiB_IsRefusedBeforeReading) {
  const auto path = write("huge.toml", "");
  fs::resize_file(path, kMaxScenarioFileBytes + 1);  // sparse: cheap to make, costly to read
  EXPECT_NE(error_reading(path).message().find("at most 8 MiB"), std::string::npos);
}

TEST_F(ScenarioFile, EndlessStream_IsCutOffAt8MiB) {
  EXPECT_NE(error_reading("/dev/zero").message().find("larger than 8 MiB"), std::string::npos);
}

TEST_F(ScenarioFile, UnreadableFile_SaysWhy) {
  // Permission bits do not stop root (CI runs as root), so read a file whose read fails for
  // everyone: /proc/self/mem opens, but reading address 0 fails with EIO.
  EXPECT_NE(error_reading("/proc/self/mem").message().find("cannot be read: Input/output error"),
            std::string::npos);
  if (::geteuid() != 0) {
    const auto path = write("locked.toml", kTwoPartners);
    fs::permissions(path, fs::perms::none);
    EXPECT_NE(error_reading(path).message().find("cannot be read: Permission denied"),
              std::string::npos);
  }
}

TEST_F(ScenarioFile, InvalidUtf8_IsReportedByTheParserWithAPosition) {
  const auto e = error_reading(write("bad.toml", "[scenario]\nname = \"\xff\xfe\"\n"));
  EXPECT_EQ(e.line(), 2);
  EXPECT_NE(e.message().find("utf-8"), std::string::npos);
}

TEST_F(ScenarioFile, Extends_TakesTheBaseAndOverridesItsKeys) {
  write("base.toml",
        "[scenario]\nname = \"base\"\n[trust]\ngain = 0.2\nloss = 0.3\n"
        "[partners.a]\npassion = 0.9\ncapabilities = [0, 0, 0, 0]\n"
        "[partners.b]\ncapabilities = [0, 0, 0, 0]\n");
  const auto child = write("variants/child.toml",
                           "extends = \"../base.toml\"\n[trust]\nloss = 0.4\n"
                           "[partners.c]\ncapabilities = [1, 1, 1, 1]\n"
                           "[partners.a]\nurgency = 0.1\n");
  const auto spec = read_scenario_file(child);
  EXPECT_EQ(spec.name, "base");
  EXPECT_DOUBLE_EQ(spec.parameters.trust_gain, 0.2);
  EXPECT_DOUBLE_EQ(spec.parameters.trust_loss, 0.4);
  ASSERT_EQ(spec.partner_count(), 3);
  // The base's partners keep their ids; the child's new ones follow.
  EXPECT_EQ(spec.partners[0].name, "a");
  EXPECT_EQ(spec.partners[1].name, "b");
  EXPECT_EQ(spec.partners[2].name, "c");
  EXPECT_DOUBLE_EQ(spec.partners[0].passion, 0.9);
  EXPECT_DOUBLE_EQ(spec.partners[0].urgency, 0.1);
  EXPECT_EQ(spec.source_label, child.string());
}

TEST_F(ScenarioFile, Extends_IsRecursiveAndResolvedAgainstEachIncludingFile) {
  write("a/root.toml", "[trust]\ngain = 0.1\n" + kTwoPartners);
  write("a/b/middle.toml", "extends = \"../root.toml\"\n[trust]\nloss = 0.2\n");
  const auto leaf =
      write("a/b/c/leaf.toml", "extends = \"../middle.toml\"\n[trust]\ndecay = 0.3\n");
  const auto spec = read_scenario_file(leaf);
  EXPECT_DOUBLE_EQ(spec.parameters.trust_gain, 0.1);
  EXPECT_DOUBLE_EQ(spec.parameters.trust_loss, 0.2);
  EXPECT_DOUBLE_EQ(spec.parameters.trust_decay, 0.3);
}

TEST_F(ScenarioFile, Extends_ErrorsPointAtTheFileWhereTheValueIsWritten) {
  const auto base = write("base.toml", "[trust]\ngain = 1.5\n" + kTwoPartners);
  const auto child = write("child.toml", "extends = \"base.toml\"\n\n[trust]\nloss = 0.4\n");
  const auto in_base = error_reading(child);
  EXPECT_EQ(in_base.origin(), base.string());
  EXPECT_EQ(in_base.line(), 2);
  EXPECT_EQ(in_base.column(), 8);

  write("base2.toml", "[trust]\ngain = 0.5\n" + kTwoPartners);
  const auto child2 = write("child2.toml", "extends = \"base2.toml\"\n\n[trust]\nloss = 4\n");
  const auto in_child = error_reading(child2);
  EXPECT_EQ(in_child.origin(), child2.string());
  EXPECT_EQ(in_child.line(), 4);

  // A rule about the merged whole points at the value concerned, wherever it was written.
  write("base3.toml", "[opgave]\ndimensions = 4\n" + kTwoPartners);
  const auto child3 = write("child3.toml", "extends = \"base3.toml\"\n[opgave]\ndimensions = 3\n");
  const auto rule = error_reading(child3);
  EXPECT_EQ(rule.origin(), (dir_ / "base3.toml").string());
  EXPECT_EQ(rule.line(), 4);  // partners.a.capabilities
}

TEST_F(ScenarioFile, Extends_AnErrorInABaseNamesEveryExtendsLineOnTheWay) {
  write("base.toml", "# base\n[trust]\ngain = 1.5\n" + kTwoPartners);
  const auto middle = write("middle.toml", "extends = \"base.toml\"\n");
  const auto top = write("top.toml", "\n\nextends = \"middle.toml\"\n");
  const auto e = error_reading(top);
  // The place stays where the value is written; the message leads there from the file given.
  EXPECT_EQ(e.origin(), (dir_ / "base.toml").string());
  EXPECT_EQ(e.line(), 3);
  EXPECT_EQ(std::string(e.what()),
            top.string() + ":3:11: in extends \"middle.toml\": " + middle.string() +
                ":1:11: in extends \"base.toml\": " + (dir_ / "base.toml").string() +
                ":3:8: error: trust.gain must be a number from 0 to 1, got 1.5");
}

TEST_F(ScenarioFile, Extends_ASyntaxErrorOrAMissingFileInABaseNamesTheChain) {
  write("broken.toml", "[trust\n");
  const auto child = write("child.toml", "extends = \"broken.toml\"\n");
  EXPECT_EQ(std::string(error_reading(child).what())
                .rfind(child.string() + ":1:11: in extends \"broken.toml\": ", 0),
            0u);
  write("mid.toml", "extends = \"gone.toml\"\n");
  const auto top = write("top.toml", "extends = \"mid.toml\"\n");
  const std::string what = error_reading(top).what();
  EXPECT_EQ(what.rfind(top.string() + ":1:11: in extends \"mid.toml\": ", 0), 0u) << what;
  EXPECT_NE(what.find("base scenario 'gone.toml' not found"), std::string::npos) << what;
}

TEST_F(ScenarioFile, Extends_ADirectoryIsAnErrorAtTheExtendsLine) {
  fs::create_directories(dir_ / "variants");
  const auto child = write("child.toml", "# x\nextends = \"variants\"\n" + kTwoPartners);
  const auto e = error_reading(child);
  EXPECT_EQ(e.origin(), child.string());
  EXPECT_EQ(e.line(), 2);
  EXPECT_NE(e.message().find("base scenario 'variants' is a directory"), std::string::npos)
      << e.what();
}

TEST_F(ScenarioFile, Extends_MissingBaseIsReportedAtTheExtendsLine) {
  const auto child = write("child.toml", "# variant\nextends = \"gone.toml\"\n");
  const auto e = error_reading(child);
  EXPECT_EQ(e.origin(), child.string());
  EXPECT_EQ(e.line(), 2);
  EXPECT_NE(e.message().find("base scenario 'gone.toml' not found"), std::string::npos);
}

TEST_F(ScenarioFile, Extends_CycleIsAnError) {
  write("one.toml", "extends = \"two.toml\"\n");
  const auto two = write("two.toml", "extends = \"one.toml\"\n");
  const auto e = error_reading(two);
  EXPECT_NE(e.message().find("extends cycle: two.toml -> one.toml -> two.toml"), std::string::npos)
      << e.what();
  const auto self = write("self.toml", "extends = \"self.toml\"\n");
  EXPECT_NE(error_reading(self).message().find("extends cycle"), std::string::npos);
}

TEST_F(ScenarioFile, Extends_MustNameAFile) {
  const auto e = error_reading(write("child.toml", "extends = 3\n" + kTwoPartners));
  EXPECT_EQ(e.line(), 1);
  EXPECT_NE(e.message().find("extends must be a string"), std::string::npos);
}

TEST_F(ScenarioFile, Extends_ResolvedScenarioStandsAlone) {
  write("base.toml", "[trust]\ngain = 0.25\n" + kTwoPartners);
  const auto spec = read_scenario_file(write("child.toml", "extends = \"base.toml\"\n"));
  const auto again = scenario::load_scenario(scenario::resolved_toml(spec), "resolved");
  EXPECT_EQ(again.parameters, spec.parameters);
  EXPECT_EQ(again.partners, spec.partners);
}

TEST_F(ScenarioFile, EdgeList_IsReadRelativeToTheFileThatNamesIt) {
  write("nets/ties.csv", "from,to,trust\na,b,0.4\n");
  write("nets/base.toml", "[network]\nkind = \"edge_list\"\nfile = \"ties.csv\"\n" + kTwoPartners);
  const fs::path child = write("child.toml", "extends = \"nets/base.toml\"\n");
  const scenario::ScenarioSpec spec = read_scenario_file(child);
  ASSERT_EQ(spec.network_ties.size(), 1u);
  EXPECT_EQ(spec.network_ties[0].trust, 0.4);
}

TEST_F(ScenarioFile, EdgeList_ErrorsAreAtTheCsvLineOrTheFileKey) {
  write("ties.csv", "a,b\nb,c\n");
  const fs::path scenario =
      write("s.toml", "[network]\nkind = \"edge_list\"\nfile = \"ties.csv\"\n" + kTwoPartners);
  const InputError bad = error_reading(scenario);
  EXPECT_EQ(bad.origin(), (dir_ / "ties.csv").string());
  EXPECT_EQ(bad.line(), 2);
  const fs::path missing =
      write("m.toml", "[network]\nkind = \"edge_list\"\nfile = \"none.csv\"\n" + kTwoPartners);
  const InputError absent = error_reading(missing);
  EXPECT_EQ(absent.line(), 3);
  EXPECT_NE(absent.message().find("'none.csv' not found"), std::string::npos);
}

}  // namespace
}  // namespace regiesim::io
