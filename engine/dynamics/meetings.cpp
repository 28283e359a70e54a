#include "dynamics/meetings.hpp"

#include <algorithm>
#include <span>

#include "dynamics/derived.hpp"
#include "dynamics/pair_sums.hpp"
#include "dynamics/prefetch.hpp"
#include "model/work.hpp"
#include "random/first_draws.hpp"

namespace regiesim::dynamics {

std::int64_t form_meetings(const network::Network& net, const model::Parameters& p,
                           const model::Flags& active, random::RunSeed seed, std::int32_t step,
                           model::Meetings& meetings, model::Flags& met) {
  met.setZero();
  std::int64_t ties_met = 0;
  // Every tie inside a convened meeting meets. A small meeting looks its pairs up in the rows; a
  // large one (a plenary) scans its participants' rows for partners in the meeting instead, which
  // costs their ties, not every pair. Both mark the same ties (a set), so the choice changes no
  // number.
  constexpr std::int32_t kPairwiseUpTo = 16;
  for (const auto& m : meetings.list) {
    const std::span<const std::int32_t> members(meetings.participants.data() + m.first,
                                                static_cast<std::size_t>(m.size));
    if (m.size <= kPairwiseUpTo) {
      model::count_pairs(static_cast<std::int64_t>(m.size) * (m.size - 1) / 2);
      for (std::size_t a = 0; a < members.size(); ++a)
        for (std::size_t b = a + 1; b < members.size(); ++b) {
          const std::int64_t e = find_edge(net, members[a], members[b]);
          if (e < 0 || met[e] != 0) continue;
          met[e] = met[net.reverse[static_cast<std::size_t>(e)]] = 1;
          ++ties_met;
        }
      continue;
    }
    const auto by_id = sorted_by(members, [](std::int32_t i) { return static_cast<double>(i); });
    for (const std::int32_t i : by_id) {
      const auto first = net.row_begin[static_cast<std::size_t>(i)];
      const auto last = net.row_begin[static_cast<std::size_t>(i) + 1];
      model::count_ties(last - first);
      for (auto e = first; e < last; ++e) {
        if (met[e] != 0) continue;
        const std::int32_t j = net.target[static_cast<std::size_t>(e)];
        if (!std::binary_search(by_id.begin(), by_id.end(), j)) continue;
        met[e] = met[net.reverse[static_cast<std::size_t>(e)]] = 1;
        ++ties_met;
      }
    }
  }
  model::count_ties(net.edge_count());
  // The edges are visited in order, but a tie's far end is not: its partner's flag active[j] and
  // the reverse edge's met flag lie anywhere for a rewired tie of a small world (a random one of
  // 10^6 partners), and the loop stalled on those misses. Asking for both lines kPrefetchAhead
  // edges early (target and reverse are read in order there, cheaply) hides them; prefetching
  // changes no value read, so no number.
  //
  // A tie is decided on its i < j edge. A tie that already met in a convened meeting needs no
  // draw: each tie's draw has a counter of its own, so skipping it changes no other number. The
  // ties that need a draw are gathered a batch at a time and drawn together (random/first_draws:
  // the same bits, several streams per instruction), then decided in edge order. Whether an
  // i < j edge needs a draw does not depend on the decisions before it (a decision flags only its
  // own tie, both directions), so gathering first changes no number either.
  constexpr std::int64_t kPrefetchAhead = 32;
  random::FirstDrawBatch batch;
  const auto decide_waiting = [&] {
    batch.draw(seed, static_cast<std::uint32_t>(step), random::Purpose::meeting);
    for (std::size_t k = 0; k < batch.size(); ++k) {
      if (batch.uniform(k) >= p.meetings_probability) continue;
      const std::int64_t e = batch.item(k);
      met[e] = met[net.reverse[static_cast<std::size_t>(e)]] = 1;
      ++ties_met;
      const auto first = static_cast<std::int32_t>(meetings.participants.size());
      meetings.participants.push_back(static_cast<std::int32_t>(batch.subject(k)));
      meetings.participants.push_back(static_cast<std::int32_t>(batch.object(k)));
      meetings.list.push_back({.first = first,
                               .size = 2,
                               .key_a = batch.subject(k),
                               .key_b = batch.object(k),
                               .convened = false});
    }
    batch.clear();
  };
  const std::int64_t prefetch_until = prefetch_end(net.edge_count(), kPrefetchAhead);
  for (std::int64_t e = 0; e < net.edge_count(); ++e) {
    if (e < prefetch_until) {
      const auto ahead = static_cast<std::size_t>(e + kPrefetchAhead);
      __builtin_prefetch(&active[net.target[ahead]]);
      __builtin_prefetch(&met[net.reverse[ahead]], 1);
    }
    const std::int32_t i = net.source[static_cast<std::size_t>(e)];
    const std::int32_t j = net.target[static_cast<std::size_t>(e)];
    if (i > j || met[e] != 0 || active[i] == 0 || active[j] == 0) continue;
    if (batch.add(static_cast<std::uint32_t>(i), static_cast<std::uint32_t>(j), e))
      decide_waiting();
  }
  decide_waiting();
  return ties_met;
}

}  // namespace regiesim::dynamics
