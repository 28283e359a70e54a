"""Check the classroom page's engine against the CLI, value for value, to the last bit.

    /usr/bin/python3 classroom/compare_with_cli.py build/release/regiesim \
        build/classroom/regiesim-klas-engine.js

With the engine API (regiesim-klas-engine.js, classroom/API.md), under node:
  * the default scenario and every pitfall arm (scenarios/pitfalls/*/{trap,twin}.toml) run to the
    end in the engine; the CLI runs the same file (replication 0, record level series); every
    value of /series/<metric> and /summary/<metric> and every row of /events of run 0 must have
    the same bits;
  * played games: rounds of four weeks (regisseur.choice_interval = 4) of varied player choices,
    weeks 105-520 repeating the last round's span, on the default and on generated partners drawn
    per replication; each exported with plan_toml(); `regiesim run` on that file must give the
    played game's series, summary and events;
  * malformed scenarios: the engine's message must be the CLI's, character for character.
Prints the first difference and exits 1 on any; prints timings of the engine in node.

Given the spike (regiesim-klas-spike.js), checks its hashes as before (every run of the default).
"""

import json
import math
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile

import h5py
import numpy as np

ROOT = pathlib.Path(__file__).resolve().parent.parent

# The node side: loads the engine, runs what it is asked (one JSON request on stdin), prints JSON.
DRIVER = r"""
const path = require('path');
const factory = require(path.resolve(process.argv[2]));
let input = '';
process.stdin.on('data', d => input += d);
process.stdin.on('end', async () => {
  const request = JSON.parse(input);
  const m = await factory();
  const call = (name, ...args) => {
    const out = JSON.parse(m[name](...args));
    if (out && out.ok === false) throw new Error(name + ': ' + out.error);
    return out;
  };
  const results = {arms: [], timing: {}};
  const compact = e => [e.week, e.kind, e.source, e.target_id, e.cost, e.value];
  for (const file of request.arms) {
    const opened = call('open', '{}', file, '{}');
    const t0 = process.hrtime.bigint();
    const run = call('run_to_end', opened.id, 'null');
    const t1 = process.hrtime.bigint();
    results.arms.push({file, recorded: call('recorded', opened.id), run_ms: Number(t1 - t0) / 1e6,
                       events: run.events.map(compact)});
    call('close', opened.id);
  }
  // A warm run_to_end of the default (the first call of a fresh module includes its compilation).
  {
    const opened = call('open', '{}', 'default.toml', '{}');
    const t0 = process.hrtime.bigint();
    call('run_to_end', opened.id, 'null');
    results.timing.warm_run_ms = Number(process.hrtime.bigint() - t0) / 1e6;
    call('close', opened.id);
  }
  // Per-week cost with step() (the page's live mode) on the default.
  {
    const opened = call('open', '{}', 'default.toml', '{}');
    const t0 = process.hrtime.bigint();
    let weeks = 0;
    for (;;) { const w = call('step', opened.id, 'null'); ++weeks; if (w.done) break; }
    const t1 = process.hrtime.bigint();
    results.timing.step_ms_per_week = Number(t1 - t0) / 1e6 / weeks;
    results.timing.weeks = weeks;
    call('close', opened.id);
  }
  // Played games: the player's span for each round from the request; every week of a round gets
  // the same span (the engine applies it in the round's first week only).
  results.played = request.games.map(game => {
    const opened = call('open', JSON.stringify(game.files), game.main,
                        '{"regisseur.choice_interval": 4}');
    const rounds = request.rounds;
    const partners = opened.partners.map(p => p.name);
    let last = [];
    let skipped = 0;
    const events = [];
    for (let week = 1; week <= opened.steps; ++week) {
      const round = Math.floor((week - 1) / 4);
      let span = last;
      if (week <= 104) {
        span = rounds[round % rounds.length].map(e => ({
          intervention: e.intervention,
          target: e.target === 'all' ? 'all' : partners[e.target % partners.length],
          intensity: e.intensity}));
        last = span;
      }
      const w = call('step', opened.id, JSON.stringify(span));
      skipped += w.events.filter(e => e.skipped !== null).length;
      events.push(...w.events.map(compact));
    }
    return {main: game.main, recorded: call('recorded', opened.id),
            plan: call('plan_toml', opened.id), skipped, events};
  });
  // Bad scenarios: the engine's message for each.
  results.errors = request.errors.map(e => {
    const out = JSON.parse(m.open(JSON.stringify(e.files), e.main, JSON.stringify(e.overrides)));
    return out.ok ? null : out.error;
  });
  process.stdout.write(JSON.stringify(results));
});
"""

