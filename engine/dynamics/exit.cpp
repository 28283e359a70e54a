#include "dynamics/exit.hpp"

#include "model/work.hpp"

namespace regiesim::dynamics {

int leave(const model::Parameters& p, std::int32_t step, model::PartnerState& partners,
          record::EventLog& log) {
  int left = 0;
  model::count_partners(partners.active.size());
  for (Eigen::Index i = 0; i < partners.active.size(); ++i) {
    if (partners.active[i] == 0) continue;
    if (partners.commitment[i] >= p.exit_threshold) {
      partners.weeks_low[i] = 0;
      continue;
    }
    if (++partners.weeks_low[i] < p.exit_patience) continue;
    partners.active[i] = 0;
    partners.allocation[i] = 0.0;  // an unfinished allocation leaves with its capabilities
    ++left;
    log.add({.step = step,
             .kind = record::EventKind::exit,
             .source = static_cast<std::int32_t>(i),
             .target = record::kWholeGroup,
             .cost = 0.0,
             .value = partners.commitment[i]});
  }
  return left;
}

}  // namespace regiesim::dynamics
