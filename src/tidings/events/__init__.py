"""Events: PLOVER event records with participants, certainty and attribution.

`EventStage` is the pipeline stage; the lexicon (`load_lexicon`) and the cue lists are data
files in ``events/data``.
"""

from __future__ import annotations

from tidings.events.lexicon import Lexicon, default_lexicon, load_lexicon
from tidings.events.stage import EventStage

__all__ = ["EventStage", "Lexicon", "default_lexicon", "load_lexicon"]
