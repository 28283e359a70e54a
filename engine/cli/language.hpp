#pragma once
// The language of text printed for people (`run`'s summary, `compare`'s table): English by
// default, Dutch with --lang nl. Names of metrics and parameters stay as in the files.
#include <CLI/CLI.hpp>
#include <string_view>

namespace regiesim::cli {

enum class Language { en, nl };

// Adds --lang en|nl to `command`, writing into `language`.
void add_language_option(CLI::App* command, Language& language);

// The text in `language`.
constexpr std::string_view say(Language language, std::string_view english,
                               std::string_view dutch) {
  return language == Language::nl ? dutch : english;
}

}  // namespace regiesim::cli
