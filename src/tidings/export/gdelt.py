"""``gdelt``: a GDELT 2.0 event-table-style TSV, one row per incident (never one per report).

The 61 columns of GDELT 2.0's event table, in its order, without a header (as GDELT ships it;
`HEADER` is written first only when asked). An incident reported by 3 articles is one row with
``NumArticles`` 3, which is what GDELT's counts mean and what its own rows often fail to be.
CAMEO codes come from the lead report; the Goldstein score from `data/cameo_goldstein.csv`.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterator
from functools import lru_cache
from importlib import resources
from typing import Any

from tidings.export.records import every, iso_date, lead, quad_code
from tidings.query import incidents

HEADER = (
    "GLOBALEVENTID SQLDATE MonthYear Year FractionDate "
    "Actor1Code Actor1Name Actor1CountryCode Actor1KnownGroupCode Actor1EthnicCode "
    "Actor1Religion1Code Actor1Religion2Code Actor1Type1Code Actor1Type2Code Actor1Type3Code "
    "Actor2Code Actor2Name Actor2CountryCode Actor2KnownGroupCode Actor2EthnicCode "
    "Actor2Religion1Code Actor2Religion2Code Actor2Type1Code Actor2Type2Code Actor2Type3Code "
    "IsRootEvent EventCode EventBaseCode EventRootCode QuadClass GoldsteinScale "
    "NumMentions NumSources NumArticles AvgTone "
    "Actor1Geo_Type Actor1Geo_FullName Actor1Geo_CountryCode Actor1Geo_ADM1Code Actor1Geo_ADM2Code "
    "Actor1Geo_Lat Actor1Geo_Long Actor1Geo_FeatureID "
    "Actor2Geo_Type Actor2Geo_FullName Actor2Geo_CountryCode Actor2Geo_ADM1Code Actor2Geo_ADM2Code "
    "Actor2Geo_Lat Actor2Geo_Long Actor2Geo_FeatureID "
    "ActionGeo_Type ActionGeo_FullName ActionGeo_CountryCode ActionGeo_ADM1Code ActionGeo_ADM2Code "
    "ActionGeo_Lat ActionGeo_Long ActionGeo_FeatureID DATEADDED SOURCEURL"
).split()
# GDELT's geographic resolution: 1 country, 4 world city, 5 world state (admin1).
GEO_TYPE = {"country": 1, "region": 1, "admin1": 5, "admin2": 5, "city": 4, "site": 4}
KNOWN_GROUP_KINDS = ("rebel", "militia", "paramilitary", "igo", "ngo")


@lru_cache(maxsize=1)
def goldstein_table() -> dict[str, float]:
    """CAMEO event code → Goldstein score, from the shipped data file."""
    text = resources.files("tidings.export").joinpath("data/cameo_goldstein.csv").read_text("utf-8")
    rows = csv.DictReader(line for line in text.splitlines() if not line.startswith("#"))
    return {row["code"]: float(row["goldstein"]) for row in rows}


def goldstein(code: str | None) -> float | None:
    """The Goldstein score of a CAMEO code, else of its base (3-digit) or root (2-digit) code."""
    table = goldstein_table()
    for cut in (4, 3, 2):
        if code and len(code) >= cut and code[:cut] in table:
            return table[code[:cut]]
    return None


def _actor(actors: list[dict[str, Any]]) -> list[Any]:
    """The 10 Actor columns of the first actor (GDELT has one actor per side)."""
    if not actors:
        return [""] * 10
    a = actors[0]
    group = (a.get("cameo") or "") if a.get("kind") in KNOWN_GROUP_KINDS else ""
    name = " ".join(str(a.get("name") or "").upper().split())
    return [
        a.get("cameo") or a.get("country") or "",
        name,
        a.get("country") or "",
        group,
        "",
        "",
        "",
        a.get("sector") or "",
        "",
        "",
    ]


def _geo(place: dict[str, Any] | None) -> list[Any]:
    """The 8 ActionGeo columns (FIPS codes are not known: ISO alpha-2 stands in)."""
    if not place:
        return [0, "", "", "", "", "", "", ""]
    country = place.get("country") or ""
    full = ", ".join(str(x) for x in (place.get("name"), place.get("admin1")) if x)
    return [
        GEO_TYPE.get(place.get("kind") or "", 4),
        full,
        country,
        country,
        "",
        place.get("lat", ""),
        place.get("lon", ""),
        place.get("geonameid") or "",
    ]


def _when(inc: dict[str, Any], best: dict[str, Any]) -> list[Any]:
    day = dt.date.fromisoformat(iso_date(inc["date"] or best.get("published")) or "1900-01-01")
    fraction = round(day.year + (day.month * 30 + day.day) / 365, 4)
    return [day.strftime("%Y%m%d"), day.strftime("%Y%m"), day.year, fraction]


def row(inc: dict[str, Any]) -> list[Any]:
    """The 61 cells of one incident."""
    best = lead(inc["reports"])
    code = best.get("cameo") or ""
    score = goldstein(code)
    added = (inc["first_report"] or "").replace("-", "") + "000000" if inc["first_report"] else ""
    return [
        int(inc["incident_id"][1:], 16),
        *_when(inc, best),
        *_actor(best["source"]),
        *_actor(best["target"]),
        1 if best.get("sentence", {}).get("start", 0) < 400 else 0,
        code,
        code[:3],
        code[:2],
        quad_code(inc["type"]),
        "" if score is None else score,
        inc["n_reports"],
        inc["n_outlets"],
        inc["n_articles"],
        "",
        *[0, "", "", "", "", "", "", ""],
        *[0, "", "", "", "", "", "", ""],
        *_geo(inc.get("place")),
        added,
        best.get("url") or "",
    ]


def rows(store: Any) -> Iterator[list[Any]]:
    """Every incident's row."""
    for inc in every(incidents, store):
        yield row(inc)
