"""docs/ODD.md and the engine in step: the port written from the ODD alone (validation/odd_port,
REPORT.md) and the `regiesim` binary give the same series, draw for draw.

A change of a model rule in the engine without the matching change of docs/ODD.md (and of the
port, which follows the text) fails here, as does a change of the text's rules in the port alone.
Each case runs the engine once (-j 1) and the port in this process, with the same run seeds, and
requires every recorded series of every run, and every summary metric, to agree within 1e-9
(relative to max(1, |engine value|)); on failure it names the first differing metric and week.
"""
import os
import subprocess
import sys
from pathlib import Path

import h5py
import numpy as np
import pytest

SOURCE_DIR = Path(os.environ.get("REGIESIM_SOURCE_DIR", Path(__file__).resolve().parents[3]))
BINARY = Path(os.environ.get("REGIESIM_BINARY", SOURCE_DIR / "build" / "release" / "regiesim"))
sys.path.insert(0, str(SOURCE_DIR))

from validation.odd_port.run_port import run_one  # noqa: E402

DEFAULT = SOURCE_DIR / "scenarios" / "default.toml"
TOLERANCE = 1e-9

# (name, scenario, --set, replications). The default as shipped; then two years under the two
# strategies that exercise what the default rarely reaches: control (own work on the target's
# strongest dimension, regisseur.capabilities, the trust loss it signals) and negotiating meetings
# (Zeuthen's rounds, agreements, the fairness pull of 7.8).
CASES = [
    ("default", DEFAULT, [], 2),
    ("controlling_104", DEFAULT, ["regisseur.strategy=controlling", "run.steps=104"], 2),
    ("negotiation_104", DEFAULT, ["regisseur.strategy=negotiation", "run.steps=104"], 2),
    # Ten years of the negotiating regisseur: plenaries that take up a pair's negotiation under
    # way (7.5 step 2, negotiation.continue_contained), settlements and their execution.
    ("negotiation_520", DEFAULT, ["regisseur.strategy=negotiation"], 3),
]


def engine_run(scenario, sets, replications, out):
    cmd = [str(BINARY), "run", str(scenario), "-o", str(out), "--force", "--replications",
           str(replications), "-j", "1"]
    for s in sets:
        cmd += ["--set", s]
    subprocess.run(cmd, check=True, capture_output=True)
    with h5py.File(out, "r") as f:
        steps = f["series"]["step"][:]
        series = {k: f["series"][k][:] for k in f["series"]
                  if k not in ("run", "step") and f["series"][k].ndim == 2}
        summary = {k: f["summary"][k][:] for k in f["summary"] if k != "run"}
    return steps, series, summary


def differs(a, b):
    a = np.asarray(a, dtype=float)
    b = np.asarray(b, dtype=float)
    return ~(np.abs(a - b) <= TOLERANCE * np.maximum(1.0, np.abs(a)))


@pytest.mark.parametrize("name,scenario,sets,replications", CASES, ids=[c[0] for c in CASES])
def test_port_matches_engine_draw_for_draw(tmp_path, name, scenario, sets, replications):
    steps, eser, esum = engine_run(scenario, sets, replications, tmp_path / f"{name}.h5")
    failures = []
    for r in range(replications):
        pser, psum = run_one(str(scenario), list(sets), r)
        missing = sorted(set(eser) ^ set(pser))
        assert not missing, f"{name}: series recorded by only one side: {missing}"
        first = None  # (week, metric, engine, port)
        for k in sorted(eser):
            a, b = eser[k][r], np.asarray(pser[k], dtype=float)
            assert a.shape == b.shape, f"{name} run {r} {k}: engine {a.shape} weeks, port {b.shape}"
            d = differs(a, b)
            if d.any():
                s = int(np.argmax(d))
                if first is None or s < first[0]:
                    first = (s, k, a[s], b[s])
        if first is not None:
            s, k, a, b = first
            failures.append(f"run {r}: first differing series {k!r} at week {int(steps[s])}: "
                            f"engine {a!r}, port {b!r}")
            continue
        for k in sorted(esum):
            assert k in psum, f"{name}: summary metric {k!r} missing in the port"
            if differs(esum[k][r], psum[k]).any():
                failures.append(f"run {r}: summary {k!r}: engine {esum[k][r]!r}, port {psum[k]!r}")
                break
    assert not failures, f"{name} ({' '.join(sets) or 'as shipped'}): " + "; ".join(failures)


def test_port_play_mode_matches_the_engine_replaying_the_game(tmp_path):
    """ODD 3.3, play mode: the port with a player's span (rounds of four weeks, the rhythm every
    week) gives the series the engine gives for the same game exported as a `planned` schedule
    (the engine's own play mode equals that replay bit for bit: tests/sim/play_mode_test.cpp)."""
    from validation.odd_port import scenario as port_scenario
    from validation.odd_port.model import Model

    sets = ["run.steps=52", "regisseur.choice_interval=4"]
    prm, partners = port_scenario.load(str(DEFAULT), sets)
    mdl = Model(prm, partners, 0)
    rounds = [[("appreciate", 1, 0.5), ("clarify_goal", None, 1.0)],
              [("control", 3, 1.0)],
              [],
              [("surface_interests", 2, 1.0), ("organise", None, 0.2), ("reflect", None, 1.0)]]
    mdl.players = lambda t: list(rounds[((t - 1) // 4) % len(rounds)])
    applied = []
    choose = mdl.choose

    def recording(t, ob):
        span = choose(t, ob)
        applied.extend((t, a, tg, x) for a, tg, x in span)
        return span

    mdl.choose = recording
    pser = mdl.run()
    # The player's entries in choice weeks only, in order; the rhythm's convenes besides them.
    players = [(t, a, tg, x) for t, a, tg, x in applied if a != "convene"]
    assert players == [(t, a, tg, x) for t in range(1, 53, 4) for a, tg, x in mdl.players(t)]
    assert any(a == "convene" and (t - 1) % 4 != 0 for t, a, _, _ in applied)
    plan = "".join(
        f'\n[[regisseur.plan]]\nweek = {t}\nintervention = "{a}"\n'
        f'target = "{"all" if tg in (None, "all") else mdl.names[tg]}"\nintensity = {x!r}\n'
        for t, a, tg, x in applied)
    played = tmp_path / "played.toml"
    played.write_text(f'extends = "{DEFAULT}"\n\n[run]\nsteps = 52\n\n[regisseur]\n'
                      f'strategy = "planned"\n{plan}')
    _, eser, _ = engine_run(played, [], 1, tmp_path / "played.h5")
    for k in sorted(eser):
        d = differs(eser[k][0], np.asarray(pser[k], dtype=float))
        assert not d.any(), f"{k} differs first at week {int(np.argmax(d))}"
