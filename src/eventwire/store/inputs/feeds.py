"""RSS and Atom feeds: one article per entry.

Without fetching, an entry's article is its own content (or summary). With a fetch function (`--fetch`), the
page each entry links to is fetched and its main text used; the entry's title, date and language fill in what
the page does not say. Either way the article id is the entry's link (else its guid), so fetching later
replaces the summary's events with the full text's.
"""

from __future__ import annotations

import io
import time
from collections.abc import Callable, Iterator

import feedparser

from eventwire.readers import ReadProblem, Report, content_id
from eventwire.records import Article

from .fetch import Fetched, FetchError
from .html import article_from_html, html_to_text

Fetch = Callable[[str], Fetched]


def articles_from_feed(
    data: bytes, source: str, report: Report, *, feed_url: str | None = None, fetch: Fetch | None = None
) -> Iterator[Article]:
    headers = {"content-location": feed_url} if feed_url else None
    parsed = feedparser.parse(io.BytesIO(data), response_headers=headers)  # a stream: never a URL or a path
    if not parsed.entries:
        if parsed.get("bozo"):
            report(ReadProblem(source, None, f"not a readable RSS or Atom feed ({parsed.get('bozo_exception')})"))
        return
    outlet = " ".join((parsed.feed.get("title") or "").split()) or None
    feed_lang = _language(parsed.feed.get("language"))
    for number, entry in enumerate(parsed.entries, 1):
        where = f"{source} entry {number}"
        article = _entry_article(entry, where, report, outlet, feed_lang, fetch)
        if article is not None:
            yield article


def _entry_article(
    entry, where: str, report: Report, outlet: str | None, feed_lang: str | None, fetch: Fetch | None
) -> Article | None:
    link = entry.get("link") or None
    title = " ".join((entry.get("title") or "").split()) or None
    date = _date(entry.get("published_parsed") or entry.get("updated_parsed"))
    content = entry.get("content") or []
    lang = _language(content[0].get("language") if content else None) or feed_lang

    if fetch is not None and link:
        try:
            page = fetch(link)
        except FetchError as exc:
            report(ReadProblem(where, None, f"{link}: {exc}; the entry's own text is used"))
        else:
            article = article_from_html(page.body, url=page.url, article_id=link, source=where)
            if article is not None:
                article.url = link
                article.title = article.title or title
                article.date = article.date or date
                article.lang = article.lang or lang
                article.outlet = outlet or article.outlet
                return article
            report(ReadProblem(where, None, f"{link}: no article text in the page; the entry's own text is used"))

    text = html_to_text(content[0].get("value") if content else entry.get("summary"))
    if not text:
        report(ReadProblem(where, None, "the entry has no text (--fetch fetches the page it links to)"))
        return None
    return Article(
        text=text,
        id=link or entry.get("id") or content_id(text),
        url=link,
        date=date,
        lang=lang,
        title=title,
        source=where,
        outlet=outlet,
    )


def _date(parsed: time.struct_time | None) -> str | None:
    return time.strftime("%Y-%m-%d", parsed) if parsed else None


def _language(value: str | None) -> str | None:
    code = (value or "").strip().replace("_", "-").split("-")[0].lower()
    return code if code.isalpha() and 2 <= len(code) <= 3 else None
