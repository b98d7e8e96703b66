"""Regression tests, each named after what broke."""

from __future__ import annotations


def test_clause_walk_ends_at_a_noun_root(pipeline):
    """A sentence whose parse root is a noun used to loop forever while linking places
    (spaCy makes a new Token object on every access, so an identity test never held)."""
    text = (
        "An official Syrian newspaper called Thursday on Arabs to unite and "
        "``confront'' Israel in Damascus."
    )
    a = pipeline.analyze(text, published="1990-01-01")
    assert a.article.text == text


def test_sentence_ending_in_line_break_stays_in_body(pipeline):
    """Sentences whose last token is the line break were dropped from the body."""
    text = (
        "Talks fail\n\nRebels attacked the army base on Friday.\nThe army said it repelled them.\n"
    )
    a = pipeline.analyze(text, published="2021-06-07")
    assert any(e.trigger.text == "attacked" for e in a.events)


def test_caption_and_body_on_adjacent_lines_are_not_one_wrapped_paragraph(pipeline):
    """Two single-newline lines of similar width were taken for a hard-wrapped paragraph."""
    text = (
        "Army reshuffle\n\n"
        "Jane Doe, deputy minister of defence (photo credit: REUTERS/X Y)\n"
        "Defence minister Jane Doe announced new deployments on Friday.\n"
    )
    a = pipeline.analyze(text, published="2021-01-01")
    assert a.article.structure.body[0].text.startswith("Defence minister")
