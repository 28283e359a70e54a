#pragma once
// What one run produced, in memory, before a writer streams it to a file. Sized once before the
// step loop; the loop only writes into it.
#include <cstdint>
#include <string>
#include <vector>

#include "random/random_stream.hpp"
#include "record/events.hpp"
#include "record/meeting_record.hpp"

namespace regiesim::record {

enum class RunStatus : std::int8_t { ok = 0, failed = 1 };

struct RunRecord {
  std::int64_t run_id = 0;
  std::int64_t point = 0;  // design point of a sweep; 0 for `run`
  std::int32_t arm = 0;    // arm of a comparison; 0 for `run`
  std::int64_t replication = 0;
  sim::RunSeed seed;  // random/random_stream.hpp
  RunStatus status = RunStatus::ok;
  std::string failure_reason;  // empty when ok
  std::int32_t steps = 0;      // series have steps + 1 values (step 0 is the initial state)

  // series[m][t]: metric m (record::Metric) at step t; empty below record level `series`
  std::vector<std::vector<double>> series;
  // summary[m]: final value or total of metric m (always recorded)
  std::vector<double> summary;

  // Steps at which partners (and trust) were sampled; empty below record level `agents`.
  std::vector<std::int32_t> sample_steps;
  // agents[v][s * partners + i]: agent variable v (record::AgentVariable) of partner i at sample s
  std::vector<std::vector<double>> agents;
  // trust[s * edges + e]: trust on directed tie e at sample s; empty below record level `full`
  std::vector<double> trust;

  std::vector<Event> events;  // empty below record level `series`

  // Empty below record level `series`. Participants and shares are the flat lists the rows'
  // first_* and counts refer to.
  std::vector<MeetingRecord> meetings;
  std::vector<std::int32_t> meeting_participants;
  std::vector<NegotiationRecord> negotiations;
  std::vector<std::int32_t> negotiation_participants;
  std::vector<double> negotiation_shares;

  friend bool operator==(const RunRecord&, const RunRecord&) = default;
};

}  // namespace regiesim::record
