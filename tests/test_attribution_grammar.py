"""Cues from a grammar's verb and noun classes (quotes/data/cues_grammar.yaml): a verb of
Biber's public, private or suasive classes attributes the finite clause it governs ("implied
that …"), a noun of communication or belief its that-clause ("the claim that …"); and content
ends before a second verb of saying ("… and warned …") and runs over a second complement
("discovered that A, and that B").

Sentences are written here; the pipeline is the real one (spaCy, actors, quotes).
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from tests.quote_helpers import assert_indirect, quotes_of
from tidings.errors import TidingsError
from tidings.quotes.lexicon import DEFAULT_CUES, cue_certainty, cue_class, load_cues


def test_every_grammar_group_names_its_source_and_adds_no_verb_twice() -> None:
    raw = yaml.safe_load((DEFAULT_CUES.parent / "cues_grammar.yaml").read_text("utf-8"))
    cues = load_cues()
    groups = raw["groups"] + raw["noun_groups"]
    assert all(g["source"].strip() for g in groups)
    assert cues.clause_verbs and cues.clause_nouns
    for g in raw["groups"]:
        for verb in g["verbs"]:
            assert verb not in cues.verbs, f"{verb} is in cues.yaml already"
    assert cue_class("imply") == "hedged" and cue_certainty("belief") == "probable"


def test_a_grammar_group_without_a_source_is_refused(tmp_path: Path) -> None:
    (tmp_path / "g.yaml").write_text("groups:\n  - verbs: {imply: hedged}\n", "utf-8")
    (tmp_path / "cues.yaml").write_text("clause_verb_files: [g.yaml]\n", "utf-8")
    with pytest.raises(TidingsError, match="source"):
        load_cues(tmp_path / "cues.yaml")


@pytest.mark.parametrize(
    ("text", "content", "cue"),
    [
        (
            "Senator Ada Brennan implied that the county had misplaced the ballots.",
            "the county had misplaced the ballots",
            "imply",
        ),
        (
            "The judge ruled that the new district map was unlawful.",
            "the new district map was unlawful",
            "rule",
        ),
        (
            "Mayor Tom Field rejected the claim that the bridge would close in May.",
            "that the bridge would close in May",
            "claim",
        ),
        (
            "Governor Lisa Park repeated her view that the port fees hurt local farmers.",
            "that the port fees hurt local farmers",
            "view",
        ),
    ],
)
def test_grammar_cues_report_their_clause(pipeline, text: str, content: str, cue: str) -> None:
    assert_indirect(pipeline, text, content, cue)


@pytest.mark.parametrize(
    "text",
    [
        # a question is no proposition, a participle no finite clause, "it" no source
        "The clerk checked whether the ballots had arrived.",
        "The general ordered the reserve units mobilized.",
        "It means the county will pay more for fuel.",
        # a noun a reporting verb governs is that verb's content, not a second attribution
        "The leaks reveal the ministry's fear that the talks will fail.",
    ],
)
def test_grammar_cues_need_a_finite_clause_and_a_source(pipeline, text: str) -> None:
    cues = load_cues()
    grammar = set(cues.clause_verbs or {}) | set(cues.clause_nouns or {})
    found = [q for q in quotes_of(pipeline, text) if q.cue in grammar and q.cue not in cues.verbs]
    assert not found, [(q.cue, q.text) for q in found]


@pytest.mark.parametrize(
    ("text", "content"),
    [
        (
            "Mayor Tom Field said he would order a review of the levees and warned against delays.",
            "he would order a review of the levees",
        ),
    ],
)
def test_content_ends_before_the_writers_aside(pipeline, text: str, content: str) -> None:
    texts = [q.text for q in quotes_of(pipeline, text)]
    assert content in texts, texts


def test_a_second_that_clause_is_content_too(pipeline) -> None:
    text = (
        "Auditors discovered that the payments were made by shell firms, and that two "
        "officials approved them."
    )
    texts = [q.text for q in quotes_of(pipeline, text)]
    assert "the payments were made by shell firms, and that two officials approved them" in texts, (
        texts
    )


def test_a_reported_threat_keeps_its_second_verb(pipeline) -> None:
    text = "The minister claimed the rebels had shelled the town and threatened the airport."
    texts = [q.text for q in quotes_of(pipeline, text)]
    assert "the rebels had shelled the town and threatened the airport" in texts, texts


@pytest.mark.parametrize(
    ("text", "content"),
    [
        (
            "Though the last handover went smoothly, he said, replacing the chairman would be "
            "much harder.",
            "Though the last handover went smoothly, he said, replacing the chairman would be "
            "much harder",
        ),
        (
            "In the long run, the treasurer said, the new bridge would cost the county more.",
            "In the long run, the treasurer said, the new bridge would cost the county more",
        ),
    ],
)
def test_what_stands_before_a_parenthetical_speaker_is_content(
    pipeline, text: str, content: str
) -> None:
    texts = [q.text for q in quotes_of(pipeline, text)]
    assert content in texts, texts


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("Repeated warnings from her lawyers that the appeal would fail were ignored.",
         "her lawyers"),
        ("Warnings by officials that the bridge was unsafe were ignored.", "officials"),
    ],
)  # fmt: skip
def test_a_noun_cue_takes_its_source_from_by_or_from_a_noun_of_people(
    pipeline, text: str, source: str
) -> None:
    analysis = pipeline.analyze(text)
    quote = next(q for q in analysis.quotes if q.cue == "warning")
    assert quote.speaker_span is not None and quote.speaker_span.text == source
    assert quote.speaker is not None


def test_a_noun_cue_of_a_thing_has_no_source(pipeline) -> None:
    analysis = pipeline.analyze("Fears of fraud that the count was rigged spread online.")
    assert all(q.speaker is None for q in analysis.quotes)
