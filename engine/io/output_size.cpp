#include "io/output_size.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <limits>
#include <system_error>

#include "network/network.hpp"
#include "record/events.hpp"
#include "record/metrics.hpp"
#include "scenario/input_error.hpp"

namespace regiesim::io {

namespace {

namespace fs = std::filesystem;

// Deflate cannot shrink data by more than about 1032:1 (RFC 1951: a 258-byte match costs at
// least two bits), so a compressed size below bytes / 1032 is impossible.
constexpr std::uint64_t kBestDeflateRatio = 1032;
// Network, scenario text, manifest, attributes and HDF5's own structures: generous, so that a
// tiny run is never refused on a nearly full disk for want of a few kilobytes of estimate.
constexpr std::uint64_t kFixedBytes = 1u << 20;
constexpr std::uint64_t kRunRowBytes = 64;  // one /runs row, without a failure reason
constexpr std::uint64_t kDouble = sizeof(double);

// a * b, saturating: a scenario's product may exceed 2^64 bytes only in absurd cases, which
// then read as "cannot fit" rather than wrapping to a small number.
std::uint64_t times(std::uint64_t a, std::uint64_t b) {
  if (a != 0 && b > std::numeric_limits<std::uint64_t>::max() / a)
    return std::numeric_limits<std::uint64_t>::max();
  return a * b;
}
std::uint64_t plus(std::uint64_t a, std::uint64_t b) {
  return b > std::numeric_limits<std::uint64_t>::max() - a
             ? std::numeric_limits<std::uint64_t>::max()
             : a + b;
}

}  // namespace

OutputSize estimate_output_size(const scenario::ScenarioSpec& spec) {
  const auto& p = spec.parameters;
  const auto n = static_cast<std::uint64_t>(spec.partner_count());
  const auto steps = static_cast<std::uint64_t>(p.steps);
  const auto ties = static_cast<std::uint64_t>(network::expected_directed_ties(
      p, static_cast<std::int64_t>(n), static_cast<std::int64_t>(spec.network_ties.size())));
  const std::uint64_t samples = steps / static_cast<std::uint64_t>(p.record_agent_interval) + 2;

  const std::uint64_t plain = record::kMetricCount * kDouble + kRunRowBytes;
  std::uint64_t packed = 0;  // per run, before compression
  if (p.record_level >= model::RecordLevel::series) {
    packed += (steps + 1) * record::kMetricCount * kDouble;
    const std::uint64_t convenings =
        p.regisseur_convene_interval > 0
            ? steps / static_cast<std::uint64_t>(p.regisseur_convene_interval)
            : 0;
    packed += (convenings + n) * sizeof(record::Event);
  }
  if (p.record_level >= model::RecordLevel::agents)
    packed += samples * n * record::kAgentVariableCount * kDouble;
  if (p.record_level >= model::RecordLevel::full) packed += samples * ties * kDouble;

  const auto runs = static_cast<std::uint64_t>(p.replications);
  const std::uint64_t fixed = plus(kFixedBytes, times(ties, 3 * sizeof(std::int32_t)));
  OutputSize size;
  size.bytes = plus(fixed, times(runs, plain + packed));
  size.at_least = plus(fixed, plus(times(runs, plain), times(runs, packed) / kBestDeflateRatio));
  return size;
}

SpaceVerdict judge_space(const OutputSize& size, std::uint64_t free_bytes) {
  if (size.at_least > free_bytes) return SpaceVerdict::cannot_fit;
  if (size.bytes > free_bytes) return SpaceVerdict::may_not_fit;
  return SpaceVerdict::fits;
}

std::string format_bytes(std::uint64_t bytes) {
  static constexpr std::array<const char*, 7> kUnits{"bytes", "kB", "MB", "GB", "TB", "PB", "EB"};
  auto value = static_cast<double>(bytes);
  std::size_t unit = 0;
  while (value >= 1000.0 && unit + 1 < kUnits.size()) {
    value /= 1000.0;
    ++unit;
  }
  if (unit == 0) return fmt::format("{} bytes", bytes);
  return fmt::format("{:.1f} {}", value, kUnits[unit]);
}

void check_output_space(const scenario::ScenarioSpec& spec, const fs::path& output,
                        std::FILE* warnings) {
  // The nearest directory that exists: the output's own may be created later.
  fs::path dir = fs::absolute(output).parent_path();
  std::error_code error;
  while (!dir.empty() && !fs::exists(dir, error) && dir != dir.root_path()) dir = dir.parent_path();
  const fs::space_info space = fs::space(dir, error);
  if (error || space.available == static_cast<std::uintmax_t>(-1)) return;

  const OutputSize size = estimate_output_size(spec);
  const auto available = static_cast<std::uint64_t>(space.available);
  switch (judge_space(size, available)) {
    case SpaceVerdict::fits:
      return;
    case SpaceVerdict::cannot_fit:
      throw scenario::InputError(
          spec.source_label,
          fmt::format("the output would take at least {} ({} uncompressed; {} runs) but only {} "
                      "are free on {}: lower run.replications, run.steps or record.level, or "
                      "raise record.agent_interval",
                      format_bytes(size.at_least), format_bytes(size.bytes),
                      spec.parameters.replications, format_bytes(available), dir.string()));
    case SpaceVerdict::may_not_fit:
      if (warnings)
        std::fprintf(warnings,
                     "%s: warning: the output may take up to %s uncompressed and %s are free on "
                     "%s; it fits only if compression shrinks it enough\n",
                     spec.source_label.c_str(), format_bytes(size.bytes).c_str(),
                     format_bytes(available).c_str(), dir.string().c_str());
      return;
  }
}

}  // namespace regiesim::io
