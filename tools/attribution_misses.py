"""Why attributions are missed or wrongly found: a diagnostic over a gold file with quotes.

    .venv/bin/python tools/attribution_misses.py GOLD [--limit N] [--skip N] [--out FILE]
        [--config FILE]

Runs the pipeline (only the stages the quotes stage needs) over the gold documents and, for
every gold attribution that no prediction matches (character-overlap F >= 0.8, the evaluator's
rule, one to one) and every prediction that matches nothing, writes one line: the gold kind, the
gold cue and its lemma guess, the cue kind our lexicon gives it (or ``-`` when the cue is not in
the lexicon), the best-overlapping prediction of the other side (its kind, F, and how its
boundaries differ: ``start-12`` = it starts 12 characters earlier), and a class:

- misses: ``no-cue`` (the cue is not in the lexicon), ``none`` (nothing overlaps), ``taken``
  (an overlapping prediction was matched to another gold item), ``boundary`` (the best overlap
  is below 0.8), ``nested`` (the best overlap lies wholly inside the gold span, or around it);
- false positives: ``unmarked`` (no gold overlaps), ``boundary``, ``duplicate`` (the gold item
  it overlaps best is already matched), ``inside-gold`` / ``around-gold``.

A summary (counts per kind and class, the most frequent cues) is printed; the lines go to
``--out`` (default: standard output). Gold text is read, never copied into the repository:
write ``--out`` outside it.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import tidings
from tidings.evaluation.gold import GoldDoc, load_gold_files
from tidings.evaluation.match import char_f, find_all, overlap
from tidings.model import Quote
from tidings.quotes.lexicon import Cues, cue_class, load_cues

MIN_F = 0.8  # the evaluator's rule (evaluation/layers.py QUOTE_MIN_F)
STAGES = ["structure", "nlp", "actors", "quotes"]
Interval = tuple[int, int]


@dataclass
class Row:
    """One miss or false positive."""

    side: str  # "fn" or "fp"
    doc: str
    kind: str
    cls: str
    cue: str
    cue_kind: str
    other_kind: str
    f: float
    bounds: str
    text: str

    def line(self) -> str:
        return "\t".join(
            [
                self.side,
                self.doc,
                self.kind,
                self.cls,
                self.cue,
                self.cue_kind,
                self.other_kind,
                f"{self.f:.2f}",
                self.bounds,
                self.text.replace("\n", " "),
            ]
        )


def cue_lemma(cue: str, cues: Cues, lemmas: Callable[[str], list[str]]) -> str:
    """The lexicon word among a gold cue's lemmas ("has learned" -> learn), else its last
    content word's lemma."""
    words = [w.lower() for w in lemmas(cue) if w.strip(".,;:'’")]
    for w in reversed(words):
        if cues.is_cue(w):
            return w
    return " ".join(words)


def bounds(pred: Interval, gold: Interval) -> str:
    """How a prediction's boundaries differ from the gold's (negative: the prediction is earlier)."""
    parts = []
    if pred[0] != gold[0]:
        parts.append(f"start{pred[0] - gold[0]:+d}")
    if pred[1] != gold[1]:
        parts.append(f"end{pred[1] - gold[1]:+d}")
    return ",".join(parts) or "same"


def _gold_intervals(doc: GoldDoc) -> list[tuple[dict[str, Any], Interval | None]]:
    out = []
    for g in doc.items("quotes"):
        locs = find_all(doc.text, g["text"])
        out.append((g, locs[0] if locs else None))
    return out


def _match(golds: list[Interval | None], preds: list[Interval]) -> dict[int, int]:
    """Greedy one-to-one by overlap F, best first (close to the evaluator's matching)."""
    pairs = sorted(
        ((char_f(p, g), gi, pi) for gi, g in enumerate(golds) if g for pi, p in enumerate(preds)),
        reverse=True,
    )
    gold_of: dict[int, int] = {}
    used: set[int] = set()
    for f, gi, pi in pairs:
        if f < MIN_F:
            break
        if gi in gold_of or pi in used:
            continue
        gold_of[gi] = pi
        used.add(pi)
    return gold_of


