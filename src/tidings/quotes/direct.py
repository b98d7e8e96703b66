"""Quoted strings in marks: direct quote, partial quote, or term, and who said them.

A quotation is *direct* when it stands as the speaker's sentence ("“…,” he said", 'said: "…"'),
*partial* when the writer's sentence embeds a few of the speaker's words ("what he calls the
“enemy’s strategies”"), and a *term* when it names or glosses ("translates as “mobilization”",
the “popular mobilization” units, the "Total Confidence" programme). The reporting frame is
looked for right after the closing mark, right before the opening mark, then around the quote.
A quotation with no frame of its own that directly continues someone's quotes is theirs.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from typing import TYPE_CHECKING

from tidings.quotes.context import Context
from tidings.quotes.marks import Quoted
from tidings.quotes.reported import Frame
from tidings.quotes.speaker import apposed_subject

if TYPE_CHECKING:
    from spacy.tokens import Token

# A term is at most this many words; longer quoted phrases are someone's words.
TERM_MAX_WORDS = 3
# How many tokens may stand between a quote and its cue ("…," the ministry's spokesman said).
TAIL_TOKENS = 10
LEAD_TOKENS = 6
# How many sentences back a quote with no cue may look for the speaker it continues.
CONTINUE_SENTENCES = 1
TOPIC_SENTENCES = 2
_SENT_FINAL = ".!?…"
_REFLEXIVES = {"itself", "themselves", "himself", "herself", "myself", "ourselves"}


@dataclass
class Attributed:
    """A quoted string with its kind and the frame (if any) that names its speaker."""

    quoted: Quoted
    kind: str  # direct | partial | term
    frame: Frame | None
    how: str  # tail | lead | enclosing | naming | continued | topic | none | term
    speaker: str | None = None
    speaker_span: tuple[int, int] | None = None


def _words(text: str) -> int:
    return len(re.findall(r"\w+(?:[’'\-]\w+)*", text))


def _prev_char(ctx: Context, pos: int) -> str | None:
    lo, _ = ctx.paragraph_of(pos)
    j = pos - 1
    while j >= lo and ctx.d.text[j].isspace():
        j -= 1
    return ctx.d.text[j] if j >= lo else None


def starts_sentence(ctx: Context, q: Quoted) -> bool:
    """True when only a sentence end, a colon or the paragraph start stands before the mark."""
    c = _prev_char(ctx, q.open)
    if c is None or c in _SENT_FINAL + ":":
        return True
    if any(c in f.close + f.either for f in ctx.cues.marks):
        j = ctx.d.text.rfind(c, 0, q.open)
        before = _prev_char(ctx, j) if j > 0 else None
        return before is not None and before in _SENT_FINAL
    return False


def fills_sentence(ctx: Context, q: Quoted) -> bool:
    """True when the quote is a whole sentence: nothing of the writer's follows it."""
    if not starts_sentence(ctx, q):
        return False
    _, hi = ctx.paragraph_of(q.open)
    j = q.outer_end
    while j < hi and (ctx.d.text[j].isspace() or ctx.d.text[j] in _SENT_FINAL):
        j += 1
    if j >= hi or ctx.quote_around(j) is not None:
        return True
    inner = ctx.d.text[q.start : q.end].rstrip()
    return bool(inner) and inner[-1] in _SENT_FINAL and ctx.d.text[j].isupper()


def _term_cue(ctx: Context, q: Quoted) -> bool:
    lo, _ = ctx.paragraph_of(q.open)
    before = ctx.d.text[max(lo, q.open - 40) : q.open].lower().rstrip(" ,:")
    before = re.sub(r"\s+", " ", before)
    for cue in ctx.cues.term_cues:
        if before.endswith(cue) and (
            len(before) == len(cue) or not before[-len(cue) - 1].isalnum()
        ):
            return True
        if re.search(rf"(?:^|\W){re.escape(cue)} (?:the |a |an )?$", before + " "):
            return True
    return False


def _neighbours(ctx: Context, q: Quoted) -> tuple[Token | None, Token | None]:
    lo, hi = ctx.paragraph_of(q.open)
    before = [t for t in ctx.tokens_in(lo, q.open) if not ctx.is_mark(t)]
    after = [t for t in ctx.tokens_in(q.outer_end, hi) if not ctx.is_mark(t)]
    return (before[-1] if before else None), (after[0] if after else None)


