"""Reading the store: events (as the SPEC records `eventwire extract` writes), articles, actor counts."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from itertools import groupby

from sqlalchemy import (
    Connection,
    Select,
    and_,
    case,
    column,
    distinct,
    func,
    literal,
    literal_column,
    or_,
    select,
    text,
)
from sqlalchemy.sql.elements import ColumnElement

from eventwire.records import Entity, Event, Location

from .models import ArticleRow, EntityRow, EventRow, TextRow

PAGE = 500  # events rebuilt per round trip


@dataclass
class EventFilter:
    """Conditions on events; every given one must hold. Lists mean "any of these"."""

    actor: Sequence[str] = ()  # actor codes
    recipient: Sequence[str] = ()  # recipient codes
    types: Sequence[str] = ()
    modes: Sequence[str] = ()
    since: str | None = None  # YYYY[-MM[-DD]]; compared at the coarser precision of the two dates
    until: str | None = None
    certainty: Sequence[str] = ()
    language: Sequence[str] = ()
    outlet: Sequence[str] = ()  # case-insensitive
    said_by: Sequence[str] = ()  # a source's code, or words of its name or text; "-" for the article's own voice
    text: str | None = None  # full-text search in the event sentence
    articles: Sequence[str] = ()  # article ids
    limit: int | None = None


@dataclass
class ArticleFilter:
    ids: Sequence[str] = ()
    language: Sequence[str] = ()
    outlet: Sequence[str] = ()
    since: str | None = None  # publication date
    until: str | None = None
    limit: int | None = None


@dataclass
class StoredEvent:
    """An event with the article it comes from, for flat outputs."""

    event: Event
    article: dict[str, str | None] = field(default_factory=dict)  # url, outlet, published, title, story_id


# --- events -------------------------------------------------------------------------------------------------


def event_conditions(flt: EventFilter, dialect: str) -> list[ColumnElement[bool]]:
    where: list[ColumnElement[bool]] = []
    for role, codes in (("actor", flt.actor), ("recipient", flt.recipient)):
        if codes:
            where.append(
                EventRow.pk.in_(
                    select(EntityRow.event_pk).where(
                        EntityRow.role == role, EntityRow.code.in_([c.upper() for c in codes])
                    )
                )
            )
    if flt.types:
        where.append(EventRow.event.in_([t.upper() for t in flt.types]))
    if flt.modes:
        where.append(EventRow.mode.in_([m.lower() for m in flt.modes]))
    if flt.certainty:
        where.append(EventRow.certainty.in_([c.lower() for c in flt.certainty]))
    if flt.language:
        where.append(EventRow.language.in_([lang.lower() for lang in flt.language]))
    if flt.outlet:
        where.append(func.lower(ArticleRow.outlet).in_([o.lower() for o in flt.outlet]))
    if flt.articles:
        where.append(ArticleRow.id.in_(list(flt.articles)))
    where.extend(_date_range(EventRow.date, flt.since, flt.until))
    if flt.said_by:
        where.append(or_(*(_said_by(value) for value in flt.said_by)))
    if flt.text:
        where.append(_full_text(flt.text, dialect))
    return where


def _said_by(value: str) -> ColumnElement[bool]:
    sources = select(EntityRow.event_pk).where(EntityRow.role == "said_by")
    if value.strip() in ("-", ""):
        return EventRow.pk.not_in(sources)
    words = value.strip().lower()
    return EventRow.pk.in_(
        sources.where(
            or_(
                func.lower(EntityRow.code) == words,
                func.lower(EntityRow.name).contains(words, autoescape=True),
                func.lower(EntityRow.entity_text).contains(words, autoescape=True),
            )
        )
    )


def _date_range(col, since: str | None, until: str | None) -> list[ColumnElement[bool]]:
    """Dates compared at the coarser of the two precisions: "2024-05" is on or after "2024-05-20", and
    "2024-05-20" is on or before "2024-05"."""
    where = []
    for bound, on_side in ((since, "__ge__"), (until, "__le__")):
        if bound:
            n = case((func.length(col) < len(bound), func.length(col)), else_=len(bound))
            side = getattr(func.substr(col, 1, n), on_side)(func.substr(literal(bound), 1, n))
            where.append(and_(col.is_not(None), side))
    return where


_WORD = re.compile(r"[\w'’-]+\*?", re.UNICODE)


def _full_text(query: str, dialect: str) -> ColumnElement[bool]:
    if dialect == "postgresql":  # the expression of the GIN index made by the first migration
        french = literal_column("'french'::regconfig")
        return func.to_tsvector(french, EventRow.event_text).op("@@")(func.websearch_to_tsquery(french, query))
    # SQLite FTS5: every word must be there, in any order; "word*" is a prefix
    terms = []
    for word in _WORD.findall(query):
        star = word.endswith("*")
        body = word.rstrip("*").replace('"', '""')
        if body:
            terms.append(f'"{body}"' + ("*" if star else ""))
    if not terms:
        return literal(True)
    matches = (
        text("SELECT rowid FROM events_fts WHERE events_fts MATCH :fts_query")
        .bindparams(fts_query=" ".join(terms))
        .columns(column("rowid"))
    )
    return EventRow.pk.in_(matches)


def _select_events() -> Select:
    return select(
        *EventRow.__table__.c,
        ArticleRow.id.label("article_id"),
        ArticleRow.url,
        ArticleRow.outlet,
        ArticleRow.published,
        ArticleRow.title,
        ArticleRow.story_id,
    ).join(ArticleRow, EventRow.article_pk == ArticleRow.pk)


def stored_events(conn: Connection, flt: EventFilter | None = None) -> Iterator[StoredEvent]:
    """The events that pass `flt`, in ingestion order (article by article, in extraction order)."""
    flt = flt or EventFilter()
    query = _select_events().where(*event_conditions(flt, conn.dialect.name)).order_by(ArticleRow.pk, EventRow.seq)
    return _rebuild(conn, query.limit(flt.limit) if flt.limit else query)


def events(conn: Connection, flt: EventFilter | None = None) -> Iterator[Event]:
    return (stored.event for stored in stored_events(conn, flt))


def latest_events(conn: Connection, n: int) -> list[Event]:
    """The `n` events that happened last: by event date, then the latest ingested."""
    query = (
        _select_events()
        .where(EventRow.date.is_not(None))
        .order_by(EventRow.date.desc(), ArticleRow.pk.desc(), EventRow.seq)
        .limit(n)
    )
    return [stored.event for stored in _rebuild(conn, query)]


EVENT_SORTS = ("ingested", "-ingested", "date", "-date")


def event_page(
    conn: Connection, flt: EventFilter | None = None, *, offset: int = 0, limit: int = 50, sort: str = "ingested"
) -> tuple[int, list[StoredEvent]]:
    """One page of the events that pass `flt` and how many pass in all. `sort`: one of EVENT_SORTS ("-" for
    descending); ties keep ingestion order."""
    flt = flt or EventFilter()
    where = event_conditions(flt, conn.dialect.name)
    total = conn.execute(
        select(func.count(EventRow.pk)).join(ArticleRow, EventRow.article_pk == ArticleRow.pk).where(*where)
    ).scalar_one()
    order = {
        "ingested": (ArticleRow.pk, EventRow.seq),
        "-ingested": (ArticleRow.pk.desc(), EventRow.seq.desc()),
        "date": (EventRow.date.is_(None), EventRow.date, ArticleRow.pk, EventRow.seq),
        "-date": (EventRow.date.is_(None), EventRow.date.desc(), ArticleRow.pk.desc(), EventRow.seq),
    }[sort]
    query = _select_events().where(*where).order_by(*order).offset(max(0, offset)).limit(limit)
    return total, list(_rebuild(conn, query))


def _rebuild(conn: Connection, query: Select) -> Iterator[StoredEvent]:
    """SPEC records from event rows and their entities, a page at a time."""
    result = conn.execute(query)
    while rows := result.fetchmany(PAGE):
        entities = _entities(conn, [row.pk for row in rows])
        for ev in rows:
            people = entities.get(ev.pk, {})
            event = Event(
                id=ev.event_id,
                article_id=ev.article_id,
                event=ev.event,
                mode=ev.mode,  # type: ignore[arg-type]
                actor=people.get("actor", []),
                recipient=people.get("recipient", []),
                date=ev.date,
                date_precision=ev.date_precision,
                date_text=ev.date_text,  # type: ignore[arg-type]
                event_loc=Location(text=ev.loc_text, code=ev.loc_code) if ev.loc_text is not None else None,
                certainty=ev.certainty,
                said_by=people.get("said_by", []),  # type: ignore[arg-type]
                event_text=ev.event_text,
                span=(ev.span_start, ev.span_end),
                language=ev.language,
            )
            yield StoredEvent(
                event,
                {
                    "url": ev.url,
                    "outlet": ev.outlet,
                    "published": ev.published,
                    "title": ev.title,
                    "story_id": ev.story_id,
                },
            )


def _entities(conn: Connection, event_pks: list[int]) -> dict[int, dict[str, list[Entity]]]:
    rows = conn.execute(
        select(
            EntityRow.event_pk, EntityRow.role, EntityRow.entity_text, EntityRow.code, EntityRow.sector, EntityRow.name
        )
        .where(EntityRow.event_pk.in_(event_pks))
        .order_by(EntityRow.event_pk, EntityRow.role, EntityRow.position)
    )
    found: dict[int, dict[str, list[Entity]]] = {}
    for (event_pk, role), group in groupby(rows, key=lambda r: (r.event_pk, r.role)):
        found.setdefault(event_pk, {})[role] = [
            Entity(entity_text=r.entity_text, code=r.code, sector=r.sector, name=r.name) for r in group
        ]
    return found


# --- actors -------------------------------------------------------------------------------------------------


def actor_counts(conn: Connection, flt: EventFilter | None = None, limit: int | None = None) -> list[dict]:
    """Codes with the number of events they are an actor in and a recipient in, most active first."""
    flt = flt or EventFilter()
    chosen = (
        select(EventRow.pk)
        .join(ArticleRow, EventRow.article_pk == ArticleRow.pk)
        .where(*event_conditions(flt, conn.dialect.name))
    )
    as_actor = func.count(distinct(case((EntityRow.role == "actor", EntityRow.event_pk))))
    as_recipient = func.count(distinct(case((EntityRow.role == "recipient", EntityRow.event_pk))))
    query = (
        select(
            EntityRow.code,
            as_actor.label("as_actor"),
            as_recipient.label("as_recipient"),
        )
        .where(EntityRow.role.in_(("actor", "recipient")), EntityRow.code.is_not(None), EntityRow.event_pk.in_(chosen))
        .group_by(EntityRow.code)
        .order_by((as_actor + as_recipient).desc(), EntityRow.code)
    )
    if limit:
        query = query.limit(limit)
    return [
        {
            "code": r.code,
            "as_actor": r.as_actor,
            "as_recipient": r.as_recipient,
            "total": r.as_actor + r.as_recipient,
        }
        for r in conn.execute(query)
    ]


# --- articles -----------------------------------------------------------------------------------------------


def articles(conn: Connection, flt: ArticleFilter | None = None, with_text: bool = False) -> Iterator[dict]:
    """Articles in ingestion order, with their event counts and the ids sharing their text."""
    flt = flt or ArticleFilter()
    n_events = select(func.count(EventRow.pk)).where(EventRow.article_pk == ArticleRow.pk).scalar_subquery()
    columns = [*ArticleRow.__table__.c, n_events.label("events")]
    if with_text:
        columns.append(TextRow.text)
    query = select(*columns)
    if with_text:
        query = query.join(TextRow, TextRow.content_hash == ArticleRow.content_hash)
    where = []
    if flt.ids:
        where.append(ArticleRow.id.in_(list(flt.ids)))
    if flt.language:
        where.append(ArticleRow.language.in_([lang.lower() for lang in flt.language]))
    if flt.outlet:
        where.append(func.lower(ArticleRow.outlet).in_([o.lower() for o in flt.outlet]))
    where.extend(_date_range(ArticleRow.published, flt.since, flt.until))
    query = query.where(*where).order_by(ArticleRow.pk)
    if flt.limit:
        query = query.limit(flt.limit)
    result = conn.execute(query)
    while rows := result.fetchmany(PAGE):
        shared = _same_text(conn, {row.content_hash for row in rows})
        for a in rows:
            record = {
                "id": a.id,
                "published": a.published,
                "language": a.language,
                "outlet": a.outlet,
                "title": a.title,
                "url": a.url,
                "events": a.events,
                "coded": a.coded,
                "same_text_as": [other for other in shared.get(a.content_hash, []) if other != a.id],
                "content_hash": a.content_hash,
                "story_id": a.story_id,
                "media": a.media,
                "source": a.source,
                "ingested_at": a.ingested_at.isoformat() if a.ingested_at else None,
            }
            if with_text:
                record["text"] = a.text
            yield record


def _same_text(conn: Connection, hashes: set[str]) -> dict[str, list[str]]:
    rows = conn.execute(
        select(ArticleRow.content_hash, ArticleRow.id)
        .where(ArticleRow.content_hash.in_(hashes))
        .order_by(ArticleRow.pk)
    )
    found: dict[str, list[str]] = {}
    for content_hash, article_id in rows:
        found.setdefault(content_hash, []).append(article_id)
    return {h: ids for h, ids in found.items() if len(ids) > 1}


# --- summary ------------------------------------------------------------------------------------------------


def counts(conn: Connection) -> dict:
    """Articles (coded or not), texts, events, and events by type."""
    n_articles = conn.execute(select(func.count()).select_from(ArticleRow)).scalar_one()
    n_coded = conn.execute(select(func.count()).select_from(ArticleRow).where(ArticleRow.coded)).scalar_one()
    by_type = dict(
        conn.execute(
            select(EventRow.event, func.count()).group_by(EventRow.event).order_by(func.count().desc(), EventRow.event)
        ).all()
    )
    return {"articles": n_articles, "coded": n_coded, "events": sum(by_type.values()), "by_type": by_type}
