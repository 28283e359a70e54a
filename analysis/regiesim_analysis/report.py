"""The trainer's report: one self-contained HTML page over every pitfall folder under a folder.

For each pitfall folder (a folder holding ``trap.toml`` and ``twin.toml``) ``regiesim compare``
runs the pair at record level series; the page shows, per pitfall, the realisation of both arms
over the weeks and their paired difference (one figure, inline PNG), the numbers ``compare``
wrote in ``/comparison`` (read from the file, never recomputed here), the interventions and exits
that explain them (from ``/events``), and the plain-language explanation with the claim it cites,
taken from the opening comment of the folder's ``trap.toml`` (a Dutch and an English paragraph).
Nothing on the page is fetched: figures are ``data:`` URIs and the style sheet is inline.
"""

from __future__ import annotations

import base64
import datetime
import html
import io
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from .binary import find_regiesim

# Metrics shown in each pitfall's main table, in this order (the rest under "every metric").
MAIN_METRICS = ["realisation", "progress_rate", "trust_mean", "commitment_mean", "passion_mean",
                "goal_clarity", "goal_agreed_week", "perspective_clusters", "active_partners",
                "exits", "regie_effort", "realisation_per_effort"]

METRIC_WORDS = {
    "en": {
        "realisation": "realisation of the opgave", "progress_rate": "progress per week",
        "trust_mean": "mean trust between partners", "commitment_mean": "mean commitment",
        "passion_mean": "mean passion", "goal_clarity": "clarity of the goal",
        "goal_agreed_week": "week the goal was agreed",
        "perspective_clusters": "clusters of perspectives", "active_partners": "partners still in",
        "exits": "partners who left", "regie_effort": "regie effort spent",
        "realisation_per_effort": "realisation per unit of regie effort",
    },
    "nl": {
        "realisation": "realisatie van de opgave", "progress_rate": "voortgang per week",
        "trust_mean": "gemiddeld vertrouwen tussen partners",
        "commitment_mean": "gemiddelde betrokkenheid (commitment)",
        "passion_mean": "gemiddelde passie", "goal_clarity": "helderheid van het doel",
        "goal_agreed_week": "week waarin het doel is overeengekomen",
        "perspective_clusters": "clusters van perspectieven",
        "active_partners": "partners die nog meedoen", "exits": "vertrokken partners",
        "regie_effort": "bestede regie-inspanning",
        "realisation_per_effort": "realisatie per eenheid regie-inspanning",
        "trust_sd": "spreiding van vertrouwen",
        "trust_regisseur_mean": "vertrouwen in de regisseur",
        "focus_mean": "gemiddelde focus op de opgave",
        "salience_mean": "gemiddelde nadruk op afwijkende belangen",
        "interests_known_mean": "gemiddeld bekend deel van de belangen",
        "ownership_regisseur": "invloed van de regisseur op het doel",
        "goal_concreteness": "concreetheid van het doel",
        "common_language": "gemeenschappelijke taal",
        "confidence_bound": "vertrouwensgrens van de perspectieven",
        "organisation": "organisatiegraad", "settled_partners": "partners met een afgesproken deel",
        "meetings": "ontmoetingen op relaties",
        "meetings_cocreating": "co-creërende bijeenkomsten",
        "meetings_negotiating": "onderhandelende bijeenkomsten",
        "meetings_debate": "bijeenkomsten die een debat werden",
        "negotiating_share": "aandeel onderhandelende bijeenkomsten",
        "agreements": "onderhandelingsakkoorden", "releases": "losgelaten partners",
    },
}

# Event kinds of /events as a reader names them.
KIND_WORDS = {
    "en": {
        "convene": "convene the partners", "exit": "a partner left",
        "surface_interests": "surface interests", "refocus": "refocus on the opgave",
        "clarify_goal": "clarify the goal", "commission_goal": "hand down the goal",
        "make_concrete": "make the goal concrete", "build_language": "build a common language",
        "delegate": "delegate (hand tasks back)", "control": "take over control",
        "appreciate": "appreciate", "address_responsibility": "address responsibility",
        "release": "release a partner", "organise": "organise (structure)", "reflect": "reflect",
        "acknowledge_perspectives": "acknowledge perspectives",
        "table_division": "table the division of the work",
        "skipped_over_capacity": "skipped: over capacity",
        "skipped_target_left": "skipped: the partner had left",
        "skipped_disabled": "skipped: not in the repertoire",
    },
    "nl": {
        "convene": "partners bijeenroepen", "exit": "een partner vertrok",
        "surface_interests": "belangen op tafel leggen", "refocus": "terug naar de opgave",
        "clarify_goal": "het doel verhelderen", "commission_goal": "het doel opleggen",
        "make_concrete": "het doel concreet maken",
        "build_language": "gemeenschappelijke taal bouwen",
        "delegate": "delegeren (taken teruggeven)", "control": "de regie naar zich toe trekken",
        "appreciate": "waarderen", "address_responsibility": "aanspreken op verantwoordelijkheid",
        "release": "een partner loslaten", "organise": "organiseren (structuur)",
        "reflect": "reflecteren", "acknowledge_perspectives": "perspectieven erkennen",
        "table_division": "de verdeling van het werk op tafel leggen",
        "skipped_over_capacity": "overgeslagen: geen capaciteit",
        "skipped_target_left": "overgeslagen: de partner was vertrokken",
        "skipped_disabled": "overgeslagen: niet in het repertoire",
    },
}

