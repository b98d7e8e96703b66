"""A quotation split around its reporting clause: its pieces (the default, the example golds'
convention), the whole (PolNeAR's) or both, chosen by `stages.quotes.split`; scored plainly.

Sentences are written here; the pipeline is the real one (spaCy, actors, quotes).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tidings.evaluation.gold import _gold_doc
from tidings.evaluation.layers import score_document

TEXT = (
    "The harbour board met on Tuesday.\n\n"
    "“The new pier will open in spring,” the chairman said. “Ferries will dock there by May.”\n\n"
    "Dockworkers cheered the plan."
)
FIRST = "The new pier will open in spring,"
SECOND = "Ferries will dock there by May."
WHOLE = "The new pier will open in spring,” the chairman said. “Ferries will dock there by May."


@pytest.fixture(scope="module")
def both():  # type: ignore[no-untyped-def]
    """A pipeline that records a split quotation both ways."""
    import tidings

    return tidings.load(config={"stages": {"quotes": {"split": "both"}}})


def test_by_default_a_split_quotation_is_its_two_pieces(pipeline) -> None:  # type: ignore[no-untyped-def]
    quotes = [q for q in pipeline.analyze(TEXT).quotes if q.kind != "term"]
    assert sorted((q.kind, q.text) for q in quotes) == sorted(
        [("direct", FIRST), ("direct", SECOND)]
    )


def test_an_unknown_split_mode_is_refused() -> None:
    from tidings.quotes.stage import QuoteConfig

    with pytest.raises(ValueError, match="split"):
        QuoteConfig(split="halves")


def test_split_quotation_is_its_pieces_and_one_whole(both) -> None:  # type: ignore[no-untyped-def]
    quotes = both.analyze(TEXT).quotes
    by_text = {q.text: q for q in quotes}
    assert by_text[FIRST].kind == "direct" and by_text[SECOND].kind == "direct"
    whole = by_text.get(WHOLE)
    assert whole is not None, [(q.kind, q.text) for q in quotes]
    assert whole.kind == "partial" and whole.cue == "say"
    assert [p.text for p in whole.quoted] == [FIRST, SECOND]
    assert whole.speaker_span is not None and whole.speaker_span.text == "the chairman"


def test_two_separate_quotations_are_not_merged(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = (
        "“The new pier will open in spring,” the chairman said on Tuesday.\n\n"
        "“Ferries will dock there by May,” the harbour master said."
    )
    quotes = pipeline.analyze(text).quotes
    assert not [q for q in quotes if q.kind == "partial"], [(q.kind, q.text) for q in quotes]


def _gold(quotes: list[dict[str, Any]]):  # type: ignore[no-untyped-def]
    obj = {"format": "tidings-gold/1", "id": "split", "text": TEXT, "quotes": quotes}
    return _gold_doc(obj, Path("split.gold.json"), 1)


@pytest.mark.parametrize(
    ("marked", "extra"),
    [
        ([{"text": FIRST, "kind": "direct"}, {"text": SECOND, "kind": "direct"}], 1),
        ([{"text": WHOLE, "kind": "partial"}], 2),
    ],
    ids=["pieces", "whole"],
)
def test_a_split_statement_is_scored_plainly_in_either_convention(both, marked, extra) -> None:  # type: ignore[no-untyped-def]
    """Both readings emitted: the scorer counts every record, so the reading the gold does not
    mark is a false positive (the evaluator is not loosened to fit either convention)."""
    layers = score_document(_gold(marked), both.analyze(TEXT))
    span = layers["quotes_span"]
    assert (span.tp, span.fn, span.fp) == (len(marked), 0, extra)


def test_an_unmatched_split_still_counts_as_false_positives(both) -> None:  # type: ignore[no-untyped-def]
    """Neither reading matched: all three records are false positives."""
    other = [{"text": "Dockworkers cheered the plan", "kind": "indirect"}]
    layers = score_document(_gold(other), both.analyze(TEXT))
    assert layers["quotes_span"].fp == 3 and layers["quotes_span"].fn == 1


def test_doubled_apostrophes_and_an_abbreviated_speaker_still_split(both) -> None:  # type: ignore[no-untyped-def]
    """Some newsrooms print quotes as ''…''; "Mr." is no sentence end between the pieces."""
    text = (
        "The council met on Monday.\n\n"
        "''You do not have to build the whole bridge at once,'' Mr. Harlow said. "
        "''Start with one span and keep going.''\n\nThe vote is next week."
    )
    wholes = [q for q in both.analyze(text).quotes if q.kind == "partial"]
    assert len(wholes) == 1, [(q.kind, q.text) for q in both.analyze(text).quotes]
    assert "Mr. Harlow said" in wholes[0].text and len(wholes[0].quoted) == 2


def test_content_before_a_final_cue_keeps_every_conjunct(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The mayor's car was supposed to be escorted by a police unit, but the guards drove "
        "her away from the square before officers could join her, another source said."
    )
    want = text[: text.index(", another source")]
    assert want in [q.text for q in pipeline.analyze(text).quotes]


def test_a_reason_the_speaker_gives_stays_in_the_content(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The harbour master said he was not worried about the storm because he doubted "
        "it would reach the coast."
    )
    contents = [q.text for q in pipeline.analyze(text).quotes]
    assert "he was not worried about the storm because he doubted it would reach the coast" in (
        contents
    ), contents


def test_quoted_words_inside_reported_content_are_found_as_the_whole(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = "The minister said the new port fees were “a tax on every family” and would go."
    analysis = pipeline.analyze(text)
    whole = "the new port fees were “a tax on every family” and would go"
    assert whole in [q.text for q in analysis.quotes], [(q.kind, q.text) for q in analysis.quotes]
    gold = _gold_doc(
        {"format": "tidings-gold/1", "id": "p", "text": text, "quotes": [{"text": whole}]},
        Path("p.gold.json"),
        1,
    )
    span = score_document(gold, analysis)["quotes_span"]
    assert (span.tp, span.fn) == (1, 0)
    assert span.fp == len(analysis.quotes) - 1


def test_a_headline_attributes_too(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Mayor says the harbour bridge will reopen in May.\n\n"
        "The council met on Monday to discuss the repairs. Engineers said the work was done."
    )
    contents = [q.text for q in pipeline.analyze(text).quotes]
    assert "the harbour bridge will reopen in May" in contents, contents


def test_an_event_denied_in_reported_speech_is_the_sources_denial(pipeline) -> None:  # type: ignore[no-untyped-def]
    """#13 item 4 for "deny": the event is attributed to the source, negative, denied by it."""
    a = pipeline.analyze("The militia denied that it had fired rockets at the air base.")
    attacks = [e for e in a.events if e.type == "ASSAULT"]
    assert attacks, [(e.type, e.certainty) for e in a.events]
    e = attacks[0]
    assert e.attributed_to is not None and e.polarity == "negative"
    assert e.denied_by == [e.attributed_to]


