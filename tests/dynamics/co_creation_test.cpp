#include "dynamics/co_creation.hpp"

#include <gtest/gtest.h>

#include "network/network.hpp"
#include "sim/initial_state.hpp"
#include "support/small_scenario.hpp"

namespace regiesim::dynamics {
namespace {

// Two specialists on two dimensions (C3: each needs the other), tied to each other.
struct TwoSpecialists {
  scenario::ScenarioSpec spec = testing::small_scenario(2, 2);
  network::Network net = network::from_ties(2, {{0, 1}});
  model::State s;
  TwoSpecialists() {
    spec.partners[0].capabilities = {1.0, 0.0};
    spec.partners[1].capabilities = {0.0, 1.0};
    s = sim::initial_state(spec, net);
    s.partners.commitment.setConstant(0.8);
  }
  double week(double trust) {
    s.trust.setConstant(trust);
    const double before = s.realisation;
    co_create(net, spec.parameters, s.trust, s.partners, s.opgave, s.regisseur, s.realisation,
              s.scratch_partner, s.scratch_flags, s.scratch_sort);
    return s.realisation - before;
  }
};

TEST(CoCreation, NeedsEveryDimension_ALeaverBlocksProgress) {
  TwoSpecialists a;
  EXPECT_GT(a.week(0.5), 0.0);
  a.s.partners.active[1] = 0;
  EXPECT_EQ(a.week(0.5), 0.0);
}

TEST(CoCreation, YieldsMoreWithMoreTrust) {
  TwoSpecialists low, high;
  EXPECT_GT(high.week(0.9), low.week(0.1));
}

TEST(CoCreation, SettledPartnersExecuteOnlyTheirAllocation_WithoutSynergy) {
  // C14, P2: once both are settled, progress is the execution of what is left of their
  // allocations, and stops when they are executed.
  TwoSpecialists a;
  a.s.partners.settled.setConstant(1);
  a.s.partners.allocation.setConstant(0.01);
  a.s.partners.allocation_yield.setConstant(0.5);  // its plan's work per unit of effort
  double total = 0.0;
  for (int t = 0; t < 50; ++t) total += a.week(0.9);
  EXPECT_NEAR(total, 0.02, 1e-12);  // both allocations, delivered in full, no more
  EXPECT_DOUBLE_EQ(a.s.partners.allocation.sum(), 0.0);
  EXPECT_EQ(a.week(0.9), 0.0);
}

// C14 (docs/ODD.md 7.9): a plan committing r~_i = rho_x H_N m_i r_i effort over H_N weeks,
// whose work is eta_i per unit of effort, is executed at rho_x m_i r_i effort a week: its work
// takes the plan's H_N weeks, whatever eta_i.
TEST(CoCreation, AnAllocationIsExecutedOverThePlansHorizon) {
  for (const double eta : {0.1, 0.45}) {
    TwoSpecialists a;
    const auto& p = a.spec.parameters;
    ASSERT_NE(p.negotiation_execute_as_planned, 0.0) << "the default executes as planned";
    a.s.partners.settled.setConstant(1);
    a.s.partners.allocation_yield.setConstant(eta);
    const Eigen::ArrayXd weekly =
        p.negotiation_execution_rate * a.s.partners.commitment * a.s.partners.resources * eta;
    const auto horizon = static_cast<int>(p.negotiation_horizon);
    a.s.partners.allocation = weekly * static_cast<double>(horizon);  // the plan's q_i = eta_i r~_i
    for (int t = 1; t < horizon; ++t) {
      a.week(0.9);
      for (Eigen::Index i = 0; i < 2; ++i)
        EXPECT_NEAR(a.s.partners.contribution[i], weekly[i], 1e-15) << "week " << t;
    }
    for (Eigen::Index i = 0; i < 2; ++i)
      EXPECT_NEAR(a.s.partners.allocation[i], weekly[i], 1e-12) << "one week of the plan is left";
    a.week(0.9);
    EXPECT_NEAR(a.s.partners.allocation.abs().maxCoeff(), 0.0, 1e-12);
  }
}

// At the neutral value (the rule before): the week's effort rho_x m_i r_i counts as realisation,
// whatever the plan's work per unit of effort.
TEST(CoCreation, ExecutionAtTheNeutralValue_CountsEffortAsRealisation) {
  TwoSpecialists before, planned_at_one;
  before.spec.parameters.negotiation_execute_as_planned = 0.0;
  before.s.partners.allocation_yield.setConstant(0.3);  // not read at the neutral value
  planned_at_one.s.partners.allocation_yield.setConstant(1.0);
  for (TwoSpecialists* a : {&before, &planned_at_one}) {
    a->s.partners.settled.setConstant(1);
    a->s.partners.allocation.setConstant(0.05);
  }
  const auto& p = before.spec.parameters;
  for (int t = 0; t < 30; ++t) {
    EXPECT_EQ(before.week(0.9), planned_at_one.week(0.9)) << "week " << t;
    EXPECT_EQ(before.s.partners.allocation[0], planned_at_one.s.partners.allocation[0]);
    if (t == 0) {
      EXPECT_DOUBLE_EQ(before.s.partners.contribution[0], p.negotiation_execution_rate *
                                                              before.s.partners.commitment[0] *
                                                              before.s.partners.resources[0]);
    }
  }
  EXPECT_EQ(before.s.partners.allocation.sum(), 0.0) << "executed within the 30 weeks";
}

TEST(CoCreation, TheWorkLedgerRecordsWhoDidTheWork) {
  // C5: each partner's contribution y_i enters its work ledger, the regisseur's own work (its
  // mean over the dimensions, the same unit) enters the regisseur's.
  TwoSpecialists a;
  a.s.regisseur.own_work << 0.4, 0.2;
  a.week(0.5);
  EXPECT_DOUBLE_EQ(a.s.regisseur.work_influence, 0.3);
  for (Eigen::Index i = 0; i < 2; ++i) {
    EXPECT_GT(a.s.partners.contribution[i], 0.0);
    EXPECT_DOUBLE_EQ(a.s.partners.work_influence[i], a.s.partners.contribution[i]);
  }
  const Eigen::ArrayXd first = a.s.partners.work_influence;
  a.week(0.5);  // no own work this week: the regisseur's entry stays
  EXPECT_DOUBLE_EQ(a.s.regisseur.work_influence, 0.3);
  EXPECT_DOUBLE_EQ(a.s.partners.work_influence[0], first[0] + a.s.partners.contribution[0]);
}

TEST(CoCreation, TheRegisseursOwnWorkAddsCoverage_ThenIsSpent) {
  // C5, P3: control's own work covers a dimension nobody else covers.
  TwoSpecialists a;
  a.s.partners.active[1] = 0;
  EXPECT_EQ(a.week(0.5), 0.0);
  a.s.regisseur.own_work[1] = 1.0;
  EXPECT_GT(a.week(0.5), 0.0);
  EXPECT_EQ(a.s.regisseur.own_work[1], 0.0);
}

TEST(CoCreation, ChangesOnlyRealisationAllocationsContributionAndVisibility) {
  TwoSpecialists a;
  const model::State before = a.s;
  a.week(0.5);
  EXPECT_TRUE((a.s.partners.commitment == before.partners.commitment).all());
  EXPECT_TRUE((a.s.partners.passion == before.partners.passion).all());
  EXPECT_TRUE((a.s.partners.focus == before.partners.focus).all());
  EXPECT_EQ(a.s.opgave.clarity, before.opgave.clarity);
  EXPECT_TRUE((a.s.opgave.goal == before.opgave.goal).all());
  EXPECT_GT(a.s.partners.contribution.sum(), 0.0);
}

TEST(CoCreation, RealisationApproachesButNeverExceedsOne) {
  TwoSpecialists a;
  a.spec.parameters.opgave_progress_rate = 1.0;
  a.s.partners.commitment.setConstant(1.0);
  for (int t = 0; t < 1000; ++t) a.week(1.0);
  EXPECT_LE(a.s.realisation, 1.0);
  EXPECT_GT(a.s.realisation, 0.999);
}

TEST(VisibleProgress, IsTheRelativeGainAgainstTheMaximalPace_CappedAtOne) {
  auto p = model::default_parameters();
  p.opgave_progress_rate = 0.01;
  p.opgave_visible_progress = 0.5;  // full visibility at half the maximal pace
  EXPECT_DOUBLE_EQ(visible_progress(p, 0.0, 0.0025), 0.5);
  EXPECT_DOUBLE_EQ(visible_progress(p, 0.5, 0.51), 1.0);
  EXPECT_DOUBLE_EQ(visible_progress(p, 0.5, 0.5), 0.0);  // a stalled collaboration shows nothing
  EXPECT_DOUBLE_EQ(visible_progress(p, 1.0, 1.0), 1.0);  // the opgave is complete
  p.opgave_progress_rate = 0.0;
  EXPECT_DOUBLE_EQ(visible_progress(p, 0.2, 0.3), 1.0);
  EXPECT_DOUBLE_EQ(visible_progress(p, 0.2, 0.2), 0.0);
}

}  // namespace
}  // namespace regiesim::dynamics
