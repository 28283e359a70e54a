// The results file (HDF5 schema v2, docs/output.md): what the writer puts in, the reader gives
// back; the file is laid out as documented; a failed or unfinished write never leaves a file under
// the final name; and the reader refuses what is not a sound regiesim results file.
#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <hdf5.h>
#include <hdf5_hl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cmath>
#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "io/chunked_column.hpp"
#include "io/hdf5_file_check.hpp"
#include "io/results_reader.hpp"
#include "io/results_schema.hpp"
#include "io/results_writer.hpp"
#include "model/parameter_table.hpp"
#include "record/metrics.hpp"
#include "scenario/load_scenario.hpp"

namespace regiesim::io {
namespace {

namespace fs = std::filesystem;
using model::RecordLevel;
using ::testing::HasSubstr;

constexpr std::int64_t kSteps = 6;

class TempDirectory {
 public:
  TempDirectory() {
    static int counter = 0;
    path_ = fs::temp_directory_path() /
            fmt::format("regiesim_results_test_{}_{}", ::getpid(), counter++);
    fs::remove_all(path_);
    fs::create_directories(path_);
  }
  ~TempDirectory() { fs::remove_all(path_); }
  TempDirectory(const TempDirectory&) = delete;
  TempDirectory& operator=(const TempDirectory&) = delete;
  fs::path operator/(const std::string& name) const { return path_ / name; }
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

std::string slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

void write_text(const fs::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
}

int shell(const std::string& command) {
  const int raw = std::system((command + " >/dev/null 2>&1").c_str());
  return (raw != -1 && WIFEXITED(raw)) ? WEXITSTATUS(raw) : -1;
}

scenario::ScenarioSpec make_spec(RecordLevel level) {
  scenario::ScenarioSpec spec;
  spec.name = "synthetic";
  spec.description = "a hand-built scenario";
  spec.parameters = model::default_parameters();
  spec.parameters.steps = kSteps;
  spec.parameters.replications = 3;
  spec.parameters.opgave_dimensions = 2;
  spec.parameters.record_level = level;
  spec.parameters.record_agent_interval = 2;
  for (const char* name : {"gemeente", "zorg_en_veiligheid", "politie_één"})
    spec.partners.push_back({.name = name,
                             .passion = 0.5,
                             .commitment = 0.5,
                             .urgency = 0.8,
                             .capabilities = {0.9, 0.1}});
  spec.source_label = "tests/io/synthetic.toml";
  spec.source_text = "[scenario]\nname = \"synthetic\"  # café\n";
  spec.overrides = {"trust.gain=0.2", "partners.gemeente.passion=0.5"};
  return spec;
}

// The complete network on `n` partners, built by hand (rows ascending), so that these tests do
// not depend on the network generators.
network::Network complete_network(std::int32_t n) {
  network::Network net;
  net.partners = n;
  net.row_begin.push_back(0);
  for (std::int32_t i = 0; i < n; ++i) {
    for (std::int32_t j = 0; j < n; ++j) {
      if (i == j) continue;
      net.source.push_back(i);
      net.target.push_back(j);
    }
    net.row_begin.push_back(static_cast<std::int64_t>(net.target.size()));
  }
  for (std::size_t e = 0; e < net.target.size(); ++e) {
    const std::int32_t i = net.source[e], j = net.target[e];
    for (std::int64_t r = net.row_begin[j]; r < net.row_begin[j + 1]; ++r)
      if (net.target[r] == i) net.reverse.push_back(r);
  }
  return net;
}

// A run with distinct, known values everywhere its level records something.
record::RunRecord make_record(const scenario::ScenarioSpec& spec, const network::Network& net,
                              std::int64_t run) {
  const RecordLevel level = spec.parameters.record_level;
  record::RunRecord r;
  r.run_id = run;
  r.replication = run;
  r.seed = random::RunSeed{0xfedcba9876543210ULL + static_cast<std::uint64_t>(run)};
  r.steps = static_cast<std::int32_t>(spec.parameters.steps);
  for (int m = 0; m < record::kMetricCount; ++m) r.summary.push_back(m + 0.1 * run + 1.0 / 3.0);
  if (level >= RecordLevel::series) {
    for (int m = 0; m < record::kMetricCount; ++m) {
      std::vector<double> s;
      for (int t = 0; t <= r.steps; ++t) s.push_back(100.0 * m + t + 0.25 * run + 1e-17 * t);
      r.series.push_back(s);
    }
    r.events = {{2, record::EventKind::convene, record::kRegisseur, record::kWholeGroup, 1.5, 3.0},
                {5, record::EventKind::exit, 1, record::kWholeGroup, 0.0, 0.125 + run}};
    if (run % 2 == 1) r.events.push_back({6, record::EventKind::convene, -1, -1, 1.5, 2.0});
    // A synthetic producer of the ragged tables: meetings of 1 + (run + m) % 3 participants and
    // one negotiation spanning two rounds, so offsets cross from run to run.
    for (std::int32_t m = 0; m < 2 + static_cast<std::int32_t>(run); ++m) {
      const auto first = static_cast<std::int32_t>(r.meeting_participants.size());
      const auto size = static_cast<std::int32_t>(1 + (run + m) % 3);
      for (std::int32_t i = 0; i < size; ++i) r.meeting_participants.push_back(i);
      r.meetings.push_back({m + 1, m, static_cast<record::MeetingMode>(m % 3),
                            static_cast<record::Convener>(m % 2), first, size});
    }
    for (std::int32_t round = 0; round < 2; ++round) {
      const auto first_participant = static_cast<std::int32_t>(r.negotiation_participants.size());
      const auto first_share = static_cast<std::int32_t>(r.negotiation_shares.size());
      r.negotiation_participants.insert(r.negotiation_participants.end(), {0, 2});
      r.negotiation_shares.insert(r.negotiation_shares.end(), {0.25 + run, 0.75, 0.5 + round, 0.5});
      r.negotiations.push_back({round + 2, 0, round, record::NegotiationProtocol::zeuthen,
                                round + 1, round == 1, -1.5 - run, 0.125 * round, first_participant,
                                2, first_share, 4});
    }
  }
  if (level >= RecordLevel::agents) {
    r.sample_steps = {0, 2, 4, 6};
    const std::size_t samples = r.sample_steps.size();
    const auto partners = static_cast<std::size_t>(spec.partner_count());
    for (int v = 0; v < record::kAgentVariableCount; ++v) {
      std::vector<double> a;
      for (std::size_t s = 0; s < samples; ++s)
        for (std::size_t i = 0; i < partners; ++i) a.push_back(v + 0.1 * s + 0.01 * i + run);
      r.agents.push_back(a);
    }
  }
  if (level >= RecordLevel::full) {
    for (std::size_t s = 0; s < r.sample_steps.size(); ++s)
      for (std::int64_t e = 0; e < net.edge_count(); ++e)
        r.trust.push_back(0.5 + 0.01 * static_cast<double>(e) + 0.001 * s + run);
  }
  return r;
}

// A run that failed before it recorded anything: only its identity and the reason.
record::RunRecord failed_record(std::int64_t run) {
  record::RunRecord r;
  r.run_id = run;
  r.replication = run;
  r.seed = random::RunSeed{42 + static_cast<std::uint64_t>(run)};
  r.status = record::RunStatus::failed;
  r.failure_reason = "trust left its range at step 3 (ĳ: NaN)";
  r.steps = static_cast<std::int32_t>(kSteps);
  return r;
}

Manifest make_manifest() {
  return {"0.1.0-test", "0123456789abcdef", 20240607, 3};
}
Provenance make_provenance() {
  return {"regiesim run synthetic.toml -o out.h5", "2026-01-02T03:04:05Z", "testhost", 2};
}

// Writes `records` for `spec` to `path` and commits.
void write_file(const fs::path& path, const scenario::ScenarioSpec& spec,
                const network::Network& net, const std::vector<record::RunRecord>& records,
                const Provenance& provenance = make_provenance()) {
  ResultsWriter writer(path, spec, net, make_manifest(), provenance);
  for (const auto& r : records) writer.append(r);
  writer.commit(/*overwrite=*/true);
}

// The standard file of a level: two ok runs and one that failed in between.
std::vector<record::RunRecord> standard_runs(const scenario::ScenarioSpec& spec,
                                             const network::Network& net) {
  return {make_record(spec, net, 0), failed_record(1), make_record(spec, net, 2)};
}

fs::path standard_file(const TempDirectory& dir, RecordLevel level,
                       const std::string& name = "results.h5") {
  const auto spec = make_spec(level);
  const auto net = complete_network(spec.partner_count());
  const fs::path path = dir / name;
  write_file(path, spec, net, standard_runs(spec, net));
  return path;
}

// Raw HDF5 access for checks of the layout itself.
struct RawFile {
  explicit RawFile(const fs::path& path) : id(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT)) {}
  ~RawFile() {
    if (id >= 0) H5Fclose(id);
  }
  bool has(const char* object) const { return H5Lexists(id, object, H5P_DEFAULT) > 0; }
  hid_t id;
};

constexpr RecordLevel kLevels[] = {RecordLevel::summary, RecordLevel::series, RecordLevel::agents,
                                   RecordLevel::full};

TEST(ResultsFile, RoundTrip_GivesBackEveryRunExactly_AtEveryLevel) {
  for (RecordLevel level : kLevels) {
    SCOPED_TRACE(fmt::format("record level {}", static_cast<int>(level)));
    TempDirectory dir;
    const auto spec = make_spec(level);
    const auto net = complete_network(spec.partner_count());
    const auto runs = standard_runs(spec, net);
    write_file(dir / "r.h5", spec, net, runs);
    for (const auto& expected : runs) {
      const record::RunRecord got = read_run(dir / "r.h5", expected.run_id);
      EXPECT_EQ(got, expected) << "run " << expected.run_id;
      EXPECT_EQ(got.events, expected.events) << "run " << expected.run_id;
    }
  }
}

TEST(ResultsFile, FailedRunThatRecordedData_RoundTripsWithItsData) {
  TempDirectory dir;
  const auto spec = make_spec(RecordLevel::full);
  const auto net = complete_network(spec.partner_count());
  record::RunRecord failed = make_record(spec, net, 0);
  failed.status = record::RunStatus::failed;
  failed.failure_reason = "commitment became NaN at step 4";
  write_file(dir / "r.h5", spec, net, {failed});
  EXPECT_EQ(read_run(dir / "r.h5", 0), failed);
}

TEST(ResultsFile, RunTable_KeepsIdsSeedsStatusAndReasonsInIdOrder) {
  TempDirectory dir;
  const fs::path path = standard_file(dir, RecordLevel::series);
  const std::vector<RunInfo> runs = read_runs(path);
  ASSERT_EQ(runs.size(), 3u);
  EXPECT_EQ(runs[0], (RunInfo{0, 0, 0, 0, 0xfedcba9876543210ULL, record::RunStatus::ok, ""}));
  EXPECT_EQ(runs[1], (RunInfo{1, 0, 0, 1, 43, record::RunStatus::failed,
                              "trust left its range at step 3 (ĳ: NaN)"}));
  EXPECT_EQ(runs[2].run_id, 2);
  EXPECT_EQ(runs[2].seed, 0xfedcba9876543212ULL);
}

TEST(ResultsFile, Summary_DescribesTheFileWithoutBulkData) {
  TempDirectory dir;
  const fs::path path = standard_file(dir, RecordLevel::agents);
  const ResultsSummary s = read_summary(path);
  EXPECT_EQ(s.schema_version, 2);
  EXPECT_EQ(s.regiesim_version, "0.1.0-test");
  EXPECT_EQ(s.git_commit, "0123456789abcdef");
  EXPECT_EQ(s.scenario_name, "synthetic");
  EXPECT_EQ(s.scenario_text, "[scenario]\nname = \"synthetic\"  # café\n");
  EXPECT_THAT(s.scenario_resolved, HasSubstr("synthetic"));
  EXPECT_EQ(s.master_seed, 20240607u);
  EXPECT_EQ(s.record_level, "agents");
  EXPECT_EQ(s.runs, 3);
  EXPECT_EQ(s.runs_ok, 2);
  EXPECT_EQ(s.runs_failed, 1);
  EXPECT_EQ(s.steps, kSteps);
  EXPECT_EQ(s.partner_names,
            (std::vector<std::string>{"gemeente", "zorg_en_veiligheid", "politie_één"}));
  std::vector<std::string> declared;
  for (const auto& m : record::kMetrics) declared.emplace_back(m.name);
  EXPECT_EQ(s.metrics, declared) << "metrics in declaration order";
  EXPECT_EQ(s.metric_units.at("active_partners"), "partners");
  EXPECT_EQ(s.groups,
            (std::vector<std::string>{"manifest", "provenance", "parameters", "summary", "series",
                                      "agents", "events", "meetings", "negotiations"}));
  ASSERT_EQ(s.parameters.size(), 2u) << "the two --set paths of make_spec";
  EXPECT_EQ(s.parameters[0].path, "trust.gain");
  EXPECT_EQ(s.parameters[0].distinct_values, (std::vector<std::string>{"0.1"}))
      << "the spec's value (make_spec does not apply its overrides)";
  EXPECT_EQ(s.parameters[1].path, "partners.gemeente.passion");
  EXPECT_EQ(s.provenance.at("host"), "testhost");
  EXPECT_EQ(s.provenance.at("threads"), "2");
  EXPECT_EQ(s.provenance.at("created"), "2026-01-02T03:04:05Z");
}

TEST(ResultsFile, SummaryMetric_GivesOneValuePerRun_NaNForAFailedRunWithoutData) {
  TempDirectory dir;
  const fs::path path = standard_file(dir, RecordLevel::summary);
  const std::vector<double> v = read_summary_metric(path, "meetings");
  ASSERT_EQ(v.size(), 3u);
  EXPECT_EQ(v[0], int{record::kMeetings} + 1.0 / 3.0);
  EXPECT_TRUE(std::isnan(v[1]));
  EXPECT_EQ(v[2], int{record::kMeetings} + 0.1 * 2 + 1.0 / 3.0);
  EXPECT_THROW(read_summary_metric(path, "no_such_metric"), UnreadableFile);
}

TEST(ResultsFile, EachLevel_CreatesOnlyTheGroupsAndAxesItUses) {
  struct Expect {
    RecordLevel level;
    bool series, agents, trust;
  };
  for (Expect e : {Expect{RecordLevel::summary, false, false, false},
                   Expect{RecordLevel::series, true, false, false},
                   Expect{RecordLevel::agents, true, true, false},
                   Expect{RecordLevel::full, true, true, true}}) {
    SCOPED_TRACE(fmt::format("record level {}", static_cast<int>(e.level)));
    TempDirectory dir;
    RawFile f(standard_file(dir, e.level));
    ASSERT_GE(f.id, 0);
    for (const char* always : {"/runs", "/manifest", "/manifest/parameters", "/manifest/scenarios",
                               "/provenance", "/parameters", "/summary", "/run", "/partner"})
      EXPECT_TRUE(f.has(always)) << always;
    EXPECT_FALSE(f.has("/axes")) << "v1's sibling group of scales is gone";
    EXPECT_EQ(f.has("/series"), e.series);
    for (const char* table : {"/events", "/meetings", "/negotiations"})
      EXPECT_EQ(f.has(table), e.series) << table;
    EXPECT_EQ(f.has("/series/step"), e.series);
    EXPECT_EQ(f.has("/agents"), e.agents);
    EXPECT_EQ(f.has("/agents/sample_step"), e.agents);
    EXPECT_EQ(f.has("/trust"), e.trust);
    EXPECT_EQ(f.has("/trust/edge"), e.trust);
  }
}

TEST(ResultsFile, PerRunDatasets_AreChunkedManyRunsPerChunk_WithShuffleAndDeflate) {
  TempDirectory dir;
  RawFile f(standard_file(dir, RecordLevel::full));
  for (const char* name : {"/series/realisation", "/agents/passion", "/trust/values",
                           "/events/cost", "/meetings/participants", "/negotiations/shares"}) {
    SCOPED_TRACE(name);
    hid_t ds = H5Dopen2(f.id, name, H5P_DEFAULT);
    ASSERT_GE(ds, 0);
    hid_t dcpl = H5Dget_create_plist(ds);
    EXPECT_EQ(H5Pget_layout(dcpl), H5D_CHUNKED);
    hsize_t chunk[3] = {0, 0, 0};
    const int rank = H5Pget_chunk(dcpl, 3, chunk);
    ASSERT_GE(rank, 1);
    if (std::string(name) == "/series/realisation") {
      EXPECT_EQ(chunk[0], ChunkedColumn::kTargetChunkBytes / ((kSteps + 1) * 8))
          << "as many runs per chunk as fit in the target chunk size";
      EXPECT_EQ(chunk[1], kSteps + 1);
    }
    ASSERT_EQ(H5Pget_nfilters(dcpl), 2);
    unsigned flags = 0, level = 0;
    std::size_t n = 1;
    EXPECT_EQ(H5Pget_filter2(dcpl, 0, &flags, nullptr, nullptr, 0, nullptr, nullptr),
              H5Z_FILTER_SHUFFLE);
    EXPECT_EQ(H5Pget_filter2(dcpl, 1, &flags, &n, &level, 0, nullptr, nullptr), H5Z_FILTER_DEFLATE);
    EXPECT_EQ(level, static_cast<unsigned>(ChunkedColumn::kDeflateLevel));
    H5Pclose(dcpl);
    H5Dclose(ds);
  }
}

TEST(ResultsFile, PerRunDatasets_GrowWithTheRuns) {
  TempDirectory dir;
  RawFile f(standard_file(dir, RecordLevel::full));
  hid_t ds = H5Dopen2(f.id, "/agents/commitment", H5P_DEFAULT);
  ASSERT_GE(ds, 0);
  hid_t space = H5Dget_space(ds);
  hsize_t dims[3], max[3];
  ASSERT_EQ(H5Sget_simple_extent_dims(space, dims, max), 3);
  EXPECT_EQ(dims[0], 3u);
  EXPECT_EQ(max[0], H5S_UNLIMITED);
  EXPECT_EQ(dims[1], 4u) << "sample steps";
  EXPECT_EQ(dims[2], 3u) << "partners";
  H5Sclose(space);
  H5Dclose(ds);
}

TEST(ResultsFile, EveryAxis_IsADimensionScaleAttachedWhereItIsUsed) {
  TempDirectory dir;
  RawFile f(standard_file(dir, RecordLevel::full));
  auto open = [&](const char* name) { return H5Dopen2(f.id, name, H5P_DEFAULT); };
  // In the group of the datasets they label, where netCDF-4 readers (xarray, one group at a
  // time) find them as coordinates.
  const hid_t run = open("/run"), summary_run = open("/summary/run"),
              series_run = open("/series/run"), agents_run = open("/agents/run"),
              trust_run = open("/trust/run"), parameters_run = open("/parameters/run"),
              step = open("/series/step"), sample = open("/agents/sample_step"),
              trust_sample = open("/trust/sample_step"), partner = open("/agents/partner"),
              edge = open("/trust/edge"), end = open("/trust/end"), event = open("/events/event"),
              meeting = open("/meetings/meeting"), entry = open("/meetings/participant_entry");
  const std::vector<hid_t> all{
      run,          summary_run, series_run, agents_run, trust_run, parameters_run, step, sample,
      trust_sample, partner,     edge,       end,        event,     meeting,        entry};
  for (hid_t axis : all) {
    ASSERT_GE(axis, 0);
    EXPECT_GT(H5DSis_scale(axis), 0);
  }
  char name[32] = {};
  H5DSget_scale_name(sample, name, sizeof name);
  EXPECT_STREQ(name, "sample_step");
  struct Use {
    const char* dataset;
    std::vector<hid_t> axes;
  };
  for (const Use& use :
       {Use{"/runs", {run}}, Use{"/summary/realisation", {summary_run}},
        Use{"/series/trust_mean", {series_run, step}},
        Use{"/agents/active", {agents_run, sample, partner}},
        Use{"/trust/values", {trust_run, trust_sample, edge}}, Use{"/trust/edges", {edge, end}},
        Use{"/parameters/trust.gain", {parameters_run}}, Use{"/events/kind", {event}},
        Use{"/meetings/mode", {meeting}}, Use{"/meetings/participants", {entry}}}) {
    SCOPED_TRACE(use.dataset);
    hid_t ds = open(use.dataset);
    ASSERT_GE(ds, 0);
    for (std::size_t d = 0; d < use.axes.size(); ++d)
      EXPECT_GT(H5DSis_attached(ds, use.axes[d], static_cast<unsigned>(d)), 0) << "dim " << d;
    H5Dclose(ds);
  }
  for (hid_t axis : all) H5Dclose(axis);
}

TEST(ResultsFile, StringsAreUtf8_AndDescriptionsAndUnitsAreAttributes) {
  TempDirectory dir;
  RawFile f(standard_file(dir, RecordLevel::series));
  hid_t partner = H5Dopen2(f.id, "/partner", H5P_DEFAULT);
  hid_t type = H5Dget_type(partner);
  EXPECT_EQ(H5Tget_cset(type), H5T_CSET_UTF8);
  EXPECT_GT(H5Tis_variable_str(type), 0);
  H5Tclose(type);
  H5Dclose(partner);
  hid_t attr = H5Aopen_by_name(f.id, "/series/active_partners", "units", H5P_DEFAULT, H5P_DEFAULT);
  ASSERT_GE(attr, 0);
  type = H5Aget_type(attr);
  EXPECT_EQ(H5Tget_cset(type), H5T_CSET_UTF8);
  H5Tclose(type);
  H5Aclose(attr);
  EXPECT_GT(H5Aexists_by_name(f.id, "/summary/meetings", "summary", H5P_DEFAULT), 0);
  EXPECT_GT(H5Aexists_by_name(f.id, "/events", "description", H5P_DEFAULT), 0);
}

TEST(ResultsFile, ManifestParameters_HoldEveryDeclaredParameterAsText) {
  TempDirectory dir;
  RawFile f(standard_file(dir, RecordLevel::full));
  hid_t ds = H5Dopen2(f.id, "/manifest/parameters", H5P_DEFAULT);
  ASSERT_GE(ds, 0);
  hid_t space = H5Dget_space(ds);
  const auto n = static_cast<std::size_t>(H5Sget_simple_extent_npoints(space));
  ASSERT_EQ(n, model::parameter_table().size());
  schema::RowTypes types = schema::make_row_types();
  struct Row {
    char *path, *value, *unit, *claim;
  };
  std::vector<Row> rows(n);
  ASSERT_GE(H5Dread(ds, types.parameters.memory(), H5S_ALL, H5S_ALL, H5P_DEFAULT, rows.data()), 0);
  std::map<std::string, std::string> value;
  for (const Row& r : rows) value[r.path] = r.value;
  EXPECT_EQ(value.at("run.steps"), "6") << "integers without decimals";
  EXPECT_EQ(value.at("record.level"), "full") << "choices by name";
  EXPECT_EQ(value.at("trust.initial"),
            fmt::format("{}", model::default_parameters().trust_initial));
  EXPECT_STREQ(rows[0].path, std::string(model::parameter_table()[0].path).c_str());
  H5Dvlen_reclaim(types.parameters.memory(), space, H5P_DEFAULT, rows.data());
  H5Sclose(space);
  H5Dclose(ds);
}

TEST(ResultsFile, SameResults_GiveTheSameBytes) {
  TempDirectory dir;
  const fs::path a = standard_file(dir, RecordLevel::full, "a.h5");
  // HDF5's object times have a resolution of one second: write the second file in another one.
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));
  const fs::path b = standard_file(dir, RecordLevel::full, "b.h5");
  EXPECT_EQ(slurp(a), slurp(b)) << "no time stamps or other varying bytes in the file";
}

