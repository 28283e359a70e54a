#include "sim/step.hpp"

#include "dynamics/co_creation.hpp"
#include "dynamics/commitment.hpp"
#include "dynamics/exit.hpp"
#include "dynamics/focus.hpp"
#include "dynamics/goal.hpp"
#include "dynamics/meeting_mode.hpp"
#include "dynamics/meetings.hpp"
#include "dynamics/passion.hpp"
#include "dynamics/perspectives.hpp"
#include "dynamics/settlement.hpp"
#include "dynamics/trust.hpp"
#include "dynamics/upkeep.hpp"
#include "regie/apply.hpp"
#include "regie/observation.hpp"
#include "regie/strategies.hpp"
#include "sim/activation.hpp"

namespace regiesim::sim {

namespace {

// The week's meetings into /meetings (record level series) and their modes into the tallies.
void tally_meetings(std::int32_t t, const model::Meetings& meetings, model::StepTallies& tallies,
                    record::EventLog& log) {
  for (const auto& m : meetings.list) {
    tallies.meetings_negotiating += m.negotiate ? 1 : 0;
    tallies.meetings_cocreating += m.negotiate ? 0 : 1;
    tallies.meetings_debate += m.debate ? 1 : 0;
    if (!log.recording()) continue;
    log.add_meeting(t,
                    m.negotiate ? record::MeetingMode::negotiate : record::MeetingMode::co_create,
                    m.convened ? record::Convener::regisseur : record::Convener::spontaneous);
    for (std::int32_t a = 0; a < m.size; ++a)
      log.add_participant(meetings.participants[static_cast<std::size_t>(m.first + a)]);
  }
}

}  // namespace

// One week, docs/ODD.md 3.1: processes 1..15 in this order, one call each.
void step(const scenario::ScenarioSpec& spec, const network::Network& net, RunSeed seed,
          model::State& s, record::EventLog& log,
          std::optional<std::span<const model::InterventionRequest>> players,
          const model::ChunkExecutor& executor) {
  using namespace dynamics;
  const auto& p = spec.parameters;
  const std::int32_t t = s.step + 1;
  auto& partners = s.partners;
  s.last_tallies = s.tallies;
  s.tallies = {};
  const double before = s.realisation;

  const regie::Observation seen = regie::observe(s, net, t);  // 1
  regie::ChooserContext chooser{p, seen, seed, s.regisseur, s.candidates, s.scratch_ids};
  if (players)
    regie::choose_for_player(chooser, *players, s.chosen);  // 2, play mode
  else
    regie::choose(chooser, spec.plan, s.chosen);            // 2
  regie::apply_interventions(net, p, s.chosen, t, s, log);  // 3
  s.tallies.meetings =
      form_meetings(net, p, partners.active, seed, t, s.meetings, s.met, executor);       // 4
  decide_modes(p, partners, s.opgave, seed, t, s.scratch_partner, s.meetings, executor);  // 5
  const std::int32_t first_meeting = log.meeting_count();
  tally_meetings(t, s.meetings, s.tallies, log);
  s.tallies.agreements = settle_negotiations(p, s.opgave, t, first_meeting, partners, s.meetings,
                                             s.negotiations, s.bargain, log);  // 6
  meeting_effects(p, s.meetings, partners, s.opgave.language);                 // 7
  update_perspectives(p, s.meetings, s.scratch_partner, s.scratch_partner2, partners,
                      s.opgave.confidence);  // 8
  goal_in_meetings(p, t, s.meetings, partners, s.opgave);
  update_trust(net, p, partners, s.opgave.language, s.met, seed, t, s.trust, executor);  // 9
  trust_after_agreements(net, p, s.meetings, s.trust);
  update_trust_in_regisseur(p, s.in_convened, s.named, partners);
  co_create(net, p, s.trust, partners, s.opgave, s.regisseur, s.realisation, s.scratch_partner,
            s.scratch_flags, s.scratch_sort, executor);   // 10
  draw_activation_order(p.activation, seed, t, s.order);  // 11
  update_passion(net, p, partners.active, s.trust, s.opgave.visible, partners.intrinsic_passion,
                 s.order, s.passion_before, partners.passion);                    // 12
  update_commitment(net, p, s.trust, s.opgave, s.regisseur, partners, executor);  // 13
  upkeep(p, partners, s.opgave, s.regisseur, executor);                           // 14
  s.tallies.exits = leave(p, t, partners, log);                                   // 15
  s.tallies.progress = s.realisation - before;
  s.step = t;
}

}  // namespace regiesim::sim
