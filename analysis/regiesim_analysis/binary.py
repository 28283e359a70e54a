"""Where the regiesim binary is: ``--regiesim PATH``, then ``$REGIESIM_BINARY``, then
``build/release/regiesim`` in the repository this package is installed from (editable install),
then ``regiesim`` on PATH."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parents[2]


def find_regiesim(explicit: str | os.PathLike | None = None) -> Path:
    """The binary to run; raises FileNotFoundError saying where it looked."""
    looked = []
    candidates = []
    if explicit:
        candidates.append(("--regiesim", Path(explicit)))
    if os.environ.get("REGIESIM_BINARY"):
        candidates.append(("$REGIESIM_BINARY", Path(os.environ["REGIESIM_BINARY"])))
    candidates.append(("the repository", REPOSITORY / "build" / "release" / "regiesim"))
    for origin, path in candidates:
        if path.is_file() and os.access(path, os.X_OK):
            return path
        looked.append(f"{origin}: {path}")
        if origin == "--regiesim":
            break  # an explicit path that is wrong is an error, not a hint
    on_path = shutil.which("regiesim") if not explicit else None
    if on_path:
        return Path(on_path)
    raise FileNotFoundError("no regiesim binary (looked at " + "; ".join(looked)
                            + ("; PATH" if not explicit else "") + ")")
