#include "scenario/toml_hazard.hpp"

#include <fmt/format.h>

#include <utility>
#include <vector>

namespace regiesim::scenario {

namespace {

constexpr char32_t kSwapBase = 0xF0000;

// Exactly the code points for which toml++ 3.3's generated lookup falls through to its
// unreachable default (see the header): children 0, 11 and 63 of its 0x3FA-wide table.
bool hazardous(char32_t c) {
  return (c >= 0xA1 && c <= 0x499) || (c >= 0x2C5E && c <= 0x3057 && c != 0x3000) ||
         (c >= 0xFB26 && c <= 0xFEFE);
}

bool swapped(char32_t c) {
  return c >= kSwapBase && c <= 0xFFFFF;
}

// One UTF-8 sequence at `at`: its code point and length; invalid UTF-8 reads as one byte of
// U+FFFD (toml++ refuses it with a message of its own).
std::pair<char32_t, std::size_t> decode(std::string_view text, std::size_t at) {
  const auto b = static_cast<unsigned char>(text[at]);
  const std::size_t length = b < 0x80           ? 1
                             : (b >> 5) == 0x6  ? 2
                             : (b >> 4) == 0xE  ? 3
                             : (b >> 3) == 0x1E ? 4
                                                : 0;
  if (length == 0 || at + length > text.size()) return {0xFFFD, 1};
  if (length == 1) return {b, 1};
  char32_t c = b & (0x7Fu >> length);
  for (std::size_t i = 1; i < length; ++i) {
    const auto next = static_cast<unsigned char>(text[at + i]);
    if ((next & 0xC0) != 0x80) return {0xFFFD, 1};
    c = (c << 6) | (next & 0x3Fu);
  }
  return {c, length};
}

void encode(char32_t c, std::string& out) {
  if (c < 0x80) {
    out += static_cast<char>(c);
  } else if (c < 0x800) {
    out += static_cast<char>(0xC0 | (c >> 6));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    out += static_cast<char>(0xE0 | (c >> 12));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (c >> 18));
    out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  }
}

template <typename Predicate>
std::optional<TomlHazard> find_first(std::string_view text, Predicate match) {
  TomlHazard at;
  for (std::size_t i = 0; i < text.size();) {
    const auto [c, length] = decode(text, i);
    if (match(c)) {
      at.code_point = c;
      return at;
    }
    if (c == '\n') {
      ++at.line;
      at.column = 1;
    } else {
      ++at.column;
    }
    i += length;
  }
  return std::nullopt;
}

// `text` with each code point for which `swap` says so replaced by `replace(c)`.
template <typename Swap, typename Replace>
std::string map_code_points(std::string_view text, Swap swap, Replace replace) {
  std::string out;
  out.reserve(text.size() + 16);
  for (std::size_t i = 0; i < text.size();) {
    const auto [c, length] = decode(text, i);
    if (swap(c))
      encode(replace(c), out);
    else
      out.append(text.substr(i, length));
    i += length;
  }
  return out;
}

bool has_swapped(std::string_view text) {
  return find_first(text, swapped).has_value();
}

void restore_node(toml::node& node);

void restore_array(toml::array& array) {
  for (auto& element : array) restore_node(element);
}

void restore_node(toml::node& node) {
  if (auto* text = node.as_string()) {
    if (has_swapped(text->get())) text->get() = restore_toml_text(text->get());
  } else if (auto* table = node.as_table()) {
    restore_toml_tree(*table);
  } else if (auto* array = node.as_array()) {
    restore_array(*array);
  }
}

}  // namespace

std::optional<TomlHazard> find_toml_hazard(std::string_view text) {
  return find_first(text, hazardous);
}

std::optional<TomlHazard> find_private_use_plane_15(std::string_view text) {
  return find_first(text, swapped);
}

std::string make_toml_safe(std::string_view text) {
  if (!find_toml_hazard(text)) return std::string(text);
  return map_code_points(text, hazardous, [](char32_t c) { return kSwapBase + c; });
}

std::string restore_toml_text(std::string_view text) {
  std::string out = map_code_points(
      text, swapped, [](char32_t c) { return static_cast<char32_t>(c - kSwapBase); });
  // toml++ writes some characters in its messages as \UXXXXXXXX escapes.
  for (std::size_t at = out.find("\\U000F"); at != std::string::npos;
       at = out.find("\\U000F", at + 1)) {
    if (at + 10 > out.size()) break;
    const std::string digits = out.substr(at + 6, 4);
    if (digits.find_first_not_of("0123456789ABCDEF") != std::string::npos) continue;
    out.replace(at, 10, "\\u" + digits);
  }
  return out;
}

void restore_toml_tree(toml::table& table) {
  std::vector<std::string> renamed;
  for (auto&& [key, node] : table) {
    restore_node(node);
    if (has_swapped(key.str())) renamed.emplace_back(key.str());
  }
  // A key cannot be renamed in place: its node moves (keeping its source region) to a key with
  // the original text and the same source region.
  for (const auto& old_name : renamed) {
    const auto it = table.find(old_name);
    toml::key restored(restore_toml_text(old_name), it->first.source());
    toml::node& node = it->second;
    table.insert_or_assign(std::move(restored), std::move(node));
    table.erase(old_name);
  }
}

}  // namespace regiesim::scenario
