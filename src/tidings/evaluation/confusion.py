"""Which PLOVER types the system confuses: a table of gold event types against predicted ones.

Each gold event is paired with at most one predicted event located at its evidence (the events
layer's location rule, `layers._evidence_quality`), one-to-one (`match_one_to_one`), in two passes:

1. exactly as the ``events_type`` layer pairs them: a prediction of the gold type or of one of its
   ``alt_types``, so the pairs of this pass are that layer's true positives;
2. the gold events still unpaired take the best-located remaining prediction of another type.

A required gold event left unpaired is a miss (column ``(none)``); a prediction left unpaired is
spurious (row ``(none)``), whether it sits on no gold event or only on one already paired.
Gold events with ``required: false`` are no rows, and a prediction paired with one is not counted.
Documents whose gold annotates no events (neither ``events`` nor ``not_events``) are skipped, as the
events layer skips them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from tidings.evaluation.core import Scorer
from tidings.evaluation.gold import GoldDoc
from tidings.evaluation.layers import _evidence_quality
from tidings.evaluation.match import match_one_to_one
from tidings.model import PLOVER_TYPES, Analysis, Event

NONE = "(none)"  # the row of spurious predictions and the column of missed gold events
MAX_WIDTH = 100  # wider tables abbreviate their column headers to four letters

_ORDER = {t: i for i, t in enumerate(PLOVER_TYPES)}


def _type_key(name: str) -> tuple[int, str]:
    """PLOVER order (so the diagonal lines up), unknown names after it, ``(none)`` last."""
    return (_ORDER.get(name, len(_ORDER)) if name != NONE else len(_ORDER) + 1, name)


Counts = dict[str, dict[str, int]]


def _bump(table: Counts, gold: str, pred: str, n: int = 1) -> None:
    row = table.setdefault(gold, {})
    row[pred] = row.get(pred, 0) + n


@dataclass
class EventConfusion:
    """Counts of (gold type, predicted type) pairs; ``(none)`` on either side for no partner.

    ``accepted`` is the part of ``counts`` where the predicted type differs from the gold type
    but is one of the gold event's ``alt_types``: scored as correct, so not listed as a confusion.
    """

    counts: Counts = field(default_factory=dict)
    accepted: Counts = field(default_factory=dict)

    def add(self, gold: str, pred: str, accepted: bool = False, n: int = 1) -> None:
        _bump(self.counts, gold, pred, n)
        if accepted:
            _bump(self.accepted, gold, pred, n)

    def __add__(self, other: EventConfusion) -> EventConfusion:
        out = EventConfusion()
        for part in (self, other):
            for table, target in ((part.counts, out.counts), (part.accepted, out.accepted)):
                for g, row in table.items():
                    for p, n in row.items():
                        _bump(target, g, p, n)
        return out

    @classmethod
    def total(cls, parts: Iterable[EventConfusion | None]) -> EventConfusion:
        """The sum of several documents' tables (None = a document whose events are not scored)."""
        out = cls()
        for part in parts:
            if part is not None:
                out = out + part
        return out

    def get(self, gold: str, pred: str) -> int:
        return self.counts.get(gold, {}).get(pred, 0)

    @property
    def gold_types(self) -> list[str]:
        """The rows: gold types that occur, in PLOVER order, then ``(none)`` if any."""
        return sorted(self.counts, key=_type_key)

    @property
    def pred_types(self) -> list[str]:
        """The columns: predicted types that occur, in PLOVER order, then ``(none)`` if any."""
        return sorted({p for row in self.counts.values() for p in row}, key=_type_key)

    @property
    def missed(self) -> int:
        """Required gold events with no prediction at their evidence."""
        return sum(row.get(NONE, 0) for row in self.counts.values())

    @property
    def spurious(self) -> int:
        """Predictions paired with no gold event."""
        return sum(self.counts.get(NONE, {}).values())

    def confusions(self) -> list[tuple[str, str, int]]:
        """Gold type -> a different predicted type, most frequent first; accepted alternatives,
        misses and spurious predictions are not confusions."""
        out = []
        for g, row in self.counts.items():
            for p, n in row.items():
                n -= self.accepted.get(g, {}).get(p, 0)
                if g != p and NONE not in (g, p) and n > 0:
                    out.append((g, p, n))
        return sorted(out, key=lambda c: (-c[2], _type_key(c[0]), _type_key(c[1])))

    def to_dict(self) -> dict[str, dict[str, int]]:
        """``{"gold_type": {"pred_type": count}}``, rows and columns in PLOVER order."""
        return {
            g: {p: self.counts[g][p] for p in sorted(self.counts[g], key=_type_key)}
            for g in self.gold_types
        }

    def table(self, top: int = 5) -> str:
        """The table for people: only types that occur, zeros as dots, then the top confusions."""
        rows, cols = self.gold_types, self.pred_types
        if not rows:
            return "event types: (no annotated events)"
        corner = "gold \\ pred"
        label_w = max(len(corner), *(len(r) for r in rows)) + 1
        digits = max(len(str(n)) for row in self.counts.values() for n in row.values())
        heads = cols
        width = max(digits, *(len(c) for c in cols)) + 1
        if label_w + width * len(cols) > MAX_WIDTH:
            heads = ["none" if c == NONE else c[:4] for c in cols]
            width = max(digits, 4) + 1
        lines = [
            "event types: gold (rows) x predicted (columns)",
            f"{corner:<{label_w}}" + "".join(f"{h:>{width}}" for h in heads),
        ]
        for r in rows:
            cells = "".join(f"{self.get(r, c) or '.':>{width}}" for c in cols)
            lines.append(f"{r:<{label_w}}{cells}")
        lines.append(
            f"missed (gold event, no prediction there): {self.missed}; "
            f"spurious (prediction on no gold event): {self.spurious}"
        )
        n_accepted = sum(n for row in self.accepted.values() for n in row.values())
        if n_accepted:
            lines.append(f"accepted as alt_types (not confusions): {n_accepted}")
        confusions = self.confusions()
        if confusions:
            lines.append("most frequent confusions (gold -> predicted):")
            lines += [f"  {g} -> {p}: {n}" for g, p, n in confusions[:top]]
        else:
            lines.append("no confusions between types")
        return "\n".join(lines)


