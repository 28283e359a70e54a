#pragma once
// THE SEAM TO engine/negotiation (DECISIONS 9). The meeting process (dynamics/settlement) builds
// the bargaining problem of docs/ODD.md 7.5 and hands it to a Bargainer; the negotiation issue's
// protocols (Zeuthen by default, `negotiate(MeetingInput) -> Outcome`) replace the placeholder
// below by a Bargainer that adapts MeetingInput/Outcome to these structs. Nothing else in the
// model knows how a division is reached.
#include <cstdint>
#include <span>

namespace regiesim::dynamics {

// The bargaining problem of one round, over the eligible participants E (in ascending id).
// Utility of partner n for a division `share` (share_n >= 0, sum 1):
//   U_n(share) = package * (benefit_n - cost_n * share_n)
// disagreement_n is what n realises alone; an agreement exists only above it.
struct BargainingProblem {
  double package = 0;                    // X, realisation units to divide
  std::span<const double> benefit;       // b_n = u_n sigma_n (value of the package per unit)
  std::span<const double> cost;          // k_n = 1 / (1 + mean capability)
  std::span<const double> disagreement;  // d_n = X b_n alone_n
  std::span<const double> discount;      // disc_n = 1 - negotiation.impatience u_n
  std::span<const double> capability;    // mean capability of each party
  std::int32_t rounds_before = 0;        // rounds already held in this negotiation
};

struct BargainingResult {
  bool agreed = false;
  std::int32_t rounds = 0;        // rounds so far, this one included
  std::span<double> shares;       // written by the bargainer: one per party, summing to 1
  double log_nash_product = 0.0;  // sum_n ln(U_n - d_n) at the shares (0 if not agreed)
  double fairness = 0.0;          // phi in [0, 1]: closeness to the Nash bargaining shares
};

using Bargainer = void (*)(const BargainingProblem&, BargainingResult&);

// PLACEHOLDER, to be replaced by engine/negotiation's Zeuthen: splits the package in proportion
// to the parties' mean capability (equally if all are 0) in one round; agrees when every party
// gains more than its disagreement value at those shares. Fairness is 1 minus the total variation
// distance of the shares from an equal split (a stand-in for the distance to the Nash shares).
void proportional_placeholder(const BargainingProblem& problem, BargainingResult& result);

}  // namespace regiesim::dynamics
