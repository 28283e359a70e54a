#include "negotiation/negotiate.hpp"

#include <algorithm>
#include <cassert>
#include <limits>

#include "negotiation/alternating_offers.hpp"
#include "negotiation/discount.hpp"
#include "negotiation/nash.hpp"
#include "negotiation/zeuthen.hpp"

namespace regiesim::negotiation {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// A participant bargains when the split matters to it: rival value above rounding.
bool bargains(const PartnerUtility& u) {
  return u.rival > 1e-12 * std::max(1.0, u.common + u.rival);
}

void fail(Outcome& out) {
  out.status = Status::broke_down;
  out.log_nash_product = kNaN;
  out.fairness_distance = kNaN;
  std::fill(out.shares.begin(), out.shares.end(), 0.0);
  std::fill(out.effort.begin(), out.effort.end(), 0.0);
}

// Runs the protocol on the bargainers; returns the status and leaves their shares in ws.shares.
Status bargain(const MeetingInput& in, Workspace& ws, std::int32_t& rounds) {
  const auto& s = in.settings;
  const std::span<const PartnerUtility> parties(ws.bargainers);
  switch (s.protocol) {
    case Protocol::nash:
      ++rounds;
      std::copy(ws.nash.begin(), ws.nash.end(), ws.shares.begin());
      return Status::agreed;
    case Protocol::alternating_offers:
      ++rounds;  // the stationary equilibrium's first proposal is accepted
      for (std::size_t b = 0; b < parties.size(); ++b)
        ws.discount[b] = discount_factor(s, in.urgency[ws.bargainer[b]]);
      stationary_offers(parties, ws.discount, ws.shares, ws.offers);
      return Status::agreed;
    case Protocol::zeuthen:
      break;
  }
  if (in.carried_demands.size() == in.resources.size()) {
    for (std::size_t b = 0; b < parties.size(); ++b)
      ws.demands[b] = in.carried_demands[ws.bargainer[b]];
  } else {
    zeuthen_open(parties, ws.demands);
  }
  auto result = RoundResult::continuing;
  for (std::int32_t r = 0; r < std::max(1, s.rounds_per_meeting); ++r) {
    ++rounds;
    result = zeuthen_round(parties, s.concession, ws.demands, ws.offers);
    if (result != RoundResult::continuing) break;
  }
  std::copy(ws.demands.begin(), ws.demands.end(), ws.shares.begin());
  if (result == RoundResult::agreed) return Status::agreed;
  return result == RoundResult::broke_down ? Status::broke_down : Status::ongoing;
}

}  // namespace

void negotiate(const MeetingInput& in, Outcome& out) {
  const std::size_t n = in.resources.size();
  const std::size_t k_count = in.remaining_work.size();
  assert(in.interests.size() == n * k_count && in.capabilities.size() == n * k_count);
  assert(in.urgency.size() == n);
  assert(in.carried_demands.empty() || in.carried_demands.size() == n);
  auto& ws = out.scratch;
  out.shares.assign(n, 0.0);
  out.effort.assign(n * k_count, 0.0);
  out.nash_shares.assign(n, 0.0);
  out.demands.assign(n, 0.0);
  out.utility.assign(n, 0.0);
  out.disagreement.assign(n, 0.0);
  out.rounds = in.carried_rounds;
  ws.all.resize(n);
  ws.per_dimension.resize(2 * k_count);
  if (n == 0) {
    fail(out);
    return;
  }

  build_bargaining_problem({in.remaining_work, in.interests, in.capabilities, in.resources},
                           in.settings, ws.all, out.effort, ws.per_dimension);
  ws.bargainers.clear();
  ws.bargainer.clear();
  bool vetoed = false;
  for (std::size_t i = 0; i < n; ++i) {
    out.disagreement[i] = ws.all[i].disagreement;
    out.utility[i] = ws.all[i].disagreement;
    if (bargains(ws.all[i])) {
      ws.bargainers.push_back(ws.all[i]);
      ws.bargainer.push_back(static_cast<std::int32_t>(i));
    } else if (ws.all[i].gain(0.0) < 0.0) {
      vetoed = true;  // the agreement leaves it worse off than alone, whatever the split
    }
  }
  const std::size_t m = ws.bargainers.size();
  if (vetoed) {
    ++out.rounds;
    fail(out);
    return;
  }
  if (m == 0) {
    // Nothing is divisible to anyone: agreement at once; shares equal by convention.
    ++out.rounds;
    out.status = Status::agreed;
    std::fill(out.shares.begin(), out.shares.end(), 1.0 / static_cast<double>(n));
    out.nash_shares = out.shares;
    for (std::size_t i = 0; i < n; ++i) out.utility[i] = ws.all[i](out.shares[i]);
    out.log_nash_product = 0.0;
    out.fairness_distance = 0.0;
    return;
  }

  ws.shares.assign(m, 0.0);
  ws.nash.assign(m, 0.0);
  ws.demands.assign(m, 0.0);
  ws.discount.assign(m, 0.0);
  ws.offers.resize(std::max(m * m, 2 * m));
  if (!nash_shares(ws.bargainers, ws.nash)) {
    ++out.rounds;
    fail(out);
    return;
  }
  out.status = bargain(in, ws, out.rounds);
  for (std::size_t b = 0; b < m; ++b) {
    const auto i = static_cast<std::size_t>(ws.bargainer[b]);
    out.nash_shares[i] = ws.nash[b];
    out.demands[i] = ws.demands[b];
  }
  if (out.status != Status::agreed) {
    const auto status = out.status;
    fail(out);
    out.status = status;
    return;
  }
  for (std::size_t b = 0; b < m; ++b)
    out.shares[static_cast<std::size_t>(ws.bargainer[b])] = ws.shares[b];
  for (std::size_t i = 0; i < n; ++i) out.utility[i] = ws.all[i](out.shares[i]);
  out.log_nash_product = log_nash_product(ws.bargainers, ws.shares);
  out.fairness_distance = fairness_distance(ws.shares, ws.nash);
}

}  // namespace regiesim::negotiation
