#pragma once
// A thin RAII layer over the HDF5 C API, used only inside io/. The C API rather than the C++ one
// because dimension scales (H5DS), enum types and control of the error stack are C-level.
//
// Every failed call becomes one h5::Failure whose message names the operation, the object and
// HDF5's innermost error message (the one closest to the cause); the writer and the reader add the
// file's path and turn it into io::OutputError or io::UnreadableFile. HDF5's own printing of its
// error stack to stderr is switched off once, before the first call (silence_errors()).
#include <hdf5.h>

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace regiesim::io::h5 {

class Failure : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Switches off HDF5's automatic printing of error stacks (idempotent; HDF5 keeps this setting
// per library, not per file).
void silence_errors();

// The innermost message on HDF5's current error stack, or "" if the stack is empty.
std::string innermost_message();

// Throws Failure("cannot <operation> <object>: <innermost message>").
[[noreturn]] void fail(std::string_view operation, std::string_view object);

// HDF5 signals failure by a negative hid_t, herr_t or htri_t.
template <typename T>
T check(T result, std::string_view operation, std::string_view object) {
  if (result < 0) fail(operation, object);
  return result;
}

// Owns one HDF5 identifier and closes it with the matching H5*close.
class Handle {
 public:
  using Closer = herr_t (*)(hid_t);

  Handle() = default;
  Handle(hid_t id, Closer closer) : id_(id), closer_(closer) {}
  ~Handle() { reset(); }
  Handle(Handle&& other) noexcept : id_(other.id_), closer_(other.closer_) { other.id_ = -1; }
  Handle& operator=(Handle&& other) noexcept;
  Handle(const Handle&) = delete;
  Handle& operator=(const Handle&) = delete;

  hid_t id() const { return id_; }
  bool valid() const { return id_ >= 0; }

  // Closes now, ignoring failure (destructors and clean-up after an error).
  void reset() noexcept;
  // Closes now and throws Failure if HDF5 reports an error (closing a file flushes it).
  void close(std::string_view object);

 private:
  hid_t id_ = -1;
  Closer closer_ = nullptr;
};

// Constructors that check the id and pick the closer. `object` names it in messages.
Handle file_handle(hid_t id, std::string_view operation, std::string_view object);
Handle group_handle(hid_t id, std::string_view operation, std::string_view object);
Handle dataset_handle(hid_t id, std::string_view operation, std::string_view object);
Handle attribute_handle(hid_t id, std::string_view operation, std::string_view object);
Handle dataspace_handle(hid_t id, std::string_view operation, std::string_view object);
Handle datatype_handle(hid_t id, std::string_view operation, std::string_view object);
Handle plist_handle(hid_t id, std::string_view operation, std::string_view object);

// The path of an object in its file ("/series/realisation"), for messages.
std::string path_of(hid_t object);

// Types. Files get explicit little-endian types so that the bytes do not depend on the machine.
Handle utf8_string_type();  // variable-length UTF-8 string (memory and file alike)

// A compound type built field by field, in memory layout (the struct's offsets, native types) and
// in file layout (packed, little-endian types), so no padding bytes reach the file.
class CompoundType {
 public:
  CompoundType(std::size_t memory_size, std::string_view name);
  void add(const char* field, std::size_t memory_offset, hid_t memory_type, hid_t file_type);
  // Call once after the last add().
  void finish();
  hid_t memory() const { return memory_.id(); }
  hid_t file() const { return file_.id(); }

 private:
  struct Field {
    std::string name;
    hid_t file_type;
  };
  std::string name_;
  Handle memory_;
  Handle file_;
  std::vector<Field> fields_;
};

// Groups. track_order: iterate members in creation order (declared order for metrics).
Handle create_group(hid_t parent, const std::string& name, bool track_order = false);
Handle open_group(hid_t parent, const std::string& name);
Handle open_dataset(hid_t parent, const std::string& name);
bool link_exists(hid_t parent, const std::string& name);
// Names of the members of a group, in creation order if tracked, else in name order.
std::vector<std::string> member_names(hid_t group);

// Attributes.
void write_string_attribute(hid_t object, const char* name, std::string_view value);
void write_string_array_attribute(hid_t object, const char* name,
                                  const std::vector<std::string>& values);
void write_int32_attribute(hid_t object, const char* name, std::int32_t value);
void write_int64_attribute(hid_t object, const char* name, std::int64_t value);
void write_uint64_attribute(hid_t object, const char* name, std::uint64_t value);
bool attribute_exists(hid_t object, const char* name);
bool attribute_is_string(hid_t object, const char* name);
// Reads a scalar string attribute, variable-length or fixed-length (files from other writers).
std::string read_string_attribute(hid_t object, const char* name);
std::vector<std::string> read_string_array_attribute(hid_t object, const char* name);
std::int64_t read_int64_attribute(hid_t object, const char* name);
std::uint64_t read_uint64_attribute(hid_t object, const char* name);

// Datasets.
struct DatasetLayout {
  std::vector<hsize_t> dims;
  std::vector<hsize_t> max_dims;  // H5S_UNLIMITED for an extendible dimension
  std::vector<hsize_t> chunk;     // empty: contiguous
  bool compress = false;          // shuffle + deflate (chunked only)
  int deflate_level = 4;
  const double* fill = nullptr;      // fill value of a float64 dataset (NaN marks "not recorded")
  const void* fill_bytes = nullptr;  // or: fill value as one element of file_type's bytes
};
Handle create_dataset(hid_t parent, const std::string& name, hid_t file_type,
                      const DatasetLayout& layout);
std::vector<hsize_t> dataset_dims(hid_t dataset);
void extend(hid_t dataset, const std::vector<hsize_t>& dims);
// Writes / reads the block [start, start + count) of a dataset from / into contiguous memory.
void write_block(hid_t dataset, hid_t memory_type, const std::vector<hsize_t>& start,
                 const std::vector<hsize_t>& count, const void* data);
void read_block(hid_t dataset, hid_t memory_type, const std::vector<hsize_t>& start,
                const std::vector<hsize_t>& count, void* data);
// Writes a whole 1-D dataset of UTF-8 strings.
void write_strings(hid_t dataset, const std::vector<std::string>& values);
std::vector<std::string> read_strings(hid_t dataset);

// Dimension scales (H5DS).
void set_scale(hid_t dataset, const char* axis_name);
// Attaches `scale` to a dimension and labels the dimension with the scale's name (or `label`, for
// a scale whose name is netCDF's dimension-only mark).
void attach_scale(hid_t dataset, hid_t scale, unsigned dimension);
void attach_scale(hid_t dataset, hid_t scale, unsigned dimension, std::string_view label);

}  // namespace regiesim::io::h5
