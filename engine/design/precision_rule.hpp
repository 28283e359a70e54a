#pragma once
// `--precision METRIC=HALFWIDTH` (design decision 11): replications are added to a design point in
// fixed blocks until the 95% confidence interval of the metric's mean is at most HALFWIDTH wide on
// either side. The decision is taken only after whole blocks, on the values in replication order,
// so threads, ranks and a resumed sweep all stop a point at the same replication.
#include <cstdint>
#include <span>
#include <string>

namespace regiesim::design {

// Mean of values and its Student-t 95% interval: half_width = t(0.975, n - 1) sd / sqrt(n), with
// sd the sample standard deviation (n - 1), cv = sd / |mean|. Two passes in the given order. With
// one value the half-width is infinite; cv is NaN when the mean is 0.
struct MeanInterval {
  std::int64_t n = 0;
  double mean = 0;
  double sd = 0;
  double half_width = 0;
  double cv = 0;
};
MeanInterval mean_interval(std::span<const double> values);

enum class PrecisionVerdict {
  reached,    // the interval is narrow enough after `replications` values
  more,       // not yet: run the next block (replications .. replications + block - 1)
  exhausted,  // not reached, and the next block would pass the largest allowed replications
};

struct PrecisionDecision {
  PrecisionVerdict verdict;
  std::int64_t replications;  // the whole blocks the decision rests on
  MeanInterval interval;      // over those replications (n = 0 before the first block)
};

// `values`: the point's metric in replication order, 0, 1, 2, ...; values past the last whole
// block are not looked at, nor past `max_replications`. The first whole block whose interval is
// narrow enough decides, so more values arriving later never change a decision already taken.
// block >= 2, target > 0, max_replications >= block; every value finite.
PrecisionDecision decide_precision(std::span<const double> values, std::int64_t block,
                                   double target_half_width, std::int64_t max_replications);

// "realisation=0.01" from --precision; an InputError naming `origin` when it is not a known
// metric and a positive number.
struct PrecisionTarget {
  std::string metric;
  double half_width = 0;
};
PrecisionTarget parse_precision(const std::string& text, const std::string& origin);

}  // namespace regiesim::design
