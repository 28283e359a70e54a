#pragma once
// One meeting's negotiation: who does and gets what (C14, design decision 9). Pure function over
// plain data; the model calls it per negotiating meeting and keeps `Outcome::demands` and
// `Outcome::rounds` between meetings, so a Zeuthen negotiation spans meetings at one bargaining
// round per meeting (settings.rounds_per_meeting). The same participants, in the same order, must
// be passed at every meeting of one negotiation; if the group changes, start a new negotiation
// (empty carried demands). Participant order matters only for alternating offers (the first
// participant proposes first).
#include <cstdint>
#include <span>
#include <vector>

#include "negotiation/bargaining_problem.hpp"
#include "negotiation/settings.hpp"
#include "negotiation/utility.hpp"

namespace regiesim::negotiation {

struct MeetingInput {
  std::span<const double> remaining_work;  // W_k >= 0, the opgave's remaining work, K entries
  std::span<const double> interests;       // a_ik in [0, 1], participants x K, row-major
  std::span<const double> capabilities;    // c_ik in [0, 1], participants x K, row-major
  std::span<const double> resources;       // r_i >= 0, effort a participant can commit per week
  std::span<const double> urgency;         // u_i in [0, 1], sets the discount factor
  NegotiationSettings settings;
  // Carried over from the negotiation's last meeting (Outcome::demands, Outcome::rounds); empty
  // demands start a new negotiation.
  std::span<const double> carried_demands;
  std::int32_t carried_rounds = 0;
};

enum class Status : std::uint8_t {
  agreed = 0,      // shares and effort are fixed
  ongoing = 1,     // Zeuthen: demands still exceed the whole; carry `demands` to the next meeting
  broke_down = 2,  // no split leaves every participant better off than alone, or nobody can
                   // concede further
};

// Scratch the functions reuse, so a caller that keeps one Outcome allocates nothing per meeting.
struct Workspace {
  std::vector<PartnerUtility> all;         // per participant
  std::vector<PartnerUtility> bargainers;  // those with rival value, in participant order
  std::vector<std::int32_t> bargainer;     // their participant positions
  std::vector<double> shares, nash, demands, discount, offers, per_dimension;
};

struct Outcome {
  Status status = Status::broke_down;
  std::int32_t rounds = 0;  // bargaining rounds of this negotiation, over all its meetings
  // sum over the participants who bargain of log(u_i(x_i) - d_i) at the agreed shares; NaN
  // unless agreed (participants without rival value have a constant gain, left out).
  double log_nash_product = 0.0;
  // Total variation distance of the agreed shares from the Nash shares, in [0, 1]; 0 is the
  // Nash split. NaN unless agreed.
  double fairness_distance = 0.0;
  std::vector<double> shares;        // x_i: share of the divisible benefit (sum 1 when agreed)
  std::vector<double> effort;        // e_ik: allocated effort, participants x K (0 unless agreed)
  std::vector<double> nash_shares;   // the Nash bargaining shares (the fairness reference)
  std::vector<double> demands;       // Zeuthen's standing demands, to carry to the next meeting
  std::vector<double> utility;       // u_i at the agreement (d_i unless agreed)
  std::vector<double> disagreement;  // d_i: what each achieves alone
  Workspace scratch;

  bool agreed() const { return status == Status::agreed; }
};

// Reuses `out`'s buffers: no allocation once they have grown to the meeting's size.
// Preconditions (asserted in debug builds): interests and capabilities hold n x K values, urgency
// n, carried demands none or n; values within the ranges above (the model's declared ranges).
void negotiate(const MeetingInput& input, Outcome& out);

inline Outcome negotiate(const MeetingInput& input) {
  Outcome out;
  negotiate(input, out);
  return out;
}

}  // namespace regiesim::negotiation
