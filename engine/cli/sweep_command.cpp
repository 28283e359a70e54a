// regiesim sweep SWEEP.toml [-o FILE.h5] [-j N] [--force] [--precision METRIC=HALFWIDTH]
//                           [--max-replications N] [--design-only]
// Runs every (design point, replication) of a sweep file (docs/sweeps.md) on the thread pool and
// streams the runs in run-id order into one results file with the design in /design (design
// decisions 1 and 11, docs/design.md). Runs are numbered by design::RunPlanList, and replication r
// has the same seed at every point (common random numbers). A run that fails is recorded as failed
// with its reason; the sweep goes on. Points' scenarios are made when a thread first runs one of
// their runs, so memory stays flat in the number of points (issue 16). Under mpirun the same
// command spreads the runs over the ranks, rank 0 writing (cli/mpi_ranks.hpp).
#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <csignal>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "cli/command.hpp"
#include "cli/mpi_ranks.hpp"
#include "cli/process_facts.hpp"
#include "cli/progress.hpp"
#include "cli/run_output.hpp"
#include "cli/sweep_journal.hpp"
#include "cli/sweep_options.hpp"
#include "cli/sweep_point_runs.hpp"
#include "cli/sweep_report.hpp"
#include "cli/version_info.hpp"
#include "design/design.hpp"
#include "design/parameter_scale.hpp"
#include "design/point_scenario.hpp"
#include "design/precision_rule.hpp"
#include "design/run_plan_list.hpp"
#include "io/results_writer.hpp"
#include "io/sweep_file.hpp"
#include "network/network.hpp"
#include "record/metrics.hpp"
#include "sim/run.hpp"
#include "sweep/executor.hpp"
#include "sweep/guarded_run.hpp"
#include "sweep/run_journal.hpp"

namespace regiesim::cli {

namespace {

namespace fs = std::filesystem;

// --precision's cap on a point's replications by default, in blocks.
constexpr std::int64_t kBlocksByDefault = 10;

fs::path output_path(const SweepOptions& options) {
  return options.output.empty()
             ? fs::path("results") / (fs::path(options.sweep_file).stem().string() + ".h5")
             : fs::path(options.output);
}

// --resume on a sweep whose file is written and whose journal is gone: it finished, and there is
// nothing to resume (exit 0, not "exists; add --force").
class SweepComplete : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

void check_not_complete(const SweepOptions& options) {
  if (!options.resume || options.force) return;
  const fs::path output = output_path(options);
  if (fs::exists(output) && !fs::exists(sweep::journal_path(output)))
    throw SweepComplete(fmt::format(
        "{} is complete: the sweep finished and left no journal, so there is nothing to resume "
        "(--force starts it over)",
        output.string()));
}

// The output file, checked and its directory made as `run` does it.
fs::path checked_output(const SweepOptions& options) {
  const fs::path output = output_path(options);
  cli::prepare_output(output, options.force);
  return output;
}

constexpr int kExitInterrupted = 130;  // 128 + SIGINT, as shells report it

// Set by SIGINT or SIGTERM while a sweep runs; the consumer then stops the sweep cleanly.
volatile std::sig_atomic_t g_interrupted = 0;

extern "C" void on_interrupt(int) {
  g_interrupted = 1;
}

class Interrupted : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// SIGINT and SIGTERM stop the sweep after the run being consumed, keeping every finished run in
// the journal; the previous handlers are restored afterwards.
class InterruptHandlers {
 public:
  InterruptHandlers() {
    g_interrupted = 0;
    previous_int_ = std::signal(SIGINT, on_interrupt);
    previous_term_ = std::signal(SIGTERM, on_interrupt);
  }
  ~InterruptHandlers() {
    std::signal(SIGINT, previous_int_);
    std::signal(SIGTERM, previous_term_);
  }
  InterruptHandlers(const InterruptHandlers&) = delete;
  InterruptHandlers& operator=(const InterruptHandlers&) = delete;

 private:
  void (*previous_int_)(int) = SIG_DFL;
  void (*previous_term_)(int) = SIG_DFL;
};

// What every rank of a sweep builds alike from the sweep file and the options: the validated
// sweep, the design, its points, their networks and the numbering of the runs.
struct SweepSetup {
  design::SweepSpec spec;
  std::optional<design::PrecisionTarget> precision;
  std::int64_t block = 0;
  std::int64_t stride = 0;  // most replications of a point: the id stride
  design::Design d;
  std::optional<design::SweepPoints> points;
  PointNetworks networks;
  std::uint64_t serial = 0;
  std::optional<design::RunPlanList> plans;

