"""Cross-validated event figures: rules alone, the trained classifier alone, and both combined.

    .venv/bin/python benchmarks/events_cv.py [--limit N] [--search] [--json]

``plv-train`` is split into five fixed folds by SHA-256 of the sentence id (`tidings.events.folds`).
For each fold a classifier is trained on the other four and scored on it, so the model never sees
the sentences it is scored on. Printed per fold and in total: type P/R/F1 (the ``events_type``
layer), macro-F1 over the 16 PLOVER types, slot F1 (`slot_counts`), and the confusion of the worst
types. ``plover-dev`` and the two examples are scored with a model trained on all of ``plv-train``.
When ``combine.yaml`` names a ``sentence_model``, the combination ("both") judges one- and
two-sentence documents with a sentence model (`train.SENTENCE_SETTINGS`: + the MiniLM vector)
fitted per fold like the others, so it too is scored only on folds it never saw.

The rules' output (spaCy parse, actors, events) of every sentence is cached on disk under
``.cache/events_cv/``, keyed by the text and a hash of the source tree, so re-runs that change only
the classifier or the combination policy take seconds. ``--search`` scores a grid of policies by
cross-validation (how ``src/tidings/events/data/combine.yaml`` was chosen).
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import itertools
import json
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

try:
    import cv_cache  # run as a script: benchmarks/ is on the path
except ModuleNotFoundError:  # imported from the repository's root (the tests)
    from benchmarks import cv_cache
from tidings.evaluation import EventConfusion, GoldDoc, LayerCounts, load_gold, score_document
from tidings.evaluation.confusion import NONE, event_confusion
from tidings.events.classifier import EventClassifier, Sentence, load_classifier, save_classifier
from tidings.events.combine import Policy, SentenceView, combine, load_policy
from tidings.events.folds import FOLDS, fold_of, spread
from tidings.events.train import SENTENCE_SETTINGS, SETTINGS, Example, fit
from tidings.model import PLOVER_TYPES, Analysis, Event

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" if (ROOT.parent / "shared").is_dir() else Path("/work/shared")
PLV = SHARED / "bench" / "plv-train.gold.jsonl"
OTHER = [
    SHARED / "bench" / "plover-dev.gold.jsonl",
    SHARED / "bench" / "articles-dev.gold.jsonl",
    SHARED / "examples" / "irgc-basij.gold.json",
    SHARED / "examples" / "gm-chrysler-loans.gold.json",
]
CACHE = ROOT / ".cache" / "events_cv"
SYSTEMS = ("rules", "model", "both")
# What a cached row holds (v6: sentence views with their reporting verbs, no root where it
# reports speech, whether the cue is judged). Bump it when `combine.sentence_view` changes: combine.py is left out
# of the source hash below.
CACHE_FORMAT = "v6"
# Code that does not change the rules' output: the classifier, how it combines, the command line
# and the evaluator (the cache holds analyses, not scores).
_NOT_RULES = {
    *("combine.py", "classifier.py", "train.py", "folds.py", "combine.yaml", "cli.py"),
    *("encoder.py", "parse_features.py", "minilm_tokenizer.json", "no_event_sentences.json"),
}
_NOT_RULES_DIRS = {"evaluation"}


# ------------------------------------------------------------------ rules' output, cached
@dataclass
class Ruled:
    """A gold document with the rules' analysis and its sentences (trigger cues included)."""

    gold: GoldDoc
    analysis: Analysis
    views: list[SentenceView]


def source_hash() -> str:
    """A hash of the code and data the rules' output depends on (not the classifier's)."""
    return cv_cache.source_hash(
        lambda rel: (
            rel.name in _NOT_RULES
            or rel.parts[0] in _NOT_RULES_DIRS
            or rel.name.startswith("event_classifier")
        )
    )


