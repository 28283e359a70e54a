// A run that throws does not stop a sweep: it becomes a failed record that says which run failed
// and why (design decision 11).
#include "sweep/guarded_run.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

namespace regiesim::sweep {
namespace {

const design::SweepRun kRun{.id = 17, .point = 5, .arm = 0, .replication = 2, .seed = {99}};

TEST(GuardedRun, AnExceptionFromTheModel_BecomesAFailedRecordWithItsReason) {
  const record::RunRecord r = guarded_run(
      kRun, 52, []() -> record::RunRecord { throw std::runtime_error("boom at step 3"); });
  EXPECT_EQ(r.status, record::RunStatus::failed);
  EXPECT_EQ(r.failure_reason, "exception: boom at step 3");
  EXPECT_EQ(r.run_id, 17);
  EXPECT_EQ(r.point, 5);
  EXPECT_EQ(r.replication, 2);
  EXPECT_EQ(r.seed.value, 99u);
  EXPECT_EQ(r.steps, 52);
  EXPECT_TRUE(r.summary.empty()) << "nothing recorded: the writer fills NaN";
}

TEST(GuardedRun, ARecordTheModelReturns_PassesThroughUnchanged) {
  record::RunRecord model;
  model.run_id = 17;
  model.status = record::RunStatus::failed;
  model.failure_reason = "non-finite realisation (nan) at step 4";
  model.summary = {1, 2, 3};
  EXPECT_EQ(guarded_run(kRun, 52, [&] { return model; }), model);
}

}  // namespace
}  // namespace regiesim::sweep
