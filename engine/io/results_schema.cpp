#include "io/results_schema.hpp"

#include <array>
#include <cstddef>
#include <string>

#include "record/events.hpp"
#include "record/run_record.hpp"

namespace regiesim::io::schema {

namespace {

template <typename Value>
h5::Handle enum_type(hid_t base, std::span<const std::string_view> names, std::string_view what) {
  h5::Handle type = h5::datatype_handle(H5Tenum_create(base), "create", what);
  for (std::size_t i = 0; i < names.size(); ++i) {
    const auto value = static_cast<Value>(i);
    const std::string name(names[i]);
    h5::check(H5Tenum_insert(type.id(), name.c_str(), &value), "name a value of", what);
  }
  return type;
}

constexpr std::array<std::string_view, 2> kStatusNames{"ok", "failed"};

}  // namespace

h5::Handle int8_enum_of(std::span<const record::NumberedEventKind> members, std::string_view what) {
  h5::Handle type = h5::datatype_handle(H5Tenum_create(H5T_STD_I8LE), "create", what);
  for (const auto& m : members) {
    const auto value = static_cast<std::int8_t>(m.number);
    const std::string name(m.name);
    h5::check(H5Tenum_insert(type.id(), name.c_str(), &value), "name a value of", what);
  }
  return type;
}

namespace {}  // namespace

h5::Handle int8_enum(std::span<const std::string_view> names, std::string_view what) {
  return enum_type<std::int8_t>(H5T_STD_I8LE, names, what);
}

h5::Handle int32_enum(std::span<const std::string_view> names, std::string_view what) {
  return enum_type<std::int32_t>(H5T_STD_I32LE, names, what);
}

h5::Handle boolean_enum() {
  static constexpr std::array<std::string_view, 2> names{"FALSE", "TRUE"};
  return int8_enum(names, "the boolean type");
}

RowTypes make_row_types() {
  static_assert(static_cast<int>(record::RunStatus::ok) == 0 &&
                static_cast<int>(record::RunStatus::failed) == 1);
  RowTypes t{h5::utf8_string_type(),
             enum_type<std::int8_t>(H5T_NATIVE_INT8, kStatusNames, "the run status type"),
             int8_enum(kStatusNames, "the run status type"),
             h5::CompoundType(sizeof(RunRow), "the /runs row type"),
             h5::CompoundType(sizeof(ParameterRow), "the /manifest/parameters row type")};

  t.runs.add("run_id", offsetof(RunRow, run_id), H5T_NATIVE_INT64, H5T_STD_I64LE);
  t.runs.add("point", offsetof(RunRow, point), H5T_NATIVE_INT64, H5T_STD_I64LE);
  t.runs.add("arm", offsetof(RunRow, arm), H5T_NATIVE_INT32, H5T_STD_I32LE);
  t.runs.add("replication", offsetof(RunRow, replication), H5T_NATIVE_INT64, H5T_STD_I64LE);
  t.runs.add("seed", offsetof(RunRow, seed), H5T_NATIVE_UINT64, H5T_STD_U64LE);
  t.runs.add("status", offsetof(RunRow, status), t.status_memory.id(), t.status_file.id());
  t.runs.add("failure_reason", offsetof(RunRow, failure_reason), t.string.id(), t.string.id());
  t.runs.finish();

  t.parameters.add("path", offsetof(ParameterRow, path), t.string.id(), t.string.id());
  t.parameters.add("value", offsetof(ParameterRow, value), t.string.id(), t.string.id());
  t.parameters.add("unit", offsetof(ParameterRow, unit), t.string.id(), t.string.id());
  t.parameters.add("claim", offsetof(ParameterRow, claim), t.string.id(), t.string.id());
  t.parameters.finish();
  return t;
}

}  // namespace regiesim::io::schema
