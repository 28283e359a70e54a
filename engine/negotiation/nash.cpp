#include "negotiation/nash.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace regiesim::negotiation {

namespace {

bool all_linear(std::span<const PartnerUtility> partners) {
  for (const auto& p : partners)
    if (p.exponent != 1.0) return false;
  return true;
}

// The share x >= 0 of one partner at the multiplier t: the root of (u(x) - d) / u'(x) = t,
// floored at 0. In terms of the value v = common + rival * x, with K = (d - offset) / scale,
// the condition reads phi(v) = v - K v^(1 - rho) = rho * rival * t; phi is increasing from the
// break-even value v_m (phi(v_m) = 0) with slope at least rho, so the root lies in
// [v_m, v_m + rival * t].
double share_at(const PartnerUtility& p, double t) {
  const double rho = p.exponent;
  const double k = (p.disagreement - p.offset) / p.scale;
  const double target = rho * p.rival * t;
  const double v_m = k > 0.0 ? std::pow(k, 1.0 / rho) : 0.0;
  double lo = v_m;
  double hi = v_m + p.rival * t;
  double v = hi;
  for (int iteration = 0; iteration < 100; ++iteration) {
    const double power = std::pow(v, 1.0 - rho);
    const double phi = v - k * power - target;
    if (phi > 0.0)
      hi = v;
    else
      lo = v;
    if (hi - lo <= 1e-15 * std::max(1.0, hi)) break;
    const double slope = 1.0 - k * (1.0 - rho) * power / v;
    double next = v - phi / slope;
    if (!(next > lo && next < hi)) next = 0.5 * (lo + hi);  // Newton left the bracket: bisect
    if (next == v) break;
    v = next;
  }
  return std::max(0.0, (v - p.common) / p.rival);
}

// Linear utilities: x_i = max(0, m_i + t) with sum 1. Partners whose share would be negative drop
// out and t is recomputed; t only grows, so at most n passes. `shares` marks who is in (1) or out.
void water_fill(std::span<const PartnerUtility> partners, std::span<double> shares) {
  const std::size_t n = partners.size();
  std::fill(shares.begin(), shares.end(), 1.0);
  double t = 0.0;
  for (std::size_t pass = 0; pass <= n; ++pass) {
    double sum_m = 0.0;
    std::size_t in = 0;
    for (std::size_t i = 0; i < n; ++i)
      if (shares[i] != 0.0) {
        sum_m += partners[i].break_even();
        ++in;
      }
    t = (1.0 - sum_m) / static_cast<double>(in);
    bool dropped = false;
    for (std::size_t i = 0; i < n; ++i)
      if (shares[i] != 0.0 && partners[i].break_even() + t <= 0.0) {
        shares[i] = 0.0;
        dropped = true;
      }
    if (!dropped) break;
  }
  for (std::size_t i = 0; i < n; ++i)
    if (shares[i] != 0.0) shares[i] = partners[i].break_even() + t;
}

double total_at(std::span<const PartnerUtility> partners, double t) {
  double sum = 0.0;
  for (const auto& p : partners) sum += share_at(p, t);
  return sum;
}

}  // namespace

bool bargaining_feasible(std::span<const PartnerUtility> partners) {
  if (partners.empty()) return false;
  double sum = 0.0;
  for (const auto& p : partners) {
    if (!(p.rival > 0.0) || !(p.best_gain() > 0.0)) return false;
    sum += std::max(0.0, p.break_even());
  }
  return sum < 1.0;
}

bool nash_shares(std::span<const PartnerUtility> partners, std::span<double> shares) {
  std::fill(shares.begin(), shares.end(), 0.0);
  if (!bargaining_feasible(partners)) return false;
  if (all_linear(partners)) {
    water_fill(partners, shares);
    return true;
  }
  // Concave: bracket t, then Illinois regula falsi on sum_i x_i(t) - 1 (increasing in t).
  double t_lo = 0.0;
  double f_lo = total_at(partners, t_lo) - 1.0;  // < 0 by feasibility
  double t_hi = 0.0;
  for (const auto& p : partners) t_hi = std::max(t_hi, p.gain(1.0) / p.derivative(1.0));
  double f_hi = total_at(partners, t_hi) - 1.0;  // >= 0: every share is then at least 1
  int side = 0;
  double t = t_hi;
  for (int iteration = 0; iteration < 200 && t_hi - t_lo > 1e-16 * t_hi; ++iteration) {
    t = (t_lo * f_hi - t_hi * f_lo) / (f_hi - f_lo);
    if (!(t > t_lo && t < t_hi)) t = 0.5 * (t_lo + t_hi);
    const double f = total_at(partners, t) - 1.0;
    if (f == 0.0) break;
    if (f < 0.0) {
      t_lo = t;
      f_lo = f;
      if (side == -1) f_hi *= 0.5;
      side = -1;
    } else {
      t_hi = t;
      f_hi = f;
      if (side == 1) f_lo *= 0.5;
      side = 1;
    }
  }
  double sum = 0.0;
  for (std::size_t i = 0; i < partners.size(); ++i) sum += shares[i] = share_at(partners[i], t);
  for (double& x : shares) x /= sum;  // remove the root search's last rounding
  return true;
}

double log_nash_product(std::span<const PartnerUtility> partners, std::span<const double> shares) {
  double sum = 0.0;
  for (std::size_t i = 0; i < partners.size(); ++i) {
    const double gain = partners[i].gain(shares[i]);
    if (!(gain > 0.0)) return -std::numeric_limits<double>::infinity();
    sum += std::log(gain);
  }
  return sum;
}

double fairness_distance(std::span<const double> shares, std::span<const double> nash) {
  double sum = 0.0;
  for (std::size_t i = 0; i < shares.size(); ++i) sum += std::abs(shares[i] - nash[i]);
  // A total variation distance lies in [0, 1]; the rounding of shares that sum to 1 only up to
  // an ulp can take the sum past 2 (1 + 2e-16 for disjoint splits), and fairness 1 - D must not
  // leave [0, 1].
  return std::clamp(0.5 * sum, 0.0, 1.0);
}

}  // namespace regiesim::negotiation
