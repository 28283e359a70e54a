#pragma once
// The journal of a sweep's finished runs (FILE.h5.journal), which makes a sweep safe against
// kill -9: opened for a new sweep, or replayed by --resume after checking that it belongs to the
// same sweep (the manifest's hash, and the --set assignments it ran with).
#include <cstdint>
#include <filesystem>
#include <optional>

#include "cli/sweep_options.hpp"
#include "design/point_scenario.hpp"
#include "design/precision_rule.hpp"
#include "design/sweep_spec.hpp"
#include "sweep/run_journal.hpp"

namespace regiesim::cli {

struct Journal {
  std::filesystem::path path;
  std::optional<sweep::JournalReader> replay;  // --resume: the runs still to be read back
  std::optional<sweep::JournalWriter> writer;  // where finished runs go
  // --resume writes a new journal (replayed runs included) beside the old one and puts it in the
  // old one's place once it holds as many whole runs: until then a kill keeps the old one.
  std::int64_t replace_at = -1;  // whole runs of the old journal; -1: nothing to replace
};

// --resume: replays `journal.path` (exit 2 if it is missing, of another sweep, or ran with other
// --set assignments) and starts its replacement; else creates it (exit 2 if one is left, unless
// --force). `columns`: the results file's columns whose chunks the journal keeps.
void open_journal(const SweepOptions& options, const design::SweepSpec& spec,
                  const design::SweepPoints& points, std::int64_t stride,
                  const std::optional<design::PrecisionTarget>& precision,
                  const io::RunColumns& columns, Journal& journal);

// After a run is journaled: on --resume, puts the new journal in the old one's place once it
// holds as many whole runs.
void replace_old_journal(Journal& journal);

// Removes the journal and what lies beside it, once the results file is complete.
void remove_journal(const Journal& journal);
// Interrupted: syncs the journal; a resume's new journal not yet in place is dropped, the old
// one holding more. Returns the whole runs the kept journal holds: the runs --resume will not run
// again (a finished run whose series chunk was not yet full is not among them).
std::int64_t keep_journal(Journal& journal);

}  // namespace regiesim::cli