def _best(iv: Interval, others: list[Interval | None]) -> tuple[int | None, float]:
    scored = [(char_f(iv, o), i) for i, o in enumerate(others) if o and overlap(iv, o)]
    if not scored:
        return None, 0.0
    f, i = max(scored)
    return i, f


def _shape(inner: Interval, outer: Interval) -> str | None:
    if outer[0] <= inner[0] and inner[1] <= outer[1]:
        return "inside"
    if inner[0] <= outer[0] and outer[1] <= inner[1]:
        return "around"
    return None


def diagnose(
    doc: GoldDoc, quotes: list[Quote], cues: Cues, lemmas: Callable[[str], list[str]]
) -> list[Row]:
    """The misses and false positives of one document."""
    gl = _gold_intervals(doc)
    golds = [iv for _, iv in gl]
    qs = [q for q in quotes if q.kind != "term"]
    preds = [(q.span.start, q.span.end) for q in qs]
    gold_of = _match(golds, preds)
    used = set(gold_of.values())
    rows = []
    for gi, (g, giv) in enumerate(gl):
        if gi in gold_of or giv is None:
            continue
        lemma = cue_lemma(g.get("cue") or "", cues, lemmas)
        ck = cues.kind_of(cue_class(lemma, cues)) if cues.is_cue(lemma) else "-"
        pi, f = _best(giv, list(preds))
        if pi is None:
            cls, other, bd = ("no-cue" if ck == "-" else "none"), "-", ""
        else:
            shape = _shape(preds[pi], giv)
            cls = (
                "taken"
                if pi in used and f >= MIN_F
                else (f"nested-{shape}" if shape else "boundary")
            )
            other, bd = qs[pi].kind, bounds(preds[pi], giv)
        rows.append(Row("fn", doc.id, g.get("kind", "?"), cls, lemma, ck, other, f, bd, g["text"]))
    for pi, (q, piv) in enumerate(zip(qs, preds, strict=True)):
        if pi in used:
            continue
        near, f = _best(piv, golds)
        if near is None:
            cls, other, bd = "unmarked", "-", ""
        else:
            giv = golds[near]
            assert giv is not None
            shape = _shape(piv, giv)
            cls = (
                "duplicate"
                if near in gold_of and f >= MIN_F
                else (f"{shape}-gold" if shape else "boundary")
            )
            other, bd = gl[near][0].get("kind", "?"), bounds(piv, giv)
        rows.append(
            Row("fp", doc.id, q.kind, cls, q.cue or "", q.cue_kind or "-", other, f, bd, q.text)
        )
    return rows


def summary(rows: list[Row]) -> str:
    """Counts per side, kind and class, and the most frequent cues of the misses."""
    out = []
    by = Counter((r.side, r.kind, r.cls) for r in rows)
    for (side, kind, cls), n in sorted(by.items()):
        out.append(f"{side}\t{kind}\t{cls}\t{n}")
    cues = Counter((r.kind, r.cue.lower(), r.cue_kind) for r in rows if r.side == "fn")
    out.append("-- most frequent cues of the misses (kind, cue, cue kind, n)")
    out += [f"{k}\t{c}\t{ck}\t{n}" for (k, c, ck), n in cues.most_common(40)]
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("gold", nargs="+")
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--skip", type=int, default=0)
    ap.add_argument("--out")
    ap.add_argument("--config", help="a pipeline config merged over the default")
    args = ap.parse_args(argv)
    docs = load_gold_files([Path(p) for p in args.gold])[args.skip :]
    if args.limit:
        docs = docs[: args.limit]
    config: dict[str, Any] = {"pipeline": {"stages": STAGES}}
    pipeline = tidings.load(config=args.config or config)
    cues = load_cues()

    def lemmas(text: str) -> list[str]:
        return [t.lemma_ for t in pipeline.nlp(text)]

    rows: list[Row] = []
    for doc in docs:
        a = pipeline.analyze(doc.text, published=doc.published, title=doc.title, source=doc.where)
        rows += diagnose(doc, a.quotes, cues, lemmas)
    lines = "\n".join(r.line() for r in rows)
    if args.out:
        Path(args.out).write_text(lines + "\n", encoding="utf-8")
    else:
        print(lines)
    print(summary(rows), file=sys.stderr if not args.out else sys.stdout)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
