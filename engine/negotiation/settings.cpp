#include "negotiation/settings.hpp"

namespace regiesim::negotiation {

std::string_view protocol_name(Protocol protocol) {
  switch (protocol) {
    case Protocol::zeuthen:
      return "zeuthen";
    case Protocol::alternating_offers:
      return "alternating_offers";
    case Protocol::nash:
      return "nash";
  }
  return "unknown";
}

}  // namespace regiesim::negotiation
