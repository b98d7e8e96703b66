"""A trained sentence classifier for PLOVER event types, loaded from plain arrays.

The model is TF-IDF word n-grams with a multinomial logistic regression (`tidings.events.train`).
It is stored as a ``.npz`` of plain arrays (vocabulary, idf weights, coefficients, classes; no
pickled objects, so loading a model file can run no code) plus a JSON of vectoriser settings,
and scored here with the same scikit-learn vectoriser it was trained with.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

from tidings.events.cameo import cameo_types

MODEL_FILE = "event_classifier.npz"
SETTINGS_FILE = "event_classifier.json"
DATA_DIR = Path(__file__).parent / "data"


@dataclass
class EventClassifier:
    """Type probabilities for sentences: ``probabilities(texts)[i, j]`` = P(classes[j] | text i)."""

    classes: list[str]
    vectorizer: TfidfVectorizer
    coef: np.ndarray  # (classes, features)
    intercept: np.ndarray  # (classes,)
    settings: dict[str, Any]

    def probabilities(self, texts: list[str]) -> np.ndarray:
        """Softmax over the classes, one row per text (batched: one sparse product)."""
        if not texts:
            return np.zeros((0, len(self.classes)))
        x = self.vectorizer.transform(texts)
        scores = x @ self.coef.T + self.intercept
        scores = np.asarray(scores) - np.max(scores, axis=1, keepdims=True)
        e = np.exp(scores)
        return np.asarray(e / e.sum(axis=1, keepdims=True))

    def features_text(self, text: str, rule_types: list[str]) -> str:
        """What the model reads for a sentence (`features_text` under this model's settings)."""
        return features_text(text, rule_types, self.settings)

    def predict(self, texts: list[str]) -> list[tuple[str, float]]:
        """The most probable type of each text with its probability."""
        probs = self.probabilities(texts)
        return [(self.classes[int(row.argmax())], float(row.max())) for row in probs]


RULE_MARK = "zzrule"  # pseudo-words that tell a stacked model what the rules found
CAMEO_MARK = "zzcameo"  # pseudo-words for the CAMEO-derived type of each verb form


def features_text(text: str, rule_types: list[str], settings: dict[str, Any]) -> str:
    """The sentence, and when the model is stacked on the rules (``rule_features``), one
    pseudo-word per type the rules found there (``zzrulenone`` for none): the model learns
    when each rule type is to be trusted. With ``cameo_features``, one pseudo-word per verb form
    of the CAMEO-derived lexicon (`tidings.events.cameo`), for verbs the training set lacks."""
    marks = []
    if settings.get("rule_features"):
        marks += [RULE_MARK + t.lower() for t in sorted(set(rule_types))] or [RULE_MARK + "none"]
    if settings.get("cameo_features"):
        marks += [CAMEO_MARK + t.lower() for t in cameo_types(text)]
    return " ".join([text, *marks]) if marks else text


def vectorizer_from(settings: dict[str, Any], vocabulary: dict[str, int] | None = None) -> Any:
    """The TF-IDF vectoriser the settings describe (the same at training and at loading)."""
    return TfidfVectorizer(
        lowercase=True,
        ngram_range=tuple(settings["ngram_range"]),
        min_df=settings.get("min_df", 1),
        sublinear_tf=settings.get("sublinear_tf", True),
        token_pattern=settings.get("token_pattern", r"(?u)\b\w+\b"),
        vocabulary=vocabulary,
        dtype=np.float64,
    )


def save_classifier(clf: EventClassifier, out_dir: Path) -> Path:
    """Write the model's arrays and settings into ``out_dir``; returns the ``.npz`` path."""
    out_dir.mkdir(parents=True, exist_ok=True)
    vocab = sorted(clf.vectorizer.vocabulary_.items(), key=lambda kv: kv[1])
    path = out_dir / MODEL_FILE
    np.savez_compressed(
        path,
        vocabulary=np.array([w for w, _ in vocab], dtype=str),
        idf=clf.vectorizer.idf_.astype(np.float32),
        coef=clf.coef.astype(np.float32),
        intercept=clf.intercept.astype(np.float32),
        classes=np.array(clf.classes, dtype=str),
    )
    (out_dir / SETTINGS_FILE).write_text(json.dumps(clf.settings, indent=1, sort_keys=True) + "\n")
    return path


def load_classifier(directory: Path | str) -> EventClassifier:
    """A classifier saved by `save_classifier` (plain arrays: ``allow_pickle`` stays off)."""
    directory = Path(directory)
    settings = json.loads((directory / SETTINGS_FILE).read_text(encoding="utf-8"))
    with np.load(directory / MODEL_FILE, allow_pickle=False) as z:
        words = [str(w) for w in z["vocabulary"]]
        vec = vectorizer_from(settings, {w: i for i, w in enumerate(words)})
        vec.idf_ = z["idf"].astype(np.float64)
        return EventClassifier(
            classes=[str(c) for c in z["classes"]],
            vectorizer=vec,
            coef=z["coef"].astype(np.float64),
            intercept=z["intercept"].astype(np.float64),
            settings=settings,
        )


ENV_DIR = "TIDINGS_EVENT_MODEL"  # a directory written by `tidings train events --out`


def default_classifier() -> EventClassifier | None:
    """The classifier in ``$TIDINGS_EVENT_MODEL`` if set, else the one shipped in the package;
    None when there is none."""
    directory = Path(os.environ.get(ENV_DIR) or DATA_DIR)
    if not (directory / MODEL_FILE).is_file():
        return None
    return _load_cached(str(directory.resolve()))


@lru_cache(maxsize=4)
def _load_cached(directory: str) -> EventClassifier:
    return load_classifier(directory)
