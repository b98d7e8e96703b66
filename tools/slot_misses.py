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

This is a development tool: it reads dev gold files and prints their sentences; nothing of it
ships.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from dataclasses import dataclass

import tidings
from tidings.evaluation.core import Scorer
from tidings.evaluation.gold import GoldDoc, load_gold_files
from tidings.evaluation.layers import (
    _evidence_quality,
    _gold_event_label,
    score_document_detailed,
)
from tidings.model import Analysis, Event


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


def misses_of(gold: GoldDoc, analysis: Analysis) -> list[SlotMiss]:
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
                )  # fmt: skip
            )
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("gold", nargs="+")
    ap.add_argument("--limit", type=int, default=0, help="only the first N documents")
    ap.add_argument("--quiet", action="store_true", help="only the counts")
    args = ap.parse_args(argv)
    pipeline = tidings.load()
    docs = load_gold_files(args.gold)
    if args.limit:
        docs = docs[: args.limit]
    counts: Counter[str] = Counter()
    for gold in docs:
        analysis = pipeline.analyze(gold.text, published=gold.published, title=gold.title)
        for m in misses_of(gold, analysis):
            counts[f"{m.slot}: {m.reason}"] += 1
            if not args.quiet and m.reason != "ok":
                print(
                    f"{m.doc}\t{m.type} {m.slot}\t{m.reason}\tgot [{m.got}] gold {m.gold}"
                    f"\tcands [{m.candidates}]\t“{m.evidence[:90]}”"
                )
    for key, n in sorted(counts.items()):
        print(f"{n:5d}  {key}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
