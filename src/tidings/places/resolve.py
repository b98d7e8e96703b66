"""Toponym resolution: which gazetteer place each name means.

Candidates are scored on evidence a reader uses: the kind of place (a country named "Iran" is
the country, not a village of that name), its population, the document's countries (from the
actors and from country names), "X, Y" containment ("Paris, Texas"), feature words ("Tehran
province"), and the places resolved around it in the same paragraph. Two passes: the first
with document context only, the second adding the first pass's neighbours.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from tidings.places.gazetteer import Entry, Gazetteer, distance_km, name_key
from tidings.places.recognize import DOUBTFUL_LABELS, Lexicon, Toponym, located

KIND_PRIOR = {"country": 2.5, "region": 1.5, "admin1": 0.5, "city": 0.0, "admin2": -0.5}
POPULATION_WEIGHT = 0.6  # per power of ten
CAPITAL_BONUS = 1.5  # national capitals are named far more often than their namesakes
SMALL_TOWN = 20_000  # below this, a town outside the document's countries needs more evidence
BIG_CITY = 500_000  # a seat-of-government metonym this populous is the city itself ("Abidjan")
SOURCE_BASE = {"ner": 0.95, "actor": 0.9, "gazetteer": 0.8}
MATCHER_MIN_POPULATION = 100_000  # a bare capitalised word must name a big place
NEIGHBOUR_KM = 300.0
NEIGHBOUR_COUNTRY = 0.75  # a place in a country bordering one the article is about
FAMOUS = 50  # names GeoNames knows a world-known city by (Paris 109, Gaza 63)
FAME_WEIGHT = 0.25  # per doubling of the names GeoNames knows a city by
LIST_KIND, LIST_LONG = 2.5, 5.0  # a place listed with places of its kind; in a long list
LONG_LIST = 3  # more places of one kind than this make a long list
REGION_LOC = 2.5  # a region or sea for a name NER calls a location (LOC), not a town
PERSON_PREPOSITIONS = frozenset({"to", "from", "at", "toward", "towards", "between", "via"})
STATE_NAMESAKE = 1.5  # a town named after a division of its own country, elsewhere
AREA_PART = 2.0  # a state, country or region after "upstate", "northern", ...
STATE_BONUS = 3.0  # a town or county in a state or province the article names
METROPOLIS, CITY_PART_KM = 1_000_000, 20.0  # a city whose boroughs news names "X, <city>"
NEAR_STATE_BONUS = 1.5  # ... that the town's own sentence names
PARAGRAPH_STATE_BONUS = 1.0  # ... that the town's paragraph names


@dataclass
class Resolved:
    """A toponym with the place it names."""

    toponym: Toponym
    entry: Entry
    score: float
    confidence: float
    why: str = ""  # the evidence that decided, for the record


def short_acronym(text: str) -> bool:
    """Short and all in capitals, like "US" or "UAE"; a headline's "TEHRAN" is not one."""
    letters = [c for c in text if c.isalpha()]
    return 2 <= len(letters) <= 4 and all(c.isupper() for c in letters)


def candidates(gaz: Gazetteer, top: Toponym) -> list[Entry]:
    """The gazetteer's places for a toponym, with the case rule for acronyms applied."""
    out = []
    acro = short_acronym(top.text)
    for e in gaz.lookup(top.text):
        if acro != short_acronym(e.form) and not (not acro and top.text.isupper()):
            continue  # "US" never means the town "Us"; "Us" never means the US
        if e.form.endswith(".") and "." not in top.text:
            continue  # "Va." is Virginia; "Va" and "Miss" are not
        out.append(e)
    return out


def _inside(e: Entry, c: Entry) -> bool:
    if c.kind == "country":
        return e.country == c.country
    if c.kind == "admin1":
        return e.country == c.country and e.admin1_code == c.admin1_code
    if c.kind == "city":  # "Queens, New York", "the X district of Baghdad"
        return (
            e.kind in ("city", "admin2")
            and e.id != c.id
            and e.country == c.country
            and None not in (e.lat, e.lon, c.lat, c.lon)
            and distance_km(e.lat, e.lon, c.lat, c.lon) <= CITY_PART_KM  # type: ignore[arg-type]
        )
    return False