def rule_outputs(docs: list[GoldDoc], cache_dir: Path = CACHE) -> list[Ruled]:
    """The rules' analysis of every document, from the disk cache where it is already there."""
    cache_dir.mkdir(parents=True, exist_ok=True)
    path = cache_dir / f"rules-{CACHE_FORMAT}-{source_hash()}.jsonl"
    cached = cv_cache.read_rows(path)
    analyzer: Callable[[GoldDoc], dict[str, Any]] | None = None
    out = []
    with path.open("a", encoding="utf-8") as f:
        for g in docs:
            key = cv_cache.doc_key(g.published, g.text)
            if key not in cached:
                analyzer = analyzer or _rules_analyzer()
                cached[key] = {"key": key, **analyzer(g)}
                f.write(json.dumps(cached[key]) + "\n")
            row = cached[key]
            views = [SentenceView(**_view(v)) for v in row["views"]]
            out.append(Ruled(g, Analysis.model_validate(row["analysis"]), views))
    add_marks(out, cache_dir)
    return out


def add_marks(ruled: list[Ruled], cache_dir: Path) -> None:
    """Give every sentence view its parse pseudo-words (each sentence parsed alone, as
    training parses each example), from a disk cache keyed by the text."""
    from tidings.events import parse_features

    code = hashlib.sha256(Path(parse_features.__file__).read_bytes()).hexdigest()[:12]
    path = cache_dir / f"marks-{code}.json"
    known: dict[str, list[str]] = json.loads(path.read_text()) if path.is_file() else {}
    texts = [v.span.text for r in ruled for v in r.views] + [r.gold.text for r in ruled]
    todo = list(dict.fromkeys(t for t in texts if t not in known))
    if todo:
        for t, m in zip(todo, parse_features.marks_of_texts(todo), strict=True):
            known[t] = list(m)
        path.write_text(json.dumps(known))
    for r in ruled:
        for v in r.views:
            v.marks = tuple(known[v.span.text])
    MARKS.update({t: tuple(m) for t, m in known.items()})


MARKS: dict[str, tuple[str, ...]] = {}  # text -> parse pseudo-words (filled by add_marks)


def load_encoder_memo(cache_dir: Path) -> None:
    """Sentence vectors encoded by earlier runs (encoding is the slow part of a run)."""
    from tidings.events.encoder import default_encoder

    path = cache_dir / "encoder.npz"
    if path.is_file():
        with __import__("numpy").load(path, allow_pickle=False) as z:
            memo = default_encoder().memo
            memo.update({str(t): v for t, v in zip(z["texts"], z["vectors"], strict=True)})


def save_encoder_memo(cache_dir: Path) -> None:
    import numpy as np

    from tidings.events.encoder import default_encoder

    memo = default_encoder().memo
    if memo:
        texts = sorted(memo)
        np.savez(
            cache_dir / "encoder.npz",
            texts=np.array(texts),
            vectors=np.vstack([memo[t] for t in texts]),
        )


VIEW_KEYS = ("span", "cue", "root")


def _view(v: dict[str, Any]) -> dict[str, Any]:
    from tidings.model import Span

    out: dict[str, Any] = {key: Span(**v[key]) if v.get(key) else None for key in VIEW_KEYS}
    reports = tuple(Span(**r) for r in v.get("reports", []))
    return {**out, "reports": reports, "judged": bool(v.get("judged"))}


def _rules_analyzer() -> Callable[[GoldDoc], dict[str, Any]]:
    """The default pipeline with the classifier's moves off; it records the sentence views."""
    from tidings.events.stage import EventStage
    from tidings.pipeline import load

    pipe = load()
    stage = next(s for s in pipe.stages if isinstance(s, EventStage))
    seen: list[list[SentenceView]] = []

    def record(events: list[Event], views: list[SentenceView]) -> list[Event]:
        seen.append(views)
        return events

    stage.refiner = record

    def run(g: GoldDoc) -> dict[str, Any]:
        seen.clear()
        a = pipe.analyze(g.text, published=g.published)
        views = [
            {
                **{k: getattr(v, k).model_dump() if getattr(v, k) else None for k in VIEW_KEYS},
                "reports": [r.model_dump() for r in v.reports],
                "judged": v.judged,
            }
            for v in (seen[-1] if seen else [])
        ]
        return {"analysis": a.model_dump(mode="json", by_alias=True), "views": views}

    return run


