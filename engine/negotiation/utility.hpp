#pragma once
// One partner's utility over its share x of the divisible benefit (docs/ODD.md 7.5):
//   u(x) = scale * (common + rival * x)^exponent + offset
// increasing (rival > 0) and concave (0 < exponent <= 1) in x. `common` is the value the partner
// enjoys whatever the split (what it wants together with the others), `rival` the value of the
// whole divisible part to it, `offset` minus the cost of its allocated effort; `disagreement` is
// what it achieves alone, in the same units. The bargaining protocols see only these numbers, so
// the theory tests can give them any linear or concave frontier, and any affine rescaling
// (scale, offset and disagreement together) leaves every protocol's shares unchanged.
namespace regiesim::negotiation {

struct PartnerUtility {
  double common = 0.0;        // >= 0
  double rival = 1.0;         // > 0 for a partner who bargains
  double exponent = 1.0;      // in (0, 1]
  double scale = 1.0;         // > 0
  double offset = 0.0;        // any
  double disagreement = 0.0;  // utility alone

  double value_of(double share) const { return common + rival * share; }
  double operator()(double share) const;
  double derivative(double share) const;
  // The share x with u(x) = utility (the inverse; it may lie outside [0, 1]).
  double share_for(double utility) const;
  // The share at which the partner gains exactly what it achieves alone.
  double break_even() const { return share_for(disagreement); }
  double gain(double share) const { return operator()(share) - disagreement; }
  // Its largest possible gain: the whole divisible benefit.
  double best_gain() const { return gain(1.0); }
};

}  // namespace regiesim::negotiation