def _part_of_city(e: Entry, city: Entry) -> bool:
    """Whether town ``e`` is a part of a metropolis ("Queens, New York", "Salford, Manchester"):
    a less populous place of the same division within `CITY_PART_KM` of it."""
    return (
        e.kind == "city"
        and city.population >= METROPOLIS
        and e.population < city.population
        and e.admin1_code == city.admin1_code
        and _inside(e, city)
    )


def _outside_part(t: Toponym, e: Entry, container: Entry) -> bool:
    """A part named "of" a place or after its possessive that does not lie in it ("the Southern
    District of Ohio" is none of Hong Kong's); a town holds no state or country ("Steele's
    Texas based company")."""
    return (
        bool(t.extra.get("part_of"))
        and container.kind in ("city", "admin1", "country")
        and not _inside(e, container)
        and not (container.kind == "city" and e.kind in ("admin1", "country"))
    )


def _outside(e: Entry, container: Entry) -> bool:
    """A town or division that does not lie in the country or division after its comma."""
    if container.kind not in ("country", "admin1") or e.kind in ("country", "region"):
        # "the Middle East, China and elsewhere": a region lies in no country
        return False
    return not (container.kind == "admin1" and e.kind == "admin1") and not _inside(e, container)


def score(
    e: Entry,
    top: Toponym,
    cands: list[Entry],
    countries: Counter[str],
    container: Entry | None = None,
    neighbours: Sequence[Entry] = (),
    contents: Sequence[Entry] = (),
    why: list[str] | None = None,
    bordering: frozenset[str] = frozenset(),
) -> float:
    """How well place ``e`` explains toponym ``top`` (higher is better); ``why`` collects the
    contextual evidence that counted."""
    why = [] if why is None else why
    s = KIND_PRIOR.get(e.kind, 0.0) + POPULATION_WEIGHT * math.log10(e.population + 10)
    if e.primary:
        s += 1.0
    elif (e.name + " ").startswith(e.form + " "):
        s += 0.8  # "Frankfurt" for "Frankfurt am Main", "New York" for "New York City"
    s += CAPITAL_BONUS if e.capital else 0.0
    total = sum(countries.values())
    if e.country and countries[e.country] and total:
        s += 0.5 + 1.0 * countries[e.country] / total
        why.append(f"the article's countries ({e.country})")
    elif e.country in bordering:
        s += NEIGHBOUR_COUNTRY
        why.append(f"borders the article's countries ({e.country})")
    if e.kind == "city" and e.fame and (e.primary or _short_form(e) or _known_as(e, cands)):
        s += FAME_WEIGHT * math.log2(
            1 + e.fame
        )  # Paris, France is written about more than Paris, Texas
    if container is not None and e.kind != "country":
        s += 4.0 if _inside(e, container) else -3.0
        if _inside(e, container):
            why.append(f"followed by {container.name}")
    if contents and e.kind == "city":
        if any(_part_of_city(c, e) for c in contents):
            s += 3.0  # "Queens, New York": the metropolis of which the place before is a part
            why.append("contains the place before it")
        else:
            s -= 2.0  # "Buffalo, New York": what follows a town and a comma is no town
    if contents and e.kind in ("country", "admin1") and any(_inside(c, e) for c in contents):
        s += 3.0  # "Atlanta, Georgia": the Georgia that has an Atlanta
        why.append("contains the place before it")
    states = top.extra.get("states")
    near = top.extra.get("near_states")
    here = near if isinstance(near, frozenset) else frozenset()
    if (
        isinstance(states, frozenset)
        and (e.country, e.admin1_code) in states
        and (all(c.kind in ("city", "admin2") for c in cands) or top.hint == e.kind == "city")
        and (
            (e.country, e.admin1_code) in here
            or not any(
                c.fame >= FAMOUS and c.primary and c.id != e.id and countries[c.country or ""]
                for c in cands
            )
        )
    ):  # among towns and counties of one name, not against a sea ("the Atlantic flyway");
        # against a world-known city only when its sentence names the state ("Boston" in a
        # story naming New York elsewhere is no Boston, New York; "Austin, in ... Indiana" is)
        s += STATE_BONUS  # "Fairfield" in a story about Texas is Fairfield, Texas
        why.append(f"in a division the article names ({e.country}-{e.admin1_code})")
        # the division named nearest the town outweighs one named further off
        para = top.extra.get("paragraph_states")
        if (e.country, e.admin1_code) in here:
            s += NEAR_STATE_BONUS
            why.append("named in its sentence")
        elif not here and isinstance(para, frozenset) and (e.country, e.admin1_code) in para:
            s += PARAGRAPH_STATE_BONUS
            why.append("named in its paragraph")
    if top.extra.get("list_kind") == e.kind:
        # a long list of states makes "Washington" and "New York" states too
        s += LIST_LONG if int(str(top.extra.get("list_count", 0))) > LONG_LIST else LIST_KIND
        why.append(f"listed with other places of kind {e.kind}")
    if (
        e.kind == "country"
        and not countries[e.country or ""]
        and any(c.kind == "admin1" and c.primary and countries[c.country or ""] for c in cands)
    ):
        s -= 2.5  # "Georgia" in a US story, where no Georgian actor or place appears
    if top.extra.get("area_part") and e.kind in ("country", "admin1", "region"):
        s += AREA_PART  # "upstate New York", "western Washington": an area has parts
        why.append("a part of it is named")
    if top.label == "LOC" and e.kind == "region":
        s += REGION_LOC  # NER's LOC is seas, regions, ranges: "the Pacific", not Pacific, Mo.
    hinted = top.hint == e.kind or (
        # "the department of Pando" in a story about Bolivia: departments are first-level there
        top.hint == "admin2"
        and e.kind == "admin1"
        and countries[e.country or ""] > 0
        and not any(c.kind == "admin2" and countries[c.country or ""] for c in cands)
    )
    if top.hint:
        s += 3.0 if hinted else -1.0
        if hinted:
            why.append(f"a {e.kind} by its feature word")
    if (
        e.kind == "city"
        and not e.capital
        and any(
            c.kind == "admin1" and c.primary and c.country == e.country
            and c.admin1_code != e.admin1_code
            for c in cands
        )
    ):  # fmt: skip
        s -= STATE_NAMESAKE  # "Authorities in Wyoming": the state, not Wyoming, Michigan
    if e.kind in ("admin1", "admin2") and not hinted:
        # "Tehran" is the city, not the province named after it.
        if any(
            c.kind == "city" and c.country == e.country
            and (c.primary or c.population >= MATCHER_MIN_POPULATION)
            and (e.kind == "admin2" or c.admin1_code == e.admin1_code)
            for c in cands
        ):  # fmt: skip
            s -= 2.5
        if e.kind == "admin2" and any(c.kind == "admin1" and c.country == e.country for c in cands):
            s -= 1.0
        if any(
            c.kind == "city" and c.primary and c.fame >= FAMOUS
            and (countries[c.country or ""] or c.country in bordering)
            for c in cands
        ):  # fmt: skip
            s -= 1.5  # a division named like a world-known city in or beside the story ("Gaza")
    for n in neighbours:
        if n.id == e.id or n.kind in ("country", "admin1", "region"):
            continue  # an area's point is no neighbourhood; containment counts instead
        if n.lat is not None and e.lat is not None and n.lon is not None and e.lon is not None:
            if distance_km(n.lat, n.lon, e.lat, e.lon) <= NEIGHBOUR_KM:
                s += 1.0
                why.append(f"near {n.name}, named in the paragraph")
                break
    return s


