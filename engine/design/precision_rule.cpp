#include "design/precision_rule.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <boost/math/distributions/students_t.hpp>
#include <charconv>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <vector>

#include "record/metrics.hpp"
#include "scenario/did_you_mean.hpp"
#include "scenario/input_error.hpp"

namespace regiesim::design {

MeanInterval mean_interval(std::span<const double> values) {
  MeanInterval out;
  out.n = static_cast<std::int64_t>(values.size());
  if (values.empty()) return out;
  double sum = 0;
  for (const double v : values) sum += v;
  const double n = static_cast<double>(values.size());
  out.mean = sum / n;
  if (values.size() < 2) {
    out.half_width = std::numeric_limits<double>::infinity();
    out.cv = std::numeric_limits<double>::quiet_NaN();
    return out;
  }
  double squares = 0;
  for (const double v : values) squares += (v - out.mean) * (v - out.mean);
  out.sd = std::sqrt(squares / (n - 1));
  const boost::math::students_t_distribution<double> t(n - 1);
  out.half_width = boost::math::quantile(t, 0.975) * out.sd / std::sqrt(n);
  out.cv = out.mean != 0 ? out.sd / std::abs(out.mean) : std::numeric_limits<double>::quiet_NaN();
  return out;
}

PrecisionDecision decide_precision(std::span<const double> values, std::int64_t block,
                                   double target_half_width, std::int64_t max_replications) {
  if (block < 2 || !(target_half_width > 0) || max_replications < block)
    throw std::invalid_argument("decide_precision: block >= 2, target > 0, max >= block");
  for (const double v : values)
    if (!std::isfinite(v)) throw std::invalid_argument("decide_precision: a value is not finite");
  const auto available = std::min(static_cast<std::int64_t>(values.size()), max_replications);
  PrecisionDecision decision{PrecisionVerdict::more, 0, {}};
  for (std::int64_t n = block; n <= available; n += block) {
    decision.replications = n;
    decision.interval = mean_interval(values.first(static_cast<std::size_t>(n)));
    if (decision.interval.half_width <= target_half_width) {
      decision.verdict = PrecisionVerdict::reached;
      return decision;
    }
  }
  if (decision.replications + block > max_replications)
    decision.verdict = PrecisionVerdict::exhausted;
  return decision;
}

PrecisionTarget parse_precision(const std::string& text, const std::string& origin) {
  const auto equals = text.find('=');
  std::vector<std::string> metrics;
  for (const auto& m : record::kMetrics) metrics.emplace_back(m.name);
  if (equals == std::string::npos)
    throw scenario::InputError(
        origin, fmt::format("expected METRIC=HALFWIDTH (e.g. realisation=0.01), got '{}'", text));
  PrecisionTarget target{text.substr(0, equals), 0};
  if (std::find(metrics.begin(), metrics.end(), target.metric) == metrics.end()) {
    std::string message = fmt::format("unknown metric '{}'", target.metric);
    if (auto match = scenario::closest_match(target.metric, metrics))
      message += fmt::format("; did you mean '{}'?", *match);
    else
      message += fmt::format("; the metrics are {}", fmt::join(metrics, ", "));
    throw scenario::InputError(origin, std::move(message));
  }
  const std::string number = text.substr(equals + 1);
  // from_chars: the same reading in every locale.
  const auto [end, error] =
      std::from_chars(number.data(), number.data() + number.size(), target.half_width);
  if (error != std::errc{} || end != number.data() + number.size() ||
      !std::isfinite(target.half_width) || !(target.half_width > 0))
    throw scenario::InputError(
        origin, fmt::format("the half-width must be a positive number, got '{}'", number));
  return target;
}

}  // namespace regiesim::design
