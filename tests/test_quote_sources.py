"""Sources that are not names, and speakers named outside the quotation's sentence.

Unnamed sources ("officials", "a senior official", "aides", "three callers") become source
actors; a document speaks for its maker; a quotation is signed ("― Name"), labelled
("NAME: …") or introduced by the paragraph before ("X continued:"); a relative clause's
speaker is its antecedent; a null speaker says why. Sentences are written here; the pipeline
is the real one (spaCy, actors, quotes).
"""

from __future__ import annotations

import pytest

from tests.test_quote_speakers import _quote
from tidings.model import Analysis, Quote


def _speaker(a: Analysis, q: Quote) -> tuple[str | None, str | None]:
    """(name, kind) of the quote's speaker actor."""
    actor = a.actor(q.speaker) if q.speaker else None
    return (actor.name, actor.kind) if actor else (None, None)


@pytest.mark.parametrize(
    ("text", "start", "name", "kind", "span_ends"),
    [
        (
            "The talks broke down on Monday. Officials said the talks would resume in May.",
            "the talks would resume",
            "Officials",
            "unknown",
            "Officials",
        ),
        (
            "Engineer Paul Wexford inspected the dam. A senior official said that nothing "
            "was agreed.",
            "nothing was agreed",
            "senior official",
            "unknown",
            "senior official",
        ),
        (
            "Engineer Paul Wexford inspected the flooded roads on Tuesday. "
            "The minister said the roads would be closed until Friday.",
            "the roads would be closed",
            "minister",
            "government",
            "minister",
        ),
        (
            "The storm cut power to the valley. \u201cWe are ready for the next one,\u201d "
            "aides said.",
            "We are ready",
            "aides",
            "unknown",
            "aides",
        ),
        (  # a spokesperson's office speaks for its holder's staff
            "The envoy met the general on Monday. His office said the two men had agreed "
            "to meet again.",
            "the two men had agreed",
            "His office",
            "unknown",
            "office",
        ),
        (
            "Mayor Tobias Grant closed the junction. Two neighbours said the van had run "
            "a red light before the crash.",
            "the van had run",
            "Two neighbours",
            "unknown",
            "Two neighbours",
        ),
        (  # a document speaks for its maker
            "Last week the housing authorities released a report on rents that said that rents "
            "had risen by a fifth in two years.",
            "rents had risen",
            "housing authorities",
            None,
            "authorities",
        ),
        (  # nested: the inner source speaks (the outer is the channel, tested below)
            "Ana Ruiz told reporters on Monday that Victor Dunmore had said the deal was dead.",
            "the deal was dead",
            "Victor Dunmore",
            None,
            "Dunmore",
        ),
        (  # the paragraph before ends in "X continued:"
            "Senator Ana Ruiz spoke for an hour about the budget. Senator Victor Dunmore left "
            'early.\n\nRuiz continued:\n\n"The schools in this state cannot wait another year '
            'for the money they were promised."',
            "The schools in this state",
            "Ana Ruiz",
            None,
            "Ruiz",
        ),
        (  # gender agreement: "she" is not the man quoted last
            "Mrs. Clara Voss, the finance minister, said the budget would be balanced. "
            "Mr. Henry Marsh, the opposition leader, said the plan would fail. "
            "She added that taxes would not rise.",
            "taxes would not rise",
            "Clara Voss",
            None,
            "She",
        ),
        (  # "he said" right after a sentence about another person is that person
            "Finance Minister Henry Marsh said the budget was fair.\n\n"
            "Opposition leader Victor Dunmore disagreed. \u201cIt is a bad deal,\u201d he said.",
            "It is a bad deal",
            "Victor Dunmore",
            None,
            "he",
        ),
        (  # a heading run into the sentence: the person in apposition inside the subject
            "Budget anger in the chamber. Late vote on the budget by the council member Robert "
            "Hoffman from the Green Party said that the plan was rushed.",
            "the plan was rushed",
            "Robert Hoffman",
            None,
            "Hoffman",
        ),
        (  # a relative clause: the antecedent speaks, the evidence runs to "who"
            "Governor Samuel Okoro, who said that the levees would hold, left the city on Friday.",
            "the levees would hold",
            "Samuel Okoro",
            None,
            "who",
        ),
    ],
)
def test_speaker_of_the_clause(pipeline, text, start, name, kind, span_ends) -> None:  # type: ignore[no-untyped-def]
    a = pipeline.analyze(text)
    q = _quote(a, start)
    assert _speaker(a, q)[0] == name
    assert kind is None or _speaker(a, q)[1] == kind
    assert q.speaker_note is None
    assert q.speaker_span is not None and q.speaker_span.text.endswith(span_ends)
    if " told " in text:  # nested: the outer source is the channel
        assert q.via is not None and "Ruiz" in q.via


def test_one_unnamed_source_is_one_actor(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Police said the road was closed after the crash. "
        "The driver was taken to hospital. Police said later that he was in a stable condition."
    )
    a = pipeline.analyze(text)
    first, second = _quote(a, "the road was closed"), _quote(a, "he was in a stable")
    assert first.speaker is not None and first.speaker == second.speaker


def test_signed_quotations_take_their_signature(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Readers wrote in about the new bridge.\n\n"
        "\u201cIt has cut my commute in half.\u201d \u2015 Maria Delgado\n"
        "\u201cThe tolls are far too high for families.\u201d \u2015\u00a0Tomas Berger\n"
    )
    a = pipeline.analyze(text)
    for start, name in (("It has cut", "Maria Delgado"), ("The tolls", "Tomas Berger")):
        q = _quote(a, start)
        assert q.speaker_span is not None and q.speaker_span.text == name
        assert _speaker(a, q)[0] == name


def test_transcript_labels_name_each_speaker(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Partial transcript of the interview:\n\n"
        '"HOLT: Will you accept the result of the vote on Sunday?\n\n'
        '"BRANDT: I will accept it, whatever it is, and so will my party.\n\n'
        '"HOLT: Even if you lose by a single vote?"'
    )
    a = pipeline.analyze(text)
    got = [
        (q.text[:5], q.speaker_span.text if q.speaker_span else None)
        for q in a.quotes
        if q.kind != "term"
    ]
    assert got == [("HOLT:", "HOLT"), ("BRAND", "BRANDT"), ("HOLT:", "HOLT")]


@pytest.mark.parametrize(
    "text",
    [
        "Jakarta: Indonesian police arrested five men on Monday after a raid on a warehouse. "
        "The men were charged on Tuesday.",
        "New Delhi: The government on Friday asked the states to step up testing.",
    ],
)
def test_a_place_and_colon_opening_the_body_is_a_dateline_not_a_speaker(pipeline, text) -> None:
    a = pipeline.analyze(text)
    assert [q.cue for q in a.quotes if q.cue == ":"] == []


def test_a_headline_label_still_speaks(pipeline) -> None:
    a = pipeline.analyze(
        "Iran: US must lift sanctions before talks\n\nTehran said on Monday it would not negotiate."
    )
    assert any(q.cue == ":" and q.text.startswith("US must lift") for q in a.quotes)
