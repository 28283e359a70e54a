#include "cli/run_output.hpp"

#include <fmt/format.h>

#include <optional>

#include "cli/command.hpp"
#include "cli/interrupt.hpp"
#include "cli/progress.hpp"
#include "sweep/executor.hpp"
#include "sweep/tbb_chunk_executor.hpp"

namespace regiesim::cli {

namespace fs = std::filesystem;

void prepare_output(const fs::path& output, bool force) {
  if (fs::is_directory(output))
    throw UsageError(
        fmt::format("{}: is a directory; -o expects a file name ending in .h5", output.string()));
  if (!force && fs::exists(output))
    throw UsageError(fmt::format("{} exists; add --force to overwrite it, or choose another -o",
                                 output.string()));
  if (output.has_parent_path()) {
    std::error_code ec;
    fs::create_directories(output.parent_path(), ec);
    if (ec)
      throw io::OutputError(fmt::format("cannot create the directory {}: {}",
                                        output.parent_path().string(), ec.message()));
  }
}

void check_partial_file(const fs::path& output, bool force) {
  const fs::path partial = output.string() + ".partial";
  if (fs::exists(partial) && !force)
    throw UsageError(fmt::format(
        "{} is left from an interrupted run (no regiesim is writing it); add --force to replace "
        "it, or remove it",
        partial.string()));
}

void run_plans(std::span<const sim::RunPlan> plans,
               const std::function<const scenario::ScenarioSpec&(const sim::RunPlan&)>& scenario_of,
               const network::Network& network, int threads, io::ResultsWriter& writer,
               const std::function<void(const record::RunRecord&)>& seen, int threads_per_run) {
  const auto run_count = static_cast<std::int64_t>(plans.size());
  // Threads inside runs: each of up to `threads` concurrent runs gets its own threads_per_run.
  std::optional<sweep::TbbThreadAllowance> allowance;
  if (threads_per_run > 1) allowance.emplace(threads * threads_per_run);
  Progress progress("run", run_count);
  sweep::run_in_order(
      run_count,
      {.threads = threads, .between_runs = [&writer] { return writer.compress_pending_chunk(); }},
      [&](std::int64_t index) {
        InterruptGuard::check();
        const sim::RunPlan& plan = plans[static_cast<std::size_t>(index)];
        const scenario::ScenarioSpec& spec = scenario_of(plan);
        // A population or network drawn per replication: the run's own, from its run seed, so a
        // run redone alone (--replication, --from) has the same ones.
        if (threads_per_run <= 1) return sim::run_drawn_replication(spec, network, plan);
        // An arena of its own per run, so that concurrent replications do not share threads.
        const sweep::TbbChunkExecutor executor(threads_per_run);
        return sim::run_drawn_replication(spec, network, plan, executor);
      },
      [&](std::int64_t index, record::RunRecord&& record) {
        InterruptGuard::check();
        writer.append(record);
        seen(record);
        progress.update(index + 1);
      });
  progress.finish();
  InterruptGuard::check();
}

}  // namespace regiesim::cli
