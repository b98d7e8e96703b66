"""Finding toponyms: spaCy's GPE/LOC/FAC entities, country mentions the actor stage found, and a
gazetteer matcher for capitalised names NER missed.

Each toponym also records how it is used, read from the parse: locative ("in Tehran"),
metonymic ("Tehran's fears", "Washington said"), a modifier ("a Delhi supplier"), with a
feature word ("Khuzestan province"), or inside a larger place ("Paris, Texas").
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from tidings.actors.kb import KnowledgeBase
from tidings.document import Document
from tidings.places.gazetteer import Gazetteer, load_data, name_key

if TYPE_CHECKING:
    from spacy.tokens import Doc as SpacyDoc
    from spacy.tokens import Span as SpacySpan
    from spacy.tokens import Token

PLACE_LABELS = ("GPE", "LOC", "FAC")
# Entity labels whose tokens are not places even when a town shares the name.
OTHER_LABELS = frozenset(
    {"PERSON", "WORK_OF_ART", "PRODUCT", "EVENT", "LAW", "LANGUAGE", "DATE", "TIME", "MONEY",
     "PERCENT", "QUANTITY", "CARDINAL", "ORDINAL"}
)  # fmt: skip
# Labels the small model often gives places ("in Punjab" as NORP, "near Erbil" as ORG): a
# gazetteer match there is kept only with locative evidence (see resolve.accepted).
DOUBTFUL_LABELS = frozenset({"ORG", "NORP"})
# Labels the small model gives unfamiliar place names ("Garissa" PERSON, "Winnipeg" PRODUCT).
MISREAD_LABELS = frozenset({"PERSON", "PRODUCT", "WORK_OF_ART", "EVENT"})
CONNECTORS = frozenset({"and", "of", "de", "del", "da", "do", "al", "el", "la", "le", "upon"})
POSSESSIVE = frozenset({"'s", "’s", "'", "’"})
MAX_TOKENS = 5


@dataclass
class Lexicon:
    """The word lists recognition needs (from places.yaml and the actor KB)."""

    feature_words: dict[str, str]  # word -> place kind
    locative: frozenset[str]
    not_places: frozenset[str]
    not_place_keys: frozenset[str]  # demonyms and pejoratives, as name keys
    buildings: frozenset[str]  # seats of government ("White House"), as name keys
    office_words: frozenset[str] = frozenset()  # "Queensland Premier": the place's office
    body_words: frozenset[str] = frozenset()  # "Gujarat Water Supply Board"
    not_locative: frozenset[str] = frozenset()  # "according (to)": the preposition is no place's
    place_verbs: frozenset[str] = frozenset()  # "retook Palmyra": verbs whose object is a place
    eponym_words: frozenset[str] = frozenset()  # "Marburg virus": named after a place
    office_kinds: dict[str, str] = field(default_factory=dict)  # "Ohio Governor": a state
    origin_nouns: frozenset[str] = frozenset()  # "a Tyler woman": where she is from
    area_modifiers: frozenset[str] = frozenset()  # "western Washington": a part of an area
    state_modifiers: frozenset[str] = frozenset()  # "upstate New York": of a state
    part_words: frozenset[str] = frozenset()  # "the X district of Baghdad": X lies in Baghdad
    kin_nouns: frozenset[str] = frozenset()  # "his girlfriend Olivia": a person's name

    @classmethod
    def load(cls, kb: KnowledgeBase | None = None) -> Lexicon:
        data = load_data()
        features = {w.lower(): kind for kind, ws in data["feature_words"].items() for w in ws}
        not_keys = {name_key(w) for w in data["demonyms"]}
        buildings: set[str] = set()
        for e in kb or ():
            not_keys.update(name_key(w) for w in [*e.demonyms, *e.pejoratives])
            cap = name_key(e.capital or "")
            # A metonym that is not the capital city is a building or a street.
            buildings.update(name_key(m) for m in e.metonyms if not cap or cap not in name_key(m))
        return cls(
            buildings=frozenset(buildings),
            feature_words=features,
            locative=frozenset(w.lower() for w in data["locative"]),
            not_places=frozenset(data["not_places"]),
            not_place_keys=frozenset(not_keys),
            office_words=frozenset(data.get("office_words", [])),
            body_words=frozenset(data.get("body_words", [])),
            not_locative=frozenset(data.get("not_locative", [])),
            place_verbs=frozenset(data.get("place_verbs", [])),
            eponym_words=frozenset(data.get("eponym_words", [])),
            office_kinds={w: kind for kind, ws in data.get("office_kinds", {}).items() for w in ws},
            origin_nouns=frozenset(data.get("origin_nouns", [])),
            area_modifiers=frozenset(data.get("area_modifiers", [])),
            state_modifiers=frozenset(data.get("state_modifiers", [])),
            part_words=frozenset(data.get("part_words", [])),
            kin_nouns=frozenset(data.get("kin_nouns", [])),
        )


@dataclass
class Toponym:
    """One place name in the text and how it is used."""

    start: int
    end: int
    tok_start: int
    tok_end: int
    text: str
    source: str  # ner | actor | gazetteer | site
    label: str = ""
    sent_start: int = 0
    locative: bool = False
    metonymic: bool = False
    modifier: bool = False
    initial: bool = False  # first word of its sentence: capitalised anyway
    hint: str | None = None  # kind a feature word gives
    determiner: bool = False  # "the White House": towns seldom take "the"
    paragraph: int = 0  # index of the paragraph it is in (neighbours are looked for there)
    container: int | None = None  # index of the toponym this one lies in ("Paris, Texas")
    extra: dict[str, object] = field(default_factory=dict)


def find_toponyms(d: Document, gaz: Gazetteer, lex: Lexicon) -> list[Toponym]:
    """Every toponym of the document, in text order, without overlaps."""
    doc = d.doc
    if doc is None:
        return []
    blocked = blocked_tokens(d)
    person_words = _person_words(d)
    surnames = _surnames(d)
    taken: set[int] = set()
    out: list[Toponym] = []

    def add(span: SpacySpan, source: str, label: str = "") -> Toponym | None:
        idx = range(span.start, span.end)
        if any(i in taken or i in blocked for i in idx):
            return None
        if span.end < len(doc) and doc[span.end].lower_ in lex.eponym_words:
            return None  # "Marburg virus", "Hong Kong flu": named after the place
        taken.update(idx)
        out.append(_describe(span, source, label, lex))
        t = out[-1]
        t.hint = t.hint or _own_kind(span, gaz, lex)
        if t.hint == "site" and any(
            e.primary and e.kind in ("country", "admin1") for e in gaz.lookup(t.text)
        ):  # "the University of California": named after the state, and no site called so
            t.hint = None
        return t

    for ent in doc.ents:
        if ent.label_ not in PLACE_LABELS:
            continue
        for part, hint in _ner_parts(_extended(ent, gaz), gaz, lex):
            if name_key(part.text) in lex.not_place_keys or part.text.islower():
                continue  # "the swan", a GPE to the small model: a place's name has capitals
            if _peoples_adjective(part, lex) and not gaz.lookup(part.text):
                continue  # "the Northern Indian states": a people's adjective names no place
            if part.start > 0 and (
                doc[part.start - 1].text in ("O'", "O\u2019")
                or doc[part.start - 1].ent_type_ == "PERSON"
            ):
                continue  # "Michael O' Leary" split by the tokenizer: a person's surname
            # a person's name too ("Austin"): a place only where the text uses it as one
            doubt = _person_mention(d, part)
            if not doubt and _inside_other_actor(d, part, exact=True):
                continue
            t = add(part, "ner", ent.label_)
            if t is not None and hint:
                t.hint = t.hint or hint
            if t is not None and _unlisted(part, ent.label_, gaz, lex):
                t.extra["unlisted"] = True  # "Kibera", "Fort Detrick": no gazetteer has it
            if t is not None and doubt:
                t.extra["person"] = True
    for m in d.mentions:
        actor = d.actor(m.actor_id)
        if actor is None or actor.kind != "country":
            continue
        span = doc.char_span(m.start, m.end, alignment_mode="contract")
        if span is None or len(span) == 0 or name_key(span.text) in lex.not_place_keys:
            continue
        if gaz.lookup(span.text):
            add(span, "actor")
    labels = {i: e.label_ for e in doc.ents for i in range(e.start, e.end)}
    entity_of = {i: e for e in doc.ents for i in range(e.start, e.end)}
    for span in _gazetteer_matches(d, gaz, lex, taken | blocked, person_words):
        t = add(span, "gazetteer", labels.get(span.start, ""))
        whole = entity_of.get(span.start)
        if (
            t is not None
            and whole is not None
            and _bare(whole).text != span.text
            and not _after_inner_locative(span, lex)
        ):
            t.extra["in_name"] = True  # "University" of "the University of Rouen"
        if (
            t is not None
            and _before_office(span, lex)
            and not any(o.tok_end == span.start for o in out)  # "Louisville Metro Council"
        ):
            t.extra["office"] = True
        elif t is not None and _inside_other_actor(d, span, exact=False, unknown=True):
            t.extra["in_actor"] = True  # "near Erbil", an ORG to NER: needs locative evidence
    for span in _misread_names(d, gaz, lex, taken | blocked):
        t = add(span, "gazetteer", labels.get(span.start, ""))
        if t is not None:
            t.extra["person"] = True  # "in Garissa", a PERSON to NER
            if span.text in surnames:
                t.extra["surname"] = True  # "Clinton" after "Hillary Clinton"
    for span in _kind_named(d, gaz, lex, taken | blocked):
        t = add(span, "ner", labels.get(span.start, ""))
        if t is not None:
            t.extra["unlisted"] = True  # "the city of Kitaakita", an ORG to NER
    for span in _site_phrases(d, lex, taken | blocked):
        t = add(span, "site", labels.get(span.start, ""))
        if t is not None:
            t.hint = "site"
    out.sort(key=lambda t: t.start)
    starts = [p.start for p in d.article.structure.paragraphs]
    for t in out:
        t.paragraph = bisect.bisect_right(starts, t.start)
    _link_containers(d.text, out, lambda text: any(e.kind == "country" for e in gaz.lookup(text)))
    _link_parts(d.text, out, lex)
    share_coordination(out, doc, lex)
    for t in out:
        if t.extra.get("unlisted") and located(t):
            t.hint = "site"  # kept as a site, at the place its sentence names
    return out


COORDINATORS = frozenset({"and", "or", ","})


def share_coordination(out: list[Toponym], doc: SpacyDoc, lex: Lexicon) -> None:
    """Names joined by "and"/"or"/"," are one list of places: "the Alba and Borta districts"
    gives both names the plural feature word's kind, and the "the" before the list is the list's,
    not a facility's ("the Pentagon"), so the first name loses its determiner."""
    list_kind: str | None = None  # the plural kind word closing the list b belongs to
    for a, b in reversed(list(zip(out, out[1:], strict=False))):
        gap = doc[a.tok_end : b.tok_start]
        if not 0 < len(gap) <= 2 or not all(t.lower_ in COORDINATORS for t in gap):
            list_kind = None
            continue
        after = doc[b.tok_end] if b.tok_end < len(doc) else None
        if after is not None and after.lower_.endswith("s"):
            kind = lex.feature_words.get(after.lower_)
            list_kind = kind if kind != "site" else None
        if list_kind and a.hint is None:
            a.hint = list_kind  # "the Alba, Borta and Corla districts": all three
        if a.determiner and not b.determiner:
            a.determiner = False