  explicit SweepSetup(const SweepOptions& options)
      : spec((check_not_complete(options),
              io::read_sweep_file(options.sweep_file, options.overrides))) {
    block = spec.replications;
    stride = spec.replications;
    if (!options.precision.empty()) {
      precision = design::parse_precision(options.precision, "command line: --precision");
      if (spec.design.kind == design::DesignKind::saltelli ||
          spec.design.kind == design::DesignKind::morris)
        throw UsageError(fmt::format(
            "--precision is refused with a {} design: its estimators need the same replications "
            "at every point (design decision 11); use a grid or a Latin hypercube",
            design::design_kind_name(spec.design.kind)));
      if (block < 2)
        throw UsageError(
            "--precision adds replications in blocks of the sweep's `replications`, which must "
            "be at least 2");
      stride = options.max_replications > 0 ? options.max_replications : kBlocksByDefault * block;
      if (stride < block)
        throw UsageError(
            fmt::format("--max-replications {} is less than one block ({})", stride, block));
    } else if (options.max_replications > 0) {
      throw UsageError("--max-replications needs --precision");
    }
    d = design::make_design(spec);
    points.emplace(spec, d);
    networks = make_networks(spec, *points);
    serial = next_sweep_serial();
    plans.emplace(design::RunNumbering{d.size(), 1, stride}, spec.seed);
  }
  SweepSetup(const SweepSetup&) = delete;
  SweepSetup& operator=(const SweepSetup&) = delete;