UNIT_WORDS = {
    "en": {"1": "0-1", "1/week": "per week", "1/effort": "per unit of effort"},
    "nl": {"1": "0-1", "1/week": "per week", "1/effort": "per eenheid inspanning",
           "effort": "inspanning", "meetings": "bijeenkomsten", "ties": "relaties",
           "decisions": "besluiten", "week": "week", "partners": "partners",
           "clusters": "clusters"},
}

WORDS = {
    "en": {
        "title": "Pitfalls of regie: what the simulation shows",
        "intro": "Each pitfall below is a pair of scenarios that differ in one setting: the "
                 "<b>{a}</b> (the pitfall) and its <b>{b}</b> (the better practice). Both arms run "
                 "the same replications on the same random numbers, so replication by replication "
                 "they form pairs that differ only by that setting.",
        "how_heading": "How to read this report",
        "how": "Differences are always <b>{b} minus {a}</b>: a positive number means the {b} is "
               "higher. The <i>Hodges-Lehmann estimate</i> is the typical paired difference (the "
               "median of the pairwise averages of the differences) with its 95% interval; the "
               "<i>p</i>-values are one-sided Wilcoxon signed-rank tests (small: the difference is "
               "unlikely to be chance). The <i>parting week</i> is the first week from which the "
               "arms differ in one direction at every later week; the <i>crossing week</i> is "
               "where the mean curves last change order. All numbers are those <code>regiesim "
               "compare</code> wrote; none is recomputed for this page. In the tables a week "
               "that never came (a goal never agreed) counts as the week after the last, as in "
               "the file.",
        "contents": "Contents", "made": "Made on {date} with regiesim {version} (commit {commit}) "
                                        "from <code>{root}</code>.",
        "pitfall": "Pitfall", "claims": "Claims cited", "no_claim": "no claim cited",
        "explanation": "What a trainer should see", "differs": "What differs between the arms",
        "figure_heading": "The two arms over the weeks",
        "figure_caption": "Left: realisation of the opgave per arm, median (line) and 5-95% of "
                          "the runs (band). Right: the paired difference {b} minus {a}, "
                          "replication by replication. Dashed: the parting week; dotted: the "
                          "crossing week.",
        "numbers_heading": "What the numbers say",
        "events_heading": "What happened: interventions and exits",
        "events_intro": "Events per run, mean over the {n} runs of each arm (from /events).",
        "all_metrics": "Every metric compare wrote ({n})",
        "metric": "Metric", "units": "Units", "mean_of": "Mean, {arm}", "hl": "Difference (HL)",
        "interval": "95% interval", "mean_difference": "Mean difference",
        "p_higher": "p ({b} higher)", "p_lower": "p ({b} lower)", "event": "Event",
        "per_run": "per run, {arm}",
        "parting": "Parting week", "crossing": "Crossing week", "never": "never",
        "week": "week {w}", "pairs": "Pairs",
        "verdict_higher": "At the end (week {t}) the {b} realised <b>more</b> of the opgave than "
                          "the {a}",
        "verdict_lower": "At the end (week {t}) the {b} realised <b>less</b> of the opgave than "
                         "the {a}",
        "verdict_none": "At the end (week {t}) the {a} and the {b} show <b>no clear difference</b> "
                        "in realisation",
        "verdict_numbers": ": typical paired difference {hl} (95% interval {lo} to {hi}), "
                           "one-sided p {p}, over {n} pairs.",
        "parted": "The arms part for good from week {w} on.",
        "not_parted": "The arms do not part for good within the {t} weeks.",
        "crossed": "The mean curves last cross in week {w}.",
        "not_crossed": "The mean curves do not cross.",
        "exits_none": "No partner left in either arm.",
        "exits_line": "Partners who left ({arm}): {who}.",
        "in_runs": "{name} in {k} of {n} runs",
        "no_events": "The file holds no events.",
        "no_description": "trap.toml has no description; this pair is shown under its folder's "
                          "name.",
        "setting": "{key}: {a} <b>{va}</b>, {b} <b>{vb}</b>",
        "no_setting": "The arms' settings do not differ in any recorded parameter.",
        "failed": "regiesim compare failed for this folder: {message}",
        "failed_heading": "Not run",
        "source": "Folder <code>{folder}</code>; results file <code>{file}</code>.",
        "source_folder": "Folder <code>{folder}</code> (results file not kept: --results DIR "
                         "keeps it).",
        "marked": "Marked rows: one-sided p &lt; 0.05 in one direction.",
        "failed_runs": "{k} of the runs failed and are left out of the pairs.",
        "lang_attr": "en", "on": "on", "off": "off",
    },
    "nl": {
        "title": "Valkuilen van regie: wat de simulatie laat zien",
        "intro": "Elke valkuil hieronder is een paar scenario's die in één instelling "
                 "verschillen: de <b>{a}</b> (de valkuil zelf) en zijn <b>{b}</b> (de betere "
                 "praktijk). Beide armen draaien dezelfde herhalingen op dezelfde "
                 "toevalsgetallen, zodat ze herhaling voor herhaling paren vormen die alleen "
                 "in die instelling verschillen.",
        "how_heading": "Zo leest u dit verslag",
        "how": "Verschillen zijn altijd <b>{b} min {a}</b>: een positief getal betekent dat de {b} "
               "hoger uitkomt. De <i>Hodges-Lehmann-schatting</i> is het typische verschil per "
               "paar (de mediaan van de paarsgewijze gemiddelden van de verschillen) met het "
               "95%-betrouwbaarheidsinterval; de <i>p</i>-waarden komen uit eenzijdige Wilcoxon-"
               "rangtekentoetsen (klein: het verschil is waarschijnlijk geen toeval). De "
               "<i>scheidingsweek</i> is de eerste week vanaf wanneer de armen in elke latere week "
               "in dezelfde richting verschillen; de <i>kruisingsweek</i> is de week waarin de "
               "gemiddelde curven voor het laatst van volgorde wisselen. Alle getallen zijn zoals "
               "<code>regiesim compare</code> ze schreef; niets is voor deze pagina opnieuw "
               "berekend. In de tabellen telt een week die nooit kwam (een doel dat nooit is "
               "overeengekomen) als de week na de laatste, zoals in het bestand.",
        "contents": "Inhoud", "made": "Gemaakt op {date} met regiesim {version} (commit {commit}) "
                                      "uit <code>{root}</code>.",
        "pitfall": "Valkuil", "claims": "Genoemde claims", "no_claim": "geen claim genoemd",
        "explanation": "Wat een trainer moet zien", "differs": "Wat verschilt tussen de armen",
        "figure_heading": "De twee armen door de weken heen",
        "figure_caption": "Links: realisatie van de opgave per arm, mediaan (lijn) en 5-95% van de "
                          "runs (band). Rechts: het verschil {b} min {a}, herhaling voor "
                          "herhaling. Gestreept: de scheidingsweek; gestippeld: de kruisingsweek.",
        "numbers_heading": "Wat de cijfers zeggen",
        "events_heading": "Wat er gebeurde: interventies en vertrek",
        "events_intro": "Gebeurtenissen per run, gemiddeld over de {n} runs van elke arm "
                        "(uit /events).",
        "all_metrics": "Alle maten die compare schreef ({n})",
        "metric": "Maat", "units": "Eenheid", "mean_of": "Gemiddelde, {arm}",
        "hl": "Verschil (HL)", "interval": "95%-interval",
        "mean_difference": "Gemiddeld verschil", "p_higher": "p ({b} hoger)",
        "p_lower": "p ({b} lager)", "event": "Gebeurtenis", "per_run": "per run, {arm}",
        "parting": "Scheidingsweek", "crossing": "Kruisingsweek", "never": "nooit",
        "week": "week {w}", "pairs": "Paren",
        "verdict_higher": "Aan het eind (week {t}) realiseerde de {b} <b>meer</b> van de opgave "
                          "dan de {a}",
        "verdict_lower": "Aan het eind (week {t}) realiseerde de {b} <b>minder</b> van de opgave "
                         "dan de {a}",
        "verdict_none": "Aan het eind (week {t}) tonen de {a} en de {b} <b>geen duidelijk "
                        "verschil</b> in realisatie",
        "verdict_numbers": ": typisch verschil per paar {hl} (95%-interval {lo} tot {hi}), "
                           "eenzijdige p {p}, over {n} paren.",
        "parted": "De armen gaan vanaf week {w} blijvend uiteen.",
        "not_parted": "De armen gaan binnen de {t} weken niet blijvend uiteen.",
        "crossed": "De gemiddelde curven kruisen voor het laatst in week {w}.",
        "not_crossed": "De gemiddelde curven kruisen niet.",
        "exits_none": "In geen van beide armen vertrok een partner.",
        "exits_line": "Vertrokken partners ({arm}): {who}.",
        "in_runs": "{name} in {k} van de {n} runs",
        "no_events": "Het bestand bevat geen gebeurtenissen.",
        "no_description": "trap.toml heeft geen toelichting; dit paar staat hier onder de naam "
                          "van zijn map.",
        "setting": "{key}: {a} <b>{va}</b>, {b} <b>{vb}</b>",
        "no_setting": "De instellingen van de armen verschillen in geen vastgelegde parameter.",
        "failed": "regiesim compare mislukte voor deze map: {message}",
        "failed_heading": "Niet gedraaid",
        "source": "Map <code>{folder}</code>; resultatenbestand <code>{file}</code>.",
        "source_folder": "Map <code>{folder}</code> (resultatenbestand niet bewaard: --results "
                         "MAP bewaart het).",
        "marked": "Gemarkeerde rijen: eenzijdige p &lt; 0,05 in één richting.",
        "failed_runs": "{k} van de runs mislukten en tellen niet mee in de paren.",
        "lang_attr": "nl", "on": "aan", "off": "uit",
    },
}

