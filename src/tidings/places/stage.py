"""The ``places`` stage: toponyms found, resolved against the gazetteer, one record per place.

Each distinct place becomes one `Place` (its first mention as span, every mention in
``mentions``, its ``precision`` and the reasons for the choice in ``resolution``); every mention
is also kept on the spaCy ``Doc`` as the span group ``tidings_places`` (label = place id), which is what
`link_event_places` reads to give events the place of their clause.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from tidings.actors.kb import KnowledgeBase, load_kb
from tidings.document import PLACE_SPANS, Document
from tidings.model import Place, PlacePrecision
from tidings.places.codes import alpha2, alpha3
from tidings.places.gazetteer import DEFAULT_MIN_POPULATION, Gazetteer, name_key, open_gazetteer
from tidings.places.recognize import Lexicon, Toponym, blocked_tokens, find_toponyms
from tidings.places.resolve import Resolved, resolve
from tidings.stage import Stage

SPAN_GROUP = PLACE_SPANS  # the span group is the Document part "place_spans"
SITE_CONFIDENCE = 0.4
UNLISTED_HOSTS = ("city", "admin2", "admin1")  # where a place no gazetteer has may be put


@dataclass(frozen=True)
class PlaceConfig:
    """gazetteer: an index path (default: built in the user cache); sites: keep FAC entities."""

    gazetteer: str | None = None
    min_population: int = DEFAULT_MIN_POPULATION
    sites: bool = True


class PlaceStage(Stage):
    """Finds and resolves place names; fills ``Document.places``."""

    name = "places"
    requires = ("doc", "structure", "actors", "mentions")
    assigns = ("places", "home_country", "place_spans")

    def __init__(
        self,
        config: PlaceConfig | None = None,
        gazetteer: Gazetteer | None = None,
        kb: KnowledgeBase | None = None,
    ) -> None:
        self.config = config or PlaceConfig()
        self._gaz = gazetteer
        self.lexicon = Lexicon.load(kb if kb is not None else load_kb())

    @property
    def gazetteer(self) -> Gazetteer:
        """Opened (and built, the first time on a machine) only when first needed."""
        if self._gaz is None:
            self._gaz = open_gazetteer(self.config.gazetteer, self.config.min_population)
        return self._gaz

    def __call__(self, d: Document) -> Document:
        if d.doc is None:
            return d
        tops = find_toponyms(d, self.gazetteer, self.lexicon)
        named = {(t.start, t.end) for t in tops}
        resolved = resolve(tops, self.gazetteer, self.lexicon, actor_countries(d, named))
        places, mentions = build_places(d, resolved)
        if self.config.sites:
            add_sites(d, tops, resolved, places, mentions, self.lexicon)
        add_repeats(d, tops, places, mentions)
        d.places = places
        d.home_country = _home(d, dateline_country(d, self.gazetteer))
        spans = [
            d.doc.char_span(t.start, t.end, label=pid, alignment_mode="expand")
            for t, pid in mentions
        ]
        d.doc.spans[SPAN_GROUP] = [s for s in spans if s is not None]
        d.counts["places"] = len(places)
        d.counts["place_mentions"] = len(mentions)
        return d


def actor_countries(d: Document, named: set[tuple[int, int]] | None = None) -> Counter[str]:
    """ISO alpha-2 codes of the document's actors, weighted by their mentions; a mention that
    is itself a place name ("Georgia") is left to resolution, which weighs its rivals."""
    out: Counter[str] = Counter()
    for a in d.actors:
        code = alpha2(a.country)
        if code is not None:
            n = sum(1 for m in a.mentions if (m.start, m.end) not in (named or set()))
            if n or not a.mentions:
                out[code] += max(1, n)
    return out


def build_places(
    d: Document, resolved: list[Resolved | None]
) -> tuple[list[Place], list[tuple[Toponym, str]]]:
    """One `Place` per distinct gazetteer entry, with every mention that resolved to it; a name
    used only as an actor ("Washington said") is recorded too, so an analyst can map it."""
    places: list[Place] = []
    by_entry: dict[int, Place] = {}
    mentions: list[tuple[Toponym, str]] = []
    for r in resolved:
        if r is None:
            continue
        e, t = r.entry, r.toponym
        place = by_entry.get(e.id)
        if place is None:
            place = by_entry[e.id] = Place(
                id=f"P{len(places) + 1}",
                text=t.text,
                span=d.span(t.start, t.end),
                name=e.name,
                geonameid=e.geonameid,
                kind=e.kind,  # type: ignore[arg-type]
                country=e.country,
                admin1=e.admin1 if e.kind != "country" else None,
                lat=e.lat,
                lon=e.lon,
                confidence=r.confidence,
                precision=_precision(e.kind),
                resolution=r.why or None,
            )
            places.append(place)
        place.confidence = max(place.confidence, r.confidence)
        place.mentions.append(d.span(t.start, t.end))
        mentions.append((t, place.id))
    return places, mentions


_PRECISION: dict[str, PlacePrecision] = {
    "site": "site", "city": "city", "admin2": "admin2", "admin1": "admin1", "country": "country",
    "region": "region",
}  # fmt: skip


def _precision(kind: str) -> PlacePrecision:
    """What a point of this kind stands for (a site takes its host's)."""
    return _PRECISION.get(kind, "city")


def add_sites(
    d: Document,
    tops: list[Toponym],
    resolved: list[Resolved | None],
    places: list[Place],
    mentions: list[tuple[Toponym, str]],
    lex: Lexicon,
) -> None:
    """FAC entities the gazetteer lacks ("Evin prison") become sites in the sentence's place;
    the same name where its sentence names no place is that site too (one sense per article).
    A facility to NER is a site only where the text uses it as a place or its name says what
    it is ("eggs distributed by Wright Farms" names a firm); "a wild Mute Swan" is none."""
    by_id = {p.id: p for p in places}
    site_of: dict[str, str] = {}
    pending = [
        t for t, r in zip(tops, resolved, strict=True)
        if r is None and (t.label == "FAC" or t.hint == "site" or "unlisted_in" in t.extra)
        and not t.extra.get("indefinite")
        and (t.label != "FAC" or t.hint == "site" or _placed(t) or _site_word_in(t, lex))
        and not (name_key(t.text.split()[0]) in lex.not_place_keys and not _placed(t))
    ]  # fmt: skip
    place_of = {id(t): by_id[pid] for t, pid in mentions if pid in by_id}
    hostless = []
    for t in pending:
        inside = t.extra.get("unlisted_in")
        host = place_of.get(id(tops[inside])) if isinstance(inside, int) else None
        host = host or _host_place(t, mentions, by_id, d.text)
        if (
            host is None
            or (t.extra.get("unlisted") and host.kind not in UNLISTED_HOSTS)
            or host.country is None  # a continent or a sea says nowhere a building stands
        ):
            hostless.append(t)  # a name no gazetteer has is put in a town or division
            continue
        key = name_key(t.text)
        if key not in site_of:
            site_of[key] = f"P{len(places) + 1}"
            places.append(
                Place(
                    id=site_of[key],
                    text=t.text,
                    span=d.span(t.start, t.end),
                    name=t.text,
                    kind="site",
                    country=host.country,
                    admin1=host.admin1,
                    lat=host.lat,
                    lon=host.lon,
                    confidence=SITE_CONFIDENCE,
                    precision=_precision(host.kind),
                    resolution=f"not in the gazetteer: placed at {host.name}, named in its sentence",
                )
            )
        _add_site_mention(d, t, site_of[key], places, mentions)
    for t in hostless:
        if name_key(t.text) in site_of:
            _add_site_mention(d, t, site_of[name_key(t.text)], places, mentions)
    mentions.sort(key=lambda m: m[0].start)


def _placed(t: Toponym) -> bool:
    """Whether the text puts a facility somewhere or something somewhere in it: a locative
    preposition, a place after a comma, a verb of taking places; not a mere comma before it
    ("the ambassador to Russia, Ana Petek," is a person NER calls a facility)."""
    return t.locative or t.container is not None or bool(t.extra.get("place_object"))


def _site_word_in(t: Toponym, lex: Lexicon) -> bool:
    """Whether a facility's own name says it is one ("Evin Prison", "Camp Bastion")."""
    return any(lex.feature_words.get(w.casefold()) == "site" for w in t.text.split())


def _add_site_mention(
    d: Document, t: Toponym, pid: str, places: list[Place], mentions: list[tuple[Toponym, str]]
) -> None:
    site = next(p for p in places if p.id == pid)
    site.mentions.append(d.span(t.start, t.end))
    site.mentions.sort(key=lambda s: s.start)
    mentions.append((t, pid))


def add_repeats(
    d: Document, tops: list[Toponym], places: list[Place], mentions: list[tuple[Toponym, str]]
) -> None:
    """A resolved name written again where recognition did not take it ("the U.S. Army", "the
    California Department of Public Health") is another mention of that place: one sense per
    article. A person's name and credit lines are left alone."""
    doc = d.doc
    assert doc is not None
    by_id = {p.id: p for p in places}
    texts: dict[str, str] = {}
    for t, pid in mentions:
        if by_id[pid].kind != "site":
            texts.setdefault(t.text, pid)
    taken = [(t.start, t.end) for t in tops]
    taken += [(m.start, m.end) for a in d.actors if a.kind == "person" for m in a.mentions]
    blocked = blocked_tokens(d)
    for text, pid in texts.items():
        for m in re.finditer(rf"(?<![\w.-]){re.escape(text)}(?![\w-])", d.text):
            start, end = m.span()
            span = doc.char_span(start, end)
            if span is None or any(start < b and a < end for a, b in taken):
                continue
            if any(i in blocked for i in range(span.start, span.end)):
                continue
            t = Toponym(start, end, span.start, span.end, text, "repeat",
                        sent_start=span.sent.start_char)  # fmt: skip
            by_id[pid].mentions.append(d.span(start, end))
            mentions.append((t, pid))
            taken.append((start, end))
    for p in places:
        p.mentions.sort(key=lambda s: s.start)
    mentions.sort(key=lambda m: m[0].start)


_IN_PLACE = re.compile(r"\s+(?:in|near|outside|inside)\s+(?:the\s+)?(?:[a-z-]+\s+)?")


def _host_place(
    site: Toponym, mentions: list[tuple[Toponym, str]], by_id: dict[str, Place], text: str
) -> Place | None:
    """The place the text puts the site in ("the Kidron Valley in the southern West Bank"),
    else the most specific place named in the site's sentence, nearest first."""
    for t, pid in mentions:
        if (
            t.sent_start == site.sent_start
            and pid in by_id
            and _IN_PLACE.fullmatch(text[site.end : t.start]) is not None
        ):
            return by_id[pid]
    rank = {"city": 0, "admin2": 1, "admin1": 2, "region": 3, "country": 4}
    same = [
        (rank.get(by_id[pid].kind, 5), abs(t.start - site.start), by_id[pid])
        for t, pid in mentions
        if t.sent_start == site.sent_start and pid in by_id
    ]
    return min(same, key=lambda x: x[:2])[2] if same else None


def dateline_country(d: Document, gazetteer: Gazetteer) -> str | None:
    """The state of the place an article is filed from ("TBILISI, May 12 (AP) -"): the most
    populous place of that name, if the name is a populated place at all."""
    dateline = d.article.structure.dateline
    if dateline is None:
        return None
    name = re.split(r"[,(\u2014\u2013-]", dateline.text, maxsplit=1)[0].strip()
    if not name or len(name) > 40:
        return None
    found = [e for e in gazetteer.lookup(name.title()) if e.country]
    if not found:
        return None
    # the place of that very name before places that once bore it ("Islamabad" was also
    # Chittagong's name): exact names first, then capitals, then the most populous
    best = max(
        found,
        key=lambda e: (
            e.name.casefold() == name.casefold(),
            e.kind == "country",
            e.capital,
            e.population,
        ),
    )
    if best.kind != "country" and best.population < MIN_DATELINE_POPULATION:
        return None
    return alpha3(best.country)


def _home(d: Document, dateline: str | None) -> str | None:
    """The dateline's state is the story's home only when the body is not about another
    state: a Sudan story filed from Nairobi is no Kenyan story."""
    if dateline is None:
        return None
    counts: Counter[str] = Counter()
    for a in d.actors:
        if a.country:
            counts[a.country] += sum(1 for m in a.mentions if d.in_body(m.start, m.end))
    counts = Counter({k: v for k, v in counts.items() if v})
    if not counts or counts[dateline] == max(counts.values()):
        return dateline
    return None


# A dateline names a town; smaller namesakes elsewhere are not what it means.
MIN_DATELINE_POPULATION = 50_000
