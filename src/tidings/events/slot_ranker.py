"""A trained source/target chooser beside the rules' slots (issue #12; `docs/slot_model.md`).

The rules read an event's source and target off a few grammatical frames; when a sentence is
built otherwise ("the government's decision", "talks between X and Y") they leave the slot empty
or take the wrong actor. Here every actor the event's sentence mentions, and every actor the
rules or the discourse (`implied_agents`) put in a slot, is a candidate; each of its mentions is
described by where it stands towards the trigger (`features`), and a logistic regression per
slot, trained on ``plv-train``'s marked spans (`benchmarks/slots_cv.py`), gives the probability
that the actor fills the slot. The ranker fills an empty slot, or overrides the rules, only where
it is confident (thresholds chosen on inner cross-validation folds, stored with the weights),
and fills no slot from where the rules leave one empty on purpose: a place under "in", the owner
in "followers of X", the addressee of the report ("told Reuters"), the source of an agentless
passive (`guard_of`, ``data/slot_guards.yaml``).

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
from tidings.events.lexicon import default_lexicon, read_raw
from tidings.events.modality import quote_at
from tidings.model import Event

SLOTS = ("source", "target")
MODEL_PATH = Path(__file__).parent / "data" / "slot_ranker.json"
GUARDS_PATH = Path(__file__).parent / "data" / "slot_guards.yaml"
GUARD = "guard"  # the row feature naming a guard (not a model feature: `model_features`)
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
    fill_empty: bool = False  # off: the rules' empty slots stand (tests/test_events.py)
    passive_fill: float = 1.01  # fill the source of an agentless passive only at this probability

    def prob(self, slot: str, feats: Features) -> float:
        w = self.weights[slot]
        z = self.bias[slot] + sum(w.get(f"{k}={v}", 0.0) for k, v in feats.items() if k != GUARD)
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
            "passive_fill": self.passive_fill,
            "meta": self.meta,
        }

    @classmethod
    def from_json(cls, obj: dict[str, Any]) -> SlotModel:
        model = cls(
            obj["weights"], obj["bias"], obj["fill"], obj["override"], obj["keep"], obj["meta"]
        )
        model.fill_empty = bool(obj.get("fill_empty", False))
        model.passive_fill = float(obj.get("passive_fill", 1.01))
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


@dataclass(frozen=True)
class Guards:
    """Where a mention may not fill an empty slot (``data/slot_guards.yaml``)."""

    locative: frozenset[str]
    place_entities: frozenset[str]
    place_kinds: frozenset[str]
    of_prepositions: frozenset[str]
    possessor_deps: frozenset[str]
    counting_classes: frozenset[str]
    addressee: frozenset[str]  # "dobj^ccomp": told X that the act happened (a `meet` feature)
    bars: dict[str, frozenset[str]]  # slot -> the guards that keep a mention from filling it


@lru_cache(maxsize=1)
def load_guards() -> Guards:
    raw = read_raw(GUARDS_PATH)
    skip = {"bars", "addressee"}
    fields = [k for k in Guards.__dataclass_fields__ if k not in skip]
    sets = {k: frozenset(str(w) for w in raw[k]) for k in fields}
    addr = raw["addressee"]
    meets = frozenset(f"{u}^{c}" for u in addr["under"] for c in addr["clauses"])
    bars = {s: frozenset(str(g) for g in raw["bars"].get(s) or []) for s in SLOTS}
    return Guards(**sets, addressee=meets, bars=bars)


_NOMINAL = frozenset({"NOUN", "PROPN", "PRON"})


def guard_of(h: Token, root: Token, actor_kind: str) -> str:
    """ "place": a place-like mention under a locative preposition ("gunned down in Mali");
    "owner": the object of "of" or a possessor inside a noun phrase other than the trigger
    ("followers of Sadr", "Syria's ally"); "" when neither."""
    g = load_guards()
    n = h
    while n.dep_ == "appos" and n.head.i != n.i:  # "the cleric Moqtada al-Sadr"
        n = n.head
    gov = n.head
    place = actor_kind in g.place_kinds or h.ent_type_ in g.place_entities
    if n.dep_ == "pobj" and gov.lower_ in g.locative and place:
        return "place"
    owner = None
    if n.dep_ == "pobj" and gov.lower_ in g.of_prepositions:
        owner = gov.head
    elif n.dep_ in g.possessor_deps:
        owner = gov
    if owner is None or owner.i == root.i or owner.pos_ not in _NOMINAL:
        return ""
    lex = default_lexicon()
    if any(lex.in_class(owner.lemma_, c) for c in g.counting_classes):
        return ""  # "hundreds of students", "a crowd of miners": the count is what it names
    return "owner"


def _rule_slots(e: Event, actor_id: str) -> str:
    src = "S" if actor_id in e.source else ""
    tgt = "T" if actor_id in e.target else ""
    inferred = "i" if e.source_inferred and src else ""
    return src + tgt + inferred or "-"


def candidates(d: Document, events: list[Event]) -> list[Row]:
    """Every actor mention in each event's sentence, and every actor the rules or the discourse
    put in a slot (an implied agent named outside the sentence gets a row of its own)."""
    rows: list[Row] = []
    judgements = _judgements(d, events)
    for i, e in enumerate(events):
        root = _head(d, e.trigger.start, e.trigger.end)
        if root is None:
            continue
        seen: set[str] = set()
        told = quote_at(d, e.trigger.start, e.trigger.end)
        # "X praised the talks between Y and Z": the judge is no party to the act judged
        judges = {a for h, src in judgements if h.i != root.i and h in root.ancestors for a in src}
        for m in d.mentions_in(e.sentence.start, e.sentence.end):
            h = _head(d, m.start, m.end)
            a = d.actor(m.actor_id)
            if h is None or a is None or h.i == root.i or a.id in judges:
                continue
            seen.add(a.id)
            feats = mention_features(h, root, e, a.kind, _rule_slots(e, a.id))
            feats["asserts"] = str(a.id == e.attributed_to)  # the speaker of the report
            feats[GUARD] = guard_of(h, root, a.kind)
            if told is not None and told.kind == "direct" and a.id != told.speaker and not (
                told.span.start <= m.start and m.end <= told.span.end
            ):
                # '"X carried out the raid," Y said at a meeting with Z': Z stands
                # in the frame of the telling, not in the act told
                feats[GUARD] = "frame"
            rows.append((i, a.id, feats))
        for aid in [*e.source, *e.target]:
            a = d.actor(aid)
            if aid not in seen and a is not None:
                seen.add(aid)
                feats = {"away": "1", "rules": _rule_slots(e, aid), "kind": a.kind, "type": e.type}
                feats["asserts"] = str(aid == e.attributed_to)
                rows.append((i, aid, feats))
    return rows


def _judgements(d: Document, events: list[Event]) -> list[tuple[Token, list[str]]]:
    """The trigger word and the judges of each judgement ("praised", "condemned")."""
    lex = default_lexicon()
    out = []
    for e in events:
        if lex.has_role(e.type, "judging") and e.source:
            h = _head(d, e.trigger.start, e.trigger.end)
            if h is not None:
                out.append((h, list(e.source)))
    return out


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


def open_scores(model: SlotModel, rows: list[Row]) -> Scores:
    """Each candidate's probability per slot by its best mention that no guard bars from filling
    that slot when empty (`guard_of`, ``bars`` in ``data/slot_guards.yaml``): what filling
    ranks."""
    g = load_guards()
    best: Scores = {}
    for i, aid, feats in rows:
        guard = "addressee" if feats.get("meet") in g.addressee else feats.get(GUARD)
        for s in SLOTS:
            if guard in g.bars[s]:
                continue
            p = model.prob(s, feats)
            if p > best.get((i, s, aid), -1.0):
                best[(i, s, aid)] = p
    return best


def agentless_passives(rows: list[Row]) -> set[int]:
    """The events whose trigger is passive with no "by" agent among the candidates ("were gunned
    down in X"): their empty source is the rules' "nobody named"."""
    passive = {i for i, _, f in rows if f.get("passive") == "True"}
    agent = {i for i, _, f in rows if f.get("by") == "True" or f.get("meet") == "agent^="}
    return passive - agent


def _filler(
    model: SlotModel, cands: list[tuple[float, str]], s: str, agentless: bool
) -> tuple[float, str] | None:
    """The candidate that fills an empty slot, if any is likely enough."""
    if not model.fill_empty or not cands:
        return None
    p, aid = max(cands)
    floor = max(model.fill, model.passive_fill) if s == "source" and agentless else model.fill
    return (p, aid) if p >= floor else None


def choose(
    model: SlotModel,
    events: list[Event],
    rows: list[Row],
    best: Scores | None = None,
    opened: Scores | None = None,
) -> int:
    """Fill empty slots (``fill_empty``; by unguarded mentions only), and override the rules
    where the model is confident of another actor and doubts the rules' own; how many slots
    changed."""
    best = scores(model, rows) if best is None else best
    opened = open_scores(model, rows) if opened is None else opened
    ranked: dict[tuple[int, str], list[tuple[float, str]]] = {}
    for (i, s, aid), p in best.items():
        ranked.setdefault((i, s), []).append((p, aid))
    fillers: dict[tuple[int, str], list[tuple[float, str]]] = {}
    for (i, s, aid), p in opened.items():
        fillers.setdefault((i, s), []).append((p, aid))
    framed = {(i, aid) for i, aid, feats in rows if feats.get("meet") in FRAME}
    agentless = agentless_passives(rows)
    changed = 0
    for (i, s), cands in ranked.items():
        e = events[i]
        current: list[str] = getattr(e, s)
        if current:
            p, aid = max(cands)
            kept = max((q for q, a in cands if a in current), default=0.0)
            if any((i, a) in framed for a in current):
                kept = 1.0
            if aid in current or p < model.override or kept >= model.keep:
                continue
        else:
            # an empty slot is often the rules' "nobody named": the guards keep places, owners
            # and the agentless passive's source out (data/slot_guards.yaml)
            pick = _filler(model, fillers.get((i, s), []), s, i in agentless)
            if pick is None:
                continue
            p, aid = pick
        if aid in (e.target if s == "source" else e.source):
            continue
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
