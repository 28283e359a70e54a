#pragma once
// One entry of a `planned` regisseur's schedule: in week `week`, apply
// `intervention` to `target` with `intensity`. The same triple is what a strategy or the classroom
// page hands to the engine (regie/apply takes a span of them from any source).
#include <cstdint>
#include <string>

#include "model/arsenal.hpp"

namespace regiesim::model {

struct PlanEntry {
  std::int32_t week;
  Intervention intervention;
  std::string target_name;  // a partner's name or "all", as written
  std::int32_t target;      // the partner's id, or kAllPartners (resolved at load)
  double intensity;         // iota in [0, 1] (organise: the level aimed at)
  // Where the entry was written, for messages after all partners are known.
  std::string origin;
  int line = 0;
  int column = 0;
  // The same entry whatever file or line it was written in: a plan read back from a results
  // file's manifest equals the plan that ran.
  friend bool operator==(const PlanEntry& a, const PlanEntry& b) {
    return a.week == b.week && a.intervention == b.intervention && a.target_name == b.target_name &&
           a.target == b.target && a.intensity == b.intensity;
  }
};

}  // namespace regiesim::model