def event_confusion(gold: GoldDoc, analysis: Analysis) -> EventConfusion | None:
    """The confusion table of one document; None when its gold annotates no events."""
    return scorer_confusion(Scorer(gold, analysis))


def scorer_confusion(s: Scorer) -> EventConfusion | None:
    """Like `event_confusion`, on a `Scorer` already built (its located evidence is reused)."""
    golds = s.gold.items("events")
    if not golds and not s.gold.items("not_events"):
        return None
    preds = s.analysis.events

    def required(g: dict[str, Any]) -> bool:
        return g.get("required", True) is not False

    def typed(g: dict[str, Any], e: Event) -> float | None:
        if e.type != g["type"] and e.type not in g.get("alt_types", []):
            return None
        return _evidence_quality(s, g, e)

    def located(g: dict[str, Any], e: Event) -> float | None:
        return _evidence_quality(s, g, e)

    first = match_one_to_one(golds, preds, typed, required)
    rest_g = [gi for gi in range(len(golds)) if gi not in first.pairs]
    rest_p = [pi for pi in range(len(preds)) if pi not in first.matched_preds]
    second = match_one_to_one(
        [golds[gi] for gi in rest_g], [preds[pi] for pi in rest_p], located, required
    )
    pairs = dict(first.pairs)
    pairs.update({rest_g[a]: rest_p[b] for a, b in second.pairs.items()})

    out = EventConfusion()
    for gi, g in enumerate(golds):
        if not required(g):
            continue
        if gi in pairs:
            pred_type = preds[pairs[gi]].type
            out.add(g["type"], pred_type, accepted=pred_type != g["type"] and gi in first.pairs)
        else:
            out.add(g["type"], NONE)
    used = set(pairs.values())
    for pi, e in enumerate(preds):
        if pi not in used:
            out.add(NONE, e.type)
    return out