TEST(ResultsFile, OnlyProvenance_MayDiffer_H5diffExcludingItFindsNoDifference) {
  TempDirectory dir;
  const auto spec = make_spec(RecordLevel::full);
  const auto net = complete_network(spec.partner_count());
  const auto runs = standard_runs(spec, net);
  write_file(dir / "a.h5", spec, net, runs);
  Provenance other = make_provenance();
  other.host = "elsewhere";
  other.created = "2027-12-31T23:59:59Z";
  other.threads = 8;
  write_file(dir / "b.h5", spec, net, runs, other);
  std::vector<record::RunRecord> changed = runs;
  changed[2].series[0][3] += 1.0;
  write_file(dir / "c.h5", spec, net, changed);
  const std::string a = (dir / "a.h5").string(), b = (dir / "b.h5").string(),
                    c = (dir / "c.h5").string();
  EXPECT_EQ(shell(fmt::format("h5diff --exclude-path /provenance '{}' '{}'", a, b)), 0);
  EXPECT_EQ(shell(fmt::format("h5diff '{}' '{}'", a, b)), 1) << "provenance differs";
  EXPECT_EQ(shell(fmt::format("h5diff --exclude-path /provenance '{}' '{}'", a, c)), 1);
}

TEST(ResultsFile, GenericTools_ReadTheFile) {
  TempDirectory dir;
  const fs::path path = standard_file(dir, RecordLevel::full);
  EXPECT_EQ(shell(fmt::format("h5dump -H '{}'", path.string())), 0);
  EXPECT_EQ(shell(fmt::format("h5dump -d /events/kind '{}'", path.string())), 0);
  EXPECT_EQ(shell(fmt::format("h5dump -d /negotiations/shares '{}'", path.string())), 0);
}

