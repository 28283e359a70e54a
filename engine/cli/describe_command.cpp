// regiesim describe [PATTERN] [--markdown | --outputs]
// Every scenario parameter and partner column with its default, range, unit, claim, labels and
// description, straight from the one table that declares them. The markdown form
// is pasted into docs/scenarios.md, and a test keeps the two equal.
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "cli/command.hpp"
#include "model/parameter_table.hpp"
#include "record/events.hpp"
#include "record/metrics.hpp"

namespace regiesim::cli {

namespace {

using model::ValueKind;

struct Row {
  std::string path, default_value, range, unit, claim, label_en, label_nl, description, sweepable;
};

// The columns every declaration has, parameter or partner column alike.
template <typename Decl>
Row documented_row(std::string_view path, const Decl& d, std::string default_value,
                   std::string range) {
  return {std::string(path),       std::move(default_value),   std::move(range),
          std::string(d.unit),     std::string(d.claim),       std::string(d.label_en),
          std::string(d.label_nl), std::string(d.description), d.sweepable ? "yes" : "no"};
}

template <typename Decl>
std::string numeric_range(const Decl& d) {
  return fmt::format("{} to {}", model::format_number(d.min, d.kind),
                     model::format_number(d.max, d.kind));
}

std::vector<Row> parameter_rows() {
  std::vector<Row> rows;
  for (const auto& d : model::parameter_table()) {
    std::string range;
    if (d.kind == ValueKind::choice)
      for (const auto name : d.choices) range += (range.empty() ? "" : " | ") + std::string(name);
    else if (d.kind == ValueKind::boolean)
      range = "true | false";
    else if (d.kind == ValueKind::real_per_dimension)
      range = "opgave.dimensions numbers, each " + numeric_range(d);
    else
      range = numeric_range(d);
    std::string default_value = model::format_value(d, d.default_value);
    if (d.kind == ValueKind::real_per_dimension) default_value += " each";
    rows.push_back(documented_row(d.path, d, std::move(default_value), range));
  }
  return rows;
}

std::vector<Row> partner_rows() {
  std::vector<Row> rows;
  for (const auto& c : model::partner_columns()) {
    std::string range = numeric_range(c);
    if (c.kind == ValueKind::real_per_dimension) range = "opgave.dimensions numbers, each " + range;
    if (c.kind == ValueKind::text) range = "a name (as partner names)";
    rows.push_back(documented_row(c.key, c,
                                  c.default_value ? model::format_number(*c.default_value, c.kind)
                                  : c.default_text.empty() ? std::string("required")
                                                           : std::string(c.default_text),
                                  range));
  }
  return rows;
}

std::string or_dash(const std::string& text) {
  return text.empty() ? "-" : text;
}

// A cell of a GitHub table: a '|' would end the cell.
std::string cell(const std::string& text) {
  std::string out;
  for (const char c : text) out += c == '|' ? std::string("\\|") : std::string(1, c);
  return out;
}

std::string markdown_table(const std::vector<Row>& rows, const std::string& first_column) {
  std::string out = fmt::format(
      "| {} | default | range | unit | claim | label (en / nl) | description | sweepable |\n"
      "|---|---|---|---|---|---|---|---|\n",
      first_column);
  for (const auto& r : rows)
    out +=
        fmt::format("| `{}` | {} | {} | {} | {} | {} / {} | {} | {} |\n", r.path,
                    cell(r.default_value), cell(r.range), cell(or_dash(r.unit)), or_dash(r.claim),
                    cell(r.label_en), cell(r.label_nl), cell(r.description), r.sweepable);
  return out;
}

std::string markdown(const std::vector<Row>& parameters, const std::vector<Row>& columns) {
  std::string out;
  if (!parameters.empty()) out += "### Parameters\n\n" + markdown_table(parameters, "parameter");
  if (!columns.empty())
    out += std::string(out.empty() ? "" : "\n") + "### Partner columns (`[partners.<name>]`)\n\n" +
           markdown_table(columns, "column");
  return out;
}

// `text` broken into lines of at most `width` columns, each starting with `indent` spaces; a word
// longer than a line stays whole.
std::string wrapped(const std::string& text, std::size_t indent, std::size_t width) {
  std::string out;
  std::string line(indent, ' ');
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find(' ', start);
    if (end == std::string::npos) end = text.size();
    const std::string word = text.substr(start, end - start);
    start = end + 1;
    if (word.empty()) continue;
    if (line.size() > indent && line.size() + 1 + word.size() > width) {
      out += line + "\n";
      line = std::string(indent, ' ');
    }
    line += (line.size() > indent ? " " : "") + word;
  }
  if (line.size() > indent) out += line + "\n";
  return out;
}

// One block per entry, within 100 columns (a terminal's usual width): the name and default, then
// range, unit, claim and whether it may be swept, then the labels and the description.
constexpr std::size_t kTerminalWidth = 100;

std::string plain_table(const std::vector<Row>& rows) {
  std::string out;
  for (const auto& r : rows) {
    out += wrapped(fmt::format("{} = {}", r.path, r.default_value), 0, kTerminalWidth);
    out +=
        wrapped(fmt::format("range {}; unit {}; claim {}; {}", r.range, or_dash(r.unit),
                            or_dash(r.claim), r.sweepable == "yes" ? "may be swept" : "not swept"),
                4, kTerminalWidth);
    out += wrapped(fmt::format("{} / {}: {}", r.label_en, r.label_nl, r.description), 4,
                   kTerminalWidth);
  }
  return out;
}

// The rows whose name contains `pattern` (any case); all rows for an empty pattern.
std::vector<Row> matching(std::vector<Row> rows, const std::string& pattern) {
  const auto lower = [](std::string text) {
    for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return text;
  };
  const std::string wanted = lower(pattern);
  std::erase_if(rows,
                [&](const Row& r) { return lower(r.path).find(wanted) == std::string::npos; });
  return rows;
}

std::string plain(const std::vector<Row>& parameters, const std::vector<Row>& columns) {
  std::string out;
  if (!parameters.empty())
    out +=
        "Scenario parameters ([table] key = default; `regiesim describe --markdown` for a "
        "table)\n\n" +
        plain_table(parameters);
  if (!columns.empty())
    out += std::string(out.empty() ? "" : "\n") +
           "Partner columns ([partners.<name>] key = default)\n\n" + plain_table(columns);
  return out;
}

// The run-level metrics and the event kinds, from the tables the recorder and the writer use:
// pasted into docs/output.md, and a test keeps the two equal.
std::string outputs_markdown() {
  std::string out =
      "| metric | units | summary | meaning |\n"
      "|---|---|---|---|\n";
  for (const record::MetricDecl& m : record::kMetrics)
    out += fmt::format("| `{}` | {} | {} | {} |\n", m.name, cell(std::string(m.unit)),
                       record::summary_description(m.summary), cell(std::string(m.description)));
  out +=
      "\n| event kind | value |\n"
      "|---|---|\n";
  for (const auto& k : record::kAllEventKinds)
    out += fmt::format("| `{}` | {} |\n", k.name, k.number);
  return out;
}

}  // namespace

