"""The French codebook: trigger words and constructions -> PLOVER event types (data/codebook.toml)."""

from __future__ import annotations

import tomllib
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path

from .records import EVENT_TYPES


def _words(value: str | list[str] | None) -> frozenset[str]:
    if value is None:
        return frozenset()
    return frozenset([value] if isinstance(value, str) else value)


@dataclass(frozen=True)
class Trigger:
    """One codebook entry: a word (by lemma) in a construction that states an event."""

    lemmas: frozenset[str]
    pos: str  # "verb" | "noun"
    event: str
    mode: str | None = None
    obj: frozenset[str] = frozenset()
    not_obj: frozenset[str] = frozenset()
    with_: frozenset[str] = frozenset()
    also: frozenset[str] = frozenset()
    not_with: frozenset[str] = frozenset()
    reflexive: bool | None = None
    recipient: tuple[str, ...] = ()
    frame: str | None = None
    obj_kind: str | None = None
    need_actor: bool = False
    need_recipient: bool = False
    no_clause: bool = False
    anaphoric: bool = False  # only as a mention of an act already told ("CET accord"): see codebook.toml
    sentence: frozenset[str] = frozenset()
    subject_sector: frozenset[str] = frozenset()
    not_subject_sector: frozenset[str] = frozenset()

    @property
    def specificity(self) -> int:
        """Constrained constructions win over the bare word ("mettre en garde" over "mettre")."""
        return 2 * bool(self.obj) + 2 * bool(self.with_) + bool(self.also) + (self.reflexive is True) + bool(
            self.sentence
        )


@dataclass
class Codebook:
    verbs: dict[str, list[Trigger]] = field(default_factory=dict)
    nouns: dict[str, list[Trigger]] = field(default_factory=dict)
    defaults: dict[str, tuple[str, ...]] = field(default_factory=dict)
    modes: dict[str, str] = field(default_factory=dict)  # cue word -> mode
    instruments: frozenset[str] = frozenset()  # weapons and craft: never the recipient of an act

    def triggers(self, lemma: str, pos: str) -> list[Trigger]:
        table = self.verbs if pos == "verb" else self.nouns
        return table.get(lemma, [])

    def recipient_roles(self, trigger: Trigger) -> tuple[str, ...]:
        """Where to look for the recipient, in order; an entry's own list ends like its type's default."""
        default = self.defaults.get(trigger.event, ("obj",))
        if not trigger.recipient:
            return default
        if "none" in trigger.recipient:  # the act has no recipient ("démissionner")
            return tuple(r for r in trigger.recipient if r != "none")
        fallback = tuple(r for r in default[-1:] if r in ("other", "self") and r not in trigger.recipient)
        return trigger.recipient + fallback


def _trigger(entry: dict, pos: str, where: str) -> Trigger:
    event = entry.get("event")
    if event not in EVENT_TYPES:
        raise ValueError(f"{where}: unknown event type {event!r}")
    return Trigger(
        lemmas=_words(entry["lemma"]),
        pos=pos,
        event=event,
        mode=entry.get("mode"),
        obj=_words(entry.get("obj")),
        not_obj=_words(entry.get("not_obj")),
        with_=_words(entry.get("with")),
        also=_words(entry.get("also")),
        not_with=_words(entry.get("not_with")),
        reflexive=entry.get("reflexive"),
        recipient=tuple(entry.get("recipient", ())),
        frame=entry.get("frame"),
        obj_kind=entry.get("obj_kind"),
        need_actor=bool(entry.get("need_actor")),
        need_recipient=bool(entry.get("need_recipient")),
        no_clause=bool(entry.get("no_clause")),
        anaphoric=bool(entry.get("anaphoric")),
        sentence=_words(entry.get("sentence")),
        subject_sector=_words(entry.get("subject_sector")),
        not_subject_sector=_words(entry.get("not_subject_sector")),
    )


def parse_codebook(data: dict, where: str = "codebook") -> Codebook:
    book = Codebook()
    for pos, table in (("verb", book.verbs), ("noun", book.nouns)):
        grouped: dict[str, list[Trigger]] = defaultdict(list)
        for n, entry in enumerate(data.get(pos, []), 1):
            trig = _trigger(entry, pos, f"{where}: {pos} #{n}")
            for lemma in trig.lemmas:
                grouped[lemma].append(trig)
        for lemma, trigs in grouped.items():
            table[lemma] = sorted(trigs, key=lambda t: -t.specificity)
    book.defaults = {k: tuple(v) for k, v in data.get("defaults", {}).items()}
    book.instruments = frozenset(data.get("instruments", []))
    for mode, cues in data.get("modes", {}).items():
        for cue in cues:
            book.modes[cue.lower()] = mode
    return book


@cache
def load_codebook(path: str | None = None) -> Codebook:
    """The built-in codebook, or a user's own file in the same format."""
    if path:
        text = Path(path).read_text(encoding="utf-8")
        where = path
    else:
        text = resources.files("eventwire").joinpath("data/codebook.toml").read_text(encoding="utf-8")
        where = "codebook.toml"
    return parse_codebook(tomllib.loads(text), where)
