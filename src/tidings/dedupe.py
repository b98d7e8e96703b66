"""Duplicate articles in a corpus: exact copies and near-duplicates (wire copies).

News corpora hold the same agency story many times: verbatim, or with another headline, a
trimmed paragraph and a few words changed. Counting its events once per copy would inflate
every count, so each article is checked before it is analysed:

- **exact**: the SHA-256 of `tidings.model.normalise_text` (the same normalisation as the
  article id) was seen before; the copy need not be analysed again;
- **minhash**: MinHash LSH (datasketch) over word 5-shingles finds earlier articles whose
  estimated Jaccard similarity is at least `threshold` (default 0.8).

Deterministic: a fixed MinHash seed and datasketch's SHA-1 based hashing give the same
signatures in every process, and ties go to the article added first.
"""

from __future__ import annotations

import hashlib
import re
from typing import NamedTuple

from datasketch import MinHash, MinHashLSH

from tidings.model import normalise_text

__all__ = ["DEFAULT_THRESHOLD", "Deduper", "Match", "shingles"]

DEFAULT_THRESHOLD = 0.8
NUM_PERM = 128
SEED = 1
SHINGLE = 5
LSH_MAX = 0.9

_WORD = re.compile(r"\w+", re.UNICODE)


class Match(NamedTuple):
    """`check`'s answer: the earlier article this one copies, how similar, found how."""

    duplicate_of: str
    similarity: float
    method: str  # 'exact' | 'minhash'


def text_hash(text: str) -> str:
    """The exact-duplicate key: SHA-256 of the normalised text."""
    return hashlib.sha256(normalise_text(text).encode("utf-8")).hexdigest()


def shingles(text: str, size: int = SHINGLE) -> set[str]:
    """Word `size`-shingles of the case-folded words; a text shorter than that is one shingle.

    Punctuation and spacing are dropped so re-wrapped or re-punctuated copies still match.
    """
    words = [w.casefold() for w in _WORD.findall(text)]
    if not words:
        return set()
    if len(words) < size:
        return {" ".join(words)}
    return {" ".join(words[i : i + size]) for i in range(len(words) - size + 1)}


class Deduper:
    """An index of the articles seen so far: `check` a new one, then `add` it.

    ``check`` never changes the index, so a caller can decide (after analysing and saving the
    article) whether it is to be remembered.
    """

    def __init__(
        self, threshold: float = DEFAULT_THRESHOLD, num_perm: int = NUM_PERM, seed: int = SEED
    ) -> None:
        if not 0.1 <= threshold <= 1.0:
            raise ValueError(f"threshold must be in [0.1, 1], not {threshold}")
        self.threshold = threshold
        self.num_perm = num_perm
        self.seed = seed
        # LSH only proposes candidates (each is then checked against `threshold`); datasketch
        # cannot band above ~0.9, and a lower banding threshold only adds candidates.
        self._lsh = MinHashLSH(threshold=min(threshold, LSH_MAX), num_perm=num_perm)
        self._hashes: dict[str, str] = {}  # text hash -> first article id with that text
        self._signatures: dict[str, MinHash] = {}  # article id -> its MinHash
        self._order: dict[str, int] = {}  # article id -> insertion rank (for ties)
        self._last: tuple[str, str, MinHash | None] | None = None  # (id, hash, sig) of check

    def __len__(self) -> int:
        return len(self._order)

    def __contains__(self, article_id: object) -> bool:
        return article_id in self._order

    def _signature(self, text: str) -> MinHash | None:
        grams = shingles(text)
        if not grams:
            return None
        m = MinHash(num_perm=self.num_perm, seed=self.seed)
        m.update_batch([g.encode("utf-8") for g in sorted(grams)])
        return m

    def _prepare(self, article_id: str, text: str) -> tuple[str, MinHash | None]:
        key = text_hash(text)
        last = self._last
        if last is not None and last[0] == article_id and last[1] == key:
            return key, last[2]
        sig = self._signature(text)
        self._last = (article_id, key, sig)
        return key, sig

    def check(self, article_id: str, text: str) -> Match | None:
        """The earlier article `text` duplicates, or None if it is new.

        An exact copy wins over a near one; among near ones the most similar wins, then the
        earliest added. An article id already added with the same text is its own exact copy.
        """
        key, sig = self._prepare(article_id, text)
        if key in self._hashes:
            return Match(self._hashes[key], 1.0, "exact")
        if sig is None or not self._order:
            return None
        best: tuple[float, int, str] | None = None
        for cand in self._lsh.query(sig):
            if cand == article_id:
                continue  # the same id with another text: not a copy of itself
            sim = float(sig.jaccard(self._signatures[cand]))
            if sim < self.threshold:
                continue  # LSH candidates include some below the threshold
            rank = (-sim, self._order[cand], cand)
            if best is None or rank < best:
                best = rank
        if best is None:
            return None
        return Match(best[2], round(-best[0], 4), "minhash")

    def add(self, article_id: str, text: str) -> None:
        """Remember an article; adding the same id again is a no-op."""
        if article_id in self._order:
            return
        key, sig = self._prepare(article_id, text)
        self._hashes.setdefault(key, article_id)
        self._order[article_id] = len(self._order)
        if sig is not None:
            self._signatures[article_id] = sig
            self._lsh.insert(article_id, sig)

    def check_and_add(self, article_id: str, text: str) -> Match | None:
        """`check`, then `add` unless it is an exact copy (its text is already indexed)."""
        found = self.check(article_id, text)
        if found is None or found.method != "exact":
            self.add(article_id, text)
        return found
