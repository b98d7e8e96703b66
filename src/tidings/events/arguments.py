"""Who did it to whom: subjects, objects and prepositional arguments over the dependency parse.

The parse gives grammatical roles; an event needs semantic ones. This module turns one into the
other: the passive ("was gunned down by X"), control ("threatened to assassinate X": the subject
of *threatened* is the assassin), participles ("..., killing dozens": the main clause's subject),
relative clauses ("rockets that struck"), coordination, and instruments ("their rockets killed":
the owner of the rockets is the source). Actor ids come from the mentions the actors stage made;
a phrase with no mention of its own is not given the actor of a word that names another party
("supporters of X", "X's ally", "Ugandan opposition candidates"): no actor beats a wrong one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from spacy.tokens import Token

from tidings.actors.collectives import collectives
from tidings.document import Document
from tidings.events.home_forces import HomeForces
from tidings.events.lexicon import Lexicon

SUBJ = {"nsubj", "csubj", "expl"}
PASS_SUBJ = {"nsubjpass", "csubjpass"}
OBJ = {"dobj", "obj"}
RELATIVE = {"that", "which", "who", "whom", "whose"}
FIRST_PERSON = {"i", "me", "my", "we", "us", "our", "ours", "myself", "ourselves"}
THIRD_PERSON = {"he", "him", "his", "she", "her", "they", "them", "their", "it", "its"}
# How far from a non-actor head ("camp", "positions") a participant may be found.
# "in" last: "security forces in Guinea", "rioted at a jail in northern Israel".
DESCEND = {"source": ("of", "from", "in"), "target": ("of", "for", "with", "in")}


@dataclass
class Args:
    """The grammatical frame of one predicate."""

    subject: list[Token] = field(default_factory=list)
    object: Token | None = None
    dative: Token | None = None
    agent: Token | None = None
    passive: bool = False
    preps: dict[str, list[Token]] = field(default_factory=dict)

    def prep(self, names: list[str]) -> list[Token]:
        out: list[Token] = []
        for n in names:
            out += self.preps.get(n, [])
        return out


def is_passive(tok: Token) -> bool:
    """A passive verb: it has a passive subject or auxiliary, or is a reduced passive."""
    kids = {c.dep_ for c in tok.children}
    if kids & (PASS_SUBJ | {"auxpass"}):
        return True
    if tok.tag_ == "VBN" and tok.dep_ == "conj" and not (kids & (SUBJ | OBJ | {"aux"})):
        return is_passive(tok.head)  # "was shot and wounded": the conjunct shares the passive
    return tok.tag_ == "VBN" and tok.dep_ in ("acl", "amod") and not (kids & (SUBJ | OBJ))


def prep_objects(tok: Token) -> dict[str, list[Token]]:
    """Objects of a word's prepositions by preposition ("against" -> [targets]), with "agent"."""
    out: dict[str, list[Token]] = {}
    for c in tok.children:
        if c.dep_ in ("prep", "agent", "dative") and c.pos_ == "ADP":
            name = c.lower_ if c.dep_ != "agent" else "by"
            objs = [p for p in c.children if p.dep_ in ("pobj", "pcomp")]
            if not objs and c.dep_ in ("prep", "dative"):
                objs = _stranded_object(c)
            for p in objs:
                out.setdefault(name, []).append(p)
            # "from either Canadian or US governments": the object under a preconj
        elif c.dep_ == "prt":
            continue
    return out


def _stranded_object(prep: Token) -> list[Token]:
    """The object of a preposition the parser left empty because it took the noun phrase for
    the subject of a reduced relative: "granted asylum to five officers holed up in ..."."""
    sent_end = prep.sent.end
    for t in prep.doc[prep.i + 1 : sent_end]:
        if t.left_edge.i != prep.i + 1:
            continue
        if t.dep_ in SUBJ | PASS_SUBJ and t.pos_ in ("NOUN", "PROPN") and t.head.i > t.i:
            if t.head.head.i == prep.head.i:
                return [t]
    return []


