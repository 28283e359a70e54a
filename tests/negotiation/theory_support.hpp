#pragma once
// Small helpers for the negotiation theory tests: a deterministic generator of bargaining
// problems (no std:: distributions, so every platform draws the same cases) and the Nash
// objective evaluated independently of the engine.
#include <cmath>
#include <cstdint>
#include <limits>
#include <vector>

#include "negotiation/utility.hpp"

namespace regiesim::negotiation::testing {

// SplitMix64: enough to spread test cases; its output is fixed by its definition.
class CaseGenerator {
 public:
  explicit CaseGenerator(std::uint64_t seed) : state_(seed) {}
  double uniform(double lo, double hi) {
    std::uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    z ^= z >> 31;
    return lo + (hi - lo) * static_cast<double>(z >> 11) * 0x1.0p-53;
  }

 private:
  std::uint64_t state_;
};

// A partner with a linear or concave frontier whose break-even share is at most `max_floor`.
inline PartnerUtility random_partner(CaseGenerator& g, double max_floor) {
  PartnerUtility p;
  p.common = g.uniform(0.0, 1.0) < 0.5 ? 0.0 : g.uniform(0.0, 0.5);
  p.rival = g.uniform(0.5, 2.0);
  p.exponent = g.uniform(0.0, 1.0) < 0.4 ? 1.0 : g.uniform(0.3, 1.0);
  p.scale = g.uniform(0.5, 3.0);
  p.offset = g.uniform(-0.5, 0.5);
  // Disagreement at the utility of a share in [-0.2, max_floor]: some partners gain at share 0.
  p.disagreement = p(g.uniform(-0.2, max_floor));
  return p;
}

inline std::vector<PartnerUtility> random_problem(CaseGenerator& g, int n) {
  std::vector<PartnerUtility> partners;
  for (int i = 0; i < n; ++i) partners.push_back(random_partner(g, 0.6 / n));
  return partners;
}

// log(u(x) - d) written out from the definition, -infinity where the partner gains nothing.
inline double log_gain(const PartnerUtility& p, double x) {
  if (x < 0.0) return -std::numeric_limits<double>::infinity();
  const double v = p.common + p.rival * x;
  const double gain = p.scale * std::pow(v, p.exponent) + p.offset - p.disagreement;
  return gain > 0.0 ? std::log(gain) : -std::numeric_limits<double>::infinity();
}

// The log Nash product written out from the definition, -infinity outside the feasible set.
inline double log_nash(const std::vector<PartnerUtility>& partners, const std::vector<double>& x) {
  double sum = 0.0;
  for (std::size_t i = 0; i < partners.size(); ++i) sum += log_gain(partners[i], x[i]);
  return sum;
}

}  // namespace regiesim::negotiation::testing
