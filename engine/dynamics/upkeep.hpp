#pragma once
// A structural collaboration decays without regie (C15, C16, C2, C10, C17; docs/ODD.md 7.13):
// focus, salience, known interests, clarity, acknowledgement, awareness and the influence ledger
// fade every week.
#include "model/chunk_executor.hpp"
#include "model/parameters.hpp"
#include "model/state.hpp"

namespace regiesim::dynamics {

// For every active i: f -= focus.decay (1 - focus.hold C Ohat_i) f; z -= salience_decay z;
// kappa -= interests.forgetting kappa. Q -= clarity_decay Q; A_P -= acknowledgement_decay A_P;
// A_R -= awareness_decay A_R; every Lambda_j (active or not) and Lambda_R *= 1 - ownership.memory.
// Ohat_i is read before the ledger decays.
void upkeep(const model::Parameters& p, model::PartnerState& partners, model::OpgaveState& opgave,
            model::RegisseurState& regisseur,
            const model::ChunkExecutor& executor = model::serial_executor());

}  // namespace regiesim::dynamics
