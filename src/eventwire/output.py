"""Writing events: JSONL for programs, a table for a person."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterable
from typing import TextIO

from .records import Entity, Event


def write_jsonl(events: Iterable[Event], out: TextIO) -> None:
    for ev in events:
        out.write(json.dumps(ev.model_dump(mode="json"), ensure_ascii=False) + "\n")


def _who(entities: list[Entity]) -> str:
    if not entities:
        return "-"
    return "+".join(e.code or e.name or e.entity_text[:24] for e in entities)


def _sources(chain: list[Entity]) -> str:
    return " > ".join(e.name or e.code or e.entity_text[:30] for e in chain) or "(article)"


COLUMNS = ("article", "date", "event", "mode", "actor → recipient", "certainty", "said by")


def table_rows(events: Iterable[Event]) -> list[tuple[str, ...]]:
    return [
        (ev.article_id, ev.date or "", ev.event, ev.mode or "", f"{_who(ev.actor)} → {_who(ev.recipient)}",
         ev.certainty, _sources(ev.said_by))
        for ev in events
    ]


def write_table(events: Iterable[Event], out: TextIO, width: int | None = None) -> None:
    """A plain aligned table; the last column is cut to the terminal width."""
    rows = table_rows(events)
    width = width or shutil.get_terminal_size((160, 24)).columns
    widths = [max([len(c)] + [len(r[i]) for r in rows]) for i, c in enumerate(COLUMNS)]
    widths = [min(w, 28) for w in widths]

    def line(cells: tuple[str, ...]) -> str:
        parts = [cell[:w].ljust(w) for cell, w in zip(cells, widths, strict=True)]
        return "  ".join(parts).rstrip()[: max(width, 60)]

    out.write(line(COLUMNS) + "\n")
    out.write(line(tuple("-" * w for w in widths)) + "\n")
    for row in rows:
        out.write(line(row) + "\n")
