#include "sweep/run_journal.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <isa-l/crc64.h>
#include <isa-l/igzip_lib.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <limits>
#include <type_traits>

#include "io/table_fields.hpp"

namespace regiesim::sweep {

namespace {

constexpr std::string_view kMagicName = "regiesim-sweep-journal ";
constexpr std::string_view kMagic = "regiesim-sweep-journal 4 ";
constexpr std::size_t kHeaderSize = kMagic.size() + 16 + 1;  // magic, hex hash, newline
// An entry larger than this is a damaged size field, not a run (a run at level `full` of a big
// network is some MB).
constexpr std::uint64_t kLargestEntry = std::uint64_t{1} << 34;

// What an entry's payload starts with.
constexpr char kColumnsEntry = 'L';
constexpr char kRunEntry = 'R';
constexpr char kChunkEntry = 'C';

// A table column's rows of a run go to the journal as the file's chunks when the run alone fills
// at least 1/kTableChunkRuns of a chunk, and raw in its run entry otherwise: a run counts only
// once the chunks of its rows are in, and a column whose rows come a few a run (a run's dozen
// negotiation rounds against 32,768 rows a chunk) would keep a whole sweep's runs from counting
// until its end. So a chunk of rows journaled as chunks fills within about this many runs, as
// a series chunk does (some 62 runs at level `series`), and what a kill loses stays about that.
constexpr std::uint64_t kTableChunkRuns = 64;

template <typename T>
void put_value(std::byte* out, T value) {
  std::memcpy(out, &value, sizeof(T));
}
template <typename T>
T get_value(const std::byte* in) {
  T value;
  std::memcpy(&value, in, sizeof(T));
  return value;
}

using io::kEvents;
using io::kMeetingParticipants;
using io::kMeetings;
using io::kNegotiationParticipants;
using io::kNegotiations;
using io::kNegotiationShares;
using io::kTableFields;
using io::kTableLists;
using io::table_rows;
using io::TableField;

// The table part of a run entry, first after its kind: the rows of each list, then which table
// columns the entry holds raw (bit t: column t); their values follow the rest of the record.
constexpr std::size_t kTableHeaderSize = 8 * kTableLists + 4;

std::uint64_t fnv1a(const char* data, std::size_t size,
                    std::uint64_t hash = 14695981039346656037ull) {
  for (std::size_t i = 0; i < size; ++i) {
    hash ^= static_cast<unsigned char>(data[i]);
    hash *= 1099511628211ull;
  }
  return hash;
}

// An entry's checksum: CRC-64/ECMA from ISA-L, which folds 16 bytes a step with carry-less
// multiplication. It replaced FNV-1a over the payload, which goes a byte at a time: at record
// level series (about 360 KB a run) that loop was 9.6% of a 1,000-run sweep's CPU at -j2, all of
// it on the writing thread that every run waits for (journal format 2).
std::uint64_t entry_checksum(const char* data, std::size_t size) {
  return crc64_ecma_refl(0, reinterpret_cast<const unsigned char*>(data), size);
}

std::string header(std::uint64_t hash) {
  return fmt::format("{}{:016x}\n", kMagic, hash);
}

// Field-by-field encoding of a RunRecord. The table rows are trivially copyable structs and are
// copied as bytes: the journal is read back only by the same build on the same machine (the
// manifest hash includes the version and commit).
struct Encoder {
  std::vector<char>& out;
  template <typename T>
  void scalar(const T& v) {
    static_assert(std::is_trivially_copyable_v<T>);
    const auto* p = reinterpret_cast<const char*>(&v);
    out.insert(out.end(), p, p + sizeof(T));
  }
  template <typename T>
  void vector(const std::vector<T>& v) {
    static_assert(std::is_trivially_copyable_v<T>);
    scalar(static_cast<std::uint64_t>(v.size()));
    const auto* p = reinterpret_cast<const char*>(v.data());
    out.insert(out.end(), p, p + v.size() * sizeof(T));
  }
  // The length alone: the values are in the journal's chunks.
  template <typename T>
  void length(const std::vector<T>& v) {
    scalar(static_cast<std::uint64_t>(v.size()));
  }
  void string(const std::string& s) {
    scalar(static_cast<std::uint64_t>(s.size()));
    out.insert(out.end(), s.begin(), s.end());
  }
};

struct Decoder {
  const std::vector<char>& in;
  std::size_t at = 0;
  void take(void* to, std::size_t n) {
    if (n > in.size() - at) throw JournalError("a journal entry ends early");
    if (n > 0) std::memcpy(to, in.data() + at, n);
    at += n;
  }
  template <typename T>
  void scalar(T& v) {
    take(&v, sizeof(T));
  }
  template <typename T>
  void vector(std::vector<T>& v) {
    std::uint64_t n = 0;
    scalar(n);
    if (n > (in.size() - at) / sizeof(T)) throw JournalError("a journal entry ends early");
    v.resize(n);
    take(v.data(), n * sizeof(T));
  }
  // A vector whose values come from the journal's chunks: sized, its values set later.
  template <typename T>
  void length(std::vector<T>& v) {
    std::uint64_t n = 0;
    scalar(n);
    if (n > (std::uint64_t{1} << 32)) throw JournalError("a journal entry has a damaged length");
    v.resize(n);
  }
  void string(std::string& s) {
    std::uint64_t n = 0;
    scalar(n);
    if (n > in.size() - at) throw JournalError("a journal entry ends early");
    s.assign(in.data() + at, n);
    at += n;
  }
};

// `columns`: which of the record's vectors the journal keeps as chunks (only their lengths here,
// the tables not at all); none for a whole record.
void encode(const record::RunRecord& r, std::vector<char>& out,
            const io::RunColumns& columns = {}) {
  Encoder e{out};
  e.scalar(r.run_id);
  e.scalar(r.point);
  e.scalar(r.arm);
  e.scalar(r.replication);
  e.scalar(r.seed.value);
  e.scalar(r.status);
  e.string(r.failure_reason);
  e.scalar(r.steps);
  e.scalar(static_cast<std::uint64_t>(r.series.size()));
  for (const auto& s : r.series) columns.series > 0 ? e.length(s) : e.vector(s);
  e.vector(r.summary);
  e.vector(r.sample_steps);
  e.scalar(static_cast<std::uint64_t>(r.agents.size()));
  for (const auto& a : r.agents) columns.agents > 0 ? e.length(a) : e.vector(a);
  columns.trust > 0 ? e.length(r.trust) : e.vector(r.trust);
  if (columns.tables > 0) return;  // in the table part and the chunks
  e.vector(r.events);
  e.vector(r.meetings);
  e.vector(r.meeting_participants);
  e.vector(r.negotiations);
  e.vector(r.negotiation_participants);
  e.vector(r.negotiation_shares);
}

// `end`: where the record ends in `in` (else it must end with `in`).
record::RunRecord decode(const std::vector<char>& in, std::size_t from = 0,
                         const io::RunColumns& columns = {}, std::size_t* end = nullptr) {
  record::RunRecord r;
  Decoder d{in, from};
  d.scalar(r.run_id);
  d.scalar(r.point);
  d.scalar(r.arm);
  d.scalar(r.replication);
  d.scalar(r.seed.value);
  d.scalar(r.status);
  d.string(r.failure_reason);
  d.scalar(r.steps);
  std::uint64_t n = 0;
  d.scalar(n);
  if (n > 1024) throw JournalError("a journal entry has too many series");
  r.series.resize(n);
  for (auto& s : r.series) columns.series > 0 ? d.length(s) : d.vector(s);
  d.vector(r.summary);
  d.vector(r.sample_steps);
  d.scalar(n);
  if (n > 1024) throw JournalError("a journal entry has too many agent variables");
  r.agents.resize(n);
  for (auto& a : r.agents) columns.agents > 0 ? d.length(a) : d.vector(a);
  columns.trust > 0 ? d.length(r.trust) : d.vector(r.trust);
  if (columns.tables == 0) {
    d.vector(r.events);
    d.vector(r.meetings);
    d.vector(r.meeting_participants);
    d.vector(r.negotiations);
    d.vector(r.negotiation_participants);
    d.vector(r.negotiation_shares);
  }
  if (end != nullptr)
    *end = d.at;
  else if (d.at != in.size())
    throw JournalError("a journal entry has trailing bytes");
  return r;
}

std::string errno_text() {
  return std::strerror(errno);
}

// Appends one entry: size, checksum, then the payload that `fill` appends.
template <typename Fill>
void append_entry(std::vector<char>& buffer, Fill fill) {
  const std::size_t start = buffer.size();
  buffer.resize(start + 16);
  fill(buffer);
  const std::uint64_t size = buffer.size() - start - 16;
  const std::uint64_t checksum = entry_checksum(buffer.data() + start + 16, size);
  std::memcpy(buffer.data() + start, &size, 8);
  std::memcpy(buffer.data() + start + 8, &checksum, 8);
}

void encode_columns(const io::RunColumns& c, std::vector<char>& out) {
  Encoder e{out};
  e.scalar(kColumnsEntry);
  e.scalar(c.series);
  e.scalar(c.agents);
  e.scalar(c.trust);
  e.scalar(c.tables);
  e.scalar(static_cast<std::uint32_t>(c.columns.size()));
  for (const io::RunColumn& column : c.columns) {
    e.scalar(column.rows_per_chunk);
    e.scalar(column.row_elements);
    e.scalar(column.element_size);
    e.scalar(static_cast<std::uint8_t>(column.compressed ? 1 : 0));
  }
}

// The table columns have one value a row, of their field's size.
bool tables_fit(const io::RunColumns& c) {
  const std::size_t first = std::size_t{c.series} + c.agents + c.trust;
  for (std::uint32_t t = 0; t < c.tables; ++t) {
    const io::RunColumn& column = c.columns[first + t];
    if (column.row_elements != 1 || column.element_size != kTableFields[t].size) return false;
  }
  return true;
}

io::RunColumns decode_columns(const std::vector<char>& in) {
  io::RunColumns c;
  Decoder d{in, 1};
  d.scalar(c.series);
  d.scalar(c.agents);
  d.scalar(c.trust);
  d.scalar(c.tables);
  std::uint32_t n = 0;
  d.scalar(n);
  if (n > 4096 || n != std::uint64_t{c.series} + c.agents + c.trust + c.tables ||
      (c.tables != 0 && c.tables != io::kTableColumns))
    throw JournalError("the journal's column list is damaged");
  c.columns.resize(n);
  for (io::RunColumn& column : c.columns) {
    std::uint8_t compressed = 0;
    d.scalar(column.rows_per_chunk);
    d.scalar(column.row_elements);
    d.scalar(column.element_size);
    d.scalar(compressed);
    column.compressed = compressed != 0;
    if (column.rows_per_chunk == 0 || column.element_size == 0 || column.element_size > 16)
      throw JournalError("the journal's column list is damaged");
  }
  if (d.at != in.size()) throw JournalError("the journal's column list has trailing bytes");
  if (!tables_fit(c)) throw JournalError("the journal's table columns are damaged");
  return c;
}

// A journaled chunk's rows as ChunkedColumn filled them: inflated (zlib format, as HDF5's deflate
// filter writes it) when compressed, still shuffled.
void inflate_chunk(const char* in, std::size_t size, std::vector<std::byte>& out) {
  inflate_state state;
  isal_inflate_init(&state);
  state.crc_flag = ISAL_ZLIB;
  // ISA-L's input pointer is not const; it only reads.
  state.next_in = reinterpret_cast<std::uint8_t*>(const_cast<char*>(in));
  state.avail_in = static_cast<std::uint32_t>(size);
  state.next_out = reinterpret_cast<std::uint8_t*>(out.data());
  state.avail_out = static_cast<std::uint32_t>(out.size());
  const int status = isal_inflate_stateless(&state);
  if (status != ISAL_DECOMP_OK || state.total_out != out.size())
    throw JournalError(fmt::format(
        "a chunk of the journal does not inflate to its rows (ISA-L status {}, {} of {} bytes)",
        status, state.total_out, out.size()));
}

}  // namespace

void ManifestHash::add(std::string_view text) {
  hash_ = fnv1a(text.data(), text.size(), hash_);
  const char separator = '\x1f';
  hash_ = fnv1a(&separator, 1, hash_);
}

void encode_run_record(const record::RunRecord& record, std::vector<char>& out) {
  encode(record, out);
}

record::RunRecord decode_run_record(const std::vector<char>& in) {
  return decode(in);
}

std::filesystem::path journal_path(const std::filesystem::path& output) {
  return output.string() + ".journal";
}

std::filesystem::path new_journal_path(const std::filesystem::path& journal) {
  return journal.string() + ".new";
}

JournalWriter::JournalWriter(std::filesystem::path path, int fd)
    : path_(std::move(path)), fd_(fd), last_flush_(std::chrono::steady_clock::now()) {}

JournalWriter::JournalWriter(JournalWriter&& other) noexcept
    : batch_runs(other.batch_runs),
      batch_interval(other.batch_interval),
      path_(std::move(other.path_)),
      fd_(other.fd_),
      columns_(std::move(other.columns_)),
      buffer_(std::move(other.buffer_)),
      runs_(other.runs_),
      chunks_(std::move(other.chunks_)),
      whole_(other.whole_),
      table_rows_(std::move(other.table_rows_)),
      needs_(std::move(other.needs_)),
      flushed_whole_runs_(other.flushed_whole_runs_),
      buffered_runs_(other.buffered_runs_),
      last_flush_(other.last_flush_) {
  other.fd_ = -1;
}

JournalWriter JournalWriter::create(const std::filesystem::path& path, std::uint64_t hash,
                                    const io::RunColumns& columns) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0)
    throw JournalError(
        fmt::format("{}: cannot create the journal: {}", path.string(), errno_text()));
  if (columns.columns.size() !=
          std::size_t{columns.series} + columns.agents + columns.trust + columns.tables ||
      (columns.tables != 0 && columns.tables != io::kTableColumns) || !tables_fit(columns)) {
    ::close(fd);
    throw std::logic_error("JournalWriter::create: the columns are not the journal's");
  }
  JournalWriter writer(path, fd);
  writer.columns_ = columns;
  writer.chunks_.assign(columns.columns.size(), 0);
  writer.table_rows_.assign(kTableLists, 0);
  const std::string text = header(hash);
  writer.buffer_.assign(text.begin(), text.end());
  writer.flush();
  // Written with the first batch: a journal of a header and columns alone holds no run.
  append_entry(writer.buffer_, [&](std::vector<char>& out) { encode_columns(columns, out); });
  return writer;
}

