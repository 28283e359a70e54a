#pragma once
// Trust on directed ties: built by good experiences in meetings, lost faster by bad ones (P11,
// Slovic 1993), fading without contact (C1).
#include <cstdint>

#include "model/parameters.hpp"
#include "model/state.hpp"
#include "network/network.hpp"
#include "random/random_stream.hpp"

namespace regiesim::dynamics {

// For every directed tie i->j between active partners:
//   met, good experience:  T += gain * (1 - T)
//   met, bad experience:   T -= loss * T
//   not met:               T -= decay * T
// i's experience of j is good with probability (1 + commitment_j) / 2, drawn from the stream
// (step, Purpose::experience, i, j): a committed partner mostly delivers, an uncommitted one is a
// coin flip. Ties of a partner who left keep their last value.
void update_trust(const network::Network& net, const model::Parameters& p,
                  const model::PartnerState& partners, const model::Flags& met, sim::RunSeed seed,
                  std::int32_t step, Eigen::ArrayXd& trust);

// Mean trust over the directed ties between active partners, summed in edge order; 0 without
// such ties.
double mean_trust_between_active(const network::Network& net, const Eigen::ArrayXd& trust,
                                 const model::Flags& active);

// Mean trust of partner i in its active ties (0 without any).
double trust_given(const network::Network& net, const Eigen::ArrayXd& trust,
                   const model::Flags& active, std::int32_t i);

}  // namespace regiesim::dynamics
