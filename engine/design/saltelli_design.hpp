#pragma once
// The Saltelli scheme for Sobol indices (Saltelli 2002; Saltelli et al. 2010): two matrices A and
// B of N rows from one Sobol sequence of twice the dimensions (A its first k columns, B its last
// k), and for each column i the matrix AB_i, which is A with column i taken from B. N (k + 2)
// points; first-order and total indices follow from the model's values at them alone. With
// second order, also BA_i, B with column i taken from A (Saltelli 2002): f(BA_i) and f(AB_j)
// share x_i (from A) and x_j (from B) and nothing else, so the mean of their product estimates
// the closed variance V_ij^c. N (2k + 2) points.
#include <cstdint>

#include "design/design.hpp"

namespace regiesim::design {

// Appends the points of base size N to `design` (dimensions k set), row by row: for row j, A_j,
// then AB_0 .. AB_(k-1) row j, then (second order only) BA_0 .. BA_(k-1) row j, then B_j -- the
// order SALib's Saltelli sampler uses, so its analyser reads the per-point means as they stand.
// Without second order the points are exactly those of the first-order scheme.
void add_saltelli_points(std::int64_t base_samples, bool second_order, Design& design);

}  // namespace regiesim::design
