#include "scenario/extends.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <utility>

#include "scenario/input_error.hpp"

namespace regiesim::scenario {

namespace {

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

std::string file_name(const std::string& identity) {
  const auto slash = identity.rfind('/');
  return slash == std::string::npos ? identity : identity.substr(slash + 1);
}

struct Reading {
  ScenarioFiles& files;
  std::vector<std::string> chain;  // identities of the files being read, outermost first
  ExtendsReading& out;
};

toml::table read_tree(const std::string& label, std::string* top_text, Reading& reading,
                      const std::string& context) {
  std::string text = reading.files.read(label);
  toml::table tree = parse_scenario_text(text, label);
  if (top_text) *top_text = std::move(text);

  const toml::node* extends = tree.get("extends");
  if (!extends) {
    reading.out.files.push_back(label);
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
  const std::string base_path = reading.files.base_path(label, base_name->get());
  switch (reading.files.problem(base_path)) {
    case BaseProblem::none:
      break;
    case BaseProblem::not_found:
      throw at(
          fmt::format("base scenario '{}' not found (looked for {}; extends is resolved "
                      "relative to the file that names it)",
                      base_name->get(), base_path));
    case BaseProblem::directory:
      throw at(
          fmt::format("base scenario '{}' is a directory; extends must name a scenario file "
                      "(.toml)",
                      base_name->get()));
  }
  const std::string identity = reading.files.identity(base_path);
  if (std::find(reading.chain.begin(), reading.chain.end(), identity) != reading.chain.end()) {
    std::string cycle;
    for (const auto& file : reading.chain) cycle += file_name(file) + " -> ";
    throw at(fmt::format("extends cycle: {}{}", cycle, file_name(identity)));
  }
  if (static_cast<int>(reading.chain.size()) >= kMaxExtendsDepth)
    throw at(fmt::format("extends is nested more than {} files deep", kMaxExtendsDepth));

  const std::string link = fmt::format("{}:{}:{}: in extends \"{}\"", label, region.begin.line,
                                       region.begin.column, base_name->get());
  const std::string base_context = context.empty() ? link : context + ": " + link;
  reading.out.context[base_path] = base_context;
  reading.chain.push_back(identity);
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
  reading.out.files.push_back(label);
  return base;
}

}  // namespace

ExtendsReading read_with_extends(ScenarioFiles& files, const std::string& path) {
  ExtendsReading out;
  Reading reading{files, {files.identity(path)}, out};
  out.tree = read_tree(path, &out.text, reading, "");
  return out;
}

ScenarioSpec load_extended_tree(const ExtendsReading& reading, const ScenarioSource& source,
                                std::span<const std::string> overrides) {
  try {
    return load_scenario_tree(reading.tree, source, overrides);
  } catch (const InputError& e) {
    const auto it = reading.context.find(e.origin());
    if (it == reading.context.end()) throw;
    throw InputError(e, it->second);
  }
}

}  // namespace regiesim::scenario