# ------------------------------------------------------------------ the three systems
def model_events(r: Ruled, clf: EventClassifier) -> list[Event]:
    """The classifier alone: every body sentence gets its most probable type (no slots)."""
    probs = clf.probabilities([Sentence(v.span.text, (), v.marks) for v in r.views])
    preds = [clf.best_event(row) for row in probs]
    return [
        Event(id=f"M{i}", type=t, trigger=v.cue or v.span, sentence=v.span)  # type: ignore[arg-type]
        for i, (v, (t, _)) in enumerate(zip(r.views, preds, strict=True))
    ]


def both_events(
    r: Ruled, clf: EventClassifier, policy: Policy, short: EventClassifier | None = None
) -> list[Event]:
    views = [
        SentenceView(v.span, v.cue, marks=v.marks, root=v.root, reports=v.reports, judged=v.judged)
        for v in r.views
    ]
    return combine([e.model_copy() for e in r.analysis.events], views, clf, policy, short)


def system_events(
    name: str,
    r: Ruled,
    clf: EventClassifier | None,
    policy: Policy,
    short: EventClassifier | None = None,
) -> list[Event]:
    """One system's events of a document (``short``: the sentence model of the combination)."""
    if name == "rules" or clf is None:
        return r.analysis.events
    return model_events(r, clf) if name == "model" else both_events(r, clf, policy, short)


# ------------------------------------------------------------------ scores
@dataclass
class Tally:
    """Counts of one system on a set of documents."""

    type: LayerCounts = field(default_factory=LayerCounts)
    actors: LayerCounts = field(default_factory=LayerCounts)
    slots: LayerCounts = field(default_factory=LayerCounts)
    confusion: EventConfusion = field(default_factory=EventConfusion)

    def add(self, g: GoldDoc, a: Analysis) -> None:
        layers = score_document(g, a)
        self.type += layers.get("events_type", LayerCounts())
        self.actors += layers.get("events_actors", LayerCounts())
        self.slots += slot_counts(g, a)
        self.confusion += event_confusion(g, a) or EventConfusion()

    def __iadd__(self, other: Tally) -> Tally:
        self.type += other.type
        self.actors += other.actors
        self.slots += other.slots
        self.confusion += other.confusion
        return self

    def macro_f1(self) -> float:
        return macro_f1(self.confusion)

    def row(self) -> dict[str, float]:
        t = self.type
        return {
            "type_p": round(t.precision, 3),
            "type_r": round(t.recall, 3),
            "type_f1": round(t.f1, 3),
            "macro_f1": round(self.macro_f1(), 3),
            "slot_f1": round(self.slots.f1, 3),
            "actors_f1": round(self.actors.f1, 3),
        }


def macro_f1(c: EventConfusion) -> float:
    """Mean F1 over the 16 PLOVER types (a type with no gold and no prediction counts as absent)."""
    f1s = []
    for t in PLOVER_TYPES:
        tp = c.get(t, t) + sum(c.accepted.get(t, {}).values())
        fn = sum(n for p, n in c.counts.get(t, {}).items() if p != t) - sum(
            c.accepted.get(t, {}).values()
        )
        fp = sum(c.get(g, t) for g in c.counts if g != t) - sum(
            row.get(t, 0) for g, row in c.accepted.items() if g != t
        )
        if tp + fn + fp:
            f1s.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return sum(f1s) / len(f1s) if f1s else 0.0


def slot_counts(g: GoldDoc, a: Analysis) -> LayerCounts:
    """Slots scored where they stand: each non-empty gold source or target slot against the same
    slot of the prediction located on its sentence (of the gold type if there is one).

    A predicted slot is right when every actor in it fills the gold slot (by name or marked span,
    the evaluator's actor rule); a non-empty wrong slot is a false positive and a miss.
    """
    from tidings.evaluation.core import Scorer

    s = Scorer(g, a)
    out = LayerCounts()
    for ge in g.items("events"):
        types = {ge["type"], *ge.get("alt_types", [])}
        near = [e for e in a.events if _on(s, ge, e)]
        pe = next((e for e in near if e.type in types), near[0] if near else None)
        for slot in ("source", "target"):
            wanted = set(ge.get(slot) or [])
            got = list(getattr(pe, slot)) if pe is not None else []
            right = bool(got) and all(s.actor_map.get(x, set()) & wanted for x in got)
            if wanted and right:
                out += LayerCounts(tp=1)
            else:
                out += LayerCounts(fp=int(bool(got)), fn=int(bool(wanted)))
    return out


