"""Latency of GET /api/events on a store of >= 100,000 events (a benchmark, not a test).

Ingests the bundled sample (samples/articles/) once into a fresh SQLite store, then copies its articles,
events and entities with new article ids (`<id>~<n>`) until the store holds at least --events events, and
times --requests filtered GET /api/events calls through FastAPI's TestClient (p50 and p95).

    .venv/bin/python bench/api_latency.py [--events 100000] [--requests 200] [--db /tmp/bench.db]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import func, insert, select

ROOT = Path(__file__).resolve().parent.parent


def build(db: str, target: int) -> int:
    from eventwire.readers import read_articles
    from eventwire.store.db import open_store
    from eventwire.store.ingest import Ingestor
    from eventwire.store.models import ArticleRow, EntityRow, EventRow

    engine = open_store(db, create=True, writer=True)
    Ingestor(engine).run(read_articles([str(ROOT / "samples" / "articles")]))
    with engine.begin() as conn:
        articles = [dict(r._mapping) for r in conn.execute(select(ArticleRow))]
        events = [dict(r._mapping) for r in conn.execute(select(EventRow))]
        entities = [dict(r._mapping) for r in conn.execute(select(EntityRow))]
        per_copy = len(events)
        if not per_copy:
            raise SystemExit("the sample gave no events")
        copies = -(-target // per_copy) - 1
        next_article = conn.execute(select(func.max(ArticleRow.pk))).scalar() + 1
        next_event = conn.execute(select(func.max(EventRow.pk))).scalar() + 1
        by_event: dict[int, list[dict]] = {}
        for e in entities:
            by_event.setdefault(e["event_pk"], []).append(e)
        for n in range(1, copies + 1):
            article_pk, event_pk = {}, {}
            rows = []
            for a in articles:
                article_pk[a["pk"]] = next_article
                rows.append({**a, "pk": next_article, "id": f"{a['id']}~{n}", "story_id": None})
                next_article += 1
            conn.execute(insert(ArticleRow), rows)
            rows = []
            for e in events:
                event_pk[e["pk"]] = next_event
                rows.append({**e, "pk": next_event, "article_pk": article_pk[e["article_pk"]]})
                next_event += 1
            conn.execute(insert(EventRow), rows)
            rows = [{k: v for k, v in {**x, "event_pk": event_pk[x["event_pk"]]}.items() if k != "pk"}
                    for old in events for x in by_event.get(old["pk"], [])]
            if rows:
                conn.execute(insert(EntityRow), rows)
        total = conn.execute(select(func.count(EventRow.pk))).scalar_one()
    engine.dispose()
    return total


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--db", help="store to build (default: a temporary file)")
    args = parser.parse_args()

    from fastapi.testclient import TestClient

    from eventwire.web.app import create_app

    db = args.db or str(Path(tempfile.mkdtemp(prefix="eventwire-bench-")) / "bench.db")
    started = time.perf_counter()
    total = build(db, args.events)
    print(f"store {db}: {total} events, built in {time.perf_counter() - started:.1f}s", file=sys.stderr)
    queries = [
        {"type": "ASSAULT", "limit": 50},
        {"actor": "FRA", "limit": 50, "offset": 500},
        {"certainty": "hedged", "sort": "-date", "limit": 50},
        {"since": "2024-01", "until": "2024-12", "limit": 50},
    ]
    with TestClient(create_app(db, None)) as client:
        for q in queries:
            client.get("/api/events", params=q)  # warm up
        for q in queries:
            times = []
            for _ in range(args.requests):
                t0 = time.perf_counter()
                response = client.get("/api/events", params=q)
                times.append((time.perf_counter() - t0) * 1000)
                assert response.status_code == 200
            hits = response.json()["total"]
            p95 = statistics.quantiles(times, n=20)[18]
            print(f"GET /api/events {q}: {hits} matches, p50 {statistics.median(times):.1f} ms, p95 {p95:.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
