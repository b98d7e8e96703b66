"""Gives each event the place of its clause or sentence.

A place mention in the event's sentence is preferred when it is locative ("in Baghdad"), in
the trigger's own clause, specific (a city over a country) and near the trigger; a mention
that names one of the event's actors ("the US launched") or only modifies a noun ("the US
embassy") is not where the event happened. A place from another paragraph is never used.
"""

from __future__ import annotations

import bisect
import re
from functools import lru_cache
from typing import TYPE_CHECKING, Literal

from tidings.document import Document
from tidings.model import Event, Place
from tidings.places.codes import alpha3
from tidings.places.gazetteer import load_data
from tidings.places.stage import SPAN_GROUP

if TYPE_CHECKING:
    from spacy.tokens import Token

PlaceHow = Literal["clause", "sentence"]
SPECIFICITY = {"site": 0.7, "city": 0.6, "admin2": 0.5, "admin1": 0.4, "country": 0.2}
CLAUSE_DEPS = frozenset({"ROOT", "ccomp", "advcl", "relcl", "xcomp", "csubj", "parataxis", "conj"})


def link_event_places(d: Document) -> None:
    """Set ``event.place`` for every event, with how it was chosen (``place_how``): the most
    specific place of its clause or sentence, else a state acting at home, else the dateline's."""
    mentions = _mentions(d)
    starts = [m[0] for m in mentions]
    places = {p.id: p for p in d.places}
    dateline = _dateline_place(d, mentions)
    for ev in d.events:
        # only the mentions starting in the event's sentence (linear time overall)
        lo = bisect.bisect_left(starts, ev.sentence.start)
        hi = bisect.bisect_left(starts, ev.sentence.end)
        found = best_place(d, ev, mentions[lo:hi], places)
        if found is not None:
            ev.place, ev.place_how = found
        elif (home := domestic_country(d, ev)) is not None:
            ev.place, ev.place_how = home, "domestic"
        elif dateline is not None:
            ev.place, ev.place_how = dateline, "dateline"
        else:
            ev.place, ev.place_how = None, "none"


def _dateline_place(d: Document, mentions: list[tuple[int, int, str]]) -> str | None:
    """The place named in the article's dateline ("TBILISI, May 12 -"), if it resolved."""
    dl = d.article.structure.dateline
    if dl is None:
        return None
    return next((pid for s, e, pid in mentions if dl.start <= s and e <= dl.end), None)


STATE_KINDS = frozenset({"country", "government", "military", "police", "paramilitary"})


def domestic_country(d: Document, ev: Event) -> str | None:
    """A state acting on its own people ("the regime killed 1,500 protesters") happened in
    that state: country precision, as ACLED codes it, when no place stands in the clause.

    Needs every source to be a state actor of one country, and every target to be of that
    country or an unnamed civilian group of none; the country must be a place of the article.
    """
    if not ev.source or not ev.target:
        return None
    actors = {a.id: a for a in d.actors}
    sources = [actors[i] for i in ev.source if i in actors]
    targets = [actors[i] for i in ev.target if i in actors]
    countries = {a.country for a in sources}
    if not sources or not targets or len(countries) != 1 or None in countries:
        return None
    if any(a.kind not in STATE_KINDS for a in sources):
        return None
    country = countries.pop()
    for t in targets:
        if t.country != country and not (t.country is None and t.kind == "civilians"):
            return None
    for p in d.places:
        if p.kind == "country" and p.country and alpha3(p.country) == country:
            return p.id
    return None


def _mentions(d: Document) -> list[tuple[int, int, str]]:
    """(start, end, place id) of every place mention, from the stage's span group."""
    doc = d.doc
    if doc is not None and SPAN_GROUP in doc.spans:
        return sorted((s.start_char, s.end_char, s.label_) for s in doc.spans[SPAN_GROUP])
    out = []  # no parse kept: find the places' texts again, as whole words
    for p in d.places:
        for m in re.finditer(rf"(?<!\w){re.escape(p.text)}(?!\w)", d.text):
            out.append((m.start(), m.end(), p.id))
    return sorted(out)