def _on(s: Any, ge: dict[str, Any], e: Event) -> bool:
    from tidings.evaluation.layers import _evidence_quality

    return _evidence_quality(s, ge, e) is not None


def score(
    ruled: Iterable[Ruled],
    name: str,
    clf: EventClassifier | None,
    policy: Policy,
    short: EventClassifier | None = None,
) -> Tally:
    tally = Tally()
    for r in ruled:
        events = system_events(name, r, clf, policy, short)
        tally.add(r.gold, r.analysis.model_copy(update={"events": events}))
    return tally


# ------------------------------------------------------------------ cross-validation
NEGATIVES: list[Example] = []  # the written no-event sentences, rules' types and marks added


def load_negatives(cache: Path, limit: int | None = None) -> None:
    """The classifier's ``none`` examples (`train.read_negatives`: at most a fifth as many as
    the ``limit`` event sentences), run through the rules (cached) so that a stacked model sees
    what the rules find in them, as in training."""
    from tidings.events.train import read_negatives

    negatives = read_negatives(limit)
    docs = [GoldDoc(raw={"events": []}, text=e.text, id=e.id) for e in negatives]
    NEGATIVES[:] = [
        Example(e.id, e.text, e.type, tuple(x.type for x in r.analysis.events), MARKS[e.text])
        for e, r in zip(negatives, rule_outputs(docs, cache), strict=True)
    ]


def examples_of(ruled: Iterable[Ruled], fold: int | None = None) -> list[Example]:
    """Training examples with the types the rules found (for a stacked model), and the
    no-event sentences outside ``fold`` when the settings train a ``none`` class."""
    out = []
    if SETTINGS.get("no_event"):
        out += [e for e in NEGATIVES if fold is None or fold_of(e.id) != fold]
    for r in ruled:
        events = r.gold.items("events")
        if len(events) == 1:
            rules = tuple(e.type for e in r.analysis.events)
            marks = MARKS.get(r.gold.text, ())
            out.append(Example(r.gold.id, r.gold.text, events[0]["type"], rules, marks))
    return out


MODEL_CACHE: Path | None = None  # where fitted fold models are kept (set by main)


def fit_memo(examples: list[Example], settings: dict[str, Any]) -> EventClassifier | None:
    """A model fitted on the examples, from the model cache when the same data and settings
    were fitted before (a fit takes a minute; the policy search and re-runs need the same)."""
    if len({e.type for e in examples}) < 2:
        return None
    key = hashlib.sha256(
        json.dumps(
            [settings, [(e.id, e.text, e.type, e.rules, e.marks) for e in examples]]
        ).encode()
    ).hexdigest()[:16]
    where = MODEL_CACHE / f"model-{key}" if MODEL_CACHE else None
    if where is not None and (where / "event_classifier.npz").is_file():
        return Memo.of(load_classifier(where))
    clf = fit(examples, settings)
    if where is not None:  # scored as stored (float32), as the shipped model is
        save_classifier(clf, where)
        clf = load_classifier(where)
    return Memo.of(clf)


def fold_models(ruled: list[Ruled], settings: dict[str, Any]) -> dict[int, EventClassifier]:
    """One classifier per fold, trained on the other folds."""
    models = {}
    for k in range(FOLDS):
        train = [r for r in ruled if fold_of(r.gold.id) != k]
        clf = fit_memo(examples_of(train, k), settings)
        if clf is not None:
            models[k] = clf
    return models


