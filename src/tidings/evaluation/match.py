"""The small pieces every scoring rule is built from: normalising names, locating gold
evidence in the article, measuring overlap, and matching gold to predictions one-to-one.
"""

from __future__ import annotations

import difflib
import math
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

G = TypeVar("G")
P = TypeVar("P")

Interval = tuple[int, int]

_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "\u00a0": " "})
_LEADING_THE = re.compile(r"^the\s+", re.IGNORECASE)


def norm_ws(text: str) -> str:
    """Whitespace-normalised text: runs of whitespace become one space, ends stripped."""
    return " ".join(text.split())


def norm_name(name: str) -> str:
    """A name as actors are compared: case-folded, typographic quotes unified, no leading "the"."""
    name = unicodedata.normalize("NFKC", name).translate(_QUOTES)
    return _LEADING_THE.sub("", norm_ws(name)).casefold()


def find_all(text: str, needle: str) -> list[Interval]:
    """Every occurrence of ``needle`` in ``text``, tolerant of differences in whitespace.

    The analysed text may have had its spacing normalised by ingest; a gold string must still be
    found there, so any run of whitespace in the needle matches any run in the text.
    """
    words = needle.split()
    if not words:
        return []
    pattern = r"\s+".join(re.escape(w) for w in words)
    return [(m.start(), m.end()) for m in re.finditer(pattern, text)]


def overlap(a: Interval, b: Interval) -> int:
    """Characters shared by two ``[start, end)`` intervals."""
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def char_f(pred: Interval, gold: Interval) -> float:
    """Character-overlap F1 of a predicted interval against a gold one."""
    shared = overlap(pred, gold)
    if shared == 0:
        return 0.0
    precision = shared / (pred[1] - pred[0])
    recall = shared / (gold[1] - gold[0])
    return 2 * precision * recall / (precision + recall)


def text_f(pred: str, gold: str) -> float:
    """Character-overlap F1 of two strings, for gold text that cannot be located in the article."""
    a, b = norm_ws(pred), norm_ws(gold)
    if not a or not b:
        return 0.0
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    shared = sum(block.size for block in matcher.get_matching_blocks())
    if shared == 0:
        return 0.0
    precision, recall = shared / len(a), shared / len(b)
    return 2 * precision * recall / (precision + recall)


def km_between(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres (haversine, mean Earth radius)."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlmb = phi2 - phi1, math.radians(lon2 - lon1)
    h = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlmb / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(h)))


_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def norm_value(value: Any) -> str:
    """A time value as compared: a string, stripped, upper-case (``2008-w10`` = ``2008-W10``)."""
    return str(value).strip().upper()


def range_contains(range_: Sequence[str] | None, value: str) -> bool:
    """Whether a predicted ``[start, end]`` date range contains a gold (possibly partial) date.

    Compared at the gold value's own granularity, so ``2020-01`` lies in
    ``[2020-01-01, 2020-01-27]`` and ``2019-11-05`` lies in ``[2019-11, 2019-12]``.
    """
    if not range_ or len(range_) != 2 or not _DATE.match(value):
        return False
    start, end = (str(x).strip() for x in range_)
    if not (_DATE.match(start) and _DATE.match(end)):
        return False
    lo, hi = min(len(value), len(start)), min(len(value), len(end))
    return start[:lo] <= value[:lo] and value[:hi] <= end[:hi]


def same_number(a: float, b: float) -> bool:
    """Numeric equality that forgives float noise (``17.4e9`` vs ``17400000000``)."""
    return math.isclose(float(a), float(b), rel_tol=1e-9, abs_tol=1e-9)


@dataclass(frozen=True)
class Matching:
    """The result of one-to-one matching: ``pairs[g] = p`` for matched gold index ``g``."""

    pairs: dict[int, int]
    candidates: dict[int, list[int]]

    @property
    def matched_preds(self) -> set[int]:
        return set(self.pairs.values())


def match_one_to_one(
    golds: Sequence[G],
    preds: Sequence[P],
    quality: Callable[[G, P], float | None],
    required: Callable[[G], bool],
) -> Matching:
    """Pair gold items with predictions, each used at most once, as many as possible.

    A maximum bipartite matching (augmenting paths) rather than a greedy one, so a prediction
    that could satisfy two gold items never steals the only prediction another one had. Required
    gold items are matched first; an augmenting path never unmatches a gold item, so the number of
    required items found is the maximum possible, and then optional items absorb as many of the
    remaining predictions as possible (which would otherwise be false positives). Among equals,
    the better-quality pair is tried first, which keeps the pairs sensible for reports.
    """
    candidates: dict[int, list[int]] = {}
    for gi, g in enumerate(golds):
        scored = [(q, pi) for pi, p in enumerate(preds) if (q := quality(g, p)) is not None]
        scored.sort(key=lambda qp: (-qp[0], qp[1]))
        candidates[gi] = [pi for _, pi in scored]

    owner: dict[int, int] = {}  # prediction index -> gold index

    def augment(gi: int, seen: set[int]) -> bool:
        for pi in candidates[gi]:
            if pi in seen:
                continue
            seen.add(pi)
            if pi not in owner or augment(owner[pi], seen):
                owner[pi] = gi
                return True
        return False

    order = sorted(range(len(golds)), key=lambda gi: (not required(golds[gi]), gi))
    for gi in order:
        if candidates[gi]:
            augment(gi, set())
    return Matching(pairs={gi: pi for pi, gi in owner.items()}, candidates=candidates)