CSS = """
:root { --trap: #c0392b; --twin: #1f6fb4; --ink: #1d2430; --soft: #5b6472; --line: #d9dee6; }
* { box-sizing: border-box; }
body { margin: 0; background: #f4f6f9; color: var(--ink);
       font: 16px/1.5 "DejaVu Sans", "Segoe UI", Helvetica, Arial, sans-serif; }
main { max-width: 1180px; margin: 0 auto; padding: 24px 28px 60px; }
header.page { background: #22324a; color: #fff; padding: 28px 0 22px; }
header.page div { max-width: 1180px; margin: 0 auto; padding: 0 28px; }
header.page h1 { margin: 0 0 8px; font-size: 30px; }
header.page p { margin: 0; color: #cfd8e6; font-size: 14px; }
h2 { font-size: 24px; margin: 0 0 6px; }
h3 { font-size: 17px; margin: 22px 0 8px; color: #22324a; }
.card { background: #fff; border: 1px solid var(--line); border-radius: 8px;
        padding: 22px 26px; margin: 22px 0; box-shadow: 0 1px 2px rgba(0,0,0,.04); }
.intro p { margin: 0 0 10px; max-width: 62em; }
nav ol { margin: 6px 0 0; padding-left: 1.4em; columns: 2; }
nav a { color: #1f4f8a; text-decoration: none; }
nav a:hover { text-decoration: underline; }
.claim { display: inline-block; background: #fdebd0; color: #7d4a00; border-radius: 4px;
         padding: 0 6px; font-weight: bold; font-size: 0.9em; }
.badges { margin: 0 0 12px; color: var(--soft); font-size: 14px; }
.explanation { font-size: 17px; max-width: 62em; border-left: 4px solid #e6a23c;
               padding: 4px 0 4px 14px; margin: 10px 0 14px; }
.differs { margin: 0 0 6px; }
.trap { color: var(--trap); } .twin { color: var(--twin); }
figure { margin: 8px 0 4px; }
figure img { display: block; width: 100%; max-width: 1100px; height: auto;
             border: 1px solid var(--line); border-radius: 6px; background: #fff; }
figcaption { color: var(--soft); font-size: 14px; margin-top: 6px; max-width: 62em; }
.verdict { font-size: 17px; background: #eef4fb; border-radius: 6px; padding: 10px 14px;
           max-width: 62em; }
.weeks { display: flex; gap: 14px; flex-wrap: wrap; margin: 10px 0; }
.weeks div { background: #f4f6f9; border-radius: 6px; padding: 6px 12px; font-size: 14px; }
.weeks b { font-size: 16px; }
table { border-collapse: collapse; font-size: 14px; margin: 6px 0 10px; }
th, td { padding: 5px 10px; border-bottom: 1px solid var(--line); text-align: right;
         vertical-align: top; }
th { background: #f0f3f7; font-weight: 600; }
th:first-child, td:first-child { text-align: left; }
td.name { min-width: 13em; max-width: 22em; }
.unit { color: var(--soft); font-size: 12px; white-space: nowrap; }
.scroll { overflow-x: auto; }
table.numbers { font-size: 13.5px; width: 100%; }
td.interval { white-space: nowrap; }
td.bars { white-space: nowrap; min-width: 11em; }
.bar { display: inline-block; height: 10px; border-radius: 2px; margin-right: 8px;
       vertical-align: middle; }
.bar.trap { background: var(--trap); } .bar.twin { background: var(--twin); }
.mark { display: inline-block; width: 14px; height: 10px; background: #fffbe8;
        box-shadow: inset 3px 0 0 #e6a23c; margin-right: 6px; vertical-align: middle; }
td.name code { color: var(--soft); font-size: 12px; }
tr.clear td { background: #fffbe8; }
tr.clear td:first-child { box-shadow: inset 3px 0 0 #e6a23c; }
details { margin: 6px 0 0; }
summary { cursor: pointer; color: #1f4f8a; font-weight: 600; }
.small { color: var(--soft); font-size: 13px; }
.failed { border-color: #e0a0a0; background: #fff6f6; }
code { font-family: "DejaVu Sans Mono", Consolas, monospace; font-size: 0.92em; }
@media print { body { background: #fff; } .card { box-shadow: none; break-inside: avoid; } }
"""


