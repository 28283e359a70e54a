#pragma once
// The size of a run's state as a stated formula, bytes per partner x N + bytes per directed tie x
// E + a fixed part: every array of model::State and of the network::Network it runs on, by the
// capacity it holds (reserved scratch included), each counted where its length comes from. The
// scale benchmarks print it; peak memory is judged against it (bench/README.md, "Targets").
#include <cstddef>
#include <cstdint>
#include <vector>

#include "model/state.hpp"
#include "network/network.hpp"

namespace regiesim::bench_state {

struct StateSize {
  double per_partner = 0;  // bytes per partner
  double per_tie = 0;      // bytes per directed tie
  double fixed = 0;        // bytes that depend on neither (bounded pools, per-dimension values)
  std::int64_t partners = 0;
  std::int64_t ties = 0;
  double total() const {
    return per_partner * static_cast<double>(partners) + per_tie * static_cast<double>(ties) +
           fixed;
  }
};

template <typename T>
double bytes(const std::vector<T>& v) {
  return static_cast<double>(v.capacity() * sizeof(T));
}
template <typename Derived>
double bytes(const Eigen::DenseBase<Derived>& a) {
  return static_cast<double>(a.size()) * sizeof(typename Derived::Scalar);
}

inline StateSize state_size(const model::State& s, const network::Network& net) {
  const auto n = static_cast<double>(net.partners);
  const auto e = static_cast<double>(net.edge_count());
  const double u = e / 2;  // undirected ties
  double partner = 0, tie = 0, fixed = 0;
  // Sized N (a partner's row): the partner columns, the regisseur's per-partner memory, the
  // per-partner scratch and the network's row offsets.
  const model::PartnerState& p = s.partners;
  for (double b : {bytes(p.passion),
                   bytes(p.intrinsic_passion),
                   bytes(p.commitment),
                   bytes(p.urgency),
                   bytes(p.capabilities),
                   bytes(p.interests),
                   bytes(p.resources),
                   bytes(p.influence),
                   bytes(p.work_influence),
                   bytes(p.interests_known),
                   bytes(p.salience),
                   bytes(p.focus),
                   bytes(p.perspective),
                   bytes(p.discipline),
                   bytes(p.trust_regisseur),
                   bytes(p.settled),
                   bytes(p.allocation),
                   bytes(p.allocation_yield),
                   bytes(p.contribution),
                   bytes(p.surfaced),
                   bytes(p.active),
                   bytes(p.weeks_low),
                   bytes(s.regisseur.low_weeks),
                   bytes(s.passion_before),
                   bytes(s.order),
                   bytes(s.scratch_partner),
                   bytes(s.scratch_partner2),
                   bytes(s.scratch_flags),
                   bytes(s.in_convened),
                   bytes(s.named),
                   bytes(s.scratch_sort),
                   bytes(s.scratch_ids),
                   bytes(s.candidates),
                   bytes(s.chosen),
                   bytes(s.negotiations.head),
                   bytes(net.row_begin)})
    partner += b;
  // Sized E (directed ties): trust, the meeting flag, the network's source, target and reverse
  // index, an edge-list file's trust at the start.
  for (double b : {bytes(s.trust), bytes(s.met), bytes(net.source), bytes(net.target),
                   bytes(net.reverse), bytes(net.given_trust)})
    tie += b;
  // The week's meetings are reserved for one per undirected tie plus four per partner, their
  // participants and parties for two per undirected tie plus four per partner
  // (sim/initial_state.cpp): split by those terms.
  const auto split = [&](double b, double per_tie_slots) {
    const double per_slot = b / (per_tie_slots * u + 4 * n);
    tie += per_slot * per_tie_slots * u;
    partner += per_slot * 4 * n;
  };
  split(bytes(s.meetings.list), 1);
  split(bytes(s.meetings.participants), 2);
  split(bytes(s.meetings.parties), 2);
  // Open negotiations: one slot per tie and per partner, bounded at 2^20 parties in all.
  const model::OpenNegotiations& o = s.negotiations;
  for (double b : {bytes(o.next), bytes(o.open), bytes(o.id), bytes(o.rounds), bytes(o.last_week),
                   bytes(o.size), bytes(o.parties), bytes(o.demands), bytes(o.free)})
    fixed += b;
  const model::NegotiationScratch& g = s.bargain;
  for (double b : {bytes(g.parties), bytes(g.work), bytes(g.interests), bytes(g.capabilities),
                   bytes(g.resources), bytes(g.urgency), bytes(g.demands)})
    fixed += b;
  for (double b : {bytes(s.opgave.goal), bytes(s.opgave.realised), bytes(s.regisseur.own_work),
                   bytes(s.regisseur.capabilities), bytes(s.regisseur.goal)})
    fixed += b;
  fixed += sizeof(model::State) + sizeof(network::Network);
  StateSize size;
  size.partners = net.partners;
  size.ties = net.edge_count();
  size.per_partner = n > 0 ? partner / n : 0;
  size.per_tie = e > 0 ? tie / e : 0;
  size.fixed = fixed;
  return size;
}

}  // namespace regiesim::bench_state