JournalWriter::~JournalWriter() {
  if (fd_ < 0) return;
  try {
    flush();
  } catch (const JournalError&) {
    // Best effort: the runs not flushed are run again by --resume.
  }
  ::close(fd_);
}

std::int64_t JournalWriter::whole_runs() const {
  return whole_;
}

void JournalWriter::advance_whole() {
  const std::size_t first_table = std::size_t{columns_.series} + columns_.agents + columns_.trust;
  const auto covered = [&](std::size_t c) {
    return chunks_[c] * columns_.columns[c].rows_per_chunk;
  };
  while (whole_ < runs_) {
    for (std::size_t c = 0; c < first_table; ++c)
      if (covered(c) < static_cast<std::uint64_t>(whole_) + 1) return;
    for (std::uint32_t t = 0; t < columns_.tables; ++t)
      if (needs_[t] > covered(first_table + t)) return;
    needs_.erase(needs_.begin(), needs_.begin() + columns_.tables);
    ++whole_;
  }
}

void JournalWriter::append(const record::RunRecord& record) {
  if ((columns_.series > 0 && !record.series.empty() && record.series.size() != columns_.series) ||
      (columns_.agents > 0 && !record.agents.empty() && record.agents.size() != columns_.agents))
    throw std::logic_error("JournalWriter::append: the run does not have the journal's columns");
  if (columns_.tables == 0) {
    append_entry(buffer_, [&](std::vector<char>& out) {
      out.push_back(kRunEntry);
      encode(record, out, columns_);
    });
  } else {
    append_tables(record);
  }
  runs_ += 1;
  buffered_runs_ += 1;
  advance_whole();
  flush_if_due();
}

