"""Online story clustering: each article joins the best story within a time window, or starts one.

    index = StoryIndex()
    story_id = index.add(article, events)      # as articles are ingested (events: French articles' records)
    index.recluster()                          # rebuild every story in batch
    state = index.to_dict(); StoryIndex.from_dict(state)   # plain JSON-able state

An article is compared with a story's centroid family by family (features.py), each family weighted by
inverse document frequency over the articles seen so far; the similarity is the weighted mean of the family
cosines that apply to the pair. Word stems (`terms`) only apply when the story has members in the article's
language; the sparse families (places, numbers, dates, triples) only when both sides have some, so a French
and an English report of one episode are compared on what survives translation. A near-duplicate copy of an
article (copies.py) joins its original's story directly and adds nothing to the centroid.

The time window gates the candidates: the story's dated core (the days of its day-dated members, or else the
span of its members' months) must lie within `window_days` of the article's publication date.
"""

from __future__ import annotations

import hashlib
import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from ..records import Article, Event
from .copies import CONTAINMENT, JACCARD, CopyFinder
from .features import ArticleFeatures, FeatureMaker, gap_days

STATE_VERSION = 1

# Family weights: resolved actors and names say who the story is about, word stems what happened; the sparse
# families confirm when both sides have them.
WEIGHTS = {"codes": 2.0, "names": 4.0, "terms": 3.0, "places": 0.5, "numbers": 1.0, "dates": 1.0, "triples": 1.0}
ALWAYS = frozenset({"codes", "names"})
DATE_DISCOUNT = 0.25  # similarity lost by a story a whole window away
PRIOR_DOCS = 20


@dataclass
class StoryParams:
    window_days: int = 5
    threshold: float = 0.30  # least similarity for an article to join a story
    weights: dict[str, float] = field(default_factory=lambda: dict(WEIGHTS))
    copy_jaccard: float = JACCARD
    copy_containment: float = CONTAINMENT


@dataclass
class Story:
    id: str
    members: list[str] = field(default_factory=list)  # article ids, in the order they joined
    # derived from the members' features (never saved): the centroid per family (the sum of the members'
    # unit-length bags; stems per language, "terms:fr"), the span of all publication dates and of day dates
    centroid: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter), repr=False)
    span: tuple[int, int] | None = field(default=None, repr=False)
    days: tuple[int, int] | None = field(default=None, repr=False)

    def core(self) -> tuple[int, int] | None:
        """When the story happens: the span of its day-dated members, else of all its dated members."""
        return self.days or self.span


def _unit(bag: dict[str, float]) -> dict[str, float]:
    norm = math.sqrt(sum(v * v for v in bag.values())) or 1.0
    return {k: v / norm for k, v in bag.items()}


def _widen(span: tuple[int, int] | None, other: tuple[int, int]) -> tuple[int, int]:
    return other if span is None else (min(span[0], other[0]), max(span[1], other[1]))


