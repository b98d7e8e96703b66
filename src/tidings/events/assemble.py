"""Whole-article event assembly: one event told in several sentences becomes one event.

A news story tells its main event in the lede and again further down ("the attack", "the
bombing killed ...", a quote about it). Each later telling that is the same act (same type and
polarity, compatible parties, date and place) joins the first as one more mention in
`Event.evidence`; the first telling keeps the trigger and sentence. A later telling joins when it
points back (an event noun under a definite determiner: "the strikes", "this decision") or
repeats the act with the same word and the same agent. What a later telling adds (a missing
source, target, count, place, date) fills the first, marked as inferred where it is a party.
Two acts with different things acted on ("backed the proposal" ... "back the budget")
stay apart. See ``docs/assembly.md``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml
from spacy.tokens import Token

from tidings.actors.kb import KnowledgeBase
from tidings.document import Document
from tidings.model import Event, EventDate

DATA = Path(__file__).resolve().parent.parent / "data" / "assembly.yaml"
_TEXT_DATES = ("clause", "sentence")  # dates read from the event's own sentence
_OBJECT_DEPS = ("dobj", "obj", "nsubjpass")


@dataclass(frozen=True)
class AssemblyData:
    """The word lists of ``data/assembly.yaml``."""

    determiners: frozenset[str]
    act_nouns: frozenset[str]
    general_nouns: dict[str, frozenset[str]]
    agentive: frozenset[str]
    non_agentive: frozenset[str]
    police_acts: frozenset[str]
    place_retold: frozenset[str] = frozenset()
    doer_nouns: frozenset[str] = frozenset()


@lru_cache(maxsize=1)
def assembly_data(path: Path = DATA) -> AssemblyData:
    """The lists, read once."""
    raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}

    def words(key: str) -> frozenset[str]:
        return frozenset(str(w).lower() for w in raw.get(key) or [])

    return AssemblyData(
        determiners=words("anaphoric_determiners"),
        act_nouns=words("act_nouns"),
        general_nouns={
            str(t): frozenset(str(w).lower() for w in ws)
            for t, ws in (raw.get("general_nouns") or {}).items()
        },
        agentive=words("agentive_governors"),
        non_agentive=words("non_agentive_governors"),
        police_acts=frozenset(str(w) for w in raw.get("police_acts") or []),
        place_retold=frozenset(str(w) for w in raw.get("place_retold_types") or []),
        doer_nouns=words("doer_nouns"),
    )


def trigger_token(d: Document, e: Event) -> Token | None:
    """The head token of an event's trigger (its last word: "carried out" -> "out" is rare,
    "air strikes" -> "strikes" is common, so the syntactic head within the span)."""
    if d.doc is None:
        return None
    span = d.doc.char_span(e.trigger.start, e.trigger.end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    return span.root


def is_anaphoric(tok: Token | None, data: AssemblyData) -> bool:
    """A noun under a definite determiner, with no possessor naming its agent ("the strike",
    "these arrests"; not "a strike", "Russia's strikes")."""
    if tok is None or tok.pos_ not in ("NOUN", "PROPN"):
        return False
    kids = list(tok.children)
    if any(c.dep_ == "poss" for c in kids):
        return False
    return any(c.dep_ in ("det", "predet") and c.lower_ in data.determiners for c in kids)


def _pointing_nouns(tok: Token | None) -> list[Token]:
    """The nouns that may point back for an event: its own noun trigger, or the subject of its
    verb ("the strike killed three": the killing is the strike told again)."""
    if tok is None:
        return []
    if tok.pos_ in ("NOUN", "PROPN"):
        return [tok]
    held = [
        p
        for w in (tok, *(c for c in tok.children if c.dep_ in ("acomp", "attr", "dobj")))
        for c in w.children
        if c.dep_ == "prep" and c.lower_ in ("for", "behind")
        for p in c.children
        if p.dep_ == "pobj" and p.pos_ == "NOUN"
    ]
    if held:  # "X is responsible for the attack", "claimed responsibility for", "was behind"
        return held
    subjects = [c for c in tok.children if c.dep_ == "nsubj"]
    if tok.dep_ == "relcl" and any(c.tag_ in ("WDT", "WP") for c in subjects):
        return [tok.head]  # "the blast that targeted ...": the relative's noun
    return [c for c in subjects if c.pos_ == "NOUN"]


def names_act(tok: Token, event_type: str, data: AssemblyData) -> bool:
    """An anaphoric general noun for acts of this type ("the shelling", "the move")."""
    general = data.act_nouns | data.general_nouns.get(event_type, frozenset())
    return is_anaphoric(tok, data) and tok.lemma_.lower() in general


def has_own_agent(tok: Token | None, event_type: str, data: AssemblyData) -> bool:
    """The event's own words name a doer, even one that is no actor ("police fired", "the
    blast that killed", "Russia's offensive", "attacked by gunmen"): nothing to infer. A subject
    that only names the act again ("the shelling killed five") names no doer."""
    if tok is None:
        return True
    kids = list(tok.children)
    if tok.pos_ in ("NOUN", "PROPN"):
        return any(c.dep_ == "poss" for c in kids) or any(
            c.dep_ == "prep" and c.lower_ == "by" for c in kids
        )
    acts = [n for n in _pointing_nouns(tok) if n is not tok and names_act(n, event_type, data)]
    if any(c.dep_ in ("nsubj", "csubj", "agent", "expl") for c in kids):
        return not acts
    # "gunmen stormed the hall and killed ...": a conjunct shares its head's subject
    return tok.dep_ == "conj" and any(c.dep_ in ("nsubj", "agent") for c in tok.head.children)


def _acted_on(tok: Token | None) -> str | None:
    """The lemma of what a verb acts on ("backed the proposal" -> "proposal")."""
    if tok is None or tok.pos_ not in ("VERB", "AUX"):
        return None
    obj = next((c for c in tok.children if c.dep_ in _OBJECT_DEPS), None)
    return obj.lemma_.lower() if obj is not None else None


def _compatible_dates(a: EventDate | None, b: EventDate | None) -> bool:
    """Two dates read from the tellings' own sentences must agree (to the coarser one)."""
    if a is None or b is None or a.how not in _TEXT_DATES or b.how not in _TEXT_DATES:
        return True
    if not a.value or not b.value:
        return True
    n = min(len(a.value), len(b.value))
    return a.value[:n] == b.value[:n]


