#!/usr/bin/env bash
# Installs every Debian 12 package regiesim needs, and nothing when all are present (seconds).
# Idempotent: the README's first command and .ci/run both call it. Keep the list complete by
# reading it: a machine that already has a package hides a missing line here.
set -euo pipefail

packages=(
  # toolchain
  build-essential g++ clang cmake ninja-build ccache clang-format pkg-config git
  # core libraries
  libeigen3-dev libboost-dev libboost-graph-dev libboost-random-dev librandom123-dev
  libtomlplusplus-dev
  # edges: command line, formatting, output, distribution, JSON
  libcli11-dev libfmt-dev libhdf5-dev hdf5-tools openmpi-bin libopenmpi-dev libboost-mpi-dev
  nlohmann-json3-dev libisal-dev
  # edges: threads inside one run (--threads-per-run)
  libtbb-dev
  # tests and benchmarks; libclang-rt-14-dev holds libFuzzer for scripts/fuzz.sh
  libgtest-dev libgmock-dev libbenchmark-dev libclang-rt-14-dev
  # analysis (run with /usr/bin/python3)
  python3 python3-h5py python3-numpy python3-pandas python3-matplotlib python3-scipy python3-pytest
  python3-xarray python3-h5netcdf python3-pip python3-setuptools
  # browser tests (ctest label browser): Debian's browsers, driven by playwright-core (which
  # downloads no browser of its own) and checked with firefox-esr --headless --screenshot
  chromium firefox-esr
  # the classroom page (classroom/): the core in WebAssembly, with the system libraries prebuilt in
  # Debian's read-only emscripten cache
  emscripten
)

missing=()
for p in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  [[ "$status" == "install ok installed" ]] || missing+=("$p")
done

sudo=""
if [[ $(id -u) -ne 0 ]]; then sudo="sudo"; fi

if ((${#missing[@]} == 0)); then
  echo "setup: all ${#packages[@]} packages present"
else
  echo "setup: installing ${#missing[@]} missing packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# Node and npm for the browser tests, only when missing and in their own apt-get call: on some
# machines Debian's npm conflicts with an installed nodejs (e.g. one that bundles npm).
node_missing=()
command -v node >/dev/null 2>&1 || node_missing+=(nodejs)
command -v npm >/dev/null 2>&1 || node_missing+=(npm)
if ((${#node_missing[@]} > 0)); then
  echo "setup: installing ${node_missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "${node_missing[@]}"
fi

# playwright-core, pinned in package-lock.json at the root; `npm ci` again only when
# node_modules is missing or older than the lock file.
here=$(cd "$(dirname "$0")/.." && pwd)
if [[ ! -d "$here/node_modules" || "$here/package-lock.json" -nt "$here/node_modules" ]]; then
  echo "setup: npm ci (playwright-core from package-lock.json)"
  (cd "$here" && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error && touch node_modules)
fi

# The analysis package, for Debian's python3, editable and offline (design decision 12), so that
# `import regiesim_analysis` works from anywhere; again only when it points elsewhere.
installed=$(cd / && /usr/bin/python3 -c 'import regiesim_analysis, os; print(os.path.dirname(os.path.dirname(regiesim_analysis.__file__)))' 2>/dev/null || true)
if [[ "$installed" != "$here/analysis" ]]; then
  echo "setup: installing the analysis package from $here/analysis"
  (cd / && $sudo /usr/bin/python3 -m pip install --quiet --no-deps --no-build-isolation --no-index \
    --break-system-packages --root-user-action=ignore -e "$here/analysis")
fi
echo "setup: done"
