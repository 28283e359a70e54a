#pragma once
// Writes a results file (HDF5 schema v1, docs/output.md): one scenario x R runs, streamed run by
// run in id order, into `<final>.partial`; commit() closes it and renames it to the final name,
// so a half-written file never carries the final name. A writer destroyed without commit()
// removes its partial file.
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "network/network.hpp"
#include "scenario/scenario_spec.hpp"
#include "sim/run_record.hpp"

namespace regiesim::io {

inline constexpr int kSchemaVersion = 1;

// Everything needed to redo any run alone (DECISIONS 1: /manifest).
struct Manifest {
  std::string regiesim_version;
  std::string git_commit;
  std::uint64_t master_seed = 0;
  std::int64_t replications = 0;
};

// What differs between two invocations that must give equal results (DECISIONS 1: /provenance).
struct Provenance {
  std::string command_line;
  std::string created;  // ISO 8601 UTC
  std::string host;
  int threads = 1;
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
  ResultsWriter(std::filesystem::path final_path, const scenario::ScenarioSpec& spec,
                const network::Network& network, const Manifest& manifest,
                const Provenance& provenance);
  ~ResultsWriter();
  ResultsWriter(const ResultsWriter&) = delete;
  ResultsWriter& operator=(const ResultsWriter&) = delete;

  // Appends the next run; runs must arrive in ascending run_id order starting at 0.
  void append(const sim::RunRecord& record);

  // Finishes the file and renames it to the final path. Without `overwrite`, refuses (OutputError)
  // if the final path exists by then.
  void commit(bool overwrite);

  const std::filesystem::path& partial_path() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace regiesim::io