def controller(tok: Token, lex: Lexicon) -> list[Token]:
    """The understood subject of an infinitive or participle without its own subject."""
    head = tok.head
    if tok.dep_ == "xcomp" or (tok.dep_ == "ccomp" and tok.tag_ == "VB"):
        if head.lemma_.lower() in lex.object_control:
            obj = [c for c in head.children if c.dep_ in OBJ]
            if obj:
                return obj
        return subject_of(head, lex)
    if tok.dep_ == "conj":
        subj = subject_of(head, lex)
        if not subj and not is_passive(tok):
            # "has been indicted ... and will resign": the shared passive subject
            subj = [c for c in head.children if c.dep_ in PASS_SUBJ]
        return subj
    if tok.dep_ == "advcl" and tok.tag_ in ("VBG", "VBN"):
        if is_passive(head):
            agent = prep_objects(head).get("by", [])
            return agent or []
        return subject_of(head, lex)
    if tok.dep_ in ("acl", "relcl", "amod") and tok.tag_ == "VBG":
        return [head]
    if tok.dep_ == "acl" and tok.tag_ == "VBN" and any(c.dep_ == "dobj" for c in tok.children):
        # "Israeli air strikes killed 12 Palestinians" parsed as a participle of "strikes": a
        # participle with a direct object is an active verb, its noun the subject
        return [head]
    if tok.dep_ == "advcl" and tok.tag_ == "VB" and head.lemma_.lower() in lex.object_control:
        # "pushed the militia to mobilize", parsed as an adjunct: the one pushed
        if any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children):
            obj = [c for c in head.children if c.dep_ in OBJ]
            if obj:
                return obj
    if tok.dep_ == "pcomp" and tok.tag_ == "VBG":
        # "in reaction to Brian Hook allegedly threatening ...": the noun before the gerund
        prev = [t for t in tok.head.children if t.i < tok.i and t.pos_ in ("PROPN", "NOUN")]
        if prev:
            return prev[-1:]
        gov = tok.head.head
        if tok.head.lower_ in _MANNER_PREPS and gov.pos_ in ("VERB", "AUX") and gov.i != tok.i:
            return subject_of(gov, lex)  # "sought to beef up security by pushing ...": Salami
    return []


# Prepositions whose gerund shares the subject of the clause it modifies.
_MANNER_PREPS = {"by", "after", "before", "while", "without", "through", "since", "upon", "on"}


def in_clause_below(tok: Token, top: Token, is_clause: Callable[[Token], bool]) -> bool:
    """Does ``tok`` sit inside an adverbial clause below ``top`` that ``is_clause`` accepts
    (a condition: "... if Hamas ran")?"""
    cur = tok
    while cur.i != top.i and cur.head.i != cur.i:
        if cur.dep_ == "advcl" and is_clause(cur):
            return True
        cur = cur.head
    return False


def subject_of(tok: Token, lex: Lexicon) -> list[Token]:
    """The active subject of a predicate, resolving relatives, control and coordination."""
    subs = [c for c in tok.children if c.dep_ in SUBJ]
    if subs:
        # "the last time their rockets killed ... the US launched": the nearest subject
        before = [c for c in subs if c.i < tok.i]
        c = before[-1] if before else subs[0]
        if c.lower_ in RELATIVE and tok.dep_ == "relcl":
            return [tok.head]
        return [c]
    return controller(tok, lex) or stranded_subject(tok)


