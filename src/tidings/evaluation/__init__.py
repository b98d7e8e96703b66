"""Scoring analyses against hand-made gold files (``tidings-gold/1``, ``docs/evaluation.md``).

``gold`` loads and checks gold files, ``match`` holds the shared comparisons, ``layers`` the rule of
each layer, ``confusion`` the table of event types the system confuses, ``report`` runs an analyser
over gold files and sums the counts.
"""

from __future__ import annotations

from tidings.evaluation.confusion import EventConfusion, event_confusion
from tidings.evaluation.core import LAYERS, DocumentScore, LayerCounts, Miss
from tidings.evaluation.gold import GoldDoc, load_gold, load_gold_files
from tidings.evaluation.layers import score_document, score_document_detailed
from tidings.evaluation.report import Analyzer, EvalReport, evaluate

__all__ = [
    "LAYERS",
    "Analyzer",
    "DocumentScore",
    "EvalReport",
    "EventConfusion",
    "GoldDoc",
    "LayerCounts",
    "Miss",
    "evaluate",
    "event_confusion",
    "load_gold",
    "load_gold_files",
    "score_document",
    "score_document_detailed",
]