@dataclass
class Description:
    """What a pitfall folder says about itself in trap.toml's opening comment."""

    title: dict = field(default_factory=dict)  # language -> short title
    text: dict = field(default_factory=dict)  # language -> the explanation paragraph
    claims: list = field(default_factory=list)
    patterns: list = field(default_factory=list)


DUTCH_WORDS = {"de", "het", "een", "en", "van", "wat", "moet", "zien", "niet", "dan", "die",
               "tegenover", "wordt", "zijn", "met", "op", "te", "voor", "naar", "ook"}
ENGLISH_WORDS = {"the", "a", "an", "and", "of", "what", "should", "see", "not", "than", "who",
                 "against", "is", "are", "with", "on", "to", "for", "its", "also"}


def _language(paragraph: str) -> str:
    words = re.findall(r"[a-zà-ÿ]+", paragraph.lower())
    dutch = sum(w in DUTCH_WORDS for w in words)
    english = sum(w in ENGLISH_WORDS for w in words)
    return "nl" if dutch > english else "en"


def _title(paragraph: str) -> str:
    """The paragraph's first sentence, without its full stop: "Control trap"."""
    first = re.split(r"(?<=[.!?])\s", paragraph, maxsplit=1)[0].strip()
    return first.rstrip(".") if len(first) <= 80 else ""


def describe_folder(folder: Path) -> Description:
    """Reads the opening comment of ``trap.toml`` (else ``twin.toml``): paragraphs separated by
    empty comment lines, the first Dutch and the first English one taken as the explanation, its
    first sentence as the title, and every claim (C1..C17) and pattern (P1..) they cite. A folder
    without such a comment gives an empty Description (the report falls back to its name)."""
    out = Description()
    for name in ("trap.toml", "twin.toml"):
        path = folder / name
        if not path.is_file():
            continue
        paragraphs, current = [], []
        for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
            stripped = line.strip()
            if not stripped.startswith("#"):
                break
            body = stripped.lstrip("#").strip()
            if body:
                current.append(body)
            elif current:
                paragraphs.append(" ".join(current))
                current = []
        if current:
            paragraphs.append(" ".join(current))
        for paragraph in paragraphs:
            language = _language(paragraph)
            if language not in out.text and len(paragraph.split()) >= 8:
                out.text[language] = paragraph
                out.title[language] = _title(paragraph)
        if out.text:
            break
    cited = " ".join(out.text.values())
    out.claims = sorted(set(re.findall(r"\bC(?:1[0-7]|[1-9])\b", cited)), key=lambda c: int(c[1:]))
    out.patterns = sorted(set(re.findall(r"\bP\d{1,2}[a-z]?\b", cited)),
                          key=lambda p: (int(re.sub(r"\D", "", p)), p))
    return out


