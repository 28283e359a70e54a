#include "design/run_plan_list.hpp"

#include <stdexcept>

namespace regiesim::design {

std::int64_t RunNumbering::id(std::int64_t point, std::int32_t arm,
                              std::int64_t replication) const {
  if (point < 0 || point >= points || arm < 0 || arm >= arms || replication < 0 ||
      replication >= replication_stride)
    throw std::out_of_range("RunNumbering::id: point, arm or replication out of range");
  return (point * arms + arm) * replication_stride + replication;
}

SweepRun RunPlanList::run(std::int64_t point, std::int32_t arm, std::int64_t replication) const {
  return {numbering_.id(point, arm, replication), point, arm, replication,
          random::derive_run_seed(master_seed_, static_cast<std::uint64_t>(replication))};
}

SweepRun RunPlanList::operator[](std::int64_t id) const {
  if (id < 0 || id >= size()) throw std::out_of_range("RunPlanList: id out of range");
  const std::int64_t replication = id % numbering_.replication_stride;
  const std::int64_t cell = id / numbering_.replication_stride;
  return run(cell / numbering_.arms, static_cast<std::int32_t>(cell % numbering_.arms),
             replication);
}

}  // namespace regiesim::design
