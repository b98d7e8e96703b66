"""Reporting frames: a cue (a reporting verb, "according to", a headline colon), who speaks, the
channel, and, for indirect speech, the reported content.

"IRGC head Salami said that millions have turned out" gives the frame (cue "say", speaker Salami,
content "millions have turned out"). Frames whose content is a quotation in marks are what direct
quotes are attributed by; the others become indirect quotes. Content is the reported clause only,
without the speaker, the cue, a leading "that" or a trailing clause narrating the speaker's own
acts ("… as he also ordered units mobilised").
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from tidings.quotes import sources
from tidings.quotes.context import Context
from tidings.quotes.speaker import (
    Channel,
    Speaker,
    according_object,
    channel_of,
    is_adjunct_cue,
    is_media,
    phrase_of,
    resolve,
    subject_token,
)

if TYPE_CHECKING:
    from spacy.tokens import Span as SpacySpan
    from spacy.tokens import Token

_COMPLEMENT_MARKS = {"that"}
_CONTENT_TRIM = {",", ";", ":", "—", "–", "-", "--", "."}
_DEMONSTRATIVES = {"this", "that", "these", "those"}
# Prepositions whose phrase after a reported object belongs to it, by cue class: "accused X of
# Y", "blamed X for Y"; any other object cue, "cited X as Y".
_AS = frozenset({"as"})
# Entity types of subjects that show by acting (a poll, a video or a study shows by evidence).
_AGENT_ENTITIES = frozenset({"PERSON", "GPE", "NORP"})
_OBJECT_PREPS = {"accusation": frozenset({"of", "for"})}
_NP_POS = {"PROPN", "NOUN", "ADJ", "DET", "PART", "NUM"}
# Cue classes of verbs of saying: "… and said", "… and warned" after the content is the
# speaker's next act ("… and threatened retaliation" may be part of what was reported).
_SAYING = frozenset({"neutral", "claimed", "warning", "admission", "denial", "confirmation"})


@dataclass
class Frame:
    """One reporting clause."""

    cue: str
    cue_span: tuple[int, int]
    token: int
    speaker: Speaker
    content: tuple[int, int] | None
    channel: Channel | None
    kind: str  # verb | naming | source | colon | noun
    sentence: int
    infinitive: bool = False  # content is an infinitive ("vowed to cut taxes")

    @property
    def end(self) -> int:
        """Where the reporting clause's own words end (for "directly continues")."""
        ends = [self.cue_span[1]]
        if self.speaker.span:
            ends.append(self.speaker.span[1])
        return max(ends)


def _trim(ctx: Context, toks: list[Token]) -> list[Token]:
    while (
        toks
        and (toks[0].is_punct or toks[0].lower_ in _COMPLEMENT_MARKS)
        and not (ctx.is_mark(toks[0]) and ctx.quote_around(toks[0].idx) is not None)
    ):
        toks = toks[1:]
    while toks and (toks[-1].text in _CONTENT_TRIM or toks[-1].is_space):
        toks = toks[:-1]
    return toks


def _narration_cut(ctx: Context, toks: list[Token], subj: Token | None, who: str | None) -> int:
    """Index in ``toks`` where a trailing clause about the speaker begins, or len(toks).

    "He claimed that X had threatened retaliation as he also ordered units mobilised": the
    "as he …" clause is the writer's narration, not what was claimed.
    """
    if subj is None:
        return len(toks)
    last = toks[-1].i
    for k, t in enumerate(toks):
        if k == 0 or t.dep_ != "advcl" or max(x.i for x in t.subtree) != last:
            continue
        if any(c.dep_ == "mark" and c.lower_ in ctx.cues.reason_marks for c in t.children):
            continue  # "… because he doubted a court would act": the speaker's reason, said
        if _infinitival(t):
            continue  # "… would be "reckless" for her to talk about it": part of the judgment
        subjects = [c for c in t.children if c.dep_ in ("nsubj", "nsubjpass")]
        same = is_adjunct_cue(ctx, t)  # "…, insisting they acted lawfully": another frame
        if subjects and not same:
            s = subjects[0]
            same = s.lower_ == subj.lower_ and s.pos_ == "PRON"
            if not same and who is not None:
                m = ctx.d.mention_at(s.idx, s.idx + len(s.text))
                same = m is not None and m.actor_id == who
        if same:
            left = min(x.i for x in t.subtree)
            cut = next(j for j, x in enumerate(toks) if x.i == left)
            while cut > 0 and (toks[cut - 1].is_punct or toks[cut - 1].pos_ == "CCONJ"):
                cut -= 1
            return cut
    return len(toks)


def _infinitival(t: Token) -> bool:
    """ "for him to comment": an infinitive clause (its "to" an auxiliary of its own) is a
    complement of the words before it, not a narrated act of the speaker's, which is finite
    ("as he ordered units mobilised")."""
    return any(c.dep_ == "aux" and c.tag_ == "TO" for c in t.children)


