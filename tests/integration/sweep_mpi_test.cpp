// `regiesim sweep` under mpirun (issue 16 item 4, docs/sweeps.md): the same binary on 2 and 3
// ranks of this machine writes the file a single process writes (outside /provenance), compared
// dataset by dataset; --precision and --resume decide alike. Built as its own program with the
// label `mpi` (the sanitizer stage leaves it out, design decision 13).
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "integration/sweep_support.hpp"
#include "io/hdf5_handle.hpp"

namespace regiesim::testing {
namespace {

namespace h5 = io::h5;

// In a container, OpenMPI needs these (design decision 13); --allow-run-as-root is accepted when
// not root too.
ProcessResult mpi_sweep(int ranks, const std::string& file, const std::string& output,
                        const std::string& extra = "") {
  return run_process(
      "OMPI_MCA_btl_vader_single_copy_mechanism=none mpirun --oversubscribe --allow-run-as-root "
      "-np " +
      std::to_string(ranks) + " " + kBinary + " sweep " + file + " -o " + output + " " + extra);
}

std::int64_t ranks_of(const std::string& path) {
  h5::Handle file = h5::file_handle(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), "open",
                                    "the results file");
  return h5::read_int64_attribute(h5::open_group(file.id(), "provenance").id(), "ranks");
}

TEST(SweepMpi, TwoAndThreeRanks_WriteTheFileOfOneProcess) {
  TempDir dir;
  const std::string file = trust_grid(dir, 2);
  ASSERT_EQ(sweep(file, dir / "j1.h5", "-j 1").status, 0);
  for (const int ranks : {2, 3}) {
    const std::string out = dir / ("np" + std::to_string(ranks) + ".h5");
    const auto r = mpi_sweep(ranks, file, out);
    ASSERT_EQ(r.status, 0) << r.out << r.err;
    EXPECT_EQ(h5diff(dir / "j1.h5", out), 0) << ranks << " ranks";
    EXPECT_EQ(ranks_of(out), ranks);
    // One rank writes and reports: the summary is printed once.
    const auto first = r.out.find("wrote ");
    ASSERT_NE(first, std::string::npos) << r.out;
    EXPECT_EQ(r.out.find("wrote ", first + 1), std::string::npos) << r.out;
  }
  EXPECT_EQ(ranks_of(dir / "j1.h5"), 1);
}

TEST(SweepMpi, AnotherSeedUnderMpi_GivesAnotherFile) {
  // The comparison above can fail.
  TempDir dir;
  const std::string a = trust_grid(dir, 2);
  const std::string b = write_sweep(dir, replace(slurp(kTrustGrid), "seed = 20261122", "seed = 7"),
                                    2, "other_seed.toml");
  ASSERT_EQ(sweep(a, dir / "a.h5", "-j 1").status, 0);
  ASSERT_EQ(mpi_sweep(2, b, dir / "b.h5").status, 0);
  EXPECT_EQ(h5diff(dir / "a.h5", dir / "b.h5"), 1);
}

TEST(SweepMpi, Precision_DecidesAsOneProcess) {
  TempDir dir;
  const std::string file = trust_grid(dir, 2);
  const std::string flags = "--precision realisation=0.001 --max-replications 8";
  const auto one = sweep(file, dir / "j1.h5", flags + " -j 1");
  ASSERT_EQ(one.status, 0) << one.err;
  const auto three = mpi_sweep(3, file, dir / "np3.h5", flags);
  ASSERT_EQ(three.status, 0) << three.out << three.err;
  EXPECT_EQ(h5diff(dir / "j1.h5", dir / "np3.h5"), 0);
  EXPECT_NE(three.out.find("reached"), std::string::npos) << three.out;
}

TEST(SweepMpi, KilledSweep_ResumedUnderMpi_GivesTheUninterruptedFile) {
  TempDir dir;
  const std::string file = long_trust_grid(dir);
  ASSERT_EQ(sweep(file, dir / "whole.h5", "-j 1").status, 0);
  const auto killed = interrupt_sweep(file, dir / "killed.h5", "9");
  EXPECT_NE(killed.out.find("status=137"), std::string::npos) << killed.out << killed.err;
  ASSERT_TRUE(std::filesystem::exists(dir / "killed.h5.journal"));
  const auto resumed = mpi_sweep(2, file, dir / "killed.h5", "--resume");
  ASSERT_EQ(resumed.status, 0) << resumed.out << resumed.err;
  EXPECT_NE(resumed.out.find("runs from the journal"), std::string::npos) << resumed.out;
  EXPECT_EQ(h5diff(dir / "whole.h5", dir / "killed.h5"), 0);
  EXPECT_FALSE(std::filesystem::exists(dir / "killed.h5.journal"));
}

TEST(SweepMpi, BadSweepFile_ExitsTwo_SayingSoOnce) {
  TempDir dir;
  const std::string file =
      write_sweep(dir, replace(slurp(kTrustGrid), "path = \"trust.gain\"", "path = \"trust.gian\""),
                  2, "typo.toml");
  const auto r = mpi_sweep(3, file, dir / "typo.h5");
  EXPECT_EQ(r.status, 2) << r.out << r.err;
  const auto first = r.err.find("error: ");
  ASSERT_NE(first, std::string::npos) << r.err;
  EXPECT_NE(r.err.find("trust.gian"), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find("trust.gian", r.err.find("trust.gian") + 1), std::string::npos)
      << "only rank 0 says it:\n"
      << r.err;
  EXPECT_FALSE(std::filesystem::exists(dir / "typo.h5"));
}

TEST(SweepMpi, OutputThatExists_IsRefusedByRankZero_AndTheOtherRanksStop) {
  TempDir dir;
  const std::string file = trust_grid(dir, 2);
  std::ofstream(dir / "taken.h5") << "not mine";
  const auto r = mpi_sweep(2, file, dir / "taken.h5");
  EXPECT_EQ(r.status, 2) << r.out << r.err;
  EXPECT_NE(r.err.find("--force"), std::string::npos) << r.err;
  EXPECT_EQ(slurp(dir / "taken.h5"), "not mine");
}

}  // namespace
}  // namespace regiesim::testing
