#include "dynamics/upkeep.hpp"

#include "dynamics/derived.hpp"
#include "model/work.hpp"

namespace regiesim::dynamics {

void upkeep(const model::Parameters& p, model::PartnerState& partners, model::OpgaveState& opgave,
            model::RegisseurState& regisseur, const model::ChunkExecutor& executor) {
  // The ledgers and the active partners do not change in this loop: their totals are summed once.
  const LedgerTotals totals = ledger_totals(partners, regisseur);
  model::count_partners(partners.active.size());
  // Each partner writes only its own focus, salience and knowledge of interests: chunks of
  // partners are independent.
  model::for_each_chunk(
      executor, partners.active.size(), [&](std::int64_t first, std::int64_t last) {
        for (Eigen::Index i = first; i < last; ++i) {
          if (partners.active[i] == 0) continue;
          const double owned = felt_ownership(p, totals, partners, regisseur, i);
          partners.focus[i] -= p.focus_decay * (1.0 - p.focus_hold * opgave.concreteness * owned) *
                               partners.focus[i];
          partners.salience[i] -= p.interests_salience_decay * partners.salience[i];
          partners.interests_known[i] -= p.interests_forgetting * partners.interests_known[i];
        }
      });
  opgave.clarity -= p.opgave_clarity_decay * opgave.clarity;
  opgave.acknowledgement -= p.perspectives_acknowledgement_decay * opgave.acknowledgement;
  regisseur.awareness -= p.regisseur_awareness_decay * regisseur.awareness;
  for (Eigen::Index j = 0; j < partners.influence.size(); ++j) {
    partners.influence[j] *= 1.0 - p.ownership_memory;
    partners.work_influence[j] *= 1.0 - p.ownership_memory;
  }
  regisseur.influence *= 1.0 - p.ownership_memory;
  regisseur.work_influence *= 1.0 - p.ownership_memory;
}

}  // namespace regiesim::dynamics