def _aside_cut(ctx: Context, toks: list[Token]) -> int:
    """Index in ``toks`` where a second verb of saying joined to the content's verb begins,
    or len(toks): "said he would order a review and warned against hackers" (the speaker's
    next act; a non-restrictive relative clause at the end is kept, as often the gold's as
    not)."""
    first = toks[0].i
    for k, t in enumerate(toks):
        if (
            k == 0
            or ctx.in_quote(t)
            or t.dep_ != "conj"
            or t.pos_ != "VERB"
            or ctx.cues.verbs.get(t.lemma_.lower()) not in _SAYING
            or t.head.i < first
            or any(c.dep_ in ("nsubj", "nsubjpass") for c in t.children)
        ):
            continue
        cc = next((c for c in t.head.children if c.dep_ == "cc" and c.i < t.i), None)
        if cc is not None and cc.i > t.head.i:
            return next(j for j, x in enumerate(toks) if x.i == cc.i)
    return len(toks)


def _complement(ctx: Context, cue: Token) -> Token | None:
    kids = list(cue.children)
    for c in kids:
        if c.dep_ == "ccomp":
            return None if _unlisted_infinitive(ctx, cue, c) else c
    for c in kids:  # "spoke out on Tuesday that GM has …" parsed as a clause modifier
        if c.dep_ in ("advcl", "dep", "xcomp", "parataxis") and any(
            m.dep_ == "mark" and m.lower_ in _COMPLEMENT_MARKS for m in c.children
        ):
            return c
    lemma = cue.lemma_.lower()
    for c in kids:  # "warned of a recession"
        if c.dep_ == "prep" and c.lower_ in (ctx.cues.prep_objects or {}).get(lemma, ()):
            obj = next((x for x in c.children if x.dep_ in ("pobj", "pcomp")), None)
            if obj is not None:
                return obj
    if lemma in ctx.cues.infinitive_verbs:  # "wants to triple the program"
        for c in kids:
            if c.dep_ == "xcomp" and _has_to(c):
                return c
    if lemma in ctx.cues.object_verbs and not any(c.dep_ == "dative" for c in kids):
        allowed = ctx.cues.object_verbs[lemma]
        for c in kids:
            if c.dep_ == "dobj" and c.pos_ in ("NOUN", "PROPN"):
                if c.lemma_.lower() in ctx.cues.speech_nouns and not any(
                    x.dep_ in ("acl", "relcl", "prep") for x in c.children
                ):
                    continue  # "denied the account": an answer to a telling, not content
                if allowed is None or c.lemma_.lower() in allowed:
                    return c
    return None


def _with_addressee(cue: Token, comp: Token, toks: list[Token]) -> list[Token]:
    """ "urged supporters to monitor polling places": who is asked to act comes with the act
    (the object of a request verb before its infinitive)."""
    if comp.dep_ != "xcomp":
        return toks
    obj = next((c for c in cue.children if c.dep_ == "dobj" and c.i < comp.i), None)
    if obj is None or obj.i < cue.i:
        return toks
    return list(cue.doc[obj.left_edge.i : toks[-1].i + 1])


def _unlisted_infinitive(ctx: Context, cue: Token, comp: Token) -> bool:
    """ "wants Russia to play a role": an intention in an infinitive, attributed only when the
    cues file lists the verb in ``infinitive_verbs`` (off by default, see docs/quotes.md)."""
    lemma = cue.lemma_.lower()
    return (
        _has_to(comp)
        and ctx.cues.verbs.get(lemma) == "intention"
        and lemma not in ctx.cues.infinitive_verbs
    )


def _appositive_cut(ctx: Context, toks: list[Token]) -> int:
    """Index in ``toks`` where a closing appositive set off by a comma begins ("said he did
    not back the senator, the party's favourite"): the writer's description of someone named
    in the content, not what was said; or len(toks)."""
    last = toks[-1].i
    first = toks[0].i
    for t in toks:
        if t.dep_ != "appos" or t.right_edge.i < last or ctx.in_quote(t):
            continue
        left = t.left_edge.i
        if left - 1 <= first or t.doc[left - 1].text != "," or t.head.i < first:
            continue
        return next(j for j, x in enumerate(toks) if x.i == left - 1)
    return len(toks)


def _pointing_back(cue: Token, toks: list[Token]) -> list[Token]:
    """ "said that GM submitted a plan, and this may be increased": a clause joined to the cue
    whose subject is a demonstrative pointing back at the content belongs to the content."""
    if not toks:
        return []
    last = toks[-1].i
    for c in cue.children:
        if c.dep_ != "conj" or c.i <= last:
            continue
        subj = [x for x in c.children if x.dep_ in ("nsubj", "nsubjpass")]
        if subj and subj[0].lower_ in _DEMONSTRATIVES:
            extra = [t for t in cue.doc[last + 1 : max(x.i for x in c.subtree) + 1]]
            return extra
    return []