void register_describe(CLI::App& app, Action& action) {
  auto as_markdown = std::make_shared<bool>(false);
  auto outputs = std::make_shared<bool>(false);
  auto pattern = std::make_shared<std::string>();
  CLI::App* command = app.add_subcommand(
      "describe", "List every scenario parameter with its default, range, unit and meaning");
  command->add_option("PATTERN", *pattern,
                      "Only the parameters and partner columns whose name contains PATTERN "
                      "(e.g. trust, arsenal.reflect)");
  command->add_flag("--markdown", *as_markdown,
                    "Print GitHub markdown tables (as in docs/scenarios.md)");
  command->add_flag("--outputs", *outputs,
                    "Print the run-level metrics and event kinds as markdown tables (as in "
                    "docs/output.md)");
  command->callback([as_markdown, outputs, pattern, &action] {
    action = [as_markdown, outputs, pattern] {
      if (*outputs) {
        fmt::print("{}", outputs_markdown());
        return 0;
      }
      const std::vector<Row> parameters = matching(parameter_rows(), *pattern);
      const std::vector<Row> columns = matching(partner_rows(), *pattern);
      if (parameters.empty() && columns.empty())
        throw UsageError(fmt::format(
            "no parameter or partner column matches '{}'; `regiesim describe` lists them all",
            *pattern));
      fmt::print("{}", *as_markdown ? markdown(parameters, columns) : plain(parameters, columns));
      return 0;
    };
  });
}

}  // namespace regiesim::cli
