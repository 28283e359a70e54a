#include "dynamics/settlement.hpp"

#include <algorithm>
#include <cassert>
#include <span>

namespace regiesim::dynamics {

namespace {

// The open negotiation whose parties are exactly `parties` (ascending), or -1.
std::int32_t find_open(const model::OpenNegotiations& open, std::span<const std::int32_t> parties) {
  const auto n = static_cast<std::int32_t>(parties.size());
  for (std::int32_t s = open.head[static_cast<std::size_t>(parties[0])]; s >= 0;
       s = open.next[static_cast<std::size_t>(s)]) {
    if (open.size[static_cast<std::size_t>(s)] != n) continue;
    const auto* members = &open.parties[static_cast<std::size_t>(s * open.max_parties)];
    if (std::equal(parties.begin(), parties.end(), members)) return s;
  }
  return -1;
}

// With negotiation.continue_contained: of the open negotiations whose parties all sit among
// `parties` (ascending), the one whose last round is oldest (it would lapse first), lowest
// negotiation id among equals; or -1. Every open negotiation is anchored at its lowest party, so
// only the lists of the meeting's parties are searched.
std::int32_t find_contained(const model::OpenNegotiations& open,
                            std::span<const std::int32_t> parties) {
  std::int32_t best = -1;
  for (const std::int32_t anchor : parties) {
    for (std::int32_t s = open.head[static_cast<std::size_t>(anchor)]; s >= 0;
         s = open.next[static_cast<std::size_t>(s)]) {
      const auto us = static_cast<std::size_t>(s);
      const auto* members = &open.parties[us * static_cast<std::size_t>(open.max_parties)];
      if (!std::includes(parties.begin(), parties.end(), members, members + open.size[us]))
        continue;
      if (best >= 0) {
        const auto ub = static_cast<std::size_t>(best);
        if (open.last_week[us] > open.last_week[ub] ||
            (open.last_week[us] == open.last_week[ub] && open.id[us] > open.id[ub]))
          continue;
      }
      best = s;
    }
  }
  return best;
}

void close(model::OpenNegotiations& open, std::int32_t s) {
  const auto us = static_cast<std::size_t>(s);
  // Unlink it from its anchor's list.
  const auto anchor = static_cast<std::size_t>(open.parties[us * open.max_parties]);
  if (open.head[anchor] == s) {
    open.head[anchor] = open.next[us];
  } else {
    std::int32_t at = open.head[anchor];
    while (open.next[static_cast<std::size_t>(at)] != s)
      at = open.next[static_cast<std::size_t>(at)];
    open.next[static_cast<std::size_t>(at)] = open.next[us];
  }
  open.open[us] = 0;
  open.free.push_back(s);  // never beyond the capacity reserved: each slot is freed once
}

// A slot for a new negotiation: a free one, or else the stalest open one (oldest last round,
// lowest slot among equals) is dropped to make room, and the drop is an event (its lowest party,
// its id), so a table too small for the collaboration shows in /events.
std::int32_t take_slot(model::OpenNegotiations& open, std::int32_t step, record::EventLog& log) {
  if (open.free.empty()) {
    std::int32_t stalest = 0;
    for (std::size_t s = 1; s < open.open.size(); ++s)
      if (open.last_week[s] < open.last_week[static_cast<std::size_t>(stalest)])
        stalest = static_cast<std::int32_t>(s);
    const auto us = static_cast<std::size_t>(stalest);
    log.add({.step = step,
             .kind = record::EventKind::negotiation_dropped,
             .source = open.parties[us * static_cast<std::size_t>(open.max_parties)],
             .target = record::kWholeGroup,
             .cost = 0.0,
             .value = static_cast<double>(open.id[us])});
    close(open, stalest);
  }
  const std::int32_t s = open.free.back();
  open.free.pop_back();
  return s;
}

negotiation::NegotiationSettings settings_of(const model::Parameters& p) {
  return {.protocol = p.negotiation_protocol,
          .concession = p.negotiation_concession,
          .rounds_per_meeting = 1,  // design decision 9: one bargaining round per meeting
          .effort_cost = p.negotiation_effort_cost,
          .utility_exponent = p.negotiation_utility_exponent,
          .discount_calm = p.negotiation_discount_calm,
          .discount_urgent = p.negotiation_discount_urgent};
}

static_assert(static_cast<int>(negotiation::Protocol::zeuthen) ==
                  static_cast<int>(record::NegotiationProtocol::zeuthen) &&
              static_cast<int>(negotiation::Protocol::alternating_offers) ==
                  static_cast<int>(record::NegotiationProtocol::alternating_offers) &&
              static_cast<int>(negotiation::Protocol::nash) ==
                  static_cast<int>(record::NegotiationProtocol::nash));

}  // namespace

void prepare_negotiations(std::int32_t partners, std::int64_t ties, std::int32_t largest_meeting,
                          std::int32_t dimensions, model::OpenNegotiations& open,
                          model::NegotiationScratch& scratch) {
  const auto n = static_cast<std::size_t>(std::max(partners, 0));
  const auto largest =
      static_cast<std::size_t>(std::clamp(largest_meeting, 2, std::max(2, partners)));
  // One slot per tie and per partner, within a bound on the memory it takes (1 Mi parties).
  const auto slots = static_cast<std::size_t>(std::min<std::int64_t>(
      std::max<std::int64_t>(ties, 0) + partners,
      std::max<std::int64_t>(64, (std::int64_t{1} << 20) / static_cast<std::int64_t>(largest))));
  open.head.assign(n, -1);
  open.next.assign(slots, -1);
  open.open.assign(slots, 0);
  open.id.assign(slots, 0);
  open.rounds.assign(slots, 0);
  open.last_week.assign(slots, 0);
  open.size.assign(slots, 0);
  open.parties.assign(slots * largest, 0);
  open.demands.assign(slots * largest, 0.0);
  open.free.clear();
  open.free.reserve(slots);
  for (std::size_t s = slots; s-- > 0;) open.free.push_back(static_cast<std::int32_t>(s));
  open.max_parties = static_cast<std::int32_t>(largest);
  open.next_id = 0;

  const auto k = static_cast<std::size_t>(std::max(dimensions, 1));
  scratch.parties.assign(largest, 0);
  scratch.work.assign(k, 0.0);
  scratch.interests.assign(largest * k, 0.0);
  scratch.capabilities.assign(largest * k, 0.0);
  scratch.resources.assign(largest, 0.0);
  scratch.urgency.assign(largest, 0.0);
  scratch.demands.assign(largest, 0.0);
  // negotiate() reuses its Outcome's buffers; reserved here to the largest meeting.
  auto& out = scratch.outcome;
  for (auto* v :
       {&out.shares, &out.nash_shares, &out.demands, &out.utility, &out.disagreement,
        &out.scratch.shares, &out.scratch.nash, &out.scratch.demands, &out.scratch.discount})
    v->reserve(largest);
  out.effort.reserve(largest * k);
  out.scratch.all.reserve(largest);
  out.scratch.bargainers.reserve(largest);
  out.scratch.bargainer.reserve(largest);
  out.scratch.offers.reserve(std::max(largest * largest, 2 * largest));
  out.scratch.per_dimension.reserve(2 * k);
}

std::int64_t settle_negotiations(const model::Parameters& p, const model::OpgaveState& opgave,
                                 std::int32_t step, std::int32_t first_meeting_id,
                                 model::PartnerState& partners, model::Meetings& meetings,
                                 model::OpenNegotiations& open, model::NegotiationScratch& scratch,
                                 record::EventLog& log) {
  const Eigen::Index k = opgave.realised.size();
  const auto uk = static_cast<std::size_t>(k);
  // What a round divides: a share of the remaining work on each dimension, as far as the goal is
  // concrete (C3: only what is concrete can be divided).
  for (Eigen::Index d = 0; d < k; ++d)
    scratch.work[static_cast<std::size_t>(d)] =
        p.negotiation_scope * opgave.concreteness * (1.0 - opgave.realised[d]);
  const negotiation::NegotiationSettings settings = settings_of(p);
  const auto protocol = static_cast<record::NegotiationProtocol>(p.negotiation_protocol);
  const double to_resources = p.negotiation_execution_rate * p.negotiation_horizon;
  auto& out = scratch.outcome;
  std::int64_t agreements = 0;
  for (std::size_t mi = 0; mi < meetings.list.size(); ++mi) {
    model::Meeting& m = meetings.list[mi];
    m.fairness = -1.0;
    m.parties = 0;
    m.agreed = false;
    if (!m.negotiate) continue;
    // Meetings hold at most meetings.max_size partners (7.2), the size the scratch was given.
    assert(static_cast<std::size_t>(m.size) <= scratch.parties.size());
    if (static_cast<std::size_t>(m.size) > scratch.parties.size()) continue;
    std::size_t n = 0;
    for (std::int32_t a = 0; a < m.size; ++a) {
      const std::int32_t i = meetings.participants[static_cast<std::size_t>(m.first + a)];
      if (partners.settled[i] != 0) continue;  // a settled partner's decision stands
      scratch.parties[n++] = i;
    }
    if (n < 2) continue;  // no round; the meeting still counts as negotiating
    std::sort(scratch.parties.begin(), scratch.parties.begin() + static_cast<std::ptrdiff_t>(n));

    // Continue the parties' open negotiation, if they have one; otherwise, with
    // negotiation.continue_contained, the one waiting longest of those whose parties all sit
    // here: this round is theirs (C14: the division of the work is taken up wherever its parties
    // meet), and the meeting's other participants do not bargain in it. Otherwise open a new one.
    const auto meeting_parties = std::span<const std::int32_t>(scratch.parties).first(n);
    std::int32_t s = find_open(open, meeting_parties);
    if (s < 0 && p.negotiation_continue_contained != 0) {
      s = find_contained(open, meeting_parties);
      if (s >= 0) {
        const auto us = static_cast<std::size_t>(s);
        n = static_cast<std::size_t>(open.size[us]);
        std::copy_n(&open.parties[us * static_cast<std::size_t>(open.max_parties)], n,
                    scratch.parties.begin());
      }
    }
    const auto parties = std::span(scratch.parties).first(n);
    const bool carry = s >= 0;
    if (!carry) {
      s = take_slot(open, step, log);
      const auto us = static_cast<std::size_t>(s);
      open.open[us] = 1;
      open.id[us] = open.next_id++;
      open.rounds[us] = 0;
      open.size[us] = static_cast<std::int32_t>(n);
      std::copy(parties.begin(), parties.end(), &open.parties[us * open.max_parties]);
      const auto anchor = static_cast<std::size_t>(parties[0]);
      open.next[us] = open.head[anchor];
      open.head[anchor] = s;
    }
    const auto us = static_cast<std::size_t>(s);
    const double* carried = &open.demands[us * open.max_parties];

    for (std::size_t a = 0; a < n; ++a) {
      const std::int32_t i = parties[a];
      for (Eigen::Index d = 0; d < k; ++d) {
        const std::size_t at = a * uk + static_cast<std::size_t>(d);
        // Interests below 0 (a partner who loses when k advances) are worth nothing to divide.
        scratch.interests[at] = std::max(0.0, partners.interests(i, d));
        scratch.capabilities[at] = partners.capabilities(i, d);
      }
      scratch.resources[a] = to_resources * partners.commitment[i] * partners.resources[i];
      scratch.urgency[a] = partners.urgency[i];
      scratch.demands[a] = carried[a];
    }
    const negotiation::MeetingInput input{
        .remaining_work = scratch.work,
        .interests = std::span(scratch.interests).first(n * uk),
        .capabilities = std::span(scratch.capabilities).first(n * uk),
        .resources = std::span(scratch.resources).first(n),
        .urgency = std::span(scratch.urgency).first(n),
        .settings = settings,
        .carried_demands =
            carry ? std::span<const double>(scratch.demands).first(n) : std::span<const double>(),
        .carried_rounds = carry ? open.rounds[us] : 0};
    negotiation::negotiate(input, out);
    open.rounds[us] = out.rounds;
    open.last_week[us] = step;
    const bool agreed = out.agreed();
    log.add_negotiation(step, open.id[us], first_meeting_id + static_cast<std::int32_t>(mi),
                        protocol, out.rounds, agreed, out.log_nash_product, out.fairness_distance,
                        parties, std::span<const double>(out.shares));
    if (out.status == negotiation::Status::ongoing) {
      std::copy_n(out.demands.begin(), n, &open.demands[us * open.max_parties]);
      continue;
    }
    close(open, s);  // agreed or broken down: the negotiation is over
    if (!agreed) continue;
    ++agreements;
    // Perceived fairness, 1 at the Nash split (read by trust, 7.8).
    m.agreed = true;
    m.fairness = 1.0 - out.fairness_distance;
    m.first_party = static_cast<std::int32_t>(meetings.parties.size());
    m.parties = static_cast<std::int32_t>(n);
    for (std::size_t a = 0; a < n; ++a) {
      const std::int32_t i = parties[a];
      meetings.parties.push_back(i);
      double work = 0.0;    // the realisation its allocated effort will add
      double effort = 0.0;  // E_i, its allocated effort
      for (Eigen::Index d = 0; d < k; ++d) {
        const double e = out.effort[a * uk + static_cast<std::size_t>(d)];
        work += partners.capabilities(i, d) * e;
        effort += e;
      }
      partners.settled[i] = 1;
      partners.allocation[i] = work / static_cast<double>(k);
      // The plan's realisation per unit of effort, q_i / E_i, at which it is executed (7.9, C14).
      if (p.negotiation_execute_as_planned != 0)
        partners.allocation_yield[i] = effort > 0.0 ? partners.allocation[i] / effort : 0.0;
    }
  }
  // Open negotiations without a round for negotiation.patience weeks are dropped (the scan is
  // skipped while none is open).
  if (open.free.size() == open.open.size()) return agreements;
  for (std::size_t s = 0; s < open.open.size(); ++s)
    if (open.open[s] != 0 && step - open.last_week[s] >= p.negotiation_patience)
      close(open, static_cast<std::int32_t>(s));
  return agreements;
}

}  // namespace regiesim::dynamics
