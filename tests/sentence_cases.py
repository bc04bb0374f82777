"""Helpers shared by the tests that run the extractor on short articles of our own."""

from __future__ import annotations

import eventwire
from eventwire.pipeline import Extractor
from eventwire.records import Article, Entity, Event


def run(extractor: Extractor, text: str, date: str = "2024-05-02") -> list[Event]:
    """The events of one French article, with a given extractor."""
    article = Article(text=text, id="t", date=date, lang="fr")
    return [ev for _, evs in extractor.extract([article]) for ev in evs]


def extract(text: str, date: str | None = "2024-05-02") -> list[Event]:
    """The events of one French article, through the public API."""
    return eventwire.extract({"id": "t", "date": date, "lang": "fr", "text": text})


def codes(entities: list[Entity]) -> set[str | None]:
    return {e.code for e in entities}


def of_type(events: list[Event], kind: str) -> list[Event]:
    return [ev for ev in events if ev.event == kind]


def only(events: list[Event], kind: str) -> Event:
    found = of_type(events, kind)
    assert len(found) == 1, (kind, events)
    return found[0]
