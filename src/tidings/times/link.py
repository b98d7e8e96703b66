"""Give each event the date it most likely happened on.

A date named in the event's own sentence beats everything, the nearest one to the trigger first
(a sentence can name two dates: "said on Monday that the attack on Saturday..."); "how" records
whether it sits in the trigger's clause or only in the sentence, so users can weigh it. Without
one, the dateline's date stands in, then the publication date: news reports recent events.
Generic events ("attacks on shipping are rising") have no date and get none.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tidings.document import Document
from tidings.model import Event, EventDate, Span, Time
from tidings.times import calendar as cal
from tidings.times.context import governing_verb
from tidings.times.stage import dateline_date

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

# A date this close to the trigger (in characters) belongs to its clause even when the parse
# attaches it elsewhere: "attacked the base on Sunday".
NEAR = 30


def link_event_dates(d: Document) -> None:
    """Set ``event.date`` for every non-generic event in ``d.events``."""
    dateline = _dateline_time(d)
    for event in d.events:
        if event.generic:
            continue
        event.date = _date_for(d, event, dateline)


def _usable(t: Time) -> bool:
    return cal.interval(t.value) is not None or t.range is not None


def _calendar_value(t: Time) -> str | None:
    """The value when it is a calendar value; TimeML tokens like PAST_REF carry only a range."""
    return t.value if cal.interval(t.value) is not None else None


def _distance(t: Time, trigger: Span) -> int:
    if t.span.end <= trigger.start:
        return trigger.start - t.span.end
    if trigger.end <= t.span.start:
        return t.span.start - trigger.end
    return 0


def _date_for(d: Document, event: Event, dateline: Time | None) -> EventDate | None:
    sent = event.sentence
    inside = [
        t
        for t in d.times
        if sent.start <= t.span.start
        and t.span.end <= sent.end
        and _usable(t)
        and t is not dateline
    ]
    if inside:
        best = min(inside, key=lambda t: (_distance(t, event.trigger), t.span.start))
        return EventDate(
            value=_calendar_value(best),
            range=best.range,
            text=best.text,
            span=best.span,
            how="clause" if _same_clause(d.doc, best, event.trigger) else "sentence",
        )
    if dateline is not None:
        return EventDate(
            value=dateline.value, text=dateline.text, span=dateline.span, how="dateline"
        )
    if d.article.published is not None:
        return EventDate(value=d.article.published.isoformat(), how="published")
    return None


def _same_clause(doc: Doc | None, t: Time, trigger: Span) -> bool:
    if _distance(t, trigger) <= NEAR:
        return True
    if doc is None:
        return False
    verb = governing_verb(doc, t.span.start, t.span.end)
    span = doc.char_span(trigger.start, trigger.end, alignment_mode="expand")
    if verb is None or span is None or not len(span):
        return False
    return verb == _clause_head(span.root)


def _clause_head(tok: Token) -> Token:
    """The verb heading the clause a trigger stands in (the trigger itself when a verb)."""
    for _ in range(12):
        if tok.pos_ in ("VERB", "AUX") or tok.head.i == tok.i:
            return tok
        tok = tok.head
    return tok


def _dateline_time(d: Document) -> Time | None:
    """The time record of the dateline: the structure's dateline span, else one near the top."""
    line = d.article.structure.dateline
    if line is not None:
        for t in d.times:
            if line.start <= t.span.start and t.span.end <= line.end and _usable(t):
                return t
    found = dateline_date(d.text)
    if found is None:
        return None
    _, start, end = found
    for t in d.times:
        if t.span.start == start and t.span.end == end and _usable(t):
            return t
    return None
