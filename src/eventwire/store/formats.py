"""Writing query results: table, JSONL, CSV, Parquet; flat event rows; PLOVER 2.0 records."""

from __future__ import annotations

import csv
import json
import shutil
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import BinaryIO, TextIO

from eventwire import __version__
from eventwire.records import Entity, Event

from .models import by_role
from .query import StoredEvent

PARQUET_BATCH = 10_000

# flat event rows (CSV, Parquet): one row per event; lists of entities become ";"-joined codes and
# " | "-joined texts, and the attribution chain "outer > inner"
EVENT_COLUMNS = {
    "id": "string", "article_id": "string", "event": "string", "mode": "string",
    "actor_codes": "string", "actor_texts": "string", "recipient_codes": "string", "recipient_texts": "string",
    "date": "string", "date_precision": "string", "date_text": "string", "loc_text": "string",
    "loc_code": "string", "certainty": "string", "said_by": "string", "said_by_codes": "string",
    "event_text": "string", "span_start": "int64", "span_end": "int64", "language": "string",
    "outlet": "string", "published": "string", "url": "string",
}  # fmt: skip
ARTICLE_COLUMNS = {
    "id": "string", "published": "string", "language": "string", "outlet": "string", "title": "string",
    "url": "string", "events": "int64", "coded": "bool_", "same_text_as": "string", "content_hash": "string",
    "story_id": "string", "media": "string", "source": "string", "ingested_at": "string",
}  # fmt: skip
ACTOR_COLUMNS = {"code": "string", "as_actor": "int64", "as_recipient": "int64", "total": "int64"}
ENTITY_COLUMNS = {
    "event_id": "string", "article_id": "string", "role": "string", "position": "int64",
    "entity_text": "string", "code": "string", "sector": "string", "name": "string",
}  # fmt: skip

QUAD = {  # PLOVER quad categories: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material
    **dict.fromkeys(("AGREE", "CONSULT", "SUPPORT", "CONCEDE"), 1),
    **dict.fromkeys(("COOPERATE", "AID", "RETREAT"), 2),
    **dict.fromkeys(("REQUEST", "ACCUSE", "REJECT", "THREATEN", "SANCTION"), 3),
    **dict.fromkeys(("PROTEST", "MOBILIZE", "COERCE", "ASSAULT"), 4),
}


def _codes(entities: list[Entity]) -> str:
    return ";".join(e.code or "?" for e in entities)


def _texts(entities: list[Entity]) -> str:
    return " | ".join(e.entity_text for e in entities)


def flat_event(stored: StoredEvent) -> dict:
    ev = stored.event
    return {
        "id": ev.id, "article_id": ev.article_id, "event": ev.event, "mode": ev.mode,
        "actor_codes": _codes(ev.actor), "actor_texts": _texts(ev.actor),
        "recipient_codes": _codes(ev.recipient), "recipient_texts": _texts(ev.recipient),
        "date": ev.date, "date_precision": ev.date_precision, "date_text": ev.date_text,
        "loc_text": ev.event_loc.text if ev.event_loc else None,
        "loc_code": ev.event_loc.code if ev.event_loc else None, "certainty": ev.certainty,
        "said_by": " > ".join(e.name or e.code or e.entity_text for e in ev.said_by),
        "said_by_codes": _codes(ev.said_by), "event_text": ev.event_text,
        "span_start": ev.span[0], "span_end": ev.span[1], "language": ev.language,
        "outlet": stored.article.get("outlet"), "published": stored.article.get("published"),
        "url": stored.article.get("url"),
    }  # fmt: skip


def entity_rows(ev: Event) -> Iterator[dict]:
    for role, group in by_role(ev):
        for position, entity in enumerate(group):
            yield {
                "event_id": ev.id,
                "article_id": ev.article_id,
                "role": role,
                "position": position,
                **entity.model_dump(),
            }


