// `regiesim sweep` end to end, as a researcher runs it (design decision 1, 11; docs/sweeps.md): the
// example grid scenarios/sweeps/trust_grid.toml on a short horizon with few replications, so the
// suite stays fast. The file must not depend on -j, and /design and /parameters must say what the
// sweep file says.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <set>
#include <utility>

#include "design/precision_rule.hpp"
#include "integration/sweep_support.hpp"
#include "io/hdf5_handle.hpp"
#include "io/results_reader.hpp"
#include "record/metrics.hpp"
#include "support/process.hpp"

namespace regiesim::testing {
namespace {

namespace h5 = io::h5;

// A whole dataset of doubles or int64 (row-major).
template <typename T>
std::vector<T> read_dataset(const std::string& path, const std::string& name) {
  h5::Handle file = h5::file_handle(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), "open",
                                    "the results file");
  h5::Handle dataset = h5::open_dataset(file.id(), name);
  const auto dims = h5::dataset_dims(dataset.id());
  std::size_t n = 1;
  for (const auto d : dims) n *= d;
  std::vector<T> values(n);
  if (n > 0)
    h5::read_block(dataset.id(), std::is_same_v<T, double> ? H5T_NATIVE_DOUBLE : H5T_NATIVE_INT64,
                   std::vector<hsize_t>(dims.size(), 0), dims, values.data());
  return values;
}

// The names of an enum dataset's values (the design's roles).
std::vector<std::string> read_enum_names(const std::string& path, const std::string& name) {
  h5::Handle file = h5::file_handle(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), "open",
                                    "the results file");
  h5::Handle dataset = h5::open_dataset(file.id(), name);
  h5::Handle type = h5::datatype_handle(H5Dget_type(dataset.id()), "get", "the type");
  const auto dims = h5::dataset_dims(dataset.id());
  // Any base integer size (roles are int8, choices in /parameters int32): the file's own type.
  const std::size_t size = H5Tget_size(type.id());
  std::vector<unsigned char> raw(dims.at(0) * size);
  h5::read_block(dataset.id(), type.id(), {0}, dims, raw.data());
  std::vector<std::string> names;
  for (std::size_t i = 0; i < dims.at(0); ++i) {
    char buffer[64] = {};
    H5Tenum_nameof(type.id(), raw.data() + i * size, buffer, sizeof buffer);
    names.emplace_back(buffer);
  }
  return names;
}

std::vector<std::string> read_string_dataset(const std::string& path, const std::string& name) {
  h5::Handle file = h5::file_handle(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), "open",
                                    "the results file");
  return h5::read_strings(h5::open_dataset(file.id(), name).id());
}

// A dataset of fixed-length strings (the manifest's point assignments), row-major.
std::vector<std::string> read_fixed_strings(const std::string& path, const std::string& name) {
  h5::Handle file = h5::file_handle(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), "open",
                                    "the results file");
  h5::Handle dataset = h5::open_dataset(file.id(), name);
  h5::Handle type = h5::datatype_handle(H5Dget_type(dataset.id()), "get", "the type");
  const std::size_t width = H5Tget_size(type.id());
  const auto dims = h5::dataset_dims(dataset.id());
  std::size_t n = 1;
  for (const auto d : dims) n *= d;
  std::vector<char> raw(n * width);
  h5::read_block(dataset.id(), type.id(), std::vector<hsize_t>(dims.size(), 0), dims, raw.data());
  std::vector<std::string> out;
  for (std::size_t i = 0; i < n; ++i)
    out.emplace_back(raw.data() + i * width, strnlen(raw.data() + i * width, width));
  return out;
}

TEST(SweepCommand, TrustGrid_OneAndTwoThreads_GiveIdenticalFiles) {
  TempDir dir;
  const std::string file = trust_grid(dir, 2);
  const auto j1 = sweep(file, dir / "j1.h5", "-j 1");
  ASSERT_EQ(j1.status, 0) << j1.err;
  const auto j2 = sweep(file, dir / "j2.h5", "-j 2");
  ASSERT_EQ(j2.status, 0) << j2.err;
  EXPECT_EQ(h5diff(dir / "j1.h5", dir / "j2.h5"), 0);
  const auto summary = io::read_summary(dir / "j1.h5");
  EXPECT_EQ(summary.runs, 20 * 2);
  EXPECT_EQ(summary.runs_ok, 20 * 2);
  EXPECT_EQ(summary.points, 20);
  // The per-point report: every point's line, with its coefficient of variation and half-width.
  EXPECT_NE(j1.out.find("+-95%"), std::string::npos) << j1.out;
  EXPECT_NE(j1.out.find("trust.gain=0.2 meetings.probability=0.3"), std::string::npos) << j1.out;
}