# -- recognisers ---------------------------------------------------------------------------
def _ner_parts(ent: SpacySpan, gaz: Gazetteer, lex: Lexicon) -> list[tuple[SpacySpan, str | None]]:
    """An entity without "the" and "'s", split at commas ("Paris, Texas"), feature word apart."""
    doc = ent.doc
    parts: list[tuple[SpacySpan, str | None]] = []
    start = ent.start
    for i in range(ent.start, ent.end + 1):
        if i == ent.end or doc[i].text in (",", "(", ")") or _spaced_dash(doc[i]):
            piece = doc[start:i]
            start = i + 1
            if (
                piece.start > ent.start
                and doc[piece.start - 1].text == "("
                and not gaz.lookup(piece.text)
            ):
                continue  # "Line of Control (LoC)": the short form names the same place
            while len(piece) and (
                piece[0].lower_ == "the"
                or not piece[0].text[:1].isalnum()
                or (len(piece) > 1 and piece[0].text[:1].islower())  # "east Africa"
            ):
                piece = piece[1:]
            while len(piece) and (
                piece[-1].text in POSSESSIVE or not any(c.isalnum() for c in piece[-1].text)
            ):
                piece = piece[:-1]
            piece, named_kind = _unwrapped(piece, gaz, lex)
            hint = lex.feature_words.get(piece[-1].lower_) if len(piece) > 1 else named_kind
            if hint and hint not in ("site", "region") and not gaz.lookup(piece.text):
                piece = piece[:-1]  # "Khuzestan Province": the name, with the kind as hint
            elif hint and hint != "site":
                hint = None  # "Cook County" is itself the name
            if len(piece):
                parts += _hyphen_parts(piece, gaz) if not hint else [(piece, hint)]
    return parts


