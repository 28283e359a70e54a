#include "io/hdf5_handle.hpp"

#include <fmt/format.h>
#include <hdf5_hl.h>

#include <cstring>
#include <mutex>
#include <utility>

namespace regiesim::io::h5 {

namespace {

herr_t keep_innermost(unsigned n, const H5E_error2_t* error, void* client_data) {
  // Walking upward, n == 0 is the innermost entry: where HDF5 first noticed the problem, which
  // names the cause ("No such file or directory", "truncated file") rather than the API call.
  if (n == 0 && error->desc != nullptr) *static_cast<std::string*>(client_data) = error->desc;
  return 0;
}

// The path of `parent`/`name` for messages. Must be called only after the failing call's error
// stack has been read: H5Iget_name is itself an API call and clears the stack.
std::string child_path(hid_t parent, std::string_view name) {
  std::string base = path_of(parent);
  if (base.empty() || base == "/") return fmt::format("/{}", name);
  return fmt::format("{}/{}", base, name);
}

[[noreturn]] void fail_in(std::string_view operation, hid_t parent, std::string_view name) {
  std::string message = innermost_message();
  std::string object = child_path(parent, name);
  if (message.empty()) throw Failure(fmt::format("cannot {} {}", operation, object));
  throw Failure(fmt::format("cannot {} {}: {}", operation, object, message));
}

[[noreturn]] void fail_on(std::string_view operation, hid_t object) {
  std::string message = innermost_message();
  std::string name = path_of(object);
  if (message.empty()) throw Failure(fmt::format("cannot {} {}", operation, name));
  throw Failure(fmt::format("cannot {} {}: {}", operation, name, message));
}

template <typename T>
T check_in(T result, std::string_view operation, hid_t parent, std::string_view name) {
  if (result < 0) fail_in(operation, parent, name);
  return result;
}

template <typename T>
T check_on(T result, std::string_view operation, hid_t object) {
  if (result < 0) fail_on(operation, object);
  return result;
}

Handle scalar_space() {
  return dataspace_handle(H5Screate(H5S_SCALAR), "create", "a scalar dataspace");
}

Handle simple_space(const std::vector<hsize_t>& dims, const std::vector<hsize_t>* max_dims) {
  return dataspace_handle(H5Screate_simple(static_cast<int>(dims.size()), dims.data(),
                                           max_dims != nullptr ? max_dims->data() : nullptr),
                          "create", "a dataspace");
}

Handle open_attribute(hid_t object, const char* name) {
  hid_t id = H5Aopen(object, name, H5P_DEFAULT);
  if (id < 0) fail_in("open attribute", object, name);
  return Handle(id, H5Aclose);
}

Handle selection(hid_t dataset, const std::vector<hsize_t>& start,
                 const std::vector<hsize_t>& count) {
  Handle space(check_on(H5Dget_space(dataset), "get the dataspace of", dataset), H5Sclose);
  if (static_cast<std::size_t>(H5Sget_simple_extent_ndims(space.id())) != start.size())
    throw Failure(fmt::format("unexpected rank of {}", path_of(dataset)));
  check_on(
      H5Sselect_hyperslab(space.id(), H5S_SELECT_SET, start.data(), nullptr, count.data(), nullptr),
      "select a block of", dataset);
  return space;
}

}  // namespace

void silence_errors() {
  static std::once_flag once;
  std::call_once(once, [] { H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr); });
}

std::string innermost_message() {
  std::string message;
  H5Ewalk2(H5E_DEFAULT, H5E_WALK_UPWARD, keep_innermost, &message);
  H5Eclear2(H5E_DEFAULT);
  // The sec2 driver's messages carry the whole write call ("file write failed: time = ...,
  // filename = ..., errno = 28, error message = 'No space left on device', buf = ..."): keep
  // what failed and why.
  const std::string_view marker = "error message = '";
  const std::size_t cause = message.find(marker);
  const std::size_t details = message.find(": time = ");
  if (cause != std::string::npos && details != std::string::npos) {
    const std::size_t begin = cause + marker.size();
    const std::size_t end = message.find('\'', begin);
    message = message.substr(0, details) + ": " + message.substr(begin, end - begin);
  }
  return message;
}

void fail(std::string_view operation, std::string_view object) {
  std::string message = innermost_message();
  if (message.empty()) throw Failure(fmt::format("cannot {} {}", operation, object));
  throw Failure(fmt::format("cannot {} {}: {}", operation, object, message));
}

