"""The story commands: `eventwire stories`, `eventwire story ID`, `eventwire recluster`.

On input files, articles are read, French ones coded, and every article (any language) clustered.
With `--state FILE` the clustering is incremental: the saved index is loaded, new articles join it online,
and it is saved again; `recluster --state FILE` rebuilds its stories in batch.

Without PATH and `--state` (or with `--db`) they work on the store, whose stories `eventwire ingest` keeps:
`stories` lists them, `story ID` prints a timeline from the stored events, and `recluster` rebuilds them all
in batch (`store/stories.py`).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import deque
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TextIO

from ..records import Article, Event

TABLE_COLUMNS = ("story", "dates", "size", "languages", "key actors", "title")


def add_story_commands(subparsers: argparse._SubParsersAction) -> None:
    """Register stories, story and recluster on the `eventwire` parser."""
    st = subparsers.add_parser("stories", help="group articles into stories (SPEC §9), across outlets and languages")
    _inputs(st, required=False)
    _db(st)
    st.add_argument("--format", choices=("table", "jsonl"), default="table",
                    help="table (default) or jsonl: {article_id, story_id} per article")
    _clustering(st)
    st.set_defaults(run=_stories)

    one = subparsers.add_parser("story", help="a story's timeline of corroborated events with their sources")
    one.add_argument("story_id", metavar="ID", help="a story id (or a unique prefix) from `eventwire stories`")
    _inputs(one, required=False)
    _db(one)
    one.add_argument("--format", choices=("text", "json"), default="text")
    _clustering(one)
    one.set_defaults(run=_story)

    rc = subparsers.add_parser("recluster", help="rebuild the stories of the store (or of a --state file) in batch")
    rc.add_argument("--state", metavar="FILE", help="the story index file to rebuild (default: the store's)")
    _db(rc)
    rc.add_argument("--lexicon", action="append", default=[], metavar="TSV", help="your own actor lexicon")
    rc.add_argument("--window-days", type=_days, help="days between an article and a story it may join")
    rc.add_argument("--format", choices=("table", "jsonl"), default="table")
    rc.set_defaults(run=_recluster)


def _inputs(parser: argparse.ArgumentParser, required: bool) -> None:
    parser.add_argument("paths", nargs="+" if required else "*", metavar="PATH",
                        help="articles: files, directories, globs, - for stdin")
    parser.add_argument("--lexicon", action="append", default=[], metavar="TSV", help="your own actor lexicon")
    parser.add_argument("--batch-size", type=_positive, default=32, help="articles per spaCy batch")


def _db(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", help="the store: a SQLite file or a postgresql:// URL (default: $EVENTWIRE_DB, "
                        "else ./eventwire.db); used when no PATH and no --state are given")


def _from_store(args: argparse.Namespace) -> bool:
    return bool(args.db) or (not args.paths and not args.state)


def _clustering(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--window-days", type=_days,
                        help="days between an article and a story it may join (default 5)")
    parser.add_argument("--state", metavar="FILE",
                        help="a story index kept between runs: loaded if it exists, new articles join it "
                        "online, then it is saved")


def _days(value: str) -> int:
    n = int(value)
    if n < 0:
        raise argparse.ArgumentTypeError("must be 0 or more")
    return n


def _positive(value: str) -> int:
    n = int(value)
    if n < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return n


# ------------------------------------------------------------------------------------------ running


class _Run:
    """Articles read, coded and clustered: the index, and the events of each article."""

    def __init__(self, args: argparse.Namespace) -> None:
        from ..pipeline import Extractor
        from .cluster import StoryIndex
        from .features import FeatureMaker

        self.problems = 0
        self.extractor = Extractor(lexicons=args.lexicon, batch_size=args.batch_size)
        maker = FeatureMaker(self.extractor.lexicon)
        self.state = Path(args.state) if args.state else None
        exists = self.state is not None and self.state.exists()
        self.index = load_state(self.state, maker) if exists else StoryIndex(maker=maker)
        if args.window_days is not None:
            self.index.params.window_days = args.window_days
        self.events: dict[str, list[Event]] = {}

    def ingest(self, paths: list[str]) -> None:
        from ..readers import content_id, read_articles

        def report(problem) -> None:
            self.problems += 1
            print(f"eventwire: skipped {problem}", file=sys.stderr)

        online = self.state is not None
        articles = read_articles(paths, on_problem=report, stdin=sys.stdin) if paths else ()
        for article, events in articles_with_events(articles, self.extractor):
            key = article.id or content_id(article.text)
            self.events[key] = events
            self.index.add(article, events, article_id=key)
        if not online:
            self.index.recluster()

    def save(self) -> None:
        if self.state is not None:
            save_state(self.index, self.state)

    def summary(self) -> str:
        text = f"{len(self.index.articles)} articles in {len(self.index.stories)} stories"
        if self.index.copies.copy_of:
            text += f" ({len(self.index.copies.copy_of)} near-duplicate copies)"
        if self.problems:
            text += f"; {self.problems} input problems"
        return text


def load_state(path: Path, maker=None):
    """The story index saved in `path`; ValueError (for the user) when it cannot be read."""
    from .cluster import StoryIndex

    try:
        return StoryIndex.from_dict(json.loads(path.read_text(encoding="utf-8")), maker)
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ValueError(f"{path}: not a story index eventwire can read ({exc})") from exc


def save_state(index, path: Path) -> None:
    path.write_text(json.dumps(index.to_dict(), ensure_ascii=False), encoding="utf-8")


def articles_with_events(articles: Iterable[Article], extractor) -> Iterator[tuple[Article, list[Event]]]:
    """Every article in input order with its events; articles the extractor does not code get none.
    An article without a language gets the one the extractor detects."""
    pending: deque[Article] = deque()

    def feed() -> Iterator[Article]:
        for article in articles:
            article.lang = extractor.language_of(article)
            pending.append(article)
            yield article

    for article, events in extractor.extract(feed()):
        while pending and pending[0] is not article:
            yield pending.popleft(), []
        pending.popleft()
        yield article, events
    while pending:
        yield pending.popleft(), []


def _ingested(args: argparse.Namespace, command: str) -> _Run | None:
    """The run over the command's input files, its state saved; None (said on stderr) when it cannot start."""
    try:
        run = _Run(args)
    except ValueError as exc:
        print(f"eventwire {command}: {exc}", file=sys.stderr)
        return None
    run.ingest(args.paths)
    run.save()
    return run


