"""Text normalisation shared by the actor lexicons: folding, tokens and case shapes.

Matching works on word tokens of a *folded* copy of the text: lower case, accents stripped, every
apostrophe and hyphen a separator. Folding is length-preserving (one character in, one character out)
so token offsets index the original text directly; the two ligatures that expand (œ, æ) are expanded
per token instead.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

_APOSTROPHES = "'’‘ʼ`´"
_HYPHENS = "-‐‑‒–—"


def _build_fold_table() -> dict[int, str]:
    """Map each Latin character to one lower-case unaccented character (length-preserving)."""
    table: dict[int, str] = {}
    for cp in range(0x250):
        ch = chr(cp)
        base = "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c))
        low = base.lower() if len(base) == 1 else ch.lower()
        if len(low) == 1 and low != ch:
            table[cp] = low
    for ch in _APOSTROPHES:
        table[ord(ch)] = "'"
    for ch in _HYPHENS:
        table[ord(ch)] = "-"
    table[ord("\u00a0")] = " "
    table[ord("\u202f")] = " "
    return table


FOLD_TABLE = _build_fold_table()
TOKEN_RE = re.compile(r"[^\W_]+")
# What may separate two tokens of one multi-word name ("Maison-Blanche", "Quai d'Orsay", "É.-U.").
_JOIN_RE = re.compile(r"[\s.'’‘ʼ`´\-‐‑‒–—]{0,3}")
_LIGATURES = {"œ": "oe", "æ": "ae"}

# Determiners and contractions that carry no case information in a name ("Le Caire", "la Réunion").
ARTICLES = frozenset({"le", "la", "les", "l", "the"})


def fold(text: str) -> str:
    """Lower-case, accent-free, same-length copy of `text`."""
    return text.translate(FOLD_TABLE)


def fold_token(tok: str) -> str:
    for lig, rep in _LIGATURES.items():
        if lig in tok:
            tok = tok.replace(lig, rep)
    return tok


def scan_tokens(text: str) -> tuple[list[str], list[tuple[int, int]]]:
    """Folded tokens and their spans, as two parallel lists (the hot path of every lookup)."""
    folded = fold(text)
    spans = [m.span() for m in TOKEN_RE.finditer(folded)]
    norms = [folded[s:e] for s, e in spans]
    if "œ" in folded or "æ" in folded:
        norms = [fold_token(n) for n in norms]
    return norms, spans


def key_of(phrase: str) -> tuple[str, ...]:
    """The lexicon key of a phrase: its folded tokens."""
    return tuple(scan_tokens(phrase)[0])


def joinable(text: str, left: tuple[int, int], right: tuple[int, int]) -> bool:
    """True when two adjacent tokens may belong to one name (no comma, parenthesis, ...)."""
    gap = text[left[1] : right[0]]
    return gap == " " or _JOIN_RE.fullmatch(gap) is not None


# Case constraint per token of a lexicon phrase: 0 none, 1 capitalised, 2 all upper case.
ANY, CAP, UPPER = 0, 1, 2


def case_shape(phrase: str) -> tuple[int, ...]:
    """Per-token case constraint of a phrase written as it must appear ("Le Monde" -> (0, 1))."""
    shape = []
    for m in TOKEN_RE.finditer(phrase):
        word = m.group()
        if fold(word) in ARTICLES or not word[0].isalpha():
            shape.append(ANY)
        elif len(word) > 1 and word.isupper():
            shape.append(UPPER)
        elif word[0].isupper():
            shape.append(CAP)
        else:
            shape.append(ANY)
    return tuple(shape)


def fits_shape(text: str, spans: list[tuple[int, int]], shape: tuple[int, ...]) -> bool:
    for (start, end), want in zip(spans, shape, strict=False):
        if want == ANY:
            continue
        word = text[start:end]
        if want == UPPER and not word.isupper():
            return False
        if want == CAP and not word[0].isupper():
            return False
    return True


_SENTENCE_END = set('.!?:;«»"“”—–-\n')


def sentence_initial(text: str, start: int) -> bool:
    """True when position `start` opens the text or a sentence (capitalisation says nothing there)."""
    before = text[:start].rstrip(" \t(")
    return not before or before[-1] in _SENTENCE_END


def wordset(words: str) -> frozenset[str]:
    """A frozen set from a whitespace-separated word list (keeps long lists readable)."""
    return frozenset(words.split())


def split_aliases(cell: str) -> Iterator[str]:
    for part in cell.split("|"):
        part = part.strip()
        if part:
            yield part
