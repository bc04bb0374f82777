"""What `eventwire ingest` reads besides JSONL and text: HTML pages, RSS/Atom feeds, WARC archives, URLs.

Every page, feed and article text here was written for these tests; the fetch tests use a local server.
"""

from __future__ import annotations

import http.server
import io
import threading
import time
from pathlib import Path
from typing import ClassVar

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from eventwire.readers import ReadProblem
from eventwire.store.inputs import FetchPolicy, InputOptions, read_inputs
from eventwire.store.inputs.fetch import FetchError, check_address, fetch
from eventwire.store.inputs.html import html_to_text

BODY_1 = (
    "Le gouvernement marocain a convoqué mardi l'ambassadeur d'Algérie à Rabat.",
    "Les autorités reprochent à leur voisin des propos jugés hostiles tenus lors d'un sommet régional.",
    "Une délégation doit se rendre à Alger la semaine prochaine pour apaiser les tensions.",
)
BODY_2 = (
    "La marine japonaise a mené des exercices conjoints avec des navires australiens au large d'Okinawa.",
    "Le ministère de la Défense a précisé que les manœuvres dureraient trois jours.",
)


def page(
    title: str,
    paragraphs: tuple[str, ...],
    *,
    lang: str = "fr-FR",
    site: str = "Le Courrier du Test",
    date: str = "2024-09-17",
    canonical: str | None = None,
) -> str:
    link = f'<link rel="canonical" href="{canonical}">' if canonical else ""
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><title>{title} - {site}</title>'
        f'<meta property="og:site_name" content="{site}"><meta property="og:title" content="{title}">'
        f'<meta property="article:published_time" content="{date}T08:30:00+02:00">{link}</head>'
        f'<body><nav><a href="/">Accueil</a> <a href="/monde">Monde</a></nav>'
        f"<article><h1>{title}</h1>{body}</article>"
        f"<footer>Tous droits réservés. Mentions légales.</footer></body></html>"
    )


def rss(items: list[dict], title: str = "Dépêches du Test", lang: str = "fr-fr") -> str:
    entries = "".join(
        f"<item><title>{i['title']}</title><link>{i['link']}</link><guid>{i['link']}</guid>"
        f"<pubDate>{i['date']}</pubDate><description><![CDATA[{i['summary']}]]></description></item>"
        for i in items
    )
    return (
        f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>{title}</title>'
        f"<link>https://depeches.example.org/</link><language>{lang}</language>{entries}</channel></rss>"
    )


def read(args, **options) -> tuple[list, list[ReadProblem]]:
    problems: list[ReadProblem] = []
    articles = list(read_inputs([str(a) for a in args], problems.append, InputOptions(**options)))
    return articles, problems


# --- HTML ---------------------------------------------------------------------------------------------------


def test_an_html_page_gives_its_text_title_date_outlet_and_language(tmp_path) -> None:
    path = tmp_path / "convocation.html"
    path.write_text(page("Rabat convoque l'ambassadeur d'Algérie", BODY_1), encoding="utf-8")
    (article,), problems = read([path])
    assert problems == []
    assert article.id == "convocation"
    assert article.text == "\n".join(BODY_1)  # no menu, no footer, no headline repeated
    assert (article.title, article.date, article.lang) == ("Rabat convoque l'ambassadeur d'Algérie", "2024-09-17", "fr")
    assert article.outlet == "Le Courrier du Test"


def test_a_page_with_a_canonical_url_is_known_by_it(tmp_path) -> None:
    url = "https://courrier.example.fr/monde/2024/09/17/rabat-alger"
    path = tmp_path / "saved-page.htm"
    path.write_text(page("Rabat et Alger", BODY_1, canonical=url, lang="fr"), encoding="utf-8")
    (article,), _ = read([path])
    assert (article.id, article.url) == (url, url)


def test_a_page_without_text_is_a_problem(tmp_path) -> None:
    path = tmp_path / "empty.html"
    path.write_text("<html><head><title>Vide</title></head><body><script>x()</script></body></html>", encoding="utf-8")
    articles, problems = read([path])
    assert articles == [] and "no article text" in problems[0].message


def test_html_fragments_become_lines() -> None:
    fragment = "<p>Première phrase.<br>Deuxième &amp; suite.</p><script>x()</script><ul><li>un</li><li>deux</li></ul>"
    assert html_to_text(fragment) == "Première phrase.\nDeuxième & suite.\nun\ndeux"


# --- feeds --------------------------------------------------------------------------------------------------


FEED_ITEMS = [
    {
        "title": "Rabat convoque l'ambassadeur",
        "link": "https://depeches.example.org/a1",
        "date": "Tue, 17 Sep 2024 06:30:00 GMT",
        "summary": "<p>" + " ".join(BODY_1) + "</p>",
    },
    {
        "title": "Exercices navals",
        "link": "https://depeches.example.org/a2",
        "date": "Wed, 18 Sep 2024 10:00:00 GMT",
        "summary": " ".join(BODY_2),
    },
]