def _trailing_clauses(ctx: Context, cue: Token, comp: Token, toks: list[Token]) -> list[Token]:
    """ "said they had doubts, but could not bear to insult him": the parse hangs a second
    verb phrase (with its own auxiliary) or a reason or condition clause on the cue, but it
    goes on with what was said (a clause with a subject or a complement of its own is another
    statement, a bare "… and left the room" the writer's narration)."""
    if not toks or comp.dep_ != "ccomp" or comp.i < cue.i:
        return []
    last = toks[-1].i
    for c in cue.children:
        if c.i <= last or c.dep_ not in ("conj", "advcl", "ccomp"):
            continue
        kids = list(c.children)
        if c.dep_ == "ccomp":  # "discovered that A, and that B": a second complement
            between = cue.doc[last + 1 : c.left_edge.i]
            if all(t.is_punct or t.pos_ == "CCONJ" or t.is_space for t in between):
                return list(cue.doc[last + 1 : c.right_edge.i + 1])
            return []
        if c.dep_ == "conj" and (
            any(x.dep_ in ("nsubj", "nsubjpass", "expl") for x in kids)
            or not any(x.dep_ == "aux" for x in kids)  # "… and left the room": narration
        ):
            return []
        if c.dep_ == "advcl" and not any(
            x.dep_ == "mark" and x.lower_ in ctx.cues.reason_marks for x in kids
        ):
            return []
        if is_adjunct_cue(ctx, c) or any(x.dep_ == "ccomp" for x in kids):
            return []  # a cue of its own: another statement
        between = cue.doc[last + 1 : c.left_edge.i]
        if any(not (t.is_punct or t.pos_ == "CCONJ" or t.is_space) for t in between):
            return []
        return list(cue.doc[last + 1 : c.right_edge.i + 1])
    return []


def _earlier_conjuncts(cue: Token, toks: list[Token]) -> list[Token]:
    """ "The van was to be escorted, but the agents drove off, a source said": the parse joins
    the cue to the first clause and takes only the last as its complement; content before a
    sentence-final cue runs from the clause the cue is joined to."""
    if not toks or cue.dep_ != "conj" or cue.head.i >= toks[0].i or toks[-1].i >= cue.i:
        return toks
    return list(cue.doc[cue.head.left_edge.i : toks[-1].i + 1])


_TIME_ENTS = ("DATE", "TIME")


def _after_time(toks: list[Token]) -> list[Token]:
    """ "said on Monday it would not negotiate", "said late Friday the border would reopen":
    a time phrase between the cue and a that-less complement dates the saying; the content
    starts after it. Not when the date is the content's subject ("said Monday was the day")."""
    k = 0
    while k < len(toks) and (
        toks[k].ent_type_ in _TIME_ENTS
        or (
            toks[k].pos_ in ("ADP", "ADV", "ADJ")
            and any(x.ent_type_ in _TIME_ENTS for x in toks[k + 1 : k + 3])
        )
    ):
        k += 1
    if 0 < k < len(toks) and toks[k].pos_ not in ("VERB", "AUX", "PART", "PUNCT"):
        return toks[k:]
    return toks


def content_span(
    ctx: Context, cue: Token, subj: Token | None, who: str | None
) -> tuple[int, int] | None:
    """The reported content of a reporting verb as a character span, or None."""
    comp = _complement(ctx, cue)
    if comp is None:
        return _around(ctx, cue) or _object_onward(ctx, cue)
    toks = sorted(comp.subtree, key=lambda t: t.i)
    toks = _with_addressee(cue, comp, toks)
    if comp.dep_ == "dobj":
        # "accused Israel of carrying out the attack", "cited his remarks as proof": the
        # object comes with what it is charged with or taken as
        preps = _OBJECT_PREPS.get(ctx.cues.verbs.get(cue.lemma_.lower()) or "", _AS)
        for c in cue.children:
            if c.dep_ == "prep" and c.lower_ in preps and c.i > toks[-1].i:
                toks = sorted({*toks, *c.subtree}, key=lambda t: t.i)
                toks = list(cue.doc[toks[0].i : toks[-1].i + 1])
    toks += _pointing_back(cue, toks)
    toks += _trailing_clauses(ctx, cue, comp, toks)
    toks = _earlier_conjuncts(cue, toks)
    toks = [t for t in toks if not t.is_space]
    if comp.dep_ == "ccomp" and toks and toks[0].i > cue.i:
        toks = _after_time(toks)
    if subj is not None and toks and toks[0].i < subj.i <= toks[-1].i:
        # the speaker was parsed into the clause ("X is opposed, a close aide said"): cut there
        commas = [k for k, t in enumerate(toks) if t.text == "," and t.i < subj.i]
        toks = toks[: commas[-1]] if commas else []
    toks = _fronted_clause(ctx, cue, comp, _trim(ctx, toks))
    if toks and toks[0].lower_ == "according":  # "said that, according to X, …": X is a channel
        comma = next((k for k, t in enumerate(toks) if t.text == ","), None)
        toks = _trim(ctx, toks[comma + 1 :]) if comma is not None else toks
    if toks:
        toks = _trim(ctx, toks[: _narration_cut(ctx, toks, subj, who)])
    if toks:
        toks = _trim(ctx, toks[: _aside_cut(ctx, toks)])
    if toks:
        toks = _trim(ctx, toks[: _appositive_cut(ctx, toks)])
    words = [t for t in toks if not t.is_punct]
    if len(words) < 2 and not (len(words) == 1 and comp.dep_ == "dobj"):
        return None
    return toks[0].idx, toks[-1].idx + len(toks[-1].text)