def find_pitfalls(root: Path) -> list[Path]:
    """Every folder at or under ``root`` holding both trap.toml and twin.toml, sorted by path."""
    root = Path(root)
    if not root.is_dir():
        raise FileNotFoundError(f"{root}: no such folder")
    found = []
    for here, folders, files in os.walk(root):
        folders.sort()
        if "trap.toml" in files and "twin.toml" in files:
            found.append(Path(here))
    return sorted(found)


def _stem(root: Path, folder: Path) -> str:
    relative = folder.resolve().relative_to(root.resolve())
    name = "_".join(relative.parts) if relative.parts else folder.resolve().name
    return name or "pitfall"


@dataclass
class Pitfall:
    folder: Path
    name: str
    description: Description
    results: object = None  # a loaded Results, or None if compare failed
    error: str = ""
    seconds: float = 0.0
    kept: bool = False  # the results file stays where the page says


def run_compare(binary: Path, folder: Path, output: Path, extra: list[str]) -> None:
    """``regiesim compare FOLDER -o OUTPUT --json --force --set record.level=series``: the figure
    needs realisation week by week and the interventions (/series and /events exist from level
    series on). Raises RuntimeError with compare's message when it fails."""
    command = [str(binary), "compare", str(folder), "-o", str(output), "--json", "--force",
               "--set", "record.level=series", *extra]
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        lines = [line for line in done.stderr.splitlines() if line.strip()]
        raise RuntimeError(lines[-1] if lines else f"exit status {done.returncode}")
    printed = json.loads(done.stdout)
    if Path(printed["output"]).resolve() != output.resolve():
        raise RuntimeError(f"compare wrote {printed['output']}, not {output}")


# -- formatting ------------------------------------------------------------------------------


def _number(value, digits: int = 4, comma: bool = False) -> str:
    """``value`` to ``digits`` significant digits, a true minus sign, and a decimal comma for
    Dutch."""
    if value is None or (isinstance(value, float) and value != value):
        return "–"
    if isinstance(value, (int,)) and not isinstance(value, bool):
        return str(value)
    if value == 0:
        return "0"
    text = f"{value:.{digits}g}"
    exponent = ""
    if "e" in text:
        text, power = text.split("e")
        exponent = f"·10<sup>{int(power)}</sup>"
    if comma:
        text = text.replace(".", ",")
    return (text + exponent).replace("-", "−")


def _signed(value, digits: int = 4, comma: bool = False) -> str:
    text = _number(value, digits, comma)
    return ("+" + text) if isinstance(value, float) and value > 0 else text


def _p(value, comma: bool = False) -> str:
    if value is None:
        return "–"
    if value < 0.001:
        return ("&lt; " + ("0,001" if comma else "0.001")) if value > 0 else "0"
    return _number(value, 2 if value >= 0.1 else 3, comma)


def _cell(value, text: str, css: str = "") -> str:
    """A table cell that shows ``text`` and keeps the value as written in the file."""
    raw = "" if value is None else repr(value)
    klass = f' class="{css}"' if css else ""
    return f'<td{klass} data-value="{html.escape(raw)}">{text}</td>'


def _claims_html(text: str) -> str:
    escaped = html.escape(text)
    escaped = re.sub(r"`([^`]+)`", r"<code>\1</code>", escaped)
    return re.sub(r"\b(C(?:1[0-7]|[1-9]))\b", r'<span class="claim">\1</span>', escaped)


def _figure_png(results, lang: str) -> str:
    from .plots import comparison_figure, plt

    fig = comparison_figure(results, lang)
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=120)
    plt.close(fig)
    return base64.b64encode(buffer.getvalue()).decode("ascii")


