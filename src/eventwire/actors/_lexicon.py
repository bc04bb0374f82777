"""The actor lexicon: token-key index, mention finder, noun-phrase resolver and per-article memory."""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import replace
from pathlib import Path

from . import _data
from ._dates import parse_when, select
from ._model import RANK, Actor, Entry, Mention
from ._persons import guess_persons, short_forms
from ._text import (
    ARTICLES,
    case_shape,
    fits_shape,
    fold,
    joinable,
    key_of,
    scan_tokens,
    sentence_initial,
    wordset,
)

Key = tuple[str, ...]
Found = list[tuple[Mention, Entry]]
When = tuple[dt.date, dt.date] | None

# Words after which a name is a complement, not the person the phrase is about
# ("le porte-parole de Vladimir Poutine").
_COMPLEMENT = wordset("de du des d a au aux avec par pour contre chez entre sur of by with to")
# What may follow "les 27" when it names the EU member states rather than counting something.
_COUNT_OK = wordset(
    """se s ont sont ne n y qui et ou a avaient etaient doivent pays etats membres capitales dirigeants
    ministres chefs ambassadeurs gouvernements partenaires europeens"""
)
# Media names too generic to stand for an outlet on their own later in an article ("la Presse").
_GENERIC_MEDIA_WORDS = wordset("presse press news agency agence tv radio international service network")
_HYPHENS = frozenset("-‐‑")
# Entities whose own sector can stand in when the title words of a phrase have none.
_SECTORED_KINDS = frozenset({"metonym", "group", "igo", "capital", "person"})
_LAST_WORD_RE = re.compile(r"([^\W_]+)\W*$")


class _Index:
    """Token-tuple keys -> readings, with two cheap pre-checks for the scanner: the key lengths that
    start with a given token, and the set of first-two-token prefixes of multi-token keys."""

    def __init__(self) -> None:
        self.entries: dict[Key, list[Entry]] = {}
        self.lengths: dict[str, tuple[int, ...]] = {}  # first token -> key lengths, longest first
        self.pairs: set[tuple[str, str]] = set()

    def copy(self) -> _Index:
        new = _Index()
        new.entries = dict(self.entries)  # lists are replaced, never mutated, once shared
        new.lengths = dict(self.lengths)
        new.pairs = set(self.pairs)
        return new

    def add(self, phrase: str, entry: Entry) -> None:
        key = key_of(phrase)
        if not key:
            return
        if entry.shape is not None and len(entry.shape) != len(key):
            entry = replace(entry, shape=None)  # tokenisation mismatch: fall back to any case
        old = self.entries.get(key, [])
        if any(e.actor == entry.actor and e.shape == entry.shape and e.block == entry.block for e in old):
            return
        self.entries[key] = sorted([*old, entry], key=lambda e: e.rank)
        self._bound(key)

    def put(self, phrase: str, entry: Entry) -> None:
        """Set the only reading of a phrase (article memory: the latest introduction wins)."""
        key = key_of(phrase)
        if key:
            self.entries[key] = [entry]
            self._bound(key)

    def _bound(self, key: Key) -> None:
        lengths = self.lengths.get(key[0], ())
        if len(key) not in lengths:
            self.lengths[key[0]] = tuple(sorted({*lengths, len(key)}, reverse=True))
        if len(key) > 1:
            self.pairs.add((key[0], key[1]))


def _build_builtin() -> _Index:
    index = _Index()
    sources = (
        _data.nonactors,
        _data.media,
        _data.organizations,
        _data.metonyms,
        _data.countries,
        _data.demonyms,
        _data.places,
        _data.titles,
    )
    for source in sources:
        for phrase, entry in source():
            index.add(phrase, entry)
    _add_leaders(index)
    return index


def _add_leaders(index: _Index) -> None:
    by_key: dict[Key, tuple[str, list]] = {}
    for alias, tenure in _data.leaders():
        key = key_of(alias)
        if key not in by_key:
            by_key[key] = (alias, [])
        by_key[key][1].append(tenure)
    for alias, tenures in by_key.values():
        entry = Entry(tenures[0].actor, RANK["person"], case_shape(alias), tenures=tuple(tenures))
        index.add(alias, entry)


@functools.cache
def _builtin_index() -> _Index:
    return _build_builtin()


