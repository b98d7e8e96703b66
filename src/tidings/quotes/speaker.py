"""Who speaks and through what channel: the subject of a reporting verb, resolved to an actor.

A speaker is only named when a mention covers the head of the subject phrase (or, for "he",
"she", "it", "they" the actors stage left unresolved, when an earlier reporting clause or a
nearby actor of the right kind settles it). "The Iranian-backed groups" is not Iran, and a
subject nobody can resolve gives ``speaker: None`` with its span kept as evidence.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from tidings.document import noun_phrase
from tidings.model import ACTOR_KINDS
from tidings.quotes import sources
from tidings.quotes.context import Context

if TYPE_CHECKING:
    from spacy.tokens import Token

_PHRASE_DEPS = frozenset(
    {"compound", "amod", "det", "poss", "nmod", "flat", "nummod", "case", "npadvmod"}
)
_CLIMB_DEPS = {"xcomp", "advcl", "conj", "pcomp", "prep", "acl", "relcl", "advmod", "acomp"}
# Kinds of actor an unnamed spokesperson can speak for.
_ORG_KINDS = frozenset(ACTOR_KINDS) - {"person", "country", "civilians", "unknown"}
# Verbs whose object after the verb is the addressee, never an inverted subject ("told reporters").
_ADDRESSEE_VERBS = {"tell", "inform", "ask", "urge", "warn", "assure", "remind", "brief", "accuse"}
# How far back (in sentences) a pronoun may look for the speaker it stands for.
PRONOUN_WINDOW = 6


@dataclass
class Speaker:
    actor: str | None
    span: tuple[int, int] | None
    token: int | None = None
    note: str | None = None  # why nobody is named, when ``actor`` is None


@dataclass
class Channel:
    text: str
    span: tuple[int, int]
    actor: str | None


def phrase_of(tok: Token) -> list[Token]:
    """The noun phrase a subject token heads, without clauses or prepositional tails."""
    return noun_phrase(tok, _PHRASE_DEPS)


def _span(tokens: list[Token]) -> tuple[int, int]:
    toks = [t for t in tokens if not t.is_punct] or tokens
    return toks[0].idx, toks[-1].idx + len(toks[-1].text)


def subject_token(ctx: Context, cue: Token) -> Token | None:
    """The token naming who speaks for a reporting verb, climbing through "rushed to say",
    "he said, claiming that", "officials who said", and "was quoted as saying"."""
    outer = _outer_cue(ctx, cue)
    if outer is not None:
        return subject_token(ctx, outer)
    if not any(c.dep_ in _SUBJECT_DEPS for c in cue.children):
        adjacent = _adjacent_subject(cue) or apposed_subject(cue)
        if adjacent is not None:
            return adjacent
    t = cue
    for _ in range(6):
        active = _active_quoting(ctx, t)
        if active is not None:  # "Detik.com quoted Djamal (as saying)": Djamal speaks
            return active[1]
        if t.pos_ == "ADJ" and t.i > 0 and t.doc[t.i - 1].pos_ in ("NOUN", "PROPN"):
            return t.doc[t.i - 1]  # "donors intent on deciding", "voters eager to know"
        subj = [
            c
            for c in t.children
            if c.dep_ in _SUBJECT_DEPS and not c.is_punct and not _quoted_away(ctx, c, cue)
        ]  # a dash the parse made a second subject ("… ― Trump boasted") names nobody
        if subj:
            s = _run_in_name(subj[0], cue)
            if s.dep_ == "nsubjpass" and t.lemma_.lower() not in ctx.cues.passive_speaker_verbs:
                return _agent(t)
            if s.lower_ in _RELATIVES and t.dep_ == "relcl":
                return s  # `resolve` reads its antecedent
            return s
        if t.lemma_.lower() in ctx.cues.passive_speaker_verbs and _agent(t) is not None:
            return None  # "quoted by Tasnim": Tasnim is the channel, not the speaker
        if _climbs(t):
            if t.dep_ == "acl":  # "a statement saying": the statement's maker speaks
                t = t.head
                if t.dep_ in ("dobj", "pobj", "attr") and t.head.i != t.i:
                    t = t.head.head if t.dep_ == "pobj" else t.head
                continue
            t = t.head
            continue
        break
    return _inverted(ctx, cue) or _left_subject(cue)


def apposed_subject(cue: Token) -> Token | None:
    """ "Ruiz, the leader for years, called the order “…”": the parse hangs the verb on the
    name, or on a noun inside the name's apposition, as a participle (``acl``); right after
    the apposition's comma it is the name's own finite verb ("a unit called “…”" has no comma
    and no speaker; "the wife of Ana Ruiz, called …" climbs to "wife", no name)."""
    if cue.dep_ != "acl" or cue.i == 0 or cue.doc[cue.i - 1].text != ",":
        return None
    t = cue.head
    for _ in range(6):  # "Ruiz, the mayor's rival in the election, called …": up to the name
        if t.pos_ == "PROPN" and t.dep_ not in ("appos", "pobj", "compound"):
            return t if t.i < cue.i else None
        if t.dep_ not in ("pobj", "prep", "appos", "compound") or t.head.i == t.i:
            return None
        t = t.head
    return None


_RELATIVES = ("who", "that", "which")
_SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj")
# Finite verb tags: a name right before such a verb is its subject even when the parse says not.
_FINITE = ("VBD", "VBZ", "VBP")


def _quoted_away(ctx: Context, subj: Token, cue: Token) -> bool:
    """ "“… Total crisis mode,” said Ana Ruiz": a subject inside quotation marks does not speak
    the quotation for a cue outside them."""
    return subj.dep_ == "nsubj" and ctx.in_quote(subj) and not ctx.in_quote(cue)


def _run_in_name(subj: Token, cue: Token) -> Token:
    """ "To understand the case, Chief Justice Ruiz said, …": the parser made the name right
    before the cue an apposition of the phrase before it; with no comma between the name and
    the cue it is the cue's subject."""
    if cue.i == 0 or cue.doc[cue.i - 1].is_punct:
        return subj
    for c in subj.children:
        if c.dep_ == "appos" and c.pos_ == "PROPN" and max(t.i for t in c.subtree) == cue.i - 1:
            return c
    return subj


