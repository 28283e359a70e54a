#include "scenario/toml_hazard.hpp"

namespace regiesim::scenario {

namespace {

// Exactly the code points for which toml++ 3.3's generated lookup falls through to its
// unreachable default (see the header): children 0, 11 and 63 of its 0x3FA-wide table.
bool hazardous(char32_t c) {
  return (c >= 0xA1 && c <= 0x499) || (c >= 0x2C5E && c <= 0x3057 && c != 0x3000) ||
         (c >= 0xFB26 && c <= 0xFEFE);
}

class Cursor {
 public:
  explicit Cursor(std::string_view text) : text_(text) {}

  bool done() const { return at_ >= text_.size(); }
  char byte(std::size_t ahead = 0) const {
    return at_ + ahead < text_.size() ? text_[at_ + ahead] : '\0';
  }
  bool starts(std::string_view s) const { return text_.substr(at_).starts_with(s); }

  // The code point here (invalid UTF-8 reads as one byte, U+FFFD: toml++ refuses it anyway).
  char32_t code_point() const {
    const auto b = static_cast<unsigned char>(byte());
    const int length = b < 0x80           ? 1
                       : (b >> 5) == 0x6  ? 2
                       : (b >> 4) == 0xE  ? 3
                       : (b >> 3) == 0x1E ? 4
                                          : 0;
    if (length == 0 || at_ + static_cast<std::size_t>(length) > text_.size()) return 0xFFFD;
    if (length == 1) return b;
    char32_t c = b & (0x7F >> length);
    for (int i = 1; i < length; ++i) {
      const auto next = static_cast<unsigned char>(text_[at_ + static_cast<std::size_t>(i)]);
      if ((next & 0xC0) != 0x80) return 0xFFFD;
      c = (c << 6) | (next & 0x3F);
    }
    return c;
  }

  // Moves past one code point, keeping line and column as toml++ does.
  void next() {
    if (done()) return;
    const char c = byte();
    ++at_;
    while (!done() && (static_cast<unsigned char>(byte()) & 0xC0) == 0x80) ++at_;
    if (c == '\n') {
      ++line_;
      column_ = 1;
    } else {
      ++column_;
    }
  }
  void skip(std::size_t code_points) {
    for (std::size_t i = 0; i < code_points; ++i) next();
  }

  TomlHazard hazard(bool in_string) const { return {line_, column_, code_point(), in_string}; }

 private:
  std::string_view text_;
  std::size_t at_ = 0;
  int line_ = 1;
  int column_ = 1;
};

bool ascii_whitespace(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

}  // namespace

std::optional<TomlHazard> find_toml_hazard(std::string_view text) {
  Cursor cursor(text);
  while (!cursor.done()) {
    const char c = cursor.byte();
    if (c == '#') {  // a comment: to the end of the line
      while (!cursor.done() && cursor.byte() != '\n') cursor.next();
    } else if (cursor.starts("\"\"\"")) {  // multi-line basic string
      cursor.skip(3);
      while (!cursor.done() && !cursor.starts("\"\"\"")) {
        if (cursor.byte() != '\\') {
          cursor.next();
          continue;
        }
        cursor.next();
        // The parser asks whether the character after the backslash is whitespace, and if so
        // skips whitespace up to the next line and on, asking of each character.
        if (hazardous(cursor.code_point())) return cursor.hazard(true);
        if (!ascii_whitespace(cursor.byte())) {
          cursor.next();  // an ordinary escape (\", \\, \n, \u...)
          continue;
        }
        while (!cursor.done() && ascii_whitespace(cursor.byte())) cursor.next();
        if (hazardous(cursor.code_point())) return cursor.hazard(true);
      }
      cursor.skip(3);
      // """" and """"" end a string with one or two quotes inside it.
      for (int i = 0; i < 2 && cursor.byte() == '"'; ++i) cursor.next();
    } else if (cursor.starts("'''")) {  // multi-line literal string: no escapes
      cursor.skip(3);
      while (!cursor.done() && !cursor.starts("'''")) cursor.next();
      cursor.skip(3);
      for (int i = 0; i < 2 && cursor.byte() == '\''; ++i) cursor.next();
    } else if (c == '"' || c == '\'') {  // one-line string, ended by its quote or the line
      cursor.next();
      while (!cursor.done() && cursor.byte() != c && cursor.byte() != '\n') {
        if (c == '"' && cursor.byte() == '\\') cursor.next();
        cursor.next();
      }
      if (cursor.byte() == c) cursor.next();
    } else {
      if (hazardous(cursor.code_point())) return cursor.hazard(false);
      cursor.next();
    }
  }
  return std::nullopt;
}

}  // namespace regiesim::scenario
