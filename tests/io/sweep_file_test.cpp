#include "io/sweep_file.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "design/design.hpp"
#include "design/point_scenario.hpp"
#include "scenario/input_error.hpp"

namespace regiesim::io {
namespace {

namespace fs = std::filesystem;
using scenario::InputError;

const fs::path kSweeps = fs::path(REGIESIM_SOURCE_DIR) / "scenarios" / "sweeps";

TEST(SweepFile, LoadsTheExampleGridOnTheDefaultScenario) {
  const design::SweepSpec sweep = read_sweep_file(kSweeps / "trust_grid.toml");
  EXPECT_EQ(sweep.base.name, "default");
  EXPECT_EQ(sweep.design.kind, design::DesignKind::grid);
  EXPECT_EQ(design::make_design(sweep).size(), 4 * 5);
}

TEST(SweepFile, LoadsTheExampleSaltelliAndMorrisDesigns) {
  const design::SweepSpec sobol = read_sweep_file(kSweeps / "sobol_indices.toml");
  const design::Design saltelli = design::make_design(sobol);
  EXPECT_EQ(saltelli.size(), 64 * (6 + 2));
  const design::SweepSpec morris = read_sweep_file(kSweeps / "morris_screening.toml");
  EXPECT_EQ(design::make_design(morris).size(), 20 * (8 + 1));
  // A partner column by name reaches that partner.
  const auto point = design::point_scenario(sobol, saltelli, 5);
  EXPECT_EQ(point.partners[1].name, "politie");
  EXPECT_EQ(point.partners[1].passion, saltelli.values_of(5)[5]);
}

class SweepFileOnDisk : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = fs::temp_directory_path() /
           (std::string("regiesim_sweep_file_") + std::to_string(::getpid()) + "_" + info->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "sweeps");
    fs::copy_file(fs::path(REGIESIM_SOURCE_DIR) / "scenarios" / "default.toml",
                  dir_ / "default.toml");
  }
  void TearDown() override { fs::remove_all(dir_); }

  fs::path write(const std::string& name, const std::string& text) {
    const fs::path path = dir_ / name;
    std::ofstream(path, std::ios::binary) << text;
    return path;
  }

  fs::path dir_;
};

TEST_F(SweepFileOnDisk, ResolvesTheBaseScenarioRelativeToTheSweepFile) {
  const fs::path path =
      write("sweeps/s.toml",
            "[sweep]\nscenario = \"../default.toml\"\nreplications = 2\nseed = 1\n"
            "[design]\nkind = \"grid\"\n"
            "[[parameters]]\npath = \"trust.gain\"\nvalues = [0.1]\n");
  const design::SweepSpec sweep = read_sweep_file(path);
  EXPECT_EQ(sweep.base.partner_count(), 12);
  EXPECT_EQ(sweep.name, "s");  // no name given: the file's
}

TEST_F(SweepFileOnDisk, ReportsAMissingBaseAtTheScenarioLine) {
  const fs::path path = write("sweeps/s.toml",
                              "[sweep]\nscenario = \"default.toml\"\nreplications = 2\nseed = 1\n"
                              "[design]\nkind = \"grid\"\n"
                              "[[parameters]]\npath = \"trust.gain\"\nvalues = [0.1]\n");
  try {
    read_sweep_file(path);
    FAIL() << "no error";
  } catch (const InputError& e) {
    EXPECT_EQ(std::string(e.what()).rfind(path.string() + ":2:12: error: base scenario "
                                                          "'default.toml' not found",
                                          0),
              0u)
        << e.what();
  }
}

TEST_F(SweepFileOnDisk, ReportsAnErrorInTheBaseAtTheBasesOwnLine) {
  write("broken.toml", "[trust]\ngain = 2.0\n");
  const fs::path path = write("s.toml",
                              "[sweep]\nscenario = \"broken.toml\"\nreplications = 2\nseed = 1\n"
                              "[design]\nkind = \"grid\"\n"
                              "[[parameters]]\npath = \"trust.gain\"\nvalues = [0.1]\n");
  try {
    read_sweep_file(path);
    FAIL() << "no error";
  } catch (const InputError& e) {
    EXPECT_EQ(e.origin(), (dir_ / "broken.toml").string());
    EXPECT_EQ(e.line(), 2);
  }
}

}  // namespace
}  // namespace regiesim::io
