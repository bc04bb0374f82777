"""The store's commands: `eventwire ingest`, `events`, `articles`, `actors`, `summary`, `export`."""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO

from . import DB_ENV, DEFAULT_DB, StoreError

LATEST = 10  # events in the summary
TOP_ACTORS = 10


def add_store_commands(subparsers: argparse._SubParsersAction) -> None:
    """Register ingest, events, articles, actors, summary and export on the `eventwire` parser."""
    db_help = f"the store: a SQLite file or a postgresql:// URL (default: ${DB_ENV}, else ./{DEFAULT_DB})"

    ing = subparsers.add_parser("ingest", help="extract events from articles into the store (idempotent)")
    ing.add_argument(
        "paths",
        nargs="+",
        metavar="PATH|URL",
        help="files, directories, globs, http(s) URLs, - for stdin: JSONL, seed-layout text, "
        "HTML pages, RSS/Atom feeds, WARC archives",
    )
    ing.add_argument("--db", help=db_help)
    ing.add_argument("--workers", type=_positive, default=1, help="extraction processes (default 1)")
    ing.add_argument("--fetch", action="store_true", help="fetch the page each feed entry links to")
    ing.add_argument(
        "--allow-private",
        action="store_true",
        help="let fetches reach private, loopback and link-local addresses (a local server)",
    )
    ing.add_argument("--timeout", type=float, default=20.0, help="seconds per fetch, redirects included")
    ing.add_argument("--max-bytes", type=_positive, default=5 * 1024 * 1024, help="largest page or feed fetched")
    ing.add_argument("--lexicon", action="append", default=[], metavar="TSV", help="your own actor lexicon")
    ing.add_argument("--codebook", default=os.environ.get("EVENTWIRE_CODEBOOK"), help="a codebook TOML")
    ing.add_argument("--batch-size", type=_positive, default=32, help="articles per spaCy batch")
    ing.add_argument("--force", action="store_true", help="re-extract articles even when nothing changed")
    ing.add_argument("--summary", action="store_true", help="then print what the store holds")
    ing.set_defaults(run=_ingest)

    ev = _query_parser(subparsers, "events", "events in the store, filtered", db_help)
    _event_filters(ev)
    ev.add_argument("--limit", type=_positive)
    ev.set_defaults(run=_events)

    ar = _query_parser(subparsers, "articles", "articles in the store", db_help)
    ar.add_argument("--id", action="extend", type=_words, default=[], help="article ids")
    ar.add_argument("--language", action="extend", type=_words, default=[])
    ar.add_argument("--outlet", action="append", default=[])
    ar.add_argument("--since", type=_date, help="published on or after YYYY[-MM[-DD]]")
    ar.add_argument("--until", type=_date, help="published on or before YYYY[-MM[-DD]]")
    ar.add_argument("--limit", type=_positive)
    ar.add_argument("--with-text", action="store_true", help="include the article texts (jsonl, csv, parquet)")
    ar.set_defaults(run=_articles)

    ac = _query_parser(subparsers, "actors", "actor codes with their event counts, as actor and as recipient", db_help)
    _event_filters(ac)
    ac.add_argument("--limit", type=_positive)
    ac.set_defaults(run=_actors)

    su = subparsers.add_parser("summary", help="articles, events by type, most active actors, latest events")
    su.add_argument("--db", help=db_help)
    su.add_argument("--latest", type=int, default=LATEST, help=f"latest events shown (default {LATEST})")
    su.set_defaults(run=_summary)

    ex = subparsers.add_parser("export", help="the whole store as PLOVER 2.0 JSON records or flat files")
    ex.add_argument("--db", help=db_help)
    ex.add_argument("--format", choices=("plover", "csv", "parquet"), default="plover")
    ex.add_argument("-o", "--output", help="plover: a file (default stdout); csv, parquet: a directory (required)")
    ex.set_defaults(run=_export)


def _query_parser(subparsers, name: str, help_text: str, db_help: str) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(name, help=help_text)
    parser.add_argument("--db", help=db_help)
    parser.add_argument(
        "--format", choices=("table", "jsonl", "csv", "parquet"), help="default: table on a terminal, else jsonl"
    )
    parser.add_argument("-o", "--output", help="write to this file instead of stdout")
    return parser


