"""The extraction job: articles DataFrame -> events DataFrame, one `Extractor` per Python worker process.

Each partition's rows become `Article`s exactly as `eventwire extract` reads JSONL records
(`readers.article_from_record`), go through `Extractor.extract` and come out as SPEC §2 rows. The events are
therefore those of `eventwire extract`; only their order is Spark's.
"""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import IO, Any

from pyspark import Accumulator, AccumulatorParam
from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import functions as F

from eventwire.output import write_jsonl as write_events_jsonl
from eventwire.pipeline import Extractor, RunReport
from eventwire.readers import ReadProblem, article_from_record
from eventwire.records import Article, Event

from .inputs import article_columns
from .schema import (
    ARTICLE_FIELDS,
    EVENT_SCHEMA,
    MONTH,
    OUTPUT_SCHEMA,
    PROBLEM,
    RAW,
    SOURCE,
    event_from_row,
    event_row,
    publication_month,
)

MAX_SAMPLES = 20  # problem messages carried back to the driver; the rest are only counted


# --- the session --------------------------------------------------------------------------------------------


def session(master: str | None = None, app_name: str = "eventwire", ui: bool = True) -> SparkSession:
    """A SparkSession for eventwire. In local mode the Python workers run this interpreter (the one eventwire
    is installed in) and Spark binds to the loopback interface, so it needs no network."""
    builder = SparkSession.builder.appName(app_name)
    if master:
        builder = builder.master(master)
    if (master or "local").startswith("local"):
        # without it the workers start whatever "python3" is on PATH, which may lack eventwire
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
        os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")  # no guessing at network interfaces
        builder = builder.config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1")
    if not ui:
        builder = builder.config("spark.ui.enabled", "false")
    if not ui or not sys.stderr.isatty():  # a progress bar redrawn with \r only makes sense on a terminal
        builder = builder.config("spark.ui.showConsoleProgress", "false")
    return builder.getOrCreate()


# --- what a run did -----------------------------------------------------------------------------------------


@dataclass
class Tally(RunReport):
    """Counts from the workers: the pipeline's RunReport, plus input problems and a few of them."""

    problems: int = 0
    samples: list[tuple[str, str, str | None]] = field(default_factory=list)  # (source, message, raw line)

    def merge(self, other: Tally) -> Tally:
        self.add(other)
        self.problems += other.problems
        self.samples.extend(other.samples[: MAX_SAMPLES - len(self.samples)])
        return self


class _TallyParam(AccumulatorParam):
    def zero(self, value: Tally) -> Tally:
        return Tally()

    def addInPlace(self, value1: Tally, value2: Tally) -> Tally:
        return value1.merge(value2)


class RunTally:
    """What an extraction did, summed over the workers: fill it by passing it to `extract`, read it after an
    action has run the job (a job run twice counts twice; Spark may also retry a failed task)."""

    def __init__(self, spark: SparkSession) -> None:
        self._acc: Accumulator[Tally] = spark.sparkContext.accumulator(Tally(), _TallyParam())

    @property
    def value(self) -> Tally:
        return self._acc.value

    def summary(self, input_problems: int = 0) -> str:
        """The same summary line as `eventwire extract`."""
        t = self.value
        text = t.summary()
        problems = t.problems + input_problems
        return f"{text}; {problems} input problems" if problems else text


# --- extraction ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ExtractorOptions:
    lexicons: tuple[str, ...] = ()
    codebook: str | None = None
    batch_size: int = 32


@functools.cache
def _extractor(options: ExtractorOptions) -> Extractor:
    """One Extractor per Python worker process and options; Spark reuses workers across tasks, so the spaCy
    model is loaded once per worker, not once per partition."""
    return Extractor(lexicons=options.lexicons, codebook=options.codebook, batch_size=options.batch_size)