void JournalWriter::append_tables(const record::RunRecord& record) {
  const std::size_t first_table = std::size_t{columns_.series} + columns_.agents + columns_.trust;
  const auto rows = table_rows(record);
  std::uint32_t raw = 0;
  for (std::uint32_t t = 0; t < columns_.tables; ++t) {
    const TableField& field = kTableFields[t];
    const std::uint64_t n = rows[field.list];
    if (n > 0 && n * kTableChunkRuns >= columns_.columns[first_table + t].rows_per_chunk) {
      needs_.push_back(table_rows_[field.list] + n);
    } else {
      raw |= std::uint32_t{1} << t;
      needs_.push_back(0);
    }
  }
  for (int list = 0; list < kTableLists; ++list) table_rows_[list] += rows[list];
  append_entry(buffer_, [&](std::vector<char>& out) {
    out.push_back(kRunEntry);
    Encoder e{out};
    for (const std::uint64_t n : rows) e.scalar(n);
    e.scalar(raw);
    encode(record, out, columns_);
    for (std::uint32_t t = 0; t < columns_.tables; ++t) {
      if ((raw & (std::uint32_t{1} << t)) == 0) continue;
      const TableField& field = kTableFields[t];
      const std::uint64_t n = rows[field.list];
      const std::size_t at = out.size();
      out.resize(at + n * field.size);
      auto* to = reinterpret_cast<std::byte*>(out.data() + at);
      field.gather(record, to);
    }
  });
}

