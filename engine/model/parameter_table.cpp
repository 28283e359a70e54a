#include "model/parameter_table.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <stdexcept>
#include <string>
#include <utility>

namespace regiesim::model {

namespace {

constexpr std::array<std::string_view, 3> kActivationNames{"random_sequential", "fixed",
                                                           "synchronous"};
constexpr std::array<std::string_view, 6> kNetworkNames{
    "complete", "small_world", "erdos_renyi", "power_law", "barabasi_albert", "edge_list"};
constexpr std::array<std::string_view, 4> kRecordLevelNames{"summary", "series", "agents", "full"};
constexpr std::array<std::string_view, 3> kProtocolNames{"zeuthen", "alternating_offers", "nash"};
constexpr std::array<std::string_view, 7> kStrategyNames{
    "none",          "facilitative", "controlling", "scattershot",
    "commissioning", "negotiation",  "planned"};

// The largest integer a double holds exactly: seeds above it could not round-trip through the
// table's double-valued get/set.
constexpr double kMaxExactInteger = 9007199254740991.0;

template <auto Member>
int get_enum(const Parameters& p) {
  return static_cast<int>(p.*Member);
}
template <auto Member>
void set_enum(Parameters& p, int value) {
  using Enum = std::remove_reference_t<decltype(p.*Member)>;
  p.*Member = static_cast<Enum>(value);
}

// The fields every kind of declaration shares; each factory below adds its member pointer.
ParameterDecl declared(std::string_view path, ValueKind kind, double def, double min, double max,
                       std::string_view unit, std::string_view claim, std::string_view label_en,
                       std::string_view label_nl, std::string_view description, bool sweepable) {
  return ParameterDecl{.path = path,
                       .kind = kind,
                       .default_value = def,
                       .min = min,
                       .max = max,
                       .unit = unit,
                       .claim = claim,
                       .label_en = label_en,
                       .label_nl = label_nl,
                       .description = description,
                       .sweepable = sweepable};
}

ParameterDecl real(std::string_view path, double Parameters::*member, double def, double min,
                   double max, std::string_view unit, std::string_view claim,
                   std::string_view label_en, std::string_view label_nl,
                   std::string_view description, bool sweepable = true) {
  ParameterDecl d = declared(path, ValueKind::real, def, min, max, unit, claim, label_en, label_nl,
                             description, sweepable);
  d.real = member;
  return d;
}

ParameterDecl integer(std::string_view path, std::int64_t Parameters::*member, double def,
                      double min, double max, std::string_view unit, std::string_view claim,
                      std::string_view label_en, std::string_view label_nl,
                      std::string_view description, bool sweepable = true) {
  ParameterDecl d = declared(path, ValueKind::integer, def, min, max, unit, claim, label_en,
                             label_nl, description, sweepable);
  d.integer = member;
  return d;
}

ParameterDecl boolean(std::string_view path, double Parameters::*member, bool def,
                      std::string_view claim, std::string_view label_en, std::string_view label_nl,
                      std::string_view description, bool sweepable = true) {
  ParameterDecl d = declared(path, ValueKind::boolean, def ? 1.0 : 0.0, 0, 1, "", claim, label_en,
                             label_nl, description, sweepable);
  d.real = member;
  return d;
}

// K numbers, one per opgave dimension, each default_value unless the scenario gives them.
ParameterDecl per_dimension(std::string_view path, std::vector<double> Parameters::*member,
                            double def, double min, double max, std::string_view unit,
                            std::string_view claim, std::string_view label_en,
                            std::string_view label_nl, std::string_view description,
                            bool sweepable = true) {
  ParameterDecl d = declared(path, ValueKind::real_per_dimension, def, min, max, unit, claim,
                             label_en, label_nl, description, sweepable);
  d.reals = member;
  return d;
}

template <auto Member, std::size_t N>
ParameterDecl choice(std::string_view path, const std::array<std::string_view, N>& names, int def,
                     std::string_view claim, std::string_view label_en, std::string_view label_nl,
                     std::string_view description, bool sweepable = true) {
  ParameterDecl d = declared(path, ValueKind::choice, double(def), 0, double(N - 1), "", claim,
                             label_en, label_nl, description, sweepable);
  d.choices = names;
  d.get_choice = &get_enum<Member>;
  d.set_choice = &set_enum<Member>;
  return d;
}

// The arsenal's keys, three per intervention, generated from model/arsenal.hpp (design decision
// 16).
template <int A, int Field>
double get_arsenal(const Parameters& p) {
  const ArsenalEntry& e = p.arsenal[A];
  return Field == 0 ? e.enabled : Field == 1 ? e.effectiveness : e.cost;
}
template <int A, int Field>
void set_arsenal(Parameters& p, double value) {
  ArsenalEntry& e = p.arsenal[A];
  (Field == 0 ? e.enabled : Field == 1 ? e.effectiveness : e.cost) = value;
}

// Paths and texts must outlive the table: kept in static storage built once.
struct ArsenalTexts {
  std::string path[3];
  std::string label_en[3];
  std::string label_nl[3];
  std::string description[3];
};

template <int A>
void add_arsenal_rows(std::vector<ParameterDecl>& t) {
  static ArsenalTexts texts;
  const InterventionDecl& a = kArsenal[A];
  const std::string name(a.name);
  texts.path[0] = "regisseur.arsenal." + name + ".enabled";
  texts.path[1] = "regisseur.arsenal." + name + ".effectiveness";
  texts.path[2] = "regisseur.arsenal." + name + ".cost";
  texts.label_en[0] = name + " enabled";
  texts.label_en[1] = name + " effectiveness";
  texts.label_en[2] = name + " cost";
  texts.label_nl[0] = name + " beschikbaar";
  texts.label_nl[1] = name + " effectiviteit";
  texts.label_nl[2] = name + " kosten";
  texts.description[0] = fmt::format(
      "Whether {} is in this regisseur's repertoire (strategies choose only enabled "
      "interventions; a plan may not use a disabled one): {}.",
      name, a.description);
  texts.description[1] =
      fmt::format("How well this regisseur does {}: eta, the factor of its effect size.", name);
  texts.description[2] = fmt::format("Regie effort one {} costs{}.", name,
                                     a.scope == Scope::partner ? " per partner targeted" : "");
  for (int f = 0; f < 3; ++f) {
    ParameterDecl d{.path = texts.path[f],
                    .kind = f == 0 ? ValueKind::boolean : ValueKind::real,
                    .default_value = f == 0   ? 1.0
                                     : f == 1 ? a.effectiveness
                                              : a.cost,
                    .min = 0,
                    .max = f == 2 ? 1000.0 : 1.0,
                    .unit = f == 2   ? "effort"
                            : f == 1 ? "1"
                                     : "",
                    .claim = f == 0 ? std::string_view("C11") : a.claim,
                    .label_en = texts.label_en[f],
                    .label_nl = texts.label_nl[f],
                    .description = texts.description[f],
                    .sweepable = true};
    if (f == 0) {
      d.get_value = &get_arsenal<A, 0>;
      d.set_value = &set_arsenal<A, 0>;
    } else if (f == 1) {
      d.get_value = &get_arsenal<A, 1>;
      d.set_value = &set_arsenal<A, 1>;
    } else {
      d.get_value = &get_arsenal<A, 2>;
      d.set_value = &set_arsenal<A, 2>;
    }
    t.push_back(d);
  }
}

template <std::size_t... A>
void add_arsenal(std::vector<ParameterDecl>& t, std::index_sequence<A...>) {
  (add_arsenal_rows<static_cast<int>(A)>(t), ...);
}

// Plausible ranges (the "plausible" column of docs/ODD.md section 10.1 as pre-registered, also in
// validation/patterns.toml's [frozen.plausible], which a test holds this list to). A range given
// as several pieces, e.g. organisation.fit's per work form, is the pair of its extremes;
// negotiation.discount_urgent's "0.5..delta_calm" reaches delta_calm's plausible top, 0.99.
// trust.loss's range stays above trust.gain's default, so trust is lost faster than it is built
// (P11). A parameter not listed is fixed.
struct PlausibleEntry {
  std::string_view path;
  PlausibleRange range;
};
constexpr PlausibleEntry kPlausible[] = {
    {"opgave.visible_progress", {0.5, 1.0}},
    {"opgave.concreteness", {0.1, 0.6}},
    {"opgave.clarity", {0.0, 0.3}},
    {"opgave.clarity_decay", {0.001, 0.02}},
    {"opgave.agreed_clarity", {0.5, 0.9}},
    {"opgave.meeting_clarification", {0.005, 0.1}},
    {"organisation.initial", {0.0, 0.5}},
    {"organisation.overhead", {0.05, 0.4}},
    {"organisation.gain", {0.2, 1.0}},
    {"organisation.fit", {0.2, 1.0}},
    {"ownership.initial_influence", {0.5, 5.0}},
    {"ownership.memory", {0.002, 0.05}},
    {"ownership.voice_floor", {0.1, 1.0}},
    {"ownership.voice_known", {0.5, 1.0}},
    {"ownership.measured", {0.5, 1.0}},
    {"ownership.work_weight", {0.2, 0.8}},
    {"commitment.lived_ownership", {0.5, 1.0}},
    {"focus.initial", {0.3, 0.8}},
    {"focus.decay", {0.005, 0.05}},
    {"focus.hold", {0.5, 1.0}},
    {"focus.co_creation", {0.02, 0.2}},
    {"focus.negotiation", {0.05, 0.3}},
    {"interests.initial_known", {0.0, 0.5}},
    {"interests.forgetting", {0.001, 0.02}},
    {"interests.salience_gain", {0.05, 0.3}},
    {"interests.salience_relief", {0.02, 0.2}},
    {"interests.salience_decay", {0.005, 0.05}},
    {"interests.surfacing_salience", {0.0, 1.0}},
    {"meetings.max_size", {5.0, 20.0}},
    {"meetings.switch_steepness", {5.0, 20.0}},
    {"perspectives.confidence", {0.15, 0.5}},
    {"perspectives.confidence_min", {0.02, 0.1}},
    {"perspectives.confidence_max", {0.5, 1.0}},
    {"perspectives.convergence", {0.1, 0.5}},
    {"perspectives.debate_propensity", {0.2, 0.8}},
    {"perspectives.debate_narrowing", {0.01, 0.2}},
    {"perspectives.acknowledgement_decay", {0.005, 0.1}},
    {"language.initial", {0.0, 0.5}},
    {"language.misunderstanding", {0.1, 0.5}},
    {"language.learning", {0.001, 0.02}},
    {"trust.fairness", {0.05, 0.5}},
    {"trust.regisseur_initial", {0.3, 0.7}},
    {"trust.regisseur_gain", {0.01, 0.2}},
    {"trust.regisseur_loss", {0.1, 0.5}},
    {"negotiation.scope", {0.2, 0.8}},
    {"negotiation.horizon", {13.0, 52.0}},
    {"negotiation.concession", {0.02, 0.2}},
    {"negotiation.effort_cost", {0.0, 0.5}},
    {"negotiation.utility_exponent", {0.5, 1.0}},
    {"negotiation.discount_calm", {0.9, 0.99}},
    {"negotiation.discount_urgent", {0.5, 0.99}},
    {"negotiation.execution_rate", {0.002, 0.05}},
    {"negotiation.patience", {4.0, 26.0}},
    {"regisseur.capacity", {0.5, 5.0}},
    {"regisseur.convene_interval", {1.0, 13.0}},
    {"regisseur.seat_cost", {0.0, 0.3}},
    {"regisseur.capabilities", {0.2, 0.8}},
    {"regisseur.own_effort", {0.5, 2.0}},
    {"regisseur.trust_dependence", {0.2, 0.8}},
    {"regisseur.awareness_initial", {0.5, 1.0}},
    {"regisseur.awareness_decay", {0.002, 0.05}},
    {"regisseur.control_signal", {0.0, 0.5}},
    {"regisseur.control_influence", {0.1, 1.0}},
    {"regisseur.delegate_influence", {0.1, 1.0}},
    {"regisseur.reflect_relief", {0.0, 1.0}},
    {"regisseur.commission_concreteness", {0.5, 0.9}},
    {"regisseur.min_gap", {0.0, 0.2}},
    {"regisseur.min_effect_per_effort", {0.0, 0.5}},
    {"regisseur.release_threshold", {0.0, 0.2}},
    {"regisseur.release_weeks", {13.0, 52.0}},
    {"regisseur.light_level", {0.1, 0.3}},
    {"opgave.abstract_consent", {0.5, 1.0}},
    {"organisation.rigidity", {0.5, 1.5}},
    {"regisseur.concretise_early", {0.0, 1.0}},
    {"regisseur.appreciation_contingency", {0.5, 1.0}},
    {"trust.loss", {0.12, 0.4}},
};

void attach_plausible_ranges(std::vector<ParameterDecl>& rows) {
  for (const PlausibleEntry& e : kPlausible) {
    const auto row = std::find_if(rows.begin(), rows.end(),
                                  [&](const ParameterDecl& d) { return d.path == e.path; });
    if (row == rows.end())
      throw std::logic_error(fmt::format("plausible range for undeclared parameter {}", e.path));
    row->plausible = e.range;
  }
}

// Defaults are illustrative (no empirical calibration exists for them); the ranges are the
// stability check of design decision 5: every update rule is a convex combination whose weights the
// ranges keep in [0, 1], so valid input cannot leave the state's ranges.
const std::vector<ParameterDecl>& table() {
  using P = Parameters;
  static const std::vector<ParameterDecl> t = [] {
    std::vector<ParameterDecl> rows{
        // [run]
        integer("run.steps", &P::steps, 520, 1, 100000, "weeks", "", "horizon", "looptijd",
                "Weeks simulated; 520 is ten years.", false),
        integer("run.replications", &P::replications, 10, 1, 1000000, "runs", "", "replications",
                "herhalingen", "Independent replications; each has its own run seed.", false),
        integer("run.seed", &P::seed, 1, 0, kMaxExactInteger, "", "", "master seed", "hoofdzaad",
                "Master seed: run seeds derive from it and the replication number.", false),
        choice<&P::activation>("run.activation", kActivationNames, 0, "", "activation order",
                               "activeringsvolgorde",
                               "Order in which partners update within a step: random_sequential "
                               "(new random order each week), fixed (ascending id) or synchronous "
                               "(all from the same start-of-process state)."),
        // [network]
        choice<&P::network_kind>("network.kind", kNetworkNames, 0, "C1", "network", "netwerk",
                                 "Who can meet whom: complete, or a small_world "
                                 "(Watts-Strogatz) network.",
                                 false),
        integer("network.neighbours", &P::network_neighbours, 4, 2, 1000, "ties", "", "neighbours",
                "buren",
                "small_world: ties per partner in the ring lattice before rewiring (even)."),
        real("network.rewiring", &P::network_rewiring, 0.1, 0, 1, "1", "", "rewiring",
             "herbedrading", "small_world: probability that a lattice tie is rewired."),
        // Not sweepable, like network.kind: it decides what a study's replications sample
        // (ODD section 9, gap 1; design decision 20).
        boolean("network.per_replication", &P::network_per_replication, false, "C1",
                "network per replication", "netwerk per herhaling",
                "false: one network per scenario, drawn from the master seed and shared by every "
                "replication, arm and design point; true: each replication draws its own from its "
                "run seed (a study of a network class). Not with record.level = full.",
                false),
        // The generated networks of the scale work (erdos_renyi, power_law, barabasi_albert;
        // docs/ODD.md 7): how dense, and how unequal the degrees.
        real("network.mean_degree", &P::network_mean_degree, 10, 1, 1000, "ties", "", "mean degree",
             "gemiddelde graad",
             "erdos_renyi, power_law, barabasi_albert: expected ties per partner. erdos_renyi "
             "ties each pair with probability mean_degree / (N - 1); power_law scales its degree "
             "sequence to this mean; barabasi_albert attaches each arriving partner with "
             "mean_degree / 2 ties (an even integer)."),
        real("network.exponent", &P::network_exponent, 2.5, 2.1, 5, "1", "", "degree exponent",
             "graadexponent",
             "power_law: the exponent gamma of the degree distribution P(k) ~ k^-gamma (PLOD "
             "draws degree credits beta x^-alpha with alpha = 1 / (gamma - 1))."),
        // [opgave]
        integer("opgave.dimensions", &P::opgave_dimensions, 4, 1, model::kMaxDimensions,
                "dimensions", "C3", "dimensions", "dimensies",
                "Issue dimensions K the opgave spans; every partner declares a capability on each.",
                false),
        per_dimension("opgave.goal", &P::opgave_goal, 0.5, 0, 1, "1", "C3", "goal", "doel",
                      "The goal's emphasis per opgave dimension at the start (opgave.dimensions "
                      "numbers)."),
        real("opgave.progress_rate", &P::opgave_progress_rate, 0.005, 0, 1, "1/week", "C3",
             "progress rate", "voortgangstempo",
             "Largest share of the unrealised opgave that one week of co-creation can realise."),
        real("opgave.saturation", &P::opgave_saturation, 0.5, 0.001, 100, "capability", "C3",
             "saturation", "verzadiging",
             "Committed capability on a dimension at which that dimension progresses at half "
             "speed."),
        real("opgave.trust_synergy", &P::opgave_trust_synergy, 1.0, 0, 10, "1", "C13",
             "trust synergy", "synergie door vertrouwen",
             "Extra yield of co-creation at full mutual trust, relative to none."),
        real("opgave.visible_progress", &P::opgave_visible_progress, 0.8, 1e-6, 1, "1", "C13",
             "visible progress", "zichtbare voortgang",
             "Share of the maximal weekly pace (opgave.progress_rate) that partners perceive as "
             "full progress; a week below it shows less, and passion fades (plausible 0.5..1)."),
        real("opgave.concreteness", &P::opgave_concreteness, 0.3, 0, 1, "1", "C3", "concreteness",
             "concreetheid",
             "Concreteness of the goal at the start: 0 an abstract ambition, 1 an operational goal "
             "(plausible 0.1..0.6)."),
        real("opgave.clarity", &P::opgave_clarity, 0.1, 0, 1, "1", "C3", "goal clarity",
             "helderheid van het doel",
             "How far the partners agree on what the goal is, at the start (plausible 0..0.3)."),
        real("opgave.clarity_decay", &P::opgave_clarity_decay, 0.005, 0, 1, "1/week", "C16",
             "clarity decay", "verval van helderheid",
             "Share of goal clarity lost per week without goal work (plausible 0.001..0.02)."),
        real("opgave.agreed_clarity", &P::opgave_agreed_clarity, 0.7, 0, 1, "1", "C3",
             "agreed clarity", "overeengekomen helderheid",
             "Clarity at which the goal counts as agreed (goal_agreed_week; plausible 0.5..0.9)."),
        real("opgave.meeting_clarification", &P::opgave_meeting_clarification, 0.02, 0, 1,
             "1/meeting", "C3", "clarification per meeting", "verheldering per bijeenkomst",
             "Weight of goal co-creation in a convened co-creating meeting (plausible "
             "0.005..0.1)."),
        real("opgave.abstract_consent", &P::opgave_abstract_consent, 1.0, 0, 1, "1", "C3",
             "abstract consent", "instemming met het abstracte",
             "How much less clarity an abstract goal needs to count as agreed: agreed at clarity "
             ">= agreed_clarity (1 - abstract_consent (1 - concreteness)); 0 ignores concreteness "
             "(plausible 0.5..1)."),
        // [organisation]
        real("organisation.initial", &P::organisation_initial, 0.2, 0, 1, "1", "C7",
             "initial organisation", "begin-organisatiegraad",
             "Organisation level at the start: 0 no structure, 1 heavy (plausible 0..0.5)."),
        real("organisation.overhead", &P::organisation_overhead, 0.2, 0, 1, "1", "C7", "overhead",
             "overhead",
             "Share of every partner's effort that full organisation consumes (plausible "
             "0.05..0.4)."),
        real("organisation.gain", &P::organisation_gain, 0.5, 0, 5, "1", "C8", "organisation gain",
             "opbrengst van organisatie",
             "Extra yield of organisation at full goal clarity, up to the fitting level (plausible "
             "0.2..1)."),
        real("organisation.fit", &P::organisation_fit, 0.3, 0, 1, "1", "C15",
             "fitting organisation", "passende organisatie",
             "Organisation level that fits the work form: process 0.2..0.4, project 0.4..0.7, "
             "programme 0.7..1."),
        real("organisation.rigidity", &P::organisation_rigidity, 1.0, 0, 2, "1", "C7", "rigidity",
             "starheid",
             "How much structure on an unclear goal costs, relative to what fitting structure "
             "yields on a clear one: the yield factor loses gain x rigidity x (1 - clarity) x "
             "level (plausible 0.5..1.5)."),
        // [ownership]
        real("ownership.initial_influence", &P::ownership_initial_influence, 1, 0.001, 1000,
             "goal acts", "C16", "initial influence", "begininvloed",
             "Influence on the goal the partners hold together at the start, split equally "
             "(plausible 0.5..5)."),
        real("ownership.memory", &P::ownership_memory, 0.01, 0, 1, "1/week", "C16",
             "influence forgetting", "vergeten van invloed",
             "Share of past influence on the goal forgotten per week (plausible 0.002..0.05)."),
        real(
            "ownership.voice_floor", &P::ownership_voice_floor, 0.25, 0, 1, "1", "C2",
            "voice floor", "minimale stem",
            "Voice in goal co-creation of a partner whose interests are unknown, against 1 + floor "
            "for a known one (plausible 0.1..1)."),
        real("ownership.voice_known", &P::ownership_voice_known, 1, 0, 1, "1", "C2",
             "voice by known interests", "stem naar bekende belangen",
             "How far a partner's voice pulls the goal only by the known share of its interests; "
             "the unknown share keeps the current goal (0: every voice pulls toward the "
             "partner's preferred goal in full; plausible 0.5..1)."),
        real("ownership.measured", &P::ownership_measured, 1, 0, 1, "1", "C16",
             "measured ownership", "gemeten eigenaarschap",
             "1: the influence ledger records each act's measured weight on the goal (a decree "
             "weighs 1, control and delegation move no goal); 0: the fixed amounts of before "
             "(plausible 0.5..1)."),
        real("ownership.work_weight", &P::ownership_work_weight, 0.5, 0, 1, "1", "C5",
             "weight of the work in ownership", "gewicht van het werk in eigenaarschap",
             "Weight of the share of the work done (against the regisseur's own work) in a "
             "partner's ownership; the rest is its share of influence on the goal (plausible "
             "0.2..0.8)."),
        // [focus]
        real("focus.initial", &P::focus_initial, 0.5, 0, 1, "1", "C14", "initial focus",
             "beginfocus", "Every partner's focus on the shared opgave at the start."),
        real("focus.decay", &P::focus_decay, 0.02, 0, 1, "1/week", "C14", "focus decay",
             "verval van focus", "Share of focus lost per week (plausible 0.005..0.05)."),
        real("focus.hold", &P::focus_hold, 0.8, 0, 1, "1", "C3", "focus hold",
             "vasthouden van focus",
             "How much a fully concrete, fully owned goal slows the loss of focus."),
        real("focus.co_creation", &P::focus_co_creation, 0.05, 0, 1, "1/meeting", "C14",
             "focus from co-creation", "focus door cocreatie",
             "Share of the distance to full focus gained in a co-creating meeting."),
        real("focus.negotiation", &P::focus_negotiation, 0.1, 0, 1, "1/meeting", "C14",
             "focus lost in negotiation", "focusverlies door onderhandelen",
             "Share of focus lost in a negotiating meeting."),
        // [interests]
        real("interests.initial_known", &P::interests_initial_known, 0, 0, 1, "1", "C2",
             "interests known at start", "bekende belangen bij start",
             "How far every partner's interests are known to the group at the start."),
        real("interests.forgetting", &P::interests_forgetting, 0.005, 0, 1, "1/week", "C2",
             "interests forgotten", "vergeten belangen",
             "Share of known interests that drop off the agenda per week."),
        real("interests.salience_gain", &P::interests_salience_gain, 0.1, 0, 1, "1/meeting", "C14",
             "salience from negotiating", "saillantie door onderhandelen",
             "Share of the distance to full salience of divergent interests gained in a "
             "negotiating meeting."),
        real("interests.salience_relief", &P::interests_salience_relief, 0.05, 0, 1, "1/meeting",
             "C14", "salience relief", "afname van saillantie",
             "Share of salience lost in a co-creating meeting."),
        real("interests.salience_decay", &P::interests_salience_decay, 0.01, 0, 1, "1/week", "C14",
             "salience decay", "verval van saillantie", "Share of salience lost per week."),
        real("interests.surfacing_salience", &P::interests_surfacing_salience, 0.5, 0, 1, "1",
             "C14", "salience of surfaced interests", "saillantie van benoemde belangen",
             "How much surfacing interests the goal does not serve makes them salient."),
        // [meetings]
        real("meetings.probability", &P::meetings_probability, 0.1, 0, 1, "1/week", "C1",
             "meeting probability", "ontmoetingskans",
             "Chance per week that two tied partners meet on their own."),
        integer("meetings.max_size", &P::meetings_max_size, 12, 2, 1000000, "partners", "C1",
                "largest meeting", "grootste bijeenkomst",
                "Largest meeting the regisseur convenes (plausible 5..20, a table)."),
        real("meetings.switch_steepness", &P::meetings_switch_steepness, 6, 0, 100, "1", "C14",
             "switch steepness", "steilheid van de omslag",
             "Steepness beta of P(negotiate) = logistic(beta (divergence - focus)) (plausible "
             "5..20)."),
        // [perspectives]
        real("perspectives.confidence", &P::perspectives_confidence, 0.3, 0.001, 1, "1", "C10",
             "confidence bound", "vertrouwensgrens",
             "How far apart two perspectives may be for their holders to still influence each "
             "other, at the start (between confidence_min and confidence_max; plausible "
             "0.15..0.5)."),
        real("perspectives.confidence_min", &P::perspectives_confidence_min, 0.05, 0.001, 1, "1",
             "C10", "narrowest bound", "smalste grens",
             "Narrowest confidence bound debates can drive it to."),
        real("perspectives.confidence_max", &P::perspectives_confidence_max, 0.6, 0.001, 1, "1",
             "C10", "widest bound", "breedste grens",
             "Widest confidence bound acknowledgement can open it to."),
        real("perspectives.convergence", &P::perspectives_convergence, 0.3, 0, 0.5, "1", "C10",
             "convergence", "convergentie",
             "Step toward the perspectives within the bound (Deffuant's mu; plausible 0.1..0.5)."),
        real("perspectives.debate_propensity", &P::perspectives_debate_propensity, 0.5, 0, 1, "1",
             "C10", "debate propensity", "neiging tot debat",
             "Chance that a co-creating meeting whose perspectives span more than the bound turns "
             "into a who-is-right debate, when nobody acknowledges them."),
        real("perspectives.debate_narrowing", &P::perspectives_debate_narrowing, 0.05, 0, 1,
             "1/debate", "C10", "debate narrowing", "vernauwing door debat",
             "Share of the distance to the narrowest bound one debate closes."),
        real("perspectives.acknowledgement_decay", &P::perspectives_acknowledgement_decay, 0.02, 0,
             1, "1/week", "C10", "acknowledgement decay", "verval van erkenning",
             "Share of acknowledgement of perspectives lost per week."),
        // [language]
        real("language.initial", &P::language_initial, 0, 0, 1, "1", "C4",
             "initial common language", "begin-gemeenschappelijke taal",
             "Common language at the start."),
        real("language.misunderstanding", &P::language_misunderstanding, 0.3, 0, 1, "1", "C4",
             "misunderstanding", "misverstand",
             "Chance, without a common language, that a good experience between partners of "
             "different disciplines turns bad."),
        real("language.learning", &P::language_learning, 0.005, 0, 1, "1/meeting", "C4",
             "language learning", "taal leren",
             "Common language built by a co-creating meeting across disciplines."),
        // [trust]
        real("trust.initial", &P::trust_initial, 0.3, 0, 1, "1", "C1", "initial trust",
             "beginvertrouwen", "Trust on every tie at the start."),
        real("trust.gain", &P::trust_gain, 0.1, 0, 1, "1", "P11", "trust gain", "vertrouwenswinst",
             "Share of the distance to full trust won by one good experience."),
        real("trust.loss", &P::trust_loss, 0.15, 0, 1, "1", "P11", "trust loss",
             "vertrouwensverlies",
             "Share of trust lost by one bad experience (larger than the gain: trust is lost "
             "faster than it is built, Slovic 1993)."),
        real("trust.decay", &P::trust_decay, 0.005, 0, 1, "1/week", "C1", "trust decay",
             "vertrouwensverval",
             "Share of trust that fades in a week in which a tie does not meet."),
        real("trust.fairness", &P::trust_fairness, 0.2, 0, 1, "1", "C14", "fairness pull",
             "invloed van eerlijkheid",
             "Pull of trust between the parties of an agreement toward its fairness."),
        real("trust.regisseur_initial", &P::trust_regisseur_initial, 0.5, 0, 1, "1", "C5",
             "initial trust in the regisseur", "beginvertrouwen in de regisseur",
             "Every partner's trust in the regisseur at the start."),
        real("trust.regisseur_gain", &P::trust_regisseur_gain, 0.05, 0, 1, "1", "P11",
             "trust in regisseur gained", "vertrouwen in regisseur gewonnen",
             "Share of the distance to full trust in the regisseur won by a supportive contact."),
        real("trust.regisseur_loss", &P::trust_regisseur_loss, 0.2, 0, 1, "1", "P11",
             "trust in regisseur lost", "vertrouwen in regisseur verloren",
             "Share of trust in the regisseur lost by one act of control (larger than the gain)."),
        // [passion]
        real("passion.contagion", &P::passion_contagion, 0.05, 0, 1, "1/week", "C13",
             "passion contagion", "overdracht van passie",
             "Pull of a partner's passion toward the trust-weighted passion of its ties."),
        real("passion.fade", &P::passion_fade, 0.01, 0, 1, "1/week", "C13", "passion fade",
             "uitdoven van passie", "Share of passion lost in a week without visible progress."),
        // [commitment]
        real("commitment.adaptation", &P::commitment_adaptation, 0.05, 0, 1, "1/week", "C13",
             "commitment adaptation", "aanpassing van commitment",
             "Share of the gap to its target that commitment closes in a week."),
        real("commitment.passion_weight", &P::commitment_passion_weight, 0.3, 0, 1, "1", "C13",
             "weight of passion", "gewicht van passie",
             "Weight of passion in the commitment target (the five weights are normalised by their "
             "sum)."),
        real("commitment.trust_weight", &P::commitment_trust_weight, 0.3, 0, 1, "1", "C1",
             "weight of trust", "gewicht van vertrouwen",
             "Weight of trust in the others in the commitment target."),
        real("commitment.interest_weight", &P::commitment_interest_weight, 0.2, 0, 1, "1", "C2",
             "weight of interests served", "gewicht van gediende belangen",
             "Weight of how well the goal serves the partner's interests."),
        real("commitment.ownership_weight", &P::commitment_ownership_weight, 0.1, 0, 1, "1", "C16",
             "weight of ownership", "gewicht van eigenaarschap",
             "Weight of felt ownership of the goal."),
        real("commitment.goal_weight", &P::commitment_goal_weight, 0.1, 0, 1, "1", "C3",
             "weight of the lived goal", "gewicht van het geleefde doel",
             "Weight of the lived goal, concreteness times clarity."),
        real("commitment.lived_ownership", &P::commitment_lived_ownership, 1, 0, 1, "1", "C16",
             "lived goal through ownership", "geleefd doel via eigenaarschap",
             "How far a partner lives the goal only as far as it owns it: the lived term is C Q "
             "(1 - nu + nu Ohat_i); 0 counts a decreed goal as lived (plausible 0.5..1)."),
        // [exit]
        real("exit.threshold", &P::exit_threshold, 0.1, 0, 1, "1", "C9", "exit threshold",
             "uittreedrempel", "Commitment below which a partner considers leaving."),
        integer("exit.patience", &P::exit_patience, 26, 1, 100000, "weeks", "C9", "exit patience",
                "geduld", "Weeks in a row below the threshold before a partner leaves."),
        // [negotiation]: the model's side of the bargaining problem (docs/ODD.md 7.5); the
        // protocols are engine/negotiation's (design decision 9)
        choice<&P::negotiation_protocol>(
            "negotiation.protocol", kProtocolNames, 0, "C14", "bargaining protocol",
            "onderhandelingsprotocol",
            "How a negotiating meeting bargains: zeuthen (monotonic concession, Harsanyi's rule; "
            "may span meetings), alternating_offers (stationary equilibrium, agrees at once) or "
            "nash (the Nash bargaining solution, the fairness reference)."),
        real("negotiation.scope", &P::negotiation_scope, 0.5, 0, 1, "1", "C14", "negotiation scope",
             "reikwijdte van onderhandeling",
             "Share of the remaining, concrete opgave one negotiation divides: W_k = scope C "
             "(1 - R_k)."),
        real("negotiation.horizon", &P::negotiation_horizon, 26, 1, 520, "weeks", "C14",
             "planning horizon", "planningshorizon",
             "Weeks of invested effort (at the execution rate) an agreement plans for; sets the "
             "parties' resources in the bargaining problem (plausible 13..52)."),
        real("negotiation.concession", &P::negotiation_concession, 0.05, 0.001, 1, "1", "C14",
             "concession", "concessie",
             "Zeuthen: the conceding party lowers the utility it demands by this share of its "
             "largest possible gain (finite, so rounds grow with divergence; plausible "
             "0.02..0.2)."),
        real("negotiation.effort_cost", &P::negotiation_effort_cost, 0.2, 0, 10, "value/effort",
             "C14", "effort cost", "kosten van inzet",
             "Cost to a party of one unit of committed effort, in the units of interest times "
             "work (plausible 0..0.5)."),
        real("negotiation.utility_exponent", &P::negotiation_utility_exponent, 1, 0.01, 1, "1",
             "C14", "utility exponent", "nutsexponent",
             "Curvature of a party's utility in the value it gets: 1 risk neutral, below 1 risk "
             "averse (plausible 0.5..1)."),
        real("negotiation.discount_calm", &P::negotiation_discount_calm, 0.95, 0, 0.999, "1/round",
             "C16", "discount factor, calm", "disconteringsfactor, kalm",
             "Alternating offers: per-round discount factor of a party without urgency "
             "(plausible 0.9..0.99)."),
        real("negotiation.discount_urgent", &P::negotiation_discount_urgent, 0.70, 0, 0.999,
             "1/round", "C16", "discount factor, urgent", "disconteringsfactor, urgent",
             "Alternating offers: per-round discount factor of a party at full urgency; delta_i "
             "is linear in urgency between the two (plausible 0.5..discount_calm)."),
        real("negotiation.execution_rate", &P::negotiation_execution_rate, 0.01, 0, 1,
             "realisation/(effort week)", "C14", "execution rate", "uitvoeringstempo",
             "Pace at which a settled partner executes its allocation, per unit of invested "
             "effort."),
        boolean("negotiation.execute_as_planned", &P::negotiation_execute_as_planned, true, "C14",
                "execute as planned", "uitvoeren volgens plan",
                "true: a settled partner executes its allocation at the pace its plan set, "
                "negotiation.execution_rate m_i r_i effort a week, each unit of effort doing the "
                "plan's work per unit of effort (so the plan's work takes the plan's horizon); "
                "false: it executes negotiation.execution_rate m_i r_i realisation a week."),
        integer("negotiation.patience", &P::negotiation_patience, 13, 1, 100000, "weeks", "C14",
                "negotiation patience", "onderhandelingsgeduld",
                "Weeks an open (Zeuthen) negotiation waits for its next round before it is "
                "dropped."),
        boolean("negotiation.continue_contained", &P::negotiation_continue_contained, true, "C14",
                "continue at a larger table", "voortzetten aan een grotere tafel",
                "true: a negotiating meeting that has no open negotiation of exactly its parties "
                "holds the next round of the open negotiation whose parties all sit among its "
                "parties (the one waiting longest), as the division of the work is taken up "
                "wherever its parties meet (C14); false: only a meeting of exactly its parties "
                "continues it."),
        // [regisseur]
        choice<&P::regisseur_strategy>(
            "regisseur.strategy", kStrategyNames, 1, "C11", "strategy", "strategie",
            "The regisseur's chooser: none, facilitative, controlling, scattershot, commissioning, "
            "negotiation or planned (the [[regisseur.plan]] schedule)."),
        real("regisseur.capacity", &P::regisseur_capacity, 2, 0, 1000, "effort/week", "C11",
             "capacity", "capaciteit",
             "Effort the regisseur can spend on interventions per week; unspent effort is lost."),
        integer(
            "regisseur.convene_interval", &P::regisseur_convene_interval, 4, 0, 100000, "weeks",
            "C1", "convening interval", "bijeenkomstinterval",
            "Weeks between the meetings of everyone that convening strategies call; 0 = never."),
        integer("regisseur.choice_interval", &P::regisseur_choice_interval, 1, 1, 100000, "weeks",
                "C11", "choice interval", "keuze-interval",
                "Weeks between a strategy's choices (weeks 1, 1 + k, ...); in the weeks between, "
                "only the convening rhythm runs. The classroom's rounds use 4; 1 = every week."),
        real("regisseur.seat_cost", &P::regisseur_seat_cost, 0.1, 0, 1000, "effort/partner", "C9",
             "seat cost", "kosten per deelnemer",
             "Regie effort per participant of a convened meeting (plausible 0..0.3)."),
        per_dimension("regisseur.capabilities", &P::regisseur_capabilities, 0.5, 0, 1, "1", "C5",
                      "own capabilities", "eigen vermogens",
                      "The regisseur's own specialism per opgave dimension (opgave.dimensions "
                      "numbers; plausible 0.2..0.8): what control adds on the target's "
                      "strongest dimension (P3)."),
        real("regisseur.own_effort", &P::regisseur_own_effort, 1, 0, 10, "effort", "C5",
             "own effort", "eigen inzet", "Work the regisseur puts in per control."),
        real("regisseur.trust_dependence", &P::regisseur_trust_dependence, 0.5, 0, 1, "1", "C5",
             "trust dependence", "afhankelijkheid van vertrouwen",
             "How much an intervention's effect depends on the target's trust in the regisseur."),
        real("regisseur.awareness_initial", &P::regisseur_awareness_initial, 1, 0, 1, "1", "C17",
             "initial awareness", "beginbewustzijn",
             "How well the regisseur reads the collaboration at the start; below 1 some choices "
             "are blind."),
        real("regisseur.awareness_decay", &P::regisseur_awareness_decay, 0.01, 0, 1, "1/week",
             "C17", "awareness decay", "verval van bewustzijn",
             "Share of awareness lost per week without reflection."),
        real("regisseur.control_signal", &P::regisseur_control_signal, 0.25, 0, 1, "1", "C5",
             "control signal", "signaal van controle",
             "Share of control's loss of trust in the regisseur felt by the other partners."),
        real("regisseur.control_influence", &P::regisseur_control_influence, 0.25, 0, 10,
             "goal acts", "C5", "influence per control", "invloed per controle",
             "Influence on the goal the regisseur takes per control."),
        real("regisseur.delegate_influence", &P::regisseur_delegate_influence, 0.25, 0, 10,
             "goal acts", "C16", "influence per delegation", "invloed per delegatie",
             "Influence on the goal a delegation hands to the partner."),
        real("regisseur.reflect_relief", &P::regisseur_reflect_relief, 0.5, 0, 1, "1", "C14",
             "reflection relief", "verlichting door reflectie",
             "How much reflection lowers the salience of divergent interests."),
        per_dimension("regisseur.goal", &P::regisseur_goal, 0.5, 0, 1, "1", "C16",
                      "commissioned goal", "opgelegd doel",
                      "The goal commission_goal hands down: its emphasis per opgave dimension "
                      "(opgave.dimensions numbers)."),
        real("regisseur.commission_concreteness", &P::regisseur_commission_concreteness, 0.7, 0, 1,
             "1", "C16", "commissioned concreteness", "concreetheid van opdracht",
             "Concreteness of a goal the regisseur hands down."),
        real("regisseur.min_gap", &P::regisseur_min_gap, 0.05, 0, 1, "1", "C11", "smallest gap",
             "kleinste kloof", "Smallest observable gap a strategy acts on."),
        real("regisseur.min_effect_per_effort", &P::regisseur_min_effect_per_effort, 0.25, 0, 1000,
             "1/effort", "C11", "spending gate", "bestedingsdrempel",
             "Smallest expected effect per unit of effort a scoring chooser's sighted pick takes; "
             "below it the regisseur keeps its capacity (0: every affordable pick is taken)."),
        real("regisseur.release_threshold", &P::regisseur_release_threshold, 0.05, 0, 1, "1", "C9",
             "release threshold", "drempel voor loslaten",
             "Contribution, as a share of the largest, below which a week counts as low."),
        integer("regisseur.release_weeks", &P::regisseur_release_weeks, 26, 1, 100000, "weeks",
                "C9", "weeks before release", "weken voor loslaten",
                "Low weeks in a row before a partner counts as dead weight."),
        boolean("regisseur.release_reads_decisions", &P::regisseur_release_reads_decisions, true,
                "C9", "release reads decisions", "loslaten leest besluiten",
                "true: a settled partner's weeks do not count as low (its silence follows a "
                "public decision, C14, and is no sign of adding nothing, C9); false: every low "
                "week counts."),
        real("regisseur.light_level", &P::regisseur_light_level, 0.2, 0, 1, "1", "C7",
             "light organisation", "lichte organisatie",
             "Organisation level strategies aim at while the goal is not agreed."),
        real("regisseur.concretise_early", &P::regisseur_concretise_early, 1.0, 0, 1, "1", "C3",
             "concretise early", "vroeg concretiseren",
             "How far make_concrete's gap ignores goal clarity: (1 - concreteness) (w + (1 - w) "
             "clarity); 1 concretises from the start, 0 once the goal is clear (plausible 0..1)."),
        real(
            "regisseur.appreciation_contingency", &P::regisseur_appreciation_contingency, 1.0, 0, 1,
            "1", "C5", "appreciation by merit", "waardering naar verdienste",
            "How far appreciate's lift of passion follows the responsibility the partner visibly "
            "took: a (1 - w + w y / ymax) (1 - passion), y / ymax its contribution last week as a "
            "share of the largest; 1 appreciates only what was done, 0 lifts every partner alike."),
    };
    add_arsenal(rows, std::make_index_sequence<kInterventionCount>{});
    rows.insert(
        rows.end(),
        {
            // [record]
            choice<&P::record_level>(
                "record.level", kRecordLevelNames, 1, "", "recording level", "opnameniveau",
                "What a run records: summary, series (+ weekly metrics and "
                "events), agents (+ per-partner samples), full (+ trust per tie).",
                false),
            integer("record.agent_interval", &P::record_agent_interval, 4, 1, 100000, "weeks", "",
                    "sampling interval", "meetinterval",
                    "Weeks between per-partner samples (levels agents and full); the last week is "
                    "always sampled.",
                    false),
        });
    attach_plausible_ranges(rows);
    return rows;
  }();
  return t;
}

PartnerColumnDecl column(std::string_view key, ValueKind kind, double PartnerSpec::*member,
                         std::optional<double> def, double min, double max, std::string_view unit,
                         std::string_view claim, std::string_view label_en,
                         std::string_view label_nl, std::string_view description,
                         bool sweepable = true, std::string_view default_text = {}) {
  return {.key = key,
          .kind = kind,
          .real = member,
          .default_value = def,
          .default_text = default_text,
          .min = min,
          .max = max,
          .unit = unit,
          .claim = claim,
          .label_en = label_en,
          .label_nl = label_nl,
          .description = description,
          .sweepable = sweepable};
}

const std::vector<PartnerColumnDecl>& columns() {
  using S = PartnerSpec;
  static const std::vector<PartnerColumnDecl> c{
      column("passion", ValueKind::real, &S::passion, 0.5, 0, 1, "1", "C13", "passion", "passie",
             "Personal engagement at the start."),
      column("commitment", ValueKind::real, &S::commitment, 0.5, 0, 1, "1", "C16", "commitment",
             "commitment", "Willingness to invest in the opgave at the start."),
      column("urgency", ValueKind::real, &S::urgency, 0.8, 0, 1, "1", "C16", "urgency", "urgentie",
             "Usefulness and necessity of the opgave for this partner; scales its commitment "
             "target."),
      column("capabilities", ValueKind::real_per_dimension, nullptr, std::nullopt, 0, 1, "1", "C3",
             "capabilities", "vermogens",
             "Specialism on each opgave dimension (an array of opgave.dimensions numbers); "
             "required.",
             false),
      column("resources", ValueKind::real, &S::resources, 1.0, 0, 10, "effort/week", "C16",
             "resources", "middelen", "Effort the partner can invest per week at full commitment."),
      column("interests", ValueKind::real_per_dimension, nullptr, std::nullopt, -1, 1, "1", "C2",
             "interests", "belangen",
             "Stake per opgave dimension (an array of opgave.dimensions numbers): what the partner "
             "gains (> 0) or loses (< 0) when the opgave advances there. Default: its "
             "capabilities.",
             false, "= capabilities"),
      column("perspective", ValueKind::real, &S::perspective, std::nullopt, 0, 1, "1", "C10",
             "perspective", "perspectief",
             "The partner's view of the opgave at the start, one number; moves by bounded "
             "confidence. Default: spread evenly, (id + 1/2) / partners.",
             true, "(id + 1/2) / partners"),
      column("discipline", ValueKind::text, nullptr, std::nullopt, 0, 0, "", "C4", "discipline",
             "discipline",
             "Professional language, a name like a partner's: partners of different "
             "disciplines misunderstand each other until a common language is built. Default: "
             "the partner's own name (every partner its own language). Set in the file only.",
             false, "the partner's name"),
  };
  return c;
}

}  // namespace

double ParameterDecl::get(const Parameters& p) const {
  switch (kind) {
    case ValueKind::real:
    case ValueKind::boolean:
      return get_value != nullptr ? get_value(p) : p.*real;
    case ValueKind::integer:
      return static_cast<double>(p.*integer);
    case ValueKind::choice:
      return get_choice(p);
    case ValueKind::real_per_dimension:
    case ValueKind::text:
      break;
  }
  throw std::logic_error("ParameterDecl::get on a per-dimension or text column");
}

void ParameterDecl::set(Parameters& p, double value) const {
  switch (kind) {
    case ValueKind::real:
    case ValueKind::boolean:
      if (set_value != nullptr)
        set_value(p, value);
      else
        p.*real = value;
      return;
    case ValueKind::integer:
      p.*integer = static_cast<std::int64_t>(value);
      return;
    case ValueKind::choice:
      set_choice(p, static_cast<int>(value));
      return;
    case ValueKind::real_per_dimension:
    case ValueKind::text:
      break;
  }
  throw std::logic_error("ParameterDecl::set on a per-dimension or text column");
}

std::vector<double> ParameterDecl::dimension_values(const Parameters& p) const {
  if (kind != ValueKind::real_per_dimension)
    throw std::logic_error("ParameterDecl::dimension_values on a parameter with one value");
  const std::vector<double>& given = p.*reals;
  if (!given.empty()) return given;
  return std::vector<double>(
      static_cast<std::size_t>(std::max<std::int64_t>(0, p.opgave_dimensions)), default_value);
}

std::span<const ParameterDecl> parameter_table() {
  return table();
}

const ParameterDecl* find_parameter(std::string_view path) {
  for (const auto& d : table())
    if (d.path == path) return &d;
  return nullptr;
}

std::span<const PartnerColumnDecl> partner_columns() {
  return columns();
}

const PartnerColumnDecl* find_partner_column(std::string_view key) {
  for (const auto& c : columns())
    if (c.key == key) return &c;
  return nullptr;
}

std::string_view choice_name(const ParameterDecl& decl, int index) {
  if (index < 0 || static_cast<std::size_t>(index) >= decl.choices.size())
    throw std::out_of_range("choice index out of range");
  return decl.choices[static_cast<std::size_t>(index)];
}

std::string format_number(double value, ValueKind kind) {
  if (kind == ValueKind::integer) return fmt::format("{}", static_cast<std::int64_t>(value));
  return fmt::format("{}", value);
}

std::string format_value(const ParameterDecl& decl, double value) {
  if (decl.kind == ValueKind::choice)
    return std::string(choice_name(decl, static_cast<int>(value)));
  if (decl.kind == ValueKind::boolean) return value != 0 ? "true" : "false";
  return format_number(value, decl.kind);
}

std::string format_setting(const ParameterDecl& decl, const Parameters& p) {
  if (decl.kind != ValueKind::real_per_dimension) return format_value(decl, decl.get(p));
  std::string out = "[";
  for (const double v : decl.dimension_values(p))
    out += (out.size() > 1 ? ", " : "") + format_number(v, ValueKind::real);
  return out + "]";
}

Parameters default_parameters() {
  Parameters p{};
  for (const auto& d : table())
    if (d.kind != ValueKind::real_per_dimension) d.set(p, d.default_value);  // those stay empty
  return p;
}

}  // namespace regiesim::model
