#pragma once
// The crash-safety journal of a sweep (design decision 11): every finished run, in the order it was
// written to the results file, appended to `FILE.h5.journal` and flushed to disk in batches. The
// HDF5 file being written (`FILE.h5.partial`) does not survive a kill -9 in a readable state; the
// journal does, up to its last flushed batch, so `--resume` rebuilds the file from it and runs
// only what is missing. The header carries a hash of the sweep's manifest, so a journal is never
// resumed by another sweep.
//
// Layout: the line "regiesim-sweep-journal 2 <16 hex digits of the hash>\n", then entries of
// [u64 payload size][u64 checksum of the payload: CRC-64/ECMA, reflected, initial 0, as ISA-L's
// crc64_ecma_refl computes it][payload: one RunRecord, field by field, in this machine's byte
// order]. A tail cut short by a kill (a partial entry, or one whose checksum does not match) is
// where the journal ends; resuming truncates it there.
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

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
  // A new journal (an existing file is replaced) with the header for `hash`.
  static JournalWriter create(const std::filesystem::path& path, std::uint64_t hash);
  // An existing journal, cut to its first `valid_bytes` (the end of its last whole entry, as
  // JournalReader found it), to which new entries are appended.
  static JournalWriter append_to(const std::filesystem::path& path, std::uint64_t valid_bytes);
  JournalWriter(JournalWriter&& other) noexcept;
  JournalWriter& operator=(JournalWriter&&) = delete;
  JournalWriter(const JournalWriter&) = delete;
  ~JournalWriter();  // flushes what is buffered (best effort)

  // Buffers the run; writes and syncs the batch when `batch_runs` runs or `batch_interval` have
  // accumulated since the last flush.
  void append(const record::RunRecord& record);
  // Writes the buffered entries and syncs them to disk (fdatasync).
  void flush();

  std::int64_t batch_runs = 64;
  std::chrono::milliseconds batch_interval{2000};

 private:
  JournalWriter(std::filesystem::path path, int fd);
  std::filesystem::path path_;
  int fd_ = -1;
  std::vector<char> buffer_;
  std::int64_t buffered_runs_ = 0;
  std::chrono::steady_clock::time_point last_flush_;
};

class JournalReader {
 public:
  // Throws JournalError if the file is not a journal, JournalMismatch if its hash is not `hash`.
  JournalReader(const std::filesystem::path& path, std::uint64_t hash);
  // The next whole entry, or nothing at the end (or at a damaged tail, which ends the journal).
  std::optional<record::RunRecord> next();
  // The end of the last whole entry read so far (the header's end before the first).
  std::uint64_t valid_bytes() const { return valid_bytes_; }

 private:
  std::filesystem::path path_;
  std::ifstream in_;
  std::uint64_t valid_bytes_ = 0;
  bool ended_ = false;
};

// One run record as the journal's entries hold it (field by field, this machine's byte order):
// also what the ranks of an MPI sweep send the writing rank. encode appends to `out`; decode
// throws JournalError if `in` is not one whole record.
void encode_run_record(const record::RunRecord& record, std::vector<char>& out);
record::RunRecord decode_run_record(const std::vector<char>& in);

// The journal of a results file: `FILE.h5.journal`.
std::filesystem::path journal_path(const std::filesystem::path& output);

}  // namespace regiesim::sweep
