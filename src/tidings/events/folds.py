"""Fixed cross-validation folds for sentence-level gold sets (``plv-train``).

A document's fold is a hash of its id, so the split never depends on file order, on which other
documents exist, or on a random seed: the same sentence is in the same fold on every machine.
"""

from __future__ import annotations

import hashlib
from typing import TypeVar

T = TypeVar("T")

FOLDS = 5


def fold_of(doc_id: str, folds: int = FOLDS) -> int:
    """The fold (0 .. folds-1) of a document: the first 8 bytes of SHA-256(id) modulo ``folds``."""
    digest = hashlib.sha256(doc_id.encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") % folds


def spread(items: list[T], limit: int | None) -> list[T]:
    """At most ``limit`` items taken evenly across the list (gold files are often sorted by
    type, so the first N would all be one type); all of them when ``limit`` is None."""
    if not limit or limit >= len(items):
        return list(items)
    step = len(items) / limit
    return [items[int(i * step)] for i in range(limit)]
