"""The trainer's report (``regiesim_analysis report``), without a browser: run by its command on the
two tiny pairs in tests/data/pairs (one described in trap.toml's opening comment, one not), in
English and Dutch. The page must be self-contained, show exactly the numbers compare wrote in
/comparison (read here with h5py, not with the package), count the events as /events holds them,
and carry the explanation and claims of the folder. tests/browser/ opens the same pages in
chromium and firefox."""

import base64
import html
import re
import shutil
from pathlib import Path

import h5py
import numpy as np
import pytest

from conftest import run_cli
from regiesim_analysis.report import describe_folder, find_pitfalls

PAIRS = Path(__file__).resolve().parent / "data" / "pairs"
FOLDERS = ["control_pair", "convene_interval"]
ENGLISH_HEADING_WORDS = ["the", "of", "and", "what", "how", "contents", "pitfall", "cited",
                         "differs", "between", "weeks", "numbers", "happened", "exits", "every",
                         "metric", "mean", "difference", "event", "higher", "lower", "parting",
                         "crossing", "pairs", "never", "trap", "twin", "report"]


@pytest.fixture(scope="session")
def reports(tmp_path_factory):
    """Both languages' pages, compare's files kept under results/, and the command's stderr."""
    out = tmp_path_factory.mktemp("report")
    made = {}
    for lang in ("en", "nl"):
        done = run_cli("report", PAIRS, "-o", out / f"report_{lang}.html", "--lang", lang,
                       "--results", out / f"results_{lang}")
        made[lang] = {"page": (out / f"report_{lang}.html").read_text(encoding="utf-8"),
                      "stderr": done.stderr, "results": out / f"results_{lang}"}
    return made


def sections(page: str) -> dict:
    """The page's pitfall sections by folder name."""
    parts = re.split(r'(?=<section class="card pitfall")', page)[1:]
    out = {}
    for part in parts:
        name = re.search(r'<p class="badges">\S+ <code>([^<]+)</code>', part).group(1)
        out[name] = part.split("</section>")[0]
    return out


def headings(page: str) -> list[str]:
    texts = re.findall(r"<(h[1-4]|th|summary|figcaption|title)\b[^>]*>(.*?)</\1>", page, re.S)
    # <code> holds names (a folder, a metric, a setting), the same in any language
    return [html.unescape(re.sub(r"<[^>]+>", " ", re.sub(r"<code>.*?</code>", " ", text)))
            for _, text in texts]


def test_both_languages_one_section_per_folder_and_progress(reports):
    for lang in ("en", "nl"):
        page = reports[lang]["page"]
        assert f'<html lang="{lang}">' in page
        assert sorted(sections(page)) == FOLDERS
        progress = [line for line in reports[lang]["stderr"].splitlines() if "] " in line]
        assert [line.split("]")[0].split("[")[1] for line in progress] == ["1/2", "2/2"]
        assert all(name in line for name, line in zip(FOLDERS, progress))


def test_self_contained(reports):
    for lang in ("en", "nl"):
        page = reports[lang]["page"]
        links = re.findall(r'\b(?:src|href)\s*=\s*["\']?([^"\' >]+)', page, re.I)
        assert links, "the page has figures and a table of contents"
        assert not [u for u in links if re.match(r"(?i)(https?:)?//", u)]
        assert not re.search(r"(?i)url\(|@import|<link\b|<script\b[^>]*\bsrc", page)
        images = re.findall(r'<img [^>]*src="data:image/png;base64,([^"]+)"', page)
        assert len(images) == len(FOLDERS)
        for image in images:
            assert base64.b64decode(image).startswith(b"\x89PNG\r\n\x1a\n")


def _value(text: str) -> float:
    return float(html.unescape(text))


def test_numbers_are_the_files_comparison(reports):
    for lang in ("en", "nl"):
        for name, section in sections(reports[lang]["page"]).items():
            path = reports[lang]["results"] / f"{name}.h5"
            with h5py.File(path, "r") as f:
                group = f["comparison"]
                weeks = {k: int(group.attrs[k]) for k in ("parting_week", "crossing_week")}
                metrics = {m: dict(group[m].attrs) for m in group}
            assert re.search(rf'<b data-value="{weeks["parting_week"]}" id="[^"]+-parting">',
                             section)
            assert re.search(rf'<b data-value="{weeks["crossing_week"]}" id="[^"]+-crossing">',
                             section)
            rows = re.findall(r'<tr data-metric="([^"]+)"[^>]*>(.*?)</tr>', section, re.S)
            # the main table and, under "every metric", all of them
            assert {m for m, _ in rows} == set(metrics)
            assert "realisation" in [m for m, _ in rows][:3]
            for metric, row in rows:
                stored = metrics[metric]
                cells = dict(re.findall(r'<td class="(\w+)" data-value="([^"]*)">', row))
                for key in ("mean_arm0", "mean_arm1", "hodges_lehmann", "mean_difference",
                            "p_greater", "p_less"):
                    assert _value(cells[key]) == float(stored[key]), (name, metric, key)
                low, high = re.search(r'data-low="([^"]+)" data-high="([^"]+)"', row).groups()
                assert (_value(low), _value(high)) == (float(stored["ci_low"]),
                                                       float(stored["ci_high"]))
                # what is shown is the stored value rounded (a decimal comma in Dutch)
                shown = re.search(r'<td class="mean_arm1" data-value="[^"]*">([^<]+)<',
                                  row).group(1)
                if "·" in shown:
                    continue  # a power of ten follows in <sup>
                assert ("." not in shown) if lang == "nl" else ("," not in shown), shown
                text = shown.replace("−", "-").replace(",", ".")
                assert float(text) == pytest.approx(float(stored["mean_arm1"]), rel=1e-3,
                                                    abs=1e-12)


