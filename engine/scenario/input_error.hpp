#pragma once
// Bad input: where it is (a file and a 1-based line and column, or a label such as
// "command line: --set #2 (trust.gain)" without a position) and what was expected. The CLI prints
// what() and exits with status 2.
#include <stdexcept>
#include <string>

namespace regiesim::scenario {

class InputError : public std::runtime_error {
 public:
  InputError(std::string origin, int line, int column, std::string message);
  InputError(std::string origin, std::string message)
      : InputError(std::move(origin), 0, 0, std::move(message)) {}

  // The same error, reached through `context` (e.g. `child.toml:1:11: in extends "base.toml"`):
  // what() reads "<context>: <inner what()>", so an error inside a base names the whole chain of
  // files that led to it, outermost first. origin(), line() and column() stay the inner place.
  InputError(const InputError& inner, const std::string& context);

  const std::string& origin() const { return origin_; }
  int line() const { return line_; }
  int column() const { return column_; }
  const std::string& message() const { return message_; }

 private:
  std::string origin_;
  int line_;
  int column_;
  std::string message_;
};

}  // namespace regiesim::scenario