TEST(ResultsWriter, WritesIntoAPartialFile_AndCommitRenamesIt) {
  TempDirectory dir;
  const auto spec = make_spec(RecordLevel::series);
  const auto net = complete_network(spec.partner_count());
  ResultsWriter writer(dir / "out.h5", spec, net, make_manifest(), make_provenance());
  EXPECT_EQ(writer.partial_path(), dir / "out.h5.partial");
  writer.append(make_record(spec, net, 0));
  EXPECT_TRUE(fs::exists(dir / "out.h5.partial"));
  EXPECT_FALSE(fs::exists(dir / "out.h5"));
  writer.commit(false);
  EXPECT_FALSE(fs::exists(dir / "out.h5.partial"));
  EXPECT_EQ(read_summary(dir / "out.h5").runs, 1);
}

TEST(ResultsWriter, DestroyedWithoutCommit_RemovesThePartialFile) {
  TempDirectory dir;
  const auto spec = make_spec(RecordLevel::full);
  const auto net = complete_network(spec.partner_count());
  {
    ResultsWriter writer(dir / "out.h5", spec, net, make_manifest(), make_provenance());
    writer.append(make_record(spec, net, 0));
    ASSERT_TRUE(fs::exists(dir / "out.h5.partial"));
  }
  EXPECT_FALSE(fs::exists(dir / "out.h5.partial"));
  EXPECT_FALSE(fs::exists(dir / "out.h5"));
}

