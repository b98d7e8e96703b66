"""Finding quoted strings: a pure function over text, with no parse and no lexicon lookups.

News text mixes straight and curly marks ("…”), single and guillemet marks, apostrophes that look
like closing quotes (Iran’s, the groups’ rockets, '90s) and quotes that run over paragraphs (an
opening mark repeated at each new paragraph, the closing mark only at the end). Whether a mark
opens or closes is decided by what stands on each side of it, as CommonMark decides emphasis;
the glyph only breaks ties. Marks pair within their family on a stack, so nested quotes work
and a stray mark of another family cannot break a pair. The scan is linear in the text.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, replace

from tidings.quotes.lexicon import MarkFamily, load_cues

# Characters after which a mark still opens ("(“", "—‘", 'said:"') and before which it closes.
_OPEN_CONTEXT = set("([{<—–-/:;,")
_CLOSE_CONTEXT = set(".,;:!?)]}>—–-…/*")
_DECADE = re.compile(r"\d\d(?:s\b|(?!\d))")
# A sentence end right before an opening mark: "… characters. “He was …" (paragraphs flattened).
_REOPENS = re.compile(r"[.!?…]\s+$")
# A lost closing mark: the quote runs to the last comma of its sentence when at most this many
# words follow that comma ("“The suspect took aim, said the chief.").
LOST_TAIL_WORDS = 6
_SENTENCE_END = re.compile(r"[.!?…](?=\s|$)")


@dataclass(frozen=True)
class Quoted:
    """One quoted stretch: ``text[start:end]`` is what stands between the marks.

    A quote that spans paragraphs is one `Quoted` per paragraph, sharing ``group``; all but the
    last have ``close`` None and ``continued`` True.
    """

    start: int
    end: int
    open: int
    close: int | None
    family: str
    depth: int
    group: int
    continued: bool = False
    lost: bool = False  # its closing mark was never typed; it ends before its reporting clause

    @property
    def closed(self) -> bool:
        return self.close is not None

    @property
    def outer_end(self) -> int:
        """End including the closing mark (or the content end when there is none)."""
        return self.close + 1 if self.close is not None else self.end


@dataclass
class _Open:
    pos: int
    family: str
    group: int


class _MarkTable:
    """Mark -> (family, preference) where preference is 'open', 'close' or 'either'."""

    def __init__(self, families: Sequence[MarkFamily]) -> None:
        self.kind: dict[str, tuple[str, str]] = {}
        for fam in families:
            for chars, pref in ((fam.open, "open"), (fam.close, "close"), (fam.either, "either")):
                for ch in chars:
                    self.kind[ch] = (fam.name, pref)
        self.single = {f.name for f in families if "'" in f.either or "’" in f.close}


def _is_space(ch: str | None) -> bool:
    return ch is None or ch.isspace()


def paragraphs_of(text: str) -> list[tuple[int, int]]:
    """Paragraphs as line spans: the default when the caller has no structure."""
    return [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]


class _Scanner:
    def __init__(self, text: str, table: _MarkTable, elisions: frozenset[str]) -> None:
        self.text = text
        self.table = table
        self.elisions = elisions
        self.out: list[Quoted] = []
        self.next_group = 0
        self.para_first = 0  # index in ``out`` of the first quote of the current paragraph

    def _char(self, i: int) -> str | None:
        return self.text[i] if 0 <= i < len(self.text) else None

    def _is_mark(self, ch: str | None) -> bool:
        return ch is not None and ch in self.table.kind

    def _apostrophe(self, i: int, lo: int, hi: int) -> bool:
        """True when the single mark at ``i`` is an apostrophe (don’t, Iran’s, '90s, 'em)."""
        before = self._char(i - 1) if i > lo else None
        after = self._char(i + 1) if i + 1 < hi else None
        if before is not None and before.isalnum() and after is not None and after.isalpha():
            return True
        if after is None or not (_is_space(before) or before in _OPEN_CONTEXT):
            return False
        if after.isdigit():
            return bool(_DECADE.match(self.text, i + 1, hi))
        m = re.match(r"[A-Za-z]+", self.text[i + 1 : min(hi, i + 12)])
        if m and m.group().lower() in self.elisions:
            nxt = self._char(i + 1 + m.end())
            return nxt is None or not nxt.isalpha()
        return False

    def _flanks(self, i: int, lo: int, hi: int) -> tuple[bool, bool]:
        b = self._char(i - 1) if i > lo else None
        a = self._char(i + 1) if i + 1 < hi else None
        # A mark opens when text follows it and space (or an opening context) precedes it, and
        # closes in the mirror case; "" stands for the start or end of the paragraph.
        before, after = b or "", a or ""
        left = (
            not _is_space(a)
            and after not in ".,;:!?"
            and (_is_space(b) or before in _OPEN_CONTEXT or self._is_mark(b))
        )
        right = (
            not _is_space(b)
            and before not in "([{<"
            and (_is_space(a) or after in _CLOSE_CONTEXT or self._is_mark(a))
        )
        return left, right

    def paragraph(self, lo: int, hi: int, carried: _Open | None) -> _Open | None:
        """Pair the marks of ``text[lo:hi]``; return the open quote carried to the next one."""
        self.para_first = len(self.out)
        stack: list[_Open] = [carried] if carried else []
        by_family: dict[str, list[int]] = {}
        if carried:
            by_family[carried.family] = [0]
        for i in range((carried.pos + 1) if carried else lo, hi):
            ch = self.text[i]
            kind = self.table.kind.get(ch)
            if kind is None:
                continue
            family, pref = kind
            if family in self.table.single and self._apostrophe(i, lo, hi):
                continue
            left, right = self._flanks(i, lo, hi)
            has_open = bool(by_family.get(family))
            if left and not right:
                action = "open"
            elif right and not left:
                action = "close"
            elif left and right:
                action = pref if pref != "either" else ("close" if has_open else "open")
            elif pref == "open":
                action = "open"
            elif pref == "close" or has_open:
                action = "close"
            else:
                continue
            if action == "open":
                by_family.setdefault(family, []).append(len(stack))
                stack.append(_Open(i, family, -1))
                continue
            if not has_open:
                continue  # a closing mark with nothing to close: an apostrophe or a stray
            k = self._chain_start(stack, by_family[family][-1])
            for inner in stack[k:]:  # opened inside and never closed: not quotes
                by_family[inner.family].pop()
            opened = stack[k]
            del stack[k:]
            start, end = self._trim(opened.pos + 1, i)
            if end > start:
                group = opened.group if opened.group >= 0 else self._group()
                self.out.append(Quoted(start, end, opened.pos, i, family, k, group, False))
        return self._carry(stack, hi)

    def _chain_start(self, stack: list[_Open], k: int) -> int:
        """Paragraphs run together ("… characters. “He was … “We mourn him.”"): openers of one
        family, each right after a sentence end, with nothing closed since the first, are one
        quotation from the first opener (the repeated-opening-mark convention, flattened)."""
        while k > 0:
            below, top = stack[k - 1], stack[k]
            if below.family != top.family or not _REOPENS.search(self.text, below.pos, top.pos):
                break
            if len(self.out) > self.para_first and self.out[-1].open > below.pos:
                break
            k -= 1
        return k

    def _trim(self, start: int, end: int) -> tuple[int, int]:
        """Drop the spaces inside the marks (French « spacing », a trailing line break)."""
        while start < end and self.text[start].isspace():
            start += 1
        while end > start and self.text[end - 1].isspace():
            end -= 1
        return start, end

    def _group(self) -> int:
        self.next_group += 1
        return self.next_group

    def _carry(self, stack: list[_Open], hi: int) -> _Open | None:
        """At a paragraph end: the outermost open quote continues when the next paragraph opens
        with a mark of its family; every other open mark was no quote (what it held is promoted
        a level, and a lone opener may still be a quote whose closing mark was lost)."""
        if not stack:
            return None
        bottom = stack[0]
        j = hi
        while j < len(self.text) and self.text[j].isspace():
            j += 1
        nxt = self._char(j)
        kind = self.table.kind.get(nxt) if nxt else None
        goes_on = kind is not None and kind[0] == bottom.family and kind[1] != "close"
        kept = goes_on or bottom.group >= 0
        self._drop(stack[1:] if kept else stack, 1 if kept else 0, hi)
        if not kept:
            return None
        start, end = self._trim(bottom.pos + 1, hi)
        if end <= start:
            return None
        group = bottom.group if bottom.group >= 0 else self._group()
        # The last paragraph of a continued quote whose closing mark was lost still counts.
        self.out.append(Quoted(start, end, bottom.pos, None, bottom.family, 0, group, goes_on))
        return _Open(j, bottom.family, group) if goes_on else None

    def _drop(self, dropped: list[_Open], first: int, hi: int) -> None:
        """Unclosed openers at a paragraph end: the quotes opened after each move up a level."""
        if not dropped:
            return
        at = [d.pos for d in dropped]  # stack order: positions and levels both rise
        for n in range(self.para_first, len(self.out)):
            q = self.out[n]
            up = min(bisect_left(at, q.open), max(0, q.depth - first))
            if up:
                self.out[n] = replace(q, depth=q.depth - up)
        if first == 0:
            self._lost(dropped[0], hi)

    def _lost(self, d: _Open, hi: int) -> None:
        """“The suspect took aim, said the chief. — a double opener whose sentence ends in a
        short clause after a comma: the quote runs to that comma (the reader checks the clause
        is a reporting one)."""
        if d.family in self.table.single:
            return
        end = _SENTENCE_END.search(self.text, d.pos + 1, hi)
        stop = end.start() if end else hi
        comma = self.text.rfind(",", d.pos + 1, stop)
        if comma < 0 or len(self.text[comma + 1 : stop].split()) > LOST_TAIL_WORDS:
            return
        if any(q.open > d.pos and q.open < comma for q in self.out[self.para_first :]):
            return
        start, end_ = self._trim(d.pos + 1, comma + 1)
        if len(self.text[start:end_].split()) >= 3:
            self.out.append(Quoted(start, end_, d.pos, None, d.family, 0, self._group(), lost=True))


def find_quoted(
    text: str,
    paragraphs: Sequence[tuple[int, int]] | None = None,
    families: Sequence[MarkFamily] | None = None,
    elisions: frozenset[str] | None = None,
) -> list[Quoted]:
    """Every quoted stretch of ``text``, in text order (outer before inner at the same start).

    ``paragraphs`` are ``(start, end)`` spans in text order (default: one per line); a quote
    never runs past its paragraph except by the repeated-opening-mark convention. Marks that
    never close are dropped: an unbalanced mark is far more often an apostrophe or a typo than
    a quote whose end was lost.
    """
    if families is None or elisions is None:
        cues = load_cues()
        families = cues.marks if families is None else families
        elisions = cues.elisions if elisions is None else elisions
    scanner = _Scanner(text, _MarkTable(families), elisions)
    paras = paragraphs_of(text) if paragraphs is None else list(paragraphs)
    carried: _Open | None = None
    prev_end = 0
    for lo, hi in paras:
        lo, hi = max(lo, prev_end, 0), min(hi, len(text))
        if hi <= lo:
            continue
        if carried is not None and carried.pos < lo:
            carried = None  # the continuation mark was not where this paragraph starts
        carried = scanner.paragraph(lo, hi, carried)
        prev_end = hi
    sizes: dict[int, int] = {}
    for q in scanner.out:
        sizes[q.group] = sizes.get(q.group, 0) + (2 if q.closed or q.lost else 1)
    out = [q for q in scanner.out if sizes[q.group] >= 2]
    return sorted(out, key=lambda q: (q.start, -q.end))
