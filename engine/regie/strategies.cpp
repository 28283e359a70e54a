#include "regie/strategies.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <optional>

#include "dynamics/derived.hpp"
#include "model/work.hpp"

namespace regiesim::regie {

namespace {

// The weight of last week's debate share in the regisseur's running estimate dhat (docs/ODD.md
// 3.3): a documented constant of the chooser, not a parameter, since it only smooths what the
// regisseur observes (a memory of about four weeks).
constexpr double kDebateShareSmoothing = 0.25;

using model::Intervention;

}  // namespace

// What every partner's gap reads of all partners, computed once per candidate list so that the
// list is linear in partners: ymax, the active count N_a and the ownership ledgers' totals.
struct GapTotals {
  double ymax = 0.0;
  double n = 0.0;
  dynamics::LedgerTotals ledgers;
};

GapTotals gap_totals(const Observation& obs) {
  return {.ymax = dynamics::largest_contribution(*obs.active, *obs.contribution),
          .n = static_cast<double>(dynamics::active_count(*obs.active)),
          .ledgers =
              dynamics::ledger_totals(*obs.influence, obs.regisseur_influence, *obs.work_influence,
                                      obs.regisseur_work_influence, *obs.active)};
}

// observable_gap with the totals computed once per list. Inlined, with the candidate list's `add`:
// as calls, their prologues and the switch's set-up cost more than the gaps themselves in a list of
// cheap partner gaps (callgrind, 50 default replications: 1,402 M -> 1,314 M instructions).
[[gnu::always_inline]] inline double gap_given(const model::Parameters& p, const Observation& obs,
                                               const model::RegisseurState& memory,
                                               model::Intervention kind, std::int32_t target,
                                               const GapTotals& totals, double& intensity) {
  intensity = 1.0;
  const double ymax = totals.ymax;
  const double n = totals.n;
  const auto& active = *obs.active;
  switch (kind) {
    case Intervention::surface_interests:
      return 1.0 - (*obs.interests_known)[target];
    case Intervention::refocus: {
      const auto& last = *obs.last_week;
      const double meetings =
          static_cast<double>(last.meetings_cocreating + last.meetings_negotiating);
      const double negotiating =
          meetings > 0 ? static_cast<double>(last.meetings_negotiating) / meetings : 0.0;
      double settled = 0.0;
      model::count_partners(active.size());
      for (Eigen::Index i = 0; i < active.size(); ++i)
        settled += active[i] != 0 && (*obs.settled)[i] != 0 ? 1.0 : 0.0;
      return std::max(negotiating, n > 0 ? settled / n : 0.0);
    }
    case Intervention::clarify_goal: {
      double unserved = 0.0;
      const dynamics::GoalWeights weights(*obs.goal);
      model::count_partners(active.size());
      for (Eigen::Index i = 0; i < active.size(); ++i) {
        if (active[i] == 0) continue;
        const double served = obs.interests.served(weights, i);
        unserved += (*obs.interests_known)[i] * (1.0 - served);
      }
      return std::max(1.0 - obs.clarity, n > 0 ? unserved / n : 0.0);
    }
    case Intervention::commission_goal:
      return 1.0 - obs.clarity;
    case Intervention::make_concrete:  // C3: concretising is how the ambition becomes shared
      return (1.0 - obs.concreteness) *
             (p.regisseur_concretise_early + (1.0 - p.regisseur_concretise_early) * obs.clarity);
    case Intervention::build_language: {
      const auto& net = *obs.network;
      double pairs = 0.0;
      double different = 0.0;
      model::count_ties(net.edge_count());
      for (std::int64_t e = 0; e < net.edge_count(); ++e) {
        const std::int32_t i = net.source[static_cast<std::size_t>(e)];
        const std::int32_t j = net.target[static_cast<std::size_t>(e)];
        if (i > j || active[i] == 0 || active[j] == 0) continue;
        pairs += 1.0;
        different += (*obs.discipline)[i] != (*obs.discipline)[j] ? 1.0 : 0.0;
      }
      return (1.0 - obs.language) * (pairs > 0 ? different / pairs : 0.0);
    }
    case Intervention::delegate: {  // 1 - Ohat_i, O_i measured as in docs/ODD.md section 2
      // Read from the list's ledger totals: the rule of dynamics::ledger_share, O(1) per partner.
      const auto& ledgers = totals.ledgers;
      const bool partner = target >= 0;
      double owned =
          dynamics::share_of_total(partner ? (*obs.influence)[target] : obs.regisseur_influence,
                                   ledgers.goal, ledgers.active, partner);
      if (p.ownership_work_weight > 0.0)
        owned = (1.0 - p.ownership_work_weight) * owned +
                p.ownership_work_weight *
                    dynamics::share_of_total(
                        partner ? (*obs.work_influence)[target] : obs.regisseur_work_influence,
                        ledgers.work, ledgers.active, partner);
      return 1.0 - std::min(1.0, n * owned);
    }
    case Intervention::appreciate:
      return (ymax > 0 ? (*obs.contribution)[target] / ymax : 0.0) *
             (1.0 - (*obs.trust_signal)[target]);
    case Intervention::address_responsibility:
      return 1.0 - (ymax > 0 ? (*obs.contribution)[target] / ymax : 0.0);
    case Intervention::release:
      return 1.0;
    case Intervention::organise: {
      intensity =
          obs.clarity < p.opgave_agreed_clarity ? p.regisseur_light_level : p.organisation_fit;
      return std::abs(intensity - obs.organisation);
    }
    case Intervention::reflect:
      return 1.0 - obs.awareness;
    case Intervention::acknowledge_perspectives:
      return memory.debate_share;
    case Intervention::convene:
    case Intervention::control:
    case Intervention::table_division:
      return 0.0;
  }
  return 0.0;
}

namespace {

const model::ArsenalEntry& entry(const model::Parameters& p, Intervention kind) {
  return p.arsenal[static_cast<std::size_t>(model::arsenal_index(kind))];
}
const model::InterventionDecl& decl(Intervention kind) {
  return model::kArsenal[static_cast<std::size_t>(model::arsenal_index(kind))];
}

std::int64_t active_partners(const Observation& obs) {
  return dynamics::active_count(*obs.active);
}

double largest_contribution(const Observation& obs) {
  return dynamics::largest_contribution(*obs.active, *obs.contribution);
}

double mean_trust_signal(const Observation& obs) {
  model::count_partners(obs.active->size());
  double sum = 0.0;
  std::int64_t n = 0;
  for (Eigen::Index i = 0; i < obs.active->size(); ++i)
    if ((*obs.active)[i] != 0) {
      sum += (*obs.trust_signal)[i];
      ++n;
    }
  return n > 0 ? sum / static_cast<double>(n) : 0.0;
}

bool dead_weight(const model::Parameters& p, const model::RegisseurState& memory, std::int32_t i) {
  return memory.low_weeks[i] >= p.regisseur_release_weeks;
}

// Which interventions a chooser of the facilitative family weighs (docs/ODD.md 3.3).
bool in_list(Intervention kind, bool commissioning) {
  switch (kind) {
    case Intervention::convene:
    case Intervention::control:
    case Intervention::table_division:  // negotiation's only (C14)
      return false;
    case Intervention::commission_goal:
      return commissioning;
    case Intervention::clarify_goal:
    case Intervention::surface_interests:
    case Intervention::delegate:
      return !commissioning;
    default:
      return true;
  }
}

// Memory, from the Observation only: low-contribution weeks, the smoothed debate share and the
// weeks since everyone was convened.
void update_memory(const model::Parameters& p, const Observation& obs,
                   model::RegisseurState& memory) {
  const double ymax = largest_contribution(obs);
  model::count_partners(obs.active->size());
  for (Eigen::Index i = 0; i < obs.active->size(); ++i) {
    // A settled partner that has executed its share delivers nothing until the decision is
    // superseded (C14); decisions are public, so a regisseur who reads them does not take that
    // silence for dead weight (C9).
    const bool silenced_by_decision =
        p.regisseur_release_reads_decisions != 0 && (*obs.settled)[i] != 0;
    const bool low = (*obs.active)[i] != 0 && !silenced_by_decision &&
                     (*obs.contribution)[i] < p.regisseur_release_threshold * ymax;
    memory.low_weeks[i] = low ? memory.low_weeks[i] + 1 : 0;
  }
  const auto& last = *obs.last_week;
  const double meetings = static_cast<double>(last.meetings_cocreating + last.meetings_negotiating);
  const double debates = meetings > 0 ? static_cast<double>(last.meetings_debate) / meetings : 0;
  memory.debate_share += kDebateShareSmoothing * (debates - memory.debate_share);
  ++memory.weeks_since_all;
}

// Every convening strategy convenes everyone on the same rhythm (paired arms differ in what they
// do between meetings, not in how often they meet). Returns the capacity left.
double convene_on_rhythm(ChooserContext& c, std::vector<model::InterventionRequest>& chosen) {
  double capacity = c.p.regisseur_capacity;
  if (c.p.regisseur_convene_interval <= 0 || entry(c.p, Intervention::convene).enabled == 0 ||
      c.memory.weeks_since_all < c.p.regisseur_convene_interval)
    return capacity;
  const model::InterventionRequest all{Intervention::convene, model::kAllPartners, 1.0};
  const double cost = estimated_cost(c.p, c.obs, all);
  if (cost > capacity + 1e-9) return capacity;
  chosen.push_back(all);
  return capacity - cost;
}

// Whether this week is one of the strategy's choice weeks: with `regisseur.choice_interval` k, the
// weeks 1, 1 + k, 1 + 2k, ... (the classroom's rounds of four weeks, in which a player and the
// strategies it is compared with choose on the same schedule). The convening rhythm runs every
// week regardless, so paired arms still meet as often.
bool choice_week(const ChooserContext& c) {
  const std::int64_t k = c.p.regisseur_choice_interval;
  return k <= 1 || (static_cast<std::int64_t>(c.obs.week) - 1) % k == 0;
}

// Whether a sighted pick could take a candidate with `capacity` left: it is affordable, its gap is
// at least the smallest acted on, and its score is at least the spending gate (C11, C9: a best
// candidate below the gate is not worth the effort, and nothing below it is either, so the week's
// picking ends there as with no candidate). Capacity only falls and gaps are last week's, so a
// candidate that fails this once never passes it again within the week.
bool sighted_could_take(const model::Parameters& p, double capacity, double cost, double gap,
                        double score) {
  return !(cost > capacity + 1e-9 || gap < p.regisseur_min_gap ||
           score < p.regisseur_min_effect_per_effort);
}

// The candidate list of the facilitative family, in table order (group first, partners by id).
// Given `sighted_capacity`, only the candidates a sighted pick could take with it are listed, in
// the same order.
void list_candidates(ChooserContext& c, bool commissioning,
                     std::optional<double> sighted_capacity = std::nullopt) {
  c.candidates.clear();
  const double vbar = mean_trust_signal(c.obs);
  const GapTotals totals = gap_totals(c.obs);
  const double psi = c.p.regisseur_trust_dependence;
  for (const auto& d : model::kArsenal) {
    const auto& e = entry(c.p, d.kind);
    if (e.enabled == 0 || !in_list(d.kind, commissioning)) continue;
    const auto add = [&](std::int32_t target, double trust_signal) __attribute__((always_inline)) {
      double intensity = 1.0;
      const double gap = gap_given(c.p, c.obs, c.memory, d.kind, target, totals, intensity);
      if (d.kind == Intervention::release && !dead_weight(c.p, c.memory, target)) return;
      if (d.kind == Intervention::address_responsibility && dead_weight(c.p, c.memory, target))
        return;
      const double cost = e.cost;
      const double tf = 1.0 - psi + psi * trust_signal;
      const double effect = e.effectiveness * intensity * tf * gap;
      const double score = cost > 0.0 ? effect / cost : effect * 1e300;
      if (sighted_capacity && !sighted_could_take(c.p, *sighted_capacity, cost, gap, score)) return;
      c.candidates.push_back({.kind = d.kind,
                              .target = target,
                              .intensity = intensity,
                              .cost = cost,
                              .gap = gap,
                              .score = score,
                              .taken = false});
    };
    if (d.scope == model::Scope::group) {
      add(model::kAllPartners, vbar);
    } else {
      model::count_partners(c.obs.active->size());
      for (Eigen::Index i = 0; i < c.obs.active->size(); ++i)
        if ((*c.obs.active)[i] != 0) add(static_cast<std::int32_t>(i), (*c.obs.trust_signal)[i]);
    }
  }
}

// facilitative (C11): greedy by expected effect per unit of capacity; blind picks when awareness
// is below 1 (C17).
void facilitative(ChooserContext& c, bool commissioning, double capacity,
                  std::vector<model::InterventionRequest>& chosen) {
  // A pick is blind when its draw u in [0, 1) is at least the awareness, so at awareness 1 none
  // is: the week's picks are all sighted, and the list needs only the candidates a sighted pick
  // could take (affordable now, gap and score at least their thresholds). The picks and their
  // order are the same, from a shorter list; below awareness 1 the list holds every candidate,
  // since a blind pick (C17) draws among all of them.
  const bool all_sighted = c.obs.awareness >= 1.0;
  list_candidates(c, commissioning, all_sighted ? std::optional<double>(capacity) : std::nullopt);
  // A sighted pick takes the largest score among the candidates not taken that it could take
  // (sighted_could_take), ties in table order; with none, the week's picking ends. Those
  // candidates are kept in one max-heap per run of equal kind and cost (built in linear time in
  // `sighted`, no allocation): a pick compares the tops of the runs it can still afford, so a run
  // the capacity no longer affords is passed over whole instead of popped candidate by candidate,
  // and the week costs O(candidates + picks x kinds x log candidates).
  auto& sighted = c.ids;
  sighted.clear();
  model::count_partners(static_cast<std::int64_t>(c.candidates.size()));
  // The week's tables of runs are written before they are read (run_count, kind_run_count and
  // the kinds present say how far), so they are not zero-filled: about a kilobyte a week, which
  // callgrind does not count but the clock does (a week's zero-filled tables cost the default
  // 4.7% before).
  struct Run {
    std::size_t begin;
    std::size_t end;
    double cost;
  };
  std::array<Run, model::kArsenal.size()> runs;
  std::size_t run_count = 0;
  for (std::size_t a = 0; a < c.candidates.size(); ++a) {
    const auto& cand = c.candidates[a];
    if (!sighted_could_take(c.p, capacity, cand.cost, cand.gap, cand.score)) continue;
    if (run_count == 0 ||
        c.candidates[static_cast<std::size_t>(sighted.back())].kind != cand.kind ||
        runs[run_count - 1].cost != cand.cost)
      runs[run_count++] = {.begin = sighted.size(), .end = sighted.size(), .cost = cand.cost};
    sighted.push_back(static_cast<std::int32_t>(a));
    ++runs[run_count - 1].end;
  }
  // The heap's top is the largest score; of equal scores, the first in table order.
  const auto ranks_below = [&](std::int32_t a, std::int32_t b) {
    const double sa = c.candidates[static_cast<std::size_t>(a)].score;
    const double sb = c.candidates[static_cast<std::size_t>(b)].score;
    return sa < sb || (sa == sb && a > b);
  };
  const auto heap_of = [&](const Run& run) {
    return std::pair{sighted.begin() + static_cast<std::ptrdiff_t>(run.begin),
                     sighted.begin() + static_cast<std::ptrdiff_t>(run.end)};
  };
  for (std::size_t r = 0; r < run_count; ++r) {
    const auto [first, last] = heap_of(runs[r]);
    std::make_heap(first, last, ranks_below);
  }
  const auto pop = [&](Run& run) {
    const auto [first, last] = heap_of(run);
    std::pop_heap(first, last, ranks_below);
    --run.end;
  };
  // Blind picks see every candidate, sighted or not. The list comes in runs of one kind, hence
  // one cost (list_candidates, table order), so the affordable candidates are whole runs: a
  // blind pick counts them from each run's size and the candidates taken from it. The runs are
  // found by bisection at the week's first blind pick, their counts from the picks before it,
  // and kept up to date after, without a pass over the list.
  struct KindRun {
    std::size_t begin;
    std::size_t end;
    double cost;
    std::int64_t taken;
  };
  std::array<KindRun, model::kArsenal.size()> kind_runs;
  std::array<std::size_t, model::kArsenal.size()> run_of_kind;
  std::size_t kind_run_count = 0;
  const std::size_t chosen_before = chosen.size();
  const auto count_taken = [&](Intervention kind) {
    ++kind_runs[run_of_kind[static_cast<std::size_t>(model::arsenal_index(kind))]].taken;
  };
  const auto prepare_blind_picks = [&] {
    for (std::size_t begin = 0; begin < c.candidates.size(); ++kind_run_count) {
      const auto kind = c.candidates[begin].kind;
      const auto end = std::partition_point(
          c.candidates.begin() + static_cast<std::ptrdiff_t>(begin), c.candidates.end(),
          [&](const model::Candidate& cand) { return cand.kind == kind; });
      kind_runs[kind_run_count] = {.begin = begin,
                                   .end = static_cast<std::size_t>(end - c.candidates.begin()),
                                   .cost = c.candidates[begin].cost,
                                   .taken = 0};
      run_of_kind[static_cast<std::size_t>(model::arsenal_index(kind))] = kind_run_count;
      begin = kind_runs[kind_run_count].end;
    }
    for (std::size_t k = chosen_before; k < chosen.size(); ++k) count_taken(chosen[k].kind);
  };
  bool blind_ready = false;
  const auto untaken = [](const KindRun& run) {
    return static_cast<std::int64_t>(run.end - run.begin) - run.taken;
  };
  // The run's candidate not taken that has `index` candidates not taken before it in the run:
  // at once while none is taken, else by a pass over the run alone.
  const auto nth_untaken = [&](const KindRun& run, std::int64_t index) {
    if (run.taken == 0) return run.begin + static_cast<std::size_t>(index);
    model::count_partners(static_cast<std::int64_t>(run.end - run.begin));
    std::size_t a = run.begin;
    for (;; ++a)
      if (!c.candidates[a].taken && index-- == 0) break;
    return a;
  };
  for (std::uint32_t pick = 0;; ++pick) {
    random::RandomStream stream(c.seed, static_cast<std::uint32_t>(c.obs.week),
                                random::Purpose::regie_choice, pick, 0);
    // The draw only decides blindness: at awareness 1 it is not made (its stream is its own).
    const bool blind = !all_sighted && stream.uniform01() >= c.obs.awareness;
    std::int64_t best = -1;
    if (!blind) {
      // The best top among the runs still affordable, past the candidates a blind pick took.
      std::size_t best_run = 0;
      for (std::size_t r = 0; r < run_count; ++r) {
        auto& run = runs[r];
        if (run.cost > capacity + 1e-9) continue;
        while (run.end > run.begin &&
               c.candidates[static_cast<std::size_t>(sighted[run.begin])].taken)
          pop(run);
        if (run.end == run.begin) continue;
        const std::int32_t top = sighted[run.begin];
        if (best < 0 || ranks_below(static_cast<std::int32_t>(best), top)) {
          best = top;
          best_run = r;
        }
      }
      if (best >= 0) pop(runs[best_run]);
    } else {
      // A blind pick draws uniformly among the affordable candidates not taken, in table order.
      if (!blind_ready) {
        prepare_blind_picks();
        blind_ready = true;
      }
      std::int64_t affordable = 0;
      for (std::size_t r = 0; r < kind_run_count; ++r)
        if (kind_runs[r].cost <= capacity + 1e-9) affordable += untaken(kind_runs[r]);
      if (affordable > 0) {
        const double u2 = stream.uniform01();
        auto index = static_cast<std::int64_t>(std::floor(u2 * static_cast<double>(affordable)));
        for (std::size_t r = 0; r < kind_run_count; ++r) {
          const auto& run = kind_runs[r];
          if (run.cost > capacity + 1e-9) continue;
          if (index < untaken(run)) {
            best = static_cast<std::int64_t>(nth_untaken(run, index));
            break;
          }
          index -= untaken(run);
        }
      }
    }
    if (best < 0) return;
    const auto taken = static_cast<std::size_t>(best);
    auto& cand = c.candidates[taken];
    cand.taken = true;
    if (blind_ready) count_taken(cand.kind);
    capacity -= cand.cost;
    chosen.push_back({cand.kind, cand.target, cand.intensity});
  }
}

// scattershot (C11): the same budget spread over every candidate in turn, gaps ignored.
void scattershot(ChooserContext& c, double capacity,
                 std::vector<model::InterventionRequest>& chosen) {
  list_candidates(c, /*commissioning=*/false);
  const auto count = static_cast<std::int64_t>(c.candidates.size());
  if (count == 0) return;
  const std::int64_t start = c.memory.cursor % count;
  for (std::int64_t step = 0; step < count; ++step) {
    const std::int64_t a = (start + step) % count;
    const auto& cand = c.candidates[static_cast<std::size_t>(a)];
    if (cand.cost > capacity + 1e-9) continue;
    capacity -= cand.cost;
    chosen.push_back({cand.kind, cand.target, cand.intensity});
    c.memory.cursor = a + 1;
  }
}

// negotiation (C14): convenes on the rhythm, then tables the division of the work with every
// active partner whose share is not decided yet (not settled: a settled partner's decision
// stands), in ascending id, stopping at the first that does not fit the capacity left. It never
// refocuses or surfaces interests.
void negotiation(ChooserContext& c, double capacity,
                 std::vector<model::InterventionRequest>& chosen) {
  const auto& table = entry(c.p, Intervention::table_division);
  if (table.enabled == 0) return;
  for (Eigen::Index i = 0; i < c.obs.active->size(); ++i) {
    if ((*c.obs.active)[i] == 0 || (*c.obs.settled)[i] != 0) continue;
    if (table.cost > capacity + 1e-9) break;
    capacity -= table.cost;
    chosen.push_back({Intervention::table_division, static_cast<std::int32_t>(i), 1.0});
  }
}

// controlling (C5): convenes, then takes over work, least contributing partners first.
void controlling(ChooserContext& c, double capacity,
                 std::vector<model::InterventionRequest>& chosen) {
  if (entry(c.p, Intervention::control).enabled == 0) return;
  c.ids.clear();
  model::count_partners(c.obs.active->size());
  for (Eigen::Index i = 0; i < c.obs.active->size(); ++i)
    if ((*c.obs.active)[i] != 0) c.ids.push_back(static_cast<std::int32_t>(i));
  // Least contribution first, ties by id (std::sort: stable_sort may allocate a buffer).
  std::sort(c.ids.begin(), c.ids.end(), [&](std::int32_t a, std::int32_t b) {
    const double ya = (*c.obs.contribution)[a];
    const double yb = (*c.obs.contribution)[b];
    return ya < yb || (ya == yb && a < b);
  });
  const double cost = entry(c.p, Intervention::control).cost;
  for (const std::int32_t i : c.ids) {
    if (cost > capacity + 1e-9) break;
    capacity -= cost;
    chosen.push_back({Intervention::control, i, 1.0});
  }
}

}  // namespace

double estimated_cost(const model::Parameters& p, const Observation& obs,
                      const model::InterventionRequest& request) {
  const auto& e = entry(p, request.kind);
  const auto n = static_cast<double>(active_partners(obs));
  if (request.kind == Intervention::convene) {
    if (request.target != model::kAllPartners)
      return e.cost + p.regisseur_seat_cost * std::min(static_cast<double>(p.meetings_max_size), n);
    const double groups = n <= static_cast<double>(p.meetings_max_size)
                              ? 1.0
                              : std::ceil(n / static_cast<double>(p.meetings_max_size));
    return e.cost * groups + p.regisseur_seat_cost * n;
  }
  if (decl(request.kind).scope == model::Scope::partner && request.target == model::kAllPartners)
    return e.cost * n;
  return e.cost;
}

double observable_gap(const model::Parameters& p, const Observation& obs,
                      const model::RegisseurState& memory, model::Intervention kind,
                      std::int32_t target, double& intensity) {
  return gap_given(p, obs, memory, kind, target, gap_totals(obs), intensity);
}

void choose(ChooserContext& c, std::span<const model::PlanEntry> plan,
            std::vector<model::InterventionRequest>& chosen) {
  chosen.clear();
  update_memory(c.p, c.obs, c.memory);
  const auto strategy = c.p.regisseur_strategy;
  if (strategy == model::Strategy::none) return;
  if (strategy == model::Strategy::planned) {
    for (const auto& e : plan)
      if (e.week == c.obs.week) chosen.push_back({e.intervention, e.target, e.intensity});
    return;
  }
  // Every other strategy convenes on the rhythm every week and picks only in its choice weeks.
  const double capacity = convene_on_rhythm(c, chosen);
  if (!choice_week(c)) return;
  switch (strategy) {
    case model::Strategy::negotiation:
      negotiation(c, capacity, chosen);
      return;
    case model::Strategy::facilitative:
      facilitative(c, /*commissioning=*/false, capacity, chosen);
      return;
    case model::Strategy::commissioning:
      facilitative(c, /*commissioning=*/true, capacity, chosen);
      return;
    case model::Strategy::scattershot:
      scattershot(c, capacity, chosen);
      return;
    case model::Strategy::controlling:
      controlling(c, capacity, chosen);
      return;
    case model::Strategy::none:
    case model::Strategy::planned:
      return;  // handled above
  }
}

void choose_for_player(ChooserContext& c, std::span<const model::InterventionRequest> players,
                       std::vector<model::InterventionRequest>& chosen) {
  chosen.clear();
  update_memory(c.p, c.obs, c.memory);
  convene_on_rhythm(c, chosen);
  if (!choice_week(c)) return;
  chosen.insert(chosen.end(), players.begin(), players.end());
}

}  // namespace regiesim::regie