def flat_article(record: dict) -> dict:
    row = {key: record.get(key) for key in ARTICLE_COLUMNS}
    row["same_text_as"] = ";".join(record.get("same_text_as") or [])
    row["media"] = json.dumps(record.get("media") or [], ensure_ascii=False)
    return row


def plover_record(stored: StoredEvent) -> dict:
    """A PLOVER 2.0 JSON event record, with eventwire's own fields (certainty, said_by, ...) alongside."""
    ev, article = stored.event, stored.article
    return {
        "id": f"{ev.article_id}:{ev.id}",  # event ids repeat when two articles have the same text
        "date": ev.date,
        "event": ev.event,
        "mode": ev.mode,
        "quad_code": QUAD[ev.event],
        "actor": [_plover_actor(e) for e in ev.actor],
        "recipient": [_plover_actor(e) for e in ev.recipient],
        "event_loc": {"name": ev.event_loc.text, "cc3": ev.event_loc.code} if ev.event_loc else None,
        "event_text": [ev.event_text],
        "text_info": {"start": ev.span[0], "end": ev.span[1]},
        "cite_info": {
            "url": article.get("url"),
            "title": article.get("title"),
            "language": ev.language,
            "publication": article.get("outlet"),
            "coder": f"eventwire {__version__}",
            "codebook": "PLOVER 2.0",
        },
        "link": article.get("story_id"),
        # eventwire's fields (SPEC §2)
        "event_id": ev.id,
        "article_id": ev.article_id,
        "published": article.get("published"),
        "date_precision": ev.date_precision,
        "date_text": ev.date_text,
        "certainty": ev.certainty,
        "said_by": [_plover_actor(e) for e in ev.said_by],
    }


def _plover_actor(entity: Entity) -> dict:
    return {
        "code": entity.code,
        "sector": entity.sector,
        "actor_text": entity.entity_text,
        "identifier_text": entity.name,
    }


# --- writers ------------------------------------------------------------------------------------------------


def write_jsonl(rows: Iterable[dict], out: TextIO) -> int:
    n = 0
    for row in rows:
        out.write(json.dumps(row, ensure_ascii=False) + "\n")
        n += 1
    return n


def write_csv(rows: Iterable[dict], out: TextIO, columns: dict[str, str]) -> int:
    writer = csv.DictWriter(out, fieldnames=list(columns), extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    n = 0
    for row in rows:
        writer.writerow(row)
        n += 1
    return n


def write_parquet(rows: Iterable[dict], out: str | BinaryIO, columns: dict[str, str]) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = pa.schema([(name, getattr(pa, kind)()) for name, kind in columns.items()])
    iterator = iter(rows)
    n = 0
    with pq.ParquetWriter(out, schema) as writer:
        while batch := list(islice(iterator, PARQUET_BATCH)):
            table = pa.Table.from_pylist([{k: row.get(k) for k in columns} for row in batch], schema=schema)
            writer.write_table(table)
            n += len(batch)
        if n == 0:
            writer.write_table(schema.empty_table())
    return n


def write_table(rows: Iterable[dict], out: TextIO, columns: Iterable[str], width: int | None = None) -> int:
    """An aligned table of dict rows, each cell cut to 40 characters."""
    names = list(columns)
    cells = [[_cell(row.get(name)) for name in names] for row in rows]
    widths = [min(40, max([len(name)] + [len(r[i]) for r in cells])) for i, name in enumerate(names)]
    limit = max(width or shutil.get_terminal_size((160, 24)).columns, 60)

    def line(values: list[str]) -> str:
        return "  ".join(v[:w].ljust(w) for v, w in zip(values, widths, strict=True)).rstrip()[:limit]

    out.write(line(names) + "\n")
    out.write(line(["-" * w for w in widths]) + "\n")
    for row in cells:
        out.write(line(row) + "\n")
    return len(cells)


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return ";".join(str(v) for v in value)
    return str(value)
