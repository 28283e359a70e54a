#include "io/results_schema.hpp"

#include <cstddef>
#include <string>

#include "sim/events.hpp"
#include "sim/run_record.hpp"

namespace regiesim::io::schema {

namespace {

// An HDF5 enum over int8 with the given base type; the names are what h5dump and h5py show.
h5::Handle status_enum(hid_t base) {
  h5::Handle type = h5::datatype_handle(H5Tenum_create(base), "create", "the run status type");
  const std::int8_t ok = static_cast<std::int8_t>(sim::RunStatus::ok);
  const std::int8_t failed = static_cast<std::int8_t>(sim::RunStatus::failed);
  h5::check(H5Tenum_insert(type.id(), "ok", &ok), "name a value of", "the run status type");
  h5::check(H5Tenum_insert(type.id(), "failed", &failed), "name a value of", "the run status type");
  return type;
}

h5::Handle kind_enum(hid_t base) {
  h5::Handle type = h5::datatype_handle(H5Tenum_create(base), "create", "the event kind type");
  for (int k = 0; k < sim::kEventKindCount; ++k) {
    const auto value = static_cast<std::int8_t>(k);
    const std::string name(sim::event_kind_name(static_cast<sim::EventKind>(k)));
    h5::check(H5Tenum_insert(type.id(), name.c_str(), &value), "name a value of",
              "the event kind type");
  }
  return type;
}

}  // namespace

RowTypes make_row_types() {
  RowTypes t{h5::utf8_string_type(),
             status_enum(H5T_NATIVE_INT8),
             status_enum(H5T_STD_I8LE),
             kind_enum(H5T_NATIVE_INT8),
             kind_enum(H5T_STD_I8LE),
             h5::CompoundType(sizeof(RunRow), "the /runs row type"),
             h5::CompoundType(sizeof(EventRow), "the /events row type"),
             h5::CompoundType(sizeof(ParameterRow), "the /manifest/parameters row type")};

  t.runs.add("run_id", offsetof(RunRow, run_id), H5T_NATIVE_INT64, H5T_STD_I64LE);
  t.runs.add("point", offsetof(RunRow, point), H5T_NATIVE_INT64, H5T_STD_I64LE);
  t.runs.add("arm", offsetof(RunRow, arm), H5T_NATIVE_INT32, H5T_STD_I32LE);
  t.runs.add("replication", offsetof(RunRow, replication), H5T_NATIVE_INT64, H5T_STD_I64LE);
  t.runs.add("seed", offsetof(RunRow, seed), H5T_NATIVE_UINT64, H5T_STD_U64LE);
  t.runs.add("status", offsetof(RunRow, status), t.status_memory.id(), t.status_file.id());
  t.runs.add("failure_reason", offsetof(RunRow, failure_reason), t.string.id(), t.string.id());
  t.runs.finish();

  t.events.add("run", offsetof(EventRow, run), H5T_NATIVE_INT64, H5T_STD_I64LE);
  t.events.add("step", offsetof(EventRow, step), H5T_NATIVE_INT32, H5T_STD_I32LE);
  t.events.add("kind", offsetof(EventRow, kind), t.kind_memory.id(), t.kind_file.id());
  t.events.add("source", offsetof(EventRow, source), H5T_NATIVE_INT32, H5T_STD_I32LE);
  t.events.add("target", offsetof(EventRow, target), H5T_NATIVE_INT32, H5T_STD_I32LE);
  t.events.add("cost", offsetof(EventRow, cost), H5T_NATIVE_DOUBLE, H5T_IEEE_F64LE);
  t.events.add("value", offsetof(EventRow, value), H5T_NATIVE_DOUBLE, H5T_IEEE_F64LE);
  t.events.finish();

  t.parameters.add("path", offsetof(ParameterRow, path), t.string.id(), t.string.id());
  t.parameters.add("value", offsetof(ParameterRow, value), t.string.id(), t.string.id());
  t.parameters.add("unit", offsetof(ParameterRow, unit), t.string.id(), t.string.id());
  t.parameters.add("claim", offsetof(ParameterRow, claim), t.string.id(), t.string.id());
  t.parameters.finish();
  return t;
}

}  // namespace regiesim::io::schema
