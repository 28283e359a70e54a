// `regiesim run`'s output safety (the reliability issue, items 6 and 7): SIGKILL at any moment
// leaves an earlier file intact and nothing under the final name; two writers of one -o: one
// proceeds, the other exits 2 naming the lock; a stale .partial is replaced only with --force;
// SIGINT and SIGTERM stop cleanly with 130 and 143; an unwritable directory exits 1.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include "support/process.hpp"

namespace regiesim::testing {
namespace {

namespace fs = std::filesystem;
const std::string kDefault = kSourceDir + "/scenarios/default.toml";

// A long run (thousands of replications, one thread) that stays busy until it is stopped.
std::string long_run(const std::string& output, const std::string& extra = "") {
  return kBinary + " run " + kDefault + " -o " + output + " --replications 200000 -j 1 " + extra;
}

// Starts `command` through the shell in the background; stderr goes to `err`.
pid_t spawn(const std::string& command, const std::string& err) {
  const pid_t pid = fork();
  if (pid == 0) {
    const std::string full = "exec " + command + " </dev/null >/dev/null 2>'" + err + "'";
    execl("/bin/sh", "sh", "-c", full.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  return pid;
}

// Waits until `path` exists (the writer has started), at most 60 s.
bool wait_for(const std::string& path) {
  for (int i = 0; i < 6000; ++i) {
    if (fs::exists(path)) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return false;
}

struct Ended {
  bool exited = false;
  int status = -1;
  int signal = 0;
};
Ended wait_end(pid_t pid) {
  int raw = 0;
  waitpid(pid, &raw, 0);
  Ended e;
  e.exited = WIFEXITED(raw);
  e.status = e.exited ? WEXITSTATUS(raw) : -1;
  e.signal = WIFSIGNALED(raw) ? WTERMSIG(raw) : 0;
  return e;
}

TEST(RunSafety, SigintAndSigterm_StopCleanly_RemovingThePartialFile_ExitStatus130And143) {
  for (const auto& [signal_number, expected] : {std::pair{SIGINT, 130}, std::pair{SIGTERM, 143}}) {
    SCOPED_TRACE(signal_number);
    TempDir dir;
    const pid_t pid = spawn(long_run(dir / "out.h5"), dir / "err.txt");
    ASSERT_TRUE(wait_for(dir / "out.h5.partial"));
    kill(pid, signal_number);
    const Ended e = wait_end(pid);
    EXPECT_TRUE(e.exited);
    EXPECT_EQ(e.status, expected);
    EXPECT_FALSE(fs::exists(dir / "out.h5"));
    EXPECT_FALSE(fs::exists(dir / "out.h5.partial"));
    EXPECT_FALSE(fs::exists(dir / "out.h5.lock"));
    EXPECT_NE(slurp(dir / "err.txt").find("interrupted"), std::string::npos);
  }
}

TEST(RunSafety, SigkillMidRun_LeavesTheEarlierFileIntact_AndAStalePartialNeedsForce) {
  TempDir dir;
  const std::string out = dir / "out.h5";
  ASSERT_EQ(run_process(kBinary + " run " + kDefault + " -o " + out + " --replications 2").status,
            0);
  const std::string before = slurp(out);
  const pid_t pid = spawn(long_run(out, "--force"), dir / "err.txt");
  ASSERT_TRUE(wait_for(out + ".partial"));
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  kill(pid, SIGKILL);
  EXPECT_EQ(wait_end(pid).signal, SIGKILL);
  EXPECT_EQ(slurp(out), before) << "the earlier file is untouched";
  ASSERT_TRUE(fs::exists(out + ".partial")) << "what the killed run left";

  const auto refused = run_process(kBinary + " run " + kDefault + " -o " + dir / "out.h5" +
                                   " --replications 2 --seed 3");
  EXPECT_EQ(refused.status, 2);
  const auto stale =
      run_process(kBinary + " run " + kDefault + " -o " + dir / "fresh.h5" + " --replications 2");
  EXPECT_EQ(stale.status, 0) << "other outputs are not affected";
  fs::rename(out, dir / "moved.h5");  // only the stale partial is left under this name
  const auto no_force =
      run_process(kBinary + " run " + kDefault + " -o " + out + " --replications 2");
  EXPECT_EQ(no_force.status, 2);
  EXPECT_NE(no_force.err.find("interrupted run"), std::string::npos) << no_force.err;
  const auto forced =
      run_process(kBinary + " run " + kDefault + " -o " + out + " --replications 2 --force");
  EXPECT_EQ(forced.status, 0) << forced.err;
  EXPECT_FALSE(fs::exists(out + ".partial"));
}

TEST(RunSafety, TwoWritersOfOneOutput_TheSecondExitsTwoNamingTheLock) {
  TempDir dir;
  const std::string out = dir / "out.h5";
  const pid_t first = spawn(long_run(out), dir / "err.txt");
  ASSERT_TRUE(wait_for(out + ".partial"));
  const auto second =
      run_process(kBinary + " run " + kDefault + " -o " + out + " --replications 2 --force");
  EXPECT_EQ(second.status, 2);
  EXPECT_NE(second.err.find("being written by another regiesim"), std::string::npos) << second.err;
  EXPECT_NE(second.err.find(std::to_string(first)), std::string::npos) << "the holder's pid";
  EXPECT_NE(second.err.find(out + ".lock"), std::string::npos);
  EXPECT_TRUE(fs::exists(out + ".partial")) << "the first writer's file is left alone";
  kill(first, SIGINT);
  EXPECT_EQ(wait_end(first).status, 130);
}

TEST(RunSafety, UnwritableDirectory_ExitsOneWithTheDirectoryAndTheCause) {
  // A directory that cannot exist: its parent is a regular file. That refuses root too, on every
  // file system (a test of permissions would pass as root, which may write anywhere, and /sys is
  // not sysfs in every chroot).
  TempDir dir;
  const fs::path not_a_directory = dir / "plain_file";
  std::ofstream(not_a_directory) << "not a directory\n";
  const std::string output = (not_a_directory / "out" / "regiesim.h5").string();
  const auto r = run_process(kBinary + " run " + kDefault + " -o " + output);
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.err.find((not_a_directory / "out").string()), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("Not a directory"), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find("o_flags"), std::string::npos) << "no raw HDF5 error text: " << r.err;
  EXPECT_FALSE(fs::exists(output));
}

}  // namespace
}  // namespace regiesim::testing
