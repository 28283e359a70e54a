#pragma once
// What `run` and `compare` share: the checks of an output path before any work, and running a
// list of plans on all cores into one results file in run-id order.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <span>
#include <string>

#include "io/results_writer.hpp"
#include "network/network.hpp"
#include "scenario/scenario_spec.hpp"
#include "sim/run.hpp"

namespace regiesim::cli {

// Before any work: `output` is not a directory and, without --force, does not exist (UsageError,
// exit 2); its directory is created (io::OutputError, exit 1, if it cannot be).
void prepare_output(const std::filesystem::path& output, bool force);

// Under the output's lock: a `<output>.partial` left by an interrupted run is replaced only with
// --force (UsageError otherwise).
void check_partial_file(const std::filesystem::path& output, bool force);

// Runs `plans` on `threads` threads and appends their records to `writer` in plan order (the
// plans are in ascending run id), then hands each record to `seen`. A plan's scenario is
// `scenario_of(plan)`; the network is `network`, or with network.per_replication the run's own
// from its run seed, so that a run redone alone (run --replication, --from) draws the same ties.
// Ctrl-C and SIGTERM stop it between runs (InterruptGuard); progress goes to stderr. Each run
// uses `threads_per_run` threads inside it (sweep::TbbChunkExecutor; 1: none), so up to
// threads x threads_per_run in all; the records are the same with any number.
void run_plans(std::span<const sim::RunPlan> plans,
               const std::function<const scenario::ScenarioSpec&(const sim::RunPlan&)>& scenario_of,
               const network::Network& network, int threads, io::ResultsWriter& writer,
               const std::function<void(const record::RunRecord&)>& seen, int threads_per_run = 1);

}  // namespace regiesim::cli
