"""How an event is told: who says so, how sure, negated, conditional, generic, future.

An event is only as good as its source. "Israel and the US have threatened X", as *claimed* by
Salami, is not the author's fact; "Hook allegedly threatening" is the author's hedge; "militias
were likely behind rockets" is probable. Each cue is a word list in ``data/modality.yaml``; the
scope of a cue is the trigger's clause: the trigger, the words it depends on up to the nearest
reporting verb, and their auxiliaries and adverbs.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from spacy.tokens import Token

from tidings.document import Document
from tidings.model import Quote
from tidings.quotes.lexicon import cue_certainty

DATA = Path(__file__).parent / "data" / "modality.yaml"
# Edges that stay inside one clause when climbing from a trigger to its governors.
_CLAUSE_EDGES = {
    "xcomp",
    "conj",
    "dobj",
    "pobj",
    "prep",
    "relcl",
    "acl",
    "pcomp",
    "advcl",
    "amod",
    "compound",
    "nsubj",
    "nsubjpass",
    "attr",
    "oprd",
    "appos",
    "npadvmod",
}
_SCOPE_DEPS = {"aux", "auxpass", "neg", "advmod", "acomp", "npadvmod", "prep", "mark"}
_NESTED = {"ccomp", "advcl", "relcl", "acl", "xcomp", "parataxis", "csubj"}


@dataclass(frozen=True)
class Cues:
    plain: frozenset[str]
    factive: frozenset[str]
    belief: frozenset[str]
    claim: frozenset[str]
    denial: frozenset[str]
    alleged: frozenset[str]
    probable: frozenset[str]
    possible: frozenset[str]
    raising: frozenset[str]
    negation: frozenset[str]
    conditional: tuple[str, ...]
    ultimatum: frozenset[str]
    ultimatum_bare: frozenset[str]
    generic: tuple[str, ...]
    future_aux: frozenset[str]
    going_to: tuple[str, ...]
    intention: frozenset[str]
    deontic: tuple[str, ...]

    @property
    def reporting(self) -> frozenset[str]:
        return self.plain | self.belief | self.claim | self.denial


def _w(raw: Any) -> frozenset[str]:
    return frozenset(str(x).lower() for x in (raw or []))


@lru_cache(maxsize=4)
def load_cues(path: Path = DATA) -> Cues:
    """The modality cue lists, loaded once."""
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    rep, cert, fut = raw["reporting"], raw["certainty"], raw["future"]
    return Cues(
        plain=_w(rep["plain"]),
        factive=_w(rep.get("factive")),
        belief=_w(rep.get("belief")),
        claim=_w(rep["claim"]),
        denial=_w(rep["denial"]),
        alleged=_w(cert["alleged"]),
        probable=_w(cert["probable"]),
        possible=_w(cert["possible"]),
        raising=_w(cert["raising"]),
        negation=_w(raw["negation"]),
        conditional=tuple(str(x).lower() for x in raw["conditional"]),
        ultimatum=_w(raw["ultimatum_consequence"]),
        ultimatum_bare=_w(raw.get("ultimatum_bare")),
        generic=tuple(str(x).lower() for x in raw["generic"]),
        future_aux=_w(fut["auxiliaries"]),
        going_to=tuple(str(x).lower() for x in fut["going_to"]),
        intention=_w(fut["intention_verbs"]),
        deontic=tuple(str(x).lower() for x in raw["deontic"]),
    )


@dataclass
class Modality:
    certainty: str = "certain"
    polarity: str = "positive"
    attributed_to: str | None = None
    speaker_known: bool = False  # a reporting frame or quote was found, even with no speaker
    cue: str | None = None  # the reporting cue ("claim", "say", "deny")
    denial: bool = False
    conditional: bool = False
    generic: bool = False
    tense: str = "past"


def chain(tok: Token, cues: Cues) -> list[Token]:
    """The trigger and the words it hangs from inside its clause, up to a reporting verb."""
    out = [tok]
    cur = tok
    while cur.head.i != cur.i and cur.dep_ in _CLAUSE_EDGES:
        cur = cur.head
        if cur.lemma_.lower() in cues.reporting and cur.pos_ == "VERB":
            break
        out.append(cur)
    return out


def scope(tokens: list[Token]) -> list[Token]:
    """The modifiers of a clause chain: auxiliaries, negation, adverbs, their own words."""
    out: list[Token] = []
    for t in tokens:
        out.append(t)
        for c in t.children:
            if c.dep_ in _SCOPE_DEPS or (c.dep_ == "det" and c.lower_ == "no"):
                out.append(c)
                if c.dep_ in ("prep", "advmod", "npadvmod"):
                    out.extend(x for x in c.subtree if x.i != c.i)
    return out


def clause_text(tokens: list[Token]) -> str:
    return " " + " ".join(t.lower_ for t in sorted(set(tokens), key=lambda t: t.i)) + " "


def reporting_governor(tok: Token, cues: Cues) -> Token | None:
    """The reporting verb whose complement holds ``tok`` ("he claimed [X threatened Y]")."""
    cur = tok
    crossed = False
    while cur.head.i != cur.i:
        if cur.dep_ in ("ccomp", "parataxis") or (cur.dep_ == "xcomp" and cur.tag_ != "VB"):
            crossed = True
        elif cur.dep_ in ("advcl", "relcl") and not crossed:
            # a participle clause or relative clause is not reported content of the main verb
            return None
        head = cur.head
        if crossed and head.lemma_.lower() in cues.reporting and head.pos_ in ("VERB", "AUX"):
            return head
        cur = head
    return None


# (the quotes list indexed, its length, (position, quote) by start, starts, longest span)
_QUOTE_INDEX: list[tuple[list[Quote], int, list[tuple[int, Quote]], list[int], int]] = []


def _quote_index(d: Document) -> tuple[list[tuple[int, Quote]], list[int], int]:
    """The document's non-term quotes by start, kept while its quote list is unchanged, so
    each look-up reads only the quotes that can hold a position (linear time overall)."""
    if not _QUOTE_INDEX or _QUOTE_INDEX[0][0] is not d.quotes or _QUOTE_INDEX[0][1] != len(
        d.quotes
    ):
        ordered = sorted(
            ((k, q) for k, q in enumerate(d.quotes) if q.kind != "term"),
            key=lambda kq: kq[1].span.start,
        )
        longest = max((q.span.end - q.span.start for _, q in ordered), default=0)
        starts = [q.span.start for _, q in ordered]
        _QUOTE_INDEX[:] = [(d.quotes, len(d.quotes), ordered, starts, longest)]
    return _QUOTE_INDEX[0][2:]


def quote_at(d: Document, start: int, end: int) -> Quote | None:
    """The innermost quote whose span holds ``[start, end)``."""
    ordered, starts, longest = _quote_index(d)
    lo = bisect.bisect_left(starts, start - longest)
    hi = bisect.bisect_right(starts, start)
    best: Quote | None = None
    for _, q in sorted(ordered[lo:hi], key=lambda kq: kq[0]):  # in the document's order
        if q.span.start <= start and end <= q.span.end:
            if best is None or (q.span.end - q.span.start) < (best.span.end - best.span.start):
                best = q
    return best


def implied_certainty(cue: str | None, cues: Cues) -> str | None:
    """What a belief cue makes of what it reports: the certainty the quotes cue lexicon gives
    its class ("believe" -> probable, "fear" -> possible), else probable for a belief verb."""
    words = (cue or "").split()
    implied = cue_certainty(words[-1]) if words else None
    if implied in ("probable", "possible"):
        return implied
    return "probable" if set(words) & cues.belief else None


def certainty_of(tokens: list[Token], cues: Cues) -> str | None:
    """The strongest hedge in the clause, or None."""
    lemmas = {t.lemma_.lower() for t in tokens} | {t.lower_ for t in tokens}
    if lemmas & cues.alleged:
        return "alleged"
    for t in tokens:
        if t.dep_ == "auxpass" and t.head.lemma_.lower() in cues.raising:
            return "probable"
    if lemmas & cues.probable:
        return "probable"
    if lemmas & cues.possible:
        return "possible"
    return None


def negated(tokens: list[Token], cues: Cues) -> bool:
    for t in tokens:
        if t.dep_ == "neg" or (t.lower_ in cues.negation and t.dep_ in ("neg", "advmod", "det")):
            return True
    return False


def is_conditional(tok: Token, cues: Cues) -> bool:
    """In an if/unless clause, or the main clause of one (or of an infinitive it embeds:
    "threatened to close the border if ...")."""
    for x in tok.children:
        if x.dep_ == "xcomp":
            if any(c.dep_ == "advcl" and _conditional_mark(c, cues) for c in x.children):
                return True
    cur = tok
    while True:
        for c in cur.children:
            if c.dep_ == "advcl" and _conditional_mark(c, cues):
                return True
        if cur.dep_ == "advcl" and _conditional_mark(cur, cues):
            return True
        if cur.head.i == cur.i or cur.dep_ in ("ccomp", "parataxis"):
            return False
        cur = cur.head


def _conditional_mark(clause: Token, cues: Cues) -> bool:
    marks = [c for c in clause.children if c.dep_ == "mark"]
    words = " ".join(t.lower_ for t in clause.doc[clause.left_edge.i : clause.i])
    return any(m.lower_ in cues.conditional for m in marks) or any(
        f" {c} " in f" {words} " for c in cues.conditional if " " in c
    )


def tense_of(tokens: list[Token], cues: Cues) -> str:
    """future for will/would/going to or an intention verb above; present or past by tag."""
    head = tokens[0]
    if own_future(head, cues):
        return "future"
    if head.dep_ == "xcomp" and head.head.lemma_.lower() in cues.intention:
        return "future"
    aux = {c.lower_ for c in head.children if c.dep_ == "aux"}
    if head.tag_ == "VB" and aux & {"may", "might", "could", "can"} and "have" not in aux:
        return "future"  # "Russia may attack": not yet happened
    if head.tag_ in ("VBZ", "VBP"):
        return "present"
    if head.tag_ == "VBG" and any(
        c.dep_ == "aux" and c.tag_ in ("VBZ", "VBP") for c in head.children
    ):
        return "present"
    return "past"


def own_future(head: Token, cues: Cues) -> bool:
    """The verb's own auxiliaries say it is yet to come: will, shall, would, going to."""
    if any(c.dep_ == "aux" and c.lower_ in cues.future_aux for c in head.children):
        return True
    before = " " + " ".join(t.lower_ for t in head.doc[max(0, head.i - 3) : head.i]) + " "
    return any(f" {g} " in before for g in cues.going_to)


def is_generic(tokens: list[Token], cues: Cues) -> bool:
    text = clause_text(tokens)
    return any(f" {g} " in text for g in cues.generic)