def _object_onward(ctx: Context, cue: Token) -> tuple[int, int] | None:
    """ "The poll showed her ahead by 3 points": for a verb of ``clause_objects``, its object
    and everything the verb governs after it."""
    if cue.lemma_.lower() not in ctx.cues.clause_objects:
        return None
    subj = next((c for c in cue.children if c.dep_ == "nsubj"), None)
    if subj is None or subj.pos_ == "PRON" or subj.ent_type_ in _AGENT_ENTITIES:
        return None  # "Canada is eager to show its support": a display, not evidence
    obj = next((c for c in cue.children if c.dep_ == "dobj" and c.i > cue.i), None)
    if obj is None or obj.lemma_.lower() in ctx.cues.speech_nouns:
        return None
    last = obj.right_edge
    for c in cue.children:
        if c.i > obj.i and (c.is_punct or c.dep_ == "cc"):
            break
        if c.i > obj.i:
            last = c.right_edge
    # up to the first comma after the object: the rest ("…, where turnout is high") is an aside
    comma = next((t for t in cue.doc[obj.i : last.i + 1] if t.text == ","), None)
    return _span_of(ctx, obj.left_edge, cue.doc[comma.i - 1] if comma is not None else last)


def _span_of(ctx: Context, first: Token, last: Token) -> tuple[int, int] | None:
    toks = _trim(ctx, [t for t in first.doc[first.i : last.i + 1] if not t.is_space])
    if len([t for t in toks if not t.is_punct]) < 2:
        return None
    return toks[0].idx, toks[-1].idx + len(toks[-1].text)


def _prep_content(ctx: Context, cue: Token) -> tuple[int, int] | None:
    """ "called for a moratorium", "called on voters to stay home": the object (and what it is
    asked to do)."""
    preps = (ctx.cues.prep_objects or {}).get(cue.lemma_.lower(), frozenset())
    for c in cue.children:
        obj = next((x for x in c.children if x.dep_ in ("pobj", "pcomp")), None)
        if c.dep_ != "prep" or c.lower_ not in preps or obj is None:
            continue
        last = obj.right_edge
        for x in cue.children:
            if x.dep_ == "xcomp" and x.i > last.i:
                last = x.right_edge
        return _span_of(ctx, obj.left_edge, last)
    return None


def _small_clause(ctx: Context, cue: Token) -> tuple[int, int] | None:
    """ "called the charges unsubstantiated": the object and what it is called, one content."""
    kids = list(cue.children)
    obj = next((c for c in kids if c.dep_ == "dobj"), None)
    if obj is None or obj.lower_ in ctx.cues.reflexives:
        return None
    pred = next((c for c in kids if c.dep_ == "oprd" and c.i > obj.i), None)
    pred = pred or next((c for c in obj.children if c.dep_ == "appos"), None)
    if pred is None:
        return None
    return _span_of(ctx, obj.left_edge, pred.right_edge)


