"""The Spark entry point (`eventwire spark`, `eventwire.spark.extract`) in Spark local mode: it must give exactly
the events of `eventwire extract`, whatever the input format.

One local[2] session serves the module; its two Python workers load the model once each and are reused by
every job. Every article text written here was written for these tests.
"""

from __future__ import annotations

import io
import json
import os
import re
import shutil
from collections.abc import Iterable
from pathlib import Path

import pytest

from eventwire.cli import main
from eventwire.pipeline import Extractor
from eventwire.readers import read_articles
from eventwire.records import Entity, Event, Location

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "samples" / "articles" / "articles.jsonl"
DEV = ROOT.parent / "shared" / "eval" / "dev" / "articles.jsonl"


def _why_no_spark() -> str | None:
    try:
        import pyspark  # noqa: F401
    except ImportError:
        return "pyspark is not installed (pip install -c constraints.txt -e '.[test,spark]')"
    java_home = os.environ.get("JAVA_HOME")
    if shutil.which("java") is None and not (java_home and (Path(java_home) / "bin" / "java").exists()):
        return "no Java runtime for Spark (java is not on PATH and JAVA_HOME is not set)"
    return None


NO_SPARK = _why_no_spark()
needs_spark = pytest.mark.skipif(NO_SPARK is not None, reason=NO_SPARK or "")


@pytest.fixture(scope="module")
def spark():
    from eventwire.spark import session

    spark = session("local[2]", app_name="eventwire-tests", ui=False)
    spark.sparkContext.setLogLevel("ERROR")
    yield spark
    spark.stop()


def reference(paths: Iterable[str | Path]) -> tuple[list[str], str]:
    """What `eventwire extract` gives for these files, done in-process: the sorted SPEC JSON lines and the run
    summary."""
    extractor = Extractor()  # the model, lexicon and codebook are cached: only the report is new
    events = [ev for _, evs in extractor.extract(read_articles([str(p) for p in paths])) for ev in evs]
    return sorted_json(events), extractor.report.summary()


def sorted_json(events: Iterable[Event | dict]) -> list[str]:
    records = (ev.model_dump(mode="json") if isinstance(ev, Event) else ev for ev in events)
    return sorted(json.dumps(r, ensure_ascii=False, sort_keys=True) for r in records)


def spark_events(spark, articles, out: Path, **options) -> tuple[list[str], object]:
    """Run the job, write its Parquet, read the events back: sorted SPEC JSON lines, and the run's tally."""
    from eventwire.spark import RunTally, events_as_json, extract, read_events, write_events

    tally = RunTally(spark)
    write_events(extract(articles, tally=tally, **options), str(out))
    return sorted_json(events_as_json(read_events(spark, str(out)))), tally


def month_dirs(out: Path) -> set[str]:
    return {p.name for p in out.iterdir() if p.is_dir()}


def write_jsonl(path: Path, lines: Iterable[dict | str]) -> Path:
    path.write_text("".join((ln if isinstance(ln, str) else json.dumps(ln, ensure_ascii=False)) + "\n"
                            for ln in lines), encoding="utf-8")
    return path


# --- without a session --------------------------------------------------------------------------------------


@needs_spark
def test_event_schema_has_the_record_fields_in_order():
    from eventwire.spark.schema import ENTITY, EVENT_SCHEMA, LOCATION, OUTPUT_SCHEMA

    assert EVENT_SCHEMA.names == list(Event.model_fields)
    assert ENTITY.names == list(Entity.model_fields)
    assert LOCATION.names == list(Location.model_fields)
    assert OUTPUT_SCHEMA.names == [*Event.model_fields, "month"]


@needs_spark
def test_rows_round_trip_to_the_same_record(spark):
    from eventwire.spark.schema import OUTPUT_SCHEMA, event_from_row, event_row

    event = Event(
        id="e1", article_id="a1", event="ACCUSE", actor=[Entity(entity_text="Tallinn", code="EST")],
        recipient=[Entity(entity_text="Moscou", code="RUS", sector="GOV", name="Russia")], date="2025-04",
        date_precision="month", event_loc=Location(text="Estonie", code="EST"), certainty="hedged",
        said_by=[Entity(entity_text="la radio publique", sector="MED")], event_text="Tallinn accuse Moscou.",
        span=(0, 22), language="fr",
    )
    [row] = spark.createDataFrame([event_row(event, "2025-04")], OUTPUT_SCHEMA).collect()
    assert row["month"] == "2025-04"
    assert event_from_row(row) == event


