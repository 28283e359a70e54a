"""The case studies are out of sample: scripts/case_studies_report.py runs them only on the model of
the commit tagged pitfalls-freeze (engine/, scenarios/, validation/patterns.toml), with no change to
it in the tree; anything else is refused before a replication runs. Scripts and documents may move
on after the tag."""
import importlib.util
import pathlib
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "case_studies_report.py"
spec = importlib.util.spec_from_file_location("case_studies_report", SCRIPT)
report = importlib.util.module_from_spec(spec)
spec.loader.exec_module(report)


def git(repo, *args):
    subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True,
                   env={"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t", "GIT_COMMITTER_NAME": "t",
                        "GIT_COMMITTER_EMAIL": "t@t", "PATH": "/usr/bin:/bin"})


def repo_with_one_commit(tmp_path):
    git(tmp_path, "init", "-q")
    (tmp_path / "engine").mkdir()
    (tmp_path / "engine" / "model.txt").write_text("defaults\n")
    (tmp_path / "notes.md").write_text("a document\n")
    git(tmp_path, "add", "engine/model.txt", "notes.md")
    git(tmp_path, "commit", "-q", "-m", "model")
    return tmp_path


def test_CaseStudies_AreRefusedWithoutTheFreezeTag(tmp_path):
    repo = repo_with_one_commit(tmp_path)
    assert "no tag pitfalls-freeze" in report.freeze_refusal(repo)


def test_CaseStudies_RunOnlyOnTheTaggedModelWithNoChangeToIt(tmp_path):
    repo = repo_with_one_commit(tmp_path)
    git(repo, "tag", "pitfalls-freeze")
    assert report.freeze_refusal(repo) is None
    (repo / "engine" / "model.txt").write_text("a default moved\n")
    assert "changes against pitfalls-freeze" in report.freeze_refusal(repo)
    git(repo, "commit", "-q", "-am", "after the freeze")
    assert "is not the one tagged pitfalls-freeze" in report.freeze_refusal(repo)


def test_CaseStudies_StillRunWhenOnlyDocumentsChangedAfterTheTag(tmp_path):
    repo = repo_with_one_commit(tmp_path)
    git(repo, "tag", "pitfalls-freeze")
    (repo / "notes.md").write_text("the case-study tables pasted in\n")
    git(repo, "commit", "-q", "-am", "documents after the freeze")
    assert report.freeze_refusal(repo) is None
    assert not report.model_differs(repo, "HEAD")
    (repo / "engine" / "model.txt").write_text("a rule changed\n")
    git(repo, "commit", "-q", "-am", "a model change")
    assert report.model_differs(repo, "HEAD")


def test_CaseStudies_P12ReadsEachCasesOwnEnergeticPartner():
    sys.path.insert(0, str(ROOT / "validation"))
    import pattern_rows as pr
    patterns = pr.load_patterns()
    for case in report.CASES:
        rows = report.case_patterns(patterns, case)["frozen"]["rows"]
        p12 = [r for r in rows if r.get("metric") == "neighbour_passion_mean"]
        partner = patterns["frozen"]["cases"][case]["energetic_partner"]
        assert p12 and all(r["key"] == f"partners.{partner}.passion" for r in p12)
        twin = (ROOT / p12[0]["folder"] / "twin.toml").read_text()
        assert f"[partners.{partner}]" in twin


def test_CaseStudies_EveryRowHasItsPairInEveryCase():
    sys.path.insert(0, str(ROOT / "validation"))
    import pattern_rows as pr
    patterns = pr.load_patterns()
    for case in report.CASES:
        for row in pr.ensemble_rows(report.case_patterns(patterns, case)):
            folder = ROOT / row["folder"]
            assert (folder / "trap.toml").is_file() and (folder / "twin.toml").is_file(), folder


def test_CaseStudies_TheScriptSaysWhetherThisCheckoutIsFrozen_AndRefusesBeforeRunningIfNot():
    status = subprocess.run([sys.executable, str(SCRIPT), "--status"], capture_output=True,
                            text=True)
    if report.freeze_refusal(ROOT) is None:
        assert status.returncode == 0 and "frozen" in status.stdout
    else:
        assert status.returncode == 2
        # a binary that does not exist shows that nothing was run: the refusal comes first
        r = subprocess.run([sys.executable, str(SCRIPT), "--binary", "/nonexistent"],
                           capture_output=True, text=True)
        assert r.returncode == 2
        assert "case_studies_report:" in r.stderr
