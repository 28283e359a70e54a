// `regiesim run` end to end, as a user runs it: exit codes, the output file, --force, and
// reproducibility (design decision 1, 3: equal output = h5diff equal outside /provenance).
#include <gtest/gtest.h>

#include <fstream>
#include <map>

#include "io/results_reader.hpp"
#include "support/process.hpp"

namespace regiesim::testing {
namespace {

const std::string kDefault = kSourceDir + "/scenarios/default.toml";

ProcessResult run_default(const std::string& output, const std::string& extra = "") {
  return run_process(kBinary + " run " + kDefault + " -o " + output + " --replications 3 " + extra);
}

int h5diff(const std::string& a, const std::string& b) {
  return run_process("h5diff --exclude-path /provenance " + a + " " + b).status;
}

TEST(RunCommand, DefaultScenario_WritesTheFileAndPrintsAReadableSummary) {
  TempDir dir;
  const auto r = run_default(dir / "out/default.h5");  // the directory is created
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_TRUE(std::filesystem::exists(dir / "out/default.h5"));
  EXPECT_FALSE(std::filesystem::exists(dir / "out/default.h5.partial"));
  EXPECT_NE(r.out.find("realisation"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("12 partners"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("wrote"), std::string::npos) << r.out;
}

TEST(RunCommand, ExistingOutput_IsNotOverwrittenWithoutForce) {
  TempDir dir;
  const auto path = dir / "a.h5";
  ASSERT_EQ(run_default(path).status, 0);
  const std::string before = slurp(path);
  const auto r = run_default(path, "--seed 99");
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("--force"), std::string::npos) << r.err;
  EXPECT_EQ(slurp(path), before);

  const auto forced = run_default(path, "--seed 99 --force");
  EXPECT_EQ(forced.status, 0) << forced.err;
  EXPECT_NE(slurp(path), before);
}

TEST(RunCommand, SameSeedTwice_GivesIdenticalDatasets) {
  TempDir dir;
  ASSERT_EQ(run_default(dir / "a.h5", "--set record.level=full").status, 0);
  ASSERT_EQ(run_default(dir / "b.h5", "--set record.level=full").status, 0);
  EXPECT_EQ(h5diff(dir / "a.h5", dir / "b.h5"), 0);
}

TEST(RunCommand, OneAndTwoThreads_GiveIdenticalDatasets) {
  TempDir dir;
  ASSERT_EQ(run_default(dir / "j1.h5", "--set record.level=full -j 1").status, 0);
  ASSERT_EQ(run_default(dir / "j2.h5", "--set record.level=full -j 2").status, 0);
  EXPECT_EQ(h5diff(dir / "j1.h5", dir / "j2.h5"), 0);
}

// Threads inside each run (--threads-per-run) change no dataset: the default (12 partners, so one
// chunk per loop), bench/large_200.toml, and a generated population of 20,000 partners whose
// loops have 5 chunks of partners and 49 of ties, also with -j 2 (2 x 2 threads).
TEST(RunCommand, ThreadsPerRun_GiveIdenticalDatasets) {
  TempDir dir;
  ASSERT_EQ(run_default(dir / "t1.h5", "--set record.level=full --threads-per-run 1").status, 0);
  const auto t2 = run_default(dir / "t2.h5", "--set record.level=full --threads-per-run 2");
  ASSERT_EQ(t2.status, 0) << t2.err;
  EXPECT_EQ(h5diff(dir / "t1.h5", dir / "t2.h5"), 0);

  const std::string large =
      kBinary + " run " + kSourceDir + "/bench/large_200.toml --replications 2 ";
  ASSERT_EQ(run_process(large + "-o " + (dir / "l1.h5") + " --threads-per-run 1").status, 0);
  ASSERT_EQ(run_process(large + "-o " + (dir / "l2.h5") + " --threads-per-run 2").status, 0);
  EXPECT_EQ(h5diff(dir / "l1.h5", dir / "l2.h5"), 0);

  const std::string generated =
      kBinary + " run " + kSourceDir +
      "/bench/sparse_1m.toml --replications 2 --set population.count=20000"
      " --set run.steps=6 --set record.level=full"
      " --set regisseur.strategy=facilitative ";
  ASSERT_EQ(run_process(generated + "-o " + (dir / "g1.h5") + " -j 1 --threads-per-run 1").status,
            0);
  const auto g2 = run_process(generated + "-o " + (dir / "g2.h5") + " -j 2 --threads-per-run 2");
  ASSERT_EQ(g2.status, 0) << g2.err;
  EXPECT_EQ(h5diff(dir / "g1.h5", dir / "g2.h5"), 0);
}

TEST(RunCommand, AnotherSeed_GivesOtherResults) {
  // The comparison above can fail: h5diff does see a difference when there is one.
  TempDir dir;
  ASSERT_EQ(run_default(dir / "a.h5").status, 0);
  ASSERT_EQ(run_default(dir / "b.h5", "--seed 7").status, 0);
  EXPECT_EQ(h5diff(dir / "a.h5", dir / "b.h5"), 1);
}

TEST(RunCommand, TheResolvedScenarioInTheManifest_RedoesEveryRun) {
  // design decision 1: the file holds all that is needed to redo its runs with `regiesim run`.
  TempDir dir;
  ASSERT_EQ(run_default(dir / "original.h5", "--set trust.loss=0.2 --seed 5").status, 0);
  const auto summary = io::read_summary(dir / "original.h5");
  std::ofstream(dir / "resolved.toml") << summary.scenario_resolved;
  const auto redo =
      run_process(kBinary + " run " + (dir / "resolved.toml") + " -o " + (dir / "redo.h5"));
  ASSERT_EQ(redo.status, 0) << redo.err;
  // The manifest differs in the scenario's label, text and overrides, and /parameters in the
  // --set values (the resolved text has none); every result is equal.
  EXPECT_EQ(run_process("h5diff --exclude-path /provenance --exclude-path /manifest "
                        "--exclude-path /parameters " +
                        (dir / "original.h5") + " " + (dir / "redo.h5"))
                .status,
            0);
}

// design decision 20: one run redone alone has that run's datasets, identical to the full file's.
TEST(RunCommand, ReplicationK_AndFromRun_RedoOneRunAlone_WithIdenticalDatasets) {
  TempDir dir;
  ASSERT_EQ(run_default(dir / "all.h5", "--set record.level=full --set trust.loss=0.2 -j 2").status,
            0);
  const auto alone = run_process(kBinary + " run " + kDefault + " -o " + (dir / "k1.h5") +
                                 " --replications 3 --set record.level=full"
                                 " --set trust.loss=0.2 --replication 1");
  ASSERT_EQ(alone.status, 0) << alone.err;
  EXPECT_NE(alone.out.find("1 run "), std::string::npos) << alone.out;
  const auto from = run_process(kBinary + " run --from " + (dir / "all.h5") + " --run 2 -o " +
                                (dir / "from2.h5"));
  ASSERT_EQ(from.status, 0) << from.err;
  ASSERT_EQ(io::read_runs(dir / "k1.h5").size(), 1u);
  EXPECT_EQ(io::read_run(dir / "k1.h5", 1), io::read_run(dir / "all.h5", 1));
  EXPECT_EQ(io::read_run(dir / "from2.h5", 2), io::read_run(dir / "all.h5", 2));
  EXPECT_NE(io::read_run(dir / "from2.h5", 2), io::read_run(dir / "all.h5", 1))
      << "the comparison can fail: two runs differ";
}

// A planned regisseur's schedule is part of the scenario text the file keeps, so a planned run is
// redone from the file alone too (it used to lose the plan and stop at "needs a schedule").
TEST(RunCommand, APlannedRun_IsRedoneFromItsFile_WithIdenticalDatasets) {
  TempDir dir;
  const std::string planned = kSourceDir + "/tests/fuzz/seeds/scenario_parser/planned.toml";
  const auto all = run_process(kBinary + " run " + planned + " -o " + (dir / "planned.h5") +
                               " --set record.level=full");
  ASSERT_EQ(all.status, 0) << all.err;
  const auto from = run_process(kBinary + " run --from " + (dir / "planned.h5") + " --run 1 -o " +
                                (dir / "from1.h5"));
  ASSERT_EQ(from.status, 0) << from.err;
  const auto original = io::read_run(dir / "planned.h5", 1);
  EXPECT_EQ(io::read_run(dir / "from1.h5", 1), original);
  // The plan acted: its interventions are among the run's events.
  bool controlled = false;
  for (const auto& e : original.events)
    controlled = controlled || e.kind == record::EventKind::control;
  EXPECT_TRUE(controlled);
}

// ODD section 9, gap 1 (design decision 20): with network.per_replication every replication runs on
// its own small world from its run seed, and is still redone alone, and at any -j, identically.
TEST(RunCommand, PerReplication_EachRunHasItsOwnNetwork_RedoneAloneAndAtAnyThreadsIdentically) {
  TempDir dir;
  const std::string world =
      " --set run.steps=104 --set record.level=agents --set network.kind=small_world"
      " --set network.rewiring=0.3 ";
  const std::string own = world + "--set network.per_replication=true ";
  ASSERT_EQ(run_default(dir / "j1.h5", own + "-j 1").status, 0);
  const auto j2 = run_default(dir / "j2.h5", own + "-j 2");
  ASSERT_EQ(j2.status, 0) << j2.err;
  EXPECT_EQ(h5diff(dir / "j1.h5", dir / "j2.h5"), 0);
  const auto alone = run_default(dir / "k1.h5", own + "--replication 1");
  ASSERT_EQ(alone.status, 0) << alone.err;
  EXPECT_EQ(io::read_run(dir / "k1.h5", 1), io::read_run(dir / "j1.h5", 1));
  const auto from =
      run_process(kBinary + " run --from " + (dir / "j2.h5") + " --run 2 -o " + (dir / "from2.h5"));
  ASSERT_EQ(from.status, 0) << from.err;
  EXPECT_EQ(io::read_run(dir / "from2.h5", 2), io::read_run(dir / "j1.h5", 2));
  // The flag is honoured: on the scenario's one network the same run seeds give other runs.
  ASSERT_EQ(run_default(dir / "shared.h5", world).status, 0);
  for (std::int64_t r = 0; r < 3; ++r)
    EXPECT_NE(io::read_run(dir / "shared.h5", r).summary, io::read_run(dir / "j1.h5", r).summary)
        << "replication " << r;
}

TEST(RunCommand, RedoArguments_AreCheckedWithExitTwo) {
  TempDir dir;
  ASSERT_EQ(run_default(dir / "a.h5").status, 0);
  const auto too_far = run_default(dir / "b.h5", "--replication 3");
  EXPECT_EQ(too_far.status, 2);
  EXPECT_NE(too_far.err.find("numbered 0 to 2"), std::string::npos) << too_far.err;
  const auto no_run = run_process(kBinary + " run " + kDefault + " --run 1");
  EXPECT_EQ(no_run.status, 2) << no_run.err;
  const auto missing_run =
      run_process(kBinary + " run --from " + (dir / "a.h5") + " --run 7 -o " + (dir / "c.h5"));
  EXPECT_EQ(missing_run.status, 2);
  EXPECT_NE(missing_run.err.find("no run with id 7"), std::string::npos) << missing_run.err;
  const auto missing_file = run_process(kBinary + " run --from " + (dir / "nothing.h5") +
                                        " --run 0 -o " + (dir / "d.h5"));
  EXPECT_EQ(missing_file.status, 2) << missing_file.err;
  const auto both = run_process(kBinary + " run " + kDefault + " --from " + (dir / "a.h5") +
                                " --run 0 -o " + (dir / "e.h5"));
  EXPECT_EQ(both.status, 2) << both.err;
}

TEST(RunCommand, SetValues_AreRecordedPerRunInParameters) {
  TempDir dir;
  ASSERT_EQ(run_default(dir / "a.h5", "--set trust.loss=0.3 --set run.activation=fixed").status, 0);
  const auto s = io::read_summary(dir / "a.h5");
  std::map<std::string, std::vector<std::string>> values;
  for (const auto& p : s.parameters) values[p.path] = p.distinct_values;
  EXPECT_EQ(values["trust.loss"], std::vector<std::string>{"0.3"});
  EXPECT_EQ(values["run.activation"], std::vector<std::string>{"fixed"});
}

TEST(RunCommand, SetOverridesGoThroughValidation_ExitTwoWithTheSetNamed) {
  TempDir dir;
  const auto r = run_default(dir / "a.h5", "--set trust.gain=1.5");
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("--set #1 (trust.gain)"), std::string::npos) << r.err;
  EXPECT_FALSE(std::filesystem::exists(dir / "a.h5"));
}

TEST(RunCommand, UsageErrors_ExitTwo) {
  EXPECT_EQ(run_process(kBinary + " run").status, 2);                           // no scenario
  EXPECT_EQ(run_process(kBinary + " run " + kDefault + " --bogus").status, 2);  // unknown flag
  EXPECT_EQ(run_process(kBinary + " run " + kDefault + " -j -1").status, 2);    // out of range
  EXPECT_EQ(run_process(kBinary + " run " + kDefault + " --replications 0").status, 2);
  EXPECT_EQ(run_process(kBinary + " frobnicate").status, 2);  // unknown subcommand
  EXPECT_EQ(run_process(kBinary).status, 2);                  // no subcommand
  EXPECT_EQ(run_process(kBinary + " run /nonexistent/scenario.toml").status, 2);
}

TEST(RunCommand, OutputThatIsADirectory_ExitsTwo) {
  TempDir dir;
  const auto r = run_default(dir.path().string());
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("is a directory"), std::string::npos) << r.err;
}

TEST(RunCommand, UnwritableOutputLocation_IsAClearErrorNotACrash) {
  // /proc does not accept new files, even for root.
  const auto r = run_default("/proc/regiesim_test.h5");
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.err.find("/proc/regiesim_test.h5"), std::string::npos) << r.err;
}

