// The sweep's crash-safety journal (design decision 11): runs come back exactly as they went in,
// their large columns rebuilt from the compressed chunks the results file received, a run counts
// only once its chunks are in, a tail cut short by a kill (or a damaged entry) ends the journal
// without losing the whole entries before it, and a journal is read only by the sweep whose
// manifest hash it carries.
#include "sweep/run_journal.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <array>
#include <chrono>
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

// The journal gives back exactly `runs`, in order, then nothing.
void expect_runs_back(JournalReader& reader, const std::vector<record::RunRecord>& runs) {
  for (std::size_t id = 0; id < runs.size(); ++id) {
    const auto r = reader.next();
    ASSERT_TRUE(r.has_value()) << id;
    EXPECT_EQ(*r, runs[id]) << id;
  }
  EXPECT_FALSE(reader.next().has_value()) << "a run more than " << runs.size();
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
  std::vector<record::RunRecord> runs;
  for (std::int64_t id = 0; id < 5; ++id) runs.push_back(full_record(id));
  expect_runs_back(reader, runs);
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
  // Run 4 has no trust chunk yet: it is run again, and all after it.
  expect_runs_back(reader, {runs.begin(), runs.begin() + 4});
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

// A run's tables with a number of rows that varies with its id (none for some).
record::RunRecord table_record(std::int64_t id) {
  record::RunRecord r = full_record(id);
  r.series.clear();
  r.agents.clear();
  r.trust.clear();
  r.sample_steps.clear();
  r.events.clear();
  for (std::int64_t k = 0; k < (id * 2) % 5; ++k)
    r.events.push_back({.step = static_cast<std::int32_t>(id + k),
                        .kind = k % 2 == 0 ? record::EventKind::exit : record::EventKind::convene,
                        .source = static_cast<std::int32_t>(k),
                        .target = -1,
                        .cost = 0.5 * static_cast<double>(k),
                        .value = static_cast<double>(id)});
  r.meetings.clear();
  r.meeting_participants.clear();
  for (std::int32_t k = 0; k < id % 3 + 1; ++k) {
    r.meetings.push_back({.step = k,
                          .id = k,
                          .mode = record::MeetingMode::negotiate,
                          .convened_by = record::Convener::spontaneous,
                          .first_participant = 2 * k,
                          .size = 2});
    r.meeting_participants.insert(r.meeting_participants.end(), {k, static_cast<std::int32_t>(id)});
  }
  r.negotiations.clear();
  r.negotiation_participants.clear();
  r.negotiation_shares.clear();
  for (std::int32_t k = 0; k < id % 2 + 1; ++k) {
    record::NegotiationRecord n{};
    n.step = k;
    n.id = k;
    n.meeting = k;
    n.protocol = record::NegotiationProtocol::nash;
    n.rounds = k + 1;
    n.agreed = k == 0;
    n.log_nash_product = n.agreed ? -1.5 : std::numeric_limits<double>::quiet_NaN();
    n.fairness = n.agreed ? 0.25 : std::numeric_limits<double>::quiet_NaN();
    n.first_participant = 2 * k;
    n.participants = 2;
    n.first_share = 2 * k;
    n.shares = 2;
    r.negotiations.push_back(n);
    r.negotiation_participants.insert(r.negotiation_participants.end(), {3, 5});
    r.negotiation_shares.insert(r.negotiation_shares.end(), {0.4, 0.6 + static_cast<double>(id)});
  }
  if (id == 3) {  // a failed run that recorded nothing
    r.events.clear();
    r.meetings.clear();
    r.meeting_participants.clear();
    r.negotiations.clear();
    r.negotiation_participants.clear();
    r.negotiation_shares.clear();
  }
  return r;
}

// The table columns (io/run_columns.hpp) as the results file holds them: their list of rows
// (0 events, 1 meetings, 2 meeting participants, 3 negotiations, 4 negotiation participants,
// 5 shares), their value's size, and the value of row i of run r, whose offsets count the rows
// of the runs before (`before`, per list).
constexpr std::array<int, io::kTableColumns> kTableList = {0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 2, 3,
                                                           3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 4, 5};
constexpr std::array<std::uint32_t, io::kTableColumns> kTableSize = {
    4, 1, 4, 4, 8, 8, 4, 4, 1, 1, 4, 8, 4, 4, 4, 4, 1, 4, 1, 8, 8, 4, 8, 4, 8, 4, 8};

void table_value(std::uint32_t t, const record::RunRecord& r, std::size_t i,
                 const std::array<std::int64_t, 6>& before, std::byte* out) {
  const auto put = [&](auto v) { std::memcpy(out, &v, sizeof v); };
  const auto i8 = [](auto v) { return static_cast<std::int8_t>(v); };
  switch (t) {
    case 0:
      return put(r.events[i].step);
    case 1:
      return put(i8(r.events[i].kind));
    case 2:
      return put(r.events[i].source);
    case 3:
      return put(r.events[i].target);
    case 4:
      return put(r.events[i].cost);
    case 5:
      return put(r.events[i].value);
    case 6:
      return put(r.meetings[i].step);
    case 7:
      return put(r.meetings[i].id);
    case 8:
      return put(i8(r.meetings[i].mode));
    case 9:
      return put(i8(r.meetings[i].convened_by));
    case 10:
      return put(r.meetings[i].size);
    case 11:
      return put(before[2] + r.meetings[i].first_participant);
    case 12:
      return put(r.meeting_participants[i]);
    case 13:
      return put(r.negotiations[i].step);
    case 14:
      return put(r.negotiations[i].id);
    case 15:
      return put(r.negotiations[i].meeting);
    case 16:
      return put(i8(r.negotiations[i].protocol));
    case 17:
      return put(r.negotiations[i].rounds);
    case 18:
      return put(i8(r.negotiations[i].agreed ? 1 : 0));
    case 19:
      return put(r.negotiations[i].log_nash_product);
    case 20:
      return put(r.negotiations[i].fairness);
    case 21:
      return put(r.negotiations[i].participants);
    case 22:
      return put(before[4] + r.negotiations[i].first_participant);
    case 23:
      return put(r.negotiations[i].shares);
    case 24:
      return put(before[5] + r.negotiations[i].first_share);
    case 25:
      return put(r.negotiation_participants[i]);
    default:
      return put(r.negotiation_shares[i]);
  }
}

std::array<std::int64_t, 6> table_rows(const record::RunRecord& r) {
  return {static_cast<std::int64_t>(r.events.size()),
          static_cast<std::int64_t>(r.meetings.size()),
          static_cast<std::int64_t>(r.meeting_participants.size()),
          static_cast<std::int64_t>(r.negotiations.size()),
          static_cast<std::int64_t>(r.negotiation_participants.size()),
          static_cast<std::int64_t>(r.negotiation_shares.size())};
}

// Table columns only, `rows_per_chunk` rows a chunk each (so a run of one row alone fills at
// least 1/64 of a chunk of 64 rows or fewer, and its rows go as chunks).
// Runs 0 .. count - 1 of table_record.
std::vector<record::RunRecord> table_records(std::int64_t count) {
  std::vector<record::RunRecord> runs;
  for (std::int64_t id = 0; id < count; ++id) runs.push_back(table_record(id));
  return runs;
}

io::RunColumns table_columns(std::uint64_t rows_per_chunk) {
  io::RunColumns c;
  c.tables = io::kTableColumns;
  for (std::uint32_t t = 0; t < io::kTableColumns; ++t)
    c.columns.push_back({rows_per_chunk, 1, kTableSize[t], true});
  return c;
}

// Table column t's rows of every run, in order, as the file holds them.
std::vector<std::byte> table_column(std::uint32_t t, const std::vector<record::RunRecord>& runs) {
  std::vector<std::byte> values;
  std::array<std::int64_t, 6> before{};
  for (const auto& r : runs) {
    const auto rows = table_rows(r);
    for (std::int64_t i = 0; i < rows[kTableList[t]]; ++i) {
      values.resize(values.size() + kTableSize[t]);
      table_value(t, r, static_cast<std::size_t>(i), before,
                  values.data() + values.size() - kTableSize[t]);
    }
    for (int list = 0; list < 6; ++list) before[list] += rows[list];
  }
  return values;
}

// Chunk `chunk` of `values` (rows of `size` bytes), as the results file receives it: zeros after
// the last row, shuffled, deflated.
std::vector<std::byte> table_chunk(const std::vector<std::byte>& values, std::uint32_t size,
                                   std::uint64_t rows_per_chunk, std::uint64_t chunk) {
  std::vector<std::byte> rows(rows_per_chunk * size);
  const std::size_t from = chunk * rows_per_chunk * size;
  std::memcpy(rows.data(), values.data() + from, std::min(rows.size(), values.size() - from));
  io::ChunkBuffer raw(io::buffer_capacity(rows.size()));
  if (size > 1)
    io::byte_shuffle_into(rows.data(), raw.data(), rows_per_chunk, size, rows_per_chunk);
  else
    std::memcpy(raw.data(), rows.data(), rows.size());
  raw.set_size(rows.size());
  io::ChunkBuffer packed;
  io::deflate_chunk(raw, 1, packed);
  return {packed.data(), packed.data() + packed.size()};
}

// Appends the runs and, as they fill, the chunks of every table column (all of them, the last
// partial ones too, as the file's last chunks, with `with_partial`) but column `withheld`'s
// chunks from index `withheld_from` on.
void journal_table_runs(JournalWriter& writer, const io::RunColumns& columns,
                        const std::vector<record::RunRecord>& runs, bool with_partial,
                        std::uint32_t withheld = io::kTableColumns,
                        std::uint64_t withheld_from = 0) {
  std::vector<std::vector<std::byte>> values;
  for (std::uint32_t t = 0; t < io::kTableColumns; ++t) values.push_back(table_column(t, runs));
  std::vector<std::uint64_t> sent(io::kTableColumns, 0);
  std::array<std::int64_t, 6> rows{};
  const auto send = [&](std::uint32_t t, std::uint64_t upto_rows, bool partial) {
    const std::uint64_t per = columns.columns[t].rows_per_chunk;
    while ((sent[t] + 1) * per <= upto_rows || (partial && sent[t] * per < upto_rows)) {
      if (t == withheld && sent[t] >= withheld_from) return;
      writer.append_chunk(t, sent[t], table_chunk(values[t], kTableSize[t], per, sent[t]));
      ++sent[t];
    }
  };
  for (const auto& r : runs) {
    writer.append(r);
    const auto n = table_rows(r);
    for (int list = 0; list < 6; ++list) rows[list] += n[list];
    for (std::uint32_t t = 0; t < io::kTableColumns; ++t)
      send(t, static_cast<std::uint64_t>(rows[kTableList[t]]), false);
  }
  if (with_partial)
    for (std::uint32_t t = 0; t < io::kTableColumns; ++t)
      send(t, static_cast<std::uint64_t>(rows[kTableList[t]]), true);
}

TEST(RunJournal, TableRowsComeBackFromTheirChunks_EachRunWithItsOwnRows) {
  ScratchDir dir;
  const auto path = dir.path() / "j";
  // Chunks of 3 rows: a run's rows span chunks, and chunks hold rows of several runs.
  const io::RunColumns columns = table_columns(3);
  std::vector<record::RunRecord> runs = table_records(9);
  {
    JournalWriter writer = JournalWriter::create(path, 11, columns);
    journal_table_runs(writer, columns, runs, /*with_partial=*/true);
    EXPECT_EQ(writer.whole_runs(), 9);
  }
  JournalReader reader(path, 11);
  EXPECT_EQ(reader.whole_runs(), 9);
  expect_runs_back(reader, runs);
}

TEST(RunJournal, ARunCountsOnlyOnceTheChunksOfItsTableRowsAreIn) {
  ScratchDir dir;
  const auto path = dir.path() / "j";
  // Chunks of 4 rows. Events: runs 0..6 have 0, 2, 4, 1, 3, 0, 2 rows (run 3 recorded none):
  // rows 0-1 are run 1's, 2-5 run 2's, 6-8 run 4's, 9-10 run 6's. Withholding /events/cost's
  // chunk 2 (rows 8-11) leaves run 4 (its last row) and all after it to run again.
  const io::RunColumns columns = table_columns(4);
  std::vector<record::RunRecord> runs = table_records(7);
  ASSERT_EQ(runs[4].events.size(), 3u);
  const std::uint32_t cost = 4;
  {
    JournalWriter writer = JournalWriter::create(path, 12, columns);
    journal_table_runs(writer, columns, runs, /*with_partial=*/true, cost, 2);
    EXPECT_EQ(writer.whole_runs(), 4);
  }
  JournalReader reader(path, 12);
  EXPECT_EQ(reader.whole_runs(), 4) << "run 4's last event is in the chunk not journaled";
  runs.resize(4);
  expect_runs_back(reader, runs);
}

TEST(RunJournal, TableRowsTooFewToFillAChunkSoon_StayInTheRunEntry) {
  ScratchDir dir;
  const auto path = dir.path() / "j";
  // 4,096 rows a chunk: no run here fills 1/64 of one, so no chunk is needed for a run to count,
  // and the runs come back whole though no chunk was ever journaled.
  const io::RunColumns columns = table_columns(4096);
  std::vector<record::RunRecord> runs = table_records(5);
  {
    JournalWriter writer = JournalWriter::create(path, 13, columns);
    journal_table_runs(writer, columns, runs, /*with_partial=*/false);
    EXPECT_EQ(writer.whole_runs(), 5);
  }
  JournalReader reader(path, 13);
  EXPECT_EQ(reader.whole_runs(), 5);
  expect_runs_back(reader, runs);
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

// However long a batch has waited, it is synced only once it makes a run whole: a journal that
// stopped growing holds a whole run (what the kill tests wait for).
TEST(RunJournal, ATimedBatchWaitsUntilItMakesARunWhole) {
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
  writer.batch_interval = std::chrono::milliseconds{0};  // every batch is old enough
  const auto header_only = std::filesystem::file_size(path);
  writer.append(runs[0]);
  writer.append(runs[1]);
  EXPECT_EQ(std::filesystem::file_size(path), header_only)
      << "no run whole yet: nothing synced, however old the batch";
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
  // Format 3 kept the tables raw in its run entries; this build reads them from chunks.
  std::ofstream(path) << "regiesim-sweep-journal 3 0000000000000001\n";
  try {
    JournalReader reader(path, 1);
    FAIL() << "read a journal of format 3";
  } catch (const JournalMismatch& e) {
    EXPECT_NE(std::string(e.what()).find("journal format 3, this build's 4"), std::string::npos)
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
