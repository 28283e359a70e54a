// The default scenario exercises every declared mechanism (issue 14 item 7; docs/ODD.md section
// 9, gap 7): "a default in which a declared mechanism is inert is a defect of the default". For
// every parameter of the table, every partner column and every arsenal entry, a small ensemble of
// the default scenario is run at its values and again with that one value moved to another
// admissible value; some recorded output must differ. A parameter whose runs stay bit-identical
// is inert there, and the test names it.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "model/parameter_table.hpp"
#include "network/network.hpp"
#include "record/metrics.hpp"
#include "scenario/input_error.hpp"
#include "scenario/load_scenario.hpp"
#include "sim/run.hpp"

namespace regiesim::scenario {
namespace {

namespace fs = std::filesystem;
using model::ValueKind;

// Enough replications that a mechanism acting now and then (an exit, a negotiation that agrees)
// shows in one of them, few enough for the sanitizer build (every run is the full ten years).
constexpr std::int64_t kEnsemble = 8;

// Parameters that act, by design, only in another configuration than the default's: each is
// checked under that configuration instead (so none can be inert everywhere). Keep this short;
// everything else must act in the default itself.
struct ActsUnder {
  std::string_view path;
  std::vector<std::string> configuration;  // --set assignments
  std::string_view why;
};

const std::vector<ActsUnder>& acts_under() {
  static const std::vector<ActsUnder> list{
      // `control` is in no list of the facilitative family (docs/ODD.md 3.3: the facilitative
      // regisseur does not take over a partner's work, C5 C11); `controlling` is its chooser.
      {"regisseur.capabilities",
       {"regisseur.strategy=\"controlling\""},
       "the regisseur's own capabilities are what `control` adds"},
      {"regisseur.own_effort", {"regisseur.strategy=\"controlling\""}, "work per `control`"},
      {"regisseur.control_signal",
       {"regisseur.strategy=\"controlling\""},
       "the trust loss of `control` felt by the others"},
      {"regisseur.control_influence",
       {"regisseur.strategy=\"controlling\"", "ownership.measured=0"},
       "influence on the goal taken per `control`, a fixed ledger entry only while ownership is "
       "not measured (C16)"},
      {"regisseur.delegate_influence",
       {"ownership.measured=0"},
       "a fixed ledger entry only while ownership is not measured (C16)"},
      {"trust.regisseur_loss",
       {"regisseur.strategy=\"controlling\""},
       "trust in the regisseur is lost only through `control` (7.8)"},
      {"regisseur.arsenal.control.enabled", {"regisseur.strategy=\"controlling\""}, "`control`"},
      {"regisseur.arsenal.control.effectiveness",
       {"regisseur.strategy=\"controlling\""},
       "`control`"},
      {"regisseur.arsenal.control.cost", {"regisseur.strategy=\"controlling\""}, "`control`"},
      // Handing the goal down is the commissioning regisseur's act (C16), in no other list.
      {"regisseur.goal",
       {"regisseur.strategy=\"commissioning\""},
       "the goal `commission_goal` hands down (C16)"},
      {"regisseur.commission_concreteness",
       {"regisseur.strategy=\"commissioning\""},
       "concreteness of a handed-down goal"},
      {"regisseur.arsenal.commission_goal.enabled",
       {"regisseur.strategy=\"commissioning\""},
       "`commission_goal`"},
      {"regisseur.arsenal.commission_goal.effectiveness",
       {"regisseur.strategy=\"commissioning\""},
       "`commission_goal`"},
      {"regisseur.arsenal.commission_goal.cost",
       {"regisseur.strategy=\"commissioning\""},
       "`commission_goal`"},
      // Tabling the division of the work is the negotiating regisseur's act (C14), in no other
      // strategy's list (docs/ODD.md 3.3).
      {"regisseur.arsenal.table_division.enabled",
       {"regisseur.strategy=\"negotiation\""},
       "`table_division`"},
      {"regisseur.arsenal.table_division.effectiveness",
       {"regisseur.strategy=\"negotiation\""},
       "`table_division`"},
      {"regisseur.arsenal.table_division.cost",
       {"regisseur.strategy=\"negotiation\""},
       "`table_division`"},
      // A negotiation still open when a larger table negotiates: under the default's facilitative
      // regisseur meetings seldom bargain (docs/ODD.md 7.5 step 2, section 13); the negotiating
      // regisseur's do.
      {"negotiation.continue_contained",
       {"regisseur.strategy=\"negotiation\""},
       "an open negotiation taken up at a larger negotiating table"},
      // The discount factors are the alternating-offers protocol's (Rubinstein 1982); Zeuthen's
      // concessions do not discount (7.5).
      {"negotiation.discount_calm",
       {"negotiation.protocol=\"alternating_offers\""},
       "alternating offers only"},
      {"negotiation.discount_urgent",
       {"negotiation.protocol=\"alternating_offers\""},
       "alternating offers only"},
      // `release` is direct (the partner leaves, whatever eta: docs/ODD.md 2.1), so its eta only
      // ranks it in the facilitative choice, where at the default cost 0.2 its score (5 eta)
      // outranks every other candidate for eta down to 0.25 at least. A finding about the
      // mechanism, not the default (docs/ODD.md section 13); it acts once release is dearer.
      {"regisseur.arsenal.release.effectiveness",
       {"regisseur.arsenal.release.cost=1.0", "regisseur.release_reads_decisions=false"},
       "a direct intervention's eta only ranks it, and release outranks the rest at cost 0.2"},
      // The default has no partner who adds nothing: its only long silences follow decisions
      // (settled partners), which a regisseur reading decisions does not count (docs/ODD.md 3.3,
      // C9, C14). Release acts where those silences count.
      {"regisseur.arsenal.release.enabled",
       {"regisseur.release_reads_decisions=false"},
       "the default's silent partners are settled"},
      {"regisseur.arsenal.release.cost",
       {"regisseur.release_reads_decisions=false"},
       "the default's silent partners are settled"},
      {"regisseur.release_weeks",
       {"regisseur.release_reads_decisions=false"},
       "the default's silent partners are settled"},
      {"regisseur.release_threshold",
       {"regisseur.release_reads_decisions=false"},
       "the default's silent partners are settled"},
      // make_concrete's gap ranks it in the facilitative choice, where at the default eta / cost
      // (0.1 / 0.5) it scores below the partner interventions and is rarely picked sighted,
      // whatever its gap (docs/ODD.md section 13, P7); it acts once make_concrete is cheaper.
      {"regisseur.concretise_early",
       {"regisseur.arsenal.make_concrete.cost=0.1"},
       "make_concrete's gap only ranks it, and at cost 0.5 it ranks below the partner "
       "interventions"},
      // A sampling interval of per-partner variables: the default records series, not agents.
      {"record.agent_interval", {"record.level=\"agents\""}, "sampling at level agents only"},
      // The generated networks' density and degree exponent: the default is a small world.
      {"network.mean_degree", {"network.kind=\"erdos_renyi\""}, "generated networks only"},
      {"network.exponent",
       {"network.kind=\"power_law\"", "network.mean_degree=3"},
       "a power-law network only, sparse enough that degrees are not all capped at N - 1"},
  };
  return list;
}

std::string read_text(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

const ScenarioSpec& default_scenario() {
  static const ScenarioSpec spec = [] {
    const fs::path path = fs::path(REGIESIM_SOURCE_DIR) / "scenarios" / "default.toml";
    return load_scenario(read_text(path), path.string());
  }();
  return spec;
}

// The runs `regiesim run` would make of the spec's first replications (at most kEnsemble), on
// the networks it would use.
// Metrics that only account for effort spent: a cost moves them by definition, whether or not
// the regisseur chose anything differently.
bool effort_accounting(int metric) {
  return metric == record::kRegieEffort || metric == record::kRealisationPerEffort ||
         metric >= record::kEffortFirst;
}

// Whether two runs behaved alike: the same events (the cost logged with each aside), meetings,
// negotiations and agent samples, and the same series and summary of every metric except the
// effort accounting. A parameter "acts" only when it changes behaviour, so a cost that changes
// what is logged but no choice counts as inert.
bool same_behaviour(const record::RunRecord& a, const record::RunRecord& b) {
  if (a.events.size() != b.events.size()) return false;
  for (std::size_t e = 0; e < a.events.size(); ++e) {
    record::Event x = a.events[e];
    record::Event y = b.events[e];
    x.cost = y.cost = 0.0;
    if (!(x == y)) return false;
  }
  if (a.meetings != b.meetings || a.meeting_participants != b.meeting_participants ||
      a.negotiations != b.negotiations ||
      a.negotiation_participants != b.negotiation_participants ||
      a.negotiation_shares != b.negotiation_shares || a.agents != b.agents || a.trust != b.trust)
    return false;
  for (int m = 0; m < record::kMetricCount; ++m) {
    if (effort_accounting(m)) continue;
    const auto k = static_cast<std::size_t>(m);
    if (k < a.series.size() && k < b.series.size() && a.series[k] != b.series[k]) return false;
    if (a.summary[k] != b.summary[k] && !(std::isnan(a.summary[k]) && std::isnan(b.summary[k])))
      return false;
  }
  return true;
}

bool same_behaviour(const std::vector<record::RunRecord>& a,
                    const std::vector<record::RunRecord>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t r = 0; r < a.size(); ++r)
    if (!same_behaviour(a[r], b[r])) return false;
  return true;
}

std::vector<record::RunRecord> ensemble(const ScenarioSpec& spec) {
  const auto& p = spec.parameters;
  const auto master = static_cast<std::uint64_t>(p.seed);
  const network::Network net = network::generate(p, spec.partner_count(), master);
  std::vector<record::RunRecord> runs;
  for (std::int64_t r = 0; r < std::min(p.replications, kEnsemble); ++r) {
    const sim::RunPlan plan = sim::plan_replication(master, r);
    runs.push_back(
        network::per_replication(p)
            ? sim::run_replication(
                  spec, network::generate_for_run(p, spec.partner_count(), plan.seed), plan)
            : sim::run_replication(spec, net, plan));
  }
  return runs;
}

// A number in TOML that reads back to the same double.
std::string toml_number(double x, ValueKind kind) {
  if (kind == ValueKind::integer) return fmt::format("{}", static_cast<std::int64_t>(x));
  std::string s = fmt::format("{}", x);
  if (s.find_first_of(".eE") == std::string::npos) s += ".0";
  return s;
}

std::string toml_array(const std::vector<double>& values) {
  std::vector<std::string> parts;
  for (double v : values) parts.push_back(toml_number(v, ValueKind::real));
  return fmt::format("[{}]", fmt::join(parts, ", "));
}

// Other values for a number at `value` in [min, max], in the order tried: halfway toward the
// lower end, halfway toward the upper end, then three quarters of the way to each (integers
// rounded away from the value, and then the nearest integers, for rules such as an even
// network.neighbours), skipping the value itself.
std::vector<double> moved(double value, double min, double max, ValueKind kind) {
  std::vector<double> out;
  for (double share : {0.5, 0.75})
    for (double end : {min, max}) {
      double x = value + (end - value) * share;
      if (kind == ValueKind::integer) x = end < value ? std::floor(x) : std::ceil(x);
      out.push_back(x);
    }
  if (kind == ValueKind::integer)
    for (double step : {-1.0, 1.0, -2.0, 2.0}) out.push_back(value + step);
  std::vector<double> kept;
  for (double x : out)
    if (x != value && x >= min && x <= max && std::find(kept.begin(), kept.end(), x) == kept.end())
      kept.push_back(x);
  return kept;
}

// One way to move a parameter: the assignments (and, for what --set cannot reach, an edit of the
// spec) that give the variant.
struct Move {
  std::string label;
  std::vector<std::string> assignments;
  std::function<void(ScenarioSpec&)> edit = {};
};

std::vector<Move> moves_of(const model::ParameterDecl& d, const ScenarioSpec& base) {
  std::vector<Move> out;
  const auto assign = [&](const std::string& value) {
    out.push_back({fmt::format("{}={}", d.path, value), {fmt::format("{}={}", d.path, value)}});
  };
  switch (d.kind) {
    case ValueKind::choice: {
      const int now = d.get_choice(base.parameters);
      for (int c = 0; c < static_cast<int>(d.choices.size()); ++c)
        if (c != now) assign(fmt::format("\"{}\"", d.choices[static_cast<std::size_t>(c)]));
      break;
    }
    case ValueKind::boolean:
      assign(d.get(base.parameters) != 0 ? "false" : "true");
      break;
    case ValueKind::real:
    case ValueKind::integer:
      if (d.path == "opgave.dimensions") {
        // One dimension fewer: every partner's per-dimension columns lose their last entry.
        const auto k = base.parameters.opgave_dimensions;
        if (k < 2) break;
        Move m{.label = fmt::format("opgave.dimensions={}", k - 1),
               .assignments = {fmt::format("opgave.dimensions={}", k - 1)}};
        m.edit = [](ScenarioSpec& s) {
          for (auto& partner : s.partners) {
            partner.capabilities.pop_back();
            if (!partner.interests.empty()) partner.interests.pop_back();
          }
        };
        out.push_back(std::move(m));
        break;
      }
      for (double x : moved(d.get(base.parameters), d.min, d.max, d.kind))
        assign(toml_number(x, d.kind));
      break;
    case ValueKind::real_per_dimension: {
      // Not known here which values the parameter holds: every dimension at a quarter, at three
      // quarters of the range, then at its ends; one of them is not the default. Then one uneven
      // value (a ramp over the dimensions): a goal's emphasis acts through its normalised weights
      // (docs/ODD.md 7.7), so a handed-down goal that no unknown interest may reshape (C2) is the
      // same goal at every even value, whatever its size.
      const auto k = static_cast<std::size_t>(base.parameters.opgave_dimensions);
      for (double share : {0.25, 0.75, 0.0, 1.0})
        assign(toml_array(std::vector<double>(k, d.min + share * (d.max - d.min))));
      std::vector<double> ramp(k);
      for (std::size_t i = 0; i < k; ++i)
        ramp[i] = d.min +
                  (static_cast<double>(i) + 1.0) / (static_cast<double>(k) + 1.0) * (d.max - d.min);
      assign(toml_array(ramp));
      break;
    }
    case ValueKind::text:
      break;
  }
  return out;
}

// A partner column moved for every partner at once.
std::vector<Move> moves_of(const model::PartnerColumnDecl& c, const ScenarioSpec& base) {
  std::vector<Move> out;
  const auto n = base.partners.size();
  if (c.kind == ValueKind::text) {
    // Every partner one discipline, against (by default) one each.
    Move m{.label = fmt::format("partners.*.{}: one for all", c.key), .assignments = {}};
    m.edit = [](ScenarioSpec& s) {
      for (auto& partner : s.partners) partner.discipline = "one_language";
    };
    out.push_back(std::move(m));
    return out;
  }
  for (int direction = 0; direction < 2; ++direction) {
    Move m{.label = fmt::format("partners.*.{} halfway to its {}", c.key,
                                direction == 0 ? "lower end" : "upper end"),
           .assignments = {}};
    for (std::size_t i = 0; i < n; ++i) {
      const auto& partner = base.partners[i];
      const double end = direction == 0 ? c.min : c.max;
      const auto half = [&](double v) { return v + (end - v) / 2.0; };
      std::string value;
      if (c.kind == ValueKind::real) {
        double v = partner.*c.real;
        if (c.key == "perspective" && v < 0) v = (static_cast<double>(i) + 0.5) / double(n);
        value = toml_number(half(v), ValueKind::real);
      } else {
        std::vector<double> v =
            c.key == "interests" && partner.interests.empty()
                ? partner.capabilities
                : (c.key == "interests" ? partner.interests : partner.capabilities);
        for (double& x : v) x = half(x);
        value = toml_array(v);
      }
      m.assignments.push_back(fmt::format("partners.{}.{}={}", partner.name, c.key, value));
    }
    out.push_back(std::move(m));
  }
  return out;
}

std::vector<Assignment> as_assignments(const std::vector<std::string>& texts) {
  std::vector<Assignment> out;
  for (const auto& t : texts) out.push_back({.text = t, .origin = "test", .line = 0, .column = 0});
  return out;
}

// The outcome of checking one parameter: empty if some move changed the runs, else why not.
class Checker {
 public:
  std::string check(std::string_view name, const std::vector<Move>& moves,
                    const std::vector<std::string>& configuration) {
    const ScenarioSpec base = configured(configuration);
    const auto& reference = runs_of(configuration, base);
    std::vector<std::string> tried;
    for (const Move& move : moves) {
      ScenarioSpec variant = base;
      if (move.edit) move.edit(variant);  // what --set cannot reach, before the assignments
      try {
        variant = apply_assignments(variant, as_assignments(move.assignments));
      } catch (const InputError& e) {
        tried.push_back(fmt::format("{} (not admissible: {})", move.label, e.what()));
        continue;
      }
      if (!same_behaviour(ensemble(variant), reference)) return {};
      tried.push_back(move.label);
    }
    if (tried.empty()) return fmt::format("{}: no other admissible value to try", name);
    return fmt::format("{} is inert{}: bit-identical runs with {}", name,
                       configuration.empty()
                           ? std::string(" in the default scenario")
                           : fmt::format(" under {}", fmt::join(configuration, ", ")),
                       fmt::join(tried, "; "));
  }

