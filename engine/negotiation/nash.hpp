#pragma once
// The n-partner Nash bargaining solution (Nash 1950), computed directly: the shares x >= 0,
// sum x = 1, that maximise the Nash product prod_i (u_i(x_i) - d_i) over the partners who bargain.
// The product underflows at 20 partners, so it is handled as its logarithm throughout.
#include <span>

#include "negotiation/utility.hpp"

namespace regiesim::negotiation {

// Whether some split gives every partner more than it achieves alone: the break-even shares
// (floored at 0) sum to less than 1, and each partner's best gain is positive.
bool bargaining_feasible(std::span<const PartnerUtility> partners);

// Writes the Nash shares and returns true; returns false (shares zero) when infeasible.
// Method (docs/ODD.md 7.5 step 4; derivation in docs/negotiation.md): the objective sum_i
// log(u_i(x_i) - d_i) is strictly concave and separable, so the KKT conditions are necessary and
// sufficient: there is a t > 0 with (u_i(x_i) - d_i) / u_i'(x_i) = t for every partner with x_i >
// 0, and (u_i(0) - d_i) / u_i'(0) >= t for those with x_i = 0. For linear utilities this is
// water-filling, x_i = max(0, m_i + t) with m_i the break-even share, solved exactly; for concave
// utilities t is found by a bracketed root search on sum_i x_i(t) = 1, each x_i(t) by safeguarded
// Newton. No allocation.
bool nash_shares(std::span<const PartnerUtility> partners, std::span<double> shares);

// sum_i log(u_i(x_i) - d_i); -infinity if some partner gains nothing.
double log_nash_product(std::span<const PartnerUtility> partners, std::span<const double> shares);

// How far shares are from the Nash shares: the total variation distance 1/2 sum_i |x_i - x*_i|,
// in [0, 1]; 0 is exactly the Nash split.
double fairness_distance(std::span<const double> shares, std::span<const double> nash);

}  // namespace regiesim::negotiation
