"""Reporting verbs with a particle ("pointed out that ...") are cues of the clause they govern.

Every sentence was written for this test; it runs through the real spaCy model and the real
quotes stage.
"""

from __future__ import annotations

from tidings.quotes.lexicon import cue_class, load_cues


def test_a_verb_and_its_particle_attribute_a_finite_clause(pipeline):
    a = pipeline.analyze("The senator pointed out that the bill had never been funded.")
    (q,) = a.quotes
    assert (q.kind, q.text, q.cue) == ("indirect", "the bill had never been funded", "point out")
    assert q.speaker is not None


def test_a_verb_of_finding_out_reports_knowledge(pipeline):
    a = pipeline.analyze("Auditors found out that the invoices had been forged.")
    (q,) = a.quotes
    assert (q.text, q.cue, q.cue_kind) == ("the invoices had been forged", "find out", "knowledge")


def test_the_same_verb_with_an_object_reports_nothing(pipeline):
    assert pipeline.analyze("He pointed out the flaws in the plan.").quotes == []


def test_the_cues_list_the_particle_verbs_with_a_class():
    assert cue_class("point out", load_cues()) == "neutral"