def _fronted(cue: Token) -> set[int]:
    """ "In the long run, the official said, the plan would cost more": what the parse hangs
    on a parenthetical cue before its subject belongs to the sentence the cue interrupts."""
    subj = next((c for c in cue.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None:
        return set()
    return {
        t.i for c in cue.children if c.i < subj.left_edge.i and not c.is_punct for t in c.subtree
    }


def _fronted_clause(ctx: Context, cue: Token, comp: Token, toks: list[Token]) -> list[Token]:
    """ "Though the last handover went smoothly, he said, this one would be bitter": a
    subordinate clause (with its own subordinator) before the speaker of a cue standing
    between commas opens what was said."""
    subj = next((c for c in cue.children if c.dep_ == "nsubj"), None)
    if not toks or subj is None or comp.i < cue.i or subj.i > cue.i:
        return toks
    before = cue.doc[subj.left_edge.i - 1] if subj.left_edge.i > 0 else None
    after = cue.doc[cue.i + 1] if cue.i + 1 < len(cue.doc) else None
    if before is None or before.text != "," or after is None or after.text != ",":
        return toks
    for c in cue.children:
        if (
            c.dep_ == "advcl"
            and c.right_edge.i < before.i
            and any(x.dep_ == "mark" for x in c.children)
            and not ctx.in_quote(c)
        ):
            return list(cue.doc[c.left_edge.i : toks[-1].i + 1])
    return toks


def _around(ctx: Context, cue: Token) -> tuple[int, int] | None:
    """Content around a parenthetical cue: "The deal, he said, was dead" (the whole clause, the
    cue inside it) or "The bridge will reopen, officials said" (the clause before it)."""
    if cue.dep_ != "parataxis" or cue.head.pos_ not in ("VERB", "AUX"):
        return None
    own = {t.i for t in cue.subtree} - _fronted(cue)
    host = cue.head
    while host.dep_ == "advcl" and host.head.pos_ in ("VERB", "AUX") and host.head.i > cue.i:
        host = host.head  # "Though X went smoothly, he said, Y would be harder": all of it
    toks = [t for t in host.subtree if not t.is_space]
    if not toks or ctx.in_quote(cue.head):
        return None
    while toks and (toks[0].i in own or toks[0].is_punct):
        toks = toks[1:]
    while toks and (toks[-1].i in own or toks[-1].text in _CONTENT_TRIM or toks[-1].is_punct):
        toks = toks[:-1]
    toks = _trim(ctx, toks)
    if len([t for t in toks if not t.is_punct and t.i not in own]) < 3:
        return None
    return toks[0].idx, toks[-1].idx + len(toks[-1].text)


def _is_channel_participle(ctx: Context, tok: Token) -> bool:
    """ "…, he said, quoted by Tasnim": a channel on another cue, not a cue of its own."""
    if tok.lemma_.lower() not in ctx.cues.passive_speaker_verbs or tok.tag_ != "VBN":
        return False
    if any(c.dep_ in ("nsubjpass", "auxpass") for c in tok.children):
        return False
    return tok.head.i != tok.i and tok.head.lemma_.lower() in ctx.cues.verbs


def phrasal_cue(ctx: Context, tok: Token) -> str | None:
    """ "pointed out that …": the verb and its particle, where the cues list them as one."""
    prt = next((c for c in tok.children if c.dep_ == "prt"), None)
    if prt is None:
        return None
    words = f"{tok.lemma_.lower()} {prt.lower_}"
    return words if words in (ctx.cues.clause_verbs or {}) else None


def verb_frame(ctx: Context, tok: Token, sentence: int) -> Frame | None:
    lemma = phrasal_cue(ctx, tok) or tok.lemma_.lower()
    if _is_channel_participle(ctx, tok):
        return None
    subj = subject_token(ctx, tok)
    speaker = resolve(ctx, subj)
    if lemma not in ctx.cues.naming_verbs:
        content = content_span(ctx, tok, subj, speaker.actor)
    else:
        content = _prep_content(ctx, tok) or _small_clause(ctx, tok)
    negated = any(c.dep_ == "neg" for c in tok.children)
    cue = f"not {lemma}" if negated else lemma
    kind = "naming" if lemma in ctx.cues.naming_verbs and content is None else "verb"
    ctx.remember(tok.idx, speaker.actor)
    comp = _complement(ctx, tok) if content is not None else None
    if comp is not None and comp.dep_ == "dobj" and speaker.actor is None:
        content = None  # "the threats reveal Tehran's fears": only a source reports an object
    return Frame(
        cue=cue,
        cue_span=(tok.idx, tok.idx + len(tok.text)),
        token=tok.i,
        speaker=speaker,
        content=content,
        channel=channel_of(ctx, tok),
        kind=kind,
        sentence=sentence,
        infinitive=comp is not None and comp.dep_ == "xcomp" and _has_to(comp),
    )


_FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})
_PRESENT_TAGS = frozenset({"VBZ", "VBP"})
_WH_WORDS = frozenset(
    {"what", "whether", "if", "who", "whom", "whose", "which", "how", "why", "when", "where"}
)
_IMPERSONAL = frozenset({"it", "this", "that", "which", "there"})


def _finite_clause(cue: Token) -> Token | None:
    """ "implied that the vote was rigged", "figured the race was over": the verb's clausal
    complement when it has a subject and a finite verb (not "allowed them to vote")."""
    subj = next((c for c in cue.children if c.dep_ == "nsubj"), None)
    if cue.pos_ != "VERB" or subj is None or subj.lower_ in _IMPERSONAL:
        return None  # "it means …", "this shows …": no source
    for c in cue.children:
        if c.dep_ != "ccomp" or c.i < cue.i:
            continue
        kids = list(c.children)
        if c.left_edge.lower_ in _WH_WORDS or not any(
            x.dep_ in ("nsubj", "nsubjpass", "expl") for x in kids
        ):
            continue  # "checked whether …": a question, not a proposition
        # a bare past form may be a participle ("ordered the units mobilized"): a "that", an
        # auxiliary or a present tense shows the clause is finite
        if (
            any(x.dep_ == "mark" and x.lower_ == "that" for x in kids)
            or c.tag_ in _PRESENT_TAGS
            or any(x.tag_ in _FINITE_TAGS for x in kids if x.dep_.startswith("aux"))
        ):
            return c
    return None


def _noun_source(ctx: Context, noun: Token) -> Speaker:
    """Whose claim or view it is: the possessor ("his view that …", "the party's claim that
    …") or the object of "by"/"from"/"of" ("the claim by aides that …"); else nobody."""
    for c in noun.children:
        if c.dep_ == "poss":
            return resolve(ctx, c)
    for c in noun.children:
        if c.dep_ == "prep" and c.lower_ in ("by", "from", "of") and c.i < noun.i + 4:
            obj = next((x for x in c.children if x.dep_ == "pobj"), None)
            if obj is not None and (
                obj.pos_ == "PROPN"
                or obj.ent_type_
                # "warnings from his attorney": a noun of people or bodies, not "of fraud"
                or (c.lower_ in ("by", "from") and sources.source_kind(obj) is not None)
            ):
                return resolve(ctx, obj)
    return resolve(ctx, None)


