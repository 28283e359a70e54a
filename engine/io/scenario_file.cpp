#include "io/scenario_file.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <map>
#include <memory>
#include <vector>

#include "scenario/input_error.hpp"
#include "scenario/scenario_tree.hpp"

namespace regiesim::io {

namespace {

namespace fs = std::filesystem;
using scenario::InputError;

// Deep enough for any real hierarchy of variants; a deeper chain is a mistake.
constexpr int kMaxExtendsDepth = 16;

// Child over base: tables merge key by key, anything else replaces. Nodes are moved, not copied,
// so that each keeps the source region of the file it was written in.
void merge_into(toml::table& base, toml::table& child) {
  for (auto&& [key, node] : child) {
    toml::node* existing = base.get(key.str());
    if (existing && existing->is_table() && node.is_table())
      merge_into(*existing->as_table(), *node.as_table());
    else
      base.insert_or_assign(key, std::move(node));
  }
}

struct Reading {
  std::vector<fs::path> chain;     // files being read, outermost first: the cycle check
  std::vector<std::string> files;  // labels of the files merged, deepest base first
  // Per base file (its label): the `extends` lines that led to it, outermost first, e.g.
  // `trap.toml:1:11: in extends "base.toml"`. An error about a value written in that base is
  // prefixed with it, so the message names the file the user gave as well as the base.
  std::map<std::string, std::string> context;
};

toml::table read_tree(const fs::path& path, std::string* top_text, Reading& reading,
                      const std::string& context) {
  std::string text = read_input_file(path, "scenario");
  const std::string label = path.string();
  toml::table tree = scenario::parse_scenario_text(text, label);
  if (top_text) *top_text = std::move(text);

  const toml::node* extends = tree.get("extends");
  if (!extends) {
    reading.files.push_back(label);
    return tree;
  }
  const auto region = extends->source();
  const auto at = [&](std::string message) {
    return InputError(label, static_cast<int>(region.begin.line),
                      static_cast<int>(region.begin.column), std::move(message));
  };
  const auto* base_name = extends->as_string();
  if (!base_name || base_name->get().empty())
    throw at(
        "extends must be a string naming the base scenario file, e.g. extends = "
        "\"base.toml\"");
  const fs::path base_path = path.parent_path() / base_name->get();
  std::error_code error;
  if (!fs::exists(base_path, error))
    throw at(
        fmt::format("base scenario '{}' not found (looked for {}; extends is resolved "
                    "relative to the file that names it)",
                    base_name->get(), base_path.string()));
  if (fs::is_directory(base_path, error))
    throw at(
        fmt::format("base scenario '{}' is a directory; extends must name a scenario file "
                    "(.toml)",
                    base_name->get()));
  const fs::path canonical = fs::weakly_canonical(base_path, error);
  if (std::find(reading.chain.begin(), reading.chain.end(), canonical) != reading.chain.end()) {
    std::string cycle;
    for (const auto& file : reading.chain) cycle += file.filename().string() + " -> ";
    throw at(fmt::format("extends cycle: {}{}", cycle, canonical.filename().string()));
  }
  if (static_cast<int>(reading.chain.size()) >= kMaxExtendsDepth)
    throw at(fmt::format("extends is nested more than {} files deep", kMaxExtendsDepth));

  const std::string link = fmt::format("{}:{}:{}: in extends \"{}\"", label, region.begin.line,
                                       region.begin.column, base_name->get());
  const std::string base_context = context.empty() ? link : context + ": " + link;
  reading.context[base_path.string()] = base_context;
  reading.chain.push_back(canonical);
  toml::table base;
  try {
    base = read_tree(base_path, nullptr, reading, base_context);
  } catch (const InputError& e) {
    // Errors reading the base (and its own bases, each adding its link) name this extends line.
    throw InputError(e, link);
  }
  reading.chain.pop_back();
  tree.erase("extends");
  merge_into(base, tree);
  reading.files.push_back(label);
  return base;
}

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
  Reading reading;
  std::error_code error;
  reading.chain.push_back(fs::weakly_canonical(path, error));
  const toml::table tree = read_tree(path, &source.text, reading, "");
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
  scenario::ScenarioSpec spec = [&] {
    try {
      return scenario::load_scenario_tree(tree, source, overrides);
    } catch (const InputError& e) {
      const auto it = reading.context.find(e.origin());
      if (it == reading.context.end()) throw;
      throw InputError(e, it->second);
    }
  }();
  // A scenario without a name is named after its file, so the output and the summary name it.
  if (spec.name.empty()) spec.name = path.stem().string();
  return spec;
}

}  // namespace regiesim::io
