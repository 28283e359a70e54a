#pragma once
// The negotiation submodel's settings (docs/ODD.md 7.5). Defaults and ranges are stated here
// so that the parameter table can declare them as `negotiation.<name>` (design decision 5); the
// module itself reads nothing but this struct.
#include <cstdint>
#include <string_view>

namespace regiesim::negotiation {

// How a meeting bargains (negotiation.protocol). Values are stable: they may be written to output.
enum class Protocol : std::uint8_t {
  zeuthen = 0,             // monotonic concession, Harsanyi's rule for n partners (the default)
  alternating_offers = 1,  // stationary SPE of unanimity bargaining (Rubinstein at n = 2)
  nash = 2,                // the Nash bargaining solution, computed directly (the reference)
};

std::string_view protocol_name(Protocol protocol);

struct NegotiationSettings {
  // negotiation.protocol: zeuthen | alternating_offers | nash. Default zeuthen (design decision 9).
  Protocol protocol = Protocol::zeuthen;
  // negotiation.concession, in (0, 1]: the partner who concedes lowers the gain it demands by this
  // share of its largest possible gain (what it would gain with the whole divisible benefit).
  // Finite in the model, so rounds grow with divergence; vanishing in the theory tests.
  double concession = 0.05;
  // negotiation.rounds_per_meeting, in [1, 1000]: bargaining rounds one meeting holds. One by
  // design decision 9, so a Zeuthen negotiation spans meetings.
  std::int32_t rounds_per_meeting = 1;
  // negotiation.effort_cost, in [0, 10], value per unit of effort: what committing effort costs a
  // partner, in the units of its interests times work.
  double effort_cost = 0.2;
  // negotiation.utility_exponent, in (0, 1]: rho in u = v^rho - cost; 1 is risk neutral (linear
  // in the benefit), below 1 concave (risk averse).
  double utility_exponent = 1.0;
  // negotiation.discount_calm, in [0, 1): the per-round discount factor of a partner without
  // urgency (patient).
  double discount_calm = 0.95;
  // negotiation.discount_urgent, in [0, discount_calm]: the per-round discount factor of a
  // partner at full urgency (impatient: it needs the result soon, C16).
  double discount_urgent = 0.70;
};

}  // namespace regiesim::negotiation
