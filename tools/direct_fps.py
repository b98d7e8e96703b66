"""What the direct and partial quotes that match no gold attribution are, and why found
attributions get the wrong speaker: one line per case, and counts.

    .venv/bin/python tools/direct_fps.py GOLD [--limit N] [--skip N] [--out FILE]

Runs the quotes pipeline over a gold file and takes every predicted ``direct`` or ``partial``
quote that the one-to-one matching of ``attribution_misses.py`` (the evaluator's rule:
character F >= 0.8) leaves unmatched. Each gets one class, the first that applies:

- ``split piece``: it lies inside or across a gold attribution that also holds another of our
  quotations (the gold keeps “A,” he said, “B.” as one attribution);
- ``quoted words of a gold partial``: inside a gold attribution that holds no other quotation
  of ours (the gold marks the writer's clause around the words as one attribution);
- ``short, no gold`` (at most three words: a scare quote, a title or a name), ``no speaker, no
  gold`` and ``speech the gold does not mark`` when no gold attribution overlaps it;
- ``boundary``: it overlaps a gold attribution only in part.

Partial quotes are classed the same way, with ``quoted words`` in place of ``quoted words of a
gold partial`` when they are the words in marks rather than a clause around them, and
``no speaker`` prefixed when the quote names none. Last, every gold attribution whose span is
found but whose speaker is wrong is classed as ``tools/speaker_misses.py`` does (lines
``speaker``), so one run shows all three.

Gold text is read, never copied: ``--out`` (one line per case, quoting the text) belongs outside
the repository.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from attribution_misses import STAGES, Row, _gold_intervals, diagnose  # noqa: E402
from speaker_misses import cases_of  # noqa: E402

import tidings  # noqa: E402
from tidings.evaluation.gold import GoldDoc, load_gold_files  # noqa: E402
from tidings.evaluation.match import overlap  # noqa: E402
from tidings.model import Quote  # noqa: E402
from tidings.quotes.lexicon import load_cues  # noqa: E402

SHORT_WORDS = 3


def classify(q: Quote, doc: GoldDoc, quotes: list[Quote]) -> str:
    """One class for an unmatched direct quote (see the module docstring)."""
    iv = (q.span.start, q.span.end)
    golds = [giv for _, giv in _gold_intervals(doc) if giv and overlap(iv, giv)]
    if not golds:
        if len(q.text.split()) <= SHORT_WORDS:
            return "short, no gold"
        return "no speaker, no gold" if q.speaker is None else "speech the gold does not mark"
    g = max(golds, key=lambda giv: overlap(iv, giv))
    others = [
        o
        for o in quotes
        if o is not q and o.kind == "direct" and overlap((o.span.start, o.span.end), g)
    ]
    if others:
        return "split piece"
    if g[0] <= iv[0] and iv[1] <= g[1]:
        return "quoted words of a gold partial"
    return "boundary"


def classify_partial(q: Quote, doc: GoldDoc, quotes: list[Quote]) -> str:
    """One class for an unmatched partial quote: the words in marks (``q.quoted`` empty) or a
    clause around them, then where it lies against the gold (as ``classify``)."""
    words = not q.quoted
    iv = (q.span.start, q.span.end)
    golds = [giv for _, giv in _gold_intervals(doc) if giv and overlap(iv, giv)]
    what = "quoted words" if words else "content"
    who = "" if q.speaker is not None else "no speaker, "
    if not golds:
        short = words and len(q.text.split()) <= SHORT_WORDS
        return f"{who}{what}, no gold" + (" (short)" if short else "")
    g = max(golds, key=lambda giv: overlap(iv, giv))
    if g[0] <= iv[0] and iv[1] <= g[1]:
        twin = any(
            o is not q and o.kind == "partial" and o.quoted and o.span.start <= iv[0] < o.span.end
            for o in quotes
        )
        return f"{who}{what} inside a gold item" + (", our clause too" if twin else "")
    if iv[0] <= g[0] and g[1] <= iv[1]:
        return f"{who}{what} around a gold item"
    return f"{who}{what}, boundary"


def speaker_lines(doc: GoldDoc, a: Any) -> tuple[list[str], Counter[str]]:
    """The found attributions with a wrong speaker, classed by ``speaker_misses.classify``."""
    cases, _ = cases_of(doc, a)
    lines = [
        f"{doc.id}\tspeaker {c['kind']}: {c['class']}\tgold {c['gold_source']!r}"
        f"\tours {c['our_span']!r} ({c['our_actor']})\t{c['content'][:100]}"
        for c in cases
    ]
    return lines, Counter(f"speaker {c['kind']}: {c['class']}" for c in cases)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("gold", nargs="+")
    for flag in ("--limit", "--skip"):
        ap.add_argument(flag, type=int, default=0)
    ap.add_argument("--out")
    args = ap.parse_args(argv)
    docs = load_gold_files([Path(p) for p in args.gold])
    docs = docs[args.skip : (args.skip + args.limit) if args.limit else None]
    config: dict[str, Any] = {"pipeline": {"stages": STAGES}}
    pipeline = tidings.load(config=config)
    cues = load_cues()
    lines: list[str] = []
    counts: Counter[str] = Counter()
    for doc in docs:
        a = pipeline.analyze(doc.text, published=doc.published, title=doc.title, source=doc.where)
        rows: list[Row] = diagnose(doc, a.quotes, cues, lambda text: text.split())
        fps = {(r.kind, r.text) for r in rows if r.side == "fp"}
        for q in a.quotes:
            if q.kind not in ("direct", "partial") or (q.kind, q.text) not in fps:
                continue
            how = classify if q.kind == "direct" else classify_partial
            cls = f"{q.kind}: {how(q, doc, a.quotes)}"
            counts[cls] += 1
            who = a.actor(q.speaker).name if q.speaker and a.actor(q.speaker) else None
            lines.append(f"{doc.id}\t{cls}\t{who}\t{q.text[:120]}".replace("\n", " "))
        found, n = speaker_lines(doc, a)
        lines += found
        counts.update(n)
    if args.out:
        Path(args.out).write_text("\n".join(lines) + "\n", encoding="utf-8")
    else:
        print("\n".join(lines))
    for cls, n in sorted(counts.items(), key=lambda kv: (kv[0].split(":")[0], -kv[1])):
        print(f"{n:5}  {cls}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
