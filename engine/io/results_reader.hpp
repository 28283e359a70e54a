#pragma once
// Reads a results file back: the checks of an untrusted file first (design decision 14: signature,
// superblock, end-of-file address against the file's size, schema attributes), then the content.
// Used by `regiesim inspect` and by the round-trip tests.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "record/run_record.hpp"

namespace regiesim::io {

// Not a readable regiesim results file (missing, a directory, not HDF5, truncated, another
// schema): the CLI prints what() and exits 2.
class UnreadableFile : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// One recorded parameter of /parameters: its dotted path, units and the distinct values its runs
// have, as text, in order of first appearance (a choice by its name).
struct RecordedParameter {
  std::string path;
  std::string units;
  std::vector<std::string> distinct_values;
};

struct ResultsSummary {
  int schema_version = 0;
  std::string regiesim_version;
  std::string git_commit;
  std::string scenario_name;
  std::string scenario_text;      // as read from the scenario file
  std::string scenario_resolved;  // every parameter explicit
  std::uint64_t master_seed = 0;
  std::string record_level;
  std::int64_t runs = 0;
  std::int64_t runs_ok = 0;      // status ok
  std::int64_t runs_failed = 0;  // status failed
  std::int32_t steps = 0;
  std::vector<std::string> partner_names;
  std::vector<std::string> metrics;  // /summary datasets, in file order
  std::vector<std::string> groups;   // top-level groups present
  std::map<std::string, std::string> provenance;
  std::map<std::string, std::string> metric_units;  // /summary/<metric> "units" attribute
  std::int64_t points = 1;
  std::int32_t arms = 1;
  std::vector<RecordedParameter> parameters;  // /parameters, in file order
};

// One row of /runs.
struct RunInfo {
  std::int64_t run_id = 0;
  std::int64_t point = 0;
  std::int32_t arm = 0;
  std::int64_t replication = 0;
  std::uint64_t seed = 0;
  record::RunStatus status = record::RunStatus::ok;
  std::string failure_reason;
  friend bool operator==(const RunInfo&, const RunInfo&) = default;
};

// Checks the file and reads its attributes and shapes; no bulk data.
ResultsSummary read_summary(const std::filesystem::path& path);

// Reads what read_summary, read_runs, read_summary_metric and read_sweep_design read, in a child
// process, and throws UnreadableFile if that child crashes or does not finish within
// `timeout_seconds`. The checks of read_summary refuse most damaged files, but a file damaged past
// its superblock can still crash HDF5 1.10 (seen here: SIGSEGV on a few of 300 randomly damaged
// files), and a crash inside a library is still a crash. Call it before reading a file that may
// be damaged, from a single-threaded process (it forks). Other failures are left to the reads.
void probe_in_child_process(const std::filesystem::path& path, int timeout_seconds = 60);

// The mechanism of probe_in_child_process: runs `read` in a child process; throws UnreadableFile
// naming `path` if the child dies of a signal or outlives the timeout (it is then killed).
void read_in_child_process(const std::filesystem::path& path, int timeout_seconds,
                           const std::function<void()>& read);

// The /runs table, in file (run id) order.
std::vector<RunInfo> read_runs(const std::filesystem::path& path);

// The resolved scenario text (TOML) that run `run_id` was run with, its replication and the
// file's master seed: all that `regiesim run --from` needs to redo it. A sweep's run has its
// point's assignments (as --set writes them) to apply to the text, which is then the sweep's base.
struct RunOrigin {
  std::string scenario_resolved;
  std::vector<std::string> assignments;
  std::int64_t replication = 0;
  std::int64_t point = 0;
  std::int32_t arm = 0;
  std::uint64_t master_seed = 0;
};
RunOrigin read_run_origin(const std::filesystem::path& path, std::int64_t run_id);

// A sweep file's design, as `inspect` shows it: the kind, the swept parameters in file order, and
// per design point its values as --set writes them (from /manifest/point_assignments, so choices
// read by name). `present` is false for a file without /design.
struct SweepDesign {
  bool present = false;
  std::string kind;
  std::int64_t replications = 0;  // per point as the sweep file asks (--precision may add blocks)
  std::vector<std::string> factors;
  std::vector<std::vector<std::string>> point_values;  // [point][factor]: the value's text
};
SweepDesign read_sweep_design(const std::filesystem::path& path);

// Reads everything of one run back into a RunRecord (for tests and analysis in C++).
// Blocks that a failed run did not record (all NaN in the file) come back empty, as the writer got
// them; sample_steps then comes back empty too. Throws UnreadableFile if there is no such run.
record::RunRecord read_run(const std::filesystem::path& path, std::int64_t run_id);

// /summary/<metric> over all runs, in run order (NaN where a failed run recorded nothing).
std::vector<double> read_summary_metric(const std::filesystem::path& path,
                                        const std::string& metric);

}  // namespace regiesim::io
