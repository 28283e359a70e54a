#pragma once
// The model-wide parameters of a scenario, as a typed struct (ENGINEERING: typed parameters,
// declared once). Members have no initialisers on purpose: the one declaration of each parameter,
// with its default, range, unit and claim, is its row in parameter_table.cpp, and
// `default_parameters()` is the only way to get a filled struct.
#include <cstdint>

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
};

// How much a run records (DECISIONS 1); each level includes the ones before it.
enum class RecordLevel : std::int32_t { summary = 0, series = 1, agents = 2, full = 3 };

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

  // [opgave]
  std::int64_t opgave_dimensions;  // K: issue dimensions the opgave spans
  double opgave_progress_rate;     // largest fraction of what remains that one week can realise
  double opgave_saturation;        // committed capability at which a dimension runs at half speed
  double opgave_trust_synergy;     // extra yield of co-creation at full mutual trust
  double opgave_visible_progress;  // realisation per week that partners see as real progress

  // [meetings]
  double meetings_probability;  // chance per week that a tie meets

  // [trust]
  double trust_initial;  // trust on every tie at the start
  double trust_gain;     // share of the remaining distance to full trust won by a good experience
  double trust_loss;     // share of trust lost by a bad experience
  double trust_decay;    // share of trust that fades in a week without meeting

  // [passion]
  double
      passion_contagion;  // pull of a partner's passion toward the trust-weighted passion of ties
  double passion_fade;    // share of passion lost in a week without visible progress

  // [commitment]
  double commitment_adaptation;      // share of the gap to its target that commitment closes weekly
  double commitment_passion_weight;  // weight of passion (against trust) in the target

  // [exit]
  double exit_threshold;       // commitment below which a partner considers leaving
  std::int64_t exit_patience;  // weeks in a row below the threshold before it leaves

  // [regisseur]
  std::int64_t regisseur_convene_interval;  // weeks between plenary meetings; 0 = never
  double regisseur_convene_cost;            // regie effort of one plenary meeting

  // [record]
  RecordLevel record_level;
  std::int64_t record_agent_interval;  // weeks between per-partner samples (agents, full)

  friend bool operator==(const Parameters&, const Parameters&) = default;
};

// Every parameter at the default its declaration gives.
Parameters default_parameters();

}  // namespace regiesim::model