def _known_as(e: Entry, cands: list[Entry]) -> bool:
    """A world-known city by another of its names ("Medina" for Madinah), where no country,
    division or region bears the name ("Mexico", "Victoria") and no town of the city's own
    country has it as its own name; the city's own division, named after it, is no rival
    (Madinah in Al Madinah region)."""
    return (
        e.fame >= FAMOUS
        and all(
            c.kind in ("city", "admin2") or (c.kind == "admin1" and c.country == e.country)
            for c in cands
        )
        # "Franklin", an old name of Columbus, is the own name of towns in Columbus's country
        and not any(c.primary and c.kind == "city" and c.country == e.country for c in cands)
    )


def _short_form(e: Entry) -> bool:
    """ "Frankfurt" for "Frankfurt am Main"; not "New York" for "New York City", which names
    the city of the state or country "New York" usually means."""
    return (e.name + " ").startswith(e.form + " ") and not e.name.endswith(" City")


def _confidence(top: Toponym, best: float, second: float | None) -> float:
    margin = 5.0 if second is None else best - second
    c = SOURCE_BASE.get(top.source, 0.8) * (1.0 - 0.5 * math.exp(-max(margin, 0.0)))
    return round(min(0.99, max(0.05, c)), 3)


def accepted(
    r: Resolved,
    lex: Lexicon,
    countries: Counter[str],
    story: Counter[str] | None = None,
    bordering: frozenset[str] = frozenset(),
) -> bool:
    """Whether a resolution is good enough to keep; bare gazetteer matches need more evidence.
    ``story``: the countries of the actors and of unambiguous country names alone."""
    t, e = r.toponym, r.entry
    story = countries if story is None else story
    if name_key(t.text) in lex.buildings and not (
        e.kind == "city" and e.population >= BIG_CITY and e.primary
    ):
        return False  # "the White House" is not White House, Tennessee; Abidjan is a city
    in_story = bool(e.primary and countries[e.country or ""])
    known = (
        e.population >= MATCHER_MIN_POPULATION  # "Calcutta", an old name of a city
        or (e.population >= SMALL_TOWN and countries[e.country or ""] > 0)  # "Palmyra", Syria
        or (
            e.primary
            and (
                e.kind in ("country", "admin1", "region") or e.population >= SMALL_TOWN or in_story
            )
        )
    )
    if (
        e.kind == "city"
        and e.population < MATCHER_MIN_POPULATION
        and ((t.determiner and not t.modifier) or t.hint == "site")
    ):
        return False  # "the Pentagon", "Heathrow airport": a facility, not the town
    if (
        e.kind == "city"
        and e.population < SMALL_TOWN
        and not countries[e.country or ""]
        and t.container is None
        and t.hint is None
    ):
        return False  # a village elsewhere that shares a name is likelier a misreading
    if (
        e.kind == "city"
        and e.population < MATCHER_MIN_POPULATION
        and sum(story.values()) > 0
        and not story[e.country or ""]
        and e.country not in bordering
        and t.container is None
        and t.hint is None
    ):
        return False  # a town far from every country the story is about ("Suba" in Kenya)
    if (
        e.kind == "city"
        and not e.primary
        and e.population < MATCHER_MIN_POPULATION
        and sum(story.values()) > 0
        and not story[e.country or ""]
        and t.container is None
    ):
        return False  # "Satpai" in a story about Nepal: not Netrakona, Bangladesh
    if t.hint in ("admin1", "admin2") and e.kind == "city" and not story[e.country or ""]:
        return False  # "Nyanza Province" is no town in a country the story is not about
    if t.extra.get("surname"):
        # the surname of someone the story names in full: "in Clinton, Iowa", "the town of
        # Clinton"; not "talked to Clinton", "at the Clinton campaign", "Obama and Clinton"
        return known and (
            t.container is not None
            or bool(t.hint and t.hint != "site")
            or (
                t.locative
                and not t.modifier
                and t.extra.get("preposition") not in PERSON_PREPOSITIONS
            )
        )
    if t.extra.get("person"):
        return located(t) and known  # "Austin" the person; "in Austin", "Giza and Minya"
    if t.source == "ner" and t.text in lex.not_places and not (t.hint or t.container is not None):
        return False  # "the South" of a country, "West and East African": no division
    if t.extra.get("after_kin") and not (t.locative or t.container is not None):
        return False  # "survived by his girlfriend Olivia": a person, not Olivia, Minnesota
    if t.source != "gazetteer":
        return True
    if t.text.casefold() in lex.feature_words:
        return False  # "Children's Hospital of ...": a kind of place is no town named after it
    if t.extra.get("office"):  # "Queensland Premier": a division, country or real town
        return (
            t.text not in lex.not_places
            and e.primary
            and (e.kind != "city" or e.population >= SMALL_TOWN)
        )
    if t.extra.get("in_name"):
        return False  # a word of a longer name ("Children's Hospital"), not the town
    if t.text in lex.not_places and not (t.locative or t.hint):
        return False
    if (
        e.kind == "site"
        and name_key(e.form) == name_key(t.text)
        and len(t.text.split()) > 1
        and lex.feature_words.get(t.text.split()[-1].casefold()) == "site"
    ):
        return True  # "Da Nang International Airport": the whole name says it is a place
    if t.label in DOUBTFUL_LABELS or t.extra.get("in_actor"):
        # NER took it for an organisation: a place only where the text uses it as one, and
        # only a known place or one in a country the story is about
        return t.text not in lex.not_places and located(t) and known
    if e.kind in ("country", "region") and not t.initial and (e.primary or located(t)):
        return True  # "Zaire, Zambia and Angola": an old name of a country, listed as one
    if e.kind == "admin1" and e.primary and not t.initial and countries[e.country or ""]:
        return True  # a division of a country the story is about
    if t.locative or t.hint or t.container is not None or t.extra.get("origin"):
        return e.primary or e.population >= MATCHER_MIN_POPULATION
    return e.primary and e.population >= MATCHER_MIN_POPULATION and not t.initial


