#pragma once
// Quantities derived from the state whenever a process reads them (docs/ODD.md 2): interests
// served sigma_i, ownership O_i and felt ownership Ohat_i, misunderstanding mu_ij, and the
// perspective clusters of design decision 6. Free functions of the state; none writes anything.
#include <array>
#include <bit>
#include <cstdint>
#include <span>
#include <vector>

#include "model/parameters.hpp"
#include "model/state.hpp"
#include "network/network.hpp"

namespace regiesim::dynamics {

// sigma_i = 1/2 + 1/2 sum_k gw_k theta_ik with gw_k = g_k / sum_l g_l (1/K if the sum is 0): how
// well the goal serves partner i's interests, 0..1 (C2, C13).
double interests_served(const Eigen::ArrayXd& goal, const Eigen::ArrayXXd& interests,
                        Eigen::Index i);
// The weights gw_k of one goal, for scans that read sigma_i of every partner: computed once, not
// per partner (the divisions made interests_served 5% of a week at 10^6 partners, perf).
struct GoalWeights {
  explicit GoalWeights(const Eigen::ArrayXd& goal);  // goal.size() <= model::kMaxDimensions
  std::array<double, model::kMaxDimensions> weight;  // the first `dimensions` are set
  Eigen::Index dimensions = 0;
};
// sigma_i from the goal's weights: the same number as interests_served(goal, interests, i).
inline double interests_served(const GoalWeights& goal, const Eigen::ArrayXXd& interests,
                               Eigen::Index i) {
  double served = 0.0;
  for (Eigen::Index d = 0; d < goal.dimensions; ++d)
    served += goal.weight[static_cast<std::size_t>(d)] * interests(i, d);
  return 0.5 + 0.5 * served;
}

// A ledger's share (C16): ledger_i / (regisseur + sum over active j of ledger_j), i < 0 for the
// regisseur's own share; if the denominator is 0, 1/N_a for a partner and 0 for the regisseur.
// O(N): a process that reads many shares sums the ledgers once (ledger_totals).
double ledger_share(const Eigen::ArrayXd& ledger, double regisseur, const model::Flags& active,
                    Eigen::Index i);
// The share of one entry (a partner's if `partner`, else the regisseur's) given the ledger's total
// and the active count N_a, by the rule of ledger_share.
double share_of_total(double entry, double total, std::int64_t active, bool partner);

// The denominators of both ledgers' shares and N_a, summed once so that a process reading every
// partner's ownership stays linear in partners. Valid while the ledgers and `active` are unchanged.
struct LedgerTotals {
  double goal = 0.0;        // Lambda_R + sum over active j of Lambda_j
  double work = 0.0;        // LambdaW_R + sum over active j of LambdaW_j
  std::int64_t active = 0;  // N_a
};
LedgerTotals ledger_totals(const Eigen::ArrayXd& influence, double regisseur_influence,
                           const Eigen::ArrayXd& work_influence, double regisseur_work_influence,
                           const model::Flags& active);
LedgerTotals ledger_totals(const model::PartnerState& partners,
                           const model::RegisseurState& regisseur);

// O_i = (1 - w_W) share of the goal ledger Lambda + w_W share of the work ledger LambdaW, w_W =
// ownership.work_weight: measured ownership of the goal and of the work (C16, C5); i < 0 gives the
// regisseur's share (the ownership_regisseur metric).
double ownership(const model::Parameters& p, const LedgerTotals& totals,
                 const model::PartnerState& partners, const model::RegisseurState& regisseur,
                 Eigen::Index i);
// The same, summing the ledgers itself (O(N)).
double ownership(const model::Parameters& p, const model::PartnerState& partners,
                 const model::RegisseurState& regisseur, Eigen::Index i);
// Ohat_i = min(1, N_a O_i): 1 when the partner holds at least an equal share (C16).
double felt_ownership(const model::Parameters& p, const LedgerTotals& totals,
                      const model::PartnerState& partners, const model::RegisseurState& regisseur,
                      Eigen::Index i);
// The same, summing the ledgers itself (O(N)).
double felt_ownership(const model::Parameters& p, const model::PartnerState& partners,
                      const model::RegisseurState& regisseur, Eigen::Index i);

// mu_ij = language.misunderstanding (1 - L) between different disciplines, else 0 (C4).
// Without a branch: the disciplines along a tie are as good as random, and the mispredicted branch
// was a fifth of co_create's time at 10^6 partners (perf). The mask keeps exactly the two values
// (the product's bits, or those of 0.0).
inline double misunderstanding(const model::Parameters& p, const model::PartnerState& partners,
                               double language, std::int32_t i, std::int32_t j) {
  const double between_disciplines = p.language_misunderstanding * (1.0 - language);
  const std::uint64_t keep = std::uint64_t{0} - static_cast<std::uint64_t>(partners.discipline[i] !=
                                                                           partners.discipline[j]);
  return std::bit_cast<double>(std::bit_cast<std::uint64_t>(between_disciplines) & keep);
}

// The directed edge i -> j, or -1 if i and j are not tied (binary search in i's sorted row).
std::int64_t find_edge(const network::Network& net, std::int32_t i, std::int32_t j);

// Perspective clusters (design decision 6, docs/ODD.md 7.7): sort the perspectives of the partners
// selected by `member` (ascending), cut between neighbours more than `bound` apart. Returns the
// number of clusters with at least `min_size` members and, in `sum_squared_shares`, the sum over
// all clusters of (size / members)^2 (the cohesion Phi of 7.9; 1 with at most one member).
// `scratch` must have capacity for twice every partner (it is not reallocated; the upper half is
// the sort's second array, or the buckets'); what it holds afterwards is unspecified.
int perspective_clusters(const Eigen::ArrayXd& perspective, const model::Flags& member,
                         double bound, std::int64_t min_size, std::vector<double>& scratch,
                         double& sum_squared_shares);

// Number of active partners.
std::int64_t active_count(const model::Flags& active);

// ymax: the largest contribution y_i of an active partner (0 if none); the scale against which
// the regisseur reads a partner's contribution (docs/ODD.md 3.3, 2.1 appreciate).
double largest_contribution(const model::Flags& active, const Eigen::ArrayXd& contribution);

}  // namespace regiesim::dynamics
