#pragma once
// The bargaining problem of one meeting, from the participants' interests, capabilities and
// resources and the opgave's remaining work (docs/ODD.md 7.5, step 3). With n participants and
// K dimensions:
//
//   Joint plan. Partner i spreads its resources r_i over the dimensions in proportion to
//   capability times remaining work, e_ik = r_i c_ik W_k / sum_l c_il W_l; where the group would
//   do more than remains (sum_i c_ik e_ik > W_k), every e_ik on k is scaled down to fit. Work done
//   y_k = min(W_k, sum_i c_ik e_ik); partner i's allocated effort E_i = sum_k e_ik.
//   Value. A unit of work on k is worth a_ik to partner i (its interest). The part it shares
//   with the others (the mean interest of the others, abar_-i,k) it enjoys whatever the split:
//     common_i = sum_k min(a_ik, abar_-i,k) y_k;
//   the part only it wants is divisible and it receives its share x_i of it:
//     rival_i  = sum_k max(0, a_ik - abar_-i,k) y_k.
//   Utility u_i(x_i) = (common_i + rival_i x_i)^rho - kappa E_i   (kappa = effort_cost).
//   Disagreement d_i: the same plan for partner i alone (its own resources and capabilities, no
//   one else's), valued with all of its interest, or nothing if that is worse:
//     d_i = max(0, (sum_k a_ik y0_ik)^rho - kappa E0_i).
// Mutual dependence (C3) makes the joint plan worth more than the stand-alone one; divergent
// interests (C14) turn common value into rival value, which is what there is to bargain over.
#include <span>

#include "negotiation/settings.hpp"
#include "negotiation/utility.hpp"

namespace regiesim::negotiation {

struct ProblemData {
  std::span<const double> remaining_work;  // W_k >= 0, K entries
  std::span<const double> interests;       // a_ik in [0, 1], n x K row-major
  std::span<const double> capabilities;    // c_ik in [0, 1], n x K row-major
  std::span<const double> resources;       // r_i >= 0
};

// Fills one utility per participant and the joint plan's effort (n x K, row-major). `scratch`
// holds at least 2 K doubles. No allocation.
void build_bargaining_problem(const ProblemData& data, const NegotiationSettings& settings,
                              std::span<PartnerUtility> utilities, std::span<double> effort,
                              std::span<double> scratch);

}  // namespace regiesim::negotiation
