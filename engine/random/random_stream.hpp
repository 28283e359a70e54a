#pragma once
// Counter-based random streams (design decision 2). Every draw in a run comes from Philox4x32-10
// (Random123) keyed by the run seed; the counter names *what* is drawn, so a draw never depends on
// how many other draws happened before it, on the thread that runs it, or on the activation order.
//
// Counter layout, the one place these bit widths are fixed:
//   word 0  step                     32 bits  (0 = initialisation, 1..steps = the weekly steps)
//   word 1  purpose << 24 | block    8 + 24   (block: the n-th Philox block of this stream)
//   word 2  subject                  32 bits  (a partner id, or a replication for seed derivation)
//   word 3  object                   32 bits  (a second partner id, or kNoObject)
// Each block gives 128 bits, i.e. two 64-bit values; a stream yields 2^25 values before it would
// wrap, far beyond any use (a stream is one purpose of one subject and object in one step).
#include <Random123/philox.h>

#include <cstdint>
#include <limits>

namespace regiesim::random {

// What a draw is for. Values are part of the output's reproducibility: never renumber them,
// only append. Reserved ranges, so that issues built side by side never take the same number
// (design decision 2): 1-5 the foundation, 6-19 the regie model, 20-29 negotiation, 30-39 sweeps
// (designs); the counter holds 8 bits of purpose, so 40-255 are free.
enum class Purpose : std::uint32_t {
  run_seed = 1,      // deriving a run seed from the master seed and the replication
  network = 2,       // generating the network (step 0)
  activation = 3,    // the random-sequential activation order of a step
  meeting = 4,       // whether a tie meets this step
  experience = 5,    // whether a partner's experience of another in a meeting is good
  meeting_mode = 6,  // whether a meeting negotiates or co-creates (the meeting's key)
  debate = 7,        // whether a co-creating meeting turns into a who-is-right debate (its key)
  regie_choice = 8,  // a regisseur's blind pick when its awareness is below 1 (pick number, 0)
  // 15-19: generated populations and networks, all at step 0, keyed by the master seed (or by the
  // run seed with network.per_replication).
  population_column = 15,        // a generated partner's value of one column (subject partner,
                                 // object column)
  network_erdos_renyi = 16,      // the geometric skips of the sorted Erdos-Renyi generator (0)
  network_power_law = 17,        // the PLOD generator's degree credits and pairings (0)
  network_barabasi_albert = 18,  // the ties a partner attaches with on arrival (subject partner)
  // 30-39: sweep designs (design decision 2), keyed by the sweep's master seed at step 0.
  sweep_latin_hypercube_strata = 30,  // the order of the strata in one dimension (subject)
  sweep_latin_hypercube_offset = 31,  // a point's place in its stratum (subject dimension,
                                      // object point)
  sweep_morris_start = 32,  // a factor's start level and direction (subject trajectory, object
                            // factor)
  sweep_morris_order = 33,  // the order in which a trajectory moves its factors (subject)
};

inline constexpr std::uint32_t kNoObject = std::numeric_limits<std::uint32_t>::max();

// A run seed: 64 bits, used as the two-word Philox key.
struct RunSeed {
  std::uint64_t value = 0;
  friend bool operator==(RunSeed, RunSeed) = default;
};

// The seed of replication `replication` under `master_seed`. It does not depend on the design
// point or the arm, so every arm and point sees the same streams (common random numbers).
RunSeed derive_run_seed(std::uint64_t master_seed, std::uint64_t replication);

// One stream: a UniformRandomBitGenerator for Boost.Random distributions (never std::
// distributions, whose algorithms differ between standard libraries).
class RandomStream {
 public:
  using result_type = std::uint64_t;

  // Inline with operator(): the hot loops make one stream per tie and week, so the call costs
  // would otherwise rival the Philox rounds themselves (docs/ODD.md 13, performance).
  RandomStream(RunSeed seed, std::uint32_t step, Purpose purpose, std::uint32_t subject,
               std::uint32_t object = kNoObject)
      : key_{{static_cast<std::uint32_t>(seed.value),
              static_cast<std::uint32_t>(seed.value >> 32)}},
        counter_{{step, static_cast<std::uint32_t>(purpose) << kBlockBits, subject, object}} {}

  // The counter's second word: 8 bits of purpose above kBlockBits bits of block number.
  static constexpr std::uint32_t kBlockBits = 24;

  static constexpr result_type min() { return 0; }
  static constexpr result_type max() { return std::numeric_limits<result_type>::max(); }
  result_type operator()() {
    if (used_ == 2) refill();
    const std::uint32_t lo = block_.v[2 * used_];
    const std::uint32_t hi = block_.v[2 * used_ + 1];
    ++used_;
    return (static_cast<std::uint64_t>(hi) << 32) | lo;
  }

  // A uniform double in [0, 1) with 53 random bits, the resolution of a double. Used directly by
  // the hot loops, where one comparison with a probability is all that is needed; identical to
  // what boost::random::uniform_01 would do with this engine, up to the number of bits kept.
  double uniform01() { return static_cast<double>((*this)() >> 11) * 0x1.0p-53; }

 private:
  using Philox = r123::Philox4x32;
  static constexpr std::uint32_t kBlockMask = (1u << kBlockBits) - 1;

  void refill() {
    // Wrapping would silently repeat draws and change another purpose's numbers.
    if ((counter_.v[1] & kBlockMask) == kBlockMask) [[unlikely]]
      throw_exhausted();
    block_ = Philox{}(counter_, key_);
    ++counter_.v[1];
    used_ = 0;
  }
  [[noreturn]] static void throw_exhausted();

  Philox::key_type key_;
  Philox::ctr_type counter_;
  Philox::ctr_type block_;
  std::uint32_t used_ = 2;  // 64-bit values of block_ already handed out (2 = none left)
};

}  // namespace regiesim::random

// The processes and the records name these as sim:: since the foundation; the streams live below
// the processes (issue 14 item 10), the names stay where the runner and the writer expect them.
namespace regiesim::sim {
using random::derive_run_seed;
using random::kNoObject;
using random::Purpose;
using random::RandomStream;
using random::RunSeed;
}  // namespace regiesim::sim