class ActorLexicon:
    """All actor lexicons behind one longest-match finder (see the package docstring)."""

    def __init__(self, index: _Index) -> None:
        self._index = index

    @classmethod
    def load(cls, extra: Iterable[str | Path] = ()) -> ActorLexicon:
        """Built-in data (parsed once per process) plus analyst TSV files, which win over built-ins."""
        base = _builtin_index()
        paths = list(extra)
        if not paths:
            return cls(base)
        index = base.copy()
        for phrase, entry in _data.user_entries(paths):
            index.add(phrase, entry)
        return cls(index)

    # ------------------------------------------------------------------ matching

    def find(self, text: str, when: str | None = None) -> list[Mention]:
        """Every non-overlapping lexicon hit, scanning left to right and taking the longest match."""
        return [m for m, _ in self._scan(text, parse_when(when))]

    def _scan(self, text: str, when: When, overlay: _Index | None = None) -> Found:
        norms, spans = scan_tokens(text)
        indexes = (overlay, self._index) if overlay is not None else (self._index,)
        out: Found = []
        i, n = 0, len(norms)
        starts = self._index.lengths
        memory = overlay.lengths if overlay is not None else {}
        while i < n:
            # Fast path: most tokens start no lexicon key at all.
            if norms[i] not in starts and norms[i] not in memory:
                i += 1
                continue
            best = self._longest(text, norms, spans, i, indexes)
            if best is None:
                i += 1
                continue
            k, entry = best
            if norms[i] in ARTICLES and self._overtaken(text, norms, spans, i, k, indexes):
                i += 1  # "la Croix-Rouge" is not the daily La Croix followed by "Rouge"
                continue
            if not entry.block:
                start, end = spans[i][0], spans[i + k - 1][1]
                actor = select(entry.tenures, when) if entry.tenures else entry.actor
                out.append((Mention(start, end, text[start:end], actor), entry))
            i += k
        return out

    def _longest(
        self, text: str, norms: list[str], spans: list[tuple[int, int]], i: int, indexes: tuple[_Index, ...]
    ) -> tuple[int, Entry] | None:
        """The longest reading starting at token i; on equal length the first index (memory) wins."""
        best: tuple[int, Entry] | None = None
        room = len(norms) - i
        for index in indexes:
            lengths = index.lengths.get(norms[i])
            if lengths is None:
                continue
            paired = room > 1 and (norms[i], norms[i + 1]) in index.pairs
            for k in lengths:
                if k > room or (k > 1 and not paired):
                    continue
                if best is not None and k <= best[0]:
                    break
                cands = index.entries.get(tuple(norms[i : i + k]))
                if cands is None or (k > 1 and not _contiguous(text, spans, i, k)):
                    continue
                entry = self._pick(cands, text, spans, i, k)
                if entry is not None:
                    best = (k, entry)
                    break
        return best

    def _overtaken(
        self,
        text: str,
        norms: list[str],
        spans: list[tuple[int, int]],
        i: int,
        k: int,
        indexes: tuple[_Index, ...],
    ) -> bool:
        """True when a match opened by an article is cut short by a longer one starting right after it."""
        if i + 1 >= len(norms):
            return False
        after = self._longest(text, norms, spans, i + 1, indexes)
        return after is not None and i + 1 + after[0] > i + k

    @staticmethod
    def _pick(cands: list[Entry], text: str, spans: list[tuple[int, int]], i: int, k: int) -> Entry | None:
        for entry in cands:
            if entry.shape is not None and not fits_shape(text, spans[i : i + k], entry.shape):
                continue
            if entry.not_initial and sentence_initial(text, spans[i][0]):
                continue
            if entry.numeral and not _count_ok(text, spans, i + k):
                continue
            if entry.prefix and text[spans[i + k - 1][1] : spans[i + k - 1][1] + 1] not in _HYPHENS:
                continue
            return entry
        return None

    # ------------------------------------------------------------------ resolving

    def resolve(self, phrase: str, when: str | None = None) -> Actor | None:
        """The actor a whole noun phrase denotes (None when nothing in it is known)."""
        return decide(phrase, self._scan(phrase, parse_when(when)))

    def place(self, text: str) -> str | None:
        """ISO alpha-3 of a place phrase ("en Ukraine", "à Niamey", "la région de Kherson")."""
        found = self._scan(text, None)
        for kinds in (("country", "capital", "city"), ("metonym", "demonym")):
            for mention, _ in found:
                if mention.actor.kind in kinds and mention.actor.code:
                    return mention.actor.code
        return None

    @staticmethod
    def hyphenated_names() -> list[str]:
        """Country names written with a hyphen ("Royaume-Uni"), in the forms the press uses."""
        names = {name for name, _ in _data.countries() if "-" in name and " " not in name}
        return sorted(names | {n.replace("É", "E") for n in names})

    def article(self, when: str | None = None) -> ArticleActors:
        return ArticleActors(self, when)