# Varied rounds of a player (targets are partner indices, wrapped to the scenario's partners).
ROUNDS = [
    [{"intervention": "clarify_goal", "target": "all", "intensity": 1.0}],
    [{"intervention": "appreciate", "target": 1, "intensity": 0.5},
     {"intervention": "surface_interests", "target": 2, "intensity": 1.0}],
    [{"intervention": "convene", "target": "all", "intensity": 1.0},
     {"intervention": "build_language", "target": "all", "intensity": 0.75}],
    [],
    [{"intervention": "control", "target": 3, "intensity": 1.0},
     {"intervention": "organise", "target": "all", "intensity": 0.2}],
    [{"intervention": "delegate", "target": 0, "intensity": 0.3},
     {"intervention": "reflect", "target": "all", "intensity": 1.0},
     {"intervention": "appreciate", "target": "all", "intensity": 1.0},
     {"intervention": "make_concrete", "target": "all", "intensity": 0.6}],
    [{"intervention": "acknowledge_perspectives", "target": "all", "intensity": 0.4},
     {"intervention": "address_responsibility", "target": 5, "intensity": 0.9}],
    [{"intervention": "table_division", "target": 4, "intensity": 1.0},
     {"intervention": "refocus", "target": "all", "intensity": 0.5}],
]


# Malformed scenarios (files written next to each other, the main file, overrides): the engine's
# message must be the CLI's, character for character.
BAD = [
    ({"bad.toml": "[run]\nsteps = -3\n"}, "bad.toml", {}),
    ({"bad.toml": "[run\nsteps = 3\n"}, "bad.toml", {}),
    ({"bad.toml": "[trust]\ngaain = 0.1\n"}, "bad.toml", {}),
    ({"bad.toml": 'extends = "missing.toml"\n'}, "bad.toml", {}),
    ({"base.toml": "[opgave]\ndimensions = 0\n", "child.toml": 'extends = "base.toml"\n'},
     "child.toml", {}),
    ({"ok.toml": '[scenario]\nname = "ok"\n'}, "ok.toml", {"trust.gaain": 0.1}),
    ({"ok.toml": '[scenario]\nname = "ok"\n'}, "ok.toml", {"regisseur.convene_interval": -1}),
]


# Games played: the default, and generated partners drawn per replication (the population and
# the network from the run's seed, 20 partners of whom 8 generated) extending the embedded default.
GAMES = [
    {"files": {}, "main": "default.toml"},
    {"files": {"drawn.toml": 'extends = "default.toml"\n\n[network]\nper_replication = true\n\n'
                             "[population]\ncount = 8\ncapabilities = { uniform = [0, 1] }\n"
                             "passion = { uniform = [0.3, 0.8] }\n"},
     "main": "drawn.toml"},
]


def node_binary() -> str:
    return shutil.which("node") or "/usr/bin/node"


def run_engine(engine: str, arms: list[str]) -> dict:
    env = dict(os.environ)
    env.setdefault("NODE_PATH", "/usr/share/nodejs")
    with tempfile.NamedTemporaryFile("w", suffix=".js", delete=False) as f:
        f.write(DRIVER)
        driver = f.name
    try:
        out = subprocess.run([node_binary(), driver, engine], check=True, capture_output=True,
                             text=True, env=env,
                             input=json.dumps({"arms": arms, "rounds": ROUNDS, "games": GAMES,
                                               "errors": [
                                 {"files": f, "main": m, "overrides": o} for f, m, o in BAD]}))
    finally:
        os.unlink(driver)
    return json.loads(out.stdout)


