"""Why found events have the wrong source or target: one line per slot, and a count per reason.

    python tools/slot_misses.py GOLD.jsonl... [--limit N] [--quiet]

Runs the default pipeline on each gold document, scores it as ``tidings eval`` does, and for each
required gold event whose type was found (paired in ``events_type``) checks each non-empty gold
slot against what the event holds. The first reason that applies is printed:

- ``ok``: every predicted actor names a gold actor of the slot;
- ``not built``: no actor of the analysis names any gold actor of the slot (an actor the
  analysis never made: "police officers", "the Centre", a capital for its state);
- ``not in sentence``: an actor names one, but none of its mentions is in the event's sentence
  (and the discourse did not supply it);
- ``empty``: the slot is empty although an acceptable actor is named in the sentence;
- ``wrong actor``: the slot holds an actor that names no gold actor of the slot (the printed
  ``cands`` are the acceptable actors named in the sentence, empty when there are none).

Each slot also gets a *class*: where the gold phrase stands in the parse relative to the
trigger (`slot_class`): ``subj``/``obj`` (the trigger's own subject or object: a frame or parse
error), ``pp:on`` (a preposition of the trigger), ``obj-pp:of`` (a preposition under its
object), ``by`` (a passive's agent), ``conj`` (coordinated with another word), ``nominal:poss``
(a modifier of a nominal trigger), ``speaker`` (the subject of the verb whose reported clause
holds the trigger), ``up:xcomp`` (the trigger is in a clause below the verb the phrase hangs
from: control, participles), ``down:ccomp`` (the phrase is in a clause below the trigger),
``far`` (any other path), ``outside`` (not in the sentence); prefixed ``swapped`` when the
slot holds the other slot's gold actor. ``--classes`` prints the counts per slot, reason and
class.

This is a development tool: it reads dev gold files and prints their sentences; nothing of it
ships.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

import tidings
from tidings.evaluation.core import Scorer
from tidings.evaluation.gold import GoldDoc, load_gold_files
from tidings.evaluation.layers import (
    _evidence_quality,
    _gold_event_label,
    score_document_detailed,
)
from tidings.model import Analysis, Event

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token


@dataclass
class SlotMiss:
    """One gold slot of a found event, what we gave, and why it differs."""

    doc: str
    type: str
    slot: str
    evidence: str
    gold: list[str]
    got: str
    reason: str
    candidates: str
    cls: str = "-"


def _paired(s: Scorer, g: dict, events: list[Event]) -> Event | None:
    """The event of the gold type (or an alternative) best placed on the gold evidence."""
    types = {g["type"], *g.get("alt_types", [])}
    scored = [(q, e) for e in events if e.type in types and (q := _evidence_quality(s, g, e))]
    return max(scored, key=lambda x: x[0])[1] if scored else None


def slot_reason(s: Scorer, e: Event, wanted: set[str], got: list[str]) -> tuple[str, str]:
    """The first reason (module docstring) that applies to one slot, and the candidates."""
    a, b = e.sentence.start, e.sentence.end
    built = [x for x in s.analysis.actors if s.actor_map.get(x.id, set()) & wanted]
    near = [x for x in built if any(a <= m.start and m.end <= b for m in x.mentions)]
    cands = ", ".join(x.name for x in near)
    if got and all(s.actor_map.get(x, set()) & wanted for x in got):
        return "ok", cands
    if got:
        return "wrong actor", cands
    if not built:
        return "not built", cands
    return ("empty" if near else "not in sentence"), cands


_SPEECH_CLAUSES = ("ccomp", "parataxis")


def _token_at(doc: Doc, start: int, end: int) -> Token | None:
    """The syntactic head of the characters ``[start, end)``."""
    span = doc.char_span(start, end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def _chain(tok: Token, top: Token) -> list[Token]:
    """The tokens from ``tok`` up to (not including) ``top``."""
    out = []
    while tok.i != top.i and tok.head.i != tok.i:
        out.append(tok)
        tok = tok.head
    return out


def _ancestor(a: Token, b: Token) -> Token:
    """The lowest common ancestor of two tokens of one sentence."""
    above = {a.i, *[x.i for x in a.ancestors]}
    return b if b.i in above else next((x for x in b.ancestors if x.i in above), b.sent.root)


def phrase_class(trig: Token, tok: Token) -> str:
    """Where a gold phrase's head ``tok`` stands relative to the trigger (module docstring)."""
    if tok.i == trig.i:
        return "trigger"
    top = _ancestor(trig, tok)
    down = _chain(tok, top)  # from the phrase up to the common ancestor
    up = _chain(trig, top)  # from the trigger up to it
    deps = [t.dep_ for t in down]
    if "conj" in deps[:2]:
        return "conj"
    if not up:
        last = down[-1]
        if last.dep_ == "agent":
            return "by"
        if trig.pos_ in ("NOUN", "PROPN"):
            name = last.lower_ if last.dep_ == "prep" else last.dep_
            return f"nominal:{name}"
        if last.dep_ == "prep":
            return f"pp:{last.lower_}" if len(down) <= 2 else f"pp-deep:{last.lower_}"
        if last.dep_ in ("dobj", "dative", "attr") and len(down) > 1:
            prep = next((t.lower_ for t in down if t.dep_ == "prep"), "")
            return f"obj-pp:{prep}" if prep else f"obj-{down[-2].dep_}"
        if last.dep_ in ("ccomp", "xcomp", "advcl", "conj", "relcl", "acl"):
            return f"down:{last.dep_}"
        return {"nsubj": "subj", "nsubjpass": "obj", "dobj": "obj"}.get(last.dep_, last.dep_)
    if up[-1].dep_ in _SPEECH_CLAUSES and down and down[-1].dep_ in ("nsubj", "nsubjpass"):
        return "speaker"
    if not down:
        return f"head:{up[-1].dep_}"  # the phrase governs the trigger ("strikes" of "X strikes")
    return f"up:{up[-1].dep_}" if len(up) <= 2 else "far"


