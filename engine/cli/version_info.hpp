#pragma once
// The version of this binary and the commit it was built from (generated at build time).
#include <string_view>

namespace regiesim::cli {
std::string_view regiesim_version();
std::string_view git_commit();
}  // namespace regiesim::cli
