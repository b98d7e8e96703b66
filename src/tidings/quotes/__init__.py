"""Quotes: who said what, in their own words or reported, and through which channel.

`QuoteStage` fills ``Document.quotes``; `find_quoted` is the mark finder on its own (a pure
function of a string); `cue_class` tells the events stage what a quote's cue implies
("claim" -> "claimed", "deny" -> "denial").
"""

from __future__ import annotations

from tidings.quotes.lexicon import CUE_CLASSES, Cues, cue_class, load_cues
from tidings.quotes.marks import Quoted, find_quoted
from tidings.quotes.stage import QuoteConfig, QuoteStage

__all__ = [
    "CUE_CLASSES",
    "Cues",
    "QuoteConfig",
    "QuoteStage",
    "Quoted",
    "cue_class",
    "find_quoted",
    "load_cues",
]
