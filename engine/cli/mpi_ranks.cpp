#include "cli/mpi_ranks.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <boost/mpi/collectives.hpp>
#include <boost/mpi/communicator.hpp>
#include <boost/mpi/environment.hpp>
#include <boost/mpi/operations.hpp>
#include <boost/mpi/request.hpp>
#include <boost/mpi/status.hpp>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <exception>
#include <map>
#include <mutex>
#include <stdexcept>
#include <thread>
#include <vector>

#include "sweep/run_journal.hpp"

namespace regiesim::cli {

namespace {

namespace mpi = boost::mpi;

// Messages between rank 0 and a computing rank; MPI keeps their order between two ranks.
constexpr int kTagResults = 1;  // rank -> 0: the records of its oldest block (none at first)
constexpr int kTagWork = 2;     // 0 -> rank: a block of run ids
constexpr int kTagStop = 3;     // 0 -> rank: the sweep is over

// Waiting ranks look for a message this often, rather than spin in a blocking receive: on a
// laptop the ranks share the cores that compute. A block of runs takes tens of milliseconds or
// more, so a millisecond's delay costs nothing, while polling at 200 us cost about 8% of the CPU
// of a two-rank sweep.
constexpr auto kPoll = std::chrono::milliseconds(1);
// A rank that sends nothing for this long has died (a signal): the job is aborted.
constexpr auto kSilentRank = std::chrono::seconds(30);
// Blocks a rank holds at once: one it computes and the next, so it never waits for rank 0.
constexpr std::size_t kBlocksInFlight = 2;

// Elements of `type` in a probed message. MPI_Get_count directly: Boost.MPI's status::count()
// returns a boost::optional that GCC 12 under the sanitizers wrongly reports as maybe
// uninitialized (-Werror).
int elements(const mpi::status& status, MPI_Datatype type) {
  int n = 0;
  MPI_Status raw = status;
  if (MPI_Get_count(&raw, type, &n) != MPI_SUCCESS || n == MPI_UNDEFINED) return 0;
  return n;
}

// Records as [u64 size][the record as the journal encodes it], one after another.
std::vector<char> pack(const std::vector<record::RunRecord>& records) {
  std::vector<char> out;
  for (const record::RunRecord& r : records) {
    const std::size_t start = out.size();
    out.resize(start + 8);
    sweep::encode_run_record(r, out);
    const std::uint64_t size = out.size() - start - 8;
    std::memcpy(out.data() + start, &size, 8);
  }
  return out;
}

std::vector<record::RunRecord> unpack(const std::vector<char>& bytes) {
  std::vector<record::RunRecord> records;
  std::size_t at = 0;
  while (at < bytes.size()) {
    std::uint64_t size = 0;
    if (bytes.size() - at < 8) throw std::runtime_error("a rank sent a damaged block");
    std::memcpy(&size, bytes.data() + at, 8);
    at += 8;
    if (size > bytes.size() - at) throw std::runtime_error("a rank sent a damaged block");
    records.push_back(sweep::decode_run_record(
        std::vector<char>(bytes.begin() + static_cast<std::ptrdiff_t>(at),
                          bytes.begin() + static_cast<std::ptrdiff_t>(at + size))));
    at += size;
  }
  return records;
}

}  // namespace

bool launched_by_mpirun() {
  return std::getenv("OMPI_COMM_WORLD_SIZE") != nullptr || std::getenv("PMIX_RANK") != nullptr;
}

struct MpiRanks::Impl {
  mpi::environment environment{mpi::threading::funneled, /*abort_on_exception=*/false};
  mpi::communicator world;

  // Rank 0's view of each other rank.
  struct Block {
    std::int64_t first_k = 0;
    std::vector<std::int64_t> ids;
    // The work message, sent without waiting: a blocking send spins in MPI's progress loop until
    // the computing rank looks for it, which it does only between blocks, and rank 0 would
    // neither compute nor write meanwhile. Complete once the block's runs have come back.
    mpi::request sent;
  };
  struct Remote {
    bool ready = false;  // has sent its first (empty) message: it serves
    std::deque<Block> blocks;
  };
  std::vector<Remote> remotes;
  bool stopped = false;

