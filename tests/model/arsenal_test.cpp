// The arsenal table is the one place an intervention is declared: its id, the event kind it is
// logged as, and every count that depends on how many there are (parameters, effort tallies,
// effort metrics, event kind names) follow from it.
#include "model/arsenal.hpp"

#include <gtest/gtest.h>

#include <set>
#include <string>

#include "model/parameter_table.hpp"
#include "model/state.hpp"
#include "record/events.hpp"
#include "record/metrics.hpp"

namespace regiesim {
namespace {

TEST(Arsenal, IdsAreDenseInTableOrder) {
  for (int a = 0; a < model::kInterventionCount; ++a)
    EXPECT_EQ(model::arsenal_index(model::kArsenal[static_cast<std::size_t>(a)].kind), a);
}

TEST(Arsenal, EventKindsAreUniqueAndClearOfExitAndSkips) {
  std::set<int> kinds;
  for (const auto& d : model::kArsenal) {
    const int k = d.event_kind;
    EXPECT_TRUE(kinds.insert(k).second) << d.name << " shares event kind " << k;
    EXPECT_NE(k, static_cast<int>(record::EventKind::exit)) << d.name;
    EXPECT_FALSE(k >= static_cast<int>(record::EventKind::skipped_over_capacity) &&
                 k <= static_cast<int>(record::EventKind::skipped_disabled))
        << d.name << " takes a skip kind";
    EXPECT_LE(k, 39) << d.name << " leaves the model's range of event kinds";
  }
}

TEST(Arsenal, EachInterventionIsLoggedUnderItsOwnName) {
  for (const auto& d : model::kArsenal)
    EXPECT_EQ(record::event_kind_name(record::event_kind(d.kind)), d.name);
}

TEST(Arsenal, ExistingEventKindsKeepTheirNumbers) {
  // Files written before ids and event kinds were told apart must read the same.
  EXPECT_EQ(static_cast<int>(record::event_kind(model::Intervention::convene)), 0);
  EXPECT_EQ(static_cast<int>(record::event_kind(model::Intervention::surface_interests)), 2);
  EXPECT_EQ(static_cast<int>(record::event_kind(model::Intervention::acknowledge_perspectives)),
            15);
  EXPECT_EQ(static_cast<int>(record::EventKind::skipped_disabled), 18);
}

TEST(Arsenal, CountsDeriveFromTheTable) {
  const auto n = static_cast<std::size_t>(model::kInterventionCount);
  EXPECT_EQ(model::Arsenal{}.size(), n);
  EXPECT_EQ(model::StepTallies{}.effort_by_intervention.size(), n);
  EXPECT_EQ(static_cast<std::size_t>(record::kMetricCount - record::kEffortFirst), n);
  for (std::size_t a = 0; a < n; ++a)
    EXPECT_EQ(record::kMetrics[record::kEffortFirst + a].name,
              "effort_" + std::string(model::kArsenal[a].name));
  // enabled, effectiveness and cost per intervention are declared parameters
  for (const auto& d : model::kArsenal)
    for (const char* field : {"enabled", "effectiveness", "cost"}) {
      const std::string path = "regisseur.arsenal." + std::string(d.name) + "." + field;
      EXPECT_NE(model::find_parameter(path), nullptr) << path;
    }
}

TEST(Arsenal, EventKindNamesCoverEveryKindInUse) {
  EXPECT_EQ(record::kEventKindNames.size(), static_cast<std::size_t>(record::kEventKindCount));
  std::set<std::string_view> names(record::kEventKindNames.begin(), record::kEventKindNames.end());
  EXPECT_EQ(names.size(), record::kEventKindNames.size()) << "names must be unique (HDF5 enum)";
}

}  // namespace
}  // namespace regiesim
