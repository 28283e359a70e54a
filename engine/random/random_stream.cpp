#include "random/random_stream.hpp"

#include <stdexcept>

namespace regiesim::random {

namespace {
constexpr std::uint32_t kBlockBits = 24;
constexpr std::uint32_t kBlockMask = (1u << kBlockBits) - 1;
}  // namespace

RandomStream::RandomStream(RunSeed seed, std::uint32_t step, Purpose purpose, std::uint32_t subject,
                           std::uint32_t object) {
  key_ = {{static_cast<std::uint32_t>(seed.value), static_cast<std::uint32_t>(seed.value >> 32)}};
  counter_ = {{step, static_cast<std::uint32_t>(purpose) << kBlockBits, subject, object}};
}

void RandomStream::refill() {
  if ((counter_.v[1] & kBlockMask) == kBlockMask) {
    // Wrapping would silently repeat draws and change another purpose's numbers.
    throw std::logic_error("random stream exhausted: more than 2^24 blocks drawn from one stream");
  }
  block_ = Philox{}(counter_, key_);
  ++counter_.v[1];
  used_ = 0;
}

RandomStream::result_type RandomStream::operator()() {
  if (used_ == 2) refill();
  const std::uint32_t lo = block_.v[2 * used_];
  const std::uint32_t hi = block_.v[2 * used_ + 1];
  ++used_;
  return (static_cast<std::uint64_t>(hi) << 32) | lo;
}

RunSeed derive_run_seed(std::uint64_t master_seed, std::uint64_t replication) {
  RandomStream stream(RunSeed{master_seed}, 0, Purpose::run_seed,
                      static_cast<std::uint32_t>(replication),
                      static_cast<std::uint32_t>(replication >> 32));
  return RunSeed{stream()};
}

}  // namespace regiesim::random
