"""Which source of country points matches a gold file's points: every gold mention that the
analyses resolve to a country is re-scored (within 161 km) with that country's point taken from
each source in turn.

    .venv/bin/python tools/country_points.py GOLD --cache FILE

``--cache`` is the file ``tools/place_misses.py --cache`` writes (the analyses' places). The
sources: the gazetteer's rule in use (``ours``), the main landmass's centre (``landmass``), the
CIA Factbook's published point that ``countryinfo`` ships (``factbook``), Google's country points
that ``pygeolocate`` ships (``google``, if installed), and rules combining them (``medoid``: of
the sources' points, the one nearest the others). Prints one line per source: mentions within
161 km, and the countries that gain or lose against ``ours``. Gold files are read, never copied.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tidings.evaluation.gold import load_gold_files
from tidings.places.centres import country_points_by_source, distance_km

MAX_KM = 161.0
Point = tuple[float, float]


def _spans(item: dict[str, Any]) -> list[tuple[int, int]]:
    spans = item.get("mentions") or ([item["span"]] if item.get("span") else [])
    return [(int(s["start"]), int(s["end"])) if isinstance(s, dict) else (int(s[0]), int(s[1]))
            for s in spans]  # fmt: skip


def google_points() -> dict[str, Point]:
    """Google's country points (its public country table, which the ``pygeolocate`` package
    ships as ``code,lat,lon,name`` rows), by alpha-2 code; empty without that package (a
    measuring aid only: ``pip install pygeolocate``)."""
    try:
        from pygeolocate import countries_csv  # type: ignore[import-not-found,import-untyped,unused-ignore]
    except ImportError:
        return {}
    out: dict[str, Point] = {}
    for line in str(getattr(countries_csv, "DATA", "")).splitlines():
        parts = line.split(",")
        if len(parts) >= 3 and len(parts[0]) == 2:
            try:
                out[parts[0]] = (float(parts[1]), float(parts[2]))
            except ValueError:
                continue
    return out


def medoid(points: list[Point]) -> Point:
    """Of several sources' points for one place, the one nearest the others (a consensus)."""
    return min(points, key=lambda p: sum(distance_km(*p, *q) for q in points))


def score(gold: Path, predicted: dict[str, list[dict[str, Any]]],
          point: Callable[[dict[str, Any]], Point | None]) -> tuple[int, Counter[str]]:  # fmt: skip
    """Gold mentions with a prediction on them within 161 km, and those hits per country code."""
    hits = 0
    per: Counter[str] = Counter()
    for doc in load_gold_files([gold]):
        preds = predicted.get(doc.id, [])
        for g in doc.items("places"):
            if not g.get("required", True) or g.get("lat") is None:
                continue
            for s, e in _spans(g):
                for p in preds:
                    if not any(a < e and s < b for a, b in _spans(p)):
                        continue
                    pt = point(p)
                    if pt and distance_km(*pt, float(g["lat"]), float(g["lon"])) <= MAX_KM:
                        hits += 1
                        if p["kind"] == "country":
                            per[str(p.get("country"))] += 1
                        break
    return hits, per


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("gold", type=Path)
    ap.add_argument("--cache", type=Path, required=True)
    args = ap.parse_args()
    predicted = json.loads(args.cache.read_text("utf-8"))
    sources = country_points_by_source()
    google = google_points()
    if google:
        sources["google"] = google
        for name in ("rule", "landmass"):
            trio = (sources[name], sources["factbook"], google)
            sources[f"medoid({name},factbook,google)"] = {
                cc: medoid([s[cc] for s in trio if cc in s]) for cc in sources[name]
            }

    def swapped(name: str) -> Callable[[dict[str, Any]], Point | None]:
        def point(p: dict[str, Any]) -> Point | None:
            if p["kind"] == "country" and name != "ours":
                got = sources[name].get(str(p.get("country")))
                if got:
                    return got
            return (p["lat"], p["lon"]) if p.get("lat") is not None else None

        return point

    base, base_per = score(args.gold, predicted, swapped("ours"))
    print(f"ours\t{base}")
    for name in sources:
        n, per = score(args.gold, predicted, swapped(name))
        diff = {cc: per[cc] - base_per[cc] for cc in set(per) | set(base_per)}
        moved = ", ".join(f"{cc} {d:+d}" for cc, d in sorted(diff.items(), key=lambda x: x[1])
                          if d)  # fmt: skip
        print(f"{name}\t{n}\t{moved}")


if __name__ == "__main__":
    main()
