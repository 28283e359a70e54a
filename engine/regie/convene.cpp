#include "regie/convene.hpp"

namespace regiesim::regie {

bool convene(const model::Parameters& p, const model::Flags& active, std::int32_t step,
             sim::EventLog& log, double& effort) {
  if (p.regisseur_convene_interval <= 0 || step % p.regisseur_convene_interval != 0) return false;
  std::int64_t present = 0;
  for (Eigen::Index i = 0; i < active.size(); ++i) present += active[i];
  const double cost = p.arsenal[model::arsenal_index(model::Intervention::convene)].cost +
                      p.regisseur_seat_cost * static_cast<double>(present);
  effort += cost;
  log.add({.step = step,
           .kind = sim::EventKind::convene,
           .source = sim::kRegisseur,
           .target = sim::kWholeGroup,
           .cost = cost,
           .value = static_cast<double>(present)});
  if (log.recording()) {
    log.add_meeting(step, sim::MeetingMode::plenary, sim::Convener::regisseur);
    for (Eigen::Index i = 0; i < active.size(); ++i)
      if (active[i] != 0) log.add_participant(static_cast<std::int32_t>(i));
  }
  return true;
}

}  // namespace regiesim::regie
