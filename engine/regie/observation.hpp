#pragma once
// What a regisseur can observe (docs/ODD.md 3.2): attendance, contributions,
// exits, meeting modes, decisions, trust signals, never hidden state. A view on the state of the
// end of last week that exposes only the observable columns: a strategy given an Observation
// cannot read partner-to-partner trust, commitment, passion, focus, salience or perspectives.
#include <cstdint>

#include "dynamics/derived.hpp"
#include "model/parameters.hpp"
#include "model/state.hpp"
#include "network/network.hpp"

namespace regiesim::regie {

// The partners' interests as the regisseur can know them: a partner's only once they were
// surfaced (C2, ODD 3.2). A strategy cannot read an unsurfaced partner's interests at all, so two
// collaborations that differ only there look the same to it.
class SurfacedInterests {
 public:
  SurfacedInterests(const Eigen::ArrayXXd& interests, const model::Flags& surfaced)
      : interests_(&interests), surfaced_(&surfaced) {}
  bool known(Eigen::Index i) const { return (*surfaced_)[i] != 0; }
  // How far `goal` serves partner i's interests (dynamics::interests_served); 0 while they are
  // unknown: nothing is known to be served.
  double served(const Eigen::ArrayXd& goal, Eigen::Index i) const;
  // The same number from the goal's weights, for a scan over every partner.
  double served(const dynamics::GoalWeights& goal, Eigen::Index i) const {
    return known(i) ? dynamics::interests_served(goal, *interests_, i) : 0.0;
  }

 private:
  const Eigen::ArrayXXd* interests_;
  const model::Flags* surfaced_;
};

struct Observation {
  std::int32_t week;                // the week being chosen for
  const network::Network* network;  // who knows whom is public
  const model::Flags* active;
  const Eigen::ArrayXd* contribution;     // y_i, last week's delivery
  const model::Flags* surfaced;           // interests surfaced at least once
  SurfacedInterests interests;            // theta_i, readable only where surfaced
  const Eigen::ArrayXd* interests_known;  // kappa_i (the regisseur put them on the agenda)
  const Eigen::ArrayXd* influence;        // Lambda_i (who shaped the goal is on record)
  double regisseur_influence;             // Lambda_R
  const Eigen::ArrayXd* work_influence;   // LambdaW_i (who did the work is on record, C5)
  double regisseur_work_influence;        // LambdaW_R
  const model::Flags* settled;            // decisions are public
  const Eigen::ArrayXd* allocation;
  const Eigen::ArrayXd* trust_signal;  // V_i, the partner's signal of trust in the regisseur
  const Eigen::ArrayXi* discipline;
  // The collaboration
  double realisation;
  double progress;  // last week's gain
  const Eigen::ArrayXd* goal;
  double concreteness;
  double clarity;
  double organisation;
  double language;
  double awareness;  // A_R
  std::int32_t weeks_since_all;
  const model::StepTallies* last_week;  // counts of meetings by mode, agreements, exits, effort
};

// Builds the Observation of the state at the end of week `week - 1`.
Observation observe(const model::State& state, const network::Network& net, std::int32_t week);

}  // namespace regiesim::regie