class _Page:
    def __init__(self, lang: str):
        self.lang = lang
        self.w = WORDS[lang]
        self.comma = lang == "nl"

    def num(self, value, digits: int = 4) -> str:
        return _number(value, digits, self.comma)

    def signed(self, value, digits: int = 4) -> str:
        return _signed(value, digits, self.comma)

    def p(self, value) -> str:
        return _p(value, self.comma)

    def interval(self, low, high, digits: int = 4) -> str:
        separator = "; " if self.comma else ", "
        return f"[{self.num(low, digits)}{separator}{self.num(high, digits)}]"

    def arm(self, results, index: int) -> str:
        from .plots import arm_label

        names = results.arm_names or ["0", "1"]
        return arm_label(names[index], self.lang)

    def metric_name(self, metric: str, unit: str = "") -> str:
        label = METRIC_WORDS[self.lang].get(metric)
        unit = f' <span class="unit">({self.unit(unit)})</span>' if unit else ""
        return (f"{html.escape(label)}{unit}<br><code>{html.escape(metric)}</code>" if label
                else f"<code>{html.escape(metric)}</code>{unit}")

    def unit(self, unit: str) -> str:
        return html.escape(UNIT_WORDS[self.lang].get(unit, unit))

    def week(self, week, never) -> str:
        if week is None or week == never:
            return self.w["never"]
        return self.w["week"].format(w=week)

    # -- sections ---------------------------------------------------------------------------------

    def numbers(self, results) -> str:
        w = self.w
        comparison = results.comparison
        attributes, metrics = comparison["attributes"], comparison["metrics"]
        a, b = self.arm(results, 0), self.arm(results, 1)
        never = attributes.get("week_never")
        parts = []
        realisation = metrics.get("realisation")
        if realisation:
            if realisation["p_greater"] < attributes.get("parting_p", 0.05):
                verdict, p = w["verdict_higher"], realisation["p_greater"]
            elif realisation["p_less"] < attributes.get("parting_p", 0.05):
                verdict, p = w["verdict_lower"], realisation["p_less"]
            else:
                verdict, p = w["verdict_none"], min(realisation["p_greater"], realisation["p_less"])
            sentence = verdict.format(a=a, b=b, t=results.steps) + w["verdict_numbers"].format(
                hl=self.signed(realisation["hodges_lehmann"], 3),
                lo=self.num(realisation["ci_low"], 3), hi=self.num(realisation["ci_high"], 3),
                p=self.p(p) if self.p(p).startswith("&lt;") else "= " + self.p(p),
                n=realisation["n_pairs"])
            parted = attributes.get("parting_week")
            crossed = attributes.get("crossing_week")
            sentence += " " + (w["parted"].format(w=parted) if parted != never
                               else w["not_parted"].format(t=results.steps))
            sentence += " " + (w["crossed"].format(w=crossed) if crossed != never
                               else w["not_crossed"])
            parts.append(f'<p class="verdict">{sentence}</p>')
        parts.append('<div class="weeks">'
                     f'<div>{w["parting"]}: <b data-value="{attributes.get("parting_week")}" '
                     f'id="{{id}}-parting">{self.week(attributes.get("parting_week"), never)}</b>'
                     '</div>'
                     f'<div>{w["crossing"]}: <b data-value="{attributes.get("crossing_week")}" '
                     f'id="{{id}}-crossing">{self.week(attributes.get("crossing_week"), never)}'
                     '</b></div>'
                     f'<div>{w["pairs"]}: <b data-value="{attributes.get("n_pairs")}">'
                     f'{attributes.get("n_pairs")}</b></div></div>')
        order = [m for m in results.summary.columns if m in metrics]
        order += [m for m in metrics if m not in order]
        main = [m for m in MAIN_METRICS if m in metrics]
        parts.append(self.metric_table(main, metrics, a, b, attributes))
        rest = [m for m in order if m not in main]
        if rest:
            parts.append(f'<details><summary>{w["all_metrics"].format(n=len(order))}</summary>'
                         + self.metric_table(order, metrics, a, b, attributes) + "</details>")
        return "\n".join(parts)

    def metric_table(self, names, metrics, a, b, attributes) -> str:
        w = self.w
        head = "".join(f"<th>{h}</th>" for h in (
            w["metric"], w["mean_of"].format(arm=a), w["mean_of"].format(arm=b),
            w["hl"], w["interval"], w["mean_difference"], w["p_higher"].format(b=b),
            w["p_lower"].format(b=b)))
        rows = []
        threshold = attributes.get("parting_p", 0.05)
        for name in names:
            m = metrics[name]
            clear = min(m["p_greater"], m["p_less"]) < threshold
            rows.append(
                f'<tr data-metric="{html.escape(name)}"' + (' class="clear"' if clear else "") + ">"
                f'<td class="name">{self.metric_name(name, m.get("units", ""))}</td>'
                + _cell(m["mean_arm0"], self.num(m["mean_arm0"]), "mean_arm0")
                + _cell(m["mean_arm1"], self.num(m["mean_arm1"]), "mean_arm1")
                + _cell(m["hodges_lehmann"], self.signed(m["hodges_lehmann"]), "hodges_lehmann")
                + f'<td class="interval" data-low="{m["ci_low"]!r}" data-high="{m["ci_high"]!r}">'
                f'{self.interval(m["ci_low"], m["ci_high"], 3)}</td>'
                + _cell(m["mean_difference"], self.signed(m["mean_difference"]),
                        "mean_difference")
                + _cell(m["p_greater"], self.p(m["p_greater"]), "p_greater")
                + _cell(m["p_less"], self.p(m["p_less"]), "p_less")
                + "</tr>")
        return (f'<div class="scroll"><table class="numbers"><thead><tr>{head}</tr></thead>'
                "<tbody>" + "".join(rows) + "</tbody></table></div>"
                + f'<p class="small"><span class="mark"></span>{w["marked"]}</p>')

    def events(self, results) -> str:
        w = self.w
        events = results.events
        if events is None:
            return f"<p>{w['no_events']}</p>"
        runs = results.runs[results.runs["status"] == "ok"]
        per_arm = runs.groupby("arm").size()
        a, b = self.arm(results, 0), self.arm(results, 1)
        events = events[events["status"] == "ok"]
        counts = events.groupby(["kind", "arm"], observed=True).size().unstack("arm", fill_value=0)
        for arm in (0, 1):
            if arm not in counts.columns:
                counts[arm] = 0
        n = {arm: int(per_arm.get(arm, 0)) for arm in (0, 1)}
        mean = {arm: counts[arm] / max(n[arm], 1) for arm in (0, 1)}
        order = sorted(counts.index, key=lambda k: (k != "exit", str(k).startswith("skipped"),
                                                    -(mean[0][k] + mean[1][k])))
        rows = []
        largest = max([float(mean[arm][k]) for arm in (0, 1) for k in order] + [1e-300])
        for kind in order:
            label = KIND_WORDS[self.lang].get(str(kind), str(kind))
            cells = ""
            for arm, css in ((0, "trap"), (1, "twin")):
                value = float(mean[arm][kind])
                bar = f'<span class="bar {css}" style="width:{120 * value / largest:.1f}px"></span>'
                text = f"{value:.0f}" if value >= 100 else self.num(value, 3)  # counts: no 10^3
                cells += _cell(value, bar + text, "bars")
            rows.append(f'<tr data-kind="{html.escape(str(kind))}"><td class="name">'
                        f"{html.escape(label)}<br><code>{html.escape(str(kind))}</code></td>"
                        + cells + "</tr>")
        table = ""
        if rows:
            head = (f"<th>{w['event']}</th><th>{w['per_run'].format(arm=a)}</th>"
                    f"<th>{w['per_run'].format(arm=b)}</th>")
            table = (f'<table class="events"><thead><tr>{head}</tr></thead><tbody>'
                     + "".join(rows) + "</tbody></table>")
        exits = events[events["kind"] == "exit"]
        lines = []
        for arm, label in ((0, a), (1, b)):
            here = exits[exits["arm"] == arm]
            if len(here) == 0:
                continue
            left = here.groupby("source").run.nunique().sort_values(ascending=False)
            who = ", ".join(
                w["in_runs"].format(name=html.escape(results.partners[s]
                                                     if 0 <= s < len(results.partners)
                                                     else str(s)), k=k, n=n[arm])
                for s, k in left.items())
            lines.append(f"<p>{w['exits_line'].format(arm=label, who=who)}</p>")
        if not lines:
            lines.append(f"<p>{w['exits_none']}</p>")
        runs_text = n[0] if n[0] == n[1] else f"{n[0]}/{n[1]}"
        return (f'<p class="small">{w["events_intro"].format(n=runs_text)}</p>' + table
                + "".join(lines))

    def value(self, key: str, value) -> str:
        """A setting's value as a reader knows it: on/off for a switch (the file keeps 0 and 1),
        whole numbers without ".0", a decimal comma in Dutch."""
        if key.endswith(".enabled") and value in (0, 1):
            return self.w["on"] if value else self.w["off"]
        if isinstance(value, float):
            return self.num(value, 6) if not value.is_integer() else str(int(value))
        return html.escape(str(value))

    def setting(self, results) -> str:
        w = self.w
        a, b = self.arm(results, 0), self.arm(results, 1)
        keys = results.keys
        lines = []
        for key in results.varying_parameters:
            values = keys.groupby("arm")[key].first()
            if len(values) < 2:
                continue
            lines.append("<li>" + w["setting"].format(
                key=f"<code>{html.escape(key)}</code>", a=f'<span class="trap">{a}</span>',
                b=f'<span class="twin">{b}</span>', va=self.value(key, values.get(0)),
                vb=self.value(key, values.get(1))) + "</li>")
        if not lines:
            return f"<p>{w['no_setting']}</p>"
        return "<ul class=\"differs\">" + "".join(lines) + "</ul>"

    def section(self, number: int, pitfall: Pitfall, anchor: str) -> str:
        w = self.w
        d = pitfall.description
        title = (html.escape(d.title.get(self.lang) or "")
                 or f"<code>{html.escape(pitfall.name)}</code>")
        text = d.text.get(self.lang) or next(iter(d.text.values()), "")
        if d.title.get(self.lang) and text.startswith(d.title[self.lang]):
            text = text[len(d.title[self.lang]):].lstrip(". ")
        claims = (" ".join(f'<span class="claim">{c}</span>' for c in d.claims)
                  or w["no_claim"])
        patterns = f" · {', '.join(d.patterns)}" if d.patterns else ""
        out = [f'<section class="card pitfall" id="{anchor}">',
               f"<h2>{number}. {title}</h2>",
               f'<p class="badges">{w["pitfall"]} <code>{html.escape(pitfall.name)}</code> · '
               f"{w['claims']}: {claims}{patterns}</p>",
               f"<h3>{w['explanation']}</h3>"]
        if text:
            out.append(f'<p class="explanation">{_claims_html(text)}</p>')
        else:
            out.append(f'<p class="explanation">{w["no_description"]}</p>')
        if pitfall.results is None:
            out.append(f'<p class="failed">{w["failed"].format(message=html.escape(pitfall.error))}'
                       "</p></section>")
            return "\n".join(out)
        r = pitfall.results
        a, b = self.arm(r, 0), self.arm(r, 1)
        out.append(f"<h3>{w['differs']}</h3>")
        out.append(self.setting(r))
        out.append(f"<h3>{w['figure_heading']}</h3>")
        alt = w["figure_caption"].format(a=a, b=b)
        out.append(f'<figure><img class="figure" alt="{html.escape(alt)}" '
                   f'src="data:image/png;base64,{_figure_png(r, self.lang)}">'
                   f"<figcaption>{alt}</figcaption></figure>")
        out.append(f"<h3>{w['numbers_heading']}</h3>")
        out.append(self.numbers(r).replace("{id}", anchor))
        failed = int((r.runs["status"] != "ok").sum())
        if failed:
            out.append(f'<p class="small">{w["failed_runs"].format(k=failed)}</p>')
        out.append(f"<h3>{w['events_heading']}</h3>")
        out.append(self.events(r))
        source = w["source" if pitfall.kept else "source_folder"]
        source = source.format(folder=html.escape(str(pitfall.folder)),
                               file=html.escape(str(r.path)))
        out.append(f'<p class="small">{source}</p>')
        out.append("</section>")
        return "\n".join(out)


