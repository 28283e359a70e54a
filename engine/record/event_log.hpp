#pragma once
// Where processes report events and meetings. Recording is configuration handed to the runner
// (the recorder takes what to record as configuration): below record level `series` the log has no
// sink and every call does nothing.
#include <cstdint>
#include <span>
#include <vector>

#include "record/events.hpp"
#include "record/run_record.hpp"

namespace regiesim::record {

class EventLog {
 public:
  EventLog() = default;
  explicit EventLog(RunRecord* sink) : sink_(sink) {}

  void add(const Event& event) {
    if (sink_ != nullptr) sink_->events.push_back(event);
  }

  // Opens a meeting row; add_participant() then lists who took part, in ascending id order.
  void add_meeting(std::int32_t step, MeetingMode mode, Convener convened_by) {
    if (sink_ == nullptr) return;
    const auto id = static_cast<std::int32_t>(sink_->meetings.size());
    const auto first = static_cast<std::int32_t>(sink_->meeting_participants.size());
    sink_->meetings.push_back({.step = step,
                               .id = id,
                               .mode = mode,
                               .convened_by = convened_by,
                               .first_participant = first,
                               .size = 0});
  }
  void add_participant(std::int32_t partner) {
    if (sink_ == nullptr) return;
    sink_->meeting_participants.push_back(partner);
    ++sink_->meetings.back().size;
  }

  // Run-level id the next meeting will get.
  std::int32_t meeting_count() const {
    return sink_ == nullptr ? 0 : static_cast<std::int32_t>(sink_->meetings.size());
  }

  // One bargaining round of negotiation `id` (a negotiation may span meetings, design decision 9).
  // Shares are listed only for an agreement; log Nash product and fairness (the distance of the
  // shares from the Nash shares) are NaN for a round that did not agree.
  void add_negotiation(std::int32_t step, std::int32_t id, std::int32_t meeting,
                       NegotiationProtocol protocol, std::int32_t rounds, bool agreed,
                       double log_nash_product, double fairness,
                       std::span<const std::int32_t> parties, std::span<const double> shares) {
    if (sink_ == nullptr) return;
    sink_->negotiations.push_back(
        {.step = step,
         .id = id,
         .meeting = meeting,
         .protocol = protocol,
         .rounds = rounds,
         .agreed = agreed,
         .log_nash_product = log_nash_product,
         .fairness = fairness,
         .first_participant = static_cast<std::int32_t>(sink_->negotiation_participants.size()),
         .participants = static_cast<std::int32_t>(parties.size()),
         .first_share = static_cast<std::int32_t>(sink_->negotiation_shares.size()),
         .shares = agreed ? static_cast<std::int32_t>(shares.size()) : 0});
    sink_->negotiation_participants.insert(sink_->negotiation_participants.end(), parties.begin(),
                                           parties.end());
    if (agreed)
      sink_->negotiation_shares.insert(sink_->negotiation_shares.end(), shares.begin(),
                                       shares.end());
  }

  bool recording() const { return sink_ != nullptr; }

 private:
  RunRecord* sink_ = nullptr;
};

}  // namespace regiesim::record