void JournalWriter::append_chunk(std::uint32_t column, std::uint64_t chunk,
                                 std::span<const std::byte> bytes) {
  if (column >= chunks_.size() || chunk != chunks_[column])
    throw std::logic_error(fmt::format(
        "JournalWriter::append_chunk: chunk {} of column {} out of order", chunk, column));
  append_entry(buffer_, [&](std::vector<char>& out) {
    Encoder e{out};
    e.scalar(kChunkEntry);
    e.scalar(column);
    e.scalar(chunk);
    const auto* p = reinterpret_cast<const char*>(bytes.data());
    out.insert(out.end(), p, p + bytes.size());
  });
  chunks_[column] += 1;
  advance_whole();
  flush_if_due();
}

void JournalWriter::flush_if_due() {
  // A batch goes to disk once it makes runs whole, when it is large or old enough: run entries
  // whose chunks are still being filled or compressed would be synced for nothing, as a kill then
  // would leave them incomplete. So a journal that stopped growing holds a whole run at least
  // (its first runs wait for their tables' chunks, some 60 runs at series, before any sync).
  const std::int64_t whole = whole_runs();
  if (whole <= flushed_whole_runs_) return;
  if (whole - flushed_whole_runs_ >= batch_runs || buffered_runs_ >= batch_runs ||
      std::chrono::steady_clock::now() - last_flush_ >= batch_interval)
    flush();
}