def noun_frame(ctx: Context, noun: Token, sentence: int) -> Frame | None:
    """ "rejected the claim that the vote was rigged", "his view that trade hurts workers": a
    noun of communication or belief and the finite that-clause it governs (PolNeAR's content
    keeps the "that")."""
    comp = next(
        (
            c
            for c in noun.children
            if c.dep_ in ("acl", "ccomp", "appos")
            and c.i > noun.i
            and any(x.dep_ == "mark" and x.lower_ == "that" for x in c.children)
            and any(x.dep_ in ("nsubj", "nsubjpass", "expl") for x in c.children)
        ),
        None,
    )
    if comp is None or ctx.in_quote(comp):
        return None
    if noun.dep_ in ("dobj", "pobj") and (
        ctx.cues.is_cue(noun.head.lemma_)
        or noun.head.dep_ == "prep"
        and ctx.cues.is_cue(noun.head.head.lemma_)
    ):
        return None  # "confirmed reports that …", "the threats reveal Tehran's fears that …":
        # the reporting verb's own content, not a second attribution
    toks = [t for t in noun.doc[comp.left_edge.i : comp.right_edge.i + 1] if not t.is_space]
    while toks and toks[-1].text in _CONTENT_TRIM:
        toks = toks[:-1]
    toks = toks[: _aside_cut(ctx, toks)] if len(toks) > 1 else toks
    while toks and toks[-1].text in _CONTENT_TRIM:
        toks = toks[:-1]
    if len([t for t in toks if not t.is_punct]) < 3:
        return None
    speaker = _noun_source(ctx, noun)
    ctx.remember(noun.idx, speaker.actor)
    return Frame(
        cue=noun.lemma_.lower(),
        cue_span=(noun.idx, noun.idx + len(noun.text)),
        token=noun.i,
        speaker=speaker,
        content=(toks[0].idx, toks[-1].idx + len(toks[-1].text)),
        channel=None,
        kind="noun",
        sentence=sentence,
    )


# Prepositions whose object is what a stance is taken on: "pushed for a recount", "argued
# against the merger"; after an object, what it is praised or blamed for ("criticised the
# mayor for the delay") or taken as ("hailed the deal as a breakthrough").
_STANCE_PREPS = frozenset({"for", "against"})
_STANCE_OBJECT_PREPS = frozenset({"for", "as", "over"})
_STATE_ENTITIES = frozenset({"GPE", "NORP"})
_ASIDE_MARKS = frozenset({",", "—", "–", "--", ";", "("})  # not "-": "long-term"
_DESCRIBED = frozenset({"acl", "pcomp", "amod", "pobj"})


def _stance_content(ctx: Context, cue: Token) -> tuple[tuple[int, int], bool] | None:
    """What a verb of stance or intention attributes, and whether it is an infinitive: a
    finite clause ("disputed that the count was fair"), a to-infinitive ("declined to
    comment", "pleaded with voters to stay home"), a "for"/"against" phrase ("pushed for a
    recount") or the object with what it is praised or blamed for ("criticised the mayor for
    the delay"). PolNeAR's convention (docs/attribution.md)."""
    kids = list(cue.children)
    clause = _finite_clause(cue)
    if clause is not None and not ctx.in_quote(clause):
        span = _span_of(ctx, clause.left_edge, clause.right_edge)
        return (span, False) if span else None
    for c in kids:
        if c.dep_ == "xcomp" and c.i > cue.i and _has_to(c) and c.pos_ in ("VERB", "AUX"):
            toks = _with_addressee(cue, c, sorted(c.subtree, key=lambda t: t.i))
            span = _span_of(ctx, toks[0], toks[-1])
            return (span, True) if span else None
    obj = next(
        (c for c in kids if c.dep_ == "dobj" and c.i > cue.i and c.pos_ in ("NOUN", "PROPN")),
        None,
    )
    if obj is None:  # "pushed for a recount": no object, the phrase is the content
        for c in kids:
            if c.dep_ == "prep" and c.lower_ in _STANCE_PREPS and c.i > cue.i:
                pobj = next((x for x in c.children if x.dep_ in ("pobj", "pcomp")), None)
                if pobj is not None:
                    span = _span_of(ctx, pobj.left_edge, pobj.right_edge)
                    return (span, False) if span else None
    if obj is None or any(c.dep_ == "dative" for c in kids):
        return None
    last = obj.right_edge
    for c in kids:  # the phrase right after the object only ("… for the delay")
        if c.dep_ == "prep" and c.i == last.i + 1 and c.lower_ in _STANCE_OBJECT_PREPS:
            last = c.right_edge
            break
    toks = [t for t in cue.doc[obj.left_edge.i : last.i + 1] if not t.is_space]
    # up to the first comma or dash after the object's head: what follows ("…, who said …",
    # "…, the latest chapter in …") is the writer's aside
    cut = next((k for k, t in enumerate(toks) if t.i > obj.i and t.text in _ASIDE_MARKS), None)
    toks = _trim(ctx, toks[:cut] if cut is not None else toks)
    if not toks:
        return None
    return (toks[0].idx, toks[-1].idx + len(toks[-1].text)), False