def build_page(pitfalls: list[Pitfall], root: Path, lang: str) -> str:
    page = _Page(lang)
    w = page.w
    first = next((p.results for p in pitfalls if p.results is not None), None)
    a = page.arm(first, 0) if first is not None else ("valkuil" if lang == "nl" else "trap")
    b = page.arm(first, 1) if first is not None else ("tweeling" if lang == "nl" else "twin")
    version = first.attributes.get("regiesim_version", "?") if first is not None else "?"
    commit = str(first.attributes.get("git_commit", "?"))[:12] if first is not None else "?"
    anchors = [f"p-{re.sub(r'[^A-Za-z0-9_-]', '-', p.name)}" for p in pitfalls]
    toc = []
    for number, (p, anchor) in enumerate(zip(pitfalls, anchors), 1):
        title = (html.escape(p.description.title.get(lang) or "")
                 or f"<code>{html.escape(p.name)}</code>")
        claims = " ".join(f'<span class="claim">{c}</span>' for c in p.description.claims)
        toc.append(f'<li><a href="#{anchor}">{title}</a> {claims}</li>')
    made = w["made"].format(date=datetime.date.today().isoformat(), version=html.escape(version),
                            commit=html.escape(commit), root=html.escape(str(root)))
    body = [f'<header class="page"><div><h1>{w["title"]}</h1><p>{made}</p></div></header>',
            "<main>",
            '<section class="card intro">'
            f"<p>{w['intro'].format(a=a, b=b)}</p>"
            f"<h3>{w['how_heading']}</h3><p>{w['how'].format(a=a, b=b)}</p>"
            f"<nav><h3>{w['contents']}</h3><ol>{''.join(toc)}</ol></nav></section>"]
    for number, (p, anchor) in enumerate(zip(pitfalls, anchors), 1):
        body.append(page.section(number, p, anchor))
    body.append("</main>")
    return (f'<!DOCTYPE html>\n<html lang="{w["lang_attr"]}">\n<head>\n<meta charset="utf-8">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{w['title']}</title>\n<style>{CSS}</style>\n</head>\n<body>\n"
            + "\n".join(body) + "\n</body>\n</html>\n")


