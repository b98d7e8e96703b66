"""Implied and distant agents: an event with no source in its own words takes one from the
discourse, marked ``source_inferred`` with the evidence in ``inferred_from``.

Only for an event whose own words name no doer (a noun with no possessor or "by" phrase, a
passive with no agent, a participle with no subject). The places a reader finds the agent,
tried in order:

1. the governing clause: "the army vowed to continue the siege", "troops pressed on, killing
   dozens": the subject of the verb that governs the act (through infinitives, participles and
   the lexicon's light verbs), unless that verb only reports or reacts ("officials condemned the
   attack");
2. the same act told earlier: the one agent the article gave this type of act before ("the
   army shelled the town ... the shelling killed ..."); two different earlier agents is no answer;
3. the dateline state's police, for acts only police do (arrests, curfews, deportations, crowd
   control) in a story filed from a known state;
4. the state where an act only a state does took place ("expelled from North Korea", "tortured
   in a prison in Egypt": ``data/implied_agents.yaml``).

And, before the earlier telling, the one fought: harm suffered "while battling ISIS" is done by
ISIS, even when a "by" phrase names only the weapon ("killed by a roadside bomb while ...").

Where none of these names an agent the source stays empty: never a guess. See ``docs/assembly.md``.

An event with a source but no target in its own words takes the target of the same doer's same
kind of act told earlier, when that act was aimed at one party (``target_inferred``); a reaction
an act brought about ("the shooting sparked rallies") is aimed at that act's doer.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

from spacy.tokens import Token

from tidings.actors.collectives import collectives
from tidings.actors.kb import KnowledgeBase
from tidings.document import Document
from tidings.events.assemble import AssemblyData, assembly_data, has_own_agent, trigger_token
from tidings.events.home_forces import kb_actor
from tidings.events.lexicon import Lexicon, Phrase, read_raw
from tidings.model import Event, Span
from tidings.places.codes import alpha3

_SUBJECT_DEPS = ("nsubj", "agent")
_MAX_STEPS = 4


def _own_clause(tok: Token) -> bool:
    """A clause with its own subject or a subordinator ("after they were abducted")."""
    return any(c.dep_ in ("nsubj", "nsubjpass", "mark") for c in tok.children)


class ImpliedAgents:
    """Fills the empty source of each event from the discourse, counting each way used."""

    def __init__(
        self,
        d: Document,
        light_verbs: frozenset[str],
        object_control: frozenset[str],
        kb: Callable[[], KnowledgeBase],
        data: AssemblyData,
        nouns: dict[str, list[Phrase]] | None = None,
    ) -> None:
        self.d, self.light, self.control = d, light_verbs, object_control
        self.kb, self.data = kb, data
        self.lex_nouns = nouns or {}  # the lexicon's act nouns: what "the killing" can name
        self.counts = {"clause": 0, "opponent": 0, "earlier": 0, "dateline": 0, "place": 0}
        self.target_counts = {"earlier": 0, "dateline": 0}
        self.caused_targets = 0

    def run(self, events: list[Event]) -> None:
        for i, e in enumerate(events):
            if e.source or e.generic:
                continue
            tok = trigger_token(self.d, e)
            if not has_own_agent(tok, e.type, self.data):
                found = self.find(e, events[:i])
            elif self._by_a_thing(tok) and (opp := self.from_opponent(e)) is not None:
                found = "opponent", *opp  # "died in a mine blast while fighting the rebels"
            else:
                continue
            if found is not None:
                how, e.source, e.inferred_from = found
                e.source_inferred = True
                self.counts[how] += 1
        for e in events:
            if not e.target and e.type in reaction_types():
                cause = self.cause_of(e, events)
                if cause is not None:
                    e.target = [x for x in cause.source if x not in e.source]
                    e.target_inferred = True
                    e.inferred_from = e.inferred_from or cause.trigger
                    self.caused_targets += 1
        for i, e in enumerate(events):
            if e.source and not e.target and not e.generic:
                aimed, how = self.earlier_target(e, events[:i]), "earlier"
                if aimed is None:
                    aimed, how = self.host_of_visit(e), "dateline"
                if aimed is not None:
                    e.target, e.target_inferred = aimed[0], True
                    e.inferred_from = e.inferred_from or aimed[1]
                    self.target_counts[how] += 1

    def cause_of(self, e: Event, events: list[Event]) -> Event | None:
        """ "the shooting of a student by police sparked days of rallies": a reaction that an act
        caused (the object of a causing verb, through a count's "of") is aimed at the act's
        doer. The act is the verb's subject; where the parse gave the verb none (a long
        sentence), the last act told before the verb in its sentence."""
        tok = trigger_token(self.d, e)
        if tok is None:
            return None
        cur = tok
        while cur.dep_ in ("pobj", "prep") and cur.head.i != cur.i:
            cur = cur.head  # "days of rallies": the phrase the count heads
        verb = cur.head
        if cur.dep_ not in ("dobj", "obj") or verb.lemma_.lower() not in causing_verbs():
            return None
        subj = [c for c in verb.children if c.dep_ == "nsubj"]
        told = [
            (sp, k) for k in events if k is not e and k.source for sp in [k.trigger, *k.evidence]
        ]
        if subj:
            own = [k for sp, k in told if sp.start <= subj[0].idx < sp.end]
            if own:
                return own[0]
            # "the killing sparked protests" after "police shot dead a student": the act the
            # subject names again, the last told before it of a type the noun can name
            kinds = {
                s.type for ph in self.lex_nouns.get(subj[0].lemma_.lower(), []) for s in ph.senses
            }
            here = verb.sent
            start = (here.doc[here.start - 1].sent if here.start > 0 else here).start_char
            told = [(sp, k) for sp, k in told if k.type in kinds and start <= sp.start]
        else:
            # no subject in the parse (a long sentence): the last act told before the verb
            told = [(sp, k) for sp, k in told if verb.sent.start_char <= sp.start]
        before = [(sp.start, k) for sp, k in told if sp.end <= verb.idx]
        return max(before, key=lambda x: x[0])[1] if before else None

    def earlier_target(self, e: Event, before: list[Event]) -> tuple[list[str], Span] | None:
        """ "X asked Y for more time ... X again demanded an extension": the same doer's same
        kind of act, told earlier aimed at one party, is aimed at it again when its own words
        name nobody; two parties before is no answer."""
        aimed = [
            k for k in before if k.type == e.type and k.target and set(k.source) & set(e.source)
        ]
        if len({frozenset(k.target) for k in aimed}) != 1:
            return None
        ids = [x for x in aimed[0].target if x not in e.source]
        return (ids, aimed[0].trigger) if ids else None

    def host_of_visit(self, e: Event) -> tuple[list[str], Span] | None:
        """ "Minister X's visit will deepen ties", datelined Hanoi: a visit naming no host was
        paid to the dateline's state (the article's actor for it), by a visitor of another
        state; the dateline is the evidence."""
        dateline = self.d.article.structure.dateline
        if dateline is None or f"{e.type}/{e.mode}" not in _lists()["hosted_acts"]:
            return None
        # the dateline's own state, even in a story mostly about the visitor's
        filed = [p for p in self.d.places for m in p.mentions
                 if dateline.start <= m.start and m.end <= dateline.end and p.country]  # fmt: skip
        home = alpha3(filed[0].country) if filed else None
        states = [a for a in self.d.actors if a.kind == "country" and a.country == home]
        visitors = [self.d.actor(x) for x in e.source]
        if len(states) != 1 or any(v is None or v.country in (None, home) for v in visitors):
            return None
        return [states[0].id], dateline

    def find(self, e: Event, before: list[Event]) -> tuple[str, list[str], Span] | None:
        """The first way that names an agent, with the agent and its evidence."""
        for how in ("clause", "opponent", "earlier", "dateline", "place"):
            if how == "clause":
                found = self.from_clause(e)
            elif how == "opponent":
                found = self.from_opponent(e)
            elif how == "earlier":
                found = self.from_earlier(e, before)
            elif how == "dateline":
                found = self.from_dateline(e)
            else:
                found = self.from_place(e)
            if found is not None:
                return how, found[0], found[1]
        return None

    # -- 1. the governing clause -----------------------------------------------------------
    def governor(self, tok: Token) -> Token | None:
        """The nearest verb above the trigger whose subject does the act, if any: the trigger
        is the object of an agentive or light verb ("continue the siege", "launch an attack"),
        under an agentive word's preposition ("pressed on with", "responsible for", "behind"),
        in its infinitive ("vowed to continue"), or a subjectless participle of it ("...,
        killing dozens", "launched raids to detain them"); never past a reporting or reacting verb, nor an object-control verb
        ("pressed the workers to call off the strike": the workers act)."""
        cur = tok
        # "..., killing dozens", "launched raids to detain them": a clause of the act's own
        agentive = tok.dep_ == "advcl" and tok.tag_ in ("VBG", "VB") and not _own_clause(tok)
        for _ in range(_MAX_STEPS):
            head = cur.head
            if head.i == cur.i:
                return None
            lemma = head.lemma_.lower()
            if lemma in self.data.non_agentive:
                return None
            if cur.dep_ == "prep":
                if lemma not in self.data.agentive and cur.lemma_.lower() not in self.data.agentive:
                    return None
                agentive = True
            elif cur.dep_ in ("dobj", "obj"):
                if lemma not in self.data.agentive and lemma not in self.light:
                    return None
                agentive = True
            elif cur.dep_ == "xcomp":
                if lemma in self.control:
                    return None
                agentive = agentive or lemma in self.data.agentive or lemma in self.light
            elif cur.dep_ not in ("pobj", "acomp", "attr") and not (cur is tok and agentive):
                return None
            cur = head
            if cur.pos_ in ("VERB", "AUX") and any(c.dep_ in _SUBJECT_DEPS for c in cur.children):
                return cur if agentive else None
        return None

    def from_clause(self, e: Event) -> tuple[list[str], Span] | None:
        tok = trigger_token(self.d, e)
        if tok is None:
            return None
        gov = self.governor(tok)
        if gov is None:
            return None
        subj = next(c for c in gov.children if c.dep_ in _SUBJECT_DEPS)
        if subj.dep_ == "agent":
            subj = next((c for c in subj.children if c.dep_ == "pobj"), subj)
        ids = [a for a in self.d.actors_of_token(subj) if a not in e.target]
        if not ids:
            return None
        m = self.d.mention_at(subj.idx, subj.idx + len(subj.text))
        start, end = (m.start, m.end) if m is not None else (subj.idx, subj.idx + len(subj.text))
        return ids, self.d.span(start, end)

    # -- 1b. the one the victims were fighting ---------------------------------------------
    def from_opponent(self, e: Event) -> tuple[list[str], Span] | None:
        """'two soldiers were killed while battling ISIS': harm suffered in a fight is done by
        the one fought; the victims, the passive subject, are the target (the rules may have
        taken the enemy for it). Only a subjectless combat clause of the harm's own verb."""
        tok = trigger_token(self.d, e)
        if tok is None or e.type != "ASSAULT" or tok.pos_ != "VERB":
            return None
        victims = [c for c in tok.children if c.dep_ == "nsubjpass"]
        for clause in tok.children:
            if clause.dep_ not in ("advcl", "xcomp") or clause.lemma_.lower() not in combat_verbs():
                continue
            if _own_clause(clause) and not _while(clause):
                continue
            foes = [c for c in clause.children if c.dep_ in ("dobj", "obj")]
            foes += [
                o
                for p in clause.children
                if p.lower_ in ("against", "with")
                for o in p.children
                if o.dep_ == "pobj"
            ]
            ids = [a for f in foes for a in self.d.actors_of_token(f)]
            if not ids or not victims:
                continue
            hurt = [a for a in self.d.actors_of_token(victims[0]) if a not in ids]
            if set(e.target) <= set(ids):  # the rules took the enemy for the victims
                e.target, e.target_inferred = hurt, False
            m = self.d.mention_at(foes[0].idx, foes[0].idx + len(foes[0].text))
            f = foes[0]
            start, end = (m.start, m.end) if m is not None else (f.idx, f.idx + len(f.text))
            return ids, self.d.span(start, end)
        return None

    def _by_a_thing(self, tok: Token | None) -> bool:
        """The act's "by" phrase names a thing, no actor ("killed by a buried bomb")."""
        agents = [o for c in tok.children if c.dep_ == "agent" for o in c.children] if tok else []
        return bool(agents) and not any(self.d.actors_of_token(o) for o in agents)

    # -- 2. the same act told earlier ------------------------------------------------------
    def from_earlier(self, e: Event, before: list[Event]) -> tuple[list[str], Span] | None:
        agents = [k for k in before if k.type == e.type and k.source and k.polarity == "positive"]
        if not agents:
            return None
        sources = {frozenset(k.source) for k in agents}
        if len(sources) != 1 or set(agents[0].source) & set(e.target):
            return None  # two agents of this act told, or the earlier agent is now the victim
        first = agents[0]
        return list(first.source), first.trigger

    # -- 3. the dateline state's police ----------------------------------------------------
    def from_dateline(self, e: Event) -> tuple[list[str], Span] | None:
        home, dateline = self.d.home_country, self.d.article.structure.dateline
        if home is None or dateline is None or f"{e.type}/{e.mode}" not in self.data.police_acts:
            return None
        if e.place_how not in ("none", "dateline", "domestic") and not self._home_place(e, home):
            return None
        unit = collectives().force_units.get("police")
        entry = self.kb().get(f"{home}-{unit}") if unit else None
        if entry is None:
            return None
        return [kb_actor(self.d, entry).id], dateline

    # -- 4. the state where a police act took place ----------------------------------------
    def from_place(self, e: Event) -> tuple[list[str], Span] | None:
        """'was arrested on Monday in Niger': only a state arrests, deports or imposes a
        curfew, so an agentless police act placed in its own clause in a country is that
        state's (the country's actor the article already has); the place is the evidence."""
        if e.place_how != "clause" or f"{e.type}/{e.mode}" not in state_place_acts():
            return None
        place = next((p for p in self.d.places if p.id == e.place), None)
        code = alpha3(place.country) if place is not None and place.country else None
        states = [a for a in self.d.actors if a.kind == "country" and a.country == code]
        if place is None or code is None or len(states) != 1 or states[0].id in e.target:
            return None
        return [states[0].id], place.span

    def _home_place(self, e: Event, home: str) -> bool:
        """The event's place lies in the dateline's state."""
        place = next((p for p in self.d.places if p.id == e.place), None)
        return place is not None and alpha3(place.country) == home


@lru_cache(maxsize=1)
def _lists() -> dict[str, frozenset[str]]:
    raw = read_raw(Path(__file__).parent / "data" / "implied_agents.yaml")
    return {k: frozenset(str(x) for x in v) for k, v in raw.items()}


def state_place_acts() -> frozenset[str]:
    """TYPE/mode of the acts only the state holding a place does (``implied_agents.yaml``)."""
    return _lists()["state_place_acts"]


def combat_verbs() -> frozenset[str]:
    """Verbs of fighting someone ("battling ISIS"): whom the victims fought harmed them."""
    return _lists()["combat_verbs"]


def causing_verbs() -> frozenset[str]:
    """Verbs whose subject, an act, brings about their object ("sparked protests")."""
    return _lists()["causing_verbs"]


def reaction_types() -> frozenset[str]:
    """Types of the reactions an act brings about, aimed at its doer."""
    return _lists()["reaction_types"]


def _while(clause: Token) -> bool:
    """'while battling', 'when fighting': a subordinator, but the clause's subject is still
    the main clause's."""
    return not any(c.dep_ in ("nsubj", "nsubjpass") for c in clause.children)


def infer_agents(d: Document, lex: Lexicon, kb: Callable[[], KnowledgeBase]) -> None:
    """Fill implied sources in ``d.events``; ``d.counts`` says how many came from where."""
    finder = ImpliedAgents(d, lex.light_agent, lex.object_control, kb, assembly_data(), lex.nouns)
    finder.run(d.events)
    for how, n in finder.counts.items():
        d.counts[f"events_source_from_{how}"] = n
    for how, n in finder.target_counts.items():
        d.counts[f"events_target_from_{how}"] = n
    d.counts["events_target_from_cause"] = finder.caused_targets