def best_place(
    d: Document,
    ev: Event,
    mentions: list[tuple[int, int, str]],
    places: dict[str, Place] | None = None,
) -> tuple[str, PlaceHow] | None:
    """The id of the place where ``ev`` happened, from its own sentence, and whether it stood
    in the trigger's clause or only in its sentence; None when none fits."""
    if not mentions:
        return None
    places = {p.id: p for p in d.places} if places is None else places
    para = _paragraph(d, ev.trigger.start)
    participants = _participant_spans(d, ev)
    trigger = _token_at(d, ev.trigger.start, ev.trigger.end)
    locative, kinds = _phrase_words()
    best: tuple[float, str, PlaceHow] | None = None
    for start, end, pid in mentions:
        if not (ev.sentence.start <= start and end <= ev.sentence.end) or pid not in places:
            continue
        if para is not None and not (para[0] <= start and end <= para[1]):
            continue
        if any(start < e and s < end for s, e in participants):
            continue  # "the US launched airstrikes": the US acts, it is not where
        s = _mention_score(d, places[pid], start, end, trigger, locative, kinds)
        if s is not None and (best is None or s[0] > best[0]):
            best = (s[0], pid, "clause" if s[1] else "sentence")
    return (best[1], best[2]) if best is not None and best[0] > 0 else None


@lru_cache(maxsize=1)
def _phrase_words() -> tuple[frozenset[str], frozenset[str]]:
    """The locative prepositions and the place-kind words of places.yaml, read once rather
    than for every event."""
    data = load_data()
    locative = frozenset(w.lower() for w in data["locative"])
    kinds = frozenset(
        w.lower() for k, ws in data["feature_words"].items() if k != "site" for w in ws
    )
    return locative, kinds


def _mention_score(
    d: Document,
    place: Place,
    start: int,
    end: int,
    trigger: Token | None,
    locative: frozenset[str],
    kinds: frozenset[str] = frozenset(),
) -> tuple[float, bool]:
    """The mention's score as the event's place, and whether it is in the trigger's clause.
    A name after a kind word and "of" stands where the kind word stands: "in the town of X"
    is a locative, and "shelled the village of X" names where the shelling fell."""
    s = SPECIFICITY.get(place.kind, 0.1)
    tok = _token_at(d, start, end)
    if trigger is not None:
        s -= 0.02 * abs(trigger.i - tok.i) if tok is not None else 0.0
    if tok is None:
        return s, False
    top = tok
    while top.dep_ in ("conj", "appos", "compound") and top.head.i != top.i:
        if top.dep_ == "compound" and top.head.pos_ != "PROPN":
            break
        top = top.head
    named_kind = top.dep_ == "pobj" and top.head.lower_ == "of" and top.head.head.lower_ in kinds
    if named_kind:
        top = top.head.head  # "the village of X"
    if top.dep_ == "pobj" and top.head.lower_ in locative:
        s += 3.0
    elif named_kind and top.dep_ == "dobj" and trigger is not None and top.head.i == trigger.i:
        s += 3.0  # "shelled the village of X": where the act fell
    elif top.dep_ == "pobj":
        s -= 1.5  # "envoy for Iran", "the government of Ontario": about it, not there
    elif top.dep_ in ("compound", "amod", "nmod", "poss", "nsubj", "nsubjpass"):
        s -= 2.0  # "the US embassy", "Tehran's fears", "Iran is lashing out"
    same = trigger is not None and _clause(top).i == _clause(trigger).i
    return s + (1.0 if same else 0.0), same


def _clause(tok: Token) -> Token:
    """The head of the clause a token belongs to."""
    t = tok
    while not (t.dep_ in CLAUSE_DEPS and t.pos_ in ("VERB", "AUX")) and t.head.i != t.i:
        t = t.head
    return t


def _token_at(d: Document, start: int, end: int) -> Token | None:
    if d.doc is None:
        return None
    span = d.doc.char_span(start, end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def _participant_spans(d: Document, ev: Event) -> list[tuple[int, int]]:
    ids = {*ev.source, *ev.target}
    near = d.mentions_overlapping(ev.sentence.start, ev.sentence.end)
    return [(m.start, m.end) for m in near if m.actor_id in ids]


def _paragraph(d: Document, pos: int) -> tuple[int, int] | None:
    for p in d.article.structure.paragraphs or d.article.structure.body:
        if p.start <= pos < p.end:
            return p.start, p.end
    return None
