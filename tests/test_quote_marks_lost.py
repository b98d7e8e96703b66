"""Quote-mark pairing that survives a lost closing mark and paragraphs run together.

Sentences are written here; the mark finder is a pure function, the pipeline is the real one.
"""

from __future__ import annotations

from tidings.model import Analysis
from tidings.quotes import find_quoted


def _outer(text: str) -> list[str]:
    return [text[q.start : q.end] for q in find_quoted(text) if q.depth == 0]


def test_paragraphs_run_together_are_one_quotation() -> None:
    text = (
        "The coach said: \u201cShe was the best keeper we ever had. \u201cShe trained harder "
        "than anyone. \u201cWe will miss her.\u201d The club flew its flag at half mast."
    )
    assert _outer(text) == [
        "She was the best keeper we ever had. \u201cShe trained harder than anyone. "
        "\u201cWe will miss her."
    ]


def test_a_nested_quotation_is_not_a_run_together_paragraph() -> None:
    text = "He said \u201cthe sign read \u201cclosed\u201d all week\u201d and left."
    found = find_quoted(text)
    assert [text[q.start : q.end] for q in found if q.depth == 1] == ["closed"]


def test_quotes_after_an_opener_that_never_closes_are_outer() -> None:
    text = (
        "\u201cThe truck left at dawn, the driver said. Later a neighbour called it "
        "\u201ca quiet street,\u201d and added, \u201cNothing ever happens here.\u201d"
    )
    outer = _outer(text)
    assert "a quiet street," in outer
    assert "Nothing ever happens here." in outer


def test_lost_closing_mark_ends_before_a_short_reporting_clause() -> None:
    text = "\u201cThe truck left at dawn and never came back, the driver said. Rain fell."
    found = [q for q in find_quoted(text) if q.lost]
    assert [text[q.start : q.end] for q in found] == ["The truck left at dawn and never came back,"]


def test_lost_closing_mark_without_a_short_clause_is_no_quote() -> None:
    text = "\u201cThe truck left at dawn, and the whole street watched it go until noon. Rain."
    assert find_quoted(text) == []


def test_lost_closing_mark_is_a_quote_only_before_a_reporting_verb(pipeline) -> None:  # type: ignore[no-untyped-def]
    said = "\u201cThe truck left at dawn and never came back, said Sergeant Ana Ruiz. Rain fell."
    a: Analysis = pipeline.analyze(said)
    hits = [q for q in a.quotes if q.text == "The truck left at dawn and never came back,"]
    assert hits and hits[0].kind == "direct"
    names = {x.id: x.name for x in a.actors}
    assert "Ana Ruiz" in (names.get(hits[0].speaker or "") or "")
    other = "\u201cThe truck left at dawn and never came back, the old road. Rain fell."
    b: Analysis = pipeline.analyze(other)
    assert not [q for q in b.quotes if q.kind == "direct"]


def test_long_quoted_words_run_into_the_writers_clause_are_partial(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Two guards then closed the gate, and the crowd later found a "
        "\u201cbox of old papers with a broken lock on the lid,\u201d she said."
    )
    a: Analysis = pipeline.analyze(text)
    words = [q for q in a.quotes if q.text.startswith("box of old papers")]
    assert words and words[0].kind == "partial"
    assert any(q.text.startswith("Two guards then closed") for q in a.quotes)


def test_a_heading_in_headline_case_is_no_speech(pipeline) -> None:  # type: ignore[no-untyped-def]
    paragraphs = [
        "The town council met on Monday to discuss the old mill by the river.",
        "\u201cWe will reopen the mill by spring,\u201d said Mayor Henry Marsh.",
        "\u201cThe River Comes Back.\u201d",  # a sub-heading
        "The mill closed in 1998.",
    ]
    text = "\n\n".join(paragraphs)
    a: Analysis = pipeline.analyze(text)
    assert [q.text for q in a.quotes if q.kind == "direct"] == ["We will reopen the mill by spring,"]
    shout = pipeline.analyze("The crowd chanted: \u201cSave Our River Mills\u201d, the mayor said.")
    assert not [q for q in shout.quotes if q.text == "Save Our River Mills" and q.kind == "term"]