 private:
  ScenarioSpec configured(const std::vector<std::string>& configuration) {
    return configuration.empty()
               ? default_scenario()
               : apply_assignments(default_scenario(), as_assignments(configuration));
  }
  const std::vector<record::RunRecord>& runs_of(const std::vector<std::string>& configuration,
                                                const ScenarioSpec& spec) {
    const std::string key = fmt::format("{}", fmt::join(configuration, " "));
    auto it = reference_.find(key);
    if (it == reference_.end()) it = reference_.emplace(key, ensemble(spec)).first;
    return it->second;
  }
  std::map<std::string, std::vector<record::RunRecord>> reference_;
};

TEST(DefaultScenario, HasNoInertParameter) {
  const ScenarioSpec& base = default_scenario();
  Checker checker;
  std::vector<std::string> inert;
  const auto configuration_of = [](std::string_view path) -> const ActsUnder* {
    for (const auto& a : acts_under())
      if (a.path == path) return &a;
    return nullptr;
  };
  for (const auto& a : acts_under())
    EXPECT_NE(model::find_parameter(a.path), nullptr)
        << a.path << " is listed as acting under another configuration but is not declared";
  for (const auto& d : model::parameter_table()) {
    const ActsUnder* under = configuration_of(d.path);
    const std::vector<std::string> configuration =
        under != nullptr ? under->configuration : std::vector<std::string>{};
    const ScenarioSpec configured =
        configuration.empty() ? base : apply_assignments(base, as_assignments(configuration));
    if (auto why = checker.check(d.path, moves_of(d, configured), configuration); !why.empty())
      inert.push_back(under != nullptr ? fmt::format("{} (listed because: {})", why, under->why)
                                       : why);
  }
  for (const auto& c : model::partner_columns()) {
    const std::string name = fmt::format("partners.*.{}", c.key);
    if (auto why = checker.check(name, moves_of(c, base), {}); !why.empty()) inert.push_back(why);
  }
  EXPECT_TRUE(inert.empty()) << fmt::format("{} inert parameter(s):\n  {}", inert.size(),
                                            fmt::join(inert, "\n  "));
}

}  // namespace
}  // namespace regiesim::scenario
