#pragma once
// `regiesim sweep` under mpirun (issue 16, item 4; docs/sweeps.md): the same binary on N ranks.
// Rank 0 plans, writes the one results file and computes on its own threads too; the other ranks
// compute blocks of runs that rank 0 hands to whichever rank asks next (dynamic load balancing)
// and send the records back. Rank 0 consumes every record in run-id order exactly as a single
// process does, so the file is the same (outside /provenance), and --precision and --resume
// decide on rank 0 alone, alike.
//
// MPI lives here, in the CLI, never in regiesim_core (design decision 4), and is initialised only
// when the environment says mpirun started the process: a plain `regiesim` never touches it.
#include <cstdint>
#include <functional>
#include <memory>

#include "record/run_record.hpp"
#include "sweep/executor.hpp"

namespace regiesim::cli {

// Whether mpirun (OpenMPI's OMPI_COMM_WORLD_SIZE, or a PMIx launcher's PMIX_RANK) started this
// process. Reads the environment only.
bool launched_by_mpirun();

class MpiRanks {
 public:
  // Initialises MPI (only the calling thread makes MPI calls: MPI_THREAD_FUNNELED).
  MpiRanks();
  // Rank 0 stops the other ranks if it has not yet; then MPI is finalised.
  ~MpiRanks();
  MpiRanks(const MpiRanks&) = delete;
  MpiRanks& operator=(const MpiRanks&) = delete;

  int rank() const;
  int size() const;

  // Every rank: whether every rank says `ok`, and whether rank 0 does (a collective call). When
  // not all do, there is nothing to stop: each rank leaves on its own.
  struct Agreement {
    bool all = false;
    bool rank_zero = false;
  };
  Agreement all_ok(bool ok);

  // Makes the run with this id (any rank, any thread).
  using Produce = std::function<record::RunRecord(std::int64_t run_id)>;

  // Rank 0: runs the runs id_of(0), ..., id_of(count - 1) (ascending ids) on `local` threads
  // here and on every other rank, and hands each record to `consume(k, record)` on this thread
  // in k order. An exception from consume or a local run stops the work here and is rethrown;
  // the other ranks' blocks in flight are collected by stop_workers().
  void run_in_order(std::int64_t count, const std::function<std::int64_t(std::int64_t)>& id_of,
                    const sweep::ExecutorOptions& local, const Produce& produce,
                    const std::function<void(std::int64_t, record::RunRecord&&)>& consume);

  // Rank 0: tells every other rank that the sweep is over (after collecting what they still
  // compute). Called by the destructor if not before.
  void stop_workers();

  // Every other rank: computes the blocks rank 0 sends, on `threads` threads, until it stops
  // them.
  void serve(int threads, const Produce& produce);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace regiesim::cli
