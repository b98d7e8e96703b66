"""Event candidates in one sentence: verbal, nominal and light-verb triggers with their frames.

A candidate is a trigger (a lexicon word or phrase) with the sense its context selects and the
grammatical frame it sits in. Candidates can embed one another: "threatened to assassinate X" is
one THREATEN whose target is the target of the embedded ASSAULT, which is not an event of its
own; "ordered the mobilization of Basij units" is a MOBILIZE whose source is the one who
ordered; "the US launched airstrikes against X, killing dozen" is one ASSAULT with its source
from the light verb and twelve fatalities from the participle.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from tidings.events.arguments import (
    OBJ,
    PASS_SUBJ,
    SUBJ,
    Args,
    Resolver,
    frame,
    prep_objects,
)
from tidings.events.lexicon import Lexicon, Phrase, Trigger, When
from tidings.model import QUAD_CLASS, Count

CONFLICT = {t for t, q in QUAD_CLASS.items() if q.endswith("conflict")}
VERBAL = {t for t, q in QUAD_CLASS.items() if q.startswith("verbal")}
MATERIAL_CONFLICT = {t for t, q in QUAD_CLASS.items() if q == "material conflict"}
_PHRASE_DEPS = {
    "prt",
    "dobj",
    "prep",
    "advmod",
    "acomp",
    "oprd",
    "dative",
    "npadvmod",
    "xcomp",
    "compound",
    "amod",
    "attr",
    "nsubjpass",
}


@dataclass(eq=False)
class Cand:
    """A trigger with its sense, frame and (once resolved) its participants."""

    head: Token
    trig: Trigger
    tokens: list[Token]
    pos: str
    args: Args | None = None
    light: Token | None = None
    light_kind: str | None = None
    type: str | None = None
    mode: str | None = None
    source: list[str] = field(default_factory=list)
    target: list[str] = field(default_factory=list)
    inner: list[Cand] = field(default_factory=list)
    absorbed: bool = False
    emit: bool = True
    fatalities: Count | None = None
    conditional: bool = False
    force_speaker_act: bool = False
    caused: bool = False  # the complement of "ordered X to", "pushed X to": no purpose clause
    denied_by: list[str] = field(default_factory=list)  # "X denied firing": X
    replaced: list[Cand] = field(default_factory=list)  # nouns a derived phrase stands for

    @property
    def clause_head(self) -> Token:
        """The verb whose clause the event is told in (the light verb for a noun)."""
        return self.light if self.light is not None else self.head

    @property
    def start(self) -> int:
        return min(t.idx for t in self.tokens)

    @property
    def end(self) -> int:
        return max(t.idx + len(t.text) for t in self.tokens)


def lemmas(tok: Token) -> list[str]:
    """The lemma and plausible base forms: the small model lemmatises "staged" as "stag"."""
    low, lem = tok.lower_, tok.lemma_.lower()
    out = [lem, low]
    for suffix, repl in (
        ("ied", "y"),
        ("ies", "y"),
        ("ed", ""),
        ("ed", "e"),
        ("d", ""),
        ("ing", ""),
        ("ing", "e"),
        ("es", ""),
        ("s", ""),
    ):
        if low.endswith(suffix) and len(low) - len(suffix) >= 3:
            out.append(low[: len(low) - len(suffix)] + repl)
    return list(dict.fromkeys(out))


def _free_relative(tok: Token) -> bool:
    """'What we are asking is difficult': a clause naming content ("what we ask") that is
    only judged is talked about, not done; "What they demanded was the release of X" (a
    pseudo-cleft whose copula names the content) stays an event."""
    judged = {c.dep_ for c in tok.head.children} & {"acomp"} and not any(
        c.dep_ == "attr" for c in tok.head.children
    )
    return (
        tok.dep_ in ("csubj", "csubjpass")
        and bool(judged)
        and any(c.dep_ == "dobj" and c.lower_ in ("what", "whatever") for c in tok.children)
    )


def _verb_like(tok: Token) -> bool:
    return tok.pos_ == "VERB" or (tok.tag_.startswith("VB") and tok.pos_ not in ("AUX", "NOUN"))


def _near(tok: Token) -> dict[str, Token]:
    """Lemmas around a verb that a phrase may need: particles, objects, prepositions."""
    out: dict[str, Token] = {}

    def add(t: Token) -> None:
        out.setdefault(t.lemma_.lower(), t)
        out.setdefault(t.lower_, t)

    for c in tok.children:
        if c.dep_ not in _PHRASE_DEPS:
            continue
        add(c)
        if c.dep_ in ("prep", "dobj", "nsubjpass", "xcomp", "attr", "dative"):
            for g in c.children:
                if g.dep_ in ("pobj", "compound", "amod", "prep", "dobj", "prt"):
                    add(g)
                    if g.dep_ == "prep":
                        for h in g.children:
                            if h.dep_ == "pobj":
                                add(h)
    return out


def _other_subject(tok: Token, subj: list[Token]) -> bool:
    """An infinitive complement with a subject of its own that is not the word's subject
    ("wants the court to act", "wants Poland out"): the word puts its wish to someone."""
    for c in tok.children:
        if c.dep_ not in ("ccomp", "xcomp"):
            continue
        own = [x for x in c.children if x.dep_ in ("nsubj", "nsubjpass")]
        infinitive = any(x.dep_ == "aux" and x.lower_ == "to" for x in c.children)
        if own and infinitive and not any(o.i == s.i for o in own for s in subj):
            return True
    return False


def _noun_near(tok: Token) -> dict[str, Token]:
    out: dict[str, Token] = {}
    for c in tok.children:
        if c.dep_ in ("compound", "amod", "nmod", "npadvmod") and c.i < tok.i:
            out.setdefault(c.lemma_.lower(), c)
            out.setdefault(c.lower_, c)
    return out


def _match(phrases: list[Phrase], near: dict[str, Token]) -> tuple[Phrase, list[Token]] | None:
    for ph in phrases:
        if all(w in near for w in ph.rest):
            return ph, [near[w] for w in ph.rest]
    return None


class SentenceExtractor:
    """Finds and resolves the event candidates of one sentence."""

    def __init__(self, lex: Lexicon, res: Resolver) -> None:
        self.lex = lex
        self.res = res

    # ---------------------------------------------------------------- discovery
    def candidates(self, sent: SpacySpan) -> list[Cand]:
        cands: list[Cand] = []
        used: set[int] = set()
        for tok in sent:
            if tok.i in used or tok.is_punct or tok.is_space:
                continue
            c = self._adjective(tok) or (self._verb(tok) if _verb_like(tok) else None)
            if c is not None:
                cands.append(c)
                used.update(t.i for t in c.tokens)
        for tok in sent:
            if tok.i in used or tok.pos_ not in ("NOUN", "PROPN", "VERB"):
                continue
            if tok.pos_ == "VERB" and (tok.tag_ != "VBG" or tok.dep_ == "prep"):
                continue  # "according to", "following the talks": a preposition, no act
            c = self._noun(tok)
            if c is not None:
                cands.append(c)
                used.update(t.i for t in c.tokens)
        for tok in sent:
            c = self._derived_verb(tok) if tok.i not in used and _verb_like(tok) else None
            if c is None:
                continue
            mine = {t.i for t in c.tokens}
            taken = [n for n in cands if any(t.i in mine for t in n.tokens)]
            if all(n.pos == "noun" and n.light == tok and n.light_kind == "other" for n in taken):
                # "rushed aid to X": the phrase tells what the unknown light verb does
                c.replaced = taken
                cands = [n for n in cands if n not in taken] + [c]
                used.update(mine)
        return cands

    def _adjective(self, tok: Token) -> Cand | None:
        phrases = self.lex.adjectives.get(tok.lower_)
        if not phrases or tok.dep_ not in ("acomp", "amod", "ROOT", "conj", "xcomp", "advcl"):
            if not (
                phrases and tok.tag_ == "VBN" and any(c.dep_ == "auxpass" for c in tok.children)
            ):
                return None
        ph = phrases[0]
        args = frame(tok, self.lex)
        if tok.dep_ == "acomp":
            args.subject = [c for c in tok.head.children if c.dep_ in SUBJ | PASS_SUBJ]
        elif args.passive:
            args.subject, args.object, args.passive = (
                [args.object] if args.object is not None else [],
                None,
                False,
            )
        sense = self._choose(ph.senses, tok, args)
        return Cand(tok, sense, [tok], "adj", args=args) if sense is not None else None

    def _verb(self, tok: Token) -> Cand | None:
        own = next((self.lex.verbs[x] for x in lemmas(tok) if x in self.lex.verbs), None)
        return self._verb_sense(tok, own) if own and not _free_relative(tok) else None

    def _derived_verb(self, tok: Token) -> Cand | None:
        """A verb the lexicon's own entries did not make a trigger, with the word a CAMEO-derived
        phrase needs ("rushed aid to X")."""
        table = self.lex.derived_verbs
        phrases = next((table[x] for x in lemmas(tok) if x in table), None)
        return self._verb_sense(tok, phrases) if phrases and not _free_relative(tok) else None

    def _verb_sense(self, tok: Token, phrases: list[Phrase]) -> Cand | None:
        """The first phrase whose words are near the verb and whose sense holds there."""
        near = _near(tok)
        args = frame(tok, self.lex)
        for ph in phrases:
            if not all(w in near for w in ph.rest):
                continue
            extra = [near[w] for w in ph.rest]
            sense = self._choose(ph.senses, tok, args, phrase_tokens=extra)
            if sense is not None:
                if args.object is not None and args.object in extra and not sense.derived:
                    args.object = None  # (a derived phrase's object is "none": its phrases count)
                return Cand(tok, sense, [tok, *extra], "verb", args=args)
        return None

    def _noun(self, tok: Token) -> Cand | None:
        phrases = self.lex.nouns.get(tok.lemma_.lower()) or self.lex.nouns.get(tok.lower_)
        if not phrases:
            return None
        m = _match(phrases, _noun_near(tok))
        if m is None:
            return None
        ph, extra = m
        light, kind = self._light(tok)
        sense = self._choose(ph.senses, tok, None, light=light, phrase_tokens=extra)
        if sense is None:
            return None
        c = Cand(tok, sense, [tok, *extra], "noun", light=light, light_kind=kind)
        if light is not None and kind in ("agent", "recipient", "responsible"):
            c.tokens.append(light)
            c.args = frame(light, self.lex)
        elif light is not None:
            c.args = frame(light, self.lex)
        return c

    def _light(self, tok: Token) -> tuple[Token | None, str | None]:
        """The verb a nominal trigger is the object of, and what kind of light verb it is."""
        cur = tok
        if cur.dep_ in ("compound", "amod") and cur.head.lemma_.lower() in self.lex.support_nouns:
            cur = cur.head
        while cur.dep_ == "conj" and cur.head.pos_ in ("NOUN", "PROPN"):
            cur = cur.head
        if cur.dep_ == "pobj" and cur.head.lower_ == "of":
            holder = cur.head.head
            if holder.lemma_.lower() in self.lex.support_nouns or holder.pos_ == "NUM":
                cur = holder
        held = self._held_responsible(cur)
        if held is not None:
            return held, "responsible"
        if cur.dep_ not in OBJ | PASS_SUBJ | {"attr", "oprd"}:
            return None, None
        verb = cur.head
        if not _verb_like(verb) and verb.pos_ != "AUX":
            return None, None
        if any(c.dep_ == "oprd" for c in verb.children) and cur.dep_ in OBJ:
            # "called the attack 'one of the largest'": the attack is described, not done
            return verb, "other"
        prt = [c.lower_ for c in verb.children if c.dep_ == "prt"]
        names = [f"{x} {p}" for x in lemmas(verb) for p in prt] + lemmas(verb)
        for kind, words in (
            ("causative", self.lex.causative),
            ("agent", self.lex.light_agent),
            ("recipient", self.lex.light_recipient),
        ):
            if any(n in words for n in names):
                return verb, kind
        return verb, "other"

    def _held_responsible(self, noun: Token) -> Token | None:
        """The verb whose subject is held responsible for a nominal event ("X is responsible
        for the attack", "X claimed responsibility for it", "X was behind the attack")."""
        if noun.dep_ != "pobj":
            return None
        prep = noun.head
        word = prep if prep.lower_ == "behind" else prep.head
        if prep.lower_ not in ("for", "behind") or not self.lex.in_class(
            word.lower_, "responsibility"
        ):
            return None
        if word is prep:
            verb = prep.head  # "was behind the attack"
        elif word.dep_ in ("acomp", "dobj", "attr"):
            verb = word.head  # "is responsible for", "claimed responsibility for"
        else:
            return None
        return verb if _verb_like(verb) or verb.pos_ == "AUX" else None

    # ---------------------------------------------------------------- senses
    def _choose(
        self,
        senses: tuple[Trigger, ...],
        tok: Token,
        args: Args | None,
        light: Token | None = None,
        phrase_tokens: list[Token] | None = None,
    ) -> Trigger | None:
        for s in senses:
            if s.when is None or self._holds(s, tok, args, light, phrase_tokens or []):
                return s
        return None

    def _holds(
        self, s: Trigger, tok: Token, args: Args | None, light: Token | None, extra: list[Token]
    ) -> bool:
        w = s.when
        assert w is not None
        lex = self.lex
        obj = args.object if args is not None and s.pos != "noun" else None
        if s.pos == "noun":
            of = prep_objects(tok).get("of", [])
            obj = of[0] if of else None
        if obj is not None and obj in extra:
            obj = None
        obj_lemma = obj.lemma_.lower() if obj is not None else None
        if w.object is not None and not self._object_is(obj, extra, w.object):
            return False
        if w.no_object is True and obj is not None:
            return False
        if isinstance(w.no_object, list) and obj_lemma and lex.matches(obj_lemma, w.no_object):
            return False
        subj = args.subject if args is not None else []
        if w.subject is not None and not any(lex.matches(t.lemma_, w.subject) for t in subj):
            return False
        if w.subject_kind is not None or w.no_subject_kind is not None:
            kinds = {self._kind(a) for t in subj for a in self.res.actors(t, "source")}
            if w.subject_kind is not None and not kinds & set(w.subject_kind):
                return False
            if w.no_subject_kind is not None and kinds & set(w.no_subject_kind):
                return False
        if not self._words_hold(w, tok, light):
            return False
        if w.light is not None:
            if light is None or not set(lemmas(light)) & set(w.light):
                return False
        if w.governed and light is None:
            return False
        if w.joint is not None:
            if w.joint != self._joint(tok, args, light):
                return False
        if w.complement and not self._complement_tokens(tok, s):
            return False
        if w.complement_verb is not None and not any(
            c.pos_ in ("VERB", "AUX") and lex.matches(c.lemma_, w.complement_verb)
            for c in self._complement_tokens(tok, s)
        ):
            return False
        if w.predicate is not None and not self._predicate_is(tok, args, w.predicate):
            return False
        if w.complement_subject is not None:
            if w.complement_subject != _other_subject(tok, subj):
                return False
        if w.object_actor and not (obj is not None and self._actor_like(obj)):
            return False
        if w.agentive and subj and not all(self.res.agentive(t) for t in subj):
            return False
        return not (w.active and args is not None and args.passive)

    def _predicate_is(self, tok: Token, args: Args | None, specs: list[str]) -> bool:
        """What the verb calls its object matches (its words or their modifiers); the object
        becomes the thing so called ("branded the leader a liar": the leader)."""
        told = self._judged_act(tok)
        if told is not None:  # "said the move was an abuse of power"
            obj, preds = told
            return self._words_are(obj, preds, specs, args)
        if tok.tag_ == "VBG" and tok.dep_ in ("advcl", "xcomp", "acl", "conj"):
            return False  # "rejected the plan, calling it dangerous": how the main act was done
        objs = [c for c in tok.children if c.dep_ == "dobj"]
        if tok.dep_ == "pcomp" or any(c.tag_ in ("WP", "WDT") for c in tok.children):
            return False  # "in what Maduro described as a coup": the thing is named elsewhere
        if not objs:  # "called Monday's decree tyranny" parsed with the decree inside the oprd
            oprd = [c for c in tok.children if c.dep_ == "oprd"]
            glued = _glued_object(oprd[0]) if oprd else None
            if glued is None or not self._words_are(glued, oprd, specs, args):
                return False
            if args is not None and args.passive and tok.dep_ == "acl":
                # with a whole noun phrase as object, "X, ..., called the decree tyranny" is no
                # reduced passive ("a film called Friday Tyranny" names the film)
                np_ = [*glued.children, *(c for c in oprd[0].children if c.i < glued.i)]
                if not any(c.dep_ in ("det", "poss") for c in np_):
                    return False
                args.passive, args.subject = False, [tok.head]
            return True
        obj = objs[0]
        preds = [c for c in tok.children if c.dep_ in ("oprd", "dobj") and c.i != obj.i]
        for holder in (tok, obj):
            preds += [p for c in holder.children if c.dep_ == "prep" and c.lower_ == "as"
                      for p in c.children if p.dep_ == "pobj"]  # fmt: skip
        if not preds and (glued := _glued_object(obj)) is not None:
            obj, preds = glued, [obj]
        return self._words_are(obj, preds, specs, args)

    def _words_are(
        self, obj: Token, preds: list[Token], specs: list[str], args: Args | None
    ) -> bool:
        """A predicate's words (or their modifiers) match; the thing so called is the object."""
        words = [x for p in preds for x in (p, *p.conjuncts) if x.i != obj.i]
        words += [c for x in words for c in x.children if c.dep_ in ("amod", "compound", "acomp")]
        if not any(self.lex.matches(x.lemma_.lower(), specs) or self.lex.matches(x.lower_, specs)
                   for x in words):  # fmt: skip
            return False
        if args is not None:
            args.object = obj
        return True

    def _judged_act(self, tok: Token) -> tuple[Token, list[Token]] | None:
        """A reported judgement of an act: the copular clause a reporting word governs, whose
        subject is an act (an event noun, a word of the class ``act``, a gerund clause): "said
        the move was an abuse of power" -> (move, [abuse])."""
        clauses = [c for c in tok.children if c.dep_ == "ccomp" and c.lemma_ == "be"]
        for clause in clauses:
            subj = [c for c in clause.children if c.dep_ in ("nsubj", "csubj")]
            preds = [c for c in clause.children if c.dep_ in ("attr", "acomp")]
            if len(subj) != 1 or not preds:
                continue
            lemma = subj[0].lemma_.lower()
            if (
                subj[0].dep_ == "csubj"
                or lemma in self.lex.nouns
                or self.lex.in_class(lemma, "act")
            ):
                return subj[0], preds
        return None

    def _object_is(self, obj: Token | None, extra: list[Token], specs: list[str]) -> bool:
        """The object (its modifiers, its "of" phrase, the phrase's own words) matches."""
        words = [obj.lemma_.lower(), obj.lower_] if obj is not None else []  # "media" ("medium")
        if obj is not None:
            words += [c.lemma_.lower() for c in obj.children if c.dep_ in ("compound", "amod")]
            # "700 kg of medicine", "part of a military aid program"
            for p in prep_objects(obj).get("of", []):
                words.append(p.lemma_.lower())
                words += [c.lemma_.lower() for c in p.children if c.dep_ in ("compound", "amod")]
        words += [t.lemma_.lower() for t in extra]
        return any(self.lex.matches(x, specs) for x in words)

    def _words_hold(self, w: When, tok: Token, light: Token | None) -> bool:
        """The modifier and preposition conditions of a sense."""
        lex = self.lex
        if w.modifier is not None or w.no_modifier is not None:
            mods = {c.lemma_.lower() for c in tok.children} | {c.lower_ for c in tok.children}
            if light is not None and w.modifier is not None:
                mods |= {c.lemma_.lower() for c in light.children}
            if w.modifier is not None and not any(lex.matches(m, w.modifier) for m in mods):
                return False
            if w.no_modifier is not None and any(lex.matches(m, w.no_modifier) for m in mods):
                return False
        if w.prep is not None or w.no_prep is not None:
            preps = prep_objects(tok)
            objs = [p for ps in preps.values() for p in ps]
            objs += [c for p in objs for c in p.children if c.dep_ == "compound"]  # "the WTO body"
            pwords = set(preps) | {p.lemma_.lower() for p in objs}
            if w.prep is not None and not any(lex.matches(x, w.prep) for x in pwords):
                return False
            if w.no_prep is not None and set(preps) & set(w.no_prep):
                return False
        return True

    def _kind(self, actor_id: str) -> str:
        a = self.res.d.actor(actor_id)
        return a.kind if a is not None else "unknown"

    def _actor_like(self, tok: Token) -> bool:
        if self.res.direct(tok) or tok.pos_ == "PROPN":
            return True
        lemma = tok.lemma_.lower()
        return (
            lemma in self.lex.agent_nouns
            or self.lex.in_class(lemma, "person")
            or (self.lex.in_class(lemma, "territory"))
        )

    def _joint(self, tok: Token, args: Args | None, light: Token | None) -> bool:
        if any(c.lower_ == "joint" for c in tok.children):
            return True
        verb = light if light is not None else tok
        subj = frame(verb, self.lex).subject if _verb_like(verb) else []
        for s in subj:
            if s.conjuncts or len(self.res.actors(s, "source")) > 1:
                return True
            if any(c.dep_ == "conj" for t in s.subtree for c in t.children):
                return True
        return "with" in prep_objects(verb) or "with" in prep_objects(tok)

    # ---------------------------------------------------------------- embedding
    def _complement_tokens(self, tok: Token, trig: Trigger) -> list[Token]:
        out: list[Token] = []
        for c in tok.children:
            infinitive = any(x.dep_ == "aux" and x.lower_ == "to" for x in c.children)
            if c.dep_ in ("xcomp", "ccomp") or (
                c.dep_ in ("acl", "relcl")
                and trig.pos == "noun"
                and (infinitive or c.dep_ == "acl")
            ):
                out.append(c)
            elif c.dep_ == "advcl" and infinitive and not any(x.dep_ in SUBJ for x in c.children):
                out.append(c)  # "have sworn to fight": an infinitive the parser took as an adjunct
            elif c.dep_ == "prep" and c.lower_ in trig.complement_preps:
                out += [p for p in c.children if p.dep_ in ("pobj", "pcomp")]
            elif c.dep_ in OBJ and trig.complement is not None:
                out.append(c)
            if c.dep_ in ("prep", "dobj") and trig.complement in ("embed",):
                # "called on Arabs to unite", "urged the EC to support"
                for p in (
                    c.children if c.dep_ == "dobj" else [x for y in c.children for x in y.children]
                ):
                    if p.dep_ in ("acl", "relcl") and any(
                        x.dep_ == "aux" and x.lower_ == "to" for x in p.children
                    ):
                        out.append(p)
        return out

    def embed(self, cands: list[Cand]) -> None:
        """Link each embedding trigger to the candidates in its complement."""
        at = {c.head.i: c for c in cands}
        for c in cands:
            if c.trig.complement is None and not c.trig.reporting:
                continue
            seen: list[Cand] = []
            for comp in self._complement_tokens(c.head, c.trig):
                seen += self._highest(comp, at, c)
            c.inner = [x for x in seen if x is not c]

    def _highest(self, tok: Token, at: dict[int, Cand], owner: Cand) -> list[Cand]:
        """The candidates nearest the top of a complement (not under another candidate)."""
        if tok.i in at and at[tok.i] is not owner:
            return [at[tok.i], *[at[x.i] for x in tok.conjuncts if x.i in at and x.i > tok.i]]
        out: list[Cand] = []
        for c in tok.children:
            if c.dep_ in ("relcl", "nsubj", "nsubjpass", "punct", "cc", "det", "appos"):
                continue
            out += self._highest(c, at, owner)
        return out


def _glued_object(pred: Token) -> Token | None:
    """The object the parser glued onto its predicate as a modifier: "called the decree
    tyranny" is parsed as one noun phrase headed by "tyranny" (the decree a compound, "Monday's
    decree" an nmod); the noun before the predicate is the thing so called."""
    mods = [
        c for c in pred.children
        if c.dep_ in ("compound", "nmod", "amod", "poss") and c.tag_.startswith("NN") and c.i < pred.i
    ]  # fmt: skip
    return mods[-1] if len(mods) >= 1 and pred.tag_.startswith("NN") else None
