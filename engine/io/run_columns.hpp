#pragma once
// The columns of a results file whose compressed chunks a sweep's journal keeps instead of the
// rows (sweep/run_journal.hpp): the fixed-shape per-run columns /series/* (one per metric),
// /agents/* (one per agent variable), /trust/values, then the columns of the tables (see
// kTableColumns), numbered in that order. They are almost all of a run's bytes at record level
// `series` and above; the writer compresses their chunks anyway, so the journal reuses those
// bytes instead of keeping each run's rows raw.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <span>
#include <vector>

namespace regiesim::io {

struct RunColumn {
  std::uint64_t rows_per_chunk = 1;
  std::uint64_t row_elements = 0;  // values of one row (a run's, or 1 for a table's)
  std::uint32_t element_size = 8;
  bool compressed = true;  // its chunks are shuffled, then deflated in the zlib format

  friend bool operator==(const RunColumn&, const RunColumn&) = default;
};

struct RunColumns {
  std::uint32_t series = 0;  // columns 0 .. series - 1: RunRecord::series[m]
  std::uint32_t agents = 0;  // then RunRecord::agents[v]
  std::uint32_t trust = 0;   // then RunRecord::trust (0 or 1)
  std::uint32_t tables = 0;  // then the tables' columns: 0, or kTableColumns at level `series`
  std::vector<RunColumn> columns;

  friend bool operator==(const RunColumns&, const RunColumns&) = default;
};

// The table columns, after trust, in this order (a run's rows of them vary in number, and the
// journal's run entry says how many): /events step, kind, source, target, cost, value;
// /meetings step, meeting_id, mode, convened_by, size, participants_offset;
// /meetings/participants; /negotiations step, negotiation_id, meeting_id, protocol, rounds,
// agreed, log_nash_product, fairness, participant_count, participants_offset, share_count,
// shares_offset; /negotiations/participants; /negotiations/shares. Not the tables' `run` columns:
// every row of a run holds its id.
inline constexpr std::uint32_t kTableColumns = 27;

// Receives each chunk of a RunColumns column (its number there, the chunk's index along its first
// axis, the bytes exactly as written to the file), on the writer's thread, right after the write.
using ChunkSink = std::function<void(std::uint32_t column, std::uint64_t chunk,
                                     std::span<const std::byte> bytes)>;

}  // namespace regiesim::io