// design decision 20: any run of a sweep, at any point, redone alone from the file gives the same
// run.
TEST(SweepCommand, AnyRunRedoneFromTheFile_IsIdentical_AtAPointOtherThanTheFirst) {
  TempDir dir;
  ASSERT_EQ(sweep(trust_grid(dir, 2), dir / "grid.h5", "-j 2").status, 0);
  const auto runs = io::read_runs(dir / "grid.h5");
  ASSERT_GT(runs.size(), 10u);
  const io::RunInfo& late = runs[runs.size() - 3];
  ASSERT_GT(late.point, 0);
  const auto redo = run_process(kBinary + " run --from " + (dir / "grid.h5") + " --run " +
                                std::to_string(late.run_id) + " -o " + (dir / "redo.h5"));
  ASSERT_EQ(redo.status, 0) << redo.err;
  EXPECT_EQ(io::read_run(dir / "redo.h5", late.run_id), io::read_run(dir / "grid.h5", late.run_id));
  const auto again = run_process(kBinary + " run --from " + (dir / "redo.h5") + " --run " +
                                 std::to_string(late.run_id) + " -o " + (dir / "again.h5"));
  ASSERT_EQ(again.status, 0) << again.err << " (a redo file can be redone too)";
  EXPECT_EQ(io::read_run(dir / "again.h5", late.run_id),
            io::read_run(dir / "grid.h5", late.run_id));
}

// A sweep over the network itself: every point runs on its own ties, made by the worker that runs
// it; -j does not change the file, and a run redone from the file uses the same ties.
TEST(SweepCommand, NetworkSwept_PointsRunOnTheirOwnTies_WhateverTheThreads) {
  TempDir dir;
  std::ofstream(dir / "ring.toml") << "extends = \"" << kSourceDir
                                   << "/scenarios/default.toml\"\n[run]\nsteps = 26\n"
                                      "[network]\nkind = \"small_world\"\nneighbours = 4\n";
  std::ofstream(dir / "network.toml") << R"(
[sweep]
scenario = "ring.toml"
replications = 2
seed = 11
[design]
kind = "grid"
[[parameters]]
path = "network.neighbours"
values = [2, 6]
[[parameters]]
path = "trust.gain"
values = [0.05, 0.2]
)";
  const std::string file = dir / "network.toml";
  ASSERT_EQ(sweep(file, dir / "j1.h5", "-j 1").status, 0);
  ASSERT_EQ(sweep(file, dir / "j2.h5", "-j 2").status, 0);
  EXPECT_EQ(h5diff(dir / "j1.h5", dir / "j2.h5"), 0);
  const auto runs = io::read_runs(dir / "j1.h5");
  ASSERT_EQ(runs.size(), 8u);
  ASSERT_EQ(runs[5].point, 2);  // network.neighbours 6, trust.gain 0.05
  const auto redo =
      run_process(kBinary + " run --from " + (dir / "j1.h5") + " --run 5 -o " + (dir / "redo.h5"));
  ASSERT_EQ(redo.status, 0) << redo.err;
  EXPECT_EQ(io::read_run(dir / "redo.h5", 5), io::read_run(dir / "j1.h5", 5));
  // Other ties give other runs at the same seed (the comparison above can fail).
  EXPECT_NE(io::read_run(dir / "j1.h5", 1).summary, io::read_run(dir / "j1.h5", 5).summary);
}

// network.per_replication in a sweep: replication r of every point runs on r's own network, made
// by the worker from the run seed; -j does not change the file and a run redone from the file at
// a later point is identical (ODD section 9, gap 1).
TEST(SweepCommand, PerReplicationNetworks_OneAndTwoThreads_GiveIdenticalFiles) {
  TempDir dir;
  std::ofstream(dir / "ring.toml") << "extends = \"" << kSourceDir
                                   << "/scenarios/default.toml\"\n[run]\nsteps = 26\n"
                                      "[network]\nkind = \"small_world\"\nrewiring = 0.3\n"
                                      "per_replication = true\n";
  std::ofstream(dir / "gain.toml") << R"(
[sweep]
scenario = "ring.toml"
replications = 3
seed = 11
[design]
kind = "grid"
[[parameters]]
path = "trust.gain"
values = [0.05, 0.2]
)";
  const std::string file = dir / "gain.toml";
  const auto j1 = sweep(file, dir / "j1.h5", "-j 1");
  ASSERT_EQ(j1.status, 0) << j1.err;
  ASSERT_EQ(sweep(file, dir / "j2.h5", "-j 2").status, 0);
  EXPECT_EQ(h5diff(dir / "j1.h5", dir / "j2.h5"), 0);
  const auto runs = io::read_runs(dir / "j1.h5");
  ASSERT_EQ(runs.size(), 6u);
  ASSERT_EQ(runs[4].point, 1);
  const auto redo =
      run_process(kBinary + " run --from " + (dir / "j1.h5") + " --run 4 -o " + (dir / "redo.h5"));
  ASSERT_EQ(redo.status, 0) << redo.err;
  EXPECT_EQ(io::read_run(dir / "redo.h5", 4), io::read_run(dir / "j1.h5", 4));
}

TEST(SweepCommand, AnotherSeed_GivesAnotherFile) {
  // The comparison above can fail: the same grid under another master seed differs.
  TempDir dir;
  const std::string a = trust_grid(dir, 2);
  const std::string b = write_sweep(dir, replace(slurp(kTrustGrid), "seed = 20261122", "seed = 7"),
                                    2, "other_seed.toml");
  ASSERT_EQ(sweep(a, dir / "a.h5").status, 0);
  ASSERT_EQ(sweep(b, dir / "b.h5").status, 0);
  EXPECT_EQ(h5diff(dir / "a.h5", dir / "b.h5"), 1);
}

