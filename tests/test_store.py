"""The event store, on SQLite and (when EVENTWIRE_TEST_PG names a server) on PostgreSQL.

Every article text here was written for these tests (`store_corpus.py` and the constants below).
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
import signal
import subprocess
import time
import uuid
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from sqlalchemy import create_engine, func, select, text
from sqlalchemy.engine import make_url
from store_corpus import corpus
from test_cli import eventwire_command

from eventwire.nlp import load_model
from eventwire.pipeline import Extractor
from eventwire.readers import read_articles
from eventwire.records import Article, Event
from eventwire.store import StoreError, query
from eventwire.store.db import open_store, resolve_url
from eventwire.store.export import export_flat, export_plover
from eventwire.store.ingest import Ingestor
from eventwire.store.models import ArticleRow, EventRow, TextRow

PG_ENV = "EVENTWIRE_TEST_PG"

ENGLISH = Article(
    id="en-1",
    lang="en",
    date="2024-03-01",
    text=("The two governments agreed on Monday to reopen the border crossing after months of quiet talks."),
)
SOURCED = Article(
    id="src-1",
    lang="fr",
    date="2024-06-14",
    url="https://presse.example.net/2024/06/14/a",
    outlet="Presse Exemple",
    title="Frappes et accusations",
    text=(
        "Selon l'agence Reuters, l'armée turque a bombardé mercredi des positions en Syrie. "
        "Le ministère iranien a accusé Israël d'avoir attaqué un convoi. "
        "La Grèce a signé un accord de défense avec la France."
    ),
)


@pytest.fixture(scope="module", autouse=True)
def _model() -> None:
    load_model("fr")


BACKENDS = ("sqlite", "postgresql")


@contextlib.contextmanager
def fresh_store(backend: str, folder: Path) -> Iterator[str]:
    """The URL of a new, empty store: a SQLite file, or a schema of its own on the PostgreSQL test server."""
    if backend == "sqlite":
        yield f"sqlite:///{folder / 'store.db'}"
        return
    base = os.environ.get(PG_ENV)
    if not base:
        pytest.skip(f"{PG_ENV} is not set: no PostgreSQL server to test against")
    schema = f"test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(resolve_url(base))
    with admin.begin() as conn:
        conn.execute(text(f"CREATE SCHEMA {schema}"))
    try:
        url = make_url(resolve_url(base)).update_query_dict({"options": f"-csearch_path={schema}"})
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.begin() as conn:
            conn.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        admin.dispose()


@pytest.fixture(params=BACKENDS)
def db_url(request, tmp_path) -> Iterator[str]:
    with fresh_store(request.param, tmp_path) as url:
        yield url


def articles_of(records: list[dict]) -> list[Article]:
    from eventwire.pipeline import _as_article

    return [_as_article(r) for r in records]


def extracted(articles: list[Article]) -> list[Event]:
    """What `eventwire extract` gives for these articles."""
    return [ev for _, events in Extractor().extract(articles) for ev in events]


def dumps(events) -> list[dict]:
    return [ev.model_dump(mode="json") for ev in events]


def ingest(url: str, articles: list[Article], **options):
    engine = open_store(url, create=True, writer=True)
    try:
        return Ingestor(engine, **options).run(articles)
    finally:
        engine.dispose()


def stored(url: str, flt: query.EventFilter | None = None) -> list[Event]:
    engine = open_store(url)
    try:
        with engine.connect() as conn:
            return list(query.events(conn, flt))
    finally:
        engine.dispose()


def count(url: str, table) -> int:
    engine = open_store(url)
    try:
        with engine.connect() as conn:
            return conn.execute(select(func.count()).select_from(table)).scalar_one()
    finally:
        engine.dispose()


# --- ingest: round trip, idempotency, changes, duplicates ---------------------------------------------------


def test_ingest_round_trips_the_extract_records_and_a_rerun_changes_nothing(db_url) -> None:
    articles = [*articles_of(corpus(10)), SOURCED, ENGLISH]
    expected = dumps(extracted(articles))
    first = ingest(db_url, articles)
    assert (first.read, first.new, first.events) == (12, 12, len(expected))
    assert first.not_coded == Counter({"en": 1})
    assert dumps(stored(db_url)) == expected

    again = ingest(db_url, articles)
    assert (again.read, again.new, again.changed, again.unchanged, again.events) == (12, 0, 0, 12, 0)
    assert dumps(stored(db_url)) == expected
    assert (count(db_url, ArticleRow), count(db_url, TextRow)) == (12, 12)
    assert count(db_url, EventRow) == len(expected)


def test_a_changed_text_is_re_extracted_and_its_events_replaced(db_url) -> None:
    records = corpus(6)
    ingest(db_url, articles_of(records))
    old_text = records[2]["text"]
    records[2] = dict(records[2], text="La Pologne a expulsé un diplomate russe accusé d'espionnage.")
    report = ingest(db_url, articles_of(records))
    assert (report.changed, report.unchanged, report.new) == (1, 5, 0)
    assert dumps(stored(db_url)) == dumps(extracted(articles_of(records)))
    engine = open_store(db_url)
    with engine.connect() as conn:  # the old text went with the only article that had it
        texts = set(conn.execute(select(TextRow.text)).scalars())
    engine.dispose()
    assert old_text not in texts and records[2]["text"] in texts


def test_identical_texts_under_two_ids_are_stored_once_and_linked(db_url) -> None:
    base = corpus(1)[0]
    twin = dict(base, id="twin-of-gen-000", url="https://autre.example.com/reprise")
    report = ingest(db_url, articles_of([base, twin]))
    assert (report.new, report.shared_text) == (2, 1)
    assert (count(db_url, ArticleRow), count(db_url, TextRow)) == (2, 1)
    events = stored(db_url)
    assert {ev.article_id for ev in events} == {"gen-000", "twin-of-gen-000"}
    engine = open_store(db_url)
    with engine.connect() as conn:
        rows = {r["id"]: r for r in query.articles(conn)}
    engine.dispose()
    assert rows["gen-000"]["same_text_as"] == ["twin-of-gen-000"]
    assert rows["twin-of-gen-000"]["same_text_as"] == ["gen-000"]


def test_new_metadata_alone_updates_the_article_without_extraction(db_url) -> None:
    records = corpus(2)
    ingest(db_url, articles_of(records))
    before = dumps(stored(db_url))
    records[0] = dict(records[0], url="https://journal.example.org/nouvelle-adresse")
    report = ingest(db_url, articles_of(records))
    assert (report.updated, report.unchanged, report.changed, report.events) == (1, 2, 0, 0)
    assert dumps(stored(db_url)) == before
    engine = open_store(db_url)
    with engine.connect() as conn:
        urls = dict(conn.execute(select(ArticleRow.id, ArticleRow.url)).all())
    engine.dispose()
    assert urls["gen-000"] == "https://journal.example.org/nouvelle-adresse"


def test_a_chunk_that_fails_to_write_leaves_nothing_half_written(db_url, monkeypatch) -> None:
    articles = articles_of(corpus(3))
    calls = []

    def failing(self, conn, article_pk, events):
        calls.append(article_pk)
        if len(calls) == 3:  # the third article of the chunk: the first two are written already
            raise RuntimeError("disk full")
        return real(self, conn, article_pk, events)

    real = Ingestor._write_events
    monkeypatch.setattr(Ingestor, "_write_events", failing)
    with pytest.raises(RuntimeError, match="disk full"):
        ingest(db_url, articles)
    monkeypatch.setattr(Ingestor, "_write_events", real)
    assert count(db_url, ArticleRow) == 0 and count(db_url, EventRow) == 0 and count(db_url, TextRow) == 0
    ingest(db_url, articles)
    assert dumps(stored(db_url)) == dumps(extracted(articles))


def test_opening_a_missing_sqlite_store_to_read_is_an_error(tmp_path) -> None:
    with pytest.raises(StoreError, match="no store at"):
        open_store(str(tmp_path / "absent.db"))
    assert not (tmp_path / "absent.db").exists()


def test_sqlite_store_is_in_wal_mode_and_at_the_latest_migration(tmp_path) -> None:
    from alembic.script import ScriptDirectory

    from eventwire.store.db import alembic_config

    url = f"sqlite:///{tmp_path / 'w.db'}"
    engine = open_store(url, create=True)
    engine.dispose()
    engine = open_store(url)  # opening again migrates nothing
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        version = conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
    engine.dispose()
    assert version == ScriptDirectory.from_config(alembic_config()).get_current_head()


def test_the_migrations_make_the_schema_the_models_describe(db_url) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from eventwire.store.models import Base, in_models

    engine = open_store(db_url, create=True)
    with engine.connect() as conn:
        assert compare_metadata(MigrationContext.configure(conn, opts={"include_name": in_models}), Base.metadata) == []
    engine.dispose()


def test_database_urls() -> None:
    assert resolve_url("my.db").render_as_string() == "sqlite:///my.db"
    assert resolve_url("postgresql://u:p@h/d").drivername == "postgresql+psycopg"
    assert resolve_url("postgres://u:p@h/d").drivername == "postgresql+psycopg"
    with pytest.raises(StoreError):
        resolve_url("mysql://u:p@h/d")


# --- queries ------------------------------------------------------------------------------------------------


@pytest.fixture
def filled(db_url):
    articles = [*articles_of(corpus(8)), SOURCED, ENGLISH]
    ingest(db_url, articles)
    outlets = {a.id: a.outlet for a in articles}
    return db_url, extracted(articles), outlets


def in_range(date: str | None, since: str, until: str) -> bool:
    """`--since`/`--until` as documented: compared at the coarser of the two precisions."""
    if date is None:
        return False
    return date[: len(since)] >= since[: len(date)] and date[: len(until)] <= until[: len(date)]


def ids(events) -> list[tuple[str, str]]:
    return [(ev.article_id, ev.id) for ev in events]


def test_event_filters_agree_with_the_records(filled) -> None:
    url, events, outlets = filled
    codes = Counter(e.code for ev in events for e in ev.actor if e.code)
    busiest = codes.most_common(1)[0][0]
    recipients = Counter(e.code for ev in events for e in ev.recipient if e.code)
    target = recipients.most_common(1)[0][0]
    kind = Counter(ev.event for ev in events).most_common(1)[0][0]
    cases = [
        (query.EventFilter(actor=[busiest.lower()]), lambda ev: busiest in {e.code for e in ev.actor}),
        (query.EventFilter(recipient=[target]), lambda ev: target in {e.code for e in ev.recipient}),
        (query.EventFilter(types=[kind, "PROTEST"]), lambda ev: ev.event in (kind, "PROTEST")),
        (query.EventFilter(certainty=["planned"]), lambda ev: ev.certainty == "planned"),
        (query.EventFilter(since="2024-03-10", until="2024-05"), lambda ev: in_range(ev.date, "2024-03-10", "2024-05")),
        (query.EventFilter(outlet=["presse exemple"]), lambda ev: outlets[ev.article_id] == "Presse Exemple"),
        (query.EventFilter(language=["fr"]), lambda ev: ev.language == "fr"),
        (
            query.EventFilter(said_by=["reuters"]),
            lambda ev: any("reuters" in (e.name or e.entity_text).lower() for e in ev.said_by),
        ),
        (query.EventFilter(said_by=["-"]), lambda ev: not ev.said_by),
        (query.EventFilter(articles=["gen-001", "src-1"]), lambda ev: ev.article_id in ("gen-001", "src-1")),
        (query.EventFilter(types=[kind], limit=2), None),
    ]
    for flt, keep in cases:
        want = [ev for ev in events if ev.event == kind][:2] if keep is None else [ev for ev in events if keep(ev)]
        assert ids(stored(url, flt)) == ids(want), flt
    assert any(ev.said_by for ev in events) and any(ev.certainty == "planned" for ev in events)


def test_full_text_search_finds_words_in_the_event_sentence(filled) -> None:
    url, events, _ = filled

    def words(ev: Event) -> set[str]:
        return set(re.findall(r"\w+", ev.event_text.lower()))

    common = Counter(w for ev in events for w in words(ev) if len(w) >= 7 and w.isascii())
    word = next(w for w, n in common.most_common() if n < len(events))
    want = [ev for ev in events if word in words(ev)]
    found = stored(url, query.EventFilter(text=f"{word.upper()} {word}"))
    if url.startswith("sqlite"):
        assert ids(found) == ids(want)
        assert ids(stored(url, query.EventFilter(text=word[:-2] + "*"))) == ids(
            [ev for ev in events if any(w.startswith(word[:-2]) for w in words(ev))]
        )
        accented = next(ev for ev in events if "é" in ev.event_text)
        folded = next(w for w in words(accented) if "é" in w).replace("é", "e")
        assert accented.id in {ev.id for ev in stored(url, query.EventFilter(text=folded))}
    else:  # French stemming: the same word, and its other forms
        assert set(ids(want)) <= set(ids(found))
        assert all(word[:5] in ev.event_text.lower() for ev in found)
    assert stored(url, query.EventFilter(text="volcan")) == []


def test_actor_counts_count_events_as_actor_and_as_recipient(filled) -> None:
    url, events, _ = filled
    as_actor = Counter(code for ev in events for code in {e.code for e in ev.actor if e.code})
    as_recipient = Counter(code for ev in events for code in {e.code for e in ev.recipient if e.code})
    engine = open_store(url)
    with engine.connect() as conn:
        rows = query.actor_counts(conn)
        only_accusations = query.actor_counts(conn, query.EventFilter(types=["ACCUSE"]))
    engine.dispose()
    assert {r["code"]: (r["as_actor"], r["as_recipient"]) for r in rows} == {
        code: (as_actor[code], as_recipient[code]) for code in as_actor | as_recipient
    }
    totals = [r["total"] for r in rows]
    assert totals == sorted(totals, reverse=True)
    accusers = Counter(code for ev in events if ev.event == "ACCUSE" for code in {e.code for e in ev.actor if e.code})
    assert {r["code"]: r["as_actor"] for r in only_accusations if r["as_actor"]} == dict(accusers)


def test_articles_listing(filled) -> None:
    url, events, _ = filled
    engine = open_store(url)
    with engine.connect() as conn:
        rows = list(query.articles(conn))
        english = list(query.articles(conn, query.ArticleFilter(language=["en"])))
        june = list(query.articles(conn, query.ArticleFilter(since="2024-06", until="2024-06-30")))
    engine.dispose()
    assert [r["id"] for r in rows][:2] == ["gen-000", "gen-001"]
    per_article = Counter(ev.article_id for ev in events)
    assert {r["id"]: r["events"] for r in rows} == {r["id"]: per_article[r["id"]] for r in rows}
    assert [(r["id"], r["coded"], r["events"]) for r in english] == [("en-1", False, 0)]
    assert {r["id"] for r in june} == {r["id"] for r in rows if (r["published"] or "").startswith("2024-06")}
    assert next(r for r in rows if r["id"] == "src-1")["outlet"] == "Presse Exemple"


def test_export_plover_and_flat_files(filled, tmp_path) -> None:
    url, events, _ = filled
    engine = open_store(url)
    with engine.connect() as conn:
        out = io.StringIO()
        assert export_plover(conn, out) == len(events)
        written = export_flat(conn, tmp_path / "csv", "csv")
        export_flat(conn, tmp_path / "pq", "parquet")
    engine.dispose()
    records = [json.loads(line) for line in out.getvalue().splitlines()]
    first, ev = records[0], events[0]
    assert first["id"] == f"{ev.article_id}:{ev.id}" and first["event"] == ev.event
    assert first["actor"][0]["code"] == ev.actor[0].code and first["actor"][0]["actor_text"] == ev.actor[0].entity_text
    assert first["quad_code"] in (1, 2, 3, 4) and first["certainty"] == ev.certainty
    assert first["text_info"] == {"start": ev.span[0], "end": ev.span[1]}
    n_entities = sum(len(e.actor) + len(e.recipient) + len(e.said_by) for e in events)
    assert written == {"articles": 10, "events": len(events), "entities": n_entities}
    for name, rows in written.items():
        assert pq.read_table(tmp_path / "pq" / f"{name}.parquet").num_rows == rows
    header = (tmp_path / "csv" / "events.csv").read_text(encoding="utf-8").splitlines()[0]
    assert header.startswith("id,article_id,event,mode,actor_codes")


# --- the real command: kill -9 in the middle of an ingest, then the same command again ----------------------


def _descendants(pid: int) -> set[int]:
    """Child processes, recursively (Linux /proc); empty where there is no /proc."""
    parents: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        parents[int(stat.parent.name)] = int(fields[1])
    found, todo = set(), [pid]
    while todo:
        parent = todo.pop()
        children = {child for child, ppid in parents.items() if ppid == parent}
        todo.extend(children - found)
        found |= children
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def _committed(url: str) -> int:
    engine = create_engine(resolve_url(url))
    try:
        with engine.connect() as conn:
            return conn.execute(text("SELECT count(*) FROM articles")).scalar_one()
    except Exception:  # the store is not made yet
        return 0
    finally:
        engine.dispose()


@pytest.fixture(scope="module")
def kill_corpus(tmp_path_factory):
    """64 articles in a JSONL file, with the events `eventwire extract` (the real command) prints for them."""
    path = tmp_path_factory.mktemp("kill") / "articles.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in corpus(64, start=100)), encoding="utf-8")
    extract = subprocess.run(
        [*eventwire_command(), "extract", str(path), "--format", "jsonl"],
        capture_output=True, encoding="utf-8", timeout=300, env=SAME_HASHES,
    )  # fmt: skip
    assert extract.returncode == 0, extract.stderr
    expected = [Event.model_validate_json(line) for line in extract.stdout.splitlines()]
    return path, list(read_articles([str(path)])), expected, extract.stdout


# Every command of a test runs with the same string hashes: nothing in extraction may depend on them, and if
# something does, the test compares like with like.
SAME_HASHES = {**os.environ, "PYTHONHASHSEED": "0"}


def test_kill_9_mid_ingest_then_rerun_completes_with_no_duplicates(kill_corpus, tmp_path) -> None:
    """On every backend at once (each run loads the model: side by side they take the time of one)."""
    backends = [b for b in BACKENDS if b == "sqlite" or os.environ.get(PG_ENV)]
    with contextlib.ExitStack() as stack:
        urls = [stack.enter_context(fresh_store(b, tmp_path)) for b in backends]
        with ThreadPoolExecutor(len(urls)) as pool:
            for future in [pool.submit(_kill_and_rerun, url, kill_corpus) for url in urls]:
                future.result()
    if len(backends) == 1:
        pytest.skip(f"{PG_ENV} is not set: done on SQLite only")


def _kill_and_rerun(db_url: str, kill_corpus) -> None:
    path, articles, expected, extract_jsonl = kill_corpus
    command = [*eventwire_command(), "ingest", str(path), "--db", db_url, "--workers", "2"]
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, encoding="utf-8",
                            env=SAME_HASHES)  # fmt: skip
    deadline = time.monotonic() + 240
    while _committed(db_url) < 8:
        assert proc.poll() is None, f"ingest ended before the kill: {proc.stderr.read()}"
        assert time.monotonic() < deadline, "ingest committed nothing in time"
        time.sleep(0.02)
    helpers = _descendants(proc.pid)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    proc.stderr.close()

    # what the killed run committed: whole articles, each with all its events
    done = stored(db_url)
    committed = count(db_url, ArticleRow)
    assert 8 <= committed < len(articles), "the kill came too late to test anything"
    by_article = {a.id: [ev for ev in expected if ev.article_id == a.id] for a in articles}
    prefix = [ev for a in articles[:committed] for ev in by_article[a.id]]
    assert dumps(done) == dumps(prefix)

    # the worker processes leave with the killed ingest
    deadline = time.monotonic() + 15
    while any(_alive(pid) for pid in helpers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not [pid for pid in helpers if _alive(pid)]

    rerun = subprocess.run(command, capture_output=True, encoding="utf-8", timeout=300, env=SAME_HASHES)
    assert rerun.returncode == 0, rerun.stderr
    assert f"{len(articles) - committed} new" in rerun.stderr and f"{committed} unchanged" in rerun.stderr
    assert dumps(stored(db_url)) == dumps(expected)
    assert count(db_url, ArticleRow) == len(articles) and count(db_url, EventRow) == len(expected)

    # `eventwire events --format jsonl` from the store is what `eventwire extract` printed
    events = subprocess.run(
        [*eventwire_command(), "events", "--db", db_url, "--format", "jsonl"],
        capture_output=True,
        encoding="utf-8",
        timeout=120,
    )
    assert events.returncode == 0, events.stderr
    assert events.stdout == extract_jsonl


def test_query_commands_on_the_command_line(tmp_path) -> None:
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    ingest(url, [*articles_of(corpus(4)), SOURCED])
    expected = stored(url)
    base = [*eventwire_command()]
    runs = {
        "table": subprocess.Popen(
            [*base, "events", "--db", url, "--format", "table", "--actor", "TUR"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            encoding="utf-8",
        ),
        "csv": subprocess.Popen(
            [*base, "actors", "--db", url, "--format", "csv"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            encoding="utf-8",
        ),
        "summary": subprocess.Popen(
            [*base, "summary", "--db", url, "--latest", "3"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            encoding="utf-8",
        ),
        "parquet": subprocess.Popen(
            [*base, "articles", "--db", url, "--format", "parquet", "-o", str(tmp_path / "a.parquet")],
            stderr=subprocess.PIPE,
            encoding="utf-8",
        ),
        "missing": subprocess.Popen(
            [*base, "events", "--db", str(tmp_path / "none.db")],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            encoding="utf-8",
        ),
    }
    out = {name: proc.communicate(timeout=120) for name, proc in runs.items()}
    codes = {name: proc.returncode for name, proc in runs.items()}
    assert codes == {"table": 0, "csv": 0, "summary": 0, "parquet": 0, "missing": 2}, out
    assert "TUR" in out["table"][0] and "src-1" in out["table"][0]
    assert out["csv"][0].splitlines()[0] == "code,as_actor,as_recipient,total"
    assert f"{len(expected)} events" in out["summary"][0] and "Latest 3 events" in out["summary"][0]
    assert pq.read_table(tmp_path / "a.parquet").num_rows == 5
    assert "no store at" in out["missing"][1]