def _spaced_dash(tok: Token) -> bool:
    """A dash with spaces around it ("Central Africa - Nigeria") separates names; a hyphen
    inside one ("Schleswig-Holstein") does not."""
    return tok.text in ("-", "–", "—") and tok.i > 0 and bool(tok.doc[tok.i - 1].whitespace_)


def _unwrapped(piece: SpacySpan, gaz: Gazetteer, lex: Lexicon) -> tuple[SpacySpan, str | None]:
    """The place inside "City of Santa Ana" (with its kind) and "Santa Ana City Council",
    where the gazetteer lacks the whole."""
    if len(piece) < 3 or gaz.lookup(piece.text):
        return piece, None
    kind = lex.feature_words.get(piece[0].lower_)
    if kind and kind != "site" and piece[1].lower_ == "of" and gaz.lookup(piece[2:].text):
        return piece[2:], kind
    if piece[-1].text in lex.body_words:
        for n in range(len(piece) - 1, 0, -1):
            if gaz.lookup(piece[:n].text):
                return piece[:n], None
    return piece, None


def _hyphen_parts(piece: SpacySpan, gaz: Gazetteer) -> list[tuple[SpacySpan, str | None]]:
    """ "Asia-Pacific": a hyphenated name the gazetteer lacks is its parts it knows."""
    doc = piece.doc
    cuts = [t.i for t in piece if t.text == "-" and not t.whitespace_]
    if not cuts or gaz.lookup(piece.text):
        return [(piece, None)]
    bounds = [piece.start, *[c + 1 for c in cuts]], [*cuts, piece.end]
    spans = [doc[a:b] for a, b in zip(*bounds, strict=True) if b > a]
    return [(sp, None) for sp in spans if gaz.lookup(sp.text) and _capitalised(sp[0])]


