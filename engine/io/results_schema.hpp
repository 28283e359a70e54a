#pragma once
// The names and row types of results schema v1 (docs/output.md), shared by the writer and the
// reader so that the two cannot drift apart.
#include <cstdint>

#include "io/hdf5_handle.hpp"

namespace regiesim::io::schema {

inline constexpr const char* kSchemaName = "regiesim-results";

// One row of /runs in memory. failure_reason is owned by the caller when writing and by HDF5
// (reclaim with H5Dvlen_reclaim) after reading.
struct RunRow {
  std::int64_t run_id;
  std::int64_t point;
  std::int32_t arm;
  std::int64_t replication;
  std::uint64_t seed;
  std::int8_t status;  // sim::RunStatus
  char* failure_reason;
};

// One row of /events in memory.
struct EventRow {
  std::int64_t run;
  std::int32_t step;
  std::int8_t kind;  // sim::EventKind
  std::int32_t source;
  std::int32_t target;
  double cost;
  double value;
};

// One row of /manifest/parameters in memory.
struct ParameterRow {
  const char* path;
  const char* value;
  const char* unit;
  const char* claim;
};

// The HDF5 types of those rows, memory and file layout. Members own the enum and string types
// that the compounds refer to, so keep the whole struct alive while the compounds are used.
struct RowTypes {
  h5::Handle string;
  h5::Handle status_memory;
  h5::Handle status_file;
  h5::Handle kind_memory;
  h5::Handle kind_file;
  h5::CompoundType runs;
  h5::CompoundType events;
  h5::CompoundType parameters;
};

RowTypes make_row_types();

}  // namespace regiesim::io::schema
