// The bandwidth probe: a single-threaded STREAM triad, a[i] = b[i] + s * c[i], on arrays of at
// least four times the last-level cache (so that it measures memory, not cache), reported as
// bytes per second in STREAM's count (three arrays of doubles per pass, 24 bytes per element).
// The week's bytes at 10^6 partners (BM_WeekSparse, by the state-size formula) are judged as a
// fraction of it (bench/README.md, "Targets").
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace {

// Four times the last-level cache this machine reports (sysconf), at least 64 MiB per array.
std::int64_t triad_bytes_per_array() {
  long cache = 0;
#ifdef _SC_LEVEL3_CACHE_SIZE
  cache = sysconf(_SC_LEVEL3_CACHE_SIZE);
#endif
#ifdef _SC_LEVEL2_CACHE_SIZE
  if (cache <= 0) cache = sysconf(_SC_LEVEL2_CACHE_SIZE);
#endif
  return std::max<std::int64_t>(std::int64_t{64} << 20, 4 * static_cast<std::int64_t>(cache));
}

void BM_StreamTriad(benchmark::State& bench) {
  const auto n = static_cast<std::size_t>(bench.range(0)) / sizeof(double);
  // Filled (touched) before timing, so that the pages are resident.
  std::vector<double> a(n, 0.0), b(n, 1.0), c(n, 2.0);
  const double s = 3.0;
  for (auto _ : bench) {
    double* __restrict pa = a.data();
    const double* __restrict pb = b.data();
    const double* __restrict pc = c.data();
    for (std::size_t i = 0; i < n; ++i) pa[i] = pb[i] + s * pc[i];
    benchmark::ClobberMemory();
  }
  benchmark::DoNotOptimize(a.data());
  bench.SetBytesProcessed(static_cast<std::int64_t>(bench.iterations()) *
                          static_cast<std::int64_t>(3 * n * sizeof(double)));
  bench.counters["MiB_per_array"] = static_cast<double>(n * sizeof(double)) / (1 << 20);
}
BENCHMARK(BM_StreamTriad)
    ->ArgName("bytes_per_array")
    ->Arg(triad_bytes_per_array())
    ->Unit(benchmark::kMillisecond);

}  // namespace
