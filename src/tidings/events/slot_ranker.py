"""A trained source/target chooser beside the rules' slots (issue #12; `docs/slot_model.md`).

The rules read an event's source and target off a few grammatical frames; when a sentence is
built otherwise ("the government's decision", "talks between X and Y") they leave the slot empty
or take the wrong actor. Here every actor the event's sentence mentions, and every actor the
rules or the discourse (`implied_agents`) put in a slot, is a candidate; each of its mentions is
described by where it stands towards the trigger (`features`), and a logistic regression per
slot, trained on ``plv-train``'s marked spans (`benchmarks/slots_cv.py`), gives the probability
that the actor fills the slot. The ranker fills an empty slot, or overrides the rules, only where
it is confident (thresholds chosen on inner cross-validation folds, stored with the weights).

The model is a JSON file of feature weights (no pickle): ``data/slot_ranker.json``.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from spacy.tokens import Token

from tidings.document import Document
from tidings.model import Event

SLOTS = ("source", "target")
MODEL_PATH = Path(__file__).parent / "data" / "slot_ranker.json"
Features = dict[str, str]
# A candidate row: (event index, slot-independent features, actor id).
Row = tuple[int, str, Features]

_state: dict[str, Any] = {"enabled": True, "recorder": None}


@contextmanager
def disabled(recorder: Callable[[Document, list[Row]], None] | None = None) -> Iterator[None]:
    """Run the pipeline with the rules' slots only (what the ranker is trained on); a
    ``recorder`` receives every document's candidate rows."""
    old = dict(_state)
    _state.update(enabled=False, recorder=recorder)
    try:
        yield
    finally:
        _state.update(old)


@dataclass
class SlotModel:
    """One logistic regression per slot over one-hot features, and when to trust it."""

    weights: dict[str, dict[str, float]]
    bias: dict[str, float]
    fill: float = 0.5  # fill an empty slot at this probability (when ``fill_empty``)
    override: float = 0.9  # replace the rules' choice at this probability ...
    keep: float = 0.5  # ... when the rules' own choice scores below this
    meta: dict[str, Any] = field(default_factory=dict)
    fill_empty: bool = False  # off: the rules' empty slots are deliberate (tests/test_events.py)

    def prob(self, slot: str, feats: Features) -> float:
        w = self.weights[slot]
        z = self.bias[slot] + sum(w.get(f"{k}={v}", 0.0) for k, v in feats.items())
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def to_json(self) -> dict[str, Any]:
        return {
            "format": "tidings-slot-ranker/1",
            "weights": self.weights,
            "bias": self.bias,
            "fill": self.fill,
            "override": self.override,
            "keep": self.keep,
            "fill_empty": self.fill_empty,
            "meta": self.meta,
        }

    @classmethod
    def from_json(cls, obj: dict[str, Any]) -> SlotModel:
        model = cls(
            obj["weights"], obj["bias"], obj["fill"], obj["override"], obj["keep"], obj["meta"]
        )
        model.fill_empty = bool(obj.get("fill_empty", False))
        return model


@lru_cache(maxsize=4)
def load_model(path: str = str(MODEL_PATH)) -> SlotModel | None:
    """The shipped model, or None when there is none (the rules' slots stand)."""
    p = Path(path)
    if not p.is_file():
        return None
    return SlotModel.from_json(json.loads(p.read_text(encoding="utf-8")))


# ------------------------------------------------------------------ features
def _head(d: Document, start: int, end: int) -> Token | None:
    if d.doc is None:
        return None
    span = d.doc.char_span(start, end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def _passive(tok: Token) -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in tok.children) or (
        tok.tag_ == "VBN" and tok.dep_ in ("acl", "amod")
    )


def _path(h: Token, root: Token) -> tuple[str, bool]:
    """Dependency labels from the mention's head up towards the trigger, and whether it got
    there; else the labels from the trigger up to the two tokens' common ancestor."""
    up, t = [], h
    for _ in range(4):
        if t.i == root.i or t.head.i == t.i:
            break
        up.append(t.dep_)
        t = t.head
    return "/".join(up), t.i == root.i


def _meeting(h: Token, root: Token) -> tuple[list[str], list[str]]:
    """The dependency labels from the mention up to where it meets the trigger's branch, and
    from there down to the trigger: "nsubj" ^ "ccomp" is the one who says the act happened,
    "nsubj" ^ "xcomp" the one who vowed to do it."""
    above = [h, *h.ancestors]
    rise = {t.i: n for n, t in enumerate([root, *root.ancestors])}
    for n, t in enumerate(above):
        if t.i in rise:
            down = [x.dep_ for x in [root, *root.ancestors][: rise[t.i]]]
            return [x.dep_ for x in above[:n]][:3], list(reversed(down))[:3]
    return [], []


