"""The place layers, by the gold format's rule (docs/evaluation.md), nothing looser.

- ``places``: each gold place as the gold lists it, once per article. The analysis' places are
  grouped by GeoNames id first, so naming Iran sixteen times is one prediction. A prediction
  matches a gold place with the same GeoNames id; or, for admin areas, the same country and
  name; or, where the gold gives coordinates but no id, when one of its mentions overlaps the
  gold's span and its point lies within 161 km of the gold point ("Acc@161").
- ``place_mentions``: every gold mention is one item, as geoparsing benchmarks score it: found
  when a predicted mention overlaps it and resolves to the gold place (the same GeoNames id
  where the gold gives one, else a point within 161 km).

A gold point for a country or a state is wherever its source put it (Wikipedia's centre of the
area): a prediction is right only when its own point is that close, so Tidings gives areas
GeoNames' central points, not their capitals.
"""

from __future__ import annotations

from typing import Any

from tidings.evaluation.core import GoldItem, Scorer, gold_item, pred_item
from tidings.evaluation.match import Interval, km_between, norm_name, overlap
from tidings.model import Place, Span

PLACE_MAX_KM = 161.0  # "Acc@161": the usual toponym-resolution tolerance (100 miles)
ADMIN_KINDS = frozenset({"admin1", "admin2"})


def _iv(span: Span) -> Interval:
    return (span.start, span.end)


def places(s: Scorer) -> None:
    """Same GeoNames id; or same country and name for admin areas; or, for a gold point
    without an id, on the gold span and within 161 km."""
    gold = s.gold.items("places")
    if not gold:
        return
    golds = [gold_item(p, f"{p['text']} ({p.get('geonameid')}, {p.get('country')})") for p in gold]
    groups: dict[Any, list[Place]] = {}
    for p in s.analysis.places:
        key = p.geonameid if p.geonameid is not None else (norm_name(p.name), p.country)
        groups.setdefault(key, []).append(p)
    preds = [
        pred_item(g, f"{g[0].name} ({g[0].geonameid}, {g[0].country}) x{len(g)}")
        for g in groups.values()
    ]

    def quality(g: dict[str, Any], group: list[Place]) -> float | None:
        gid = g.get("geonameid")
        if gid is not None and group[0].geonameid == gid:
            return 3.0
        if _same_admin_area(g, group):
            return 2.0
        if gid is not None or g.get("lat") is None or g.get("lon") is None:
            return None
        right = [p for p in group if _within(g, p)]
        locs = _gold_spans(s, g)
        if locs and any(overlap(_iv(m), loc) for p in right for m in _spans(p) for loc in locs):
            return 1.0
        if not locs and any(norm_name(p.text) == norm_name(g["text"]) for p in right):
            return 1.0
        return None

    s.score("places", golds, preds, quality)


def place_mentions(s: Scorer) -> None:
    """Every gold mention of a place is one item: found when a predicted mention overlaps it and
    resolves to the gold place (same GeoNames id where the gold gives one, else Acc@161)."""
    golds: list[GoldItem] = []
    for p in s.gold.items("places"):
        for iv in _mention_spans(s, p):
            golds.append(gold_item({**p, "_at": iv}, f"{p['text']} @{iv[0]}"))
    if not golds:
        return
    preds = [
        pred_item((p, m), f"{p.name} ({p.geonameid}, {p.country}) @{m.start}")
        for p in s.analysis.places
        for m in _spans(p)
    ]

    def quality(g: dict[str, Any], pm: tuple[Place, Span]) -> float | None:
        place, m = pm
        if not overlap(_iv(m), g["_at"]):
            return None
        if g.get("geonameid") is not None:
            return 2.0 if place.geonameid == g["geonameid"] else None
        return 1.0 if _within(g, place) else None

    s.score("place_mentions", golds, preds, quality)


def _spans(p: Place) -> list[Span]:
    return p.mentions or [p.span]


def _gold_spans(s: Scorer, g: dict[str, Any]) -> list[Interval]:
    """Where the gold place is named: every mention it lists, else its span or text."""
    found = _mention_spans(s, g)
    return found or s.locate(g, "text")


def _mention_spans(s: Scorer, g: dict[str, Any]) -> list[Interval]:
    return sorted(set(s.spans_in_text(g.get("mentions"))))


def _within(g: dict[str, Any], p: Place) -> bool:
    """The predicted point lies within 161 km of the gold point."""
    if g.get("lat") is None or g.get("lon") is None or p.lat is None or p.lon is None:
        return False
    return km_between(p.lat, p.lon, float(g["lat"]), float(g["lon"])) <= PLACE_MAX_KM


def _same_admin_area(g: dict[str, Any], group: list[Place]) -> bool:
    place = group[0]
    kind = g.get("kind") or place.kind  # the gold's kind decides when it gives one
    if kind not in ADMIN_KINDS or not g.get("country") or not place.country:
        return False
    if str(g["country"]).upper() != place.country.upper():
        return False
    gold_names = {norm_name(n) for n in (g.get("text"), g.get("name")) if n}
    names = {norm_name(place.name)} | {norm_name(p.text) for p in group}
    return bool(gold_names & names)