def document_countries(cands: list[list[Entry]], actor_countries: Counter[str]) -> Counter[str]:
    """Actor countries plus countries named unambiguously ("Georgia" is not, beside the state)."""
    countries: Counter[str] = Counter(actor_countries)
    for cs in cands:
        for e in cs:
            if e.kind != "country" or not e.primary or not e.country:
                continue
            rivals = [
                c for c in cs if c is not e and c.primary and c.population * 10 >= e.population
            ]
            if not rivals:
                countries[e.country] += 1
    return countries


def resolve(
    tops: list[Toponym], gaz: Gazetteer, lex: Lexicon, actor_countries: Counter[str]
) -> list[Resolved | None]:
    """The best place for each toponym (None where nothing fits or the evidence is too thin)."""
    cands = [candidates(gaz, t) for t in tops]
    countries = document_countries(cands, actor_countries)
    bordering = frozenset(n for cc in countries for n in gaz.neighbours(cc)) - set(countries)
    # by paragraph and by container, so each toponym looks only at its own (linear time)
    keys = [name_key(t.text) for t in tops]
    by_paragraph: dict[int, list[int]] = {}
    inner: dict[int, list[int]] = {}
    for j, u in enumerate(tops):
        by_paragraph.setdefault(u.paragraph, []).append(j)
        if u.container is not None:
            inner.setdefault(u.container, []).append(j)
    # "Perth, Ontario": what a name contains counts from the first pass on
    first = [
        _pick(t, cs, countries, contents=[e for j in inner.get(i, ()) for e in cands[j]],
              bordering=bordering)
        for i, (t, cs) in enumerate(zip(tops, cands, strict=True))
    ]  # fmt: skip
    second: list[Resolved | None] = []
    by_name = {
        name_key(r.toponym.text): r.entry.country
        for r, cs in zip(first, cands, strict=True)
        if r is not None and r.entry.country and r.entry.kind in ("city", "admin1", "admin2")
        and not any(c.kind == "country" for c in cs)
    }  # fmt: skip
    placed = countries + Counter(by_name.values())
    _kind_context(tops, first, keys)
    for i, (t, cs) in enumerate(zip(tops, cands, strict=True)):
        outer = first[t.container] if t.container is not None else None
        container = outer.entry if outer is not None else None
        if t.extra.get("possessed") and container is not None and container.kind != "city":
            container = None  # "Russia's Crimea", "Syria's Idlib": no claim of containment
        neighbours = [
            r.entry
            for j in by_paragraph[t.paragraph]
            if (r := first[j]) is not None and j != i and keys[j] != keys[i]
        ]
        contents = [e for j in inner.get(i, ()) for e in cands[j]]
        own = by_name.get(keys[i])  # the other places' countries, not its own guess
        ctx = placed - Counter([own]) if own else placed
        r = _pick(t, cs, ctx, container, neighbours, contents, bordering)
        if (
            r is not None
            and container is not None
            and (_outside(r.entry, container) or _outside_part(t, r.entry, container))
        ):
            r = None  # "Perth, Ontario": not the Perth of England; no Adhamiyah far from Baghdad
        if (
            r is None
            and container is not None
            and _names_a_town(t)
            and not (t.extra.get("possessed") and t.source != "ner")  # "Frankfurt's DAX"
        ):
            t.extra["unlisted_in"] = t.container  # a town the gazetteer lacks, in a division it has
        second.append(r)
    one_sense(second, cands)
    kept = [
        r if r is not None and accepted(r, lex, placed, countries, bordering) else None
        for r in second
    ]
    return _same_name_kept(kept, second)