def _climbs(t: Token) -> bool:
    """A subjectless verb takes the subject of the word it hangs on: its clause ("rushed to
    say"), its conjunct ("… and accused"), or the verb a gerund object depends on ("recalled
    thinking", "stopped short of calling")."""
    if t.head.i == t.i:
        return False
    return t.dep_ in _CLIMB_DEPS or (t.dep_ == "dobj" and t.pos_ == "VERB")


def _adjacent_subject(cue: Token) -> Token | None:
    """ "… and Democrats accused", "the board of the Post Trump said", "footage of Ana Ruiz
    asking": the parser hung the name before a subjectless cue elsewhere; a noun (a finite
    verb) or a proper name (a participle) standing right before the cue is its subject."""
    doc = cue.doc
    i = cue.i - 1
    while i >= 0 and doc[i].pos_ in ("ADV", "AUX", "PART") and doc[i].dep_ != "punct":
        i -= 1
    if i < 0 or doc[i].sent.start != cue.sent.start:
        return None
    before = doc[i]
    if before.ent_type_ in ("DATE", "TIME") or before.dep_ == "npadvmod":
        return None  # "tweets early Friday saying": a date is never the one who speaks
    if cue.tag_ in _FINITE and before.pos_ in ("NOUN", "PROPN") and before.dep_ != "compound":
        return before
    if cue.tag_ == "VBG" and i == cue.i - 1 and before.pos_ == "PROPN":
        return before
    return None


def _relative(ctx: Context, rel: Token) -> Speaker:
    """ "Mr. Obama, who understood that …": the antecedent speaks; the evidence runs from it
    to the relative pronoun."""
    found = resolve(ctx, _antecedent(ctx, rel.head.head))
    if found.span is None or found.span[0] > rel.idx:
        return Speaker(found.actor, _span([rel]), rel.i, found.note)
    if rel.idx - found.span[1] > 3:  # "a report … that said": the maker is the evidence
        return found
    return Speaker(found.actor, (found.span[0], rel.idx + len(rel.text)), rel.i, found.note)


