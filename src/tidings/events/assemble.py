"""Whole-article event assembly: one event told in several sentences becomes one event.

A news story tells its main event in the lede and again further down ("the attack", "the
bombing killed ...", a quote about it). Each later telling that is the same act (same type and
polarity, compatible parties, date and place) joins the first as one more mention in
`Event.evidence`; the first telling keeps the trigger and sentence. A later telling joins when it
points back (an event noun under a definite determiner: "the strikes", "this decision") or
repeats the act with the same word and the same agent. What a later telling adds (a missing
source, target, count, place, date) fills the first, marked as inferred where it is a party.
Two acts with different things acted on ("endorsed the invasion" ... "endorse the statement")
stay apart. See ``docs/assembly.md``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml
from spacy.tokens import Token

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


def is_anaphoric(tok: Token | None, lexicon_nouns: frozenset[str], data: AssemblyData) -> bool:
    """An event noun under a definite determiner, with no possessor naming its agent."""
    if tok is None or tok.pos_ not in ("NOUN", "PROPN"):
        return False
    lemma = tok.lemma_.lower()
    if lemma not in lexicon_nouns and lemma not in data.act_nouns:
        return False
    kids = list(tok.children)
    if any(c.dep_ == "poss" for c in kids):
        return False
    return any(c.dep_ in ("det", "predet") and c.lower_ in data.determiners for c in kids)


def _acted_on(tok: Token | None) -> str | None:
    """The lemma of what a verb acts on ("endorsed the invasion" -> "invasion")."""
    if tok is None or tok.pos_ not in ("VERB", "AUX"):
        return None
    obj = next((c for c in tok.children if c.dep_ in _OBJECT_DEPS), None)
    return obj.lemma_.lower() if obj is not None else None


def _compatible_parties(a: list[str], b: list[str]) -> bool:
    """Empty fits anything; otherwise one telling's parties include the other's."""
    if not a or not b:
        return True
    sa, sb = set(a), set(b)
    return sa <= sb or sb <= sa


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

    def __init__(self, d: Document, lexicon_nouns: frozenset[str], data: AssemblyData) -> None:
        self.d, self.nouns, self.data = d, lexicon_nouns, data
        self.tokens: dict[int, Token | None] = {}
        self.merged = 0  # later tellings joined
        self.filled = 0  # parties a later telling gave the first

    def tok(self, e: Event) -> Token | None:
        if e.trigger.start not in self.tokens:
            self.tokens[e.trigger.start] = trigger_token(self.d, e)
        return self.tokens[e.trigger.start]

    def compatible(self, k: Event, e: Event) -> bool:
        """Could ``e`` be a later telling of ``k`` (nothing in either contradicts it)?"""
        return (
            k.type == e.type
            and (k.mode is None or e.mode is None or k.mode == e.mode)
            and k.polarity == e.polarity
            and k.conditional == e.conditional
            and k.generic == e.generic
            and k.sentence.start != e.sentence.start
            and _compatible_parties(k.source, e.source)
            and _compatible_parties(k.target, e.target)
            and not (set(e.source) & set(k.target) - set(k.source))
            and _compatible_dates(k.date, e.date)
            and _compatible_places(k, e)
        )

    def repeats(self, k: Event, e: Event) -> bool:
        """The same act retold without pointing back: same word, same named agent, and (for a
        verb with an object in both tellings) the same thing acted on."""
        if not (k.source and set(k.source) == set(e.source)):
            return False
        if _stem(self.tok(k), k) != _stem(self.tok(e), e):
            return False
        ka, ea = _acted_on(self.tok(k)), _acted_on(self.tok(e))
        return ka is None or ea is None or ka == ea

    def points_back(self, k: Event, e: Event) -> bool:
        """``e`` is a noun under a definite determiner that can name ``k``'s act: a general act
        noun, a general noun of its type, or the same word ("the visit" after "visited")."""
        tok = self.tok(e)
        if not is_anaphoric(tok, self.nouns, self.data) or tok is None:
            return False
        lemma = tok.lemma_.lower()
        general = self.data.act_nouns | self.data.general_nouns.get(e.type, frozenset())
        return lemma in general or _stem(self.tok(k), k) == _stem(tok, e)

    def antecedent(self, done: list[Event], e: Event) -> Event | None:
        for k in reversed(done):
            # not the same word: "rockets struck" and later "rockets killed" are two attacks
            if self.compatible(k, e) and (self.points_back(k, e) or self.repeats(k, e)):
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


def assemble_events(d: Document, lexicon_nouns: frozenset[str]) -> None:
    """Join repeated tellings in ``d.events`` and count what changed in ``d.counts``."""
    asm = Assembler(d, lexicon_nouns, assembly_data())
    d.events = asm.run(d.events)
    d.counts["events_assembled"] = asm.merged
    d.counts["events_assembled_parties"] = asm.filled
