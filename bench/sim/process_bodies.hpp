#pragma once
// The week's processes one at a time, on a world warmed up by a few weeks: the bodies that
// step_bench.cpp (the default-sized collaboration) and scale_bench.cpp (sparse networks of
// thousands) time alike. `World` has spec, net, s (the state) and seed; `week` is the first week
// after the warm-up.
#include <benchmark/benchmark.h>

#include <cstdint>

#include "dynamics/co_creation.hpp"
#include "dynamics/commitment.hpp"
#include "dynamics/meeting_mode.hpp"
#include "dynamics/meetings.hpp"
#include "dynamics/passion.hpp"
#include "dynamics/trust.hpp"
#include "regie/observation.hpp"
#include "regie/strategies.hpp"

namespace regiesim::bench_process {

template <typename World>
void choose(benchmark::State& bench, World& w, std::int32_t week) {
  for (auto _ : bench) {
    const regie::Observation seen = regie::observe(w.s, w.net, week);
    regie::ChooserContext c{w.spec.parameters, seen,           w.seed,
                            w.s.regisseur,     w.s.candidates, w.s.scratch_ids};
    regie::choose(c, w.spec.plan, w.s.chosen);
    w.s.regisseur.weeks_since_all = 0;  // the convening week is measured by itself
  }
}

template <typename World>
void meetings_and_modes(benchmark::State& bench, World& w, std::int32_t week) {
  std::int32_t t = week;
  for (auto _ : bench) {
    w.s.meetings.clear();
    dynamics::form_meetings(w.net, w.spec.parameters, w.s.partners.active, w.seed, t, w.s.meetings,
                            w.s.met);
    dynamics::decide_modes(w.spec.parameters, w.s.partners, w.s.opgave, w.seed, t,
                           w.s.scratch_partner, w.s.meetings);
    t = t % 100000 + 1;
  }
}

template <typename World>
void trust(benchmark::State& bench, World& w, std::int32_t week) {
  std::int32_t t = week;
  for (auto _ : bench) {
    dynamics::update_trust(w.net, w.spec.parameters, w.s.partners, w.s.opgave.language, w.s.met,
                           w.seed, t, w.s.trust);
    t = t % 100000 + 1;
  }
}

template <typename World>
void co_create(benchmark::State& bench, World& w) {
  for (auto _ : bench)
    dynamics::co_create(w.net, w.spec.parameters, w.s.trust, w.s.partners, w.s.opgave,
                        w.s.regisseur, w.s.realisation, w.s.scratch_partner, w.s.scratch_flags,
                        w.s.scratch_sort);
}

template <typename World>
void passion_and_commitment(benchmark::State& bench, World& w) {
  for (auto _ : bench) {
    dynamics::update_passion(w.net, w.spec.parameters, w.s.partners.active, w.s.trust, 1.0,
                             w.s.partners.intrinsic_passion, w.s.order, w.s.passion_before,
                             w.s.partners.passion);
    dynamics::update_commitment(w.net, w.spec.parameters, w.s.trust, w.s.opgave, w.s.regisseur,
                                w.s.partners);
  }
}

}  // namespace regiesim::bench_process
