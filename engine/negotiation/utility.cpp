#include "negotiation/utility.hpp"

#include <algorithm>
#include <cmath>

namespace regiesim::negotiation {

// The linear case avoids pow: it is the model's default and the hot path.
double PartnerUtility::operator()(double share) const {
  const double v = std::max(0.0, value_of(share));
  return scale * (exponent == 1.0 ? v : std::pow(v, exponent)) + offset;
}

double PartnerUtility::derivative(double share) const {
  if (exponent == 1.0) return scale * rival;
  const double v = std::max(0.0, value_of(share));
  return scale * exponent * rival * std::pow(v, exponent - 1.0);
}

double PartnerUtility::share_for(double utility) const {
  const double w = std::max(0.0, (utility - offset) / scale);
  const double v = exponent == 1.0 ? w : std::pow(w, 1.0 / exponent);
  return (v - common) / rival;
}

}  // namespace regiesim::negotiation