TEST(SweepCommand, DesignAndParameters_SayWhatTheSweepFileSays) {
  TempDir dir;
  const std::string file = trust_grid(dir, 2);
  const std::string out = dir / "grid.h5";
  ASSERT_EQ(sweep(file, out).status, 0);

  // trust_grid.toml: trust.gain in {0.05, 0.1, 0.15, 0.2} x meetings.probability at 5 points
  // evenly spaced in log between 0.02 and 0.3, the last parameter varying fastest.
  const std::vector<double> gains{0.05, 0.1, 0.15, 0.2};
  std::vector<double> probabilities;
  for (int j = 0; j < 5; ++j)
    probabilities.push_back(std::exp(std::log(0.02) + j / 4.0 * (std::log(0.3) - std::log(0.02))));

  EXPECT_EQ(read_string_dataset(out, "design/factor"),
            (std::vector<std::string>{"trust.gain", "meetings.probability"}));
  const auto points = read_dataset<std::int64_t>(out, "design/point");
  const auto values = read_dataset<double>(out, "design/value");
  const auto coordinates = read_dataset<double>(out, "design/coordinates");
  const auto roles = read_enum_names(out, "design/role");
  ASSERT_EQ(points.size(), 20u);
  ASSERT_EQ(values.size(), 40u);
  for (std::size_t p = 0; p < 20; ++p) {
    EXPECT_EQ(points[p], static_cast<std::int64_t>(p));
    EXPECT_EQ(roles[p], "grid");
    EXPECT_NEAR(values[2 * p], gains[p / 5], 1e-12) << p;
    EXPECT_NEAR(values[2 * p + 1], probabilities[p % 5], 1e-12) << p;
    EXPECT_NEAR(coordinates[2 * p + 1], (p % 5) / 4.0, 1e-12) << p;
  }

  // /parameters per run: the values of its point; /runs: ids point-major, common random numbers.
  const auto runs = io::read_runs(out);
  const auto gain = read_dataset<double>(out, "parameters/trust.gain");
  const auto probability = read_dataset<double>(out, "parameters/meetings.probability");
  ASSERT_EQ(runs.size(), 40u);
  for (std::size_t i = 0; i < runs.size(); ++i) {
    const io::RunInfo& r = runs[i];
    EXPECT_EQ(r.run_id, static_cast<std::int64_t>(i));
    EXPECT_EQ(r.point, r.run_id / 2);
    EXPECT_EQ(r.replication, r.run_id % 2);
    EXPECT_EQ(r.seed, runs[static_cast<std::size_t>(r.replication)].seed) << "same seed per rep";
    EXPECT_NEAR(gain[i], gains[static_cast<std::size_t>(r.point) / 5], 1e-12);
    EXPECT_NEAR(probability[i], probabilities[static_cast<std::size_t>(r.point) % 5], 1e-12);
  }
  EXPECT_NE(runs[0].seed, runs[1].seed);
}

TEST(SweepCommand, DesignOnly_WritesTheDesignAndNoRuns) {
  TempDir dir;
  const std::string file = trust_grid(dir, 2);
  const auto r = sweep(file, dir / "design.h5", "--design-only");
  ASSERT_EQ(r.status, 0) << r.err;
  const auto summary = io::read_summary(dir / "design.h5");
  EXPECT_EQ(summary.runs, 0);
  EXPECT_EQ(summary.points, 20);
  EXPECT_EQ(read_dataset<double>(dir / "design.h5", "design/value").size(), 40u);
  // The manifest: the base once, and per point the assignments that make its scenario from it,
  // which say the point's values exactly (they read back to /design/value's doubles).
  EXPECT_EQ(read_string_dataset(dir / "design.h5", "manifest/scenarios").size(), 1u);
  const auto assignments = read_fixed_strings(dir / "design.h5", "manifest/point_assignments");
  const auto values = read_dataset<double>(dir / "design.h5", "design/value");
  ASSERT_EQ(assignments.size(), 40u);
  for (std::size_t i = 0; i < assignments.size(); ++i) {
    const std::string path = i % 2 == 0 ? "trust.gain=" : "meetings.probability=";
    ASSERT_EQ(assignments[i].rfind(path, 0), 0u) << assignments[i];
    EXPECT_EQ(std::strtod(assignments[i].c_str() + path.size(), nullptr), values[i]) << i;
  }
  // The same design as a full sweep's.
  ASSERT_EQ(sweep(file, dir / "full.h5").status, 0);
  EXPECT_EQ(read_dataset<double>(dir / "design.h5", "design/value"),
            read_dataset<double>(dir / "full.h5", "design/value"));
}

// Issue 16: a sweep's memory and file stay flat in the number of points. A file kept one resolved
// scenario per point (about 5 KB that HDF5 cannot compress); the base once and a few bytes per
// point now. 20000 points of a Latin hypercube, the design only.
TEST(SweepCommand, ManyPoints_CostAFewBytesEachInTheFile) {
  TempDir dir;
  std::string text =
      replace(slurp(kTrustGrid), "kind = \"grid\"", "kind = \"latin_hypercube\"\nsamples = 20000");
  text = replace(text, "values = [0.05, 0.1, 0.15, 0.2]", "range = [0.05, 0.2]");
  text = replace(text, "points = 5", "");
  const std::string file = write_sweep(dir, text, 1, "lhs.toml");
  const auto r = sweep(file, dir / "lhs.h5", "--design-only");
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(io::read_summary(dir / "lhs.h5").points, 20000);
  // /design holds 73 bytes a point uncompressed (role, column, base index, step, coordinates
  // and values of 2 factors); the rest of the file is independent of the points.
  EXPECT_LT(std::filesystem::file_size(dir / "lhs.h5"), 20000u * 100u + 1'000'000u);
}