@needs_spark
def test_publication_month():
    from eventwire.spark.schema import publication_month

    assert publication_month("2025-03-14") == "2025-03"
    assert publication_month("2025-03") == "2025-03"
    assert publication_month("2025") == "2025"
    assert publication_month(None) == "unknown"


def test_without_pyspark_the_command_says_what_to_install(monkeypatch, capsys, tmp_path):
    import eventwire.spark.commands as commands

    monkeypatch.setattr(commands, "available", lambda: False)
    assert main(["spark", str(SAMPLE), "--out", str(tmp_path / "out")]) == 2
    assert "pip install 'eventwire[spark]'" in capsys.readouterr().err


# --- jobs ---------------------------------------------------------------------------------------------------


@needs_spark
def test_command_on_the_sample_gives_the_events_of_extract(spark, tmp_path, capsys):
    out, jsonl = tmp_path / "events", tmp_path / "events.jsonl"
    status = main(["spark", str(SAMPLE), "--out", str(out), "--jsonl", str(jsonl), "--partitions", "2"])
    err = capsys.readouterr().err
    assert status == 0, err
    expected, summary = reference([SAMPLE])
    lines = jsonl.read_text(encoding="utf-8").splitlines()
    assert sorted_json(json.loads(line) for line in lines) == expected
    assert len(expected) > 50
    assert f"eventwire: {summary}; events written to {out}" in err
    # one directory per publication month of the articles that have events ("unknown": no date)
    months = month_dirs(out)
    assert all(re.fullmatch(r"month=(\d{4}-\d{2}|unknown)", m) for m in months), months
    published = {a.id: a.date for a in read_articles([str(SAMPLE)])}
    coded = {json.loads(line)["article_id"] for line in expected}
    assert months == {f"month={published[a][:7] if published[a] else 'unknown'}" for a in coded}
    assert "month=unknown" in months and len(months) > 3
    # the JSONL export is ordered by article, then by position in the text
    keys = [(r["article_id"], r["span"]) for r in map(json.loads, lines)]
    assert keys == sorted(keys)


@needs_spark
def test_parquet_input_gives_the_same_events_as_jsonl(spark, tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    from eventwire.spark import read_articles as spark_read

    records = [json.loads(line) for line in SAMPLE.read_text(encoding="utf-8").splitlines() if line.strip()]
    columns = ("id", "text", "date", "url", "lang", "title")
    table = pa.Table.from_pylist([{k: r.get(k) for k in columns} for r in records],
                                 schema=pa.schema([(k, pa.string()) for k in columns]))
    pq.write_table(table, tmp_path / "articles.parquet")
    got, tally = spark_events(spark, spark_read(spark, [str(tmp_path / "articles.parquet")]), tmp_path / "out")
    expected, summary = reference([SAMPLE])
    assert got == expected
    assert tally.summary() == summary


@needs_spark
def test_a_dataframe_with_only_text_and_a_date_column(spark, tmp_path):
    import datetime as dt

    from eventwire.spark import extract, iter_events

    text = "Le gouvernement tchèque a expulsé mardi trois diplomates biélorusses accusés d'espionnage."
    df = spark.createDataFrame([(text, dt.date(2025, 4, 10))], "text string, date date")
    events = list(iter_events(extract(df, partitions=1)))
    assert [(ev.event, ev.actor[0].code, ev.recipient[0].code, ev.date) for ev in events] == [
        ("SANCTION", "CZE", "BLR", "2025-04-08")
    ]
    assert events[0].article_id.startswith("sha1:")


def _page(title: str, paragraphs: tuple[str, ...], date: str) -> bytes:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f'<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>{title}</title>'
        f'<meta property="article:published_time" content="{date}T09:00:00+01:00"></head>'
        f"<body><article><h1>{title}</h1>{body}</article></body></html>"
    ).encode()


