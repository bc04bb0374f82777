"""What an article brings to story clustering: bags of features, its date span and its outlet.

Families that survive a change of language carry the cross-lingual links:

- `codes`: actor codes of every lexicon mention (states, their capitals and people, organisations, groups);
- `names`: canonical names of known people and groups, plus capitalised words the lexicon does not know
  (surnames, airlines, places), accent-folded so that "Bazoum" and "Bazoum" match in any language;
- `places`: country codes of the cities and capitals named;
- `numbers`: figures of two digits or more ("400", "2 000" = "2,000");
- `dates`: dates the text writes out with their day ("le 29 septembre", "July 26");
- `triples`: (event, actor, recipient) of the article's coded events (French articles only, for now).

`terms` (word stems, stop words removed) only compares articles of the same language.
Each bag maps a feature to a sublinear term frequency (1 + log n); the title counts double.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache
from typing import Any
from urllib.parse import urlsplit

from ..actors import ActorLexicon, Mention
from ..actors._text import fold as fold_chars
from ..dates import PubDate, find_dates
from ..records import Article, Event

CROSS_LINGUAL = ("codes", "names", "places", "numbers", "dates", "triples")
FAMILIES = (*CROSS_LINGUAL, "terms")
SYMMETRIC = frozenset({"CONSULT", "AGREE", "COOPERATE"})  # SPEC §8: actor and recipient are interchangeable

_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_CAPITALISED = re.compile(r"\b[A-ZÀ-ÖØ-Þ][^\W\d_]{2,}(?:-[A-ZÀ-ÖØ-Þ][^\W\d_]+)*")
_NUMBER = re.compile(r"(?<![\w.,])\d{1,3}(?:(?:[\u00a0\u202f ]|,(?=\d{3}\b))\d{3})+(?![\d,.]\d)|(?<![\w.,])\d{2,}")
_SENTENCE_END = re.compile(r"[.!?:;«»\"“”(\[\n]\s*$")
_STEM = 6  # word stems: accent-folded prefixes of this many letters (a cheap stemmer for French and English)
_NAME_KINDS = frozenset({"person", "group", "igo", "media"})
_PLACE_KINDS = frozenset({"city", "capital"})

_EN_MONTHS = {m: i for i, m in enumerate(
    ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
     "november", "december"), start=1)}  # fmt: skip
_EN_DATE = re.compile(
    r"\b(?:(?P<d1>\d{1,2})(?:st|nd|rd|th)?\s+(?P<m1>[A-Z][a-z]+)|(?P<m2>[A-Z][a-z]+)\.?\s+(?P<d2>\d{1,2})(?:st|nd|rd|th)?)"
    r"(?:,?\s+(?P<y>\d{4}))?\b"
)
# Capitalised words that are not names in either language: calendar words and English title case.
_NOT_NAMES = frozenset([
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
    "janvier", "fevrier", "mars", "avril", "mai", "juin", "juillet", "aout", "septembre", "octobre", "novembre",
    "decembre", *_EN_MONTHS,
])  # fmt: skip


@dataclass
class ArticleFeatures:
    """One article as story clustering sees it; plain data, so it serialises as it is (`to_dict`)."""

    id: str
    order: int  # ingestion order: breaks ties between equal dates
    lang: str | None = None
    date: str | None = None  # publication date, at whatever precision it is known
    outlet: str | None = None
    title: str | None = None
    lead: str = ""  # the first sentence of the body, for summaries
    bags: dict[str, dict[str, float]] = field(default_factory=dict)

    def span(self) -> tuple[int, int] | None:
        """First and last day (ordinals) the publication date can be; None when unknown."""
        return date_span(self.date)

    def sort_key(self) -> tuple[int, int]:
        span = self.span()
        return (span[0] if span else 10**7, self.order)

    def to_dict(self) -> dict[str, Any]:
        return {k: getattr(self, k) for k in self.__dataclass_fields__}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ArticleFeatures:
        return cls(**data)


def date_span(value: str | None) -> tuple[int, int] | None:
    pub = PubDate.parse(value)
    if pub is None:
        return None
    first = date(pub.year, pub.month or 1, pub.day or 1)
    if pub.day is not None:
        last = first
    elif pub.month is not None:
        last = date(pub.year + pub.month // 12, pub.month % 12 + 1, 1) - timedelta(days=1)
    else:
        last = date(pub.year, 12, 31)
    return first.toordinal(), last.toordinal()


def gap_days(a: tuple[int, int] | None, b: tuple[int, int] | None) -> int:
    """Days between two date spans (0 when they overlap or one is unknown)."""
    if a is None or b is None:
        return 0
    return max(0, a[0] - b[1], b[0] - a[1])


def outlet_of(article: Article) -> str | None:
    """The publication: the one the input names, else the web host without its mobile/AMP prefixes."""
    if article.outlet:
        return article.outlet
    host = urlsplit(article.url).hostname if article.url else None
    if not host:
        return None
    for prefix in ("www.", "m.", "amp.", "mobile."):
        host = host.removeprefix(prefix)
    return host


def fold(text: str) -> str:
    """Lower case without accents, the way the actor lexicon matches ("Téhéran" -> "teheran", "œ" -> "oe")."""
    return fold_chars(text).replace("œ", "oe").replace("æ", "ae")


@cache
def _stop_words(lang: str) -> frozenset[str]:
    if lang == "fr":
        from spacy.lang.fr.stop_words import STOP_WORDS
    elif lang == "en":
        from spacy.lang.en.stop_words import STOP_WORDS
    else:
        return frozenset()
    return frozenset(fold(w) for w in STOP_WORDS)


def _sublinear(counts: Counter[str]) -> dict[str, float]:
    return {k: round(1.0 + math.log(n), 4) for k, n in counts.items() if n > 0}


def lead_sentence(text: str, limit: int = 240) -> str:
    body = " ".join(text.split())
    m = re.search(r"(?<=[.!?])\s+(?=[A-ZÀ-Ý«\"“])", body[:limit * 2])
    lead = body[: m.start()] if m else body
    return lead if len(lead) <= limit else lead[: limit - 1].rsplit(" ", 1)[0] + "…"


class FeatureMaker:
    """Turns (article, events) into ArticleFeatures; holds the lexicon, loaded once."""

    def __init__(self, lexicon: ActorLexicon | None = None) -> None:
        self.lexicon = lexicon or ActorLexicon.load()

    def make(self, article: Article, events: Sequence[Event] = (), order: int = 0, lang: str | None = None,
             article_id: str | None = None) -> ArticleFeatures:
        lang = (lang or article.lang or "").lower() or None
        title = (article.title or "").strip()
        bags = self._text_features(article.text, lang, article.date)
        if title:  # the title counts double
            for family, counts in self._text_features(title, lang, article.date).items():
                bags[family].update({k: 2 * n for k, n in counts.items()})
        for ev in events:
            bags["triples"].update(triples(ev))
            if ev.date and ev.date_precision == "day" and _explicit(ev.date_text):
                bags["dates"][ev.date] += 1
        return ArticleFeatures(
            id=article_id or article.id or "",
            order=order,
            lang=lang,
            date=article.date,
            outlet=outlet_of(article),
            title=title or None,
            lead=lead_sentence(article.text),
            bags={f: _sublinear(c) for f, c in bags.items() if c},
        )

    def _text_features(self, text: str, lang: str | None, published: str | None) -> dict[str, Counter[str]]:
        bags: dict[str, Counter[str]] = {f: Counter() for f in FAMILIES}
        mentions = self.lexicon.find(text, when=published)
        for m in mentions:
            actor = m.actor
            if actor.code:
                bags["codes"][actor.code] += 1
                if actor.kind in _PLACE_KINDS:
                    bags["places"][actor.code] += 1
            if actor.name and actor.kind in _NAME_KINDS:
                bags["names"][fold(actor.name)] += 1
        bags["names"].update(unknown_names(text, mentions))
        bags["numbers"].update(numbers(text))
        bags["dates"].update(mentioned_days(text, lang, published))
        stops = _stop_words(lang or "")
        for w in _WORD.findall(fold(text)):  # apostrophes split: "l’accord" is "l" + "accord"
            if len(w) > 2 and w not in stops:
                bags["terms"][w[:_STEM]] += 1
        return bags


def triples(ev: Event) -> list[str]:
    """SPEC §8 triples of an event as strings ("CONSULT|IRN|RUS"), symmetric types in a canonical order."""
    actors = [a.code or "?" for a in ev.actor] or ["?"]
    recipients = [r.code or "?" for r in ev.recipient] or ["-"]
    out = []
    for a in actors:
        for r in recipients:
            pair = sorted((a, r)) if ev.event in SYMMETRIC and r != "-" else (a, r)
            out.append("|".join((ev.event, *pair)))
    return out


def unknown_names(text: str, mentions: Iterable[Mention]) -> Counter[str]:
    """Capitalised words outside lexicon mentions and not opening a sentence, accent-folded."""
    covered = [(m.start, m.end) for m in mentions]
    out: Counter[str] = Counter()
    for m in _CAPITALISED.finditer(text):
        if any(s <= m.start() < e for s, e in covered) or _SENTENCE_END.search(text[max(0, m.start() - 3) : m.start()]):
            continue
        if m.start() == 0:
            continue
        word = fold(m.group())
        if word in _NOT_NAMES or word in _stop_words("fr") or word in _stop_words("en"):
            continue
        out[word] += 1
    return out


def numbers(text: str) -> Counter[str]:
    return Counter(re.sub(r"\D", "", m.group()).lstrip("0") or "0" for m in _NUMBER.finditer(text))


def _explicit(date_text: str | None) -> bool:
    """A date written with its day number ("le 29 septembre"): "hier" or "samedi" would tie every story of
    the same day together."""
    return date_text is not None and any(ch.isdigit() for ch in date_text)


def mentioned_days(text: str, lang: str | None, published: str | None) -> Counter[str]:
    """Dates written out with their day ("le 29 septembre", "July 26"), resolved against publication."""
    pub = PubDate.parse(published)
    if lang == "fr":
        return Counter(m.value for m in find_dates(text, pub) if m.precision == "day" and m.value and _explicit(m.text))
    if lang != "en":
        return Counter()
    out: Counter[str] = Counter()
    for m in _EN_DATE.finditer(text):
        month = _EN_MONTHS.get((m.group("m1") or m.group("m2") or "").lower())
        day = int(m.group("d1") or m.group("d2"))
        year = int(m.group("y")) if m.group("y") else None
        if month is None or not 1 <= day <= 31:
            continue
        if year is None:
            if pub is None:
                continue
            year = pub.year - 1 if pub.month is not None and month > pub.month else pub.year
        try:
            out[date(year, month, day).isoformat()] += 1
        except ValueError:
            continue
    return out
