"""The web app and API (`eventwire serve`) on a temporary SQLite store, through FastAPI's TestClient."""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient

from eventwire.store.db import open_store
from eventwire.store.query import counts
from eventwire.web.app import create_app

TOKEN = "s3cret-test-token"

# written for these tests
ARTICLES = [
    {
        "id": "web-001",
        "date": "2025-02-10",
        "lang": "fr",
        "outlet": "Le Quotidien",
        "title": "Rabat et Madrid signent un accord",
        "text": "Le Maroc et l'Espagne ont signé lundi un accord sur la pêche. "
        "Le ministre marocain des Affaires étrangères a reçu son homologue espagnol à Rabat. "
        "<script>alert('pwned')</script> Selon la presse locale, l'Algérie aurait critiqué cet accord.",
    },
    {
        "id": "web-002",
        "date": "2025-02-11",
        "lang": "fr",
        "outlet": "La Gazette",
        "title": "Accord de pêche entre le Maroc et l'Espagne",
        "text": "L'Espagne et le Maroc ont signé un accord sur la pêche, a annoncé le gouvernement espagnol. "
        "La police marocaine a arrêté une dizaine de manifestants devant le Parlement.",
    },
    {
        "id": "web-003",
        "date": "2025-03-05",
        "lang": "fr",
        "outlet": "Le Quotidien",
        "title": "Tensions entre Ankara et Athènes",
        "text": "La Turquie a expulsé un diplomate grec accusé d'espionnage. "
        "La Grèce a démenti avoir menacé la Turquie.",
    },
]
BODY = "".join(json.dumps(a, ensure_ascii=False) + "\n" for a in ARTICLES)


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    return str(tmp_path_factory.mktemp("web") / "web.db")


@pytest.fixture(scope="module")
def client(store):
    with TestClient(create_app(store, TOKEN)) as test_client:
        response = test_client.post("/api/ingest", content=BODY, headers={"Authorization": f"Bearer {TOKEN}"})
        assert response.status_code == 200, response.text
        assert response.json()["read"] == 3
        yield test_client


def _n_articles(store: str) -> int:
    engine = open_store(store)
    try:
        with engine.connect() as conn:
            return counts(conn)["articles"]
    finally:
        engine.dispose()


def test_ingest_requires_the_token(tmp_path):
    db = str(tmp_path / "guarded.db")
    with TestClient(create_app(db, TOKEN)) as client:
        assert client.post("/api/ingest", content=BODY).status_code == 401
        wrong = client.post("/api/ingest", content=BODY, headers={"Authorization": "Bearer nope"})
        assert wrong.status_code == 401
        basic = client.post("/api/ingest", content=BODY, headers={"Authorization": f"Basic {TOKEN}"})
        assert basic.status_code == 401
    assert _n_articles(db) == 0


def test_ingest_is_refused_without_a_server_token(tmp_path):
    db = str(tmp_path / "open.db")
    with TestClient(create_app(db, None)) as client:
        response = client.post("/api/ingest", content=BODY, headers={"Authorization": "Bearer "})
        assert response.status_code in (401, 403)
        assert client.get("/api/events").status_code == 200  # reads stay open
    assert _n_articles(db) == 0


def test_reads_can_be_protected(store):
    with TestClient(create_app(store, TOKEN, protect_reads=True)) as client:
        assert client.get("/api/events").status_code == 401
        assert client.get("/").status_code == 401
        ok = client.get("/api/events", headers={"Authorization": f"Bearer {TOKEN}"})
        assert ok.status_code == 200


def test_events_and_filters(client):
    everything = client.get("/api/events", params={"limit": 500}).json()
    events = everything["events"]
    assert everything["total"] == len(events) > 0
    assert {"id", "article_id", "event", "actor", "recipient", "certainty", "said_by", "span", "article"} <= set(
        events[0]
    )
    types = {ev["event"] for ev in events}
    some_type = sorted(types)[0]
    by_type = client.get("/api/events", params={"type": some_type}).json()
    assert by_type["total"] == sum(ev["event"] == some_type for ev in events)
    assert all(ev["event"] == some_type for ev in by_type["events"])

    codes = {e["code"] for ev in events for e in ev["actor"] if e["code"]}
    code = sorted(codes)[0]
    by_actor = client.get("/api/events", params={"actor": code}).json()["events"]
    assert by_actor and all(code in {e["code"] for e in ev["actor"]} for ev in by_actor)

    comma = client.get("/api/events", params={"type": ",".join(sorted(types))}).json()
    assert comma["total"] == everything["total"]

    mine = client.get("/api/events", params={"article": "web-003"}).json()["events"]
    assert mine and all(ev["article_id"] == "web-003" for ev in mine)
    quotidien = client.get("/api/events", params={"outlet": "le quotidien"}).json()["events"]
    assert {ev["article_id"] for ev in quotidien} <= {"web-001", "web-003"}

    since = client.get("/api/events", params={"since": "2025-03"}).json()["events"]
    assert since and all(ev["date"] >= "2025-03" for ev in since)
    until = client.get("/api/events", params={"until": "2025-02"}).json()["events"]
    assert all(ev["date"][:7] <= "2025-02" for ev in until)
    assert client.get("/api/events", params={"since": "mars"}).status_code == 422

    certainties = {ev["certainty"] for ev in events}
    for value in certainties:
        found = client.get("/api/events", params={"certainty": value}).json()
        assert found["total"] == sum(ev["certainty"] == value for ev in events)
    assert client.get("/api/events", params={"language": "de"}).json()["total"] == 0
    own_voice = client.get("/api/events", params={"said_by": "-"}).json()["events"]
    assert all(not ev["said_by"] for ev in own_voice)
    blank = client.get("/api/events", params={"said_by": "", "limit": 500}).json()  # the page's empty form field
    assert blank["total"] == everything["total"]

    word = "pêche"
    with_text = client.get("/api/events", params={"text": word}).json()["events"]
    assert with_text and all(word in ev["event_text"].lower() for ev in with_text)


