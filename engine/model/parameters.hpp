#pragma once
// The model-wide parameters of a scenario, as a typed struct (typed parameters,
// declared once). Members have no initialisers on purpose: the one declaration of each parameter,
// with its default, range, unit and claim, is its row in parameter_table.cpp, and
// `default_parameters()` is the only way to get a filled struct.
#include <cstdint>
#include <vector>

#include "model/arsenal.hpp"
#include "negotiation/settings.hpp"

namespace regiesim::model {

// Order in which partners update within a step (ODD 3, "process overview and scheduling").
enum class Activation : std::int32_t {
  random_sequential = 0,  // a fresh random order every step, each partner sees earlier updates
  fixed = 1,              // ascending partner id, each partner sees earlier updates
  synchronous = 2,        // every partner updates from the state at the start of the process
};

enum class NetworkKind : std::int32_t {
  complete = 0,     // every partner knows every other (the usual small regie network)
  small_world = 1,  // Watts-Strogatz ring lattice with rewiring (Boost.Graph)
  // Generated networks for studies at scale (docs/ODD.md 7): each tie independently (Boost.Graph's
  // sorted Erdos-Renyi), a power-law degree sequence (Boost.Graph's PLOD), preferential
  // attachment (Barabasi-Albert, engine/network), or the ties of an edge-list file.
  erdos_renyi = 2,
  power_law = 3,
  barabasi_albert = 4,
  edge_list = 5,
};

// The regisseur's chooser (docs/ODD.md 3.3). No process reads which strategy produced an
// intervention (issue 14 item 6); the value only selects the chooser in regie/choose.
enum class Strategy : std::int32_t {
  none = 0,
  facilitative = 1,
  controlling = 2,
  scattershot = 3,
  commissioning = 4,
  negotiation = 5,
  planned = 6,
};

// How much a run records (design decision 1); each level includes the ones before it.
enum class RecordLevel : std::int32_t { summary = 0, series = 1, agents = 2, full = 3 };

// The most issue dimensions an opgave may span (the parameter table's bound on
// opgave.dimensions): what a scan's per-dimension scratch is sized for.
inline constexpr std::int64_t kMaxDimensions = 64;

struct Parameters {
  // [run]
  std::int64_t steps;         // weeks simulated
  std::int64_t replications;  // independent replications of the scenario
  std::int64_t seed;          // master seed; run seeds derive from it and the replication
  Activation activation;

  // [network]
  NetworkKind network_kind;
  std::int64_t network_neighbours;  // small_world: ties per partner in the ring lattice
  double network_rewiring;          // small_world: probability that a tie is rewired
  double network_per_replication;   // boolean (1 or 0): each replication draws its own network
  double network_mean_degree;  // erdos_renyi, power_law, barabasi_albert: expected ties per partner
  double network_exponent;     // power_law: gamma of P(degree = k) ~ k^-gamma

  // [opgave]
  std::int64_t opgave_dimensions;  // K: issue dimensions the opgave spans, 1..kMaxDimensions
  // Per dimension (ValueKind::real_per_dimension): K numbers, or empty for the declared default
  // on every dimension (ParameterDecl::dimension_values resolves it).
  std::vector<double> opgave_goal;  // g0_k: the goal's emphasis per dimension at the start (C3)
  double opgave_progress_rate;      // largest fraction of what remains that one week can realise
  double opgave_saturation;         // committed capability at which a dimension runs at half speed
  double opgave_trust_synergy;      // extra yield of co-creation at full mutual trust
  double opgave_visible_progress;   // share of the maximal weekly pace perceived as full progress
  double opgave_concreteness;       // C0: concreteness of the goal at the start
  double opgave_clarity;            // Q0: clarity (agreement on the goal) at the start
  double opgave_clarity_decay;      // share of clarity lost per week
  double opgave_agreed_clarity;     // clarity at which the goal counts as agreed
  double opgave_meeting_clarification;  // weight of goal co-creation in a convened meeting
  double opgave_abstract_consent;  // d_A: how much less clarity an abstract goal needs to be agreed

  // [organisation]
  double organisation_initial;   // O_L at the start
  double organisation_overhead;  // share of effort full organisation consumes
  double organisation_gain;      // extra yield of organisation at full clarity
  double organisation_fit;       // level that fits the work form
  double organisation_rigidity;  // r_O: cost of structure on an unclear goal, against the gain

  // [ownership]
  double ownership_initial_influence;  // influence the partners hold together at the start
  double ownership_memory;             // share of influence forgotten per week
  double ownership_voice_floor;        // voice of a partner whose interests are unknown
  double ownership_voice_known;        // lambda_K: a voice pulls the goal by its known share (C2)
  double ownership_measured;           // chi: the ledgers record acts' measured weight (C16)
  double ownership_work_weight;        // w_W: weight of ownership of the work in O_i (C5)

  // [focus]
  double focus_initial;
  double focus_decay;
  double focus_hold;
  double focus_co_creation;
  double focus_negotiation;

  // [interests]
  double interests_initial_known;
  double interests_forgetting;
  double interests_salience_gain;
  double interests_salience_relief;
  double interests_salience_decay;
  double interests_surfacing_salience;

