#include "negotiation/zeuthen.hpp"

#include <algorithm>
#include <limits>

namespace regiesim::negotiation {

namespace {
constexpr double kInfinity = std::numeric_limits<double>::infinity();
// Risk limits within this relative distance of the smallest count as tied.
constexpr double kTie = 1e-12;
// Concessions that fall short of the excess by at most this much close the gap (agree).
constexpr double kClose = 1e-12;
}  // namespace

void zeuthen_open(std::span<const PartnerUtility> partners, std::span<double> demands) {
  std::fill(demands.begin(), demands.begin() + static_cast<std::ptrdiff_t>(partners.size()), 1.0);
}

double risk_limit(const PartnerUtility& partner, double demand, double cut) {
  const double own = partner(demand);
  const double at_stake = own - partner.disagreement;
  if (!(at_stake > 0.0)) return kInfinity;
  return (own - partner(demand - cut)) / at_stake;
}

RoundResult zeuthen_round(std::span<const PartnerUtility> partners, double concession,
                          std::span<double> demands, std::span<double> scratch) {
  const std::size_t n = partners.size();
  auto floor = scratch.first(n);      // each partner's lowest acceptable share
  auto step = scratch.subspan(n, n);  // its risk limit, then its concession
  double total = 0.0;
  for (std::size_t i = 0; i < n; ++i) {
    floor[i] = std::max(0.0, partners[i].break_even());
    // Carried demands stay within what the partner can accept now (its break-even may move).
    demands[i] = std::clamp(demands[i], floor[i], 1.0);
    total += demands[i];
  }
  const double excess = total - 1.0;
  if (excess <= 0.0) {
    // Compatible demands: what nobody asked for is shared equally.
    for (double& z : demands) z -= excess / static_cast<double>(n);
    return RoundResult::agreed;
  }
  // Every other partner's proposal gives itself its demand and cuts the rest equally. A partner
  // already at its floor has nothing left to concede, so it is never the one asked to.
  const double cut = excess / static_cast<double>(n - 1);
  double smallest = kInfinity;
  for (std::size_t i = 0; i < n; ++i) {
    step[i] = demands[i] <= floor[i] ? kInfinity : risk_limit(partners[i], demands[i], cut);
    smallest = std::min(smallest, step[i]);
  }
  if (smallest == kInfinity) return RoundResult::broke_down;

  // Every partner tied at the smallest risk limit concedes: it lowers the utility it demands by
  // `concession` times its best gain, down to its floor at most.
  const double threshold = smallest + kTie * std::max(1.0, smallest);
  double conceded = 0.0;
  for (std::size_t i = 0; i < n; ++i) {
    if (step[i] > threshold) {
      step[i] = 0.0;
      continue;
    }
    const auto& p = partners[i];
    const double wanted = p(demands[i]) - concession * p.best_gain();
    step[i] = demands[i] - std::clamp(p.share_for(wanted), floor[i], demands[i]);
    conceded += step[i];
  }
  if (!(conceded > 0.0)) return RoundResult::broke_down;
  // A concession that closes the gap is scaled back to close it exactly (the concessors accept
  // what the others leave them). It closes within kClose: a partner conceding to its floor
  // concedes the whole excess mathematically, and without the tolerance the last bit of the
  // excess (e.g. (1 + 0.1) - 1 > 0.1) would decide whether the parties agree this round or the
  // next (docs/ODD.md 7.5 step 5 (e)).
  const bool closes = conceded >= excess - kClose;
  const double part = closes ? std::min(1.0, excess / conceded) : 1.0;
  for (std::size_t i = 0; i < n; ++i) demands[i] -= part * step[i];
  if (!closes) return RoundResult::continuing;
  // Remove rounding so the agreed shares sum to 1: the demands sum to 1 + (excess - conceded)
  // when part is 1, at most 1 + kClose, and dividing by a positive total keeps them >= 0.
  total = 0.0;
  for (double z : demands) total += z;
  for (double& z : demands) z /= total;
  return RoundResult::agreed;
}

}  // namespace regiesim::negotiation
