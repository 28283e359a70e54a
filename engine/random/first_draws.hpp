#pragma once
// The first draw of many streams at once. The hottest loop of a large run (form_meetings: one
// stream per tie and week, and nothing else drawn from it) spends most of its time in the ten
// Philox rounds of each stream's first block. The streams are independent, so their rounds can
// run side by side in SIMD lanes: Philox is integer arithmetic, so the lanes give exactly the
// bits RandomStream gives, on any machine (docs/ODD.md 13, performance).
#include <array>
#include <cstddef>
#include <cstdint>

#include "random/random_stream.hpp"

namespace regiesim::random {

// out[k] = RandomStream(seed, step, purpose, subjects[k], objects[k]).uniform01() for k < count.
void first_uniform01(RunSeed seed, std::uint32_t step, Purpose purpose,
                     const std::uint32_t* subjects, const std::uint32_t* objects, std::size_t count,
                     double* out);

// Streams waiting for their first draws, each with the item it decides (a tie), drawn together.
// A loop adds the streams it needs in order, draws when the batch is full (and once at its end),
// reads the uniforms in the order it added them, and clears.
class FirstDrawBatch {
 public:
  static constexpr std::size_t kCapacity = 64;

  // Adds a stream; returns whether the batch is now full.
  bool add(std::uint32_t subject, std::uint32_t object, std::int64_t item) {
    subjects_[size_] = subject;
    objects_[size_] = object;
    items_[size_] = item;
    return ++size_ == kCapacity;
  }
  // Each waiting stream's first uniform01, as RandomStream(seed, step, purpose, subject, object)
  // gives it.
  void draw(RunSeed seed, std::uint32_t step, Purpose purpose);
  void clear() { size_ = 0; }

  std::size_t size() const { return size_; }
  std::uint32_t subject(std::size_t k) const { return subjects_[k]; }
  std::uint32_t object(std::size_t k) const { return objects_[k]; }
  std::int64_t item(std::size_t k) const { return items_[k]; }
  double uniform(std::size_t k) const { return uniforms_[k]; }

 private:
  // Not zero-filled: the first size_ entries are written before they are read, and a week of a
  // small run would otherwise spend more on clearing them than on its draws.
  std::array<std::uint32_t, kCapacity> subjects_;
  std::array<std::uint32_t, kCapacity> objects_;
  std::array<std::int64_t, kCapacity> items_;
  std::array<double, kCapacity> uniforms_;
  std::size_t size_ = 0;
};

}  // namespace regiesim::random
