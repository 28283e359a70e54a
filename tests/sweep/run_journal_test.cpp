// The sweep's crash-safety journal (design decision 11): runs come back exactly as they went in,
// their large columns rebuilt from the compressed chunks the results file received, a run counts
// only once its chunks are in, a tail cut short by a kill (or a damaged entry) ends the journal
// without losing the whole entries before it, and a journal is read only by the sweep whose
// manifest hash it carries.
#include "sweep/run_journal.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <limits>
#include <string>

#include "io/byte_shuffle.hpp"
#include "io/chunk_pipeline.hpp"

namespace regiesim::sweep {
namespace {

// A fresh directory for one test, removed afterwards.
class ScratchDir {
 public:
  ScratchDir() {
    static int counter = 0;
    path_ = std::filesystem::temp_directory_path() /
            ("regiesim_journal_" + std::to_string(::getpid()) + "_" + std::to_string(counter++));
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  ~ScratchDir() { std::filesystem::remove_all(path_); }
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

record::RunRecord full_record(std::int64_t id) {
  record::RunRecord r;
  r.run_id = id;
  r.point = id / 3;
  r.arm = 0;
  r.replication = id % 3;
  r.seed.value = 0x1234567890abcdefull + static_cast<std::uint64_t>(id);
  r.status = id % 2 == 0 ? record::RunStatus::ok : record::RunStatus::failed;
  r.failure_reason = id % 2 == 0 ? "" : "non-finite realisation (nan) at step 3";
  r.steps = 4;
  r.series = {{0.1, 0.2, 0.3, 0.4, 0.5 + static_cast<double>(id)}, {1, 2, 3, 4, 5}};
  r.summary = {0.5, 1.5, -2.25};
  r.sample_steps = {0, 4};
  r.agents = {{1, 2, 3, 4}, {5, 6, 7, 8}};
  r.trust = {0.25, 0.75};
  r.events = {{.step = 1,
               .kind = record::EventKind::exit,
               .source = 2,
               .target = -1,
               .cost = 0.5,
               .value = 0.125}};
  r.meetings = {{.step = 2,
                 .id = 0,
                 .mode = record::MeetingMode::negotiate,
                 .convened_by = record::Convener::spontaneous,
                 .first_participant = 0,
                 .size = 2}};
  r.meeting_participants = {3, 5};
  r.negotiations.resize(1);
  r.negotiations[0].step = 2;
  r.negotiations[0].protocol = record::NegotiationProtocol::nash;
  r.negotiation_participants = {3, 5};
  r.negotiation_shares = {0.4, 0.6};
  return r;
}

TEST(RunJournal, RunsComeBackExactlyAsWritten) {
  ScratchDir dir;
  const auto path = dir.path() / "j";
  {
    JournalWriter writer = JournalWriter::create(path, 42);
    for (std::int64_t id = 0; id < 5; ++id) writer.append(full_record(id));
  }
  JournalReader reader(path, 42);
  EXPECT_EQ(reader.whole_runs(), 5);
  for (std::int64_t id = 0; id < 5; ++id) {
    const auto r = reader.next();
    ASSERT_TRUE(r.has_value()) << id;
    EXPECT_EQ(*r, full_record(id)) << id;
  }
  EXPECT_FALSE(reader.next().has_value());
}

TEST(RunJournal, TailCutShortByAKill_EndsTheJournalAfterTheLastWholeRun) {
  ScratchDir dir;
  const auto path = dir.path() / "j";
  {
    JournalWriter writer = JournalWriter::create(path, 7);
    for (std::int64_t id = 0; id < 3; ++id) writer.append(full_record(id));
  }
  std::filesystem::resize_file(path, std::filesystem::file_size(path) - 5);  // a torn write
  JournalReader reader(path, 7);
  EXPECT_EQ(reader.whole_runs(), 2);
  EXPECT_EQ(*reader.next(), full_record(0));
  EXPECT_EQ(*reader.next(), full_record(1));
  EXPECT_FALSE(reader.next().has_value());
}

// The results file's columns as a sweep at record level `full` hands them to the journal: two
// series of 5 values (2 runs a chunk), two agent variables of 4 (3 runs a chunk), trust of 2
// (4 runs a chunk), compressed as the writer compresses them.
io::RunColumns test_columns() {
  io::RunColumns c;
  c.series = 2;
  c.agents = 2;
  c.trust = 1;
  c.columns = {{2, 5, 8, true}, {2, 5, 8, true}, {3, 4, 8, true}, {3, 4, 8, true}, {4, 2, 8, true}};
  return c;
}

// What column `column` of `runs` holds in chunk `chunk`, as the results file receives it: rows
// shuffled (HDF5's shuffle filter), NaN after the last run, deflated.
std::vector<std::byte> chunk_bytes(const io::RunColumns& columns, std::uint32_t column,
                                   std::uint64_t chunk,
                                   const std::vector<record::RunRecord>& runs) {
  const io::RunColumn& c = columns.columns[column];
  std::vector<double> rows(c.rows_per_chunk * c.row_elements,
                           std::numeric_limits<double>::quiet_NaN());
  for (std::uint64_t k = 0; k < c.rows_per_chunk; ++k) {
    const std::uint64_t run = chunk * c.rows_per_chunk + k;
    if (run >= runs.size()) break;
    const record::RunRecord& r = runs[run];
    const std::vector<double>* values = nullptr;
    if (column < columns.series)
      values = r.series.empty() ? nullptr : &r.series[column];
    else if (column < columns.series + columns.agents)
      values = r.agents.empty() ? nullptr : &r.agents[column - columns.series];
    else
      values = r.trust.empty() ? nullptr : &r.trust;
    if (values != nullptr)
      std::memcpy(rows.data() + k * c.row_elements, values->data(), c.row_elements * 8);
  }
  io::ChunkBuffer raw(io::buffer_capacity(rows.size() * 8));
  io::byte_shuffle_into(reinterpret_cast<const std::byte*>(rows.data()), raw.data(), rows.size(), 8,
                        rows.size());
  raw.set_size(rows.size() * 8);
  io::ChunkBuffer packed;
  io::deflate_chunk(raw, 1, packed);
  return {packed.data(), packed.data() + packed.size()};
}

// Runs 0..n-1 of full_record, run 3 a failed run that recorded nothing.
std::vector<record::RunRecord> column_runs(std::int64_t n) {
  std::vector<record::RunRecord> runs;
  for (std::int64_t id = 0; id < n; ++id) {
    runs.push_back(full_record(id));
    if (id == 3) {
      runs.back().series.clear();
      runs.back().agents.clear();
      runs.back().trust.clear();
    }
  }
  return runs;
}

// Appends the runs to `writer` and, as a chunk of a column fills, that chunk (the writer's order).
void journal_runs(JournalWriter& writer, const io::RunColumns& columns,
                  const std::vector<record::RunRecord>& runs) {
  for (std::size_t n = 0; n < runs.size(); ++n) {
    writer.append(runs[n]);
    for (std::uint32_t c = 0; c < columns.columns.size(); ++c)
      if ((n + 1) % columns.columns[c].rows_per_chunk == 0) {
        const auto bytes = chunk_bytes(columns, c, n / columns.columns[c].rows_per_chunk, runs);
        writer.append_chunk(c, n / columns.columns[c].rows_per_chunk, bytes);
      }
  }
}

TEST(RunJournal, ColumnsComeBackFromTheirChunks_AndARunCountsOnceEveryChunkOfItIsIn) {
  ScratchDir dir;
  const auto path = dir.path() / "j";
  const io::RunColumns columns = test_columns();
  const auto runs = column_runs(7);
  {
    JournalWriter writer = JournalWriter::create(path, 3, columns);
    journal_runs(writer, columns, runs);
    // Chunks of 2, 3 and 4 runs: runs 0..3 have all theirs (trust's first chunk ends at run 3);
    // runs 4..6 lack trust's second chunk.
    EXPECT_EQ(writer.whole_runs(), 4);
  }
  JournalReader reader(path, 3);
  EXPECT_EQ(reader.whole_runs(), 4);
  for (std::int64_t id = 0; id < 4; ++id) {
    const auto r = reader.next();
    ASSERT_TRUE(r.has_value()) << id;
    EXPECT_EQ(*r, runs[static_cast<std::size_t>(id)]) << id;
  }
  EXPECT_FALSE(reader.next().has_value()) << "run 4 has no trust chunk yet: run again";
}

TEST(RunJournal, TheColumnsDataIsNotInTheRunEntries) {
  ScratchDir dir;
  const io::RunColumns columns = test_columns();
  const auto runs = column_runs(4);
  {
    JournalWriter whole = JournalWriter::create(dir.path() / "whole", 3);
    for (const auto& r : runs) whole.append(r);
  }
  {
    JournalWriter runs_only = JournalWriter::create(dir.path() / "runs", 3, columns);
    for (const auto& r : runs) runs_only.append(r);
  }
  // Three runs of 2 x 5 + 2 x 4 + 2 values (run 3 recorded none) are 3 x 20 doubles the run
  // entries no longer hold; the column list names five columns (21 bytes each) instead of none.
  EXPECT_EQ(std::filesystem::file_size(dir.path() / "whole") -
                std::filesystem::file_size(dir.path() / "runs"),
            3 * 20 * 8 - 5 * 21)
      << "only lengths stay";
}

TEST(RunJournal, ADamagedChunkEntry_EndsTheJournalThere) {
  ScratchDir dir;
  const auto path = dir.path() / "j";
  io::RunColumns columns;
  columns.series = 1;
  columns.columns = {{2, 5, 8, true}};
  auto runs = column_runs(6);
  for (auto& r : runs) {
    if (!r.series.empty()) r.series.resize(1);
    r.agents.clear();
    r.trust.clear();
  }
  std::uintmax_t second_chunk_start = 0;
  std::uintmax_t second_chunk_end = 0;
  {
    JournalWriter writer = JournalWriter::create(path, 5, columns);
    for (std::size_t n = 0; n < runs.size(); ++n) {
      writer.append(runs[n]);
      if (n % 2 == 1) {
        writer.flush();
        if (n == 3) second_chunk_start = std::filesystem::file_size(path);
        writer.append_chunk(0, n / 2, chunk_bytes(columns, 0, n / 2, runs));
        writer.flush();
        if (n == 3) second_chunk_end = std::filesystem::file_size(path);
      }
    }
  }
  {
    JournalReader reader(path, 5);
    EXPECT_EQ(reader.whole_runs(), 6);
  }
  {
    std::fstream f(path, std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(static_cast<std::streamoff>((second_chunk_start + second_chunk_end) / 2));
    f.put('\x5a');
  }
  JournalReader reader(path, 5);
  EXPECT_EQ(reader.whole_runs(), 2) << "runs 2 and 3 lost their chunk, and what follows with it";
  EXPECT_EQ(*reader.next(), runs[0]);
  EXPECT_EQ(*reader.next(), runs[1]);
  EXPECT_FALSE(reader.next().has_value());
}

TEST(RunJournal, BatchesGoToDiskWhenTheyMakeRunsWhole) {
  ScratchDir dir;
  const auto path = dir.path() / "j";
  io::RunColumns columns;
  columns.series = 1;
  columns.columns = {{2, 5, 8, true}};
  auto runs = column_runs(2);
  for (auto& r : runs) {
    r.series.resize(1);
    r.agents.clear();
    r.trust.clear();
  }
  JournalWriter writer = JournalWriter::create(path, 1, columns);
  writer.batch_runs = 2;
  const auto header_only = std::filesystem::file_size(path);
  writer.append(runs[0]);
  writer.append(runs[1]);
  EXPECT_EQ(std::filesystem::file_size(path), header_only)
      << "two runs whose chunk is still being compressed: not whole yet, not synced";
  writer.append_chunk(0, 0, chunk_bytes(columns, 0, 0, runs));
  EXPECT_GT(std::filesystem::file_size(path), header_only);
  JournalReader reader(path, 1);
  EXPECT_EQ(reader.whole_runs(), 2);
}

TEST(RunJournal, BatchesAreOnDiskBeforeTheWriterCloses) {
  ScratchDir dir;
  const auto path = dir.path() / "j";
  JournalWriter writer = JournalWriter::create(path, 1);
  writer.batch_runs = 2;
  writer.append(full_record(0));
  const auto header_only = std::filesystem::file_size(path);
  writer.append(full_record(1));  // the batch is full: written and synced
  EXPECT_GT(std::filesystem::file_size(path), header_only);
  JournalReader reader(path, 1);
  EXPECT_EQ(*reader.next(), full_record(0));
  EXPECT_EQ(*reader.next(), full_record(1));
}

TEST(RunJournal, AnotherManifestHash_IsRefused) {
  ScratchDir dir;
  const auto path = dir.path() / "j";
  { JournalWriter::create(path, 1).append(full_record(0)); }
  EXPECT_THROW(JournalReader(path, 2), JournalMismatch);
  std::ofstream(dir.path() / "text") << "not a journal at all, just some text\n";
  EXPECT_THROW(JournalReader(dir.path() / "text", 1), JournalError);
}

TEST(RunJournal, AJournalOfAnEarlierFormat_IsRefusedSayingSo) {
  ScratchDir dir;
  const auto path = dir.path() / "j";
  std::ofstream(path) << "regiesim-sweep-journal 2 0000000000000001\n";
  try {
    JournalReader reader(path, 1);
    FAIL() << "read a journal of format 2";
  } catch (const JournalMismatch& e) {
    EXPECT_NE(std::string(e.what()).find("journal format 2, this build's 3"), std::string::npos)
        << e.what();
  }
}

TEST(ManifestHash, DependsOnEveryTextAndWhereItsPartsEnd) {
  const auto of = [](std::initializer_list<std::string_view> parts) {
    ManifestHash h;
    for (auto p : parts) h.add(p);
    return h.value();
  };
  EXPECT_EQ(of({"a", "bc"}), of({"a", "bc"}));
  EXPECT_NE(of({"a", "bc"}), of({"ab", "c"}));
  EXPECT_NE(of({"a", "bc"}), of({"a", "bd"}));
}

}  // namespace
}  // namespace regiesim::sweep
