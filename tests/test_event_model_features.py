"""The classifier's parse pseudo-words and sentence encoder, on the real spaCy model and ONNX."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from tests.test_classifier_train import SENTENCES
from tidings.events.classifier import Sentence, load_classifier, save_classifier
from tidings.events.encoder import default_encoder
from tidings.events.parse_features import marks_of_texts, parse_marks
from tidings.events.train import SETTINGS, Example, fit, with_parse_marks


def test_parse_marks_read_the_frame_of_the_root() -> None:
    took, refused = marks_of_texts(
        ["The rebels gave up the town.", "The minister did not accept the offer."]
    )
    assert {"zzdeprootgive", "zzdepprtgive_up", "zzdepobjgive_town"} <= set(took)
    assert "zzdepneg" not in took
    assert {"zzdeprootaccept", "zzdepneg", "zzdepobjaccept_offer"} <= set(refused)


def test_parse_marks_of_a_span_are_its_own(pipeline) -> None:
    doc = pipeline.nlp("Rebels shelled the town. The two sides agreed to talk.")
    first, second = list(doc.sents)
    assert "zzdeprootshell" in parse_marks(first) and "zzdeprootagree" not in parse_marks(first)
    assert "zzdepxrootagree" not in parse_marks(second) and "zzdepxroottalk" in parse_marks(second)


def test_the_encoder_gives_unit_vectors_that_put_like_sentences_together() -> None:
    enc = default_encoder()
    v = enc.encode(
        [
            "Rebels shelled the northern town.",
            "Artillery fire hit the village overnight.",
            "The two governments signed a trade accord.",
        ]
    )
    assert v.shape == (3, 384)
    assert np.allclose(np.linalg.norm(v, axis=1), 1.0, atol=1e-4)
    assert float(v[0] @ v[1]) > float(v[0] @ v[2])
    again = enc.encode(["Artillery fire hit the village overnight."])
    assert np.array_equal(again[0], v[1])  # remembered, not encoded anew


def test_a_saved_model_scores_as_the_fitted_one(tmp_path: Path) -> None:
    examples = with_parse_marks(
        [Example(f"{t}-{i}", s, t) for t, texts in SENTENCES.items() for i, s in enumerate(texts)]
    )
    assert SETTINGS["parse_features"]
    clf = fit(examples, {**SETTINGS, "encoder": True})  # optional; off in the shipped model
    assert clf.dense_coef is not None and clf.dense_coef.shape == (3, 384)
    save_classifier(clf, tmp_path)
    loaded = load_classifier(tmp_path)
    assert loaded.dense_coef is not None
    probe = [Sentence("Soldiers shelled the village.", (), ("zzdeprootshell",))]
    assert np.allclose(clf.probabilities(probe), loaded.probabilities(probe), atol=1e-3)
    assert loaded.predict(probe)[0][0] == "ASSAULT"
    plain = fit(examples, {**SETTINGS, "encoder": False})
    assert plain.dense_coef is None  # the encoder's part is there only when it is read
