#include "sweep/run_journal.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <isa-l/crc64.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <type_traits>

namespace regiesim::sweep {

namespace {

constexpr std::string_view kMagic = "regiesim-sweep-journal 2 ";
constexpr std::size_t kHeaderSize = kMagic.size() + 16 + 1;  // magic, hex hash, newline
// An entry larger than this is a damaged size field, not a run (a run at level `full` of a big
// network is some MB).
constexpr std::uint64_t kLargestEntry = std::uint64_t{1} << 34;

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
  void string(std::string& s) {
    std::uint64_t n = 0;
    scalar(n);
    if (n > in.size() - at) throw JournalError("a journal entry ends early");
    s.assign(in.data() + at, n);
    at += n;
  }
};

void encode(const record::RunRecord& r, std::vector<char>& out) {
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
  for (const auto& s : r.series) e.vector(s);
  e.vector(r.summary);
  e.vector(r.sample_steps);
  e.scalar(static_cast<std::uint64_t>(r.agents.size()));
  for (const auto& a : r.agents) e.vector(a);
  e.vector(r.trust);
  e.vector(r.events);
  e.vector(r.meetings);
  e.vector(r.meeting_participants);
  e.vector(r.negotiations);
  e.vector(r.negotiation_participants);
  e.vector(r.negotiation_shares);
}

record::RunRecord decode(const std::vector<char>& in) {
  record::RunRecord r;
  Decoder d{in};
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
  for (auto& s : r.series) d.vector(s);
  d.vector(r.summary);
  d.vector(r.sample_steps);
  d.scalar(n);
  if (n > 1024) throw JournalError("a journal entry has too many agent variables");
  r.agents.resize(n);
  for (auto& a : r.agents) d.vector(a);
  d.vector(r.trust);
  d.vector(r.events);
  d.vector(r.meetings);
  d.vector(r.meeting_participants);
  d.vector(r.negotiations);
  d.vector(r.negotiation_participants);
  d.vector(r.negotiation_shares);
  if (d.at != in.size()) throw JournalError("a journal entry has trailing bytes");
  return r;
}

std::string errno_text() {
  return std::strerror(errno);
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

JournalWriter::JournalWriter(std::filesystem::path path, int fd)
    : path_(std::move(path)), fd_(fd), last_flush_(std::chrono::steady_clock::now()) {}

JournalWriter::JournalWriter(JournalWriter&& other) noexcept
    : batch_runs(other.batch_runs),
      batch_interval(other.batch_interval),
      path_(std::move(other.path_)),
      fd_(other.fd_),
      buffer_(std::move(other.buffer_)),
      buffered_runs_(other.buffered_runs_),
      last_flush_(other.last_flush_) {
  other.fd_ = -1;
}

JournalWriter JournalWriter::create(const std::filesystem::path& path, std::uint64_t hash) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0)
    throw JournalError(
        fmt::format("{}: cannot create the journal: {}", path.string(), errno_text()));
  JournalWriter writer(path, fd);
  const std::string text = header(hash);
  writer.buffer_.assign(text.begin(), text.end());
  writer.flush();
  return writer;
}

JournalWriter JournalWriter::append_to(const std::filesystem::path& path,
                                       std::uint64_t valid_bytes) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CLOEXEC);
  if (fd < 0)
    throw JournalError(fmt::format("{}: cannot open the journal: {}", path.string(), errno_text()));
  if (::ftruncate(fd, static_cast<off_t>(valid_bytes)) != 0 ||
      ::lseek(fd, static_cast<off_t>(valid_bytes), SEEK_SET) < 0) {
    ::close(fd);
    throw JournalError(
        fmt::format("{}: cannot cut the journal's damaged tail: {}", path.string(), errno_text()));
  }
  return JournalWriter(path, fd);
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

void JournalWriter::append(const record::RunRecord& record) {
  const std::size_t start = buffer_.size();
  buffer_.resize(start + 16);
  encode(record, buffer_);
  const std::uint64_t size = buffer_.size() - start - 16;
  const std::uint64_t checksum = entry_checksum(buffer_.data() + start + 16, size);
  std::memcpy(buffer_.data() + start, &size, 8);
  std::memcpy(buffer_.data() + start + 8, &checksum, 8);
  buffered_runs_ += 1;
  if (buffered_runs_ >= batch_runs ||
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
  last_flush_ = std::chrono::steady_clock::now();
}

JournalReader::JournalReader(const std::filesystem::path& path, std::uint64_t hash)
    : path_(path), in_(path, std::ios::binary) {
  if (!in_) throw JournalError(fmt::format("{}: cannot open the journal", path.string()));
  std::string head(kHeaderSize, '\0');
  in_.read(head.data(), static_cast<std::streamsize>(head.size()));
  if (in_.gcount() != static_cast<std::streamsize>(head.size()) || !head.starts_with(kMagic) ||
      head.back() != '\n')
    throw JournalError(fmt::format("{}: not a regiesim sweep journal", path.string()));
  const std::string expected = header(hash);
  if (head != expected)
    throw JournalMismatch(fmt::format(
        "{}: the journal belongs to another sweep (manifest hash {}, this sweep's {}): the sweep "
        "file, its base scenario or the regiesim build changed; start over with --force",
        path.string(), head.substr(kMagic.size(), 16), expected.substr(kMagic.size(), 16)));
  valid_bytes_ = kHeaderSize;
}

std::optional<record::RunRecord> JournalReader::next() {
  if (ended_) return std::nullopt;
  std::uint64_t prefix[2] = {0, 0};
  in_.read(reinterpret_cast<char*>(prefix), sizeof prefix);
  if (in_.gcount() != static_cast<std::streamsize>(sizeof prefix) || prefix[0] > kLargestEntry) {
    ended_ = true;
    return std::nullopt;
  }
  std::vector<char> payload(prefix[0]);
  in_.read(payload.data(), static_cast<std::streamsize>(payload.size()));
  if (in_.gcount() != static_cast<std::streamsize>(payload.size()) ||
      entry_checksum(payload.data(), payload.size()) != prefix[1]) {
    ended_ = true;  // cut short by a kill: the journal ends at the last whole entry
    return std::nullopt;
  }
  record::RunRecord record = decode(payload);
  valid_bytes_ += sizeof prefix + payload.size();
  return record;
}

}  // namespace regiesim::sweep
