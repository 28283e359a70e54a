// The step loop allocates nothing (no allocation in the step loop): checked by
// counting every operator new of the test program while steps run. A program of its own, because
// it replaces the global operator new, and built only without sanitizers, whose allocators it
// would clash with (tests/CMakeLists.txt).
#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>
#include <new>
#include <vector>

#include "network/network.hpp"
#include "sim/initial_state.hpp"
#include "sim/recorder.hpp"
#include "sim/step.hpp"
#include "support/small_scenario.hpp"

namespace {
std::atomic<long> allocations{0};
}  // namespace

// Replacing the global allocation functions counts allocations anywhere in this test program.
// GCC 12 flags free() in the replacement delete as mismatched with new once inlined; here they
// are the matching pair by construction.
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"
void* operator new(std::size_t size) {
  allocations.fetch_add(1, std::memory_order_relaxed);
  if (void* p = std::malloc(size == 0 ? 1 : size)) return p;
  throw std::bad_alloc();
}
void operator delete(void* p) noexcept {
  std::free(p);
}
void operator delete(void* p, std::size_t) noexcept {
  std::free(p);
}

namespace regiesim::sim {
namespace {

void expect_steps_allocate_nothing(model::Activation activation,
                                   model::Strategy strategy = model::Strategy::facilitative) {
  auto spec = testing::small_scenario(30, 4, 200);
  spec.parameters.activation = activation;
  spec.parameters.regisseur_strategy = strategy;
  spec.partners[0].urgency = 0.0;  // so that an exit happens on the way
  const auto net = network::generate(spec.parameters, spec.partner_count(), 1);
  const long at_start = allocations.load();
  auto state = initial_state(spec, net);
  ASSERT_GT(allocations.load(), at_start) << "the counter must see the state's own allocations";
  record::EventLog log;  // no sink, as at record level summary
  const long before = allocations.load();
  for (int t = 0; t < 200; ++t) step(spec, net, RunSeed{99}, state, log);
  EXPECT_EQ(allocations.load() - before, 0);
  EXPECT_EQ(state.partners.active[0], 0) << "the exit path was not exercised";
}

TEST(Step, AllocatesNothing_RandomSequential) {
  expect_steps_allocate_nothing(model::Activation::random_sequential);
}
TEST(Step, AllocatesNothing_EveryChoosingStrategy) {
  for (const auto strategy :
       {model::Strategy::none, model::Strategy::controlling, model::Strategy::scattershot,
        model::Strategy::commissioning, model::Strategy::negotiation})
    expect_steps_allocate_nothing(model::Activation::fixed, strategy);
}

// At more than 1,024 co-creators the perspective clusters are sorted by radix, through a second
// array: the upper half of the state's reserved scratch, so large runs allocate nothing either.
TEST(Step, AllocatesNothing_WithTwoThousandPartners) {
  auto spec = testing::small_scenario(2000, 4, 20);
  spec.parameters.network_kind = model::NetworkKind::small_world;
  spec.parameters.network_neighbours = 10;
  const auto net = network::generate(spec.parameters, spec.partner_count(), 1);
  auto state = initial_state(spec, net);
  record::EventLog log;
  const long before = allocations.load();
  for (int t = 0; t < 20; ++t) step(spec, net, RunSeed{99}, state, log);
  EXPECT_EQ(allocations.load() - before, 0);
}

// Play mode: a player's span (the classroom page's) in rounds of four weeks, with the convening
// rhythm, applies without allocating: the span fits the state's reserved list of chosen
// interventions.
TEST(Step, AllocatesNothing_InPlayMode) {
  auto spec = testing::small_scenario(30, 4, 200);
  spec.parameters.regisseur_choice_interval = 4;
  spec.parameters.regisseur_convene_interval = 3;
  const auto net = network::generate(spec.parameters, spec.partner_count(), 1);
  auto state = initial_state(spec, net);
  record::EventLog log;
  const std::vector<model::InterventionRequest> span{
      {model::Intervention::appreciate, model::kAllPartners, 0.5},
      {model::Intervention::clarify_goal, model::kAllPartners, 1.0},
      {model::Intervention::surface_interests, 3, 1.0},
      {model::Intervention::control, 5, 1.0}};
  std::size_t applied = 0;
  const long before = allocations.load();
  for (int t = 0; t < 200; ++t) {
    step(spec, net, RunSeed{99}, state, log, std::span<const model::InterventionRequest>(span));
    applied += state.chosen.size();
  }
  EXPECT_EQ(allocations.load() - before, 0);
  EXPECT_GE(applied, 50U * span.size()) << "the player's span was not applied every round";
}

// Meetings that negotiate in almost every week, with every protocol: open Zeuthen negotiations,
// rounds, agreements and the fairness of agreements all run without allocating.
TEST(Step, AllocatesNothing_WhileNegotiating) {
  for (const auto protocol :
       {negotiation::Protocol::zeuthen, negotiation::Protocol::alternating_offers,
        negotiation::Protocol::nash}) {
    auto spec = testing::small_scenario(30, 4, 200);
    auto& p = spec.parameters;
    p.negotiation_protocol = protocol;
    p.regisseur_strategy = model::Strategy::facilitative;  // refocuses: partners settle again
    p.focus_initial = 0.0;
    p.meetings_switch_steepness = 100.0;
    p.meetings_probability = 0.3;
    for (std::size_t i = 0; i < spec.partners.size(); ++i)
      spec.partners[i].interests = {0.1 * static_cast<double>(i % 7), 0.9, 0.3,
                                    1.0 - 0.1 * static_cast<double>(i % 5)};
    const auto net = network::generate(p, spec.partner_count(), 1);
    auto state = initial_state(spec, net);
    record::EventLog log;
    const long before = allocations.load();
    std::int64_t agreements = 0;
    for (int t = 0; t < 200; ++t) {
      step(spec, net, RunSeed{99}, state, log);
      agreements += state.tallies.agreements;
    }
    EXPECT_EQ(allocations.load() - before, 0) << negotiation::protocol_name(protocol);
    EXPECT_GT(agreements, 10) << "the agreement path was not exercised";
    if (protocol == negotiation::Protocol::zeuthen) {
      EXPECT_GT(state.negotiations.next_id, agreements) << "no negotiation was left open";
    }
  }
}

// With recording on (level series), the recorder makes room for a week's events, meetings and
// negotiation rounds between the weeks: the steps themselves still allocate nothing, though the
// run logs more than the recorder's first reservation.
TEST(Step, AllocatesNothing_WhileRecording) {
  for (const auto strategy : {model::Strategy::facilitative, model::Strategy::scattershot}) {
    auto spec = testing::small_scenario(30, 4, 200);
    spec.parameters.regisseur_strategy = strategy;
    spec.parameters.record_level = model::RecordLevel::series;
    spec.partners[0].urgency = 0.0;  // an exit, an event of its own
    const auto net = network::generate(spec.parameters, spec.partner_count(), 1);
    auto state = initial_state(spec, net);
    record::RunRecord record;
    Recorder recorder(spec, net, record);
    const std::size_t first_reservation = record.events.capacity();
    recorder.observe(state);
    long in_steps = 0;
    for (int t = 0; t < 200; ++t) {
      const long before = allocations.load();
      step(spec, net, RunSeed{99}, state, recorder.events());
      in_steps += allocations.load() - before;
      recorder.observe(state);
    }
    EXPECT_EQ(in_steps, 0) << static_cast<int>(strategy);
    EXPECT_GT(record.events.size(), first_reservation)
        << "the run must log more than the first reservation, or the growth is not exercised";
    EXPECT_GT(record.meetings.size(), 0u);
  }
}

TEST(Step, AllocatesNothing_Synchronous) {
  expect_steps_allocate_nothing(model::Activation::synchronous);
}

}  // namespace
}  // namespace regiesim::sim
