#pragma once
// The Saltelli scheme for Sobol indices (Saltelli 2002; Saltelli et al. 2010): two matrices A and
// B of N rows from one Sobol sequence of twice the dimensions (A its first k columns, B its last
// k), and for each column i the matrix AB_i, which is A with column i taken from B. N (k + 2)
// points; first-order and total indices follow from the model's values at them alone.
#include <cstdint>

#include "design/design.hpp"

namespace regiesim::design {

// Appends the points of base size N to `design` (dimensions k set), row by row: for row j, A_j,
// then AB_0 .. AB_(k-1) row j, then B_j -- the order SALib's Saltelli sampler uses, so its
// analyser reads the per-point means as they stand.
void add_saltelli_points(std::int64_t base_samples, Design& design);

}  // namespace regiesim::design
