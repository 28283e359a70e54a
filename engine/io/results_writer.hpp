#pragma once
// Writes a results file (HDF5 schema v2, docs/output.md): a set of runs of one or more scenarios
// (the arms of a comparison, the points of a sweep, or one scenario), streamed in run-id order
// into `<final>.partial`; commit() closes it and renames it to the final name, so a half-written
// file never carries the final name. A writer destroyed without commit() removes its partial
// file.
//
// Runs are buffered and written a chunk at a time (io/chunked_column.hpp): the cost of writing a
// run is a copy into the chunk buffers and, per full chunk, one compression and one HDF5 call.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <span>
#include <stdexcept>
#include <string>
#include <vector>

#include "design/design.hpp"
#include "design/point_scenario.hpp"
#include "design/sweep_spec.hpp"
#include "io/run_columns.hpp"
#include "network/network.hpp"
#include "record/run_record.hpp"
#include "scenario/scenario_spec.hpp"

namespace regiesim::io {

inline constexpr int kSchemaVersion = 2;

// Everything needed to redo any run alone (design decision 1: /manifest).
struct Manifest {
  std::string regiesim_version;
  std::string git_commit;
  std::uint64_t master_seed = 0;
  std::int64_t replications = 0;
};

// What differs between two invocations that must give equal results (design decision 1:
// /provenance).
struct Provenance {
  std::string command_line;
  std::string created;  // ISO 8601 UTC
  std::string host;
  int threads = 1;
  int ranks = 1;
};

// The scenarios of a file: point-major, `arms` per point, so a run of point p and arm a uses
// scenarios[p * arms + a]. They must agree on partners, steps and record level (compare refuses
// arms that do not).
//
// A sweep gives its points instead (`points`, one arm): its runs use points->scenario(p), made
// on demand, and `scenarios` holds points->base() alone. The file then keeps that base once and
// each point's assignments (docs/output.md), not one text per point.
struct FileScenarios {
  std::span<const scenario::ScenarioSpec> scenarios;
  std::int32_t arms = 1;
  const design::SweepPoints* points = nullptr;
  // A file that holds one run of another file (`run --from`) keeps that run's point and arm:
  // runs of point p and arm a use scenarios[(p - first_point) * arms + (a - first_arm)].
  std::int64_t first_point = 0;
  std::int32_t first_arm = 0;
  // How many runs the file is expected to hold, 0 if unknown. Only sizes the chunks of per-run
  // datasets: a file of one run then does not pad and compress 256 KiB chunks of fill per column.
  std::int64_t expected_runs = 0;
  // /manifest/arm_names, one per arm; empty: a one-arm file is named after its scenario (a run)
  // or its sweep, more arms "arm0", "arm1", ...
  std::vector<std::string> arm_names = {};
};

// Failure to write (disk full, permission denied, ...): the CLI reports it with the path and
// exits 1; earlier files are untouched.
class OutputError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Call first thing in a program that writes results files, before any other HDF5 call. A file
// whose writing failed (disk full) cannot be closed by HDF5; its exit handler then tries again
// and crashes (seen: SIGSEGV in H5F__close_cb after ENOSPC). Writers and readers close their
// files explicitly, so the process skips that handler and the OS reclaims what is left.
void skip_hdf5_exit_cleanup();

class ResultsWriter {
 public:
  // Throws OutputError if the partial file cannot be created.
  ResultsWriter(std::filesystem::path final_path, FileScenarios scenarios,
                const network::Network& network, const Manifest& manifest,
                const Provenance& provenance);
  // One scenario, one arm, one point.
  ResultsWriter(std::filesystem::path final_path, const scenario::ScenarioSpec& spec,
                const network::Network& network, const Manifest& manifest,
                const Provenance& provenance);
  ~ResultsWriter();
  ResultsWriter(const ResultsWriter&) = delete;
  ResultsWriter& operator=(const ResultsWriter&) = delete;

  // Appends the next run; runs must arrive in ascending run_id order.
  void append(const record::RunRecord& record);

  // Compresses one chunk that waits for it, if any, and returns whether it did. Safe to call from
  // any thread while append() runs on another: the executor's workers call it between runs, so
  // compression is spread over the threads (sweep::ExecutorOptions::between_runs).
  bool compress_pending_chunk();

  // The fixed-shape per-run columns (io/run_columns.hpp) of this file's record level: none at
  // `summary`.
  RunColumns run_columns() const;
  // Hands each chunk of those columns, as written, to `sink` too (a sweep's journal); an empty
  // sink stops it. Call between appends, on the thread that appends.
  void set_chunk_sink(ChunkSink sink);

  // Writes /design (docs/sweeps.md, docs/output.md): per design point its role in the scheme (an
  // HDF5 enum), column, base index, step, unit-cube coordinates and parameter values, with `point`
  // and `factor` (the swept paths) as coordinates in the group; the sweep file as attributes. At
  // most once, before commit().
  void write_design(const design::SweepSpec& sweep, const design::Design& design);

  // Runs `body` with the open partial file (its HDF5 id) before commit(), for a command that adds
  // groups of its own (compare's /comparison, io/comparison_writer.hpp). HDF5 failures in it
  // become OutputError naming the file. Objects `body` opens must be closed when it returns.
  void add_to_file(const std::function<void(std::int64_t file_id)>& body);

  // Finishes the file and renames it to the final path. Without `overwrite`, refuses (OutputError)
  // if the final path exists by then.
  void commit(bool overwrite);

  const std::filesystem::path& partial_path() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace regiesim::io
