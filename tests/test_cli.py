"""The `eventwire` command as a user runs it: the installed console script in a subprocess.

Every article text here was written for these tests.
"""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from eventwire.cli import main
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
GOOD_3 = {"id": "cli-3", "date": "2024-05-02", "text": "La France et l'Allemagne ont condamné la Russie."}
BROKEN = '{"id": "cli-broken", "text": "La Suède a'  # cut off mid-record


def jsonl_text(*lines: dict | str) -> str:
    return "".join((ln if isinstance(ln, str) else json.dumps(ln, ensure_ascii=False)) + "\n" for ln in lines)


@dataclass
class ExtractRun:
    articles: Path
    missing: Path
    result: subprocess.CompletedProcess


@pytest.fixture(scope="module")
def extract_run(tmp_path_factory) -> ExtractRun:
    """One run of the real script (each run loads the spaCy model): a file, a missing path and stdin."""
    folder = tmp_path_factory.mktemp("cli")
    articles = folder / "articles.jsonl"
    articles.write_text(jsonl_text(GOOD_1, BROKEN, GOOD_2), encoding="utf-8")
    missing = folder / "no-such-file.jsonl"
    stdin = jsonl_text('{"id": "cli-bad", "text": }', GOOD_3)
    result = run("extract", str(articles), str(missing), "-", "--format", "jsonl", stdin=stdin)
    return ExtractRun(articles, missing, result)


def test_extract_skips_a_malformed_line_and_codes_the_rest(extract_run: ExtractRun) -> None:
    result = extract_run.result
    assert result.returncode == 0, result.stderr
    events = [Event.model_validate_json(line) for line in result.stdout.splitlines()]
    assert {(ev.article_id, ev.event) for ev in events} >= {("cli-1", "COERCE"), ("cli-2", "SANCTION")}
    assert f"{extract_run.articles}:2" in result.stderr
    assert "cli-broken" not in result.stdout


def test_extract_reads_stdin(extract_run: ExtractRun) -> None:
    result = extract_run.result
    events = [Event.model_validate_json(line) for line in result.stdout.splitlines()]
    assert {ev.article_id for ev in events} == {"cli-1", "cli-2", "cli-3"}
    # Input order is kept: the file first, then standard input.
    assert [ev.article_id for ev in events][-1] == "cli-3"
    assert "<stdin>:1" in result.stderr


def test_extract_reports_a_missing_path(extract_run: ExtractRun) -> None:
    assert f"{extract_run.missing}: no such file" in extract_run.result.stderr


def test_extract_table(tmp_path, monkeypatch, capsys) -> None:
    # In-process (the model is already loaded) to keep the suite fast; the script itself is run above.
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(jsonl_text(GOOD_1, GOOD_2).encode())))
    assert main(["extract", "-", "--format", "table"]) == 0
    lines = capsys.readouterr().out.splitlines()
    header = lines[0].lower()
    for column in ("date", "event", "actor", "certainty", "said by"):
        assert column in header
    assert set(lines[1]) <= {"-", " "}
    rows = lines[2:]
    assert any("cli-1" in row and "COERCE" in row and "IRN" in row for row in rows), lines
    assert any("cli-2" in row and "SANCTION" in row and "LVA" in row for row in rows), lines


# ------------------------------------------------------------------------------------------ evaluate

GOLD = [
    {
        "id": "g1",
        "events": [
            {"event": "SANCTION", "mode": "expel", "actor": ["LVA"], "recipient": ["RUS"],
             "certainty": "asserted", "said_by": [], "date": "2024-05-02", "event_loc": None,
             "evidence": "expulsé"},
            {"event": "CONSULT", "mode": None, "actor": ["JPN"], "recipient": ["KOR"],
             "certainty": "asserted", "said_by": [], "date": "2024-04-30", "event_loc": "KOR",
             "evidence": "entretien"},
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
