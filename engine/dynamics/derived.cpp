#include "dynamics/derived.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <stdexcept>

#include "model/work.hpp"

namespace regiesim::dynamics {

namespace {

// The perspectives sorted ascending, as std::sort would leave them: a least-significant-digit radix
// sort of the doubles' bit patterns mapped to unsigned keys in the same order (the sign bit set on
// a positive number, every bit flipped on a negative one). At 10^6 partners std::sort took about 60
// ms a call, twice a week, comparisons whose branches the random perspectives make unpredictable;
// the radix sort is six sequential counting passes (fewer where a digit is the same throughout, as
// the exponent digits of perspectives in [0, 1] mostly are). Equal doubles are the same value, so
// the result is the same array; only -0.0 and 0.0 (equal, in an order std::sort leaves
// unspecified) may sit the other way round, and a difference with either is the same number. NaN
// has no place in an order: with one, std::sort keeps its say.
// A key in a double's storage, copied as bytes (memcpy, no floating-point move: a key's pattern
// may read as a signalling NaN).
std::uint64_t key_at(const double* at) {
  std::uint64_t key = 0;
  std::memcpy(&key, at, sizeof key);
  return key;
}
void put_key(double* at, std::uint64_t key) {
  std::memcpy(at, &key, sizeof key);
}

// The sort's second array is the upper half of `values` itself, within the capacity its owner
// reserved for twice every partner, so that a week's sort allocates nothing.
void sort_values(std::vector<double>& values) {
  constexpr std::size_t kRadixFrom = 1024;  // below, std::sort is as quick
  const std::size_t n = values.size();
  if (n < kRadixFrom) {
    std::sort(values.begin(), values.end());
    return;
  }
  constexpr int kBits = 11;
  constexpr int kPasses = 6;  // 6 x 11 >= 64
  constexpr std::size_t kBins = std::size_t{1} << kBits;
  constexpr std::uint64_t kSign = std::uint64_t{1} << 63;
  constexpr std::uint64_t kInfinity = 0x7FF0000000000000ULL;
  const auto value_of = [](std::uint64_t key) {
    return std::bit_cast<double>((key & kSign) != 0 ? key & ~kSign : ~key);
  };
  // The keys are kept in the doubles' own storage and moved between it and the upper half.
  std::array<std::array<std::uint32_t, kBins>, kPasses> counts{};
  double* stored = values.data();
  for (std::size_t a = 0; a < n; ++a) {
    const auto bits = std::bit_cast<std::uint64_t>(stored[a]);
    if ((bits & ~kSign) > kInfinity) {  // NaN: the values so far back, and std::sort
      for (std::size_t b = 0; b < a; ++b) stored[b] = value_of(key_at(stored + b));
      std::sort(values.begin(), values.end());
      return;
    }
    const std::uint64_t key = (bits & kSign) != 0 ? ~bits : bits | kSign;
    put_key(stored + a, key);
    for (int pass = 0; pass < kPasses; ++pass)
      ++counts[static_cast<std::size_t>(pass)][(key >> (pass * kBits)) & (kBins - 1)];
  }
  values.resize(2 * n);
  stored = values.data();
  double* from = stored;
  double* to = stored + n;
  for (int pass = 0; pass < kPasses; ++pass) {
    auto& count = counts[static_cast<std::size_t>(pass)];
    const int shift = pass * kBits;
    if (count[(key_at(from) >> shift) & (kBins - 1)] == n)
      continue;  // one digit throughout: this pass would move nothing
    std::uint32_t at = 0;
    for (auto& c : count) {
      const std::uint32_t here = c;
      c = at;
      at += here;
    }
    for (std::size_t a = 0; a < n; ++a) {
      const std::uint64_t key = key_at(from + a);
      put_key(to + count[(key >> shift) & (kBins - 1)]++, key);
    }
    std::swap(from, to);
  }
  for (std::size_t a = 0; a < n; ++a) stored[a] = value_of(key_at(from + a));
  values.resize(n);
}

}  // namespace

namespace {
// sum_l g_l, added in order (not Eigen's sum(), whose vectorised order gives other bits).
double goal_total(const Eigen::ArrayXd& goal) {
  double total = 0.0;
  for (Eigen::Index d = 0; d < goal.size(); ++d) total += goal[d];
  return total;
}
// gw_k from the goal's total, the one rule both forms of sigma_i use.
double goal_weight(const Eigen::ArrayXd& goal, double total, Eigen::Index d) {
  return total > 0.0 ? goal[d] / total : 1.0 / static_cast<double>(goal.size());
}
}  // namespace

// One partner's sigma_i computes each weight as it goes, without filling a table of them: the
// chooser reads single partners' sigma_i in every week of a small run.
double interests_served(const Eigen::ArrayXd& goal, const Eigen::ArrayXXd& interests,
                        Eigen::Index i) {
  const double total = goal_total(goal);
  double served = 0.0;
  for (Eigen::Index d = 0; d < goal.size(); ++d)
    served += goal_weight(goal, total, d) * interests(i, d);
  return 0.5 + 0.5 * served;
}

GoalWeights::GoalWeights(const Eigen::ArrayXd& goal) : dimensions(goal.size()) {
  if (dimensions > model::kMaxDimensions)
    throw std::length_error("a goal of more dimensions than opgave.dimensions allows");
  const double total = goal_total(goal);
  for (Eigen::Index d = 0; d < dimensions; ++d)
    weight[static_cast<std::size_t>(d)] = goal_weight(goal, total, d);
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

namespace {

// perspective_clusters without the sort, for many members: the values fall into buckets of width
// `bound` from the smallest, so the sorted array is the buckets' contents one after the other
// (a bucket's index, floor((x - lo) / bound) in doubles, never decreases as x grows: every step is
// a rounded monotone operation). Where a bucket's largest minus its smallest is at most `bound`,
// so is every difference of neighbours inside it (the same rounded subtraction of closer values),
// and the walk only has to compare each bucket's smallest with the largest before it: the same
// comparisons of the same neighbours as after the sort, hence the same clusters, in the same order,
// and the same sums. Three passes over the values against the sort's six (6% of a week at 10^6
// partners, perf). Returns false, leaving `values` as they were, where that does not hold (a
// bucket wider than `bound` by rounding, a NaN, or more buckets than a quarter of the values:
// the caller sorts).
bool clusters_by_buckets(std::vector<double>& values, double bound, std::int64_t min_size,
                         int& major, double& squares) {
  const std::size_t n = values.size();
  double lo = values[0];
  double hi = values[0];
  bool nan = false;
  for (const double x : values) {
    lo = std::min(lo, x);
    hi = std::max(hi, x);
    nan |= std::isnan(x);
  }
  // Written so that a NaN bound, or an infinite value (hence an infinite or NaN range), fails it.
  if (nan || !(bound > 0.0) || !((hi - lo) / bound < static_cast<double>(n / 4))) return false;
  const auto buckets = static_cast<std::size_t>((hi - lo) / bound) + 1;
  // The buckets' counts, smallest and largest values live above the values, within the capacity
  // of twice every partner that `values` has, so nothing is allocated.
  values.resize(n + 3 * buckets);
  double* count = values.data() + n;
  double* smallest = count + buckets;
  double* largest = smallest + buckets;
  std::fill(count, count + buckets, 0.0);
  for (std::size_t a = 0; a < n; ++a) {
    const double x = values[a];
    const auto b = static_cast<std::size_t>((x - lo) / bound);
    if (count[b] == 0.0) {
      smallest[b] = x;
      largest[b] = x;
    } else {
      smallest[b] = std::min(smallest[b], x);
      largest[b] = std::max(largest[b], x);
    }
    count[b] += 1.0;
  }
  for (std::size_t b = 0; b < buckets; ++b)
    if (count[b] > 0.0 && !(largest[b] - smallest[b] <= bound)) {
      values.resize(n);
      return false;
    }
  const auto share = static_cast<double>(n);
  major = 0;
  squares = 0.0;
  std::int64_t size = 0;
  double last = 0.0;
  for (std::size_t b = 0; b < buckets; ++b) {
    if (count[b] == 0.0) continue;
    if (size > 0 && !(smallest[b] - last <= bound)) {
      if (size >= min_size) ++major;
      squares += (static_cast<double>(size) / share) * (static_cast<double>(size) / share);
      size = 0;
    }
    size += static_cast<std::int64_t>(count[b]);
    last = largest[b];
  }
  if (size >= min_size) ++major;
  squares += (static_cast<double>(size) / share) * (static_cast<double>(size) / share);
  values.resize(n);
  return true;
}

}  // namespace

int perspective_clusters(const Eigen::ArrayXd& perspective, const model::Flags& member,
                         double bound, std::int64_t min_size, std::vector<double>& scratch,
                         double& sum_squared_shares) {
  model::count_partners(perspective.size());
  scratch.clear();
  for (Eigen::Index i = 0; i < perspective.size(); ++i)
    if (member[i] != 0) scratch.push_back(perspective[i]);
  sum_squared_shares = 1.0;
  if (scratch.empty()) return 0;
  constexpr std::size_t kBucketsFrom = 1024;  // below, the sort is as quick
  if (scratch.size() >= kBucketsFrom) {
    int major = 0;
    double squares = 0.0;
    if (clusters_by_buckets(scratch, bound, min_size, major, squares)) {
      sum_squared_shares = squares;  // at least 1024 members: never the one-member case
      return major;
    }
  }
  sort_values(scratch);
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