TEST(SweepCommand, Inspect_OfManyPoints_ShowsTheFirstValuesAndCountsTheRest) {
  TempDir dir;
  std::string text =
      replace(slurp(kTrustGrid), "kind = \"grid\"", "kind = \"latin_hypercube\"\nsamples = 300");
  text = replace(text, "values = [0.05, 0.1, 0.15, 0.2]", "range = [0.05, 0.2]");
  text = replace(text, "points = 5", "");
  const std::string file = write_sweep(dir, text, 1, "lhs.toml", 2);
  ASSERT_EQ(sweep(file, dir / "lhs.h5").status, 0);
  const auto r = run_process(kBinary + " inspect " + (dir / "lhs.h5"));
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.out.find("trust.gain: 300 values: "), std::string::npos) << r.out;
  EXPECT_NE(r.out.find(", ... (292 more)"), std::string::npos) << r.out;
  // --json keeps every value for programs.
  const auto j = run_process(kBinary + " inspect --json " + (dir / "lhs.h5"));
  ASSERT_EQ(j.status, 0) << j.err;
  const nlohmann::json parsed = nlohmann::json::parse(j.out);
  bool found = false;
  for (const auto& p : parsed.at("parameters"))
    if (p.at("path") == "trust.gain") {
      found = true;
      EXPECT_EQ(p.at("values").size(), 300u);
    }
  EXPECT_TRUE(found) << j.out;
}

// One number of a per-dimension parameter is swept like any real and recorded per run in
// /parameters; the whole parameter varies with it, and is recorded as (run, dimension).
TEST(SweepCommand, OneDimensionOfRegisseurCapabilities_IsSweptAndRecorded) {
  TempDir dir;
  std::string text =
      replace(slurp(kTrustGrid), "path = \"trust.gain\"\nvalues = [0.05, 0.1, 0.15, 0.2]",
              "path = \"regisseur.capabilities[1]\"\nvalues = [0.2, 0.8]");
  text = replace(text, "points = 5", "points = 2");
  const std::string file = write_sweep(dir, text, 1, "capabilities.toml", 2);
  const auto r = sweep(file, dir / "capabilities.h5");
  ASSERT_EQ(r.status, 0) << r.err;
  const auto j = run_process(kBinary + " inspect --json " + (dir / "capabilities.h5"));
  ASSERT_EQ(j.status, 0) << j.err;
  const nlohmann::json parsed = nlohmann::json::parse(j.out);
  int found = 0;
  for (const auto& p : parsed.at("parameters")) {
    if (p.at("path") == "regisseur.capabilities[1]") {
      ++found;
      EXPECT_EQ(p.at("values"), nlohmann::json::array({"0.2", "0.8"}));
    }
    if (p.at("path") == "regisseur.capabilities") {
      ++found;
      EXPECT_EQ(p.at("values"),
                nlohmann::json::array({"[0.5, 0.2, 0.5, 0.5]", "[0.5, 0.8, 0.5, 0.5]"}));
    }
  }
  EXPECT_EQ(found, 2) << j.out;
}

TEST(SweepCommand, BadSweepFile_ExitsTwoAtFileLineColumn) {
  TempDir dir;
  const std::string file = write_sweep(
      dir, replace(slurp(kTrustGrid), "path = \"trust.gain\"", "path = \"trust.gian\""), 2);
  const auto r = sweep(file, dir / "bad.h5");
  EXPECT_EQ(r.status, 2);
  // sweep.toml:LINE:COLUMN: error:
  const auto at = r.err.find("sweep.toml:");
  ASSERT_NE(at, std::string::npos) << r.err;
  std::size_t i = at + 11, colons = 0;
  while (i < r.err.size() && ((r.err[i] >= '0' && r.err[i] <= '9') || r.err[i] == ':')) {
    colons += r.err[i] == ':' ? 1 : 0;
    ++i;
  }
  EXPECT_EQ(colons, 2u) << r.err;
  EXPECT_EQ(r.err.compare(i, 8, " error: "), 0) << r.err;
  EXPECT_FALSE(std::filesystem::exists(dir / "bad.h5"));
}

TEST(SweepCommand, UsageErrors_ExitTwo) {
  TempDir dir;
  const std::string file = trust_grid(dir, 2);
  EXPECT_EQ(run_process(kBinary + " sweep").status, 2);  // no sweep file
  EXPECT_EQ(sweep(file, dir / "x.h5", "--bogus").status, 2);
  EXPECT_EQ(sweep(file, dir / "x.h5", "-j -1").status, 2);
  EXPECT_EQ(sweep(file, dir / "x.h5", "--max-replications 8").status, 2);  // needs --precision
  EXPECT_EQ(sweep(dir / "missing.toml", dir / "x.h5").status, 2);
  EXPECT_FALSE(std::filesystem::exists(dir / "x.h5"));
}

