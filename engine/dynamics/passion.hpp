#pragma once
// Passion spreads over trusted ties and fades without visible progress (C13, P12; docs/ODD.md
// 7.11).
#include <cstdint>
#include <vector>

#include "model/parameters.hpp"
#include "model/state.hpp"
#include "network/network.hpp"

namespace regiesim::dynamics {

// For each active partner i, in `order`:
//   pulled_i  = seen_i + contagion * (sum_j T_ij seen_j / sum_j T_ij - seen_i)   over active ties j
//   p_i      <- (1 - fade) pulled_i + fade * visible * p0_i
// Passion relaxes toward the partner's own passion p0_i while progress is visible and toward 0
// while it is not. With random_sequential or fixed activation, seen_j is j's value at i's turn;
// with synchronous activation every partner reads the start-of-process values, kept in `before`
// (sized like passion). Both steps are convex combinations, so passion stays in [0, 1].
void update_passion(const network::Network& net, const model::Parameters& p,
                    const model::Flags& active, const Eigen::ArrayXd& trust, double visible,
                    const Eigen::ArrayXd& intrinsic, const std::vector<std::int32_t>& order,
                    Eigen::ArrayXd& before, Eigen::ArrayXd& passion);

}  // namespace regiesim::dynamics
