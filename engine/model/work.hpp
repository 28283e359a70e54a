#pragma once
// Deterministic work counters: how many partner, tie and pair visits the week's scans make. They
// guard the week's complexity in the tests (a week on a sparse network must cost work linear in
// ties, not quadratic in partners), where timings would be noisy. Each scan adds its length once,
// outside its loop, so counting costs one thread-local add per scan. Per thread: a sweep's workers
// each count their own runs.
#include <cstdint>

namespace regiesim::model {

struct WorkCounters {
  std::int64_t partners = 0;  // partner entries visited by scans of all partners
  std::int64_t ties = 0;      // directed ties visited by scans of the network's ties or rows
  // pairs of participants compared inside meetings: the comparisons of the sorts of a meeting's
  // participants, plus one per participant and pass (docs/ODD.md 7.4, 7.7)
  std::int64_t pairs = 0;
  std::int64_t total() const { return partners + ties + pairs; }
};

inline thread_local WorkCounters work_counters;

inline void count_partners(std::int64_t n) {
  work_counters.partners += n;
}
inline void count_ties(std::int64_t n) {
  work_counters.ties += n;
}
inline void count_pairs(std::int64_t n) {
  work_counters.pairs += n;
}

}  // namespace regiesim::model
