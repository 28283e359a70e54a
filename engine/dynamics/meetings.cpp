#include "dynamics/meetings.hpp"

#include <algorithm>
#include <cstring>
#include <span>

#include "dynamics/derived.hpp"
#include "dynamics/pair_sums.hpp"
#include "dynamics/prefetch.hpp"
#include "model/work.hpp"
#include "random/first_draws.hpp"

namespace regiesim::dynamics {

std::int64_t form_meetings(const network::Network& net, const model::Parameters& p,
                           const model::Flags& active, random::RunSeed seed, std::int32_t step,
                           model::Meetings& meetings, model::Flags& met,
                           const model::ChunkExecutor& executor) {
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
  // A tie is decided on its i < j edge. A tie that already met in a convened meeting needs no
  // draw: each tie's draw has a counter of its own, so skipping it changes no other number. Whether
  // an i < j edge needs a draw does not depend on any other tie's decision (a decision flags only
  // its own tie, and the other direction is an i > j edge, whose flag no decision reads), so the
  // decisions are made first, in chunks of edges that may run on several threads: a chunk flags
  // its own i < j edges that meet (kDrawnToMeet) and their other directions, bytes no other chunk
  // reads or writes. A second pass in edge order then lists the meetings, in the order one pass
  // made them. Within a chunk the ties that need a draw are gathered a batch at a time and drawn
  // together (random/first_draws: the same bits, several streams per instruction).
  //
  // The edges are visited in order, but a tie's far end is not: its partner's flag active[j] and
  // the reverse edge's met flag lie anywhere for a rewired tie of a small world (a random one of
  // 10^6 partners), and the loop stalled on those misses. Asking for both lines kPrefetchAhead
  // edges early (target and reverse are read in order there, cheaply) hides them; prefetching
  // changes no value read, so no number.
  constexpr std::int64_t kPrefetchAhead = 32;
  constexpr std::uint8_t kDrawnToMeet = 2;
  const std::int64_t prefetch_until = prefetch_end(net.edge_count(), kPrefetchAhead);
  model::for_each_chunk(executor, net.edge_count(), [&](std::int64_t first, std::int64_t last) {
    // The columns through pointers of the chunk's own, held in registers: through the lambda's
    // references the compiler reloaded them on every edge (the batch's stores might have changed
    // them), and at 10^6 partners the pass drew half as many perf samples again as one loop.
    const std::int32_t* source_of = net.source.data();
    const std::int32_t* target_of = net.target.data();
    const std::int64_t* reverse_of = net.reverse.data();
    const std::uint8_t* is_active = active.data();
    std::uint8_t* flag_of = met.data();
    const double probability = p.meetings_probability;
    random::FirstDrawBatch batch;
    const auto decide_waiting = [&] {
      batch.draw(seed, static_cast<std::uint32_t>(step), random::Purpose::meeting);
      for (std::size_t k = 0; k < batch.size(); ++k) {
        if (batch.uniform(k) >= probability) continue;
        const std::int64_t e = batch.item(k);
        flag_of[e] = kDrawnToMeet;
        flag_of[reverse_of[e]] = 1;
      }
      batch.clear();
    };
    const std::int64_t prefetch_stop = std::min(last, prefetch_until);
    for (std::int64_t e = first; e < last; ++e) {
      if (e < prefetch_stop) {
        __builtin_prefetch(&is_active[target_of[e + kPrefetchAhead]]);
        __builtin_prefetch(&flag_of[reverse_of[e + kPrefetchAhead]], 1);
      }
      const std::int32_t i = source_of[e];
      const std::int32_t j = target_of[e];
      if (i > j || flag_of[e] != 0 || is_active[i] == 0 || is_active[j] == 0) continue;
      if (batch.add(static_cast<std::uint32_t>(i), static_cast<std::uint32_t>(j), e))
        decide_waiting();
    }
    decide_waiting();
  });
  // The flags are 0, 1 or kDrawnToMeet, so eight at a time with no kDrawnToMeet among them have
  // bit 1 clear in every byte and are passed over in one test.
  const std::int64_t edges = net.edge_count();
  std::uint8_t* flag = met.data();
  std::int64_t e = 0;
  while (e < edges) {
    if (e + 8 <= edges) {
      std::uint64_t eight = 0;
      std::memcpy(&eight, flag + e, sizeof eight);
      if ((eight & 0x0202020202020202ULL) == 0) {
        e += 8;
        continue;
      }
    }
    const std::int64_t stop = std::min(edges, e + 8);
    for (; e < stop; ++e) {
      if (flag[e] != kDrawnToMeet) continue;
      flag[e] = 1;
      ++ties_met;
      const std::int32_t i = net.source[static_cast<std::size_t>(e)];
      const std::int32_t j = net.target[static_cast<std::size_t>(e)];
      const auto at = static_cast<std::int32_t>(meetings.participants.size());
      meetings.participants.push_back(i);
      meetings.participants.push_back(j);
      meetings.list.push_back({.first = at,
                               .size = 2,
                               .key_a = static_cast<std::uint32_t>(i),
                               .key_b = static_cast<std::uint32_t>(j),
                               .convened = false});
    }
  }
  return ties_met;
}

}  // namespace regiesim::dynamics
