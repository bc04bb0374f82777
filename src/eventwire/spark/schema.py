"""Spark schemas for articles (SPEC §1) and events (SPEC §2), and the conversions between rows and records.

The event schema is written out field by field, in the order of `records.Event`, so that the Parquet output
has the SPEC record's columns and nothing else; `event_row` refuses a record with a field the schema lacks,
so a change to `Event` cannot be dropped silently.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pyspark.sql import Row
from pyspark.sql.types import ArrayType, DataType, IntegerType, StringType, StructField, StructType

from eventwire.records import Event

ARTICLE_FIELDS = ("id", "text", "date", "url", "lang", "title")  # SPEC §1; only text is required
SOURCE = "_source"  # where a row was read from (a file, a WARC record), for problem reports
PROBLEM = "_problem"  # set by a reader when the row is not an article (a malformed line); the row is skipped
RAW = "_raw"  # the raw text of a malformed record, to find its line when it is reported
MONTH = "month"  # the partition column of the output: publication month YYYY-MM (see `publication_month`)
UNKNOWN_MONTH = "unknown"


def _string(name: str, nullable: bool = True) -> StructField:
    return StructField(name, StringType(), nullable)


ARTICLE_SCHEMA = StructType(
    [_string(name) for name in ARTICLE_FIELDS] + [_string(SOURCE), _string(PROBLEM), _string(RAW)]
)

JSONL_CORRUPT = "_corrupt_record"
# what spark.read.json is given: every SPEC field as a string (Spark keeps a non-string value's JSON text),
# plus the column where it puts a line it cannot parse
JSONL_SCHEMA = StructType([_string(name) for name in ARTICLE_FIELDS] + [_string(JSONL_CORRUPT)])

ENTITY = StructType([_string("entity_text", False), _string("code"), _string("sector"), _string("name")])
LOCATION = StructType([_string("text", False), _string("code")])


def _entities(name: str) -> StructField:
    return StructField(name, ArrayType(ENTITY, containsNull=False), False)


EVENT_SCHEMA = StructType(
    [
        _string("id", False),
        _string("article_id", False),
        _string("event", False),
        _string("mode"),
        _entities("actor"),
        _entities("recipient"),
        _string("date"),
        _string("date_precision"),
        _string("date_text"),
        StructField("event_loc", LOCATION, True),
        _string("certainty", False),
        _entities("said_by"),
        _string("event_text", False),
        StructField("span", ArrayType(IntegerType(), containsNull=False), False),  # [start, end] as in SPEC §2
        _string("language", False),
    ]
)

OUTPUT_SCHEMA = StructType([*EVENT_SCHEMA.fields, _string(MONTH, False)])


def publication_month(date: str | None) -> str:
    """The partition an article's events go to: YYYY-MM of its publication date, the year alone when only
    the year is known, "unknown" without a date."""
    return date[:7] if date else UNKNOWN_MONTH


def event_row(event: Event, month: str) -> tuple:
    """One output row: the event's SPEC JSON laid out as OUTPUT_SCHEMA."""
    return (*_value(event.model_dump(mode="json"), EVENT_SCHEMA), month)


def _value(value: Any, dtype: DataType) -> Any:
    if value is None:
        return None
    if isinstance(dtype, StructType):
        unknown = set(value) - set(dtype.names)
        if unknown:  # Event grew a field: the Spark schema must follow, not lose it
            raise ValueError(f"fields {sorted(unknown)} are not in the Spark event schema")
        return tuple(_value(value.get(f.name), f.dataType) for f in dtype.fields)
    if isinstance(dtype, ArrayType):
        return [_value(item, dtype.elementType) for item in value]
    return value


def event_from_row(row: Row | Mapping[str, Any]) -> Event:
    """The SPEC record an output row holds (the partition column left out)."""
    data = row.asDict(recursive=True) if isinstance(row, Row) else dict(row)
    data.pop(MONTH, None)
    return Event.model_validate(data)
