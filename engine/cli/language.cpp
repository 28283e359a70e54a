#include "cli/language.hpp"

#include <map>
#include <string>

namespace regiesim::cli {

void add_language_option(CLI::App* command, Language& language) {
  const std::map<std::string, Language> names{{"en", Language::en}, {"nl", Language::nl}};
  command
      ->add_option("--lang", language,
                   "Language of the printed text: en (English, the default) or nl (Dutch)")
      ->transform(CLI::CheckedTransformer(names, CLI::ignore_case));
}

}  // namespace regiesim::cli
