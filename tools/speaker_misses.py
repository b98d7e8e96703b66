"""Why a found attribution gets the wrong speaker: one line per case, and a count per class.

    .venv/bin/python tools/speaker_misses.py GOLD [--every K] [--first N] [--jsonl OUT] [--all]

Runs the default pipeline over the documents of a gold file (every K-th, or the first N, to
iterate on a fixed slice), and for every required gold quote whose span we find (character F
>= 0.8, the evaluator's rule) but whose speaker is wrong, prints the gold source span, our
speaker (span, actor, note), the cue, the distance between source and content, and flags:
the gold source is a pronoun, comes after the content, is nested inside another attribution's
content, or is a conjunction ("X and Y"). Each case gets one class (see ``classify``).

Gold files are read, never copied; ``--jsonl`` writes the cases to a file the caller names
(keep it outside the repository: it quotes the gold text).
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path
from typing import Any

import tidings
from tidings.evaluation.core import Scorer
from tidings.evaluation.gold import GoldDoc, load_gold
from tidings.evaluation.layers import QUOTE_MIN_F, _gold_speaker_spans, _iv, _speaker_ok
from tidings.evaluation.match import char_f, overlap
from tidings.model import Analysis, Quote

PRONOUNS = {"he", "she", "they", "it", "we", "i", "you", "who", "that", "which", "him", "her"}


def _best(s: Scorer, g: dict[str, Any], quotes: list[Quote]) -> tuple[Quote | None, float]:
    locs = s.locate(g, "text")
    best, best_f = None, 0.0
    for q in quotes:
        f = max((char_f(_iv(q.span), loc) for loc in locs), default=0.0)
        if f > best_f:
            best, best_f = q, f
    return best, best_f


def classify(case: dict[str, Any]) -> str:
    """One reason per case, the first that applies."""
    gold, ours = case["gold_source"].lower(), (case["our_span"] or "").lower()
    if case["gold_is_cue"]:
        return "gold source is the cue"
    if case["our_span"] is None:
        return "no speaker: " + (case["note"] or "?")[:40]
    if case["our_inside_content"]:
        return "our speaker inside the content"
    if case["nested"]:
        return "nested: gold source inside another attribution"
    if " and " in gold:
        return "conjunction source"
    if gold.split()[-1:] and gold.split()[-1] in PRONOUNS:
        return "gold pronoun, ours " + ("pronoun" if ours in PRONOUNS else "a phrase")
    if ours in PRONOUNS:
        return "our pronoun, gold a phrase"
    if case["gold_after"]:
        return "source after the content"
    return "other phrase"


def cases_of(gold: GoldDoc, a: Analysis) -> tuple[list[dict[str, Any]], Counter[str]]:
    """The wrong-speaker cases of one document, and its counts of found and right spans."""
    s = Scorer(gold, a)
    counts: Counter[str] = Counter()
    golds = [g for g in gold.items("quotes") if g.get("required", True)]
    preds = [q for q in a.quotes if q.kind != "term"]
    out = []
    for g in golds:
        q, f = _best(s, g, preds)
        if q is None or f < QUOTE_MIN_F:
            continue
        counts["found"] += 1
        counts[f"found_{g.get('kind')}"] += 1
        if _speaker_ok(s, g, q):
            counts["right"] += 1
            counts[f"right_{g.get('kind')}"] += 1
            continue
        out.append(_case(s, g, q, golds))
    return out, counts


def _case(s: Scorer, g: dict[str, Any], q: Quote, golds: list[dict[str, Any]]) -> dict[str, Any]:
    text = s.text
    spans = _gold_speaker_spans(s, g)
    gsp = spans[0] if spans else None
    content = _iv(q.span)
    ours = _iv(q.speaker_span) if q.speaker_span else None
    gtext = text[gsp[0] : gsp[1]] if gsp else (g.get("speaker_text") or "")
    others = [loc for o in golds if o is not g for loc in s.locate(o, "text")]
    case = {
        "doc": s.gold.id,
        "kind": g.get("kind"),
        "content": text[content[0] : content[1]][:100],
        "gold_source": gtext,
        "gold_span": gsp,
        "cue": g.get("cue"),
        "our_cue": q.cue,
        "our_span": text[ours[0] : ours[1]] if ours else None,
        "our_actor": (
            s.analysis.actor(q.speaker).name if q.speaker and s.analysis.actor(q.speaker) else None
        ),
        "note": q.speaker_note,
        "distance": (gsp[0] - content[0]) if gsp else None,
        "gold_after": bool(gsp and gsp[0] >= content[1]),
        "gold_is_cue": bool(g.get("cue")) and gtext.strip().lower() == str(g["cue"]).lower(),
        "nested": bool(gsp and any(lo <= gsp[0] and gsp[1] <= hi for lo, hi in others)),
        "our_inside_content": bool(ours and overlap(ours, content) == ours[1] - ours[0]),
    }
    case["class"] = classify(case)
    return case


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("gold", type=Path)
    ap.add_argument("--every", type=int, default=1, help="only every K-th document")
    ap.add_argument("--first", type=int, default=0, help="only the first N documents")
    ap.add_argument("--jsonl", type=Path, help="write the cases here, one JSON per line")
    ap.add_argument("--quiet", action="store_true", help="only the counts")
    args = ap.parse_args()
    docs = load_gold(args.gold)[:: args.every]
    if args.first:
        docs = docs[: args.first]
    pipeline = tidings.load()
    cases: list[dict[str, Any]] = []
    counts: Counter[str] = Counter()
    for gold in docs:
        a = pipeline.analyze(
            gold.text, published=gold.published, title=gold.title, source=gold.where
        )
        found, c = cases_of(gold, a)
        cases += found
        counts.update(c)
    if args.jsonl:
        args.jsonl.write_text("".join(json.dumps(c, ensure_ascii=False) + "\n" for c in cases))
    if not args.quiet:
        for c in cases:
            print(
                f"{c['doc'][:40]}\t{c['kind']}\t[{c['class']}]\tgold «{c['gold_source']}» "
                f"ours «{c['our_span']}» ({c['our_actor']}) cue {c['cue']!r}/{c['our_cue']!r} "
                f"d={c['distance']} | {c['content'][:70]}"
            )
    print(f"documents {len(docs)}; found spans {counts['found']}, speaker right {counts['right']}")
    for kind in ("direct", "partial", "indirect"):
        print(f"  {kind:9} {counts['right_' + kind]}/{counts['found_' + kind]}")
    for cls, n in Counter(c["class"] for c in cases).most_common():
        print(f"  {n:4}  {cls}")


if __name__ == "__main__":
    main()