TEST(SweepCommand, ExistingOutput_IsNotOverwrittenWithoutForce) {
  TempDir dir;
  const std::string file = trust_grid(dir, 2);
  ASSERT_EQ(sweep(file, dir / "a.h5", "--design-only").status, 0);
  EXPECT_EQ(sweep(file, dir / "a.h5", "--design-only").status, 2);
  EXPECT_EQ(sweep(file, dir / "a.h5", "--design-only --force").status, 0);
}

TEST(SweepCommand, Precision_AddsBlocksUntilTheIntervalIsNarrow_AndThreadsDecideAlike) {
  TempDir dir;
  const std::string file = trust_grid(dir, 2);  // blocks of 2 replications
  const double target = 0.001;
  const std::string flags = "--precision realisation=0.001 --max-replications 8";
  const auto j1 = sweep(file, dir / "j1.h5", flags + " -j 1");
  ASSERT_EQ(j1.status, 0) << j1.err;
  ASSERT_EQ(sweep(file, dir / "j2.h5", flags + " -j 2").status, 0);
  EXPECT_EQ(h5diff(dir / "j1.h5", dir / "j2.h5"), 0);

  // Per point, the rule of docs/sweeps.md: whole blocks, in replication order; the first block
  // whose 95% half-width is at most the target ends the point, else the cap does.
  const auto runs = io::read_runs(dir / "j1.h5");
  const auto realisation = io::read_summary_metric(dir / "j1.h5", "realisation");
  std::vector<std::vector<double>> by_point(20);
  for (std::size_t i = 0; i < runs.size(); ++i) {
    const auto point = static_cast<std::size_t>(runs[i].point);
    EXPECT_EQ(runs[i].replication, static_cast<std::int64_t>(by_point[point].size()));
    EXPECT_EQ(runs[i].run_id, runs[i].point * 8 + runs[i].replication) << "stride: the cap";
    by_point[point].push_back(realisation[i]);
  }
  std::set<std::size_t> counts;
  for (const auto& values : by_point) {
    const std::size_t n = values.size();
    counts.insert(n);
    ASSERT_EQ(n % 2, 0u);
    ASSERT_GE(n, 2u);
    ASSERT_LE(n, 8u);
    for (std::size_t k = 2; k < n; k += 2) {
      EXPECT_GT(design::mean_interval(std::span(values).first(k)).half_width, target);
    }
    if (n < 8) {
      EXPECT_LE(design::mean_interval(values).half_width, target);
    }
  }
  EXPECT_GT(counts.size(), 1u) << "the target should stop points after different blocks";
  EXPECT_NE(j1.out.find("reached"), std::string::npos) << j1.out;
}

TEST(SweepCommand, Precision_IsRefusedWithSaltelliAndMorris) {
  TempDir dir;
  for (const char* example : {"sobol_indices.toml", "morris_screening.toml"}) {
    const std::string file =
        write_sweep(dir, slurp(kSourceDir + "/scenarios/sweeps/" + example), 2, example);
    const auto r = sweep(file, dir / "x.h5", "--precision realisation=0.01");
    EXPECT_EQ(r.status, 2) << example;
    EXPECT_NE(r.err.find("refused"), std::string::npos) << r.err;
    EXPECT_FALSE(std::filesystem::exists(dir / "x.h5"));
  }
}

TEST(SweepCommand, Precision_WithAnUnknownMetric_ExitsTwo) {
  TempDir dir;
  const auto r = sweep(trust_grid(dir, 2), dir / "x.h5", "--precision realisaton=0.01");
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("did you mean 'realisation'"), std::string::npos) << r.err;
}

TEST(SweepCommand, KilledSweep_ResumesToTheFileOfAnUninterruptedOne) {
  TempDir dir;
  const std::string file = long_trust_grid(dir);
  ASSERT_EQ(sweep(file, dir / "whole.h5", "-j 1").status, 0);
  const auto killed = interrupt_sweep(file, dir / "killed.h5", "9");
  EXPECT_NE(killed.out.find("status=137"), std::string::npos) << killed.out << killed.err;
  ASSERT_FALSE(std::filesystem::exists(dir / "killed.h5")) << "the sweep ended before the kill";
  ASSERT_TRUE(std::filesystem::exists(dir / "killed.h5.journal"));

  // Without --resume the journal is not overwritten by accident.
  EXPECT_EQ(sweep(file, dir / "killed.h5").status, 2);
  const auto resumed = sweep(file, dir / "killed.h5", "--resume -j 2");
  ASSERT_EQ(resumed.status, 0) << resumed.err;
  EXPECT_NE(resumed.out.find("runs from the journal"), std::string::npos) << resumed.out;
  EXPECT_EQ(h5diff(dir / "whole.h5", dir / "killed.h5"), 0);
  EXPECT_FALSE(std::filesystem::exists(dir / "killed.h5.journal"));
  EXPECT_FALSE(std::filesystem::exists(dir / "killed.h5.partial"));
}

// "resumed: R runs from the journal, M run now": R and M, or -1s.
std::pair<long long, long long> resumed_runs(const std::string& out) {
  long long from_journal = -1;
  long long now = -1;
  const auto at = out.find("resumed: ");
  if (at != std::string::npos)
    std::sscanf(out.c_str() + at, "resumed: %lld runs from the journal, %lld run now",
                &from_journal, &now);
  return {from_journal, now};
}

