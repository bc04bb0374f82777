"""`eventwire ingest`: articles in, events extracted, everything written to the store.

The ingesting process reads the articles, decides for each one what to do, hands the ones to extract to the
workers (`worker.py`) in chunks, and writes each chunk's results in one transaction, in input order:

- an article whose id is in the store with the same `extraction_key` (text, the metadata extraction reads,
  and the extractor's settings and data) is left alone; when only its url, outlet or media changed, those
  are updated;
- otherwise it is extracted, and its row, its text and its events (replacing any old ones) are written in the
  same transaction, so a crash leaves every article either fully written or as it was before;
- texts are stored once by content hash: articles with identical texts share one row;
- every article written joins a story (`stories.py`), in input order, in the same transaction.

Running the same command again after a crash, even `kill -9`, redoes only what was not committed.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Executor, Future
from contextlib import ExitStack
from dataclasses import dataclass, field
from importlib import resources
from itertools import islice
from pathlib import Path

from sqlalchemy import Connection, Engine, delete, insert, select, update
from sqlalchemy.dialects import postgresql, sqlite

from eventwire import __version__
from eventwire.readers import content_id
from eventwire.records import Article, Event

from .inputs.html import host_of
from .models import ArticleRow, EntityRow, EventRow, TextRow, by_role
from .stories import StoryKeeper
from .worker import Outcome, Settings, executor, extract_chunk

log = logging.getLogger("eventwire.store")

CHUNK = 8  # articles per worker task and per transaction


@dataclass
class IngestReport:
    read: int = 0
    new: int = 0
    changed: int = 0  # re-extracted: text, title, date, language or extractor changed (or --force)
    unchanged: int = 0
    updated: int = 0  # same text and extraction inputs; url, outlet or media updated
    shared_text: int = 0  # written articles whose text was already stored under another article
    failed: int = 0
    events: int = 0  # events written
    not_coded: Counter[str] = field(default_factory=Counter)  # language -> articles stored without events
    seconds: float = 0.0
    rate: float | None = None  # articles per second once the first chunk is done (models loaded)

    def summary(self) -> str:
        parts = [f"{self.read} articles read: {self.new} new, {self.changed} re-extracted, {self.unchanged} unchanged"]
        if self.updated:
            parts.append(f"{self.updated} with new url/outlet/media")
        if self.shared_text:
            parts.append(f"{self.shared_text} with a text already stored under another id")
        if self.not_coded:
            langs = ", ".join(f"{n} {lang}" for lang, n in self.not_coded.most_common())
            parts.append(f"stored without events (no pipeline for their language yet): {langs}")
        if self.failed:
            parts.append(f"{self.failed} failed (see the log; not stored)")
        parts.append(f"{self.events} events written")
        speed = f"{self.seconds:.1f} s, {self.read / self.seconds:.1f} articles/s" if self.seconds else ""
        if self.rate:
            speed += f" ({self.rate:.1f} articles/s once the models were loaded)"
        return "; ".join(parts) + (f" in {speed}" if speed else "")


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def extractor_key(settings: Settings) -> str:
    """What the extraction depends on besides the article: eventwire's version and data, user files."""
    digest = hashlib.sha256(__version__.encode())
    data = resources.files("eventwire").joinpath("data")
    for entry in _files(data):
        digest.update(entry.name.encode())
        digest.update(entry.read_bytes())
    for path in (settings.codebook, *settings.lexicons):
        if path:
            digest.update(Path(path).read_bytes())
    return digest.hexdigest()


def _files(folder) -> list:
    found = []
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        found.extend(_files(entry) if entry.is_dir() else [entry])
    return found


@dataclass
class _Item:
    """One input article and what to do with it."""

    article: Article
    id: str
    text_hash: str
    key: str  # extraction_key
    meta: tuple[str | None, str | None, list]  # (url, outlet, media) as stored
    action: str = "extract"  # extract | skip | meta
    outcome: Outcome | None = None


