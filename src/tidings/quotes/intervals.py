"""Frames by where their reported content lies, so that a quotation or a cue finds the frames
over it without walking every frame of the document (which made the stage quadratic)."""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from typing import Protocol


class _HasContent(Protocol):
    content: tuple[int, int] | None


class ContentIndex:
    """The frames of one document, sorted by content start; `near` gives every frame whose
    content overlaps or touches a range, in the order of the original list."""

    def __init__(self, frames: Sequence[_HasContent]) -> None:
        self.frames = frames
        rows = sorted((f.content[0], k) for k, f in enumerate(frames) if f.content is not None)
        self._starts = [s for s, _ in rows]
        self._order = [k for _, k in rows]
        spans = [f.content[1] - f.content[0] for f in frames if f.content is not None]
        self._longest = max(spans, default=0)

    def near(self, lo: int, hi: int) -> list[int]:
        """Positions (in the original list, ascending) of the frames whose content starts at
        most ``hi + 1`` and ends at least ``lo - 1``: a superset the caller filters exactly."""
        first = bisect.bisect_left(self._starts, lo - 1 - self._longest)
        last = bisect.bisect_right(self._starts, hi + 1)
        out = []
        for j in range(first, last):
            k = self._order[j]
            content = self.frames[k].content
            if content is not None and content[1] >= lo - 1:
                out.append(k)
        return sorted(out)