// The journal keeps a run's series and its table rows as the compressed chunks the file received
// (a series chunk holds 62 runs here, 521 weeks of 8 bytes in 256 KiB; an events chunk some 12
// runs' rows): a kill loses the runs some chunk of which was not journaled, and --resume runs
// those again, and only those.
TEST(SweepCommand, KilledSeriesSweep_ResumeRunsAgainOnlyTheRunsOfChunksNotJournaled) {
  TempDir dir;
  const std::string file = long_trust_grid(dir);
  ASSERT_EQ(sweep(file, dir / "whole.h5", "-j 2").status, 0);
  interrupt_sweep(file, dir / "killed.h5", "9");
  ASSERT_FALSE(std::filesystem::exists(dir / "killed.h5")) << "the sweep ended before the kill";
  const auto resumed = sweep(file, dir / "killed.h5", "--resume -j 2");
  ASSERT_EQ(resumed.status, 0) << resumed.err;
  const auto [from_journal, now] = resumed_runs(resumed.out);
  EXPECT_GT(from_journal, 0) << resumed.out;
  EXPECT_EQ(from_journal + now, 200) << resumed.out;
  EXPECT_EQ(h5diff(dir / "whole.h5", dir / "killed.h5"), 0);
  EXPECT_FALSE(std::filesystem::exists(dir / "killed.h5.journal"));
  EXPECT_FALSE(std::filesystem::exists(dir / "killed.h5.journal.new"));
}

// At level `full` the agents and trust go through the chunks too (trust: a run a chunk, agents:
// 20), and a run counts once every column holds it.
TEST(SweepCommand, KilledFullSweep_ResumesToTheFileOfAnUninterruptedOne) {
  TempDir dir;
  const std::string file = long_trust_grid(dir);
  const std::string full = "--set record.level=full";
  ASSERT_EQ(sweep(file, dir / "whole.h5", "-j 2 " + full).status, 0);
  interrupt_sweep(file, dir / "killed.h5", "9", full);
  ASSERT_FALSE(std::filesystem::exists(dir / "killed.h5")) << "the sweep ended before the kill";
  const auto resumed = sweep(file, dir / "killed.h5", "--resume -j 2 " + full);
  ASSERT_EQ(resumed.status, 0) << resumed.err;
  const auto [from_journal, now] = resumed_runs(resumed.out);
  EXPECT_GT(from_journal, 0) << resumed.out;
  EXPECT_EQ(from_journal + now, 200) << resumed.out;
  EXPECT_EQ(h5diff(dir / "whole.h5", dir / "killed.h5"), 0);
}

// Killed again while resuming, before the new journal holds what the old one held: the old one
// stays, and a second --resume finishes from it.
TEST(SweepCommand, KilledWhileResuming_ResumesAgainFromTheOldJournal) {
  TempDir dir;
  const std::string file = long_trust_grid(dir);
  ASSERT_EQ(sweep(file, dir / "whole.h5", "-j 1").status, 0);
  interrupt_sweep(file, dir / "killed.h5", "9");
  ASSERT_TRUE(std::filesystem::exists(dir / "killed.h5.journal"));
  // Killed again a tenth of a second into the resume, while it replays the journal.
  const auto again =
      run_process("(" + kBinary + " sweep " + file + " -o " + (dir / "killed.h5") +
                  " -j 1 --resume & pid=$!; sleep 0.1; kill -9 $pid; wait $pid; echo status=$?)");
  EXPECT_NE(again.out.find("status=137"), std::string::npos) << again.out << again.err;
  ASSERT_TRUE(std::filesystem::exists(dir / "killed.h5.journal"));
  const auto resumed = sweep(file, dir / "killed.h5", "--resume -j 2");
  ASSERT_EQ(resumed.status, 0) << resumed.err;
  EXPECT_GT(resumed_runs(resumed.out).first, 0) << resumed.out;
  EXPECT_EQ(h5diff(dir / "whole.h5", dir / "killed.h5"), 0);
  EXPECT_FALSE(std::filesystem::exists(dir / "killed.h5.journal.new"));
}

// The journal of a series sweep keeps the series as the file holds them (deflated), not raw: it is
// smaller than its runs' raw series alone (46 metrics of 521 weeks, 191,728 bytes a run), which
// a journal of raw records exceeds by their tables (measured: about 300 KB a run raw, 146 KB now,
// of which the events, meetings and negotiations, still raw, are some 105 KB).
TEST(SweepCommand, StoppedSeriesSweep_JournalIsSmallerThanItsRunsRawSeriesAlone) {
  TempDir dir;
  const std::string file = long_trust_grid(dir);
  const auto stopped = interrupt_sweep(file, dir / "stopped.h5", "INT");
  long long runs = 0;
  const auto at = stopped.err.find("interrupted after ");
  ASSERT_NE(at, std::string::npos) << stopped.err;
  ASSERT_EQ(std::sscanf(stopped.err.c_str() + at, "interrupted after %lld runs", &runs), 1);
  ASSERT_GT(runs, 0);
  const double raw_series =
      static_cast<double>(runs) * static_cast<double>(record::kMetricCount) * 521 * 8;
  EXPECT_LT(static_cast<double>(std::filesystem::file_size(dir / "stopped.h5.journal")), raw_series)
      << runs << " runs";
}

