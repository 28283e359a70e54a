#pragma once
// Where processes report events. Recording is configuration handed to the runner (ENGINEERING 3):
// below record level `series` the log has no sink and add() does nothing.
#include <vector>

#include "sim/events.hpp"

namespace regiesim::sim {

class EventLog {
 public:
  explicit EventLog(std::vector<Event>* sink = nullptr) : sink_(sink) {}
  void add(const Event& event) {
    if (sink_ != nullptr) sink_->push_back(event);
  }

 private:
  std::vector<Event>* sink_;
};

}  // namespace regiesim::sim