def test_an_rss_feed_gives_one_article_per_entry(tmp_path) -> None:
    path = tmp_path / "depeches.rss"
    path.write_text(rss(FEED_ITEMS), encoding="utf-8")
    articles, problems = read([path])
    assert problems == []
    assert [a.id for a in articles] == ["https://depeches.example.org/a1", "https://depeches.example.org/a2"]
    first = articles[0]
    assert first.text == " ".join(BODY_1) and first.date == "2024-09-17" and first.lang == "fr"
    assert (first.title, first.outlet) == ("Rabat convoque l'ambassadeur", "Dépêches du Test")


def test_an_atom_feed_is_read_too(tmp_path) -> None:
    atom = (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom" xml:lang="fr">'
        "<title>Le Fil Atom</title><id>urn:fil</id><updated>2024-10-02T09:00:00Z</updated>"
        '<entry><title>Manœuvres</title><id>urn:fil:1</id><link href="https://fil.example.org/1"/>'
        '<updated>2024-10-02T09:00:00Z</updated><content type="html">&lt;p&gt;'
        + " ".join(BODY_2)
        + "&lt;/p&gt;</content></entry></feed>"
    )
    path = tmp_path / "fil.xml"
    path.write_text(atom, encoding="utf-8")
    (article,), _ = read([path])
    assert (article.id, article.date, article.outlet, article.lang) == (
        "https://fil.example.org/1",
        "2024-10-02",
        "Le Fil Atom",
        "fr",
    )
    assert article.text == " ".join(BODY_2)


def test_a_broken_feed_is_a_problem(tmp_path) -> None:
    path = tmp_path / "broken.rss"
    path.write_text("<rss><channel><item><title>coupé", encoding="utf-8")
    articles, problems = read([path])
    assert articles == [] and problems


# --- WARC ---------------------------------------------------------------------------------------------------


def write_warc(path: Path, records: list[tuple[str, str, str, bytes]], gzipped: bool) -> None:
    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=gzipped)
        for url, status, content_type, body in records:
            headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
            writer.write_record(
                writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers)
            )


@pytest.mark.parametrize("gzipped", [False, True])
def test_a_warc_archive_gives_its_html_pages(tmp_path, gzipped) -> None:
    path = tmp_path / ("crawl.warc.gz" if gzipped else "crawl.warc")
    write_warc(
        path,
        [
            (
                "https://courrier.example.fr/2024/09/17/rabat",
                "200 OK",
                "text/html; charset=utf-8",
                page("Rabat et Alger", BODY_1).encode(),
            ),
            ("https://courrier.example.fr/logo.png", "200 OK", "image/png", b"\x89PNG"),
            ("https://courrier.example.fr/absent", "404 Not Found", "text/html", b"<html>introuvable</html>"),
            (
                "https://marine.example.jp/exercices",
                "200 OK",
                "text/html",
                page("Exercices", BODY_2, site="Le Marin", date="2024-09-18").encode(),
            ),
        ],
        gzipped,
    )
    articles, problems = read([tmp_path])  # found by walking the directory
    assert problems == []
    assert [a.id for a in articles] == [
        "https://courrier.example.fr/2024/09/17/rabat",
        "https://marine.example.jp/exercices",
    ]
    assert articles[1].outlet == "Le Marin" and articles[1].text == "\n".join(BODY_2)


def test_a_file_with_another_name_is_sniffed(tmp_path) -> None:
    html = tmp_path / "export.dat"
    html.write_text(page("Rabat", BODY_1), encoding="utf-8")
    feed = tmp_path / "flux.dat"
    feed.write_text(rss(FEED_ITEMS[:1]), encoding="utf-8")
    articles, _ = read([html, feed])
    assert [a.id for a in articles] == ["export", "https://depeches.example.org/a1"]


# --- fetching -----------------------------------------------------------------------------------------------


class Site(http.server.BaseHTTPRequestHandler):
    pages: ClassVar[dict[str, tuple[str, bytes]]] = {}
    hits: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        self.hits.append(self.path)
        if self.path == "/slow":
            time.sleep(2)
        if self.path == "/moved":
            self.send_response(302)
            self.send_header("Location", "/page1.html")
            self.end_headers()
            return
        content_type, body = self.pages.get(self.path, ("text/plain", b""))
        try:
            self.send_response(200 if self.path in self.pages else 404)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):  # the client gave up: a timeout or size test
            pass

    def log_message(self, *_args) -> None:
        pass