def make_report(root, output, lang: str = "en", regiesim=None, results_dir=None,
                extra: list[str] | None = None, log=sys.stderr) -> int:
    """Runs compare on every pitfall folder under ``root`` and writes the page to ``output``.
    Prints one progress line per pitfall to ``log``. Returns the number of folders whose compare
    failed (they are on the page with compare's message)."""
    from .results import load

    root = Path(root)
    folders = find_pitfalls(root)
    if not folders:
        raise FileNotFoundError(f"{root}: no pitfall folder (a folder holding trap.toml and "
                                "twin.toml) at or under it")
    binary = find_regiesim(regiesim)
    temporary = None
    if results_dir is None:
        temporary = tempfile.TemporaryDirectory(prefix="regiesim-report-")
        results_dir = temporary.name
    results_dir = Path(results_dir)
    results_dir.mkdir(parents=True, exist_ok=True)
    print(f"report: {len(folders)} pitfall folder{'s' if len(folders) != 1 else ''} under "
          f"{root}, regiesim {binary}", file=log, flush=True)
    pitfalls, failures = [], 0
    start = time.monotonic()
    try:
        for index, folder in enumerate(folders, 1):
            name = _stem(root, folder)
            pitfall = Pitfall(folder=folder, name=name, description=describe_folder(folder),
                              kept=temporary is None)
            began = time.monotonic()
            output_file = results_dir / f"{name}.h5"
            try:
                run_compare(binary, folder, output_file, extra or [])
                pitfall.results = load(output_file)
                if pitfall.results.comparison is None:
                    raise RuntimeError(f"{output_file}: no /comparison")
                m = pitfall.results.comparison["metrics"].get("realisation", {})
                nan = float("nan")
                names = pitfall.results.arm_names or ["arm 0", "arm 1"]
                summary = (f"realisation {names[1]} - {names[0]}: "
                           f"HL {m.get('hodges_lehmann', nan):+.3g} "
                           f"[{m.get('ci_low', nan):.3g}, {m.get('ci_high', nan):.3g}]")
            except (RuntimeError, ValueError, OSError, json.JSONDecodeError, KeyError) as e:
                pitfall.results, pitfall.error = None, str(e)
                failures += 1
                summary = f"FAILED: {e}"
            pitfall.seconds = time.monotonic() - began
            pitfalls.append(pitfall)
            print(f"report: [{index}/{len(folders)}] {name}: {summary} ({pitfall.seconds:.1f} s)",
                  file=log, flush=True)
        text = build_page(pitfalls, root, lang)
    finally:
        if temporary is not None:
            temporary.cleanup()
    output = Path(output)
    output.parent.mkdir(parents=True, exist_ok=True)
    partial = output.with_name(output.name + ".partial")
    partial.write_text(text, encoding="utf-8")
    partial.replace(output)
    print(f"report: wrote {output} ({len(text.encode()) / 1e6:.1f} MB, {len(pitfalls)} pitfalls) "
          f"in {time.monotonic() - start:.1f} s", file=log, flush=True)
    return failures
