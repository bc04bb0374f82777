"""Near-duplicate wire copies: MinHash signatures of word shingles, candidates from LSH (datasketch).

A syndicated or lightly edited copy shares most of its word 4-grams with its original: an estimated Jaccard
similarity of at least `jaccard`, or a shorter version that is mostly contained in a longer one (`containment`).
Each copy is linked to the earliest article of its group (publication date, then ingestion order), so the
group has one original; copies never count as independent confirmation.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import numpy as np
from datasketch import MinHash, MinHashLSH

from .features import fold

SHINGLE = 4  # words per shingle
NUM_PERM = 128
SEED = 1
JACCARD = 0.5  # estimated Jaccard similarity of shingles from which one text is a copy of another
CONTAINMENT = 0.8  # or the share of the shorter text's shingles found in the longer one
SCHEME = "affine32"  # datasketch's permutation scheme: saved signatures only compare within one scheme
_WORD = re.compile(r"\w+")


def shingles(text: str, size: int = SHINGLE) -> set[bytes]:
    words = _WORD.findall(fold(text))
    if len(words) < size:
        return {" ".join(words).encode()} if words else set()
    return {" ".join(words[i : i + size]).encode() for i in range(len(words) - size + 1)}


def signature(text: str) -> tuple[list[int], int]:
    """The MinHash hash values of a text's shingles, and how many distinct shingles it has."""
    grams = shingles(text)
    mh = MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME)
    mh.update_batch(list(grams))
    return [int(v) for v in mh.hashvalues], len(grams)


class CopyFinder:
    """Incremental near-duplicate index. State (`to_dict`) is the signatures and the copy links."""

    def __init__(self, jaccard: float = JACCARD, containment: float = CONTAINMENT) -> None:
        self.jaccard = jaccard
        self.containment = containment
        self.signatures: dict[str, tuple[list[int], int]] = {}
        self._sketches: dict[str, MinHash] = {}
        self.copy_of: dict[str, str] = {}  # copy id -> the earliest article of its group
        # Candidates are looked up at a lower Jaccard than either test, so that short copies of long texts
        # (containment) are found too.
        self._lsh = MinHashLSH(threshold=min(jaccard, 0.3), num_perm=NUM_PERM)

    def _index(self, article_id: str, values: list[int], size: int) -> MinHash:
        mh = MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME, hashvalues=np.array(values, dtype=np.uint64))
        self.signatures[article_id] = (values, size)
        self._sketches[article_id] = mh
        self._lsh.insert(article_id, mh)
        return mh

    def add(self, article_id: str, text: str, earlier: Callable[[str, str], bool]) -> str | None:
        """Index an article; return the original it copies (None when it is no copy).

        `earlier(a, b)` says whether article a came out before b; when the new article is earlier than the
        original of its group, it becomes the original and the others are linked to it.
        """
        if article_id in self.signatures:
            return self.copy_of.get(article_id)
        values, size = signature(text)
        mh = self._index(article_id, values, size)
        candidates = self._lsh.query(mh) if size else []  # an empty text copies nothing
        matches = [other for other in candidates if other != article_id and self._is_copy(mh, size, other)]
        if not matches:
            return None
        group = {self.copy_of.get(m, m) for m in matches} | {article_id}
        group |= {c for c, o in self.copy_of.items() if o in group}
        original = article_id
        for member in sorted(group):
            if earlier(member, original):
                original = member
        for member in group:
            if member == original:
                self.copy_of.pop(member, None)
            else:
                self.copy_of[member] = original
        return self.copy_of.get(article_id)

    def _is_copy(self, mh: MinHash, size: int, other: str) -> bool:
        other_size = self.signatures[other][1]
        j = mh.jaccard(self._sketches[other])
        if j >= self.jaccard:
            return True
        # |A ∩ B| = J (|A| + |B|) / (1 + J); containment of the smaller set in the larger
        shared = j * (size + other_size) / (1 + j)
        return other_size > 0 and shared / min(size, other_size) >= self.containment

    def original(self, article_id: str) -> str:
        return self.copy_of.get(article_id, article_id)

    def group(self, article_id: str) -> set[str]:
        """The other articles of its copy group (its original and the original's copies)."""
        original = self.original(article_id)
        return ({original} | {c for c, o in self.copy_of.items() if o == original}) - {article_id}

    def to_dict(self) -> dict[str, Any]:
        return {
            "scheme": SCHEME,
            "jaccard": self.jaccard,
            "containment": self.containment,
            "signatures": {k: [v, n] for k, (v, n) in self.signatures.items()},
            "copy_of": dict(self.copy_of),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> CopyFinder:
        if data.get("scheme") != SCHEME:
            raise ValueError(f"copy signatures made with MinHash scheme {data.get('scheme')!r}, not {SCHEME!r}")
        finder = cls(data["jaccard"], data["containment"])
        for key, (values, size) in data["signatures"].items():
            finder._index(key, values, size)
        finder.copy_of = dict(data["copy_of"])
        return finder