def stance_frame(ctx: Context, tok: Token, sentence: int) -> Frame | None:
    """A verb of stance or intention from ``stance_verbs`` (CAMEO's verbal codes, derived by
    tools/derive_cues.py): "the senator criticised the budget", "she declined to comment".
    Only when the verb has a source that names an actor: "the storm threatened the coast" and
    "critics say" without a resolved speaker attribute nothing."""
    if _is_channel_participle(ctx, tok) or ctx.in_quote(tok) or tok.dep_ in _DESCRIBED:
        return None  # "an issue involving the senator challenging the rules": a description
    subj = subject_token(ctx, tok)
    if subj is None or subj.lower_ in _IMPERSONAL or subj.ent_type_ in _STATE_ENTITIES:
        return None  # "Norway backed the treaty": a state's act is an event, not a stance
    found = _stance_content(ctx, tok)
    if found is None:
        return None
    speaker = resolve(ctx, subj)
    if speaker.actor is None:
        return None
    content, infinitive = found
    lemma = tok.lemma_.lower()
    negated = any(c.dep_ == "neg" for c in tok.children)
    ctx.remember(tok.idx, speaker.actor)
    return Frame(
        cue=f"not {lemma}" if negated else lemma,
        cue_span=(tok.idx, tok.idx + len(tok.text)),
        token=tok.i,
        speaker=speaker,
        content=content,
        channel=channel_of(ctx, tok),
        kind="verb",
        sentence=sentence,
        infinitive=infinitive,
    )


def _has_to(tok: Token) -> bool:
    return any(x.dep_ == "aux" and x.lower_ == "to" for x in tok.children)


def _rest_of_sentence(ctx: Context, sent: SpacySpan, lo: int, hi: int) -> tuple[int, int] | None:
    """The sentence without tokens ``lo..hi`` (a source phrase), as the longer side."""
    left = _trim(ctx, [t for t in sent if t.i < lo and not t.is_space])
    right = _trim(ctx, [t for t in sent if t.i > hi and not t.is_space])
    if len(left) >= 2 and len(right) >= 2:
        toks = _trim(ctx, [t for t in sent if not t.is_space])
    else:
        toks = left if len(left) >= len(right) else right
    if len([t for t in toks if not t.is_punct]) < 3:
        return None
    return toks[0].idx, toks[-1].idx + len(toks[-1].text)


def source_frame(ctx: Context, tok: Token, sent: SpacySpan, sentence: int) -> Frame | None:
    """ "… according to local officials": the officials are the source of the sentence."""
    obj = according_object(tok)
    if obj is None:
        return None
    speaker = resolve(ctx, obj)
    last = max(t.i for t in obj.subtree)
    content = _rest_of_sentence(ctx, sent, tok.i, last)
    channel = None
    if is_media(ctx, obj):
        toks = [t for t in phrase_of(obj) if not t.is_punct]
        channel = Channel(
            ctx.d.text[toks[0].idx : toks[-1].idx + len(toks[-1].text)],
            (toks[0].idx, toks[-1].idx + len(toks[-1].text)),
            speaker.actor,
        )
    ctx.remember(tok.idx, speaker.actor)
    nxt = tok.doc[tok.i + 1]
    return Frame(
        cue="according to",
        cue_span=(tok.idx, nxt.idx + len(nxt.text)),
        token=tok.i,
        speaker=speaker,
        content=content,
        channel=channel,
        kind="source",
        sentence=sentence,
    )


def _colon_dateline(ctx: Context, label: list[Token]) -> bool:
    """ "Jakarta: Indonesian police arrested …" opening the body is a dateline, not a place
    speaking: a place name before the colon at the very start of the first body paragraph."""
    body = ctx.d.article.structure.body
    return (
        bool(body)
        and label[0].idx == body[0].start
        and all(t.ent_type_ in ("GPE", "LOC") for t in label)
    )


def colon_frame(ctx: Context, sent: SpacySpan, sentence: int) -> Frame | None:
    """Headline style "Minister Karimov: the border will stay closed"."""
    toks = [t for t in sent if not t.is_space]
    colon = next((k for k, t in enumerate(toks[:9]) if t.text == ":"), None)
    if not colon or any(t.pos_ not in _NP_POS and t.text not in "-–" for t in toks[:colon]):
        return None
    if _colon_dateline(ctx, toks[:colon]):
        return None
    head = toks[colon - 1]
    speaker = resolve(ctx, head)
    if speaker.actor is None or speaker.span is None:
        return None
    rest = _trim(ctx, toks[colon + 1 :])
    if len(rest) < 4 or not any(t.pos_ in ("VERB", "AUX") for t in rest):
        return None
    ctx.remember(head.idx, speaker.actor)
    return Frame(
        cue=":",
        cue_span=(toks[colon].idx, toks[colon].idx + 1),
        token=toks[colon].i,
        speaker=speaker,
        content=(rest[0].idx, rest[-1].idx + len(rest[-1].text)),
        channel=None,
        kind="colon",
        sentence=sentence,
    )