TEST(ResultsWriter, ReplacesAStalePartialFile) {
  TempDirectory dir;
  write_text(dir / "out.h5.partial", "left over by a run that was killed");
  const fs::path path = standard_file(dir, RecordLevel::summary, "out.h5");
  EXPECT_EQ(read_summary(path).runs, 3);
  EXPECT_FALSE(fs::exists(dir / "out.h5.partial"));
}

TEST(ResultsWriter, Commit_RefusesAnExistingFileWithoutOverwrite_AndReplacesItWithOverwrite) {
  TempDirectory dir;
  const auto spec = make_spec(RecordLevel::series);
  const auto net = complete_network(spec.partner_count());
  write_text(dir / "out.h5", "an earlier result");
  ResultsWriter writer(dir / "out.h5", spec, net, make_manifest(), make_provenance());
  writer.append(make_record(spec, net, 0));
  try {
    writer.commit(false);
    FAIL() << "commit(false) replaced an existing file";
  } catch (const OutputError& e) {
    EXPECT_THAT(e.what(), HasSubstr((dir / "out.h5").string()));
    EXPECT_THAT(e.what(), HasSubstr("exists"));
  }
  EXPECT_EQ(slurp(dir / "out.h5"), "an earlier result") << "a failure never touches the file";
  writer.commit(true);
  EXPECT_EQ(read_run(dir / "out.h5", 0), make_record(spec, net, 0));
}