def test_events_per_run_and_arm(reports):
    section = sections(reports["en"]["page"])["control_pair"]
    with h5py.File(reports["en"]["results"] / "control_pair.h5", "r") as f:
        runs = f["runs"][...]
        run_arm = dict(zip(runs["run_id"], runs["arm"]))
        runs_per_arm = np.bincount(runs["arm"][runs["status"] == 0], minlength=2)
        kinds = {v: k for k, v in h5py.check_enum_dtype(f["events/kind"].dtype).items()}
        kind = f["events/kind"][...]
        arm = np.array([run_arm[r] for r in f["events/run"][...]])
    rows = dict(re.findall(r'<tr data-kind="([^"]+)">(.*?)</tr>', section, re.S))
    assert rows, "the control pair has interventions"
    for code in np.unique(kind):
        name = kinds[int(code)]
        values = [_value(v) for v in re.findall(r'data-value="([^"]+)"', rows[name])]
        expected = [np.sum((kind == code) & (arm == a)) / runs_per_arm[a] for a in (0, 1)]
        assert values == pytest.approx(expected, rel=1e-12)
    assert set(rows) == {kinds[int(c)] for c in np.unique(kind)}


def test_explanation_and_claims_from_the_folder(reports):
    trap = (PAIRS / "control_pair" / "trap.toml").read_text(encoding="utf-8")
    for lang, marker in (("en", "What a trainer should see"), ("nl", "Wat een trainer moet zien")):
        described = sections(reports[lang]["page"])["control_pair"]
        assert marker in html.unescape(re.sub(r"<[^>]+>", "", described))
        assert '<span class="claim">C5</span>' in described
        # the explanation comes from the file's comment in the page's language
        sentence = "de curven van de twee armen lopen uiteen" if lang == "nl" else \
            "the two arms' curves part"
        assert sentence in trap.replace("\n# ", " ")
        assert sentence in html.unescape(described)
        bare = sections(reports[lang]["page"])["convene_interval"]
        assert "<h2>2. <code>convene_interval</code></h2>" in bare
        assert "trap.toml" in bare and 'class="claim"' not in bare
        assert "regisseur.convene_interval" in bare  # what differs, from /parameters


def test_dutch_page_has_no_english_headings(reports):
    def english(page):
        found = set()
        for text in headings(page):
            for word in ENGLISH_HEADING_WORDS:
                if re.search(rf"(?<![^\W\d_]){word}(?![^\W\d_])", text, re.I):
                    found.add(word)
        return found

    assert english(reports["nl"]["page"]) == set()
    assert len(english(reports["en"]["page"])) >= 10  # the check finds them where they are


def test_describe_folder_and_find_pitfalls():
    d = describe_folder(PAIRS / "control_pair")
    assert d.title == {"nl": "Controleval in het klein", "en": "Control trap, small"}
    assert d.claims == ["C5"]
    assert d.text["en"].startswith("Control trap, small. The regisseur")
    assert describe_folder(PAIRS / "convene_interval").text == {}
    assert [p.name for p in find_pitfalls(PAIRS)] == FOLDERS
    assert find_pitfalls(PAIRS / "control_pair") == [PAIRS / "control_pair"]


def test_a_pair_compare_refuses_is_on_the_page_and_exits_1(tmp_path):
    folder = tmp_path / "pairs"
    shutil.copytree(PAIRS / "control_pair", folder / "good")
    shutil.copy(PAIRS / "tiny.toml", folder / "tiny.toml")
    (folder / "bad").mkdir()
    (folder / "bad" / "trap.toml").write_text('extends = "../tiny.toml"\n')
    (folder / "bad" / "twin.toml").write_text('extends = "../tiny.toml"\n[run]\nsteps = 20\n')
    done = run_cli("report", folder, "-o", tmp_path / "r.html", check=False)
    assert done.returncode == 1, done.stderr
    assert "bad: FAILED" in done.stderr and "run.steps" in done.stderr
    page = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert "run.steps" in sections(page)["bad"]
    assert page.count("<img ") == 1


def test_no_pitfall_folder_is_exit_2(tmp_path):
    done = run_cli("report", tmp_path, "-o", tmp_path / "r.html", check=False)
    assert done.returncode == 2
    assert "no pitfall folder" in done.stderr
    assert not (tmp_path / "r.html").exists()
