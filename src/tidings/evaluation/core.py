"""What every layer's scoring shares: the counts, the misses, and the per-document scorer.

Each layer is a one-to-one matching between gold items and predictions under that layer's rule.
Required gold items that are matched are true positives, unmatched ones false negatives;
predictions matching no gold item (required or not) are false positives. A gold item with
``required: false`` is an acceptable extra: it is never a false negative, and a prediction that
matches it is not a false positive.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from tidings.evaluation.gold import GoldDoc, parse_span
from tidings.evaluation.match import (
    Interval,
    Matching,
    find_all,
    match_one_to_one,
    norm_name,
    norm_ws,
    overlap,
)
from tidings.model import Actor, Analysis

if TYPE_CHECKING:
    from tidings.evaluation.confusion import EventConfusion

# Quote kinds scored separately as well as in total: they behave very differently.
QUOTE_KINDS: tuple[str, ...] = ("direct", "partial", "indirect")

LAYERS: tuple[str, ...] = (
    "structure",
    "actors",
    "quotes_span",
    "quotes_speaker",
    *(f"quotes_{kind}_{level}" for kind in QUOTE_KINDS for level in ("span", "speaker")),
    "events_type",
    "events_actors",
    "events_full",
    "places",
    "place_mentions",
    "times",
    "quantities",
)


@dataclass(frozen=True)
class LayerCounts:
    """True positives, false positives and false negatives of one layer, with P/R/F1."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def __add__(self, other: LayerCounts) -> LayerCounts:
        return LayerCounts(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict[str, int | float]:
        """The counts and rates as the JSON summary gives them (rates to 4 decimals)."""
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


@dataclass(frozen=True)
class Miss:
    """One error, for debugging: a required gold item not found (fn) or a spurious prediction (fp)."""

    document: str
    layer: str
    kind: Literal["fn", "fp"]
    text: str
    note: str = ""

    def __str__(self) -> str:
        note = f"  [{self.note}]" if self.note else ""
        return f"{self.document}\t{self.layer}\t{self.kind}\t{self.text}{note}"


@dataclass
class DocumentScore:
    """The per-layer counts of one document and every miss behind them.

    ``confusion`` is its event-type confusion table (`confusion.event_confusion`), filled in by
    `report.evaluate`; None when not computed or when the gold annotates no events.
    """

    id: str
    layers: dict[str, LayerCounts] = field(default_factory=dict)
    misses: list[Miss] = field(default_factory=list)
    confusion: EventConfusion | None = None


@dataclass(frozen=True)
class GoldItem:
    """A gold item as the matcher sees it: the raw dict, how to show it, whether it counts."""

    obj: Any
    label: str
    required: bool = True


@dataclass(frozen=True)
class PredItem:
    """A prediction (a model object or a group of them) and how to show it."""

    obj: Any
    label: str


def short(text: str, limit: int = 90) -> str:
    """Text for a one-line report."""
    text = norm_ws(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


class Scorer:
    """Scores one document; holds what several layers share (located evidence, actor mapping)."""

    def __init__(self, gold: GoldDoc, analysis: Analysis) -> None:
        self.gold = gold
        self.analysis = analysis
        self.text = analysis.article.text
        self.result = DocumentScore(id=gold.id)
        self.gold_names = {
            a["id"]: {norm_name(n) for n in a["names"]} for a in gold.items("actors")
        }
        self.gold_spans = {
            a["id"]: spans
            for a in gold.items("actors")
            if (spans := self.spans_in_text(a.get("spans")))
        }
        # Each predicted actor maps to every gold actor it names: an event or quote slot is right
        # when one of those is acceptable there. An unmatched actor maps to nothing.
        self.actor_map = {a.id: self._gold_ids(a) for a in analysis.actors}
        self._located: dict[tuple[int, str], list[Interval]] = {}

    # -- shared helpers ---------------------------------------------------------------------
    @staticmethod
    def actor_names(actor: Actor) -> set[str]:
        return {norm_name(actor.name)} | {norm_name(m.text) for m in actor.mentions}

    def _gold_ids(self, actor: Actor) -> set[str]:
        """Gold actors this actor names, or (where the gold marks ``spans``) one of whose marked
        phrases holds one of its mentions: "Yugoslavia and Slovenia" holds both states."""
        names = self.actor_names(actor)
        out = {gid for gid, gnames in self.gold_names.items() if names & gnames}
        for gid, spans in self.gold_spans.items():
            if any(a <= m.start and m.end <= b for m in actor.mentions for a, b in spans):
                out.add(gid)
        return out

    def spans_in_text(self, values: Sequence[Any] | None) -> list[Interval]:
        """Gold spans (an actor's marked ``spans``, a place's ``mentions``) located in the
        analysed text: the gold's offsets when the texts are equal, else where its words are."""
        out: list[Interval] = []
        for value in values or []:
            span = parse_span(value, len(self.gold.text))
            if span is None:
                continue
            if self.text == self.gold.text:
                out.append(span)
            else:
                out += find_all(self.text, self.gold.text[span[0] : span[1]])
        return out

    def names_of(self, actor_ids: Sequence[str]) -> str:
        out = []
        for aid in actor_ids:
            actor = self.analysis.actor(aid)
            out.append(actor.name if actor else f"?{aid}")
        return ", ".join(out) or "-"

    def locate(self, item: dict[str, Any], key: str) -> list[Interval]:
        """Where a gold string is in the analysed text: its ``span`` if given, else every place
        it occurs. Empty when it cannot be found (the caller then compares text)."""
        cache_key = (id(item), key)
        if cache_key not in self._located:
            self._located[cache_key] = self._locate(item, key)
        return self._located[cache_key]

    def _locate(self, item: dict[str, Any], key: str) -> list[Interval]:
        span = parse_span(item.get("span"), len(self.gold.text)) if "span" in item else None
        if span is not None:
            if self.text == self.gold.text:
                return [span]
            return find_all(self.text, self.gold.text[span[0] : span[1]])
        value = item.get(key)
        return find_all(self.text, value) if isinstance(value, str) else []

    def score(
        self,
        layer: str,
        golds: list[GoldItem],
        preds: list[PredItem],
        quality: Callable[[Any, Any], float | None],
        base: Matching | None = None,
        why: Callable[[Any, Any], str] | None = None,
        fp_note: Callable[[Any], str] | None = None,
        alternatives: dict[int, set[int]] | None = None,
    ) -> Matching:
        """Match, count and record misses for one layer.

        ``base`` is the matching of a looser layer (span only, type only): when a gold item was
        found there but not here, ``why`` says what differs, which is what one wants to fix.
        ``alternatives[p]`` are predictions that are another reading of prediction ``p`` (a
        split quotation as a whole and as its pieces): ``p`` unmatched is no false positive when
        one of them is matched.
        """
        matching = match_one_to_one(golds, preds, lambda g, p: quality(g.obj, p.obj), _req)
        tp = sum(1 for gi in matching.pairs if golds[gi].required)
        fn = sum(1 for gi, g in enumerate(golds) if g.required and gi not in matching.pairs)
        used = matching.matched_preds | spared(alternatives or {}, matching.matched_preds)
        fp = len(preds) - len(used)
        self.result.layers[layer] = LayerCounts(tp=tp, fp=fp, fn=fn)
        doc = self.gold.id
        base_owner = {pi: gi for gi, pi in base.pairs.items()} if base else {}
        for gi, g in enumerate(golds):
            if not g.required or gi in matching.pairs:
                continue
            note = ""
            if base and why and gi in base.pairs:
                p = preds[base.pairs[gi]]
                note = f"found as {p.label}; {why(g.obj, p.obj)}"
            self.result.misses.append(Miss(doc, layer, "fn", g.label, note))
        for pi, p in enumerate(preds):
            if pi in used:
                continue
            note = fp_note(p.obj) if fp_note else ""
            if base and why and pi in base_owner:
                g = golds[base_owner[pi]]
                note = f"located at {g.label}; {why(g.obj, p.obj)}"
            self.result.misses.append(Miss(doc, layer, "fp", p.label, note))
        return matching

    def on_negative(self, name: str, key: str, spans: list[Interval]) -> str:
        """A note for a false positive that falls on a ``not_quotes``/``not_events`` gold item."""
        for item in self.gold.items(name):
            if any(overlap(s, loc) for s in spans for loc in self.locate(item, key)):
                return f"on {name}: {item.get('why', '')}".rstrip(": ")
        return ""


def spared(alternatives: dict[int, set[int]], matched: set[int]) -> set[int]:
    """Unmatched predictions that another matched reading of the same item stands for."""
    return {p for p, alts in alternatives.items() if p not in matched and alts & matched}


def _req(g: GoldItem) -> bool:
    return g.required


def gold_item(obj: dict[str, Any], label: str) -> GoldItem:
    """A gold item as the matcher sees it; ``required`` defaults to true."""
    return GoldItem(obj=obj, label=label, required=obj.get("required", True) is not False)


def pred_item(obj: Any, label: str) -> PredItem:
    return PredItem(obj=obj, label=label)