def _compatible_places(a: Event, b: Event) -> bool:
    both_told = a.place_how == "clause" and b.place_how == "clause"
    return not both_told or a.place is None or b.place is None or a.place == b.place


def _stem(tok: Token | None, e: Event) -> str:
    word = tok.lemma_ if tok is not None else e.trigger.text.split()[-1]
    return word.lower()[:5]


class Assembler:
    """Joins the later tellings of an event to its first telling."""

    def __init__(self, d: Document, kb: Callable[[], KnowledgeBase], data: AssemblyData) -> None:
        self.d, self.kb, self.data = d, kb, data
        self.tokens: dict[int, Token | None] = {}
        self.families: dict[str, frozenset[str]] = {}
        self.place_country = {p.id: p.country for p in d.places}
        self.merged = 0  # later tellings joined
        self.filled = 0  # parties a later telling gave the first

    def tok(self, e: Event) -> Token | None:
        if e.trigger.start not in self.tokens:
            self.tokens[e.trigger.start] = trigger_token(self.d, e)
        return self.tokens[e.trigger.start]

    def family(self, actor_id: str) -> frozenset[str]:
        """The actor and the bodies it belongs to ("Iran's foreign ministry" -> Iran)."""
        if actor_id not in self.families:
            actor = self.d.actor(actor_id)
            kb_id = actor.kb_id if actor is not None else None
            up = [kb_id, *self.kb().ancestors(kb_id)] if kb_id else []
            self.families[actor_id] = frozenset([actor_id, *up])
        return self.families[actor_id]

    def same_parties(self, a: list[str], b: list[str]) -> bool:
        """Empty fits anything; otherwise every actor of one telling is, or belongs with, an
        actor of the other ("the Government of Mali" ... "Mali")."""
        if not a or not b:
            return True
        fa = [self.family(x) for x in a]
        fb = [self.family(y) for y in b]
        all_a, all_b = frozenset().union(*fa), frozenset().union(*fb)
        return all(f & all_b for f in fa) or all(f & all_a for f in fb)

    def compatible(self, k: Event, e: Event) -> bool:
        """Could ``e`` be a later telling of ``k`` (nothing in either contradicts it)?"""
        return (
            k.type == e.type
            and (k.mode is None or e.mode is None or k.mode == e.mode)
            and k.polarity == e.polarity
            and k.conditional == e.conditional
            and k.generic == e.generic
            and k.sentence.start != e.sentence.start
            and self.same_parties(k.source, e.source)
            and self.same_parties(k.target, e.target)
            and not (set(e.source) & set(k.target) - set(k.source))
            and _compatible_dates(k.date, e.date)
            and _compatible_places(k, e)
        )

    def repeats(self, k: Event, e: Event) -> bool:
        """The same act retold without pointing back: same word, same named agent, and (for a
        verb with an object in both tellings) the same thing acted on."""
        if not (k.source and e.source and self.same_parties(k.source, e.source)):
            return False
        if _stem(self.tok(k), k) != _stem(self.tok(e), e):
            return False
        ka, ea = _acted_on(self.tok(k)), _acted_on(self.tok(e))
        return ka is None or ea is None or ka == ea

    def points_back(self, k: Event, e: Event) -> bool:
        """``e`` is (or has as subject) a noun under a definite determiner that can name
        ``k``'s act: a general act noun, a general noun of its type, or the same word as ``k``'s
        trigger ("the visit" after "visited")."""
        for noun in _pointing_nouns(self.tok(e)):
            if names_act(noun, e.type, self.data):
                return True
            if is_anaphoric(noun, self.data) and _stem(self.tok(k), k) == _stem(noun, e):
                return True
        return False

    def told_again_there(self, k: Event, e: Event) -> bool:
        """ "Insurgents killed 15 in an attack on a market in X on Sunday. The attackers shot
        at traders ... more than 30 people were wounded": an act of a type told by its place
        (``place_retold_types``), named with no doer of its own (none, or only "the
        attackers") and no date of its own, at the very place of the act told before it, is
        that act told again."""
        if e.type not in self.data.place_retold or k.place is None or not self._same_place(k, e):
            return False
        if e.date is not None and e.date.how not in ("published", "dateline", "none"):
            return False
        if not e.source:
            return True
        tok = self.tok(e)
        subjects = [c for c in tok.children if c.dep_ in ("nsubj", "agent")] if tok else []
        return bool(subjects) and all(
            is_anaphoric(s, self.data) and s.lemma_.lower() in self.data.doer_nouns
            for s in subjects
        )

    def _same_place(self, k: Event, e: Event) -> bool:
        """``e`` is placed where ``k`` is: the same place, or only the dateline's ("KANO,
        Nigeria -") with ``k`` in the dateline's country."""
        if e.place == k.place:
            return True
        if e.place_how != "dateline":
            return False
        here = self.place_country.get(k.place or "")
        there = self.place_country.get(e.place or "")
        return here is not None and here == there

    def antecedent(self, done: list[Event], e: Event) -> Event | None:
        for k in reversed(done):
            # not the same word: "rockets struck" and later "rockets killed" are two attacks
            if self.compatible(k, e) and (
                self.points_back(k, e) or self.repeats(k, e) or self.told_again_there(k, e)
            ):
                return k
        return None

    def join(self, k: Event, e: Event) -> None:
        """``e`` becomes a mention of ``k``; what only ``e`` tells fills ``k``."""
        k.evidence.append(e.trigger)
        k.evidence.extend(x for x in e.evidence if x not in k.evidence)
        self.merged += 1
        if not k.source and e.source:
            k.source, k.source_inferred = list(e.source), True
            k.inferred_from = k.inferred_from or e.trigger
            self.filled += 1
        if not k.target and e.target:
            k.target, k.target_inferred = list(e.target), True
            k.inferred_from = k.inferred_from or e.trigger
            self.filled += 1
        if k.fatalities is None and e.fatalities is not None:
            k.fatalities = e.fatalities
        if k.place is None and e.place is not None:
            k.place, k.place_how = e.place, e.place_how

    def run(self, events: list[Event]) -> list[Event]:
        out: list[Event] = []
        for e in events:  # in text order, as the events stage made them
            k = self.antecedent(out, e)
            if k is None:
                out.append(e)
            else:
                self.join(k, e)
        return out


def assemble_events(d: Document, kb: Callable[[], KnowledgeBase]) -> None:
    """Join repeated tellings in ``d.events`` and count what changed in ``d.counts``."""
    asm = Assembler(d, kb, assembly_data())
    d.events = asm.run(d.events)
    d.counts["events_assembled"] = asm.merged
    d.counts["events_assembled_parties"] = asm.filled
