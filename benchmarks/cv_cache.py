"""What the cross-validation benchmarks (`events_cv.py`, `slots_cv.py`) share: the hash of the
source tree their cached pipeline runs depend on, and the reader of those disk caches.

Both record the default pipeline's analysis of every gold sentence once and key it by the text;
a cache file is named after the hash of the code and data the analyses depend on, so a change
to the rules starts a new file while a change to a trained model's own files does not.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

SRC = Path(__file__).resolve().parent.parent / "src" / "tidings"


def source_hash(skip: Callable[[Path], bool], src: Path = SRC) -> str:
    """A hash of the ``.py``, ``.yaml`` and ``.json`` files under ``src`` (relative paths and
    contents), leaving out the evaluator and every file ``skip`` names (given its path
    relative to ``src``)."""
    h = hashlib.sha256()
    for p in sorted(src.rglob("*")):
        rel = p.relative_to(src)
        if not p.is_file() or p.suffix not in (".py", ".yaml", ".json"):
            continue
        if rel.parts[0] != "evaluation" and not skip(rel):
            h.update(str(rel).encode() + p.read_bytes())
    return h.hexdigest()[:16]


def doc_key(published: Any, text: str) -> str:
    """The cache key of a document: its publication date and text."""
    return hashlib.sha256(f"{published}|{text}".encode()).hexdigest()


def read_rows(path: Path) -> dict[str, dict[str, Any]]:
    """The rows of a JSON-lines cache file by their ``key`` (none when the file is absent)."""
    cached: dict[str, dict[str, Any]] = {}
    if path.is_file():
        for line in path.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            cached[row["key"]] = row
    return cached
