#include "sweep/guarded_run.hpp"

#include <fmt/format.h>

#include <exception>

namespace regiesim::sweep {

record::RunRecord guarded_run(const design::SweepRun& run, std::int32_t steps,
                              const std::function<record::RunRecord()>& body) {
  try {
    return body();
  } catch (const std::exception& e) {
    record::RunRecord failed;
    failed.run_id = run.id;
    failed.point = run.point;
    failed.arm = run.arm;
    failed.replication = run.replication;
    failed.seed = run.seed;
    failed.status = record::RunStatus::failed;
    failed.failure_reason = fmt::format("exception: {}", e.what());
    failed.steps = steps;
    return failed;
  }
}

}  // namespace regiesim::sweep
