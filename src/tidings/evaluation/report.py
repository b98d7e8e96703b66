"""Running an analyser over gold files and summing the scores (micro-average over documents).

The analyser is injected (`evaluate(paths, analyze)`), so the same scoring serves the default
pipeline, an experimental one, or hand-built analyses in tests; the CLI only formats the report.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tidings.evaluation.confusion import EventConfusion, event_confusion
from tidings.evaluation.core import LAYERS, DocumentScore, LayerCounts, Miss
from tidings.evaluation.gold import GoldDoc, load_gold_files
from tidings.evaluation.layers import score_document_detailed
from tidings.model import Analysis

Analyzer = Callable[[GoldDoc], Analysis]


@dataclass
class EvalReport:
    """Counts per layer summed over all documents, plus each document's own score and misses."""

    documents: int = 0
    layers: dict[str, LayerCounts] = field(default_factory=dict)
    seconds: float = 0.0
    per_document: list[DocumentScore] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @classmethod
    def from_scores(
        cls, scores: Iterable[DocumentScore], seconds: float = 0.0, warnings: Iterable[str] = ()
    ) -> EvalReport:
        """Micro-average: tp/fp/fn summed per layer; a layer no document annotates is absent."""
        per_document = list(scores)
        totals: dict[str, LayerCounts] = {}
        for score in per_document:
            for name, counts in score.layers.items():
                totals[name] = totals.get(name, LayerCounts()) + counts
        layers = {name: totals[name] for name in LAYERS if name in totals}
        return cls(len(per_document), layers, seconds, per_document, list(warnings))

    @property
    def misses(self) -> list[Miss]:
        """Every required gold item not found and every false positive, document by document."""
        return [m for score in self.per_document for m in score.misses]

    def misses_for(self, layer: str) -> list[Miss]:
        return [m for m in self.misses if m.layer == layer]

    @property
    def confusion(self) -> EventConfusion:
        """The event-type confusion table summed over the documents (`confusion.EventConfusion`)."""
        return EventConfusion.total(score.confusion for score in self.per_document)

    def to_dict(self, confusion: bool = False) -> dict[str, Any]:
        """The machine-readable summary of ``docs/evaluation.md``: documents, layers, seconds;
        with ``confusion``, also ``"confusion": {gold_type: {predicted_type: count}}``."""
        out: dict[str, Any] = {
            "documents": self.documents,
            "layers": {name: counts.to_dict() for name, counts in self.layers.items()},
            "seconds": round(self.seconds, 3),
        }
        if confusion:
            out["confusion"] = self.confusion.to_dict()
        return out

    def to_json(self, indent: int | None = None, confusion: bool = False) -> str:
        return json.dumps(self.to_dict(confusion=confusion), indent=indent)

    def table(self) -> str:
        """A plain-text table, one row per layer, for people."""
        head = f"{'layer':<16}{'tp':>6}{'fp':>6}{'fn':>6}{'precision':>11}{'recall':>8}{'f1':>8}"
        rows = [head, "-" * len(head)]
        for name, c in self.layers.items():
            rows.append(
                f"{name:<16}{c.tp:>6}{c.fp:>6}{c.fn:>6}"
                f"{c.precision:>11.3f}{c.recall:>8.3f}{c.f1:>8.3f}"
            )
        if not self.layers:
            rows.append("(no annotated layers)")
        rows.append(f"{self.documents} documents in {self.seconds:.1f} s")
        return "\n".join(rows)

    def format_misses(self, layer: str | None = None) -> str:
        """The misses as tab-separated lines (document, layer, fn|fp, item, [why])."""
        misses = self.misses if layer is None else self.misses_for(layer)
        return "\n".join(str(m) for m in misses)


def evaluate(paths: str | Path | Iterable[str | Path], analyze: Analyzer) -> EvalReport:
    """Analyse every gold document with ``analyze`` and score it; ``seconds`` is the total time.

    All gold files are loaded and checked before the first analysis, so a malformed file fails
    at once rather than after minutes of work.
    """
    docs = load_gold_files(paths)
    started = time.perf_counter()
    scores = []
    for doc in docs:
        analysis = analyze(doc)
        score = score_document_detailed(doc, analysis)
        score.confusion = event_confusion(doc, analysis)
        scores.append(score)
    seconds = time.perf_counter() - started
    warnings = [w for doc in docs for w in doc.warnings]
    return EvalReport.from_scores(scores, seconds=seconds, warnings=warnings)