Handle& Handle::operator=(Handle&& other) noexcept {
  if (this != &other) {
    reset();
    id_ = std::exchange(other.id_, -1);
    closer_ = other.closer_;
  }
  return *this;
}

void Handle::reset() noexcept {
  if (id_ >= 0 && closer_ != nullptr) {
    closer_(id_);
    H5Eclear2(H5E_DEFAULT);
  }
  id_ = -1;
}

void Handle::close(std::string_view object) {
  if (id_ < 0) return;
  hid_t id = std::exchange(id_, -1);
  check(closer_(id), "close", object);
}

Handle file_handle(hid_t id, std::string_view operation, std::string_view object) {
  return Handle(check(id, operation, object), H5Fclose);
}
Handle group_handle(hid_t id, std::string_view operation, std::string_view object) {
  return Handle(check(id, operation, object), H5Gclose);
}
Handle dataset_handle(hid_t id, std::string_view operation, std::string_view object) {
  return Handle(check(id, operation, object), H5Dclose);
}
Handle attribute_handle(hid_t id, std::string_view operation, std::string_view object) {
  return Handle(check(id, operation, object), H5Aclose);
}
Handle dataspace_handle(hid_t id, std::string_view operation, std::string_view object) {
  return Handle(check(id, operation, object), H5Sclose);
}
Handle datatype_handle(hid_t id, std::string_view operation, std::string_view object) {
  return Handle(check(id, operation, object), H5Tclose);
}
Handle plist_handle(hid_t id, std::string_view operation, std::string_view object) {
  return Handle(check(id, operation, object), H5Pclose);
}

std::string path_of(hid_t object) {
  ssize_t size = H5Iget_name(object, nullptr, 0);
  if (size <= 0) {
    H5Eclear2(H5E_DEFAULT);
    return "(unnamed object)";
  }
  std::string name(static_cast<std::size_t>(size), '\0');
  H5Iget_name(object, name.data(), name.size() + 1);
  return name;
}

Handle utf8_string_type() {
  Handle type = datatype_handle(H5Tcopy(H5T_C_S1), "copy", "the string type");
  check(H5Tset_size(type.id(), H5T_VARIABLE), "size", "the string type");
  check(H5Tset_cset(type.id(), H5T_CSET_UTF8), "set UTF-8 on", "the string type");
  return type;
}

CompoundType::CompoundType(std::size_t memory_size, std::string_view name)
    : name_(name), memory_(datatype_handle(H5Tcreate(H5T_COMPOUND, memory_size), "create", name)) {}

void CompoundType::add(const char* field, std::size_t memory_offset, hid_t memory_type,
                       hid_t file_type) {
  check(H5Tinsert(memory_.id(), field, memory_offset, memory_type), "add a field to", name_);
  fields_.push_back({field, file_type});
}

void CompoundType::finish() {
  std::size_t size = 0;
  for (const Field& f : fields_) size += H5Tget_size(f.file_type);
  file_ = datatype_handle(H5Tcreate(H5T_COMPOUND, size), "create", name_);
  std::size_t offset = 0;
  for (const Field& f : fields_) {
    check(H5Tinsert(file_.id(), f.name.c_str(), offset, f.file_type), "add a field to", name_);
    offset += H5Tget_size(f.file_type);
  }
}

Handle create_group(hid_t parent, const std::string& name, bool track_order) {
  Handle gcpl = plist_handle(H5Pcreate(H5P_GROUP_CREATE), "create", "a group property list");
  // Same results, same bytes: no modification times in object headers.
  check(H5Pset_obj_track_times(gcpl.id(), 0), "configure", "a group property list");
  if (track_order)
    check(H5Pset_link_creation_order(gcpl.id(), H5P_CRT_ORDER_TRACKED | H5P_CRT_ORDER_INDEXED),
          "configure", "a group property list");
  hid_t id = H5Gcreate2(parent, name.c_str(), H5P_DEFAULT, gcpl.id(), H5P_DEFAULT);
  if (id < 0) fail_in("create group", parent, name);
  return Handle(id, H5Gclose);
}

Handle open_group(hid_t parent, const std::string& name) {
  hid_t id = H5Gopen2(parent, name.c_str(), H5P_DEFAULT);
  if (id < 0) fail_in("open group", parent, name);
  return Handle(id, H5Gclose);
}

