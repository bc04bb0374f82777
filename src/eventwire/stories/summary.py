"""What a story is called and what it is about, from its own articles.

The title is the headline of the story's most central article (the one most similar to the story as a
whole) that has one; without headlines, that article's first sentence, shortened. The summary is the first
sentence of the most central article. Key actors are the codes named by the most articles.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from .cluster import StoryIndex
from .features import ArticleFeatures, date_span

TITLE_CHARS = 90
KEY_ACTORS = 3


@dataclass
class StorySummary:
    id: str
    first: str | None  # earliest publication date
    last: str | None  # latest publication date
    articles: int  # all members, copies included
    copies: int
    languages: dict[str, int]
    outlets: list[str]
    key_actors: list[str]
    title: str
    summary: str
    members: list[str] = field(default_factory=list)  # article ids, earliest first

    def to_dict(self) -> dict[str, Any]:
        return {**{k: getattr(self, k) for k in self.__dataclass_fields__}, "dates": self.dates}

    @property
    def dates(self) -> str:
        """"2022-01..2022-02", or one date when the first and the last are the same."""
        if self.first == self.last:
            return self.first or "?"
        return f"{self.first or '?'}..{self.last or '?'}"


def summarise(index: StoryIndex, story_id: str) -> StorySummary:
    story = index.stories[story_id]
    members = index.members(story_id)
    originals = [f for f in members if f.id not in index.copies.copy_of] or members
    central = sorted(originals, key=lambda f: (-index.similarity(f, story), f.sort_key()))
    titled = [f for f in central if f.title]
    title = titled[0].title if titled else _shorten(central[0].lead, TITLE_CHARS)
    dated = [f for f in members if date_span(f.date)]
    ends = sorted(dated, key=lambda f: (date_span(f.date) or (0, 0))[1])
    return StorySummary(
        id=story_id,
        first=dated[0].date if dated else None,
        last=ends[-1].date if ends else None,
        articles=len(members),
        copies=sum(f.id in index.copies.copy_of for f in members),
        languages=dict(Counter(f.lang or "?" for f in members).most_common()),
        outlets=list(dict.fromkeys(f.outlet for f in members if f.outlet)),
        key_actors=key_actors(originals),
        title=" ".join((title or "").split()),
        summary=central[0].lead,
        members=[f.id for f in members],
    )


def key_actors(members: list[ArticleFeatures], limit: int = KEY_ACTORS) -> list[str]:
    """Codes named by the most articles (then by how much they are named)."""
    articles: Counter[str] = Counter()
    weight: Counter[str] = Counter()
    for f in members:
        codes = f.bags.get("codes", {})
        articles.update(codes.keys())
        weight.update(codes)
    ranked = sorted(articles, key=lambda c: (-articles[c], -weight[c], c))
    return ranked[:limit]


def _shorten(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"
