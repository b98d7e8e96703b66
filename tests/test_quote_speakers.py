"""Speakers in long stories: the speaker chain ("X said … He added"), titles with an "of" chain
("said the Chairman of the Board of Ruritania Ana Ruiz"), definite titles ("the minister said"),
and no speaker where none can be resolved.

Sentences are written here; the pipeline is the real one (spaCy, actors, quotes).
"""

from __future__ import annotations

from tidings.model import Analysis, Quote


def _quote(a: Analysis, start: str) -> Quote:
    hits = [q for q in a.quotes if q.text.startswith(start)]
    assert hits, f"no quote {start!r} in {[q.text for q in a.quotes]}"
    return hits[0]


def _speaker_name(a: Analysis, q: Quote) -> str | None:
    names = {x.id: x.name for x in a.actors}
    return names.get(q.speaker) if q.speaker else None


def test_he_added_follows_the_last_speaker_not_the_nearest_name(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Finance Minister Henry Marsh said the budget would be balanced by next year. "
        "Opposition leader Victor Dunmore arrived late to the session in the capital. "
        "He added that the deficit was already shrinking."
    )
    a = pipeline.analyze(text)
    q = _quote(a, "the deficit was already shrinking")
    assert _speaker_name(a, q) == "Henry Marsh"


def test_he_said_after_a_quote_keeps_the_chain(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Mayor Tobias Grant said the bridge would reopen in May. "
        "The bridge was closed after a storm damaged it, and engineer Paul Wexford inspected it. "
        "\u201cWe have waited long enough for this,\u201d he said."
    )
    a = pipeline.analyze(text)
    q = _quote(a, "We have waited long enough")
    assert _speaker_name(a, q) == "Tobias Grant"


def test_title_with_of_chain_names_the_person_at_its_end(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The harbour will be dredged before winter, said President of the Senate of Norland, "
        "Marcus Fennimore."
    )
    a = pipeline.analyze(text)
    q = _quote(a, "The harbour will be dredged")
    assert _speaker_name(a, q) == "Marcus Fennimore"


def test_the_wife_of_someone_is_not_that_someone(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = "The wife of Marcus Fennimore said the harbour would be dredged before winter."
    a = pipeline.analyze(text)
    q = _quote(a, "the harbour would be dredged")
    assert _speaker_name(a, q) != "Marcus Fennimore"


def test_definite_title_stands_for_the_last_person_with_that_title(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Foreign Minister Clara Voss met her counterpart in the capital on Monday. "
        "The talks lasted three hours. "
        "The minister said the two countries would reopen their embassies."
    )
    a = pipeline.analyze(text)
    q = _quote(a, "the two countries would reopen")
    assert _speaker_name(a, q) == "Clara Voss"


def test_unresolvable_speaker_stays_none(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Heavy rain fell across the valley on Tuesday and the river rose. "
        "He said the roads would be closed until Friday."
    )
    a = pipeline.analyze(text)
    q = _quote(a, "the roads would be closed")
    assert q.speaker is None
    assert q.speaker_note is not None and "pronoun" in q.speaker_note


def test_sentence_initial_he_said_continues_the_previous_subject(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Rain closed the northern roads on Monday. "
        "Governor Samuel Okoro toured the flooded district with engineers from the capital. "
        "He said the levees would be rebuilt within a year."
    )
    a = pipeline.analyze(text)
    q = _quote(a, "the levees would be rebuilt")
    assert _speaker_name(a, q) == "Samuel Okoro"


def test_a_naming_verb_after_an_apposition_speaks_for_the_name(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Mayor Henry Marsh, who ran the harbour board for nine terms before he stepped down in "
        "2011, called Monday's ruling \u201ctheft\u201d and unlawful. He said the council would appeal."
    )
    a = pipeline.analyze(text)
    q = _quote(a, "theft")
    assert q.kind == "partial"
    assert _speaker_name(a, q) == "Henry Marsh"
    rival = pipeline.analyze(
        "Senator Ana Ruiz (D), the governor's opponent in the coming election, called Friday "
        "for publishing the audit in full. The governor declined to comment."
    )
    assert _speaker_name(rival, _quote(rival, "publishing the audit")) == "Ana Ruiz"


def test_a_definite_document_speaks_for_whoever_the_article_says_made_it(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The Harbour League filed a petition with the high court on Monday. "
        "The dispute over the port fees has lasted three years. "
        "The petition says the fees break the river treaty."
    )
    a = pipeline.analyze(text)
    q = _quote(a, "the fees break the river treaty")
    assert _speaker_name(a, q) == "Harbour League"
    alone = pipeline.analyze("The petition says the fees break the river treaty.")
    assert _quote(alone, "the fees break").speaker is None or not any(
        x.name == "Harbour League" for x in alone.actors
    )


def test_a_dash_the_parse_makes_a_subject_names_nobody(pipeline) -> None:  # type: ignore[no-untyped-def]
    a = pipeline.analyze(
        "When the governor observed that Marsh had sometimes skipped the council's budget "
        "votes \u2015 as happened in the two winters his ferry firm was being sold \u2015 Marsh "
        "replied, \u201cThat makes me clever.\u201d"
    )
    q = _quote(a, "That makes me clever")
    assert q.speaker_span is not None
    assert q.speaker_span.text == "Marsh"