Handle open_dataset(hid_t parent, const std::string& name) {
  hid_t id = H5Dopen2(parent, name.c_str(), H5P_DEFAULT);
  if (id < 0) fail_in("open dataset", parent, name);
  return Handle(id, H5Dclose);
}

bool link_exists(hid_t parent, const std::string& name) {
  return check_in(H5Lexists(parent, name.c_str(), H5P_DEFAULT), "look up", parent, name) > 0;
}

std::vector<std::string> member_names(hid_t group) {
  H5G_info_t info;
  check_on(H5Gget_info(group, &info), "read the group info of", group);
  // Creation order when the group tracks it, else name order.
  Handle gcpl(check_on(H5Gget_create_plist(group), "read the properties of", group), H5Pclose);
  unsigned flags = 0;
  check_on(H5Pget_link_creation_order(gcpl.id(), &flags), "read the properties of", group);
  H5_index_t index = (flags & H5P_CRT_ORDER_INDEXED) != 0 ? H5_INDEX_CRT_ORDER : H5_INDEX_NAME;
  std::vector<std::string> names;
  for (hsize_t i = 0; i < info.nlinks; ++i) {
    ssize_t size = H5Lget_name_by_idx(group, ".", index, H5_ITER_INC, i, nullptr, 0, H5P_DEFAULT);
    check_on(size, "list the members of", group);
    std::string name(static_cast<std::size_t>(size), '\0');
    check_on(H5Lget_name_by_idx(group, ".", index, H5_ITER_INC, i, name.data(), name.size() + 1,
                                H5P_DEFAULT),
             "list the members of", group);
    names.push_back(std::move(name));
  }
  return names;
}

void write_string_attribute(hid_t object, const char* name, std::string_view value) {
  Handle type = utf8_string_type();
  Handle space = scalar_space();
  std::string text(value);
  const char* data = text.c_str();
  hid_t id = H5Acreate2(object, name, type.id(), space.id(), H5P_DEFAULT, H5P_DEFAULT);
  if (id < 0) fail_in("create attribute", object, name);
  Handle attribute(id, H5Aclose);
  check_in(H5Awrite(attribute.id(), type.id(), &data), "write attribute", object, name);
}

void write_string_array_attribute(hid_t object, const char* name,
                                  const std::vector<std::string>& values) {
  Handle type = utf8_string_type();
  Handle space = simple_space({values.size()}, nullptr);
  std::vector<const char*> data;
  for (const std::string& v : values) data.push_back(v.c_str());
  hid_t id = H5Acreate2(object, name, type.id(), space.id(), H5P_DEFAULT, H5P_DEFAULT);
  if (id < 0) fail_in("create attribute", object, name);
  Handle attribute(id, H5Aclose);
  if (!data.empty())
    check_in(H5Awrite(attribute.id(), type.id(), data.data()), "write attribute", object, name);
}

namespace {
// A scalar numeric attribute: stored as `file_type` (little-endian, fixed width), written from
// `memory_type`.
void write_scalar_attribute(hid_t object, const char* name, hid_t file_type, hid_t memory_type,
                            const void* value) {
  Handle space = scalar_space();
  hid_t id = H5Acreate2(object, name, file_type, space.id(), H5P_DEFAULT, H5P_DEFAULT);
  if (id < 0) fail_in("create attribute", object, name);
  Handle attribute(id, H5Aclose);
  check_in(H5Awrite(attribute.id(), memory_type, value), "write attribute", object, name);
}
}  // namespace

void write_int32_attribute(hid_t object, const char* name, std::int32_t value) {
  write_scalar_attribute(object, name, H5T_STD_I32LE, H5T_NATIVE_INT32, &value);
}

void write_int64_attribute(hid_t object, const char* name, std::int64_t value) {
  write_scalar_attribute(object, name, H5T_STD_I64LE, H5T_NATIVE_INT64, &value);
}

void write_uint64_attribute(hid_t object, const char* name, std::uint64_t value) {
  write_scalar_attribute(object, name, H5T_STD_U64LE, H5T_NATIVE_UINT64, &value);
}

bool attribute_exists(hid_t object, const char* name) {
  return check_in(H5Aexists(object, name), "look up attribute", object, name) > 0;
}

bool attribute_is_string(hid_t object, const char* name) {
  Handle attribute = open_attribute(object, name);
  Handle type(check_in(H5Aget_type(attribute.id()), "read the type of", object, name), H5Tclose);
  return H5Tget_class(type.id()) == H5T_STRING;
}

