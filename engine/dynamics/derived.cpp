#include "dynamics/derived.hpp"

#include <algorithm>

#include "model/work.hpp"

namespace regiesim::dynamics {

double interests_served(const Eigen::ArrayXd& goal, const Eigen::ArrayXXd& interests,
                        Eigen::Index i) {
  const Eigen::Index k = goal.size();
  double total = 0.0;
  for (Eigen::Index d = 0; d < k; ++d) total += goal[d];
  double served = 0.0;
  for (Eigen::Index d = 0; d < k; ++d) {
    const double weight = total > 0.0 ? goal[d] / total : 1.0 / static_cast<double>(k);
    served += weight * interests(i, d);
  }
  return 0.5 + 0.5 * served;
}

std::int64_t active_count(const model::Flags& active) {
  model::count_partners(active.size());
  std::int64_t n = 0;
  for (Eigen::Index i = 0; i < active.size(); ++i) n += active[i] != 0 ? 1 : 0;
  return n;
}

double largest_contribution(const model::Flags& active, const Eigen::ArrayXd& contribution) {
  model::count_partners(active.size());
  double ymax = 0.0;
  for (Eigen::Index i = 0; i < active.size(); ++i)
    if (active[i] != 0) ymax = std::max(ymax, contribution[i]);
  return ymax;
}

double share_of_total(double entry, double total, std::int64_t active, bool partner) {
  if (total <= 0.0) return partner && active > 0 ? 1.0 / static_cast<double>(active) : 0.0;
  return entry / total;
}

double ledger_share(const Eigen::ArrayXd& ledger, double regisseur, const model::Flags& active,
                    Eigen::Index i) {
  model::count_partners(active.size());
  double total = regisseur;
  std::int64_t n = 0;
  for (Eigen::Index j = 0; j < active.size(); ++j) {
    if (active[j] == 0) continue;
    total += ledger[j];
    ++n;
  }
  return share_of_total(i >= 0 ? ledger[i] : regisseur, total, n, i >= 0);
}

LedgerTotals ledger_totals(const Eigen::ArrayXd& influence, double regisseur_influence,
                           const Eigen::ArrayXd& work_influence, double regisseur_work_influence,
                           const model::Flags& active) {
  // Each total sums in id order from the regisseur's entry, exactly as ledger_share does, so a
  // share read from these totals is the same number to the last bit.
  model::count_partners(active.size());
  LedgerTotals totals{.goal = regisseur_influence, .work = regisseur_work_influence, .active = 0};
  for (Eigen::Index j = 0; j < active.size(); ++j) {
    if (active[j] == 0) continue;
    totals.goal += influence[j];
    totals.work += work_influence[j];
    ++totals.active;
  }
  return totals;
}

LedgerTotals ledger_totals(const model::PartnerState& partners,
                           const model::RegisseurState& regisseur) {
  return ledger_totals(partners.influence, regisseur.influence, partners.work_influence,
                       regisseur.work_influence, partners.active);
}

double ownership(const model::Parameters& p, const LedgerTotals& totals,
                 const model::PartnerState& partners, const model::RegisseurState& regisseur,
                 Eigen::Index i) {
  const bool partner = i >= 0;
  const double goal = share_of_total(partner ? partners.influence[i] : regisseur.influence,
                                     totals.goal, totals.active, partner);
  if (p.ownership_work_weight <= 0.0) return goal;  // the goal ledger alone (C16)
  const double work =
      share_of_total(partner ? partners.work_influence[i] : regisseur.work_influence, totals.work,
                     totals.active, partner);
  return (1.0 - p.ownership_work_weight) * goal + p.ownership_work_weight * work;
}

double ownership(const model::Parameters& p, const model::PartnerState& partners,
                 const model::RegisseurState& regisseur, Eigen::Index i) {
  return ownership(p, ledger_totals(partners, regisseur), partners, regisseur, i);
}

double felt_ownership(const model::Parameters& p, const LedgerTotals& totals,
                      const model::PartnerState& partners, const model::RegisseurState& regisseur,
                      Eigen::Index i) {
  const auto n = static_cast<double>(totals.active);
  return std::min(1.0, n * ownership(p, totals, partners, regisseur, i));
}

double felt_ownership(const model::Parameters& p, const model::PartnerState& partners,
                      const model::RegisseurState& regisseur, Eigen::Index i) {
  return felt_ownership(p, ledger_totals(partners, regisseur), partners, regisseur, i);
}

std::int64_t find_edge(const network::Network& net, std::int32_t i, std::int32_t j) {
  const auto first = net.target.begin() + net.row_begin[static_cast<std::size_t>(i)];
  const auto last = net.target.begin() + net.row_begin[static_cast<std::size_t>(i) + 1];
  const auto it = std::lower_bound(first, last, j);
  if (it == last || *it != j) return -1;
  return it - net.target.begin();
}

int perspective_clusters(const Eigen::ArrayXd& perspective, const model::Flags& member,
                         double bound, std::int64_t min_size, std::vector<double>& scratch,
                         double& sum_squared_shares) {
  model::count_partners(perspective.size());
  scratch.clear();
  for (Eigen::Index i = 0; i < perspective.size(); ++i)
    if (member[i] != 0) scratch.push_back(perspective[i]);
  sum_squared_shares = 1.0;
  if (scratch.empty()) return 0;
  std::sort(scratch.begin(), scratch.end());
  const auto n = static_cast<double>(scratch.size());
  int major = 0;
  double squares = 0.0;
  std::int64_t size = 1;
  for (std::size_t a = 1; a <= scratch.size(); ++a) {
    if (a < scratch.size() && scratch[a] - scratch[a - 1] <= bound) {
      ++size;
      continue;
    }
    if (size >= min_size) ++major;
    squares += (static_cast<double>(size) / n) * (static_cast<double>(size) / n);
    size = 1;
  }
  sum_squared_shares = scratch.size() <= 1 ? 1.0 : squares;
  return major;
}

}  // namespace regiesim::dynamics
