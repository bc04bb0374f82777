"""Attribution and certainty cue words (data/cues.toml), loaded once."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources


@dataclass(frozen=True)
class Cues:
    reporting: frozenset[str]
    according_to: frozenset[str]
    citing: frozenset[str]
    claiming: frozenset[str]
    anaphoric_sources: frozenset[str]
    aside_marks: frozenset[str]
    platforms: frozenset[str]
    channels: frozenset[str]
    deny: frozenset[str]
    hedge_verbs: frozenset[str]
    plan_verbs: frozenset[str]
    plan_infinitive_only: frozenset[str]
    hedge_words: frozenset[str]  # single words
    hedge_phrases: tuple[tuple[str, ...], ...]  # several words in a row ("non confirmé")
    plan_words: frozenset[str]
    plan_nouns: frozenset[str]
    content_verbs: frozenset[str]
    negation: frozenset[str]
    afterwards: tuple[tuple[str, ...], ...]
    object_control: frozenset[str]


@cache
def load_cues() -> Cues:
    text = resources.files("eventwire").joinpath("data/cues.toml").read_text(encoding="utf-8")
    data = tomllib.loads(text)
    att, cert, ctl = data["attribution"], data["certainty"], data["control"]
    return Cues(
        reporting=frozenset(att["reporting"]),
        according_to=frozenset(att["according_to"]),
        citing=frozenset(att["citing"]),
        claiming=frozenset(att["claiming"]),
        anaphoric_sources=frozenset(att["anaphoric_sources"]),
        aside_marks=frozenset(att["aside_marks"]),
        platforms=frozenset(att["platforms"]),
        channels=frozenset(att["channels"]),
        deny=frozenset(cert["deny"]),
        hedge_verbs=frozenset(cert["hedge_verbs"]),
        plan_verbs=frozenset(cert["plan_verbs"]),
        plan_infinitive_only=frozenset(cert["plan_infinitive_only"]),
        hedge_words=frozenset(w.lower() for w in cert["hedge_words"] if " " not in w),
        hedge_phrases=tuple(tuple(w.lower().split()) for w in cert["hedge_words"] if " " in w),
        plan_words=frozenset(cert["plan_words"]),
        plan_nouns=frozenset(cert["plan_nouns"]),
        content_verbs=frozenset(cert["content_verbs"]),
        negation=frozenset(cert["negation"]),
        afterwards=tuple(tuple(w.lower().split()) for w in cert["afterwards"]),
        object_control=frozenset(ctl["object_control"]),
    )
