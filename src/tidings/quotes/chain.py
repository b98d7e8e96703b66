"""Speakers of quotations that have no reporting clause of their own in their sentence.

Three layouts name the speaker outside the sentence, and each is read before the quote falls
back on the speaker it continues (`stage._continue_speakers`):

- a signature after the closing mark: "“…” ― Ana Ruiz" (testimonials, vox pops);
- a transcript label opening the quotation: "“RUIZ: We never agreed to that.”";
- a short clause right after a quotation that ends in a comma, "?" or "!", whatever its verb:
  "“…,” she yells", "“…,” Ruiz sings to the crowd", "“…,” the letter read";
- a reporting clause that ends the paragraph before with a colon: "Ruiz continued:" then the
  quotation as the next paragraph;
- a short clause opening the quotation's own sentence and ending in a comma or colon, whose
  verb the cue lexicon may not list: "She continued, “…”", "Ruiz boasted, “…”";
- a reporting verb before the quotation in its own sentence that governs it: "Ruiz said he had
  fought ''for the nation's rights''".
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from tidings.quotes import sources
from tidings.quotes.context import Context
from tidings.quotes.speaker import Speaker, resolve, subject_token

if TYPE_CHECKING:
    from spacy.tokens import Token

_DASHES = "―—–-"
_CLOSERS = "\"'”’»›"
# "RUIZ:" or "MR. RUIZ:" or "SEN. ANA RUIZ:" at the start of a transcript line.
_LABEL = re.compile(r"\s*((?:[A-Z][A-Z'’.\-]*\s){0,3}[A-Z][A-Z'’\-]+)\s?:\s")
# At most this many characters between a closing mark and the dash of a signature.
_SIGNATURE_GAP = 3


def frameless_speaker(ctx: Context, start: int, end: int) -> Speaker | None:
    """The speaker of the quotation ``text[start:end]`` (between its marks) named by a
    signature, a transcript label or the paragraph before; None when none of these is there."""
    return (
        _signature(ctx, end)
        or _label(ctx, start, end)
        or _tail_clause(ctx, end)
        or _colon_paragraph(ctx, start)
        or _comma_clause(ctx, start)
        or _enclosing_cue(ctx, start)
    )


def _signature(ctx: Context, end: int) -> Speaker | None:
    text = ctx.d.text
    j = end
    while j < len(text) and j < end + 2 and (text[j] in _CLOSERS or text[j] in ".,!?"):
        j += 1
    k = j
    while k < len(text) and k < j + _SIGNATURE_GAP and text[k] in " \u00a0\t":
        k += 1
    if k >= len(text) or text[k] not in _DASHES or (text[k] == "-" and text[k + 1 : k + 2] == "-"):
        return None
    k += 1
    while k < len(text) and k < j + 2 * _SIGNATURE_GAP and text[k] in " \u00a0\t":
        k += 1
    first = ctx.token_at(k)
    if first is None or first.idx < k:
        return None
    name = _name_run(ctx, first)
    if not name:
        return None
    return _named(ctx, name[0].idx, name[-1].idx + len(name[-1].text))


def _name_run(ctx: Context, first: Token) -> list[Token]:
    """The proper name starting at ``first`` on its line ("Julie A. Diaz Martinez")."""
    run: list[Token] = []
    for t in first.doc[first.i : first.i + 6]:
        if "\n" in t.text or (run and "\n" in ctx.d.text[run[-1].idx : t.idx]):
            break
        if t.pos_ == "PROPN" or (run and t.text == "."):
            run.append(t)
            continue
        break
    while run and run[-1].text == ".":
        run.pop()
    return run if any(t.text[:1].isupper() for t in run) else []


def _label(ctx: Context, start: int, end: int) -> Speaker | None:
    m = _LABEL.match(ctx.d.text, start, end)
    if m is None:
        return None
    s, e = m.span(1)
    return _named(ctx, s, e)


def _named(ctx: Context, start: int, end: int) -> Speaker:
    """The actor named in ``text[start:end]``: a mention there, the one person whose surname it
    is, or a person source of that name."""
    for m in ctx.d.mentions_in(start, end):
        if ctx.actor_kind(m.actor_id) == "person":
            return Speaker(m.actor_id, (start, end))
    last = ctx.d.text[start:end].split()[-1].strip(".").casefold()
    people = {
        a.id
        for a in ctx.d.actors
        if a.kind == "person" and a.name.split() and a.name.split()[-1].casefold() == last
    }
    if len(people) == 1:
        return Speaker(people.pop(), (start, end))
    return Speaker(sources.add_source(ctx, start, end, "person"), (start, end))


def _colon_paragraph(ctx: Context, start: int) -> Speaker | None:
    """ "Ruiz continued:" closing the paragraph before the one the quotation opens."""
    para = ctx.paragraph_of(start)
    text = ctx.d.text
    if text[para[0] : start].strip(" \u00a0\t\"'“‘«") or para[0] == 0:
        return None
    j = para[0] - 1
    while j > 0 and text[j].isspace():
        j -= 1
    if text[j] != ":":
        return None
    colon = ctx.token_at(j)
    if colon is None:
        return None
    # Any verb may introduce what follows its colon ("Ruiz continued:", "She told the crowd:")
    verb = colon.sent.root
    if verb.pos_ not in ("VERB", "AUX") or ctx.in_quote(verb) or verb.i < colon.i - 12:
        return None
    subj = subject_token(ctx, verb)
    if subj is None:
        return None
    found = resolve(ctx, subj)
    return found if found.actor is not None else None


# At most this many words in a clause that opens onto its quotation ("She continued, “…").
_LEAD_CLAUSE_WORDS = 8


def _comma_clause(ctx: Context, start: int) -> Speaker | None:
    """ "She continued, “…”": the quotation's sentence opens with a short clause (subject and
    verb, nothing quoted) ending in a comma or colon right before the opening mark; its subject
    speaks. A clause longer than a few words is narration, not a lead."""
    first = ctx.token_at(start)
    if first is None or first.i < 3:
        return None
    doc = first.doc
    j = first.i - 1
    while j > 0 and ctx.is_mark(doc[j]):
        j -= 1
    if doc[j].text not in (",", ":") or doc[j].sent.start != first.sent.start:
        return None
    clause = [t for t in doc[first.sent.start : j] if not t.is_space]
    if not clause or len(clause) > _LEAD_CLAUSE_WORDS or any(ctx.in_quote(t) for t in clause):
        return None
    verbs = [t for t in clause if t.pos_ == "VERB" and t.dep_ in ("ROOT", "conj", "ccomp")]
    if not verbs or verbs[-1].i < clause[-1].i - 3:  # "She continued,", "He told reporters:"
        return None
    subj = subject_token(ctx, verbs[-1])
    if subj is None or subj.i > verbs[-1].i:
        return None
    found = resolve(ctx, subj)
    return found if found.actor is not None else None


_ENDS = (".", "!", "?")


def _enclosing_cue(ctx: Context, start: int) -> Speaker | None:
    """ "Ruiz said he had fought ''for the nation's rights''": a reporting verb before the
    quotation, outside it, whose clause the quotation lies in, speaks through its subject."""
    first = ctx.token_at(start)
    if first is None:
        return None
    for a in first.ancestors:
        if a.i >= first.i or ctx.in_quote(a):
            continue
        if a.pos_ == "VERB" and ctx.cues.is_cue(a.lemma_):
            between = first.doc[a.i + 1 : first.i]
            if any(t.text in _ENDS and not ctx.in_quote(t) for t in between):
                return None  # "Ruiz said. ''Start …'': a sentence the parser ran on
            subj = subject_token(ctx, a)
            if subj is None or subj.i > first.i:
                return None
            found = resolve(ctx, subj)
            return found if found.actor is not None else None
    return None


# At most this many words between a quotation and the verb of the clause that tags it.
_TAIL_WORDS = 5


def _tail_clause(ctx: Context, end: int) -> Speaker | None:
    """ "“…,” she yells": a quotation whose sentence goes on after its closing mark (it ends
    in a comma, "?" or "!") is tagged by the clause that follows; its subject speaks, whether
    or not the cue lexicon lists the verb. The subject must stand between the mark and the
    verb, or right after a verb that opens the clause ("“…,” yells Ruiz")."""
    text = ctx.d.text
    inner = text[:end].rstrip()
    if not inner or inner[-1] not in ",?!":
        return None
    j = end
    while j < len(text) and (text[j] in _CLOSERS or text[j].isspace()) and j < end + 3:
        j += 1
    first = ctx.token_at(j)
    if first is None or first.idx < end or first.is_punct or "\n" in text[end : first.idx]:
        return None
    doc = first.doc
    verb = next((t for t in doc[first.i : first.i + _TAIL_WORDS] if t.pos_ == "VERB"), None)
    if verb is None or verb.sent.start != first.sent.start:
        return None
    subj = subject_token(ctx, verb)
    if subj is None or not (first.i <= subj.i < verb.i or verb.i == first.i < subj.i):
        return None
    found = resolve(ctx, subj)
    return found if found.actor is not None else None
