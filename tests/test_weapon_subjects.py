"""Violence told by its weapon, and a target that happens to be an economic word.

"A missile struck a school" names no one who fired it, but a weapon does no harm by itself:
it is an ASSAULT with an unknown source, unlike "the storm hit the coast". "Fired on the
market" is aimed at a market; "market" as a non-agent cause ("a market slump") applies only
after a preposition of cause ("killed in a crash"). Sentences written here; the real pipeline.
"""

from __future__ import annotations

import pytest


def _types(pipeline, text: str) -> list[str]:  # noqa: ANN001
    return [e.type for e in pipeline.analyze(text).events]


@pytest.mark.parametrize(
    "text",
    [
        "A missile struck a primary school on the edge of the city.",
        "Rockets hit the air base late on Monday.",
        "Rebels fired on the fish market at dawn.",
    ],
)
def test_violence_told_by_its_weapon_or_aimed_at_a_market_is_an_assault(pipeline, text) -> None:
    assert "ASSAULT" in _types(pipeline, text)


@pytest.mark.parametrize(
    "text",
    [
        "The storm hit the coast on Monday.",
        "Two workers were killed in a crash on the motorway.",
    ],
)
def test_disasters_and_accidents_stay_no_assault(pipeline, text) -> None:
    assert "ASSAULT" not in _types(pipeline, text)