  // [perspectives]
  double perspectives_confidence;
  double perspectives_confidence_min;
  double perspectives_confidence_max;
  double perspectives_convergence;
  double perspectives_debate_propensity;
  double perspectives_debate_narrowing;
  double perspectives_acknowledgement_decay;

  // [language]
  double language_initial;
  double language_misunderstanding;
  double language_learning;

  // [negotiation] (docs/ODD.md 7.5; the protocols are engine/negotiation's)
  negotiation::Protocol negotiation_protocol;  // zeuthen | alternating_offers | nash
  double negotiation_scope;                    // share of the remaining opgave one round divides
  double negotiation_horizon;                  // weeks of invested effort an agreement plans for
  double negotiation_concession;        // epsilon: a Zeuthen concession, share of the best gain
  double negotiation_effort_cost;       // kappa: cost of a unit of committed effort
  double negotiation_utility_exponent;  // rho: curvature of utility in value
  double negotiation_discount_calm;     // delta at urgency 0 (alternating offers)
  double negotiation_discount_urgent;   // delta at urgency 1
  double negotiation_execution_rate;    // realisation per unit of invested effort, executing
  // 1: an allocation is executed at its plan's pace, rho_x m_i r_i effort a week at the plan's
  // work per unit of effort (7.9); 0: rho_x m_i r_i realisation a week (the rule before)
  double negotiation_execute_as_planned;
  std::int64_t negotiation_patience;  // weeks an open negotiation waits for its next round
  // 1: a negotiating meeting without an open negotiation of exactly its parties continues one
  // whose parties all sit among its parties (7.5); 0: only exactly its parties continue it
  double negotiation_continue_contained;

  // [meetings]
  double meetings_probability;       // chance per week that a tie meets
  std::int64_t meetings_max_size;    // largest meeting
  double meetings_switch_steepness;  // beta of the co-create/negotiate switch (C14)

  // [trust]
  double trust_initial;   // trust on every tie at the start
  double trust_gain;      // share of the remaining distance to full trust won by a good experience
  double trust_loss;      // share of trust lost by a bad experience
  double trust_decay;     // share of trust that fades in a week without meeting
  double trust_fairness;  // pull of trust toward a negotiation's fairness
  double trust_regisseur_initial;  // V0
  double trust_regisseur_gain;     // gV
  double trust_regisseur_loss;     // lV

  // [passion]
  double
      passion_contagion;  // pull of a partner's passion toward the trust-weighted passion of ties
  double passion_fade;    // share of passion lost in a week without visible progress

  // [commitment]
  double commitment_adaptation;      // share of the gap to its target that commitment closes weekly
  double commitment_passion_weight;  // w_p (weights are normalised by their sum)
  double commitment_trust_weight;    // w_T
  double commitment_interest_weight;   // w_s
  double commitment_ownership_weight;  // w_o
  double commitment_goal_weight;       // w_g
  double commitment_lived_ownership;   // nu: the lived goal read through felt ownership (C3, C16)

  // [exit]
  double exit_threshold;       // commitment below which a partner considers leaving
  std::int64_t exit_patience;  // weeks in a row below the threshold before it leaves

  // [regisseur]
  Strategy regisseur_strategy;
  double regisseur_capacity;                   // effort per week for interventions
  std::int64_t regisseur_convene_interval;     // convening rhythm of the strategies; 0 = never
  std::int64_t regisseur_choice_interval;      // weeks between a strategy's choices; 1 = every week
  double regisseur_seat_cost;                  // cost per participant of a convened meeting
  std::vector<double> regisseur_capabilities;  // cR_k: its own specialism (C5, P3); per dimension
  double regisseur_own_effort;                 // eR: work per control
  double regisseur_trust_dependence;           // psi
  double regisseur_awareness_initial;
  double regisseur_awareness_decay;
  double regisseur_control_signal;      // xi
  double regisseur_control_influence;   // influence taken per control
  double regisseur_delegate_influence;  // influence handed over per delegation
  double regisseur_reflect_relief;
  std::vector<double> regisseur_goal;        // gR_k: the goal commission_goal hands down (C16)
  double regisseur_commission_concreteness;  // CR
  double regisseur_min_gap;
  double regisseur_min_effect_per_effort;
  double regisseur_release_threshold;
  std::int64_t regisseur_release_weeks;
  double regisseur_release_reads_decisions;  // a flag: 1 or 0
  double regisseur_light_level;
  double regisseur_concretise_early;          // w_C: make_concrete's gap ignores clarity (C3)
  double regisseur_appreciation_contingency;  // omega_A: appreciation lifts passion by merit (C5)
  Arsenal arsenal;  // regisseur.arsenal.<intervention>.enabled / .effectiveness / .cost

  // [record]
  RecordLevel record_level;
  std::int64_t record_agent_interval;  // weeks between per-partner samples (agents, full)

  friend bool operator==(const Parameters&, const Parameters&) = default;
};

// Every parameter at the default its declaration gives.
Parameters default_parameters();

}  // namespace regiesim::model
