// `regiesim inspect` end to end: a file written by `run` is described in text and as JSON, and a
// file that is not a sound results file is refused with exit 2 and a message naming it
// (design decision 14), never a crash.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "support/process.hpp"

namespace regiesim::testing {
namespace {

const std::string kDefault = kSourceDir + "/scenarios/default.toml";

std::string quoted(const std::string& s) {
  return "'" + s + "'";
}

ProcessResult inspect(const std::string& file, const std::string& extra = "") {
  return run_process(kBinary + " inspect " + quoted(file) + extra);
}

// Two replications of the default scenario, written once for every test of this file.
class InspectCommand : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir;
    const ProcessResult r =
        run_process(kBinary + " run " + quoted(kDefault) + " -o " + quoted(*dir_ / "a.h5") +
                    " --replications 2 --force --set trust.loss=0.3"
                    " --set partners.ggz.capabilities[1]=0.85"
                    " --set 'opgave.goal=[0.2, 0.4, 0.6, 0.8]'"
                    " --set 'regisseur.capabilities[2]=0.7'");
    run_status_ = r.status;
    run_err_ = r.err;
  }
  static void TearDownTestSuite() {
    delete dir_;
    dir_ = nullptr;
  }
  void SetUp() override { ASSERT_EQ(run_status_, 0) << "regiesim run failed: " << run_err_; }

  static std::string good() { return *dir_ / "a.h5"; }
  static std::string scratch(const std::string& name) { return *dir_ / name; }

  static TempDir* dir_;
  static int run_status_;
  static std::string run_err_;
};

TempDir* InspectCommand::dir_ = nullptr;
int InspectCommand::run_status_ = -1;
std::string InspectCommand::run_err_;

TEST_F(InspectCommand, GoodFile_PrintsProvenanceRunsAndEverySummaryMetric) {
  const ProcessResult r = inspect(good());
  ASSERT_EQ(r.status, 0) << r.err;
  for (const char* expected :
       {"schema        regiesim-results, version 2", "scenario      default",
        "record level  series", "runs          2 (2 ok, 0 failed); 1 point, 1 arm",
        "steps         520", "  trust.loss = 0.3", "  partners.ggz.capabilities[1] = 0.85",
        "  opgave.goal = [0.2, 0.4, 0.6, 0.8]", "  regisseur.capabilities[2] = 0.7",
        "  run.replications = 2 runs", "partners      12: gemeente", "realisation", "regie_effort",
        "mean", "sd", "groups"})
    EXPECT_NE(r.out.find(expected), std::string::npos) << "missing: " << expected << "\n" << r.out;
}

TEST_F(InspectCommand, Json_IsOneObjectWithTheRunCountAndTheMetrics) {
  const ProcessResult r = inspect(good(), " --json");
  ASSERT_EQ(r.status, 0) << r.err;
  const nlohmann::json j = nlohmann::json::parse(r.out);  // throws (fails the test) if not JSON
  EXPECT_EQ(j.at("runs"), 2);
  EXPECT_EQ(j.at("runs_ok"), 2);
  EXPECT_EQ(j.at("schema_version"), 2);
  const auto& parameters = j.at("parameters");
  ASSERT_EQ(parameters.size(), 5u)
      << "trust.loss, the capability, the goal, the regisseur's capability, run.replications";
  EXPECT_EQ(parameters[0].at("path"), "trust.loss");
  EXPECT_EQ(parameters[0].at("values"), nlohmann::json::array({"0.3"}));
  EXPECT_EQ(parameters[1].at("path"), "partners.ggz.capabilities[1]");
  // A whole per-dimension parameter is one row of K numbers per run: (run, dimension).
  EXPECT_EQ(parameters[2].at("path"), "opgave.goal");
  EXPECT_EQ(parameters[2].at("values"), nlohmann::json::array({"[0.2, 0.4, 0.6, 0.8]"}));
  EXPECT_EQ(parameters[3].at("path"), "regisseur.capabilities[2]");
  EXPECT_EQ(parameters[3].at("values"), nlohmann::json::array({"0.7"}));
  EXPECT_EQ(parameters[4].at("path"), "run.replications");
  EXPECT_EQ(j.at("scenario_name"), "default");
  EXPECT_EQ(j.at("partners").size(), 12u);
  const auto& realisation = j.at("summary").at("realisation");
  EXPECT_EQ(realisation.at("n"), 2);
  EXPECT_LE(realisation.at("min").get<double>(), realisation.at("mean").get<double>());
  EXPECT_LE(realisation.at("mean").get<double>(), realisation.at("max").get<double>());
}

TEST_F(InspectCommand, GenericHdf5Tools_ReadTheFile) {
  EXPECT_EQ(run_process("h5dump -H " + quoted(good())).status, 0);
}

TEST_F(InspectCommand, TruncatedFile_ExitsTwoNamingTheFile) {
  std::string bytes = slurp(good());
  const std::string cut = scratch("cut.h5");
  std::ofstream(cut, std::ios::binary) << bytes.substr(0, bytes.size() / 2);
  const ProcessResult r = inspect(cut);
  EXPECT_EQ(r.status, 2) << r.out;
  EXPECT_NE(r.err.find(cut), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("truncated"), std::string::npos) << r.err;
}

TEST_F(InspectCommand, TextFile_ExitsTwoNamingTheFile) {
  const std::string text = scratch("notes.h5");
  std::ofstream(text) << "regiesim results, honestly\n";
  const ProcessResult r = inspect(text, " --json");
  EXPECT_EQ(r.status, 2) << r.out;
  EXPECT_NE(r.err.find(text), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("not an HDF5 file"), std::string::npos) << r.err;
  EXPECT_EQ(r.out, "") << "nothing on stdout for a refused file";
}

TEST_F(InspectCommand, MissingFile_ExitsTwoNamingTheFile) {
  const std::string missing = scratch("absent.h5");
  const ProcessResult r = inspect(missing);
  EXPECT_EQ(r.status, 2) << r.out;
  EXPECT_NE(r.err.find(missing), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("no such file"), std::string::npos) << r.err;
}

TEST_F(InspectCommand, Directory_ExitsTwo) {
  const ProcessResult r = inspect(dir_->path().string());
  EXPECT_EQ(r.status, 2) << r.out;
  EXPECT_NE(r.err.find("is a directory"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace regiesim::testing