def _noun_modifier(ctx: Context, q: Quoted) -> bool:
    """The “popular mobilization” units, Ahmed “Abu Ali” Hassan: a short quote used as a
    modifier of the next noun, or a nickname inside a name."""
    inner = ctx.d.text[q.start : q.end]
    if not inner or not inner[-1].isalnum():
        return False  # “…,” ends a clause; a modifier runs on into its noun
    _, nxt = _neighbours(ctx, q)
    return nxt is not None and nxt.pos_ in ("NOUN", "PROPN") and not ctx.cues.is_cue(nxt.lemma_)


def _titled(ctx: Context, q: Quoted) -> bool:
    """The novel “War and Peace”: a quotation right after a noun of works is a title."""
    prev, _ = _neighbours(ctx, q)
    if prev is None:
        return False
    return prev.lower_ in ctx.cues.title_nouns or prev.lemma_.lower() in ctx.cues.title_nouns


def _headline_case(ctx: Context, q: Quoted) -> bool:
    """“All Bets Are Off.”, MSNBC’s “Morning Joe”: a short quotation whose every longer word
    is capitalised (not all in capitals) is a title or a heading, not a speaker's words;
    after a colon or a comma it is still speech ('chanted: “Lock Her Up”')."""
    words = re.findall(r"[^\W\d_][\w’'\-]*", ctx.d.text[q.start : q.end])
    longer = [w for w in words if len(w) >= 4]
    if not 2 <= len(words) <= 2 * TERM_MAX_WORDS + 2 or len(longer) < 2:
        return False
    if not words[0][0].isupper() or _prev_char(ctx, q.open) in (":", ","):
        return False
    return all(w[0].isupper() and not w.isupper() for w in longer)


def _tail_frame(ctx: Context, q: Quoted, frames: dict[int, Frame]) -> Frame | None:
    """ "…," he said / "…." said Stephen Harper: a cue among the first tokens after the close."""
    if q.close is None and not q.lost:
        return None
    _, hi = ctx.paragraph_of(q.open)
    seen = 0
    tail = ctx.tokens_in(q.outer_end, hi)
    inner = ctx.d.text[q.start : q.end].rstrip()
    # '“… efforts.” He says the Basij should …' is a new sentence with its own content;
    # '“… over.” Smith said.' is still the attribution of the quote before it.
    new_sentence = bool(tail) and inner[-1:] in _SENT_FINAL and tail[0].text[:1].isupper()
    for tok in tail:
        if ctx.quote_around(tok.idx) is not None:
            return None
        frame = frames.get(tok.i)
        if frame is not None and frame.kind in ("verb", "source"):
            if new_sentence and (frame.content is not None or not _ends_soon(tok)):
                return None
            return frame
        if tok.text in (".", "!", "?", ";") or (tok.pos_ == "VERB" and seen > 0):
            return None
        if tok.pos_ in ("SCONJ", "CCONJ") or tok.lower_ in ("which", "who", "that"):
            return None
        seen += 1
        if seen > TAIL_TOKENS:
            return None
    return None


def _ends_soon(tok: Token) -> bool:
    """True when the sentence of ``tok`` ends within a few tokens ("Smith said on Monday.")."""
    sent = tok.sent
    rest = [t for t in sent if t.i > tok.i and not t.is_space and not t.is_punct]
    return len(rest) <= 4


def _lead_frame(ctx: Context, q: Quoted, frames: dict[int, Frame]) -> Frame | None:
    """He said: "…" / told reporters on Tuesday, "…": a cue shortly before the open mark."""
    lo, _ = ctx.paragraph_of(q.open)
    toks = ctx.tokens_in(lo, q.open)
    gap = 0
    for tok in reversed(toks):
        frame = frames.get(tok.i)
        if frame is not None:
            return frame if frame.kind in ("verb", "source", "colon") else None
        if ctx.quote_around(tok.idx) is not None or tok.text in (".", "!", "?", ";"):
            return None
        if tok.pos_ == "VERB" or (tok.pos_ == "AUX" and gap == 0):
            return None
        gap += 0 if tok.is_punct else 1
        if gap > LEAD_TOKENS:
            return None
    return None


def reaches(ctx: Context, content_end: int, outer_end: int) -> bool:
    """True when content ending at ``content_end`` takes in a quotation ending (with its marks)
    at ``outer_end``: only punctuation may be left over ('was “out of control.”': the content
    stops before the full stop inside the marks)."""
    return content_end >= outer_end - 1 or not any(
        c.isalnum() for c in ctx.d.text[content_end:outer_end]
    )


