#pragma once
// One week of the model: the one place where the order of processes is decided (ODD 3).
#include <optional>
#include <span>

#include "model/chunk_executor.hpp"
#include "model/state.hpp"
#include "network/network.hpp"
#include "random/random_stream.hpp"
#include "record/event_log.hpp"
#include "scenario/scenario_spec.hpp"

namespace regiesim::sim {

// Advances `state` by one step. Reads the scenario, the network and the run seed; writes only the
// state and the log. Allocates nothing (beyond the span of chosen interventions reserved in the
// state, which a player's span longer than any seen before may grow).
//
// `players`: play mode. Absent, the scenario's strategy chooses (regie::choose). Present, the
// caller's span replaces the chooser: applied in choice weeks (regisseur.choice_interval) after
// the convening rhythm, ignored in the other weeks (regie::choose_for_player). The week's applied
// span is state.chosen afterwards, in the order applied.
//
// `executor`: who runs the chunks of the processes whose partners, ties or meetings are
// independent (model/chunk_executor.hpp). Every executor gives the same state to the last bit;
// the serial one (the default) allocates nothing.
void step(const scenario::ScenarioSpec& spec, const network::Network& net, RunSeed seed,
          model::State& state, record::EventLog& log,
          std::optional<std::span<const model::InterventionRequest>> players = std::nullopt,
          const model::ChunkExecutor& executor = model::serial_executor());

}  // namespace regiesim::sim
