#include "model/parameter_table.hpp"

#include <fmt/format.h>

#include <array>
#include <cmath>
#include <stdexcept>

namespace regiesim::model {

namespace {

constexpr std::array<std::string_view, 3> kActivationNames{"random_sequential", "fixed",
                                                           "synchronous"};
constexpr std::array<std::string_view, 2> kNetworkNames{"complete", "small_world"};
constexpr std::array<std::string_view, 4> kRecordLevelNames{"summary", "series", "agents", "full"};

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

ParameterDecl real(std::string_view path, double Parameters::*member, double def, double min,
                   double max, std::string_view unit, std::string_view claim,
                   std::string_view label_en, std::string_view label_nl,
                   std::string_view description, bool sweepable = true) {
  ParameterDecl d{.path = path,
                  .kind = ValueKind::real,
                  .default_value = def,
                  .min = min,
                  .max = max,
                  .unit = unit,
                  .claim = claim,
                  .label_en = label_en,
                  .label_nl = label_nl,
                  .description = description,
                  .sweepable = sweepable};
  d.real = member;
  return d;
}

ParameterDecl integer(std::string_view path, std::int64_t Parameters::*member, double def,
                      double min, double max, std::string_view unit, std::string_view claim,
                      std::string_view label_en, std::string_view label_nl,
                      std::string_view description, bool sweepable = true) {
  ParameterDecl d{.path = path,
                  .kind = ValueKind::integer,
                  .default_value = def,
                  .min = min,
                  .max = max,
                  .unit = unit,
                  .claim = claim,
                  .label_en = label_en,
                  .label_nl = label_nl,
                  .description = description,
                  .sweepable = sweepable};
  d.integer = member;
  return d;
}

template <auto Member, std::size_t N>
ParameterDecl choice(std::string_view path, const std::array<std::string_view, N>& names, int def,
                     std::string_view claim, std::string_view label_en, std::string_view label_nl,
                     std::string_view description, bool sweepable = true) {
  ParameterDecl d{.path = path,
                  .kind = ValueKind::choice,
                  .default_value = double(def),
                  .min = 0,
                  .max = double(N - 1),
                  .unit = "",
                  .claim = claim,
                  .label_en = label_en,
                  .label_nl = label_nl,
                  .description = description,
                  .sweepable = sweepable};
  d.choices = names;
  d.get_choice = &get_enum<Member>;
  d.set_choice = &set_enum<Member>;
  return d;
}

// Defaults are illustrative (REGIE.md: no empirical calibration exists); the ranges are the
// stability check of DECISIONS 5: every update rule is a convex combination whose weights the
// ranges keep in [0, 1], so valid input cannot leave the state's ranges.
const std::vector<ParameterDecl>& table() {
  using P = Parameters;
  static const std::vector<ParameterDecl> t{
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
                             "(all from the same start-of-process state).",
                             false),
      // [network]
      choice<&P::network_kind>("network.kind", kNetworkNames, 0, "C1", "network", "netwerk",
                               "Who can meet whom: complete, or a small_world "
                               "(Watts-Strogatz) network.",
                               false),
      integer("network.neighbours", &P::network_neighbours, 4, 2, 1000, "ties", "", "neighbours",
              "buren", "small_world: ties per partner in the ring lattice before rewiring (even)."),
      real("network.rewiring", &P::network_rewiring, 0.1, 0, 1, "1", "", "rewiring", "herbedrading",
           "small_world: probability that a lattice tie is rewired."),
      // [opgave]
      integer("opgave.dimensions", &P::opgave_dimensions, 4, 1, 64, "dimensions", "C3",
              "dimensions", "dimensies",
              "Issue dimensions K the opgave spans; every partner declares a capability on each.",
              false),
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
      real("opgave.visible_progress", &P::opgave_visible_progress, 0.002, 1e-6, 1, "1/week", "C13",
           "visible progress", "zichtbare voortgang",
           "Share of the remaining opgave realised in a week that partners perceive as full "
           "progress; less lets passion fade."),
      // [meetings]
      real("meetings.probability", &P::meetings_probability, 0.1, 0, 1, "1/week", "C1",
           "meeting probability", "ontmoetingskans",
           "Chance per week that two tied partners meet on their own."),
      // [trust]
      real("trust.initial", &P::trust_initial, 0.3, 0, 1, "1", "C1", "initial trust",
           "beginvertrouwen", "Trust on every tie at the start."),
      real("trust.gain", &P::trust_gain, 0.1, 0, 1, "1", "P11", "trust gain", "vertrouwenswinst",
           "Share of the distance to full trust won by one good experience."),
      real("trust.loss", &P::trust_loss, 0.15, 0, 1, "1", "P11", "trust loss", "vertrouwensverlies",
           "Share of trust lost by one bad experience (larger than the gain: trust is lost "
           "faster than it is built, Slovic 1993)."),
      real("trust.decay", &P::trust_decay, 0.005, 0, 1, "1/week", "C1", "trust decay",
           "vertrouwensverval",
           "Share of trust that fades in a week in which a tie does not meet."),
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
      real("commitment.passion_weight", &P::commitment_passion_weight, 0.5, 0, 1, "1", "C13",
           "weight of passion", "gewicht van passie",
           "Weight of passion, against trust in the others, in the commitment target."),
      // [exit]
      real("exit.threshold", &P::exit_threshold, 0.1, 0, 1, "1", "C9", "exit threshold",
           "uittreedrempel", "Commitment below which a partner considers leaving."),
      integer("exit.patience", &P::exit_patience, 26, 1, 100000, "weeks", "C9", "exit patience",
              "geduld", "Weeks in a row below the threshold before a partner leaves."),
      // [regisseur]
      integer("regisseur.convene_interval", &P::regisseur_convene_interval, 4, 0, 100000, "weeks",
              "C1", "convening interval", "bijeenkomstinterval",
              "Weeks between plenary meetings the regisseur convenes; 0 = never."),
      real("regisseur.convene_cost", &P::regisseur_convene_cost, 1.0, 0, 1000, "effort", "C11",
           "cost of convening", "kosten van bijeenroepen",
           "Regie effort one plenary meeting costs."),
      // [record]
      choice<&P::record_level>("record.level", kRecordLevelNames, 1, "", "recording level",
                               "opnameniveau",
                               "What a run records: summary, series (+ weekly metrics and "
                               "events), agents (+ per-partner samples), full (+ trust per tie).",
                               false),
      integer("record.agent_interval", &P::record_agent_interval, 4, 1, 100000, "weeks", "",
              "sampling interval", "meetinterval",
              "Weeks between per-partner samples (levels agents and full); the last week is "
              "always sampled.",
              false),
  };
  return t;
}

PartnerColumnDecl column(std::string_view key, ValueKind kind, double PartnerSpec::*member,
                         std::optional<double> def, double min, double max, std::string_view unit,
                         std::string_view claim, std::string_view label_en,
                         std::string_view label_nl, std::string_view description,
                         bool sweepable = true) {
  return {.key = key,
          .kind = kind,
          .real = member,
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
  };
  return c;
}

}  // namespace

double ParameterDecl::get(const Parameters& p) const {
  switch (kind) {
    case ValueKind::real:
      return p.*real;
    case ValueKind::integer:
      return static_cast<double>(p.*integer);
    case ValueKind::choice:
      return get_choice(p);
    case ValueKind::real_per_dimension:
      break;
  }
  throw std::logic_error("ParameterDecl::get on a per-dimension column");
}

void ParameterDecl::set(Parameters& p, double value) const {
  switch (kind) {
    case ValueKind::real:
      p.*real = value;
      return;
    case ValueKind::integer:
      p.*integer = static_cast<std::int64_t>(value);
      return;
    case ValueKind::choice:
      set_choice(p, static_cast<int>(value));
      return;
    case ValueKind::real_per_dimension:
      break;
  }
  throw std::logic_error("ParameterDecl::set on a per-dimension column");
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
  return format_number(value, decl.kind);
}

Parameters default_parameters() {
  Parameters p{};
  for (const auto& d : table()) d.set(p, d.default_value);
  return p;
}

}  // namespace regiesim::model