class Memo(EventClassifier):
    """A classifier that remembers each sentence's probabilities (the policy search asks the
    same fold model about the same sentences once per policy)."""

    seen: dict[Any, Any]

    @classmethod
    def of(cls, clf: EventClassifier) -> Memo:
        m = cls(clf.classes, clf.vectorizer, clf.coef, clf.intercept, clf.settings, clf.dense_coef)
        m.seen = {}
        return m

    def probabilities(self, items: Any) -> Any:
        from tidings.events.classifier import as_sentences

        sentences = as_sentences(items)
        todo = list(dict.fromkeys(s for s in sentences if s not in self.seen))
        if todo:
            for s, row in zip(todo, super().probabilities(todo), strict=True):
                self.seen[s] = row
        import numpy as np

        rows = [self.seen[s] for s in sentences]
        return np.array(rows).reshape(len(sentences), len(self.classes))


Models = dict[str, dict[int, EventClassifier]]  # system -> fold -> model not trained on it


def all_fold_models(ruled: list[Ruled], stack: bool, short: bool = False) -> Models:
    """The plain TF-IDF model ("model") and the combination's model ("both"), per fold; with
    ``short``, the combination's sentence model too ("sentence": `SENTENCE_SETTINGS`)."""
    plain = fold_models(ruled, {**SETTINGS, "rule_features": False})
    both = fold_models(ruled, {**SETTINGS, "rule_features": stack}) if stack else plain
    models = {"rules": {}, "model": plain, "both": both}
    if short:
        models["sentence"] = fold_models(ruled, {**SENTENCE_SETTINGS, "rule_features": stack})
    return models


def cross_validated(
    ruled: list[Ruled], models: Models, policy: Policy, systems: tuple[str, ...] = SYSTEMS
) -> dict[str, list[Tally]]:
    """Per system, one tally per fold (the fold's model never saw the fold)."""
    out: dict[str, list[Tally]] = {name: [] for name in systems}
    for k in range(FOLDS):
        part = [r for r in ruled if fold_of(r.gold.id) == k]
        short = models.get("sentence", {}).get(k)
        for name in systems:
            out[name].append(score(part, name, models[name].get(k), policy, short))
    return out


def total(tallies: list[Tally]) -> Tally:
    t = Tally()
    for x in tallies:
        t += x
    return t


# ------------------------------------------------------------------ printing
def table(title: str, rows: list[tuple[str, Tally]]) -> str:
    head = f"{'':16} {'type P':>7} {'type R':>7} {'type F1':>7} {'macroF1':>7} {'slot F1':>7} {'typ+act':>7}"
    lines = [title, head]
    for label, t in rows:
        r = t.row()
        lines.append(
            f"{label:16} {r['type_p']:7.3f} {r['type_r']:7.3f} {r['type_f1']:7.3f}"
            f" {r['macro_f1']:7.3f} {r['slot_f1']:7.3f} {r['actors_f1']:7.3f}"
        )
    return "\n".join(lines)


def worst_confusions(c: EventConfusion, top: int = 8) -> str:
    def wrong(g: str, p: str, n: int) -> int:
        return n - c.accepted.get(g, {}).get(p, 0)

    pairs = sorted(
        (
            (g, p, wrong(g, p, n))
            for g, row in c.counts.items()
            for p, n in row.items()
            if g != p and wrong(g, p, n) > 0
        ),
        key=lambda x: -x[2],
    )[:top]
    return "  ".join(f"{g}->{p}:{n}" for g, p, n in pairs if g != NONE or p != NONE)