def _stories(args: argparse.Namespace) -> int:
    if _from_store(args):
        return _store_call("stories", _stories_from_store, args)
    run = _ingested(args, "stories")
    if run is None:
        return 2
    _write_stories(run.index, args.format, sys.stdout)
    print(f"eventwire: {run.summary()}", file=sys.stderr)
    return 0 if run.index.articles or not run.problems else 1


def _recluster(args: argparse.Namespace) -> int:
    if not args.state:
        return _store_call("recluster", _recluster_store, args)
    path = Path(args.state)
    try:
        index = load_state(path)
    except ValueError as exc:
        print(f"eventwire recluster: {exc}", file=sys.stderr)
        return 2
    if args.window_days is not None:
        index.params.window_days = args.window_days
    before = len(index.stories)
    index.recluster()
    save_state(index, path)
    _write_stories(index, args.format, sys.stdout)
    print(f"eventwire: {len(index.articles)} articles: {before} stories before, {len(index.stories)} after",
          file=sys.stderr)
    return 0


def _story(args: argparse.Namespace) -> int:
    if _from_store(args):
        return _store_call("story", _story_from_store, args)
    run = _ingested(args, "story")
    if run is None:
        return 2
    matches = [sid for sid in run.index.stories if sid.startswith(args.story_id)]
    if len(matches) != 1:
        what = "no story" if not matches else f"{len(matches)} stories"
        print(f"eventwire story: {what} with id {args.story_id!r} ({run.summary()})", file=sys.stderr)
        return 2
    if run.state is not None and not run.events:
        print("eventwire story: events come from the articles; give their PATHs too", file=sys.stderr)
    timeline = story_timeline(run.index, matches[0], run.events)
    if args.format == "json":
        sys.stdout.write(json.dumps(timeline, ensure_ascii=False, indent=2) + "\n")
    else:
        write_timeline(timeline, sys.stdout)
    return 0


# ------------------------------------------------------------------------------------------ the store


def _store_call(name: str, run, args: argparse.Namespace) -> int:
    from ..store import StoreError
    from ..store.db import open_store

    try:
        engine = open_store(args.db)
    except StoreError as exc:
        print(f"eventwire {name}: {exc}", file=sys.stderr)
        return 2
    try:
        return run(engine, args)
    except ValueError as exc:  # a story index this eventwire cannot read
        print(f"eventwire {name}: {exc}", file=sys.stderr)
        return 2
    finally:
        engine.dispose()


def _stories_from_store(engine, args: argparse.Namespace) -> int:
    from sqlalchemy import select

    from ..store.models import ArticleRow, StoryRow

    with engine.connect() as conn:
        if args.format == "jsonl":
            query = select(ArticleRow.id, ArticleRow.story_id).where(ArticleRow.story_id.is_not(None))
            for article_id, sid in conn.execute(query.order_by(ArticleRow.pk)):
                sys.stdout.write(json.dumps({"article_id": article_id, "story_id": sid}, ensure_ascii=False) + "\n")
            return 0
        stories = conn.execute(select(StoryRow)).all()
    stories.sort(key=lambda s: (s.first_date is None, s.first_date or "", s.id))
    rows = [
        {
            "story": s.id,
            "dates": _dates(s.first_date, s.last_date),
            "size": str(s.size),
            "languages": _mix(s.languages or {}),
            "key actors": " ".join(s.key_actors or []),
            "title": s.label or "",
        }
        for s in stories
    ]
    write_table(rows, sys.stdout)
    print(f"eventwire: {len(rows)} stories, {sum(s.size for s in stories)} articles", file=sys.stderr)
    return 0


def _dates(first: str | None, last: str | None) -> str:
    return (first or "?") if first == last else f"{first or '?'}..{last or '?'}"


