"""The event store: articles, events, entities and attribution chains in SQLite or PostgreSQL.

`commands.py` is the command line, `ingest.py` the writer, `query.py` and `export.py` the readers, `db.py` the
connection and migrations, `models.py` the tables, `inputs/` the extra input formats (HTML, feeds, WARC, URLs).
"""

DEFAULT_DB = "eventwire.db"
DB_ENV = "EVENTWIRE_DB"


class StoreError(Exception):
    """The store cannot be opened or used; the message is for the user."""
