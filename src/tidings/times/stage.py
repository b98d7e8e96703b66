"""The times stage: find every temporal expression and normalise it against the anchor date.

The anchor is the publication date; without one, a dateline near the top ("March 01, 2008")
stands in, and without either, relative expressions keep ``value=None`` while absolute dates are
still given. spaCy's DATE entities that the rules did not cover are handed to dateparser, always
in English and relative to the anchor, and kept only when it returns a calendar date.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache
from typing import TYPE_CHECKING, ClassVar

from tidings.document import Document
from tidings.model import Time
from tidings.stage import Stage
from tidings.times import calendar as cal
from tidings.times.context import accept, tense_of
from tidings.times.finder import Candidate, Finder
from tidings.times.lexicon import Lexicon, load
from tidings.times.resolve import Resolved, Resolver

if TYPE_CHECKING:
    from spacy.tokens import Doc

# Kinds that need the clause's tense to pick between a past and a future occurrence.
_TENSED = {
    "date",
    "month",
    "month_week",
    "weekday",
    "quarter",
    "season",
    "relunit",
    "range",
    "entity",
}
# Kinds that give a full day, usable as the reference for "three days later".
_DAY_VALUE = re.compile(r"^\d{4}-\d{2}-\d{2}(?:T(?:MO|AF|EV|NI))?$")  # a day, or its part
# A spaCy DATE entity worth handing to dateparser writes a numeric date or names a month.
_NUMERIC_DATE = re.compile(r"\d{1,4}[./-]\d{1,2}[./-]\d{1,4}")
_DATELINE_WINDOW = 400


@cache
def _engine(lexicon_path: str | None = None) -> tuple[Lexicon, Finder, Resolver]:
    lex = load(lexicon_path)
    return lex, Finder(lex), Resolver(lex)


def find_candidates(text: str, doc: Doc | None, lex: Lexicon, finder: Finder) -> list[Candidate]:
    """Rule matches that pass the context checks, with ranges joined."""
    kept: list[Candidate] = []
    for c in finder.find(text):
        if accept(c, text, doc, lex, kept[-1] if kept else None):
            kept.append(c)
    return finder.join_ranges(text, kept)


def dateline_date(text: str, lexicon_path: str | None = None) -> tuple[dt.date, int, int] | None:
    """The date of a dateline near the top: a short line, or a line start, giving a full date."""
    lex, finder, resolver = _engine(lexicon_path)
    head = text[:_DATELINE_WINDOW]
    for c in finder.find(head):
        if c.kind not in ("date", "ymd") or ("y" not in c.parts and c.kind == "date"):
            continue
        line_start = head.rfind("\n", 0, c.start) + 1
        line_end = head.find("\n", c.end)
        line_end = len(head) if line_end < 0 else line_end
        line = head[line_start:line_end]
        if len(line.strip()) > (c.end - c.start) + 40 and c.start - line_start > 40:
            continue
        out = resolver.resolve(c, None, None)
        if out and out.value and _DAY_VALUE.match(out.value):
            return dt.date.fromisoformat(out.value[:10]), c.start, c.end
    return None


class TimesStage(Stage):
    """Fill ``d.times`` with normalised `Time` records."""

    name = "times"
    requires: ClassVar[tuple[str, ...]] = ("doc", "structure")
    assigns: ClassVar[tuple[str, ...]] = ("times",)

    def __init__(self, lexicon_path: str | None = None, use_dateparser: bool = True) -> None:
        self.lexicon_path = lexicon_path
        self.use_dateparser = use_dateparser

    def __call__(self, d: Document) -> Document:
        lex, finder, resolver = _engine(self.lexicon_path)
        text = d.text
        anchor = self.anchor(d)
        cands = find_candidates(text, d.doc, lex, finder)
        if self.use_dateparser and d.doc is not None:
            extra = _entity_candidates(d.doc, cands, lex)
            cands = sorted(cands + extra, key=lambda c: c.start)
        times: list[Time] = []
        ref: dt.date | None = None
        for c in cands:
            tense = tense_of(d.doc, c.start, c.end, lex) if c.kind in _TENSED else None
            bare = text[c.start : c.end].strip().rstrip(".").lower()
            if c.kind == "entity" and bare in lex.months:
                # a month NER found alone ("Since December GM and Chrysler have received"):
                # the clause's tense picks the year, as for any month name
                out = resolver.rules["month"]({"mon": bare}, anchor, tense)
            elif c.kind == "entity":
                out = _parse_entity(text[c.start : c.end], anchor, tense)
            else:
                out = resolver.resolve(c, anchor, tense, ref)
            if out is None:
                continue
            times.append(_record(d, len(times) + 1, c, out, anchor))
            if out.value and _DAY_VALUE.match(out.value):
                ref = dt.date.fromisoformat(out.value[:10])
        d.times = times
        d.counts["times"] = len(times)
        return d

    def anchor(self, d: Document) -> dt.date | None:
        """The publication date, else the date of the marked dateline, else one near the top."""
        if d.article.published is not None:
            return d.article.published
        line = d.article.structure.dateline
        found = dateline_date(line.text, self.lexicon_path) if line is not None else None
        found = found or dateline_date(d.text, self.lexicon_path)
        return found[0] if found else None


def _record(d: Document, n: int, c: Candidate, out: Resolved, anchor: dt.date | None) -> Time:
    return Time(
        id=f"T{n}",
        text=d.text[c.start : c.end],
        span=d.span(c.start, c.end),
        value=out.value,
        range=cal.iso_range(out.range) if out.range else None,
        anchor=anchor.isoformat() if anchor and out.anchored else None,
    )


# --- spaCy entities the rules missed, parsed by dateparser ------------------------------------
def _entity_candidates(doc: Doc, cands: list[Candidate], lex: Lexicon) -> list[Candidate]:
    """DATE entities no rule covered that still name a month or write a numeric date."""
    out = []
    for ent in doc.ents:
        if ent.label_ != "DATE":
            continue
        words = {t.lower_.rstrip(".") for t in ent if t.is_title or t.is_upper}
        if not (words & set(lex.months) or _NUMERIC_DATE.search(ent.text)):
            continue
        if any(c.start < ent.end_char and ent.start_char < c.end for c in cands):
            continue
        text = ent.text  # an entity may end in whitespace tokens ("March  ")
        start = ent.start_char + (len(text) - len(text.lstrip()))
        end = ent.start_char + len(text.rstrip())
        if end > start:
            out.append(Candidate(start, end, "entity"))
    return out


@cache
def _parser(base: dt.date | None, prefer: str) -> object:
    import dateparser  # imported late: it is slow to load and most articles never need it

    settings = {
        "PREFER_DATES_FROM": prefer,
        "DATE_ORDER": "MDY",
        "RETURN_TIME_AS_PERIOD": True,
        "PREFER_DAY_OF_MONTH": "first",
    }
    if base is not None:
        settings["RELATIVE_BASE"] = dt.datetime(base.year, base.month, base.day)
    return dateparser.date.DateDataParser(languages=["en"], settings=settings)


def _parse_entity(text: str, anchor: dt.date | None, tense: str | None) -> Resolved | None:
    """dateparser's reading of a DATE entity, at the granularity it reports, or None."""
    prefer = {"past": "past", "future": "future"}.get(tense or "", "current_period")
    if anchor is None and not re.search(r"\d{4}", text):
        return None
    try:
        parser = _parser(anchor, prefer)
        data = parser.get_date_data(" ".join(text.split()))  # type: ignore[attr-defined]
    except (ValueError, OverflowError):  # an anchor or a reading outside datetime's years
        return None
    if data is None or data.date_obj is None:
        return None
    day = data.date_obj.date()
    if data.period == "day" or data.period == "time":
        return Resolved(day.isoformat(), anchored=anchor is not None)
    if data.period == "month":
        return Resolved(cal.month_value(day.year, day.month), anchored=anchor is not None)
    if data.period == "year":
        return Resolved(f"{day.year:04d}", anchored=anchor is not None)
    return None
