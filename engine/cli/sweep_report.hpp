#pragma once
// What a sweep prints when it ends: per design point, the main metric's mean, coefficient of
// variation and the half-width of its 95% interval (with --precision, whether the target was
// reached), for every point or, past a few dozen, the widest ones and the spread.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "design/design.hpp"
#include "design/precision_rule.hpp"
#include "design/sweep_spec.hpp"
#include "record/run_record.hpp"

namespace regiesim::cli {

// What the sweep reached at one point, for the summary.
struct PointReport {
  std::int64_t runs = 0;
  std::int64_t failed = 0;
  design::MeanInterval interval;  // of the main metric over the ok runs, in replication order
  std::optional<design::PrecisionVerdict> verdict;  // --precision only
};

// Collects the main metric of one point's runs as they are consumed (point-major id order), so
// memory holds one point's values at a time.
struct PointCollector {
  int metric = 0;
  std::vector<double> values;  // ok runs, replication order
  PointReport report;

  void add(const record::RunRecord& r);
  PointReport finish();
};

// The index of a metric of record::kMetrics by name (a logic error if there is none).
int metric_index(const std::string& name);

void print_point_reports(const design::SweepSpec& sweep, const design::Design& d,
                         const std::vector<PointReport>& reports, const std::string& metric);

}  // namespace regiesim::cli
