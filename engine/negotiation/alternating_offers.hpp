#pragma once
// Alternating offers (Rubinstein 1982) and, for n partners, the stationary subgame-perfect
// equilibrium of unanimity bargaining (docs/ODD.md 7.5 step 5; derivation in docs/negotiation.md):
// proposers take turns in the order 0, 1, ..., n-1, 0, ...; a proposal is agreed when every
// responder accepts; after a rejection the next proposer proposes one round later, and each partner
// discounts its gain over the disagreement point by its factor delta_i per round.
//
// In the stationary equilibrium each proposer offers every responder exactly the discounted value
// of what that responder gets in the next round (so it accepts), and keeps the rest:
//   offer_j(i) = x_j with u_j(x_j) - d_j = delta_j (u_j(V_j(i+1)) - d_j), floored at share 0,
//   V_i(i)     = 1 - sum_{j != i} offer_j(i).
// The first proposal is accepted at once. At n = 2 with linear utilities the first mover gets
// m_0 + s (1 - delta_1) / (1 - delta_0 delta_1) of the shares (s the surplus share above the
// break-even shares m): Rubinstein's result. The offers are found by iterating this map from the
// last period of a finite game (backward induction), a contraction with modulus max_j delta_j.
#include <span>

#include "negotiation/utility.hpp"

namespace regiesim::negotiation {

// Writes the first proposer's (partner 0's) equilibrium proposal, which is agreed in the first
// round, and returns true; false (shares zero) when bargaining is infeasible. `workspace` holds at
// least n * n doubles; `discount` holds each partner's delta in [0, 1).
bool stationary_offers(std::span<const PartnerUtility> partners, std::span<const double> discount,
                       std::span<double> shares, std::span<double> workspace);

}  // namespace regiesim::negotiation
