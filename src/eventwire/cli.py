"""The command line: `eventwire extract`, `eventwire evaluate`, and the store's commands (`store/commands.py`)."""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from collections.abc import Sequence
from contextlib import ExitStack

from . import __version__
from .spark.commands import add_spark_commands
from .store.commands import add_store_commands
from .stories.commands import add_story_commands
from .web.commands import add_web_commands


def _extract(args: argparse.Namespace) -> int:
    from .output import write_jsonl, write_table
    from .parallel import ParallelExtractor, WorkerCrashed
    from .parallel import available as parallel_available
    from .pipeline import Extractor
    from .readers import ReadProblem, read_articles

    problems: list[ReadProblem] = []

    def report(problem: ReadProblem) -> None:
        problems.append(problem)
        print(f"eventwire: skipped {problem}", file=sys.stderr)

    try:
        extractor = Extractor(lexicons=args.lexicon, codebook=args.codebook, batch_size=args.batch_size)
    except (OSError, ValueError) as exc:  # a user's lexicon or codebook file that cannot be used
        print(f"eventwire: {exc}", file=sys.stderr)
        return 2
    fmt = args.format or ("table" if sys.stdout.isatty() else "jsonl")
    workers = args.workers
    if workers > 1 and not parallel_available():
        print("eventwire: --workers needs the 'fork' start method, which this system lacks; one process",
              file=sys.stderr)
        workers = 1
    articles = read_articles(args.paths, on_problem=report, stdin=sys.stdin)
    with ExitStack() as stack:  # the workers stop with the command, whatever ends it
        if workers > 1:
            stream = stack.enter_context(ParallelExtractor(extractor, workers)).extract(articles)
        else:
            stream = extractor.extract(articles)
        try:
            if fmt == "jsonl":
                for _, events in stream:
                    write_jsonl(events, sys.stdout)
                    sys.stdout.flush()
            else:
                write_table([ev for _, events in stream for ev in events], sys.stdout)
        except WorkerCrashed as exc:
            print(f"eventwire: {exc}", file=sys.stderr)
            return 1
    summary = extractor.report.summary()
    if problems:
        summary += f"; {len(problems)} input problems"
    print(f"eventwire: {summary}", file=sys.stderr)
    return 0 if extractor.report.articles or not problems else 1


def _evaluate(args: argparse.Namespace) -> int:
    from .scoring import (
        ScoringInputError,
        format_events_report,
        format_stories_report,
        score_events,
        score_stories,
    )

    try:
        result = score_stories(args.gold, args.system) if args.stories else score_events(args.gold, args.system)
    except (ScoringInputError, OSError) as exc:
        print(f"eventwire evaluate: {exc}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(result))
    else:
        print(format_stories_report(result) if args.stories else format_events_report(result), end="")
    return 0


def _bench(args: argparse.Namespace) -> int:
    from .bench import run_bench

    try:
        lines = run_bench(args.paths, batch_size=args.batch_size, repeat=args.repeat, workers=args.workers)
    except ValueError as exc:
        print(f"eventwire bench: {exc}", file=sys.stderr)
        return 2
    print("\n".join(lines))
    return 0


def _workers(value: str) -> int:
    n = int(value)
    if n < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return n


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="eventwire", description="Source-attributed political events from news.")
    parser.add_argument("--version", action="version", version=f"eventwire {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="log what happens to each article")
    sub = parser.add_subparsers(dest="command", required=True)

    ex = sub.add_parser("extract", help="print the events of articles (JSONL, seed-layout text, dirs, globs, -)")
    ex.add_argument("paths", nargs="*", default=["-"], help="files, directories, globs; - for stdin")
    ex.add_argument("--format", choices=("jsonl", "table"), help="default: table on a terminal, else jsonl")
    ex.add_argument("--lexicon", action="append", default=[], metavar="TSV",
                    help="your own actor lexicon (phrase, code, sector, name, kind); repeatable")
    ex.add_argument("--codebook", default=os.environ.get("EVENTWIRE_CODEBOOK"), help="a codebook TOML to use instead")
    ex.add_argument("--batch-size", type=int, default=32, help="articles per spaCy batch")
    ex.add_argument("--workers", type=_workers, default=1, metavar="N",
                    help="extract in N processes forked after the model is loaded (same output, in order)")
    ex.set_defaults(run=_extract)

    be = sub.add_parser("bench", help="extraction throughput against a bare nlp.pipe over the same texts")
    be.add_argument("paths", nargs="+", help="files, directories, globs")
    be.add_argument("--batch-size", type=int, default=32)
    be.add_argument("--repeat", type=int, default=3, help="timed rounds; the fastest of each is reported")
    be.add_argument("--workers", type=_workers, default=2, metavar="N",
                    help="also time extraction in 1 and in N worker processes")
    be.set_defaults(run=_bench)

    ev = sub.add_parser("evaluate", help="score system events (or stories) against gold (SPEC §8)")
    ev.add_argument("gold")
    ev.add_argument("system")
    ev.add_argument("--stories", action="store_true", help="score story clustering; gold is a TSV")
    ev.add_argument("--json", action="store_true", help="print one JSON object")
    ev.set_defaults(run=_evaluate)

    add_store_commands(sub)
    add_story_commands(sub)
    add_web_commands(sub)
    add_spark_commands(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING,
                        format="eventwire: %(levelname)s %(message)s")
    try:
        return args.run(args)
    except BrokenPipeError:  # `eventwire extract ... | head` is normal use
        sys.stderr.close()
        return 0
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