def _names_a_town(t: Toponym) -> bool:
    """Whether a name placed by the one after it ("Kelso, Ontario") reads as a town's: a
    place NER vouches for or one in a gazetteer, not a person's name or part of a longer one."""
    return (
        t.label in ("GPE", "LOC", "FAC", "")
        and not t.extra.get("person")
        and not t.extra.get("in_name")
        and not t.metonymic
    )


def _divisions_of(
    first: list[Resolved | None], js: Sequence[int], keys: list[str], i: int
) -> frozenset[tuple[str | None, str | None]]:
    """The (country, division) of the first-pass readings ``js``, but those of toponym ``i``'s
    own name."""
    return frozenset(
        (r.entry.country, r.entry.admin1_code)
        for j in js
        if keys[j] != keys[i] and (r := first[j]) is not None
    )


def _kind_context(tops: list[Toponym], first: list[Resolved | None], keys: list[str]) -> None:
    """What the first pass says about each toponym's company: the kind of the places it is
    listed with (``list_kind``, ``list_count``; a sentence naming more than ``LONG_LIST``
    divisions of one country is such a list even when numbers part them: "twelve in Ontario,
    eight in Alberta, one in Quebec"), and the divisions the article names (``states``), its
    sentence names (``near_states``, not counting places listed with it) and its paragraph
    names (``paragraph_states``)."""
    divisions: dict[str, set[tuple[str | None, str | None]]] = {}
    by_sentence: dict[int, list[int]] = {}
    by_paragraph: dict[int, list[int]] = {}
    for j, r in enumerate(first):
        if r is not None and r.entry.kind == "admin1" and r.toponym.container is None:
            divisions.setdefault(keys[j], set()).add((r.entry.country, r.entry.admin1_code))
            by_sentence.setdefault(tops[j].sent_start, []).append(j)
            by_paragraph.setdefault(tops[j].paragraph, []).append(j)
    for i, t in enumerate(tops):
        group = t.extra.get("list")
        peers = group if isinstance(group, tuple) else ()  # listed with it, not around it
        t.extra["states"] = frozenset(
            d for k, ds in divisions.items() if k != keys[i] for d in ds
        )  # fmt: skip
        t.extra["near_states"] = _divisions_of(
            first, [j for j in by_sentence.get(t.sent_start, ()) if j not in peers], keys, i
        )
        t.extra["paragraph_states"] = _divisions_of(
            first, by_paragraph.get(t.paragraph, ()), keys, i
        )
        if isinstance(group, tuple):
            kinds = Counter(r.entry.kind for j in group if j != i and (r := first[j]) is not None)
            top = kinds.most_common(2)
            tie = len(top) == 2 and top[0][1] == top[1][1]  # no kind when the others split
            t.extra["list_kind"], t.extra["list_count"] = top[0] if top and not tie else (None, 0)
            continue
        countries = Counter(
            first[j].entry.country  # type: ignore[union-attr]
            for j in by_sentence.get(t.sent_start, ())
            if keys[j] != keys[i]
        )
        if countries and max(countries.values()) > LONG_LIST:
            t.extra["list_kind"], t.extra["list_count"] = "admin1", max(countries.values())