def _runs_in(ctx: Context, q: Quoted) -> bool:
    """True when the writer's words run into the opening mark ('was “…”'), no comma or colon
    between: the quotation finishes the writer's sentence."""
    prev = _prev_char(ctx, q.open)
    return prev is not None and (prev.isalnum() or prev in "’'")


def _enclosing_frame(ctx: Context, q: Quoted, frames: list[Frame]) -> Frame | None:
    """A frame whose reported content holds the quote and more ("to deny Iran “peaceful …”")."""
    best: Frame | None = None
    for f in ctx.frames_near(frames, q.open, q.outer_end):
        if f.content is None or f.content[0] > q.open:
            continue
        if q.outer_end > f.content[1] + 1 and not (
            _runs_in(ctx, q) and reaches(ctx, f.content[1], q.outer_end)
        ):
            continue
        outside = [
            t
            for t in ctx.tokens_in(*f.content)
            if not t.is_punct and not (q.open <= t.idx < q.outer_end)
        ]
        if len(outside) < 2:
            continue
        if (
            best is None
            or best.content is None
            or f.content[1] - f.content[0] < (best.content[1] - best.content[0])
        ):
            best = f
    return best


def _naming_frame(ctx: Context, q: Quoted, frames: list[Frame]) -> Frame | None:
    """ "what he calls the “…”": a naming verb with a subject governing or just before it."""
    inside: list[int] | None = None
    for f in _naming_near(ctx, q, frames):
        cue = ctx.tokens[f.token]
        if inside is None:
            inside = [t.i for t in ctx.tokens_in(q.start, q.end) if not t.is_punct]
        if inside and not {x.i for x in cue.subtree}.isdisjoint(inside):
            return f
        if f.cue_span[1] <= q.open and ctx.few_tokens_in(f.cue_span[1], q.open, 3):
            return f
    return None


@dataclass
class _NamingIndex:
    """Naming frames with a subject, by their cue's sentence and by where their cue ends."""

    frames: list[Frame]  # the list indexed (kept to tell it is the same)
    by_sentence: list[tuple[int, int]]  # (sentence, position in `frames`)
    by_end: list[tuple[int, int]]  # (cue end, position in `frames`)


_NAMING: list[_NamingIndex] = []


def _naming_near(ctx: Context, q: Quoted, frames: list[Frame]) -> list[Frame]:
    """The naming frames `_naming_frame` may pick for `q`, in the order of `frames`: a cue in
    a sentence the quote touches, or one ending at most 3 tokens before it. Indexed once per
    frame list, so a long document is not scanned again for every quote."""
    if not _NAMING or _NAMING[0].frames is not frames:
        named = [
            (k, f)
            for k, f in enumerate(frames)
            if f.kind == "naming"
            and f.speaker.span is not None
            and _has_subject(ctx.tokens[f.token])
        ]  # "an offensive dubbed “…”" has no subject: a name, nobody's wording
        by_sentence = sorted((ctx.sentence_of(ctx.tokens[f.token].idx), k) for k, f in named)
        by_end = sorted((f.cue_span[1], k) for k, f in named)
        _NAMING[:] = [_NamingIndex(frames, by_sentence, by_end)]
    idx = _NAMING[0]
    lo, hi = ctx.sentence_of(q.start), ctx.sentence_of(max(q.start, q.end - 1))
    last = len(frames)
    a, b = bisect_left(idx.by_sentence, (lo, -1)), bisect_right(idx.by_sentence, (hi, last))
    near = {k for _, k in idx.by_sentence[a:b]}
    after = _fourth_token_before(ctx, q.open)
    a, b = bisect_right(idx.by_end, (after, last)), bisect_right(idx.by_end, (q.open, last))
    near.update(k for _, k in idx.by_end[a:b])
    return [frames[k] for k in sorted(near)]


def _has_subject(cue: Token) -> bool:
    """A naming verb with a subject of its own, or hung on a name after its apposition."""
    return any(c.dep_ == "nsubj" for c in cue.children) or apposed_subject(cue) is not None


def _fourth_token_before(ctx: Context, pos: int) -> int:
    """Where the 4th-last non-space token ending by ``pos`` starts (-1 when there are fewer):
    a cue ending after it has at most 3 tokens between itself and ``pos``."""
    i = bisect_right(ctx.starts, pos) - 1
    seen = 0
    while i >= 0:
        t = ctx.tokens[i]
        if t.idx + len(t.text) <= pos and not t.is_space:
            seen += 1
            if seen == 4:
                return t.idx
        i -= 1
    return -1