def _extended(ent: SpacySpan, gaz: Gazetteer) -> SpacySpan:
    """The entity with the words NER left off a longer name the gazetteer knows: "Rio Grande"
    of "Rio Grande do Sul"."""
    doc = ent.doc
    for n in (3, 2, 1):
        end = ent.end + n
        if end > len(doc) or not _capitalised(doc[end - 1]):
            continue
        inner = {doc[j].ent_type_ for j in range(ent.end, end)} - {""}
        if inner and not (
            inner <= set(PLACE_LABELS) and (end == len(doc) or doc[end].ent_iob_ != "I")
        ):  # never into another entity, but "Democratic Republic" + "of the" + "Congo"
            continue
        words = doc[ent.end : end]
        if all(
            _capitalised(t) or t.lower_ in CONNECTORS or (t.lower_ == "the" and t.i > ent.end)
            for t in words
        ):
            longer = doc[ent.start : end]
            if gaz.lookup(longer.text):
                return longer
    return ent


def _gazetteer_matches(
    d: Document, gaz: Gazetteer, lex: Lexicon, skip: set[int], person_words: set[str]
) -> list[SpacySpan]:
    """Capitalised token runs that the gazetteer knows and NER did not tag as something else."""
    doc = d.doc
    assert doc is not None
    other = {i for e in doc.ents if e.label_ in OTHER_LABELS for i in range(e.start, e.end)}
    found: list[SpacySpan] = []
    i = 0
    while i < len(doc):
        if i in skip or not _capitalised(doc[i]) or doc[i].is_stop:
            i += 1
            continue
        best = None
        for n in range(min(MAX_TOKENS, len(doc) - i), 0, -1):
            span = doc[i : i + n]
            if (
                any(j in skip for j in range(i, i + n))
                or not all(_capitalised(t) or _joins(t) for t in span)
                or not _capitalised(span[-1])
            ):
                continue
            # a name before its office ("Wisconsin Governor Jim Doyle") is the place, even
            # inside a person's or an organisation's name
            office = _before_office(span, lex)
            text = span.text
            if (
                not office
                and not _after_inner_locative(span, lex)
                and (
                    any(j in other for j in range(i, i + n))
                    or text in person_words
                    or _inside_other_actor(d, span, exact=False, unknown=False)
                )
            ):
                continue
            if name_key(text) not in lex.not_place_keys and gaz.lookup(text):
                best = span
                break
        if best is None:
            i += 1
        elif _part_of_longer_name(best) and not _before_office(best, lex):
            i = best.end
        else:
            found.append(best)
            i = best.end
    return found


def _misread_names(d: Document, gaz: Gazetteer, lex: Lexicon, skip: set[int]) -> list[SpacySpan]:
    """Whole names NER called a person, product or work ("in Nottingham", "Cairo, Giza and
    Al-Minya") that the gazetteer knows: candidates that need the text to use them as places."""
    doc = d.doc
    assert doc is not None
    found: list[SpacySpan] = []
    for ent in doc.ents:
        if ent.label_ not in MISREAD_LABELS:
            continue
        span = _leftward(_bare(ent), gaz)
        if any(i in skip for i in range(span.start, span.end)) or not _capitalised(span[0]):
            continue
        if (
            len(span) > 1
            and lex.feature_words.get(span[-1].lower_) not in (None, "site")
            and not gaz.lookup(span.text)
        ):
            span = span[:-1]  # "Rakhine State", a person to NER: the name, its kind after it
        if span.text in lex.not_places or name_key(span.text) in lex.not_place_keys:
            continue
        if len(span) <= MAX_TOKENS and gaz.lookup(span.text):
            found.append(span)
    return found


def _leftward(span: SpacySpan, gaz: Gazetteer) -> SpacySpan:
    """The span with the capitalised word before it that NER left out of no entity, where the
    gazetteer knows the longer name: "San" of "in San Clemente" when NER saw a person
    "Clemente" (the town, not whatever the last word alone names)."""
    i = span.start - 1
    if i < 0:
        return span
    prev = span.doc[i]
    if prev.ent_type_ or not _capitalised(prev) or prev.is_sent_start:
        return span
    longer = span.doc[i : span.end]
    return longer if gaz.lookup(longer.text) else span


def _peoples_adjective(span: SpacySpan, lex: Lexicon) -> bool:
    """ "Indian", "South Indian": a name ending in a demonym is no place's."""
    return (
        name_key(span.text) in lex.not_place_keys or name_key(span[-1].text) in lex.not_place_keys
    )