def _contiguous(text: str, spans: list[tuple[int, int]], i: int, k: int) -> bool:
    return all(joinable(text, spans[j], spans[j + 1]) for j in range(i, i + k - 1))


def _count_ok(text: str, spans: list[tuple[int, int]], nxt: int) -> bool:
    """'les 27' is the EU before a verb, a member-state noun or punctuation, not before 'morts'."""
    if nxt >= len(spans) or not joinable(text, spans[nxt - 1], spans[nxt]):
        return True
    word = text[spans[nxt][0] : spans[nxt][1]]
    norm = fold(word)
    return word[0].isupper() or norm in _COUNT_OK or norm.endswith("ent")


_PRESIDENCY_RE = re.compile(r"\s*(?:la\s+|La\s+)?(présidence\s+\w+)\b")
_POSSESSIVE_RE = re.compile(r"['’]s\b")


def _possessive(phrase: str, found: Found) -> bool:
    """English "Iran's morality police": a country or capital owning the title that follows."""
    if len(found) < 2 or found[1][0].actor.kind != "title":
        return False
    if found[0][0].actor.kind not in ("country", "capital"):
        return False
    return _POSSESSIVE_RE.match(phrase, found[0][0].end) is not None


def _located(phrase: str, mention: Mention) -> bool:
    """A country or town after "en", "au", "à" inside a phrase that names something else first."""
    if mention.actor.kind not in _PLACE_KINDS:
        return False
    m = _LAST_WORD_RE.search(phrase[: mention.start])
    # Something must come before the preposition: "en Irak" alone is just the place.
    return m is not None and fold(m.group(1)) in _LOCATIVE and bool(phrase[: m.start()].strip())


_PLACE_KINDS = {"country", "capital", "city"}
_LOCATIVE = wordset("en au aux a dans")


def _apposition(phrase: str, mention: Mention) -> bool:
    """True unless the name is introduced by a preposition ("de Vladimir Poutine")."""
    m = _LAST_WORD_RE.search(phrase[: mention.start])
    return m is None or fold(m.group(1)) not in _COMPLEMENT


_LEADING_WORDS = {"", "le", "la", "les", "l'", "the", "un", "une", "des", "du", "de", "d'", "a", "an"}


