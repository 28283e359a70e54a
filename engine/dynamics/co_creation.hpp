#pragma once
// Realising the opgave by co-creation (C3, C13, C14: making something in the outside world).
#include "model/parameters.hpp"
#include "model/state.hpp"

namespace regiesim::dynamics {

// Adds this week's co-created realisation to `realisation` and returns the gain:
//   coverage_k = sum over active i of commitment_i * capability_ik         (per dimension k)
//   weakest    = min over k of coverage_k / (coverage_k + saturation)      (C3: mutual dependence)
//   synergy    = (1 + trust_synergy * mean_trust) / (1 + trust_synergy)    (C13)
//   gain       = progress_rate * (1 - realisation) * weakest * synergy
// Every factor lies in [0, 1], so realisation stays in [0, 1].
double co_create(const model::Parameters& p, const model::PartnerState& partners, double mean_trust,
                 double& realisation);

// How visible this week's progress is to partners, 0..1: the gain as a share of what remained
// before it (1 - realisation), against opgave.visible_progress, capped at 1. Relative to what
// remains, so a collaboration that works keeps seeing progress as the opgave nears completion.
double visible_progress(const model::Parameters& p, double gain, double remaining);

}  // namespace regiesim::dynamics
