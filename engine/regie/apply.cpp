#include "regie/apply.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "dynamics/derived.hpp"
#include "dynamics/goal.hpp"
#include "model/work.hpp"

namespace regiesim::regie {

namespace {

using model::Intervention;

// Costs are sums of decimal fractions: a span that exactly fills the capacity must not be cut by
// the last bit of rounding.
constexpr double kCapacityTolerance = 1e-9;

constexpr std::uint32_t kConvenedKeyBase = std::numeric_limits<std::uint32_t>::max() - 1;

struct Context {
  const network::Network& net;
  const model::Parameters& p;
  std::int32_t step;
  model::State& s;
  record::EventLog& log;
  // The span's running totals, kept so that a request costs no scan of all partners when the state
  // it reads has not changed since the last scan (each is the same number a fresh scan gives):
  std::int64_t active = 0;        // N_a: only a release changes it, by one per partner released
  std::int32_t convened = 0;      // convened meetings in state.meetings (every meeting of the span)
  double largest = 0.0;           // ymax, valid while largest_valid (contributions stay fixed)
  bool largest_valid = false;     // cleared by a release
  double mean_trust = 0.0;        // mean trust in the regisseur, valid while mean_trust_valid
  bool mean_trust_valid = false;  // cleared by every partner intervention
};

double trust_factor(const model::Parameters& p, double trust) {
  return 1.0 - p.regisseur_trust_dependence + p.regisseur_trust_dependence * trust;
}

double mean_trust_in_regisseur(const model::PartnerState& partners) {
  model::count_partners(partners.active.size());
  double sum = 0.0;
  std::int64_t n = 0;
  for (Eigen::Index i = 0; i < partners.active.size(); ++i)
    if (partners.active[i] != 0) {
      sum += partners.trust_regisseur[i];
      ++n;
    }
  return n > 0 ? sum / static_cast<double>(n) : 0.0;
}

// y_i / ymax: partner i's contribution last week as a share of the largest among the active
// partners (0 when nobody contributed), as facilitative's gaps read it (docs/ODD.md 3.3). No
// intervention writes a contribution, so ymax is scanned again only after a release.
double contribution_share(Context& c, std::int32_t i) {
  const auto& partners = c.s.partners;
  if (!c.largest_valid) {
    c.largest = dynamics::largest_contribution(partners.active, partners.contribution);
    c.largest_valid = true;
  }
  return c.largest > 0.0 ? partners.contribution[i] / c.largest : 0.0;
}

// The mean trust in the regisseur over the active partners, scanned again only after a partner
// intervention (the only requests that write trust in the regisseur or release a partner).
double group_trust(Context& c) {
  if (!c.mean_trust_valid) {
    c.mean_trust = mean_trust_in_regisseur(c.s.partners);
    c.mean_trust_valid = true;
  }
  return c.mean_trust;
}

// Forms one convened meeting seeded by `seed` from the partners listed in ids (ascending id
// after sorting) and returns its size; groups of one are dropped.
std::int32_t add_meeting(Context& c, std::int32_t seed, std::size_t from) {
  auto& meetings = c.s.meetings;
  auto& ids = c.s.scratch_ids;
  const auto size = static_cast<std::int32_t>(ids.size() - from);
  if (size < 2) {
    ids.resize(from);
    return 0;
  }
  std::sort(ids.begin() + static_cast<std::ptrdiff_t>(from), ids.end());
  const std::int32_t convened = c.convened++;
  const auto first = static_cast<std::int32_t>(meetings.participants.size());
  for (std::size_t a = from; a < ids.size(); ++a) meetings.participants.push_back(ids[a]);
  meetings.list.push_back({.first = first,
                           .size = size,
                           .key_a = static_cast<std::uint32_t>(seed),
                           .key_b = kConvenedKeyBase - static_cast<std::uint32_t>(convened),
                           .convened = true});
  return size;
}

// The groups a convening forms (design decision 10; docs/ODD.md 7.2). Returns (groups,
// participants) in `groups`, `participants`; the meetings are appended to state.meetings.
void form_groups(Context& c, std::int32_t target, std::int64_t& groups,
                 std::int64_t& participants) {
  const auto& active = c.s.partners.active;
  auto& placed = c.s.scratch_flags;
  auto& ids = c.s.scratch_ids;
  const auto max = static_cast<std::size_t>(c.p.meetings_max_size);
  placed.setZero();
  model::count_partners(placed.size());
  ids.clear();
  groups = 0;
  participants = 0;
  const auto neighbours_into = [&](std::int32_t i, std::size_t from) {
    for (std::int64_t e = c.net.row_begin[static_cast<std::size_t>(i)];
         e < c.net.row_begin[static_cast<std::size_t>(i) + 1] && ids.size() - from < max; ++e) {
      const std::int32_t j = c.net.target[static_cast<std::size_t>(e)];
      if (active[j] == 0 || placed[j] != 0) continue;
      placed[j] = 1;
      ids.push_back(j);
    }
  };
  if (target != model::kAllPartners) {
    placed[target] = 1;
    ids.push_back(target);
    neighbours_into(target, 0);
    const std::int32_t size = add_meeting(c, target, 0);
    groups += size > 0 ? 1 : 0;
    participants += size;
    return;
  }
  const std::int64_t n = c.active;
  if (static_cast<std::size_t>(n) <= max) {
    std::int32_t seed = -1;
    for (Eigen::Index i = 0; i < active.size(); ++i)
      if (active[i] != 0) {
        if (seed < 0) seed = static_cast<std::int32_t>(i);
        ids.push_back(static_cast<std::int32_t>(i));
      }
    const std::int32_t size = seed >= 0 ? add_meeting(c, seed, 0) : 0;
    groups += size > 0 ? 1 : 0;
    participants += size;
    return;
  }
  for (Eigen::Index i = 0; i < active.size(); ++i) {
    if (active[i] == 0 || placed[i] != 0) continue;
    const std::size_t from = ids.size();
    placed[i] = 1;
    ids.push_back(static_cast<std::int32_t>(i));
    neighbours_into(static_cast<std::int32_t>(i), from);
    const std::int32_t size = add_meeting(c, static_cast<std::int32_t>(i), from);
    groups += size > 0 ? 1 : 0;
    participants += size;
  }
}

// One partner intervention on partner i with weight a (its row of docs/ODD.md 2.1).
void on_partner(Context& c, Intervention kind, std::int32_t i, double a, double intensity) {
  const auto& p = c.p;
  auto& pr = c.s.partners;
  switch (kind) {
    case Intervention::surface_interests: {  // C2, C13, C14
      pr.interests_known[i] += a * (1.0 - pr.interests_known[i]);
      const double served = dynamics::interests_served(c.s.opgave.goal, pr.interests, i);
      pr.salience[i] +=
          a * p.interests_surfacing_salience * (1.0 - served) * (1.0 - pr.salience[i]);
      if (a > 0.0) pr.surfaced[i] = 1;
      break;
    }
    case Intervention::delegate:  // C5, C16
      // Measured ownership (C16): a delegation moves no goal; the partner's share shows in the work
      // it then does (the work ledger, 7.9). chi = 0 keeps the fixed ledger entry.
      pr.influence[i] += (1.0 - p.ownership_measured) * a * p.regisseur_delegate_influence;
      pr.trust_regisseur[i] += a * p.trust_regisseur_gain * (1.0 - pr.trust_regisseur[i]);
      break;
    case Intervention::control: {  // C5: direct own work; trust in the regisseur falls
      const double eta =
          p.arsenal[static_cast<std::size_t>(model::arsenal_index(kind))].effectiveness;
      const double act = eta * intensity;
      Eigen::Index best = 0;
      for (Eigen::Index d = 1; d < pr.capabilities.cols(); ++d)
        if (pr.capabilities(i, d) > pr.capabilities(i, best)) best = d;
      c.s.regisseur.own_work[best] +=
          act * p.regisseur_own_effort * c.s.regisseur.capabilities[best];  // cR_k*
      model::count_partners(pr.active.size());
      for (Eigen::Index j = 0; j < pr.active.size(); ++j) {
        if (pr.active[j] == 0) continue;
        const double loss = j == i ? act * p.trust_regisseur_loss
                                   : act * p.regisseur_control_signal * p.trust_regisseur_loss;
        pr.trust_regisseur[j] -= loss * pr.trust_regisseur[j];
      }
      // Measured ownership (C5, C16): control moves no goal; the work it takes over enters the
      // regisseur's work ledger in 7.9. chi = 0 keeps the fixed ledger entry.
      c.s.regisseur.influence += (1.0 - p.ownership_measured) * act * p.regisseur_control_influence;
      break;
    }
    case Intervention::appreciate: {  // C5, C13
      // C5: show appreciation when others take their responsibility. The lift of passion follows
      // the responsibility the partner visibly took, its contribution last week as a share of the
      // largest (the share facilitative's gap reads, docs/ODD.md 3.3); appreciation of nothing
      // done lifts nothing. omega_A = 0 is the rule before (every partner lifted alike).
      const double w = p.regisseur_appreciation_contingency;
      const double merit = w > 0.0 ? contribution_share(c, i) : 0.0;
      pr.passion[i] += a * (1.0 - w + w * merit) * (1.0 - pr.passion[i]);
      pr.trust_regisseur[i] += a * p.trust_regisseur_gain * (1.0 - pr.trust_regisseur[i]);
      break;
    }
    case Intervention::address_responsibility:  // C12
      pr.commitment[i] += a * (pr.urgency[i] - pr.commitment[i]);
      pr.focus[i] += a * (1.0 - pr.focus[i]);
      pr.salience[i] *= 1.0 - a;
      break;
    case Intervention::table_division:  // C14: the division of the work is put on the table
      // Who does and gets what makes the partner's divergent interests salient (the salience a
      // negotiating meeting raises, 7.6); its interests become no better known (kappa stays).
      pr.salience[i] += a * (1.0 - pr.salience[i]);
      break;
    case Intervention::release:  // C9: direct
      pr.active[i] = 0;
      pr.settled[i] = 0;
      pr.allocation[i] = 0.0;
      ++c.s.tallies.releases;
      --c.active;  // i was active: a request on a partner that left is skipped before this
      c.largest_valid = false;
      break;
    default:
      break;
  }
}

// One group intervention with weight a.
void on_group(Context& c, Intervention kind, double a, double eta, double intensity) {
  const auto& p = c.p;
  auto& pr = c.s.partners;
  auto& o = c.s.opgave;
  model::count_partners(pr.active.size());
  switch (kind) {
    case Intervention::refocus:  // C14, C16
      for (Eigen::Index i = 0; i < pr.active.size(); ++i) {
        if (pr.active[i] == 0) continue;
        pr.focus[i] += a * (1.0 - pr.focus[i]);
        pr.settled[i] = 0;
        pr.allocation[i] = 0.0;
      }
      break;
    case Intervention::clarify_goal: {  // C3, C8, C16
      auto& ids = c.s.scratch_ids;
      ids.clear();
      for (Eigen::Index i = 0; i < pr.active.size(); ++i)
        if (pr.active[i] != 0) ids.push_back(static_cast<std::int32_t>(i));
      dynamics::co_create_goal(p, ids, a, c.step, pr, o);
      break;
    }
    case Intervention::commission_goal:  // C16: by decree, no partner input
      o.goal = c.s.regisseur.goal;       // gR_k
      o.concreteness = std::max(o.concreteness, p.regisseur_commission_concreteness);
      o.clarity += eta * (1.0 - o.clarity);
      // Measured ownership (C16): a decree is a goal update of weight 1 with the regisseur the only
      // voice (a co-creation step of weight a records a pi_i per partner, 7.7).
      c.s.regisseur.influence += (1.0 - p.ownership_measured) * eta + p.ownership_measured;
      dynamics::check_agreed(p, c.step, o);
      break;
    case Intervention::make_concrete: {  // C3
      const double dc = a * (1.0 - o.concreteness);
      double spread = 0.0;
      double pairs = 0.0;
      model::count_pairs(pr.active.size() * (pr.active.size() - 1) / 2);
      for (Eigen::Index i = 0; i < pr.active.size(); ++i)
        for (Eigen::Index j = i + 1; j < pr.active.size(); ++j)
          if (pr.active[i] != 0 && pr.active[j] != 0) {
            spread += std::abs(pr.perspective[i] - pr.perspective[j]);
            pairs += 1.0;
          }
      const double mean_spread = pairs > 0 ? spread / pairs : 0.0;
      o.clarity *= 1.0 - std::min(1.0, dc * mean_spread / o.confidence);
      o.concreteness += dc;
      break;
    }
    case Intervention::build_language:  // C4
      o.language += a * (1.0 - o.language);
      break;
    case Intervention::organise:  // C7, C8, C15: the intensity is the level aimed at
      o.organisation += a * (intensity - o.organisation);
      break;
    case Intervention::reflect:  // C17, C14
      c.s.regisseur.awareness += a * (1.0 - c.s.regisseur.awareness);
      for (Eigen::Index i = 0; i < pr.active.size(); ++i)
        if (pr.active[i] != 0) pr.salience[i] *= 1.0 - a * p.regisseur_reflect_relief;
      break;
    case Intervention::acknowledge_perspectives:  // C10
      o.confidence += a * (p.perspectives_confidence_max - o.confidence);
      o.acknowledgement += a * (1.0 - o.acknowledgement);
      break;
    default:
      break;
  }
}

// A partner released later in the span than a convening that placed it does not attend: its
// seat stays paid, its place in the meeting is removed (meetings left with fewer than two
// participants are dropped). Compacts in place, so nothing is allocated.
void drop_inactive_participants(model::Meetings& meetings, const model::Flags& active) {
  std::size_t write_meeting = 0;
  std::size_t write_participant = 0;
  model::count_partners(static_cast<std::int64_t>(meetings.participants.size()));
  for (std::size_t m = 0; m < meetings.list.size(); ++m) {
    model::Meeting meeting = meetings.list[m];
    const auto first = static_cast<std::int32_t>(write_participant);
    for (std::int32_t a = 0; a < meeting.size; ++a) {
      const std::int32_t i = meetings.participants[static_cast<std::size_t>(meeting.first + a)];
      if (active[i] != 0) meetings.participants[write_participant++] = i;
    }
    meeting.size = static_cast<std::int32_t>(write_participant) - first;
    meeting.first = first;
    if (meeting.size < 2) {
      write_participant = static_cast<std::size_t>(first);
      continue;
    }
    meetings.list[write_meeting++] = meeting;
  }
  meetings.list.resize(write_meeting);
  meetings.participants.resize(write_participant);
}

void skip(Context& c, record::EventKind why, const model::InterventionRequest& r) {
  c.log.add({.step = c.step,
             .kind = why,
             .source = record::kRegisseur,
             .target = r.target,
             .cost = 0.0,
             .value = static_cast<double>(static_cast<int>(record::event_kind(r.kind)))});
}

}  // namespace

void apply_interventions(const network::Network& net, const model::Parameters& p,
                         std::span<const model::InterventionRequest> requests, std::int32_t step,
                         model::State& s, record::EventLog& log) {
  Context c{net, p, step, s, log};
  auto& pr = s.partners;
  s.in_convened.setZero();
  s.named.setZero();
  s.meetings.clear();
  model::count_partners(s.named.size());
  c.active = dynamics::active_count(pr.active);
  double spent = 0.0;
  for (const auto& r : requests) {
    const int index = model::arsenal_index(r.kind);
    const auto& decl = model::kArsenal[static_cast<std::size_t>(index)];
    const auto& arsenal = p.arsenal[static_cast<std::size_t>(index)];
    if (r.target != model::kAllPartners && pr.active[r.target] == 0) {
      skip(c, record::EventKind::skipped_target_left, r);
      continue;
    }
    if (arsenal.enabled == 0) {
      skip(c, record::EventKind::skipped_disabled, r);
      continue;
    }
    const auto n = static_cast<double>(c.active);
    if (r.kind == Intervention::convene) {
      const std::size_t meetings_before = s.meetings.list.size();
      const std::int32_t convened_before = c.convened;
      const std::size_t participants_before = s.meetings.participants.size();
      std::int64_t groups = 0;
      std::int64_t seats = 0;
      form_groups(c, r.target, groups, seats);
      const double cost = arsenal.cost * static_cast<double>(groups) +
                          p.regisseur_seat_cost * static_cast<double>(seats);
      if (spent + cost > p.regisseur_capacity + kCapacityTolerance) {
        s.meetings.list.resize(meetings_before);
        s.meetings.participants.resize(participants_before);
        c.convened = convened_before;
        skip(c, record::EventKind::skipped_over_capacity, r);
        continue;
      }
      spent += cost;
      s.tallies.effort_by_intervention[static_cast<std::size_t>(index)] += cost;
      for (std::size_t m = meetings_before; m < s.meetings.list.size(); ++m) {
        const auto& meeting = s.meetings.list[m];
        for (std::int32_t a = 0; a < meeting.size; ++a) {
          const std::int32_t i =
              s.meetings.participants[static_cast<std::size_t>(meeting.first + a)];
          s.in_convened[i] = 1;
          s.named[i] = 1;
        }
      }
      if (r.target == model::kAllPartners) s.regisseur.weeks_since_all = 0;
      log.add({.step = step,
               .kind = record::EventKind::convene,
               .source = record::kRegisseur,
               .target = r.target,
               .cost = cost,
               .value = static_cast<double>(seats)});
      continue;
    }
    const bool partner_scope = decl.scope == model::Scope::partner;
    const double cost =
        partner_scope && r.target == model::kAllPartners ? arsenal.cost * n : arsenal.cost;
    if (spent + cost > p.regisseur_capacity + kCapacityTolerance) {
      skip(c, record::EventKind::skipped_over_capacity, r);
      continue;
    }
    spent += cost;
    s.tallies.effort_by_intervention[static_cast<std::size_t>(index)] += cost;
    double a = 0.0;
    double value = 0.0;
    if (partner_scope) {
      const auto one = [&](std::int32_t i) {
        a = r.kind == Intervention::release
                ? 1.0
                : arsenal.effectiveness * r.intensity * trust_factor(p, pr.trust_regisseur[i]);
        value = r.kind == Intervention::release ? pr.commitment[i] : a;
        s.named[i] = 1;
        on_partner(c, r.kind, i, a, r.intensity);
      };
      c.mean_trust_valid = false;
      if (r.target == model::kAllPartners) {
        model::count_partners(pr.active.size());
        for (Eigen::Index i = 0; i < pr.active.size(); ++i)
          if (pr.active[i] != 0) one(static_cast<std::int32_t>(i));
      } else {
        one(r.target);
      }
    } else {
      const bool direct = r.kind == Intervention::commission_goal;
      // organise: the intensity is the level aimed at, not a weight.
      const double weight = r.kind == Intervention::organise ? 1.0 : r.intensity;
      a = direct ? arsenal.effectiveness
                 : arsenal.effectiveness * weight * trust_factor(p, group_trust(c));
      value = a;
      model::count_partners(pr.active.size());
      for (Eigen::Index i = 0; i < pr.active.size(); ++i) s.named[i] = 1;
      on_group(c, r.kind, a, arsenal.effectiveness, r.intensity);
    }
    log.add({.step = step,
             .kind = record::event_kind(r.kind),
             .source = record::kRegisseur,
             .target = r.target,
             .cost = cost,
             .value = value});
  }
  s.tallies.regie_effort = spent;
  drop_inactive_participants(s.meetings, pr.active);
}

}  // namespace regiesim::regie
