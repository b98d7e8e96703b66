"""Turn a found expression into an ISO 8601 (TimeML) value against an anchor date.

Relative and underspecified expressions ("on Sunday", "in November", "the fourth quarter") are
ambiguous between a past and a future occurrence; the clause's tense decides, as a reader would:
"said on Sunday" is the last Sunday, "will meet on Sunday" the next one. With no tense the nearest
occurrence wins. The publication day itself counts as "today" in both directions.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from tidings.times import calendar as cal
from tidings.times.finder import Candidate
from tidings.times.lexicon import Lexicon

Tense = str | None  # "past" | "present" | "future" | None


@dataclass
class Resolved:
    value: str | None
    range: cal.Interval | None = None
    anchored: bool = False  # resolved against the anchor (or an earlier date in the text)


@dataclass
class Option:
    value: str
    span: cal.Interval


def choose(options: list[Option], anchor: dt.date, tense: Tense) -> Option:
    """Pick the occurrence the tense points at: last one for past, next one for future."""
    options = sorted(options, key=lambda o: o.span[0])
    if tense == "past":
        past = [o for o in options if o.span[0] <= anchor]
        if past:
            return past[-1]
    elif tense == "future":
        future = [o for o in options if o.span[1] >= anchor]
        if future:
            return future[0]
    for o in options:
        if o.span[0] <= anchor <= o.span[1]:
            return o

    def distance(o: Option) -> tuple[int, int]:
        gap = (o.span[0] - anchor).days if o.span[0] > anchor else (anchor - o.span[1]).days
        return gap, 0 if o.span[1] < anchor else 1  # ties go to the past: news reports

    return min(options, key=distance)


# TimeML's parts of the day.
_PART_OF_DAY = {"morning": "TMO", "afternoon": "TAF", "evening": "TEV", "night": "TNI"}


class Resolver:
    """Resolution rules, one method per candidate kind."""

    def __init__(self, lex: Lexicon) -> None:
        self.lex = lex
        self.rules: dict[str, Callable[..., Resolved | None]] = {
            "ymd": self._ymd,
            "date": self._date,
            "month_year": self._month_year,
            "month_rel": self._month_rel,
            "month": self._month,
            "month_week": self._month_week,
            "theday": self._theday,
            "nextday": self._nextday,
            "half": self._half,
            "weekday": self._weekday,
            "relday": self._relday,
            "tod": self._tod,
            "relunit": self._relunit,
            "the_unit": self._the_unit,
            "ago": self._ago,
            "quarter": self._quarter,
            "season": self._season,
            "decade": self._decade,
            "year": self._year,
            "year2": self._year2,
            "year_range": self._year_range,
            "vague": self._vague,
        }

    def resolve(
        self, c: Candidate, anchor: dt.date | None, tense: Tense, ref: dt.date | None = None
    ) -> Resolved | None:
        """The value of ``c``; ``ref`` is the last full date before it ("three days later")."""
        if c.kind == "range":
            return self._range(c, anchor, tense, ref)
        try:
            out = self.rules[c.kind](c.parts, anchor, tense, ref)
        except (ValueError, OverflowError, KeyError):
            return None
        if out is not None and c.part and out.value:
            whole = cal.interval(out.value)
            frac = self.lex.period_parts.get(c.part)
            if whole and frac:
                out.range = cal.part_of(out.range or whole, frac)
        return out

    # --- absolute ------------------------------------------------------------------------
    def _ymd(self, p: dict[str, str], anchor: dt.date | None, *_: object) -> Resolved | None:
        year = _full_year(p["y"], anchor)
        month, day = int(p["m"]), int(p["d"])
        if month > 12 and day <= 12:  # 25/12/2008: the day came first
            month, day = day, month
        return Resolved(dt.date(year, month, day).isoformat())

    def _date(
        self, p: dict[str, str], anchor: dt.date | None, tense: Tense, *_: object
    ) -> Resolved | None:
        month = self.lex.months[_word(p["mon"])]
        day = int("".join(ch for ch in p["d"] if ch.isdigit()))
        if "y" in p:
            year = _full_year(p["y"].lstrip("'’"), anchor)
            return Resolved(dt.date(year, month, day).isoformat())
        if anchor is None:
            return Resolved(None)
        options = []
        for year in (anchor.year - 1, anchor.year, anchor.year + 1):
            try:
                d = dt.date(year, month, day)
            except ValueError:
                continue
            if "wd" in p and d.weekday() != self.lex.weekdays[_word(p["wd"])]:
                continue
            options.append(Option(d.isoformat(), (d, d)))
        if not options:
            return None
        return Resolved(choose(options, anchor, tense).value, anchored=True)

    def _month_year(self, p: dict[str, str], *_: object) -> Resolved | None:
        return Resolved(cal.month_value(int(p["y"]), self.lex.months[_word(p["mon"])]))

    def _month_rel(self, p: dict[str, str], anchor: dt.date | None, *_: object) -> Resolved:
        if anchor is None:
            return Resolved(None)
        year = anchor.year + self.lex.relative[p["rel"].lower()]
        return Resolved(cal.month_value(year, self.lex.months[_word(p["mon"])]), anchored=True)

    def _month(
        self, p: dict[str, str], anchor: dt.date | None, tense: Tense, *_: object
    ) -> Resolved:
        if anchor is None:
            return Resolved(None)
        month = self.lex.months[_word(p["mon"])]
        rel = self.lex.relative.get(p.get("rel", "").lower())
        years = (anchor.year - 1, anchor.year, anchor.year + 1)
        options = [Option(cal.month_value(y, month), cal.month_interval(y, month)) for y in years]
        if rel == 0:
            year = anchor.year
        elif rel is not None:  # "last November" is never this month, "next May" never this one
            this = anchor.year * 12 + anchor.month
            pick = [y for y in years if (y * 12 + month - this) * rel > 0]
            year = max(pick) if rel < 0 else min(pick)
        else:
            return Resolved(choose(options, anchor, tense).value, anchored=True)
        return Resolved(cal.month_value(year, month), anchored=True)

    def _month_week(
        self, p: dict[str, str], anchor: dt.date | None, tense: Tense, *_: object
    ) -> Resolved | None:
        """ "the last week of March": the ISO week holding that part of the month."""
        if "y" in p:
            month = self.lex.months[_word(p["mon"])]
            year = int(p["y"])
        else:
            got = self._month({"mon": p["mon"]}, anchor, tense)
            if got.value is None:
                return got
            year, month = int(got.value[:4]), int(got.value[5:7])
        first, last = cal.month_interval(year, month)
        word = p["ord"].lower()
        if word in ("last", "final"):
            day = last - dt.timedelta(days=3)
        else:
            day = first + dt.timedelta(days=7 * (self.lex.ordinals[word] - 1) + 3)
        return Resolved(cal.week_value(day), cal.week_interval(day), anchored="y" not in p)

    def _theday(
        self, p: dict[str, str], anchor: dt.date | None, _t: Tense, ref: dt.date | None
    ) -> Resolved:
        """ "the day", "that day", "the same day": the last day named, else the anchor."""
        day = ref or anchor
        return Resolved(day.isoformat() if day else None, anchored=day is not None)

    def _nextday(
        self, p: dict[str, str], _a: dt.date | None, _t: Tense, ref: dt.date | None
    ) -> Resolved:
        """ "the next day", "the day before": one day from the last day named (none: unknown)."""
        day = ref
        if day is None:
            return Resolved(None)
        word = (p.get("rel") or p.get("dir") or "").lower()
        shift = 1 if word in ("next", "following", "after") else -1
        return Resolved((day + dt.timedelta(days=shift)).isoformat(), anchored=True)

    def _half(self, p: dict[str, str], anchor: dt.date | None, *_: object) -> Resolved:
        half = 1 if p["ord"].lower() == "first" else 2
        if "y" in p:
            year = int(p["y"])
        elif anchor is None:
            return Resolved(None)
        else:
            year = anchor.year + self.lex.relative.get(p["rel"].lower(), 0)
        first = dt.date(year, 6 * half - 5, 1)
        span = (first, cal.month_interval(year, 6 * half)[1])
        return Resolved(f"{year:04d}-H{half}", span, anchored="y" not in p)

    def _year(self, p: dict[str, str], *_: object) -> Resolved:
        return Resolved(f"{int(p['y']):04d}")

    def _year2(self, p: dict[str, str], anchor: dt.date | None, *_: object) -> Resolved:
        return Resolved(f"{_full_year(p['yy'], anchor):04d}")

    def _year_range(self, p: dict[str, str], *_: object) -> Resolved | None:
        first = int(p["y"])
        second = int(p["y2"]) if len(p["y2"]) == 4 else first // 100 * 100 + int(p["y2"])
        if not first < second <= first + 100:
            return None
        span = (dt.date(first, 1, 1), dt.date(second, 12, 31))
        return Resolved(f"{first:04d}/{second:04d}", span)

    def _decade(self, p: dict[str, str], anchor: dt.date | None, *_: object) -> Resolved:
        if "dec" in p:
            return Resolved(cal.decade_value(int(p["dec"])), None)
        now = anchor.year if anchor else dt.date.today().year
        year = 2000 + int(p["dec2"])
        if year > now:
            year -= 100
        return Resolved(cal.decade_value(year))

    # --- relative to the anchor ------------------------------------------------------------
    def _weekday(
        self, p: dict[str, str], anchor: dt.date | None, tense: Tense, *_: object
    ) -> Resolved:
        if anchor is None:
            return Resolved(None)
        wd = self.lex.weekdays[_word(p["wd"])]
        rel = p.get("rel", "").lower()
        days = [anchor + dt.timedelta(days=k) for k in range(-7, 8)]
        days = [d for d in days if d.weekday() == wd]
        if rel in ("last", "past"):
            day = max(d for d in days if d < anchor)
        elif rel == "next":
            day = min(d for d in days if d > anchor)
        else:
            if rel in ("this", "coming") and tense is None:
                tense = "future"
            day = dt.date.fromisoformat(
                choose([Option(d.isoformat(), (d, d)) for d in days], anchor, tense).value
            )
        return Resolved(day.isoformat(), anchored=True)

    def _relday(self, p: dict[str, str], anchor: dt.date | None, *_: object) -> Resolved:
        if anchor is None:
            return Resolved(None)
        word = " ".join(p["word"].lower().split())
        shift = {"yesterday": -1, "tomorrow": 1, "the day before yesterday": -2}.get(word, 0)
        if word == "the day after tomorrow":
            shift = 2
        return Resolved((anchor + dt.timedelta(days=shift)).isoformat(), anchored=True)

    def _tod(self, p: dict[str, str], anchor: dt.date | None, *_: object) -> Resolved:
        if anchor is None:
            return Resolved(None)
        shift = -1 if p["rel"].lower() == "last" else 0
        day = anchor + dt.timedelta(days=shift)
        # "this morning" is TimeML's 2008-01-09TMO: the day with its part
        return Resolved(day.isoformat() + _PART_OF_DAY.get(p["tod"].lower(), ""), anchored=True)

    def _relunit(
        self, p: dict[str, str], anchor: dt.date | None, tense: Tense, *_: object
    ) -> Resolved | None:
        if anchor is None:
            return Resolved(None)
        unit, rel_word = p["unit"].lower(), p["rel"].lower()
        rel = self.lex.relative.get(rel_word, 0)
        mod = p.get("mod", "").lower()
        if unit == "weekend":
            return self._weekend(anchor, rel, rel_word, tense)
        value, whole = _unit_period(unit, anchor, rel)
        span: cal.Interval | None = whole if unit not in ("month", "year") else None
        if unit == "decade" and rel < 0:  # "the past decade": the ten years up to now
            span = (cal.shift_years(anchor, -10), anchor)
        if mod and rel == 0:
            span = (whole[0], anchor) if mod == "earlier" else (anchor, whole[1])
        return Resolved(value, span, anchored=True)

    def _weekend(self, anchor: dt.date, rel: int, word: str, tense: Tense) -> Resolved:
        weekends = [cal.weekend_of(anchor + dt.timedelta(days=7 * k)) for k in (-1, 0, 1)]
        if rel < 0:
            pick = [w for w in weekends if w[1] < anchor][-1]
        elif rel > 0:
            pick = [w for w in weekends if w[0] > anchor][0]
        else:
            options = [Option(cal.week_value(w[0]), w) for w in weekends]
            if tense is None and word == "the":
                tense = "past"  # "over the weekend" reports what happened
            pick = choose(options, anchor, tense).span
        return Resolved(cal.week_value(pick[0]) + "-WE", pick, anchored=True)

    def _the_unit(self, p: dict[str, str], anchor: dt.date | None, *_: object) -> Resolved:
        if anchor is None:
            return Resolved(None)
        value, whole = _unit_period(p["unit"].lower(), anchor, 0)
        frac = self.lex.period_parts[p["part"].lower()]
        return Resolved(value, cal.part_of(whole, frac), anchored=True)

    def _ago(
        self, p: dict[str, str], anchor: dt.date | None, _t: Tense, ref: dt.date | None
    ) -> Resolved:
        direction = p["dir"].lower().split()[0]
        base = anchor if direction in ("ago", "from") else (ref or anchor)
        if base is None:
            return Resolved(None)
        n = p["n"].lower()
        count = int(n) if n.isdigit() else self.lex.numbers[" ".join(n.split())]
        sign = -1 if direction in ("ago", "earlier", "before") else 1
        unit = p["unit"].lower()
        if unit in ("day", "week"):
            day = base + dt.timedelta(days=sign * count * (7 if unit == "week" else 1))
            return Resolved(day.isoformat(), anchored=True)
        if unit == "month":
            day = cal.shift_months(base, sign * count)
            return Resolved(cal.month_value(day.year, day.month), anchored=True)
        years = count * (10 if unit == "decade" else 1)
        return Resolved(f"{base.year + sign * years:04d}", anchored=True)

    def _quarter(
        self, p: dict[str, str], anchor: dt.date | None, tense: Tense, *_: object
    ) -> Resolved | None:
        q = int(p["q"]) if "q" in p else self.lex.ordinals[p["ord"].lower()]
        if "y" in p:
            year = int(p["y"])
        elif anchor is None:
            return Resolved(None)
        elif "rel" in p:
            year = anchor.year + self.lex.relative.get(p["rel"].lower(), 0)
        else:
            years = (anchor.year - 1, anchor.year, anchor.year + 1)
            options = [Option(f"{y}-Q{q}", cal.quarter_interval(y, q)) for y in years]
            pick = choose(options, anchor, tense)
            return Resolved(pick.value, pick.span, anchored=True)
        return Resolved(f"{year:04d}-Q{q}", cal.quarter_interval(year, q), anchored="y" not in p)

    def _season(
        self, p: dict[str, str], anchor: dt.date | None, tense: Tense, *_: object
    ) -> Resolved | None:
        code = self.lex.seasons[p["season"].lower()].code
        if "y" in p:
            year = int(p["y"])
            return Resolved(f"{year:04d}-{code}", cal.season_interval(year, code))
        if anchor is None:
            return Resolved(None)
        years = (anchor.year - 2, anchor.year - 1, anchor.year, anchor.year + 1)
        options = [Option(f"{y:04d}-{code}", cal.season_interval(y, code)) for y in years]
        rel = self.lex.relative.get(p.get("rel", "").lower())
        if rel is not None and rel < 0:
            pick = [o for o in options if o.span[1] < anchor][-1]
        elif rel is not None and rel > 0:
            pick = [o for o in options if o.span[0] > anchor][0]
        else:
            pick = choose(options, anchor, tense)
        return Resolved(pick.value, pick.span, anchored=True)

    def _vague(self, p: dict[str, str], anchor: dt.date | None, *_: object) -> Resolved | None:
        vague = self.lex.vague[" ".join(p["phrase"].lower().split())]
        if " ".join(p["phrase"].lower().split()) in self.lex.vague_unlisted:
            # "now" (mostly a discourse word), "in the past": no period an analyst could date
            # anything by; the phrase is still read (so no other reader takes it for a date)
            return None
        if anchor is None:
            return Resolved(vague.value)
        span = (
            anchor + dt.timedelta(days=vague.days_before),
            anchor + dt.timedelta(days=vague.days_after),
        )
        return Resolved(vague.value, span, anchored=True)

    # --- ranges ---------------------------------------------------------------------------
    def _range(
        self, c: Candidate, anchor: dt.date | None, tense: Tense, ref: dt.date | None
    ) -> Resolved | None:
        assert c.first is not None and c.until is not None
        second = self.resolve(c.until, anchor, tense, ref)
        first_c = c.first
        year = _year_of(second.value if second else None)
        if year and first_c.kind in ("month", "date") and "y" not in first_c.parts:
            # "from March to May 2008": the first end takes the second's year
            parts = dict(first_c.parts, y=str(year))
            kind = "month_year" if first_c.kind == "month" else "date"
            first_c = Candidate(first_c.start, first_c.end, kind, parts, first_c.priority)
        first = self.resolve(first_c, anchor, tense, ref)
        if not (first and second and first.value and second.value):
            return Resolved(None)
        a, b = cal.interval(first.value), cal.interval(second.value)
        if not (a and b) or b[1] < a[0]:
            return Resolved(None)
        return Resolved(
            f"{first.value}/{second.value}", (a[0], b[1]), first.anchored or second.anchored
        )


def _unit_period(unit: str, anchor: dt.date, rel: int) -> tuple[str, cal.Interval]:
    """Value and extent of the week/month/year/... ``rel`` steps from the anchor's own."""
    if unit == "week":
        day = anchor + dt.timedelta(days=7 * rel)
        return cal.week_value(day), cal.week_interval(day)
    if unit == "month":
        day = cal.shift_months(anchor, rel)
        return cal.month_value(day.year, day.month), cal.month_interval(day.year, day.month)
    if unit == "quarter":
        index = anchor.year * 4 + cal.quarter_of(anchor) - 1 + rel
        year, q = divmod(index, 4)
        return f"{year:04d}-Q{q + 1}", cal.quarter_interval(year, q + 1)
    if unit == "decade":
        year = anchor.year + 10 * rel
        first = year // 10 * 10
        return cal.decade_value(year), (dt.date(first, 1, 1), dt.date(first + 9, 12, 31))
    if unit == "century":
        first = (anchor.year // 100 + rel) * 100
        return f"{first // 100:02d}", (dt.date(max(first, 1), 1, 1), dt.date(first + 99, 12, 31))
    year = anchor.year + rel
    return f"{year:04d}", (dt.date(year, 1, 1), dt.date(year, 12, 31))


def _full_year(text: str, anchor: dt.date | None) -> int:
    """Four digits as they are; two digits in the century that keeps them near the anchor."""
    if len(text) == 4:
        return int(text)
    now = (anchor or dt.date.today()).year
    year = now // 100 * 100 + int(text)
    return year - 100 if year > now + 10 else year


def _word(text: str) -> str:
    return text.lower().rstrip(".")


def _year_of(value: str | None) -> int | None:
    if value and len(value) >= 4 and value[:4].isdigit():
        return int(value[:4])
    return None
