"""Find temporal expressions in raw text with rules built from the lexicon.

spaCy's DATE entities miss many forms ("on Sunday" in a headline, "7/8/07", "'82") and wrap
others in durations ("June 17, two days"), so the finder runs its own patterns over the text and
keeps the longest non-overlapping matches. Each match is a `Candidate` with the parts the resolver
needs (month, day, year, relative word...); deciding whether a bare "March" or "2008" really is a
date needs the parse and happens in `tidings.times.context`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from tidings.times.lexicon import Lexicon

# Horizontal white space: a date never runs over a line break (headline, dateline, body).
_S = r"[^\S\n]"

# Kinds whose extent can be narrowed by "early", "late", "the end of".
PARTABLE = {"month", "month_year", "year", "relunit", "the_unit", "season", "decade", "quarter"}


@dataclass
class Candidate:
    """One expression found in the text, before resolution."""

    start: int
    end: int
    kind: str
    parts: dict[str, str] = field(default_factory=dict)
    priority: int = 0
    part: str | None = None  # early | mid | late | beginning | end ...
    first: Candidate | None = None  # the first end of a range ("from X to Y")
    until: Candidate | None = None  # the second end of a range

    @property
    def length(self) -> int:
        return self.end - self.start


def _alt(words: Iterable[str]) -> str:
    """A regex alternation of ``words``, longest first so "september" beats "sep"."""
    items = sorted({str(w) for w in words}, key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", _S + "+") for w in items)


class Finder:
    """Compiled patterns for one lexicon."""

    def __init__(self, lex: Lexicon) -> None:
        self.lex = lex
        mon_full = _alt(lex.full_months)
        abbreviations = set(lex.months) - set(lex.full_months)
        mon = rf"(?:{mon_full}|(?:{_alt(abbreviations)})\.?)"
        wd = _alt(lex.weekdays)
        num = rf"(?:\d{{1,3}}|{_alt(lex.numbers)})"
        rel = _alt(lex.relative)
        tod = _alt(lex.day_parts)
        seasons = _alt(lex.seasons)
        parts = _alt(lex.period_parts)
        ords = _alt(lex.ordinals)
        year = r"(?:1[0-9]{3}|20[0-9]{2})"
        day = r"(?:[0-3]?[0-9])(?:st|nd|rd|th)?"
        b = r"(?<![\w$£€#])"  # no word, money or number sign just before
        e = r"(?![\w%])"
        S = _S
        patterns: list[tuple[str, str]] = [
            ("ymd", rf"{b}(?P<y>{year})-(?P<m>[01][0-9])-(?P<d>[0-3][0-9]){e}"),
            (
                "ymd",
                r"(?<![\w/.,$])(?P<m>[01]?[0-9])/(?P<d>[0-3]?[0-9])/(?P<y>[0-9]{4}|[0-9]{2})"
                r"(?![\w/%]|[.,][0-9])",
            ),
            (
                "date",
                rf"{b}(?:(?P<wd>{wd}),?{S}+)?(?P<mon>{mon}){S}+(?:the{S}+)?(?P<d>{day})"
                rf"(?![\w:]|[.,][0-9])(?:{S}*,?{S}*(?P<y>{year}|['’][0-9]{{2}}){e})?",
            ),
            (
                "date",
                rf"(?<![\w$£€#.,])(?:(?P<wd>{wd}),?{S}+)?(?:the{S}+)?(?P<d>{day}){S}+(?:of{S}+)?"
                rf"(?P<mon>{mon})(?![\w])(?:{S}*,?{S}*(?P<y>{year}){e})?",
            ),
            ("month_year", rf"{b}(?P<mon>{mon}),?{S}+(?:of{S}+)?(?P<y>{year}){e}"),
            (
                "month_rel",
                rf"{b}(?P<mon>{mon_full}){S}+(?:of{S}+)?(?P<rel>last|next|this){S}+year\b",
            ),
            (
                "month_week",
                rf"{b}the{S}+(?P<ord>{ords}|last){S}+week{S}+(?:of|in){S}+(?P<mon>{mon_full})"
                rf"(?:,?{S}+(?P<y>{year}){e})?",
            ),
            ("month", rf"{b}(?:(?P<rel>last|next|this|past|coming){S}+)?(?P<mon>{mon_full})\b"),
            (
                "weekday",
                rf"{b}(?:(?P<rel>last|next|this|coming|past){S}+)?(?P<wd>{wd})"
                rf"(?:{S}+(?P<tod>{tod}))?\b",
            ),
            (
                "relday",
                rf"{b}(?:(?P<mod>earlier|later){S}+)?(?P<word>the{S}+day{S}+before{S}+yesterday|"
                rf"the{S}+day{S}+after{S}+tomorrow|today|tonight|yesterday|tomorrow)"
                rf"(?:{S}+(?P<tod>{tod}))?\b",
            ),
            ("tod", rf"{b}(?:(?P<mod>earlier|later){S}+)?(?P<rel>this|last){S}+(?P<tod>{tod})\b"),
            (
                "relunit",
                rf"{b}(?:(?P<mod>earlier|later){S}+(?:in{S}+)?)?(?:the{S}+)?(?P<rel>{rel}){S}+"
                rf"(?P<unit>week|weekend|month|year|quarter|decade|century)(?!s|-)\b",
            ),
            ("relunit", rf"\b(?P<rel>the){S}+(?P<unit>weekend)\b"),
            (
                "the_unit",
                rf"{b}the{S}+(?P<part>{parts}){S}+of{S}+the{S}+(?P<unit>week|month|year|decade)\b",
            ),
            (
                "theday",
                rf"{b}(?P<word>(?:that|the){S}+same{S}+day|that{S}+day|the{S}+day)\b"
                rf"(?!{S}+(?:after|before|of|when|that|which|on|in|he|she|they|it|we|i)\b)",
            ),
            (
                "ago",
                rf"{b}(?P<n>{num}){S}+(?P<unit>day|week|month|year|decade)s?{S}+"
                rf"(?P<dir>ago|earlier|later|from{S}+now|before(?={S}*[.,;)]|$)"
                rf"|after(?={S}*[.,;)]|$))\b(?!{S}+than\b)",
            ),
            (
                "quarter",
                rf"{b}(?:the{S}+)?(?P<ord>{ords})(?:{S}|-)+quarter\b(?:{S}+(?:of{S}+)?"
                rf"(?:(?P<rel>this|last|next|the){S}+year\b|(?:fiscal{S}+)?(?P<y>{year}){e}))?",
            ),
            (
                "half",
                rf"{b}(?:the{S}+)?(?P<ord>first|second){S}+half{S}+of{S}+(?:(?P<rel>this|last|next"
                rf"|the){S}+year\b|(?P<y>{year}){e})",
            ),
            (
                "nextday",
                rf"{b}the{S}+(?P<rel>next|following|previous|preceding){S}+day\b|"
                rf"{b}the{S}+day{S}+(?P<dir>before|after)(?={S}*[.,;)]|$)",
            ),
            ("quarter", rf"\bQ(?P<q>[1-4])(?:{S}+(?P<y>{year}))?{e}"),
            (
                "season",
                rf"{b}(?:(?P<rel>last|next|this|past|coming){S}+)?(?P<season>{seasons})\b"
                rf"(?:{S}+(?:of{S}+)?(?P<y>{year}){e})?",
            ),
            ("decade", rf"{b}(?:the{S}+)?(?P<dec>1[0-9]{{2}}0|20[0-9]0)['’]?s\b"),
            ("decade", rf"(?<![\w$£€#.,])(?:the{S}+)?['’]?(?P<dec2>[0-9]0)['’]?s\b"),
            ("year_range", rf"{b}(?P<y>{year}){S}*[-–—]{S}*(?P<y2>[0-9]{{4}}|[0-9]{{2}}){e}"),
            ("year", rf"(?<![\w$£€#.,/])(?P<y>{year})(?![\w%/]|[.,][0-9]|-[0-9])"),
            ("year2", r"(?<![\w'’])['’](?P<yy>[0-9]{2})(?![\w%'’])"),
            ("vague", rf"\b(?P<phrase>{_alt(lex.vague)})\b"),
        ]
        self.patterns = [
            (kind, re.compile(p, re.IGNORECASE), prio) for prio, (kind, p) in enumerate(patterns)
        ]
        self.modifier = re.compile(
            rf"(?:\b(?P<adj>{_alt(lex.period_parts)})(?:{_S}|-)+|\b(?:the{_S}+)?(?P<noun>{parts})"
            rf"{_S}+of{_S}+(?:the{_S}+)?)$",
            re.IGNORECASE,
        )
        self.range_between = re.compile(rf"\bbetween{_S}+$", re.IGNORECASE)
        self.range_from = re.compile(rf"\bfrom{_S}+$", re.IGNORECASE)
        self.range_link = re.compile(rf"^{_S}*(?:-|–|—|to|until|till|through|thru|and){_S}*$")

    def find(self, text: str) -> list[Candidate]:
        """The longest non-overlapping matches, with modifiers and ranges folded in."""
        found: list[Candidate] = []
        for kind, rx, prio in self.patterns:
            for m in rx.finditer(text):
                if m.end() <= m.start():
                    continue
                parts = {k: v for k, v in m.groupdict().items() if v is not None}
                found.append(Candidate(m.start(), m.end(), kind, parts, prio))
        found.sort(key=lambda c: (-c.length, c.priority, c.start))
        kept: list[Candidate] = []
        taken = bytearray(len(text) + 1)
        for c in found:
            if any(taken[c.start : c.end]):
                continue
            taken[c.start : c.end] = b"\x01" * c.length
            kept.append(c)
        kept.sort(key=lambda c: c.start)
        previous_end = 0
        for c in kept:
            self._modify(text, c, previous_end)
            previous_end = c.end
        return kept

    def _modify(self, text: str, c: Candidate, floor: int) -> None:
        """Fold "early", "late", "the end of" into the candidate they narrow."""
        if c.kind not in PARTABLE or c.part:
            return
        m = self.modifier.search(text, max(floor, c.start - 40), c.start)
        if m is None:
            return
        c.part = (m["adj"] or m["noun"]).lower()
        start = m.start()
        if start - 4 >= floor and text[start - 4 : start].lower() == "the ":
            start -= 4
        c.start = start

    def join_ranges(self, text: str, cands: list[Candidate]) -> list[Candidate]:
        """Pair "from X to Y" and "between X and Y" into one candidate with ``until``."""
        out: list[Candidate] = []
        i = 0
        while i < len(cands):
            a = cands[i]
            if i + 1 < len(cands):
                b = cands[i + 1]
                gap = text[a.end : b.start]
                before = text[max(0, a.start - 12) : a.start]
                link = self.range_link.match(gap)
                if link and _rangeable(a, b):
                    word = gap.strip().lower()
                    opened = self.range_between.search(before) or self.range_from.search(before)
                    if (word == "and" and self.range_between.search(before)) or (
                        word != "and" and (opened or a.kind == b.kind or word in {"-", "–", "—"})
                    ):
                        start = a.start
                        if opened:
                            start = a.start - len(before) + opened.start()
                        out.append(Candidate(start, b.end, "range", first=a, until=b))
                        i += 2
                        continue
            out.append(a)
            i += 1
        return out


_RANGE_KINDS = {"date", "ymd", "month", "month_year", "year", "weekday", "quarter", "season"}


def _rangeable(a: Candidate, b: Candidate) -> bool:
    return a.kind in _RANGE_KINDS and b.kind in _RANGE_KINDS
