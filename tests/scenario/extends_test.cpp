#include "scenario/extends.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <map>
#include <string>

#include "scenario/input_error.hpp"

namespace regiesim::scenario {
namespace {

// Scenario files held in memory, keyed by label; a base is looked for beside the file naming it.
class MemoryFiles final : public ScenarioFiles {
 public:
  explicit MemoryFiles(std::map<std::string, std::string> files) : files_(std::move(files)) {}
  std::string base_path(std::string_view naming_file, std::string_view name) const override {
    const auto slash = naming_file.rfind('/');
    if (slash == std::string_view::npos) return std::string(name);
    return std::string(naming_file.substr(0, slash + 1)) + std::string(name);
  }
  BaseProblem problem(const std::string& path) override {
    if (path.ends_with("/")) return BaseProblem::directory;
    return files_.contains(path) ? BaseProblem::none : BaseProblem::not_found;
  }
  std::string read(const std::string& path) override {
    ++reads;
    const auto it = files_.find(path);
    if (it == files_.end()) throw InputError(path, "no such file");
    return it->second;
  }
  std::string identity(const std::string& path) const override {
    return fmt::format("/root/{}", path);
  }
  int reads = 0;

 private:
  std::map<std::string, std::string> files_;
};

std::string error_of(MemoryFiles& files, const std::string& path) {
  try {
    read_with_extends(files, path);
  } catch (const InputError& e) {
    return e.what();
  }
  return "(no error)";
}

TEST(Extends, MergesAChainChildOverBase) {
  MemoryFiles files({{"top.toml", "extends = \"dir/middle.toml\"\n[trust]\ngain = 0.3\n"},
                     {"dir/middle.toml", "extends = \"base.toml\"\n[trust]\nloss = 0.2\n"},
                     {"dir/base.toml", "[trust]\ngain = 0.1\nloss = 0.1\n[opgave]\nweeks = 9\n"}});
  const ExtendsReading reading = read_with_extends(files, "top.toml");
  EXPECT_EQ(reading.text, "extends = \"dir/middle.toml\"\n[trust]\ngain = 0.3\n");
  EXPECT_EQ(reading.files,
            (std::vector<std::string>{"dir/base.toml", "dir/middle.toml", "top.toml"}));
  EXPECT_FALSE(reading.tree.contains("extends"));
  EXPECT_EQ(reading.tree.at_path("trust.gain").value<double>(), 0.3);
  EXPECT_EQ(reading.tree.at_path("trust.loss").value<double>(), 0.2);
  EXPECT_EQ(reading.tree.at_path("opgave.weeks").value<int>(), 9);
  // Each base keeps the region of the file it was written in.
  EXPECT_EQ(*reading.tree.at_path("opgave.weeks").node()->source().path, "dir/base.toml");
  EXPECT_EQ(reading.context.at("dir/middle.toml"), "top.toml:1:11: in extends \"dir/middle.toml\"");
  EXPECT_EQ(reading.context.at("dir/base.toml"),
            "top.toml:1:11: in extends \"dir/middle.toml\": dir/middle.toml:1:11: in extends "
            "\"base.toml\"");
  EXPECT_EQ(files.reads, 3);
}

TEST(Extends, ACycleIsAnErrorAtTheExtendsLine) {
  MemoryFiles files({{"a.toml", "extends = \"b.toml\"\n"}, {"b.toml", "\nextends = \"a.toml\"\n"}});
  EXPECT_EQ(error_of(files, "a.toml"),
            "a.toml:1:11: in extends \"b.toml\": b.toml:2:11: error: extends cycle: a.toml -> "
            "b.toml -> a.toml");
}

TEST(Extends, AMissingBaseOrADirectoryIsNamed) {
  MemoryFiles files({{"a.toml", "extends = \"gone.toml\"\n"}, {"d.toml", "extends = \"sub/\"\n"}});
  EXPECT_EQ(error_of(files, "a.toml"),
            "a.toml:1:11: error: base scenario 'gone.toml' not found (looked for gone.toml; "
            "extends is resolved relative to the file that names it)");
  EXPECT_EQ(error_of(files, "d.toml"),
            "d.toml:1:11: error: base scenario 'sub/' is a directory; extends must name a "
            "scenario file (.toml)");
  EXPECT_EQ(error_of(files, "nothing.toml"), "nothing.toml: error: no such file");
}

TEST(Extends, NotAStringAndTooDeep) {
  std::map<std::string, std::string> chain{{"n.toml", "extends = 3\n"}};
  for (int i = 0; i <= kMaxExtendsDepth; ++i)
    chain[fmt::format("f{}.toml", i)] = fmt::format("extends = \"f{}.toml\"\n", i + 1);
  chain[fmt::format("f{}.toml", kMaxExtendsDepth + 1)] = "";
  MemoryFiles files(std::move(chain));
  EXPECT_EQ(error_of(files, "n.toml"),
            "n.toml:1:11: error: extends must be a string naming the base scenario file, e.g. "
            "extends = \"base.toml\"");
  const std::string deep = error_of(files, "f0.toml");
  EXPECT_TRUE(deep.ends_with("f15.toml:1:11: error: extends is nested more than 16 files deep"))
      << deep;
  EXPECT_TRUE(deep.starts_with("f0.toml:1:11: in extends \"f1.toml\": f1.toml:1:11: in extends "))
      << deep;
  // From f2, the chain f2 .. f17 is 16 files deep: read.
  EXPECT_EQ(error_of(files, "f2.toml"), "(no error)");
  EXPECT_NE(error_of(files, "f1.toml"), "(no error)");
}

TEST(Extends, AnErrorInABaseNamesEveryLink) {
  MemoryFiles files({{"top.toml", "extends = \"middle.toml\"\n"},
                     {"middle.toml", "# middle\nextends = \"base.toml\"\n[trust]\nloss = 0.2\n"},
                     {"base.toml", "[trust]\ngain = 1.5\n\n[partners.a]\n"}});
  const ExtendsReading reading = read_with_extends(files, "top.toml");
  ScenarioSource source;
  source.label = "top.toml";
  source.text = reading.text;
  source.files = reading.files;
  try {
    load_extended_tree(reading, source, {});
    FAIL() << "a value out of range in the deepest base was accepted";
  } catch (const InputError& e) {
    EXPECT_EQ(std::string(e.what()),
              "top.toml:1:11: in extends \"middle.toml\": middle.toml:2:11: in extends "
              "\"base.toml\": base.toml:2:8: error: trust.gain must be a number from 0 to 1, got "
              "1.5");
    EXPECT_EQ(e.origin(), "base.toml");
  }
}

}  // namespace
}  // namespace regiesim::scenario
