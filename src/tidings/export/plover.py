"""``plover``: PLOVER records (JSONL), one per event or one per incident.

Field names follow the PLOVER manual's data-field chapter (snake_case for its two-word names:
``event_loc``, ``event_text``, ``text_info``, ``cite_info``); the manual invites extra named
fields, and Tidings adds what PLOVER has no field for: ``certainty``, ``attributed_to``,
``polarity``, ``cameo``, ``incident`` and, per incident, its source counts and disagreements.
`schema/plover-record.json` is the JSON Schema every record validates against.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterator
from typing import Any

from tidings import __version__
from tidings.export.records import every, iso_date, lead, quad_code
from tidings.places.codes import alpha3
from tidings.query import events, incidents

RESOLUTION = {"site": 5, "city": 4, "admin2": 3, "admin1": 2, "region": 2, "country": 1}
FEATURE = {
    "site": ("S", None),
    "city": ("P", "PPL"),
    "admin2": ("A", "ADM2"),
    "admin1": ("A", "ADM1"),
    "region": ("L", "RGN"),
    "country": ("A", "PCLI"),
}
CODEBOOK = "PLOVER 2.0 draft (event, mode; no context)"


def entity(actor: dict[str, Any]) -> dict[str, Any]:
    """A PLOVER entity object from a query's actor dict."""
    return {
        "code": actor.get("cameo") or actor.get("country"),
        "sector": actor.get("sector"),
        "entity_text": actor.get("name"),
        "identifier_id": actor.get("kb_id"),
        "identifier_text": actor.get("name") if actor.get("kb_id") else None,
    }


def location(place: dict[str, Any] | None) -> dict[str, Any] | None:
    """A PLOVER location object from a query's place dict."""
    if not place:
        return None
    kind = place.get("kind") or "city"
    feature_class, feature_code = FEATURE.get(kind, (None, None))
    return {
        "extracted_place": place.get("text") or place.get("name"),
        "resolved_place": place.get("name"),
        "geonameid": place.get("geonameid"),
        "lat": place.get("lat"),
        "lon": place.get("lon"),
        "city": place.get("name") if kind in ("city", "site") else None,
        "district": place.get("name") if kind == "admin2" else None,
        "province": place.get("admin1") or (place.get("name") if kind == "admin1" else None),
        "country_code": alpha3(place.get("country")),
        "feature_class": feature_class,
        "feature_code": feature_code,
        "resolution": RESOLUTION.get(kind),
    }


def _dates(value: str | None, fallback: str | None) -> dict[str, str]:
    """``date`` (and ``enddate`` for a month or a year) from a partial ISO date."""
    value = value or fallback
    first = iso_date(value)
    if not first or not value:
        return {}
    out = {"date": first}
    parts = value[:10].split("-")
    if len(parts) == 2:
        year, month = int(parts[0]), int(parts[1])
        out["enddate"] = f"{parts[0]}-{parts[1]}-{calendar.monthrange(year, month)[1]:02d}"
    elif len(parts) == 1:
        out["enddate"] = f"{parts[0]}-12-31"
    return out


def cite(row: dict[str, Any]) -> dict[str, Any]:
    """A PLOVER citation object for the article a record was read from."""
    return {
        "corpus": "tidings",
        "citation": row["article_id"],
        "url": row.get("url"),
        "title": row.get("title"),
        "publication": row.get("outlet"),
        "coder": f"tidings {__version__}",
        "codebook": CODEBOOK,
    }


def _core(row: dict[str, Any], record_id: str) -> dict[str, Any]:
    return {
        "id": record_id,
        **_dates(row.get("date"), row.get("published")),
        "actor": [entity(a) for a in row["source"]],
        "recipient": [entity(a) for a in row["target"]],
        "event": [row["type"]],
        "mode": [row["mode"]] if row.get("mode") else [],
        "context": [],
        "quad_code": quad_code(row["type"]),
        "event_loc": location(row.get("place")),
        "cameo": row.get("cameo"),
        "certainty": row.get("certainty"),
        "attributed_to": (row.get("attributed_to") or {}).get("name"),
    }


def event_record(row: dict[str, Any]) -> dict[str, Any]:
    """One PLOVER record from one row of `tidings.query.events`."""
    sentence = row["sentence"]
    record = _core(row, f"tidings-{row['article_id']}-{row['event_id']}")
    record.update(
        event_text=[sentence["text"]],
        text_info={"start": sentence["start"], "end": sentence["end"]},
        cite_info=cite(row),
        polarity=row.get("polarity"),
        incident=row.get("incident_id"),
    )
    if row.get("fatalities") is not None:
        record["size"] = {"dead": row["fatalities"]}
    return record


def incident_record(inc: dict[str, Any]) -> dict[str, Any]:
    """One PLOVER record for an incident: the lead report's actors, every report's text."""
    best = lead(inc["reports"])
    record = _core({**best, "date": inc["date"], "place": inc["place"] or best.get("place")}, "")
    record.update(
        id=f"tidings-incident-{inc['incident_id']}",
        mode=[inc["mode"]] if inc.get("mode") else record["mode"],
        certainty=inc["certainty"],
        event_text=[r["sentence"]["text"] for r in inc["reports"]],
        cite_info=cite(best),
        sources=[cite(r) for r in inc["reports"]],
        incident=inc["incident_id"],
        n_reports=inc["n_reports"],
        n_articles=inc["n_articles"],
        n_outlets=inc["n_outlets"],
        disagreements=inc["disagreements"],
    )
    if inc.get("fatalities") is not None:
        record["size"] = {"dead": inc["fatalities"]}
    return record


def records(store: Any, per: str = "event") -> Iterator[dict[str, Any]]:
    """Every PLOVER record of the store, `per` event or per incident."""
    if per == "incident":
        return (incident_record(i) for i in every(incidents, store))
    return (event_record(e) for e in every(events, store))
