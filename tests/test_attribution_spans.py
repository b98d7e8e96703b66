"""Content boundaries of attributions (issue #13, branch `quotespans`).

Sentences are written here; the pipeline is the real one (spaCy, actors, quotes).
"""

from __future__ import annotations


def test_an_infinitive_clause_after_the_speaker_s_judgment_stays_in_the_content(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = (
        'Gov. Mark Dell (R) said it would be "unwise" for him to speak on whether the report '
        "should be published while the audit is ongoing. Treasurer Ann Roe disagreed."
    )
    want = text[text.index("it would") : text.index(". Treasurer")]
    contents = [q.text for q in pipeline.analyze(text).quotes]
    assert want in contents, contents


def test_a_clause_narrating_the_speaker_s_act_is_still_cut(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = "Gen. Ollie Park claimed the rebels had shelled the port as he ordered units mobilised."
    contents = [q.text for q in pipeline.analyze(text).quotes]
    assert "the rebels had shelled the port" in contents, contents
