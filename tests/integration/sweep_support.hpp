#pragma once
// What the sweep tests share (sweep_command_test.cpp, sweep_mpi_test.cpp): the example grid on a
// short horizon, running `regiesim sweep`, and comparing two results files dataset by dataset.
#include <stdexcept>
#include <string>

#include "support/process.hpp"

namespace regiesim::testing {

inline const std::string kTrustGrid = kSourceDir + "/scenarios/sweeps/trust_grid.toml";

inline std::string replace(std::string text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  if (at == std::string::npos) throw std::runtime_error("not in the sweep file: " + from);
  return text.replace(at, from.size(), to);
}

// The default scenario on a horizon of `steps` weeks, and `sweep_text` next to it with its base
// scenario pointed at it and `replications` replications per point.
inline std::string write_sweep(const TempDir& dir, std::string sweep_text, int replications,
                               const std::string& name = "sweep.toml", int steps = 26) {
  std::ofstream(dir / "short.toml") << "extends = \"" << kSourceDir
                                    << "/scenarios/default.toml\"\n[scenario]\nname = "
                                       "\"short\"\n[run]\nsteps = "
                                    << steps << "\n";
  sweep_text = replace(sweep_text, "scenario = \"../default.toml\"", "scenario = \"short.toml\"");
  // The shipped examples record summaries only ([base]); these tests read the series and
  // journals of the default record level.
  if (const auto at = sweep_text.find("record.level = \"summary\"\n"); at != std::string::npos)
    sweep_text.erase(at, std::string("record.level = \"summary\"\n").size());
  // No std::regex: GCC 12's false maybe-uninitialized in <regex> under the sanitizers.
  if (const auto at = sweep_text.find("\nreplications = "); at != std::string::npos) {
    auto end = at + 16;
    while (end < sweep_text.size() && sweep_text[end] >= '0' && sweep_text[end] <= '9') ++end;
    sweep_text.replace(at, end - at, "\nreplications = " + std::to_string(replications));
  }
  std::ofstream(dir / name) << sweep_text;
  return dir / name;
}

inline std::string trust_grid(const TempDir& dir, int replications) {
  return write_sweep(dir, slurp(kTrustGrid), replications);
}

// The grid on the default horizon (520 weeks), 200 runs: long enough (about half a second at -j1)
// to be interrupted midway, after the journal's first batch.
inline std::string long_trust_grid(const TempDir& dir) {
  return write_sweep(dir, slurp(kTrustGrid), 10, "long.toml", 520);
}

inline ProcessResult sweep(const std::string& file, const std::string& output,
                           const std::string& extra = "") {
  return run_process(kBinary + " sweep " + file + " -o " + output + " " + extra);
}

inline int h5diff(const std::string& a, const std::string& b) {
  return run_process("h5diff --exclude-path /provenance " + a + " " + b).status;
}

// Starts the sweep in the background, waits until its journal holds at least one whole flushed
// batch of runs, then sends `signal` to it; returns the sweep's exit status as the shell reports
// it. A batch is tens of megabytes written in one go: a journal seen growing may be in the middle
// of its first batch (which a kill -9 would leave with no whole run), so the journal must hold
// the same size, above its header, at two looks 10 ms apart.
inline ProcessResult interrupt_sweep(const std::string& file, const std::string& output,
                                     const std::string& signal, const std::string& extra = "") {
  const std::string journal = output + ".journal";
  return run_process("(" + kBinary + " sweep " + file + " -o " + output + " -j 1 " + extra +
                     " & pid=$!; last=0; for i in $(seq 1000); do "
                     "size=$(stat -c %s " +
                     journal +
                     " 2>/dev/null || echo 0); [ $size -gt 1000 ] && [ $size -eq $last ] && "
                     "break; last=$size; sleep 0.01; done; kill -" +
                     signal + " $pid; wait $pid; echo status=$?)");
}

}  // namespace regiesim::testing