def _kind_named(d: Document, gaz: Gazetteer, lex: Lexicon, skip: set[int]) -> list[SpacySpan]:
    """Names NER calls something else that the text says are places by their kind ("the
    village of Kampungu", "Orientale province") and no gazetteer has."""
    doc = d.doc
    assert doc is not None
    found: list[SpacySpan] = []
    for ent in doc.ents:
        if ent.label_ not in MISREAD_LABELS | DOUBTFUL_LABELS:
            continue
        span = _bare(ent)
        if len(span) > 3 or any(i in skip for i in range(span.start, span.end)):
            continue
        if not all(_capitalised(t) for t in span) or span.text in lex.not_places:
            continue
        if len(span) == 1 and span.text.isupper():
            continue  # "the member states of OIC": an acronym no gazetteer has is a body's
        after = doc[span.end].lower_ if span.end < len(doc) else ""
        if ent.label_ == "NORP" and after in lex.feature_words:
            continue  # "the Rohingya community", "Kurdish villages": a people, not a name
        before = doc[span.start - 2 : span.start] if span.start >= 2 else None
        kind = (
            lex.feature_words.get(after)
            or (
                lex.feature_words.get(before[0].lower_)
                if before and before[1].lower_ == "of"
                else None
            )
            or described_kind(span, lex)
        )
        if kind not in (None, "site") and not _peoples_adjective(span, lex):
            if not gaz.lookup(span.text):
                found.append(span)
    return found + _kind_of_phrases(d, gaz, lex, skip)


def _kind_of_phrases(d: Document, gaz: Gazetteer, lex: Lexicon, skip: set[int]) -> list[SpacySpan]:
    """ "the hamlet of Ardnacross" where NER saw no name at all: the capitalised words after
    a singular kind word and "of" name a place of that kind that no gazetteer has."""
    doc = d.doc
    assert doc is not None
    named = {i for e in doc.ents for i in range(e.start, e.end)}
    found: list[SpacySpan] = []
    for tok in doc[: len(doc) - 2]:
        kind = lex.feature_words.get(tok.lower_)
        if kind in (None, "site", "region") or tok.lower_.endswith("s") or tok.i == 0:
            continue
        if doc[tok.i + 1].lower_ != "of" or doc[tok.i - 1].lower_ not in ("the", "a"):
            continue
        start = end = tok.i + 2
        while end < len(doc) and end - start < 3 and _capitalised(doc[end]):
            end += 1
        if end == start or any(i in skip or i in named for i in range(start, end)):
            continue
        span = doc[start:end]
        if span.text in lex.not_places or name_key(span.text) in lex.not_place_keys:
            continue
        if any(t.is_stop for t in span) or gaz.lookup(span.text):
            continue
        found.append(span)
    return found


def _site_phrases(d: Document, lex: Lexicon, skip: set[int]) -> list[SpacySpan]:
    """Named streets, buildings and landmarks ("Baker Street", "Al-Nuri Mosque"): capitalised
    words ending in a capitalised site word, not part of an organisation's name."""
    doc = d.doc
    assert doc is not None
    stop = skip | {i for e in doc.ents if e.label_ in OTHER_LABELS for i in range(e.start, e.end)}
    found: list[SpacySpan] = []
    for tok in doc:
        if lex.feature_words.get(tok.lower_) != "site" or not tok.text[:1].isupper():
            continue
        start = tok.i
        while (
            start > 0
            and tok.i - start < MAX_TOKENS - 1
            and start - 1 not in stop
            and _capitalised(doc[start - 1])
            and not doc[start - 1].is_stop
        ):
            start -= 1
        if start == tok.i or tok.i in skip:
            continue
        span = doc[start : tok.i + 1]
        if not _inside_other_actor(d, span, exact=False, unknown=False):
            found.append(span)
    return found


def _before_office(span: SpacySpan, lex: Lexicon) -> bool:
    """ "Wisconsin Governor", "California Department of Health": the name is the place whose
    office or body follows, not part of another name."""
    doc = span.doc
    if span.end < len(doc) and doc[span.end].text in lex.office_words:
        return True
    # "the Gujarat Water Supply Board": a body's name that ends in a body word
    end = span.end
    while end < len(doc) and end - span.end < MAX_TOKENS and _capitalised(doc[end]):
        if doc[end].text in lex.body_words:
            return True
        end += 1
    return False


def _after_inner_locative(span: SpacySpan, lex: Lexicon) -> bool:
    """Whether the name follows a locative preposition inside the same non-place entity: NER
    ran "Harbor Grill in Rancho Cucamonga" or "the clinic at Gulu" into one organisation, whose
    own name ends before the preposition and whose place is the name after it."""
    if span.start == 0:
        return False
    prep = span.doc[span.start - 1]
    if not (
        prep.ent_iob_ == "I" and prep.ent_type_ not in PLACE_LABELS and span[0].ent_iob_ == "I"
    ):
        return False
    if prep.lower_ in lex.locative:
        return True
    # "Barangays of Santa Maria": a kind of area and "of" (not "University of Rouen")
    kind = span.doc[span.start - 2] if span.start >= 2 else None
    return (
        prep.lower_ == "of"
        and kind is not None
        and (lex.feature_words.get(kind.lower_) or lex.feature_words.get(kind.lemma_.lower()))
        in ("city", "admin1", "admin2")
    )


