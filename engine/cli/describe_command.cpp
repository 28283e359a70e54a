// regiesim describe [--markdown]
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

namespace regiesim::cli {

namespace {

using model::ValueKind;

// Integers without decimals, reals in the shortest form that reads back to the same double.
std::string number(double value, ValueKind kind) {
  if (kind == ValueKind::integer) return fmt::format("{}", static_cast<std::int64_t>(value));
  return fmt::format("{}", value);
}

struct Row {
  std::string path, default_value, range, unit, claim, label_en, label_nl, description, sweepable;
};

std::vector<Row> parameter_rows() {
  std::vector<Row> rows;
  for (const auto& d : model::parameter_table()) {
    Row row;
    row.path = std::string(d.path);
    if (d.kind == ValueKind::choice) {
      row.default_value = std::string(model::choice_name(d, static_cast<int>(d.default_value)));
      for (const auto name : d.choices)
        row.range += (row.range.empty() ? "" : " | ") + std::string(name);
    } else {
      row.default_value = number(d.default_value, d.kind);
      row.range = fmt::format("{} to {}", number(d.min, d.kind), number(d.max, d.kind));
    }
    row.unit = std::string(d.unit);
    row.claim = std::string(d.claim);
    row.label_en = std::string(d.label_en);
    row.label_nl = std::string(d.label_nl);
    row.description = std::string(d.description);
    row.sweepable = d.sweepable ? "yes" : "no";
    rows.push_back(std::move(row));
  }
  return rows;
}

std::vector<Row> partner_rows() {
  std::vector<Row> rows;
  for (const auto& c : model::partner_columns()) {
    Row row;
    row.path = std::string(c.key);
    row.default_value = c.default_value ? number(*c.default_value, c.kind) : "required";
    row.range = fmt::format("{} to {}", number(c.min, c.kind), number(c.max, c.kind));
    if (c.kind == ValueKind::real_per_dimension)
      row.range = "opgave.dimensions numbers, each " + row.range;
    row.unit = std::string(c.unit);
    row.claim = std::string(c.claim);
    row.label_en = std::string(c.label_en);
    row.label_nl = std::string(c.label_nl);
    row.description = std::string(c.description);
    row.sweepable = c.sweepable ? "yes" : "no";
    rows.push_back(std::move(row));
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

}  // namespace

void register_describe(CLI::App& app, Action& action) {
  auto as_markdown = std::make_shared<bool>(false);
  CLI::App* command = app.add_subcommand(
      "describe", "List every scenario parameter with its default, range, unit and meaning");
  command->add_flag("--markdown", *as_markdown,
                    "Print GitHub markdown tables (as in docs/scenarios.md)");
  command->callback([as_markdown, &action] {
    action = [as_markdown] {
      fmt::print("{}", *as_markdown ? markdown() : plain());
      return 0;
    };
  });
}

}  // namespace regiesim::cli