void JournalWriter::flush() {
  std::size_t written = 0;
  while (written < buffer_.size()) {
    const ssize_t n = ::write(fd_, buffer_.data() + written, buffer_.size() - written);
    if (n < 0) {
      if (errno == EINTR) continue;
      throw JournalError(
          fmt::format("{}: cannot write the journal: {}", path_.string(), errno_text()));
    }
    written += static_cast<std::size_t>(n);
  }
  if (::fdatasync(fd_) != 0)
    throw JournalError(
        fmt::format("{}: cannot sync the journal to disk: {}", path_.string(), errno_text()));
  buffer_.clear();
  buffered_runs_ = 0;
  flushed_whole_runs_ = whole_runs();
  last_flush_ = std::chrono::steady_clock::now();
}

struct JournalReader::State {
  struct Place {
    std::uint64_t offset = 0;  // of the payload (a chunk's: of its bytes, after its fields)
    std::uint64_t size = 0;
  };
  struct Chunk {
    std::uint64_t index = std::numeric_limits<std::uint64_t>::max();  // which one `rows` holds
    std::vector<std::byte> rows;                                      // inflated, still shuffled
  };
  std::filesystem::path path;
  std::ifstream in;
  io::RunColumns columns;
  struct Run {
    Place place;
    std::array<std::uint64_t, kTableLists> rows{};  // its table rows, per list
    std::uint32_t raw = 0;  // the table columns its entry holds (bit t: column t)
  };
  // Run entries, in order: read again when rebuilt, not held.
  std::vector<Run> runs;
  std::vector<std::vector<Place>> chunks;  // per column, chunk 0, 1, ...
  std::vector<Chunk> current;              // per column, the chunk last inflated
  std::int64_t whole = 0;
  std::int64_t next = 0;
  // The table rows of the runs before `next`, per list: where its rows start in the columns.
  std::array<std::uint64_t, kTableLists> table_start{};

