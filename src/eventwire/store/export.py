"""`eventwire export`: the whole store, as PLOVER 2.0 JSON records or as flat files.

- `plover`: one PLOVER 2.0 JSON object per event per line (JSONL, the form the PLOVER manual recommends), to a
  file or stdout;
- `csv`, `parquet`: a directory with `articles`, `events` and `entities` files (the article texts included).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

from sqlalchemy import Connection

from . import formats, query

FLAT = {
    "articles": formats.ARTICLE_COLUMNS | {"text": "string"},
    "events": formats.EVENT_COLUMNS,
    "entities": formats.ENTITY_COLUMNS,
}


def export_plover(conn: Connection, out: TextIO) -> int:
    return formats.write_jsonl((formats.plover_record(s) for s in query.stored_events(conn)), out)


def export_flat(conn: Connection, folder: Path, fmt: str) -> dict[str, int]:
    """Files `articles.<fmt>`, `events.<fmt>`, `entities.<fmt>` in `folder`; the rows written to each."""
    folder.mkdir(parents=True, exist_ok=True)
    written = {}
    for name, columns in FLAT.items():
        path = folder / f"{name}.{fmt}"
        rows = _rows(conn, name)
        if fmt == "csv":
            with path.open("w", encoding="utf-8", newline="") as out:
                written[name] = formats.write_csv(rows, out, columns)
        else:
            written[name] = formats.write_parquet(rows, str(path), columns)
    return written


def _rows(conn: Connection, name: str) -> Iterator[dict]:
    if name == "articles":
        for record in query.articles(conn, with_text=True):
            yield formats.flat_article(record) | {"text": record["text"]}
    elif name == "events":
        yield from (formats.flat_event(s) for s in query.stored_events(conn))
    else:
        for stored in query.stored_events(conn):
            yield from formats.entity_rows(stored.event)
