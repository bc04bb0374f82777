"""Where the store is and how to open it.

`--db` (or `EVENTWIRE_DB`) is a SQLite file path, a `sqlite:///PATH` URL or a PostgreSQL URL
(`postgresql://user:password@host:5432/dbname`, served by psycopg 3). The default is `./eventwire.db`.
Opening a store brings its schema up to date with the Alembic migrations shipped in the package.
"""

from __future__ import annotations

import os
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, OperationalError

from . import DB_ENV, DEFAULT_DB, StoreError

_MIGRATIONS = "eventwire.store:migrations"
_MIGRATION_LOCK = 0x65770001  # PostgreSQL advisory lock: one process migrates at a time
_SQLITE_BUSY_SECONDS = 60


def resolve_url(db: str | None = None) -> URL:
    """The database URL from `--db`, else EVENTWIRE_DB, else ./eventwire.db."""
    value = (db or os.environ.get(DB_ENV) or DEFAULT_DB).strip()
    if "://" not in value:
        return URL.create("sqlite", database=value)
    try:
        url = make_url(value)
    except ArgumentError as exc:
        raise StoreError(f"not a database URL: {value!r}") from exc
    backend = url.get_backend_name()
    if backend in ("postgresql", "postgres"):
        return url.set(drivername="postgresql+psycopg")
    if backend == "sqlite":
        return url
    raise StoreError(f"unsupported database {backend!r}: use a SQLite file or a postgresql:// URL")


def describe(url: URL) -> str:
    """The URL as it may be shown: a file path for SQLite, no password for a server."""
    if url.get_backend_name() == "sqlite":
        return url.database or ":memory:"
    return url.render_as_string(hide_password=True)


def open_store(db: str | URL | None = None, *, create: bool = False, writer: bool = False) -> Engine:
    """An engine on the store, its schema migrated to the latest version.

    `create`: make the store when it does not exist (ingest); otherwise a missing SQLite file is an error.
    `writer`: SQLite transactions take the write lock when they begin, so that two writers queue instead of
    failing when one of them turns a read into a write.
    """
    url = db if isinstance(db, URL) else resolve_url(db)
    if url.get_backend_name() == "sqlite":
        engine = _sqlite_engine(url, create=create, writer=writer)
    else:
        engine = create_engine(url, pool_pre_ping=True)
    try:
        migrate(engine)
    except OperationalError as exc:
        engine.dispose()
        raise StoreError(f"cannot open the store at {describe(url)}: {_first_line(exc)}") from exc
    return engine


def _sqlite_engine(url: URL, *, create: bool, writer: bool) -> Engine:
    path = url.database
    if path and path != ":memory:":
        if not create and not Path(path).exists():
            raise StoreError(f"no store at {path}: run `eventwire ingest` first, or pass --db")
        if create:
            Path(path).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, connect_args={"timeout": _SQLITE_BUSY_SECONDS})
    begin = "BEGIN IMMEDIATE" if writer else "BEGIN"

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_conn, _record) -> None:
        dbapi_conn.isolation_level = None  # transactions are begun below, DDL included
        cursor = dbapi_conn.cursor()
        for pragma in (
            "journal_mode=WAL",
            "synchronous=NORMAL",
            "foreign_keys=ON",
            f"busy_timeout={_SQLITE_BUSY_SECONDS * 1000}",
        ):
            cursor.execute(f"PRAGMA {pragma}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(conn) -> None:
        conn.exec_driver_sql(conn.get_execution_options().get("sqlite_begin", begin))

    return engine


def alembic_config(url: URL | str | None = None) -> Config:
    """The Alembic configuration of the store, built in code: the scripts ship inside the package."""
    config = Config()
    config.set_main_option("script_location", _MIGRATIONS)
    if url is not None:
        rendered = url.render_as_string(hide_password=False) if isinstance(url, URL) else url
        config.set_main_option("sqlalchemy.url", rendered.replace("%", "%%"))
    return config


def migrate(engine: Engine) -> None:
    """Bring the schema to the latest revision, unless it is there already."""
    config = alembic_config()
    head = ScriptDirectory.from_config(config).get_current_head()
    with engine.connect() as conn:
        if MigrationContext.configure(conn).get_current_revision() == head:
            return
    with engine.connect().execution_options(sqlite_begin="BEGIN IMMEDIATE") as conn, conn.begin():
        if conn.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _MIGRATION_LOCK})
        config.attributes["connection"] = conn
        command.upgrade(config, "head")  # a no-op when another process got there first


def _first_line(exc: Exception) -> str:
    message = str(getattr(exc, "orig", None) or exc)
    return message.strip().splitlines()[0] if message.strip() else type(exc).__name__
