// regiesim describe [--markdown | --outputs]
// Every scenario parameter and partner column with its default, range, unit, claim, labels and
// description, straight from the one table that declares them (DECISIONS 5). The markdown form
// is pasted into docs/scenarios.md, and a test keeps the two equal.
#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "cli/command.hpp"
#include "model/parameter_table.hpp"
#include "sim/events.hpp"
#include "sim/metrics.hpp"

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

std::string markdown() {
  return "### Parameters\n\n" + markdown_table(parameter_rows(), "parameter") +
         "\n### Partner columns (`[partners.<name>]`)\n\n" +
         markdown_table(partner_rows(), "column");
}

// One aligned line per entry (name, default, range, unit, claim, sweepable), then its labels
// and description indented beneath, so that long descriptions do not widen the columns.
std::string plain_table(const std::vector<Row>& rows, const std::string& first_column) {
  std::size_t w_path = first_column.size(), w_default = 7, w_range = 5, w_unit = 4, w_claim = 5;
  for (const auto& r : rows) {
    w_path = std::max(w_path, r.path.size());
    w_default = std::max(w_default, r.default_value.size());
    w_range = std::max(w_range, r.range.size());
    w_unit = std::max(w_unit, or_dash(r.unit).size());
    w_claim = std::max(w_claim, or_dash(r.claim).size());
  }
  std::string out =
      fmt::format("{:<{}}  {:<{}}  {:<{}}  {:<{}}  {:<{}}  {}\n", first_column, w_path, "default",
                  w_default, "range", w_range, "unit", w_unit, "claim", w_claim, "sweepable");
  for (const auto& r : rows) {
    out += fmt::format("{:<{}}  {:<{}}  {:<{}}  {:<{}}  {:<{}}  {}\n", r.path, w_path,
                       r.default_value, w_default, r.range, w_range, or_dash(r.unit), w_unit,
                       or_dash(r.claim), w_claim, r.sweepable);
    out += fmt::format("    {} / {}: {}\n", r.label_en, r.label_nl, r.description);
  }
  return out;
}

std::string plain() {
  return "Scenario parameters ([table] key = value; `regiesim describe --markdown` for a "
         "table)\n\n" +
         plain_table(parameter_rows(), "parameter") +
         "\nPartner columns ([partners.<name>] key = value)\n\n" +
         plain_table(partner_rows(), "column");
}

// The run-level metrics and the event kinds, from the tables the recorder and the writer use:
// pasted into docs/output.md, and a test keeps the two equal.
std::string outputs_markdown() {
  std::string out =
      "| metric | units | summary | meaning |\n"
      "|---|---|---|---|\n";
  for (const sim::MetricDecl& m : sim::kMetrics)
    out += fmt::format("| `{}` | {} | {} | {} |\n", m.name, cell(std::string(m.unit)),
                       sim::summary_description(m.summary), cell(std::string(m.description)));
  out +=
      "\n| event kind | value |\n"
      "|---|---|\n";
  for (std::size_t k = 0; k < sim::kEventKindNames.size(); ++k)
    out += fmt::format("| `{}` | {} |\n", sim::kEventKindNames[k], k);
  return out;
}

}  // namespace

void register_describe(CLI::App& app, Action& action) {
  auto as_markdown = std::make_shared<bool>(false);
  auto outputs = std::make_shared<bool>(false);
  CLI::App* command = app.add_subcommand(
      "describe", "List every scenario parameter with its default, range, unit and meaning");
  command->add_flag("--markdown", *as_markdown,
                    "Print GitHub markdown tables (as in docs/scenarios.md)");
  command->add_flag("--outputs", *outputs,
                    "Print the run-level metrics and event kinds as markdown tables (as in "
                    "docs/output.md)");
  command->callback([as_markdown, outputs, &action] {
    action = [as_markdown, outputs] {
      fmt::print("{}", *outputs ? outputs_markdown() : *as_markdown ? markdown() : plain());
      return 0;
    };
  });
}

}  // namespace regiesim::cli
