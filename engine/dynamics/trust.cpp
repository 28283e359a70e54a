#include "dynamics/trust.hpp"

#include <algorithm>

#include "dynamics/derived.hpp"
#include "dynamics/prefetch.hpp"
#include "model/work.hpp"
#include "random/first_draws.hpp"

namespace regiesim::dynamics {

void update_trust(const network::Network& net, const model::Parameters& p,
                  const model::PartnerState& partners, double language, const model::Flags& met,
                  random::RunSeed seed, std::int32_t step, Eigen::ArrayXd& trust,
                  const model::ChunkExecutor& executor) {
  model::count_ties(net.edge_count());
  // Each tie writes only its own trust and reads partners' state no tie writes: chunks of ties
  // are independent, and so are the ties within a chunk, so the met ones can wait for their
  // draws, which are made a batch at a time (random/first_draws: the same bits, several streams
  // per instruction).
  model::for_each_chunk(executor, net.edge_count(), [&](std::int64_t first, std::int64_t last) {
    random::FirstDrawBatch batch;
    const auto experience_waiting = [&] {
      batch.draw(seed, static_cast<std::uint32_t>(step), random::Purpose::experience);
      for (std::size_t k = 0; k < batch.size(); ++k) {
        const auto i = static_cast<std::int32_t>(batch.subject(k));
        const auto j = static_cast<std::int32_t>(batch.object(k));
        const double good_chance = 0.5 * (1.0 + partners.commitment[j]) *
                                   (1.0 - misunderstanding(p, partners, language, i, j));
        double& t = trust[batch.item(k)];
        t = batch.uniform(k) < good_chance ? t + p.trust_gain * (1.0 - t) : t - p.trust_loss * t;
      }
      batch.clear();
    };
    // The columns through pointers of the chunk's own, held in registers (through the lambda's
    // references the compiler reloads them on every tie, as the batch's stores might change
    // them), and a rewired tie's far end, anywhere among 10^6 partners, asked for early
    // (dynamics/prefetch.hpp): neither changes a value read.
    const std::int32_t* source = net.source.data();
    const std::int32_t* target = net.target.data();
    const std::uint8_t* active = partners.active.data();
    const std::uint8_t* met_flag = met.data();
    double* trust_of = trust.data();
    const double decay = p.trust_decay;
    const std::int64_t prefetch_stop = std::min(last, prefetch_end(net.edge_count(), kActiveAhead));
    for (std::int64_t e = first; e < last; ++e) {
      if (e < prefetch_stop) __builtin_prefetch(&active[target[e + kActiveAhead]]);
      const std::int32_t i = source[e];
      const std::int32_t j = target[e];
      if (active[i] == 0 || active[j] == 0) continue;
      if (met_flag[e] != 0) {
        if (batch.add(static_cast<std::uint32_t>(i), static_cast<std::uint32_t>(j), e))
          experience_waiting();
      } else {
        trust_of[e] -= decay * trust_of[e];
      }
    }
    experience_waiting();
  });
}

void trust_after_agreements(const network::Network& net, const model::Parameters& p,
                            const model::Meetings& meetings, Eigen::ArrayXd& trust) {
  for (const auto& m : meetings.list) {
    if (!m.agreed) continue;
    for (std::int32_t a = 0; a < m.parties; ++a)
      for (std::int32_t b = 0; b < m.parties; ++b) {
        if (a == b) continue;
        const std::int32_t i = meetings.parties[static_cast<std::size_t>(m.first_party + a)];
        const std::int32_t j = meetings.parties[static_cast<std::size_t>(m.first_party + b)];
        const std::int64_t e = find_edge(net, i, j);
        if (e >= 0) trust[e] += p.trust_fairness * (m.fairness - trust[e]);
      }
  }
}

void update_trust_in_regisseur(const model::Parameters& p, const model::Flags& in_convened,
                               const model::Flags& named, model::PartnerState& partners) {
  model::count_partners(partners.active.size());
  const double eta_convene =
      p.arsenal[static_cast<std::size_t>(model::arsenal_index(model::Intervention::convene))]
          .effectiveness;
  for (Eigen::Index i = 0; i < partners.active.size(); ++i) {
    if (partners.active[i] == 0) continue;
    double& v = partners.trust_regisseur[i];
    if (in_convened[i] != 0)
      v += p.trust_regisseur_gain * eta_convene * (1.0 - v);
    else if (named[i] == 0)
      v -= p.trust_decay * v;
  }
}

double mean_trust_between_active(const network::Network& net, const Eigen::ArrayXd& trust,
                                 const model::Flags& active) {
  model::count_ties(net.edge_count());
  double sum = 0.0;
  std::int64_t ties = 0;
  // The edges are visited in order, their far ends' flags are not (a rewired tie of a small world
  // ends at a random one of 10^6 partners): active[target] is asked for kActiveAhead edges early
  // so that its miss does not stall the sum. Prefetching changes no value read.
  const std::int64_t prefetch_until = prefetch_end(net.edge_count(), kActiveAhead);
  for (std::int64_t e = 0; e < net.edge_count(); ++e) {
    if (e < prefetch_until)
      __builtin_prefetch(&active[net.target[static_cast<std::size_t>(e + kActiveAhead)]]);
    if (active[net.source[static_cast<std::size_t>(e)]] == 0 ||
        active[net.target[static_cast<std::size_t>(e)]] == 0)
      continue;
    sum += trust[e];
    ++ties;
  }
  return ties > 0 ? sum / static_cast<double>(ties) : 0.0;
}

double trust_given(const network::Network& net, const Eigen::ArrayXd& trust,
                   const model::Flags& active, std::int32_t i) {
  model::count_ties(net.row_begin[static_cast<std::size_t>(i) + 1] -
                    net.row_begin[static_cast<std::size_t>(i)]);
  double sum = 0.0;
  std::int64_t ties = 0;
  for (std::int64_t e = net.row_begin[static_cast<std::size_t>(i)];
       e < net.row_begin[static_cast<std::size_t>(i) + 1]; ++e) {
    if (active[net.target[static_cast<std::size_t>(e)]] == 0) continue;
    sum += trust[e];
    ++ties;
  }
  return ties > 0 ? sum / static_cast<double>(ties) : 0.0;
}

}  // namespace regiesim::dynamics
