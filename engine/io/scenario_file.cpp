#include "io/scenario_file.hpp"

#include <fmt/format.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>
#include <vector>

#include "scenario/extends.hpp"
#include "scenario/input_error.hpp"
#include "scenario/scenario_tree.hpp"

namespace regiesim::io {

namespace {

namespace fs = std::filesystem;
using scenario::InputError;

// Scenario files on disk: a base's path is the naming file's directory joined with the name, and
// a file is known by its canonical path (so that a cycle through links or `..` is found).
class DiskFiles final : public scenario::ScenarioFiles {
 public:
  std::string base_path(std::string_view naming_file, std::string_view name) const override {
    return (fs::path(naming_file).parent_path() / name).string();
  }
  scenario::BaseProblem problem(const std::string& path) override {
    std::error_code error;
    if (!fs::exists(path, error)) return scenario::BaseProblem::not_found;
    if (fs::is_directory(path, error)) return scenario::BaseProblem::directory;
    return scenario::BaseProblem::none;
  }
  std::string read(const std::string& path) override { return read_input_file(path, "scenario"); }
  std::string identity(const std::string& path) const override {
    std::error_code error;
    return fs::weakly_canonical(path, error).string();
  }
};

}  // namespace

std::string read_input_file(const std::filesystem::path& path, std::string_view what,
                            std::uintmax_t max_bytes) {
  const std::string limit = max_bytes >= (std::uintmax_t{1} << 30)
                                ? fmt::format("{} GiB", max_bytes >> 30)
                                : fmt::format("{} MiB", max_bytes >> 20);
  const std::string label = path.string();
  std::error_code error;
  const auto status = fs::status(path, error);
  if (!fs::exists(status)) throw InputError(label, "no such file");
  if (fs::is_directory(status))
    throw InputError(label, fmt::format("is a directory, expected a {} file (.toml)", what));
  if (fs::is_regular_file(status)) {
    const auto size = fs::file_size(path, error);
    if (!error && size > max_bytes)
      throw InputError(label, fmt::format("is {} bytes; a {} file may be at most {} "
                                          "(is this a {}?)",
                                          size, what, limit, what));
  }
  const std::unique_ptr<std::FILE, int (*)(std::FILE*)> file{std::fopen(label.c_str(), "rb"),
                                                             &std::fclose};
  if (!file) throw InputError(label, fmt::format("cannot be read: {}", std::strerror(errno)));
  // Bounded again while reading: a pipe or device reports no size up front.
  std::string text;
  std::vector<char> buffer(64 * 1024);
  while (const std::size_t got = std::fread(buffer.data(), 1, buffer.size(), file.get())) {
    text.append(buffer.data(), got);
    if (text.size() > max_bytes)
      throw InputError(
          label, fmt::format("is larger than {}; a {} file may be at most {}", limit, what, limit));
  }
  if (std::ferror(file.get()))
    throw InputError(label, fmt::format("cannot be read: {}", std::strerror(errno)));
  return text;
}

scenario::ScenarioSpec read_scenario_file(const std::filesystem::path& path,
                                          std::span<const std::string> overrides) {
  scenario::ScenarioSource source;
  source.label = path.string();
  DiskFiles files;
  scenario::ExtendsReading reading = scenario::read_with_extends(files, source.label);
  source.text = std::move(reading.text);
  const toml::table& tree = reading.tree;
  source.files = std::move(reading.files);
  // network.file, unless the ties are inline (a resolved scenario keeps them so).
  if (const toml::node* network = tree.get("network"); network && network->is_table()) {
    const toml::node* file = network->as_table()->get("file");
    const bool inline_ties = network->as_table()->contains("ties");
    if (file && file->is_string() && !inline_ties && !file->as_string()->get().empty()) {
      const auto& region = file->source();
      const fs::path named_in = region.path ? fs::path(*region.path) : path;
      const fs::path edges = named_in.parent_path() / file->as_string()->get();
      std::error_code ignored;
      if (!fs::exists(edges, ignored)) {
        const std::string message = fmt::format(
            "network.file: '{}' not found (looked for {}; it is resolved relative to the file "
            "that names it)",
            file->as_string()->get(), edges.string());
        throw InputError(named_in.string(), static_cast<int>(region.begin.line),
                         static_cast<int>(region.begin.column), message);
      }
      source.edge_list_label = edges.string();
      source.edge_list_text = read_input_file(edges, "edge list", kMaxEdgeListFileBytes);
    }
  }
  scenario::ScenarioSpec spec = scenario::load_extended_tree(reading, source, overrides);
  // A scenario without a name is named after its file, so the output and the summary name it.
  if (spec.name.empty()) spec.name = path.stem().string();
  return spec;
}

}  // namespace regiesim::io
