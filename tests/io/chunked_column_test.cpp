// ChunkedColumn: rows go in, whole compressed chunks go to HDF5, and HDF5 (with its own deflate
// filter) reads back exactly the rows appended, across chunk boundaries and a partial last chunk.
#include "io/chunked_column.hpp"

#include "io/chunk_pipeline.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <limits>
#include <thread>
#include <vector>

namespace regiesim::io {
namespace {

namespace fs = std::filesystem;

struct TempFile {
  fs::path path = fs::temp_directory_path() / fmt::format("chunked_column_{}.h5", ::getpid());
  hid_t file = H5Fcreate(path.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT);
  ~TempFile() {
    if (file >= 0) H5Fclose(file);
    fs::remove(path);
  }
  void reopen() {
    H5Fclose(file);
    file = H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
  }
};

ColumnLayout doubles(std::vector<hsize_t> row_shape, hsize_t rows_per_chunk, bool compress) {
  ColumnLayout layout;
  layout.file_type = H5T_IEEE_F64LE;
  layout.element_size = 8;
  layout.row_shape = std::move(row_shape);
  layout.rows_per_chunk = rows_per_chunk;
  layout.compress = compress;
  const double nan = std::numeric_limits<double>::quiet_NaN();
  layout.fill.resize(8);
  std::memcpy(layout.fill.data(), &nan, 8);
  return layout;
}

std::vector<double> read_all(hid_t file, const char* name, std::vector<hsize_t>& dims) {
  hid_t ds = H5Dopen2(file, name, H5P_DEFAULT);
  hid_t space = H5Dget_space(ds);
  dims.resize(static_cast<std::size_t>(H5Sget_simple_extent_ndims(space)));
  H5Sget_simple_extent_dims(space, dims.data(), nullptr);
  std::vector<double> values(static_cast<std::size_t>(H5Sget_simple_extent_npoints(space)));
  if (!values.empty()) {
    EXPECT_GE(H5Dread(ds, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()), 0);
  }
  H5Sclose(space);
  H5Dclose(ds);
  return values;
}

TEST(ChunkedColumn, RowsReadBackExactly_AcrossChunksAndAPartialLastChunk) {
  for (bool compress : {true, false}) {
    SCOPED_TRACE(compress ? "compressed" : "uncompressed");
    TempFile f;
    std::vector<double> expected;
    {
      ChunkedColumn column(f.file, "values", doubles({2, 3}, 4, compress));
      EXPECT_EQ(column.row_elements(), 6u);
      for (int row = 0; row < 10; ++row) {
        std::vector<double> values;
        for (int k = 0; k < 6; ++k) values.push_back(row * 10.0 + k + 1.0 / 3.0);
        if (row == 7) {
          column.append_fill();
          for (int k = 0; k < 6; ++k) expected.push_back(std::numeric_limits<double>::quiet_NaN());
          continue;
        }
        column.append(values.data());
        expected.insert(expected.end(), values.begin(), values.end());
      }
      column.finish();
      EXPECT_EQ(column.rows(), 10u);
    }
    f.reopen();
    std::vector<hsize_t> dims;
    const std::vector<double> got = read_all(f.file, "values", dims);
    EXPECT_EQ(dims, (std::vector<hsize_t>{10, 2, 3}));
    ASSERT_EQ(got.size(), expected.size());
    for (std::size_t i = 0; i < got.size(); ++i) {
      if (std::isnan(expected[i])) {
        EXPECT_TRUE(std::isnan(got[i])) << i;
      } else {
        EXPECT_EQ(got[i], expected[i]) << i;
      }
    }
  }
}

TEST(ChunkedColumn, ManyRowsInOneAppend_SpanChunks) {
  TempFile f;
  std::vector<double> values(1000);
  for (std::size_t i = 0; i < values.size(); ++i) values[i] = std::sin(static_cast<double>(i));
  {
    ChunkedColumn column(f.file, "series", doubles({}, 64, true));
    column.append(values.data(), 600);
    column.append(values.data() + 600, 400);
    column.finish();
  }
  f.reopen();
  std::vector<hsize_t> dims;
  EXPECT_EQ(read_all(f.file, "series", dims), values);
  EXPECT_EQ(dims, (std::vector<hsize_t>{1000}));
}

TEST(ChunkedColumn, NoRows_GiveAnEmptyDataset) {
  TempFile f;
  {
    ChunkedColumn column(f.file, "empty", doubles({5}, 0, true));
    EXPECT_EQ(column.rows_per_chunk(), ChunkedColumn::kTargetChunkBytes / (5 * 8));
    column.finish();
  }
  f.reopen();
  std::vector<hsize_t> dims;
  EXPECT_TRUE(read_all(f.file, "empty", dims).empty());
  EXPECT_EQ(dims, (std::vector<hsize_t>{0, 5}));
}

TEST(ChunkedColumn, AppendAfterFinish_IsALogicError) {
  TempFile f;
  ChunkedColumn column(f.file, "done", doubles({}, 8, false));
  column.finish();
  const double v = 1.0;
  EXPECT_THROW(column.append(&v), std::logic_error);
}

}  // namespace
}  // namespace regiesim::io

