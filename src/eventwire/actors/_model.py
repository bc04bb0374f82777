"""Public value types (Actor, Mention) and the internal lexicon entry."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

KINDS = frozenset(
    {"country", "demonym", "capital", "city", "metonym", "igo", "group", "person", "media", "title"}
)


@dataclass(frozen=True)
class Actor:
    code: str | None  # ISO alpha-3 or SPEC IGO code; None if unresolved
    sector: str | None  # PLOVER sector
    name: str | None  # canonical name where known
    kind: str  # one of KINDS
    generic: bool = False  # a role word with no country of its own: the caller supplies it from context


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    text: str
    actor: Actor


@dataclass(frozen=True)
class Tenure:
    """One office held by a person of the leaders register."""

    actor: Actor
    role: str
    start: dt.date
    end: dt.date | None  # None: still in office


@dataclass(frozen=True)
class Entry:
    """One reading of a lexicon key.

    rank orders the readings of one key (lower wins); shape is the per-token case constraint
    (None: case-insensitive); tenures, when set, make the actor depend on the date (people).
    """

    actor: Actor
    rank: int
    shape: tuple[int, ...] | None = None
    weak: bool = False  # title that yields its sector to a later, more specific word ("porte-parole")
    outlet: bool = False  # title naming a media outlet type: the phrase is a source with no code
    not_initial: bool = False  # stoplisted place name: never at the start of a sentence
    numeral: bool = False  # "les 27": only where it cannot be a count of something
    block: bool = False  # consumes its span, yields no mention ("pro-russe", "océan Indien")
    prefix: bool = False  # combining form, valid only before a hyphen ("sino-" in "sino-américain")
    tenures: tuple[Tenure, ...] = field(default=())


# Preference between readings of the same key (lower wins).
RANK = {
    "user": 0,
    "person": 1,
    "media": 2,
    "igo": 3,
    "group": 3,
    "metonym": 4,
    "country": 5,
    "block": 5,
    "demonym": 6,
    "capital": 7,
    "title": 8,
    "city": 9,
}
