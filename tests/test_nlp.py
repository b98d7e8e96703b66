"""The nlp stage: sentences break at line breaks and never right after a rank."""

from __future__ import annotations

import pytest

from tidings.errors import ModelNotFoundError
from tidings.nlp import load_spacy


@pytest.fixture(scope="module")
def nlp(pipeline):
    return pipeline.nlp


@pytest.mark.parametrize(
    "text,expected",
    [
        (
            "The IRGC’s chief Maj.-Gen. Hossein Salami ordered it. He left.",
            ["The IRGC’s chief Maj.-Gen. Hossein Salami ordered it.", "He left."],
        ),
        (
            "Lt. Gen. John Smith met Sen. Jones and Dr. Brown in Washington.",
            ["Lt. Gen. John Smith met Sen. Jones and Dr. Brown in Washington."],
        ),
        (
            "Headline without a period\nFirst sentence of the body. Second one.",
            ["Headline without a period", "First sentence of the body.", "Second one."],
        ),
        ("Caption one\nCaption two\n\nBody here.", ["Caption one", "Caption two", "Body here."]),
    ],
)
def test_sentence_splits(nlp, text, expected):
    assert [s.text.strip() for s in nlp(text).sents if s.text.strip()] == expected


def test_ranks_are_single_tokens(nlp):
    assert "Maj.-Gen." in [t.text for t in nlp("Maj.-Gen. Ali spoke.")]


def test_missing_model_says_how_to_install():
    with pytest.raises(ModelNotFoundError) as exc:
        load_spacy("en_core_web_nonexistent")
    assert "en_core_web_nonexistent" in str(exc.value) and "make install" in str(exc.value)