@pytest.fixture(scope="module")
def site():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Site)
    base = f"http://127.0.0.1:{server.server_address[1]}"
    items = [
        dict(FEED_ITEMS[0], link=f"{base}/page1.html", summary="Résumé court de la dépêche."),
        dict(FEED_ITEMS[1], link=f"{base}/page2.html", summary="Autre résumé très court."),
    ]
    Site.pages = {
        "/feed.xml": ("application/rss+xml", rss(items).encode()),
        "/page1.html": ("text/html; charset=utf-8", page("Rabat et Alger", BODY_1).encode()),
        "/page2.html": ("text/html; charset=utf-8", page("Exercices", BODY_2, date="2024-09-18").encode()),
        "/big": ("text/html", b"<p>" + b"x" * 5000 + b"</p>"),
        "/slow": ("text/html", b"<p>lent</p>"),
    }
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield base
    server.shutdown()


def test_feed_links_are_fetched_with_fetch_and_allowed_local_addresses(site) -> None:
    Site.hits.clear()
    articles, problems = read([f"{site}/feed.xml"], fetch_links=True, policy=FetchPolicy(allow_private=True))
    assert problems == []
    assert [a.id for a in articles] == [f"{site}/page1.html", f"{site}/page2.html"]
    assert articles[0].text == "\n".join(BODY_1) and articles[0].outlet == "Dépêches du Test"
    assert Site.hits == ["/feed.xml", "/page1.html", "/page2.html"]


def test_without_fetch_the_entries_own_text_is_used(site) -> None:
    Site.hits.clear()
    articles, _ = read([f"{site}/feed.xml"], policy=FetchPolicy(allow_private=True))
    assert [a.text for a in articles] == ["Résumé court de la dépêche.", "Autre résumé très court."]
    assert Site.hits == ["/feed.xml"]


def test_loopback_is_refused_unless_allowed(site) -> None:
    Site.hits.clear()
    articles, problems = read([f"{site}/feed.xml"], fetch_links=True)
    assert articles == [] and Site.hits == []
    assert "loopback" in problems[0].message and "--allow-private" in problems[0].message


@pytest.mark.parametrize(
    "address",
    ["127.0.0.1", "10.1.2.3", "192.168.0.10", "169.254.169.254", "::1", "fe80::1", "::ffff:127.0.0.1", "100.64.0.1"],
)
def test_private_loopback_and_link_local_addresses_are_refused(address) -> None:
    with pytest.raises(FetchError, match="private, loopback or link-local"):
        check_address(address, 80, FetchPolicy())


def test_fetch_follows_redirects_and_enforces_size_time_and_scheme(site) -> None:
    allowed = FetchPolicy(allow_private=True)
    assert fetch(f"{site}/moved", allowed).url == f"{site}/page1.html"
    with pytest.raises(FetchError, match="larger than 1000 bytes"):
        fetch(f"{site}/big", FetchPolicy(allow_private=True, max_bytes=1000))
    with pytest.raises(FetchError, match="timed out"):
        fetch(f"{site}/slow", FetchPolicy(allow_private=True, timeout=0.5))
    with pytest.raises(FetchError, match="HTTP 404"):
        fetch(f"{site}/nothing", allowed)
    with pytest.raises(FetchError, match="only http and https"):
        fetch("file:///etc/hostname", allowed)


# --- into the store -----------------------------------------------------------------------------------------


def test_pages_feeds_and_archives_are_ingested_with_their_metadata(tmp_path) -> None:
    from eventwire.store import query
    from eventwire.store.db import open_store
    from eventwire.store.ingest import Ingestor

    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "convocation.html").write_text(page("Rabat convoque l'ambassadeur", BODY_1), encoding="utf-8")
    (folder / "depeches.rss").write_text(rss(FEED_ITEMS[1:]), encoding="utf-8")
    write_warc(folder / "crawl.warc.gz", [
        ("https://marine.example.jp/exercices", "200 OK", "text/html",
         page("Exercices", BODY_2, site="Le Marin", date="2024-09-18").encode()),
    ], gzipped=True)  # fmt: skip
    articles, problems = read([folder])
    assert problems == []
    engine = open_store(f"sqlite:///{tmp_path / 'store.db'}", create=True, writer=True)
    report = Ingestor(engine).run(articles)
    with engine.connect() as conn:
        rows = {r["id"]: r for r in query.articles(conn)}
    engine.dispose()
    assert report.new == 3
    assert {i: (r["outlet"], r["published"], r["language"]) for i, r in rows.items()} == {
        "convocation": ("Le Courrier du Test", "2024-09-17", "fr"),
        "https://marine.example.jp/exercices": ("Le Marin", "2024-09-18", "fr"),
        "https://depeches.example.org/a2": ("Dépêches du Test", "2024-09-18", "fr"),
    }