def _covering_frame(ctx: Context, q: Quoted, frames: list[Frame]) -> Frame | None:
    """A cue whose complement is the quotation itself (the parse put the quote under it)."""
    for f in ctx.frames_near(frames, q.start, q.end):
        if f.content is None or f.kind not in ("verb", "colon"):
            continue
        lo, hi = max(f.content[0], q.start), min(f.content[1], q.end)
        if hi - lo >= 0.5 * (f.content[1] - f.content[0]):
            return f
    return None


def classify(ctx: Context, quoted: list[Quoted], frames: list[Frame]) -> list[Attributed]:
    """Kind and frame of every outer quotation in the body, in text order."""
    by_token = {f.token: f for f in frames}
    groups: dict[int, list[Quoted]] = {}
    for q in quoted:
        if q.depth == 0 and ctx.d.in_body(q.start, q.end):
            groups.setdefault(q.group, []).append(q)
    out: list[Attributed] = []
    for members in groups.values():
        if len(members) > 1:
            out.extend(_spanning(ctx, members, by_token))
            continue
        q = members[0]
        if q.lost:  # its closing mark was lost: a quote only before a reporting clause
            tail = _tail_frame(ctx, q, by_token)
            if tail is not None and starts_sentence(ctx, q):
                out.append(Attributed(q, "direct", tail, "tail"))
            continue
        words = _words(ctx.d.text[q.start : q.end])
        # "a unit he called “…”" is his wording; "a unit called “…”" and "the novel “…”" are
        # names (but not "told the newspaper “…”").
        named = _naming_frame(ctx, q, frames) is not None
        titled = (_titled(ctx, q) or _headline_case(ctx, q)) and _lead_frame(
            ctx, q, by_token
        ) is None
        if not named and (_term_cue(ctx, q) or titled):
            out.append(Attributed(q, "term", None, "term"))
            continue
        out.append(_attribute(ctx, q, frames, by_token, words))
    return sorted(out, key=lambda a: a.quoted.start)


def _spanning(ctx: Context, members: list[Quoted], by_token: dict[int, Frame]) -> list[Attributed]:
    """A quote over several paragraphs is speech; its cue comes before its first paragraph,
    after its last, or after any of its closed parts."""
    frame, how = _lead_frame(ctx, members[0], by_token), "lead"
    if frame is None:
        frame, how = _tail_frame(ctx, members[-1], by_token), "tail"
    if frame is None:
        how = "none"
    out = [Attributed(members[0], "direct", frame, how)]
    out += [Attributed(m, "direct", frame, "continued") for m in members[1:]]
    return out


def _attribute(
    ctx: Context, q: Quoted, frames: list[Frame], by_token: dict[int, Frame], words: int
) -> Attributed:
    enclosing = _enclosing_frame(ctx, q, frames)
    if enclosing is not None:
        return Attributed(q, "partial", enclosing, "enclosing")
    naming = _naming_frame(ctx, q, frames)
    if naming is not None:
        cue = ctx.tokens[naming.token]
        if any(c.dep_ == "dobj" and c.lower_ in _REFLEXIVES for c in cue.children):
            return Attributed(q, "term", None, "term")  # "a group that calls itself “…”"
        return Attributed(q, "partial", naming, "naming")
    tail = _tail_frame(ctx, q, by_token)
    if tail is not None:
        # 'seen carrying a “box with a red lid on the top,” she said': the writer's clause runs
        # into the quote, however long; after a comma or a colon it is the speaker's sentence.
        full = starts_sentence(ctx, q) or (words > 2 * TERM_MAX_WORDS + 2 and not _runs_in(ctx, q))
        return Attributed(q, "direct" if full else "partial", tail, "tail")
    lead = _lead_frame(ctx, q, by_token) or _covering_frame(ctx, q, frames)
    if lead is not None:
        return Attributed(q, "direct", lead, "lead")
    if words <= TERM_MAX_WORDS and _noun_modifier(ctx, q):
        return Attributed(q, "term", None, "term")
    if fills_sentence(ctx, q) or (starts_sentence(ctx, q) and not q.closed):
        return Attributed(q, "direct", None, "none")
    if words <= TERM_MAX_WORDS:
        return Attributed(q, "term", None, "term")
    return Attributed(q, "partial", None, "none")