def _antecedent(ctx: Context, head: Token) -> Token:
    """What a relative clause's "that"/"which" stands for; a document the parser detached from
    its clause ("a paper on religion that said") when the head itself names no one."""
    named = ctx.d.mention_at(head.idx, head.idx + len(head.text)) is not None
    if named or head.pos_ != "NOUN" or sources.source_kind(head) or sources.is_document(head):
        return head
    return sources.document_before(head) or head


_LEFT_NP = {"PROPN", "NOUN", "ADJ", "DET", "NUM", "PART", "ADP", "PUNCT"}


def _left_subject(cue: Token) -> Token | None:
    """ "…, a close aide to Prime Minister Ehud Barak said": the parser hung the speaker on the
    reported clause; the comma-delimited noun phrase right before the cue is the subject."""
    doc = cue.doc
    i = cue.i - 1
    while i >= 0 and doc[i].pos_ in ("AUX", "ADV") and doc[i].dep_ != "punct":
        i -= 1
    if i < cue.i - 1 and i > 0 and doc[i].text == ",":  # "X, the chief of Y, forcefully told"
        i -= 1
    run: list[Token] = []
    while i >= 0 and len(run) < 12:
        t = doc[i]
        if t.text == ",":
            break
        if t.pos_ not in _LEFT_NP or (t.pos_ == "PUNCT" and t.text not in "-–"):
            return None
        if t.pos_ == "ADP" and t.lower_ not in ("of", "to", "for", "at", "in"):
            return None
        run.insert(0, t)
        i -= 1
    if i < 0 or not run or run[-1].pos_ not in ("NOUN", "PROPN"):
        return None
    head = None
    for t in run:
        if t.pos_ == "ADP":
            break
        if t.pos_ in ("NOUN", "PROPN"):
            head = t
    if head is not None and head.dep_ == "appos" and head.head.pos_ == "PROPN":
        return head.head  # "Ana Ruiz, the chief of the league, told": the name it describes
    return head


def is_adjunct_cue(ctx: Context, tok: Token) -> bool:
    """ ", insisting that …", ", adding …": a reporting participle after a comma."""
    return (
        tok.tag_ == "VBG"
        and tok.i > 0
        and tok.doc[tok.i - 1].text == ","
        and ctx.cues.is_cue(tok.lemma_)
        and not any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children)
    )


def _outer_cue(ctx: Context, cue: Token) -> Token | None:
    """The reporting verb whose speaker a comma participle ("…, insisting …") continues: the
    parser often hangs it on the reported clause, whose subject did not speak."""
    if not is_adjunct_cue(ctx, cue):
        return None
    a = cue.head
    for _ in range(5):
        if a.i == a.head.i:
            return None
        if (
            a.i < cue.i
            and ctx.cues.is_cue(a.lemma_)
            and a.pos_ in ("VERB", "AUX")
            and (a.dep_ != "ccomp")
        ):
            return a
        if a.dep_ == "ccomp" and ctx.cues.is_cue(a.head.lemma_):
            return a.head
        a = a.head
    return None


def _active_quoting(ctx: Context, cue: Token) -> tuple[Token, Token] | None:
    """(channel, speaker) of an active "X quoted Y (as saying)"."""
    if cue.lemma_.lower() not in ctx.cues.passive_speaker_verbs:
        return None
    subj = [c for c in cue.children if c.dep_ == "nsubj"]
    obj = [c for c in cue.children if c.dep_ == "dobj"]
    if subj and obj and obj[0].pos_ in ("PROPN", "NOUN", "PRON"):
        return subj[0], obj[0]
    return None


def _agent(verb: Token) -> Token | None:
    for c in verb.children:
        if c.dep_ == "agent":
            objs = [x for x in c.children if x.dep_ == "pobj"]
            if objs:
                return objs[0]
    return None


def _inverted(ctx: Context, cue: Token) -> Token | None:
    """ "…," said Stephen Harper: the noun phrase right after a subjectless cue."""
    if cue.lemma_.lower() in _ADDRESSEE_VERBS:
        return None
    doc = cue.doc
    prev = doc[cue.i - 1] if cue.i > 0 else None
    if prev is not None and not (prev.is_punct or prev.is_space or prev.pos_ in ("AUX", "ADV")):
        return None
    head = None
    for t in doc[cue.i + 1 : min(len(doc), cue.i + 9)]:
        if t.pos_ in ("PROPN", "NOUN") or (t.pos_ == "PRON" and t.lower_ != "it"):
            head = t
        elif t.pos_ in ("DET", "ADJ", "NUM") and head is None:
            continue
        elif t.pos_ == "PART" and t.text in ("'s", "’s"):
            continue
        else:
            if head is not None and t.lower_ == "of":
                return _titled_person(ctx, t) or head
            break
    return head


def _titled_person(ctx: Context, of: Token) -> Token | None:
    """ "said the Secretary of the Party of Ruritania Ana Ruiz": the person named at the end of
    a title's "of" chain speaks, not the body the title belongs to."""
    doc = of.doc
    last = None
    for t in doc[of.i + 1 : min(len(doc), of.i + 16)]:
        if t.is_punct or t.pos_ in ("VERB", "AUX", "SCONJ", "CCONJ", "PRON"):
            break
        m = ctx.d.mention_at(t.idx, t.idx + len(t.text))
        if m is None or ctx.actor_kind(m.actor_id) != "person":
            continue
        first = ctx.token_at(m.start)
        before = doc[first.i - 1] if first is not None and first.i > 0 else None
        # "the wife of Ana Ruiz" is not Ana Ruiz: the name must follow the title's body
        if before is not None and before.pos_ not in ("ADP", "DET"):
            last = t
    return last


def _title_of(ctx: Context, tok: Token) -> Token | None:
    """The person a title subject names through its "of" chain, if any."""
    for c in tok.rights:
        if c.dep_ == "prep" and c.lower_ == "of":
            return _titled_person(ctx, c)
    return None


def resolve(ctx: Context, tok: Token | None) -> Speaker:
    """The actor a subject token names, with the span that says so."""
    if tok is None:
        return Speaker(None, None, None, sources.why_none(ctx, None))
    d = ctx.d
    if tok.pos_ == "VERB":  # "The Red Cross operating in Iraq said": a misparsed participle
        nouns = [c for c in tok.children if c.dep_ in ("nsubj", "compound") or c.pos_ == "PROPN"]
        if not nouns:
            return Speaker(None, None, None, sources.why_none(ctx, None))
        tok = nouns[0]
    if tok.lower_ in _RELATIVES and tok.head.dep_ == "relcl":
        return _relative(ctx, tok)
    phrase = phrase_of(tok)
    low = tok.lower_
    if tok.pos_ == "PRON" and (chained := _chain_speaker(ctx, tok)) is not None:
        return Speaker(chained, _outer_span(ctx, tok, chained) or _span([tok]), tok.i)
    m = d.mention_at(tok.idx, tok.idx + len(tok.text))
    if m is not None and m.start <= tok.idx and tok.idx + len(tok.text) <= m.end:
        return Speaker(m.actor_id, _with_conjuncts(ctx, tok, (m.start, m.end)), tok.i)
    for other in _name_parts(tok):
        m = d.mention_at(other.idx, other.idx + len(other.text))
        if m is not None and m.start <= other.idx and other.idx + len(other.text) <= m.end:
            return Speaker(m.actor_id, (m.start, m.end), tok.i)
    titled = _title_of(ctx, tok) if tok.pos_ in ("NOUN", "PROPN") else None
    if titled is not None:
        return resolve(ctx, titled)
    if tok.pos_ == "PRON":
        kind = ctx.cues.pronoun_kind(low)
        actor = None
        if kind is not None and low not in ctx.cues.empty_subjects:
            actor = _pronoun_fallback(ctx, tok, kind)
        note = None if actor is not None else sources.why_none(ctx, tok)
        return Speaker(actor, _span([tok]), tok.i, note)
    span = _span(phrase)
    if tok.lemma_.lower() in ctx.cues.spokesperson_nouns or _spokes(ctx, phrase):
        # "a ministry spokesman", "a spokesman for Hamas": the organisation speaks.
        inner = d.mentions_in(span[0], _tail_end(tok))
        orgs = [x for x in inner if ctx.actor_kind(x.actor_id) in _ORG_KINDS]
        if orgs:
            return Speaker(orgs[-1].actor_id, span, tok.i)
    if tok.pos_ == "PROPN":
        named = _by_name(ctx, tok)
        if named is not None:
            return Speaker(named, span, tok.i)
    described = _by_title(ctx, tok, phrase) or _by_head_noun(ctx, tok, phrase)
    if described is not None:
        return Speaker(described, span, tok.i)
    return _unnamed(ctx, tok, phrase, span)


def _unnamed(ctx: Context, tok: Token, phrase: list[Token], span: tuple[int, int]) -> Speaker:
    """A subject no actor names: a document's maker, a person named inside a run-on phrase,
    or the unnamed source itself ("aides", "a seller"); else nobody, saying why."""
    voice = sources.recorded(tok)
    if voice is not None and (heard := resolve(ctx, voice)).actor is not None:
        return heard
    if sources.is_document(tok):
        maker = sources.maker_of(tok)
        if maker is not None and maker.i != tok.i:
            found = resolve(ctx, maker)
            if found.actor is not None:
                return found
        elif (made := _maker_elsewhere(ctx, tok)) is not None:
            return Speaker(made, span, tok.i)
    elif sources.source_kind(tok) is None:
        inner = _person_inside(ctx, tok)
        if inner is not None:
            return resolve(ctx, inner)
    actor = sources.source_actor(ctx, tok, phrase)
    if actor is None:
        return Speaker(None, span, tok.i, sources.why_none(ctx, tok))
    return Speaker(actor, span, tok.i)


def _maker_elsewhere(ctx: Context, tok: Token) -> str | None:
    """ "The petition wants …" after (or before) "Ruiz, who filed the petition": a definite
    document with no maker in its own phrase stands for the one the article says someone
    made (the nearest such mention; none when the article never says)."""
    for other in sources.same_documents(tok):
        maker = sources.maker_of(other)
        if maker is not None and maker.i != other.i and maker.i != tok.i:
            found = resolve(ctx, maker)
            if found.actor is not None:
                return found.actor
    return None


def _person_inside(ctx: Context, tok: Token) -> Token | None:
    """ "No conclusions by the committee Ana Ruiz from the X party said": a heading run into
    the sentence makes a thing the subject; the one person named in apposition inside it
    (not the object of "to", "for", "about", "against") speaks."""
    found = []
    for t in tok.subtree:
        if t.dep_ != "appos" or t.pos_ != "PROPN":
            continue
        if any(a.dep_ == "prep" and a.lower_ not in ("by", "from", "of") for a in t.ancestors):
            continue
        m = ctx.d.mention_at(t.idx, t.idx + len(t.text))
        if (m is None and t.ent_type_ == "PERSON") or (
            m is not None and ctx.actor_kind(m.actor_id) == "person"
        ):
            found.append(t)
    return found[0] if len(found) == 1 else None


def _with_conjuncts(ctx: Context, tok: Token, span: tuple[int, int]) -> tuple[int, int]:
    """ "Ana Ruiz and Victor Dunmore said": the evidence covers every named conjunct (the
    record names the first; the span shows the source is shared)."""
    end = span[1]
    for c in tok.conjuncts:
        if c.i < tok.i or c.pos_ != "PROPN":
            continue
        m = ctx.d.mention_at(c.idx, c.idx + len(c.text))
        if m is None:
            break
        end = max(end, m.end)
    return span[0], end