TEST(RunCommand, DiskFullWhileWriting_IsAClearErrorAndKeepsTheEarlierFile) {
  // A file-size limit makes writes fail part-way (EFBIG, as ENOSPC would on a full disk);
  // SIGXFSZ is ignored so that the write returns the error instead of killing the process.
  TempDir dir;
  const auto path = dir / "out.h5";
  std::ofstream(path) << "earlier results";
  const auto r =
      run_process("bash -c 'trap \"\" XFSZ; ulimit -f 64; exec " + kBinary + " run " + kDefault +
                  " -o " + path + " --force --replications 20 --set record.level=full'");
  EXPECT_EQ(r.status, 1) << r.err;  // not a crash (139)
  EXPECT_NE(r.err.find("File too large"), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find("time ="), std::string::npos) << "HDF5's call details: " << r.err;
  EXPECT_EQ(slurp(path), "earlier results");
  EXPECT_FALSE(std::filesystem::exists(path + ".partial"));
}

TEST(Cli, HelpAndVersionWorkEverywhere) {
  for (const std::string sub : {"", " run", " validate", " inspect", " describe"}) {
    const auto help = run_process(kBinary + sub + " --help");
    EXPECT_EQ(help.status, 0) << sub << ": " << help.err;
    EXPECT_NE(help.out.find("Usage"), std::string::npos) << sub;
    const auto version = run_process(kBinary + sub + " --version");
    EXPECT_EQ(version.status, 0) << sub << ": " << version.err;
    EXPECT_NE(version.out.find("regiesim 0."), std::string::npos) << sub << ": " << version.out;
  }
}

// Choices labelled for readers that do not know HDF5 enums (netCDF's flag_values and
// flag_meanings beside every enum dataset), and the arms of /runs named.
TEST(RunCommand, EnumDatasetsCarryFlagValuesAndMeanings_AndTheArmIsNamed) {
  TempDir dir;
  ASSERT_EQ(run_default(dir / "f.h5", "--set run.steps=26").status, 0);
  const auto dump = run_process("h5dump -A -d /events/kind " + (dir / "f.h5"));
  ASSERT_EQ(dump.status, 0) << dump.err;
  EXPECT_NE(dump.out.find("ATTRIBUTE \"flag_values\""), std::string::npos) << dump.out;
  EXPECT_NE(dump.out.find("convene exit surface_interests refocus"), std::string::npos) << dump.out;
  const auto modes = run_process("h5dump -A -d /meetings/mode " + (dir / "f.h5"));
  EXPECT_NE(modes.out.find("ATTRIBUTE \"flag_meanings\""), std::string::npos) << modes.out;
  const auto names = run_process("h5dump -d /manifest/arm_names " + (dir / "f.h5"));
  EXPECT_NE(names.out.find("\"default\""), std::string::npos) << names.out;
}

}  // namespace
}  // namespace regiesim::testing