def extract(
    articles: DataFrame,
    *,
    lexicons: Iterable[str] = (),
    codebook: str | None = None,
    batch_size: int = 32,
    partitions: int | None = None,
    tally: RunTally | None = None,
) -> DataFrame:
    """The events of a DataFrame of articles, as a DataFrame with the SPEC §2 columns plus `month`.

    `articles` has the SPEC §1 columns (`text` required; `id`, `date`, `url`, `lang`, `title` optional; any
    other column is ignored). Rows are read as `eventwire extract` reads JSONL records, so the events are the
    ones it gives. `lexicons` and `codebook` are paths every executor can read. The job is lazy: it runs (and
    fills `tally`) when the result is written or collected, and again each time unless the result is cached.
    `partitions` repartitions the articles first; by default there are at least as many partitions as Spark's
    default parallelism, so that every core gets articles.
    """
    rows = article_columns(articles)
    spark = articles.sparkSession
    wanted = partitions or max(rows.rdd.getNumPartitions(), spark.sparkContext.defaultParallelism)
    if wanted != rows.rdd.getNumPartitions():
        rows = rows.repartition(wanted)
    options = ExtractorOptions(tuple(lexicons), codebook, batch_size)
    acc = tally._acc if tally is not None else None
    events = rows.rdd.mapPartitions(functools.partial(_extract_partition, options=options, acc=acc))
    return spark.createDataFrame(events, OUTPUT_SCHEMA)


def _extract_partition(rows: Iterable[Any], options: ExtractorOptions, acc: Accumulator | None) -> Iterator[tuple]:
    """Runs on a worker: the partition's events, as OUTPUT_SCHEMA rows."""
    extractor = _extractor(options)
    extractor.report = tally = Tally()  # this partition's counts, whatever the worker ran before
    for article, events in extractor.extract(_articles(rows, tally)):
        month = publication_month(article.date)
        for event in events:
            yield event_row(event, month)
    if acc is not None:
        acc.add(tally)


def _articles(rows: Iterable[Any], tally: Tally) -> Iterator[Article]:
    for row in rows:
        source = row[SOURCE] or "<dataframe>"

        def note(problem: ReadProblem, source: str = source, raw: str | None = row[RAW]) -> None:
            tally.problems += 1
            if len(tally.samples) < MAX_SAMPLES:
                tally.samples.append((source, problem.message, raw))

        if row[PROBLEM] is not None:  # a reader already knows this row is not an article
            note(ReadProblem(source, None, row[PROBLEM]))
            continue
        record = {name: row[name] for name in ARTICLE_FIELDS}
        article = article_from_record(record, source, note)
        if article is not None:
            yield article


# --- output -------------------------------------------------------------------------------------------------


def write_events(events: DataFrame, out: str, overwrite: bool = False) -> None:
    """Parquet files under `out`, one directory per publication month (`month=2025-03/`, `month=unknown/`)."""
    mode = "overwrite" if overwrite else "errorifexists"
    events.write.mode(mode).partitionBy(MONTH).parquet(out)


def read_events(spark: SparkSession, out: str) -> DataFrame:
    """The events `write_events` wrote, `month` included."""
    return spark.read.schema(OUTPUT_SCHEMA).parquet(out)


def iter_events(events: DataFrame) -> Iterator[Event]:
    """The SPEC records of an events DataFrame, in a stable order (article, then position in the text), one
    partition at a time on the driver."""
    ordered = events.select(*EVENT_SCHEMA.names).orderBy("article_id", F.col("span")[0], F.col("span")[1], "id")
    for row in ordered.toLocalIterator():
        yield event_from_row(row)


def write_jsonl(events: DataFrame, out: IO[str]) -> int:
    """Write an events DataFrame as `eventwire extract` writes JSONL; returns the number of events."""
    count = 0
    for event in iter_events(events):
        write_events_jsonl([event], out)
        count += 1
    return count


def events_as_json(events: DataFrame) -> list[dict[str, Any]]:
    """The SPEC JSON objects of an events DataFrame, collected on the driver (for tests and small runs)."""
    return [event.model_dump(mode="json") for event in iter_events(events)]
