"""What the API and the pages read from the store, as plain data."""

from __future__ import annotations

import itertools
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from sqlalchemy import Connection, func, select

from eventwire.records import Event
from eventwire.store import query
from eventwire.store.models import ArticleRow, EventRow, StoryRow

MAX_LIMIT = 500


@dataclass
class EventParams:
    """The CLI's event filters, as the API and the events page take them (lists: any of)."""

    actor: list[str] = field(default_factory=list)
    recipient: list[str] = field(default_factory=list)
    type: list[str] = field(default_factory=list)
    mode: list[str] = field(default_factory=list)
    since: str | None = None
    until: str | None = None
    certainty: list[str] = field(default_factory=list)
    language: list[str] = field(default_factory=list)
    outlet: list[str] = field(default_factory=list)
    said_by: list[str] = field(default_factory=list)
    text: str | None = None
    article: list[str] = field(default_factory=list)

    def to_filter(self) -> query.EventFilter:
        return query.EventFilter(
            actor=split(self.actor),
            recipient=split(self.recipient),
            types=split(self.type),
            modes=split(self.mode),
            since=self.since or None,
            until=self.until or None,
            certainty=split(self.certainty),
            language=split(self.language),
            outlet=[o for o in self.outlet if o.strip()],
            said_by=[s for s in self.said_by if s.strip()],  # an empty form field is no filter; "-" is own voice
            text=self.text or None,
            articles=split(self.article),
        )

    def query_items(self) -> list[tuple[str, str]]:
        """The filters as query-string pairs, for links to other pages of the same list."""
        items: list[tuple[str, str]] = []
        for name, value in self.__dict__.items():
            values = value if isinstance(value, list) else [value]
            items.extend((name, v) for v in values if v)
        return items


def split(values: list[str]) -> list[str]:
    """Repeated parameters and comma lists: "FRA,DEU" is FRA or DEU."""
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


def event_dict(stored: query.StoredEvent) -> dict:
    return {**stored.event.model_dump(mode="json"), "article": stored.article}


def event_page(conn: Connection, params: EventParams, offset: int, limit: int, sort: str) -> dict:
    total, rows = query.event_page(conn, params.to_filter(), offset=offset, limit=limit, sort=sort)
    return {"total": total, "offset": offset, "limit": limit, "sort": sort, "events": [event_dict(r) for r in rows]}


def article(conn: Connection, article_id: str) -> dict | None:
    found = list(query.articles(conn, query.ArticleFilter(ids=[article_id]), with_text=True))
    if not found:
        return None
    record = found[0]
    record["event_records"] = [
        ev.model_dump(mode="json") for ev in query.events(conn, query.EventFilter(articles=[article_id]))
    ]
    return record


def highlighted(text: str, events: list[dict]) -> list[tuple[str, list[int]]]:
    """The text cut into pieces, each with the indexes of the events whose evidence span covers it."""
    spans = []
    for i, ev in enumerate(events):
        start, end = ev.get("span") or (0, 0)
        if not (0 <= start < end <= len(text)) or text[start:end] != ev.get("event_text"):
            at = text.find(ev.get("event_text") or "\0")
            if at < 0:
                continue
            start, end = at, at + len(ev["event_text"])
        spans.append((start, end, i))
    cuts = sorted({0, len(text), *(s for s, _, _ in spans), *(e for _, e, _ in spans)})
    pieces = []
    for a, b in itertools.pairwise(cuts):
        if a < b:
            pieces.append((text[a:b], [i for s, e, i in spans if s <= a and b <= e]))
    return pieces


def stories(conn: Connection, limit: int | None = None) -> list[dict]:
    q = select(StoryRow).order_by(StoryRow.last_date.desc(), StoryRow.id)
    if limit:
        q = q.limit(limit)
    return [
        {
            "id": s.id,
            "title": s.label,
            "first_date": s.first_date,
            "last_date": s.last_date,
            "size": s.size,
            "languages": s.languages or {},
            "key_actors": s.key_actors or [],
        }
        for s in conn.execute(q)
    ]


def story(conn: Connection, story_id: str) -> dict | None:
    """A story with its articles and its corroborated timeline (as `eventwire story ID` prints it)."""
    from eventwire.store.stories import load_index
    from eventwire.stories.commands import story_timeline

    index, _ = load_index(conn)
    if story_id not in index.stories:
        return None
    members = list(index.stories[story_id].members)
    events: dict[str, list[Event]] = defaultdict(list)
    for ev in query.events(conn, query.EventFilter(articles=members)):
        events[ev.article_id].append(ev)
    timeline = story_timeline(index, story_id, events)
    timeline["id"] = story_id
    timeline["articles"] = [
        {k: a[k] for k in ("id", "published", "outlet", "title", "url", "events", "same_text_as")}
        for a in query.articles(conn, query.ArticleFilter(ids=members))
    ]
    return timeline


def actor(conn: Connection, code: str, limit: int = 200) -> dict:
    """An actor's events (as actor or as recipient, latest first) and its counterparts."""
    code = code.upper()
    seen: dict[str, dict] = {}
    for role in ("actor", "recipient"):
        flt = query.EventFilter(**{role: [code]})
        for stored in query.stored_events(conn, flt):
            record = seen.setdefault(stored.event.id + stored.event.article_id, event_dict(stored))
            record.setdefault("roles", []).append(role)
    records = sorted(seen.values(), key=lambda r: (r["date"] or "", r["article_id"]), reverse=True)
    partners: Counter[tuple[str, str]] = Counter()  # (direction, code)
    by_type: Counter[str] = Counter()
    for r in records:
        by_type[r["event"]] += 1
        if "actor" in r["roles"]:
            partners.update(("out", e["code"]) for e in r["recipient"] if e["code"] and e["code"] != code)
        if "recipient" in r["roles"]:
            partners.update(("in", e["code"]) for e in r["actor"] if e["code"] and e["code"] != code)
    counts = query.actor_counts(conn, query.EventFilter(actor=[code]))
    totals = next((c for c in counts if c["code"] == code), None)
    counts_in = query.actor_counts(conn, query.EventFilter(recipient=[code]))
    totals_in = next((c for c in counts_in if c["code"] == code), None)
    return {
        "code": code,
        "as_actor": totals["as_actor"] if totals else 0,
        "as_recipient": totals_in["as_recipient"] if totals_in else 0,
        "by_type": dict(by_type.most_common()),
        "partners": [{"code": c, "direction": d, "events": n} for (d, c), n in partners.most_common()],
        "events": records[:limit],
        "total_events": len(records),
    }


def monthly_types(conn: Connection) -> dict[str, dict[str, int]]:
    """Events by month of their date, then by type."""
    month = func.substr(EventRow.date, 1, 7)
    rows = conn.execute(
        select(month, EventRow.event, func.count())
        .where(EventRow.date.is_not(None), func.length(EventRow.date) >= 7)
        .group_by(month, EventRow.event)
        .order_by(month)
    )
    found: dict[str, dict[str, int]] = {}
    for m, kind, n in rows:
        found.setdefault(m, {})[kind] = n
    return found


def overview(conn: Connection) -> dict:
    return {
        **query.counts(conn),
        "months": monthly_types(conn),
        "actors": query.actor_counts(conn, limit=15),
        "stories": stories(conn, limit=10),
        "n_stories": conn.execute(select(func.count()).select_from(StoryRow)).scalar_one(),
        "n_outlets": conn.execute(select(func.count(func.distinct(ArticleRow.outlet)))).scalar_one(),
    }
