"""Corroborated events: within a story, the mentions of one event across its articles, merged.

Mentions merge when they have the same type, the same actor and recipient codes (either way round for the
symmetric types CONSULT, AGREE, COOPERATE) and compatible dates and modes. A date only constrains when the text
gave one (`date_text`); the publication date an extractor falls back on only says that it is recent, so an
undated mention may join a dated event of the year before its publication. Two dates are compatible when they
agree at the coarser precision, or are day dates one day apart.

Counts are over independent articles: a near-duplicate copy is listed but confirms nothing.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ..records import Event
from .features import SYMMETRIC, ArticleFeatures, date_span, gap_days

CERTAINTIES = ("asserted", "hedged", "denied", "planned")
RECENT_DAYS = 366  # how long before its publication an undated mention may have happened


@dataclass
class Mention:
    article_id: str
    event: Event
    published: str | None
    outlet: str | None
    order: tuple[int, int]  # the article's (date, ingestion) sort key
    copy_of: str | None = None  # the original this article copies

    @property
    def date(self) -> str | None:
        return self.event.date if self.event.date_text else None


@dataclass
class CorroboratedEvent:
    key: tuple[str, tuple[str, ...], tuple[str, ...]]  # (type, actor codes, recipient codes)
    mode: str | None = None
    date: str | None = None
    mentions: list[Mention] = field(default_factory=list)

    # ------------------------------------------------------------------ merging

    def accepts(self, m: Mention) -> bool:
        mode = m.event.mode
        if not (self.mode is None or mode is None or mode == self.mode):
            return False
        if m.date is None and self.date is not None:
            return gap_days(date_span(self.date), date_span(m.published)) <= RECENT_DAYS
        return compatible(self.date, m.date)

    def take(self, m: Mention) -> None:
        self.mentions.append(m)
        self.mode = self.mode or m.event.mode
        if m.date and (self.date is None or len(m.date) > len(self.date)):
            self.date = m.date

    # ------------------------------------------------------------------ what the sources say

    @property
    def independent(self) -> list[Mention]:
        """The mentions in articles that are no copies, in the order they came out."""
        return sorted((m for m in self.mentions if m.copy_of is None), key=lambda m: m.order)

    def articles(self) -> list[str]:
        return _unique(m.article_id for m in self.independent)

    def copies(self) -> list[str]:
        return _unique(m.article_id for m in self.mentions if m.copy_of is not None)

    def outlets(self) -> list[str]:
        return _unique(m.outlet for m in self.independent if m.outlet)

    def certainty(self) -> dict[str, int]:
        """How many independent articles report it with each certainty (an article may count under two)."""
        seen = {(m.article_id, m.event.certainty) for m in self.independent}
        counts = Counter(c for _, c in seen)
        return {c: counts[c] for c in CERTAINTIES if counts[c]}

    def sources(self) -> list[tuple[str, int]]:
        """The original sources (innermost `said_by`) and how many independent articles cite each."""
        seen = {(m.article_id, _source_name(m.event)) for m in self.independent if m.event.said_by}
        return Counter(name for _, name in seen).most_common()

    def first_report(self) -> Mention:
        return min(self.mentions, key=lambda m: m.order)

    def id(self, story_id: str) -> str:
        first = self.first_report()
        raw = "|".join((story_id, self.key[0], *self.key[1], ">", *self.key[2], first.event.id))
        return "ce-" + hashlib.sha1(raw.encode()).hexdigest()[:12]

    def to_dict(self, story_id: str) -> dict[str, Any]:
        first = self.first_report()
        return {
            "id": self.id(story_id),
            "story_id": story_id,
            "event": self.key[0],
            "mode": self.mode,
            "actor": list(self.key[1]),
            "recipient": list(self.key[2]),
            "date": self.date,
            "articles": len(self.articles()),
            "outlets": self.outlets(),
            "certainty": self.certainty(),
            "sources": [{"source": name, "articles": n} for name, n in self.sources()],
            "first_report": {"article_id": first.article_id, "published": first.published, "outlet": first.outlet},
            "copies": self.copies(),
            "mentions": [
                {
                    "article_id": m.article_id,
                    "event_id": m.event.id,
                    "certainty": m.event.certainty,
                    "said_by": [_entity_name(e) for e in m.event.said_by],
                    "event_text": m.event.event_text,
                    **({"copy_of": m.copy_of} if m.copy_of else {}),
                }
                for m in sorted(self.mentions, key=lambda m: m.order)
            ],
        }


def corroborate(
    members: Sequence[ArticleFeatures],
    events: Mapping[str, Sequence[Event]],
    copy_of: Mapping[str, str] | None = None,
) -> list[CorroboratedEvent]:
    """The corroborated events of a story's articles, the most reported first."""
    copy_of = copy_of or {}
    mentions = [
        Mention(f.id, ev, f.date, f.outlet, f.sort_key(), copy_of.get(f.id))
        for f in members
        for ev in events.get(f.id, ())
    ]
    # Dated mentions first, the most precise first, so that undated ones join an event whose date is known.
    mentions.sort(key=lambda m: (-len(m.date or ""), m.order))
    groups: dict[tuple, list[CorroboratedEvent]] = {}
    for m in mentions:
        candidates = groups.setdefault(event_key(m.event), [])
        fitting = [g for g in candidates if g.accepts(m)]
        if fitting:
            max(fitting, key=lambda g: len(g.mentions)).take(m)
        else:
            group = CorroboratedEvent(event_key(m.event))
            group.take(m)
            candidates.append(group)
    merged = [g for gs in groups.values() for g in gs]
    return sorted(merged, key=lambda g: (-len(g.articles()), -len(g.mentions), g.first_report().order))


def event_key(ev: Event) -> tuple[str, tuple[str, ...], tuple[str, ...]]:
    actors = tuple(sorted({a.code or "?" for a in ev.actor}))
    recipients = tuple(sorted({r.code or "?" for r in ev.recipient}))
    if ev.event in SYMMETRIC and recipients and recipients < actors:
        actors, recipients = recipients, actors
    return ev.event, actors, recipients


def compatible(a: str | None, b: str | None) -> bool:
    if a is None or b is None:
        return True
    n = min(len(a), len(b))
    if a[:n] == b[:n]:
        return True
    if len(a) == len(b) == 10:
        return abs((date.fromisoformat(a) - date.fromisoformat(b)).days) <= 1
    return False


def certainty_phrase(counts: Mapping[str, int]) -> str:
    """'asserted by 2, hedged by 1'"""
    return ", ".join(f"{c} by {n}" for c, n in counts.items())


def _entity_name(entity) -> str:
    return entity.name or entity.entity_text


def _source_name(ev: Event) -> str:
    """Sources are one when their codes are (SPEC §8), else when their names are."""
    inner = ev.said_by[-1]
    return inner.code or " ".join(_entity_name(inner).split())


def _unique(items: Iterable[str | None]) -> list[str]:
    return [x for x in dict.fromkeys(items) if x is not None]
