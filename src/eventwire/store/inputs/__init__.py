"""Everything `eventwire ingest` reads: the core formats (JSONL, seed-layout text, stdin) through
`eventwire.readers`, plus HTML pages, RSS/Atom feeds, WARC archives and http(s) URLs.

A file's kind comes from its name (`.html`, `.rss`/`.atom`/`.xml`, `.warc`/`.warc.gz`); a file named
explicitly with another ending is sniffed. Directories and globs take all of these kinds. Bad input never
raises: it goes to the `on_problem` callback and reading goes on.
"""

from __future__ import annotations

import gzip
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from eventwire.readers import ARTICLE_SUFFIXES, ReadProblem, Report, list_files, read_articles
from eventwire.records import Article

from .feeds import articles_from_feed
from .fetch import FetchError, FetchPolicy, fetch, is_url
from .html import article_from_html
from .warc import articles_from_warc

HTML_SUFFIXES = (".html", ".htm", ".xhtml")
FEED_SUFFIXES = (".rss", ".atom", ".xml")
WARC_SUFFIXES = (".warc", ".warc.gz")
ALL_SUFFIXES = (*sorted(ARTICLE_SUFFIXES), *HTML_SUFFIXES, *FEED_SUFFIXES, *WARC_SUFFIXES)
_FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/xml", "text/xml")
_SNIFF_BYTES = 2048

__all__ = ["ALL_SUFFIXES", "FetchError", "FetchPolicy", "InputOptions", "read_inputs"]


@dataclass(frozen=True)
class InputOptions:
    fetch_links: bool = False  # fetch the page each feed entry links to
    policy: FetchPolicy = field(default_factory=FetchPolicy)


def read_inputs(
    args: Iterable[str], on_problem: Report, options: InputOptions | None = None, stdin=None
) -> Iterator[Article]:
    """Articles from files, directories, globs, URLs and "-" (stdin), in order."""
    options = options or InputOptions()
    for arg in args:
        if arg == "-":
            yield from read_articles(["-"], on_problem=on_problem, stdin=stdin)
        elif is_url(arg):
            yield from _read_url(arg, on_problem, options)
        else:
            for path in list_files(arg, on_problem, ALL_SUFFIXES):
                yield from _read_path(path, on_problem, options)


def _read_path(path: str, report: Report, options: InputOptions) -> Iterator[Article]:
    kind = _kind(path)
    if kind == "warc":
        yield from articles_from_warc(path, report, options.policy.max_bytes)
        return
    if kind is None:
        yield from read_articles([path], on_problem=report)
        return
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        report(ReadProblem(path, None, f"cannot read: {exc.strerror or exc}"))
        return
    if kind == "feed":
        yield from articles_from_feed(data, path, report, fetch=_fetcher(options))
        return
    article = article_from_html(data, fallback_id=Path(path).stem, source=path)
    if article is None:
        report(ReadProblem(path, None, "no article text in the page; skipped"))
    else:
        yield article


def _read_url(url: str, report: Report, options: InputOptions) -> Iterator[Article]:
    try:
        page = fetch(url, options.policy)
    except FetchError as exc:
        report(ReadProblem(url, None, f"not fetched: {exc}"))
        return
    if page.content_type in _FEED_TYPES or _sniff(page.body[:_SNIFF_BYTES]) == "feed":
        yield from articles_from_feed(page.body, url, report, feed_url=page.url, fetch=_fetcher(options))
        return
    article = article_from_html(page.body, url=page.url, article_id=url, source=url)
    if article is None:
        report(ReadProblem(url, None, f"no article text in the page ({page.content_type or 'no content type'})"))
    else:
        yield article


def _fetcher(options: InputOptions):
    return partial(fetch, policy=options.policy) if options.fetch_links else None


def _kind(path: str) -> str | None:
    """ "html", "feed", "warc", or None for the core formats (JSONL, text)."""
    name = path.lower()
    if name.endswith(WARC_SUFFIXES):
        return "warc"
    if name.endswith(HTML_SUFFIXES):
        return "html"
    if name.endswith(FEED_SUFFIXES):
        return "feed"
    if name.endswith(tuple(ARTICLE_SUFFIXES)):
        return None
    try:  # a file named on the command line with some other name
        with open(path, "rb") as fh:
            head = fh.read(_SNIFF_BYTES)
        if head.startswith(b"\x1f\x8b"):
            with gzip.open(path, "rb") as fh:
                head = fh.read(_SNIFF_BYTES)
    except (OSError, EOFError):
        return None  # read_articles reports it
    return _sniff(head)


def _sniff(head: bytes) -> str | None:
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if start.startswith((b"warc/", b"filedesc://")):
        return "warc"
    if start.startswith(b"<?xml"):
        start = start[start.find(b"?>") + 2 :].lstrip()
        while start.startswith(b"<!--"):
            start = start[start.find(b"-->") + 3 :].lstrip()
    if start.startswith((b"<rss", b"<feed", b"<rdf:rdf")):
        return "feed"
    if start.startswith((b"<!doctype html", b"<html")):
        return "html"
    return None