  // The run with this id, on whichever thread or rank.
  record::RunRecord run(std::int64_t id) const {
    return run_one(spec, *points, networks, serial, (*plans)[id]);
  }
};

// A rank other than 0 that could not set the sweep up says why only when rank 0 could: else rank 0
// says it (they read the same files), and reports the exit status.
void report_rank_failure(int rank, const std::exception_ptr& failure) {
  try {
    std::rethrow_exception(failure);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "regiesim: rank %d: error: %s\n", rank, e.what());
  } catch (...) {
    std::fprintf(stderr, "regiesim: rank %d: error\n", rank);
  }
}

int sweep(const SweepOptions& options) {
  const auto start = std::chrono::steady_clock::now();
  // Under mpirun (and only then) this process is one rank of the sweep (mpi_ranks.hpp).
  std::optional<MpiRanks> mpi;
  if (launched_by_mpirun()) mpi.emplace();
  // Threads per process: all cores alone; under MPI one per rank unless -j says otherwise, as
  // MPI jobs usually start one rank per core.
  const int threads = options.threads > 0 ? options.threads : (mpi ? 1 : sweep::available_cores());

  std::unique_ptr<SweepSetup> setup;
  if (!mpi) {
    try {
      setup = std::make_unique<SweepSetup>(options);
    } catch (const SweepComplete& complete) {
      fmt::print("{}\n", complete.what());
      return 0;
    }
  } else {
    std::exception_ptr failure;
    try {
      setup = std::make_unique<SweepSetup>(options);
    } catch (...) {
      failure = std::current_exception();
    }
    const MpiRanks::Agreement ready = mpi->all_ok(failure == nullptr);
    if (mpi->rank() != 0) {
      // Exit 0 even then: mpirun ends the job at the first rank that exits otherwise, which
      // could cut rank 0 short before it says why.
      if (!ready.all) {
        if (failure && ready.rank_zero) report_rank_failure(mpi->rank(), failure);
        return 0;
      }
      mpi->serve(threads, [&](std::int64_t id) { return setup->run(id); });
      return 0;
    }
    if (failure) {
      try {
        std::rethrow_exception(failure);
      } catch (const SweepComplete& complete) {
        fmt::print("{}\n", complete.what());
        return 0;
      }
    }
    if (!ready.all)
      throw std::runtime_error("another rank could not set the sweep up (see its message)");
  }
  const design::SweepSpec& spec = setup->spec;
  const std::optional<design::PrecisionTarget>& precision = setup->precision;
  const std::int64_t block = setup->block;
  const std::int64_t stride = setup->stride;
  const design::Design& d = setup->d;
  const design::SweepPoints& points = *setup->points;
  const PointNetworks& networks = setup->networks;
  const design::RunPlanList& plans = *setup->plans;
  const std::string main_metric = precision ? precision->metric : "realisation";
  const fs::path output = checked_output(options);

  Journal journal;
  journal.path = sweep::journal_path(output);
  io::ResultsWriter writer(
      output,
      io::FileScenarios{
          .scenarios = {&points.base(), 1}, .points = &points, .expected_runs = plans.size()},
      networks.shared,
      {.regiesim_version = std::string(regiesim_version()),
       .git_commit = std::string(git_commit()),
       .master_seed = spec.seed,
       .replications = spec.replications},
      {.command_line = command_line(),
       .created = utc_now(),
       .host = host_name(),
       .threads = threads,
       .ranks = mpi ? mpi->size() : 1});
  writer.write_design(spec, d);
  if (!options.design_only) {
    open_journal(options, spec, points, stride, precision, writer.run_columns(), journal);
    // The journal keeps the large columns' chunks as the file receives them (run_journal.hpp).
    writer.set_chunk_sink(
        [&journal](std::uint32_t column, std::uint64_t chunk, std::span<const std::byte> bytes) {
          journal.writer->append_chunk(column, chunk, bytes);
        });
  }

  const auto& base = spec.base.parameters;
  fmt::print(
      "Sweep \"{}\": {} design, {} points x {} replications{} on \"{}\" ({} weeks, seed "
      "{})\n",
      spec.name, design::design_kind_name(spec.design.kind), d.size(), spec.replications,
      precision ? fmt::format(" per block (up to {})", stride) : "", spec.base.name, base.steps,
      spec.seed);

  std::fflush(stdout);  // before the progress on stderr

  if (options.design_only) {
    writer.commit(options.force);
    fmt::print(
        "design only: wrote {} ({} points, no runs) in {}\n", output.string(), d.size(),
        format_duration(
            std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count()));
    return 0;
  }

  const sweep::ExecutorOptions executor{
      .threads = threads, .between_runs = [&writer] { return writer.compress_pending_chunk(); }};
  std::vector<PointReport> reports;
  reports.reserve(static_cast<std::size_t>(d.size()));
  PointCollector collector;
  collector.metric = metric_index(main_metric);
  std::int64_t done = 0;
  std::int64_t failed = 0;
  std::int64_t replayed = 0;

  // Runs `count` runs (run_of(0), run_of(1), ... in ascending id order) and hands each record to
  // `consume` in that order: first those the journal of an interrupted sweep holds, then the
  // rest on the pool, each journalled before it is consumed.
  const auto execute = [&](std::int64_t count,
                           const std::function<design::SweepRun(std::int64_t)>& run_of,
                           const std::function<void(record::RunRecord &&)>& consume) {
    std::int64_t first = 0;
    for (; first < count && journal.replay; ++first) {
      std::optional<record::RunRecord> record = journal.replay->next();
      if (!record) {
        journal.replay.reset();
        break;
      }
      if (record->run_id != run_of(first).id)
        throw sweep::JournalError(fmt::format(
            "{}: holds run {} where this sweep has run {}: the journal is damaged; start over "
            "with --force",
            journal.path.string(), record->run_id, run_of(first).id));
      ++replayed;
      // Into the new journal too, which replaces the old one once it holds as much.
      journal.writer->append(*record);
      consume(std::move(*record));
      replace_old_journal(journal);
    }
    if (first == count) return;
    const auto finished = [&](std::int64_t, record::RunRecord&& record) {
      journal.writer->append(record);
      consume(std::move(record));
      replace_old_journal(journal);
      if (g_interrupted != 0) throw Interrupted("interrupted");
    };
    if (mpi)
      mpi->run_in_order(
          count - first, [&](std::int64_t i) { return run_of(first + i).id; }, executor,
          [&](std::int64_t id) { return setup->run(id); }, finished);
    else
      sweep::run_in_order(
          count - first, executor, [&](std::int64_t i) { return setup->run(run_of(first + i).id); },
          finished);
  };

  const InterruptHandlers handlers;
  try {
    if (!precision) {
      // Every run planned up front: one pass over the ids, the pool balancing dynamically.
      Progress progress("sweep", plans.size());
      std::int64_t current_point = 0;
      execute(
          plans.size(), [&](std::int64_t k) { return plans[k]; },
          [&](record::RunRecord&& record) {
            writer.append(record);
            if (record.point != current_point) {
              reports.push_back(collector.finish());
              current_point = record.point;
            }
            collector.add(record);
            if (record.status != record::RunStatus::ok) ++failed;
            progress.update(++done);
          });
      reports.push_back(collector.finish());
      progress.finish();
    } else {
      // Point by point, block by block: a point's runs are written before the next point's, so
      // the ids still arrive in ascending order, and the decision after each block looks only at
      // that point's values in replication order (design::decide_precision), whatever -j is.
      Progress progress("sweep", d.size() * block);
      for (std::int64_t p = 0; p < d.size(); ++p) {
        std::int64_t replications = 0;
        PointReport report;
        std::vector<double> values;
        for (;;) {
          bool block_failed = false;
          execute(
              block, [&](std::int64_t k) { return plans.run(p, 0, replications + k); },
              [&](record::RunRecord&& record) {
                writer.append(record);
                report.runs += 1;
                const double v = record.status == record::RunStatus::ok
                                     ? record.summary[static_cast<std::size_t>(collector.metric)]
                                     : NAN;
                if (std::isfinite(v)) {
                  values.push_back(v);
                } else {
                  report.failed += 1;
                  block_failed = true;
                }
                if (record.status != record::RunStatus::ok) ++failed;
                progress.update(++done);
              });
          replications += block;
          if (block_failed) {
            // A failed run leaves a hole in replication order: the point stops here, reported.
            report.verdict = design::PrecisionVerdict::more;
            report.interval = design::mean_interval(values);
            break;
          }
          const design::PrecisionDecision decision =
              design::decide_precision(values, block, precision->half_width, stride);
          report.interval = decision.interval;
          if (decision.verdict != design::PrecisionVerdict::more) {
            report.verdict = decision.verdict;
            break;
          }
          progress.set_total(progress.total() + block);
        }
        reports.push_back(report);
      }
      progress.finish();
    }
  } catch (const Interrupted&) {
    // The finished runs are in the journal once it is flushed, whole once their series chunks
    // are too; the partial HDF5 file is removed with the writer, and --resume rebuilds it from
    // the journal and runs the rest again.
    const std::int64_t kept = keep_journal(journal);
    std::fprintf(stderr,
                 "\nregiesim: interrupted after %lld runs; %lld of them are kept whole in %s (the "
                 "others are run again). Run the same command with --resume to finish the sweep.\n",
                 static_cast<long long>(done), static_cast<long long>(kept), journal.path.c_str());
    return kExitInterrupted;
  }
  // The last chunks are written as the file closes: the file is whole then, the journal not needed.
  writer.set_chunk_sink({});
  if (journal.writer) journal.writer->flush();

  writer.commit(options.force);
  remove_journal(journal);  // the file is complete: the journal has served
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (replayed > 0)
    fmt::print("resumed: {} runs from the journal, {} run now\n", replayed, done - replayed);
  if (failed > 0) fmt::print("FAILED runs: {} (see status and failure_reason in /runs)\n", failed);
  print_point_reports(spec, d, reports, main_metric);
  fmt::print("\nwrote {}: {} runs in {} ({:.1f} runs/s, {} threads)\n", output.string(), done,
             format_duration(seconds), static_cast<double>(done) / seconds, threads);
  return 0;
}

}  // namespace

