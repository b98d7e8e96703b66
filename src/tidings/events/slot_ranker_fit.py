"""Training the slot ranker (`slot_ranker`) on sentences with marked source and target spans.

Used by ``benchmarks/slots_cv.py`` (cross-validation, and ``--train`` for the shipped weights);
scikit-learn is needed only here, never when the pipeline runs. The candidate rows come from the
pipeline run with the ranker off; a row is a positive example for a slot when its actor fills
that gold slot as the evaluator judges it (by name, or by a mention inside the marked span).
Fixed seed, fixed folds: the same data gives the same weights.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property

from tidings.evaluation import GoldDoc
from tidings.evaluation.core import Scorer
from tidings.events.folds import fold_of
from tidings.events.slot_ranker import (
    GUARD,
    SLOTS,
    Row,
    Scores,
    SlotModel,
    choose,
    open_scores,
    scores,
)
from tidings.model import Analysis, Event

SEED = 13
FILLS = (0.15, 0.25, 0.4, 0.55, 0.7)
OVERRIDES = (0.5, 0.6, 0.7, 0.8, 0.9, 1.01)  # 1.01: never override the rules
KEEPS = (0.2, 0.35, 0.5)  # never override a rules choice the model itself finds likely
# the source of an agentless passive ("were gunned down in X"): filled only at this probability
PASSIVE_FILLS = (0.5, 0.7, 0.9, 1.01)


@dataclass
class Example:
    """One gold sentence, the pipeline's analysis of it (ranker off) and its candidate rows."""

    gold: GoldDoc
    analysis: Analysis
    rows: list[Row]

    def matched(self, events: list[Event] | None = None) -> int | None:
        """The index of the predicted event of the gold type (the one the slots are scored on)."""
        ge = self.gold.items("events")[0]
        types = {ge["type"], *ge.get("alt_types", [])}
        evs = self.analysis.events if events is None else events
        return next((i for i, e in enumerate(evs) if e.type in types), None)

    @cached_property
    def scorer(self) -> Scorer:
        return Scorer(self.gold, self.analysis)

    @property
    def amap(self) -> dict[str, set[str]]:
        """Predicted actor id -> the gold actors it names (the evaluator's mapping)."""
        return self.scorer.actor_map

    def positives(self, slot: str) -> set[str]:
        """The actors to learn as filling ``slot``: those named as the gold actor, and within a
        marked span those whose mention is the phrase's own, not a modifier nested in another
        actor's mention ("Kyrgyz" in "Kyrgyz Prime Minister X"): what a names-only gold wants."""
        wanted = set(self.gold.items("events")[0].get(slot) or [])
        sc = self.scorer
        names = {n for g in wanted for n in sc.gold_names.get(g, set())}
        out = {a.id for a in self.analysis.actors if sc.actor_names(a) & names}
        ments = [(m.start, m.end, a.id) for a in self.analysis.actors for m in a.mentions]
        for lo, hi in [iv for g in wanted for iv in sc.gold_spans.get(g, [])]:
            inside = [(s, e, a) for s, e, a in ments if lo <= s and e <= hi]
            for s, e, a in inside:
                if not any(s2 <= s and e <= e2 and e2 - s2 > e - s for s2, e2, _ in inside):
                    out.add(a)
        return out


def slot_labels(ex: Example, events: list[Event]) -> Iterator[tuple[bool, bool | None]]:
    """Per gold slot: (the gold fills it, the predicted event's slot is right / wrong / empty)."""
    ge = ex.gold.items("events")[0]
    i = ex.matched(events)
    amap = ex.amap
    for s in SLOTS:
        wanted = set(ge.get(s) or [])
        got: list[str] = getattr(events[i], s) if i is not None else []
        if not got:
            yield bool(wanted), None
        else:
            yield bool(wanted), bool(wanted) and all(amap.get(a, set()) & wanted for a in got)


