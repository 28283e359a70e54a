// Play mode: a caller (the classroom page's player) hands sim::step the week's interventions
// instead of the strategy's chooser. A round is regisseur.choice_interval weeks; the player's span
// is applied in the round's first week, the convening rhythm runs every week as for every
// convening strategy, and the applied spans replayed as a `planned` schedule give the same run.
#include <gtest/gtest.h>

#include <vector>

#include "network/network.hpp"
#include "record/metrics.hpp"
#include "sim/initial_state.hpp"
#include "sim/recorder.hpp"
#include "sim/run.hpp"
#include "sim/step.hpp"
#include "support/small_scenario.hpp"

namespace regiesim::sim {
namespace {

using model::Intervention;
using model::InterventionRequest;

constexpr std::uint64_t kMaster = 11;

scenario::ScenarioSpec played_scenario(model::Strategy strategy = model::Strategy::facilitative) {
  auto spec = testing::small_scenario(8, 3, 52);
  spec.parameters.record_level = model::RecordLevel::series;
  spec.parameters.regisseur_strategy = strategy;
  spec.parameters.regisseur_choice_interval = 4;
  return spec;
}

struct Played {
  record::RunRecord record;
  std::vector<model::PlanEntry> applied;  // every week's state.chosen, in order
};

// Runs as run_replication does, but with the player's span for week t from `span_of(t)`.
template <class SpanOf>
Played play(const scenario::ScenarioSpec& spec, SpanOf span_of) {
  const auto net = network::generate(spec.parameters, spec.partner_count(), kMaster);
  const RunPlan plan = plan_replication(kMaster, 0);
  Played out;
  out.record.seed = plan.seed;
  model::State state = initial_state(spec, net);
  Recorder recorder(spec, net, out.record);
  recorder.observe(state);
  for (std::int32_t t = 1; t <= spec.parameters.steps; ++t) {
    const std::vector<InterventionRequest> span = span_of(t);
    step(spec, net, plan.seed, state, recorder.events(),
         std::span<const InterventionRequest>(span));
    for (const auto& r : state.chosen)
      out.applied.push_back({.week = t,
                             .intervention = r.kind,
                             .target_name = "",
                             .target = r.target,
                             .intensity = r.intensity,
                             .origin = ""});
    recorder.observe(state);
  }
  recorder.finish();
  return out;
}

record::RunRecord run_strategy(const scenario::ScenarioSpec& spec) {
  const auto net = network::generate(spec.parameters, spec.partner_count(), kMaster);
  return run_replication(spec, net, plan_replication(kMaster, 0));
}

std::vector<std::int32_t> weeks_of(const record::RunRecord& r, record::EventKind kind,
                                   std::int32_t target) {
  std::vector<std::int32_t> weeks;
  for (const auto& e : r.events)
    if (e.kind == kind && e.target == target) weeks.push_back(e.step);
  return weeks;
}

TEST(PlayMode, AppliesPlayersSpanOnlyInChoiceWeeks) {
  auto spec = played_scenario();
  spec.parameters.regisseur_convene_interval = 0;  // no rhythm: only the player acts
  const auto played = play(spec, [](std::int32_t) {
    return std::vector<InterventionRequest>{{Intervention::appreciate, 2, 1.0}};
  });
  std::vector<std::int32_t> expected;
  for (std::int32_t t = 1; t <= 52; t += 4) expected.push_back(t);
  EXPECT_EQ(weeks_of(played.record, record::EventKind::appreciate, 2), expected);
  for (const auto& e : played.applied) EXPECT_EQ((e.week - 1) % 4, 0) << e.week;
}

TEST(PlayMode, RhythmConvenesAsForStrategies) {
  auto spec = played_scenario();
  spec.parameters.regisseur_convene_interval = 3;
  const auto played = play(spec, [](std::int32_t) { return std::vector<InterventionRequest>{}; });
  const auto rhythm = weeks_of(played.record, record::EventKind::convene, model::kAllPartners);
  ASSERT_FALSE(rhythm.empty());
  // The same weeks as a convening strategy on the same scenario: the rhythm is not the chooser's.
  EXPECT_EQ(rhythm, weeks_of(run_strategy(spec), record::EventKind::convene, model::kAllPartners));
  // Not only in choice weeks: the rhythm runs every week.
  bool outside_choice_week = false;
  for (const auto week : rhythm) outside_choice_week |= (week - 1) % 4 != 0;
  EXPECT_TRUE(outside_choice_week);
}

TEST(PlayMode, StrategysChooserIsNotCalled) {
  auto spec = played_scenario(model::Strategy::facilitative);
  spec.parameters.regisseur_convene_interval = 0;
  const auto played = play(spec, [](std::int32_t) { return std::vector<InterventionRequest>{}; });
  EXPECT_TRUE(played.applied.empty());
  for (const auto& e : played.record.events) EXPECT_EQ(e.kind, record::EventKind::exit);
  // The strategy itself would have acted on this scenario.
  EXPECT_GT(run_strategy(spec).summary[record::kRegieEffort], 0.0);
}

TEST(PlayMode, SkippedChoicesAreLoggedWithTheirReason) {
  auto spec = played_scenario();
  spec.parameters.regisseur_convene_interval = 0;
  spec.parameters.regisseur_capacity = 0.5;  // five of the eight appreciations fit
  spec.parameters.arsenal[static_cast<std::size_t>(model::arsenal_index(Intervention::reflect))]
      .enabled = 0;
  const auto played = play(spec, [](std::int32_t) {
    std::vector<InterventionRequest> span{{Intervention::reflect, model::kAllPartners, 1.0}};
    for (std::int32_t i = 0; i < 8; ++i) span.push_back({Intervention::appreciate, i, 1.0});
    return span;
  });
  const auto disabled =
      weeks_of(played.record, record::EventKind::skipped_disabled, model::kAllPartners);
  EXPECT_EQ(disabled.size(), 13U);  // one a round
  int over_capacity = 0;
  for (const auto& e : played.record.events)
    over_capacity += e.kind == record::EventKind::skipped_over_capacity;
  EXPECT_GT(over_capacity, 0);
  for (const double effort : played.record.series[record::kRegieEffort])
    EXPECT_LE(effort, 0.5 + 1e-9);
}

TEST(PlayMode, AppliedSpansReplayedAsAPlanGiveTheSameRun) {
  auto spec = played_scenario();
  spec.parameters.regisseur_convene_interval = 3;
  const auto played = play(spec, [](std::int32_t t) {
    std::vector<InterventionRequest> span;
    if (t % 8 == 1) span.push_back({Intervention::clarify_goal, model::kAllPartners, 0.7});
    span.push_back({Intervention::appreciate, t % 8, 0.5});
    if (t > 20) span.push_back({Intervention::convene, model::kAllPartners, 1.0});
    return span;
  });
  ASSERT_FALSE(played.applied.empty());
  auto planned = spec;
  planned.parameters.regisseur_strategy = model::Strategy::planned;
  planned.parameters.regisseur_choice_interval = 1;  // planned ignores it
  planned.plan = played.applied;
  auto replayed = run_strategy(planned);
  auto original = played.record;
  original.run_id = replayed.run_id;
  EXPECT_EQ(replayed.series, original.series);
  EXPECT_EQ(replayed.summary, original.summary);
  EXPECT_EQ(replayed.events, original.events);
  EXPECT_EQ(replayed.meetings, original.meetings);
}

TEST(PlayMode, ReplayDiffersWhenTheRhythmIsLeftOut) {
  // The export must list the rhythm's convenes: a plan without them is a different game.
  auto spec = played_scenario();
  spec.parameters.regisseur_convene_interval = 3;
  const auto played = play(spec, [](std::int32_t) { return std::vector<InterventionRequest>{}; });
  auto planned = spec;
  planned.parameters.regisseur_strategy = model::Strategy::planned;
  planned.plan = {{.week = 1,
                   .intervention = Intervention::reflect,
                   .target_name = "",
                   .target = model::kAllPartners,
                   .intensity = 0.0,
                   .origin = ""}};
  EXPECT_NE(run_strategy(planned).series, played.record.series);
}

}  // namespace
}  // namespace regiesim::sim
