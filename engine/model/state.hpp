#pragma once
// The state of one run, as contiguous columns indexed by the dense partner id (structure of
// arrays, ENGINEERING 6). Partners who leave are flagged inactive, never removed, so ids and their
// random streams never change owner (DECISIONS 2). Trust lives on the network's directed edges.
#include <Eigen/Core>
#include <cstdint>
#include <vector>

namespace regiesim::model {

using Flags = Eigen::Array<std::uint8_t, Eigen::Dynamic, 1>;

struct PartnerState {
  Eigen::ArrayXd passion;        // 0..1 (C13)
  Eigen::ArrayXd commitment;     // 0..1
  Eigen::ArrayXd urgency;        // 0..1, fixed in this model (C16)
  Eigen::ArrayXXd capabilities;  // partners x dimensions, 0..1 (C3)
  Flags active;                  // 1 while in the collaboration
  Eigen::ArrayXi weeks_low;      // consecutive weeks with commitment below exit.threshold
};

// What a step produced beyond the state, read by the recorder after the step.
struct StepTallies {
  std::int64_t meetings = 0;  // ties that met
  double regie_effort = 0.0;  // effort the regisseur spent
};

struct State {
  std::int32_t step = 0;  // the step last completed (0 = initial state)
  PartnerState partners;
  Eigen::ArrayXd trust;      // per directed edge i->j: how much i trusts j, 0..1
  Flags met;                 // per directed edge: 1 if the tie met this step
  double realisation = 0.0;  // share of the opgave realised, 0..1
  StepTallies tallies;

  // Scratch, sized once at initialisation so the step loop never allocates.
  Eigen::ArrayXd passion_before;    // synchronous activation reads the start-of-process values
  std::vector<std::int32_t> order;  // this step's activation order
};

}  // namespace regiesim::model