def slot_class(doc: Doc, s: Scorer, e: Event, wanted: set[str]) -> str:
    """The class of one gold slot: from the marked span where the gold has one, else from the
    mentions of the acceptable actors in the event's sentence."""
    trig = _token_at(doc, e.trigger.start, e.trigger.end)
    a, b = e.sentence.start, e.sentence.end
    spans = [(x, y) for g in wanted for x, y in s.gold_spans.get(g, []) if a <= x and y <= b]
    if not spans:
        spans = [
            (m.start, m.end)
            for x in s.analysis.actors
            if s.actor_map.get(x.id, set()) & wanted
            for m in x.mentions
            if a <= m.start and m.end <= b
        ]
    toks = [t for x, y in spans if (t := _token_at(doc, x, y)) is not None]
    if trig is None or not toks:
        return "outside"
    cls = min((phrase_class(trig, t) for t in toks), key=lambda c: (c == "far", c))
    return cls


def misses_of(gold: GoldDoc, analysis: Analysis, doc: Doc | None = None) -> list[SlotMiss]:
    """One record per non-empty gold slot of each gold event whose type was found."""
    score = score_document_detailed(gold, analysis)
    found_fn = {m.text for m in score.misses if m.layer == "events_type" and m.kind == "fn"}
    s = Scorer(gold, analysis)
    out = []
    for g in gold.items("events"):
        if not g.get("required", True):
            continue
        e = _paired(s, g, analysis.events)
        if e is None or _gold_event_label(g) in found_fn:
            continue
        for slot in ("source", "target"):
            wanted = set(g.get(slot) or [])
            if not wanted:
                continue
            got = list(getattr(e, slot))
            reason, cands = slot_reason(s, e, wanted, got)
            other = set(g.get("target" if slot == "source" else "source") or [])
            cls = slot_class(doc, s, e, wanted) if doc is not None else "-"
            if reason == "wrong actor" and any(s.actor_map.get(x, set()) & other for x in got):
                cls = f"swapped {cls}"
            out.append(
                SlotMiss(
                    gold.id,
                    g["type"],
                    slot,
                    g["evidence"],
                    sorted(wanted),
                    s.names_of(got),
                    reason,
                    cands,
                    cls,
                )  # fmt: skip
            )
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("gold", nargs="+")
    ap.add_argument("--limit", type=int, default=0, help="only the first N documents")
    ap.add_argument("--quiet", action="store_true", help="only the counts")
    ap.add_argument("--classes", action="store_true", help="counts per reason and class")
    args = ap.parse_args(argv)
    pipeline = tidings.load()
    docs = load_gold_files(args.gold)
    if args.limit:
        docs = docs[: args.limit]
    counts: Counter[str] = Counter()
    classes: Counter[str] = Counter()
    for gold in docs:
        d = pipeline.run(pipeline.make_article(gold.text, gold.published, gold.title))
        for m in misses_of(gold, d.to_analysis(tidings.__version__), d.doc):
            counts[f"{m.slot}: {m.reason}"] += 1
            classes[f"{m.slot}: {m.reason}: {m.cls}"] += 1
            if not args.quiet and m.reason != "ok":
                print(
                    f"{m.doc}\t{m.type} {m.slot}\t{m.reason}\t{m.cls}\tgot [{m.got}] gold"
                    f" {m.gold}\tcands [{m.candidates}]\t“{m.evidence[:90]}”"
                )
    for key, n in sorted(counts.items()):
        print(f"{n:5d}  {key}", file=sys.stderr)
    if args.classes:
        for key, n in classes.most_common():
            print(f"{n:5d}  {key}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
