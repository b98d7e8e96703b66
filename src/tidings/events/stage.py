"""The ``events`` stage: PLOVER events with participants, certainty and attribution.

Per body sentence, `SentenceExtractor` finds trigger candidates and links embedding ones to what
they embed; this module turns them into `Event` records: embedding semantics (threats, demands,
promises, orders), two clause-level rules (an ultimatum "if you ..., none of you will ...", and a
reported "X must ..." as a demand), fatalities, modality, and the tense rules of PLOVER (promised
cooperation is AGREE, an announced retreat is CONCEDE, announced harm is a THREATEN). Across the
document a party's denial is linked to the event it denies, and the same event told twice is
kept once with the second telling as evidence.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from tidings.actors.kb import KnowledgeBase, load_kb
from tidings.document import Document
from tidings.events.arguments import OBJ, SUBJ, Resolver, noun_args, prep_objects, subject_of
from tidings.events.assemble import assembly_data
from tidings.events.combine import SentenceView, default_refiner, sentence_view
from tidings.events.extract import (
    CONFLICT,
    MATERIAL_CONFLICT,
    VERBAL,
    Cand,
    SentenceExtractor,
    lemmas,
)
from tidings.events.home_forces import HomeForces
from tidings.events.lexicon import Lexicon, Trigger, default_lexicon, load_lexicon
from tidings.events.linking import link_denials, merge_coreferent, to_event
from tidings.events.modality import (
    Cues,
    Modality,
    certainty_of,
    chain,
    implied_certainty,
    is_conditional,
    is_generic,
    load_cues,
    negated,
    own_future,
    quote_at,
    reporting_governor,
    scope,
    tense_of,
)
from tidings.events.place_targets import PlaceTargets
from tidings.events.slots import (
    absorb_capabilities,
    absorb_instrument_clauses,
    count_of,
    crowd_country,
    embedded_target,
    fill_slots,
    is_purpose,
    obstructed_states,
    purpose_target,
    split_parties,
)
from tidings.model import Event
from tidings.stage import Stage

_REQUEST = Trigger(key="(must)", type="REQUEST", cameo="100", complement="embed")
_ALLEGED = Trigger(key="(reported wrong)", type="ACCUSE", mode="allege", cameo="112")
_ULTIMATUM = Trigger(key="(if ... then)", type="THREATEN", cameo="139", mode="relations")


def _depth(tok: Token) -> int:
    n = 0
    while tok.head.i != tok.i:
        tok, n = tok.head, n + 1
    return n


class DocumentEvents:
    """Builds the events of one document."""

    def __init__(
        self,
        d: Document,
        lex: Lexicon,
        cues: Cues,
        kb: Callable[[], KnowledgeBase] = load_kb,
    ) -> None:
        self.d, self.lex, self.cues = d, lex, cues
        self.res = Resolver(d, lex, self._speaker_at)
        self.ex = SentenceExtractor(lex, self.res)
        self.places = PlaceTargets(d, lex, kb)
        self.res.home = HomeForces(d, kb)
        self.last_attackers: list[str] = []  # the doers of the last violent act told
        self.acts_told: list[tuple[str, str, list[str]]] = []  # (trigger lemma, type, doers)
        self.triggers_at: dict[int, Token] = {}  # sentence start -> its first lexicon trigger
        self.silent: set[int] = set()  # sentence starts whose trigger tells nothing was done
        self.trace: list[tuple[Cand, str]] | None = None  # every candidate and its fate, if asked

    def _speaker_at(self, char: int) -> str | None:
        q = quote_at(self.d, char, char + 1)
        return q.speaker if q is not None else None

    # ---------------------------------------------------------------- per sentence
    def sentence(self, sent: SpacySpan) -> list[tuple[Cand, Modality]]:
        cands = self.ex.candidates(sent)
        if cands:
            self.triggers_at[sent.start] = cands[0].head
        if any(c.trig.silent for c in cands):
            self.silent.add(sent.start)  # "declined to comment": nothing for the classifier
        self.ex.embed(cands)
        for c in cands:
            c.type, c.mode = c.trig.type, c.trig.mode
            if self.lex.has_role(c.type, "violent") and self._figurative(c):
                c.type = c.mode = None  # "policies destroyed factories": no physical harm
            fill_slots(c, self.res)
        at = {c.head.i: c for c in cands}
        for n in cands:
            # "called off a strike", "rejected a call": the verb tells what became of the noun
            v = at.get(n.light.i) if n.pos == "noun" and n.light is not None else None
            if (
                v is not None
                and v is not n
                and v.trig.complement not in ("causative", "pass")
                and n.light_kind != "responsible"  # "claimed responsibility for the bombing"
                and (v.trig.type is not None or n.light_kind in (None, "other"))
            ):  # but "announced sanctions on X": the sanctions stand, "announce" only embeds
                n.absorbed = True
        for c in sorted(cands, key=lambda c: -_depth(c.head)):
            self._embedding(c)
        self._participles(cands)
        absorb_capabilities(cands, self.lex)
        absorb_instrument_clauses(cands, self.lex)
        self._protest_details(cands)
        for c in cands:
            if self._antecedent(c.clause_head):
                c.absorbed = True  # "if he gave them a veto": a condition, not an event
        cands += self._deontic(sent, cands)
        cands += self._reported_wrongs(sent, cands)
        cands += self._blame_told(cands)
        cands += self._ultimatums(sent, cands)
        heads: dict[int, list[Cand]] = {}
        for c in cands:
            for i in {c.head.i, c.clause_head.i}:
                heads.setdefault(i, []).append(c)
        out = []
        for c in cands:
            why = self._drop_reason(c, heads)
            if self.trace is not None:
                self.trace.append((c, why or "kept"))
            if why is not None:
                continue
            self._finish(c)
            self.places.apply(c)  # "arrived in Amman", "a curfew in Algiers": the place's state
            self._condemned_act(c)
            split_parties(c, self.lex)  # "X and Y signed a deal": X -> Y, when no target found
            out.append((c, self.modality(c)))
        for c, _ in out:
            if c.type in MATERIAL_CONFLICT and c.source:
                self.last_attackers = list(c.source)
            if c.source and c.type is not None:
                self.acts_told.append((c.head.lemma_.lower(), c.type, list(c.source)))
        return out

    def _condemned_act(self, c: Cand) -> None:
        """ "Scholz condemned the strikes": what is condemned is the act told before, so its
        doer is the target (when the act's own words name nobody)."""
        if not self.lex.has_role(c.type, "condemning") or c.target or c.args is None:
            return
        if c.args.object is None:
            return
        obj = c.args.object
        lemma = obj.lemma_.lower()
        if self.lex.in_class(lemma, "violence"):
            if any(x.dep_ in ("poss", "compound", "amod", "prep") for x in obj.children):
                return  # "condemned Israel's strikes", "the strikes on Gaza": resolved there
            c.target = [x for x in self.last_attackers if x not in c.source]
        elif self.lex.in_class(lemma, "act"):
            c.target = self._doer_of_act(lemma, c.source)

    def _doer_of_act(self, lemma: str, judges: list[str]) -> list[str]:
        """ "branded the ban an outrage", "said the decision was a disgrace": the act
        judged is one told before; its doer is whoever did the last act of that word ("ordered"
        for "order"), else the last material act (not what was said) by someone other than the
        judge."""
        for same_word in (True, False):
            for word, type_, doers in reversed(self.acts_told):
                others = [x for x in doers if x not in judges]
                fits = word == lemma if same_word else type_ not in VERBAL
                if others and fits and not self.lex.has_role(type_, "judging"):
                    return others
        return []

    def _embedding(self, c: Cand) -> None:
        """What an embedding word (report, order, plan, promise, denial) makes of what it embeds."""
        kind = c.trig.complement
        if c.trig.reporting:
            self._embed_report(c)
        elif kind == "causative":
            self._embed_causative(c)
        elif kind == "pass":
            for i in c.inner:
                i.source = i.source or list(c.source)
            c.emit = False
        elif kind in ("intend", "prepare"):
            self._embed_intention(c, kind)
        elif kind == "commit":
            self._embed_commitment(c)
        elif kind == "deny":
            # "Hamas denied firing any rockets": the firing, negated, denied by Hamas (and
            # linked to the telling it denies, if any)
            for i in c.inner:
                i.denied_by = list(c.source)
                i.source = i.source or list(c.source)
            c.emit = False
        elif kind in ("embed", "absorb"):
            self._embed_content(c, kind)

    def _embed_report(self, c: Cand) -> None:
        """A report of others' conflict acts accuses their doers."""
        accused = [
            x for i in c.inner if (i.type in CONFLICT) for x in i.source if x not in c.source
        ]
        c.emit = bool(accused)
        c.target = list(dict.fromkeys(accused))

    def _embed_causative(self, c: Cand) -> None:
        for i in c.inner:
            i.caused = True
            if not i.source and not i.target and c.args is not None and c.args.object:
                # "pushed the militia to mobilize": the one pushed is the one acted on
                i.target = [
                    x for x in self.res.actors(c.args.object, "target") if x not in c.source
                ]
            if c.source:
                # "ordered Basij units mobilized": the one ordered is the one acted on
                i.target = i.target or [x for x in i.source if x not in c.source]
                i.source = list(c.source)
            if i.pos == "noun" and i.light is None:
                i.light, i.light_kind = c.head, "causative"
        c.emit = c.type is not None and not c.inner

    def _embed_intention(self, c: Cand, kind: str) -> None:
        lex = self.lex
        mapping = lex.complement_maps[kind]
        for i in c.inner:
            if i.pos == "noun" and i.head.dep_ in OBJ and i.head.head.i == c.head.i:
                # "announced sanctions on X": the act announced is the act done
                i.source = i.source or list(c.source)
                continue
            new = mapping.get(i.type or "")
            if new and new != i.type:
                i.mode = lex.complement_modes.get(new, {}).get(i.type or "", None)
                i.type = new
            i.source = i.source or list(c.source)
        c.emit = False

    def _embed_commitment(self, c: Cand) -> None:
        lex = self.lex
        mapping = lex.complement_maps["commit"]
        inner = c.inner[0] if c.inner else None
        outer = mapping.get(inner.type or "") if inner is not None else c.trig.type
        refused = lex.turn["refused_promise"]
        if (
            inner is not None
            and outer in refused
            and any(x.dep_ == "neg" for x in inner.head.children)
        ):
            outer = refused[outer]  # "vowed not to return the Golan Heights"
        c.type = outer
        if inner is not None and outer is not None:
            c.mode = lex.complement_modes.get(outer, {}).get(inner.type or "", c.mode)
            for i in c.inner:
                i.absorbed = True
            c.target = c.target or embedded_target(c, self.res, self.places.find)
        c.emit = outer is not None

    def _embed_content(self, c: Cand, kind: str) -> None:
        for i in c.inner:
            i.absorbed = True
        if kind == "embed" and c.type is not None and c.inner:
            c.mode = self.lex.complement_modes.get(c.type, {}).get(c.inner[0].type or "", c.mode)
        if kind == "embed" and not c.target:
            c.target = embedded_target(c, self.res, self.places.find)
        c.emit = c.type is not None

    def _participles(self, cands: list[Cand]) -> None:
        """ "launched airstrikes ..., killing dozen": the deaths belong to the airstrikes."""
        for c in cands:
            h = c.head
            if not (c.trig.fatal and c.pos == "verb" and h.tag_ == "VBG"):
                continue
            if h.dep_ not in ("advcl", "conj", "xcomp") or any(x.dep_ in SUBJ for x in h.children):
                continue
            gov = next(
                (
                    g
                    for g in cands
                    if g is not c
                    and not g.absorbed
                    and self.lex.has_role(g.type, "violent")
                    and h.head.i in (g.head.i, g.clause_head.i)
                ),
                None,
            )
            if gov is None:
                continue
            patient = c.args.object if c.args is not None else None
            gov.fatalities = gov.fatalities or count_of(patient, self.res)
            if gov.fatalities is not None or not c.target:
                c.absorbed = True
                for other in cands:
                    # "killing or wounding 50": the wounded belong to the same attack
                    if (
                        other.head.dep_ == "conj"
                        and other.head.head.i == h.i
                        and self.lex.has_role(other.type, "violent")
                    ):
                        other.absorbed = True

    def _protest_details(self, cands: list[Cand]) -> None:
        """The demands of a protest and the damage of a riot are part of it (PLOVER 3.12)."""
        lex = self.lex
        protests = [c for c in cands if lex.has_role(c.type, "protest") and not c.absorbed]
        heads = {c.head.i for c in protests} | {c.clause_head.i for c in protests}
        for c in cands:
            if lex.has_role(c.type, "protest") or c.absorbed:
                continue
            h = c.clause_head
            if h.tag_ not in ("VBG", "VB") or any(x.dep_ in SUBJ for x in h.children):
                continue
            if not lex.has_role(c.type, "demand") and c.target:
                continue
            cur, steps = h, 0
            while cur.head.i != cur.i and steps < 4:
                cur, steps = cur.head, steps + 1
                if cur.i in heads:
                    c.absorbed = True
                    for p in cands:
                        # the protest is aimed at whom its demand is
                        if lex.has_role(p.type, "protest") and cur.i in (p.head.i, p.clause_head.i):
                            p.target = p.target or [x for x in c.target if x not in p.source]
                    break

    def _antecedent(self, tok: Token) -> bool:
        cur = tok
        while True:
            if cur.dep_ == "advcl" and any(
                m.dep_ == "mark" and m.lower_ in ("if", "unless") for m in cur.children
            ):
                return True
            if cur.head.i == cur.i:
                return False
            cur = cur.head

    def _deontic(self, sent: SpacySpan, cands: list[Cand]) -> list[Cand]:
        """A reported "Libya must hand over ..." is a demand by the one who reports it."""
        at = {c.head.i: c for c in cands}
        out = []
        for tok in sent:
            aux = [c for c in tok.children if c.dep_ == "aux" and c.lower_ in ("must", "should")]
            if not aux:
                continue
            # "there must be dialogue": the act whose existence is demanded, from no one named
            there = tok.lemma_ == "be" and any(x.dep_ == "expl" for x in tok.children)
            inner = at.get(tok.i) or next(
                (at[x.i] for x in tok.children
                 if x.dep_ in (("attr",) if there else ("acomp", "xcomp")) and x.i in at),
                None,
            )  # fmt: skip
            demanded = there and any(
                x.dep_ == "attr" and self.lex.in_class(x.lemma_, "proposable") for x in tok.children
            )  # "there must be dialogue": no trigger, but an act one can ask for
            if (aux[0].lower_ == "should" or there) and inner is None and not demanded:
                continue
            gov = reporting_governor(tok, self.cues)
            q = quote_at(self.d, tok.idx, tok.idx + 1)
            speaker = None
            if gov is not None:
                speaker = next(
                    (x for s in subject_of(gov, self.lex) for x in self.res.actors(s, "source")),
                    None,
                )
            if speaker is None and q is not None and q.kind == "indirect":
                speaker = q.speaker  # the quote finder's speaker when the parse has none
            subj = [x for s in subject_of(tok, self.lex) for x in self.res.actors(s, "target")]
            if speaker is None or not (subj or there) or speaker in subj:
                continue
            c = Cand(
                aux[0],
                _REQUEST,
                [aux[0], tok],
                "verb",
                type=_REQUEST.type,
                source=[speaker],
                target=subj,
                force_speaker_act=True,
            )
            if inner is not None:
                inner.absorbed = True
                c.inner = [inner]
                c.mode = self.lex.complement_modes[c.type or ""].get(inner.type or "")
            out.append(c)
        return out

    def _reported_wrongs(self, sent: SpacySpan, cands: list[Cand]) -> list[Cand]:
        """ "X said Y is cheating", "Y stole $4bn, X says": a wrong that a speaker tells of a
        named party, in a word no trigger covers, is the speaker's allegation (PLOVER 3.9 ACCUSE
        "allege"); the wrong is a word rated strongly negative (class ``negative``) whose doer
        acts (not ``experiencer``: "said they suffered")."""
        taken = {t.i for c in cands for t in c.tokens}
        out = []
        for tok in sent:
            if tok.i in taken or tok.pos_ != "VERB" or self._antecedent(tok):
                continue
            lemma = tok.lemma_.lower()
            if not (
                self.lex.in_class(lemma, "negative") or self.lex.in_class(tok.lower_, "negative")
            ):
                continue
            if self.lex.in_class(lemma, "experiencer"):
                continue
            passive = any(x.dep_ in ("auxpass", "nsubjpass") for x in tok.children)
            doers = prep_objects(tok).get("by", []) if passive else subject_of(tok, self.lex)
            accused = [x for t in doers for x in self.res.actors(t, "target")]
            speaker = self._speaker_of(tok) if accused else []
            if not speaker or speaker[0] in accused:
                continue
            out.append(Cand(tok, _ALLEGED, [tok], "verb", type=_ALLEGED.type,
                            mode=_ALLEGED.mode, source=speaker[:1],
                            target=list(dict.fromkeys(accused)), force_speaker_act=True))  # fmt: skip
        return out

    def _blame_told(self, cands: list[Cand]) -> list[Cand]:
        """ "Our inquiry shows X was responsible for the bombing," Y said: to hold another
        party responsible for a wrong is Y's allegation against it (PLOVER 3.9 ACCUSE "allege";
        CAMEO 112), told beside the act itself. Only the words of responsibility that a third
        party states ("responsible for", "behind"), not "claimed responsibility": one who claims
        an act accuses nobody."""
        out = []
        for c in cands:
            if c.pos != "noun" or c.light_kind != "responsible" or c.light is None:
                continue
            if c.type not in MATERIAL_CONFLICT or any(
                t.lemma_.lower() == "responsibility" for t in c.tokens
            ):
                continue  # (a wrong: not "responsible for the talks")
            held = [x for s in subject_of(c.light, self.lex) for x in self.res.actors(s, "target")]
            speaker = self._speaker_of(c.light) if held else []
            if not speaker or speaker[0] in held:
                continue
            words = [c.light, *(t for t in c.light.children
                                if self.lex.in_class(t.lower_, "responsibility"))]  # fmt: skip
            out.append(Cand(c.light, _ALLEGED, words, "verb", type=_ALLEGED.type,
                            mode=_ALLEGED.mode, source=speaker[:1],
                            target=list(dict.fromkeys(held)), force_speaker_act=True))  # fmt: skip
        return out

    def _ultimatums(self, sent: SpacySpan, cands: list[Cand]) -> list[Cand]:
        """ "If you threaten us, none of you will be safe": a conditional threat by the speaker."""
        out = []
        for cond in sent:
            if cond.dep_ != "advcl" or not any(
                m.dep_ == "mark" and m.lower_ in ("if", "unless") for m in cond.children
            ):
                continue
            main = cond.head
            inside = {t.i for t in cond.subtree}
            clause = [
                t
                for t in main.subtree
                if t.i not in inside and not (t.dep_ == "conj" and t.head.i == main.i)
            ]
            if not self._harm_promised(clause):
                continue
            clause_ids = {t.i for t in clause}
            live = [c for c in cands if c.head.i in clause_ids and c.emit and not c.absorbed]
            if live:
                for c in live:
                    c.conditional = True
                continue
            threat = self._ultimatum(main, cond, clause)
            if threat is None:
                continue
            for c in cands:
                if c.head.i in inside:
                    c.absorbed = True
            out.append(threat)
        return out

    def _harm_promised(self, clause: list[Token]) -> bool:
        """A future clause that promises harm ("none of your commanders will be safe")."""
        future = any(t.dep_ == "aux" and t.lower_ in self.cues.future_aux for t in clause)
        harm = any(
            t.lemma_.lower() in self.cues.ultimatum
            and not (
                t.lemma_.lower() in self.cues.ultimatum_bare
                and any(c.dep_ == "dobj" and c.lemma_.lower() != "price" for c in t.children)
            )
            for t in clause
        )
        return future and harm

    def _ultimatum(self, main: Token, cond: Token, clause: list[Token]) -> Cand | None:
        """The threat: by the speaker (or the clause's subject), at the condition's actors."""
        src = self._speaker_of(main)
        if not src:
            src = [
                x for t in clause if t.dep_ in SUBJ | {"pobj"} for x in self.res.actors(t, "source")
            ][:2]
        tgt = [
            x
            for t in cond.subtree
            if t.dep_ in SUBJ | {"nsubjpass", "dobj", "pobj"}
            for x in self.res.actors(t, "target")
            if x not in src
        ]
        if not src and not tgt:
            return None
        return Cand(
            main,
            _ULTIMATUM,
            [main],
            "verb",
            type=_ULTIMATUM.type,
            mode=_ULTIMATUM.mode,
            source=src,
            target=list(dict.fromkeys(tgt)),
            conditional=True,
            force_speaker_act=True,
        )

    def _speaker_of(self, tok: Token) -> list[str]:
        q = quote_at(self.d, tok.idx, tok.idx + len(tok.text))
        if q is not None and q.speaker:
            return [q.speaker]
        gov = reporting_governor(tok, self.cues)
        if gov is not None:
            return [x for s in subject_of(gov, self.lex) for x in self.res.actors(s, "source")][:1]
        return []

    def _drop_reason(self, c: Cand, heads: dict[int, list[Cand]]) -> str | None:
        """Why a candidate is no event of its own (None: it is one); the reasons are what
        ``tools/event_misses.py`` reports."""
        if c.type is None:
            return "figurative" if c.trig.type is not None else "no type"
        if c.absorbed:
            return "absorbed"
        if not c.emit:
            return "embedding only"
        gov = c.head.head
        if c.head.dep_ in ("advcl", "conj") and self.lex.in_class(gov.lemma_, "accident"):
            return "accident"  # "the jetliner crashed, killing all 228 on board": no one attacked
        if c.pos == "noun" and c.light_kind in (None, "other"):
            if not (c.source or c.target or self._specific_act(c) or self._caused(c)):
                return "noun without actors"
            cur, caused = c.head, self._caused(c)
            while cur.head.i != cur.i:
                cur = cur.head
                outer = [o for o in heads.get(cur.i, []) if not self._same_light(o, c, cur, caused)]
                if outer and not self._judged_with_parties(c, outer):
                    return "noun inside another event"  # "agreed to mediation in the talks"
        head = c.clause_head
        if c.trig is not _ULTIMATUM and not c.caused and is_purpose(head, self.lex):
            return "purpose clause"
        if (
            head.dep_ == "acl"
            and head.tag_ == "VBG"
            and not self.res.agentive(head.head)
            and not self.lex.in_class(head.head.lemma_, "statement")
        ):
            return "description"  # "a program providing protection": a description of a thing
        if c.trig.derived and not (c.source and c.target) and not self._names_noun(c):
            return "derived without actors"  # PETRARCH2 codes a verb only between two actors
        if not (c.source or c.target) and not (self._someone(c) or self._caused(c)):
            return "nobody"  # "consumers were demanding vehicles": nobody the ontology knows
        if (
            c.trig.complement == "embed"
            and c.trig is not _REQUEST  # "there must be dialogue": the act is named
            and c.pos == "verb"
            and not (c.target or c.inner or self.ex._complement_tokens(c.head, c.trig))
            and not self._addressee_named(c)
        ):
            return "empty request"  # "what we are asking": a request of nothing from nobody
        if c.pos == "verb" and head.dep_ == "amod" and head.tag_ in ("VBN", "VBG"):
            return "description"  # "Iranian-backed militias", "an occupying army"
        if (
            head.dep_ == "relcl"
            and head.tag_ in ("VBZ", "VBP")
            and not any(x.dep_ == "aux" for x in head.children)
        ):
            return "standing state"  # "the units that Iran backs"
        return "non-agent cause" if self._non_agent_cause(c, head) else None

    def _judged_with_parties(self, c: Cand, outer: list[Cand]) -> bool:
        """ "hailed the outcome of the negotiations between X and Y": a joint act that a judgement
        is about, naming its parties, happened and is an event of its own (not "condemned the
        attack on X": that attack is told as the judgement's object, plv-train codes only the
        judgement)."""
        if not self.lex.has_role(c.type, "mutual"):
            return False
        return bool(c.source or c.target) and all(
            self.lex.has_role(o.type, "judging") for o in outer
        )

    @staticmethod
    def _same_light(o: Cand, c: Cand, verb: Token, caused: bool) -> bool:
        """Is ``verb`` no other event that ``c`` is part of? ``c`` is its subject, the cause of
        the noun ``o`` ("the killing sparked protests"); or, when ``c`` is told as caused, it
        is ``c``'s own light verb, shared with the nouns beside it ("sparked protests and calls
        for reform"). An unknown light verb is otherwise kept apart: "reduced aid" is no AID."""
        beside = o.pos == "noun" and o.clause_head.i == verb.i
        if beside and o.light_kind == "other" and c.head.head.i == verb.i and c.head.dep_ in SUBJ:
            return True  # "the killing sparked protests": the cause is an event of its own
        return c.clause_head.i == verb.i and (o is c or beside) and caused

    @staticmethod
    def _names_noun(c: Cand) -> bool:
        """A derived phrase that stands for a noun trigger of its own type ("convened a
        meeting") is kept as the noun would be: with a source or a target."""
        same = any(n.trig.type == c.trig.type for n in c.replaced)
        return same and bool(c.source or c.target)

    def _addressee_named(self, c: Cand) -> bool:
        """ "will appeal to the home minister": a request put to someone named by role is one,
        though the role is no actor of the article."""
        preps = prep_objects(c.head)
        objs = [p for x in c.trig.target_preps for p in preps.get(x, [])]
        return self._someone_named(objs, entities=True)  # (not "called on Tuesday")

    def _non_agent_cause(self, c: Cand, head: Token) -> bool:
        """ "a fire killed three" is an accident; "Hezbollah fire killed three" is not."""
        nonagent = self.lex.non_agent_causes
        for t in head.children:
            if t.dep_ in SUBJ and t.lemma_.lower() in nonagent and not self.res.direct(t):
                return True
            if self.lex.has_role(c.type, "violent") and (
                t.dep_ == "agent" or (t.dep_ == "prep" and t.lower_ in self.lex.cause_prepositions)
            ):
                if any(
                    p.lemma_.lower() in nonagent and not self.res.direct(p)
                    for p in t.children
                    if p.dep_ == "pobj"
                ):
                    return True
        return False

    def _figurative(self, c: Cand) -> bool:
        """A violent verb whose doer (subject, or "by" agent) is a thing that cannot act."""
        if c.pos != "verb" or c.args is None:
            return False
        doers = [] if c.args.passive else list(c.args.subject)
        doers += [p for x in c.head.children if x.dep_ == "agent" for p in x.children
                  if p.dep_ == "pobj"]  # fmt: skip
        return bool(doers) and all(self.res.figurative(t) for t in doers)

    def _someone(self, c: Cand) -> bool:
        """An actor-less event is kept only when a participant names people or a group."""
        a = c.args
        toks = list(a.subject) + ([a.object] if a.object is not None else []) if a else []
        if c.pos == "noun":
            toks += self._noun_parts(c)
        if self.lex.has_role(c.type, "violent") and a is not None:
            # "a missile struck a school": a weapon does no harm by itself; someone fired it
            if any(s.lemma_.lower() in self.lex.instruments for s in a.subject):
                return True
        return self._someone_named(toks)

    @staticmethod
    def _noun_parts(c: Cand) -> list[Token]:
        """A nominal trigger's own participants: "the police killing of an unarmed man"."""
        mods, preps = noun_args(c.head)
        return [m for m in mods if m not in c.tokens] + preps.get("of", []) + preps.get("by", [])

    def _specific_act(self, c: Cand) -> bool:
        """A nominal event no actor of the article takes part in is kept when it is one act
        (definite or possessed: "the police killing of an unarmed man", not "endless government
        bailouts") and its own words name people or a group."""
        definite = any(
            (x.dep_ == "det" and x.lower_ in assembly_data().determiners) or x.dep_ == "poss"
            for x in c.head.children
        )
        return definite and self._someone_named(self._noun_parts(c), True)

    def _caused(self, c: Cand) -> bool:
        """A nominal event told as what something caused happened, though it names no actor of
        the article: "the killing sparked two weeks of protests", "generated complaints"."""
        cur = c.head
        while cur.dep_ == "conj":
            cur = cur.head
        if cur.dep_ == "pobj" and cur.head.lower_ == "of" and cur.head.head.pos_ == "NOUN":
            cur = cur.head.head  # "two weeks of protests", "a wave of arrests"
        verb = cur.head
        return cur.dep_ in ("dobj", "nsubjpass") and bool(
            {*lemmas(verb)} & self.lex.classes.get("effect", frozenset())
        )

    def _someone_named(self, toks: list[Token], entities: bool = False) -> bool:
        """Does one of these words name people or a group? (``entities``: a proper noun only
        when it is a named person, group or state: "the Bible's appeal" names no one.)"""
        lex = self.lex
        return any(
            t.ent_type_ in ("PERSON", "ORG", "NORP", "GPE")
            or (t.pos_ == "PROPN" and not entities)
            or t.lemma_.lower() in self.lex.agent_nouns
            or lex.in_class(t.lemma_, "relational")  # "500 followers of the cleric"
            or self._counted_people(t)  # "five others were wounded", "three were killed"
            or any(x.lemma_.lower() in self.lex.agent_nouns for x in t.children if x.dep_ == "pobj")
            or any(
                p.lemma_.lower() in self.lex.agent_nouns
                for x in t.children
                if x.dep_ == "prep"
                for p in x.children
            )
            for t in toks
        )

    def _counted_people(self, t: Token) -> bool:
        """A count standing for people as a verb's subject or object: "five others", "dozens",
        "three" (a bare number)."""
        if t.dep_ not in ("nsubj", "nsubjpass", "dobj"):
            return False
        counted = t.pos_ == "NUM" or any(x.dep_ == "nummod" for x in t.children)
        return counted and (t.pos_ == "NUM" or self.lex.in_class(t.lower_, "counted_people"))

    def _finish(self, c: Cand) -> None:
        """Mode from the weapon, fatalities from the victims, a target from the aim."""
        if not c.target and self.lex.has_role(c.type, "aimed"):
            c.target = purpose_target(c, self.res) or obstructed_states(c, self.res)
        c.source = c.source or crowd_country(c, self.res)
        if self.lex.has_role(c.type, "violent") and c.mode is None:
            words = []
            if c.args is not None:
                words += [t for t in c.args.subject] + ([c.args.object] if c.args.object else [])
                words += c.args.prep(["with"])
            words += [t for t in c.head.children if t.dep_ in ("compound", "amod")]
            for w in words:
                mode = self.lex.instruments.get(w.lemma_.lower())
                if mode is not None:
                    c.mode = mode
                    break
        if c.trig.fatal and c.fatalities is None:
            patient = None
            if c.pos == "verb" and c.args is not None:
                patient = c.args.object
            else:
                of = [
                    p
                    for x in c.head.children
                    if x.dep_ == "prep" and x.lower_ == "of"
                    for p in x.children
                    if p.dep_ == "pobj"
                ]
                patient = of[0] if of else None
            c.fatalities = count_of(patient, self.res)

    # ---------------------------------------------------------------- modality
    def modality(self, c: Cand) -> Modality:
        cues, m = self.cues, Modality()
        head = c.clause_head
        ch = chain(head, cues)
        sc = scope(ch)
        own = scope([head, c.head])
        m.certainty = certainty_of(sc, cues) or "certain"
        if c.pos == "noun":
            hedges = [x for x in c.head.children if x.dep_ == "amod"]
            if c.light_kind == "responsible" and c.light is not None:
                # "X is probably responsible for the bombing": the hedge is on "responsible"
                hedges += [y for x in (c.light, *c.light.children) for y in x.children
                           if y.dep_ == "advmod"]  # fmt: skip
            m.certainty = certainty_of(hedges, cues) or m.certainty
        m.polarity = "negative" if negated(own, cues) else "positive"
        q = quote_at(self.d, c.start, c.end)
        gov = reporting_governor(head, cues)
        if gov is not None:
            gq = quote_at(self.d, gov.idx, gov.idx + len(gov.text))
            if gq is not None and not (gq.span.start <= c.start and c.end <= gq.span.end):
                gov = None  # 'X agreed - "I conclude ..."': a quoted verb reports only its quote
        if q is not None:
            m.attributed_to, m.cue, m.speaker_known = q.speaker, (q.cue or "").lower(), True
        elif gov is not None:
            who = [x for s in subject_of(gov, self.lex) for x in self.res.actors(s, "source")]
            m.attributed_to, m.cue, m.speaker_known = (
                (who[0] if who else None),
                gov.lemma_.lower(),
                True,
            )
        cue_words = set((m.cue or "").split())
        if cue_words & cues.claim and m.certainty == "certain":
            m.certainty = "claimed"
        elif (
            cue_words & (cues.plain - cues.factive)
            and m.certainty == "certain"
            and c.pos == "verb"
            and m.attributed_to not in c.source
            and not (gov is not None and self._says_own_act(gov, c))
        ):
            # "Salami said that millions have turned out": what others did, the speaker's word
            m.certainty = "claimed"
        elif m.certainty == "certain" and (implied := implied_certainty(m.cue, cues)):
            m.certainty = implied  # "officials fear X": possible; "believe X": probable
        m.denial = bool(cue_words & cues.denial) or "not" in cue_words
        if c.denied_by:
            m.attributed_to, m.denial, m.polarity = c.denied_by[0], True, "negative"
        if m.attributed_to is not None and (
            c.force_speaker_act or (c.type in VERBAL and m.attributed_to in c.source)
        ):
            m.attributed_to, m.certainty = (
                None,
                "certain" if m.certainty == "claimed" else m.certainty,
            )
        m.conditional = c.conditional or is_conditional(head, cues)
        m.generic = is_generic(scope([head, c.head]), cues)
        m.tense = tense_of([head, *[x for x in head.children]], cues)
        if c.trig.future:
            m.tense = "future"
        return m

    def _says_own_act(self, gov: Token, c: Cand) -> bool:
        """ "Khan's PTI party said it would ... and called on supporters": the speaker's phrase
        names the event's own source, though it resolved to no single actor."""
        spans = [(t.left_edge.idx, t.right_edge.idx + len(t.right_edge.text))
                 for t in subject_of(gov, self.lex)]  # fmt: skip
        for x in c.source:
            a = self.d.actor(x)
            if a is not None and any(
                s <= m.start and m.end <= e for m in a.mentions for s, e in spans
            ):
                return True
        return False

    def retype(self, c: Cand, m: Modality) -> None:
        """PLOVER's tense rules: a future act announced by its own agent."""
        head = c.clause_head
        if not own_future(head, self.cues) or c.args is None or c.args.passive:
            return
        if c.pos == "noun" and c.light_kind != "agent":
            return
        if c.pos == "verb" and c.trig.subject != "source":
            return
        if not c.source or c.trig is _ULTIMATUM or c.trig is _REQUEST:
            return
        unless = any(
            x.lower_ == "unless"
            for h in (head, c.head)
            for t in h.children
            if t.dep_ == "advcl"
            for x in t.children
            if x.dep_ == "mark"
        )
        turn, old = self.lex.turn, c.type or ""
        if m.polarity == "negative" and old in turn["announced_negated"]:
            c.type, c.mode, m.polarity = turn["announced_negated"][old], None, "positive"
        elif old in turn["announced_harm"] or (unless and old in turn["announced_unless"]):
            c.type = turn["announced_harm"].get(old) or turn["announced_unless"][old]
            c.mode = self.lex.complement_modes.get(c.type, {}).get(old, None)
        elif old in turn["announced"]:
            c.type, c.mode = turn["announced"][old], None


@dataclass
class EventTrace:
    """What the events stage did with one document, for diagnosis."""

    fates: list[tuple[Cand, str]] = field(default_factory=list)  # candidate, "kept" or why not
    rules: list[Event] = field(default_factory=list)  # the rule events, before the classifier


class EventStage(Stage):
    """PLOVER events with source, target, certainty and attribution, from body sentences."""

    name = "events"
    requires = (
        *("doc", "structure", "actors", "mentions", "quotes"),
        *("places", "place_spans", "home_country"),
    )
    assigns = ("events", "actors")

    def __init__(self, lexicon: str | None = None, kb: KnowledgeBase | None = None) -> None:
        self.lex = load_lexicon(lexicon) if lexicon else default_lexicon()
        self.cues = load_cues()
        self._kb = kb
        self.refiner: Callable[[list[Event], list[SentenceView]], list[Event]] = default_refiner()
        self.trace: EventTrace | None = None  # when set, the next document's candidates' fates

    def kb(self) -> KnowledgeBase:
        """The actor KB (for a place's state that is not yet an actor), loaded when first needed."""
        if self._kb is None:
            self._kb = load_kb()
        return self._kb

    def __call__(self, d: Document) -> Document:
        trace = self.trace  # set by a diagnostic (``tools/event_misses.py``), else None
        builder = DocumentEvents(d, self.lex, self.cues, self.kb)
        if trace is not None:
            builder.trace = trace.fates
        found: list[tuple[Event, Modality]] = []
        sents = d.body_sentences()
        for sent in sents:
            for c, m in builder.sentence(sent):
                builder.retype(c, m)
                found.append((to_event(d, c, m, sent), m))
        events = merge_coreferent(link_denials(found))
        if trace is not None:
            trace.rules = [e.model_copy(deep=True) for e in events]
        views = [
            sentence_view(d.text, s, builder.triggers_at.get(s.start), builder.silent)
            for s in sents
        ]
        events = self.refiner(events, views)
        for n, e in enumerate(events, start=1):
            e.id = f"E{n}"
        d.events = events
        d.counts["events"] = len(events)
        return d
