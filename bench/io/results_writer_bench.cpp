// The results writer alone: runs of the default scenario's size (recorded once, before timing)
// streamed into a file and committed, at record levels `summary` and `series`, against a plain
// sequential write of the same bytes with stdio. Bytes are the records' raw payload (doubles of
// summary and series, the rows of events and meetings and their participants), so the two
// benchmarks' bytes per second compare directly.
#include <benchmark/benchmark.h>
#include <fmt/format.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <vector>

#include "io/results_writer.hpp"
#include "model/parameter_table.hpp"
#include "network/network.hpp"
#include "sim/run.hpp"

namespace {

using namespace regiesim;
namespace fs = std::filesystem;

constexpr int kRunsPerFile = 512;
constexpr int kDistinctRecords = 32;

scenario::ScenarioSpec default_sized(model::RecordLevel level) {
  scenario::ScenarioSpec spec;
  spec.name = "bench";
  spec.parameters = model::default_parameters();
  spec.parameters.record_level = level;
  for (int i = 0; i < 12; ++i) {
    model::PartnerSpec p{.name = fmt::format("p{}", i),
                         .passion = 0.5,
                         .commitment = 0.5,
                         .urgency = 0.9,
                         .capabilities = {}};
    for (int k = 0; k < 4; ++k) p.capabilities.push_back(k == i % 4 ? 0.9 : 0.2);
    spec.partners.push_back(p);
  }
  return spec;
}

std::size_t payload_bytes(const record::RunRecord& r) {
  std::size_t bytes = r.summary.size() * sizeof(double);
  for (const auto& s : r.series) bytes += s.size() * sizeof(double);
  bytes += r.events.size() * (8 + 4 + 1 + 4 + 4 + 8 + 8);  // the columns of /events
  bytes += r.meetings.size() * (8 + 4 + 4 + 1 + 1 + 4 + 8) + r.meeting_participants.size() * 4;
  return bytes;
}

struct Fixture {
  scenario::ScenarioSpec spec;
  network::Network net;
  std::vector<record::RunRecord> records;
  std::size_t bytes_per_file = 0;

  explicit Fixture(model::RecordLevel level)
      : spec(default_sized(level)), net(network::generate(spec.parameters, 12, 1)) {
    for (int r = 0; r < kDistinctRecords; ++r)
      records.push_back(sim::run_replication(spec, net, sim::plan_replication(7, r)));
    for (int i = 0; i < kRunsPerFile; ++i)
      bytes_per_file += payload_bytes(records[i % kDistinctRecords]);
  }
};

fs::path scratch_path(const char* name) {
  return fs::temp_directory_path() / fmt::format("regiesim_bench_{}_{}.h5", name, ::getpid());
}

// range(0): record level (0 summary, 1 series)
void BM_ResultsWriter(benchmark::State& state) {
  const Fixture fixture(static_cast<model::RecordLevel>(state.range(0)));
  const fs::path path = scratch_path("writer");
  for (auto _ : state) {
    // As `regiesim run` makes it: the file knows how many runs it will hold.
    io::ResultsWriter writer(
        path, io::FileScenarios{.scenarios = {&fixture.spec, 1}, .expected_runs = kRunsPerFile},
        fixture.net, {"bench", "bench", 7, kRunsPerFile},
        {"bench", "2026-01-01T00:00:00Z", "bench", 1, 1});
    for (int i = 0; i < kRunsPerFile; ++i) {
      record::RunRecord& record =
          const_cast<record::RunRecord&>(fixture.records[i % kDistinctRecords]);
      record.run_id = i;
      writer.append(record);
    }
    writer.commit(/*overwrite=*/true);
  }
  const auto file_bytes = static_cast<double>(fs::file_size(path));
  fs::remove(path);
  state.SetItemsProcessed(state.iterations() * kRunsPerFile);
  state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(fixture.bytes_per_file));
  state.counters["payload_MiB"] = static_cast<double>(fixture.bytes_per_file) / (1024.0 * 1024.0);
  state.counters["file_MiB"] = file_bytes / (1024.0 * 1024.0);
}
BENCHMARK(BM_ResultsWriter)->Arg(0)->Arg(1)->ArgName("series")->Unit(benchmark::kMillisecond);

// The same payload written raw, record by record, with stdio: what the disk and the page cache
// alone cost.
void BM_PlainSequentialWrite(benchmark::State& state) {
  const Fixture fixture(static_cast<model::RecordLevel>(state.range(0)));
  const fs::path path = scratch_path("plain");
  for (auto _ : state) {
    std::FILE* out = std::fopen(path.c_str(), "wb");
    for (int i = 0; i < kRunsPerFile; ++i) {
      const record::RunRecord& r = fixture.records[i % kDistinctRecords];
      std::fwrite(r.summary.data(), sizeof(double), r.summary.size(), out);
      for (const auto& s : r.series) std::fwrite(s.data(), sizeof(double), s.size(), out);
      std::fwrite(r.events.data(), sizeof(record::Event), r.events.size(), out);
      std::fwrite(r.meetings.data(), sizeof(record::MeetingRecord), r.meetings.size(), out);
      std::fwrite(r.meeting_participants.data(), 4, r.meeting_participants.size(), out);
    }
    std::fclose(out);
  }
  fs::remove(path);
  state.SetItemsProcessed(state.iterations() * kRunsPerFile);
  state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(fixture.bytes_per_file));
}
BENCHMARK(BM_PlainSequentialWrite)
    ->Arg(0)
    ->Arg(1)
    ->ArgName("series")
    ->Unit(benchmark::kMillisecond);

}  // namespace
