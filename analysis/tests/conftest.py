import os
import subprocess
import sys
from pathlib import Path

import pytest

from regiesim_analysis.binary import find_regiesim

SOURCE_DIR = Path(os.environ.get("REGIESIM_SOURCE_DIR", Path(__file__).resolve().parents[2]))
# Found as the package finds it: $REGIESIM_BINARY (set by ctest), then build/release/regiesim in
# the repository of the installed package, then PATH.
BINARY = find_regiesim()
PACKAGE_DIR = Path(__file__).resolve().parents[1]


def run_cli(*args, check=True, cwd=None):
    """``/usr/bin/python3 -m regiesim_analysis ARGS`` with this checkout's package first."""
    env = dict(os.environ)
    env["PYTHONPATH"] = str(PACKAGE_DIR) + os.pathsep + env.get("PYTHONPATH", "")
    return subprocess.run([sys.executable, "-m", "regiesim_analysis", *map(str, args)],
                          capture_output=True, text=True, check=check, cwd=cwd, env=env)


@pytest.fixture(scope="session")
def full_file(tmp_path_factory) -> Path:
    """The default scenario, 3 replications, 60 weeks, everything recorded, by the real CLI."""
    out = tmp_path_factory.mktemp("results") / "default_full.h5"
    subprocess.run(
        [str(BINARY), "run", str(SOURCE_DIR / "scenarios" / "default.toml"), "-o", str(out),
         "--replications", "3", "--set", "record.level=full", "--set", "run.steps=60",
         "--set", "record.agent_interval=10"],
        check=True, capture_output=True,
    )
    return out


def sweep(tmp, name: str, design: str, parameters: str, level: str = "summary",
          steps: int = 20, replications: int = 2) -> Path:
    """A sweep of the default scenario, shortened, run by the binary."""
    (tmp / f"{name}_base.toml").write_text(
        f'extends = "{SOURCE_DIR / "scenarios" / "default.toml"}"\n[run]\nsteps = {steps}\n'
        f'[record]\nlevel = "{level}"\n')
    (tmp / f"{name}.toml").write_text(
        f'[sweep]\nscenario = "{name}_base.toml"\nreplications = {replications}\nseed = 5\n'
        f'[design]\n{design}\n{parameters}')
    out = tmp / f"{name}.h5"
    subprocess.run([str(BINARY), "sweep", str(tmp / f"{name}.toml"), "-o", str(out)],
                   check=True, capture_output=True)
    return out


TWO_FACTORS = ('[[parameters]]\npath = "trust.gain"\nrange = [0.02, 0.3]\n'
               '[[parameters]]\npath = "meetings.probability"\nrange = [0.01, 0.5]\n')


@pytest.fixture(scope="session")
def saltelli_file(tmp_path_factory) -> Path:
    return sweep(tmp_path_factory.mktemp("saltelli"), "saltelli",
                 'kind = "saltelli"\nbase_samples = 8', TWO_FACTORS)


@pytest.fixture(scope="session")
def morris_file(tmp_path_factory) -> Path:
    return sweep(tmp_path_factory.mktemp("morris"), "morris",
                 'kind = "morris"\ntrajectories = 6\nlevels = 4', TWO_FACTORS)


@pytest.fixture(scope="session")
def lhs_file(tmp_path_factory) -> Path:
    return sweep(tmp_path_factory.mktemp("lhs"), "lhs", 'kind = "latin_hypercube"\nsamples = 40',
                 TWO_FACTORS, replications=1)
