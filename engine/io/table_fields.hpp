#pragma once
// The columns of the tables (/events, /meetings, /negotiations and their participant and share
// lists) as fields of a run's record, described once: the results writer appends a run's rows by
// them, and a sweep's journal keeps and rebuilds them by them. In the order of kTableColumns
// (io/run_columns.hpp), not the tables' `run` columns: every row of a run holds its id.
#include <array>
#include <cstddef>
#include <cstdint>

#include "io/run_columns.hpp"
#include "record/run_record.hpp"

namespace regiesim::io {

// The lists of a run's table rows.
enum TableList : int {
  kEvents,
  kMeetings,
  kMeetingParticipants,
  kNegotiations,
  kNegotiationParticipants,
  kNegotiationShares,
  kTableLists
};

// A run's rows of each list.
std::array<std::uint64_t, kTableLists> table_rows(const record::RunRecord& r);

struct TableField {
  TableList list;      // the rows it is a field of
  std::uint32_t size;  // bytes of a value, as the results file holds it
  int offset_into;     // an offset column: the list it points into, else -1. The record counts
                       // from the run's first row of that list; the file from its first row.
  // Every row's value of the field, in the file's type, to `out` (rows x size bytes), as the
  // record counts offsets; and back into a record whose lists already have their sizes.
  void (*gather)(const record::RunRecord&, std::byte* out);
  void (*scatter)(record::RunRecord&, const std::byte* in);
};

extern const std::array<TableField, kTableColumns> kTableFields;

}  // namespace regiesim::io
