#pragma once
// Trust on directed ties: built by good experiences in meetings, lost faster by bad ones (P11,
// Slovic 1993), fading without contact (C1), spoilt by misunderstandings between disciplines
// (C4), pulled toward the fairness of agreements (C14); and trust in the regisseur (C5).
// docs/ODD.md 7.8.
#include <cstdint>

#include "model/chunk_executor.hpp"
#include "model/parameters.hpp"
#include "model/state.hpp"
#include "network/network.hpp"
#include "random/random_stream.hpp"

namespace regiesim::dynamics {

// For every directed tie i->j between active partners:
//   met, good experience:  T += gain * (1 - T)
//   met, bad experience:   T -= loss * T
//   not met:               T -= decay * T
// i's experience of j is good with probability (1 + m_j) / 2 (1 - mu_ij), drawn from the stream
// (step, Purpose::experience, i, j). Ties of a partner who left keep their last value.
void update_trust(const network::Network& net, const model::Parameters& p,
                  const model::PartnerState& partners, double language, const model::Flags& met,
                  random::RunSeed seed, std::int32_t step, Eigen::ArrayXd& trust,
                  const model::ChunkExecutor& executor = model::serial_executor());

// For each meeting with an agreement this week (Meeting::agreed), in meeting order, each ordered
// pair of the agreement's parties joined by a tie: T_ij += trust.fairness (phi - T_ij), phi = 1 -
// the distance of the agreed shares from the Nash shares (C14: a fair division builds trust, an
// unfair one erodes it).
void trust_after_agreements(const network::Network& net, const model::Parameters& p,
                            const model::Meetings& meetings, Eigen::ArrayXd& trust);

// Trust in the regisseur: a partner who sat in a convened meeting gains
// trust.regisseur_gain eta_convene (1 - V); one whom no applied intervention named this week
// loses trust.decay V. (Interventions' own effects on V are applied with them.)
void update_trust_in_regisseur(const model::Parameters& p, const model::Flags& in_convened,
                               const model::Flags& named, model::PartnerState& partners);

// How many edges ahead a scan in edge order asks for its far end's active flag: a rewired tie's far
// end is a random partner, a cache miss at 10^6 partners.
inline constexpr std::int64_t kActiveAhead = 32;

// Mean trust over the directed ties between active partners, summed in edge order; 0 without
// such ties.
double mean_trust_between_active(const network::Network& net, const Eigen::ArrayXd& trust,
                                 const model::Flags& active);

// Mean trust of partner i in its active ties (0 without any).
double trust_given(const network::Network& net, const Eigen::ArrayXd& trust,
                   const model::Flags& active, std::int32_t i);

}  // namespace regiesim::dynamics
