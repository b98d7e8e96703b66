"""Speakers the parse hides: a name the parser hung elsewhere, a subject inside the quotation,
a lead clause before the opening mark, a recording that speaks with its subject's voice.

Sentences are written here; the pipeline is the real one (spaCy, actors, quotes).
"""

from __future__ import annotations

import pytest

from tidings.model import Analysis, Quote

Q = ("\u201c", "\u201d")


def _quote(a: Analysis, start: str) -> Quote:
    hits = [q for q in a.quotes if q.text.lstrip("'\u2018\u201c\"").startswith(start)]
    assert hits, f"no quote {start!r} in {[q.text for q in a.quotes]}"
    return hits[0]


CASES = [
    # the parser joins the name to the phrase before it ("… the Valley Tribune Robert …")
    (
        "At a lunch with the reporters of the Valley Tribune Senator Robert Mitchell "
        "said that the plant would close next year.",
        "the plant would close",
        "Robert Mitchell",
        "Robert Mitchell",
    ),
    # the apposition closes with a comma, then an adverb, then the cue
    (
        "At a town hall meeting on Tuesday in Dover, Robert Mitchell, the chairman of the "
        "Harbour League, forcefully told a reporter that the strike would go on.",
        "the strike would go on",
        "Robert Mitchell",
        "Robert Mitchell",
    ),
    # a subject inside the quotation does not speak it
    (
        f"{Q[0]}The board is in crisis mode. Total crisis mode,{Q[1]} said Robert Mitchell, a "
        "Leeds-based chairman of the Harbour League.",
        "The board is in crisis mode",
        "Robert Mitchell",
        "Robert Mitchell",
    ),
    # a noun right before a subjectless finite verb is its subject ("… and tenants accused")
    (
        "Landlords said they're increasingly convinced the housing board mishandled the "
        "inspection and tenants accused the board of stoking the dispute for political gain.",
        "the board of stoking",
        None,
        "tenants",
    ),
    # a gerund under another verb takes that verb's subject ("stopped short of calling")
    (
        "Robert Mitchell further described the strike as a disaster, but stopped short of "
        "calling the union reckless.",
        "the union reckless",
        "Robert Mitchell",
        "Robert Mitchell",
    ),
    # a recording speaks with the voice it records
    (
        f"The film shows footage of Robert Mitchell asking, {Q[0]}Why did nobody warn us?{Q[1]}",
        "Why did nobody warn us",
        "Robert Mitchell",
        "Robert Mitchell",
    ),
    # a short clause before the opening mark names the speaker ("She continued, “…”")
    (
        "Mayor Sarah Collins opened the bridge on Monday.\n\n"
        f"{Q[0]}We waited ten years for this,{Q[1]} said Collins.\n\n"
        "Engineer Paul Wexford inspected the bridge last week.\n\n"
        f"She continued, {Q[0]}The next step is the railway line to the coast.{Q[1]}",
        "The next step is the railway",
        "Sarah Collins",
        "She",
    ),
    # a clause after the closing mark tags the quotation, whatever its verb
    (
        f"{Q[0]}We will rebuild the bridge,{Q[1]} said Mayor Henry Marsh.\n\n"
        "The singer Sarah Collins opened the show on Friday. "
        f"{Q[0]}Promise you will keep your hands in sight,{Q[1]} Collins sings to the crowd.",
        "Promise you will keep",
        "Sarah Collins",
        "Collins",
    ),
    # a quotation inside reported speech takes its reporting verb's subject
    (
        f"{Q[0]}These are the stories nobody knows,{Q[1]} she said.\n\n"
        "Senator Robert Mitchell said he had fought in the war ''for the nation's rights, "
        "knowing that back home we had none.''",
        "for the nation's rights",
        "Robert Mitchell",
        None,
    ),
]


@pytest.mark.parametrize(("text", "content", "name", "evidence"), CASES)
def test_the_speaker_the_parse_hides(  # type: ignore[no-untyped-def]
    pipeline, text: str, content: str, name: str | None, evidence: str | None
) -> None:
    a = pipeline.analyze(text)
    q = _quote(a, content)
    if name is not None:
        assert q.speaker is not None and a.actor(q.speaker) is not None
        assert a.actor(q.speaker).name == name  # type: ignore[union-attr]
    if evidence is not None:
        assert q.speaker_span is not None and evidence in q.speaker_span.text


ANAPHORA = [
    # a definite noun that heads a body's name stands for that body
    (
        "The Harbour League announced a strike on Monday.\n\n"
        "The league said the strike would last a week.",
        "the strike would last",
        "Harbour League",
    ),
    # "it" opening the next sentence: the body the sentence before is about
    (
        "The Harbour League announced a strike on Monday. It said the strike would last a week.",
        "the strike would last",
        "Harbour League",
    ),
]


@pytest.mark.parametrize(("text", "content", "name"), ANAPHORA)
def test_a_body_referred_to_again_speaks(pipeline, text: str, content: str, name: str) -> None:  # type: ignore[no-untyped-def]
    a = pipeline.analyze(text)
    q = _quote(a, content)
    assert q.speaker is not None and a.actor(q.speaker) is not None
    assert a.actor(q.speaker).name == name  # type: ignore[union-attr]
