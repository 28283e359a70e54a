#pragma once
// The crash-safety journal of a sweep (design decision 11): every finished run, in the order it was
// written to the results file, appended to `FILE.h5.journal` and flushed to disk in batches. The
// HDF5 file being written (`FILE.h5.partial`) does not survive a kill -9 in a readable state; the
// journal does, up to its last flushed batch, so `--resume` rebuilds the file from it and runs
// only what is missing. The header carries a hash of the sweep's manifest, so a journal is never
// resumed by another sweep.
//
// The journal keeps whole runs, but not twice over: the large columns of a run
// (io/run_columns.hpp: its series, and its agents and trust at the levels that record them; the
// series alone are 192 KB a run raw at level `series` over 520 weeks; and the columns of the
// tables of events, meetings and negotiations, some 100 KB a run raw there) are kept as the
// compressed chunks the results file receives, taken as the writer writes them (ChunkPipeline's
// sink), never compressed again. Run entries carry the rest of the record (summary, status), the
// lengths of those columns and the number of rows of each of the run's tables. A run is journaled
// once its run entry and every chunk holding its rows are: a chunk holds some 62 runs at level
// `series`, so a kill may lose up to a chunk's runs, which --resume runs again. A table column
// whose rows of a run fill less than 1/64 of its chunk (a run's dozen negotiation rounds against
// 32,768 rows a chunk) keeps them raw in the run entry instead, so that no run waits for a chunk
// that fills only after hundreds of runs.
//
// Layout: the line "regiesim-sweep-journal 4 <16 hex digits of the hash>\n", then entries of
// [u64 payload size][u64 checksum of the payload: CRC-64/ECMA, reflected, initial 0, as ISA-L's
// crc64_ecma_refl computes it][payload], in this machine's byte order. A payload's first byte
// says what it is:
//   'L' the columns (once, first): u32 series, agents, trust, tables counts, u32 columns, then
//       per column u64 rows per chunk, u64 values per row, u32 bytes per value, u8 compressed;
//   'R' a run: with table columns, first u64 rows of each of its six lists of table rows
//       (events, meetings, meeting participants, negotiations, their participants, their
//       shares) and a u32 with bit t set for each table column t whose rows the entry holds;
//       then the RunRecord field by field, the columns' vectors by their lengths alone (the
//       tables not at all); then the rows of those table columns, column by column, as the
//       results file holds them but for the offsets, which count from the run's own first
//       entry. Without table columns, the tables whole after the trust;
//   'C' a chunk: u32 column, u64 chunk index along its first axis, then its bytes as written to
//       the results file (shuffled and deflated in the zlib format when compressed).
// A tail cut short by a kill (a partial entry, or one whose checksum does not match) is where the
// journal ends. --resume rebuilds the runs from the chunks (inflate, un-shuffle; a run's table
// rows start after those of the runs before it, and its offsets into the participant and share
// lists count those runs' entries, as the file's do), writes them through the results writer again
// into a new journal beside the old (`.journal.new`), and puts it in the old one's place once it
// holds as many runs; so a kill during a resume loses nothing.
#include <chrono>
#include <cstdint>
#include <deque>
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "io/run_columns.hpp"
#include "record/run_record.hpp"

namespace regiesim::sweep {

// The journal cannot be read or written: exit 1 (an I/O failure) unless said otherwise.
class JournalError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};
// The journal belongs to another sweep (or to another build of regiesim): refused.
class JournalMismatch : public JournalError {
 public:
  using JournalError::JournalError;
};

// FNV-1a (64 bit) over a sequence of texts, each followed by a separator byte, so that
// ("ab", "c") and ("a", "bc") differ. Identity, not security: a journal is a local file.
class ManifestHash {
 public:
  void add(std::string_view text);
  std::uint64_t value() const { return hash_; }

 private:
  std::uint64_t hash_ = 14695981039346656037ull;
};

class JournalWriter {
 public:
  // A new journal (an existing file is replaced) with the header for `hash` and the columns whose
  // data comes as chunks (append_chunk) rather than in the run entries; none: whole runs.
  static JournalWriter create(const std::filesystem::path& path, std::uint64_t hash,
                              const io::RunColumns& columns = {});
  JournalWriter(JournalWriter&& other) noexcept;
  JournalWriter& operator=(JournalWriter&&) = delete;
  JournalWriter(const JournalWriter&) = delete;
  ~JournalWriter();  // flushes what is buffered (best effort)

  // Buffers the run (without the data of the columns). Writes and syncs the batch once it
  // makes more runs whole (run entry and chunks): `batch_runs` of them, or any after
  // `batch_interval` has passed.
  void append(const record::RunRecord& record);
  // Buffers a chunk of column `column` as the results file received it.
  void append_chunk(std::uint32_t column, std::uint64_t chunk, std::span<const std::byte> bytes);
  // Writes the buffered entries and syncs them to disk (fdatasync).
  void flush();

  // Runs whose run entry and chunks are all appended (flushed or not): the first ones, in order.
  std::int64_t whole_runs() const;

  std::int64_t batch_runs = 64;
  std::chrono::milliseconds batch_interval{2000};

 private:
  JournalWriter(std::filesystem::path path, int fd);
  void flush_if_due();
  void advance_whole();
  void append_tables(const record::RunRecord& record);
  std::filesystem::path path_;
  int fd_ = -1;
  io::RunColumns columns_;
  std::vector<char> buffer_;
  std::int64_t runs_ = 0;                  // run entries appended
  std::vector<std::uint64_t> chunks_;      // chunks appended per column, all from index 0
  std::int64_t whole_ = 0;                 // whole_runs()
  std::vector<std::uint64_t> table_rows_;  // rows appended per list of table rows
  // Per run not yet whole, per table column: the rows of that column its chunks must cover (0
  // when the run entry holds the run's rows of it), runs in order.
  std::deque<std::uint64_t> needs_;
  std::int64_t flushed_whole_runs_ = 0;  // whole_runs() at the last flush
  std::int64_t buffered_runs_ = 0;       // run entries since the last flush
  std::chrono::steady_clock::time_point last_flush_;
};

class JournalReader {
 public:
  // Reads the journal's entries up to its end (or its first damaged entry). Throws JournalError
  // if the file is not a journal (of this format), JournalMismatch if its hash is not `hash`.
  JournalReader(const std::filesystem::path& path, std::uint64_t hash);
  JournalReader(JournalReader&&) noexcept;
  ~JournalReader();
  // The next whole run, rebuilt, or nothing after the last (see whole_runs()).
  std::optional<record::RunRecord> next();
  // The runs whose run entry and every chunk holding their rows the journal holds.
  std::int64_t whole_runs() const;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

// One run record as the journal's entries hold it (field by field, this machine's byte order):
// also what the ranks of an MPI sweep send the writing rank. encode appends to `out`; decode
// throws JournalError if `in` is not one whole record.
void encode_run_record(const record::RunRecord& record, std::vector<char>& out);
record::RunRecord decode_run_record(const std::vector<char>& in);

// The journal of a results file: `FILE.h5.journal`.
std::filesystem::path journal_path(const std::filesystem::path& output);
// Where --resume writes the journal that replaces it: `FILE.h5.journal.new`.
std::filesystem::path new_journal_path(const std::filesystem::path& journal);

}  // namespace regiesim::sweep
