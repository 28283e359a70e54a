#pragma once
// `extends = "base.toml"`: a scenario file built on another, resolved recursively (the child's
// keys override the base's). One implementation for every reader of scenario files: the command
// line reads them from disk (io/scenario_file.cpp), the classroom page from the files a user
// picked and the shipped ones embedded in it. The core reads no files itself: a reader hands it a
// ScenarioFiles, asked once per file.
#include <toml++/toml.h>

#include <map>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "scenario/scenario_spec.hpp"
#include "scenario/scenario_tree.hpp"

namespace regiesim::scenario {

// Deep enough for any real hierarchy of variants; a deeper chain is a mistake.
inline constexpr int kMaxExtendsDepth = 16;

// Why a base named in `extends` cannot be read; the message at the `extends` line says which.
enum class BaseProblem { none, not_found, directory };

// Where scenario files come from. Paths are labels: spelled as the user (or the `extends` line)
// gave them, the way messages name them.
class ScenarioFiles {
 public:
  virtual ~ScenarioFiles() = default;
  // The label of the base `name`, given in `extends` by the file labelled `naming_file`: resolved
  // relative to that file.
  virtual std::string base_path(std::string_view naming_file, std::string_view name) const = 0;
  // Whether the base at `path` can be read.
  virtual BaseProblem problem(const std::string& path) = 0;
  // The file's text; an InputError when it cannot be read.
  virtual std::string read(const std::string& path) = 0;
  // The same for every spelling of the same file (the cycle check); its part after the last '/'
  // names the file in a cycle's message.
  virtual std::string identity(const std::string& path) const = 0;
};

// A scenario file with its extends chain merged.
struct ExtendsReading {
  toml::table tree;  // every file merged; nodes keep the region of the file they came from
  std::string text;  // the text of the file itself (not its bases)
  // Labels of the files merged, the deepest base first.
  std::vector<std::string> files;
  // Per base file (its label): the `extends` lines that led to it, outermost first, e.g.
  // `trap.toml:1:11: in extends "base.toml"`. An error about a value written in that base is
  // prefixed with it, so the message names the file the user gave as well as the base.
  std::map<std::string, std::string> context;
};

// Reads `path` and its bases. Cycles, bases that cannot be read and chains deeper than
// kMaxExtendsDepth are errors at the `extends` line; an error inside a base is prefixed with the
// `extends` lines that led to it, outermost first.
ExtendsReading read_with_extends(ScenarioFiles& files, const std::string& path);

// load_scenario_tree() of the merged tree, an error about a value written in a base prefixed with
// that base's extends context.
ScenarioSpec load_extended_tree(const ExtendsReading& reading, const ScenarioSource& source,
                                std::span<const std::string> overrides);

}  // namespace regiesim::scenario
