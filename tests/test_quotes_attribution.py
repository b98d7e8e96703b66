"""Attribution beyond speech: cue kinds (belief, knowledge, intention, source), partial quotes as
one attribution with the quoted words marked, the certainty a cue implies, and per-kind scores.

Sentences are written here; the pipeline is the real one (spaCy, actors, quotes, events).
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from tidings.evaluation.gold import _gold_doc
from tidings.evaluation.layers import score_document
from tidings.model import Article, Quote
from tidings.quotes import QuoteStage
from tidings.quotes.lexicon import cue_certainty, load_cues, parse_cues


def quotes_of(pipeline, text: str) -> list[Quote]:  # type: ignore[no-untyped-def]
    return pipeline.analyze(text).quotes


def reported(quotes: list[Quote], content: str) -> Quote:
    hits = [q for q in quotes if q.text == content]
    assert hits, f"no attribution {content!r} in {[(q.kind, q.text) for q in quotes]}"
    return hits[0]


@pytest.mark.parametrize(
    ("text", "content", "kind"),
    [
        (
            "Western diplomats believe that the ceasefire will collapse within a week.",
            "the ceasefire will collapse within a week",
            "belief",
        ),
        (
            "Farmers in the valley fear that the dam will flood their fields.",
            "the dam will flood their fields",
            "belief",
        ),
        (
            "The auditors found that the ministry had overspent by a third.",
            "the ministry had overspent by a third",
            "knowledge",
        ),
        (
            "The mayor told reporters that the bridge would reopen on Monday.",
            "the bridge would reopen on Monday",
            "speech",
        ),
    ],
)
def test_every_attribution_has_its_cue_kind(pipeline, text: str, content: str, kind: str) -> None:
    q = reported(quotes_of(pipeline, text), content)
    assert q.kind == "indirect" and q.cue_kind == kind
    assert q.speaker_span is not None and q.speaker_span.text in text[: q.span.start]


def test_according_to_is_a_source_only_attribution(pipeline) -> None:
    text = "The storm destroyed 300 homes, according to the regional governor."
    q = reported(quotes_of(pipeline, text), "The storm destroyed 300 homes")
    assert q.cue == "according to" and q.cue_kind == "source"


def test_partial_quote_is_one_attribution_with_the_quoted_words_marked(pipeline) -> None:
    text = (
        "Senator Ada Brennan said the new tax was “a burden on every family” and would be "
        "repealed before the end of next year by a new majority in both chambers."
    )
    quotes = quotes_of(pipeline, text)
    whole = next(q for q in quotes if q.text.startswith("the new tax was"))
    assert whole.kind == "partial" and whole.cue_kind == "speech"
    assert [s.text for s in whole.quoted] == ["a burden on every family"]
    # the quoted words keep their own record (speech-only annotation counts them)
    assert any(q.text == "a burden on every family" for q in quotes)


def test_plain_reported_speech_marks_no_quoted_words(pipeline) -> None:
    text = "The governor said the roads would be cleared by Friday."
    q = reported(quotes_of(pipeline, text), "the roads would be cleared by Friday")
    assert q.kind == "indirect" and q.quoted == []


def test_intentions_come_with_an_infinitive_verb_list(pipeline) -> None:
    """Off by default (data), on when the cues file lists the verbs: "wants to X" is content."""
    text = "The union wants to renegotiate the contract before the strike deadline."
    assert not any(q.text.startswith("to renegotiate") for q in quotes_of(pipeline, text))
    cues = load_cues()
    stage = QuoteStage()
    stage.cues = replace(cues, infinitive_verbs=frozenset({"want"}))
    d = stage(pipeline.run(Article(text=text)))
    q = reported(d.quotes, "to renegotiate the contract before the strike deadline")
    assert q.cue_kind == "intention"


def test_cue_certainty_comes_from_the_cue_data() -> None:
    assert cue_certainty("believe") == "probable"
    assert cue_certainty("fear") == "possible"
    assert cue_certainty("deny") == "denied"
    assert cue_certainty("say") is None
    assert cue_certainty(None) is None


def test_cues_file_refuses_an_unknown_cue_kind() -> None:
    from tidings.errors import TidingsError

    with pytest.raises(TidingsError, match="cue_kinds"):
        parse_cues({"verbs": {"believe": "belief"}, "cue_kinds": {"belief": "rumour"}})


@pytest.mark.parametrize(
    ("text", "certainty"),
    [
        ("Officials fear that the militia attacked the border post.", "possible"),
        ("Officials believe that the militia attacked the border post.", "probable"),
    ],
)
def test_events_inside_attitudes_take_the_cue_certainty(
    pipeline, text: str, certainty: str
) -> None:
    a = pipeline.analyze(text)
    attacks = [e for e in a.events if e.type == "ASSAULT"]
    assert attacks, [(e.type, e.certainty) for e in a.events]
    assert attacks[0].certainty == certainty
    assert attacks[0].attributed_to is not None or a.quotes


def test_quotes_are_scored_per_kind(pipeline) -> None:
    text = (
        "The coach spoke after the match on Sunday. “We will not give up,” the coach said. "
        "The coach said the team had trained harder than ever this season."
    )
    analysis = pipeline.analyze(text)
    gold = _gold_doc(
        {
            "format": "tidings-gold/1",
            "id": "kinds",
            "text": text,
            "quotes": [
                {"text": "We will not give up,", "kind": "direct"},
                {"text": "the team had trained harder than ever this season", "kind": "indirect"},
                {"text": "an attribution nobody finds in this text", "kind": "partial"},
            ],
        },
        Path("kinds.gold.json"),
        1,
    )
    layers = score_document(gold, analysis)
    assert layers["quotes_direct_span"].tp == 1
    assert layers["quotes_indirect_span"].tp == 1
    assert layers["quotes_partial_span"].fn == 1 and layers["quotes_partial_span"].tp == 0
    total = layers["quotes_span"]
    kinds = [layers[f"quotes_{k}_span"] for k in ("direct", "partial", "indirect")]
    assert total.tp == sum(c.tp for c in kinds) and total.fn == sum(c.fn for c in kinds)


@pytest.mark.parametrize(
    ("text", "content", "source"),
    [
        (
            "The harbour deal, the minister said, was dead after the vote.",
            "The harbour deal, the minister said, was dead after the vote",
            "the minister",
        ),
        (
            "The factory was a success, the owner said, until it went bankrupt in 1999.",
            "The factory was a success, the owner said, until it went bankrupt in 1999",
            "the owner",
        ),
    ],
)
def test_a_cue_in_the_middle_reports_the_clause_around_it(
    pipeline, text: str, content: str, source: str
) -> None:
    q = reported(quotes_of(pipeline, text), content)
    assert q.speaker_span is not None and q.speaker_span.text == source


@pytest.mark.parametrize(
    ("text", "content"),
    [
        ("The teachers' union called for more school investment.", "more school investment"),
        (
            "The senator called on voters to stay home on election day.",
            "voters to stay home on election day",
        ),
        ("The campaign called the charges unsubstantiated.", "the charges unsubstantiated"),
        ("Economists warned of a deep recession next year.", "a deep recession next year"),
    ],
)
def test_calls_and_warnings_report_their_object(pipeline, text: str, content: str) -> None:
    q = reported(quotes_of(pipeline, text), content)
    assert q.kind == "indirect" and q.cue_kind == "speech"


def test_nested_source_is_the_channel(pipeline) -> None:
    text = (
        "The mayor, Anna Weiss, told reporters that the police chief had said the bridge "
        "would stay closed until May."
    )
    quotes = quotes_of(pipeline, text)
    inner = reported(quotes, "the bridge would stay closed until May")
    assert inner.speaker_span is not None and "police chief" in inner.speaker_span.text
    assert inner.via is not None and "Weiss" in inner.via
    outer = reported(quotes, "the police chief had said the bridge would stay closed until May")
    assert outer.via is None


def test_a_pronoun_repeating_the_outer_source_is_no_channel(pipeline) -> None:
    # one attribution (both golds mark only the outer content), and no channel
    quotes = quotes_of(pipeline, "Guards said they thought the van carried explosives.")
    outer = reported(quotes, "they thought the van carried explosives")
    assert outer.via is None and outer.cue == "say"
    assert not [q for q in quotes if q.text == "the van carried explosives"]
