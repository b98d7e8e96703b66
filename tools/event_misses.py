"""Why gold events are missed: one line of diagnosis per missed event, and a count per cause.

    python tools/event_misses.py GOLD.jsonl [--only-ids ID ...] [--limit N] [--verbose]

Runs the default pipeline on each gold document with the events stage traced (every trigger
candidate of the lexicon and what became of it, and the rule events before the classifier's
moves), scores the result as ``tidings eval`` does, and for each required gold event whose type
was not found prints its type, its evidence, and the first cause that applies:

- ``other type``: an event sits on the evidence with another type (the confusion is printed);
- ``dropped by classifier``: a rule event of the right type there did not survive the classifier;
- ``merged by assembly``: a rule event of the right type there was joined to another telling;
- ``filtered: <why>``: a lexicon candidate of the right type there was dropped (figurative,
  absorbed into another candidate, purpose clause, nobody named, ...);
- ``candidate of another type``: the lexicon saw a trigger there but with another sense;
- ``no trigger``: the lexicon saw nothing in the evidence (the CAMEO dictionary's verbs in the
  evidence, with their crosswalked types, are printed: a lexicon gap or a nominal event).

It also says whether the evidence is reported speech (inside a quote record). This is a
development tool: it reads dev gold files and prints their sentences; nothing of it ships.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import tidings
from tidings.document import Document
from tidings.evaluation.core import Scorer
from tidings.evaluation.gold import GoldDoc, load_gold_files
from tidings.evaluation.layers import _gold_event_label, score_document_detailed
from tidings.evaluation.match import Interval, overlap
from tidings.events.cameo import form_types
from tidings.events.stage import EventStage, EventTrace
from tidings.model import Event
from tidings.stage import run_stage
from tidings.version import __version__

_WORD = re.compile(r"[a-z]+")


@dataclass
class Diagnosis:
    """One missed gold event and what the pipeline did where it is told."""

    doc: str
    type: str
    evidence: str
    cause: str
    detail: str
    reported: bool


def rules_only(pipeline: tidings.Pipeline) -> None:
    """Switch the classifier's moves off: the rules' own events (``events_cv.py``'s rules)."""
    for st in pipeline.stages:
        if isinstance(st, EventStage):
            st.refiner = lambda events, views: events


def run_traced(pipeline: tidings.Pipeline, gold: GoldDoc) -> tuple[Document, EventTrace]:
    """The document after every stage, and the events stage's trace."""
    art = pipeline.make_article(gold.text, published=gold.published, title=gold.title)
    d = Document(article=art)
    trace = EventTrace()
    for st in pipeline.stages:
        if isinstance(st, EventStage):
            st.trace = trace
        d = run_stage(st, d, pipeline.strict)
        if isinstance(st, EventStage):
            st.trace = None
    return d, trace


def _hits(span: Interval, locs: list[Interval]) -> bool:
    return any(overlap(span, loc) for loc in locs)


def _types(g: dict) -> set[str]:
    return {g["type"], *g.get("alt_types", [])}


def diagnose(g: dict, locs: list[Interval], d: Document, trace: EventTrace) -> tuple[str, str]:
    """The first cause that applies to one missed gold event (see the module docstring)."""
    want = _types(g)

    def on(e: Event) -> bool:
        return _hits((e.trigger.start, e.trigger.end), locs)

    final = [e for e in d.events if on(e)]
    rules = [e for e in trace.rules if on(e)]
    cands = [(c, why) for c, why in trace.fates if _hits((c.start, c.end), locs)]
    if final and not any(e.type in want for e in final):
        return "other type", ", ".join(f"{e.type} '{e.trigger.text}'" for e in final)
    right = [e for e in rules if e.type in want]
    if right:
        ids = {(e.trigger.start, e.type) for e in d.events}
        gone = [e for e in right if (e.trigger.start, e.type) not in ids]
        where = [m for e in d.events for m in e.evidence]
        if gone and any(_hits((m.start, m.end), [(x.trigger.start, x.trigger.end)])
                        for m in where for x in gone):  # fmt: skip
            return "merged by assembly", ", ".join(f"'{e.trigger.text}'" for e in gone)
        if gone:
            return "dropped by classifier", ", ".join(f"'{e.trigger.text}'" for e in gone)
        return "matched elsewhere", ", ".join(f"'{e.trigger.text}'" for e in right)
    typed = [(c, why) for c, why in cands if (c.type or c.trig.type) in want]
    if typed:
        return "filtered: " + typed[0][1], ", ".join(f"'{c.head.text}' {why}" for c, why in typed)
    if cands:
        return "candidate of another type", ", ".join(
            f"{c.type or c.trig.type} '{c.head.text}' {why}" for c, why in cands
        )
    return "no trigger", _cameo_words(g["evidence"])


def _cameo_words(text: str) -> str:
    index = form_types()
    seen = [f"{w}:{index[w]}" for w in _WORD.findall(text.lower()) if w in index]
    return "cameo verbs: " + (" ".join(dict.fromkeys(seen)) or "none")


def misses_of(
    gold: GoldDoc, d: Document, trace: EventTrace, totals: Counter[str] | None = None
) -> list[Diagnosis]:
    """A diagnosis for each required gold event whose type was not found (``totals`` sums the
    events_type counts)."""
    analysis = d.to_analysis(__version__)
    score = score_document_detailed(gold, analysis)
    counts = score.layers.get("events_type")
    if totals is not None and counts is not None:
        totals.update(tp=counts.tp, fp=counts.fp, fn=counts.fn)
    missed = {m.text for m in score.misses if m.layer == "events_type" and m.kind == "fn"}
    scorer = Scorer(gold, analysis)
    out = []
    for g in gold.items("events"):
        if _gold_event_label(g) not in missed:
            continue
        locs = scorer.locate(g, "evidence")
        cause, detail = diagnose(g, locs, d, trace)
        reported = any(_hits((q.span.start, q.span.end), locs) for q in d.quotes)
        out.append(Diagnosis(gold.id, g["type"], g["evidence"], cause, detail, reported))
    return out


def event_row(doc: str, e: Event) -> dict:
    """One final event as a comparable record (``--dump``: count what a change moved)."""
    t = e.trigger
    return {"doc": doc, "type": e.type, "mode": e.mode, "start": t.start, "end": t.end,
            "trigger": t.text, "source": list(e.source), "target": list(e.target)}  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("gold", nargs="+", type=Path)
    ap.add_argument("--only-ids", nargs="*", default=None)
    ap.add_argument("--limit", type=int, default=None, help="first N documents only")
    ap.add_argument("--verbose", action="store_true", help="print every missed event")
    ap.add_argument("--rules-only", action="store_true", help="without the classifier's moves")
    ap.add_argument("--dump", type=Path, default=None, help="write every final event (jsonl)")
    args = ap.parse_args(argv)
    docs = load_gold_files(args.gold)
    if args.only_ids:
        docs = [g for g in docs if g.id in set(args.only_ids)]
    docs = docs[: args.limit] if args.limit else docs
    pipeline = tidings.load()
    if args.rules_only:
        rules_only(pipeline)
    found: list[Diagnosis] = []
    rows: list[str] = []
    totals: Counter[str] = Counter()
    for gold in docs:
        d, trace = run_traced(pipeline, gold)
        found += misses_of(gold, d, trace, totals)
        rows += [json.dumps(event_row(gold.id, e)) for e in d.events]
    if args.dump is not None:
        args.dump.write_text("".join(r + "\n" for r in rows), encoding="utf-8")
    if args.verbose or len(docs) <= 20:
        for m in found:
            speech = " [reported]" if m.reported else ""
            print(f"{m.doc}\t{m.type}{speech}\t{m.cause}\t{m.detail}\n\t“{m.evidence[:160]}”")
    causes = Counter(m.cause for m in found)
    tp, fp, fn = totals["tp"], totals["fp"], totals["fn"]
    p, r = tp / max(tp + fp, 1), tp / max(tp + fn, 1)
    print(f"events_type tp {tp} fp {fp} fn {fn}: P {p:.4f} R {r:.4f} F1 {2*p*r/max(p+r,1e-9):.4f}")
    print(f"\n{len(found)} missed required events in {len(docs)} documents")
    for cause, n in causes.most_common():
        reported = sum(1 for m in found if m.cause == cause and m.reported)
        print(f"{n:5d}  {cause}  ({reported} in reported speech)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
