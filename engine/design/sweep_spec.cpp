#include "design/sweep_spec.hpp"

#include <stdexcept>

namespace regiesim::design {

std::string_view design_kind_name(DesignKind kind) {
  switch (kind) {
    case DesignKind::grid:
      return "grid";
    case DesignKind::latin_hypercube:
      return "latin_hypercube";
    case DesignKind::saltelli:
      return "saltelli";
    case DesignKind::morris:
      return "morris";
  }
  throw std::logic_error("unknown design kind");
}

std::string_view scale_name(Scale scale) {
  return scale == Scale::linear ? "linear" : "log";
}

}  // namespace regiesim::design