def _event_filters(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("filters (repeat an option or give a comma list for 'any of')")
    group.add_argument("--actor", action="extend", type=_words, default=[], metavar="CODE")
    group.add_argument("--recipient", action="extend", type=_words, default=[], metavar="CODE")
    group.add_argument("--type", dest="types", action="extend", type=_words, default=[], metavar="TYPE")
    group.add_argument("--mode", action="extend", type=_words, default=[])
    group.add_argument("--since", type=_date, help="event date on or after YYYY[-MM[-DD]]")
    group.add_argument("--until", type=_date, help="event date on or before YYYY[-MM[-DD]]")
    group.add_argument(
        "--certainty", action="extend", type=_words, default=[], help="asserted, hedged, denied, planned"
    )
    group.add_argument("--language", action="extend", type=_words, default=[])
    group.add_argument("--outlet", action="append", default=[])
    group.add_argument(
        "--said-by",
        action="append",
        default=[],
        metavar="SOURCE",
        help="a source's code or words of its name; - for events in the article's own voice",
    )
    group.add_argument("--text", help="full-text search in the event sentence")
    group.add_argument("--article", action="extend", type=_words, default=[], metavar="ID")


def _words(value: str) -> list[str]:
    return [v.strip() for v in value.split(",") if v.strip()]


def _positive(value: str) -> int:
    number = int(value)
    if number < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return number


def _date(value: str) -> str:
    from eventwire.readers import valid_date

    if not valid_date(value):
        raise argparse.ArgumentTypeError(f"{value!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
    return value


def _open(db: str | None):
    from .db import open_store

    return open_store(db)


def _store_command(run: Callable[[argparse.Namespace], int]) -> Callable[[argparse.Namespace], int]:
    def wrapper(args: argparse.Namespace) -> int:
        try:
            return run(args)
        except StoreError as exc:
            print(f"eventwire: {exc}", file=sys.stderr)
            return 2

    return wrapper


# --- ingest -------------------------------------------------------------------------------------------------


@_store_command
def _ingest(args: argparse.Namespace) -> int:
    from concurrent.futures.process import BrokenProcessPool

    from tqdm import tqdm

    from eventwire.readers import ReadProblem

    from .db import describe, open_store, resolve_url
    from .ingest import Ingestor
    from .inputs import FetchPolicy, InputOptions, read_inputs
    from .worker import Settings

    problems: list[ReadProblem] = []

    def report(problem: ReadProblem) -> None:
        problems.append(problem)
        (bar.write if bar is not None else print)(f"eventwire: skipped {problem}", file=sys.stderr)

    for path in (args.codebook, *args.lexicon):
        if path and not Path(path).is_file():
            raise StoreError(f"no such file: {path}")
    url = resolve_url(args.db)
    engine = open_store(url, create=True, writer=True)
    options = InputOptions(args.fetch, FetchPolicy(args.allow_private, args.timeout, args.max_bytes))
    settings = Settings(tuple(args.lexicon), args.codebook, args.batch_size)
    bar = None
    if sys.stderr.isatty():
        bar = tqdm(unit=" articles", file=sys.stderr, bar_format="{n_fmt} articles [{elapsed}, {rate_noinv_fmt}]")
    try:
        ingestor = Ingestor(
            engine, settings, workers=args.workers, force=args.force, progress=bar.update if bar is not None else None
        )
        result = ingestor.run(read_inputs(args.paths, report, options, stdin=sys.stdin))
    except BrokenProcessPool:
        raise StoreError(
            "a worker process died (out of memory?); what was written is kept: run the same command again to go on"
        ) from None
    finally:
        if bar is not None:
            bar.close()
    summary = result.summary() + (f"; {len(problems)} input problems" if problems else "")
    print(f"eventwire: {describe(url)}: {summary}", file=sys.stderr)
    if args.summary:
        with engine.connect() as conn:
            _print_summary(conn, describe(url), LATEST, sys.stdout)
    engine.dispose()
    return 0 if result.read or not problems else 1


# --- queries ------------------------------------------------------------------------------------------------


def _event_filter(args: argparse.Namespace):
    from .query import EventFilter

    return EventFilter(
        actor=args.actor,
        recipient=args.recipient,
        types=args.types,
        modes=args.mode,
        since=args.since,
        until=args.until,
        certainty=args.certainty,
        language=args.language,
        outlet=args.outlet,
        said_by=args.said_by,
        text=args.text,
        articles=args.article,
        limit=getattr(args, "limit", None),
    )


@contextlib.contextmanager
def _output(args: argparse.Namespace, fmt: str) -> Iterator[IO]:
    if fmt == "parquet":
        if args.output:
            with open(args.output, "wb") as out:
                yield out
            return
        if sys.stdout.isatty():
            raise StoreError("Parquet is binary: write it to a file with --output FILE")
        yield sys.stdout.buffer
        return
    if args.output:
        with open(args.output, "w", encoding="utf-8", newline="") as out:
            yield out
    else:
        yield sys.stdout


def _format(args: argparse.Namespace) -> str:
    return args.format or ("table" if sys.stdout.isatty() and not args.output else "jsonl")


@_store_command
def _events(args: argparse.Namespace) -> int:
    from eventwire.output import write_jsonl, write_table

    from . import formats, query

    fmt = _format(args)
    engine = _open(args.db)
    with engine.connect() as conn, _output(args, fmt) as out:
        stream = query.stored_events(conn, _event_filter(args))
        if fmt == "jsonl":
            write_jsonl((s.event for s in stream), out)
        elif fmt == "table":
            write_table([s.event for s in stream], out)
        elif fmt == "csv":
            formats.write_csv(map(formats.flat_event, stream), out, formats.EVENT_COLUMNS)
        else:
            formats.write_parquet(map(formats.flat_event, stream), out, formats.EVENT_COLUMNS)
    return 0


@_store_command
def _articles(args: argparse.Namespace) -> int:
    from . import formats, query

    fmt = _format(args)
    flt = query.ArticleFilter(
        ids=args.id, language=args.language, outlet=args.outlet, since=args.since, until=args.until, limit=args.limit
    )
    engine = _open(args.db)
    with engine.connect() as conn, _output(args, fmt) as out:
        records = query.articles(conn, flt, with_text=args.with_text)
        columns = formats.ARTICLE_COLUMNS | ({"text": "string"} if args.with_text else {})
        if fmt == "jsonl":
            formats.write_jsonl(records, out)
        elif fmt == "table":
            shown = ("id", "published", "language", "outlet", "events", "same_text_as", "title")
            formats.write_table(records, out, shown)
        else:
            rows = (formats.flat_article(r) | ({"text": r["text"]} if args.with_text else {}) for r in records)
            if fmt == "csv":
                formats.write_csv(rows, out, columns)
            else:
                formats.write_parquet(rows, out, columns)
    return 0


@_store_command
def _actors(args: argparse.Namespace) -> int:
    from . import formats, query

    fmt = _format(args)
    flt = _event_filter(args)
    flt.limit = None
    engine = _open(args.db)
    with engine.connect() as conn, _output(args, fmt) as out:
        rows = query.actor_counts(conn, flt, limit=args.limit)
        if fmt == "jsonl":
            formats.write_jsonl(rows, out)
        elif fmt == "table":
            formats.write_table(rows, out, formats.ACTOR_COLUMNS)
        elif fmt == "csv":
            formats.write_csv(rows, out, formats.ACTOR_COLUMNS)
        else:
            formats.write_parquet(rows, out, formats.ACTOR_COLUMNS)
    return 0


@_store_command
def _summary(args: argparse.Namespace) -> int:
    from .db import describe, open_store, resolve_url

    url = resolve_url(args.db)
    engine = open_store(url)
    with engine.connect() as conn:
        _print_summary(conn, describe(url), args.latest, sys.stdout)
    return 0


def _print_summary(conn, where: str, latest: int, out: IO) -> None:
    from eventwire.output import write_table

    from . import query

    counts = query.counts(conn)
    out.write(f"Store {where}: {counts['articles']} articles ({counts['coded']} coded), {counts['events']} events\n")
    if counts["by_type"]:
        out.write("Events by type: " + ", ".join(f"{t} {n}" for t, n in counts["by_type"].items()) + "\n")
    actors = query.actor_counts(conn, limit=TOP_ACTORS)
    if actors:
        ranked = ", ".join(f"{a['code']} {a['as_actor']}+{a['as_recipient']}" for a in actors)
        out.write(f"Most active actors (events as actor + as recipient): {ranked}\n")
    events = query.latest_events(conn, latest) if latest > 0 else []
    if events:
        out.write(f"\nLatest {len(events)} events:\n")
        write_table(events, out)


@_store_command
def _export(args: argparse.Namespace) -> int:
    from .export import export_flat, export_plover

    engine = _open(args.db)
    with engine.connect() as conn:
        if args.format == "plover":
            if args.output:
                with open(args.output, "w", encoding="utf-8") as out:
                    n = export_plover(conn, out)
            else:
                n = export_plover(conn, sys.stdout)
            print(f"eventwire: exported {n} events as PLOVER 2.0 records", file=sys.stderr)
            return 0
        if not args.output:
            raise StoreError(f"--format {args.format} writes a directory of files: give it with --output DIR")
        written = export_flat(conn, Path(args.output), args.format)
    print(
        "eventwire: exported " + ", ".join(f"{n} {name}" for name, n in written.items()) + f" to {args.output}/",
        file=sys.stderr,
    )
    return 0
