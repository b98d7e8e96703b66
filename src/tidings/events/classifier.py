"""A trained sentence classifier for PLOVER event types, loaded from plain arrays.

The model is a multinomial logistic regression (`tidings.events.train`) over TF-IDF word n-grams
of the sentence and of pseudo-words (the types the rules found, the CAMEO-derived type of each
verb, the dependency parse's frame: `parse_features`) and, with ``encoder`` on, the sentence's
MiniLM vector (`encoder`). It is stored as a ``.npz`` of plain arrays (vocabulary, idf weights,
coefficients, classes; no pickled objects, so loading a model file can run no code) plus a JSON
of settings, and scored here with the same scikit-learn vectoriser it was trained with.
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
NONE = "none"  # the class of a sentence with no codable event (trained on written negatives)


@dataclass(frozen=True)
class Sentence:
    """What the classifier reads of a sentence: its text, the types the rules found in it and
    its parse pseudo-words (`parse_features.parse_marks`)."""

    text: str
    rules: tuple[str, ...] = ()
    marks: tuple[str, ...] = ()


def as_sentences(items: list[Sentence] | list[str]) -> list[Sentence]:
    """Plain texts are sentences without rule types or parse marks."""
    return [i if isinstance(i, Sentence) else Sentence(i) for i in items]


@dataclass
class EventClassifier:
    """Type probabilities for sentences: ``probabilities(s)[i, j]`` = P(classes[j] | sentence i)."""

    classes: list[str]
    vectorizer: TfidfVectorizer
    coef: np.ndarray  # (classes, features)
    intercept: np.ndarray  # (classes,)
    settings: dict[str, Any]
    dense_coef: np.ndarray | None = None  # (classes, 384): the encoder's part, when it has one

    def probabilities(self, items: list[Sentence] | list[str]) -> np.ndarray:
        """Softmax over the classes, one row per sentence (batched: one sparse product, and one
        encoder pass over the sentences when the model reads their vectors)."""
        sentences = as_sentences(items)
        if not sentences:
            return np.zeros((0, len(self.classes)))
        x = self.vectorizer.transform([self.features_text(s) for s in sentences])
        scores = np.asarray(x @ self.coef.T + self.intercept)
        if self.dense_coef is not None:
            scores = scores + dense_features([s.text for s in sentences], self.settings) @ (
                self.dense_coef.T
            )
        scores = scores - np.max(scores, axis=1, keepdims=True)
        e = np.exp(scores)
        return np.asarray(e / e.sum(axis=1, keepdims=True))

    def features_text(self, s: Sentence) -> str:
        """What the model's vectoriser reads (`features_text` under this model's settings)."""
        return features_text(s, self.settings)

    def predict(self, items: list[Sentence] | list[str]) -> list[tuple[str, float]]:
        """The most probable type of each sentence with its probability (``none`` included)."""
        probs = self.probabilities(items)
        return [(self.classes[int(row.argmax())], float(row.max())) for row in probs]

    def best_event(self, row: np.ndarray) -> tuple[str, float]:
        """The most probable event type of a probability row, ``none`` left out (its
        probability stays in the row's sum: a sentence likely to hold no event gives every
        type little)."""
        order = np.argsort(-row)
        top = next(int(i) for i in order if self.classes[int(i)] != NONE)
        return self.classes[top], float(row[top])


def dense_features(texts: list[str], settings: dict[str, Any]) -> np.ndarray:
    """The encoder's vectors of the texts, scaled by ``encoder_weight`` (as at training)."""
    from tidings.events.encoder import default_encoder

    return default_encoder().encode(texts) * float(settings.get("encoder_weight", 1.0))


RULE_MARK = "zzrule"  # pseudo-words that tell a stacked model what the rules found
CAMEO_MARK = "zzcameo"  # pseudo-words for the CAMEO-derived type of each verb form


def features_text(s: Sentence, settings: dict[str, Any]) -> str:
    """The sentence, and when the model is stacked on the rules (``rule_features``), one
    pseudo-word per type the rules found there (``zzrulenone`` for none): the model learns
    when each rule type is to be trusted. With ``cameo_features``, one pseudo-word per verb form
    of the CAMEO-derived lexicon (`tidings.events.cameo`), for verbs the training set lacks; with
    ``parse_features``, the sentence's parse pseudo-words."""
    marks = []
    if settings.get("rule_features"):
        marks += [RULE_MARK + t.lower() for t in sorted(set(s.rules))] or [RULE_MARK + "none"]
    if settings.get("cameo_features"):
        marks += [CAMEO_MARK + t.lower() for t in cameo_types(s.text)]
    if settings.get("parse_features"):
        marks += list(s.marks)
    return " ".join([s.text, *marks]) if marks else s.text


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
    arrays: dict[str, np.ndarray] = {
        "vocabulary": np.array([w for w, _ in vocab], dtype=str),
        "idf": clf.vectorizer.idf_.astype(np.float32),
        "coef": clf.coef.astype(np.float32),
        "intercept": clf.intercept.astype(np.float32),
        "classes": np.array(clf.classes, dtype=str),
    }
    if clf.dense_coef is not None:
        arrays["dense_coef"] = clf.dense_coef.astype(np.float32)
    np.savez_compressed(path, allow_pickle=False, **arrays)
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
            dense_coef=z["dense_coef"].astype(np.float64) if "dense_coef" in z.files else None,
        )


ENV_DIR = "TIDINGS_EVENT_MODEL"  # a directory written by `tidings train events --out`


def default_classifier(sub: str | None = None) -> EventClassifier | None:
    """The classifier in ``$TIDINGS_EVENT_MODEL`` if set, else the one shipped in the package
    (with ``sub``, the one in that subdirectory: the sentence model); None when there is none."""
    directory = Path(os.environ.get(ENV_DIR) or DATA_DIR)
    if sub:
        directory = directory / sub
    if not (directory / MODEL_FILE).is_file():
        return None
    return _load_cached(str(directory.resolve()))


@lru_cache(maxsize=4)
def _load_cached(directory: str) -> EventClassifier:
    return load_classifier(directory)
