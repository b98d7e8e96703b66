"""``acled``: an ACLED-style table (CSV), one row per incident of a type ACLED codes.

Event and sub-event types come from the PLOVER type and mode by the rules in
`data/acled.yaml`; a PLOVER type ACLED does not code (talk: CONSULT, ACCUSE, ...) is left out
and counted. Fatalities are the lowest count any report gives, as ACLED records them; the
disagreement is spelled out in ``notes``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from functools import lru_cache
from importlib import resources
from typing import Any

import pycountry
import yaml

from tidings.export.records import every, iso_date, lead
from tidings.places.codes import alpha3
from tidings.query import incidents

COLUMNS = [
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3",
    "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
    "fatalities", "tags", "timestamp",
]  # fmt: skip
GEO_PRECISION = {"site": 1, "city": 1, "admin2": 2, "admin1": 3, "region": 3, "country": 3}


@lru_cache(maxsize=1)
def rules() -> dict[str, Any]:
    """The PLOVER → ACLED mapping, read from the shipped YAML file."""
    text = resources.files("tidings.export").joinpath("data/acled.yaml").read_text("utf-8")
    data: dict[str, Any] = yaml.safe_load(text)
    return data


def classify(kind: str, mode: str | None, target_kinds: set[str]) -> dict[str, str] | None:
    """ACLED's disorder, event and sub-event type of a PLOVER type and mode; None if uncoded."""
    for rule in rules()["rules"].get(kind, []):
        if "modes" in rule and mode not in rule["modes"]:
            continue
        if "target_kinds" in rule and not target_kinds & set(rule["target_kinds"]):
            continue
        return {k: rule[k] for k in ("disorder_type", "event_type", "sub_event_type")}
    return None


def _inter(actors: list[dict[str, Any]], event_type: str) -> int | str:
    if not actors:
        return ""
    if event_type == "Protests":
        return int(rules()["protester_inter"])
    if event_type == "Riots":
        return int(rules()["rioter_inter"])
    return int(rules()["inter"].get(actors[0].get("kind") or "unknown", 8))


def _names(actors: list[dict[str, Any]]) -> tuple[str, str]:
    names = [str(a.get("name") or a.get("id")) for a in actors]
    return (names[0] if names else ""), "; ".join(names[1:])


def _time_precision(inc: dict[str, Any]) -> int:
    date = inc.get("date") or ""
    if len(date) >= 10 and inc["window"][0] == inc["window"][1]:
        return 1
    return 2 if len(date) >= 10 else 3


def _notes(inc: dict[str, Any], best: dict[str, Any]) -> str:
    parts = [best["sentence"]["text"]]
    for d in inc["disagreements"]:
        told = "; ".join(
            f"{v['value']} ({', '.join(v['outlets']) or 'unnamed outlet'})" for v in d["values"]
        )
        parts.append(f"Reports disagree on {d['field']}: {told}.")
    return " ".join(parts)


def _country(code: str | None) -> tuple[str, Any]:
    found = pycountry.countries.get(alpha_2=code) if code else None
    return (found.name, int(found.numeric)) if found else ("", "")


def _epoch(day: str | None) -> int | str:
    """Seconds since 1970 of a day (ACLED's timestamp: when the record was last updated)."""
    if not day:
        return ""
    return int(dt.datetime.fromisoformat(day).replace(tzinfo=dt.UTC).timestamp())


def row(inc: dict[str, Any]) -> dict[str, Any] | None:
    """The ACLED-style row of one incident; None when ACLED does not code its type."""
    best = lead(inc["reports"])
    kinds = {str(a.get("kind")) for a in best["target"]}
    found = classify(inc["type"], inc.get("mode") or best.get("mode"), kinds)
    if found is None:
        return None
    place = inc.get("place") or {}
    day = iso_date(inc["date"] or best.get("published")) or ""
    actor1, assoc1 = _names(best["source"])
    actor2, assoc2 = _names(best["target"])
    inter1, inter2 = _inter(best["source"], found["event_type"]), _inter(best["target"], "")
    country, iso = _country(place.get("country") or inc.get("country"))
    return {
        "event_id_cnty": f"{alpha3(place.get('country')) or 'XXX'}{inc['incident_id']}",
        "event_date": day,
        "year": int(day[:4]) if day else "",
        "time_precision": _time_precision(inc),
        **found,
        "actor1": actor1, "assoc_actor_1": assoc1, "inter1": inter1,
        "actor2": actor2, "assoc_actor_2": assoc2, "inter2": inter2,
        "interaction": int(f"{min(inter1, inter2)}{max(inter1, inter2)}") if inter1 and inter2 else inter1,
        "civilian_targeting": "Civilian targeting" if "civilians" in kinds else "",
        "iso": iso, "region": "", "country": country,
        "admin1": place.get("admin1") or "", "admin2": "", "admin3": "",
        "location": place.get("name") or "",
        "latitude": place.get("lat", ""), "longitude": place.get("lon", ""),
        "geo_precision": GEO_PRECISION.get(place.get("kind") or "", 3) if place else "",
        "source": "; ".join(inc["outlets"]),
        "source_scale": "",
        "notes": _notes(inc, best),
        "fatalities": int(inc["fatalities"]) if inc.get("fatalities") is not None else 0,
        "tags": "",
        "timestamp": _epoch(inc["last_report"] or day),
    }  # fmt: skip


def rows(store: Any, skipped: list[str] | None = None) -> Iterator[dict[str, Any]]:
    """Every coded incident's row; the ids of uncoded incidents go to `skipped`."""
    for inc in every(incidents, store):
        found = row(inc)
        if found is None:
            if skipped is not None:
                skipped.append(inc["incident_id"])
            continue
        yield found
