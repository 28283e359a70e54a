"""The pre-registration of the pattern validation holds (validation/patterns.toml, [frozen]).

Patterns must be earned by mechanisms, not tuned: the rows, base overrides, negative controls,
plausible ranges, the default scenario, the pitfall folders and the case studies are fixed in the
[frozen] part, whose SHA-256 was recorded when it was written. These tests fail on any edit of
what [frozen] fixes, on a pitfall base that overrides more (or other values) than its row lists,
on arms that differ in more than the row's one key, and on a case study or pair whose files
changed. The plausible ranges of the parameter table are checked against [frozen.plausible] by
the unit test PlausibleRange.*.
"""
import hashlib
import os
import pathlib
import subprocess
import sys
import tomllib

import pytest

ROOT = pathlib.Path(os.environ.get("REGIESIM_SOURCE_DIR", pathlib.Path(__file__).resolve().parents[2]))
PATTERNS = ROOT / "validation" / "patterns.toml"
RECORDED = ROOT / "validation" / "patterns.frozen.sha256"
ADDED_MARKER = "# ==== [[added]]"
CASE_TABLES = {"scenario", "run", "network", "opgave", "regisseur", "partners"}


def load(path):
    with open(path, "rb") as f:
        return tomllib.load(f)


def sha256(path):
    return hashlib.sha256(pathlib.Path(path).read_bytes()).hexdigest()


def flatten(table, prefix=""):
    """Dotted path -> value (arrays are values)."""
    out = {}
    for key, value in table.items():
        path = prefix + key
        if isinstance(value, dict):
            out.update(flatten(value, path + "."))
        else:
            out[path] = value
    return out


PATTERNS_DATA = load(PATTERNS)
FROZEN = PATTERNS_DATA["frozen"]
ENSEMBLE_ROWS = [r for r in FROZEN["rows"] if r["kind"] == "ensemble"]
BASES = FROZEN["bases"]


def frozen_text(text):
    start = text.index("\n[frozen]\n") + 1
    end = text.index("\n" + ADDED_MARKER) + 1
    return text[start:end]


def test_frozen_part_has_the_recorded_hash():
    text = PATTERNS.read_text(encoding="utf-8")
    recorded = RECORDED.read_text(encoding="utf-8").split()[0]
    assert hashlib.sha256(frozen_text(text).encode("utf-8")).hexdigest() == recorded


def test_only_frozen_and_added_parts():
    assert set(PATTERNS_DATA) <= {"frozen", "added"}
    for entry in PATTERNS_DATA.get("added", []):
        assert {"path", "default", "reason", "plausible", "negative_control"} <= set(entry)


def test_default_scenario_is_unchanged():
    assert sha256(ROOT / FROZEN["default_scenario"]) == FROZEN["default_scenario_sha256"]


def test_every_pre_registered_file_is_unchanged():
    for path, digest in FROZEN["files"].items():
        assert sha256(ROOT / path) == digest, path


def test_no_scenario_file_outside_the_pre_registration():
    present = set()
    for pattern in ("scenarios/pitfalls/*/*.toml", "scenarios/validation/passion_spread/*.toml",
                    "scenarios/cases/*.toml", "scenarios/cases/*/*/*.toml"):
        present |= {str(p.relative_to(ROOT)) for p in ROOT.glob(pattern)}
    assert present == set(FROZEN["files"])


def test_case_study_hashes():
    assert len(FROZEN["cases"]) == 5
    for name, case in FROZEN["cases"].items():
        assert case["file"] == f"scenarios/cases/{name}.toml"
        assert sha256(ROOT / case["file"]) == case["sha256"], name


def test_every_row_folder_has_a_base_entry():
    folders = {b["folder"] for b in BASES}
    assert {r["folder"] for r in ENSEMBLE_ROWS} == folders
    assert len(folders) == 11
    for row in ENSEMBLE_ROWS:
        base = next(b for b in BASES if b["folder"] == row["folder"])
        assert row["id"] in base["rows"]


@pytest.mark.parametrize("base", BASES, ids=[b["folder"] for b in BASES])
def test_base_extends_the_default_and_overrides_only_its_listed_keys(base):
    values = flatten(load(ROOT / base["folder"] / "base.toml"))
    assert values.pop("extends") == "../../default.toml"
    listed = {o["key"]: o["value"] for o in base["overrides"]}
    assert all(o["reason"].strip() for o in base["overrides"])
    assert values == listed
    assert not any(path.endswith("seed") for path in values)


def arm_rows():
    """One row per folder that names the arms (not "as P1")."""
    seen, rows = set(), []
    for row in ENSEMBLE_ROWS:
        if "same_as" not in row and row["folder"] not in seen:
            seen.add(row["folder"])
            rows.append(row)
    return rows


