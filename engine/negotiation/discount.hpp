#pragma once
// A partner's per-round discount factor from its urgency (docs/ODD.md 7.5, step 5):
//   delta_i = discount_calm - (discount_calm - discount_urgent) * urgency_i
// Linear in urgency, so delta is discount_calm at urgency 0 and discount_urgent at urgency 1. An
// urgent partner needs the result soon (C16), so delay costs it more: it is the less patient
// bargainer, and in alternating offers it gets the smaller share (Rubinstein 1982).
#include <algorithm>

#include "negotiation/settings.hpp"

namespace regiesim::negotiation {

inline double discount_factor(const NegotiationSettings& settings, double urgency) {
  const double u = std::clamp(urgency, 0.0, 1.0);
  return settings.discount_calm - (settings.discount_calm - settings.discount_urgent) * u;
}

}  // namespace regiesim::negotiation
