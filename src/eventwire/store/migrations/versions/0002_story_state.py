"""Stories from the store: what each story is (dates, size, languages, key actors) and the story index.

`story_state` is a single row (id 1) holding the story index (`StoryIndex.to_dict()`, as JSON text) and a
revision that every write bumps, so that an ingest can tell that another one changed it.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-21
"""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.add_column("stories", sa.Column("first_date", sa.String(10)))
    op.add_column("stories", sa.Column("last_date", sa.String(10)))
    op.add_column("stories", sa.Column("size", sa.Integer, nullable=False, server_default="0"))
    op.add_column("stories", sa.Column("languages", sa.JSON))
    op.add_column("stories", sa.Column("key_actors", sa.JSON))
    state = op.create_table(
        "story_state",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("revision", sa.Integer, nullable=False),
        sa.Column("state", sa.Text, nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    # the row is always there, so that writers can lock it (PostgreSQL: SELECT ... FOR UPDATE)
    op.bulk_insert(state, [{"id": 1, "revision": 0, "state": "", "updated_at": dt.datetime.now(dt.UTC)}])


def downgrade() -> None:
    op.drop_table("story_state")
    with op.batch_alter_table("stories") as batch:
        for column in ("key_actors", "languages", "size", "last_date", "first_date"):
            batch.drop_column(column)
