#pragma once
// Zeuthen's monotonic concession (Zeuthen 1930), for n partners by Harsanyi's rule (Harsanyi
// 1956): each partner demands a share of the divisible benefit; while the demands exceed the
// whole, the partner least willing to risk conflict (the smallest risk limit) concedes.
//
// Risk limit of partner i (docs/ODD.md 7.5 step 5; derivation in docs/negotiation.md): with demands
// z and excess e = sum_j z_j - 1 > 0, partner j's proposal P_j gives j its demand and every other
// partner its demand less an equal cut c = e / (n - 1), so P_j is feasible and every other
// partner's proposal offers i the same o_i = z_i - c (at n = 2, the other's proposal). Then
//   r_i = (u_i(z_i) - u_i(o_i)) / (u_i(z_i) - d_i)
// is the largest probability of conflict i would accept rather than give in, and
// (1 - r_j) / (1 - r_i) = N(P_i) / N(P_j): the least willing to risk conflict is the partner
// whose proposal has the smallest Nash product (Harsanyi 1956), so concessions push the
// proposals towards the Nash solution as the concession vanishes. A partner at its floor
// (break-even share, or 0) cannot concede and is never asked to. Every partner whose risk limit
// ties the smallest concedes (Zeuthen's rule), so symmetric partners stay symmetric.
//
// A concession lowers the concessor's demanded utility by `concession` times its best gain
// u_i(1) - d_i (never below its break-even share): affine rescaling of a utility leaves it
// unchanged, and when interests coincide (little rival value) a small utility concession is a
// large share concession, so rounds to agreement grow as interests diverge.
#include <cstdint>
#include <span>

#include "negotiation/utility.hpp"

namespace regiesim::negotiation {

// Opening demands: each partner claims the whole divisible benefit (Zeuthen's parties open with
// their most preferred outcome). The distance each must travel to an agreement, in its own
// utility, is then its rival value times what it gives up, so rounds grow as interests diverge.
void zeuthen_open(std::span<const PartnerUtility> partners, std::span<double> demands);

enum class RoundResult : std::uint8_t { agreed, continuing, broke_down };

// One bargaining round on standing demands (modified in place). If the demands are compatible,
// or a concession makes them so, the demands become the agreed shares (summing to 1): agreed.
// If nobody can concede, broke_down. Otherwise continuing. `scratch` holds at least 2 n doubles.
RoundResult zeuthen_round(std::span<const PartnerUtility> partners, double concession,
                          std::span<double> demands, std::span<double> scratch);

// Partner i's risk limit when giving in would cut its demand by `cut`; +infinity when it has
// nothing left to lose.
double risk_limit(const PartnerUtility& partner, double demand, double cut);

}  // namespace regiesim::negotiation
