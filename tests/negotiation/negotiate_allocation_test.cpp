// A meeting's negotiation allocates nothing once the caller's Outcome has grown to the meeting's
// size (the model calls it per negotiating meeting inside the step loop). A program of its own,
// like tests/sim/step_allocation_test.cpp, because it replaces the global operator new; built only
// without sanitizers (tests/CMakeLists.txt).
#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>
#include <new>
#include <vector>

#include "negotiation/negotiate.hpp"

namespace {
std::atomic<long> allocations{0};
}  // namespace

#pragma GCC diagnostic ignored "-Wmismatched-new-delete"
void* operator new(std::size_t size) {
  allocations.fetch_add(1, std::memory_order_relaxed);
  if (void* p = std::malloc(size == 0 ? 1 : size)) return p;
  throw std::bad_alloc();
}
void operator delete(void* p) noexcept {
  std::free(p);
}
void operator delete(void* p, std::size_t) noexcept {
  std::free(p);
}

namespace regiesim::negotiation {
namespace {

struct Meeting {
  std::vector<double> work, interests, capabilities, resources, urgency;
};

Meeting meeting(int n) {
  Meeting m;
  m.work.assign(4, 0.5 * n);
  for (int i = 0; i < n; ++i) {
    m.resources.push_back(0.6 + 0.1 * (i % 4));
    m.urgency.push_back((i % 5) / 4.0);
    for (int k = 0; k < 4; ++k) {
      m.capabilities.push_back(k == i % 4 ? 0.8 : 0.1);
      m.interests.push_back(k == (i + 1) % 4 ? 1.0 : 0.3);
    }
  }
  return m;
}

TEST(Negotiation, AllocatesNothingOnceItsBuffersHaveGrown) {
  for (auto protocol : {Protocol::zeuthen, Protocol::alternating_offers, Protocol::nash}) {
    for (double rho : {1.0, 0.6}) {
      for (int n : {2, 5, 20}) {
        const auto m = meeting(n);
        MeetingInput input{.remaining_work = m.work,
                           .interests = m.interests,
                           .capabilities = m.capabilities,
                           .resources = m.resources,
                           .urgency = m.urgency,
                           .settings = {},
                           .carried_demands = {},
                           .carried_rounds = 0};
        input.settings.protocol = protocol;
        input.settings.utility_exponent = rho;
        input.settings.effort_cost = 0.05;
        const long at_start = allocations.load();
        Outcome out;
        negotiate(input, out);  // grows the buffers
        ASSERT_GT(allocations.load(), at_start) << "the counter must see the buffers grow";
        std::vector<double> carried(out.demands);
        const long before = allocations.load();
        // Meeting after meeting, carrying Zeuthen's demands, as the model will.
        for (int meeting = 0; meeting < 50 && out.status == Status::ongoing; ++meeting) {
          std::copy(out.demands.begin(), out.demands.end(), carried.begin());
          input.carried_demands = carried;
          input.carried_rounds = out.rounds;
          negotiate(input, out);
        }
        negotiate(input, out);
        EXPECT_EQ(allocations.load() - before, 0)
            << protocol_name(protocol) << " rho " << rho << " n " << n;
        EXPECT_NE(out.status, Status::broke_down) << protocol_name(protocol) << " n " << n;
      }
    }
  }
}

}  // namespace
}  // namespace regiesim::negotiation