def mention_features(h: Token, root: Token, e: Event, actor_kind: str, slots: str) -> Features:
    """Where one actor mention stands towards the event's trigger."""
    path, reach = _path(h, root)
    passive = _passive(root)
    side = "L" if h.i < root.i else "R"
    down = "/".join(t.dep_ for t in [root, *root.ancestors][:2])
    up, across = _meeting(h, root)
    meet = f"{up[-1] if up else '='}^{across[0] if across else '='}"
    return {
        "meet": meet,
        "meet_path": "/".join(up) + "^" + "/".join(across),
        "type_meet": f"{e.type}:{meet}",
        "dep": h.dep_,
        "hdep": h.head.dep_,
        "path": path,
        "reach": str(reach),
        "side": side,
        "dep_side": h.dep_ + side,
        "passive": str(passive),
        "pass_dep": f"{passive}{h.dep_}",
        "ent": h.ent_type_,
        "by": str(h.head.lower_ == "by"),
        "prep": h.head.lower_ if h.head.dep_ in ("prep", "agent", "dative") else "",
        "dist": str(min(abs(h.i - root.i), 10) // 3),
        "kind": actor_kind,
        "rules": slots,
        "type": e.type,
        "tpos": root.pos_,
        "tdep": down,
        "type_dep": f"{e.type}:{h.dep_}{side}",
        "tpos_path": f"{root.pos_}:{path}",
    }


def _rule_slots(e: Event, actor_id: str) -> str:
    src = "S" if actor_id in e.source else ""
    tgt = "T" if actor_id in e.target else ""
    inferred = "i" if e.source_inferred and src else ""
    return src + tgt + inferred or "-"


def candidates(d: Document, events: list[Event]) -> list[Row]:
    """Every actor mention in each event's sentence, and every actor the rules or the discourse
    put in a slot (an implied agent named outside the sentence gets a row of its own)."""
    rows: list[Row] = []
    for i, e in enumerate(events):
        root = _head(d, e.trigger.start, e.trigger.end)
        if root is None:
            continue
        seen: set[str] = set()
        for m in d.mentions_in(e.sentence.start, e.sentence.end):
            h = _head(d, m.start, m.end)
            a = d.actor(m.actor_id)
            if h is None or a is None or h.i == root.i:
                continue
            seen.add(a.id)
            feats = mention_features(h, root, e, a.kind, _rule_slots(e, a.id))
            feats["asserts"] = str(a.id == e.attributed_to)  # the speaker of the report
            rows.append((i, a.id, feats))
        for aid in [*e.source, *e.target]:
            a = d.actor(aid)
            if aid not in seen and a is not None:
                seen.add(aid)
                feats = {"away": "1", "rules": _rule_slots(e, aid), "kind": a.kind, "type": e.type}
                feats["asserts"] = str(aid == e.attributed_to)
                rows.append((i, aid, feats))
    return rows


# ------------------------------------------------------------------ choosing
Scores = dict[tuple[int, str, str], float]  # (event index, slot, actor id) -> probability
# The trigger's own subject, "by" agent or object: a rules' choice standing there is never
# overridden (a model trained on single sentences may prefer the reporter of the act).
FRAME = frozenset({"nsubj^=", "agent^=", "dobj^="})


def scores(model: SlotModel, rows: list[Row]) -> Scores:
    """Each candidate actor's probability per slot, by its best mention."""
    best: Scores = {}
    for i, aid, feats in rows:
        for s in SLOTS:
            p = model.prob(s, feats)
            if p > best.get((i, s, aid), -1.0):
                best[(i, s, aid)] = p
    return best


def choose(
    model: SlotModel, events: list[Event], rows: list[Row], best: Scores | None = None
) -> int:
    """Fill empty slots, and override the rules where the model is confident of another actor
    and doubts the rules' own; how many slots changed."""
    best = scores(model, rows) if best is None else best
    ranked: dict[tuple[int, str], list[tuple[float, str]]] = {}
    for (i, s, aid), p in best.items():
        ranked.setdefault((i, s), []).append((p, aid))
    framed = {(i, aid) for i, aid, feats in rows if feats.get("meet") in FRAME}
    changed = 0
    for (i, s), cands in ranked.items():
        e = events[i]
        p, aid = max(cands)
        other = e.target if s == "source" else e.source
        current: list[str] = getattr(e, s)
        if aid in current or aid in other:
            continue
        kept = max((q for q, a in cands if a in current), default=0.0)
        if any((i, a) in framed for a in current):
            kept = 1.0
        if not current and not model.fill_empty:
            # an empty slot is often the rules' "nobody named" ("were gunned down in X",
            # "followers of X protested", "killed X's ally"): no actor beats a wrong one
            continue
        if (not current and p >= model.fill) or (
            current and p >= model.override and kept < model.keep
        ):
            setattr(e, s, [aid])
            if s == "source":
                e.source_inferred = False
            changed += 1
    return changed


def rerank_slots(d: Document) -> int:
    """The events stage's hook: let the shipped model choose among each event's candidates."""
    recorder = _state["recorder"]
    if not _state["enabled"]:
        if recorder is not None:
            recorder(d, candidates(d, d.events))
        return 0
    model = load_model()
    if model is None or not d.events:
        return 0
    changed = choose(model, d.events, candidates(d, d.events))
    d.counts["slots_ranked"] = changed
    return changed
