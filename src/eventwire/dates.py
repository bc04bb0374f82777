"""French date expressions in news sentences, resolved against the publication date (SPEC §7).

`find_dates(text, published)` finds expressions such as "samedi dernier", "le 29 septembre", "début novembre",
"l'an dernier" or "19/11/2022" and resolves each to "YYYY-MM-DD", "YYYY-MM" or "YYYY":

- relative expressions ("samedi", "hier", "la semaine dernière") are counted from the publication date and are
  never finer than it: with a publication date of 2022-11, "samedi" is 2022-11. Without a publication date
  they resolve to None;
- an explicit day or month keeps its precision and only the year is inferred: the most recent such date not
  after publication, since news reports the past ("le 29 septembre" published 2022-11 is 2022-09-29);
- absolute expressions ("le 29 septembre 2021", "en 2021") resolve with or without a publication date.

The vocabulary (months, weekdays, seasons, relative days, ...) lives in data/dates/fr.toml. Each rule below is
one regex plus a resolver; a cheap pre-filter regex skips sentences with no date cue at all.
"""

from __future__ import annotations

import itertools
import re
import tomllib
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from importlib import resources
from typing import Any

__all__ = ["DateMention", "PubDate", "find_dates"]

_PRECISIONS = ("year", "month", "day")  # coarse to fine
_PUB_RE = re.compile(r"\s*(\d{4})(?:[-/](\d{1,2})(?:[-/](\d{1,2}))?)?(?![\d/-])")


@dataclass(frozen=True)
class PubDate:
    """A publication date, or any partial date: a year, a year and month, or a full day."""

    year: int
    month: int | None = None
    day: int | None = None

    def __post_init__(self) -> None:
        if self.day is not None and self.month is None:
            raise ValueError("a day needs a month")
        date(self.year, self.month or 1, self.day or 1)  # raises ValueError for impossible dates

    @classmethod
    def parse(cls, value: str | None) -> PubDate | None:
        """Read "2022", "2022-11" or "2022-11-19" (a trailing time is ignored); None when unreadable."""
        m = _PUB_RE.match(value or "")
        if m is None:
            return None
        try:
            return cls(*(int(g) if g else None for g in m.groups()))
        except ValueError:
            return None

    @classmethod
    def from_date(cls, d: date) -> PubDate:
        return cls(d.year, d.month, d.day)

    @property
    def precision(self) -> str:
        if self.day is not None:
            return "day"
        return "month" if self.month is not None else "year"

    def as_date(self) -> date | None:
        return date(self.year, self.month, self.day) if self.month and self.day else None

    def truncate(self, precision: str) -> PubDate:
        """This date, no finer than `precision`."""
        keep = _PRECISIONS.index(precision)
        return PubDate(self.year, self.month if keep >= 1 else None, self.day if keep >= 2 else None)

    def isoformat(self) -> str:
        return "-".join([f"{self.year:04d}"] + [f"{p:02d}" for p in (self.month, self.day) if p is not None])


@dataclass(frozen=True)
class DateMention:
    """A date expression found in a text; `text == source[start:end]`."""

    start: int
    end: int
    text: str
    value: str | None  # "YYYY-MM-DD" | "YYYY-MM" | "YYYY" | None when it cannot be resolved
    precision: str | None  # "day" | "month" | "year" | None


# --------------------------------------------------------------------------------------------- vocabulary

_ACCENTS = {"à": "a", "â": "a", "ç": "c", "é": "e", "è": "e", "ê": "e", "ë": "e", "î": "i", "ï": "i",
            "ô": "o", "ù": "u", "û": "u"}  # fmt: skip


def _fold(text: str) -> str:
    """Lookup key: lower case, no accents, no apostrophes, hyphens, dots or spaces."""
    text = unicodedata.normalize("NFD", text.lower())
    return "".join(c for c in text if not unicodedata.combining(c) and c not in "'’-‐‑. \t\n\u00a0\u202f")


