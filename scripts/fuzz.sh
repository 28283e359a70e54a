#!/usr/bin/env bash
# Fuzzes the parsers and file checks for FUZZ_SECONDS (default 60) in total, split evenly over the
# harnesses of tests/fuzz/: the scenario parser, --set parsing, the sweep-file parser and the HDF5
# header checks of `inspect`. Builds only the core and the harnesses, with clang (cmake --preset
# fuzz). Seeds: tests/bad/ and scenarios/ (scenario parser), tests/fuzz/seeds/ (--set),
# scenarios/sweeps/ (sweep parser), small HDF5 files made with h5py (header checks); what a
# harness learns is kept in build/fuzz/corpus/ between runs.
# Exits non-zero on the first crash, leak, sanitizer report or timeout; the input that caused it
# is in build/fuzz/crashes/. Make it a file in tests/bad/ with a row in tests/bad/cases.toml.
set -euo pipefail
cd "$(dirname "$0")/.."
export CCACHE_BASEDIR=${CCACHE_BASEDIR:-$PWD}

seconds=${FUZZ_SECONDS:-60}
harnesses=(scenario_parser set_parser sweep_parser hdf5_check)
each=$((seconds / ${#harnesses[@]}))
((each >= 1)) || each=1

cmake --preset fuzz >/dev/null
cmake --build --preset fuzz

work=build/fuzz
seeds=$work/seeds
rm -rf "$seeds" "$work/crashes"
mkdir -p "$seeds/scenario_parser" "$seeds/set_parser" "$seeds/sweep_parser" "$seeds/hdf5_check" \
  "$work/crashes"
find tests/bad scenarios -name '*.toml' -size -64k -print0 |
  while IFS= read -r -d '' f; do cp "$f" "$seeds/scenario_parser/$(echo "$f" | tr / _)"; done
cp tests/fuzz/seeds/set_parser/* "$seeds/set_parser/"
cp tests/fuzz/seeds/scenario_parser/* "$seeds/scenario_parser/"
cp scenarios/sweeps/*.toml "$seeds/sweep_parser/"
cp tests/bad/*.toml "$seeds/hdf5_check/"
/usr/bin/python3 - "$seeds/hdf5_check" <<'PY' || echo "fuzz: no h5py; HDF5 seeds are the non-HDF5 files only"
import sys, h5py, numpy
for libver in ("earliest", "latest"):
    with h5py.File(f"{sys.argv[1]}/{libver}.h5", "w", libver=libver) as f:
        f.attrs["schema_version"] = 1
        f["x"] = numpy.arange(4.0)
PY

status=0
for h in "${harnesses[@]}"; do
  mkdir -p "$work/corpus/$h"
  echo "fuzz: $h for ${each} s"
  # -timeout: one input may take at most 10 s (a hang is a bug); -rss_limit_mb: no input may need
  # more than 2 GB (a scenario is at most 8 MiB). Inputs up to 64 KiB reach every branch.
  if ! "$work/fuzz/fuzz_$h" -max_total_time="$each" -timeout=10 -rss_limit_mb=2048 \
    -max_len=65536 -print_final_stats=1 -artifact_prefix="$work/crashes/$h-" \
    "$work/corpus/$h" "$seeds/$h" 2>"$work/$h.log"; then
    tail -n 60 "$work/$h.log"
    echo "fuzz: $h FAILED; the input is in $work/crashes/"
    status=1
  else
    grep -E '^stat::number_of_executed_units|^stat::new_units_added' "$work/$h.log" | sed "s/^/fuzz: $h /"
  fi
done
exit $status
