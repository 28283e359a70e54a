// `regiesim inspect` on a real results file damaged at 20 places (issue 17, design decision 14):
// each damaged copy is answered with exit 0 (the damage lies in data inspect does not read, which
// HDF5 cannot know is wrong) or exit 2 and one message naming the file, never a crash, a hang or
// an internal error; damage to the superblock and the metadata inspect reads is always exit 2.
#include <gtest/gtest.h>

#include <fstream>
#include <string>
#include <vector>

#include "support/process.hpp"

namespace regiesim::testing {
namespace {

const std::string kDefault = kSourceDir + "/scenarios/default.toml";

std::string quoted(const std::string& s) {
  return "'" + s + "'";
}

class InspectDamagedFile : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir;
    // Every kind of dataset (series, per-partner samples, trust per tie, events) is present.
    const ProcessResult r =
        run_process(kBinary + " run " + quoted(kDefault) + " -o " + quoted(*dir_ / "good.h5") +
                    " --replications 2 --set run.steps=104 --set 'record.level=\"full\"' --force");
    run_status_ = r.status;
    run_err_ = r.err;
  }
  static void TearDownTestSuite() {
    delete dir_;
    dir_ = nullptr;
  }
  void SetUp() override { ASSERT_EQ(run_status_, 0) << "regiesim run failed: " << run_err_; }

  // A copy of the good file with `length` bytes from `offset` inverted.
  static std::string damaged(std::size_t offset, std::size_t length, const std::string& name) {
    std::string bytes = slurp(*dir_ / "good.h5");
    for (std::size_t i = offset; i < std::min(bytes.size(), offset + length); ++i)
      bytes[i] = static_cast<char>(~static_cast<unsigned char>(bytes[i]));
    const std::string path = *dir_ / name;
    std::ofstream(path, std::ios::binary) << bytes;
    return path;
  }

  static std::size_t good_size() { return slurp(*dir_ / "good.h5").size(); }

  static TempDir* dir_;
  static int run_status_;
  static std::string run_err_;
};

TempDir* InspectDamagedFile::dir_ = nullptr;
int InspectDamagedFile::run_status_ = -1;
std::string InspectDamagedFile::run_err_;

TEST_F(InspectDamagedFile, TwentyDamagedPlaces_ExitZeroOrTwoWithAMessageNeverACrash) {
  const std::size_t size = good_size();
  ASSERT_GT(size, 4096u);
  // The superblock and its neighbourhood (where the root group's header usually lies), then
  // evenly through the file: object headers, B-trees, heaps and raw data.
  std::vector<std::size_t> offsets{0, 8, 13, 24, 40, 48, 96, 200, 400, 800};
  for (std::size_t k = 1; offsets.size() < 20; ++k) offsets.push_back(k * size / 11);
  int refused = 0;
  for (std::size_t i = 0; i < offsets.size(); ++i) {
    const std::string path = damaged(offsets[i], 64, "damaged_" + std::to_string(i) + ".h5");
    for (const char* json : {"", " --json"}) {
      const ProcessResult r = run_process(kBinary + " inspect " + quoted(path) + json);
      SCOPED_TRACE("damage at byte " + std::to_string(offsets[i]) + json + "\nstderr: " + r.err);
      ASSERT_TRUE(r.status == 0 || r.status == 2) << "status " << r.status;
      if (r.status == 2) {
        ++refused;
        EXPECT_EQ(r.out, "");
        EXPECT_EQ(r.err.rfind("regiesim: error: " + path, 0), 0u);
        EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1);
      }
    }
    if (offsets[i] < 48) {  // the superblock: always refused
      const ProcessResult r = run_process(kBinary + " inspect " + quoted(path));
      EXPECT_EQ(r.status, 2) << "damage at byte " << offsets[i] << ": " << r.err;
    }
  }
  EXPECT_GE(refused, 10);
}

TEST_F(InspectDamagedFile, TruncatedAnywhere_ExitsTwo) {
  const std::string bytes = slurp(*dir_ / "good.h5");
  for (const std::size_t keep :
       {std::size_t{0}, std::size_t{7}, std::size_t{100}, bytes.size() / 3, bytes.size() - 1}) {
    const std::string path = *dir_ / ("cut_" + std::to_string(keep) + ".h5");
    std::ofstream(path, std::ios::binary) << bytes.substr(0, keep);
    const ProcessResult r = run_process(kBinary + " inspect " + quoted(path));
    EXPECT_EQ(r.status, 2) << "kept " << keep << " bytes: " << r.err;
    EXPECT_NE(r.err.find(path), std::string::npos) << r.err;
  }
}

}  // namespace
}  // namespace regiesim::testing