class Ingestor:
    def __init__(
        self,
        engine: Engine,
        settings: Settings | None = None,
        workers: int = 1,
        force: bool = False,
        progress: Callable[[int], None] | None = None,
    ) -> None:
        self.engine = engine
        self.settings = settings or Settings()
        self.workers = max(1, workers)
        self.force = force
        self.progress = progress or (lambda _n: None)
        self.key = extractor_key(self.settings)
        self.report = IngestReport()
        self.stories = StoryKeeper(self.settings.lexicons)
        self._pending: dict[str, tuple[str, tuple]] = {}  # id -> (key, meta) planned but not yet written
        self._warm: tuple[float, int] | None = None  # when the first chunk was written, and articles by then
        self._insert = postgresql.insert if engine.dialect.name == "postgresql" else sqlite.insert  # upserts

    def run(self, articles: Iterable[Article]) -> IngestReport:
        started = time.monotonic()
        window: deque[tuple[list[_Item], Future | None]] = deque()  # chunks in extraction, in input order
        with ExitStack() as stack:
            pool: Executor | None = None  # started when an article needs extracting: not for a rerun
            for chunk in _chunks(articles, CHUNK):
                items = self._plan(chunk)
                todo = [item.article for item in items if item.action == "extract"]
                if todo and pool is None:
                    pool = executor(self.workers, self.settings)
                    stack.callback(pool.shutdown, wait=True, cancel_futures=True)
                window.append((items, pool.submit(extract_chunk, todo) if pool and todo else None))
                self._drain(window, keep=2 * self.workers)
            self._drain(window, keep=0)
        end = time.monotonic()
        self.report.seconds = end - started
        if self._warm and end - self._warm[0] > 0.5:
            self.report.rate = (self.report.read - self._warm[1]) / (end - self._warm[0])
        return self.report

    def _drain(self, window: deque[tuple[list[_Item], Future | None]], keep: int) -> None:
        while len(window) > keep:
            self._write(*window.popleft())
            self._warm = self._warm or (time.monotonic(), self.report.read)

    # -- planning: what to do with each article of a chunk (reads only) ---------------------------------------

    def _plan(self, chunk: list[Article]) -> list[_Item]:
        items = [self._item(article) for article in chunk]
        ids = [item.id for item in items]
        with self.engine.connect().execution_options(sqlite_begin="BEGIN") as conn:  # a read: no write lock
            stored = {
                row.id: (row.extraction_key, (row.url, row.outlet, row.media))
                for row in conn.execute(
                    select(
                        ArticleRow.id, ArticleRow.extraction_key, ArticleRow.url, ArticleRow.outlet, ArticleRow.media
                    ).where(ArticleRow.id.in_(ids))
                )
            }
        for item in items:
            known = self._pending.get(item.id) or stored.get(item.id)
            if known and not self.force and known[0] == item.key:
                item.action = "skip" if known[1] == item.meta else "meta"
            self._pending[item.id] = (item.key, item.meta)
        return items

    def _item(self, article: Article) -> _Item:
        article_id = article.id or content_id(article.text)
        text_hash = content_hash(article.text)
        reads = json.dumps([text_hash, article.date, article.title, article.lang, self.key])
        key = hashlib.sha256(reads.encode("utf-8", "surrogatepass")).hexdigest()
        outlet = article.outlet or host_of(article.url)  # JSONL and text input name no outlet: the site does
        return _Item(article, article_id, text_hash, key, (article.url, outlet, article.media or []))

    # -- writing: one transaction per chunk of whole articles --------------------------------------------------

    def _write(self, items: list[_Item], future: Future | None) -> None:
        outcomes = iter(future.result() if future is not None else ())
        for item in items:
            if item.action == "extract":
                item.outcome = next(outcomes)
        if all(item.action == "skip" for item in items):
            self.report.unchanged += len(items)
            self._done(items)
            return
        try:
            self._write_chunk(items)
        except BaseException:
            self.stories.forget()
            raise
        self._done(items)

    def _write_chunk(self, items: list[_Item]) -> None:
        with self.engine.begin() as conn:
            old = dict(
                conn.execute(
                    select(ArticleRow.id, ArticleRow.content_hash).where(ArticleRow.id.in_([i.id for i in items]))
                ).all()
            )
            orphans = set()
            written = []
            for item in items:
                if self._write_item(conn, item, item.id in old):
                    assert item.outcome is not None and item.outcome.events is not None
                    written.append((item.id, item.article, item.outcome.events, item.outcome.language))
                if item.id in old and old[item.id] != item.text_hash and item.action == "extract":
                    orphans.add(old[item.id])
            if orphans:  # texts no article uses any more
                used = select(ArticleRow.content_hash).where(ArticleRow.content_hash.in_(orphans))
                conn.execute(
                    delete(TextRow).where(TextRow.content_hash.in_(orphans), TextRow.content_hash.not_in(used))
                )
            self.stories.add(conn, written)

    def _done(self, items: list[_Item]) -> None:
        for item in items:
            self._pending.pop(item.id, None)
        self.report.read += len(items)
        self.progress(len(items))

    def _write_item(self, conn: Connection, item: _Item, existed: bool) -> bool:
        """Write one article; True when its text and events were written."""
        article = item.article
        url, outlet, media = item.meta
        if item.action == "skip":
            self.report.unchanged += 1
            return False
        if item.action == "meta":
            self.report.updated += 1
            self.report.unchanged += 1
            changes = {"url": url, "outlet": outlet, "media": media, "updated_at": _now()}
            conn.execute(update(ArticleRow).where(ArticleRow.id == item.id).values(**changes))
            return False
        outcome = item.outcome
        assert outcome is not None
        if outcome.events is None:
            self.report.failed += 1
            log.warning("%s: extraction failed; not stored", item.id)
            return False
        text_exists = conn.execute(select(TextRow.pk).where(TextRow.content_hash == item.text_hash)).first()
        if text_exists is None:
            conn.execute(
                self._insert(TextRow)
                .values(content_hash=item.text_hash, text=article.text)
                .on_conflict_do_nothing(index_elements=["content_hash"])
            )
        elif conn.execute(
            select(ArticleRow.pk).where(ArticleRow.content_hash == item.text_hash, ArticleRow.id != item.id).limit(1)
        ).first():
            self.report.shared_text += 1
        now = _now()
        values = dict(
            url=url,
            outlet=outlet,
            language=outcome.language,
            published=article.date,
            title=article.title,
            media=media,
            source=article.source,
            content_hash=item.text_hash,
            extraction_key=item.key,
            coded=outcome.coded,
            updated_at=now,
        )
        statement = self._insert(ArticleRow).values(id=item.id, ingested_at=now, **values)
        statement = statement.on_conflict_do_update(index_elements=["id"], set_=values)
        article_pk = conn.execute(statement.returning(ArticleRow.pk)).scalar_one()
        if existed:
            conn.execute(delete(EventRow).where(EventRow.article_pk == article_pk))
        self._write_events(conn, article_pk, outcome.events)
        if existed:
            self.report.changed += 1
        else:
            self.report.new += 1
        log.info("%s: %d events (%s)", item.id, len(outcome.events), "re-extracted" if existed else "new")
        if not outcome.coded:
            self.report.not_coded[outcome.language or "unknown"] += 1
        self.report.events += len(outcome.events)
        return True

    def _write_events(self, conn: Connection, article_pk: int, events: Sequence[Event]) -> None:
        if not events:
            return
        rows = [_event_row(article_pk, seq, ev) for seq, ev in enumerate(events)]
        pks = conn.execute(insert(EventRow).returning(EventRow.pk, sort_by_parameter_order=True), rows).scalars()
        entities = [
            _entity_row(event_pk, role, position, entity)
            for event_pk, ev in zip(pks, events, strict=True)
            for role, group in by_role(ev)
            for position, entity in enumerate(group)
        ]
        if entities:
            conn.execute(insert(EntityRow), entities)


def _event_row(article_pk: int, seq: int, ev: Event) -> dict:
    return dict(
        article_pk=article_pk,
        seq=seq,
        event_id=ev.id,
        event=ev.event,
        mode=ev.mode,
        date=ev.date,
        date_precision=ev.date_precision,
        date_text=ev.date_text,
        loc_text=ev.event_loc.text if ev.event_loc else None,
        loc_code=ev.event_loc.code if ev.event_loc else None,
        certainty=ev.certainty,
        event_text=ev.event_text,
        span_start=ev.span[0],
        span_end=ev.span[1],
        language=ev.language,
    )


def _entity_row(event_pk: int, role: str, position: int, entity) -> dict:
    return dict(
        event_pk=event_pk,
        role=role,
        position=position,
        entity_text=entity.entity_text,
        code=entity.code,
        sector=entity.sector,
        name=entity.name,
    )


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _chunks(items: Iterable[Article], size: int) -> Iterator[list[Article]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk
