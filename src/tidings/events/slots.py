"""Participants and counts: who did it to whom, and how many died.

`fill_slots` reads an event's source and target off its frame (subject, object, the passive's
"by", the prepositions the lexicon names, a nominal's own possessor and "of"), falling back on
the words an argument holds ("positions of the Palestinian forces"). `embedded_target` finds
whom a threat or demand is aimed at from what it embeds; `count_of` turns the victims of a
killing into a fatality count. A build-up's stated capability ("missiles capable of striking X")
and an instrument's own clause ("a rocket fired by X") are folded into the event they serve.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Token

from tidings.events.arguments import (
    OBJ,
    PASS_SUBJ,
    SUBJ,
    Args,
    Resolver,
    first_actor_in,
    in_clause_below,
    noun_args,
    prep_objects,
    subject_of,
)
from tidings.events.extract import VERBAL, Cand
from tidings.events.lexicon import Lexicon
from tidings.model import Count
from tidings.quantities import read_numbers


def count_of(tok: Token | None, res: Resolver) -> Count | None:
    """How many a victim phrase names: "1,500 protesters", "dozen", "an American", a person."""
    if tok is None:
        return None
    d = res.d
    region = [tok, *[c for c in tok.children if c.dep_ in ("nummod", "quantmod", "det")]]
    region += [x for c in tok.children if c.dep_ == "nummod" for x in c.subtree]
    readings = read_numbers(sorted(set(region), key=lambda t: t.i))
    if readings:
        r = readings[-1]
        value: int | float = int(r.value) if float(r.value).is_integer() else r.value
        return Count(value=value, text=d.text[r.start : r.end], span=d.span(r.start, r.end))
    dets = [c for c in tok.children if c.dep_ == "det" and c.lower_ in ("a", "an", "one")]
    single = tok.tag_ in ("NN", "NNP") and tok.lemma_.lower() not in res.lex.non_agent_causes
    person = any(d.actor(a) and d.actor(a).kind == "person" for a in res.direct(tok))  # type: ignore[union-attr]
    if (dets and single) or (person and tok.tag_ == "NNP"):
        left = min([tok.i, *[c.i for c in dets]])
        start, end = tok.doc[left].idx, tok.idx + len(tok.text)
        if person:
            m = d.mention_at(tok.idx, tok.idx + len(tok.text))
            if m is not None:
                start, end = m.start, m.end
        return Count(value=1, text=d.text[start:end], span=d.span(start, end))
    return None


def fill_slots(c: Cand, res: Resolver) -> None:
    """Source and target actor ids from the frame, the light verb and the trigger's own words."""
    if c.pos == "noun":
        src, tgt = _noun_slots(c, res)
    elif c.args is not None:
        src, tgt = _verb_slots(c, c.args, res)
    else:
        src, tgt = [], []
    if not tgt and res.lex.has_role(c.trig.type, "settling"):
        # "called off the strike after talks with the government"
        tgt = _talks_partner(c, res)
    c.source = _unique(src)
    c.target = [x for x in _unique(tgt) if x not in c.source]
    if res.lex.has_role(c.trig.type, "mutual") and split_parties(c, res.lex):
        pass  # "Jordan and Britain agreed to ...": at once, the partner is no later guess
    elif not c.source and c.target and res.lex.has_role(c.trig.type, "mutual"):
        # "talks between X and Y": X with Y; with only one of them known, it is a party to
        # the joint act, so the source (no act of the other on it)
        if _coordinated(c) or _between(c):
            c.source, c.target = c.target[:1], c.target[1:]