def find_frames(ctx: Context) -> list[Frame]:
    """Every reporting frame of the body, in text order, with speakers resolved in that order."""
    frames: list[Frame] = []
    by_token: dict[int, Frame] = {}
    channels: list[tuple[int, Token]] = []  # ("according" token, the cue it belongs to)
    stances: set[int] = set()  # ids of the frames of stance cues
    for sent in ctx.headline_sentences() + ctx.d.body_sentences():
        sentence = ctx.sentence_of(sent.start_char)
        first = next((t for t in sent if not t.is_space), None)
        if first is not None and not ctx.in_quote(first):
            colon = colon_frame(ctx, sent, sentence)
            if colon is not None:
                frames.append(colon)
        for tok in sent:
            if tok.is_space or ctx.in_quote(tok):
                continue
            if tok.lower_ == "according":
                owner = _owning_cue(ctx, tok)
                if owner is not None:
                    channels.append((owner, tok))
                    continue
                frame = source_frame(ctx, tok, sent, sentence)
            elif _verb_like(tok) and ctx.cues.is_cue(tok.lemma_):
                frame = verb_frame(ctx, tok, sentence)
            elif (
                ctx.cues.is_clause_cue(phrasal_cue(ctx, tok) or tok.lemma_)
                and _finite_clause(tok) is not None
            ):
                frame = verb_frame(ctx, tok, sentence)
            elif tok.pos_ == "VERB" and ctx.cues.is_stance_cue(tok.lemma_):
                frame = stance_frame(ctx, tok, sentence)
                if frame is not None:
                    stances.add(id(frame))
            elif tok.pos_ == "NOUN" and tok.lemma_.lower() in (ctx.cues.clause_nouns or {}):
                frame = noun_frame(ctx, tok, sentence)
            else:
                continue
            if frame is not None:
                frames.append(frame)
                by_token[frame.token] = frame
    for owner, tok in channels:
        frame = by_token.get(owner)
        obj = according_object(tok)
        if frame is not None and frame.channel is None and obj is not None:
            toks = [t for t in phrase_of(obj) if not t.is_punct] or [obj]
            start, end = toks[0].idx, toks[-1].idx + len(toks[-1].text)
            m = ctx.d.mention_at(obj.idx, obj.idx + len(obj.text))
            frame.channel = Channel(ctx.d.text[start:end], (start, end), m.actor_id if m else None)
    frames = _without_reported_stances(ctx, frames, stances)
    _nest(ctx, frames)
    return frames


def _without_reported_stances(ctx: Context, frames: list[Frame], stances: set[int]) -> list[Frame]:
    """ "The minister said the allies endorsed the plan": a stance inside what another frame
    reports is part of that report, not an attribution of its own."""
    if not stances:
        return frames
    drop = set()
    for f in frames:
        if id(f) not in stances:
            continue
        for g in ctx.frames_near(frames, *f.cue_span):
            if g is f or g.content is None or id(g) in stances:
                continue
            if g.content[0] <= f.cue_span[0] and f.cue_span[1] <= g.content[1]:
                drop.add(id(f))
                break
    return [f for f in frames if id(f) not in drop]


def _nest(ctx: Context, frames: list[Frame]) -> None:
    """ "X told reporters that Y had said Z": Y speaks, X is the channel Y's words came through
    (the outer source of a frame whose cue lies inside another frame's content)."""
    for f in frames:
        if f.channel is not None:
            continue
        for g in ctx.frames_near(frames, *f.cue_span):
            outer, sp = g.content, g.speaker
            if g is f or outer is None or sp.span is None or g.kind == "naming":
                continue
            if not (outer[0] <= f.cue_span[0] and f.cue_span[1] <= outer[1]):
                continue
            inner = f.speaker.span
            pronoun = inner is not None and ctx.cues.pronoun_kind(ctx.d.text[inner[0] : inner[1]])
            if (sp.actor is not None and sp.actor == f.speaker.actor) or pronoun:
                break  # "Police said they thought …": the same source twice, no channel
            f.channel = Channel(ctx.d.text[sp.span[0] : sp.span[1]], sp.span, sp.actor)
            break


def _verb_like(tok: Token) -> bool:
    """A verb, or a word tagged as a noun that the parse uses as one ("Farmers fear that ...":
    a subject and a clausal complement of its own)."""
    if tok.pos_ in ("VERB", "AUX"):
        return True
    deps = {c.dep_ for c in tok.children}
    return tok.pos_ == "NOUN" and "nsubj" in deps and "ccomp" in deps


def _owning_cue(ctx: Context, tok: Token) -> int | None:
    """The reporting verb of the clause "according to X" stands in: X is then its channel."""
    if according_object(tok) is None:
        return None
    t = tok.head
    for _ in range(3):
        if ctx.cues.is_cue(t.lemma_) and t.pos_ in ("VERB", "AUX") and not ctx.in_quote(t):
            return t.i
        if t.head.i == t.i:
            break
        t = t.head
    return None
