"""Small lookups the attribution tests share: the quotes of a text and one reported content."""

from __future__ import annotations

from tidings.model import Quote


def quotes_of(pipeline, text: str) -> list[Quote]:  # type: ignore[no-untyped-def]
    """Every attribution of `text` except quoted terms (names and titles in quotation marks)."""
    return [q for q in pipeline.analyze(text).quotes if q.kind != "term"]


def assert_indirect(pipeline, text: str, content: str, cue: str) -> None:  # type: ignore[no-untyped-def]
    """`text` reports `content` as an indirect attribution with the cue lemma `cue`."""
    quotes = quotes_of(pipeline, text)
    hits = [q for q in quotes if q.text == content]
    assert hits, (content, [(q.cue, q.text) for q in quotes])
    assert hits[0].cue == cue and hits[0].kind == "indirect"
