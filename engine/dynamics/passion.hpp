#pragma once
// Passion spreads over trusted ties and fades without visible progress (C13, P12).
#include <cstdint>
#include <vector>

#include "model/parameters.hpp"
#include "model/state.hpp"
#include "network/network.hpp"

namespace regiesim::dynamics {

// For each active partner i, in `order`:
//   pulled_i  = p_i + contagion * (sum_j T_ij p_j / sum_j T_ij - p_i)   over active ties j
//   p_i      <- pulled_i * (1 - fade * (1 - visible))
// With random_sequential or fixed activation, p_j is j's value at i's turn (earlier partners have
// moved); with synchronous activation every partner reads the start-of-process values, kept in
// `before` (sized like passion). Both factors are convex, so passion stays in [0, 1].
void update_passion(const network::Network& net, const model::Parameters& p,
                    const model::Flags& active, const Eigen::ArrayXd& trust, double visible,
                    const std::vector<std::int32_t>& order, Eigen::ArrayXd& before,
                    Eigen::ArrayXd& passion);

}  // namespace regiesim::dynamics
