"""Event recall on whole articles (#18), round 4: judgements in words one lexicon does not rate,
and judged objects the parser glues onto the judgement.

Sentences written for these tests (none from a dev set), real pipeline, classifier refinement off.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.event_helpers import rule_events
from tidings.events import default_lexicon

ROOT = Path(__file__).resolve().parent.parent
EVALUATIVE = ROOT / "src/tidings/events/data/evaluative.json"


def test_second_rated_lexicon_and_nominalisations_widen_the_evaluative_words():
    data = json.loads(EVALUATIVE.read_text(encoding="utf-8"))
    assert "Open Database License" in data["licence_afinn"]
    lex = default_lexicon()
    # rated only by AFINN; and nouns of rated adjectives ("tyrannical", "repressive")
    for word in ("oppression", "tyranny", "repression"):
        assert lex.in_class(word, "negative"), word
    assert not lex.in_class("decree", "negative") and not lex.in_class("tyranny", "positive")


@pytest.mark.parametrize(
    "text",
    [
        "Erdogan called the court decree oppression.",
        "Erdogan, the longest serving premier when he retired in 2014, called Monday's decree "
        '"tyranny" and unconstitutional.',
    ],
)
def test_a_judged_object_glued_onto_the_judgement_is_still_judged(rules, text):  # noqa: ANN001
    found = [e for e in rule_events(rules, text) if e[0] == "ACCUSE"]
    assert len(found) == 1 and found[0][1] == ["Erdogan"], rule_events(rules, text)


@pytest.mark.parametrize(
    "text",
    [
        "A film called Friday Tyranny was shown in Ankara.",
        "Erdogan called the court in Ankara on Monday.",
    ],
)
def test_naming_is_no_judgement(rules, text):  # noqa: ANN001
    assert "ACCUSE" not in [e[0] for e in rule_events(rules, text)], rule_events(rules, text)
