#include "scenario/input_error.hpp"

#include <fmt/format.h>

namespace regiesim::scenario {

namespace {
std::string format_input_error(const std::string& origin, int line, int column,
                               const std::string& message) {
  if (line > 0) return fmt::format("{}:{}:{}: error: {}", origin, line, column, message);
  return fmt::format("{}: error: {}", origin, message);
}
}  // namespace

InputError::InputError(std::string origin, int line, int column, std::string message)
    : std::runtime_error(format_input_error(origin, line, column, message)),
      origin_(std::move(origin)),
      line_(line),
      column_(column),
      message_(std::move(message)) {}

InputError::InputError(const InputError& inner, const std::string& context)
    : std::runtime_error(fmt::format("{}: {}", context, inner.what())),
      origin_(inner.origin_),
      line_(inner.line_),
      column_(inner.column_),
      message_(inner.message_) {}

}  // namespace regiesim::scenario