def _loose_char(ch: str) -> str:
    if ch in _ACCENTS:
        return f"[{ch}{_ACCENTS[ch]}]"  # newspapers and scrapers drop accents
    if ch in "'’":
        return r"['’]\s?"
    return ch


def _loose(skeleton: str) -> str:
    """A regex written with plain accents and ' made tolerant of missing accents and curly apostrophes.
    Skeletons must not put accented letters or apostrophes inside [...] classes."""
    return "".join(map(_loose_char, skeleton))


def _word(word: str) -> str:
    """Regex for one vocabulary entry: accents optional, hyphen = space = nothing, any apostrophe."""
    out = []
    for ch in word:
        if ch == "-":
            out.append(r"[-‐‑\s]?")
        elif ch == " ":
            out.append(r"\s+")
        elif ch in _ACCENTS or ch in "'’":
            out.append(_loose_char(ch))
        else:
            out.append(re.escape(ch))
    return "".join(out)


def _alt(words: Iterable[str]) -> str:
    # Longest first, so that "avant-hier" wins over "hier" and "après-midi" over "midi".
    return "(?:" + "|".join(_word(w) for w in sorted(words, key=len, reverse=True)) + ")"


def _load_vocab() -> dict[str, Any]:
    text = resources.files("eventwire").joinpath("data/dates/fr.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)


_V = _load_vocab()
_MONTHS = {_fold(k): v for k, v in _V["months"].items()}
_ABBR = {_fold(k): v for k, v in _V["month_abbreviations"].items()}
_WEEKDAYS = {_fold(k): v for k, v in _V["weekdays"].items()}
_SEASONS = {_fold(k): tuple(v) for k, v in _V["seasons"].items()}
_PAST = {_fold(w) for w in _V["modifiers"]["past"]}
_NEXT = {_fold(w) for w in _V["modifiers"]["next"]}
_RELATIVE_DAYS = {_fold(k): v for k, v in _V["relative_days"].items()}
_ANCHOR_DAYS = {_fold(k): v for k, v in _V["anchor_days"].items()}
_NUMBERS = {_fold(k): v for k, v in _V["numbers"].items()}
_PLURAL_LOOKALIKES = {_fold(w) for w in _V["not_a_year"]["plural_lookalikes"]}

_P: dict[str, str] = {
    "MONTH": _alt(_V["months"]),
    "ABBR": _alt(_V["month_abbreviations"]),
    "WEEKDAY": _alt(_V["weekdays"]),
    "SEASON": _alt(_V["seasons"]),
    "MOD": _alt(_V["modifiers"]["past"] + _V["modifiers"]["next"]),
    "PART": _alt(_V["parts"]["words"]),
    "TIME": _alt(_V["times_of_day"]["words"]),
    "REL": _alt(_V["relative_days"]),
    "ANCHOR": _alt(_V["anchor_days"]),
    "NUM": _alt(_V["numbers"]),
    "YEAR": r"(?:19\d\d|20\d\d|2100)(?!\d)",
    "DAY": r"(?:1er|1re|premier|[12]\d|3[01]|0?[1-9])(?!\d)",
}


def _build(skeleton: str) -> str:
    return _loose(skeleton) % _P


# "au début", "à la fin", "d'ici la fin", "mi-": a part of a month or year.
_P["LEAD_PART"] = _build(
    r"(?:(?:au|à\s+la|à|dès\s+l[ea]|depuis\s+l[ea]|vers\s+l[ea]|jusqu'à\s+la|jusqu'au|d'ici\s+(?:à\s+)?la"
    r"|pour\s+l[ae]|dans\s+le|en|la|le)\s+)"
)
# A time of day after a day: "soir", "au soir", "dans la soirée", "en fin de journée".
_P["TOD"] = _build(
    r"\s+(?:(?:en\s+fin\s+de|en\s+début\s+de|tard\s+dans\s+la|tôt\s+dans\s+la|dans\s+la|dans\s+l'|tôt|au|en)"
    r"\s*)?%(TIME)s\b"
)


class _NotADate(Exception):
    """Raised by a resolver when its regex matched something that is not a date ("les 2000 soldats")."""


@dataclass(frozen=True)
class _Anchor:
    """A day counted from another date ("la veille", "le lendemain"), resolved once all mentions are known."""

    days: int


_Resolved = PubDate | _Anchor | None
_Resolver = Callable[[re.Match[str], PubDate | None, str], _Resolved]


# ----------------------------------------------------------------------------------------------- arithmetic


def _direction(mod: str | None) -> str:
    """Direction of a modifier: past (dernier, passé, précédent), next (prochain, suivant) or bare."""
    key = _fold(mod or "")
    return "past" if key in _PAST else "next" if key in _NEXT else "bare"


def _shift_days(pub: PubDate | None, days: int, finest: str = "day") -> PubDate | None:
    """`days` from a day-precise publication date; with a coarser one, the publication month or year
    itself: we do not guess across month boundaries."""
    if pub is None:
        return None
    start = pub.as_date()
    if start is None:
        return pub.truncate(finest)
    return PubDate.from_date(start + timedelta(days=days)).truncate(finest)


def _shift_months(pub: PubDate | None, months: int) -> PubDate | None:
    if pub is None:
        return None
    if pub.month is None:
        return PubDate(pub.year)
    index = pub.year * 12 + pub.month - 1 + months
    return PubDate(index // 12, index % 12 + 1)


def _shift_years(pub: PubDate | None, years: int) -> PubDate | None:
    return None if pub is None else PubDate(pub.year + years)


def _shift_value(base: PubDate | None, days: int) -> PubDate | None:
    day = base.as_date() if base else None
    return base if day is None else PubDate.from_date(day + timedelta(days=days))


def _infer_year(pub: PubDate | None, month: int, day: int | None, direction: str) -> int | None:
    """Year of a month (and day) given without one: the most recent not after publication ("bare"),
    strictly before it ("dernier") or strictly after it ("prochain")."""
    if pub is None:
        return None
    if pub.month is None:
        # With a year-only publication, "dernier"/"prochain" may as well point to the year before or after.
        return pub.year if direction == "bare" else None
    if day is not None and pub.day is not None:
        cmp = _sign((month, day), (pub.month, pub.day))
    else:
        cmp = _sign(month, pub.month)
        if cmp == 0 and day is not None:
            return pub.year  # "le 15 novembre (dernier)" published in November, day unknown: this November
    if direction == "past":
        return pub.year if cmp < 0 else pub.year - 1
    if direction == "next":
        return pub.year if cmp > 0 else pub.year + 1
    return pub.year if cmp <= 0 else pub.year - 1


def _sign(a: Any, b: Any) -> int:
    return (a > b) - (a < b)


def _weekday_date(pub: date, weekday: int, mode: str) -> date:
    if mode == "last_week":  # "mardi de la semaine dernière": that weekday in the previous Monday-Sunday week
        return pub - timedelta(days=pub.weekday() + 7 - weekday)
    if mode == "next_week":
        return pub + timedelta(days=7 - pub.weekday() + weekday)
    if mode == "next":
        return pub + timedelta(days=(weekday - pub.weekday()) % 7 or 7)
    back = (pub.weekday() - weekday) % 7
    if mode == "past":
        back = back or 7  # "samedi dernier" written on a Saturday is the Saturday before
    return pub - timedelta(days=back)


def _season_year(pub: PubDate | None, start: int, end: int, direction: str) -> int | None:
    """Seasons are dated by the year of their last month (winter Dec-Feb by its February)."""
    if pub is None:
        return None
    if direction == "this":
        return pub.year
    if pub.month is None:
        return pub.year if direction == "bare" else None
    month = pub.month
    if direction == "past":  # the last one already over
        return pub.year if end < month else pub.year - 1
    if direction == "next":  # the next one not yet begun
        return pub.year if start > month else pub.year + 1
    wraps = start > end
    return pub.year if wraps or start <= month else pub.year - 1  # the last one begun


def _exact(year: int, month: int, day: int) -> PubDate:
    try:
        return PubDate(year, month, day)
    except ValueError:
        raise _NotADate from None


def _day_number(text: str) -> int:
    return 1 if _fold(text) in {"1er", "1re", "premier"} else int(text)


# ------------------------------------------------------------------------------------------------ resolvers


def _r_iso(m: re.Match[str], pub: PubDate | None, text: str) -> _Resolved:
    return _exact(int(m["y"]), int(m["m"]), int(m["d"]))


def _r_numeric(m: re.Match[str], pub: PubDate | None, text: str) -> _Resolved:
    year = m["y"]
    if len(year) == 2:
        if m["sep"] == ".":
            raise _NotADate  # "1.2.22" reads like a version number
        year = "20" + year
    if not 1900 <= int(year) <= 2100:
        raise _NotADate
    return _exact(int(year), int(m["m"]), int(m["d"]))


def _r_day_month(m: re.Match[str], pub: PubDate | None, text: str) -> _Resolved:
    day = _day_number(m["day"])
    month = _MONTHS[_fold(m["month"])] if m["month"] else _ABBR[_fold(m["abbr"])]
    _exact(2000, month, day)  # a leap year: rejects "31 avril" but keeps "29 février"
    if m["year"]:
        return _exact(int(m["year"]), month, day)
    direction = _direction(m["mod"])
    year = _infer_year(pub, month, day, direction)
    if year is None:
        return None
    step = 1 if direction == "next" else -1
    while True:  # only 29 February can fail; the nearest leap year is at most 8 years away
        try:
            return PubDate(year, month, day)
        except ValueError:
            year += step


def _r_weekday(m: re.Match[str], pub: PubDate | None, text: str) -> _Resolved:
    weekday = _WEEKDAYS[_fold(m["wd"])]
    if m["wmod"]:
        mode = "last_week" if _direction(m["wmod"]) == "past" else "next_week"
    else:
        mode = _direction(m["mod"])
    if pub is None:
        return None
    pub_day = pub.as_date()
    if pub_day is None:
        return pub  # publication month or year: the weekday is somewhere in it
    return PubDate.from_date(_weekday_date(pub_day, weekday, mode))


def _r_relative_day(m: re.Match[str], pub: PubDate | None, text: str) -> _Resolved:
    return _shift_days(pub, _RELATIVE_DAYS[_fold(m["rel"])])


def _r_anchor(m: re.Match[str], pub: PubDate | None, text: str) -> _Resolved:
    return _Anchor(_ANCHOR_DAYS[_fold(m["anc"])])


def _r_month(m: re.Match[str], pub: PubDate | None, text: str) -> _Resolved:
    groups = m.groupdict()
    month = _MONTHS[_fold(m["month"])]
    cued = groups.get("lead") or groups.get("mois") or groups.get("part")
    if not (cued or m["year"] or m["mod"]) and not text[m.start("month") : m.end("month")].islower():
        raise _NotADate  # a bare capitalised "Mars" is the planet or a name: French months are lower case
    if m["year"]:
        return PubDate(int(m["year"]), month)
    year = _infer_year(pub, month, None, _direction(m["mod"]))
    return None if year is None else PubDate(year, month)


def _r_year(m: re.Match[str], pub: PubDate | None, text: str) -> _Resolved:
    start, end = m.start("year"), m.end("year")
    if _UNIT_AFTER.match(text, end) or _THOUSANDS_AFTER.match(text, end):
        raise _NotADate  # "2000 euros", "depuis 2000 ans", "2 000 000"
    if not m["lead"] and not _plausible_bare_year(text, start, end):
        raise _NotADate
    return PubDate(int(m["year"]))


def _plausible_bare_year(text: str, start: int, end: int) -> bool:
    """A 4-digit number with no cue before it: a year unless it counts something."""
    if _NOT_YEAR_BEFORE.search(text, max(0, start - 30), start) or _DIGIT_BEFORE.search(text, 0, start):
        return False
    nxt = _NEXT_WORD.match(text, end)
    if nxt is None:
        return True
    word = nxt.group(1)
    # "les 2000 manifestants": a lower-case plural noun right after means a quantity.
    return not (word.islower() and word[-1] in "sx" and _fold(word) not in _PLURAL_LOOKALIKES)


def _r_season(m: re.Match[str], pub: PubDate | None, text: str) -> _Resolved:
    start, end = _SEASONS[_fold(m["season"])]
    if m["year"]:
        return PubDate(int(m["year"]))
    article = _fold(m["art"])
    if m["mod"]:
        direction = _direction(m["mod"])
    elif article in {"ce", "cet", "cette"}:
        direction = "this"
    elif article == "le" and not m["prep"]:
        raise _NotADate  # "le printemps arabe", "le printemps de Prague"
    else:
        direction = "bare"
    year = _season_year(pub, start, end, direction)
    return None if year is None else PubDate(year)


def _r_week(m: re.Match[str], pub: PubDate | None, text: str) -> _Resolved:
    det = _fold(m["det"] or "")
    if not (det in {"ce", "cette"} or m["mod"] or m["part"]):
        raise _NotADate  # "la semaine" alone: "pendant la semaine", "la semaine du 7 novembre"
    days = {"past": -7, "next": 7}.get(_direction(m["mod"]), 0)
    return _shift_days(pub, days, finest="month")  # a week is never more precise than its month


def _r_month_relative(m: re.Match[str], pub: PubDate | None, text: str) -> _Resolved:
    suffix = _fold(m["suf"] or "")
    if not (suffix or m["part"] or _fold(m["det"] or "") == "ce"):
        raise _NotADate  # "le mois", "au mois" (the month pattern handles "au mois de mai")
    months = 0 if suffix in {"", "ci", "encours"} else (-1 if _direction(m["suf"].strip()) == "past" else 1)
    return _shift_months(pub, months)


def _r_year_relative(m: re.Match[str], pub: PubDate | None, text: str) -> _Resolved:
    what, suffix = _fold(m["what"]), _fold(m["mod"] or "")
    if what != "cetteannee" and not (suffix or m["part"]):
        raise _NotADate  # "l'année" alone is not a date
    if what == "annee" and not m["part"]:
        raise _NotADate
    years = 0 if suffix in {"", "encours"} else (-1 if _direction(m["mod"]) == "past" else 1)
    return _shift_years(pub, years)


def _r_ago(m: re.Match[str], pub: PubDate | None, text: str) -> _Resolved:
    n = int(m["n"]) if m["n"].isdigit() else _NUMBERS[_fold(m["n"])]
    unit = _fold(m["unit"])
    if unit.startswith("jour"):
        return _shift_days(pub, -n)
    if unit.startswith("semaine"):
        return _shift_days(pub, -7 * n, finest="month")
    if unit == "mois":
        return _shift_months(pub, -n)
    return _shift_years(pub, -n)


# ---------------------------------------------------------------------------------------------------- rules

_NOT_YEAR_BEFORE = re.compile(r"\b" + _alt(_V["not_a_year"]["before"]) + r"\s*$", re.IGNORECASE)
_UNIT_AFTER = re.compile(r"[\s\u00a0\u202f]*" + _alt(_V["not_a_year"]["after"]) + r"(?!\w)", re.IGNORECASE)
_THOUSANDS_AFTER = re.compile(r"[\s\u00a0\u202f]\d{3}(?!\d)")
_DIGIT_BEFORE = re.compile(r"\d[\s\u00a0\u202f]$")
_NEXT_WORD = re.compile(r"\s+(\w+)")
_OF = re.compile(_build(r"\s+(?:des|du|de)\b|\s+d'"), re.IGNORECASE)


def _accent_spellings(word: str) -> set[str]:
    """Every spelling the loose regex accepts for `word`, accent by accent ("été", "ete", "eté", ...)."""
    options = [(c, _ACCENTS[c]) if c in _ACCENTS else (c,) for c in word]
    return {"".join(p) for p in itertools.product(*options)}


def _cue_tokens(phrases: Iterable[str]) -> frozenset[str]:
    """Tokens (runs of \\w in lower-cased text) one of which any match of `phrases` must contain: each
    phrase's longest word, and its hyphenated chunks glued ("avanthier"), since a hyphen may be dropped."""
    tokens: set[str] = set()
    for phrase in map(str.lower, phrases):
        glued = [re.sub(r"\W", "", chunk) for chunk in re.split(r"[\s'’]+", phrase) if "-" in chunk]
        for form in [max(re.findall(r"\w+", phrase), key=len), *glued]:
            tokens |= _accent_spellings(form)
    return frozenset(tokens)


class _C:
    """Cue tokens per rule: a rule runs only on a sentence holding one of its tokens, and most sentences
    hold none, so the usual cost is one tokenisation and a few set look-ups."""

    MONTHS = _cue_tokens(_V["months"])
    ABBRS = _cue_tokens(_V["month_abbreviations"])
    WEEKDAYS = _cue_tokens(_V["weekdays"])
    RELATIVE = _cue_tokens(_V["relative_days"])
    ANCHORS = _cue_tokens(_V["anchor_days"])
    SEASONS = _cue_tokens(_V["seasons"])
    YEARS = frozenset(str(y) for y in range(1900, 2101))
    WEEK = frozenset({"semaine", "week", "weekend"})
    MOIS = frozenset({"mois"})
    AN = _cue_tokens(["an", "année"])
    AGO = frozenset({"y"})  # "il y a"
    NUMERIC = frozenset({"#numeric"})  # added by _NUMERIC_CUE: "19/11/22" holds no year token


@dataclass(frozen=True)
class _Rule:
    cues: frozenset[str]
    pattern: re.Pattern[str]  # compiled without IGNORECASE: it runs on lower-cased text, which is faster
    resolve: _Resolver


_TOKEN = re.compile(r"\w+")
_NUMERIC_CUE = re.compile(r"\d[/.]\d")

_RULE_SPECS: list[tuple[frozenset[str], str, _Resolver]] = [
    (
        _C.YEARS,
        r"(?<![\d/.-])(?P<y>(?:19|20)\d\d)-(?P<m>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01])(?!\d)",
        _r_iso,
    ),
    (
        _C.NUMERIC,
        r"\b(?:(?:le|du|au)\s+)?(?<![\d/.,])(?P<d>0?[1-9]|[12]\d|3[01])(?P<sep>[/.])(?P<m>0?[1-9]|1[0-2])"
        r"(?P=sep)(?P<y>\d{4}|\d\d)(?!\d|[/.]\d)",
        _r_numeric,
    ),
    (  # "le 29 septembre", "samedi 19 novembre 2022", "ce jeudi matin 6 avril", "les 3 et 4 mars"
        _C.MONTHS | _C.ABBRS,
        r"\b(?P<lead>(?:le|les|du|au|ce|dès\s+le|depuis\s+le|jusqu'au|avant\s+le|après\s+le|entre\s+le"
        r"|(?:dans\s+)?la\s+nuit\s+du)\s+)?(?:(?P<wd>%(WEEKDAY)s)(?:%(TOD)s)?\s+)?(?<![\d,.])"
        r"(?P<day>%(DAY)s)"
        r"(?:\s*(?:et|au|à|-)\s*%(DAY)s)?\s+(?:(?P<month>%(MONTH)s)\b|(?P<abbr>%(ABBR)s)(?:\.|(?=\s+%(YEAR)s)))"
        r"(?:\s+(?P<year>%(YEAR)s))?(?:\s+(?P<mod>%(MOD)s)\b)?(?:%(TOD)s)?",
        _r_day_month,
    ),
    (  # "samedi", "samedi dernier", "ce mardi", "mercredi soir", "dans la nuit de mercredi à jeudi"
        _C.WEEKDAYS,
        r"\b(?P<lead>(?:(?:dans|durant|pendant|au\s+cours\s+de)\s+)?la\s+(?:nuit|journée|soirée|matinée)"
        r"\s+(?:de\s+|du\s+|d')|(?:ce|dès|depuis|jusqu'à|le)\s+)?(?P<wd>%(WEEKDAY)s)\b(?:%(TOD)s)?"
        r"(?:\s+(?P<mod>%(MOD)s)\b|\s+de\s+la\s+semaine\s+(?P<wmod>%(MOD)s)\b)?(?:%(TOD)s)?"
        r"(?:\s+(?:à|au)\s+%(WEEKDAY)s\b(?:%(TOD)s)?)?",
        _r_weekday,
    ),
    (_C.RELATIVE, r"\b(?P<rel>%(REL)s)\b(?:%(TOD)s)?", _r_relative_day),  # "hier soir", "aujourd'hui"
    (_C.ANCHORS, r"\b(?P<anc>%(ANCHOR)s)\b(?:%(TOD)s)?", _r_anchor),  # "la veille au soir", "le lendemain"
    (  # "début novembre", "mi-septembre", "au début du mois de novembre", "fin mars 2021"
        _C.MONTHS,
        r"\b%(LEAD_PART)s?(?P<part>%(PART)s)(?:\s+|-)(?:(?:du|de)\s+mois\s+)?(?:de\s+|d')?"
        r"(?P<month>%(MONTH)s)\b(?:\s+(?P<year>%(YEAR)s)|\s+(?P<mod>%(MOD)s)\b)?",
        _r_month,
    ),
    (  # "en novembre", "novembre 2021", "novembre dernier", "depuis le mois d'août", "jusqu'en mai"
        _C.MONTHS,
        r"\b(?P<lead>(?:depuis|dès|en|d'ici|à\s+partir\s+de|avant|après|pour|durant|pendant|au\s+cours"
        r"|dans\s+le\s+courant)\s+|jusqu'(?:en\s+|à\s+)?)?(?P<mois>(?:le|au|du|ce)\s+mois\s+(?:de\s+|d'))?"
        r"(?P<month>%(MONTH)s)\b(?:\s+(?P<year>%(YEAR)s)|\s+(?P<mod>%(MOD)s)\b)?",
        _r_month,
    ),
    (  # "en 2021", "fin 2021", "mi-2021", "l'année 2021", "l'accord de 2015"
        _C.YEARS,
        r"(?:\b(?P<lead>%(LEAD_PART)s?%(PART)s(?:\s+|-)(?:de\s+l'année\s+|d'année\s+)?"
        r"|(?:depuis|dès|en|d'ici|à\s+partir\s+de|avant|après|pour|courant|durant|pendant)\s+(?:l'an(?:née)?\s+)?"
        r"|jusqu'en\s+|l'an(?:née)?\s+))?(?<![\w/.,°])(?P<year>%(YEAR)s)\b",
        _r_year,
    ),
    (  # "l'été dernier", "cet été", "au printemps 2021", "à l'automne"
        _C.SEASONS,
        r"\b(?P<prep>(?:au\s+cours\s+de|depuis|dès|durant|pendant|jusqu'à|à|avant|après|pour)\s+)?"
        r"(?P<art>l'|le\s+|au\s+|en\s+|ce\s+|cet\s+|cette\s+)(?P<season>%(SEASON)s)\b"
        r"(?:\s+(?P<year>%(YEAR)s)|\s+(?P<mod>%(MOD)s)\b)?",
        _r_season,
    ),
    (  # "cette semaine", "la semaine dernière", "ce week-end", "en fin de semaine"
        _C.WEEK,
        r"\b(?:(?:en|au|à\s+la|dès\s+la|depuis\s+la|d'ici\s+la|dans\s+la)\s+)?"
        r"(?:(?P<part>%(PART)s)\s+(?:de\s+(?:la\s+|cette\s+)?|du\s+)?)?(?P<det>(?:cette|ce|la|le)\s+)?"
        r"(?:semaine|week[-\s]?end)\b(?:\s+(?P<mod>%(MOD)s)\b)?",
        _r_week,
    ),
    (  # "le mois dernier", "ce mois-ci", "au début du mois", "en fin de mois"
        _C.MOIS,
        r"\b(?:%(LEAD_PART)s?(?P<part>%(PART)s)\s+(?:du|de)\s+)?(?P<det>(?:ce|le|du|au|en)\s+)?mois\b"
        r"(?P<suf>-ci|\s+(?:%(MOD)s|en\s+cours)\b)?",
        _r_month_relative,
    ),
    (  # "l'an dernier", "l'année dernière", "cette année", "en fin d'année", "au début de l'année prochaine"
        _C.AN,
        r"\b(?:%(LEAD_PART)s?(?P<part>%(PART)s)\s+(?:de\s+|d'))?(?P<what>cette\s+année|l'an(?:née)?|année)\b"
        r"(?:\s+(?P<mod>%(MOD)s|en\s+cours)\b)?",
        _r_year_relative,
    ),
    (
        _C.AGO,
        r"\bil\s+y\s+a\s+(?:(?:près\s+de|environ|plus\s+de|moins\s+de|quelque)\s+)?(?P<n>\d{1,3}|%(NUM)s)\s+"
        r"(?P<unit>jours?|semaines?|mois|ans?|années?)\b",
        _r_ago,
    ),
]
_RULES = [_Rule(cues, re.compile(_build(p)), resolve) for cues, p, resolve in _RULE_SPECS]


# ----------------------------------------------------------------------------------------------------- main


@dataclass
class _Hit:
    start: int
    end: int
    value: _Resolved


def find_dates(text: str, published: PubDate | None) -> list[DateMention]:
    """Date expressions in `text` (a sentence of French news), each resolved against `published`."""
    if not text:
        return []
    low = _lower(text)
    tokens = set(_TOKEN.findall(low))
    if _NUMERIC_CUE.search(low):
        tokens.add("#numeric")
    hits: list[_Hit] = []
    for rule in _RULES:
        if rule.cues.isdisjoint(tokens):
            continue
        for m in rule.pattern.finditer(low):
            try:
                hits.append(_Hit(m.start(), m.end(), rule.resolve(m, published, text)))
            except _NotADate:
                continue
    if not hits:
        return []
    chosen = _longest_first(hits)
    _resolve_anchors(text, chosen, published)
    return [_mention(text, h) for h in chosen]


def _lower(text: str) -> str:
    """`text` in lower case with unchanged offsets (a few characters, like "İ", lower-case to two)."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def _longest_first(hits: list[_Hit]) -> list[_Hit]:
    """Non-overlapping hits, preferring the longest ("le 29 septembre 2021" over "2021"), in text order."""
    chosen: list[_Hit] = []
    for hit in sorted(hits, key=lambda h: (h.start - h.end, h.start)):
        if all(hit.end <= c.start or hit.start >= c.end for c in chosen):
            chosen.append(hit)
    return sorted(chosen, key=lambda h: h.start)


def _resolve_anchors(text: str, hits: list[_Hit], pub: PubDate | None) -> None:
    """Resolve "la veille"/"le lendemain": from the date they govern ("la veille du 12 mars"), else from the
    last day-precise date before them in the sentence, else from publication."""
    for i, hit in enumerate(hits):
        if not isinstance(hit.value, _Anchor):
            continue
        of = _OF.match(text, hit.end)
        if of:
            nxt = hits[i + 1] if i + 1 < len(hits) else None
            if nxt is None or nxt.start > of.end() + 1 or isinstance(nxt.value, _Anchor):
                hit.value = None  # "la veille du scrutin": counted from an event we cannot date
                continue
            base = nxt.value
        else:
            earlier = [h.value for h in hits[:i] if isinstance(h.value, PubDate) and h.value.day is not None]
            base = earlier[-1] if earlier else pub
        hit.value = _shift_value(base, hit.value.days)


def _mention(text: str, hit: _Hit) -> DateMention:
    value = hit.value if isinstance(hit.value, PubDate) else None
    return DateMention(
        start=hit.start,
        end=hit.end,
        text=text[hit.start : hit.end],
        value=value.isoformat() if value else None,
        precision=value.precision if value else None,
    )
