"""The store's tables (SQLAlchemy 2 typed ORM). The schema itself is made by the Alembic migrations.

- `texts`: every distinct article text once, by content hash. Articles with the same text share the row.
- `articles`: one row per article id, with its metadata and the hash of its text. `extraction_key` says
  what the events were extracted from (text, the metadata extraction reads, extractor settings): an article
  ingested again with the same key is left alone.
- `events`: the SPEC §2 records of each article, in extraction order (`seq`).
- `entities`: every entity of an event: its actors, its recipients and its attribution chain (`role` =
  `said_by`, `position` 0 = outermost source).
- `stories`: story clusters (SPEC §9); articles point to theirs. `label` is the story's title.
- `story_state`: one row, the story index that ingest adds articles to (`stories/cluster.py`), as JSON.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, DateTime, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from eventwire.records import Entity, Event

ROLES = ("actor", "recipient", "said_by")


def by_role(event: Event) -> list[tuple[str, list[Entity]]]:
    """The entities of an event under their role, in ROLES order (said_by: outermost source first)."""
    return [(role, getattr(event, role)) for role in ROLES]


class Base(DeclarativeBase):
    pass


# Full-text search is made by the migrations alone: SQLite's FTS5 table (with its triggers) and PostgreSQL's
# GIN index. Alembic's autogenerate leaves them out of its comparison with these models.
_FULL_TEXT = ("events_fts", "ix_events_fts")


def in_models(name: str | None, type_: str, _parents: object) -> bool:
    return not (type_ in ("table", "index") and name is not None and name.startswith(_FULL_TEXT))


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class TextRow(Base):
    __tablename__ = "texts"

    pk: Mapped[int] = mapped_column(Integer, primary_key=True)
    content_hash: Mapped[str] = mapped_column(String(64), unique=True)  # sha256 of the UTF-8 text
    text: Mapped[str] = mapped_column(Text)


class StoryRow(Base):
    __tablename__ = "stories"

    id: Mapped[str] = mapped_column(String(200), primary_key=True)
    label: Mapped[str | None] = mapped_column(Text)  # the title
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_now)
    first_date: Mapped[str | None] = mapped_column(String(10))  # earliest publication date of its articles
    last_date: Mapped[str | None] = mapped_column(String(10))
    size: Mapped[int] = mapped_column(Integer, default=0, server_default="0")  # articles, copies included
    languages: Mapped[dict[str, int] | None] = mapped_column(JSON)  # language -> articles
    key_actors: Mapped[list[str] | None] = mapped_column(JSON)


class StoryStateRow(Base):
    __tablename__ = "story_state"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)  # always 1
    revision: Mapped[int] = mapped_column(Integer)  # bumped by every write
    state: Mapped[str] = mapped_column(Text)  # StoryIndex.to_dict() as JSON
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_now)


class ArticleRow(Base):
    __tablename__ = "articles"

    pk: Mapped[int] = mapped_column(Integer, primary_key=True)  # ingestion order
    id: Mapped[str] = mapped_column(Text, unique=True)
    url: Mapped[str | None] = mapped_column(Text)
    outlet: Mapped[str | None] = mapped_column(Text, index=True)
    language: Mapped[str | None] = mapped_column(String(16), index=True)  # given or detected
    published: Mapped[str | None] = mapped_column(String(10), index=True)  # YYYY[-MM[-DD]]
    title: Mapped[str | None] = mapped_column(Text)
    media: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    source: Mapped[str | None] = mapped_column(Text)  # where it was last read from
    content_hash: Mapped[str] = mapped_column(ForeignKey("texts.content_hash"), index=True)
    extraction_key: Mapped[str] = mapped_column(String(64), index=True)
    coded: Mapped[bool] = mapped_column(default=False)  # False: no pipeline for its language
    story_id: Mapped[str | None] = mapped_column(ForeignKey("stories.id", ondelete="SET NULL"), index=True)
    ingested_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_now)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_now)

    events: Mapped[list[EventRow]] = relationship(back_populates="article", passive_deletes=True)


class EventRow(Base):
    __tablename__ = "events"
    __table_args__ = (UniqueConstraint("article_pk", "seq"),)

    pk: Mapped[int] = mapped_column(Integer, primary_key=True)
    article_pk: Mapped[int] = mapped_column(ForeignKey("articles.pk", ondelete="CASCADE"))
    seq: Mapped[int] = mapped_column(Integer)  # position among the article's events
    event_id: Mapped[str] = mapped_column(String(64), index=True)  # SPEC `id`: same text, same id
    event: Mapped[str] = mapped_column(String(16), index=True)
    mode: Mapped[str | None] = mapped_column(String(32), index=True)
    date: Mapped[str | None] = mapped_column(String(10), index=True)
    date_precision: Mapped[str | None] = mapped_column(String(8))
    date_text: Mapped[str | None] = mapped_column(Text)
    loc_text: Mapped[str | None] = mapped_column(Text)
    loc_code: Mapped[str | None] = mapped_column(String(16))
    certainty: Mapped[str] = mapped_column(String(16), index=True)
    event_text: Mapped[str] = mapped_column(Text)
    span_start: Mapped[int] = mapped_column(Integer)
    span_end: Mapped[int] = mapped_column(Integer)
    language: Mapped[str] = mapped_column(String(16))

    article: Mapped[ArticleRow] = relationship(back_populates="events")


class EntityRow(Base):
    __tablename__ = "entities"
    __table_args__ = (
        Index("ix_entities_role_code", "role", "code"),
        Index("ix_entities_event_role", "event_pk", "role", "position"),
    )

    pk: Mapped[int] = mapped_column(Integer, primary_key=True)
    event_pk: Mapped[int] = mapped_column(ForeignKey("events.pk", ondelete="CASCADE"))
    role: Mapped[str] = mapped_column(String(10))  # one of ROLES
    position: Mapped[int] = mapped_column(Integer)  # order in its list; for said_by, 0 is the outermost
    entity_text: Mapped[str] = mapped_column(Text)
    code: Mapped[str | None] = mapped_column(String(16))
    sector: Mapped[str | None] = mapped_column(String(16))
    name: Mapped[str | None] = mapped_column(Text)
