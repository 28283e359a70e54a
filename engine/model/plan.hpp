#pragma once
// One entry of a `planned` regisseur's schedule (DECISIONS 18): in week `week`, apply
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
  friend bool operator==(const PlanEntry&, const PlanEntry&) = default;
};

}  // namespace regiesim::model
