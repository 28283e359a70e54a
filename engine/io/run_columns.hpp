#pragma once
// The fixed-shape per-run columns of a results file whose compressed chunks a sweep's journal
// keeps instead of the rows (sweep/run_journal.hpp): /series/* (one per metric), /agents/* (one
// per agent variable), /trust/values, numbered in that order. They are almost all of a run's
// bytes at record level `series` and above; the writer compresses their chunks anyway, so the
// journal reuses those bytes instead of keeping each run's rows raw.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <span>
#include <vector>

namespace regiesim::io {

struct RunColumn {
  std::uint64_t rows_per_chunk = 1;
  std::uint64_t row_elements = 0;  // values of one run
  std::uint32_t element_size = 8;
  bool compressed = true;  // its chunks are shuffled, then deflated in the zlib format

  friend bool operator==(const RunColumn&, const RunColumn&) = default;
};

struct RunColumns {
  std::uint32_t series = 0;  // columns 0 .. series - 1: RunRecord::series[m]
  std::uint32_t agents = 0;  // then RunRecord::agents[v]
  std::uint32_t trust = 0;   // then RunRecord::trust (0 or 1)
  std::vector<RunColumn> columns;

  friend bool operator==(const RunColumns&, const RunColumns&) = default;
};

// Receives each chunk of a RunColumns column (its number there, the chunk's index along the run
// axis, the bytes exactly as written to the file), on the writer's thread, right after the write.
using ChunkSink = std::function<void(std::uint32_t column, std::uint64_t chunk,
                                     std::span<const std::byte> bytes)>;

}  // namespace regiesim::io
