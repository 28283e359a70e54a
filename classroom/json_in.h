#pragma once
// A small JSON reader for the classroom API's arguments (scenario files, overrides, a player's
// span): the values the page passes, parsed in C++ so that a malformed argument is an error
// message, never a JavaScript exception. Numbers keep the text they were written as, so that an
// override reaches the scenario loader exactly as `--set key=value` would.
#include <cstdint>
#include <cstdlib>
#include <map>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace regiesim::klas {

struct Json {
  enum class Kind { null, boolean, number, string, array, object } kind = Kind::null;
  bool boolean = false;
  std::string text;  // a number's text as written, or a string's value
  std::vector<Json> items;
  std::vector<std::pair<std::string, Json>> members;  // in the order written

  const Json* find(std::string_view key) const {
    for (const auto& [k, v] : members)
      if (k == key) return &v;
    return nullptr;
  }
  double number() const { return std::strtod(text.c_str(), nullptr); }
  // The value as TOML text for a `--set`: a string as written (as the CLI takes an unquoted
  // value), anything else in its JSON spelling, which TOML reads the same.
  std::string as_setting() const {
    switch (kind) {
      case Kind::null:
        return "";
      case Kind::boolean:
        return boolean ? "true" : "false";
      case Kind::number:
      case Kind::string:
        return text;
      case Kind::array: {
        std::string out = "[";
        for (std::size_t k = 0; k < items.size(); ++k) {
          if (k > 0) out += ", ";
          out += items[k].kind == Kind::string ? quote(items[k].text) : items[k].as_setting();
        }
        return out + "]";
      }
      case Kind::object:
        break;
    }
    throw std::runtime_error(
        "an override's value must be a number, a string, true/false or an array");
  }
  static std::string quote(const std::string& s) {
    std::string out = "\"";
    for (const char c : s) {
      if (c == '"' || c == '\\') out += '\\';
      out += c;
    }
    return out + "\"";
  }
};

class JsonReader {
 public:
  explicit JsonReader(std::string_view text, std::string_view what) : s_(text), what_(what) {}

  Json read() {
    Json value = read_value(0);
    skip_space();
    if (at_ != s_.size()) fail("unexpected text after the value");
    return value;
  }

 private:
  [[noreturn]] void fail(std::string_view message) const {
    throw std::runtime_error(std::string(what_) + ": not valid JSON at character " +
                             std::to_string(at_ + 1) + ": " + std::string(message));
  }
  void skip_space() {
    while (at_ < s_.size() &&
           (s_[at_] == ' ' || s_[at_] == '\n' || s_[at_] == '\r' || s_[at_] == '\t'))
      ++at_;
  }
  bool take(char c) {
    skip_space();
    if (at_ < s_.size() && s_[at_] == c) {
      ++at_;
      return true;
    }
    return false;
  }
  bool word(std::string_view w) {
    if (s_.substr(at_, w.size()) != w) return false;
    at_ += w.size();
    return true;
  }
  static void utf8(std::string& out, std::uint32_t cp) {
    if (cp < 0x80) {
      out += static_cast<char>(cp);
    } else if (cp < 0x800) {
      out += static_cast<char>(0xC0 | (cp >> 6));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
      out += static_cast<char>(0xE0 | (cp >> 12));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
      out += static_cast<char>(0xF0 | (cp >> 18));
      out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    }
  }
  std::uint32_t hex4() {
    if (at_ + 4 > s_.size()) fail("a \\u escape needs four hexadecimal digits");
    std::uint32_t v = 0;
    for (int k = 0; k < 4; ++k) {
      const char c = s_[at_++];
      v <<= 4;
      if (c >= '0' && c <= '9')
        v |= static_cast<std::uint32_t>(c - '0');
      else if (c >= 'a' && c <= 'f')
        v |= static_cast<std::uint32_t>(c - 'a' + 10);
      else if (c >= 'A' && c <= 'F')
        v |= static_cast<std::uint32_t>(c - 'A' + 10);
      else
        fail("a \\u escape needs four hexadecimal digits");
    }
    return v;
  }
  std::string read_string() {
    std::string out;
    while (true) {
      if (at_ >= s_.size()) fail("unterminated string");
      const char c = s_[at_++];
      if (c == '"') return out;
      if (c != '\\') {
        out += c;
        continue;
      }
      if (at_ >= s_.size()) fail("unterminated string");
      const char e = s_[at_++];
      switch (e) {
        case '"':
        case '\\':
        case '/':
          out += e;
          break;
        case 'b':
          out += '\b';
          break;
        case 'f':
          out += '\f';
          break;
        case 'n':
          out += '\n';
          break;
        case 'r':
          out += '\r';
          break;
        case 't':
          out += '\t';
          break;
        case 'u': {
          std::uint32_t cp = hex4();
          if (cp >= 0xD800 && cp < 0xDC00 && word("\\u")) {
            const std::uint32_t low = hex4();
            cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
          }
          utf8(out, cp);
          break;
        }
        default:
          fail("unknown escape in a string");
      }
    }
  }
  Json read_value(int depth) {
    if (depth > 64) fail("nested too deeply");
    skip_space();
    Json v;
    if (at_ >= s_.size()) fail("a value is missing");
    const char c = s_[at_];
    if (c == 'n' && word("null")) return v;
    if (c == 't' && word("true")) {
      v.kind = Json::Kind::boolean;
      v.boolean = true;
      return v;
    }
    if (c == 'f' && word("false")) {
      v.kind = Json::Kind::boolean;
      return v;
    }
    if (c == '"') {
      ++at_;
      v.kind = Json::Kind::string;
      v.text = read_string();
      return v;
    }
    if (c == '[') {
      ++at_;
      v.kind = Json::Kind::array;
      if (take(']')) return v;
      do v.items.push_back(read_value(depth + 1));
      while (take(','));
      if (!take(']')) fail("expected , or ] in an array");
      return v;
    }
    if (c == '{') {
      ++at_;
      v.kind = Json::Kind::object;
      if (take('}')) return v;
      do {
        if (!take('"')) fail("expected a quoted key");
        std::string key = read_string();
        if (!take(':')) fail("expected : after a key");
        v.members.emplace_back(std::move(key), read_value(depth + 1));
      } while (take(','));
      if (!take('}')) fail("expected , or } in an object");
      return v;
    }
    const std::size_t start = at_;
    if (at_ < s_.size() && s_[at_] == '-') ++at_;
    while (at_ < s_.size() &&
           ((s_[at_] >= '0' && s_[at_] <= '9') || s_[at_] == '.' || s_[at_] == 'e' ||
            s_[at_] == 'E' || s_[at_] == '+' || s_[at_] == '-'))
      ++at_;
    if (at_ == start) fail("expected a value");
    v.kind = Json::Kind::number;
    v.text = std::string(s_.substr(start, at_ - start));
    char* end = nullptr;
    std::strtod(v.text.c_str(), &end);
    if (end != v.text.c_str() + v.text.size()) fail("not a number");
    return v;
  }

  std::string_view s_;
  std::string_view what_;
  std::size_t at_ = 0;
};

inline Json parse_json(std::string_view text, std::string_view what) {
  return JsonReader(text, what).read();
}

}  // namespace regiesim::klas
