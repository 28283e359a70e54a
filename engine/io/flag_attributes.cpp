#include "io/flag_attributes.hpp"

#include <string>
#include <vector>

#include "io/hdf5_handle.hpp"

namespace regiesim::io {

namespace {

void add_to_dataset(hid_t parent, const std::string& name) {
  h5::Handle dataset =
      h5::dataset_handle(H5Dopen2(parent, name.c_str(), H5P_DEFAULT), "open", name);
  h5::Handle type = h5::datatype_handle(H5Dget_type(dataset.id()), "get", "the type");
  if (H5Tget_class(type.id()) != H5T_ENUM) return;
  if (H5Aexists(dataset.id(), "flag_values") > 0) return;
  const int members = H5Tget_nmembers(type.id());
  if (members <= 0) return;
  h5::Handle base = h5::datatype_handle(H5Tget_super(type.id()), "get", "the enum's base type");
  const std::size_t size = H5Tget_size(base.id());
  std::vector<unsigned char> values(static_cast<std::size_t>(members) * size);
  std::string meanings;
  for (int m = 0; m < members; ++m) {
    H5Tget_member_value(type.id(), static_cast<unsigned>(m),
                        values.data() + static_cast<std::size_t>(m) * size);
    char* member = H5Tget_member_name(type.id(), static_cast<unsigned>(m));
    if (member != nullptr) {
      if (!meanings.empty()) meanings.push_back(' ');
      meanings.append(member);
      H5free_memory(member);
    }
  }
  const hsize_t count = static_cast<hsize_t>(members);
  h5::Handle space =
      h5::dataspace_handle(H5Screate_simple(1, &count, nullptr), "create", "the flag_values space");
  h5::Handle attribute = h5::attribute_handle(
      H5Acreate2(dataset.id(), "flag_values", base.id(), space.id(), H5P_DEFAULT, H5P_DEFAULT),
      "create", "flag_values");
  if (H5Awrite(attribute.id(), base.id(), values.data()) < 0)
    throw h5::Failure("cannot write flag_values of " + name);
  h5::write_string_attribute(dataset.id(), "flag_meanings", meanings);
}

// Every member of `group`, groups recursively (a file's tree has no cycles: it is written here).
void walk(hid_t group) {
  for (const std::string& name : h5::member_names(group)) {
    h5::Handle object(H5Oopen(group, name.c_str(), H5P_DEFAULT), H5Oclose);
    if (object.id() < 0) throw h5::Failure("cannot open " + name + " to label its enums");
    const H5I_type_t kind = H5Iget_type(object.id());
    if (kind == H5I_GROUP)
      walk(object.id());
    else if (kind == H5I_DATASET)
      add_to_dataset(group, name);
  }
}

}  // namespace

void add_flag_attributes(hid_t file) {
  h5::Handle root = h5::open_group(file, "/");
  walk(root.id());
}

}  // namespace regiesim::io