std::string read_string_attribute(hid_t object, const char* name) {
  Handle attribute = open_attribute(object, name);
  Handle type(check_in(H5Aget_type(attribute.id()), "read the type of", object, name), H5Tclose);
  if (H5Tget_class(type.id()) != H5T_STRING)
    throw Failure(fmt::format("{} is not a string", child_path(object, name)));
  Handle space(check_in(H5Aget_space(attribute.id()), "read the shape of", object, name), H5Sclose);
  if (H5Sget_simple_extent_npoints(space.id()) != 1)
    throw Failure(fmt::format("{} is not a single string", child_path(object, name)));
  htri_t variable = check_in(H5Tis_variable_str(type.id()), "read the type of", object, name);
  if (variable > 0) {
    Handle memory = utf8_string_type();
    char* data = nullptr;
    check_in(H5Aread(attribute.id(), memory.id(), &data), "read attribute", object, name);
    std::string value = data != nullptr ? std::string(data) : std::string();
    H5free_memory(data);
    return value;
  }
  // Fixed length: read with the file's own size; the value may or may not be null-terminated.
  std::size_t size = H5Tget_size(type.id());
  Handle memory = datatype_handle(H5Tcopy(H5T_C_S1), "copy", "the string type");
  check(H5Tset_size(memory.id(), size + 1), "size", "the string type");
  std::string buffer(size + 1, '\0');
  check_in(H5Aread(attribute.id(), memory.id(), buffer.data()), "read attribute", object, name);
  buffer.resize(std::strlen(buffer.c_str()));
  return buffer;
}

std::vector<std::string> read_string_array_attribute(hid_t object, const char* name) {
  Handle attribute = open_attribute(object, name);
  Handle space(check_in(H5Aget_space(attribute.id()), "read the shape of", object, name), H5Sclose);
  hssize_t count =
      check_in(H5Sget_simple_extent_npoints(space.id()), "read the shape of", object, name);
  if (count == 0) return {};
  Handle memory = utf8_string_type();
  std::vector<char*> data(static_cast<std::size_t>(count), nullptr);
  check_in(H5Aread(attribute.id(), memory.id(), data.data()), "read attribute", object, name);
  std::vector<std::string> values;
  for (char* s : data) values.emplace_back(s != nullptr ? s : "");
  H5Dvlen_reclaim(memory.id(), space.id(), H5P_DEFAULT, data.data());
  return values;
}

std::int64_t read_int64_attribute(hid_t object, const char* name) {
  Handle attribute = open_attribute(object, name);
  std::int64_t value = 0;
  check_in(H5Aread(attribute.id(), H5T_NATIVE_INT64, &value), "read attribute", object, name);
  return value;
}

std::uint64_t read_uint64_attribute(hid_t object, const char* name) {
  Handle attribute = open_attribute(object, name);
  std::uint64_t value = 0;
  check_in(H5Aread(attribute.id(), H5T_NATIVE_UINT64, &value), "read attribute", object, name);
  return value;
}

Handle create_dataset(hid_t parent, const std::string& name, hid_t file_type,
                      const DatasetLayout& layout) {
  Handle space = simple_space(layout.dims, layout.max_dims.empty() ? nullptr : &layout.max_dims);
  Handle dcpl = plist_handle(H5Pcreate(H5P_DATASET_CREATE), "create", "a dataset property list");
  check(H5Pset_obj_track_times(dcpl.id(), 0), "configure", "a dataset property list");
  if (!layout.chunk.empty()) {
    check(H5Pset_chunk(dcpl.id(), static_cast<int>(layout.chunk.size()), layout.chunk.data()),
          "set the chunks of", name);
    if (layout.compress) {
      // Shuffle before deflate: the bytes of neighbouring doubles group by significance, which
      // compresses slowly varying series several times better.
      check(H5Pset_shuffle(dcpl.id()), "set the shuffle filter of", name);
      check(H5Pset_deflate(dcpl.id(), static_cast<unsigned>(layout.deflate_level)),
            "set the deflate filter of", name);
    }
  }
  if (layout.fill != nullptr)
    check(H5Pset_fill_value(dcpl.id(), H5T_NATIVE_DOUBLE, layout.fill), "set the fill value of",
          name);
  else if (layout.fill_bytes != nullptr)
    check(H5Pset_fill_value(dcpl.id(), file_type, layout.fill_bytes), "set the fill value of",
          name);
  hid_t id =
      H5Dcreate2(parent, name.c_str(), file_type, space.id(), H5P_DEFAULT, dcpl.id(), H5P_DEFAULT);
  if (id < 0) fail_in("create dataset", parent, name);
  return Handle(id, H5Dclose);
}