TEST(SweepCommand, CtrlC_StopsCleanlyKeepingFinishedRuns_AndResumeFinishes) {
  TempDir dir;
  const std::string file = long_trust_grid(dir);
  ASSERT_EQ(sweep(file, dir / "whole.h5", "-j 1").status, 0);
  const auto stopped = interrupt_sweep(file, dir / "stopped.h5", "INT");
  EXPECT_NE(stopped.out.find("status=130"), std::string::npos) << stopped.out << stopped.err;
  EXPECT_NE(stopped.err.find("--resume"), std::string::npos) << stopped.err;
  // The message says how many of the finished runs the journal keeps whole: exactly those that
  // --resume reads back instead of running again.
  long long finished = -1;
  long long kept = -1;
  const auto at = stopped.err.find("interrupted after ");
  ASSERT_NE(at, std::string::npos) << stopped.err;
  ASSERT_EQ(std::sscanf(stopped.err.c_str() + at, "interrupted after %lld runs; %lld of them",
                        &finished, &kept),
            2)
      << stopped.err;
  EXPECT_LE(kept, finished);
  ASSERT_FALSE(std::filesystem::exists(dir / "stopped.h5"));
  EXPECT_FALSE(std::filesystem::exists(dir / "stopped.h5.partial"));
  const auto resumed = sweep(file, dir / "stopped.h5", "--resume");
  ASSERT_EQ(resumed.status, 0) << resumed.err;
  EXPECT_EQ(resumed_runs(resumed.out).first, kept) << stopped.err << resumed.out;
  EXPECT_EQ(h5diff(dir / "whole.h5", dir / "stopped.h5"), 0);
}

TEST(SweepCommand, KilledPrecisionSweep_ResumesToTheSameDecisions) {
  TempDir dir;
  const std::string file = long_trust_grid(dir);  // blocks of 10
  const std::string flags = "--precision realisation=0.002 --max-replications 20";
  ASSERT_EQ(sweep(file, dir / "whole.h5", "-j 2 " + flags).status, 0);
  interrupt_sweep(file, dir / "killed.h5", "9", flags);
  ASSERT_FALSE(std::filesystem::exists(dir / "killed.h5")) << "the sweep ended before the kill";
  const auto resumed = sweep(file, dir / "killed.h5", "--resume -j 1 " + flags);
  ASSERT_EQ(resumed.status, 0) << resumed.err;
  EXPECT_EQ(h5diff(dir / "whole.h5", dir / "killed.h5"), 0);
}

TEST(SweepCommand, Resume_RefusesTheJournalOfAnotherSweep) {
  TempDir dir;
  const std::string file = long_trust_grid(dir);
  const auto killed = interrupt_sweep(file, dir / "out.h5", "9");
  ASSERT_TRUE(std::filesystem::exists(dir / "out.h5.journal")) << killed.out << killed.err;
  const std::string journal = slurp(dir / "out.h5.journal");
  const std::string other = write_sweep(
      dir, replace(slurp(kTrustGrid), "seed = 20261122", "seed = 7"), 10, "other_seed.toml", 520);
  const auto r = sweep(other, dir / "out.h5", "--resume");
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("another sweep"), std::string::npos) << r.err;
  EXPECT_EQ(slurp(dir / "out.h5.journal"), journal) << "the journal is left as it was";

  const auto nothing = sweep(file, dir / "none.h5", "--resume");
  EXPECT_EQ(nothing.status, 2);
  EXPECT_NE(nothing.err.find("no journal"), std::string::npos) << nothing.err;
}

// A sweep sets what its runs record: the file's [base] table, then `sweep --set`, applied to the
// base scenario of every point and kept in the manifest's base text.
TEST(SweepCommand, BaseTableAndSet_ApplyToEveryPoint_SetAfterBase) {
  TempDir dir;
  // The shipped grid's [base] with another level (write_sweep drops the shipped "summary").
  const std::string text =
      replace(slurp(kTrustGrid), "record.level = \"summary\"", "record.level = \"agents\"");
  const std::string file = write_sweep(dir, text, 2, "base.toml");
  const auto based = sweep(file, dir / "agents.h5");
  ASSERT_EQ(based.status, 0) << based.err;
  EXPECT_EQ(io::read_summary(dir / "agents.h5").record_level, "agents");
  const auto r = sweep(file, dir / "series.h5", "--set record.level=series");
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(io::read_summary(dir / "series.h5").record_level, "series");
  const io::RunOrigin origin = io::read_run_origin(dir / "series.h5", 3);
  EXPECT_NE(origin.scenario_resolved.find("level = \"series\""), std::string::npos);
  const auto bad = sweep(file, dir / "x.h5", "--set record.level=sometimes");
  EXPECT_EQ(bad.status, 2);
  EXPECT_NE(bad.err.find("command line: --set #1 (record.level)"), std::string::npos) << bad.err;
}

TEST(SweepCommand, TheShippedExamplesRecordSummariesOnly) {
  for (const char* example : {"trust_grid.toml", "sobol_indices.toml", "morris_screening.toml"}) {
    const std::string text = slurp(kSourceDir + "/scenarios/sweeps/" + example);
    EXPECT_NE(text.find("[base]\nrecord.level = \"summary\""), std::string::npos) << example;
  }
}

