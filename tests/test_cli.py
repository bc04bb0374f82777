"""The `eventwire` command as a user runs it: the installed console script in a subprocess.

Every article text here was written for these tests.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from eventwire.records import Event


def eventwire_command() -> list[str]:
    """The console script next to this interpreter, else one on PATH, else the entry point run by hand."""
    script = Path(sys.executable).parent / "eventwire"
    if script.is_file():
        return [str(script)]
    found = shutil.which("eventwire")
    if found:
        return [found]
    return [sys.executable, "-c", "from eventwire.cli import main; raise SystemExit(main())"]


def start(*args: str, stdin: str | None = None) -> subprocess.Popen:
    return subprocess.Popen(
        [*eventwire_command(), *args],
        stdin=subprocess.PIPE if stdin is not None else subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        encoding="utf-8",
    )


def finish(proc: subprocess.Popen, stdin: str | None = None) -> subprocess.CompletedProcess:
    out, err = proc.communicate(stdin, timeout=120)
    return subprocess.CompletedProcess(proc.args, proc.returncode, out, err)


def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    return finish(start(*args, stdin=stdin), stdin)


GOOD_1 = {
    "id": "cli-1",
    "date": "2024-05-02",
    "lang": "fr",
    "text": "La police iranienne a arrêté des manifestants à Téhéran.",
}
GOOD_2 = {"id": "cli-2", "date": "2024-05-02", "text": "La Lettonie a expulsé deux diplomates russes."}
BROKEN = '{"id": "cli-broken", "text": "La Suède a'  # cut off mid-record


@dataclass
class ExtractRuns:
    articles: Path
    missing: Path
    jsonl: subprocess.CompletedProcess  # extract ARTICLES MISSING --format jsonl
    table: subprocess.CompletedProcess  # extract - --format table, the same records on stdin


@pytest.fixture(scope="module")
def runs(tmp_path_factory) -> ExtractRuns:
    """Both `extract` runs, started together: each one loads the spaCy model."""
    folder = tmp_path_factory.mktemp("cli")
    articles = folder / "articles.jsonl"
    content = "\n".join([json.dumps(GOOD_1, ensure_ascii=False), BROKEN, json.dumps(GOOD_2, ensure_ascii=False)])
    articles.write_text(content + "\n", encoding="utf-8")
    missing = folder / "no-such-file.jsonl"
    jsonl = start("extract", str(articles), str(missing), "--format", "jsonl")
    table = start("extract", "-", "--format", "table", stdin=content)
    return ExtractRuns(articles, missing, finish(jsonl), finish(table, content))


def test_extract_skips_a_malformed_line_and_codes_the_rest(runs: ExtractRuns) -> None:
    result = runs.jsonl
    assert result.returncode == 0, result.stderr
    events = [Event.model_validate_json(line) for line in result.stdout.splitlines()]
    assert {ev.article_id for ev in events} == {"cli-1", "cli-2"}
    assert {(ev.article_id, ev.event) for ev in events} >= {("cli-1", "COERCE"), ("cli-2", "SANCTION")}
    assert f"{runs.articles}:2" in result.stderr


def test_extract_reports_a_missing_path(runs: ExtractRuns) -> None:
    assert f"{runs.missing}: no such file" in runs.jsonl.stderr


def test_extract_table_from_stdin(runs: ExtractRuns) -> None:
    result = runs.table
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    header = lines[0].lower()
    for column in ("date", "event", "actor", "certainty", "said by"):
        assert column in header
    rows = lines[2:]
    assert any("cli-1" in row and "COERCE" in row and "IRN" in row for row in rows), result.stdout
    assert any("cli-2" in row and "SANCTION" in row and "LVA" in row for row in rows), result.stdout
    assert "<stdin>:2" in result.stderr  # the broken record is reported by its line on stdin


# ------------------------------------------------------------------------------------------ evaluate

GOLD = [
    {
        "id": "g1",
        "events": [
            {"event": "SANCTION", "mode": "expel", "actor": ["LVA"], "recipient": ["RUS"], "certainty": "asserted",
             "said_by": [], "date": "2024-05-02", "event_loc": None, "evidence": "expulsé"},
            {"event": "CONSULT", "mode": None, "actor": ["JPN"], "recipient": ["KOR"], "certainty": "asserted",
             "said_by": [], "date": "2024-04-30", "event_loc": "KOR", "evidence": "se sont entretenus"},
        ],
    },
    {
        "id": "g2",
        "events": [
            {"event": "ASSAULT", "mode": None, "actor": ["RUS"], "recipient": ["UKR"], "certainty": "hedged",
             "said_by": ["UKR"], "date": None, "event_loc": None, "evidence": "accuse"},
        ],
    },
]


def system_event(article_id: str, gold: dict, swap: bool = False) -> dict:
    actor = [{"entity_text": c, "code": c, "sector": None, "name": None} for c in gold["actor"]]
    recipient = [{"entity_text": c, "code": c, "sector": None, "name": None} for c in gold["recipient"]]
    if swap:  # a symmetric event read the other way round is the same triple
        actor, recipient = recipient, actor
    return {
        "id": f"{article_id}-{gold['event']}",
        "article_id": article_id,
        "event": gold["event"],
        "mode": gold["mode"],
        "actor": actor,
        "recipient": recipient,
        "date": gold["date"],
        "certainty": gold["certainty"],
        "said_by": [{"entity_text": c, "code": c, "sector": None, "name": None} for c in gold["said_by"]],
        "event_loc": {"text": gold["event_loc"], "code": gold["event_loc"]} if gold["event_loc"] else None,
    }


def write_jsonl(path: Path, records: list) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


@pytest.fixture
def gold_file(tmp_path) -> Path:
    return write_jsonl(tmp_path / "gold.jsonl", GOLD)


def test_evaluate_perfect_system(gold_file, tmp_path) -> None:
    g1, g2 = GOLD[0]["events"], GOLD[1]["events"]
    system = write_jsonl(
        tmp_path / "system.jsonl",
        [system_event("g1", g1[0]), system_event("g1", g1[1], swap=True), system_event("g2", g2[0])],
    )
    result = run("evaluate", str(gold_file), str(system))
    assert result.returncode == 0, result.stderr
    triple = next(line for line in result.stdout.splitlines() if line.startswith("triple"))
    assert "F1 1.000" in triple
    assert "articles 2" in result.stdout


def test_evaluate_json_partial_system(gold_file, tmp_path) -> None:
    g1, g2 = GOLD[0]["events"], GOLD[1]["events"]
    wrong = dict(g2[0], actor=["BLR"], certainty="asserted", said_by=[])
    system = write_jsonl(
        tmp_path / "system.jsonl",
        [system_event("g1", g1[0]), system_event("g1", g1[1]), system_event("g2", wrong),
         system_event("not-in-gold", g1[0])],
    )
    result = run("evaluate", str(gold_file), str(system), "--json")
    assert result.returncode == 0, result.stderr
    scores = json.loads(result.stdout)
    assert scores["articles"] == 2
    assert (scores["triple"]["tp"], scores["triple"]["sys"], scores["triple"]["gold"]) == (2, 3, 3)
    assert scores["triple"]["f1"] == pytest.approx(2 / 3, abs=1e-3)
    # The hedged gold reading is missed; the said_by reading too.
    assert scores["certainty"]["tp"] == 0 and scores["certainty"]["gold"] == 1
    assert scores["said_by"]["gold"] == 1 and scores["said_by"]["tp"] == 0


def test_evaluate_bad_json_line_names_file_and_line(gold_file, tmp_path) -> None:
    system = tmp_path / "system.jsonl"
    good = json.dumps(system_event("g1", GOLD[0]["events"][0]))
    system.write_text(good + "\n" + '{"article_id": "g1", "event": \n' + good + "\n", encoding="utf-8")
    result = run("evaluate", str(gold_file), str(system))
    assert result.returncode != 0
    assert f"{system}:2" in result.stderr
    assert result.stdout == ""
