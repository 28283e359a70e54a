import os
import subprocess
from pathlib import Path

import pytest

SOURCE_DIR = Path(os.environ.get("REGIESIM_SOURCE_DIR", Path(__file__).resolve().parents[2]))
BINARY = Path(os.environ.get("REGIESIM_BINARY", SOURCE_DIR / "build" / "release" / "regiesim"))


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