  std::size_t first_table() const {
    return std::size_t{columns.series} + columns.agents + columns.trust;
  }
  void scan();
  void count_whole();
  // Rows first_row .. first_row + rows - 1 of `column`, from its chunks, unshuffled.
  void fill(std::uint32_t column, std::uint64_t first_row, std::uint64_t rows, void* out);
  void load(std::uint32_t column, std::uint64_t chunk);
  void fill_tables(const std::vector<char>& payload, std::size_t at, const Run& run,
                   record::RunRecord& r);
};

void JournalReader::State::scan() {
  bool have_columns = false;
  for (;;) {
    std::uint64_t prefix[2] = {0, 0};
    const auto at = static_cast<std::uint64_t>(in.tellg());
    in.read(reinterpret_cast<char*>(prefix), sizeof prefix);
    if (in.gcount() != static_cast<std::streamsize>(sizeof prefix) || prefix[0] == 0 ||
        prefix[0] > kLargestEntry)
      break;
    std::vector<char> payload(prefix[0]);
    in.read(payload.data(), static_cast<std::streamsize>(payload.size()));
    // Cut short by a kill, or damaged: the journal ends at the last whole entry.
    if (in.gcount() != static_cast<std::streamsize>(payload.size()) ||
        entry_checksum(payload.data(), payload.size()) != prefix[1])
      break;
    const char kind = payload[0];
    if (kind == kColumnsEntry && !have_columns) {
      columns = decode_columns(payload);
      chunks.resize(columns.columns.size());
      current.resize(columns.columns.size());
      have_columns = true;
    } else if (kind == kRunEntry && have_columns) {
      Run run{.place = {at + 16, payload.size()}};
      if (columns.tables > 0) {
        if (payload.size() < 1 + kTableHeaderSize)
          throw JournalError(
              fmt::format("{}: a run entry ends early: the journal is damaged; start over with "
                          "--force",
                          path.string()));
        std::memcpy(run.rows.data(), payload.data() + 1, 8 * kTableLists);
        std::memcpy(&run.raw, payload.data() + 1 + 8 * kTableLists, 4);
      }
      runs.push_back(run);
    } else if (kind == kChunkEntry && have_columns && payload.size() >= 13) {
      std::uint32_t column = 0;
      std::uint64_t chunk = 0;
      std::memcpy(&column, payload.data() + 1, 4);
      std::memcpy(&chunk, payload.data() + 5, 8);
      if (column >= chunks.size() || chunk != chunks[column].size())
        throw JournalError(
            fmt::format("{}: holds chunk {} of column {} out of order: the journal "
                        "is damaged; start over with --force",
                        path.string(), chunk, column));
      chunks[column].push_back({at + 16 + 13, payload.size() - 13});
    } else {
      throw JournalError(fmt::format(
          "{}: an entry of unknown kind: the journal is damaged; start over with --force",
          path.string()));
    }
  }
  in.clear();  // read on from the chunks' places
  count_whole();
}

// The first runs whose run entry and every chunk holding their rows are in the journal: a run
// of the fixed-shape columns is row k of each; its table rows follow those of the runs before it.
void JournalReader::State::count_whole() {
  const std::size_t tables_at = first_table();
  const auto covered = [&](std::size_t c) {
    return chunks[c].size() * columns.columns[c].rows_per_chunk;
  };
  std::array<std::uint64_t, kTableLists> end{};
  whole = 0;
  for (const Run& run : runs) {
    for (std::size_t c = 0; c < tables_at; ++c)
      if (covered(c) < static_cast<std::uint64_t>(whole) + 1) return;
    for (int list = 0; list < kTableLists; ++list) end[list] += run.rows[list];
    for (std::uint32_t t = 0; t < columns.tables; ++t)
      if ((run.raw & (std::uint32_t{1} << t)) == 0 &&
          end[kTableFields[t].list] > covered(tables_at + t))
        return;
    ++whole;
  }
}