def _by_title(ctx: Context, tok: Token, phrase: list[Token]) -> str | None:
    """ "The minister said": a definite title stands for the last person named with that title
    before it ("Foreign Minister Ana Ruiz"), within the pronoun window."""
    if not phrase or phrase[0].lower_ != "the" or tok.pos_ not in ("NOUN", "PROPN"):
        return None
    title = tok.lemma_.lower()
    here = ctx.sentence_of(tok.idx)
    lo = ctx.sents[max(0, here - 2 * PRONOUN_WINDOW)].start_char
    for m in reversed(ctx.d.mentions_in(lo, tok.idx)):
        if ctx.actor_kind(m.actor_id) != "person":
            continue
        first = ctx.token_at(m.start)
        if first is None:
            continue
        before = first.doc[max(first.sent.start, first.i - 5) : first.i]
        if any(t.lemma_.lower() == title for t in before):
            return m.actor_id
    return None


def _by_head_noun(ctx: Context, tok: Token, phrase: list[Token]) -> str | None:
    """ "The Harbour League called a strike … The league said": a definite noun that is a word
    of a body's name stands for the last body so named before it, within the window (a
    person's title is `_by_title`'s)."""
    if not phrase or phrase[0].lower_ != "the" or tok.pos_ != "NOUN":
        return None
    words = {tok.lower_, tok.lemma_.lower()}
    here = ctx.sentence_of(tok.idx)
    lo = ctx.sents[max(0, here - 2 * PRONOUN_WINDOW)].start_char
    for m in reversed(ctx.d.mentions_in(lo, tok.idx)):
        if ctx.actor_kind(m.actor_id) in (None, "person") or m.source == "pronoun":
            continue
        if _name_head(ctx.d.text[m.start : m.end]) in words:
            return m.actor_id
    return None


def _name_head(name: str) -> str:
    """The head word of a body's name: "Harbour League" -> league, "Ministry of Defence" ->
    ministry."""
    words = name.lower().split(" of ")[0].split()
    return words[-1].strip(".,'’") if words else ""


def _by_name(ctx: Context, tok: Token) -> str | None:
    """A proper-name subject no mention covers ("Henderson" after "Fritz Henderson"): the one
    person actor whose name ends with it, if exactly one does."""
    hits = {
        a.id
        for a in ctx.d.actors
        if a.kind == "person" and a.name.split() and a.name.split()[-1] == tok.text
    }
    return hits.pop() if len(hits) == 1 else None


def _name_parts(tok: Token) -> list[Token]:
    """Appositions name the same one as their head ("the mayor, Ana Ruiz")."""
    return [c for c in tok.children if c.dep_ == "appos"]


def _spokes(ctx: Context, phrase: list[Token]) -> bool:
    text = " ".join(t.lower_ for t in phrase)
    return any(n in text for n in ctx.cues.spokesperson_nouns if " " in n)


def _tail_end(tok: Token) -> int:
    """End of the phrase including an "of/for X" tail ("a spokesman for the ministry")."""
    end = tok.idx + len(tok.text)
    for c in tok.rights:
        if c.dep_ == "prep" and c.lower_ in ("for", "of"):
            last = max(c.subtree, key=lambda t: t.i)
            end = max(end, last.idx + len(last.text))
    return end


def _kind_fits(ctx: Context, actor_id: str, pronoun_kind: str) -> bool:
    kind = ctx.actor_kind(actor_id)
    if pronoun_kind == "person":
        return kind == "person"
    if pronoun_kind == "organisation":
        if kind == "unknown":
            return _tagged(ctx, actor_id, "ORG")  # "The Harbour League … It said"
        return kind not in (None, "person", "civilians")
    return kind not in (None, "person")


def _tagged(ctx: Context, actor_id: str, label: str) -> bool:
    """The parser tags one of the actor's mentions with ``label`` (PERSON, ORG): an actor the
    actors stage could not type can still be the "he" or "it" of a later reporting clause."""
    for m in ctx.d.mentions:
        if m.actor_id == actor_id:
            tok = ctx.token_at(m.start)
            if tok is not None and tok.ent_type_ == label:
                return True
    return False


def _outer_span(ctx: Context, pron: Token, actor: str) -> tuple[int, int] | None:
    """ "Ruiz said she expects …": the same speaker reports her own expectation; the outer
    subject that names her is the evidence."""
    cue = pron.head
    if cue.dep_ not in ("ccomp", "xcomp") or not ctx.cues.is_cue(cue.head.lemma_):
        return None
    outer = next((c for c in cue.head.children if c.dep_ == "nsubj"), None)
    if outer is None or outer.pos_ == "PRON":
        return None
    m = ctx.d.mention_at(outer.idx, outer.idx + len(outer.text))
    return (m.start, m.end) if m is not None and m.actor_id == actor else None


