#include "negotiation/alternating_offers.hpp"

#include <algorithm>
#include <cmath>

#include "negotiation/nash.hpp"

namespace regiesim::negotiation {

bool stationary_offers(std::span<const PartnerUtility> partners, std::span<const double> discount,
                       std::span<double> shares, std::span<double> workspace) {
  std::fill(shares.begin(), shares.end(), 0.0);
  if (!bargaining_feasible(partners)) return false;
  const std::size_t n = partners.size();
  // offers[i * n + j]: what proposer i gives partner j (its own share at j = i).
  auto offers = workspace.first(n * n);
  // The last period of a finite game: the proposer keeps all but the responders' break-even.
  double sum_floor = 0.0;
  double patience = 0.0;
  for (std::size_t j = 0; j < n; ++j) {
    sum_floor += std::max(0.0, partners[j].break_even());
    patience = std::max(patience, discount[j]);
  }
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = 0; j < n; ++j)
      offers[i * n + j] = j == i ? 1.0 - sum_floor + std::max(0.0, partners[i].break_even())
                                 : std::max(0.0, partners[j].break_even());
  // One sweep composes the map n times, so it contracts by at most patience^n: stop when a
  // sweep's change bounds the remaining error by 1e-13 (or at the rounding floor).
  const double contraction = std::pow(patience, static_cast<double>(n));
  const double tolerance = std::max(1e-13 * (1.0 - contraction), 1e-16);
  for (int sweep = 0; sweep < 100000; ++sweep) {
    double change = 0.0;
    for (std::size_t back = 0; back < n; ++back) {
      const std::size_t i = n - 1 - back;  // backward, so each row reads the freshest next row
      const std::size_t next = (i + 1) % n;
      double given = 0.0;
      for (std::size_t j = 0; j < n; ++j) {
        if (j == i) continue;
        const auto& p = partners[j];
        const double continuation = p.gain(offers[next * n + j]);
        const double offer =
            std::max(0.0, p.share_for(p.disagreement + discount[j] * continuation));
        change = std::max(change, std::abs(offer - offers[i * n + j]));
        offers[i * n + j] = offer;
        given += offer;
      }
      change = std::max(change, std::abs(1.0 - given - offers[i * n + i]));
      offers[i * n + i] = 1.0 - given;
    }
    if (change <= tolerance) break;
  }
  std::copy_n(offers.begin(), n, shares.begin());
  return true;
}

}  // namespace regiesim::negotiation