def same_bits(a, b) -> bool:
    """a: the engine's value (a float, or None for NaN/inf); b: the CLI's float64."""
    b = np.float64(b)
    if a is None:
        return not math.isfinite(b)
    return np.float64(a).tobytes() == b.tobytes()


def compare_run(label: str, recorded: dict, h5: pathlib.Path,
                events: list | None = None) -> tuple[int, str | None]:
    """Returns the number of values compared and the first difference (or None). `events`: the
    engine's events as [week, kind, source, target, cost, value], compared with /events of run 0."""
    compared = 0
    with h5py.File(h5, "r") as f:
        if events is not None:
            kinds = h5py.check_enum_dtype(f["/events/kind"].dtype)
            mine = f["/events/run"][:] == 0
            cli = list(zip(*(f[f"/events/{c}"][:][mine]
                             for c in ("step", "kind", "source", "target", "cost", "value"))))
            if len(cli) != len(events):
                return compared, f"{label}: /events has {len(cli)} rows of run 0, engine {len(events)}"
            for k, (a, b) in enumerate(zip(events, cli)):
                compared += 1
                same = (a[0] == b[0] and kinds[a[1]] == b[1] and a[2] == b[2] and a[3] == b[3]
                        and same_bits(a[4], b[4]) and same_bits(a[5], b[5]))
                if not same:
                    return compared, f"{label}: /events row {k}: engine {a}, CLI {tuple(b)}"
        row = list(f["/summary/run"][:]).index(0)
        for metric, values in recorded["series"].items():
            cli = f[f"/series/{metric}"][row, :]
            if len(cli) != len(values):
                return compared, f"{label}: /series/{metric} has {len(cli)} values, engine {len(values)}"
            for t, (a, b) in enumerate(zip(values, cli)):
                compared += 1
                if not same_bits(a, b):
                    return compared, f"{label}: /series/{metric} step {t}: engine {a!r}, CLI {b!r}"
        for metric, value in recorded["summary"].items():
            compared += 1
            b = f[f"/summary/{metric}"][row]
            if not same_bits(value, b):
                return compared, f"{label}: /summary/{metric}: engine {value!r}, CLI {b!r}"
    return compared, None


def run_cli(regiesim: str, scenario: pathlib.Path, out: pathlib.Path, cwd: pathlib.Path) -> None:
    # Replication 0 is the engine's run; the record level changes nothing in a run, and series
    # is the level the engine records at.
    subprocess.run([regiesim, "run", str(scenario), "-o", str(out), "--replications", "1",
                    "--set", "record.level=series"], check=True, capture_output=True, cwd=cwd)