def _fits(ctx: Context, actor_id: str, kind: str, pronoun: Token) -> bool:
    """Kind and gender agreement of an antecedent with the pronoun standing for it."""
    return _kind_fits(ctx, actor_id, kind) and sources.agrees(ctx, actor_id, pronoun.lower_)


def _chain_speaker(ctx: Context, tok: Token) -> str | None:
    """ "He added", "she said" as the subject of a reporting verb: the last speaker of the
    right kind in the speaker chain, before any nearer name ("X said … Y … He added": X)."""
    kind = ctx.cues.pronoun_kind(tok.lower_)
    if kind is None or tok.lower_ in ctx.cues.empty_subjects:
        return None
    if tok.head.lemma_.lower() not in sources.source_lexicon().continuing:
        # "Dunmore disagreed. “…,” he said": the person the sentence before is about
        recent = _previous_subject(ctx, tok, kind)
        if recent is not None:
            return recent
    return _last_said(ctx, tok, kind) or _previous_subject(ctx, tok, kind)


def _previous_subject(ctx: Context, tok: Token, kind: str) -> str | None:
    """No speaker yet: a sentence-initial "He said" continues the subject of the sentence
    before it in the same paragraph ("Ruiz, a former judge, called it a farce. He said …")."""
    if not _opens_sentence(ctx, tok):
        return None
    here = ctx.sentence_of(tok.idx)
    if here == 0 or ctx.paragraph_of(ctx.sents[here - 1].start_char) != ctx.paragraph_of(tok.idx):
        return None
    root = ctx.sents[here - 1].root
    subjects = [c for c in root.children if c.dep_ == "nsubj"]
    if root.pos_ == "PROPN":  # the parser made the sentence one long noun phrase
        subjects.append(root)
    for subj in subjects:
        m = ctx.d.mention_at(subj.idx, subj.idx + len(subj.text))
        if m is not None and m.source != "pronoun" and _fits(ctx, m.actor_id, kind, tok):
            return m.actor_id
    return None


def _opens_sentence(ctx: Context, tok: Token) -> bool:
    """Only a quotation, punctuation or a conjunction stands before ``tok`` in its sentence
    ("He said", "“…,” he said", "But, he said")."""
    return all(
        t.is_punct or t.is_space or t.pos_ in ("CCONJ", "ADV") or ctx.in_quote(t)
        for t in tok.doc[tok.sent.start : tok.i]
    )


def _last_said(ctx: Context, tok: Token, kind: str) -> str | None:
    here = ctx.sentence_of(tok.idx)
    for said in reversed(ctx.history):
        if said.pos >= tok.idx:
            continue
        if here - said.sentence > PRONOUN_WINDOW:
            break
        if not sources.agrees(ctx, said.actor, tok.lower_):
            continue  # "she" is not the man last quoted
        if _kind_fits(ctx, said.actor, kind) or _may_be_person(ctx, said.actor, kind):
            return said.actor
    return None


def _may_be_person(ctx: Context, actor_id: str, pronoun_kind: str) -> bool:
    """A speaker the actors stage could not type but the parser tags as a person's name
    ("Okafor said") can be the "he" of a later reporting clause."""
    actor = ctx.d.actor(actor_id)
    if pronoun_kind != "person" or actor is None or actor.kind != "unknown":
        return False
    last = actor.name.split()[-1:] or [""]
    if any(a.kind == "person" and a.name.split()[-1:] == last for a in ctx.d.actors):
        return True  # "Outgoing PM Okafor" after "Ada Okafor"
    return _tagged(ctx, actor_id, "PERSON")


