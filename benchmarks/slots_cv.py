"""Cross-validated slot figures: the rules' sources and targets against the trained slot ranker.

    .venv/bin/python benchmarks/slots_cv.py [--limit N] [--train OUT.json]

``plv-train`` is analysed once by the default pipeline with the ranker off (`slot_ranker.disabled`),
recording every event's candidate actors and their features; the analyses are cached under
``.cache/slots_cv/`` keyed by the text and a hash of the source tree (the ranker's own code and
weights excluded). For each of the five fixed folds (`tidings.events.folds`) a model is trained on
the other four, its thresholds chosen by a second cross-validation inside those four (inner
folds), and it is applied to the held-out fold. Printed per system (rules; ranker filling empty slots
behind its guards; ranker overriding only) in total:
slot F1 (one gold slot is right when the event of the gold type holds exactly actors with a
mention inside the marked span) and the evaluator's ``events_actors`` F1.

``--train OUT.json`` fits the shipped model on all of ``plv-train`` (thresholds from a 5-fold
cross-validation) and writes it: how ``src/tidings/events/data/slot_ranker.json`` was made.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

try:
    import cv_cache  # run as a script: benchmarks/ is on the path
except ModuleNotFoundError:  # imported from the repository's root
    from benchmarks import cv_cache
from tidings.evaluation import GoldDoc, LayerCounts, load_gold, score_document
from tidings.events import slot_ranker as sr
from tidings.events.folds import FOLDS, fold_of, spread
from tidings.events.slot_ranker_fit import Example, fit, slot_labels
from tidings.model import Analysis

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" if (ROOT.parent / "shared").is_dir() else Path("/work/shared")
PLV = SHARED / "bench" / "plv-train.gold.jsonl"
CACHE = ROOT / ".cache" / "slots_cv"
_NOT_RULES = {"slot_ranker_fit.py", "slot_ranker.json", "cli.py"}  # the features count


def source_hash() -> str:
    """A hash of the code and data the recorded analyses and features depend on (not the
    ranker's weights: the ranker is off while they are recorded)."""
    return cv_cache.source_hash(lambda rel: rel.name in _NOT_RULES)


def analysed(docs: list[GoldDoc]) -> list[Example]:
    """Every document's analysis (ranker off) and candidate rows, from the cache where there."""
    CACHE.mkdir(parents=True, exist_ok=True)
    path = CACHE / f"runs-{source_hash()}.jsonl"
    cached = cv_cache.read_rows(path)
    pipe = None
    out: list[Example] = []
    with path.open("a", encoding="utf-8") as f:
        for g in docs:
            key = cv_cache.doc_key(g.published, g.text)
            if key not in cached:
                if pipe is None:
                    from tidings.pipeline import load

                    pipe = load()
                seen: list[list[sr.Row]] = []
                with sr.disabled(lambda _d, rows, out=seen: out.append(rows)):
                    a = pipe.analyze(g.text, published=g.published)
                rows = seen[-1] if seen else []
                cached[key] = {"key": key, "analysis": a.model_dump(mode="json"), "rows": rows}
                f.write(json.dumps(cached[key]) + "\n")
            row = cached[key]
            rows = [(int(i), str(aid), dict(ft)) for i, aid, ft in row["rows"]]
            out.append(Example(g, Analysis.model_validate(row["analysis"]), rows))
    return out


def scored(examples: list[Example], models: list[sr.SlotModel | None]) -> dict[str, Any]:
    """Slot F1 and events_actors F1 with each example's model applied (None: rules only)."""
    tp = fp = fn = 0
    actors = LayerCounts()
    for ex, model in zip(examples, models, strict=True):
        events = [e.model_copy(deep=True) for e in ex.analysis.events]
        if model is not None:
            sr.choose(model, events, ex.rows)
        for want, got in slot_labels(ex, events):
            if want and got is True:
                tp += 1
            else:
                fn += bool(want)
                fp += got is not None
        a = ex.analysis.model_copy(update={"events": events})
        actors = actors + score_document(ex.gold, a)["events_actors"]
    return {
        "slot_f1": round(2 * tp / max(2 * tp + fp + fn, 1), 3),
        "events_actors_f1": round(actors.f1, 3),
    }


def _overrides_only(model: sr.SlotModel | None) -> sr.SlotModel | None:
    """The same model with filling off (what ships while ``fill_empty`` is false)."""
    if model is None:
        return None
    off = sr.SlotModel.from_json(model.to_json())
    off.fill_empty = False
    return off


def cross_validated(examples: list[Example]) -> list[sr.SlotModel | None]:
    """Each example's model: trained (thresholds on inner folds) without its own fold."""
    folds = [fold_of(ex.gold.id) for ex in examples]
    models: list[sr.SlotModel | None] = [None] * len(examples)
    for k in range(FOLDS):
        train = [ex for ex, f in zip(examples, folds, strict=True) if f != k]
        model = fit(train, choose_thresholds=True)
        print(
            f"fold {k}: fill {model.fill}, override {model.override}, keep {model.keep}, "
            f"passive {model.passive_fill}",
            file=sys.stderr,
        )
        for j, f in enumerate(folds):
            if f == k:
                models[j] = model
    return models


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--gold", type=Path, default=PLV)
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--train", type=Path, default=None, help="write the model fitted on all")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    docs = spread([g for g in load_gold(args.gold) if len(g.items("events")) == 1], args.limit)
    examples = analysed(docs)
    if args.train is not None:
        model = fit(examples, choose_thresholds=True)
        model.meta = {"trained_on": args.gold.name, "documents": len(examples)}
        args.train.write_text(json.dumps(model.to_json(), indent=1, sort_keys=True) + "\n")
        print(
            f"wrote {args.train} (fill {model.fill}, override {model.override}, keep {model.keep},"
            f" passive {model.passive_fill}, fill_empty {model.fill_empty})"
        )
        return 0
    models = cross_validated(examples)
    result = {
        "documents": len(examples),
        "rules": scored(examples, [None] * len(examples)),
        "ranker": scored(examples, models),
        "overrides": scored(examples, [_overrides_only(m) for m in models]),
    }
    if args.json:
        print(json.dumps(result))
    else:
        print(f"{len(examples)} sentences, five folds, each scored by a model not trained on it")
        print(f"{'system':8} {'slot F1':>8} {'events_actors F1':>17}")
        for name in ("rules", "ranker", "overrides"):
            r = result[name]
            print(f"{name:9} {r['slot_f1']:8.3f} {r['events_actors_f1']:17.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
