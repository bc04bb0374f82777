"""The first schema: texts, stories, articles, events, entities, and full-text search on event sentences.

Revision ID: 0001
Revises:
Create Date: 2026-11-21
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | None = None
depends_on: str | None = None

_SQLITE_FTS = [
    # external-content FTS5 index on events.event_text, kept in step by triggers; accents folded
    """CREATE VIRTUAL TABLE events_fts USING fts5(
           event_text, content='events', content_rowid='pk', tokenize='unicode61 remove_diacritics 2')""",
    """CREATE TRIGGER events_fts_insert AFTER INSERT ON events BEGIN
           INSERT INTO events_fts(rowid, event_text) VALUES (new.pk, new.event_text);
       END""",
    """CREATE TRIGGER events_fts_delete AFTER DELETE ON events BEGIN
           INSERT INTO events_fts(events_fts, rowid, event_text) VALUES ('delete', old.pk, old.event_text);
       END""",
    """CREATE TRIGGER events_fts_update AFTER UPDATE OF event_text ON events BEGIN
           INSERT INTO events_fts(events_fts, rowid, event_text) VALUES ('delete', old.pk, old.event_text);
           INSERT INTO events_fts(rowid, event_text) VALUES (new.pk, new.event_text);
       END""",
]
_POSTGRES_FTS = "CREATE INDEX ix_events_fts ON events USING gin (to_tsvector('french', event_text))"


def upgrade() -> None:
    now = sa.DateTime(timezone=True)
    op.create_table(
        "texts",
        sa.Column("pk", sa.Integer, primary_key=True),
        sa.Column("content_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("text", sa.Text, nullable=False),
    )
    op.create_table(
        "stories",
        sa.Column("id", sa.String(200), primary_key=True),
        sa.Column("label", sa.Text),
        sa.Column("created_at", now, nullable=False),
    )
    op.create_table(
        "articles",
        sa.Column("pk", sa.Integer, primary_key=True),
        sa.Column("id", sa.Text, nullable=False, unique=True),
        sa.Column("url", sa.Text),
        sa.Column("outlet", sa.Text, index=True),
        sa.Column("language", sa.String(16), index=True),
        sa.Column("published", sa.String(10), index=True),
        sa.Column("title", sa.Text),
        sa.Column("media", sa.JSON, nullable=False),
        sa.Column("source", sa.Text),
        sa.Column("content_hash", sa.String(64), sa.ForeignKey("texts.content_hash"), nullable=False, index=True),
        sa.Column("extraction_key", sa.String(64), nullable=False, index=True),
        sa.Column("coded", sa.Boolean, nullable=False),
        sa.Column("story_id", sa.String(200), sa.ForeignKey("stories.id", ondelete="SET NULL"), index=True),
        sa.Column("ingested_at", now, nullable=False),
        sa.Column("updated_at", now, nullable=False),
    )
    op.create_table(
        "events",
        sa.Column("pk", sa.Integer, primary_key=True),
        sa.Column("article_pk", sa.Integer, sa.ForeignKey("articles.pk", ondelete="CASCADE"), nullable=False),
        sa.Column("seq", sa.Integer, nullable=False),
        sa.Column("event_id", sa.String(64), nullable=False, index=True),
        sa.Column("event", sa.String(16), nullable=False, index=True),
        sa.Column("mode", sa.String(32), index=True),
        sa.Column("date", sa.String(10), index=True),
        sa.Column("date_precision", sa.String(8)),
        sa.Column("date_text", sa.Text),
        sa.Column("loc_text", sa.Text),
        sa.Column("loc_code", sa.String(16)),
        sa.Column("certainty", sa.String(16), nullable=False, index=True),
        sa.Column("event_text", sa.Text, nullable=False),
        sa.Column("span_start", sa.Integer, nullable=False),
        sa.Column("span_end", sa.Integer, nullable=False),
        sa.Column("language", sa.String(16), nullable=False),
        sa.UniqueConstraint("article_pk", "seq"),
    )
    op.create_table(
        "entities",
        sa.Column("pk", sa.Integer, primary_key=True),
        sa.Column("event_pk", sa.Integer, sa.ForeignKey("events.pk", ondelete="CASCADE"), nullable=False),
        sa.Column("role", sa.String(10), nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("entity_text", sa.Text, nullable=False),
        sa.Column("code", sa.String(16)),
        sa.Column("sector", sa.String(16)),
        sa.Column("name", sa.Text),
    )
    op.create_index("ix_entities_role_code", "entities", ["role", "code"])
    op.create_index("ix_entities_event_role", "entities", ["event_pk", "role", "position"])

    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for statement in _SQLITE_FTS:
            op.execute(statement)
    elif dialect == "postgresql":
        op.execute(_POSTGRES_FTS)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TABLE IF EXISTS events_fts")  # its triggers go with the events table
    for table in ("entities", "events", "articles", "stories", "texts"):
        op.drop_table(table)
