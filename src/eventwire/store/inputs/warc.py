"""WARC archives of news crawls (plain or gzipped): every HTML page fetched with status 200 is an article,
its id the page URL."""

from __future__ import annotations

from collections.abc import Iterator

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from eventwire.readers import ReadProblem, Report
from eventwire.records import Article

from .html import article_from_html

_HTML_TYPES = ("text/html", "application/xhtml+xml")


def articles_from_warc(path: str, report: Report, max_bytes: int) -> Iterator[Article]:
    try:
        with open(path, "rb") as fh:
            for number, record in enumerate(ArchiveIterator(fh), 1):
                article = _page(record, f"{path} record {number}", report, max_bytes)
                if article is not None:
                    yield article
    except ArchiveLoadFailed as exc:
        report(ReadProblem(path, None, f"not a readable WARC file ({exc})"))
    except OSError as exc:
        report(ReadProblem(path, None, f"cannot read: {exc.strerror or exc}"))


def _page(record, where: str, report: Report, max_bytes: int) -> Article | None:
    if record.rec_type != "response" or record.http_headers is None:
        return None
    if record.http_headers.get_statuscode() != "200":
        return None
    content_type = (record.http_headers.get_header("Content-Type") or "").split(";")[0].strip().lower()
    if content_type not in _HTML_TYPES:
        return None
    url = record.rec_headers.get_header("WARC-Target-URI")
    body = record.content_stream().read(max_bytes + 1)
    if len(body) > max_bytes:
        report(ReadProblem(where, None, f"{url}: page larger than {max_bytes} bytes; skipped"))
        return None
    article = article_from_html(body, url=url, source=where)
    if article is None:
        report(ReadProblem(where, None, f"{url}: no article text in the page; skipped"))
    return article
