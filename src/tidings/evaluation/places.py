"""The place layers: ``places`` (each place once per article) and ``place_mentions`` (every
mention's resolution, as geoparsing benchmarks score it: exact GeoNames id, else Acc@161 km).

A gold point without a GeoNames id is usually a Wikipedia coordinate. For a country or a
first-level division that point is the area's centre, which can lie a thousand kilometres from
any gazetteer's point for it (Canada's is in Nunavut, GeoNames' in Alberta). So a predicted
country or division also matches when GeoNames puts the gold point inside it: the populated
place nearest the point lies in that country (and division). A gold point that sits on a town
of the gold's own name is a town, and a country there is no match.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from tidings.evaluation.core import GoldItem, Scorer, gold_item, pred_item
from tidings.evaluation.match import Interval, km_between, norm_name, overlap
from tidings.model import Place, Span

PLACE_MAX_KM = 161.0  # "Acc@161": the usual toponym-resolution tolerance (100 miles)
ADMIN_KINDS = frozenset({"admin1", "admin2"})
AREA_KINDS = frozenset({"country", "admin1"})


def _iv(span: Span) -> Interval:
    return (span.start, span.end)


def places(s: Scorer) -> None:
    """Same GeoNames id; or same country and name for admin areas; or within 161 km (or, for an
    area, containing the gold point) on the span.

    Gold lists each place once however often it is named, so predicted mentions are grouped by
    the place they resolve to before matching: naming Iran sixteen times is one place.
    """
    gold = _one_per_place(s.gold.items("places"))
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
        place = group[0]
        gid = g.get("geonameid")
        if gid is not None and place.geonameid == gid:
            return 3.0
        if _same_admin_area(g, group):
            return 2.0
        if gid is None and g.get("lat") is not None and g.get("lon") is not None:
            right = [p for p in group if _point_right(g, p)]
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
        return 1.0 if _point_right(g, place) else None

    s.score("place_mentions", golds, preds, quality)


def _one_per_place(gold: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Gold entries naming one place under two names ("U.S." and "United States", same page or
    same id) become one entry with both names' mentions: the layer counts places, not names."""
    out: list[dict[str, Any]] = []
    seen: dict[Any, dict[str, Any]] = {}
    for g in gold:
        key = g.get("geonameid") or g.get("page")
        first = seen.get(key) if key else None
        if first is None or not g.get("mentions") or not first.get("mentions"):
            out.append(dict(g))
            if key:
                seen.setdefault(key, out[-1])
            continue
        first["mentions"] = [*first["mentions"], *g["mentions"]]
        first["required"] = first.get("required", True) is not False or g.get("required", True)
    return out


def _spans(p: Place) -> list[Span]:
    return p.mentions or [p.span]


def _gold_spans(s: Scorer, g: dict[str, Any]) -> list[Interval]:
    """Where the gold place is named: every mention it lists, else its span or text."""
    found = _mention_spans(s, g)
    return found or s.locate(g, "text")


def _mention_spans(s: Scorer, g: dict[str, Any]) -> list[Interval]:
    return sorted(set(s.spans_in_text(g.get("mentions"))))


def _point_right(g: dict[str, Any], p: Place) -> bool:
    """Within 161 km of the gold point, or an area GeoNames puts the gold point in."""
    if g.get("lat") is None or g.get("lon") is None:
        return False
    lat, lon = float(g["lat"]), float(g["lon"])
    if (
        p.lat is not None
        and p.lon is not None
        and km_between(p.lat, p.lon, lat, lon) <= PLACE_MAX_KM
    ):
        return True
    if p.kind == "region" and p.geonameid is not None:
        inside = _area_of_point(round(lat, 3), round(lon, 3))
        continent = _continents().get(p.geonameid)
        return bool(continent and inside and _continents().get(inside[0] or "") == continent)
    if p.kind not in AREA_KINDS or not p.country:
        return False
    inside = _area_of_point(round(lat, 3), round(lon, 3))
    if inside is None or inside[0] != p.country or _town_named(g["text"], lat, lon):
        return False
    return p.kind == "country" or norm_name(p.admin1 or p.name) == norm_name(inside[1] or "")


@lru_cache(maxsize=4096)
def _area_of_point(lat: float, lon: float) -> tuple[str | None, str | None] | None:
    """(country, admin1 name) GeoNames gives the populated place nearest the point."""
    from tidings.places.gazetteer import open_gazetteer

    e = open_gazetteer().nearest_city(lat, lon)
    return None if e is None else (e.country, e.admin1)


@lru_cache(maxsize=1)
def _continents() -> dict[Any, str]:
    """Continent code of each continent's GeoNames id and of each country (GeoNames' own)."""
    from tidings.places.gazetteer import _gnc

    out: dict[Any, str] = {c["geonameId"]: code for code, c in _gnc("continents.json").items()}
    out.update({cc: c["continentcode"] for cc, c in _gnc("countries.json").items()})
    return out


@lru_cache(maxsize=4096)
def _town_named(name: str, lat: float, lon: float) -> bool:
    """Whether a populated place of this name lies at the point: the gold then means the town."""
    from tidings.places.gazetteer import open_gazetteer

    for e in open_gazetteer().lookup(name):
        if e.kind == "city" and e.lat is not None and e.lon is not None:
            if km_between(e.lat, e.lon, lat, lon) <= PLACE_MAX_KM / 4:
                return True
    return False


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
