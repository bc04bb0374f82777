"""Articles DataFrames from JSONL, Parquet and WARC inputs, with the columns `extract` reads (ARTICLE_SCHEMA).

Local paths are expanded as `eventwire extract` expands them (directories recursively, hidden files left out,
globs, only the format's file endings); a path with a URI scheme (`hdfs://`, `s3a://`) goes to Spark as it is.
A path that names nothing is a problem reported to the caller, not an error.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator, Sequence
from functools import reduce
from urllib.parse import unquote, urlsplit

from pyspark.sql import Column, DataFrame, SparkSession
from pyspark.sql import functions as F
from pyspark.sql.types import DateType, StringType, TimestampNTZType, TimestampType

from eventwire.readers import JSONL_SUFFIXES, ReadProblem, list_files
from eventwire.store.inputs import FetchPolicy
from eventwire.store.inputs.warc import articles_from_warc

from .schema import ARTICLE_FIELDS, ARTICLE_SCHEMA, JSONL_CORRUPT, JSONL_SCHEMA, PROBLEM, RAW, SOURCE

FORMATS = ("jsonl", "parquet", "warc")
PARQUET_SUFFIXES = (".parquet",)
WARC_SUFFIXES = (".warc", ".warc.gz")
_SUFFIXES = {"jsonl": tuple(sorted(JSONL_SUFFIXES)), "parquet": PARQUET_SUFFIXES, "warc": WARC_SUFFIXES}
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")
_SNIPPET = 60  # characters of a malformed record shown in its report

Report = Callable[[ReadProblem], None]


class InputError(ValueError):
    """An input whose format cannot be told; the user must say it with --format."""


def read_articles(
    spark: SparkSession, paths: Sequence[str], fmt: str | None = None, on_problem: Report | None = None
) -> DataFrame | None:
    """One articles DataFrame for all `paths` (each path's format from `fmt`, else from its name, else from the
    files in its directory); None when they name no file at all."""
    report = on_problem or (lambda _problem: None)
    frames = [frame for path in paths for frame in _read_path(spark, path, fmt, report)]
    if not frames:
        return None
    return reduce(DataFrame.unionByName, frames)


def _read_path(spark: SparkSession, path: str, fmt: str | None, report: Report) -> Iterator[DataFrame]:
    kinds = [fmt] if fmt else _kinds(path)
    for kind in kinds:
        if kind == "parquet":
            yield read_parquet(spark, [path])  # Spark expands directories itself, partition columns included
            continue
        files = [path] if _is_uri(path) else list_files(path, report, _SUFFIXES[kind])
        if files:
            yield read_jsonl(spark, files) if kind == "jsonl" else read_warc(spark, files)


def _kinds(path: str) -> list[str]:
    """The formats a path holds: from its name, or for a directory or a glob from the files it names."""
    name = path.lower().rstrip("/")
    for kind, suffixes in _SUFFIXES.items():
        if name.endswith(suffixes):
            return [kind]
    if _is_uri(path) or os.path.isfile(path):
        raise InputError(f"{path}: cannot tell its format from its name; use --format jsonl|parquet|warc")
    if not os.path.isdir(path) and not any(c in path for c in "*?["):
        return ["jsonl"]  # the JSONL reader reports the missing path, as `eventwire extract` does

    def ignore(_problem: ReadProblem) -> None:
        return None

    if list_files(path, ignore, PARQUET_SUFFIXES):
        return ["parquet"]  # a Parquet dataset: Spark reads it whole, partition columns included
    found = [kind for kind in ("jsonl", "warc") if list_files(path, ignore, _SUFFIXES[kind])]
    return found or ["jsonl"]  # nothing there: the JSONL reader reports an empty glob


def _is_uri(path: str) -> bool:
    return bool(_SCHEME.match(path))


# --- the three formats --------------------------------------------------------------------------------------


def read_jsonl(spark: SparkSession, files: Sequence[str]) -> DataFrame:
    """JSONL with an explicit schema. A line that is not JSON becomes a row with `_problem` set (the job skips
    and counts it); a value that is not a string is read as its JSON text, as Spark's reader does."""
    df = spark.read.json(list(files), schema=JSONL_SCHEMA, mode="PERMISSIVE", columnNameOfCorruptRecord=JSONL_CORRUPT)
    bad = F.col(JSONL_CORRUPT).isNotNull()
    snippet = F.substring(F.col(JSONL_CORRUPT), 1, _SNIPPET)
    return df.select(
        *ARTICLE_FIELDS,
        F.col("_metadata.file_path").alias(SOURCE),
        F.when(bad, F.concat(F.lit("not a valid JSON object ("), snippet, F.lit("); record skipped"))).alias(PROBLEM),
        F.col(JSONL_CORRUPT).alias(RAW),
    )