TEST(ResultsWriter, UnderAMissingDirectory_ThrowsOutputErrorNamingThePath) {
  TempDirectory dir;
  const auto spec = make_spec(RecordLevel::series);
  const auto net = complete_network(spec.partner_count());
  const fs::path path = dir / "no_such_directory" / "out.h5";
  try {
    ResultsWriter writer(path, spec, net, make_manifest(), make_provenance());
    FAIL() << "created a file under a missing directory";
  } catch (const OutputError& e) {
    EXPECT_THAT(e.what(), HasSubstr(path.string()));
    EXPECT_THAT(e.what(), HasSubstr("does not exist"));
  }
}

TEST(ResultsWriter, UnderARegularFile_ThrowsOutputErrorNamingThePath) {
  TempDirectory dir;
  write_text(dir / "plain", "not a directory");
  const auto spec = make_spec(RecordLevel::series);
  const auto net = complete_network(spec.partner_count());
  const fs::path path = dir / "plain" / "out.h5";
  try {
    ResultsWriter writer(path, spec, net, make_manifest(), make_provenance());
    FAIL() << "created a file under a regular file";
  } catch (const OutputError& e) {
    EXPECT_THAT(e.what(), HasSubstr(path.string()));
    EXPECT_THAT(e.what(), HasSubstr("not a directory"));
  }
}