@pytest.mark.parametrize("row", arm_rows(), ids=[r["folder"] for r in arm_rows()])
def test_arms_extend_the_base_and_differ_in_the_one_key(row):
    for same in (r for r in ENSEMBLE_ROWS if r["folder"] == row["folder"]):
        assert (same["key"], same["trap"], same["twin"]) == (row["key"], row["trap"], row["twin"])
    for arm in ("trap", "twin"):
        values = flatten(load(ROOT / row["folder"] / f"{arm}.toml"))
        assert values == {"extends": "base.toml", row["key"]: row[arm]}, arm
    assert row["trap"] != row["twin"]


def mean_other_passion(scenario, partner):
    partners = load(scenario)["partners"]
    others = [p.get("passion", 0.5) for name, p in partners.items() if name != partner]
    return round(sum(others) / len(others), 4)


def test_energetic_twin_is_the_mean_of_the_others():
    row = next(r for r in ENSEMBLE_ROWS if r["pitfall"] == "passion_spread")
    partner = row["key"].split(".")[1]
    assert row["trap"] == 0.95
    assert row["twin"] == mean_other_passion(ROOT / FROZEN["default_scenario"], partner)
    for name, case in FROZEN["cases"].items():
        assert case["energetic_twin_passion"] == mean_other_passion(
            ROOT / case["file"], case["energetic_partner"]), name


@pytest.mark.parametrize("name", sorted(FROZEN["cases"]))
def test_case_file_sets_only_partners_network_opgave_regisseur_and_its_seed(name):
    data = load(ROOT / FROZEN["cases"][name]["file"])
    assert set(data) <= CASE_TABLES
    assert data["run"] == {"seed": data["run"]["seed"]}
    assert isinstance(data["run"]["seed"], int)


def dead_weight_partners():
    """The partners the dead_weight base adds, in file order (a case names its own)."""
    base = next(b for b in BASES if b["folder"] == "scenarios/pitfalls/dead_weight")
    names = []
    for o in base["overrides"]:
        parts = o["key"].split(".")
        if parts[0] == "partners" and parts[1] not in names:
            names.append(parts[1])
    return names


def case_expected(case, row, base, arm):
    """The case pair file's settings: the base overrides, partners named per case, and the key."""
    dead = dict(zip(dead_weight_partners(), case["dead_weight_partners"], strict=True))
    expected = {"extends": f"../../{pathlib.Path(case['file']).name}"}
    for o in base["overrides"]:
        key = o["key"]
        parts = key.split(".")
        if parts[0] == "partners" and parts[1] in dead:
            key = ".".join(["partners", dead[parts[1]]] + parts[2:])
        expected[key] = o["value"]
    key, value = row["key"], row[arm]
    if row["pitfall"] == "passion_spread":
        key = f"partners.{case['energetic_partner']}.passion"
        value = 0.95 if arm == "trap" else case["energetic_twin_passion"]
    expected[key] = value
    return expected


def test_dead_weight_base_adds_two_partners_without_capabilities():
    base = next(b for b in BASES if b["folder"] == "scenarios/pitfalls/dead_weight")
    listed = {o["key"]: o["value"] for o in base["overrides"]}
    default_partners = load(ROOT / FROZEN["default_scenario"])["partners"]
    assert len(dead_weight_partners()) == 2
    for partner in dead_weight_partners():
        assert partner not in default_partners
        assert not any(listed[f"partners.{partner}.capabilities"])


@pytest.mark.parametrize("name", sorted(FROZEN["cases"]))
def test_case_pairs_extend_the_case_with_the_base_overrides_and_the_one_key(name):
    case = FROZEN["cases"][name]
    for row in arm_rows():
        base = next(b for b in BASES if b["folder"] == row["folder"])
        folder = ROOT / "scenarios" / "cases" / name / row["pitfall"]
        for arm in ("trap", "twin"):
            values = flatten(load(folder / f"{arm}.toml"))
            assert values == case_expected(case, row, base, arm), (row["pitfall"], arm)


def test_odd_section_8_is_the_generated_table():
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "patterns_table.py"), "--check"],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_every_scenario_file_validates():
    binary = os.environ.get("REGIESIM_BINARY")
    assert binary, "REGIESIM_BINARY must name the regiesim binary (ctest sets it)"
    for path in sorted(FROZEN["files"]):
        result = subprocess.run([binary, "validate", str(ROOT / path)], capture_output=True,
                                text=True)
        assert result.returncode == 0, (path, result.stderr)
