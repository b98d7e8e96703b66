"""Content boundaries of attributions (issue #13, branch `quotespans`).

Sentences are written here; the pipeline is the real one (spaCy, actors, quotes).
"""

from __future__ import annotations


def test_an_infinitive_clause_after_the_speaker_s_judgment_stays_in_the_content(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = (
        'Gov. Mark Dell (R) said it would be "reckless" for her to talk about whether the audit '
        "should be released while the inquiry is running. Treasurer Ann Roe disagreed."
    )
    want = text[text.index("it would") : text.index(". Treasurer")]
    contents = [q.text for q in pipeline.analyze(text).quotes]
    assert want in contents, contents


def test_a_clause_narrating_the_speaker_s_act_is_still_cut(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = "Gen. Ollie Park claimed the rebels had shelled the port as he ordered units mobilised."
    contents = [q.text for q in pipeline.analyze(text).quotes]
    assert "the rebels had shelled the port" in contents, contents


CLAUSE_TEXT = (
    'The council insisted that the company "halt all of its reckless drilling in the bay at '
    'once." The firm said nothing.'
)


def test_quoted_words_the_clause_barely_extends_are_recorded_as_the_clause(pipeline) -> None:  # type: ignore[no-untyped-def]
    quotes = [q for q in pipeline.analyze(CLAUSE_TEXT).quotes if q.kind != "term"]
    clause = 'the company "halt all of its reckless drilling in the bay at once'
    assert [(q.kind, q.text) for q in quotes] == [("partial", clause)]
    assert [CLAUSE_TEXT[s.start : s.end] for s in quotes[0].quoted] == [
        "halt all of its reckless drilling in the bay at once."
    ]


def test_the_clause_still_matches_a_gold_that_marks_only_the_words(pipeline) -> None:  # type: ignore[no-untyped-def]
    from pathlib import Path

    from tidings.evaluation.gold import _gold_doc
    from tidings.evaluation.layers import score_document

    analysis = pipeline.analyze(CLAUSE_TEXT)
    words = "halt all of its reckless drilling in the bay at once."
    whole = 'that the company "halt all of its reckless drilling in the bay at once'
    for want in (words, whole):  # the example golds' convention, PolNeAR's
        gold = _gold_doc(
            {
                "format": "tidings-gold/1",
                "id": "c",
                "text": CLAUSE_TEXT,
                "quotes": [{"text": want}],
            },
            Path("c.gold.json"),
            1,
        )
        span = score_document(gold, analysis)["quotes_span"]
        assert (span.tp, span.fn) == (1, 0), want


def test_quoted_words_going_on_with_the_content_belong_to_it(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Ms. Rand said the visit brought back memories of the war, and of “everyone who never "
        "came home.” She wept."
    )
    quotes = [(q.kind, q.text) for q in pipeline.analyze(text).quotes]
    whole = text[text.index("the visit") : text.index("home.") + len("home.")]
    assert ("partial", whole) in quotes, quotes
    assert ("partial", "everyone who never came home.") in quotes, quotes


def test_quoted_words_after_a_new_clause_stay_apart(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = "Ms. Rand said the visit was short. “A quick look,” the guide agreed. She left."
    contents = [q.text for q in pipeline.analyze(text).quotes]
    assert "the visit was short" in contents, contents


def test_a_closing_appositive_is_the_writer_s_description(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = "Ms. Ortega said she would not back Mr. Dale, the favourite of the party bosses."
    contents = [q.text for q in pipeline.analyze(text).quotes]
    assert contents == ["she would not back Mr. Dale"], contents


def test_an_appositive_in_the_speaker_s_own_words_stays(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = "Ms. Ortega said she would not back “Mr. Dale, the favourite of the party bosses.”"
    contents = [q.text for q in pipeline.analyze(text).quotes]
    assert any(c.endswith("the party bosses") for c in contents), contents
