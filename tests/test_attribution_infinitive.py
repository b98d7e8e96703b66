"""Infinitive and object contents of speech-act verbs: "vowed to cut taxes", "urged residents
to stay indoors" (who is asked comes with the act), "proposed a tax credit"; not when the cue
stands inside what someone else reports, and no object content without a source.

Sentences are written here; the pipeline is the real one (spaCy, actors, quotes).
"""

from __future__ import annotations

import pytest

from tests.quote_helpers import assert_indirect, quotes_of


@pytest.mark.parametrize(
    ("text", "content", "cue"),
    [
        (
            "Senator Ada Brennan vowed to cut the payroll tax for small firms.",
            "to cut the payroll tax for small firms",
            "vow",
        ),
        (
            "Mayor Tom Field urged residents to stay indoors during the storm.",
            "residents to stay indoors during the storm",
            "urge",
        ),
        (
            "Governor Lisa Park proposed a tax credit for family farms.",
            "a tax credit for family farms",
            "propose",
        ),
    ],
)
def test_speech_acts_report_their_infinitive_or_object(
    pipeline, text: str, content: str, cue: str
) -> None:
    assert_indirect(pipeline, text, content, cue)


def test_an_infinitive_inside_another_report_is_no_attribution_of_its_own(pipeline) -> None:
    text = "Minister Omar Haddad claimed that the rebels had promised to release the hostages."
    quotes = quotes_of(pipeline, text)
    assert not [q for q in quotes if q.text.startswith("to release")], [
        (q.cue, q.text) for q in quotes
    ]
    assert any(q.cue == "claim" for q in quotes)


def test_no_object_content_without_a_source(pipeline) -> None:
    quotes = quotes_of(pipeline, "The new figures reveal the depth of the housing crisis.")
    assert not [q for q in quotes if q.cue == "reveal"], [(q.cue, q.text) for q in quotes]