def stranded_subject(tok: Token) -> list[Token]:
    """The subject of a finite main verb that the parser hung on an opening phrase: in "With
    the signing of X, the government and the rebels have agreed", "government" is parsed as a
    conjunct of X. The noun phrase between the last comma and the verb is the subject."""
    if tok.dep_ != "ROOT" or not tok.tag_.startswith("VB"):
        return []
    aux = [c for c in tok.children if c.dep_ in ("aux", "auxpass") and c.lower_ != "to"]
    if tok.tag_ not in ("VBD", "VBZ", "VBP") and not aux:
        return []  # an imperative or a fragment: no subject to find
    skip = {c.i for c in tok.children if c.dep_ in ("aux", "auxpass", "advmod", "neg")}
    j = tok.i - 1
    while j >= tok.sent.start and j in skip:
        j -= 1
    if j < tok.sent.start:
        return []
    cur = tok.doc[j]
    if cur.pos_ not in ("NOUN", "PROPN") or cur.head.i == tok.i or cur.head.i > tok.i:
        return []
    commas = [t.i for t in tok.doc[tok.sent.start : j] if t.lower_ == ","]
    if not commas:
        return []
    while cur.dep_ in ("conj", "compound", "flat", "appos") and cur.head.i > commas[-1]:
        cur = cur.head
    return [cur] if cur.i > commas[-1] else []


def frame(tok: Token, lex: Lexicon) -> Args:
    """The grammatical frame of a verb or adjective predicate."""
    args = Args(passive=is_passive(tok), preps=prep_objects(tok))
    kids = list(tok.children)
    fronted = [c.i for c in kids if c.dep_ == "prep" and c.i < tok.i]
    if fronted:
        # "With the signing of X, Y agreed": an opening phrase before the subject is a
        # circumstance, not the verb's partner
        subj = [c for c in kids if c.dep_ in SUBJ | PASS_SUBJ] or stranded_subject(tok)
        edge = min((s.left_edge.i for s in subj), default=tok.i)
        for name, objs in list(args.preps.items()):
            kept = [p for p in objs if not (p.head.i in fronted and p.head.i < edge)]
            if kept:
                args.preps[name] = kept
            else:
                del args.preps[name]
    if args.passive:
        subj = [c for c in kids if c.dep_ in PASS_SUBJ]
        if subj and subj[0].lower_ in RELATIVE and tok.dep_ == "relcl":
            subj = [tok.head]
        if not subj and tok.dep_ in ("acl", "amod"):
            subj = [tok.head]
        if not subj and tok.dep_ == "conj":  # "X was shot and wounded": X, for both
            subj = [c for c in tok.head.children if c.dep_ in PASS_SUBJ]
        if not subj:
            subj = controller(tok, lex)
        args.object = subj[0] if subj else None
        by = args.preps.get("by", [])
        args.agent = by[0] if by else None
        args.subject = [args.agent] if args.agent is not None else []
    else:
        args.subject = subject_of(tok, lex)
        objs = [c for c in kids if c.dep_ in OBJ]
        if not objs and tok.dep_ == "relcl":
            # "the US embassy that the rockets struck": the relative is the object
            if any(c.dep_ in SUBJ and c.lower_ not in RELATIVE for c in kids):
                objs = [tok.head]
        args.object = objs[0] if objs else None
    dat = [c for c in kids if c.dep_ == "dative" and c.pos_ != "ADP"]
    args.dative = dat[0] if dat else None
    return args


def noun_args(tok: Token) -> tuple[list[Token], dict[str, list[Token]]]:
    """A nominal trigger's own possessor/compound/adjective modifiers and its prepositions."""
    mods = [c for c in tok.children if c.dep_ in ("poss", "compound", "amod", "nmod", "npadvmod")]
    return mods, prep_objects(tok)


