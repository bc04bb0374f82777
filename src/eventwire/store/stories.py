"""Stories in the store (SPEC §9): the story index, the `stories` rows and each article's `story_id`.

The story index (`stories/cluster.py`) lives in the single `story_state` row as JSON. `eventwire ingest` adds
each article it writes to the index, online and in input order, and writes the index, the rows of the stories
it touched and the articles' `story_id` in the transaction that writes the articles: a killed run leaves the
stories of exactly the articles it committed. `rebuild` (`eventwire recluster`) makes every story again in
batch from the stored texts and events.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, bindparam, delete, select, update
from sqlalchemy.dialects import postgresql, sqlite

from eventwire.records import Article, Event

from .models import ArticleRow, StoryRow, StoryStateRow, TextRow

if TYPE_CHECKING:
    from eventwire.stories.cluster import StoryIndex
    from eventwire.stories.features import FeatureMaker

STATE_ID = 1


def load_index(conn: Connection, maker: FeatureMaker | None = None, *, lock: bool = False) -> tuple[StoryIndex, int]:
    """The store's story index and its revision (0 and an empty index when nothing was clustered yet)."""
    from eventwire.stories.cluster import StoryIndex

    query = select(StoryStateRow.revision, StoryStateRow.state).where(StoryStateRow.id == STATE_ID)
    if lock and conn.dialect.name == "postgresql":
        query = query.with_for_update()
    row = conn.execute(query).first()
    if row is None or not row.state:
        return StoryIndex(maker=maker), row.revision if row else 0
    return StoryIndex.from_dict(json.loads(row.state), maker), row.revision


def _revision(conn: Connection) -> int:
    query = select(StoryStateRow.revision).where(StoryStateRow.id == STATE_ID)
    if conn.dialect.name == "postgresql":
        query = query.with_for_update()  # one writer of the stories at a time
    return conn.execute(query).scalar() or 0


def save_index(conn: Connection, index: StoryIndex, revision: int) -> None:
    values = dict(revision=revision, state=json.dumps(index.to_dict(), ensure_ascii=False), updated_at=_now())
    if conn.execute(update(StoryStateRow).where(StoryStateRow.id == STATE_ID).values(**values)).rowcount == 0:
        conn.execute(StoryStateRow.__table__.insert().values(id=STATE_ID, **values))


def write_stories(conn: Connection, index: StoryIndex, story_ids: Iterable[str]) -> None:
    """Insert or update the `stories` rows of these stories."""
    from eventwire.stories.summary import summarise

    now = _now()
    rows = []
    for sid in sorted(set(story_ids)):
        s = summarise(index, sid)
        rows.append(dict(id=sid, label=s.title, first_date=s.first, last_date=s.last, size=s.articles,
                         languages=s.languages, key_actors=s.key_actors, created_at=now))
    if not rows:
        return
    insert = postgresql.insert if conn.dialect.name == "postgresql" else sqlite.insert
    statement = insert(StoryRow).values(rows)
    changed = ("label", "first_date", "last_date", "size", "languages", "key_actors")
    conn.execute(statement.on_conflict_do_update(index_elements=["id"],
                                                 set_={c: statement.excluded[c] for c in changed}))


def assign(conn: Connection, story_of: dict[str, str]) -> None:
    """Set `articles.story_id` (the stories' rows must be there)."""
    if story_of:
        statement = update(ArticleRow).where(ArticleRow.id == bindparam("b_id")).values(story_id=bindparam("b_sid"))
        conn.execute(statement, [{"b_id": a, "b_sid": s} for a, s in story_of.items()])


class StoryKeeper:
    """The story index as one ingest run sees it; reloaded when another writer has changed it since."""

    def __init__(self, lexicons: Sequence[str] = ()) -> None:
        self.lexicons = tuple(lexicons)
        self._maker: FeatureMaker | None = None
        self.index: StoryIndex | None = None
        self.revision: int | None = None

    def maker(self) -> FeatureMaker:
        if self._maker is None:
            from eventwire.actors import ActorLexicon
            from eventwire.stories.features import FeatureMaker

            self._maker = FeatureMaker(ActorLexicon.load(self.lexicons))
        return self._maker

    def add(self, conn: Connection, entries: Sequence[tuple[str, Article, Sequence[Event], str | None]]) -> None:
        """Put (article id, article, events, language) in stories, in order, within `conn`'s transaction."""
        if not entries:
            return
        revision = _revision(conn)
        if self.index is None or revision != self.revision:
            self.index, revision = load_index(conn, self.maker())
        story_of = {aid: self.index.add(article, events, article_id=aid, lang=lang)
                    for aid, article, events, lang in entries}
        write_stories(conn, self.index, story_of.values())
        assign(conn, story_of)
        self.revision = revision + 1
        save_index(conn, self.index, self.revision)

    def forget(self) -> None:
        """The transaction failed: what the index holds in memory is not what the store holds."""
        self.index = self.revision = None


def rebuild(engine: Engine, window_days: int | None = None, lexicons: Sequence[str] = ()) -> tuple[StoryIndex, int]:
    """Every story made again, in batch, from the stored articles (in ingestion order) and their events.
    Returns the new index and how many stories there were before."""
    from eventwire.stories.cluster import StoryIndex

    from . import query

    keeper = StoryKeeper(lexicons)
    with engine.begin() as conn:
        _revision(conn)
        old, revision = load_index(conn)
        before = len(old.stories)
        events: dict[str, list[Event]] = defaultdict(list)
        for ev in query.events(conn):
            events[ev.article_id].append(ev)
        index = StoryIndex(old.params, keeper.maker())
        if window_days is not None:
            index.params.window_days = window_days
        rows = conn.execute(
            select(ArticleRow.id, ArticleRow.url, ArticleRow.outlet, ArticleRow.language, ArticleRow.published,
                   ArticleRow.title, TextRow.text)
            .join(TextRow, TextRow.content_hash == ArticleRow.content_hash)
            .order_by(ArticleRow.pk)
        )
        for r in rows:
            article = Article(text=r.text, id=r.id, url=r.url, date=r.published, lang=r.language, title=r.title,
                              outlet=r.outlet)
            index.add(article, events.get(r.id, []), article_id=r.id, lang=r.language)
        index.recluster()
        write_stories(conn, index, index.stories)
        assign(conn, dict(index.story_of))
        conn.execute(delete(StoryRow).where(StoryRow.id.not_in(list(index.stories))))
        save_index(conn, index, revision + 1)
    return index, before


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)
