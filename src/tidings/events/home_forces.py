"""Unnamed state forces in a datelined story: "police used tear gas" in a story filed from
Tbilisi are Georgia's police; "troops" its armed forces; "the authorities" its government.

Only bare nouns count (no possessor, no nationality, no name of another party in the phrase),
and only when the dateline names the country. The actor is the knowledge base's entry for that
state's force, with the noun phrase as its mention.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Token

from tidings.actors.collectives import collectives
from tidings.actors.kb import KnowledgeBase, actor_from_entry
from tidings.document import Document

_MODIFIER_DEPS = {"poss", "compound", "amod", "nmod"}
_PLAIN_MODIFIERS = {"riot", "security", "armed", "local", "national"}


class HomeForces:
    """Finds (and creates on first use) the home state's force a bare noun stands for."""

    def __init__(self, d: Document, kb: Callable[[], KnowledgeBase]) -> None:
        self.d = d
        self._kb = kb

    def actors(self, tok: Token) -> list[str]:
        home = self.d.home_country
        if home is None or tok.pos_ not in ("NOUN", "PROPN") or tok.i in _named(self.d, tok):
            return []  # ("Police fired ..." opens a sentence: the model calls it a name)
        lemma = tok.lemma_.lower()
        mods = [c for c in tok.children if c.dep_ in _MODIFIER_DEPS]
        two = f"{mods[-1].lower_} {lemma}" if mods else lemma
        units = collectives().force_units  # "police" -> the home state's "GEO-POLICE"
        unit = units.get(two) or units.get(lemma)
        if unit is None or any(m.lower_ not in _PLAIN_MODIFIERS for m in mods):
            return []
        if any(c.dep_ == "det" and c.lower_ not in ("the",) for c in tok.children):
            return []  # "a soldier", "some police": one of them, not the force
        entry = self._kb().get(f"{home}-{unit}")
        if entry is None:
            return []
        start = min([tok.idx, *[m.idx for m in mods]])
        span = self.d.span(start, tok.idx + len(tok.text))
        actor = self.d.actor(entry.id)
        if actor is None:
            actor = actor_from_entry(entry, [])
            self.d.actors.append(actor)
        if all((s.start, s.end) != (span.start, span.end) for s in actor.mentions):
            actor.mentions = sorted([*actor.mentions, span], key=lambda s: (s.start, s.end))
        return [actor.id]


def _named(d: Document, tok: Token) -> set[int]:
    """Tokens of the noun phrase that already name an actor."""
    out = set()
    for t in tok.subtree:
        if d.mention_at(t.idx, t.idx + len(t.text)) is not None:
            out.add(t.i)
    return out