def _pronoun_fallback(ctx: Context, tok: Token, kind: str) -> str | None:
    """An unresolved "he said": the last reporting clause's speaker of the right kind, else the
    nearest earlier actor mention of that kind in the window; else nobody."""
    said = _last_said(ctx, tok, kind)
    if said is not None:
        return said
    here = ctx.sentence_of(tok.idx)
    if kind != "person":
        return None  # "they", "it": too many things they can stand for
    lo = ctx.sents[max(0, here - PRONOUN_WINDOW)].start_char
    earlier = [
        m for m in ctx.d.mentions_in(lo, tok.idx) if m.source != "generic" or kind != "person"
    ]
    st = ctx.d.article.structure
    # The headline may name the "he"; a photo caption or credit must not.
    aside = [*st.captions, *st.credits, *st.boilerplate]
    for m in reversed(earlier):
        if any(a.start <= m.start < a.end for a in aside):
            continue
        if _fits(ctx, m.actor_id, kind, tok):
            return m.actor_id
    return None


# --- channels -------------------------------------------------------------------------
def _phrase_channel(ctx: Context, obj: Token) -> Channel:
    toks = sorted(obj.subtree, key=lambda t: t.i)
    toks = [t for t in toks if not t.is_punct and not ctx.is_mark(t)] or [obj]
    if toks[0].pos_ == "DET" and len(toks) > 1 and toks[0].lower_ in ("the",):
        toks = toks[1:]
    start, end = toks[0].idx, toks[-1].idx + len(toks[-1].text)
    inner = ctx.d.mentions_in(start, end)
    m = ctx.d.mention_at(obj.idx, obj.idx + len(obj.text))
    actor = m.actor_id if m is not None else (inner[-1].actor_id if inner else None)
    return Channel(ctx.d.text[start:end], (start, end), actor)


def is_media(ctx: Context, tok: Token) -> bool:
    m = ctx.d.mention_at(tok.idx, tok.idx + len(tok.text))
    if m is not None and ctx.actor_kind(m.actor_id) == "media":
        return True
    return tok.lemma_.lower() in ctx.cues.media_nouns or tok.lower_ in ctx.cues.media_nouns


def _pobj(prep: Token) -> Token | None:
    objs = [c for c in prep.children if c.dep_ in ("pobj", "pcomp")]
    if objs:
        return objs[0]
    nested = [c for c in prep.children if c.dep_ == "prep"]  # "according" -> "to" -> X
    return _pobj(nested[0]) if nested else None


def according_object(tok: Token) -> Token | None:
    """X of "according to X" when ``tok`` is "according"."""
    if tok.lower_ != "according":
        return None
    nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
    if nxt is None or nxt.lower_ != "to":
        return None
    return _pobj(tok) or _pobj(nxt)


def channel_of(ctx: Context, cue: Token) -> Channel | None:
    """The channel attached to a reporting verb: "according to Iranian media", "quoted by
    Tasnim", "told Reuters", "in a statement", "on Twitter"."""
    cues = ctx.cues
    active = _active_quoting(ctx, cue)
    if active is not None:
        return _phrase_channel(ctx, active[0])
    for c in cue.children:
        low = c.lower_
        if low == "according":
            obj = according_object(c)
            if obj is not None:
                return _phrase_channel(ctx, obj)
        if c.dep_ == "agent" and cue.lemma_.lower() in cues.passive_speaker_verbs:
            obj = _pobj(c)
            if obj is not None:
                return _phrase_channel(ctx, obj)
        if c.dep_ == "prep" and low in ("in", "on", "at", "via", "through", "during", "to"):
            obj = _pobj(c)
            if obj is not None and (
                obj.lemma_.lower() in cues.channel_nouns
                or obj.lower_ in cues.channel_nouns
                or obj.text in cues.platforms
                or is_media(ctx, obj)
            ):
                return _phrase_channel(ctx, obj)
        if c.dep_ in ("dobj", "dative") and cue.lemma_.lower() == "tell" and is_media(ctx, c):
            return _phrase_channel(ctx, c)
        if c.dep_ in ("advcl", "acl") and c.lemma_.lower() in cues.passive_speaker_verbs:
            agent = _agent(c)
            if agent is not None:  # "…, he said, quoted by Tasnim"
                return _phrase_channel(ctx, agent)
    return None
