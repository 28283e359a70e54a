#include "regie/strategies.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "network/network.hpp"
#include "record/metrics.hpp"
#include "regie/observation.hpp"
#include "sim/initial_state.hpp"
#include "sim/run.hpp"
#include "support/small_scenario.hpp"

namespace regiesim::regie {
namespace {

using model::Intervention;

record::RunRecord run(const scenario::ScenarioSpec& spec, std::int64_t replication = 0) {
  const auto net = network::generate(spec.parameters, spec.partner_count(), 11);
  return sim::run_replication(spec, net, sim::plan_replication(11, replication));
}

scenario::ScenarioSpec with_strategy(model::Strategy strategy) {
  auto spec = testing::small_scenario(8, 3, 104);
  spec.parameters.record_level = model::RecordLevel::series;
  spec.parameters.regisseur_strategy = strategy;
  return spec;
}

// An applied intervention's event (not a skip, not an exit): the kinds the arsenal maps to.
bool applied(record::EventKind kind) {
  for (const auto& d : model::kArsenal)
    if (record::event_kind(d.kind) == kind) return true;
  return false;
}

// Applied interventions other than convening everyone: the strategy's own picks.
int picks_besides_convene(const record::RunRecord& r) {
  int n = 0;
  for (const auto& e : r.events) n += applied(e.kind) && e.kind != record::EventKind::convene;
  return n;
}

// The events of one week, in the order they were logged.
std::vector<record::Event> events_of_week(const record::RunRecord& r, std::int32_t week) {
  std::vector<record::Event> out;
  for (const auto& e : r.events)
    if (e.step == week) out.push_back(e);
  return out;
}

TEST(Strategies, NoStrategySpendsMoreThanItsCapacityInAnyWeek) {
  for (const auto strategy :
       {model::Strategy::facilitative, model::Strategy::scattershot, model::Strategy::controlling,
        model::Strategy::commissioning, model::Strategy::negotiation}) {
    auto spec = with_strategy(strategy);
    spec.parameters.regisseur_capacity = 1.7;
    const auto r = run(spec);
    double spent = 0.0;
    for (const double effort : r.series[record::kRegieEffort]) {
      EXPECT_LE(effort, 1.7 + 1e-9) << static_cast<int>(strategy);
      spent += effort;
    }
    EXPECT_GT(spent, 0.0) << static_cast<int>(strategy);
  }
}

TEST(Strategies, FacilitativeUsesItsCapacityBetweenMeetings) {
  auto spec = with_strategy(model::Strategy::facilitative);
  EXPECT_GT(picks_besides_convene(run(spec)), 52);
}

TEST(Strategies, NoneDoesNothing) {
  const auto r = run(with_strategy(model::Strategy::none));
  for (const auto& e : r.events) EXPECT_FALSE(applied(e.kind));
  EXPECT_EQ(r.summary[record::kRegieEffort], 0.0);
  EXPECT_EQ(r.summary[record::kRealisationPerEffort], 0.0);  // documented value at zero effort
}

// C14: the negotiating regisseur tables the division of the work with the partners whose share
// is not decided, in ascending id, after its convene; it never refocuses or surfaces interests.
TEST(Strategies, NegotiationConvenesAndTablesTheDivision_AndNothingElse) {
  const auto spec = with_strategy(model::Strategy::negotiation);
  const auto r = run(spec);
  int tabled = 0;
  std::int32_t week = -1;
  std::int32_t last_target = -1;
  for (const auto& e : r.events) {
    if (!applied(e.kind)) continue;
    ASSERT_TRUE(e.kind == record::EventKind::convene ||
                e.kind == record::EventKind::table_division);
    if (e.kind != record::EventKind::table_division) continue;
    ++tabled;
    if (e.step == week) {
      EXPECT_GT(e.target, last_target) << "ascending id, once a week";
    }
    week = e.step;
    last_target = e.target;
  }
  EXPECT_GT(tabled, 52);
}

TEST(Strategies, NoOtherStrategyTablesTheDivision) {
  for (const auto strategy : {model::Strategy::facilitative, model::Strategy::scattershot,
                              model::Strategy::controlling, model::Strategy::commissioning}) {
    const auto r = run(with_strategy(strategy));
    for (const auto& e : r.events)
      EXPECT_NE(e.kind, record::EventKind::table_division) << static_cast<int>(strategy);
    EXPECT_EQ(r.summary[record::kEffortFirst + model::arsenal_index(Intervention::table_division)],
              0.0);
  }
}

// With table_division disabled (its negative control) the negotiating regisseur only convenes.
TEST(Strategies, NegotiationWithoutTableDivisionOnlyConvenes) {
  auto spec = with_strategy(model::Strategy::negotiation);
  spec.parameters
      .arsenal[static_cast<std::size_t>(model::arsenal_index(Intervention::table_division))]
      .enabled = 0.0;
  const auto r = run(spec);
  int convened = 0;
  for (const auto& e : r.events)
    if (applied(e.kind)) {
      EXPECT_EQ(e.kind, record::EventKind::convene);
      ++convened;
    }
  // It does convene, on the rhythm (every regisseur.convene_interval weeks): the check above is
  // not passed by a run without events.
  ASSERT_GT(spec.parameters.regisseur_convene_interval, 0);
  EXPECT_GE(
      convened,
      static_cast<int>(spec.parameters.steps / spec.parameters.regisseur_convene_interval) - 1);
}

TEST(Strategies, PlannedAppliesExactlyItsSchedule_SkippingWhatItCannot) {
  auto spec = with_strategy(model::Strategy::planned);
  spec.parameters.regisseur_capacity = 1.0;
  const auto entry = [](std::int32_t week, Intervention kind, std::int32_t target) {
    return model::PlanEntry{.week = week,
                            .intervention = kind,
                            .target_name = "",
                            .target = target,
                            .intensity = 1.0,
                            .origin = "test"};
  };
  spec.plan = {entry(1, Intervention::surface_interests, 2),
               entry(1, Intervention::refocus, model::kAllPartners),
               entry(3, Intervention::release, 5),
               entry(5, Intervention::appreciate, 5),  // released: skipped, target left
               entry(7, Intervention::clarify_goal, model::kAllPartners),
               entry(7, Intervention::clarify_goal, model::kAllPartners)};  // over capacity
  const auto r = run(spec);
  std::vector<std::tuple<std::int32_t, int, std::int32_t>> seen;
  for (const auto& e : r.events)
    if (e.kind != record::EventKind::exit)
      seen.emplace_back(e.step, static_cast<int>(e.kind), e.target);
  const std::vector<std::tuple<std::int32_t, int, std::int32_t>> expected{
      {1, 2, 2}, {1, 3, -1}, {3, 12, 5}, {5, 17, 5}, {7, 4, -1}, {7, 16, -1}};
  EXPECT_EQ(seen, expected);
}

double total_effort(const record::RunRecord& r) {
  double spent = 0.0;
  for (const double effort : r.series[record::kRegieEffort]) spent += effort;
  return spent;
}

// The spending gate (C11, C9): effort is an outcome, not the capacity.
TEST(SpendingGate, AtZeroTheChooserIsTheOneWithoutAGate) {
  // No score is negative, so a gate of 0 and a gate below every positive score pass the same
  // picks; only a candidate with a zero score (a zero gap) separates them.
  auto open = with_strategy(model::Strategy::facilitative);
  open.parameters.regisseur_min_effect_per_effort = 0.0;
  auto tiny = open;
  tiny.parameters.regisseur_min_effect_per_effort = 1e-300;
  open.parameters.regisseur_min_gap = tiny.parameters.regisseur_min_gap = 0.05;
  const auto a = run(open);
  const auto b = run(tiny);
  EXPECT_EQ(a.events, b.events);
  EXPECT_GT(total_effort(a), 0.0);
}

TEST(SpendingGate, AGateAboveEveryScoreLeavesOnlyTheConveningRhythm) {
  for (const auto strategy : {model::Strategy::facilitative, model::Strategy::commissioning}) {
    auto spec = with_strategy(strategy);
    spec.parameters.regisseur_awareness_initial = 1.0;  // every pick sighted
    spec.parameters.regisseur_awareness_decay = 0.0;
    spec.parameters.arsenal[model::arsenal_index(Intervention::reflect)].enabled = 0;
    spec.parameters.regisseur_min_effect_per_effort = 1e300;
    const auto r = run(spec);
    for (const auto& e : r.events) {
      if (applied(e.kind)) {
        EXPECT_EQ(e.kind, record::EventKind::convene);
      }
    }
  }
}

// At awareness 1 no pick can be blind, and the chooser lists only what a sighted pick could take;
// an awareness a hair below 1 lists every candidate (a blind pick would need them all), and its
// draw (u at least 1 - 2^-53) is never blind either: both must make the same choices.
TEST(Strategies, AtFullAwarenessTheShortListChoosesWhatTheWholeListWould) {
  for (const auto strategy : {model::Strategy::facilitative, model::Strategy::commissioning}) {
    auto full = with_strategy(strategy);
    full.parameters.regisseur_awareness_initial = 1.0;
    full.parameters.regisseur_awareness_decay = 0.0;
    full.parameters.arsenal[model::arsenal_index(Intervention::reflect)].enabled = 0;
    full.parameters.regisseur_capacity = 2.5;
    auto hair = full;
    hair.parameters.regisseur_awareness_initial = std::nextafter(1.0, 0.0);
    const auto a = run(full);
    const auto b = run(hair);
    EXPECT_EQ(a.events, b.events) << static_cast<int>(strategy);
    EXPECT_GT(picks_besides_convene(a), 52) << static_cast<int>(strategy);
  }
}

TEST(SpendingGate, AHigherGateSpendsLessAndNeverTouchesScattershot) {
  auto low = with_strategy(model::Strategy::facilitative);
  low.parameters.regisseur_min_effect_per_effort = 0.0;
  auto high = low;
  high.parameters.regisseur_min_effect_per_effort = 0.5;
  EXPECT_LT(total_effort(run(high)), total_effort(run(low)));
  auto scatter_low = with_strategy(model::Strategy::scattershot);
  scatter_low.parameters.regisseur_min_effect_per_effort = 0.0;
  auto scatter_high = scatter_low;
  scatter_high.parameters.regisseur_min_effect_per_effort = 0.5;
  EXPECT_EQ(run(scatter_low).events, run(scatter_high).events);
}

// Dead weight (C9) is a partner that adds nothing; a settled partner that has executed its share
// is silent because a public decision ended its co-creation (C14). A regisseur reading decisions
// does not count that silence; with the switch off every low week counts.
std::int32_t low_weeks_after_one_week(bool reads_decisions, bool settled) {
  auto spec = testing::small_scenario(8, 3, 52);
  spec.parameters.regisseur_strategy = model::Strategy::facilitative;
  spec.parameters.regisseur_release_reads_decisions = reads_decisions ? 1.0 : 0.0;
  const auto net = network::generate(spec.parameters, spec.partner_count(), 11);
  model::State state = sim::initial_state(spec, net);
  state.partners.contribution.setConstant(1.0);
  state.partners.contribution[5] = 0.0;
  state.partners.settled[5] = settled ? 1 : 0;
  model::RegisseurState memory = state.regisseur;
  std::vector<model::Candidate> candidates;
  std::vector<std::int32_t> ids;
  const Observation obs = observe(state, net, 1);
  ChooserContext context{spec.parameters, obs,        sim::plan_replication(11, 0).seed,
                         memory,          candidates, ids};
  std::vector<model::InterventionRequest> chosen;
  choose(context, spec.plan, chosen);
  return memory.low_weeks[5];
}

TEST(DeadWeight, ASettledPartnersSilenceIsNotCountedByARegisseurWhoReadsDecisions) {
  EXPECT_EQ(low_weeks_after_one_week(true, true), 0);
  EXPECT_EQ(low_weeks_after_one_week(true, false), 1);  // an unsettled silent partner counts
  EXPECT_EQ(low_weeks_after_one_week(false, true), 1);  // the switch off: every low week counts
}

TEST(Strategies, SameSeedSameChoices) {
  const auto a = run(with_strategy(model::Strategy::facilitative));
  const auto b = run(with_strategy(model::Strategy::facilitative));
  EXPECT_EQ(a.events, b.events);
}

// The classroom's rounds: with regisseur.choice_interval k a strategy picks only in weeks 1, 1 + k,
// ...; in the weeks between, only the convening rhythm (a convene of everyone) is applied.
TEST(ChoiceInterval, StrategiesPickOnlyInChoiceWeeks_TheRhythmStillConvenes) {
  for (const auto strategy :
       {model::Strategy::facilitative, model::Strategy::scattershot, model::Strategy::controlling,
        model::Strategy::commissioning, model::Strategy::negotiation}) {
    auto spec = with_strategy(strategy);
    spec.parameters.regisseur_choice_interval = 4;
    spec.parameters.regisseur_convene_interval = 3;  // off the choice weeks, so both are seen
    const auto r = run(spec);
    int picks = 0;
    int convenes_between = 0;
    for (const auto& e : r.events) {
      if (!applied(e.kind)) continue;
      const bool choice_week = (e.step - 1) % 4 == 0;
      if (e.kind == record::EventKind::convene) {
        convenes_between += choice_week ? 0 : 1;
        continue;
      }
      EXPECT_TRUE(choice_week) << static_cast<int>(strategy) << " picked in week " << e.step;
      ++picks;
    }
    EXPECT_GT(picks, 0) << static_cast<int>(strategy);
    EXPECT_GT(convenes_between, 0) << static_cast<int>(strategy);
  }
}

TEST(ChoiceInterval, OneIsEveryWeek_AndAWiderIntervalPicksLess) {
  auto every = with_strategy(model::Strategy::facilitative);
  auto rounds = every;
  rounds.parameters.regisseur_choice_interval = 4;
  const auto a = run(every);
  const auto b = run(rounds);
  EXPECT_LT(picks_besides_convene(b), picks_besides_convene(a));
  // Week 1 is a choice week under both: the same first span.
  const auto first_a = events_of_week(a, 1);
  const auto first_b = events_of_week(b, 1);
  EXPECT_FALSE(first_a.empty());
  EXPECT_EQ(first_a, first_b);
}

}  // namespace
}  // namespace regiesim::regie
