#include "cli/sweep_journal.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <string>
#include <vector>

#include "cli/command.hpp"
#include "cli/version_info.hpp"
#include "io/results_writer.hpp"
#include "scenario/load_scenario.hpp"

namespace regiesim::cli {

namespace {

namespace fs = std::filesystem;

// What the runs of the sweep depend on: the build, the sweep file, every point's scenario as
// run, the seed and the numbering, and --precision. A journal carries it; --resume checks it.
std::uint64_t manifest_hash(const design::SweepSpec& spec, const design::SweepPoints& points,
                            std::int64_t stride,
                            const std::optional<design::PrecisionTarget>& precision) {
  sweep::ManifestHash hash;
  hash.add(regiesim_version());
  hash.add(git_commit());
  hash.add(spec.source_text);
  hash.add(fmt::format("seed {} replications {} stride {}", spec.seed, spec.replications, stride));
  hash.add(precision ? fmt::format("precision {}={}", precision->metric, precision->half_width)
                     : "no precision");
  // Every point's scenario is the base with the point's assignments.
  hash.add(scenario::resolved_toml(points.base()));
  for (std::int64_t p = 0; p < points.size(); ++p)
    for (const std::string& a : points.assignments(p)) hash.add(a);
  return hash.value();
}

// The --set assignments an interrupted sweep ran with, one per line beside its journal, so that
// --resume with other ones names the first that differs (the journal's hash only says that
// something does).
fs::path overrides_path(const fs::path& journal) {
  return fs::path(journal.string() + ".set");
}

void check_same_overrides(const SweepOptions& options, const fs::path& journal) {
  std::ifstream in(overrides_path(journal));
  if (!in) return;
  std::vector<std::string> before;
  for (std::string line; std::getline(in, line);) before.push_back(line);
  const auto key = [](const std::string& assignment) {
    return assignment.substr(0, assignment.find('='));
  };
  const std::size_t n = std::max(before.size(), options.overrides.size());
  for (std::size_t k = 0; k < n; ++k) {
    const std::string was = k < before.size() ? before[k] : std::string();
    const std::string now = k < options.overrides.size() ? options.overrides[k] : std::string();
    if (was == now) continue;
    throw UsageError(fmt::format(
        "--resume refused: --set #{} differs from the interrupted sweep's ({}: was '{}', now "
        "'{}'); resume with the same --set assignments, or --force to start over",
        k + 1, key(was.empty() ? now : was), was.empty() ? "(none)" : was,
        now.empty() ? "(none)" : now));
  }
}

void write_overrides(const SweepOptions& options, const fs::path& journal) {
  std::ofstream out(overrides_path(journal), std::ios::trunc);
  for (const auto& assignment : options.overrides) out << assignment << '\n';
  if (!out) throw io::OutputError(fmt::format("cannot write {}", overrides_path(journal).string()));
}

}  // namespace

void open_journal(const SweepOptions& options, const design::SweepSpec& spec,
                  const design::SweepPoints& points, std::int64_t stride,
                  const std::optional<design::PrecisionTarget>& precision,
                  const io::RunColumns& columns, Journal& journal) {
  const std::uint64_t hash = manifest_hash(spec, points, stride, precision);
  if (options.resume) {
    if (!fs::exists(journal.path))
      throw UsageError(fmt::format("--resume: there is no journal {} of an interrupted sweep",
                                   journal.path.string()));
    check_same_overrides(options, journal.path);
    try {
      journal.replay.emplace(journal.path, hash);
    } catch (const sweep::JournalError& e) {
      throw UsageError(fmt::format("--resume refused: {}", e.what()));
    }
    journal.replace_at = journal.replay->whole_runs();
    journal.writer.emplace(
        sweep::JournalWriter::create(sweep::new_journal_path(journal.path), hash, columns));
    replace_old_journal(journal);
    return;
  }
  if (fs::exists(journal.path) && !options.force)
    throw UsageError(fmt::format(
        "{} holds the finished runs of an interrupted sweep: add --resume to finish it, or "
        "--force to start over",
        journal.path.string()));
  write_overrides(options, journal.path);
  journal.writer.emplace(sweep::JournalWriter::create(journal.path, hash, columns));
}

void replace_old_journal(Journal& journal) {
  if (journal.replace_at < 0 || journal.writer->whole_runs() < journal.replace_at) return;
  journal.writer->flush();
  std::error_code ec;
  fs::rename(sweep::new_journal_path(journal.path), journal.path, ec);
  if (ec)
    throw sweep::JournalError(fmt::format("{}: cannot put the resumed journal in its place: {}",
                                          journal.path.string(), ec.message()));
  journal.replace_at = -1;
}

void remove_journal(const Journal& journal) {
  std::error_code ignored;
  fs::remove(journal.path, ignored);
  fs::remove(sweep::new_journal_path(journal.path), ignored);
  fs::remove(overrides_path(journal.path), ignored);
}

std::int64_t keep_journal(Journal& journal) {
  if (!journal.writer) return 0;
  journal.writer->flush();
  replace_old_journal(journal);
  if (journal.replace_at >= 0) {
    journal.writer.reset();
    std::error_code ignored;
    fs::remove(sweep::new_journal_path(journal.path), ignored);
    return journal.replace_at;
  }
  return journal.writer->whole_runs();
}

}  // namespace regiesim::cli