// Choices sweep in grids: a grid over strategies runs, records the strategy per run in
// /parameters by name, and inspect shows the design with the names.
TEST(SweepCommand, AGridOverStrategies_IsSweptRecordedAndInspected) {
  TempDir dir;
  std::string text = replace(
      slurp(kTrustGrid), "path = \"trust.gain\"\nvalues = [0.05, 0.1, 0.15, 0.2]",
      "path = \"regisseur.strategy\"\nvalues = [\"facilitative\", \"controlling\", \"none\"]");
  text = replace(text, "points = 5", "points = 2");
  const std::string file = write_sweep(dir, text, 2, "strategies.toml");
  const auto r = sweep(file, dir / "s.h5");
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(io::read_summary(dir / "s.h5").points, 6);
  const auto names = read_enum_names(dir / "s.h5", "parameters/regisseur.strategy");
  ASSERT_EQ(names.size(), 12u);
  EXPECT_EQ(names[0], "facilitative");
  EXPECT_EQ(names[4], "controlling");
  EXPECT_EQ(names[8], "none");
  // /design/label: the values as people read them, a choice by its name.
  const auto labels = read_fixed_strings(dir / "s.h5", "design/label");
  ASSERT_EQ(labels.size(), 12u);
  EXPECT_EQ(labels[0], "facilitative");
  EXPECT_EQ(labels[1], "0.02");
  EXPECT_EQ(labels[10], "none");
  EXPECT_EQ(labels[11], "0.3");
  EXPECT_EQ(read_string_dataset(dir / "s.h5", "manifest/arm_names"),
            (std::vector<std::string>{"trust-grid"}));
  const auto shown =
      run_process(kBinary + " inspect " + (dir / "s.h5") + " --per-point realisation");
  ASSERT_EQ(shown.status, 0) << shown.err;
  EXPECT_NE(shown.out.find("design        grid, 6 points; 2 swept parameters"), std::string::npos)
      << shown.out;
  EXPECT_NE(
      shown.out.find("regisseur.strategy: 3 values: \"facilitative\", \"controlling\", \"none\""),
      std::string::npos)
      << shown.out;
  EXPECT_NE(shown.out.find("runs/point    2 (the sweep file asks 2)"), std::string::npos)
      << shown.out;
  EXPECT_NE(shown.out.find("realisation per design point"), std::string::npos) << shown.out;
  EXPECT_NE(shown.out.find("regisseur.strategy=\"none\", meetings.probability=0.3"),
            std::string::npos)
      << shown.out;
}

TEST(SweepCommand, FixedChoicesAreRefusedWithTheirReason_AndSobolSuggestsSaltelli) {
  TempDir dir;
  std::string text =
      replace(slurp(kTrustGrid), "path = \"trust.gain\"\nvalues = [0.05, 0.1, 0.15, 0.2]",
              "path = \"record.level\"\nvalues = [\"summary\", \"series\"]");
  auto r = sweep(write_sweep(dir, text, 2, "level.toml"), dir / "x.h5");
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("record.level may not be swept: every run of a file is recorded at one "
                       "level"),
            std::string::npos)
      << r.err;
  text = replace(slurp(kTrustGrid), "kind = \"grid\"", "kind = \"sobol\"");
  r = sweep(write_sweep(dir, text, 2, "sobol.toml"), dir / "x.h5");
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("Sobol indices are estimated from a \"saltelli\" design"), std::string::npos)
      << r.err;
}

TEST(SweepCommand, SecondOrderOutsideASaltelliDesignIsRefusedAtItsLine) {
  TempDir dir;
  const std::string text =
      replace(slurp(kTrustGrid), "kind = \"grid\"", "kind = \"grid\"\nsecond_order = true");
  const auto file = write_sweep(dir, text, 2, "grid2.toml");
  const auto r = sweep(file, dir / "x.h5");
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("grid2.toml:"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("error: second_order does not apply to a grid design"), std::string::npos)
      << r.err;
  EXPECT_FALSE(std::filesystem::exists(dir / "x.h5"));
}

TEST(SweepCommand, ResumeOfAFinishedSweep_SaysItIsComplete) {
  TempDir dir;
  const std::string file = trust_grid(dir, 1);
  ASSERT_EQ(sweep(file, dir / "done.h5").status, 0);
  const auto r = sweep(file, dir / "done.h5", "--resume");
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.out.find("is complete"), std::string::npos) << r.out;
}

TEST(SweepCommand, ResumeWithOtherSetAssignments_NamesTheFirstThatDiffers) {
  TempDir dir;
  const std::string file = long_trust_grid(dir);
  const auto killed = interrupt_sweep(file, dir / "out.h5", "9", "--set trust.loss=0.3");
  ASSERT_TRUE(std::filesystem::exists(dir / "out.h5.journal")) << killed.out << killed.err;
  const auto r = sweep(file, dir / "out.h5", "--resume --set trust.loss=0.35");
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("--set #1 differs from the interrupted sweep's (trust.loss"),
            std::string::npos)
      << r.err;
  const auto resumed = sweep(file, dir / "out.h5", "--resume --set trust.loss=0.3");
  EXPECT_EQ(resumed.status, 0) << resumed.err;
}

}  // namespace
}  // namespace regiesim::testing