TEST(ResultsWriter, WhenHdf5CannotCreateTheFile_TheErrorCarriesHdf5sReason) {
  TempDirectory dir;
  // A directory where the partial file should go: the directory exists, HDF5's open fails.
  fs::create_directory(dir / "out.h5.partial");
  const auto spec = make_spec(RecordLevel::series);
  const auto net = complete_network(spec.partner_count());
  try {
    ResultsWriter writer(dir / "out.h5", spec, net, make_manifest(), make_provenance());
    FAIL() << "created a file over a directory";
  } catch (const OutputError& e) {
    EXPECT_THAT(e.what(), HasSubstr((dir / "out.h5.partial").string()));
    EXPECT_THAT(e.what(), HasSubstr("cannot create the file"));
    EXPECT_THAT(e.what(), HasSubstr("Is a directory"));
  }
  EXPECT_TRUE(fs::is_directory(dir / "out.h5.partial")) << "not removed by the failure";
}

TEST(ResultsWriter, RefusesRunsOutOfOrderOrOfTheWrongShape) {
  TempDirectory dir;
  const auto spec = make_spec(RecordLevel::series);
  const auto net = complete_network(spec.partner_count());
  ResultsWriter writer(dir / "out.h5", spec, net, make_manifest(), make_provenance());
  writer.append(make_record(spec, net, 1));
  EXPECT_THROW(writer.append(make_record(spec, net, 1)), std::logic_error);
  record::RunRecord short_series = make_record(spec, net, 2);
  short_series.series[3].pop_back();
  EXPECT_THROW(writer.append(short_series), std::logic_error);
}

// --- reading an untrusted file (design decision 14) ---

std::string unreadable_message(const fs::path& path) {
  try {
    read_summary(path);
  } catch (const UnreadableFile& e) {
    return e.what();
  }
  return "(read without complaint)";
}

TEST(ResultsReader, RefusesAMissingFile) {
  TempDirectory dir;
  const std::string m = unreadable_message(dir / "absent.h5");
  EXPECT_THAT(m, HasSubstr((dir / "absent.h5").string()));
  EXPECT_THAT(m, HasSubstr("no such file"));
}

TEST(ResultsReader, RefusesADirectory) {
  TempDirectory dir;
  EXPECT_THAT(unreadable_message(dir.path()), HasSubstr("is a directory"));
}