def _part_of_longer_name(span: SpacySpan) -> bool:
    """ "Store" of "iTunes Music Store", "Washington" of "Washington Post": a capitalised
    neighbour (other than a sentence's first word) makes the match part of another name."""
    doc = span.doc
    before = doc[span.start - 1] if span.start > 0 else None
    if before is not None and not before.is_sent_start and _capitalised(before):
        return True
    return _capitalised_after(span)


def _capitalised_after(span: SpacySpan) -> bool:
    """Whether a capitalised word of the same sentence follows the name, continuing it."""
    doc = span.doc
    after = doc[span.end] if span.end < len(doc) else None
    return after is not None and _capitalised(after) and not after.is_sent_start


def _joins(tok: Token) -> bool:
    """A word or hyphen inside a name: "Rio Grande do Sul", "Schleswig-Holstein"."""
    hyphen = tok.text == "-" and not tok.whitespace_ and tok.i > 0 and not tok.nbor(-1).whitespace_
    # "Cox's Bazar", "Martha's Vineyard": a possessive inside a name the gazetteer knows whole
    possessive = tok.lower_ in ("'s", "’s") and tok.i > 0 and not tok.nbor(-1).whitespace_
    return tok.lower_ in CONNECTORS or hyphen or possessive


def _capitalised(tok: Token) -> bool:
    t = tok.text
    return bool(t) and t[0].isupper() and any(c.isalpha() for c in t) and not tok.like_num


def blocked_tokens(d: Document) -> set[int]:
    """Tokens of credits, bylines and boilerplate: a photographer's agency is not a place."""
    doc = d.doc
    assert doc is not None
    st = d.article.structure
    regions = [*st.credits, *st.boilerplate, *([st.byline] if st.byline else [])]
    out: set[int] = set()
    for r in regions:
        span = doc.char_span(r.start, r.end, alignment_mode="expand")
        if span is not None:
            out.update(range(span.start, span.end))
    return out


def _person_words(d: Document) -> set[str]:
    """Words of person names ("Henderson" of Fritz Henderson): a surname is not a town."""
    words: set[str] = set()
    for a in d.actors:
        if a.kind == "person":
            own = {w for w in a.name.split() if w[:1].isupper()}
            words.add(a.name)
            words.update(own)
            # a mention's other words are titles ("Karnataka Minister Ravi Kumar")
            words.update(m.text for m in a.mentions if set(m.text.split()) <= own)
    return words


def _surnames(d: Document) -> set[str]:
    """The words of people's full names ("Clinton" of Hillary Clinton): alone, such a word
    names that person far more often than a town."""
    return {
        w
        for a in d.actors
        if a.kind == "person" and len(a.name.split()) > 1
        for w in a.name.split()[1:]
        if w[:1].isupper()
    }


def _person_mention(d: Document, span: SpacySpan) -> bool:
    """Whether the span is exactly a mention of a person."""
    for m in d.mentions_in(span.start_char, span.end_char):
        actor = d.actor(m.actor_id)
        if (m.start, m.end) == (span.start_char, span.end_char) and actor is not None:
            if actor.kind == "person" and m.source != "pronoun":
                return True
    return False


def _inside_other_actor(d: Document, span: SpacySpan, exact: bool, unknown: bool = True) -> bool:
    """Whether the span is (exactly, or anywhere inside) a mention of a non-country actor;
    ``unknown=False`` ignores actors of unknown kind (NER's guesses)."""
    for m in d.mentions_in(span.start_char - 200, span.end_char + 200):
        if m.end <= span.start_char or m.start >= span.end_char:
            continue
        actor = d.actor(m.actor_id)
        if actor is None or actor.kind == "country" or m.source == "pronoun":
            continue
        if not unknown and actor.kind == "unknown":
            continue
        if not exact or (m.start == span.start_char and m.end == span.end_char):
            return True
    return False