class Resolver:
    """Maps tokens to actor ids, with fallbacks for pronouns, instruments and container nouns."""

    def __init__(self, d: Document, lex: Lexicon, quote_speaker) -> None:  # noqa: ANN001
        self.d = d
        self.lex = lex
        self.quote_speaker = quote_speaker  # callable(char offset) -> actor id | None
        self.home: HomeForces | None = None  # the dateline state's forces, if set

    def direct(self, tok: Token) -> list[str]:
        ids: list[str] = []
        conjs = [tok, *[c for c in tok.conjuncts if c.i > tok.i]]
        for t in conjs:
            found = self._phrase_ids(t)
            last = conjs[-1]
            if t.i != last.i and found and self._demonym(t) and not self._like_head(found[0], last):
                # "Sierra Leonean and Liberian refugees" parsed as two conjuncts: the first
                # is a modifier of the refugees, not the state of Sierra Leone
                continue
            for x in found:
                if x not in ids:
                    ids.append(x)
        if ids:
            # "French and Egyptian warships": coordinated modifiers name several actors, when
            # they name the head's kind of actor or the head is a state force
            for mod in tok.children:
                if mod.dep_ in ("amod", "compound", "nmod") and mod.conjuncts:
                    for conj in [mod, *mod.conjuncts]:
                        for x in self.d.actors_of_token(conj):
                            if x not in ids and self._like_head(x, tok):
                                ids.append(x)
            return ids
        low = tok.lower_
        if tok.pos_ == "PRON" or tok.tag_ in ("PRP", "PRP$"):
            if low in FIRST_PERSON:
                who = self.quote_speaker(tok.idx)
                return [who] if who else []
            if low in THIRD_PERSON:
                return self.pronoun(tok)
        return []

    def kind(self, actor_id: str) -> str:
        a = self.d.actor(actor_id)
        return a.kind if a is not None else "unknown"

    def _demonym(self, t: Token) -> bool:
        """A word naming a country by its adjective ("Sierra Leonean"), not by its name."""
        if t.pos_ == "ADJ" or t.ent_type_ == "NORP":
            return True
        m = self.d.mention_at(t.idx, t.idx + len(t.text))
        if m is None:
            return False
        a = self.d.actor(m.actor_id)
        text = self.d.text[m.start : m.end]
        return a is not None and a.kind == "country" and text.lower() != a.name.lower()

    def _like_head(self, actor_id: str, head: Token) -> bool:
        """Can a coordinated modifier's actor stand for ``head``'s referent? Unless the head
        is a noun carrying a modifier of its own whose actor differs in kind from the head's
        ("Liberian refugees": refugees, not a state), or the head is a state force."""
        if head.pos_ != "NOUN" or self.lex.in_class(head.lemma_, "forces"):
            return True
        mods = [c for c in head.children if c.dep_ in ("amod", "compound") and c.i < head.i]
        if not mods:
            return True
        own = self._phrase_ids(head)
        return not own or self.kind(own[0]) == self.kind(actor_id)

    def _phrase_ids(self, t: Token) -> list[str]:
        """The actor a noun phrase names: its own mention, else a mention among its modifiers,
        unless that modifier names another party than the phrase ("Israel's ally", "Ugandan
        opposition candidates": not Israel, not the state of Uganda)."""
        d = self.d
        own = d.mention_at(t.idx, t.idx + len(t.text))
        if own is not None:
            return [own.actor_id]
        found = d.actors_of_token(t)
        if not found:
            return []
        x = found[0]
        mod = next((m for m in _modifiers(t) if x in d.actors_of_token(m)), None)
        if mod is None:
            return found
        lemma = t.lemma_.lower()
        path = _path(mod, t)
        if self.lex.in_class(lemma, "relational") and any(p.dep_ == "poss" for p in path):
            return []
        if self.kind(x) == "country" and path and path[-1].dep_ in ("amod", "compound", "nmod"):
            # every word between the adjective and the head: "Albanian rebel-held territory"
            words = [lemma, *[w.lower_ for w in t.doc[mod.i + 1 : t.i]]]
            if any(self.lex.in_class(w, "nonstate") for w in words):
                return []
        return found

    def plural_description(self, tok: Token) -> list[str]:
        """'the companies', 'both countries', 'the two groups': the actors of that kind the
        text named last (this sentence before the phrase, or the two before it)."""
        kinds = self.lex.plural_descriptions.get(tok.lemma_.lower())
        if tok.tag_ != "NNS" or not kinds:
            return []
        dets = {c.lower_ for c in tok.children if c.dep_ in ("det", "predet", "nummod")}
        if not dets & {"the", "both", "these", "those", "two", "three"}:
            return []
        want = {"two": 2, "both": 2, "three": 3}.get(
            next(iter(dets & {"two", "both", "three"}), "")
        )
        sents = list(tok.doc.sents)
        here = next(i for i, s in enumerate(sents) if s.start <= tok.i < s.end)
        start = sents[max(0, here - 2)].start_char
        # not the clause's own subject: "Egypt and Qatar urged both sides" are not the sides
        own = {
            t.idx for c in tok.head.children if c.dep_ in SUBJ and c.i != tok.i for t in c.subtree
        }
        found: list[str] = []
        for m in reversed(
            [m for m in self.d.mentions if start <= m.start < tok.idx and m.start not in own]
        ):
            a = self.d.actor(m.actor_id)
            if a is not None and a.kind in kinds and a.id not in found:
                found.append(a.id)
        if want is not None:
            found = found[:want] if len(found) >= want else []
        return list(reversed(found)) if len(found) >= 2 else []

    def pronoun(self, tok: Token) -> list[str]:
        """An unresolved "they"/"their"/"it": the nearest earlier subject that names an actor."""
        plural = tok.lower_ in ("they", "them", "their")
        sent = tok.sent
        for t in reversed(list(sent[: tok.i - sent.start])):
            if t.dep_ in SUBJ | PASS_SUBJ and t.pos_ != "PRON":
                ids = self._subject_ids(t)
                if ids and not plural and t.tag_ == "NNS":
                    continue  # "it" is not "the forces" ("guerrillas who overran it")
                if ids and (not plural or _plural_like(t) or len(ids) > 1 or _group(t)):
                    return ids
        prev = sent.start - 1
        if prev >= 0:
            for t in tok.doc[prev].sent:
                if t.dep_ in SUBJ and t.pos_ != "PRON":
                    ids = self._subject_ids(t)
                    if ids and plural and not (_plural_like(t) or len(ids) > 1 or _group(t)):
                        continue  # "they" after "President Tinubu ordered ...": not him
                    if ids:
                        return ids
        return []

    def _subject_ids(self, t: Token) -> list[str]:
        """The actors a subject names, the dateline state's "police" included."""
        ids = self.d.actors_of_token(t)
        if not ids and self.home is not None:
            ids = self.home.actors(t)
        return ids

    def owner(self, tok: Token) -> list[str]:
        """The actor behind an instrument: "their rockets", "militias were behind rockets"."""
        for c in tok.children:
            if c.dep_ == "poss":
                ids = self.direct(c)
                if ids:
                    return ids
        cur = tok
        while cur.dep_ in ("conj", "appos") and cur.head.i != cur.i:
            cur = cur.head
        if cur.dep_ == "pobj" and cur.head.lower_ in ("behind", "by"):
            gov = cur.head.head
            for c in gov.children:
                if c.dep_ in SUBJ:
                    return self.direct(c)
        by = prep_objects(tok).get("by", [])
        for c in tok.children:
            if c.dep_ == "acl" and c.tag_ == "VBN":
                # "a bomb planted by X", "a rocket fired by X"
                by += prep_objects(c).get("by", [])
        return self.direct(by[0]) if by else []

    def actors(self, tok: Token | None, slot: str, _depth: int = 0) -> list[str]:
        """Actor ids of a participant token, looking into "positions of X" when needed."""
        if tok is None:
            return []
        ids = self.direct(tok)
        if ids:
            return ids
        if self.home is not None:
            ids = self.home.actors(tok)  # "police" in a story filed from Tbilisi
            if ids:
                return ids
        if tok.lemma_.lower() in self.lex.instruments:
            return self.owner(tok)
        if self.lex.in_class(tok.lemma_.lower(), "relational"):
            return []  # "supporters of X" are not X; nobody else is named
        if _depth < 4 and (tok.pos_ == "NUM" or self.lex.in_class(tok.lemma_, "quantity")):
            # "tens of thousands of students": the counted phrase is the participant
            counted = prep_objects(tok).get("of", [])
            if counted:
                return self.actors(counted[0], slot, _depth + 1)
        plural = self.plural_description(tok)
        if plural:
            return plural
        poss = [c for c in tok.children if c.dep_ == "poss" and c.lower_ in THIRD_PERSON]
        if poss and tok.pos_ == "NOUN":
            # "their commanders", "its forces": the group the pronoun stands for
            ids = self.direct(poss[0])
            if ids:
                return ids
        if tok.pos_ in ("NOUN", "PROPN", "NUM"):
            preps = prep_objects(tok)
            # a place or thing ("camps", "posts") held by a group named in its modifiers
            owned = tok.lemma_.lower() not in self.lex.agent_nouns and any(
                self.lex.in_class(c.lemma_, "nonstate") or c.lemma_.lower() in self.lex.agent_nouns
                for c in tok.children
                if c.dep_ in ("compound", "amod")
            )
            for name in DESCEND[slot]:
                if name == "in" and owned:
                    continue  # "rebel camps in Iraq", "army posts in X": the group's, not X's
                for p in preps.get(name, []):
                    ids = self.direct(p)
                    if ids:
                        return ids
            if slot == "target":
                # "an investigation into crimes committed by Croat forces"
                for c in tok.children:
                    if c.dep_ == "acl" and c.tag_ == "VBN":
                        for p in prep_objects(c).get("by", []):
                            ids = self.direct(p)
                            if ids:
                                return ids
        return []

    def figurative(self, tok: Token) -> bool:
        """Is this subject of a violent verb no doer of harm? A common noun that names no agent,
        weapon or violent act: "cheap imports have killed the industry" (PLOVER: no ASSAULT)."""
        if tok.pos_ != "NOUN" or tok.ent_type_ in ("PERSON", "ORG", "NORP", "GPE"):
            return False
        lemma, lex = tok.lemma_.lower(), self.lex
        if lemma in lex.non_agent_causes:
            return False  # accidents and disasters: told apart by `non_agent_causes`
        if lemma in lex.agent_nouns or lemma in lex.generic_agents or lemma in lex.instruments:
            return False
        if lemma.endswith(lex.agent_suffixes) and len(lemma) > 4:
            return False  # "the shooter", "an extremist": someone who acts
        return not lex.matches(lemma, list(lex.literal_subjects))

    def agentive(self, tok: Token) -> bool:
        """Can this subject act? An actor, a person or group noun, a pronoun, or a weapon."""
        lemma = tok.lemma_.lower()
        if lemma in self.lex.non_agent_causes:
            return False
        if self.direct(tok) or tok.pos_ in ("PRON", "PROPN"):
            return True
        if tok.ent_type_ in ("PERSON", "ORG", "GPE", "NORP"):
            return True
        return lemma in self.lex.agent_nouns or lemma in self.lex.instruments