WARC_PAGES = {
    "https://journal.example/monde/2025/04/10/prague-expulse": _page(
        "Prague expulse des diplomates",
        ("Le gouvernement tchèque a expulsé mardi trois diplomates biélorusses accusés d'espionnage.",
         "La police kényane a arrêté jeudi une vingtaine de manifestants devant le Parlement à Nairobi."),
        "2025-04-10",
    ),
    "https://journal.example/monde/2025/03/02/santiago": _page(
        "Visite à Santiago",
        ("Le président chilien a reçu lundi à Santiago son homologue argentin pour parler du commerce du lithium.",
         "La marine philippine a accusé mercredi les garde-côtes chinois d'avoir bloqué un navire de ravitaillement."),
        "2025-03-02",
    ),
}


def _write_warc(path: Path) -> Path:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for url, body in WARC_PAGES.items():
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body),
                                                          http_headers=headers))
        missing = StatusAndHeaders("404 Not Found", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record("https://journal.example/absent", "response",
                                                      payload=io.BytesIO(b"<html></html>"), http_headers=missing))
    return path


@needs_spark
def test_warc_input_gives_the_events_ingest_reads(spark, tmp_path):
    from eventwire.spark import read_articles as spark_read
    from eventwire.store.inputs import read_inputs

    warc = _write_warc(tmp_path / "crawl.warc.gz")
    got, tally = spark_events(spark, spark_read(spark, [str(tmp_path)]), tmp_path / "out")  # a directory
    extractor = Extractor()
    expected = sorted_json(ev for _, evs in extractor.extract(read_inputs([str(warc)], lambda p: None)) for ev in evs)
    assert got == expected
    assert {json.loads(line)["event"] for line in got} >= {"SANCTION", "CONSULT", "ACCUSE"}
    assert {json.loads(line)["article_id"] for line in got} == set(WARC_PAGES)
    assert month_dirs(tmp_path / "out") == {"month=2025-04", "month=2025-03"}
    assert tally.value.articles == 2


@needs_spark
def test_malformed_lines_are_skipped_and_reported_and_the_rest_is_coded(spark, tmp_path, capsys):
    articles = write_jsonl(tmp_path / "mixed.jsonl", [
        {"id": "m1", "date": "2025-04-10", "text": "L'Estonie a convoqué l'ambassadeur de Russie après la "
                                                   "violation de son espace aérien par un hélicoptère militaire."},
        '{"id": "m2", "text": "La Lituanie a',  # cut off mid-record
        {"id": "m3", "text": None},
        {"id": "m4", "text": "Le ministre canadien des Affaires étrangères a salué la libération de deux "
                             "journalistes détenus au Venezuela."},  # no date: month=unknown
    ])
    out, jsonl = tmp_path / "out", tmp_path / "events.jsonl"
    status = main(["spark", str(articles), "--out", str(out), "--jsonl", str(jsonl)])
    err = capsys.readouterr().err
    assert status == 0, err
    assert f"eventwire: skipped {articles}:2: not a valid JSON object" in err
    assert f'eventwire: skipped {articles}: "text" is null, not a string; record skipped' in err
    expected, summary = reference([articles])
    assert "2 articles read" in summary
    assert f"eventwire: {summary}; 2 input problems; events written to {out}" in err
    assert sorted_json(map(json.loads, jsonl.read_text(encoding="utf-8").splitlines())) == expected
    assert {json.loads(line)["article_id"] for line in expected} == {"m1", "m4"}
    assert month_dirs(out) == {"month=2025-04", "month=unknown"}


@needs_spark
def test_command_refuses_an_existing_output_and_an_unknown_format(spark, tmp_path, capsys):
    (tmp_path / "out").mkdir()
    assert main(["spark", str(SAMPLE), "--out", str(tmp_path / "out")]) == 2
    assert "use --overwrite" in capsys.readouterr().err
    odd = tmp_path / "articles.data"
    odd.write_text("{}\n", encoding="utf-8")
    assert main(["spark", str(odd), "--out", str(tmp_path / "new")]) == 2
    assert "use --format" in capsys.readouterr().err


@needs_spark
@pytest.mark.skipif(not DEV.exists(), reason=f"the dev set is not here ({DEV})")
def test_dev_set_gives_exactly_the_events_of_extract(spark, tmp_path):
    from eventwire.spark import read_articles as spark_read

    got, tally = spark_events(spark, spark_read(spark, [str(DEV)]), tmp_path / "out", partitions=2)
    expected, summary = reference([DEV])
    assert len(got) == len(expected)
    assert got == expected
    assert tally.summary() == summary
    print(f"dev set: {len(got)} events, {summary}")
