"""Unnamed state forces in a datelined story: "police used tear gas" in a story filed from
Tbilisi are Georgia's police; "troops" its armed forces; "the authorities" its government.

Only plain force nouns count (no possessor, nationality or name of another party in the phrase:
`tidings.actors.collectives.force_unit`), and only when the dateline names the country. The
actor is the knowledge base's entry for that state's force, with the noun phrase as its mention.

The actors stage already makes an actor of a bare force that does an act ("Police arrested
...", "Soldiers opened fire") before the dateline's state is known: an actor of no country.
`HomeForces` gives such an actor the home state's KB entry (`adopt`), keeping its id; with no
dateline state it stays a force of no country, which is all the article says.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Token

from tidings.actors.collectives import force_unit
from tidings.actors.kb import KBEntry, KnowledgeBase, actor_from_entry
from tidings.document import Document
from tidings.model import Actor


class HomeForces:
    """Finds (and creates on first use) the home state's force a bare noun stands for."""

    def __init__(self, d: Document, kb: Callable[[], KnowledgeBase]) -> None:
        self.d = d
        self._kb = kb
        self.adopt()

    def entry(self, tok: Token) -> KBEntry | None:
        """The KB entry of the home state's force a plain force noun names, if any."""
        home = self.d.home_country
        if home is None or tok.pos_ not in ("NOUN", "PROPN"):
            return None  # ("Police fired ..." opens a sentence: the model calls it a name)
        unit = force_unit(tok)  # "police" -> the home state's "GEO-POLICE"
        if unit is None:
            return None
        if any(c.dep_ == "det" and c.lower_ not in ("the",) for c in tok.children):
            return None  # "a soldier", "some police": one of them, not the force
        return self._kb().get(f"{home}-{unit}")

    def actors(self, tok: Token) -> list[str]:
        entry = None if tok.i in _named(self.d, tok) else self.entry(tok)
        if entry is None:
            return []
        mods = [c for c in tok.children if c.dep_ in ("poss", "compound", "amod", "nmod")]
        start = min([tok.idx, *[m.idx for m in mods]])
        span = self.d.span(start, tok.idx + len(tok.text))
        actor = kb_actor(self.d, entry)
        if all((s.start, s.end) != (span.start, span.end) for s in actor.mentions):
            actor.mentions = sorted([*actor.mentions, span], key=lambda s: (s.start, s.end))
        return [actor.id]

    def adopt(self) -> None:
        """Each force actor of no country whose every mention is a plain force noun of one
        unit ("Police", "police officers", "the police") becomes the home state's force."""
        doc = self.d.doc
        if self.d.home_country is None or doc is None:
            return
        for actor in self.d.actors:
            if actor.kb_id or actor.country or actor.sponsor or actor.affiliation:
                continue
            entries = set()
            for m in actor.mentions:
                span = doc.char_span(m.start, m.end, alignment_mode="expand")
                entry = self.entry(span.root) if span is not None else None
                entries.add(entry.id if entry is not None else None)
            if len(entries) == 1 and None not in entries:
                found = self._kb().get(entries.pop())
                assert found is not None
                _become(actor, found)


def kb_actor(d: Document, entry: KBEntry) -> Actor:
    """The document's actor of a KB entry (an adopted one counts), added on first use."""
    actor = next((a for a in d.actors if a.kb_id == entry.id), None)
    if actor is None:
        actor = actor_from_entry(entry, [])
        d.actors.append(actor)
    return actor


def _become(actor: Actor, entry: KBEntry) -> None:
    """The actor is the KB entry's from now on (its id and mentions stay)."""
    actor.name, actor.kind, actor.country = entry.name, entry.kind, entry.country  # type: ignore[assignment]
    actor.sector, actor.kb_id, actor.cameo = entry.sector, entry.id, entry.cameo


def _named(d: Document, tok: Token) -> set[int]:
    """Tokens of the noun phrase that already name an actor."""
    out = set()
    for t in tok.subtree:
        if d.mention_at(t.idx, t.idx + len(t.text)) is not None:
            out.add(t.i)
    return out
