#include "cli/sweep_report.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "design/parameter_scale.hpp"
#include "record/metrics.hpp"

namespace regiesim::cli {

namespace {

// The most points whose line the summary prints; beyond, it prints the spread of the half-widths
// and the widest points.
constexpr std::int64_t kPointsListed = 40;

// "trust.gain=0.1 meetings.probability=0.07746": a point's values as people read them (the exact
// ones are in /design/value and /parameters).
std::string point_values(const design::SweepSpec& sweep, const design::Design& d,
                         std::int64_t point) {
  std::string out;
  const auto values = d.values_of(point);
  for (std::size_t k = 0; k < sweep.parameters.size(); ++k) {
    const design::SweptParameter& p = sweep.parameters[k];
    const std::string text = p.is_choice || p.is_integer ? design::value_text(p, values[k])
                                                         : fmt::format("{:.4g}", values[k]);
    out += fmt::format("{}{}={}", k == 0 ? "" : " ", p.path, text);
  }
  return out;
}

std::string verdict_text(const PointReport& r) {
  if (!r.verdict) return "";
  switch (*r.verdict) {
    case design::PrecisionVerdict::reached:
      return "  reached";
    case design::PrecisionVerdict::exhausted:
      return "  NOT reached (cap)";
    case design::PrecisionVerdict::more:
      return "  NOT reached (failed runs)";
  }
  return "";
}

}  // namespace

void PointCollector::add(const record::RunRecord& r) {
  report.runs += 1;
  const double v =
      r.status == record::RunStatus::ok ? r.summary[static_cast<std::size_t>(metric)] : NAN;
  if (r.status == record::RunStatus::ok && std::isfinite(v))
    values.push_back(v);
  else
    report.failed += 1;
}

PointReport PointCollector::finish() {
  report.interval = design::mean_interval(values);
  PointReport out = report;
  values.clear();
  report = {};
  return out;
}

int metric_index(const std::string& name) {
  for (int m = 0; m < record::kMetricCount; ++m)
    if (record::kMetrics[static_cast<std::size_t>(m)].name == name) return m;
  throw std::logic_error("unknown metric " + name);
}

void print_point_reports(const design::SweepSpec& sweep, const design::Design& d,
                         const std::vector<PointReport>& reports, const std::string& metric) {
  const auto& decl = record::kMetrics[static_cast<std::size_t>(metric_index(metric))];
  fmt::print(
      "\nper point: {} ({}, unit {}) over the point's ok runs: mean, coefficient of variation "
      "and half-width of the 95% interval of the mean\n",
      metric, decl.summary == record::Summary::total ? "total" : "final value", decl.unit);
  const auto points = static_cast<std::int64_t>(reports.size());
  const auto line = [&](std::int64_t p) {
    const PointReport& r = reports[static_cast<std::size_t>(p)];
    fmt::print("{:>6} {:>5} {:>10.4g} {:>8.3g} {:>10.3g}{}{}  {}\n", p, r.runs, r.interval.mean,
               r.interval.cv, r.interval.half_width,
               r.failed > 0 ? fmt::format("  ({} failed)", r.failed) : "", verdict_text(r),
               point_values(sweep, d, p));
  };
  fmt::print("{:>6} {:>5} {:>10} {:>8} {:>10}  {}\n", "point", "runs", "mean", "cv", "+-95%",
             "values");
  if (points <= kPointsListed) {
    for (std::int64_t p = 0; p < points; ++p) line(p);
    return;
  }
  // Many points: the spread of the half-widths, and the widest ones.
  std::vector<std::int64_t> order(static_cast<std::size_t>(points));
  for (std::int64_t p = 0; p < points; ++p) order[static_cast<std::size_t>(p)] = p;
  const auto width = [&](std::int64_t p) {
    const double w = reports[static_cast<std::size_t>(p)].interval.half_width;
    return std::isnan(w) ? INFINITY : w;
  };
  std::stable_sort(order.begin(), order.end(),
                   [&](std::int64_t a, std::int64_t b) { return width(a) > width(b); });
  for (std::size_t i = 0; i < 5; ++i) line(order[i]);
  fmt::print(
      "(the 5 widest of {} points; half-width over the points: min {:.3g}, median {:.3g}, "
      "max {:.3g})\n",
      points, width(order.back()), width(order[order.size() / 2]), width(order.front()));
}

}  // namespace regiesim::cli
