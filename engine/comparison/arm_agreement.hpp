#pragma once
// What the two arms of a comparison must share: the same partners (names, in the same order; their
// columns may differ), opgave dimensions, network, master seed, replications, steps and
// recording. Then replication r of each arm runs on the same network with the same run seed
// (common random numbers) and the two runs form a pair; arms that differ in any of these are not
// a paired comparison and are refused, naming the first key that differs.
#include <optional>
#include <string>
#include <string_view>

#include "scenario/scenario_spec.hpp"

namespace regiesim::comparison {

struct ArmDifference {
  std::string key;      // dotted path ("run.steps", "network.kind") or "partners"
  std::string value_0;  // arm 0's value, as text
  std::string value_1;  // arm 1's
};

// The first key, in the order partners, opgave.dimensions, network.*, run.seed, run.replications,
// run.steps, record.*, in which the arms differ; nothing if they agree.
std::optional<ArmDifference> first_difference(const scenario::ScenarioSpec& arm0,
                                              const scenario::ScenarioSpec& arm1);

}  // namespace regiesim::comparison