# -- how a toponym is used -----------------------------------------------------------------
def _describe(span: SpacySpan, source: str, label: str, lex: Lexicon) -> Toponym:
    doc = span.doc
    root = span.root
    top = root
    while top.dep_ in ("conj", "appos") and top.head.i != top.i:
        top = top.head
    t = Toponym(
        start=span.start_char,
        end=span.end_char,
        tok_start=span.start,
        tok_end=span.end,
        text=span.text,
        source=source,
        label=label,
        sent_start=span.sent.start_char,
        initial=_initial(span),
    )
    after = doc[span.end] if span.end < len(doc) else None
    before = doc[span.start - 1].lower_ if span.start > 0 else ""
    t.determiner = before == "the"
    if before in lex.kin_nouns:
        t.extra["after_kin"] = True  # "his girlfriend Olivia"
    if before in lex.area_modifiers:
        t.extra["area_part"] = True  # "western Washington": the state, not the city
    j = span.start - 1
    while j >= max(0, span.start - 3) and doc[j].pos_ == "ADJ":
        j -= 1
    if j >= 0 and doc[j].lower_ in ("a", "an"):
        t.extra["indefinite"] = True  # "a wild Mute Swan": one of a kind, not a named place
    before2 = doc[span.start - 2 : span.start] if span.start >= 2 else None
    # "Khuzestan province", "the city of Paris": the feature word names the kind.
    if (
        after is not None
        and after.lower_ in lex.feature_words
        and after.text not in lex.office_words
    ):
        t.hint = lex.feature_words[after.lower_]
    elif (
        before2 is not None
        and before2[1].lower_ == "of"
        and before2[0].lower_ in lex.feature_words
        and not (span.start >= 3 and doc[span.start - 3].pos_ == "PROPN")
    ):  # "the city of Paris"; not Baghdad in "the Adhamiyah district of Baghdad"
        t.hint = lex.feature_words[before2[0].lower_]
    elif (office := _office_after(span, lex)) is not None:
        t.hint = lex.office_kinds[office]  # "New York Governor": the state, not the city
    elif before in lex.state_modifiers:
        t.hint = "admin1"  # "upstate New York"
    else:
        t.hint = described_kind(span, lex)  # "Mabvuku, a suburb", "a town called Låsby"
    head = top
    if top.dep_ in ("compound", "nmod") and top.head.lower_ in lex.feature_words:
        head = top.head  # "in Khuzestan province": the locative governs the feature word
    elif (
        top.dep_ == "pobj" and top.head.lower_ == "of" and top.head.head.lower_ in lex.feature_words
    ):
        head = top.head.head
    t.modifier = head.i == top.i and top.dep_ in ("compound", "amod", "nmod")
    if t.modifier and top.head.lemma_.lower() in lex.origin_nouns and not _capitalised_after(span):
        t.extra["origin"] = True  # "a Tyler woman", "Kabul residents": where they are from
    # "in the Glasgow area": the locative governs the noun the name modifies
    phrase = top.head if t.modifier and top.head.pos_ == "NOUN" else head
    prep = phrase.head
    t.locative = (
        phrase.dep_ == "pobj"
        and prep.lower_ in lex.locative
        and not (prep.i > 0 and doc[prep.i - 1].lower_ in lex.not_locative)
    )  # "to Kenya", not "according to Yap"
    if t.locative:
        t.extra["preposition"] = prep.lower_
    if head.dep_ == "dobj" and lex.place_verbs & {head.head.lemma_, head.head.lower_}:
        t.extra["place_object"] = True  # "forces retook Palmyra"
    possessive = after is not None and (after.tag_ == "POS" or after.text in POSSESSIVE)
    if not t.locative:
        t.metonymic = possessive or head.dep_ in ("nsubj", "nsubjpass", "poss", "agent")
    return t


_DEPUTY = frozenset({"Vice", "Deputy", "Lieutenant", "Lt.", "Acting"})


def _office_after(span: SpacySpan, lex: Lexicon) -> str | None:
    """The office named right after a place name, through a deputy's title: "Ohio Governor",
    "Ormoc Vice-Mayor" (three tokens to the parser), "Cebu Deputy Mayor"."""
    doc = span.doc
    i = span.end
    if i < len(doc) and doc[i].text in _DEPUTY:
        i += 2 if i + 1 < len(doc) and doc[i + 1].text == "-" else 1
    word = doc[i].text if i < len(doc) else ""
    return word if word in lex.office_kinds else None


def _unlisted(span: SpacySpan, label: str, gaz: Gazetteer, lex: Lexicon) -> bool:
    """A name NER calls a place (GPE, LOC) that no gazetteer has: a neighbourhood, village,
    valley or landmark, kept as a site rather than dropped."""
    return (
        label in ("GPE", "LOC")
        and span.text not in lex.not_places
        and not gaz.lookup(span.text)
        and _capitalised(span[0])
    )


def described_kind(span: SpacySpan, lex: Lexicon) -> str | None:
    """The kind the sentence gives a name in apposition or by naming it: "Mabvuku, a suburb
    east of Harare", "a town called Låsby" (never a site's kind: "X, a hospital")."""
    root = span.root
    words = [c for c in root.children if c.dep_ == "appos" and c.i >= span.end]
    head = root.head
    if root.dep_ in ("oprd", "attr", "dobj") and head.lower_ in ("called", "named"):
        words.append(head.head)
    for w in words:
        kind = lex.feature_words.get(w.lower_)
        if kind and kind != "site":
            return kind
    return None


def _own_kind(span: SpacySpan, gaz: Gazetteer, lex: Lexicon) -> str | None:
    """The kind a name says it is by its last word, where the gazetteer has it as that kind:
    "Jefferson Parish" (a person to NER), "Orange County" are divisions whatever NER says."""
    kind = lex.feature_words.get(span[-1].lower_) if len(span) > 1 else None
    if kind in (None, "site", "region"):
        return None
    return kind if any(e.kind == kind for e in gaz.lookup(span.text)) else None