  // Receives one message of results, if one has come: from which rank, and its records.
  bool receive(int& from, std::vector<record::RunRecord>& records, bool wait) {
    const auto deadline = std::chrono::steady_clock::now() + kSilentRank;
    boost::optional<mpi::status> status;
    while (!(status = world.iprobe(mpi::any_source, kTagResults))) {
      if (!wait) return false;
      if (std::chrono::steady_clock::now() > deadline) {
        std::fprintf(stderr, "regiesim: a rank has sent nothing for %lld s; aborting the sweep\n",
                     static_cast<long long>(kSilentRank.count()));
        world.abort(1);
      }
      std::this_thread::sleep_for(kPoll);
    }
    from = status->source();
    std::vector<char> bytes(static_cast<std::size_t>(elements(*status, MPI_CHAR)));
    char none = 0;
    world.recv(from, kTagResults, bytes.empty() ? &none : bytes.data(),
               static_cast<int>(bytes.size()));
    records = unpack(bytes);
    return true;
  }
};

MpiRanks::MpiRanks() : impl_(std::make_unique<Impl>()) {
  impl_->remotes.resize(static_cast<std::size_t>(impl_->world.size()));
}

MpiRanks::~MpiRanks() {
  try {
    if (rank() == 0) stop_workers();
  } catch (const std::exception& e) {
    std::fprintf(stderr, "regiesim: stopping the other ranks: %s\n", e.what());
    impl_->world.abort(1);
  }
}

int MpiRanks::rank() const {
  return impl_->world.rank();
}

int MpiRanks::size() const {
  return impl_->world.size();
}

MpiRanks::Agreement MpiRanks::all_ok(bool ok) {
  int all = 0;
  mpi::all_reduce(impl_->world, ok ? 1 : 0, all, mpi::minimum<int>());
  int zero = rank() == 0 && ok ? 1 : 0;
  mpi::broadcast(impl_->world, zero, 0);
  if (all == 0) impl_->stopped = true;
  return {all != 0, zero != 0};
}

void MpiRanks::run_in_order(std::int64_t count,
                            const std::function<std::int64_t(std::int64_t)>& id_of,
                            const sweep::ExecutorOptions& local, const Produce& produce,
                            const std::function<void(std::int64_t, record::RunRecord&&)>& consume) {
  if (count <= 0) return;
  Impl& m = *impl_;
  const int threads = std::max(local.threads, 1);
  // Every rank runs as many threads as this one. A block keeps each of them busy twice over at
  // least, and is larger when there are many runs (a short run takes a fraction of a
  // millisecond, a message round trip tens of microseconds), while leaving each rank at least 16
  // blocks to balance the load with.
  const auto block_runs = std::clamp<std::int64_t>(count / (16 * size()), 2 * threads,
                                                   std::max<std::int64_t>(64, 2 * threads));
  const std::int64_t window = std::max<std::int64_t>(
      local.window,
      4 * (threads + static_cast<std::int64_t>(kBlocksInFlight) * block_runs * (size() - 1)));

  std::mutex mutex;
  std::condition_variable changed;
  std::int64_t next = 0;      // the next k to hand out
  std::int64_t consumed = 0;  // k below this are consumed
  std::map<std::int64_t, record::RunRecord> ready;
  std::exception_ptr error;
  bool stop = false;

  // This rank's threads, as sweep::run_in_order's.
  std::vector<std::thread> pool;
  for (int t = 0; t < threads; ++t)
    pool.emplace_back([&] {
      for (;;) {
        std::int64_t k = 0;
        {
          std::unique_lock lock(mutex);
          changed.wait(lock, [&] { return stop || next >= count || next < consumed + window; });
          if (stop || next >= count) return;
          k = next++;
        }
        if (local.between_runs)
          while (local.between_runs()) {
          }
        try {
          record::RunRecord record = produce(id_of(k));
          const std::lock_guard lock(mutex);
          ready.emplace(k, std::move(record));
        } catch (...) {
          const std::lock_guard lock(mutex);
          if (!error) error = std::current_exception();
          stop = true;
        }
        changed.notify_all();
      }
    });
  const auto finish = [&] {
    {
      const std::lock_guard lock(mutex);
      stop = true;
    }
    changed.notify_all();
    for (std::thread& t : pool) t.join();
  };

  // Hands `rank` blocks until it holds kBlocksInFlight or there is nothing within the window.
  const auto feed = [&](int rank) {
    Impl::Remote& remote = m.remotes[static_cast<std::size_t>(rank)];
    while (remote.ready && remote.blocks.size() < kBlocksInFlight) {
      Impl::Block block;
      {
        const std::lock_guard lock(mutex);
        if (next >= count || next >= consumed + window) return;
        block.first_k = next;
        const std::int64_t n = std::min(block_runs, count - next);
        next += n;
        for (std::int64_t i = 0; i < n; ++i) block.ids.push_back(id_of(block.first_k + i));
      }
      remote.blocks.push_back(std::move(block));
      Impl::Block& queued = remote.blocks.back();  // a deque keeps it (and its ids) in place
      queued.sent =
          m.world.isend(rank, kTagWork, queued.ids.data(), static_cast<int>(queued.ids.size()));
    }
  };

  try {
    while (true) {
      // The other ranks: their results, and more work for them.
      int from = 0;
      std::vector<record::RunRecord> records;
      while (m.receive(from, records, /*wait=*/false)) {
        Impl::Remote& remote = m.remotes[static_cast<std::size_t>(from)];
        if (!remote.ready) {
          remote.ready = true;
          if (!records.empty()) throw std::runtime_error("a rank sent runs before any work");
        } else {
          if (remote.blocks.empty()) throw std::runtime_error("a rank sent runs it was not given");
          Impl::Block block = std::move(remote.blocks.front());
          remote.blocks.pop_front();
          block.sent.wait();  // received long ago: its runs are here
          if (records.size() != block.ids.size())
            throw std::runtime_error("a rank sent another number of runs than it was given");
          const std::lock_guard lock(mutex);
          for (std::size_t i = 0; i < records.size(); ++i) {
            if (records[i].run_id != block.ids[i])
              throw std::runtime_error(
                  fmt::format("a rank sent run {} for run {}", records[i].run_id, block.ids[i]));
            ready.emplace(block.first_k + static_cast<std::int64_t>(i), std::move(records[i]));
          }
        }
      }
      for (int r = 1; r < size(); ++r) feed(r);

      // The next record in order, from whichever rank made it.
      record::RunRecord record;
      std::int64_t k = 0;
      {
        std::unique_lock lock(mutex);
        if (error) std::rethrow_exception(error);
        if (consumed == count) break;
        auto found = ready.find(consumed);
        if (found == ready.end()) {
          changed.wait_for(lock, kPoll);
          continue;
        }
        k = found->first;
        record = std::move(found->second);
        ready.erase(found);
      }
      consume(k, std::move(record));
      {
        const std::lock_guard lock(mutex);
        ++consumed;
      }
      changed.notify_all();
    }
  } catch (...) {
    finish();
    throw;
  }
  finish();
}

void MpiRanks::stop_workers() {
  Impl& m = *impl_;
  if (m.stopped || rank() != 0) return;
  m.stopped = true;
  // Every rank first sends an empty message, then one per block it was given: collect them all
  // (dropping the runs of a sweep that stopped early), so that no message is left unreceived.
  auto expected = [&](const Impl::Remote& r) { return (r.ready ? 0 : 1) + r.blocks.size(); };
  for (int r = 1; r < size(); ++r) {
    while (expected(m.remotes[static_cast<std::size_t>(r)]) > 0) {
      int from = 0;
      std::vector<record::RunRecord> records;
      m.receive(from, records, /*wait=*/true);
      Impl::Remote& remote = m.remotes[static_cast<std::size_t>(from)];
      if (!remote.ready)
        remote.ready = true;
      else if (!remote.blocks.empty()) {
        remote.blocks.front().sent.wait();
        remote.blocks.pop_front();
      }
    }
    char none = 0;
    m.world.send(r, kTagStop, &none, 0);
  }
}

void MpiRanks::serve(int threads, const Produce& produce) {
  Impl& m = *impl_;
  try {
    std::vector<char> results;  // empty at first: "ready"
    char none = 0;
    for (;;) {
      m.world.send(0, kTagResults, results.empty() ? &none : results.data(),
                   static_cast<int>(results.size()));
      boost::optional<mpi::status> status;
      while (!(status = m.world.iprobe(0, mpi::any_tag))) std::this_thread::sleep_for(kPoll);
      if (status->tag() == kTagStop) {
        m.world.recv(0, kTagStop, &none, 0);
        return;
      }
      std::vector<std::int64_t> ids(static_cast<std::size_t>(elements(*status, MPI_INT64_T)));
      m.world.recv(0, kTagWork, ids.data(), static_cast<int>(ids.size()));
      std::vector<record::RunRecord> records;
      records.reserve(ids.size());
      sweep::run_in_order(
          static_cast<std::int64_t>(ids.size()), {.threads = std::max(threads, 1)},
          [&](std::int64_t i) { return produce(ids[static_cast<std::size_t>(i)]); },
          [&](std::int64_t, record::RunRecord&& r) { records.push_back(std::move(r)); });
      results = pack(records);
    }
  } catch (const std::exception& e) {
    // Rank 0 would wait for this rank's runs for ever: the whole job stops.
    std::fprintf(stderr, "regiesim: rank %d: internal error: %s\n", rank(), e.what());
    m.world.abort(1);
  }
}

}  // namespace regiesim::cli