class StoryIndex:
    """Stories over the articles added so far. `to_dict()` / `from_dict()` carry the whole state."""

    def __init__(self, params: StoryParams | None = None, maker: FeatureMaker | None = None) -> None:
        self.params = params or StoryParams()
        self._maker = maker
        self.articles: dict[str, ArticleFeatures] = {}
        self.stories: dict[str, Story] = {}
        self.story_of: dict[str, str] = {}
        self.copies = CopyFinder(self.params.copy_jaccard, self.params.copy_containment)
        self._df: dict[str, Counter[str]] = defaultdict(Counter)  # family -> feature -> documents
        self._docs = 0

    @property
    def maker(self) -> FeatureMaker:
        if self._maker is None:
            self._maker = FeatureMaker()
        return self._maker

    # ------------------------------------------------------------------ adding

    def add(self, article: Article, events: Sequence[Event] = (), *, article_id: str | None = None,
            lang: str | None = None) -> str:
        """Put an article in the best story within the window (or a new one); return the story id."""
        key = article_id or article.id
        if not key:
            raise ValueError("an article needs an id to join a story")
        if key in self.story_of:
            return self.story_of[key]
        feats = self.maker.make(article, events, order=len(self.articles), lang=lang, article_id=key)
        self.articles[key] = feats
        self.copies.add(key, article.text, self._earlier)
        return self._place(feats)

    def _earlier(self, a: str, b: str) -> bool:
        return self.articles[a].sort_key() < self.articles[b].sort_key()

    def _place(self, feats: ArticleFeatures) -> str:
        placed = [m for m in self.copies.group(feats.id) if m in self.story_of]
        if placed:  # a copy, or the original of copies already read: one story for the whole group
            story = self.stories[self.story_of[placed[0]]]
            self._join(story, feats, counted=False)
            return story.id
        self._count(feats)
        return self._assign(feats)

    def _assign(self, feats: ArticleFeatures) -> str:
        """Join the best story if it is similar enough, else start one."""
        best, score = self.best_story(feats)
        if best is None or score < self.params.threshold:
            best = Story(id=story_id(feats.id))
            self.stories[best.id] = best
        self._join(best, feats, counted=True)
        return best.id

    def _count(self, feats: ArticleFeatures) -> None:
        self._docs += 1
        for family, bag in feats.bags.items():
            self._df[family].update(bag.keys())

    def _join(self, story: Story, feats: ArticleFeatures, counted: bool) -> None:
        story.members.append(feats.id)
        self.story_of[feats.id] = story.id
        span = feats.span()
        if span is not None:
            story.span = _widen(story.span, span)
            if span[0] == span[1]:
                story.days = _widen(story.days, span)
        if counted:
            for family, bag in feats.bags.items():
                name = f"terms:{feats.lang}" if family == "terms" else family
                story.centroid[name].update(_unit(bag))

    # ------------------------------------------------------------------ scoring

    def best_story(self, feats: ArticleFeatures) -> tuple[Story | None, float]:
        """The most similar story within the window, and its similarity."""
        span = feats.span()
        best: Story | None = None
        score = -1.0
        for story in self.stories.values():
            gap = gap_days(span, story.core())
            if gap > self.params.window_days:
                continue
            # days apart count a little against: of two look-alike stories, the nearer in time wins
            s = self.similarity(feats, story) * (1.0 - DATE_DISCOUNT * gap / max(self.params.window_days, 1))
            if s > score:
                best, score = story, s
        return best, score

    def similarity(self, feats: ArticleFeatures, story: Story) -> float:
        total = weight = 0.0
        for family, w in self.params.weights.items():
            mine = feats.bags.get(family)
            theirs = story.centroid.get(f"terms:{feats.lang}" if family == "terms" else family)
            if not mine or not theirs:
                if mine and family in ALWAYS:  # actors or people the story never names count against
                    weight += w
                continue
            total += w * self._cosine(family, mine, theirs)
            weight += w
        return total / weight if weight else 0.0

    def _idf(self, family: str, feature: str) -> float:
        # PRIOR_DOCS unseen documents: a small collection cannot tell common features from rare ones
        return math.log((self._docs + PRIOR_DOCS + 1) / (self._df[family][feature] + 1)) + 1.0

    def _cosine(self, family: str, a: dict[str, float], b: dict[str, float]) -> float:
        va = {k: v * self._idf(family, k) for k, v in a.items()}
        vb = {k: v * self._idf(family, k) for k, v in b.items()}
        na = math.sqrt(sum(v * v for v in va.values()))
        nb = math.sqrt(sum(v * v for v in vb.values()))
        if not na or not nb:
            return 0.0
        if len(va) > len(vb):
            va, vb = vb, va
        return sum(v * vb.get(k, 0.0) for k, v in va.items()) / (na * nb)

    # ------------------------------------------------------------------ batch

    def recluster(self) -> None:
        """Rebuild every story from the articles' features, in date order: day-dated articles first, so that
        the stories they start have precise dates before month-dated reports are placed."""
        self.stories.clear()
        self.story_of.clear()
        self._df.clear()
        self._docs = 0
        ordered = sorted(self.articles.values(), key=lambda f: (_precision_rank(f), *f.sort_key()))
        originals = [f for f in ordered if f.id not in self.copies.copy_of]
        for feats in originals:
            self._count(feats)
        for feats in originals:
            self._assign(feats)
        for feats in ordered:
            original = self.copies.copy_of.get(feats.id)
            if original is not None:
                self._join(self.stories[self.story_of[original]], feats, counted=False)

    # ------------------------------------------------------------------ state

    def assignments(self) -> list[dict[str, str]]:
        """SPEC §9 records, one per article in ingestion order."""
        ordered = sorted(self.articles.values(), key=lambda f: f.order)
        return [{"article_id": f.id, "story_id": self.story_of[f.id]} for f in ordered]

    def members(self, story_id: str) -> list[ArticleFeatures]:
        """A story's articles, earliest first."""
        return sorted((self.articles[a] for a in self.stories[story_id].members), key=ArticleFeatures.sort_key)

    def to_dict(self) -> dict[str, Any]:
        return {
            "version": STATE_VERSION,
            "params": asdict(self.params),
            "articles": [f.to_dict() for f in sorted(self.articles.values(), key=lambda f: f.order)],
            "copies": self.copies.to_dict(),
            "stories": {s.id: list(s.members) for s in self.stories.values()},
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any], maker: FeatureMaker | None = None) -> StoryIndex:
        if data.get("version") != STATE_VERSION:
            raise ValueError(f"story state version {data.get('version')!r}; this eventwire reads {STATE_VERSION}")
        index = cls(StoryParams(**data["params"]), maker)
        index.copies = CopyFinder.from_dict(data["copies"])
        for item in data["articles"]:
            feats = ArticleFeatures.from_dict(item)
            index.articles[feats.id] = feats
            if feats.id not in index.copies.copy_of:
                index._count(feats)
        for sid, members in data["stories"].items():
            story = index.stories[sid] = Story(id=sid)
            for member in members:
                index._join(story, index.articles[member], counted=member not in index.copies.copy_of)
        return index


def _precision_rank(feats: ArticleFeatures) -> int:
    span = feats.span()
    if span is None:
        return 2
    return 0 if span[0] == span[1] else 1


def story_id(founder: str) -> str:
    """A short stable id, from the article that started the story."""
    return "st-" + hashlib.sha1(founder.encode("utf-8", "surrogatepass")).hexdigest()[:10]


def build_index(items: Iterable[tuple[Article, Sequence[Event]]], params: StoryParams | None = None,
                maker: FeatureMaker | None = None, batch: bool = True) -> StoryIndex:
    """Stories of (article, events) pairs: added online in the given order, then reclustered if `batch`."""
    index = StoryIndex(params, maker)
    for article, events in items:
        index.add(article, events)
    if batch:
        index.recluster()
    return index


__all__ = ["Story", "StoryIndex", "StoryParams", "build_index", "story_id"]