def split_parties(c: Cand, lex: Lexicon) -> bool:
    """ "Jordan and Britain agreed to ...", "the armies of X and Y held exercises": with no
    target, the first of coordinated sources is the source and the others its partners
    (PLOVER's single source and target). Run for any type once every other way of finding a
    target has failed (`EventStage`), at once for the `mutual` types; whether it split. Not
    for a threat or demand: its target is whom the act it embeds is aimed at ("X and Y
    threatened to strike Z"), never a co-author."""
    if c.target or len(c.source) < 2 or not _coordinated(c):
        return False
    if any(lex.has_role(c.type or c.trig.type, r) for r in ("threat", "demand")):
        return False
    c.source, c.target = c.source[:1], c.source[1:]
    return True


def _coordinated(c: Cand) -> bool:
    """Are the parties named as coordinated words ("X and Y agreed", "talks between X and
    Y", "X and Y's ministers", "the armies of X and Y"), not as one plural ("these
    automakers")?"""
    words = list(c.args.subject) if c.args is not None else []
    words += [p for n in ("between", "among") for p in prep_objects(c.head).get(n, [])]
    inner = [
        m
        for w in words
        for m in [*w.children, *prep_objects(w).get("of", [])]
        if m.dep_ in ("poss", "amod", "compound", "nmod", "pobj")
    ]
    return any(w.conjuncts for w in words + inner)


def _between(c: Cand) -> bool:
    """The trigger names its parties with "between" or "among" ("talks between X and Y")."""
    return any(n in prep_objects(c.head) for n in ("between", "among"))


def _noun_slots(c: Cand, res: Resolver) -> tuple[list[str], list[str]]:
    """A nominal trigger's participants: its modifiers, its prepositions, its light verb."""
    t = c.trig
    src: list[str] = []
    tgt: list[str] = []
    mods, preps = noun_args(c.head)
    for m in mods:
        if m in c.tokens:
            continue
        ids = res.direct(m)
        if t.of == "source" and not ids:
            continue
        src += ids
    for p in preps.get("by", []) + [x for n in t.source_preps for x in preps.get(n, [])]:
        src += res.actors(p, "source")
    for p in preps.get("of", []):
        (src if t.of == "source" else tgt).extend(res.actors(p, "target"))
    holder = c.head.head if c.head.dep_ in ("compound", "amod") else None
    if holder is not None and holder.lemma_.lower() in res.lex.support_nouns:
        # "a mediation effort between X and Y": the support noun carries the arguments
        for n, ps in prep_objects(holder).items():
            preps.setdefault(n, []).extend(ps)
    for n in t.target_preps:
        if n == "of":
            continue
        for p in preps.get(n, []):
            tgt += res.actors(p, "target")
            for cj in p.conjuncts:
                tgt += res.actors(cj, "target")
    gov = c.head.head
    if c.light is None and c.head.dep_ in SUBJ and res.lex.in_class(gov.lemma_, "arrival"):
        # "the first deployment of peacekeepers arrived in X": where it arrived
        for n in t.target_preps:
            for p in prep_objects(gov).get(n, []):
                tgt += res.actors(p, "target")
        for o in [x for x in gov.children if x.dep_ in OBJ]:
            tgt += res.actors(o, "target")
    if c.light is not None and c.args is not None:
        src, tgt = _light_slots(c, c.args, res, src, tgt)
    return src, tgt or _goods_origin(c, preps, res)


def _goods_origin(c: Cand, preps: dict[str, list[Token]], res: Resolver) -> list[str]:
    """ "tariffs on $50 billion of imports from X": whom the measure on goods is aimed at."""
    names = [n for n in c.trig.target_preps if n != "of"]
    heads = [p for n in names for p in preps.get(n, [])]
    if c.light is not None and c.args is not None:
        heads += c.args.prep(names)
    return [x for p in heads for x in _pp_actors(p, ["from", "of"], res, depth=2)]


def _light_slots(
    c: Cand, a: Args, res: Resolver, src: list[str], tgt: list[str]
) -> tuple[list[str], list[str]]:
    """The light verb's subject gives ("launched strikes") or receives ("received aid")."""
    t = c.trig
    light_subj = [x for s in a.subject for x in res.actors(s, "source")]
    if c.light_kind == "recipient" and not (
        res.lex.has_role(t.type, "agreement")
        and c.head.dep_ in OBJ
        and c.head.head.lemma_ == "accept"
    ):  # "will not accept a deal": the one who accepts agrees
        tgt = light_subj + tgt
        for p in a.prep(["from"]):
            src += res.actors(p, "source")
        if not src:
            src = _public_giver(c.head, tgt, res)
    elif not src:
        src = light_subj
    for p in a.prep(t.target_preps):
        tgt += res.actors(p, "target")
    if a.dative is not None:
        tgt += res.actors(a.dative, "target")
    return src, tgt


def _verb_slots(c: Cand, a: Args, res: Resolver) -> tuple[list[str], list[str]]:
    """A verb's participants: subject and object by the trigger's frame, then prepositions."""
    t = c.trig
    src: list[str] = []
    tgt: list[str] = []
    subj = [x for s in a.subject for x in res.actors(s, "source")]
    h = c.head
    if not subj and h.dep_ == "acl" and h.head.dep_ in OBJ:
        # "issued a declaration demanding ...": the one who issued it
        subj = [x for s in subject_of(h.head.head, res.lex) for x in res.actors(s, "source")]
    obj = res.actors(a.object, "target") if a.object is not None else []
    if t.subject == "source":
        src += subj
    elif t.subject == "target":
        tgt += subj
    if t.object == "target":
        tgt += obj
    elif t.object == "source":
        src += obj
    if a.passive and t.reflexive and a.agent is None:
        src, tgt = obj, []
    for p in a.prep(t.target_preps):
        tgt += res.actors(p, "target")
    for p in a.prep(t.source_preps):
        src += res.actors(p, "source")
    if t.object == "none" and a.object is not None:
        pp = prep_objects(a.object)
        for n in t.target_preps:
            for p in pp.get(n, []):
                tgt += res.actors(p, "target")
        if not tgt:
            # "lifted its blockade of Qatar": the measure's own patient
            for p in pp.get("of", []):
                tgt += res.actors(p, "target")
        if not src:
            for p in pp.get("by", []):
                src += res.actors(p, "source")
    if a.dative is not None and t.object != "source":
        tgt += res.actors(a.dative, "target")
    respondent = _respondent(c, a, res)
    if respondent:
        tgt = respondent
    return src, tgt + _verb_fallback_targets(c, a, res, tgt)


def _respondent(c: Cand, a: Args, res: Resolver) -> list[str]:
    """ "petitioned the court to open proceedings against X": a demand put to a court (the
    lexicon's ``court`` class) is aimed at whom the proceedings it asks for are against, not
    at the court that is to rule."""
    if a.object is None or not res.lex.has_role(c.trig.type, "demand"):
        return []
    if not res.lex.in_class(a.object.lemma_, "court"):
        return []
    for x in c.head.children:
        infinitive = x.dep_ == "advcl" and any(
            m.dep_ == "aux" and m.lower_ == "to" for m in x.children
        )
        if x.dep_ not in ("xcomp", "ccomp") and not infinitive:
            continue  # "petitioned the court to open ...": parsed as a purpose clause too
        for t in x.subtree:
            if t.dep_ == "pobj" and t.head.lower_ == "against":
                ids = res.actors(t, "target")
                if ids:
                    return ids
    return []


def _verb_fallback_targets(c: Cand, a: Args, res: Resolver, tgt: list[str]) -> list[str]:
    """Targets found further away, when the frame named none."""
    t = c.trig
    out: list[str] = []
    if not tgt and a.object is not None and t.target_preps:
        # "demanded support from the Assembly", "received a mission of observers from ..."
        for o in [a.object, *a.object.conjuncts]:
            out += _pp_actors(o, t.target_preps, res, depth=2)
    if not tgt and not out and (t.complement is None or res.lex.has_role(t.type, "demand")):
        # "allow candidate X to participate": the raised subject of the complement; "ordered
        # X's movement to dissolve": whom a demand is addressed to, whatever the act it embeds
        for x in c.head.children:
            if x.dep_ in ("ccomp", "xcomp"):
                for s in x.children:
                    if s.dep_ in SUBJ:
                        out += res.actors(s, "target")
    if not tgt and not out:
        out = _shared_subject_target(c, res)
    return out


def _shared_subject_target(c: Cand, res: Resolver) -> list[str]:
    """ "backed the plan and voiced its solidarity with X": a coordinated verb with
    the same subject whose object names the same kind of act ("solidarity" is SUPPORT, as
    "back" is) names, in that noun's target prepositions, whom both acts are aimed at."""
    out: list[str] = []
    for v in c.head.conjuncts:
        if v.pos_ not in ("VERB", "AUX") or any(x.dep_ in SUBJ | PASS_SUBJ for x in v.children):
            continue  # its own subject: another clause, another act
        for o in [x for x in v.children if x.dep_ in OBJ]:
            preps = [
                n
                for ph in res.lex.nouns.get(o.lemma_.lower(), [])
                for sense in ph.senses
                if sense.type == c.trig.type
                for n in sense.target_preps
            ]
            # the preposition hangs from the noun or, the verb being light, from the verb
            out += _pp_actors(o, preps, res, depth=1) + _pp_actors(v, preps, res, depth=1)
    return out


def _talks_partner(c: Cand, res: Resolver) -> list[str]:
    """The party of the talks an act of settling followed or came out of ("after
    deliberations with the Nigerian government", "at talks with X")."""
    out: list[str] = []
    for prep in c.clause_head.children:
        if prep.dep_ != "prep":
            continue
        for obj in prep.children:
            if obj.dep_ == "pobj" and res.lex.in_class(obj.lemma_, "talks"):
                for p in prep_objects(obj).get("with", []):
                    out += res.actors(p, "target")
    return out


def embedded_target(
    c: Cand, res: Resolver, place: Callable[[Cand], object | None] | None = None
) -> list[str]:
    """Whom a threat, demand or refusal is aimed at, from what it embeds. ``place`` finds a
    place in the event's clause that stands for the target; it is preferred to an actor named
    only in a condition."""
    for clause in c.head.children if res.lex.has_role(c.type, "demand") else []:
        # "demanded that its EC partners refuse ...": the clause's own subject is addressed
        if clause.dep_ == "ccomp":
            for s in clause.children:
                if s.dep_ in SUBJ | PASS_SUBJ:
                    ids = [x for x in res.actors(s, "target") if x not in c.source]
                    if ids:
                        return ids
    a = c.args
    if a is not None and a.object is not None:
        # "dismissed an appeal from President X", "an admission by Moscow"
        for n in ("from", "by"):
            for p in prep_objects(a.object).get(n, []):
                ids = [x for x in res.actors(p, "target") if x not in c.source]
                if ids:
                    return ids
    # an embedded event inside a condition ("... unless the Taliban withdrew") counts as the
    # condition does: after the act's own participants and its place
    conditional = [i for i in c.inner if _in_condition(i.head, c.head)]
    found = _inner_target(c, [i for i in c.inner if i not in conditional])
    if found:
        return found
    comp: list[Token] = []
    cond: list[Token] = []
    for tok in c.head.children:
        if tok.dep_ in ("xcomp", "ccomp", "acl") or (
            tok.dep_ == "prep" and tok.lower_ in c.trig.complement_preps
        ):
            for t in tok.subtree:
                (cond if _in_condition(t, tok) else comp).append(t)
    if res.lex.has_role(c.type, "threat"):
        # "warned that police will no longer tolerate rallies by Kifaya": not the subject
        comp = [t for t in comp if t.dep_ not in SUBJ]
    found = first_actor_in(res, comp, set(c.source), "target")
    if found or not (cond or conditional):
        return found
    if place is not None and place(c) is not None:
        # "threatened to ban voting in East Jerusalem if Hamas ran": the act lands on the place
        # (its state is the target, see place_targets), not on the one in the condition
        return []
    # "threatened to stop talks if the United States goes ahead": the condition's subject last
    return _inner_target(c, conditional) or first_actor_in(res, cond, set(c.source), "target")


def _inner_target(c: Cand, inner: list[Cand]) -> list[str]:
    """A refused demand or offer is aimed at whoever made it; a threatened attack at its
    victim."""
    for i in inner:
        slots = (i.source, i.target) if i.type in VERBAL else (i.target, i.source)
        for ids in slots:
            ids = [x for x in ids if x not in c.source]
            if ids:
                return ids
    return []


def _in_condition(tok: Token, top: Token) -> bool:
    """Inside an if/unless clause below ``top``."""
    return in_clause_below(
        tok, top, lambda clause: any(m.lower_ in ("if", "unless") for m in clause.children)
    )


def purpose_target(c: Cand, res: Resolver) -> list[str]:
    """ "staged a hunger strike to protest against Sweden's decision", "opened fire to disperse
    demonstrators", "in protest against X": whom the act is aimed at, from its stated aim."""
    head = c.clause_head
    toks: list[Token] = []
    for x in head.children:
        if x.dep_ == "advcl" and any(y.dep_ == "aux" and y.lower_ == "to" for y in x.children):
            toks += [t for t in x.subtree if t.i != x.i]
        elif x.dep_ == "prep" and x.lower_ in ("in", "against"):
            pobj = [p for p in x.children if p.dep_ == "pobj"]
            if pobj and pobj[0].lemma_.lower() in ("protest", "defiance", "opposition", "response"):
                toks += [t for t in x.subtree if t.i != pobj[0].i]
            elif x.lower_ == "against":
                toks += list(x.subtree)
    obj = c.args.object if c.args is not None and c.pos == "verb" else None
    if obj is not None and res.lex.has_role(c.type, "show_of_force"):
        # "trained hackers capable of launching attacks against X": the forces' stated aim
        for x in obj.subtree:
            if x.dep_ == "prep" and x.lower_ == "against":
                toks += [t for t in x.subtree if t.i != x.i]
    return first_actor_in(res, toks, set(c.source), "target")


def obstructed_states(c: Cand, res: Resolver) -> list[str]:
    """ "blocked the bridge from France to Germany": an obstruction of a road, bridge or border
    is aimed at the states its object names (only states: a river or a town is no party)."""
    obj = c.args.object if c.args is not None else None
    if c.mode != "obstruct" or obj is None:
        return []
    out: list[str] = []
    for t in obj.subtree:
        if t.dep_ in ("pobj", "dobj") and t.i != obj.i:
            out += [x for x in res.direct(t) if res.kind(x) == "country"]
    return [x for x in _unique(out) if x not in c.source]


def _pp_actors(tok: Token, preps: list[str], res: Resolver, depth: int) -> list[str]:
    out: list[str] = []
    for n, ps in prep_objects(tok).items():
        for p in ps:
            if n in preps:
                out += res.actors(p, "target")
            if not out and depth > 1:
                out += _pp_actors(p, preps, res, depth - 1)
    return out


def _unique(ids: list[str]) -> list[str]:
    out: list[str] = []
    for i in ids:
        if i not in out:
            out.append(i)
    return out


def is_purpose(tok: Token, lex: Lexicon) -> bool:
    """ "... to demand reforms", "in order to disperse": an aim, not an event that happened.
    "An attempt to assassinate X" is an event (an attempted one)."""
    if tok.dep_ not in ("advcl", "acl", "relcl") or tok.tag_ != "VB":
        return False
    if tok.dep_ == "acl" and tok.head.lemma_.lower() in ("attempt", "bid"):
        return False
    if any(c.dep_ in SUBJ for c in tok.children):
        return False
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)


def absorb_capabilities(cands: list[Cand], lex: Lexicon) -> None:
    """ "deployed missiles capable of striking X", "trained fighters ready to attack X": the
    strike is what the forces are for, not an event; its target is the build-up's target."""
    for c in cands:
        obj = c.args.object if c.args is not None and c.pos == "verb" else None
        if not lex.has_role(c.type, "show_of_force") or obj is None:
            continue
        inside = {t.i for t in obj.subtree}
        for o in cands:
            if o is c or o.head.i not in inside or not _hypothetical(o.head, obj):
                continue
            o.absorbed = True
            c.target = c.target or [x for x in o.target if x not in c.source]


def _hypothetical(tok: Token, top: Token) -> bool:
    """Is ``tok`` (below ``top``) only a capacity or an aim: under an adjective ("capable of
    striking") or an infinitive ("troops to attack")?"""
    cur = tok
    while cur.i != top.i and cur.head.i != cur.i:
        if cur.pos_ == "ADJ" or any(x.dep_ == "aux" and x.lower_ == "to" for x in cur.children):
            return True
        cur = cur.head
    return False


def absorb_instrument_clauses(cands: list[Cand], lex: Lexicon) -> None:
    """ "killed by a rocket fired by X": the firing is how the killing was done, one event
    whose source is who fired."""
    for c in cands:
        a = c.args
        if not lex.has_role(c.type, "violent") or a is None or a.agent is None:
            continue
        for o in cands:
            if o is c or not lex.has_role(o.type, "violent") or o.pos != "verb":
                continue
            if o.head.dep_ == "acl" and o.head.head.i == a.agent.i:
                o.absorbed = True
                c.source = c.source or [x for x in o.source if x not in c.target]


def crowd_country(c: Cand, res: Resolver) -> list[str]:
    """ "millions turned out in Iran", "thousands marched in Kenya": an unnamed crowd protesting
    in a country is that country's people, coded by the country (as CAMEO codes civilians)."""
    a = c.args
    if not res.lex.has_role(c.type, "protest") or a is None or c.source or len(a.subject) != 1:
        return []
    who = a.subject[0]
    for _ in range(4):  # "hundreds of thousands of people": the counted word
        counted = prep_objects(who).get("of", [])
        if not counted or not (who.pos_ == "NUM" or res.lex.in_class(who.lemma_, "quantity")):
            break
        who = counted[0]
    generic = who.pos_ == "NUM" or any(
        res.lex.in_class(who.lemma_, k) for k in ("crowd", "quantity")
    )
    named = [
        x
        for x in who.children
        if x.dep_ in ("compound", "poss", "prep")
        or (x.dep_ == "amod" and (x.ent_type_ in ("NORP", "GPE", "ORG") or x.pos_ == "PROPN"))
    ]
    if not generic or named or who.pos_ == "PROPN" or res.direct(a.subject[0]):
        return []  # "thousands of Kurds", "followers of the cleric": a group of their own
    out = [x for p in prep_objects(c.clause_head).get("in", []) for x in res.direct(p)]
    return [x for x in out if res.kind(x) == "country" and x not in c.target][:1]


def _public_giver(head: Token, recipients: list[str], res: Resolver) -> list[str]:
    """'GM and Chrysler have received government loans': public money with no named giver
    comes from the state the recipients belong to, when the text names that state."""
    words = {w.lemma_.lower() for w in head.children if w.dep_ in ("compound", "amod")}
    if not any(res.lex.in_class(w, "public_money") for w in words):
        return []
    countries = {getattr(res.d.actor(x), "country", None) for x in recipients}
    if len(countries) != 1 or None in countries:
        return []
    country = countries.pop()
    return [a.id for a in res.d.actors if a.kind == "country" and a.country == country][:1]