void JournalReader::State::load(std::uint32_t column, std::uint64_t chunk) {
  const io::RunColumn& layout = columns.columns[column];
  Chunk& c = current[column];
  if (c.index == chunk) return;
  if (chunk >= chunks[column].size())
    throw JournalError(
        fmt::format("{}: a run's rows are past the journal's chunks", path.string()));
  const Place place = chunks[column][chunk];
  std::vector<char> bytes(place.size);
  in.seekg(static_cast<std::streamoff>(place.offset));
  in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (in.gcount() != static_cast<std::streamsize>(bytes.size()))
    throw JournalError(fmt::format("{}: cannot read a chunk back", path.string()));
  c.rows.resize(layout.rows_per_chunk * layout.row_elements * layout.element_size);
  if (layout.compressed) {
    inflate_chunk(bytes.data(), bytes.size(), c.rows);
  } else {
    if (bytes.size() != c.rows.size())
      throw JournalError(fmt::format("{}: a chunk has the wrong size", path.string()));
    std::memcpy(c.rows.data(), bytes.data(), bytes.size());
  }
  c.index = chunk;
}

void JournalReader::State::fill(std::uint32_t column, std::uint64_t first_row, std::uint64_t rows,
                                void* out) {
  const io::RunColumn& layout = columns.columns[column];
  const std::uint64_t chunk_elements = layout.rows_per_chunk * layout.row_elements;
  const std::size_t size = layout.element_size;
  auto* to = static_cast<std::byte*>(out);
  // A table's rows of a run may span chunks.
  while (rows > 0) {
    const std::uint64_t chunk = first_row / layout.rows_per_chunk;
    const std::uint64_t row_in_chunk = first_row % layout.rows_per_chunk;
    const std::uint64_t n = std::min(rows, layout.rows_per_chunk - row_in_chunk);
    load(column, chunk);
    const Chunk& c = current[column];
    const std::uint64_t first = row_in_chunk * layout.row_elements;
    const std::uint64_t elements = n * layout.row_elements;
    if (layout.compressed && size > 1) {
      // Un-shuffle (io/byte_shuffle.hpp): byte j of element i is at j * chunk_elements + i.
      for (std::size_t j = 0; j < size; ++j) {
        const std::byte* plane = c.rows.data() + j * chunk_elements + first;
        for (std::uint64_t i = 0; i < elements; ++i) to[i * size + j] = plane[i];
      }
    } else {
      std::memcpy(to, c.rows.data() + first * size, elements * size);
    }
    to += elements * size;
    first_row += n;
    rows -= n;
  }
}

// The run's table rows: each column's values from the run entry (from `at` on, in column order)
// or from the chunks, where they start after the rows of the runs before it.
void JournalReader::State::fill_tables(const std::vector<char>& payload, std::size_t at,
                                       const Run& run, record::RunRecord& r) {
  r.events.resize(run.rows[kEvents]);
  r.meetings.resize(run.rows[kMeetings]);
  r.meeting_participants.resize(run.rows[kMeetingParticipants]);
  r.negotiations.resize(run.rows[kNegotiations]);
  r.negotiation_participants.resize(run.rows[kNegotiationParticipants]);
  r.negotiation_shares.resize(run.rows[kNegotiationShares]);
  std::vector<std::byte> values;
  for (std::uint32_t t = 0; t < columns.tables; ++t) {
    const TableField& field = kTableFields[t];
    const std::uint64_t n = run.rows[field.list];
    if (n == 0) continue;
    const std::byte* from = nullptr;
    if ((run.raw & (std::uint32_t{1} << t)) != 0) {
      if (n * field.size > payload.size() - at)
        throw JournalError(fmt::format("{}: run {} ends early", path.string(), r.run_id));
      from = reinterpret_cast<const std::byte*>(payload.data() + at);
      at += n * field.size;
    } else {
      values.resize(n * field.size);
      fill(static_cast<std::uint32_t>(first_table() + t), table_start[field.list], n,
           values.data());
      if (field.offset_into >= 0) {
        // The file's offsets count the rows of the runs before; the record's do not.
        const auto base = static_cast<std::int64_t>(table_start[field.offset_into]);
        for (std::uint64_t i = 0; i < n; ++i)
          put_value(values.data() + i * 8, get_value<std::int64_t>(values.data() + i * 8) - base);
      }
      from = values.data();
    }
    field.scatter(r, from);
  }
  if (at != payload.size())
    throw JournalError(fmt::format("{}: run {} has trailing bytes", path.string(), r.run_id));
  for (int list = 0; list < kTableLists; ++list) table_start[list] += run.rows[list];
}