def training_rows(examples: list[Example]) -> dict[str, tuple[list[dict[str, str]], list[int]]]:
    """Per slot: the features and labels of the matched event's candidates."""
    out: dict[str, tuple[list[dict[str, str]], list[int]]] = {s: ([], []) for s in SLOTS}
    for ex in examples:
        i = ex.matched()
        if i is None:
            continue
        pos = {s: ex.positives(s) for s in SLOTS}
        for j, aid, feats in ex.rows:
            if j != i:
                continue
            model_feats = {k: v for k, v in feats.items() if k != GUARD}
            for s in SLOTS:
                out[s][0].append(model_feats)
                out[s][1].append(int(aid in pos[s]))
    return out


def fit_weights(examples: list[Example], c: float = 1.0) -> SlotModel:
    """A logistic regression per slot over one-hot ``name=value`` features."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    weights: dict[str, dict[str, float]] = {}
    bias: dict[str, float] = {}
    for s, (feats, labels) in training_rows(examples).items():
        if len(set(labels)) < 2:
            weights[s], bias[s] = {}, -30.0
            continue
        dv = DictVectorizer()
        x = dv.fit_transform(feats)
        lr = LogisticRegression(C=c, max_iter=3000, random_state=SEED)
        lr.fit(x, labels)
        names = dv.get_feature_names_out()
        weights[s] = {
            str(n): round(float(w), 5) for n, w in zip(names, lr.coef_[0], strict=True) if w
        }
        bias[s] = round(float(lr.intercept_[0]), 5)
    return SlotModel(weights, bias)


Probs = list[tuple[Scores, Scores]]  # per example: all mentions' and unguarded ones' scores


def _slot_f1(examples: list[Example], models: list[SlotModel], probs: Probs) -> float:
    tp = fp = fn = 0
    for ex, m, (b, o) in zip(examples, models, probs, strict=True):
        events = [e.model_copy(deep=True) for e in ex.analysis.events]
        choose(m, events, ex.rows, b, o)
        for want, got in slot_labels(ex, events):
            if want and got is True:
                tp += 1
            else:
                fn += want
                fp += got is not None
    return 2 * tp / max(2 * tp + fp + fn, 1)


def _variant(m: SlotModel, fill: float, override: float, keep: float, passive: float) -> SlotModel:
    v = SlotModel(m.weights, m.bias, fill, override, keep, fill_empty=True)
    v.passive_fill = passive
    return v


def thresholds(examples: list[Example]) -> tuple[float, float, float, float]:
    """Fill, override, keep and agentless-passive thresholds that give the best slot F1 over
    folds of ``examples``, each scored by a model trained without it (the passive one chosen
    after the other three)."""
    folds = sorted({fold_of(ex.gold.id) for ex in examples})
    per: list[SlotModel] = []
    order: list[Example] = []
    for k in folds:
        inner = fit_weights([ex for ex in examples if fold_of(ex.gold.id) != k])
        held = [ex for ex in examples if fold_of(ex.gold.id) == k]
        order += held
        per += [inner] * len(held)
    probs = [
        (scores(m, ex.rows), open_scores(m, ex.rows)) for m, ex in zip(per, order, strict=True)
    ]
    best = (-1.0, 1.01, 1.01, 0.0, 1.01)
    for fill, override, keep in itertools.product(FILLS, OVERRIDES, KEEPS):
        f = _slot_f1(order, [_variant(m, fill, override, keep, 1.01) for m in per], probs)
        if f > best[0] + 1e-9:
            best = (f, fill, override, keep, 1.01)
    for passive in PASSIVE_FILLS:
        f = _slot_f1(order, [_variant(m, *best[1:4], passive) for m in per], probs)
        if f > best[0] + 1e-9:
            best = (f, *best[1:4], passive)
    return best[1], best[2], best[3], best[4]


def fit(examples: list[Example], choose_thresholds: bool = True) -> SlotModel:
    """The model trained on all ``examples``, its thresholds chosen on their own folds; it
    fills empty slots (the shipped file says whether the pipeline does)."""
    model = fit_weights(examples)
    model.fill_empty = True
    if choose_thresholds:
        model.fill, model.override, model.keep, model.passive_fill = thresholds(examples)
    return model
