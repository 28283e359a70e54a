#pragma once
// The state of one run, as contiguous columns indexed by the dense partner id (structure of
// arrays). Partners who leave are flagged inactive, never removed, so ids and their
// random streams never change owner (design decision 2). Trust lives on the network's directed
// edges. Every variable is a row of docs/ODD.md section 2 (symbols in the comments).
#include <Eigen/Core>
#include <array>
#include <cstdint>
#include <vector>

#include "model/arsenal.hpp"
#include "negotiation/negotiate.hpp"

namespace regiesim::model {

using Flags = Eigen::Array<std::uint8_t, Eigen::Dynamic, 1>;

struct PartnerState {
  Eigen::ArrayXd passion;            // p_i, 0..1 (C13)
  Eigen::ArrayXd intrinsic_passion;  // p0_i, the declared passion it returns to (C13)
  Eigen::ArrayXd commitment;         // m_i, 0..1
  Eigen::ArrayXd urgency;            // u_i, 0..1, fixed (C16)
  Eigen::ArrayXXd capabilities;      // c_ik, partners x dimensions, 0..1 (C3)
  Eigen::ArrayXXd interests;         // theta_ik, partners x dimensions, -1..1 (C2, C13)
  Eigen::ArrayXd resources;          // r_i, effort per week at full commitment (C16)
  Eigen::ArrayXd influence;          // Lambda_i, discounted influence on the goal (C16)
  Eigen::ArrayXd work_influence;     // LambdaW_i, discounted work done for the opgave (C5)
  Eigen::ArrayXd interests_known;    // kappa_i, 0..1 (C2)
  Eigen::ArrayXd salience;           // z_i, salience of divergent interests, 0..1 (C14)
  Eigen::ArrayXd focus;              // f_i, focus on the shared opgave, 0..1 (C14)
  Eigen::ArrayXd perspective;        // x_i, 0..1 (C10)
  Eigen::ArrayXi discipline;         // l_i, professional language (C4)
  Eigen::ArrayXd trust_regisseur;    // V_i, 0..1 (C5)
  Flags settled;                     // settled_i: executes a negotiated allocation (C14)
  Eigen::ArrayXd allocation;         // q_i, realisation still owed under its agreement
  Eigen::ArrayXd allocation_yield;   // eta_i, its plan's realisation per unit of effort (C14)
  Eigen::ArrayXd contribution;       // y_i, what it delivered last week (observable)
  Flags surfaced;                    // its interests were surfaced at least once (observable)
  Flags active;                      // act_i: 1 while in the collaboration
  Eigen::ArrayXi weeks_low;          // w_i: consecutive weeks with commitment below exit.threshold
};

// The opgave and the collaboration-level state.
struct OpgaveState {
  Eigen::ArrayXd goal;           // g_k, emphasis per dimension, 0..1 (C3, C16)
  Eigen::ArrayXd realised;       // R_k, per dimension, never decreases
  double concreteness = 0;       // C (C3)
  double clarity = 0;            // Q (C3, C8)
  double language = 0;           // L (C4)
  double confidence = 0;         // eps, the bounded-confidence bound (C10)
  double acknowledgement = 0;    // A_P (C10)
  double organisation = 0;       // O_L (C7, C8, C15)
  double visible = 0;            // v, this week's visible progress (C13)
  std::int32_t agreed_week = 0;  // t_agree (T + 1 while never)
};

// The regisseur's state and its strategies' memory (computed from Observations only).
struct RegisseurState {
  double influence = 0;       // Lambda_R (C16, C5)
  double work_influence = 0;  // LambdaW_R, its discounted own work (C5)
  double awareness = 1;       // A_R (C17)
  Eigen::ArrayXd own_work;    // WR_k, coverage it adds this week by control (C5, P3)
  // Fixed for the run, from regisseur.capabilities and regisseur.goal (as a partner's
  // capabilities are in PartnerState): read in the step loop without a lookup by path.
  Eigen::ArrayXd capabilities;       // cR_k, its own specialism (C5, P3)
  Eigen::ArrayXd goal;               // gR_k, the goal commission_goal hands down (C16)
  std::int32_t weeks_since_all = 0;  // weeks since it last convened everyone
  Eigen::ArrayXi low_weeks;          // memory: consecutive weeks of low observed contribution (C9)
  double debate_share = 0;           // memory: smoothed share of meetings that were debates
  std::int64_t cursor = 0;           // memory: scattershot's position in its candidate list
};

// One intervention as every source hands it to the engine: a strategy, the plan, the classroom
// page (design decision 18). target: a partner id or kAllPartners (-1).
struct InterventionRequest {
  Intervention kind;
  std::int32_t target;
  double intensity;
};

// A meeting of this week (design decision 10): its participants are a slice of
// Meetings::participants.
struct Meeting {
  std::int32_t first;  // into Meetings::participants
  std::int32_t size;
  std::uint32_t key_a;  // random-stream key (docs/ODD.md 2, meetings)
  std::uint32_t key_b;
  bool convened;
  bool negotiate = false;
  bool debate = false;
  double fairness = -1.0;        // phi of an agreement reached in it this week (read if agreed)
  std::int32_t first_party = 0;  // into Meetings::parties: who bargained (the agreement's E)
  std::int32_t parties = 0;
  bool agreed = false;  // an agreement was reached in it this week (not read off phi's sign)
};

struct Meetings {
  std::vector<Meeting> list;
  std::vector<std::int32_t> participants;
  std::vector<std::int32_t> parties;  // the parties of the week's rounds, ascending per meeting
  void clear() {
    list.clear();
    participants.clear();
    parties.clear();
  }
};

// Negotiations that span meetings (design decision 9; docs/ODD.md 7.5): an open negotiation is
// continued when exactly its parties meet again in a negotiating meeting. A partner may sit in
// several (with different parties). Sized once, at initialisation, to a fixed number of slots;
// slots are reused, never grown: when all are taken, the stalest negotiation is dropped. Each
// open negotiation is listed under its lowest party (`head`, `next`), so finding the one of a
// meeting walks one short list.
struct OpenNegotiations {
  std::vector<std::int32_t> head;  // per partner: first open negotiation it anchors, -1 if none
  // per slot
  std::vector<std::int32_t> next;       // next slot anchored at the same partner, -1 at the end
  std::vector<std::uint8_t> open;       // 1 while open
  std::vector<std::int32_t> id;         // run-level negotiation id (/negotiations)
  std::vector<std::int32_t> rounds;     // rounds held so far
  std::vector<std::int32_t> last_week;  // week of its last round
  std::vector<std::int32_t> size;       // parties
  std::vector<std::int32_t> parties;    // slot * max_parties + a: its parties, ascending id
  std::vector<double> demands;          // same layout: their standing Zeuthen demands (shares)
  std::vector<std::int32_t> free;       // free slots, used from the back
  std::int32_t max_parties = 0;
  std::int32_t next_id = 0;  // the id of the next negotiation opened
};

// Scratch of one bargaining round (dynamics/settlement), sized once to the largest meeting.
struct NegotiationScratch {
  std::vector<std::int32_t> parties;  // E, ascending id
  std::vector<double> work, interests, capabilities, resources, urgency, demands;
  negotiation::Outcome outcome;
};

// A candidate intervention a strategy weighs (regie/strategies): its expected effect per unit of
// capacity is `score`.
struct Candidate {
  Intervention kind;
  std::int32_t target;
  double intensity;
  double cost;
  double gap;  // observable gap Dhat (last week's: it does not change within a week)
  double score;
  bool taken;
};

// What a step produced beyond the state, read by the recorder after the step.
struct StepTallies {
  std::int64_t meetings = 0;  // ties that met
  double regie_effort = 0.0;  // effort the regisseur spent
  std::array<double, kInterventionCount> effort_by_intervention{};
  std::int64_t meetings_cocreating = 0;
  std::int64_t meetings_negotiating = 0;
  std::int64_t meetings_debate = 0;
  std::int64_t agreements = 0;
  std::int64_t exits = 0;
  std::int64_t releases = 0;
  double progress = 0.0;  // R_t - R_t-1
};

struct State {
  std::int32_t step = 0;  // the step last completed (0 = initial state)
  PartnerState partners;
  OpgaveState opgave;
  RegisseurState regisseur;
  Eigen::ArrayXd trust;      // per directed edge i->j: how much i trusts j, 0..1
  Flags met;                 // per directed edge: 1 if the tie met this step
  double realisation = 0.0;  // R = mean of R_k, 0..1
  StepTallies tallies;
  StepTallies last_tallies;  // last week's, for the Observation

  // Scratch, sized once at initialisation so the step loop never allocates.
  Eigen::ArrayXd passion_before;    // synchronous activation reads the start-of-process values
  std::vector<std::int32_t> order;  // this step's activation order
  Meetings meetings;                // this week's meetings
  std::vector<InterventionRequest> chosen;  // this week's interventions, in span order
  Eigen::ArrayXd scratch_partner;           // per-partner scratch (perspective updates, shares)
  Eigen::ArrayXd scratch_partner2;
  Flags scratch_flags;               // per-partner marks (placed in a convened meeting)
  Flags in_convened;                 // sat in a convened meeting this week (trust in regisseur)
  Flags named;                       // named by an applied intervention this week
  std::vector<double> scratch_sort;  // perspective clusters
  std::vector<std::int32_t> scratch_ids;
  std::vector<Candidate> candidates;
  OpenNegotiations negotiations;
  NegotiationScratch bargain;
};

}  // namespace regiesim::model
