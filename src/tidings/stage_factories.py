"""The built-in stage factories a config names: ``factory(context, **settings) -> Stage``.

Each factory turns a stage's settings from the config (``data/pipeline.yaml``) into its
constructor's arguments, so the config file is the one place a user changes them.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from tidings.config import StageContext
from tidings.stage import Stage


def structure(ctx: StageContext) -> Stage:
    from tidings.structure import StructureStage

    return StructureStage()


def nlp(ctx: StageContext, batch_size: int = 8) -> Stage:
    from tidings.nlp import NlpStage

    return NlpStage(ctx.nlp, batch_size=batch_size)


def actors(ctx: StageContext) -> Stage:
    from tidings.actors.stage import ActorStage

    return ActorStage(ctx.nlp, ctx.kb)


def places(ctx: StageContext, **settings: Any) -> Stage:
    from tidings.places import PlaceStage
    from tidings.places.stage import PlaceConfig

    return PlaceStage(PlaceConfig(**settings), kb=ctx.kb)


def quotes(
    ctx: StageContext, cues: str | None = None, terms: bool = True, split: str = "pieces"
) -> Stage:
    from tidings.quotes import QuoteStage
    from tidings.quotes.stage import QuoteConfig

    config = QuoteConfig(terms=terms, split=split)
    if cues is not None:
        config = QuoteConfig(Path(cues), terms, split)
    return QuoteStage(config)


def events(ctx: StageContext, lexicon: str | None = None) -> Stage:
    from tidings.events import EventStage

    return EventStage(lexicon=lexicon, kb=ctx.kb)


def quantities(ctx: StageContext) -> Stage:
    from tidings.quantities import QuantitiesStage

    return QuantitiesStage()


def times(ctx: StageContext, lexicon: str | None = None, use_dateparser: bool = True) -> Stage:
    from tidings.times import TimesStage

    return TimesStage(lexicon_path=lexicon, use_dateparser=use_dateparser)


def event_links(ctx: StageContext, assemble: bool = True) -> Stage:
    from tidings.events.link_stage import LinkEventsStage

    return LinkEventsStage(kb=ctx.kb, assemble=assemble)


BUILTIN: dict[str, Callable[..., Stage]] = {
    f.__name__: f
    for f in (structure, nlp, actors, places, quotes, events, quantities, times, event_links)
}
