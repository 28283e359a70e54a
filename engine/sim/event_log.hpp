#pragma once
// Where processes report events and meetings. Recording is configuration handed to the runner
// (ENGINEERING 3): below record level `series` the log has no sink and every call does nothing.
#include <cstdint>
#include <vector>

#include "sim/events.hpp"
#include "sim/run_record.hpp"

namespace regiesim::sim {

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

  bool recording() const { return sink_ != nullptr; }

 private:
  RunRecord* sink_ = nullptr;
};

}  // namespace regiesim::sim
