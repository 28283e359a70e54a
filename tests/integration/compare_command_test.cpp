// `regiesim compare` end to end: the folder form and the two-file form, arms on common random
// numbers in one file, the comparison in /comparison equal to what is printed, refusal of arms
// that are not a pair, and the exit codes of `run`. The pair in tests/compare is tiny (four
// partners, 40 weeks, eight replications per arm).
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cmath>
#include <fstream>
#include <nlohmann/json.hpp>
#include <thread>

#include "io/comparison_writer.hpp"
#include "io/results_reader.hpp"
#include "support/process.hpp"

namespace regiesim::testing {
namespace {

namespace fs = std::filesystem;

const std::string kFolder = kSourceDir + "/tests/compare";

ProcessResult compare(const std::string& arguments) {
  return run_process(kBinary + " compare " + arguments);
}

// A folder with copies of the fixture's three files, to vary one of them.
void copy_fixture(const TempDir& dir) {
  for (const char* name : {"base.toml", "trap.toml", "twin.toml"})
    fs::copy_file(fs::path(kFolder) / name, dir.path() / name);
}

void write(const std::string& path, const std::string& text) {
  std::ofstream(path) << text;
}

TEST(CompareCommand, Folder_WritesBothArmsToOneFileWithTheComparison) {
  TempDir dir;
  const auto r = compare(kFolder + " -o " + (dir / "pair.h5") + " -j 2");
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_TRUE(fs::exists(dir / "pair.h5"));
  EXPECT_FALSE(fs::exists(dir / "pair.h5.partial"));
  const auto runs = io::read_runs(dir / "pair.h5");
  ASSERT_EQ(runs.size(), 16u);
  for (std::size_t i = 0; i < runs.size(); ++i) {
    EXPECT_EQ(runs[i].run_id, static_cast<std::int64_t>(i));
    EXPECT_EQ(runs[i].arm, i < 8 ? 0 : 1);
    EXPECT_EQ(runs[i].replication, static_cast<std::int64_t>(i % 8));
  }
  const auto c = io::read_comparison_json(dir / "pair.h5");
  EXPECT_EQ(c["arm_names"], nlohmann::json({"trap", "twin"}));
  EXPECT_EQ(c["n_pairs"], 8);
  EXPECT_EQ(c["metrics"]["realisation"]["n_pairs"], 8);
  // The arms differ in their strategy, so realisation differs in some pairs (the all-zero check
  // of identical arms below can fail).
  EXPECT_GT(c["metrics"]["realisation"]["n_nonzero"].get<int>(), 0);
  EXPECT_NE(r.out.find("parting week"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("crossing week"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("realisation"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("twin - trap"), std::string::npos) << r.out;
  // The file reads as any results file does.
  const auto inspect = run_process(kBinary + " inspect " + (dir / "pair.h5"));
  EXPECT_EQ(inspect.status, 0) << inspect.err;
  EXPECT_EQ(io::read_summary(dir / "pair.h5").arms, 2);
}

TEST(CompareCommand, ArmsRunOnCommonRandomNumbers_ReplicationRHasOneSeedInBothArms) {
  TempDir dir;
  ASSERT_EQ(compare(kFolder + " -o " + (dir / "pair.h5")).status, 0);
  const auto runs = io::read_runs(dir / "pair.h5");
  ASSERT_EQ(runs.size(), 16u);
  for (std::size_t r = 0; r < 8; ++r) EXPECT_EQ(runs[r].seed, runs[r + 8].seed);
  EXPECT_NE(runs[0].seed, runs[1].seed);
}

TEST(CompareCommand, IdenticalArms_GiveAllZeroDifferences) {
  TempDir dir;
  copy_fixture(dir);
  fs::copy_file(dir.path() / "trap.toml", dir.path() / "same.toml");
  const auto r = compare((dir / "trap.toml") + " " + (dir / "same.toml") + " -o " +
                         (dir / "same.h5") + " --json");
  ASSERT_EQ(r.status, 0) << r.err;
  const auto c = nlohmann::json::parse(r.out)["comparison"];
  ASSERT_EQ(c["metrics"].size(), io::read_summary(dir / "same.h5").metrics.size());
  for (const auto& [name, m] : c["metrics"].items()) {
    EXPECT_EQ(m["n_nonzero"], 0) << name;
    EXPECT_EQ(m["mean_difference"], 0.0) << name;
    EXPECT_EQ(m["hodges_lehmann"], 0.0) << name;
    EXPECT_EQ(m["ci_low"], 0.0) << name;
    EXPECT_EQ(m["ci_high"], 0.0) << name;
    EXPECT_EQ(m["mean_arm0"], m["mean_arm1"]) << name;
  }
  EXPECT_EQ(c["parting_week"], c["week_never"]);
  EXPECT_EQ(c["crossing_week"], c["week_never"]);
  EXPECT_EQ(c["week_never"], 41);
}

TEST(CompareCommand, TwoFiles_ArmZeroIsTheFirstAndTheSignFollows) {
  TempDir dir;
  const auto folder = compare(kFolder + " -o " + (dir / "folder.h5") + " --json");
  ASSERT_EQ(folder.status, 0) << folder.err;
  const auto swapped = compare(kFolder + "/twin.toml " + kFolder + "/trap.toml -o " +
                               (dir / "swapped.h5") + " --json");
  ASSERT_EQ(swapped.status, 0) << swapped.err;
  const auto a = nlohmann::json::parse(folder.out)["comparison"];
  const auto b = nlohmann::json::parse(swapped.out)["comparison"];
  EXPECT_EQ(b["arm_names"], nlohmann::json({"twin", "trap"}));
  for (const char* metric : {"realisation", "trust_mean", "meetings"}) {
    const auto& x = a["metrics"][metric];
    const auto& y = b["metrics"][metric];
    EXPECT_EQ(x["mean_arm0"], y["mean_arm1"]) << metric;
    EXPECT_EQ(x["hodges_lehmann"].get<double>(), -y["hodges_lehmann"].get<double>()) << metric;
    EXPECT_EQ(x["ci_low"].get<double>(), -y["ci_high"].get<double>()) << metric;
    EXPECT_EQ(x["p_greater"], y["p_less"]) << metric;
  }
  EXPECT_EQ(a["parting_week"], b["parting_week"]);
  EXPECT_EQ(a["crossing_week"], b["crossing_week"]);
}

TEST(CompareCommand, Json_ParsesAndEqualsTheFilesComparison) {
  TempDir dir;
  const auto r = compare(kFolder + " -o " + (dir / "pair.h5") + " --json");
  ASSERT_EQ(r.status, 0) << r.err;
  const auto printed = nlohmann::ordered_json::parse(r.out);
  EXPECT_EQ(printed["output"], dir / "pair.h5");
  EXPECT_EQ(printed["comparison"], io::read_comparison_json(dir / "pair.h5"));
  // The printed table shows the same numbers (rounded): the realisation row's HL estimate.
  const auto table = compare(kFolder + " -o " + (dir / "table.h5"));
  ASSERT_EQ(table.status, 0) << table.err;
  const double hl = printed["comparison"]["metrics"]["realisation"]["hodges_lehmann"];
  const auto row = table.out.find("\nrealisation ");
  ASSERT_NE(row, std::string::npos) << table.out;
  EXPECT_NE(table.out.substr(row, 120).find(fmt::format("{:.4g}", hl)), std::string::npos)
      << table.out.substr(row, 120) << " lacks " << hl;
}

TEST(CompareCommand, SetAppliesToBothArms) {
  TempDir dir;
  const auto r = compare(kFolder + " -o " + (dir / "set.h5") +
                         " --set run.steps=20 --set trust.loss=0.3 --replications 3 --seed 9");
  ASSERT_EQ(r.status, 0) << r.err;
  const auto runs = io::read_runs(dir / "set.h5");
  ASSERT_EQ(runs.size(), 6u);
  for (std::int64_t id : {0, 3}) {
    const auto origin = io::read_run_origin(dir / "set.h5", id);
    EXPECT_NE(origin.scenario_resolved.find("steps = 20"), std::string::npos);
    EXPECT_NE(origin.scenario_resolved.find("loss = 0.3"), std::string::npos);
    EXPECT_EQ(origin.master_seed, 9u);
    const auto record = io::read_run(dir / "set.h5", id);
    EXPECT_EQ(record.steps, 20);
  }
  EXPECT_NE(io::read_run_origin(dir / "set.h5", 0).scenario_resolved.find("\"none\""),
            std::string::npos);
  EXPECT_NE(io::read_run_origin(dir / "set.h5", 3).scenario_resolved.find("\"facilitative\""),
            std::string::npos);
}

TEST(CompareCommand, ARunOfEitherArm_IsRedoneAloneFromTheFile) {
  TempDir dir;
  ASSERT_EQ(compare(kFolder + " -o " + (dir / "pair.h5")).status, 0);
  const auto redo = run_process(kBinary + " run --from " + (dir / "pair.h5") + " --run 13 -o " +
                                (dir / "redo.h5"));
  ASSERT_EQ(redo.status, 0) << redo.err;
  EXPECT_EQ(io::read_run(dir / "redo.h5", 13), io::read_run(dir / "pair.h5", 13));
}

TEST(CompareCommand, SummaryLevel_StillGivesTheWeeksAndTheSameNumbers) {
  TempDir dir;
  const auto series = compare(kFolder + " -o " + (dir / "series.h5") + " --json");
  const auto summary =
      compare(kFolder + " -o " + (dir / "summary.h5") + " --json --set record.level=summary");
  ASSERT_EQ(series.status, 0) << series.err;
  ASSERT_EQ(summary.status, 0) << summary.err;
  EXPECT_EQ(nlohmann::json::parse(series.out)["comparison"],
            nlohmann::json::parse(summary.out)["comparison"]);
  EXPECT_EQ(io::read_summary(dir / "summary.h5").record_level, "summary");
}

TEST(CompareCommand, OneAndTwoThreads_GiveIdenticalFiles) {
  TempDir dir;
  ASSERT_EQ(compare(kFolder + " -o " + (dir / "j1.h5") + " -j 1").status, 0);
  ASSERT_EQ(compare(kFolder + " -o " + (dir / "j2.h5") + " -j 2").status, 0);
  EXPECT_EQ(
      run_process("h5diff --exclude-path /provenance " + (dir / "j1.h5") + " " + (dir / "j2.h5"))
          .status,
      0);
}

TEST(CompareCommand, ArmsThatDifferInPartners_AreRefusedNamingTheKey) {
  TempDir dir;
  copy_fixture(dir);
  write(dir / "more.toml",
        "extends = \"base.toml\"\n[partners.huisarts]\npassion = 0.5\ncommitment = 0.3\n"
        "urgency = 0.1\ncapabilities = [0.0, 0.6]\ninterests = [-0.1, 0.6]\n");
  const auto r = compare((dir / "trap.toml") + " " + (dir / "more.toml") + " -o " + (dir / "x.h5"));
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("`partners`"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("huisarts"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(dir / "x.h5"));
}

TEST(CompareCommand, ArmsThatDifferInStepsNetworkSeedOrReplications_AreRefusedNamingTheKey) {
  TempDir dir;
  copy_fixture(dir);
  const std::pair<const char*, const char*> cases[] = {
      {"[run]\nsteps = 30\n", "`run.steps`"},
      {"[run]\nseed = 1\n", "`run.seed`"},
      {"[run]\nreplications = 4\n", "`run.replications`"},
      {"[network]\nkind = \"small_world\"\nneighbours = 2\n", "`network.kind`"},
      {"[record]\nlevel = \"agents\"\n", "`record.level`"},
  };
  for (const auto& [table, key] : cases) {
    write(dir / "other.toml", std::string("extends = \"base.toml\"\n") + table);
    const auto r =
        compare((dir / "trap.toml") + " " + (dir / "other.toml") + " -o " + (dir / "x.h5"));
    EXPECT_EQ(r.status, 2) << key;
    EXPECT_NE(r.err.find(key), std::string::npos) << r.err;
  }
  // The same partners in another order are another pairing of streams: refused too.
  write(dir / "order.toml",
        "[scenario]\nname = \"order\"\n[run]\nsteps = 40\nreplications = 8\nseed = 4242\n"
        "[network]\nkind = \"complete\"\n[opgave]\ndimensions = 2\n"
        "[partners.ggz]\ncapabilities = [0.1, 0.9]\n[partners.gemeente]\ncapabilities = [0.6, "
        "0.4]\n[partners.politie]\ncapabilities = [0.9, 0.0]\n[partners.wijkteam]\n"
        "capabilities = [0.3, 0.7]\n");
  const auto r =
      compare((dir / "trap.toml") + " " + (dir / "order.toml") + " -o " + (dir / "x.h5"));
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("`partners`: "), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("partner 1 is gemeente"), std::string::npos) << r.err;
}

TEST(CompareCommand, ExistingOutput_IsReplacedOnlyWithForce) {
  TempDir dir;
  const auto path = dir / "pair.h5";
  ASSERT_EQ(compare(kFolder + " -o " + path).status, 0);
  const std::string before = slurp(path);
  const auto again = compare(kFolder + " -o " + path + " --seed 5");
  EXPECT_EQ(again.status, 2);
  EXPECT_NE(again.err.find("--force"), std::string::npos) << again.err;
  EXPECT_EQ(slurp(path), before);
  const auto forced = compare(kFolder + " -o " + path + " --seed 5 --force");
  EXPECT_EQ(forced.status, 0) << forced.err;
  EXPECT_NE(slurp(path), before);
}

TEST(CompareCommand, BadInput_ExitsTwoWithTheReason) {
  TempDir dir;
  copy_fixture(dir);
  write(dir / "broken.toml", "extends = \"base.toml\"\n[run]\nsteps = \"many\"\n");
  const std::pair<std::string, std::string> cases[] = {
      {(dir / "trap.toml") + " " + (dir / "broken.toml"), "broken.toml:3:"},
      {(dir / "trap.toml") + " " + (dir / "missing.toml"), "missing.toml"},
      {kFolder + " --set trust.gain=7", "command line: --set #1 (trust.gain)"},
      {kFolder + "/trap.toml", "not a folder"},
      {dir.path().string() + "/none", "not a folder"},
      {kFolder + " " + kFolder + "/trap.toml " + kFolder + "/twin.toml", "At Most 2"},
      {kFolder + " --lang fr", "--lang"},
      {kFolder + " --frce", "did you mean '--force'"},
      {kFolder + " --replications 0", "--replications"},
      {kFolder + " -o " + dir.path().string(), "is a directory"},
  };
  for (const auto& [arguments, reason] : cases) {
    const auto r =
        compare(arguments + (arguments.find(" -o ") == std::string::npos ? " -o " + (dir / "out.h5")
                                                                         : std::string()));
    EXPECT_EQ(r.status, 2) << arguments << "\n" << r.err;
    EXPECT_NE(r.err.find(reason), std::string::npos) << arguments << "\n" << r.err;
  }
  fs::remove(dir.path() / "twin.toml");
  const auto r = compare(dir.path().string() + " -o " + (dir / "out.h5"));
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("twin.toml"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(dir / "out.h5"));
}

TEST(CompareCommand, DefaultOutput_NamesTheFolderBelowScenariosOrTheTwoFiles) {
  TempDir dir;
  const fs::path folder = dir.path() / "scenarios" / "pitfalls" / "control_trap";
  fs::create_directories(folder);
  for (const char* name : {"base.toml", "trap.toml", "twin.toml"})
    fs::copy_file(fs::path(kFolder) / name, folder / name);
  const auto r = run_process("cd " + dir.path().string() + " && " + kBinary +
                             " compare scenarios/pitfalls/control_trap/ --replications 2");
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_TRUE(fs::exists(dir.path() / "results" / "pitfalls_control_trap.h5"));
  const auto files = run_process("cd " + dir.path().string() + " && " + kBinary +
                                 " compare scenarios/pitfalls/control_trap/twin.toml "
                                 "scenarios/pitfalls/control_trap/trap.toml --replications 2");
  ASSERT_EQ(files.status, 0) << files.err;
  EXPECT_TRUE(fs::exists(dir.path() / "results" / "twin_vs_trap.h5"));
}

TEST(CompareCommand, LangNl_PrintsDutchLabels_AndRunToo) {
  TempDir dir;
  const auto r = compare(kFolder + " -o " + (dir / "nl.h5") + " --replications 2 --lang nl");
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.out.find("scheidingsweek"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("kruisingsweek"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("parting week"), std::string::npos) << r.out;
  const auto run = run_process(kBinary + " run " + kFolder + "/twin.toml -o " + (dir / "run.h5") +
                               " --replications 2 --lang nl");
  ASSERT_EQ(run.status, 0) << run.err;
  EXPECT_NE(run.out.find("replicaties"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("gemiddeld"), std::string::npos) << run.out;
  EXPECT_EQ(run.out.find("replications"), std::string::npos) << run.out;
}

TEST(CompareCommand, Sigint_StopsCleanly_RemovingThePartialFile_ExitStatus130) {
  TempDir dir;
  const pid_t pid = fork();
  if (pid == 0) {
    const std::string full = "exec " + kBinary + " compare " + kFolder + " -o " + (dir / "out.h5") +
                             " --replications 200000 -j 1 </dev/null >/dev/null 2>'" +
                             (dir / "err.txt") + "'";
    execl("/bin/sh", "sh", "-c", full.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  bool started = false;
  for (int i = 0; i < 6000 && !started; ++i) {
    started = fs::exists(dir / "out.h5.partial");
    if (!started) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  ASSERT_TRUE(started);
  kill(pid, SIGINT);
  int raw = 0;
  waitpid(pid, &raw, 0);
  ASSERT_TRUE(WIFEXITED(raw));
  EXPECT_EQ(WEXITSTATUS(raw), 130);
  EXPECT_FALSE(fs::exists(dir / "out.h5"));
  EXPECT_FALSE(fs::exists(dir / "out.h5.partial"));
  EXPECT_NE(slurp(dir / "err.txt").find("interrupted"), std::string::npos);
}

}  // namespace
}  // namespace regiesim::testing
