"""`eventwire spark`: the extraction job on Apache Spark. pyspark is imported only when the command runs, so
the base install lists the command and says what to install."""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from collections.abc import Iterator
from typing import IO

from . import INSTALL_HINT, available

FORMATS = ("jsonl", "parquet", "warc")


def add_spark_commands(subparsers: argparse._SubParsersAction) -> None:
    sp = subparsers.add_parser(
        "spark",
        help="extract events with Apache Spark: JSONL, Parquet or WARC in, Parquet partitioned by month out",
        description="Runs the extraction of `eventwire extract` over Spark, one model per Python worker, and "
        "writes the events as Parquet under DIR, one month=YYYY-MM directory per publication month. "
        "Needs the spark extra: pip install 'eventwire[spark]'.",
    )
    sp.add_argument("inputs", nargs="+", metavar="INPUT",
                    help="files, directories, globs, or hdfs:// s3a:// ... paths (JSONL, Parquet, WARC)")
    sp.add_argument("--out", required=True, metavar="DIR", help="the Parquet output directory")
    sp.add_argument("--format", choices=FORMATS, help="the input format (default: from each input's name)")
    sp.add_argument("--master", help="Spark master, e.g. local[2] (default: Spark's configuration, else local[*])")
    sp.add_argument("--lexicon", action="append", default=[], metavar="TSV",
                    help="your own actor lexicon; repeatable (a path every executor can read)")
    sp.add_argument("--codebook", default=os.environ.get("EVENTWIRE_CODEBOOK"), help="a codebook TOML to use instead")
    sp.add_argument("--batch-size", type=_positive, default=32, help="articles per spaCy batch")
    sp.add_argument("--partitions", type=_positive, metavar="N",
                    help="spread the articles over N partitions (default: at least Spark's default parallelism)")
    sp.add_argument("--jsonl", metavar="FILE", help="also write the events as SPEC JSONL, as `eventwire extract` "
                                                    "does, read back from the Parquet output (- for stdout)")
    sp.add_argument("--overwrite", action="store_true", help="replace DIR if it exists")
    sp.set_defaults(run=_spark)


def _positive(value: str) -> int:
    number = int(value)
    if number < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return number


def _spark(args: argparse.Namespace) -> int:
    if not available():
        print(f"eventwire spark: {INSTALL_HINT}", file=sys.stderr)
        return 2
    if os.path.exists(args.out) and not args.overwrite:  # say it before Spark takes its time to start
        print(f"eventwire spark: {args.out} exists; use --overwrite to replace it", file=sys.stderr)
        return 2
    lexicons = [os.path.abspath(p) for p in args.lexicon]  # the workers need not share our directory
    codebook = os.path.abspath(args.codebook) if args.codebook else None
    error = _check_user_data(lexicons, codebook)
    if error:
        print(f"eventwire spark: {error}", file=sys.stderr)
        return 2
    from pyspark.errors import AnalysisException

    from .inputs import InputError

    try:
        with _session(args.master, args.verbose) as spark:
            return _run(spark, args, lexicons, codebook)
    except (InputError, AnalysisException) as exc:  # an input or output path Spark cannot use
        print(f"eventwire spark: {_first_line(exc)}", file=sys.stderr)
        return 2


def _check_user_data(lexicons: list[str], codebook: str | None) -> str | None:
    """A user's lexicon or codebook that cannot be used, found now rather than on every executor."""
    if not lexicons and not codebook:
        return None
    from eventwire.pipeline import Extractor

    try:
        Extractor(lexicons=lexicons, codebook=codebook)
    except (OSError, ValueError) as exc:
        return str(exc)
    return None


@contextlib.contextmanager
def _session(master: str | None, verbose: bool) -> Iterator:
    from pyspark.sql import SparkSession

    from .job import session

    existing = SparkSession.getActiveSession()  # run from a notebook or a test: leave its session running
    spark = session(master)
    if not verbose:
        spark.sparkContext.setLogLevel("ERROR")  # Spark's start-up warnings are not the user's problem
    try:
        yield spark
    finally:
        if existing is None:
            spark.stop()


def _run(spark, args: argparse.Namespace, lexicons: list[str], codebook: str | None) -> int:
    from eventwire.readers import ReadProblem

    from .inputs import read_articles
    from .job import RunTally, extract, read_events, write_events, write_jsonl

    problems: list[ReadProblem] = []

    def report(problem: ReadProblem) -> None:
        problems.append(problem)
        print(f"eventwire: skipped {problem}", file=sys.stderr)

    articles = read_articles(spark, args.inputs, args.format, report)
    if articles is None:
        print("eventwire: nothing to read", file=sys.stderr)
        return 1
    tally = RunTally(spark)
    events = extract(articles, lexicons=lexicons, codebook=codebook, batch_size=args.batch_size,
                     partitions=args.partitions, tally=tally)
    write_events(events, args.out, overwrite=args.overwrite)
    _report_worker_problems(tally)
    if args.jsonl:
        with _open_out(args.jsonl) as out:
            write_jsonl(read_events(spark, args.out), out)
    print(f"eventwire: {tally.summary(len(problems))}; events written to {args.out}", file=sys.stderr)
    return 0 if tally.value.articles or not (problems or tally.value.problems) else 1


def _report_worker_problems(tally) -> None:
    """The first problems the workers met, with the line of a malformed JSONL record when it can be found."""
    from .inputs import display_path, line_of

    value = tally.value
    for source, message, raw in value.samples:
        where = display_path(source)
        line = line_of(source, raw) if raw is not None else None
        print(f"eventwire: skipped {where}{f':{line}' if line else ''}: {message}", file=sys.stderr)
    if value.problems > len(value.samples):
        print(f"eventwire: ... and {value.problems - len(value.samples)} more input problems", file=sys.stderr)


@contextlib.contextmanager
def _open_out(path: str) -> Iterator[IO[str]]:
    if path == "-":
        yield sys.stdout
        return
    with open(path, "w", encoding="utf-8") as fh:
        yield fh


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__
