"""Alembic environment. eventwire runs migrations itself when it opens a store (`eventwire.store.db`), on a
connection it passes in `config.attributes["connection"]`. For `alembic revision --autogenerate` during
development, build the config with `eventwire.store.db.alembic_config(url)`."""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from eventwire.store.models import Base, in_models


def _run(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        include_name=in_models,
    )
    with context.begin_transaction():
        context.run_migrations()


def main() -> None:
    config = context.config
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    engine = create_engine(config.get_main_option("sqlalchemy.url"))
    with engine.begin() as conn:
        _run(conn)


if context.is_offline_mode():
    raise SystemExit("eventwire migrations run online only")
main()