JournalReader::JournalReader(const std::filesystem::path& path, std::uint64_t hash)
    : state_(std::make_unique<State>()) {
  State& s = *state_;
  s.path = path;
  s.in.open(path, std::ios::binary);
  if (!s.in) throw JournalError(fmt::format("{}: cannot open the journal", path.string()));
  std::string head(kHeaderSize, '\0');
  s.in.read(head.data(), static_cast<std::streamsize>(head.size()));
  if (s.in.gcount() != static_cast<std::streamsize>(head.size()) || !head.starts_with(kMagicName) ||
      head.back() != '\n')
    throw JournalError(fmt::format("{}: not a regiesim sweep journal", path.string()));
  if (!head.starts_with(kMagic))
    throw JournalMismatch(fmt::format(
        "{}: the journal was written by another version of regiesim (journal format {}, this "
        "build's {}); start over with --force",
        path.string(),
        head.substr(kMagicName.size(), head.find(' ', kMagicName.size()) - kMagicName.size()),
        kMagic.substr(kMagicName.size(), 1)));
  const std::string expected = header(hash);
  if (head != expected)
    throw JournalMismatch(fmt::format(
        "{}: the journal belongs to another sweep (manifest hash {}, this sweep's {}): the sweep "
        "file, its base scenario or the regiesim build changed; start over with --force",
        path.string(), head.substr(kMagic.size(), 16), expected.substr(kMagic.size(), 16)));
  s.scan();
}

JournalReader::JournalReader(JournalReader&&) noexcept = default;
JournalReader::~JournalReader() = default;

std::int64_t JournalReader::whole_runs() const {
  return state_->whole;
}

std::optional<record::RunRecord> JournalReader::next() {
  State& s = *state_;
  if (s.next >= s.whole) return std::nullopt;
  const std::int64_t row = s.next;
  const State::Run& run = s.runs[static_cast<std::size_t>(row)];
  const State::Place place = run.place;
  std::vector<char> payload(place.size);
  s.in.seekg(static_cast<std::streamoff>(place.offset));
  s.in.read(payload.data(), static_cast<std::streamsize>(payload.size()));
  if (s.in.gcount() != static_cast<std::streamsize>(payload.size()))
    throw JournalError(fmt::format("{}: cannot read run {} back", s.path.string(), row));
  std::size_t end = 0;
  record::RunRecord r = s.columns.tables > 0
                            ? decode(payload, 1 + kTableHeaderSize, s.columns, &end)
                            : decode(payload, 1, s.columns);
  // A failed run that recorded nothing has no values: its rows are the fill value.
  std::uint32_t column = 0;
  const auto fill_column = [&](std::vector<double>& values) {
    if (!values.empty()) {
      if (values.size() != s.columns.columns[column].row_elements ||
          s.columns.columns[column].element_size != sizeof(double))
        throw JournalError(fmt::format("{}: run {} does not fit the journal's columns",
                                       s.path.string(), r.run_id));
      s.fill(column, static_cast<std::uint64_t>(row), 1, values.data());
    }
    ++column;
  };
  if (s.columns.series > 0)
    for (auto& v : r.series) fill_column(v);
  column = s.columns.series;
  if (s.columns.agents > 0)
    for (auto& v : r.agents) fill_column(v);
  column = s.columns.series + s.columns.agents;
  if (s.columns.trust > 0) fill_column(r.trust);
  if (s.columns.tables > 0) s.fill_tables(payload, end, run, r);
  ++s.next;
  return r;
}

}  // namespace regiesim::sweep
