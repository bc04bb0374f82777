"""eventwire on Apache Spark: the extraction pipeline over a DataFrame of articles (`pip install eventwire[spark]`).

```python
from eventwire import spark as ew

session = ew.session("local[2]")
articles = ew.read_articles(session, ["news/2025/"])          # JSONL, Parquet, WARC
events = ew.extract(articles)                                  # SPEC §2 columns + month
ew.write_events(events, "events.parquet")                      # partitioned by publication month
```

The names are loaded on first use, so that `eventwire spark` can tell a user without pyspark what to install
instead of failing on import.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

INSTALL_HINT = "eventwire's Spark entry point needs pyspark: pip install 'eventwire[spark]'"

_EXPORTS = {
    "extract": "job",
    "session": "job",
    "write_events": "job",
    "read_events": "job",
    "iter_events": "job",
    "write_jsonl": "job",
    "events_as_json": "job",
    "RunTally": "job",
    "read_articles": "inputs",
    "read_jsonl": "inputs",
    "read_parquet": "inputs",
    "read_warc": "inputs",
    "article_columns": "inputs",
    "ARTICLE_SCHEMA": "schema",
    "EVENT_SCHEMA": "schema",
    "OUTPUT_SCHEMA": "schema",
}

__all__ = [  # the names of _EXPORTS, spelled out for tools that read __all__
    "ARTICLE_SCHEMA",
    "EVENT_SCHEMA",
    "INSTALL_HINT",
    "OUTPUT_SCHEMA",
    "RunTally",
    "article_columns",
    "available",
    "events_as_json",
    "extract",
    "iter_events",
    "read_articles",
    "read_events",
    "read_jsonl",
    "read_parquet",
    "read_warc",
    "session",
    "write_events",
    "write_jsonl",
]

if TYPE_CHECKING:
    from .inputs import article_columns, read_articles, read_jsonl, read_parquet, read_warc
    from .job import RunTally, events_as_json, extract, iter_events, read_events, session, write_events, write_jsonl
    from .schema import ARTICLE_SCHEMA, EVENT_SCHEMA, OUTPUT_SCHEMA


def available() -> bool:
    """Whether pyspark can be imported."""
    try:
        importlib.import_module("pyspark")
    except ImportError:
        return False
    return True


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    if not available():
        raise ImportError(INSTALL_HINT)
    return getattr(importlib.import_module(f"{__name__}.{module}"), name)