def _story_from_store(engine, args: argparse.Namespace) -> int:
    from collections import defaultdict

    from ..store import query
    from ..store.stories import load_index

    with engine.connect() as conn:
        index, _ = load_index(conn)
        matches = [sid for sid in index.stories if sid.startswith(args.story_id)]
        if len(matches) != 1:
            what = "no story" if not matches else f"{len(matches)} stories"
            print(f"eventwire story: {what} with id {args.story_id!r} in the store", file=sys.stderr)
            return 2
        events: dict[str, list[Event]] = defaultdict(list)
        members = list(index.stories[matches[0]].members)
        for ev in query.events(conn, query.EventFilter(articles=members)):
            events[ev.article_id].append(ev)
    timeline = story_timeline(index, matches[0], events)
    if args.format == "json":
        sys.stdout.write(json.dumps(timeline, ensure_ascii=False, indent=2) + "\n")
    else:
        write_timeline(timeline, sys.stdout)
    return 0


def _recluster_store(engine, args: argparse.Namespace) -> int:
    from ..store.stories import rebuild

    index, before = rebuild(engine, args.window_days, args.lexicon)
    _write_stories(index, args.format, sys.stdout)
    print(f"eventwire: {len(index.articles)} articles: {before} stories before, {len(index.stories)} after",
          file=sys.stderr)
    return 0


# ------------------------------------------------------------------------------------------ output


def _write_stories(index, fmt: str, out: TextIO) -> None:
    from .summary import summarise

    if fmt == "jsonl":
        for record in index.assignments():
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
        return
    summaries = sorted((summarise(index, sid) for sid in index.stories),
                       key=lambda s: (index.members(s.id)[0].sort_key()))
    rows = [
        {
            "story": s.id,
            "dates": s.dates,
            "size": f"{s.articles}" + (f" ({s.copies} copies)" if s.copies else ""),
            "languages": _mix(s.languages),
            "key actors": " ".join(s.key_actors),
            "title": s.title,
        }
        for s in summaries
    ]
    write_table(rows, out)


def write_table(rows: list[dict[str, str]], out: TextIO, columns: tuple[str, ...] = TABLE_COLUMNS) -> None:
    """An aligned table; every column but the last (the title) is cut to 30 characters."""
    widths = [min(30, max([len(c)] + [len(r[c]) for r in rows])) for c in columns[:-1]]

    def line(cells: list[str]) -> str:
        return "  ".join([c[:w].ljust(w) for c, w in zip(cells, widths, strict=False)] + [cells[-1]]).rstrip()

    out.write(line(list(columns)) + "\n")
    out.write(line(["-" * w for w in widths] + ["-" * len(columns[-1])]) + "\n")
    for row in rows:
        out.write(line([row[c] for c in columns]) + "\n")


def story_timeline(index, story_id: str, events: dict[str, list[Event]]) -> dict:
    """A story with its corroborated events in time order (undated ones last), as plain data."""
    from .corroborate import corroborate
    from .summary import summarise

    members = index.members(story_id)
    merged = corroborate(members, events, index.copies.copy_of)
    merged.sort(key=lambda g: (g.date is None, g.date or "", g.first_report().order))
    return {**summarise(index, story_id).to_dict(), "events": [g.to_dict(story_id) for g in merged]}


def _mix(languages: dict[str, int]) -> str:
    return " ".join(f"{lang}:{n}" for lang, n in languages.items())


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'s' if n != 1 else ''}"


def write_timeline(timeline: dict, out: TextIO) -> None:
    from .corroborate import certainty_phrase

    out.write(f"{timeline['id']}  {timeline['title']}\n")
    outlets = f"; outlets: {', '.join(timeline['outlets'])}" if timeline["outlets"] else ""
    out.write(f"  {timeline['dates']}; {timeline['articles']} articles ({_mix(timeline['languages'])}){outlets}\n")
    out.write(f"  key actors: {' '.join(timeline['key_actors'])}\n  {timeline['summary']}\n\n")
    if not timeline["events"]:
        out.write("  (no coded events)\n")
    for ev in timeline["events"]:
        who = f"{'+'.join(ev['actor']) or '-'} → {'+'.join(ev['recipient']) or '-'}"
        mode = f" ({ev['mode']})" if ev["mode"] else ""
        reach = _count(ev["articles"], "article")
        if ev["outlets"]:
            reach += f", {_count(len(ev['outlets']), 'outlet')}"
        out.write(f"{ev['date'] or '(undated)':10}  {ev['event']}{mode} {who}: {reach}; "
                  f"{certainty_phrase(ev['certainty'])}\n")
        first = ev["first_report"]
        out.write(f"            first reported by {first['article_id']} ({first['outlet'] or '?'}, "
                  f"{first['published'] or 'undated'})\n")
        if ev["sources"]:
            sources = ", ".join(f"{s['source']} ({s['articles']})" for s in ev["sources"])
            out.write(f"            sources: {sources}\n")
        if ev["copies"]:
            out.write(f"            also in copies: {', '.join(ev['copies'])}\n")
