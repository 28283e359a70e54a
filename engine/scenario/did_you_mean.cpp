#include "scenario/did_you_mean.hpp"

#include <algorithm>
#include <cctype>

namespace regiesim::scenario {

namespace {
char fold(char c) {
  return static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
}
}  // namespace

std::size_t edit_distance(std::string_view a, std::string_view b) {
  const std::size_t n = a.size();
  const std::size_t m = b.size();
  // Three rows suffice: the transposition looks two rows back.
  std::vector<std::size_t> before(m + 1), previous(m + 1), current(m + 1);
  for (std::size_t j = 0; j <= m; ++j) previous[j] = j;
  for (std::size_t i = 1; i <= n; ++i) {
    current[0] = i;
    for (std::size_t j = 1; j <= m; ++j) {
      const std::size_t substitution = fold(a[i - 1]) == fold(b[j - 1]) ? 0 : 1;
      current[j] = std::min({previous[j] + 1, current[j - 1] + 1, previous[j - 1] + substitution});
      if (i > 1 && j > 1 && fold(a[i - 1]) == fold(b[j - 2]) && fold(a[i - 2]) == fold(b[j - 1]))
        current[j] = std::min(current[j], before[j - 2] + 1);
    }
    std::swap(before, previous);
    std::swap(previous, current);
  }
  return previous[m];
}

std::optional<std::string> closest_match(std::string_view word,
                                         const std::vector<std::string>& candidates) {
  std::optional<std::string> best;
  std::size_t best_distance = 0;
  for (const auto& candidate : candidates) {
    const std::size_t longer = std::max(word.size(), candidate.size());
    const std::size_t distance = edit_distance(word, candidate);
    // A name with every character changed is no typo, however short.
    if (distance > std::max<std::size_t>(1, longer / 3) || distance >= longer) continue;
    if (!best || distance < best_distance) {
      best = candidate;
      best_distance = distance;
    }
  }
  return best;
}

const RenamedParameter* renamed_parameter(std::string_view old_path) {
  static constexpr RenamedParameter kRenamed[] = {
      {"regisseur.capability", "regisseur.capabilities",
       "one number per opgave dimension, the regisseur's own specialism"},
      {"regisseur.convene_cost", "regisseur.arsenal.convene.cost",
       "the arsenal's cost of convening, plus regisseur.seat_cost per participant"},
  };
  for (const auto& renamed : kRenamed)
    if (renamed.old_path == old_path) return &renamed;
  return nullptr;
}

std::string renamed_message(const RenamedParameter& renamed, std::string_view table) {
  std::string_view key = renamed.new_path;
  if (!table.empty() && key.starts_with(table) && key.size() > table.size() &&
      key[table.size()] == '.')
    key.remove_prefix(table.size() + 1);
  std::string out = "; did you mean '";
  out += key;
  out += "'? ";
  out += renamed.old_path;
  out += " was replaced by ";
  out += renamed.new_path;
  out += ": ";
  out += renamed.change;
  return out;
}

}  // namespace regiesim::scenario