def test_paging_and_sort(client):
    everything = client.get("/api/events", params={"limit": 500}).json()["events"]
    assert len(everything) >= 3
    ids = [ev["id"] for ev in everything]
    page = [ev["id"] for ev in client.get("/api/events", params={"limit": 2, "offset": 1}).json()["events"]]
    assert page == ids[1:3]
    beyond = client.get("/api/events", params={"offset": 1000}).json()
    assert beyond["events"] == [] and beyond["total"] == len(ids)
    dates = [ev["date"] for ev in client.get("/api/events", params={"sort": "-date", "limit": 500}).json()["events"]]
    assert dates == sorted(dates, reverse=True)
    assert client.get("/api/events", params={"limit": 0}).status_code == 422
    assert client.get("/api/events", params={"sort": "sideways"}).status_code == 422


def test_articles_actors_stories(client):
    listed = client.get("/api/articles").json()["articles"]
    assert [a["id"] for a in listed] == ["web-001", "web-002", "web-003"]
    assert [a["id"] for a in client.get("/api/articles", params={"limit": 1, "offset": 1}).json()["articles"]] == [
        "web-002"
    ]
    one = client.get("/api/articles/web-003").json()
    assert one["text"].startswith("La Turquie") and one["events"]
    assert all(one["text"][ev["span"][0]:ev["span"][1]] == ev["event_text"] for ev in one["events"])
    assert client.get("/api/articles/nope").status_code == 404

    actors = client.get("/api/actors").json()["actors"]
    assert actors and {"code", "as_actor", "as_recipient", "total"} <= set(actors[0])
    assert client.get(f"/api/actors/{actors[0]['code']}").json()["events"]

    stories = client.get("/api/stories").json()["stories"]
    assert stories
    story = client.get(f"/api/stories/{stories[0]['id']}").json()
    assert story["articles"] and "events" in story
    assert client.get("/api/stories/nope").status_code == 404


def test_openapi(client):
    spec = client.get("/openapi.json").json()
    for path in ("/api/events", "/api/articles", "/api/articles/{article_id}", "/api/stories", "/api/actors",
                 "/api/ingest"):
        assert path in spec["paths"], path
    params = {p["name"] for p in spec["paths"]["/api/events"]["get"]["parameters"]}
    assert {"actor", "recipient", "type", "mode", "since", "until", "certainty", "language", "outlet", "said_by",
            "text", "limit", "offset", "sort"} <= params
    assert "post" in spec["paths"]["/api/ingest"]
    assert not any(path.startswith("/articles") for path in spec["paths"])  # pages are not in the API


def test_pages_render_and_escape(client):
    for url in ("/", "/events", "/events?page=1&sort=date&type=AGREE", "/stories"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "text/html" in response.headers["content-type"]
    overview = client.get("/").text
    assert "<svg" in overview and "Rabat et Madrid" in overview

    page = client.get("/articles/web-001")
    assert page.status_code == 200
    assert "<script>" not in page.text
    assert "&lt;script&gt;alert(" in page.text
    assert "<mark" in page.text
    assert client.get("/articles/nope").status_code == 404

    actor = client.get("/api/actors").json()["actors"][0]["code"]
    assert client.get(f"/actors/{actor}").status_code == 200
    story = client.get("/api/stories").json()["stories"][0]["id"]
    story_page = client.get(f"/stories/{story}")
    assert story_page.status_code == 200 and "/articles/" in story_page.text


def test_events_page_paginates(client):
    page = client.get("/events", params={"sort": "ingested"}).text
    assert "page 1 of 1" in page
    assert client.get("/events", params={"page": 0}).status_code == 422


def test_serve_is_a_command():
    from eventwire.cli import build_parser

    args = build_parser().parse_args(["serve", "--db", "x.db"])
    assert args.host == "127.0.0.1" and args.db == "x.db"