void register_sweep(CLI::App& app, Action& action) {
  auto options = std::make_shared<SweepOptions>();
  CLI::App* cmd = app.add_subcommand(
      "sweep",
      "Run a sweep file's design points and replications and write them to one HDF5 file (under "
      "mpirun: over all ranks, rank 0 writing)");
  cmd->add_option("sweep", options->sweep_file, "Sweep file (TOML, see docs/sweeps.md)")
      ->required();
  cmd->add_option("-o,--output", options->output,
                  "Output file (default: results/<sweep file's name>.h5)");
  cmd->add_option("-j,--jobs", options->threads, "Threads (default 0: all cores)")
      ->check(CLI::Range(0, 1024));
  cmd->add_flag("--force", options->force, "Overwrite the output file if it exists");
  cmd->add_option("--set", options->overrides,
                  "Set a value of the base scenario for the whole sweep, after the file's [base] "
                  "table, e.g. --set record.level=summary (repeatable)")
      ->allow_extra_args(false);
  cmd->add_option("--precision", options->precision,
                  "METRIC=HALFWIDTH: add blocks of replications to each point until the 95% "
                  "interval of the metric's mean is that narrow (grid and latin_hypercube only)");
  cmd->add_option("--max-replications", options->max_replications,
                  "With --precision: the most replications of a point (default 10 blocks)")
      ->check(CLI::Range(std::int64_t{2}, std::int64_t{1000000}));
  cmd->add_flag("--resume", options->resume,
                "Finish an interrupted sweep from its journal (FILE.h5.journal)");
  cmd->add_flag("--design-only", options->design_only,
                "Write /design, /parameters and /manifest without running the model");
  cmd->callback([&action, options] { action = [options] { return sweep(*options); }; });
}

}  // namespace regiesim::cli