def test_quoted_words_ending_the_writers_clause_are_one_attribution(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = "The council met on Monday. Raising the port fees “would hurt every family,” he said."
    quotes = pipeline.analyze(text).quotes
    whole = [q for q in quotes if q.text.startswith("Raising the port fees")]
    assert whole, [(q.kind, q.text) for q in quotes]
    assert whole[0].kind == "partial" and [p.text for p in whole[0].quoted] == [
        "would hurt every family,"
    ]


def test_the_pipeline_config_can_keep_only_the_whole() -> None:
    import tidings

    p = tidings.load(config={"stages": {"quotes": {"split": "whole"}}})
    quotes = p.analyze(TEXT).quotes
    assert [q.text for q in quotes if q.kind != "term"] == [WHOLE], [
        (q.kind, q.text) for q in quotes
    ]


INTERRUPTED = (
    "The harbour board met on Tuesday.\n\n"
    "“The new pier,” the chairman said, “will open in spring and take ferries by May.”\n\n"
    "Dockworkers cheered the plan."
)


def test_a_sentence_its_reporting_clause_interrupts_is_one_attribution(pipeline) -> None:  # type: ignore[no-untyped-def]
    """A comma closes the clause and the second piece goes on with the sentence: one statement
    by default, its pieces marked; pieces that are sentences of their own stay pieces (above)."""
    quotes = [q for q in pipeline.analyze(INTERRUPTED).quotes if q.kind != "term"]
    assert [(q.kind, q.text) for q in quotes] == [
        (
            "partial",
            "The new pier,” the chairman said, “will open in spring and take ferries by May.",
        )
    ]
    assert [p.text for p in quotes[0].quoted] == [
        "The new pier,",
        "will open in spring and take ferries by May.",
    ]
    assert quotes[0].speaker_span is not None and quotes[0].speaker_span.text == "the chairman"
