#include "random/random_stream.hpp"

#include <stdexcept>

namespace regiesim::random {

void RandomStream::throw_exhausted() {
  throw std::logic_error("random stream exhausted: more than 2^24 blocks drawn from one stream");
}

RunSeed derive_run_seed(std::uint64_t master_seed, std::uint64_t replication) {
  RandomStream stream(RunSeed{master_seed}, 0, Purpose::run_seed,
                      static_cast<std::uint32_t>(replication),
                      static_cast<std::uint32_t>(replication >> 32));
  return RunSeed{stream()};
}

}  // namespace regiesim::random
