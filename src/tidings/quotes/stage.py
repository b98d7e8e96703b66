"""The ``quotes`` stage: direct, partial and indirect quotes (and terms) with their speakers.

Three passes over the body: find the quoted strings (`marks`), find the reporting frames
(`reported`: cue, speaker, channel, reported content), then decide each quoted string's kind and
frame (`direct`). A last pass in text order gives a quotation with no cue of its own the speaker
it continues, and numbers the quotes.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from pathlib import Path

from tidings.document import Document
from tidings.model import CueKind, Quote
from tidings.quotes.chain import frameless_speaker
from tidings.quotes.context import Context
from tidings.quotes.direct import (
    CONTINUE_SENTENCES,
    TOPIC_SENTENCES,
    Attributed,
    classify,
    reaches,
)
from tidings.quotes.lexicon import DEFAULT_CUES, Cues, cue_class, load_cues
from tidings.quotes.reported import Frame, find_frames
from tidings.quotes.sources import speaker_note
from tidings.quotes.speaker import Speaker, resolve
from tidings.quotes.split import Piece, splits
from tidings.stage import Stage

# How much of an indirect quote's content may lie inside quote marks before it is taken to be
# the frame of a direct quote rather than reported speech of its own. Content partly in marks
# ("said the move was "an abuse of power"") is one partial attribution with the words marked.
QUOTED_SHARE = 0.5
SPLIT_MODES = ("pieces", "whole", "both")
# Overlap F (2|a∩b| / (|a|+|b|)) at which two spans read as one statement: below it, a clause
# and the quoted words inside it are two records.
MIN_OWN_F = 0.8
_CLAUSE_CLOSED = re.compile(r"^\W*,\W")


@dataclass(frozen=True)
class QuoteConfig:
    """What the stage reads and what it keeps."""

    cues: Path = DEFAULT_CUES
    terms: bool = True  # emit scare quotes, glosses and titles as kind "term"
    # “A,” he said, “B.”: "pieces" (two direct quotes, the example golds' convention),
    # "whole" (one partial quote with A and B marked, PolNeAR's) or "both"
    split: str = "pieces"

    def __post_init__(self) -> None:
        if self.split not in SPLIT_MODES:
            raise ValueError(
                f"quotes setting split={self.split!r} is not one of {', '.join(SPLIT_MODES)}"
            )


@dataclass
class _Item:
    """A quote being built, before it is numbered."""

    kind: str
    start: int
    end: int
    reach: int  # where the quote and its own reporting clause end
    speaker: str | None
    speaker_span: tuple[int, int] | None
    frame: Frame | None
    how: str
    group: int | None = None
    quoted: tuple[tuple[int, int], ...] = ()


class QuoteStage(Stage):
    """Fills ``d.quotes`` from the body text, the parse, and the actor mentions."""

    name = "quotes"
    requires = ("doc", "structure", "actors", "mentions")
    assigns = ("quotes", "actors")  # unnamed sources become actors (sources.py)

    def __init__(self, config: QuoteConfig | None = None) -> None:
        self.config = config or QuoteConfig()
        self.cues = load_cues(self.config.cues)

    def __call__(self, d: Document) -> Document:
        if d.doc is None or not d.text.strip():
            d.quotes = []
            return d
        ctx = Context(d, self.cues)
        frames = find_frames(ctx)
        attributed = classify(ctx, ctx.quoted, frames)
        # A cue that introduces a quotation in marks has no other reported content.
        used = {
            id(a.frame) for a in attributed if a.frame is not None and a.how in ("tail", "lead")
        }
        reported = [f for f in frames if id(f) not in used]
        items = _indirect(ctx, reported) + [_from_quoted(a) for a in attributed]
        items = _clauses_for_words(ctx, items)
        items = _with_following_words(ctx, items)
        items.sort(key=lambda it: (it.start, -it.end))
        _continue_speakers(ctx, items)
        items = _with_splits(ctx, items, self.config.split)
        items = _with_lead_ins(ctx, items)
        quotes: list[Quote] = []
        for it in items:
            if it.kind == "term" and not self.config.terms:
                continue
            quotes.append(_quote(d, it, len(quotes) + 1, self.cues))
        d.quotes = quotes
        d.counts["quotes"] = len(quotes)
        for kind in ("direct", "partial", "indirect", "term"):
            d.counts[f"quotes.{kind}"] = sum(q.kind == kind for q in quotes)
        return d


def _quoted_share(ctx: Context, start: int, end: int) -> float:
    inside = 0
    for q in ctx.outer_over(start, end):
        lo, hi = max(start, q.open), min(end, q.outer_end)
        inside += max(0, hi - lo)
    return inside / max(1, end - start)


def _restated(ctx: Context, f: Frame, frames: list[Frame]) -> bool:
    """ "She said she believes the plan will work …", "Officers said they suspected he carried a
    knife": the inner cue opens all the outer one reports and has the same source (a pronoun or
    the same actor); both golds mark the outer content only, so this is one attribution."""
    cue = ctx.tokens[f.token]
    subj = next((c for c in cue.children if c.dep_ == "nsubj"), None)
    if f.content is None or subj is None:
        return False
    start = subj.left_edge.idx
    for g in ctx.frames_near(frames, *f.cue_span):
        if g is f or g.content is None or g.kind == "naming" or g.content[0] != start:
            continue
        if not (g.content[0] <= f.content[0] and f.content[1] <= g.content[1]):
            continue
        pronoun = ctx.cues.pronoun_kind(subj.text) is not None or subj.lower_ in ("i", "we")
        if pronoun or (f.speaker.actor is not None and f.speaker.actor == g.speaker.actor):
            return True
    return False


def _nested_intention(ctx: Context, f: Frame, frames: list[Frame]) -> bool:
    """ "He claimed the US had threatened to assassinate commanders": an infinitive content
    whose cue lies inside what another frame reports is part of that report, not a second
    attribution (the example golds mark none; the outer content holds it)."""
    if not f.infinitive:
        return False
    return any(
        g is not f and g.content is not None and g.content[0] <= f.cue_span[0] < g.content[1]
        for g in ctx.frames_near(frames, *f.cue_span)
    )


def _indirect(ctx: Context, frames: list[Frame]) -> list[_Item]:
    out: list[_Item] = []
    seen: set[tuple[int, int]] = set()
    for f in frames:
        if f.content is None or f.kind == "naming" or f.content in seen:
            continue
        if _restated(ctx, f, frames) or _nested_intention(ctx, f, frames):
            continue
        if not ctx.readable(*f.content):
            continue
        if _quoted_share(ctx, *f.content) >= QUOTED_SHARE and not _clause_around(ctx, f):
            continue
        sp = f.speaker.span
        inside = f.content[0] < f.cue_span[0] and f.cue_span[1] < f.content[1]
        if sp is not None and f.content[0] <= sp[0] and sp[1] <= f.content[1] and not inside:
            continue  # a misparse: the speaker cannot be part of what they said
            # (unless the whole reporting clause stands inside: "The deal, he said, was dead")
        seen.add(f.content)
        reach = max(f.content[1], f.end)
        marked = _quoted_inside(ctx, *f.content)
        kind = "partial" if marked else "indirect"
        out.append(
            _Item(
                kind,
                *f.content,
                reach,
                f.speaker.actor,
                f.speaker.span,
                f,
                "indirect",
                None,
                marked,
            )
        )
    return out


def _clause_around(ctx: Context, f: Frame) -> bool:
    """ "said her knee was “so swollen I could barely walk”": content mostly in marks is still
    an attribution of its own when the writer's words around the marks keep the quoted words
    from standing for it (character F below the evaluator's 0.8, as `MIN_OWN_F`). A comma
    after the last quoted words closes the clause: content running on past it ("…,” according
    to the police") took in the writer's words; so did content holding its own cue ("what he
    calls the “…”")."""
    assert f.content is not None
    start, end = f.content
    if start <= f.cue_span[0] < end:
        return False
    marked = _quoted_inside(ctx, start, end)
    rest = ctx.d.text[marked[-1][1] - 1 : end] if marked else ""
    if not marked or (_CLAUSE_CLOSED.match(rest) and any(c.isalnum() for c in rest)):
        return False
    longest = max(b - a for a, b in marked)
    return 2 * longest / (longest + end - start) < MIN_OWN_F


def _clauses_for_words(ctx: Context, items: list[_Item]) -> list[_Item]:
    """'noted that the plan failed “when the vote was held.”': quoted words that the writer's
    clause barely extends (character F at least `MIN_OWN_F`, so one record stands for both)
    are recorded as that clause, the words marked in it, rather than as the words alone: the
    clause is what was reported (PolNeAR's span), and it still matches the words where a gold
    file marks only them. Only for one quoted piece that the clause ends with, the writer's
    words running into its opening mark (`enclosing`)."""
    emitted = {(it.start, it.end) for it in items if it.how == "indirect"}
    out: list[_Item] = []
    for it in items:
        f = it.frame
        if it.kind != "partial" or it.how != "enclosing" or f is None or f.content is None:
            out.append(it)
            continue
        start, end = f.content
        marked = _quoted_inside(ctx, start, end)
        near = 2 * (it.end - it.start) / (it.end - it.start + end - start) >= MIN_OWN_F
        if (start, end) in emitted or marked != ((it.start, it.end),) or not near:
            out.append(it)
            continue
        if start <= f.cue_span[0] < end or not ctx.readable(start, end) or not _a_clause(ctx, f):
            out.append(it)
            continue
        emitted.add((start, end))
        out.append(
            _Item(
                "partial",
                start,
                end,
                it.reach,
                it.speaker,
                it.speaker_span,
                f,
                "clause",
                it.group,
                marked,
            )
        )
    return out


def _with_following_words(ctx: Context, items: list[_Item]) -> list[_Item]:
    """'said the visit brought back memories of the war, and of “everyone who never came
    home.”': quoted words that go on with reported content in the same sentence, only a
    conjunction, a preposition or punctuation between, belong to that content; it runs on to
    their end with the words marked (the words keep their own record)."""
    items = sorted(items, key=lambda it: (it.start, -it.end))
    starts = [it.start for it in items]
    out: list[_Item] = []
    for it in items:
        if it.how not in ("indirect", "clause") or it.kind == "term":
            out.append(it)
            continue
        k = bisect.bisect_left(starts, it.end)
        nxt = items[k] if k < len(items) else None
        if (
            nxt is None
            or nxt.kind != "partial"
            or nxt.how == "indirect"
            or ctx.sentence_of(nxt.end - 1) != ctx.sentence_of(it.start)
            or not _joins(ctx, it.end, nxt.start)
        ):
            out.append(it)
            continue
        marked = tuple(sorted({*it.quoted, (nxt.start, nxt.end)}))
        out.append(
            _Item(
                "partial",
                it.start,
                nxt.end,
                max(it.reach, nxt.reach),
                it.speaker,
                it.speaker_span,
                it.frame,
                it.how,
                it.group,
                marked,
            )
        )
    return out


def _joins(ctx: Context, end: int, start: int) -> bool:
    """Only marks, punctuation, conjunctions and prepositions lie between ``end`` and
    ``start`` (and something does)."""
    gap = ctx.d.text[end:start]
    if not gap.strip() or len(gap) > 30:
        return False
    toks = [t for t in ctx.tokens_in(end, start)]
    return all(t.is_punct or t.pos_ in ("CCONJ", "ADP") for t in toks)


def _a_clause(ctx: Context, f: Frame) -> bool:
    """The frame's content is a clause (its head a verb), not an object with the words as its
    complement ("called the delay “a scandal”": the words are what was said)."""
    assert f.content is not None
    lo, hi = f.content
    toks = [t for t in ctx.tokens_in(lo, hi) if not t.is_punct]
    heads = [t for t in toks if not lo <= t.head.idx < hi or t.head.i == t.i]
    return bool(heads) and all(t.pos_ in ("VERB", "AUX") for t in heads)


def _quoted_inside(ctx: Context, start: int, end: int) -> tuple[tuple[int, int], ...]:
    """The quoted words (between the marks) that lie inside reported content."""
    return tuple(
        (q.start, q.end)
        for q in ctx.outer_over(start, end)
        if start <= q.open and reaches(ctx, end, q.outer_end)
    )


def _from_quoted(a: Attributed) -> _Item:
    q = a.quoted
    frame = a.frame
    reach = q.outer_end if frame is None else max(q.outer_end, frame.end)
    return _Item(
        a.kind,
        q.start,
        q.end,
        reach,
        frame.speaker.actor if frame else None,
        frame.speaker.span if frame else None,
        frame,
        a.how,
        q.group,
    )


def _continue_speakers(ctx: Context, items: list[_Item]) -> None:
    """A quotation with no cue takes the speaker of the speech it directly continues."""
    last: _Item | None = None
    by_group: dict[int, _Item] = {}
    for it in items:
        if it.kind == "term":
            continue
        if it.frame is None and (named := frameless_speaker(ctx, it.start, it.end)):
            it.speaker, it.speaker_span, it.how = named.actor, named.span, "lead"
        elif it.how == "continued" and it.group in by_group:
            src = by_group[it.group]
            it.speaker, it.speaker_span = src.speaker, src.speaker_span
        elif it.frame is None and (lead := _dash_lead(ctx, it)) is not None:
            # 'The judge agreed with the defence - "I conclude that ..."': the subject of the
            # clause that the dash or colon opens onto speaks
            it.speaker, it.speaker_span, it.how = lead.actor, lead.span, "lead"
        elif it.frame is None and last is not None and last.speaker is not None:
            window = CONTINUE_SENTENCES if it.kind == "direct" else TOPIC_SENTENCES
            gap = ctx.sentence_of(it.start) - ctx.sentence_of(max(last.start, last.reach - 1))
            if gap <= window:
                it.speaker, it.speaker_span = last.speaker, last.speaker_span
                it.how = "continued" if it.kind == "direct" else "topic"
        if it.group is not None and it.group not in by_group:
            by_group[it.group] = it
        last = it
        if it.speaker is not None:
            ctx.remember(it.start, it.speaker)


def _with_splits(ctx: Context, items: list[_Item], mode: str) -> list[_Item]:
    """Add one attribution for each quotation split around its reporting clause (`split`), in
    place of its pieces ("whole") or beside them ("both"). With "pieces", only a sentence that
    the reporting clause interrupts (“A,” he said, “b …”: a comma closes the clause) becomes
    one whole; pieces that are sentences of their own stay as found."""
    marked = [it for it in items if it.how != "indirect"]
    pieces = [
        Piece(
            it.kind,
            it.start,
            it.end,
            _open_of(ctx, it.start),
            it.reach,
            it.frame.cue_span[0] if it.frame is not None else None,
            it.speaker,
            it.how in ("continued", "none"),
        )
        for it in marked
    ]
    dropped: set[int] = set()
    for first, last in splits(pieces, ctx.paragraph_of, ctx.sentence_of):
        chain = marked[first : last + 1]
        interrupted = all(_interrupted(ctx, x, y) for x, y in zip(chain, chain[1:], strict=False))
        if mode == "pieces" and not interrupted:
            continue
        a, b = chain[0], chain[-1]
        whole = _Item(
            "partial",
            a.start,
            b.end,
            b.reach,
            a.speaker,
            a.speaker_span,
            a.frame,
            "split",
            a.group,
            tuple((it.start, it.end) for it in chain),
        )
        items.append(whole)
        if mode != "both":
            dropped.update(id(it) for it in chain)
    items = [it for it in items if id(it) not in dropped]
    items.sort(key=lambda it: (it.start, -it.end))
    return items


def _interrupted(ctx: Context, a: _Item, b: _Item) -> bool:
    """“The deal,” he said, “is dead.”: the clause between two pieces ends in a comma, so the
    second piece goes on with the sentence the first began."""
    between = ctx.d.text[a.end : _open_of(ctx, b.start)].rstrip()
    return between.endswith(",")


def _with_lead_ins(ctx: Context, items: list[_Item]) -> list[_Item]:
    """'Not paying taxes “makes me smart,” he said': the quoted words end the speaker's
    sentence, which the writer began; the whole clause before the cue is one partial
    attribution with the quoted words marked (the words keep their own record)."""
    starts = sorted(it.start for it in items)
    added: list[_Item] = []
    for it in items:
        f = it.frame
        if it.kind != "partial" or it.how != "tail" or f is None or f.kind != "verb":
            continue
        first = next((t for t in ctx.sents[ctx.sentence_of(it.start)] if not t.is_space), None)
        opened = _open_of(ctx, it.start)
        if first is None or first.idx >= opened or not ctx.readable(first.idx, it.end):
            continue
        before = [t for t in ctx.tokens_in(first.idx, opened) if not t.is_punct]
        if len(before) < 2 or bisect.bisect_left(starts, first.idx) < bisect.bisect_left(
            starts, opened
        ):
            continue
        added.append(
            _Item(
                "partial",
                first.idx,
                it.end,
                it.reach,
                it.speaker,
                it.speaker_span,
                f,
                "lead-in",
                it.group,
                ((it.start, it.end),),
            )
        )
    return sorted(items + added, key=lambda it: (it.start, -it.end))


def _open_of(ctx: Context, start: int) -> int:
    """Where the marks before ``start`` begin (a doubled ''…'' has two)."""
    marks = {ch for fam in ctx.cues.marks for ch in fam.open + fam.close + fam.either}
    while start > 0 and ctx.d.text[start - 1] in marks:
        start -= 1
    return start


def _dash_lead(ctx: Context, it: _Item) -> Speaker | None:
    """The person subject of the sentence a quotation closes, after a dash or a colon."""
    first = ctx.token_at(it.start)
    if first is None or first.i < 2:
        return None
    mark = first.doc[first.i - 1]
    before = first.doc[first.i - 2] if mark.text in _OPEN_MARKS else mark
    if before.text not in {"-", "–", "—", ":"} or before.sent.start != first.sent.start:
        return None
    subj = next(
        (
            t
            for t in before.sent
            if t.dep_ == "nsubj"
            and t.i < before.i
            and t.head.i < before.i
            and t.head.pos_ in ("VERB", "AUX")
        ),
        None,
    )  # the first clause's subject (the parser may hang it on the quoted verb)
    found = resolve(ctx, subj) if subj is not None else None
    if found is None or found.actor is None or ctx.actor_kind(found.actor) != "person":
        return None
    return found


_OPEN_MARKS = {'"', "“", "'", "‘", "«", "``"}


_CONFIDENCE = {
    ("direct", "tail"): 0.9,
    ("direct", "lead"): 0.9,
    ("direct", "continued"): 0.75,
    ("direct", "none"): 0.5,
    ("partial", "enclosing"): 0.8,
    ("partial", "naming"): 0.8,
    ("partial", "tail"): 0.8,
    ("partial", "topic"): 0.6,
    ("partial", "none"): 0.45,
    ("indirect", "indirect"): 0.8,
    ("partial", "indirect"): 0.75,
    ("partial", "split"): 0.85,
    ("partial", "lead-in"): 0.75,
    ("partial", "clause"): 0.75,
    ("term", "term"): 0.6,
}


def _cue_kind(f: Frame | None, cues: Cues) -> CueKind | None:
    """What the frame's cue attributes; "according to X" names only a source."""
    if f is None:
        return None
    if f.kind == "source":
        return "source"
    return cues.kind_of(cue_class(f.cue, cues))  # type: ignore[return-value]


def _quote(d: Document, it: _Item, n: int, cues: Cues) -> Quote:
    f = it.frame
    conf = _CONFIDENCE.get((it.kind, it.how), 0.6)
    if it.speaker is None and it.kind != "term":
        conf = min(conf, 0.5)
    if f is not None and f.kind in ("source", "colon"):
        conf = min(conf, 0.7)
    channel = f.channel if f is not None else None
    return Quote(
        id=f"Q{n}",
        kind=it.kind,  # type: ignore[arg-type]
        text=d.text[it.start : it.end],
        span=d.span(it.start, it.end),
        speaker=it.speaker,
        speaker_span=d.span(*it.speaker_span) if it.speaker_span else None,
        speaker_note=speaker_note(it.speaker, f.speaker.note if f else None, it.kind),
        cue=f.cue if f is not None else None,
        cue_span=d.span(*f.cue_span) if f is not None else None,
        via=channel.text if channel else None,
        via_actor=channel.actor if channel else None,
        confidence=round(conf, 2),
        cue_kind=_cue_kind(f, cues),
        quoted=[d.span(a, b) for a, b in it.quoted],
    )