TEST(ResultsReader, RefusesATextFile) {
  TempDirectory dir;
  write_text(dir / "notes.h5", "this is not HDF5\n");
  EXPECT_THAT(unreadable_message(dir / "notes.h5"), HasSubstr("not an HDF5 file"));
  write_text(dir / "empty.h5", "");
  EXPECT_THAT(unreadable_message(dir / "empty.h5"), HasSubstr("not an HDF5 file"));
}

TEST(ResultsReader, RefusesAFileTruncatedAtHalf_SayingHowLongItShouldBe) {
  TempDirectory dir;
  const fs::path good = standard_file(dir, RecordLevel::full);
  const std::string bytes = slurp(good);
  write_text(dir / "half.h5", bytes.substr(0, bytes.size() / 2));
  EXPECT_THAT(unreadable_message(dir / "half.h5"),
              HasSubstr(fmt::format("truncated: the superblock says {} bytes, the file has {}",
                                    bytes.size(), bytes.size() / 2)));
  write_text(dir / "head.h5", bytes.substr(0, 20));
  EXPECT_THAT(unreadable_message(dir / "head.h5"), HasSubstr("truncated"));
  EXPECT_THROW(read_run(dir / "half.h5", 0), UnreadableFile);
}

TEST(ResultsReader, RefusesAnHdf5FileWithoutTheSchemaAttribute) {
  TempDirectory dir;
  const fs::path path = dir / "plain.h5";
  hid_t f = H5Fcreate(path.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT);
  ASSERT_GE(f, 0);
  H5Fclose(f);
  EXPECT_THAT(unreadable_message(path), HasSubstr("not a regiesim results file"));
}

// Rewrites one root attribute of a good file with the C API.
void set_root_attribute(const fs::path& path, const char* name, std::int32_t value) {
  hid_t f = H5Fopen(path.c_str(), H5F_ACC_RDWR, H5P_DEFAULT);
  ASSERT_GE(f, 0);
  hid_t a = H5Aopen(f, name, H5P_DEFAULT);
  ASSERT_GE(a, 0);
  ASSERT_GE(H5Awrite(a, H5T_NATIVE_INT32, &value), 0);
  H5Aclose(a);
  H5Fclose(f);
}

TEST(ResultsReader, RefusesAFileOfANewerSchemaVersion) {
  TempDirectory dir;
  const fs::path path = standard_file(dir, RecordLevel::summary);
  set_root_attribute(path, "schema_version", 3);
  EXPECT_THAT(unreadable_message(path),
              HasSubstr("written by a newer regiesim: schema version 3, this build reads 2"));
}

TEST(ResultsReader, RefusesAVersion1File_NamingItsVersion) {
  TempDirectory dir;
  const fs::path path = standard_file(dir, RecordLevel::summary);
  set_root_attribute(path, "schema_version", 1);
  const std::string message = unreadable_message(path);
  EXPECT_THAT(message, HasSubstr("schema version 1"));
  EXPECT_THAT(message, HasSubstr("this build reads version 2"));
  EXPECT_THAT(message, HasSubstr("0.1.0-test")) << "which regiesim wrote it";
}

TEST(ResultsFile, Parameters_HoldEveryOverriddenOrVaryingValuePerRun_ChoicesAsEnums) {
  TempDirectory dir;
  // Two arms: one differs in trust.loss (a real) and activation (a choice); the second arm was
  // also given a --set of meetings.probability. Point 0, arms 0 and 1, two replications each.
  std::vector<scenario::ScenarioSpec> arms{make_spec(RecordLevel::summary),
                                           make_spec(RecordLevel::summary)};
  arms[0].overrides.clear();
  arms[1].overrides = {"meetings.probability=0.3"};
  arms[1].parameters.trust_loss = 0.3;
  arms[1].parameters.activation = model::Activation::synchronous;
  arms[1].parameters.meetings_probability = 0.3;
  const auto net = complete_network(arms[0].partner_count());
  {
    ResultsWriter writer(dir / "arms.h5", FileScenarios{arms, 2}, net, make_manifest(),
                         make_provenance());
    for (std::int64_t id = 0; id < 4; ++id) {
      record::RunRecord r = make_record(arms[0], net, id);
      r.arm = static_cast<std::int32_t>(id % 2);
      r.replication = id / 2;
      writer.append(r);
    }
    writer.commit(true);
  }
  const ResultsSummary s = read_summary(dir / "arms.h5");
  EXPECT_EQ(s.arms, 2);
  EXPECT_EQ(s.points, 1);
  std::map<std::string, std::vector<std::string>> values;
  for (const RecordedParameter& p : s.parameters) values[p.path] = p.distinct_values;
  EXPECT_EQ(values.size(), 3u);
  EXPECT_EQ(values["trust.loss"],
            (std::vector<std::string>{fmt::format("{}", arms[0].parameters.trust_loss), "0.3"}));
  EXPECT_EQ(values["run.activation"],
            (std::vector<std::string>{"random_sequential", "synchronous"}))
      << "a choice by its name";
  EXPECT_EQ(values["meetings.probability"].size(), 2u);
  RawFile f(dir / "arms.h5");
  hid_t ds = H5Dopen2(f.id, "/parameters/run.activation", H5P_DEFAULT);
  ASSERT_GE(ds, 0);
  hid_t type = H5Dget_type(ds);
  EXPECT_EQ(H5Tget_class(type), H5T_ENUM);
  std::int32_t per_run[4] = {};
  ASSERT_GE(H5Dread(ds, H5T_NATIVE_INT32, H5S_ALL, H5S_ALL, H5P_DEFAULT, per_run), 0);
  EXPECT_EQ(per_run[0], 0);
  EXPECT_EQ(per_run[1], 2);
  EXPECT_EQ(per_run[2], 0);
  EXPECT_EQ(per_run[3], 2);
  H5Tclose(type);
  H5Dclose(ds);
  ASSERT_EQ(read_run_origin(dir / "arms.h5", 3).scenario_resolved, scenario::resolved_toml(arms[1]))
      << "the manifest keeps each arm's resolved scenario";
}