def read_parquet(spark: SparkSession, paths: Sequence[str]) -> DataFrame:
    """Parquet files or dataset directories with the SPEC §1 columns (`text` required); other columns are
    left out, and non-string ones (a date column, numeric ids) are read as `eventwire extract` would."""
    df = spark.read.parquet(*paths)
    return article_columns(df.withColumn(SOURCE, F.col("_metadata.file_path")))


def article_columns(df: DataFrame) -> DataFrame:
    """ARTICLE_SCHEMA's columns of any DataFrame of articles: strings, missing ones null."""
    if "text" not in df.columns:
        raise InputError(f"the articles have no 'text' column (columns: {', '.join(df.columns)})")
    return df.select(*(_as_string(df, name) for name in ARTICLE_SCHEMA.names))


def _as_string(df: DataFrame, name: str) -> Column:
    if name not in df.columns:
        return F.lit(None).cast(StringType()).alias(name)
    if isinstance(df.schema[name].dataType, DateType | TimestampType | TimestampNTZType):
        return F.date_format(df[name], "yyyy-MM-dd").alias(name)  # a publication day, not a time of day
    return df[name].cast(StringType()).alias(name)


def read_warc(spark: SparkSession, files: Sequence[str]) -> DataFrame:
    """WARC archives, read on the executors by the reader `eventwire ingest` uses (each HTML page with status
    200 is an article, its id the page URL); one file per task, so the paths must be readable there."""
    rdd = spark.sparkContext.parallelize(list(files), max(1, len(files))).flatMap(_warc_rows)
    return spark.createDataFrame(rdd, ARTICLE_SCHEMA)


def _warc_rows(path: str) -> Iterator[tuple]:
    """Runs on a worker: one ARTICLE_SCHEMA row per page, and one per problem so that the job counts it."""
    problems: list[ReadProblem] = []
    for article in articles_from_warc(path, problems.append, FetchPolicy().max_bytes):
        yield from _drain(problems)
        yield (article.id, article.text, article.date, article.url, article.lang, article.title,
               article.source, None, None)
    yield from _drain(problems)


def _drain(problems: list[ReadProblem]) -> list[tuple]:
    rows = [(None,) * len(ARTICLE_FIELDS) + (str(p), p.message, None) for p in problems]
    problems.clear()
    return rows


# --- reports ------------------------------------------------------------------------------------------------


def display_path(source: str) -> str:
    """A local file's path from the URI Spark gives (`file:/tmp/a%20b.jsonl` -> `/tmp/a b.jsonl`)."""
    if source.startswith("file:"):
        return unquote(urlsplit(source).path)
    return source


def line_of(source: str, raw: str) -> int | None:
    """The line of a local file whose text is `raw` (a malformed record Spark gave back without its line
    number), or None. Only called for the few problems that are shown, after the job."""
    path = display_path(source)
    if _is_uri(path) or not os.path.isfile(path):
        return None
    target = raw.rstrip("\r\n")
    try:
        with open(path, "rb") as fh:
            for number, line in enumerate(fh, 1):
                if line.rstrip(b"\r\n").decode("utf-8", "replace") == target:
                    return number
    except OSError:
        return None
    return None
