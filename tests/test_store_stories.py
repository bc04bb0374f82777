"""Stories kept by the store: `ingest` clusters online, `stories`/`story`/`recluster` read and rebuild them,
on SQLite and (when EVENTWIRE_TEST_PG names a server) on PostgreSQL.

Every article text here was written for these tests.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from sqlalchemy import select
from test_store import BACKENDS, fresh_store, ingest

from eventwire.cli import main
from eventwire.records import Article
from eventwire.store.db import open_store
from eventwire.store.models import ArticleRow, StoryRow, StoryStateRow

FRENCH = Article(
    id="dam-fr",
    lang="fr",
    date="2024-05-14",
    url="https://journal-fictif.example.fr/2024/05/14/barrage",
    title="Le Brésil et le Paraguay signent un accord sur le barrage d'Itaipu",
    text=(
        "Le président brésilien Luiz Inácio Lula da Silva et son homologue paraguayen Santiago Peña ont signé "
        "mardi à Asunción un accord qui fixe le tarif de l'électricité du barrage d'Itaipu jusqu'en 2026. "
        "Le Paraguay recevra 1 200 millions de dollars de compensation, selon le ministère paraguayen. "
        "Les deux pays négociaient depuis dix-huit mois sur la révision du traité d'Itaipu."
    ),
)
ENGLISH = Article(
    id="dam-en",
    lang="en",
    date="2024-05-14",
    url="https://wire-invented.example.com/news/itaipu-deal",
    title="Brazil and Paraguay sign Itaipu dam deal",
    text=(
        "Brazilian President Luiz Inácio Lula da Silva and Paraguay's President Santiago Peña signed an agreement "
        "in Asunción on Tuesday setting the price of electricity from the Itaipu dam until 2026. "
        "Paraguay will receive 1,200 million dollars in compensation, its ministry said. "
        "The two countries had spent eighteen months renegotiating the Itaipu treaty."
    ),
)
UNRELATED = Article(
    id="quake-fr",
    lang="fr",
    date="2024-05-16",
    url="https://journal-fictif.example.fr/2024/05/16/seisme",
    title="Un séisme frappe le nord du Japon",
    text=(
        "Un tremblement de terre de magnitude 6,1 a secoué jeudi la préfecture d'Aomori, dans le nord du Japon. "
        "L'agence météorologique japonaise n'a pas émis d'alerte au tsunami. "
        "Plusieurs lignes de train à grande vitesse ont été suspendues pendant trois heures."
    ),
)
ARTICLES = [FRENCH, ENGLISH, UNRELATED]


@pytest.fixture(params=BACKENDS)
def db_url(request, tmp_path) -> Iterator[str]:
    with fresh_store(request.param, tmp_path) as url:
        yield url


def run(capsys, *argv: str) -> tuple[int, str]:
    capsys.readouterr()
    code = main(list(argv))
    return code, capsys.readouterr().out


def assignments(capsys, url: str) -> dict[str, str]:
    code, out = run(capsys, "stories", "--db", url, "--format", "jsonl")
    assert code == 0
    records = [json.loads(line) for line in out.splitlines()]
    assert [r["article_id"] for r in records] == [a.id for a in ARTICLES]  # ingestion order
    return {r["article_id"]: r["story_id"] for r in records}


def rows(url: str):
    engine = open_store(url)
    try:
        with engine.connect() as conn:
            stories = {r.id: r for r in conn.execute(select(StoryRow))}
            linked = dict(conn.execute(select(ArticleRow.id, ArticleRow.story_id)).all())
            state = conn.execute(select(StoryStateRow.revision, StoryStateRow.state)).one()
        return stories, linked, state
    finally:
        engine.dispose()


def partition(story_of: dict[str, str]) -> set[frozenset[str]]:
    groups: dict[str, set[str]] = {}
    for article, story in story_of.items():
        groups.setdefault(story, set()).add(article)
    return {frozenset(g) for g in groups.values()}


def test_ingest_puts_articles_in_stories_a_rerun_changes_nothing_and_recluster_agrees(db_url, capsys) -> None:
    ingest(db_url, ARTICLES)
    story_of = assignments(capsys, db_url)
    assert story_of["dam-fr"] == story_of["dam-en"] != story_of["quake-fr"]

    stories, linked, state = rows(db_url)
    assert linked == story_of
    dam = stories[story_of["dam-fr"]]
    assert dam.size == 2 and dam.languages == {"fr": 1, "en": 1}
    assert dam.first_date == dam.last_date == "2024-05-14"
    assert {"BRA", "PRY"} <= set(dam.key_actors) and dam.label
    assert stories[story_of["quake-fr"]].size == 1 and len(stories) == 2

    code, out = run(capsys, "stories", "--db", db_url)  # the table
    assert code == 0 and story_of["dam-fr"] in out and "en:1" in out and "BRA" in out

    code, out = run(capsys, "story", story_of["dam-fr"][:8], "--db", db_url, "--format", "json")
    assert code == 0
    timeline = json.loads(out)
    assert timeline["id"] == story_of["dam-fr"] and set(timeline["members"]) == {"dam-fr", "dam-en"}
    assert timeline["events"] and all(ev["first_report"]["article_id"] == "dam-fr" for ev in timeline["events"])

    report = ingest(db_url, ARTICLES)  # again: nothing to do
    assert report.unchanged == 3 and report.new == 0
    assert rows(db_url) == (stories, linked, state)

    code, out = run(capsys, "recluster", "--db", db_url, "--format", "jsonl")
    assert code == 0
    rebuilt = {r["article_id"]: r["story_id"] for r in map(json.loads, out.splitlines())}
    assert partition(rebuilt) == partition(story_of)
    assert partition(assignments(capsys, db_url)) == partition(story_of)
    after, linked_after, _ = rows(db_url)
    assert set(after) == set(rebuilt.values()) and linked_after == rebuilt


def test_articles_join_stories_across_runs_in_input_order(db_url, capsys) -> None:
    ingest(db_url, [FRENCH])
    ingest(db_url, [UNRELATED, ENGLISH])
    code, out = run(capsys, "stories", "--db", db_url, "--format", "jsonl")
    assert code == 0
    story_of = {r["article_id"]: r["story_id"] for r in map(json.loads, out.splitlines())}
    assert list(story_of) == ["dam-fr", "quake-fr", "dam-en"]
    assert story_of["dam-fr"] == story_of["dam-en"] != story_of["quake-fr"]


def test_a_failed_chunk_leaves_no_story_behind(db_url, monkeypatch, capsys) -> None:
    from eventwire.store.ingest import Ingestor

    real = Ingestor._write_events

    def failing(self, conn, article_pk, events):
        raise RuntimeError("disk full")

    monkeypatch.setattr(Ingestor, "_write_events", failing)
    with pytest.raises(RuntimeError, match="disk full"):
        ingest(db_url, ARTICLES)
    monkeypatch.setattr(Ingestor, "_write_events", real)
    stories, linked, state = rows(db_url)
    assert stories == {} and linked == {} and state.revision == 0
    ingest(db_url, ARTICLES)
    assert partition(assignments(capsys, db_url)) == {frozenset({"dam-fr", "dam-en"}), frozenset({"quake-fr"})}


def test_stories_from_a_missing_store_is_an_error(tmp_path, capsys) -> None:
    code = main(["stories", "--db", str(tmp_path / "absent.db")])
    assert code == 2 and "no store at" in capsys.readouterr().err
