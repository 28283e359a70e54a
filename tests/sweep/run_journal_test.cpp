// The sweep's crash-safety journal (design decision 11): runs come back exactly as they went in, a
// tail cut short by a kill ends the journal without losing the whole entries before it, and a
// journal is read only by the sweep whose manifest hash it carries.
#include "sweep/run_journal.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

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
  for (std::int64_t id = 0; id < 5; ++id) {
    const auto r = reader.next();
    ASSERT_TRUE(r.has_value()) << id;
    EXPECT_EQ(*r, full_record(id)) << id;
  }
  EXPECT_FALSE(reader.next().has_value());
  EXPECT_EQ(reader.valid_bytes(), std::filesystem::file_size(path));
}

TEST(RunJournal, TailCutShortByAKill_EndsTheJournal_AndAppendingContinuesAfterTheLastWholeRun) {
  ScratchDir dir;
  const auto path = dir.path() / "j";
  {
    JournalWriter writer = JournalWriter::create(path, 7);
    for (std::int64_t id = 0; id < 3; ++id) writer.append(full_record(id));
  }
  std::filesystem::resize_file(path, std::filesystem::file_size(path) - 5);  // a torn write
  std::uint64_t valid = 0;
  {
    JournalReader reader(path, 7);
    EXPECT_EQ(*reader.next(), full_record(0));
    EXPECT_EQ(*reader.next(), full_record(1));
    EXPECT_FALSE(reader.next().has_value());
    valid = reader.valid_bytes();
  }
  {
    JournalWriter writer = JournalWriter::append_to(path, valid);
    writer.append(full_record(2));
    writer.append(full_record(3));
  }
  JournalReader reader(path, 7);
  for (std::int64_t id = 0; id < 4; ++id) EXPECT_EQ(*reader.next(), full_record(id)) << id;
  EXPECT_FALSE(reader.next().has_value());
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