def decide(phrase: str, found: Found, names: Sequence[str] = ()) -> Actor | None:
    """Resolution rules for a noun phrase, given its lexicon mentions.

    An entity at the head ("Téhéran", "le Kremlin", "Vladimir Poutine", "CNN") is the answer. A title at the
    head (or after a leading adjective: "Iranian officials") takes its code from the first country-bearing
    word anywhere in the phrase and its sector from the first specific (non-weak) title, else from the coded
    entity, else from the weak head.
    """
    # "la coalition EN IRAK", "les forces de la coalition EN IRAK": where the phrase's noun is, not whose it is.
    found = [(m, e) for m, e in found if not _located(phrase, m)]
    if not found:
        return None
    head = found[0][0]
    titles = [(m, e) for m, e in found if m.actor.kind == "title"]
    people = [m.actor for m, _ in found if m.actor.kind == "person"]
    # A nationality opens the phrase ("Russian officials", "le russe Vladimir Poutine"); after a common noun
    # ("les bases AMÉRICAINES d'Aïn al-Assad") it qualifies that noun and a later name is not the head.
    leading = phrase[: head.start].strip().lower().replace("’", "'") in _LEADING_WORDS
    adjective_first = (head.actor.kind == "demonym" and bool(titles or (people and leading))) or _possessive(
        phrase, found
    )
    if head.actor.kind != "title" and not adjective_first:
        return head.actor
    if not titles:
        return people[0]  # "Russian President"-less English order: "Russian Vladimir Putin"
    for mention, _ in found:
        if mention.actor.kind == "media":
            return mention.actor  # "l'agence de presse Fars"
    first_title, first_entry = titles[0]
    strong = next((e for _, e in titles if not e.weak), None)
    if first_entry.outlet or (strong is not None and strong.outlet):
        return Actor(None, "MED", None, "title")  # "la télévision d'État iranienne": a source, no code
    coded = next((m.actor for m, _ in found if m.actor.code and m.actor.kind != "title"), None)
    body = next((m.actor for m, _ in found if m.actor.kind == "igo" and m.actor.code), None)
    if body is not None and fold(first_title.text).startswith("presidence"):
        coded = body  # "la présidence tchèque du Conseil de l'UE": the rotating presidency speaks for the EU
    person = next((m.actor for m, _ in found if m.actor.kind == "person" and _apposition(phrase, m)), None)
    sector = strong.actor.sector if strong is not None else None
    if sector is None and coded is not None and coded.kind in _SECTORED_KINDS:
        sector = coded.sector  # "le porte-parole du Kremlin" -> GOV, "le chef du Hamas" -> REB
    if sector is None:
        sector = first_title.actor.sector
    name = person.name if person is not None else (names[0] if names else None)
    kind = "person" if name else "title"
    if coded is None:
        return Actor(None, sector, name, kind, generic=True)
    return Actor(coded.code, sector, name, kind)


class ArticleActors:
    """Per-article memory: people and outlets introduced once are recognised by their short forms later."""

    def __init__(self, lexicon: ActorLexicon, when: str | None = None) -> None:
        self._lexicon = lexicon
        self._when = parse_when(when)
        self._memory = _Index()

    def find(self, text: str) -> list[Mention]:
        return [m for m, _ in self._lexicon._scan(text, self._when, self._memory)]

    def resolve(self, phrase: str, persons: Sequence[str] = ()) -> Actor | None:
        found = self._lexicon._scan(phrase, self._when, self._memory)
        names = list(persons) or guess_persons(phrase, [m for m, _ in found])
        actor = decide(phrase, found, names)
        if actor is not None:
            self._remember(actor, names, found)
            self._remember_presidency(phrase, actor, found)
        return actor

    def _remember_presidency(self, phrase: str, actor: Actor, found: Found) -> None:
        """ "la présidence tchèque du Conseil de l'UE", then "la présidence tchèque": still the EU's."""
        short = _PRESIDENCY_RE.match(phrase)
        if short and any(m.actor.kind == "igo" and m.actor.code == actor.code for m, _ in found):
            form = short.group(1)
            self._memory.put(form, Entry(replace(actor, kind="igo"), RANK["user"], case_shape(form)))

    def _remember(self, actor: Actor, names: list[str], found: Found) -> None:
        for mention, _ in found:
            if mention.actor.kind == "media":
                self._remember_outlet(mention.actor)
        titled = any(m.actor.kind == "title" for m, _ in found)
        # Several names under an entity head ("Poutine et Erdogan") cannot all be that entity.
        if not names or (not titled and len(names) > 1):
            return
        for name in names:
            own = None if titled else decide(name, self._lexicon._scan(name, self._when))
            if own is not None and own.kind == "person" and own.code and own.code != actor.code:
                # Untitled, a leader the register knows stays who they are: in "la guerre en Ukraine entre
                # Vladimir Poutine et ..." the country is not his. A title ("le ministre malien X") still wins.
                continue
            known = actor.kind == "person" and actor.name
            person = actor if known else replace(actor, name=name, kind="person")
            entry = Entry(person, RANK["user"])
            for form in short_forms(name):
                self._memory.put(form, replace(entry, shape=case_shape(form)))

    def _remember_outlet(self, outlet: Actor) -> None:
        words = (outlet.name or "").split()
        if len(words) < 2:
            return
        last = words[-1]
        if len(last) >= 3 and last.isalpha() and fold(last) not in _GENERIC_MEDIA_WORDS:
            self._memory.put(last, Entry(outlet, RANK["user"], case_shape(last)))
