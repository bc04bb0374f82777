"""News pages: the main text by trafilatura; title, date, outlet and language from the page."""

from __future__ import annotations

import re
from html import unescape
from urllib.parse import urlsplit

import lxml.html
import trafilatura
from lxml import etree

from eventwire.readers import content_id, infer_date_from_urls
from eventwire.records import Article

_DATE = re.compile(r"[0-9]{4}(?:-[0-9]{2}(?:-[0-9]{2})?)?")
_LANG = re.compile(r"[A-Za-z]{2,3}(?=$|[-_])")
_BLOCKS = ("p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr", "section", "article", "pre")


def article_from_html(
    page: bytes | str,
    *,
    url: str | None = None,
    article_id: str | None = None,
    fallback_id: str | None = None,
    source: str | None = None,
) -> Article | None:
    """The article a news page holds, or None when trafilatura finds no main text.

    The id is `article_id`, else the page URL (`url`, else the page's canonical URL), else `fallback_id`,
    else the content hash of the text.
    """
    tree = trafilatura.load_html(page)
    if tree is None:
        return None
    lang = page_language(tree)
    doc = trafilatura.bare_extraction(
        tree,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        include_images=False,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    if doc is None:
        return None
    title = _clean_line(doc.title)
    text = _body(doc.text or "", title)
    if not text:
        return None
    page_url = url or doc.url
    date = doc.date if doc.date and _DATE.fullmatch(doc.date) else None
    if date is None and page_url:
        date = infer_date_from_urls([page_url])
    return Article(
        text=text,
        id=article_id or page_url or fallback_id or content_id(text),
        url=page_url,
        date=date,
        lang=lang,
        title=title,
        source=source,
        outlet=_clean_line(doc.sitename) or host_of(page_url),
    )


def page_language(tree: etree._Element) -> str | None:
    """ISO 639 code from <html lang>, Content-Language or og:locale ("fr-FR", "fr_FR" -> "fr")."""
    candidates = [tree.get("lang"), tree.get("{http://www.w3.org/XML/1998/namespace}lang")]
    candidates += tree.xpath("//meta[translate(@http-equiv,'CONTENTLAGU','contentlagu')='content-language']/@content")
    candidates += tree.xpath("//meta[@property='og:locale']/@content")
    for value in candidates:
        match = _LANG.match((value or "").strip())
        if match:
            return match.group(0).lower()
    return None


def host_of(url: str | None) -> str | None:
    host = urlsplit(url).hostname if url else None
    return host.removeprefix("www.") if host else None


def html_to_text(fragment: str | None) -> str:
    """Plain text of an HTML fragment (a feed entry's content): one line per block, spaces collapsed."""
    if not fragment or not fragment.strip():
        return ""
    if "<" not in fragment:
        return _lines(unescape(fragment))
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (etree.ParserError, ValueError):
        return _lines(unescape(re.sub(r"<[^>]+>", " ", fragment)))
    for bad in root.xpath(".//script|.//style"):
        bad.drop_tree()
    for element in root.iter("br", *_BLOCKS):
        element.tail = "\n" + (element.tail or "")
    return _lines(root.text_content())


def _body(text: str, title: str | None) -> str:
    lines = text.replace("\r\n", "\n").split("\n")
    if title and lines and _clean_line(lines[0]) == title:
        lines = lines[1:]  # trafilatura keeps the headline; the title is kept apart, as in JSONL input
    return "\n".join(lines).strip()


def _lines(text: str) -> str:
    lines = (" ".join(line.split()) for line in text.replace("\r\n", "\n").split("\n"))
    return "\n".join(line for line in lines if line)


def _clean_line(value: str | None) -> str | None:
    return " ".join(value.split()) or None if value else None