namespace regiesim::io {
namespace {

std::vector<hsize_t> chunk_dims(hid_t file, const char* name) {
  hid_t ds = H5Dopen2(file, name, H5P_DEFAULT);
  hid_t plist = H5Dget_create_plist(ds);
  std::vector<hsize_t> dims(8);
  dims.resize(static_cast<std::size_t>(H5Pget_chunk(plist, 8, dims.data())));
  H5Pclose(plist);
  H5Dclose(ds);
  return dims;
}

// A file expected to hold one run does not pad each per-run dataset to a 256 KiB chunk of fill
// (which it would also have to compress); a file of unknown size keeps the large chunks.
TEST(ChunkedColumn, ExpectedRows_BoundTheChunk_UnknownKeepsTheTargetSize) {
  TempFile f;
  ColumnLayout one_run = doubles({521}, 0, true);
  one_run.expected_rows = 1;
  ChunkedColumn small(f.file, "one_run", one_run);
  ColumnLayout many_runs = doubles({521}, 0, true);
  many_runs.expected_rows = 1000;
  ChunkedColumn large(f.file, "many_runs", many_runs);
  ChunkedColumn unknown(f.file, "unknown", doubles({521}, 0, true));
  const hsize_t target_rows = ChunkedColumn::kTargetChunkBytes / (521 * 8);
  EXPECT_EQ(small.rows_per_chunk(), 1u);
  EXPECT_EQ(large.rows_per_chunk(), target_rows);
  EXPECT_EQ(unknown.rows_per_chunk(), target_rows);
  // More rows than expected still fit: the chunk bounds the size, not the extent.
  std::vector<double> row(521, 0.25);
  for (int r = 0; r < 3; ++r) small.append(row.data());
  small.finish();
  large.finish();
  unknown.finish();
  f.reopen();
  EXPECT_EQ(chunk_dims(f.file, "one_run"), (std::vector<hsize_t>{1, 521}));
  std::vector<hsize_t> dims;
  const std::vector<double> values = read_all(f.file, "one_run", dims);
  EXPECT_EQ(dims, (std::vector<hsize_t>{3, 521}));
  EXPECT_EQ(values, std::vector<double>(3 * 521, 0.25));
}

// Chunks compressed by other threads are written in submission order, so the data (and the
// file's layout) do not depend on which thread compressed what.
TEST(ChunkPipeline, ChunksCompressedOnOtherThreads_ReadBackLikeChunksWrittenAtOnce) {
  auto write = [](TempFile& f, ChunkPipeline* pipeline) {
    std::vector<ChunkedColumn> columns;
    for (const char* name : {"a", "b", "c"})
      columns.emplace_back(f.file, name, doubles({7}, 3, true), pipeline);
    std::atomic<bool> stop{false};
    std::vector<std::jthread> helpers;
    if (pipeline != nullptr)
      for (int t = 0; t < 2; ++t)
        helpers.emplace_back([&] {
          while (!stop) pipeline->compress_one();
        });
    for (int row = 0; row < 50; ++row)
      for (std::size_t c = 0; c < columns.size(); ++c) {
        std::vector<double> values(7);
        for (int k = 0; k < 7; ++k) values[k] = std::cos(row * 7.0 + k + 100.0 * c);
        columns[c].append(values.data());
      }
    for (ChunkedColumn& c : columns) c.finish();
    stop = true;
    helpers.clear();
    if (pipeline != nullptr) pipeline->finish();
  };
  TempFile at_once;
  write(at_once, nullptr);
  at_once.reopen();
  TempFile piped;
  piped.path += ".piped";
  H5Fclose(piped.file);
  piped.file = H5Fcreate(piped.path.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT);
  {
    ChunkPipeline pipeline;
    write(piped, &pipeline);
  }
  piped.reopen();
  for (const char* name : {"a", "b", "c"}) {
    std::vector<hsize_t> dims_a, dims_b;
    EXPECT_EQ(read_all(at_once.file, name, dims_a), read_all(piped.file, name, dims_b)) << name;
    EXPECT_EQ(dims_a, (std::vector<hsize_t>{50, 7}));
    EXPECT_EQ(dims_b, dims_a);
  }
}

// Buffers are recycled from one column to the next whatever their chunk sizes (a series row of
// 521 values against single event values), and a recycled buffer's old bytes never reach the file.
TEST(ChunkPipeline, BuffersRecycledAcrossColumnsOfOtherChunkSizes_ReadBackExactly) {
  EXPECT_EQ(buffer_capacity(62 * 521 * 8), buffer_capacity(32768 * 8));
  EXPECT_GE(buffer_capacity(1 << 20), deflate_bound(1 << 20));
  TempFile f;
  std::vector<double> series_written, events_written;
  {
    ChunkPipeline pipeline;
    ChunkedColumn series(f.file, "series", doubles({521}, 0, true), &pipeline);
    ChunkedColumn events(f.file, "events", doubles({}, 0, true), &pipeline);
    std::vector<double> row(521);
    for (int run = 0; run < 150; ++run) {
      for (int k = 0; k < 521; ++k) row[k] = std::sin(run * 521.0 + k);
      series.append(row.data());
      series_written.insert(series_written.end(), row.begin(), row.end());
      for (int e = 0; e < 700; ++e) {
        const double value = std::cos(run * 700.0 + e);
        events.append(&value);
        events_written.push_back(value);
      }
    }
    series.finish();
    events.finish();
    pipeline.finish();
  }
  f.reopen();
  std::vector<hsize_t> dims;
  EXPECT_EQ(read_all(f.file, "series", dims), series_written);
  EXPECT_EQ(dims, (std::vector<hsize_t>{150, 521}));
  EXPECT_EQ(read_all(f.file, "events", dims), events_written);
  EXPECT_EQ(dims, (std::vector<hsize_t>{150 * 700}));
}

}  // namespace
}  // namespace regiesim::io
