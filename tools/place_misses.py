"""Which gold places Tidings misses, and why: one line per miss, grouped by category.

    .venv/bin/python tools/place_misses.py GOLD [--cache FILE] [--limit N] [--category C]

Runs the default pipeline over every document of the gold file (as ``tidings eval`` does), or
reads the analyses' places from ``--cache`` when that file exists (and writes it otherwise), and
compares each required gold place with the predicted place whose mention overlaps it:

- ``far``: found on the gold span, but its point lies more than 161 km from the gold point
  (the predicted kind tells a country or division placed elsewhere from a wrong sense);
- ``unseen``: no predicted place overlaps any of the gold's mentions.

Each line gives the gold name, its Wikipedia page, the gold point, our name, kind, country and
point, and the distance. ``--mentions`` counts every gold mention instead (as ``place_mentions``
scores them), grouped by category, gold name and ours, most frequent first. Gold files are read, never copied; nothing of them is written anywhere
but the cache the caller names (a temporary file).
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path
from typing import Any

import tidings
from tidings.evaluation.gold import load_gold_files
from tidings.places.gazetteer import distance_km

MAX_KM = 161.0


def analyse(gold_file: Path, cache: Path | None) -> dict[str, list[dict[str, Any]]]:
    """Predicted places per document id: read from ``cache`` if it exists, else computed."""
    if cache is not None and cache.exists():
        data: dict[str, list[dict[str, Any]]] = json.loads(cache.read_text("utf-8"))
        return data
    pipeline = tidings.load()
    out: dict[str, list[dict[str, Any]]] = {}
    for doc in load_gold_files([gold_file]):
        a = pipeline.analyze(doc.text, published=doc.published, title=doc.title, source=doc.where)
        out[doc.id] = [p.model_dump(mode="json") for p in a.places]
    if cache is not None:
        cache.write_text(json.dumps(out), "utf-8")
    return out


def _mentions(p: dict[str, Any]) -> list[tuple[int, int]]:
    spans = p.get("mentions") or [p["span"]]
    return [(s["start"], s["end"]) for s in spans]


def _gold_mentions(g: dict[str, Any]) -> list[tuple[int, int]]:
    spans = g.get("mentions") or ([g["span"]] if g.get("span") else [])
    return [(int(s[0]), int(s[1])) for s in spans]


def classify(g: dict[str, Any], preds: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The miss for one gold place, or None when a prediction on its span is within 161 km."""
    spans = _gold_mentions(g)
    on_span = [
        p for p in preds
        if any(a < e and s < b for a, b in _mentions(p) for s, e in spans)
    ]  # fmt: skip
    row: dict[str, Any] = {
        "gold": g["text"],
        "page": str(g.get("page", "")).rsplit("/", 1)[-1],
        "gold_point": (g.get("lat"), g.get("lon")),
    }
    if not on_span:
        return {**row, "category": "unseen"}
    best, km = None, float("inf")
    for p in on_span:
        if p.get("lat") is None or g.get("lat") is None:
            continue
        d = distance_km(p["lat"], p["lon"], float(g["lat"]), float(g["lon"]))
        if d < km:
            best, km = p, d
    if km <= MAX_KM:
        return None
    p = best or on_span[0]
    ours = f"{p['name']} [{p['kind']}, {p.get('country')}] ({p.get('lat')}, {p.get('lon')})"
    return {**row, "category": f"far:{p['kind']}", "ours": ours, "km": round(km)}


def mention_misses(gold_file: Path, predicted: dict[str, list[dict[str, Any]]]) -> Counter[Any]:
    """Gold mentions with no prediction on them within 161 km: (category, gold, ours) -> n."""
    out: Counter[Any] = Counter()
    for doc in load_gold_files([gold_file]):
        preds = predicted.get(doc.id, [])
        for g in doc.items("places"):
            for span in _gold_mentions(g):
                miss = classify({**g, "mentions": [span]}, preds)
                if g.get("required", True) and miss is not None:
                    out[(miss["category"], g["text"], miss.get("ours", ""))] += 1
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("gold", type=Path)
    ap.add_argument("--cache", type=Path, help="JSON file of the analyses' places (read/write)")
    ap.add_argument("--category", help="Only misses of this category (prefix)")
    ap.add_argument("--limit", type=int, default=0, help="At most this many lines per category")
    ap.add_argument("--mentions", action="store_true", help="Count every gold mention")
    args = ap.parse_args()
    predicted = analyse(args.gold, args.cache)
    if args.mentions:
        counted = mention_misses(args.gold, predicted)
        for (cat, gold, ours), n in counted.most_common(args.limit or None):
            print(f"{n}\t{cat}\t{gold}\t{ours}")
        print(f"# {sum(counted.values())} mentions missed")
        return
    misses: list[dict[str, Any]] = []
    for doc in load_gold_files([args.gold]):
        for g in doc.items("places"):
            miss = classify(g, predicted.get(doc.id, []))
            if g.get("required", True) and miss is not None:
                misses.append({"doc": doc.id, **miss})
    counts = Counter(m["category"] for m in misses)
    for cat, n in counts.most_common():
        if args.category and not cat.startswith(args.category):
            continue
        print(f"## {cat}: {n}")
        rows = [m for m in misses if m["category"] == cat]
        for m in rows[: args.limit or None]:
            extra = f"\t{m['ours']}\t{m['km']} km" if "ours" in m else ""
            print(f"{m['doc']}\t{m['gold']}\t{m['page']}\t{m['gold_point']}{extra}")
    print(f"# {len(misses)} misses: " + ", ".join(f"{c} {n}" for c, n in counts.most_common()))


if __name__ == "__main__":
    main()
