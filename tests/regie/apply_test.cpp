#include "regie/apply.hpp"

#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

#include "network/network.hpp"
#include "sim/initial_state.hpp"
#include "support/small_scenario.hpp"

namespace regiesim::regie {
namespace {

using model::Intervention;

struct World {
  scenario::ScenarioSpec spec = testing::small_scenario(4, 2);
  network::Network net = network::from_ties(4, {{0, 1}, {0, 2}, {0, 3}, {1, 2}, {1, 3}, {2, 3}});
  model::State s;
  record::RunRecord record;
  record::EventLog log{&record};
  World() {
    spec.parameters.regisseur_capacity = 100.0;
    s = sim::initial_state(spec, net);
  }
  // The state at step 0 again, after a test changed the parameters it is made from.
  void restart() { s = sim::initial_state(spec, net); }
  void apply(std::vector<model::InterventionRequest> requests) {
    apply_interventions(net, spec.parameters, requests, 1, s, log);
  }
};

// The variables an intervention may change only if its row of the intervention table names them.
std::set<std::string> changed(const model::State& a, const model::State& b) {
  std::set<std::string> out;
  const auto differ = [](const Eigen::ArrayXd& x, const Eigen::ArrayXd& y) {
    return !(x == y).all();
  };
  if (differ(a.partners.passion, b.partners.passion)) out.insert("passion");
  if (differ(a.partners.commitment, b.partners.commitment)) out.insert("commitment");
  if (differ(a.partners.focus, b.partners.focus)) out.insert("focus");
  if (differ(a.partners.salience, b.partners.salience)) out.insert("salience");
  if (differ(a.partners.interests_known, b.partners.interests_known)) out.insert("interests_known");
  if (differ(a.partners.influence, b.partners.influence)) out.insert("influence");
  if (differ(a.partners.perspective, b.partners.perspective)) out.insert("perspective");
  if (differ(a.partners.trust_regisseur, b.partners.trust_regisseur)) out.insert("trust_regisseur");
  if (differ(a.trust, b.trust)) out.insert("trust");
  if (differ(a.opgave.goal, b.opgave.goal)) out.insert("goal");
  if (a.opgave.clarity != b.opgave.clarity) out.insert("clarity");
  if (a.opgave.concreteness != b.opgave.concreteness) out.insert("concreteness");
  if (a.opgave.language != b.opgave.language) out.insert("language");
  if (a.opgave.confidence != b.opgave.confidence) out.insert("confidence");
  if (a.opgave.acknowledgement != b.opgave.acknowledgement) out.insert("acknowledgement");
  if (a.opgave.organisation != b.opgave.organisation) out.insert("organisation");
  if (a.regisseur.awareness != b.regisseur.awareness) out.insert("awareness");
  if (a.regisseur.influence != b.regisseur.influence) out.insert("regisseur_influence");
  if (differ(a.regisseur.own_work, b.regisseur.own_work)) out.insert("own_work");
  if (!(a.partners.active == b.partners.active).all()) out.insert("active");
  if (!(a.partners.settled == b.partners.settled).all()) out.insert("settled");
  if (differ(a.partners.allocation, b.partners.allocation)) out.insert("allocation");
  return out;
}

std::set<std::string> changes_of(model::InterventionRequest request, double measured = 1.0) {
  World w;
  w.spec.parameters.ownership_measured = measured;
  w.s.opgave.clarity = 0.5;  // room for make_concrete to reopen and for clarify to add
  w.s.regisseur.awareness = 0.5;
  w.s.partners.salience.setConstant(0.5);
  w.s.partners.passion.setConstant(0.5);
  // Every partner delivered last week, so appreciation has something to appreciate (C5).
  w.s.partners.contribution.setConstant(0.2);
  w.s.partners.interests << 1, -1, 0.5, 0.5, -1, 1, 0, 1;  // a goal move is visible
  w.s.opgave.goal << 0.2, 0.8;
  // Interests half known: only a known interest pulls the goal (docs/ODD.md 7.7, C2).
  w.s.partners.interests_known.setConstant(0.5);
  // Partner 2 executes a negotiated allocation, so an intervention that un-settles shows it.
  w.s.partners.settled[2] = 1;
  w.s.partners.allocation[2] = 0.3;
  const model::State before = w.s;
  w.apply({request});
  return changed(before, w.s);
}

using Set = std::set<std::string>;

TEST(Interventions, EachChangesOnlyTheStateItsRowNames) {
  const std::int32_t all = model::kAllPartners;
  EXPECT_EQ(changes_of({Intervention::surface_interests, 1, 1.0}),
            (Set{"interests_known", "salience"}));
  // C14: refocusing turns settled partners back to co-creation.
  EXPECT_EQ(changes_of({Intervention::refocus, all, 1.0}), (Set{"focus", "settled", "allocation"}));
  EXPECT_EQ(changes_of({Intervention::clarify_goal, all, 1.0}),
            (Set{"goal", "clarity", "influence"}));
  EXPECT_EQ(changes_of({Intervention::commission_goal, all, 1.0}),
            (Set{"goal", "clarity", "concreteness", "regisseur_influence"}));
  EXPECT_EQ(changes_of({Intervention::make_concrete, all, 1.0}), (Set{"clarity", "concreteness"}));
  EXPECT_EQ(changes_of({Intervention::build_language, all, 1.0}), (Set{"language"}));
  // Ownership is measured (C16): a delegation and a control move no goal, so they write nothing
  // to the goal ledger; at ownership.measured = 0 the fixed entries of before.
  EXPECT_EQ(changes_of({Intervention::delegate, 1, 1.0}), (Set{"trust_regisseur"}));
  EXPECT_EQ(changes_of({Intervention::control, 1, 1.0}), (Set{"own_work", "trust_regisseur"}));
  EXPECT_EQ(changes_of({Intervention::delegate, 1, 1.0}, 0.0),
            (Set{"influence", "trust_regisseur"}));
  EXPECT_EQ(changes_of({Intervention::control, 1, 1.0}, 0.0),
            (Set{"own_work", "trust_regisseur", "regisseur_influence"}));
  EXPECT_EQ(changes_of({Intervention::appreciate, 1, 1.0}), (Set{"passion", "trust_regisseur"}));
  EXPECT_EQ(changes_of({Intervention::address_responsibility, 1, 1.0}),
            (Set{"commitment", "focus", "salience"}));
  EXPECT_EQ(changes_of({Intervention::release, 1, 1.0}), (Set{"active"}));
  EXPECT_EQ(changes_of({Intervention::organise, all, 1.0}), (Set{"organisation"}));
  EXPECT_EQ(changes_of({Intervention::reflect, all, 1.0}), (Set{"awareness", "salience"}));
  EXPECT_EQ(changes_of({Intervention::acknowledge_perspectives, all, 1.0}),
            (Set{"confidence", "acknowledgement"}));
  // C14: tabling the division makes divergent interests salient; no interests become known.
  EXPECT_EQ(changes_of({Intervention::table_division, 1, 1.0}), (Set{"salience"}));
  EXPECT_EQ(changes_of({Intervention::convene, all, 1.0}), (Set{}));  // acts through its meeting
}

// table_division (docs/ODD.md 2.1): z_i <- z_i + a (1 - z_i), a = eta iota tf, on its target only.
TEST(Interventions, TableDivision_RaisesTheTargetsSalienceTowardOne) {
  World w;
  w.spec.parameters.regisseur_trust_dependence = 0.0;  // tf = 1: a = eta
  w.restart();
  w.s.partners.salience.setConstant(0.4);
  const double kappa = w.s.partners.interests_known[1];
  w.apply({{Intervention::table_division, 1, 1.0}});
  const double eta =
      w.spec.parameters
          .arsenal[static_cast<std::size_t>(model::arsenal_index(Intervention::table_division))]
          .effectiveness;
  EXPECT_DOUBLE_EQ(w.s.partners.salience[1], 0.4 + eta * 0.6);
  EXPECT_EQ(w.s.partners.salience[0], 0.4);
  EXPECT_EQ(w.s.partners.interests_known[1], kappa);
}

// appreciate (docs/ODD.md 2.1; C5: show appreciation when others take their responsibility):
// p_i <- p_i + a (1 - w + w y_i / ymax)(1 - p_i), ymax the largest contribution of an active
// partner, w = regisseur.appreciation_contingency; the trust gain does not depend on it.
struct Appreciated {
  World w;
  double eta = 0.0;
  explicit Appreciated(double contingency) {
    w.spec.parameters.regisseur_trust_dependence = 0.0;  // tf = 1: a = eta
    w.spec.parameters.regisseur_appreciation_contingency = contingency;
    w.restart();
    w.s.partners.passion.setConstant(0.5);
    w.s.partners.trust_regisseur.setConstant(0.5);
    // Partner 3 left with the largest contribution of all: the largest is an active partner's.
    w.s.partners.contribution << 0.4, 0.2, 0.0, 1.0;
    w.s.partners.active[3] = 0;
    eta = w.spec.parameters
              .arsenal[static_cast<std::size_t>(model::arsenal_index(Intervention::appreciate))]
              .effectiveness;
    w.apply({{Intervention::appreciate, 0, 1.0},
             {Intervention::appreciate, 1, 1.0},
             {Intervention::appreciate, 2, 1.0}});
  }
};

TEST(Interventions, Appreciate_LiftsPassionByTheResponsibilityThePartnerTook) {
  const Appreciated by_merit(1.0);
  const auto& pr = by_merit.w.s.partners;
  const double eta = by_merit.eta;
  EXPECT_DOUBLE_EQ(pr.passion[0], 0.5 + eta * 1.0 * 0.5);  // the largest contribution
  EXPECT_DOUBLE_EQ(pr.passion[1], 0.5 + eta * 0.5 * 0.5);  // half the largest
  EXPECT_EQ(pr.passion[2], 0.5);                           // nothing done: no lift
  const double trust = 0.5 + eta * by_merit.w.spec.parameters.trust_regisseur_gain * 0.5;
  for (int i = 0; i < 3; ++i) EXPECT_DOUBLE_EQ(pr.trust_regisseur[i], trust) << i;
}

TEST(Interventions, Appreciate_AtContingencyZeroLiftsEveryPartnerAlike) {
  // The neutral value is the rule before: p_i <- p_i + a (1 - p_i), whatever the partner did.
  const Appreciated alike(0.0);
  const auto& pr = alike.w.s.partners;
  for (int i = 0; i < 3; ++i) EXPECT_EQ(pr.passion[i], 0.5 + alike.eta * (1.0 - 0.5)) << i;
}

TEST(Interventions, Appreciate_LiftsNothingWhenNobodyDelivered) {
  World w;
  w.spec.parameters.regisseur_appreciation_contingency = 1.0;
  w.restart();
  w.s.partners.contribution.setZero();  // week 1: nobody has delivered yet
  const double before = w.s.partners.passion[1];
  w.apply({{Intervention::appreciate, 1, 1.0}});
  EXPECT_EQ(w.s.partners.passion[1], before);
}

TEST(Interventions, ConveneAllFormsOneMeetingAndCostsItsSeats) {
  World w;
  w.apply({{Intervention::convene, model::kAllPartners, 1.0}});
  ASSERT_EQ(w.s.meetings.list.size(), 1u);
  EXPECT_EQ(w.s.meetings.list[0].size, 4);
  const auto& p = w.spec.parameters;
  EXPECT_DOUBLE_EQ(w.s.tallies.regie_effort, p.arsenal[0].cost + 4 * p.regisseur_seat_cost);
  EXPECT_EQ(w.s.in_convened.sum(), 4);
  ASSERT_EQ(w.record.events.size(), 1u);
  EXPECT_EQ(w.record.events[0].kind, record::EventKind::convene);
  EXPECT_EQ(w.record.events[0].value, 4.0);
}

TEST(Interventions, APartnerReleasedAfterBeingConvenedDoesNotAttend) {
  World w;
  w.apply({{Intervention::convene, model::kAllPartners, 1.0}, {Intervention::release, 2, 1.0}});
  ASSERT_EQ(w.s.meetings.list.size(), 1u);
  EXPECT_EQ(w.s.meetings.list[0].size, 3);
  EXPECT_EQ(w.s.meetings.participants, (std::vector<std::int32_t>{0, 1, 3}));
}

TEST(Interventions, LargeGroupsAreSplitIntoMeetingsOfAtMostMaxSize) {
  World w;
  w.spec.parameters.meetings_max_size = 3;
  w.apply({{Intervention::convene, model::kAllPartners, 1.0}});
  // 4 partners, groups of at most 3: {0, 1, 2}; the lone 3 is dropped.
  ASSERT_EQ(w.s.meetings.list.size(), 1u);
  EXPECT_EQ(w.s.meetings.list[0].size, 3);
}

TEST(Interventions, SkipsWhatExceedsCapacity_TargetsWhoLeft_AndDisabledOnes) {
  World w;
  w.spec.parameters.regisseur_capacity = 0.3;
  w.spec.parameters.arsenal[model::arsenal_index(Intervention::reflect)].enabled = 0;
  w.s.partners.active[3] = 0;
  w.apply({{Intervention::appreciate, 0, 1.0},                 // 0.1
           {Intervention::appreciate, 3, 1.0},                 // target left
           {Intervention::reflect, model::kAllPartners, 1.0},  // disabled
           {Intervention::delegate, 1, 1.0},                   // 0.2: exactly fits
           {Intervention::delegate, 2, 1.0}});                 // over capacity
  ASSERT_EQ(w.record.events.size(), 5u);
  EXPECT_EQ(w.record.events[0].kind, record::EventKind::appreciate);
  EXPECT_EQ(w.record.events[1].kind, record::EventKind::skipped_target_left);
  EXPECT_EQ(w.record.events[2].kind, record::EventKind::skipped_disabled);
  EXPECT_EQ(w.record.events[3].kind, record::EventKind::delegate);
  EXPECT_EQ(w.record.events[4].kind, record::EventKind::skipped_over_capacity);
  // A skip records the intervention's event kind (not its id).
  EXPECT_EQ(w.record.events[4].value, static_cast<double>(record::EventKind::delegate));
  EXPECT_LE(w.s.tallies.regie_effort, 0.3 + 1e-9);
}

TEST(Interventions, DistrustOfTheRegisseurWeakensThem) {
  // C5, C11: a = eta iota (1 - psi + psi V).
  World trusting, distrusting;
  distrusting.s.partners.trust_regisseur.setConstant(0.0);
  trusting.s.partners.trust_regisseur.setConstant(1.0);
  trusting.apply({{Intervention::surface_interests, 0, 1.0}});
  distrusting.apply({{Intervention::surface_interests, 0, 1.0}});
  EXPECT_GT(trusting.s.partners.interests_known[0], distrusting.s.partners.interests_known[0]);
}

TEST(Interventions, TheStrategySettingDoesNotChangeWhatAnInterventionDoes) {
  // Issue 14 item 6: no rule reads a strategy's name. The same span applied under every strategy
  // setting gives the same state.
  World reference;
  reference.apply({{Intervention::convene, model::kAllPartners, 1.0},
                   {Intervention::surface_interests, 1, 1.0},
                   {Intervention::control, 2, 1.0}});
  for (int strategy = 0; strategy <= 6; ++strategy) {
    World w;
    w.spec.parameters.regisseur_strategy = static_cast<model::Strategy>(strategy);
    w.apply({{Intervention::convene, model::kAllPartners, 1.0},
             {Intervention::surface_interests, 1, 1.0},
             {Intervention::control, 2, 1.0}});
    EXPECT_TRUE(changed(reference.s, w.s).empty()) << strategy;
    EXPECT_EQ(w.record.events, reference.record.events) << strategy;
  }
}

// C5, P3: control's own work is the regisseur's own capability on the target's specialism (partner
// 1 of the small scenario is strong on dimension 1): none without it, in proportion with it.
TEST(Interventions, Control_AddsOwnWorkByTheRegisseursCapabilityOnTheTargetsSpecialism) {
  World none;
  none.spec.parameters.regisseur_capabilities = {0.0, 0.0};
  none.restart();
  none.apply({{Intervention::control, 1, 1.0}});
  EXPECT_TRUE((none.s.regisseur.own_work == 0.0).all()) << none.s.regisseur.own_work;
  EXPECT_LT(none.s.partners.trust_regisseur[1], 0.5) << "control still acts: trust falls";

  World elsewhere;  // strong only where partner 1 is not
  elsewhere.spec.parameters.regisseur_capabilities = {1.0, 0.0};
  elsewhere.restart();
  elsewhere.apply({{Intervention::control, 1, 1.0}});
  EXPECT_TRUE((elsewhere.s.regisseur.own_work == 0.0).all());

  World low, high;
  low.spec.parameters.regisseur_capabilities = {0.0, 0.2};
  high.spec.parameters.regisseur_capabilities = {0.0, 0.8};
  low.restart();
  high.restart();
  low.apply({{Intervention::control, 1, 1.0}});
  high.apply({{Intervention::control, 1, 1.0}});
  EXPECT_EQ(low.s.regisseur.own_work[0], 0.0);
  EXPECT_GT(low.s.regisseur.own_work[1], 0.0);
  EXPECT_NEAR(high.s.regisseur.own_work[1], 4.0 * low.s.regisseur.own_work[1], 1e-12);
}

// C16: commission_goal hands down regisseur.goal, whatever the goal was.
TEST(Interventions, CommissionGoal_SetsTheGoalToTheRegisseursGoal) {
  World w;
  w.spec.parameters.regisseur_goal = {0.9, 0.1};
  w.restart();
  w.s.opgave.goal << 0.2, 0.8;
  w.apply({{Intervention::commission_goal, model::kAllPartners, 1.0}});
  EXPECT_EQ(w.s.opgave.goal[0], 0.9);
  EXPECT_EQ(w.s.opgave.goal[1], 0.1);

  World by_default;  // not given: 0.5 on every dimension
  by_default.s.opgave.goal << 0.2, 0.8;
  by_default.apply({{Intervention::commission_goal, model::kAllPartners, 1.0}});
  EXPECT_TRUE((by_default.s.opgave.goal == 0.5).all()) << by_default.s.opgave.goal;
}

// C16: a decree is a goal update of weight 1 with the regisseur the only voice, so the ledger
// records 1 per decree, whatever its effectiveness; at ownership.measured = 0 the fixed eta.
TEST(Interventions, CommissionGoal_RecordsTheDecreesWeightInTheLedger) {
  for (const double measured : {1.0, 0.0}) {
    World w;
    w.spec.parameters.ownership_measured = measured;
    w.restart();
    const double eta =
        w.spec.parameters
            .arsenal[static_cast<std::size_t>(model::arsenal_index(Intervention::commission_goal))]
            .effectiveness;
    ASSERT_NE(eta, 1.0);
    w.apply({{Intervention::commission_goal, model::kAllPartners, 1.0}});
    EXPECT_DOUBLE_EQ(w.s.regisseur.influence, measured == 1.0 ? 1.0 : eta) << measured;
  }
}

// C3: opgave.goal is the goal at step 0; not given, 0.5 on every dimension.
TEST(InitialState, TheGoalStartsAtOpgaveGoal) {
  World given;
  given.spec.parameters.opgave_goal = {0.3, 0.7};
  given.restart();
  EXPECT_EQ(given.s.opgave.goal[0], 0.3);
  EXPECT_EQ(given.s.opgave.goal[1], 0.7);
  World by_default;
  EXPECT_TRUE((by_default.s.opgave.goal == 0.5).all()) << by_default.s.opgave.goal;
}

}  // namespace
}  // namespace regiesim::regie