TEST(ResultsReader, RefusesAnotherSchema) {
  TempDirectory dir;
  const fs::path path = standard_file(dir, RecordLevel::summary);
  hid_t f = H5Fopen(path.c_str(), H5F_ACC_RDWR, H5P_DEFAULT);
  ASSERT_GE(f, 0);
  ASSERT_GE(H5Adelete(f, "schema"), 0);
  hid_t type = H5Tcopy(H5T_C_S1);
  H5Tset_size(type, 5);
  hid_t space = H5Screate(H5S_SCALAR);
  hid_t a = H5Acreate2(f, "schema", type, space, H5P_DEFAULT, H5P_DEFAULT);
  ASSERT_GE(H5Awrite(a, type, "other"), 0);
  H5Aclose(a);
  H5Sclose(space);
  H5Tclose(type);
  H5Fclose(f);
  EXPECT_THAT(unreadable_message(path),
              HasSubstr("not a regiesim results file (schema \"other\")"));
}

TEST(ResultsReader, RefusesAMissingRun) {
  TempDirectory dir;
  const fs::path path = standard_file(dir, RecordLevel::summary);
  EXPECT_THROW(read_run(path, 7), UnreadableFile);
}

// A file damaged past its superblock can crash HDF5 itself; inspect reads it in a child first.
TEST(ResultsReader, ReadInChildProcess_TurnsACrashIntoUnreadableFile) {
  try {
    read_in_child_process("damaged.h5", 30, [] { std::raise(SIGSEGV); });
    FAIL() << "a crash in the child went unnoticed";
  } catch (const UnreadableFile& e) {
    EXPECT_THAT(e.what(), HasSubstr("damaged.h5: damaged: reading it crashed HDF5"));
  }
}

TEST(ResultsReader, ReadInChildProcess_TurnsAHangIntoUnreadableFile) {
  try {
    read_in_child_process("slow.h5", 1, [] { ::pause(); });
    FAIL() << "a hang in the child went unnoticed";
  } catch (const UnreadableFile& e) {
    EXPECT_THAT(e.what(), HasSubstr("slow.h5: damaged: HDF5 did not finish reading it within 1 s"));
  }
}

TEST(ResultsReader, ProbeInChildProcess_PassesGoodFiles_AndLeavesOrdinaryRefusalsToTheReads) {
  TempDirectory dir;
  const fs::path good = standard_file(dir, RecordLevel::full);
  EXPECT_NO_THROW(probe_in_child_process(good));
  EXPECT_NO_THROW(probe_in_child_process(dir / "absent.h5"));
  EXPECT_NO_THROW(read_in_child_process(good, 30, [] { throw UnreadableFile("refused"); }));
}

// Superblock versions 2 and 3 carry a checksum (Jenkins' lookup3); a file written with the
// latest format must pass, and one with a damaged superblock must not.
TEST(Hdf5FileCheck, AcceptsTheLatestSuperblock_AndRefusesADamagedOne) {
  TempDirectory dir;
  const fs::path path = dir / "latest.h5";
  hid_t fapl = H5Pcreate(H5P_FILE_ACCESS);
  H5Pset_libver_bounds(fapl, H5F_LIBVER_LATEST, H5F_LIBVER_LATEST);
  hid_t f = H5Fcreate(path.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, fapl);
  ASSERT_GE(f, 0);
  H5Fclose(f);
  H5Pclose(fapl);
  const SuperblockFacts facts = check_hdf5_file(path);
  EXPECT_GE(facts.version, 2);
  EXPECT_EQ(facts.offset_size, 8);
  EXPECT_EQ(facts.end_of_file, fs::file_size(path));

  std::string bytes = slurp(path);
  bytes[9 + 2 + 1 + 8 + 2] ^= 0x01;  // a bit of the superblock extension address
  write_text(dir / "damaged.h5", bytes);
  EXPECT_THROW(check_hdf5_file(dir / "damaged.h5"), UnreadableFile);
}

TEST(Hdf5FileCheck, ReadsTheVersion0SuperblockOfOurOwnFiles) {
  TempDirectory dir;
  const fs::path path = standard_file(dir, RecordLevel::summary);
  const SuperblockFacts facts = check_hdf5_file(path);
  EXPECT_LE(facts.version, 1);
  EXPECT_EQ(facts.base_address, 0u);
  EXPECT_EQ(facts.end_of_file, fs::file_size(path));
}

TEST(Hdf5FileCheck, Lookup3_MatchesTheReferenceValues) {
  // From Bob Jenkins' lookup3.c driver5(): hashlittle("", 0, 0) and "Four score and seven years
  // ago" with initial values 0 and 1.
  EXPECT_EQ(lookup3_checksum(nullptr, 0, 0), 0xdeadbeefu);
  const std::string s = "Four score and seven years ago";
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  EXPECT_EQ(lookup3_checksum(p, s.size(), 0), 0x17770551u);
  EXPECT_EQ(lookup3_checksum(p, s.size(), 1), 0xcd628161u);
}

}  // namespace
}  // namespace regiesim::io
