"""Experiment (issue #12, slots): would a trained source/target chooser beat the rules' slots?

    .venv/bin/python tools/slot_ranker_cv.py [--gold ../shared/bench/plv-train.gold.jsonl]

For every actor mention the rules' analysis holds in a ``plv-train`` sentence, features of where
it stands (its dependency label and path to the trigger, side of the trigger, passive voice, a
"by" agent, the preposition it hangs from, its NE label, distance, actor kind, whether the rules
put it in the source or target) -> a logistic regression per slot, trained on the marked spans
(``actors[].spans``) of the other four folds (`tidings.events.folds`). Per sentence and slot the
most probable mention's actor is chosen when its probability passes a threshold. Scored per
gold slot: right when the chosen actor has a mention inside the marked span. Not wired into the
pipeline: it reads the benchmark's cached rules' output and prints the comparison only.
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression

from tidings.events.folds import FOLDS, fold_of
from tidings.nlp import load_spacy

ROOT = Path(__file__).resolve().parent.parent
SLOTS = ("source", "target")
Row = tuple[int, str, str, dict[str, Any], bool]  # sentence, slot, actor id, features, label


def benchmark() -> Any:
    spec = importlib.util.spec_from_file_location("events_cv", ROOT / "benchmarks" / "events_cv.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def head_of(doc: Any, start: int, end: int) -> Any:
    toks = [t for t in doc if t.idx >= start and t.idx + len(t) <= end]
    ids = {t.i for t in toks}
    return next((t for t in toks if t.head.i not in ids or t.head.i == t.i), None)


def features(h: Any, root: Any, passive: bool, actor: Any, event: Any) -> dict[str, Any]:
    path, t = [], h
    for _ in range(4):
        if t.i == root.i or t.head.i == t.i:
            break
        path.append(t.dep_)
        t = t.head
    side = "L" if h.i < root.i else "R"
    return {
        "dep": h.dep_,
        "hdep": h.head.dep_,
        "path": "/".join(path),
        "reach": t.i == root.i,
        "side": side,
        "dep_side": h.dep_ + side,
        "passive": passive,
        "pass_dep": f"{passive}{h.dep_}",
        "ent": h.ent_type_,
        "by": h.head.lower_ == "by",
        "prep": h.head.lower_ if h.head.dep_ == "prep" else "",
        "dist": min(abs(h.i - root.i), 10) // 3,
        "kind": actor.kind,
        "rsrc": bool(event and actor.id in event.source),
        "rtgt": bool(event and actor.id in event.target),
        "type": event.type if event else "none",
    }


def rows_of(ruled: list[Any]) -> list[Row]:
    nlp = load_spacy()
    rows: list[Row] = []
    for i, (r, doc) in enumerate(zip(ruled, nlp.pipe([r.gold.text for r in ruled]), strict=True)):
        ge = r.gold.items("events")[0]
        spans = {a["id"]: a.get("spans", []) for a in r.gold.items("actors")}
        marked = {s: [sp for a in ge.get(s) or [] for sp in spans.get(a, [])] for s in SLOTS}
        ev = r.analysis.events[0] if r.analysis.events else None
        trig = head_of(doc, ev.trigger.start, ev.trigger.end) if ev else None
        root = trig or next(iter(doc.sents)).root
        passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in root.children)
        for actor in r.analysis.actors:
            for m in actor.mentions:
                h = head_of(doc, m.start, m.end)
                if h is None:
                    continue
                f = features(h, root, passive, actor, ev)
                for s in SLOTS:
                    inside = any(a <= m.start and m.end <= b for a, b in marked[s])
                    rows.append((i, s, actor.id, f, inside))
    return rows


def slot_f1(ruled: list[Any], rows: list[Row], choice: dict[tuple[int, str], str]) -> float:
    right = {(i, s, a) for i, s, a, _, lab in rows if lab}
    tp = fp = fn = 0
    for i, r in enumerate(ruled):
        for s in SLOTS:
            wanted = bool(r.gold.items("events")[0].get(s))
            c = choice.get((i, s))
            if wanted and c is not None and (i, s, c) in right:
                tp += 1
            else:
                fp, fn = fp + (c is not None), fn + wanted
    return round(2 * tp / max(2 * tp + fp + fn, 1), 3)


def cv_probabilities(ruled: list[Any], rows: list[Row]) -> np.ndarray:
    folds = np.array([fold_of(ruled[row[0]].gold.id) for row in rows])
    probs = np.zeros(len(rows))
    for k in range(FOLDS):
        for s in SLOTS:
            tr = [j for j in np.where(folds != k)[0] if rows[j][1] == s]
            te = [j for j in np.where(folds == k)[0] if rows[j][1] == s]
            dv = DictVectorizer()
            x = dv.fit_transform([rows[j][3] for j in tr])
            model = LogisticRegression(C=1.0, max_iter=2000, random_state=13)
            model.fit(x, [rows[j][4] for j in tr])
            probs[te] = model.predict_proba(dv.transform([rows[j][3] for j in te]))[:, 1]
    return probs


def main(argv: list[str] | None = None) -> int:
    ev = benchmark()
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gold", type=Path, default=ev.PLV)
    args = ap.parse_args(argv)
    docs = [g for g in ev.load_gold(args.gold) if len(g.items("events")) == 1]
    ruled = ev.rule_outputs(docs, ev.CACHE)
    rows = rows_of(ruled)
    rules = {
        (i, s): getattr(r.analysis.events[0], s)[0]
        for i, r in enumerate(ruled)
        for s in SLOTS
        if r.analysis.events and getattr(r.analysis.events[0], s)
    }
    print(
        f"{len(ruled)} sentences; rules' slots (first actor of the first event): "
        f"slot F1 {slot_f1(ruled, rows, rules)}"
    )
    probs = cv_probabilities(ruled, rows)
    best: dict[tuple[int, str], tuple[str, float]] = {}
    for j, (i, s, a, _, _) in enumerate(rows):
        if (i, s) not in best or probs[j] > best[(i, s)][1]:
            best[(i, s)] = (a, float(probs[j]))
    for thr in (0.3, 0.4, 0.5):
        ranker = {k: a for k, (a, p) in best.items() if p >= thr}
        on_events = {k: a for k, a in ranker.items() if ruled[k[0]].analysis.events}
        filled = {**{k: a for k, a in ranker.items() if k not in rules}, **rules}
        print(
            f"threshold {thr}: ranker {slot_f1(ruled, rows, ranker)}, ranker where the rules "
            f"have an event {slot_f1(ruled, rows, on_events)}, rules filled by the ranker "
            f"{slot_f1(ruled, rows, filled)}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