def _modifiers(tok: Token) -> list[Token]:
    """The modifiers of a noun inside its core phrase (no clauses or prepositions)."""
    keep = {"compound", "amod", "det", "poss", "nmod", "appos", "flat", "case", "nummod"}
    out: list[Token] = []
    stack = [c for c in tok.children if c.dep_ in keep]
    while stack:
        c = stack.pop()
        out.append(c)
        stack.extend(x for x in c.children if x.dep_ in keep)
    return out


def _path(tok: Token, top: Token) -> list[Token]:
    """The tokens from ``tok`` up to (not including) ``top``, the nearest to ``top`` last."""
    out = []
    cur = tok
    while cur.i != top.i and cur.head.i != cur.i:
        out.append(cur)
        cur = cur.head
    return out


def _group(tok: Token) -> bool:
    return tok.lemma_.lower() in collectives().bodies


def first_actor_in(res: Resolver, tokens: list[Token], exclude: set[str], slot: str) -> list[str]:
    """The actors of the first participant-like token in ``tokens`` not already used."""
    for t in tokens:
        if t.dep_ in SUBJ | PASS_SUBJ | OBJ | {"pobj", "dative", "attr"}:
            ids = [a for a in res.actors(t, slot) if a not in exclude]
            if ids:
                return ids
    return []


def _plural_like(t: Token) -> bool:
    """A plural subject, or a collective one ("Police said they ...")."""
    return t.tag_ in ("NNS", "NNPS") or t.lower_ in collectives().plural
