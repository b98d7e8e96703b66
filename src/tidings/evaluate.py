"""Scoring against gold files: the public entry points, implemented in `tidings.evaluation`.

from tidings.evaluate import evaluate
report = evaluate(["gold.jsonl"], analyze=lambda doc: my_analysis(doc.text, doc.published))
print(report.table())
"""

from __future__ import annotations

from tidings.evaluation import (
    LAYERS,
    Analyzer,
    DocumentScore,
    EvalReport,
    GoldDoc,
    LayerCounts,
    Miss,
    evaluate,
    load_gold,
    load_gold_files,
    score_document,
    score_document_detailed,
)

__all__ = [
    "LAYERS",
    "Analyzer",
    "DocumentScore",
    "EvalReport",
    "GoldDoc",
    "LayerCounts",
    "Miss",
    "evaluate",
    "load_gold",
    "load_gold_files",
    "score_document",
    "score_document_detailed",
]