def policy_grid() -> Iterable[Policy]:
    for relabel, keep, veto, propose in itertools.product(
        (None, 0.2, 0.35, 0.5), (0.1, 0.3, 1.0), (None, 0.02, 0.05), (None, 0.0, 0.3, 0.5, 0.7)
    ):
        if relabel is None and keep != 0.1:
            continue
        yield Policy(relabel_p=relabel, keep_p=keep, veto_p=veto, propose_p=propose)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gold", type=Path, default=PLV)
    ap.add_argument("--limit", type=int, default=None, help="only N sentences, spread evenly")
    ap.add_argument("--cache", type=Path, default=CACHE)
    ap.add_argument("--search", action="store_true", help="score a grid of combination policies")
    ap.add_argument("--no-other", action="store_true", help="skip plover-dev and the examples")
    ap.add_argument("--json", action="store_true", help="print one JSON object instead")
    ap.add_argument(
        "--stack",
        choices=("yes", "no", "settings"),
        default="settings",
        help="the combination's model reads the rules' types (default: as the shipped settings)",
    )
    ap.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="KEY=JSON",
        help="override a training setting for an experiment (e.g. C=5, cameo_features=true)",
    )
    args = ap.parse_args(argv)
    for item in args.set:
        key, _, value = item.partition("=")
        SETTINGS[key] = json.loads(value)
    if not args.gold.is_file():
        print(f"{args.gold}: gold file not found", file=sys.stderr)
        return 2
    stack = bool(SETTINGS.get("rule_features")) if args.stack == "settings" else args.stack == "yes"
    global MODEL_CACHE
    MODEL_CACHE = args.cache
    ruled = rule_outputs(spread(load_gold(args.gold), args.limit), args.cache)
    if SETTINGS.get("no_event"):
        load_negatives(args.cache, len(ruled))
    policy = load_policy()
    short = policy.sentence_model is not None
    if SETTINGS.get("encoder") or short:
        load_encoder_memo(args.cache)
    models = all_fold_models(ruled, stack, short)
    summary: dict[str, Any] = {
        "sentences": len(ruled),
        "policy": dataclasses.asdict(policy),
        "stack": stack,
    }
    if args.search:
        summary["search"] = search(ruled, models)
    cv = cross_validated(ruled, models, policy)
    summary["cv"] = {name: total(cv[name]).row() for name in SYSTEMS}
    text = [f"plv-train: {len(ruled)} sentences, {FOLDS} folds by SHA-256(id)"]
    text.append(f"policy {policy}; combination model reads the rules' types: {stack}")
    for k in range(FOLDS):
        text.append(table(f"\nfold {k}", [(n, cv[n][k]) for n in SYSTEMS]))
    text.append(table("\ncross-validated total", [(n, total(cv[n])) for n in SYSTEMS]))
    for n in SYSTEMS:
        text.append(f"worst confusions ({n}): {worst_confusions(total(cv[n]).confusion)}")
    if not args.no_other:
        text += other_sets(ruled, stack, policy, args.cache, summary)
    if SETTINGS.get("encoder") or short:
        save_encoder_memo(args.cache)
    print(json.dumps(summary, indent=1) if args.json else "\n".join(text))
    return 0


def other_sets(
    ruled: list[Ruled], stack: bool, policy: Policy, cache: Path, summary: dict[str, Any]
) -> list[str]:
    """plover-dev, articles-dev and the examples, scored with models trained on all of plv-train."""
    examples = examples_of(ruled)
    full = {
        "rules": None,
        "model": fit_memo(examples, {**SETTINGS, "rule_features": False}),
        "both": fit_memo(examples, {**SETTINGS, "rule_features": stack}),
    }
    short = (
        fit_memo(examples, {**SENTENCE_SETTINGS, "rule_features": stack})
        if policy.sentence_model
        else None
    )
    text = []
    for path in OTHER:
        if path.is_file():
            other = rule_outputs(load_gold(path), cache)
            rows = [(n, score(other, n, full[n], policy, short)) for n in SYSTEMS]
            summary[path.name] = {n: t.row() for n, t in rows}
            text.append(table(f"\n{path.name} (models trained on all of plv-train)", rows))
    return text


def search(ruled: list[Ruled], models: Models) -> list[dict[str, Any]]:
    """Every policy of the grid with its cross-validated figures, best type F1 first."""
    rows = []
    for policy in policy_grid():
        t = total(cross_validated(ruled, models, policy, ("both",))["both"])
        rows.append({"policy": dataclasses.asdict(policy), **t.row()})
    rows.sort(key=lambda r: (-r["type_f1"], -r["slot_f1"]))
    print("best policies by cross-validated type F1:", file=sys.stderr)
    for row in rows[:12]:
        print(json.dumps(row), file=sys.stderr)
    return rows


if __name__ == "__main__":
    sys.exit(main())
