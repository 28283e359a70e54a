#include "io/comparison_writer.hpp"

#include <fmt/format.h>

#include <cmath>
#include <limits>
#include <string_view>

#include "io/hdf5_file_check.hpp"
#include "io/hdf5_handle.hpp"
#include "io/results_reader.hpp"
#include "record/metrics.hpp"

namespace regiesim::io {

namespace {

// The numbers of /comparison/<metric>, in the order they are written and printed as JSON.
constexpr std::string_view kNumbers[] = {
    "mean_arm0", "mean_arm1",   "mean_difference", "hodges_lehmann", "ci_low",
    "ci_high",   "ci_coverage", "statistic",       "p_greater",      "p_less"};

std::vector<double> numbers_of(const comparison::PairedComparison& c) {
  return {c.mean_arm0,
          c.mean_arm1,
          c.mean_difference,
          c.hodges_lehmann.estimate,
          c.hodges_lehmann.ci_low,
          c.hodges_lehmann.ci_high,
          c.hodges_lehmann.ci_coverage,
          c.wilcoxon.statistic,
          c.wilcoxon.p_greater,
          c.wilcoxon.p_less};
}

void write_float64_attribute(hid_t object, const char* name, double value) {
  h5::Handle space = h5::dataspace_handle(H5Screate(H5S_SCALAR), "create", "a scalar dataspace");
  h5::Handle attribute = h5::attribute_handle(
      H5Acreate2(object, name, H5T_IEEE_F64LE, space.id(), H5P_DEFAULT, H5P_DEFAULT), "create",
      fmt::format("attribute {}", name));
  h5::check(H5Awrite(attribute.id(), H5T_NATIVE_DOUBLE, &value), "write",
            fmt::format("attribute {}", name));
}

double read_float64_attribute(hid_t object, const char* name) {
  h5::Handle attribute = h5::attribute_handle(H5Aopen(object, name, H5P_DEFAULT), "open",
                                              fmt::format("attribute {}", name));
  double value = 0;
  h5::check(H5Aread(attribute.id(), H5T_NATIVE_DOUBLE, &value), "read",
            fmt::format("attribute {}", name));
  return value;
}

nlohmann::ordered_json number(double v) {
  return std::isnan(v) ? nlohmann::ordered_json() : nlohmann::ordered_json(v);
}

std::int32_t week_value(const std::optional<std::int32_t>& week, std::int32_t steps) {
  return week.value_or(steps + 1);
}

constexpr const char* kDescription =
    "Paired comparison of arm 1 with arm 0 (/manifest/arm_names), replication by replication on "
    "common random numbers; differences are arm 1 - arm 0. Per summary metric a group "
    "/comparison/<metric> with: mean_arm0, mean_arm1 (means over the pairs in which both runs "
    "finished), mean_difference, hodges_lehmann (median of the Walsh averages of all paired "
    "differences, zeros included), ci_low and ci_high (its 95% interval from the signed-rank "
    "distribution: exact for n_pairs <= 50, normal above; ci_coverage its actual coverage), "
    "statistic (Wilcoxon T+: sum of the ranks of the positive differences, zeros dropped, midranks "
    "for ties), p_greater and p_less (one-sided Wilcoxon signed-rank p for arm 1 higher and for "
    "arm 1 lower; exact over every sign assignment for n_nonzero <= 50, normal approximation "
    "with the tie correction above; both 1 without a non-zero difference). parting_week: the "
    "first week from which the one-sided Wilcoxon p of the paired realisation differences stays "
    "below 0.05 in one direction at every week to the end; crossing_week: the last week at which "
    "the difference of the mean realisation curves changes sign; week_never (steps + 1) when "
    "there is none.";

}  // namespace

void write_comparison(std::int64_t file_id, const comparison::ArmComparison& c,
                      const std::vector<std::string>& arm_names) {
  const auto file = static_cast<hid_t>(file_id);
  h5::Handle group = h5::create_group(file, "comparison", /*track_order=*/true);
  const hid_t g = group.id();
  h5::write_string_attribute(g, "description", kDescription);
  h5::write_string_attribute(
      g, "difference", fmt::format("arm 1 - arm 0 ({} - {})", arm_names.at(1), arm_names.at(0)));
  h5::write_int64_attribute(g, "replications", c.replications);
  h5::write_int64_attribute(g, "n_pairs", c.n_pairs);
  write_float64_attribute(g, "confidence", comparison::kConfidence);
  write_float64_attribute(g, "parting_p", comparison::kParting);
  h5::write_int32_attribute(g, "parting_week", week_value(c.parting_week, c.steps));
  h5::write_int32_attribute(g, "crossing_week", week_value(c.crossing_week, c.steps));
  h5::write_int32_attribute(g, "week_never", c.steps + 1);
  h5::write_string_attribute(g, "week_units", "week");
  for (int m = 0; m < record::kMetricCount; ++m) {
    const record::MetricDecl& decl = record::kMetrics[static_cast<std::size_t>(m)];
    const comparison::PairedComparison& pc = c.metrics.at(static_cast<std::size_t>(m));
    h5::Handle metric = h5::create_group(g, std::string(decl.name), /*track_order=*/true);
    h5::write_string_attribute(metric.id(), "units", decl.unit);
    h5::write_string_attribute(
        metric.id(), "description",
        fmt::format("{} (summary: {}); units of the means, differences and interval: units; "
                    "statistic: ranks; p_greater, p_less, ci_coverage: 1",
                    decl.description, record::summary_description(decl.summary)));
    const std::vector<double> values = numbers_of(pc);
    for (std::size_t i = 0; i < values.size(); ++i)
      write_float64_attribute(metric.id(), std::string(kNumbers[i]).c_str(), values[i]);
    h5::write_int64_attribute(metric.id(), "n_pairs", pc.n_pairs);
    h5::write_int64_attribute(metric.id(), "n_nonzero", pc.wilcoxon.n_nonzero);
    h5::write_int32_attribute(metric.id(), "ci_exact", pc.hodges_lehmann.exact ? 1 : 0);
    h5::write_int32_attribute(metric.id(), "p_exact", pc.wilcoxon.exact ? 1 : 0);
  }
}

nlohmann::ordered_json comparison_json(const comparison::ArmComparison& c,
                                       const std::vector<std::string>& arm_names) {
  nlohmann::ordered_json j;
  j["arm_names"] = arm_names;
  j["difference"] = fmt::format("arm 1 - arm 0 ({} - {})", arm_names.at(1), arm_names.at(0));
  j["replications"] = c.replications;
  j["n_pairs"] = c.n_pairs;
  j["confidence"] = comparison::kConfidence;
  j["parting_p"] = comparison::kParting;
  j["parting_week"] = week_value(c.parting_week, c.steps);
  j["crossing_week"] = week_value(c.crossing_week, c.steps);
  j["week_never"] = c.steps + 1;
  nlohmann::ordered_json metrics = nlohmann::ordered_json::object();
  for (int m = 0; m < record::kMetricCount; ++m) {
    const record::MetricDecl& decl = record::kMetrics[static_cast<std::size_t>(m)];
    const comparison::PairedComparison& pc = c.metrics.at(static_cast<std::size_t>(m));
    nlohmann::ordered_json entry;
    entry["units"] = decl.unit;
    const std::vector<double> values = numbers_of(pc);
    for (std::size_t i = 0; i < values.size(); ++i)
      entry[std::string(kNumbers[i])] = number(values[i]);
    entry["n_pairs"] = pc.n_pairs;
    entry["n_nonzero"] = pc.wilcoxon.n_nonzero;
    entry["ci_exact"] = pc.hodges_lehmann.exact;
    entry["p_exact"] = pc.wilcoxon.exact;
    metrics[std::string(decl.name)] = entry;
  }
  j["metrics"] = metrics;
  return j;
}

nlohmann::ordered_json read_comparison_json(const std::filesystem::path& path) {
  check_hdf5_file(path);
  h5::silence_errors();
  try {
    h5::Handle file =
        h5::file_handle(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), "open", "the file");
    if (!h5::link_exists(file.id(), "comparison"))
      throw UnreadableFile(
          fmt::format("{}: no /comparison (not written by regiesim compare)", path.string()));
    nlohmann::ordered_json j;
    {
      h5::Handle manifest = h5::open_group(file.id(), "manifest");
      h5::Handle names = h5::open_dataset(manifest.id(), "arm_names");
      j["arm_names"] = h5::read_strings(names.id());
    }
    h5::Handle group = h5::open_group(file.id(), "comparison");
    const hid_t g = group.id();
    j["difference"] = h5::read_string_attribute(g, "difference");
    j["replications"] = h5::read_int64_attribute(g, "replications");
    j["n_pairs"] = h5::read_int64_attribute(g, "n_pairs");
    j["confidence"] = read_float64_attribute(g, "confidence");
    j["parting_p"] = read_float64_attribute(g, "parting_p");
    for (const char* week : {"parting_week", "crossing_week", "week_never"})
      j[week] = h5::read_int64_attribute(g, week);
    nlohmann::ordered_json metrics = nlohmann::ordered_json::object();
    for (const std::string& name : h5::member_names(g)) {
      h5::Handle metric = h5::open_group(g, name);
      nlohmann::ordered_json entry;
      entry["units"] = h5::read_string_attribute(metric.id(), "units");
      for (std::string_view key : kNumbers)
        entry[std::string(key)] =
            number(read_float64_attribute(metric.id(), std::string(key).c_str()));
      entry["n_pairs"] = h5::read_int64_attribute(metric.id(), "n_pairs");
      entry["n_nonzero"] = h5::read_int64_attribute(metric.id(), "n_nonzero");
      entry["ci_exact"] = h5::read_int64_attribute(metric.id(), "ci_exact") != 0;
      entry["p_exact"] = h5::read_int64_attribute(metric.id(), "p_exact") != 0;
      metrics[name] = entry;
    }
    j["metrics"] = metrics;
    return j;
  } catch (const h5::Failure& e) {
    throw UnreadableFile(fmt::format("{}: {}", path.string(), e.what()));
  }
}

}  // namespace regiesim::io