def _initial(span: SpacySpan) -> bool:
    """A one-word name that opens its sentence, capitalised whatever it is; in "New South
    Wales is ..." the later words' capitals still show a name."""
    doc = span.doc
    first = span.start == span.sent.start or (
        span.start > 0 and doc[span.start - 1].is_quote and span.start - 1 == span.sent.start
    )
    return first and not (len(span) > 1 and all(_capitalised(t) for t in span[1:]))


def _link_containers(
    text: str, tops: list[Toponym], is_country: Callable[[str], bool] = lambda _: False
) -> None:
    """In "Paris, Texas" a toponym right after a comma is the first one's container, and so in
    "Stroud, Ontario, Canada"; in a list ("Ohio, Oklahoma, Oregon and Utah") none is, and each
    records its list (``extra["list"]``)."""
    lists = list_groups(text, tops)
    for i in range(len(tops) - 1):
        a, b = tops[i], tops[i + 1]
        chain = _address(text, tops, lists.get(i, ()), is_country)
        if text[a.end : b.start] in (", ", ",") and (len(lists.get(i, ())) < 3 or chain):
            a.container = i + 1
            b.extra["contains"] = True
    for i, group in lists.items():
        if len(group) >= 3:
            tops[i].extra["list"] = group
        if any(j != i and _sure(tops[j]) for j in group):
            tops[i].extra["listed"] = True  # "Cairo, Giza and Al-Minya": with a sure place


def _link_parts(text: str, tops: list[Toponym], lex: Lexicon) -> None:
    """ "the Adhamiyah district of Baghdad": the town after "of" contains the name before the
    part word (``extra["part_of"]``: resolved within it, else kept as a site there); so does a
    place before a possessive ("Mosul's Old City")."""
    for i in range(len(tops) - 1):
        a, b = tops[i], tops[i + 1]
        if text[a.end : b.start] in ("'s ", "\u2019s ") and b.container is None:
            b.container = i  # counts only where the possessor is a town (resolve)
            b.extra["part_of"] = b.extra["possessed"] = True
            continue
        words = text[a.end : b.start].split()
        if words[:1] and words[0].casefold() in lex.part_words:
            words = words[1:]  # "the Karrada district of Baghdad"
        elif a.text.split()[-1].casefold() not in lex.part_words:
            continue  # neither "district of" nor "the Eastern District of New York"
        if a.container is None and words in (["of"], ["of", "the"]):
            a.container = i + 1
            a.extra["part_of"] = True
            b.extra["contains"] = True


def _address(
    text: str, tops: list[Toponym], group: tuple[int, ...], is_country: Callable[[str], bool]
) -> bool:
    """ "Stroud, Ontario, Canada": three names joined by bare commas, ending in a country, are
    a town in its division in its country, not a list."""
    if len(group) != 3 or not is_country(tops[group[-1]].text):
        return False
    return all(text[tops[j].end : tops[j + 1].start] in (", ", ",") for j in group[:-1])


def _sure(t: Toponym) -> bool:
    """A place NER or the actor stage vouches for (GPE/LOC, a country), not a guess."""
    return t.source == "actor" or (
        t.source == "ner" and t.label in ("GPE", "LOC") and not t.extra.get("person")
    )


def located(t: Toponym) -> bool:
    """Whether the text uses the name as a place: after a locative preposition, with a kind
    ("the village of Ciocile", "Masvingo province"), as what troops take ("retook Palmyra"),
    in "X, Y", or listed with other places (not a word of a longer name: "Rouen and
    University of Manchester")."""
    if t.locative or t.container is not None or (t.hint and t.hint != "site"):
        return True
    if t.extra.get("place_object") or t.extra.get("origin"):
        return True
    return bool((t.extra.get("contains") or t.extra.get("listed")) and not t.extra.get("in_name"))


def _bare(ent: SpacySpan) -> SpacySpan:
    """An entity without a leading "the" and a trailing "'s"."""
    start, end = ent.start, ent.end
    if end - start > 1 and ent.doc[start].lower_ == "the":
        start += 1
    if end - start > 1 and ent.doc[end - 1].text in POSSESSIVE:
        end -= 1
    return ent.doc[start:end]


def list_groups(text: str, tops: list[Toponym]) -> dict[int, tuple[int, ...]]:
    """Toponyms joined only by commas and "and"/"or": each index with its whole list."""
    out: dict[int, tuple[int, ...]] = {}
    run = [0] if tops else []
    for i in range(1, len(tops) + 1):
        joined = i < len(tops) and _LIST_GLUE.fullmatch(text[tops[i - 1].end : tops[i].start])
        if joined:
            run.append(i)
            continue
        for j in run:
            out[j] = tuple(run)
        run = [i]
    return out


_LIST_GLUE = re.compile(r",? (?:and|or) |, ?")
