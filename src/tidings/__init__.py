"""Tidings: news articles in, structured, source-aware event data out.

>>> import tidings
>>> analysis = tidings.analyze(text, published="2020-01-27")
>>> [(e.type, e.certainty, e.attributed_to) for e in analysis.events]
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tidings.model import Analysis, Article
from tidings.version import __version__

if TYPE_CHECKING:
    from tidings.pipeline import Pipeline

__all__ = ["Analysis", "Article", "Pipeline", "__version__", "analyze", "load"]

logging.getLogger(__name__).addHandler(logging.NullHandler())

_default: dict[tuple[str, tuple[str, ...], str], Pipeline] = {}


def load(
    model: str | None = None,
    actors: list[str | Path] | tuple = (),
    config: str | Path | Mapping[str, Any] | None = None,
) -> Pipeline:
    """The configured pipeline (spaCy model + stages); loaded once per (model, actor files,
    config). ``config`` is a dict or a file merged over the default stages and settings; without
    it, the file named by ``$TIDINGS_CONFIG``, if set (so the CLI reads one too)."""
    from tidings.nlp import DEFAULT_MODEL
    from tidings.pipeline import load as _load

    if config is None:
        config = os.environ.get("TIDINGS_CONFIG") or None
    conf = json.dumps(config, sort_keys=True, default=str) if isinstance(config, Mapping) else ""
    key = (model or DEFAULT_MODEL, tuple(str(a) for a in actors), conf or str(config or ""))
    if key not in _default:
        _default[key] = _load(key[0], actors=list(actors), config=config)
    return _default[key]


def analyze(
    text_or_article: str | Article,
    published: dt.date | str | None = None,
    title: str | None = None,
) -> Analysis:
    """Analyse one text or `Article` with the default pipeline."""
    return load().analyze(text_or_article, published=published, title=title)


def __getattr__(name: str) -> object:
    if name == "Pipeline":
        from tidings.pipeline import Pipeline

        return Pipeline
    raise AttributeError(name)
