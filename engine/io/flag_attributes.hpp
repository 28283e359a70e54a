#pragma once
// Labels for choices that netCDF readers understand: every enum dataset of a results file (run
// status, event kinds, meeting modes, protocols, choices in /parameters, design roles) also gets
// the CF attributes `flag_values` (the enum's values, in its base integer type) and
// `flag_meanings` (its names, space-separated), so xarray and other readers that do not know
// HDF5 enums still show "controlling", not 2. The enums themselves stay: h5py reads them as such.
#include <hdf5.h>

namespace regiesim::io {

// Walks every dataset of the open file `file` and writes the two attributes beside each enum
// dataset that lacks them. Called once, when the file is complete.
void add_flag_attributes(hid_t file);

}  // namespace regiesim::io