def _same_name_kept(
    kept: list[Resolved | None], all_: list[Resolved | None]
) -> list[Resolved | None]:
    """One sense per article for acceptance too: a name kept as a place in one sentence is that
    place where the evidence alone was too thin ("Bunbury" that NER took for an organisation
    elsewhere); not where it is a person or a word of a longer name."""
    sure = {name_key(r.toponym.text): r for r in kept if r is not None and r.entry.kind != "site"}
    out = list(kept)
    for i, (k, r) in enumerate(zip(kept, all_, strict=True)):
        if k is not None or r is None:
            continue
        t = r.toponym
        b = sure.get(name_key(t.text))
        if b is None or t.extra.get("person") or t.extra.get("in_name") or t.determiner:
            continue
        out[i] = Resolved(
            t,
            b.entry,
            b.score,
            b.confidence,
            f"one sense per article: as {b.toponym.text!r} ({b.why})",
        )
    return out


def one_sense(resolved: list[Resolved | None], cands: list[list[Entry]]) -> None:
    """One sense per article: a name without an "X, Y" container of its own takes the best-
    supported reading of that name elsewhere in the article."""
    best: dict[str, Resolved] = {}
    for r in resolved:
        if r is not None:
            key = name_key(r.toponym.text)
            if key not in best or r.score > best[key].score:
                best[key] = r
    for i, r in enumerate(resolved):
        if r is None or r.toponym.container is not None:
            continue
        b = best[name_key(r.toponym.text)]
        if b.entry.id != r.entry.id and any(c.id == b.entry.id for c in cands[i]):
            resolved[i] = Resolved(r.toponym, b.entry, b.score, b.confidence,
                                   f"one sense per article: as {b.toponym.text!r} before ({b.why})")  # fmt: skip


