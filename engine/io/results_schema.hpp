#pragma once
// The names and row types of results schema v2 (docs/output.md), shared by the writer and the
// reader so that the two cannot drift apart.
#include <cstdint>
#include <span>
#include <string_view>

#include "io/hdf5_handle.hpp"
#include "record/events.hpp"

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
  std::int8_t status;  // record::RunStatus
  char* failure_reason;
};

// netCDF-4's mark of a dimension scale that only gives a dimension its length (the rows of a
// table): netCDF readers (xarray through h5netcdf) then show the dimension but no variable.
inline constexpr const char* kDimensionOnly =
    "This is a netCDF dimension but not a netCDF variable.";

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
  h5::CompoundType runs;
  h5::CompoundType parameters;
};

RowTypes make_row_types();

// An HDF5 enum over little-endian int8 (the file type and, on little-endian machines, the memory
// type too) whose value i is names[i].
h5::Handle int8_enum(std::span<const std::string_view> names, std::string_view what);
// The same over int32 (the choices of a parameter, which are stored as their index).
h5::Handle int32_enum(std::span<const std::string_view> names, std::string_view what);
// An HDF5 enum over little-endian int8 with the members' own numbers (the event kinds, whose
// numbers are not dense: the model's 0-19.., negotiation's 40-49).
h5::Handle int8_enum_of(std::span<const record::NumberedEventKind> members, std::string_view what);
// FALSE/TRUE over int8: h5py reads it as numpy's bool.
h5::Handle boolean_enum();

}  // namespace regiesim::io::schema
