"""A place standing for the target when no actor does.

In event coding (PLOVER/CAMEO, PETRARCH, GDELT) a city or country named as where an act lands is
its target when no actor is: "Saddam Hussein arrived in Amman on a visit" is a CONSULT with
Jordan, "Sri Lanka opened an embassy in Tehran" a SUPPORT of Iran, "threatened to institute a
curfew in Algiers" a THREATEN against Algeria. The types where a place receives the act, and the
prepositions that introduce it, are data (``data/place_targets.yaml``).

The place is looked for in the trigger's own clause only: the trigger's words, the light verb of
a nominal, the complement of an embedding trigger ("threatened to ban voting in X"), and their
objects, through the prepositions of the type. A place inside a condition ("... if Hamas ran in
Y") is not where the act lands. The target actor is the state the place lies in: the document's
actor of that country when there is one, else one made from the knowledge base; the place's
span becomes one of its mentions, so the evidence points at "Amman".
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from spacy.tokens import Token

from tidings.actors.collectives import agent_kinds
from tidings.actors.kb import KBEntry, KnowledgeBase, actor_from_entry
from tidings.actors.resolve import group_lexicon
from tidings.document import Document
from tidings.errors import InputError
from tidings.events.arguments import OBJ, PASS_SUBJ, in_clause_below
from tidings.events.extract import Cand
from tidings.events.lexicon import Lexicon, read_raw
from tidings.model import PLOVER_TYPES, Place, Span
from tidings.places.codes import alpha3
from tidings.places.stage import SPAN_GROUP

DATA = Path(__file__).parent / "data" / "place_targets.yaml"
_PERSONAL = {"him", "her", "them", "me", "us"}  # closed class: who an act lands on
_RULE_KEYS = {"preps", "object", "modes", "words", "domestic"}


@dataclass(frozen=True)
class PlaceRule:
    """Where a place may stand for the target of one PLOVER type (see the data file)."""

    preps: frozenset[str]
    object: bool = False
    modes: frozenset[str] = frozenset()
    words: tuple[str, ...] = ()
    domestic: bool = True


@dataclass(frozen=True)
class PlaceTargetData:
    rules: dict[str, PlaceRule]
    conditions: frozenset[str]
    conditional_when: frozenset[str]
    containers: frozenset[str]
    country_codes: dict[str, str]


def _words(raw: Any) -> frozenset[str]:
    return frozenset(str(w).lower() for w in (raw or []))


def parse_place_targets(raw: Any, where: str = "<place targets>") -> PlaceTargetData:
    """Validate the loaded YAML: known PLOVER types and fields only."""
    if not isinstance(raw, dict) or not isinstance(raw.get("rules"), dict):
        raise InputError(where, "place targets: a mapping with a 'rules' mapping is needed")
    rules: dict[str, PlaceRule] = {}
    for type_, spec in raw["rules"].items():
        if type_ not in PLOVER_TYPES:
            raise InputError(where, f"place targets: unknown PLOVER type {type_!r}")
        spec = spec or {}
        unknown = set(spec) - _RULE_KEYS
        if unknown:
            raise InputError(where, f"place targets {type_}: unknown fields {sorted(unknown)}")
        rules[str(type_)] = PlaceRule(
            preps=_words(spec.get("preps")),
            object=bool(spec.get("object", False)),
            modes=_words(spec.get("modes")),
            words=tuple(str(w).lower() for w in spec.get("words") or ()),
            domestic=bool(spec.get("domestic", True)),
        )
    return PlaceTargetData(
        rules=rules,
        conditions=_words(raw.get("conditions")),
        conditional_when=_words(raw.get("conditional_when")),
        containers=_words(raw.get("containers")),
        country_codes={str(k).upper(): str(v) for k, v in (raw.get("country_codes") or {}).items()},
    )


@lru_cache(maxsize=1)
def default_place_targets() -> PlaceTargetData:
    """The shipped rules, loaded once."""
    return parse_place_targets(read_raw(DATA), str(DATA))  # read_raw keeps "on" a word


@dataclass
class Found:
    """A place that stands for the target, and the actor it stands for."""

    place: Place
    start: int
    end: int
    actor_id: str | None  # an actor of the document; None: `entry` is to be added
    entry: KBEntry | None = None


class PlaceTargets:
    """Finds, for an event without a target, the place its act lands on (one document)."""

    def __init__(
        self,
        d: Document,
        lex: Lexicon,
        kb: Callable[[], KnowledgeBase],
        data: PlaceTargetData | None = None,
    ) -> None:
        self.d, self.lex, self._kb = d, lex, kb
        self.data = data or default_place_targets()
        self._places = {p.id: p for p in d.places}
        self._spans: list[tuple[int, int, int, int, str]] = []  # tokens, chars, place id
        if d.doc is not None and SPAN_GROUP in d.doc.spans:
            self._spans = [
                (s.start, s.end, s.start_char, s.end_char, s.label_)
                for s in d.doc.spans[SPAN_GROUP]
                if s.label_ in self._places
            ]

    # ---------------------------------------------------------------- finding
    def find(self, c: Cand) -> Found | None:
        """The nearest place in the clause of ``c`` that can stand for its target, or None."""
        rule = self.data.rules.get(c.type or "")
        if rule is None or not self._spans or not self._applies(c, rule) or self._people(c):
            return None
        own = self._source_countries(c) if not rule.domestic else set()
        for tok in sorted(self._place_tokens(c, rule), key=lambda t: abs(t.i - c.head.i)):
            hit = self._place_at(tok)
            if hit is None:
                continue
            place, start, end = hit
            alpha3 = self._alpha3(place.country)
            if alpha3 is None or alpha3 in own:
                continue
            found = self._actor_for(alpha3, place, start, end)
            if found is not None and found.actor_id not in c.source:
                return found
        return None

    def apply(self, c: Cand) -> bool:
        """Give ``c`` the place's state as its target when it has none; True when it did."""
        if c.target:
            return False
        found = self.find(c)
        if found is None:
            return False
        c.target = [self._commit(found)]
        return True

    def _people(self, c: Cand) -> bool:
        """'arrested 20 students in Tehran', 'shot a man in Brooklyn', 'killed him in X': the
        act lands on people the text names (a group noun, a generic agent of PETRARCH2's
        dictionary, a person's name or pronoun), not on the place where they were."""
        groups = group_lexicon()["groups"]
        agents = agent_kinds()
        heads = [c.head] + ([c.light] if c.light is not None else [])
        return any(
            x.dep_ in OBJ
            and (
                (x.pos_ == "NOUN" and (x.lower_ in groups or x.lemma_ in groups))
                or (x.pos_ == "NOUN" and x.lemma_.lower() in agents)
                or (x.pos_ == "PRON" and x.lower_ in _PERSONAL)
                or x.ent_type_ == "PERSON"
            )
            for h in heads
            for x in h.children
        )

    def _applies(self, c: Cand, rule: PlaceRule) -> bool:
        if rule.modes and (c.mode or "") not in rule.modes:
            return False
        if rule.words:
            words = [*c.tokens, *self._objects(c.head)]
            if c.light is not None:
                words += self._objects(c.light)
            return any(self.lex.matches(w.lemma_, list(rule.words)) for w in words)
        return True

    def _anchors(self, c: Cand) -> list[tuple[Token, bool]]:
        """The words of the event's clause whose prepositions may name the place, each with
        whether its direct object may be the place."""
        verbs: list[tuple[Token, bool]] = []
        out: list[tuple[Token, bool]] = [(t, False) for t in c.tokens]
        if c.pos == "verb":
            verbs.append((c.head, c.trig.object == "target"))
        if c.light is not None:
            out.append((c.light, False))
        elif c.pos == "noun" and c.head.dep_ in OBJ:
            out.append((c.head.head, False))  # the verb that governs a nominal trigger
        for i in c.inner:
            out += [(t, False) for t in i.tokens]
            if i.pos == "verb":
                verbs.append((i.head, i.trig.object == "target"))
            elif i.light is not None:
                out.append((i.light, False))
        if c.trig.complement is not None or c.inner:
            # "threatened to institute a curfew in X": the complement's clause is the act's
            for x in c.head.children:
                if x.dep_ in ("xcomp", "ccomp"):
                    verbs.append((x, True))
        out += verbs
        for t, _ in list(out):
            out += [(o, False) for o in self._objects(t)]
        top = c.clause_head
        return [(t, obj) for t, obj in out if not self._in_condition(t, top)]

    def _objects(self, tok: Token) -> list[Token]:
        return [x for x in tok.children if x.dep_ in OBJ | PASS_SUBJ | {"attr"}]

    def _place_tokens(self, c: Cand, rule: PlaceRule) -> list[Token]:
        anchors: dict[int, tuple[Token, bool]] = {}
        for t, obj in self._anchors(c):
            anchors[t.i] = (t, obj or anchors.get(t.i, (t, False))[1])
        out: list[Token] = []
        for anchor, obj in anchors.values():
            for x in anchor.children:
                if x.dep_ == "prep" and x.lower_ in rule.preps:
                    out += [p for p in x.children if p.dep_ == "pobj"]
                elif obj and rule.object and x.dep_ in OBJ:
                    out.append(x)
        more = [cj for t in out for cj in t.conjuncts]  # "in Amman and Damascus"
        return list({t.i: t for t in out + more}.values())

    def _place_at(self, tok: Token, depth: int = 0) -> tuple[Place, int, int] | None:
        """The place a participant token names: itself ("Amman", "East Jerusalem"), or through
        a container ("the town of Hebron", "the capital Amman", "a building in Gaza City")."""
        for ts, te, cs, ce, pid in self._spans:
            if ts <= tok.i < te:
                return self._places[pid], cs, ce
        if depth >= 2:
            return None
        for x in tok.children:
            if x.dep_ == "appos" and tok.lemma_.lower() in self.data.containers:
                hit = self._place_at(x, depth + 1)
                if hit is not None:
                    return hit
            if x.dep_ == "prep" and (
                x.lower_ == "in"
                or (x.lower_ == "of" and tok.lemma_.lower() in self.data.containers)
            ):
                for p in x.children:
                    if p.dep_ == "pobj":
                        hit = self._place_at(p, depth + 1)
                        if hit is not None:
                            return hit
        return None

    def _in_condition(self, tok: Token, top: Token) -> bool:
        """Inside an if/unless/until clause (or a "when" that is not told in the past)."""
        return in_clause_below(tok, top, self.is_condition)

    def is_condition(self, clause: Token) -> bool:
        """Does this adverbial clause set a condition ("if Hamas ran", "when they enter")?"""
        for m in clause.children:
            if m.dep_ not in ("mark", "advmod"):
                continue
            low = m.lower_
            if low in self.data.conditions:
                return True
            if low in self.data.conditional_when and clause.tag_ not in ("VBD", "VBN"):
                return True
        return False

    # ---------------------------------------------------------------- the actor
    def _source_countries(self, c: Cand) -> set[str]:
        out = set()
        for x in c.source:
            a = self.d.actor(x)
            if a is not None and a.country:
                out.add(a.country)
        return out

    def _alpha3(self, code: str | None) -> str | None:
        if code and code.upper() in self.data.country_codes:
            return self.data.country_codes[code.upper()]
        return alpha3(code)

    def _actor_for(self, alpha3: str, place: Place, start: int, end: int) -> Found | None:
        m = self.d.mention_at(start, end)
        named = self.d.actor(m.actor_id) if m is not None else None
        if named is not None and named.country == alpha3:
            # the place is already named as an actor ("into Lebanon"): that actor
            return Found(place, start, end, named.id)
        countries = [a for a in self.d.actors if a.kind == "country" and a.country == alpha3]
        if countries:
            best = next((a for a in countries if a.id == alpha3), countries[0])
            return Found(place, start, end, best.id)
        entry = self._kb_country(alpha3)
        if entry is None:
            return None
        if self.d.actor(entry.id) is not None:
            return Found(place, start, end, entry.id)
        return Found(place, start, end, None, entry)

    def _kb_country(self, alpha3: str) -> KBEntry | None:
        kb = self._kb()
        entry = kb.get(alpha3)
        if entry is not None and entry.kind == "country":
            return entry
        return next((e for e in kb if e.kind == "country" and e.country == alpha3), None)

    def _commit(self, found: Found) -> str:
        """Make the target actor exist and hold the place's span as a mention.

        The span is not added to ``Document.mentions``: `link_event_places` skips every mention
        of an event's participants, and "Amman" is where the visit happened as well."""
        span = self.d.span(found.start, found.end)
        if found.actor_id is None:
            e = found.entry
            assert e is not None
            self.d.actors.append(actor_from_entry(e, [span]))
            return e.id
        actor = self.d.actor(found.actor_id)
        if actor is not None and not any(
            s.start == span.start and s.end == span.end for s in actor.mentions
        ):
            actor.mentions = sorted([*actor.mentions, span], key=_span_key)
        return found.actor_id


def _span_key(s: Span) -> tuple[int, int]:
    return s.start, s.end
