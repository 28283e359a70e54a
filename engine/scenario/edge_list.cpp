#include "scenario/edge_list.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <limits>
#include <optional>
#include <string>
#include <unordered_map>

#include "scenario/input_error.hpp"
#include "scenario/loader.hpp"

namespace regiesim::scenario {

namespace {

std::string_view trim_field(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

// A plain decimal number (digits, '.', an exponent; '-' but no '+', no spaces, no hex), read as
// std::from_chars reads it, through strtod: floating-point from_chars is missing from the
// WebAssembly build's standard library (emscripten 3.1.6's libc++). The core never sets a locale,
// so strtod reads the "C" locale's decimal point; both round correctly, so the value is the same
// to the last bit, and a value that underflows to zero is refused as from_chars refuses it.
std::optional<double> read_decimal(std::string_view field) {
  if (field.empty() || field.front() == '+' ||
      field.find_first_not_of("0123456789.eE+-") != std::string_view::npos)
    return std::nullopt;
  const std::string text(field);
  char* end = nullptr;
  errno = 0;
  const double value = std::strtod(text.c_str(), &end);
  if (end != text.c_str() + text.size() || (errno == ERANGE && value == 0)) return std::nullopt;
  return value;
}

}  // namespace

std::vector<network::GivenTie> parse_edge_list(std::string_view text, std::string_view label,
                                               const std::vector<model::PartnerSpec>& partners) {
  std::unordered_map<std::string_view, std::int32_t> ids;
  ids.reserve(partners.size());
  for (std::size_t i = 0; i < partners.size(); ++i)
    ids.emplace(partners[i].name, static_cast<std::int32_t>(i));
  const auto n = static_cast<std::int64_t>(partners.size());
  const auto error = [&](int line, int column, std::string message) {
    return InputError(std::string(label), line, column, std::move(message));
  };

  std::vector<network::GivenTie> ties;
  std::vector<int> lines;  // the line of each tie, for the message about a repeated one
  int line = 0;
  std::size_t begin = 0;
  while (begin < text.size()) {
    std::size_t end = text.find('\n', begin);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view row = text.substr(begin, end - begin);
    const std::size_t row_begin = begin;
    begin = end + 1;
    ++line;
    const std::string_view content = trim_field(row);
    if (content.empty() || content.front() == '#') continue;

    std::vector<std::pair<std::string_view, int>> fields;  // text and its 1-based column
    std::size_t start = 0;
    while (true) {
      const std::size_t comma = row.find(',', start);
      const std::string_view raw = row.substr(
          start, comma == std::string_view::npos ? std::string_view::npos : comma - start);
      const std::string_view field = trim_field(raw);
      const auto offset =
          field.empty() ? start : static_cast<std::size_t>(field.data() - row.data());
      fields.emplace_back(field, static_cast<int>(offset) + 1);
      if (comma == std::string_view::npos) break;
      start = comma + 1;
    }
    (void)row_begin;
    if (ties.empty() && lines.empty() && fields[0].first == "from" && fields.size() >= 2 &&
        fields[1].first == "to" &&
        (fields.size() == 2 || (fields.size() == 3 && fields[2].first == "trust"))) {
      lines.push_back(0);  // the header, so that a later "from,to" line is a tie again
      continue;
    }
    if (fields.size() < 2 || fields.size() > 3)
      throw error(line, 1,
                  fmt::format("expected from,to or from,to,trust (partner names or ids), got {} "
                              "field{}",
                              fields.size(), fields.size() == 1 ? "" : "s"));
    std::int32_t ends[2] = {0, 0};
    for (int k = 0; k < 2; ++k) {
      const auto [field, column] = fields[static_cast<std::size_t>(k)];
      if (field.empty()) throw error(line, column, "empty partner; give a partner's name or id");
      if (const auto it = ids.find(field); it != ids.end()) {
        ends[k] = it->second;
        continue;
      }
      std::int64_t id = -1;
      const auto [ptr, ec] = std::from_chars(field.data(), field.data() + field.size(), id);
      const bool number = ec == std::errc{} && ptr == field.data() + field.size();
      if (!number)
        throw error(line, column,
                    fmt::format("unknown partner '{}': neither a partner's name nor an id", field));
      if (id < 0 || id >= n)
        throw error(line, column,
                    fmt::format("partner id {} is out of range: the ids are 0 to {}", id, n - 1));
      ends[k] = static_cast<std::int32_t>(id);
    }
    if (ends[0] == ends[1])
      throw error(line, fields[1].second,
                  fmt::format("a tie of partner '{}' with itself",
                              partners[static_cast<std::size_t>(ends[0])].name));
    double trust = std::numeric_limits<double>::quiet_NaN();
    if (fields.size() == 3) {
      const auto [field, column] = fields[2];
      const std::optional<double> read = read_decimal(field);
      if (!read || !std::isfinite(*read))
        throw error(line, column, fmt::format("expected a number for trust, got '{}'", field));
      const double value = *read;
      if (value < 0 || value > 1)
        throw error(line, column, fmt::format("trust must be from 0 to 1, got {}", field));
      trust = value;
    }
    if (static_cast<std::int64_t>(ties.size()) * 2 >= detail::kMaxDirectedTies)
      throw error(line, 1,
                  fmt::format("more than {} ties; at most that many fit in a run",
                              detail::kMaxDirectedTies / 2));
    ties.push_back({ends[0], ends[1], trust});
    lines.push_back(line);
  }
  if (!lines.empty() && lines.front() == 0) lines.erase(lines.begin());

  // A tie given twice, in either direction: sorted by its pair, the repeat is next to the first.
  std::vector<std::size_t> order(ties.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  const auto pair_of = [&](std::size_t i) {
    return std::pair(std::min(ties[i].from, ties[i].to), std::max(ties[i].from, ties[i].to));
  };
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return std::pair(pair_of(a), a) < std::pair(pair_of(b), b);
  });
  for (std::size_t k = 1; k < order.size(); ++k)
    if (pair_of(order[k]) == pair_of(order[k - 1])) {
      const auto [i, j] = pair_of(order[k]);
      throw error(lines[order[k]], 1,
                  fmt::format("the tie between '{}' and '{}' is given twice (first on line {})",
                              partners[static_cast<std::size_t>(i)].name,
                              partners[static_cast<std::size_t>(j)].name, lines[order[k - 1]]));
    }
  if (ties.empty()) throw error(1, 1, "no ties: an edge list needs at least one line from,to");
  return ties;
}

}  // namespace regiesim::scenario