def _pick(
    top: Toponym,
    cands: list[Entry],
    countries: Counter[str],
    container: Entry | None = None,
    neighbours: Sequence[Entry] = (),
    contents: Sequence[Entry] = (),
    bordering: frozenset[str] = frozenset(),
) -> Resolved | None:
    if not cands:
        return None
    args = (countries, container, neighbours, contents)
    scored = sorted(
        ((score(e, top, cands, *args, bordering=bordering), e) for e in cands),
        key=lambda se: (-se[0], -se[1].population, se[1].id),
    )
    best, entry = scored[0]
    runner = scored[1][0] if len(scored) > 1 else None
    why: list[str] = []
    score(entry, top, cands, *args, why, bordering)
    return Resolved(top, entry, best, _confidence(top, best, runner), _explain(entry, cands, why))


def _explain(e: Entry, cands: list[Entry], why: list[str]) -> str:
    """The reasons, in words: the evidence that counted, else what made it the likeliest."""
    if len(cands) == 1:
        return "the only place of that name"
    base = f"{e.kind}, population {e.population:,}" + (", a capital" if e.capital else "")
    return "; ".join([*why, base])


def naive_lookup(gaz: Gazetteer, text: str) -> Entry | None:
    """The baseline the benchmark compares against: the most populous exact-name place."""
    hits = gaz.lookup(text)
    return max(hits, key=lambda e: e.population) if hits else None