std::vector<hsize_t> dataset_dims(hid_t dataset) {
  Handle space(check_on(H5Dget_space(dataset), "get the dataspace of", dataset), H5Sclose);
  int rank = check_on(H5Sget_simple_extent_ndims(space.id()), "read the shape of", dataset);
  std::vector<hsize_t> dims(static_cast<std::size_t>(rank));
  check_on(H5Sget_simple_extent_dims(space.id(), dims.data(), nullptr), "read the shape of",
           dataset);
  return dims;
}

void extend(hid_t dataset, const std::vector<hsize_t>& dims) {
  check_on(H5Dset_extent(dataset, dims.data()), "extend", dataset);
}

void write_block(hid_t dataset, hid_t memory_type, const std::vector<hsize_t>& start,
                 const std::vector<hsize_t>& count, const void* data) {
  for (hsize_t c : count)
    if (c == 0) return;  // nothing to write; HDF5 refuses empty hyperslabs
  Handle file_space = selection(dataset, start, count);
  Handle memory_space = simple_space(count, nullptr);
  check_on(H5Dwrite(dataset, memory_type, memory_space.id(), file_space.id(), H5P_DEFAULT, data),
           "write", dataset);
}

void read_block(hid_t dataset, hid_t memory_type, const std::vector<hsize_t>& start,
                const std::vector<hsize_t>& count, void* data) {
  for (hsize_t c : count)
    if (c == 0) return;
  std::vector<hsize_t> dims = dataset_dims(dataset);
  for (std::size_t d = 0; d < dims.size() && d < start.size(); ++d)
    if (start[d] + count[d] > dims[d])
      throw Failure(fmt::format("{} is smaller than expected", path_of(dataset)));
  Handle file_space = selection(dataset, start, count);
  Handle memory_space = simple_space(count, nullptr);
  check_on(H5Dread(dataset, memory_type, memory_space.id(), file_space.id(), H5P_DEFAULT, data),
           "read", dataset);
}

void write_strings(hid_t dataset, const std::vector<std::string>& values) {
  if (values.empty()) return;
  Handle type = utf8_string_type();
  std::vector<const char*> data;
  for (const std::string& v : values) data.push_back(v.c_str());
  check_on(H5Dwrite(dataset, type.id(), H5S_ALL, H5S_ALL, H5P_DEFAULT, data.data()), "write",
           dataset);
}

std::vector<std::string> read_strings(hid_t dataset) {
  Handle space(check_on(H5Dget_space(dataset), "get the dataspace of", dataset), H5Sclose);
  hssize_t count = check_on(H5Sget_simple_extent_npoints(space.id()), "read the shape of", dataset);
  if (count == 0) return {};
  Handle type = utf8_string_type();
  std::vector<char*> data(static_cast<std::size_t>(count), nullptr);
  check_on(H5Dread(dataset, type.id(), H5S_ALL, H5S_ALL, H5P_DEFAULT, data.data()), "read",
           dataset);
  std::vector<std::string> values;
  for (char* s : data) values.emplace_back(s != nullptr ? s : "");
  H5Dvlen_reclaim(type.id(), space.id(), H5P_DEFAULT, data.data());
  return values;
}

void set_scale(hid_t dataset, const char* axis_name) {
  check_on(H5DSset_scale(dataset, axis_name), "make a dimension scale of", dataset);
}

void attach_scale(hid_t dataset, hid_t scale, unsigned dimension) {
  check_on(H5DSattach_scale(dataset, scale, dimension), "attach a dimension scale to", dataset);
  // The axis name as the dimension's label too: h5py, xarray and h5dump show labels directly.
  char name[64] = {};
  check_on(H5DSget_scale_name(scale, name, sizeof name), "read the name of", scale);
  check_on(H5DSset_label(dataset, dimension, name), "label a dimension of", dataset);
}

void attach_scale(hid_t dataset, hid_t scale, unsigned dimension, std::string_view label) {
  check_on(H5DSattach_scale(dataset, scale, dimension), "attach a dimension scale to", dataset);
  const std::string text(label);
  check_on(H5DSset_label(dataset, dimension, text.c_str()), "label a dimension of", dataset);
}

}  // namespace regiesim::io::h5
