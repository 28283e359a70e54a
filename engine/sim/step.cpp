#include "sim/step.hpp"

#include "dynamics/co_creation.hpp"
#include "dynamics/commitment.hpp"
#include "dynamics/exit.hpp"
#include "dynamics/meetings.hpp"
#include "dynamics/passion.hpp"
#include "dynamics/trust.hpp"
#include "regie/convene.hpp"
#include "sim/activation.hpp"

namespace regiesim::sim {

void step(const scenario::ScenarioSpec& spec, const network::Network& net, RunSeed seed,
          model::State& s, EventLog& log) {
  using namespace dynamics;
  const auto& p = spec.parameters;
  const std::int32_t t = s.step + 1;
  auto& partners = s.partners;
  s.tallies = {};

  const bool plenary = regie::convene(p, partners.active, t, log, s.tallies.regie_effort);
  s.tallies.meetings = meet(net, p, partners.active, plenary, seed, t, s.met);
  update_trust(net, p, partners, s.met, seed, t, s.trust);
  const double remaining = 1.0 - s.realisation;
  const double trust_now = mean_trust_between_active(net, s.trust, partners.active);
  const double gain = co_create(p, partners, trust_now, s.realisation);
  const double visible = visible_progress(p, gain, remaining);
  draw_activation_order(p.activation, seed, t, s.order);
  update_passion(net, p, partners.active, s.trust, visible, s.order, s.passion_before,
                 partners.passion);
  update_commitment(net, p, s.trust, partners);
  leave(p, t, partners, log);
  s.step = t;
}

}  // namespace regiesim::sim