def compare_engine(regiesim: str, engine: str) -> int:
    regiesim = str(pathlib.Path(regiesim).resolve())
    engine = str(pathlib.Path(engine).resolve())
    arms = ["default.toml"] + sorted(
        str(p.relative_to(ROOT / "scenarios"))
        for folder in sorted((ROOT / "scenarios/pitfalls").iterdir()) if folder.is_dir()
        for p in (folder / "trap.toml", folder / "twin.toml") if p.exists())
    results = run_engine(engine, arms)
    total = 0
    with tempfile.TemporaryDirectory() as tmp:
        tmp = pathlib.Path(tmp)
        for arm in results["arms"]:
            h5 = tmp / (arm["file"].replace("/", "_") + ".h5")
            run_cli(regiesim, pathlib.Path(arm["file"]), h5, ROOT / "scenarios")
            n, difference = compare_run(arm["file"], arm["recorded"], h5, arm["events"])
            total += n
            if difference:
                print(f"DIFFERENT: {difference}")
                return 1
            print(f"same: {arm['file']} ({n} values; engine run {arm['run_ms']:.1f} ms)")
        for played in results["played"]:
            plan = tmp / "played.toml"
            plan.write_text(played["plan"]["toml"])
            h5 = tmp / "played.h5"
            subprocess.run([regiesim, "run", str(plan), "-o", str(h5), "--force"], check=True,
                           capture_output=True)
            label = f"played plan of {played['main']}"
            n, difference = compare_run(label, played["recorded"], h5, played["events"])
            total += n
            if difference:
                print(f"DIFFERENT: {difference}")
                return 1
            print(f"same: {label} ({n} values; {played['plan']['entries']} plan entries, "
                  f"{played['skipped']} skipped choices)")
        for (files, main_file, overrides), engine_error in zip(BAD, results["errors"]):
            folder = tmp / f"bad{BAD.index((files, main_file, overrides))}"
            folder.mkdir()
            for name, text in files.items():
                (folder / name).write_text(text)
            cmd = [regiesim, "run", main_file, "-o", str(folder / "out.h5")]
            for key, value in overrides.items():
                cmd += ["--set", f"{key}={json.dumps(value)}"]
            cli = subprocess.run(cmd, capture_output=True, text=True, cwd=folder)
            if cli.returncode != 2 or engine_error != cli.stderr.rstrip("\n"):
                print(f"DIFFERENT message for {main_file} {overrides}:\n  engine: {engine_error}\n"
                      f"  CLI:    {cli.stderr.rstrip()} (exit {cli.returncode})")
                return 1
        print(f"same: {len(BAD)} error messages")
    t = results["timing"]
    print(f"{total} values compared, 0 different; node: step() {t['step_ms_per_week'] * 1000:.0f} "
          f"us a week over {t['weeks']} weeks; default run_to_end {t['warm_run_ms']:.1f} ms warm "
          f"({results['arms'][0]['run_ms']:.1f} ms first); {os.path.getsize(engine)} bytes of .js")
    return 0


# ------------------------------------------------------------------ the spike (every run, hashed)

FNV_OFFSET = 14695981039346656037
FNV_PRIME = 1099511628211


def fnv1a(values: np.ndarray) -> int:
    h = FNV_OFFSET
    for byte in np.ascontiguousarray(values, dtype="<f8").tobytes():
        h = ((h ^ byte) * FNV_PRIME) & 0xFFFFFFFFFFFFFFFF
    return h


def compare_spike(regiesim: str, spike: str) -> int:
    # Node 18 and later have a global fetch, which emscripten 3.1.6's loader then tries on a file
    # path; without it the loader reads the .wasm with fs.
    out = subprocess.run([node_binary(), "--no-experimental-fetch", spike], check=True,
                         capture_output=True, text=True).stdout.splitlines()
    with tempfile.TemporaryDirectory() as tmp:
        h5 = pathlib.Path(tmp) / "default.h5"
        subprocess.run([regiesim, "run", str(ROOT / "scenarios/default.toml"), "-o", str(h5),
                        "-j2"], check=True, capture_output=True)
        compared = differ = 0
        with h5py.File(h5, "r") as f:
            runs = list(f["/summary/run"][:])
            for line in out:
                kind, *rest = line.split()
                if kind not in ("summary", "series"):
                    continue
                run, metric, value = int(rest[0]), rest[1], rest[2]
                row = runs.index(run)
                if kind == "summary":
                    cli = np.float64(f[f"/summary/{metric}"][row])
                    same = np.float64(float.fromhex(value)).tobytes() == cli.tobytes()
                else:
                    same = int(value, 16) == fnv1a(f[f"/series/{metric}"][row, :])
                compared += 1
                if not same:
                    differ += 1
                    print(f"DIFFERENT: {kind} run {run} {metric}: wasm {value}")
    print(f"{compared} values compared ({len(runs)} runs), {differ} different")
    return 1 if differ or compared == 0 else 0


def main() -> int:
    regiesim, engine = sys.argv[1], sys.argv[2]
    if "spike" in pathlib.Path(engine).name:
        return compare_spike(regiesim, engine)
    return compare_engine(regiesim, engine)


if __name__ == "__main__":
    sys.exit(main())
