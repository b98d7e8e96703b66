"""The ``structure`` stage: which parts of the text are news, and which are not.

A photo caption ("Hossein Salami, deputy head of ...") or a standfirst echoed in the body must
not yield events twice or give an outdated title the last word. This stage marks headline,
standfirst, byline, dateline, captions, credits, boilerplate and repeated paragraphs, each with
its span, and leaves the rest as `body`: the only text the quote and event stages read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from tidings.document import Document
from tidings.model import Span, Structure
from tidings.stage import Stage

_DATA = Path(__file__).parent / "data" / "structure.yaml"
_SENT_END = re.compile(r"[.!?…][\"'”’)\]]*$")


@dataclass(frozen=True)
class Cues:
    credits: tuple[re.Pattern[str], ...]
    caption_prefixes: tuple[str, ...]
    boilerplate: tuple[re.Pattern[str], ...]
    byline: tuple[re.Pattern[str], ...]
    dateline: tuple[re.Pattern[str], ...]
    date_line: re.Pattern[str]


@lru_cache(maxsize=1)
def cues() -> Cues:
    raw = yaml.safe_load(_DATA.read_text(encoding="utf-8"))

    def comp(key: str, flags: int = re.IGNORECASE) -> tuple[re.Pattern[str], ...]:
        return tuple(re.compile(p, flags) for p in raw[key])

    return Cues(
        credits=comp("credit_patterns", 0) + comp("credit_patterns"),
        caption_prefixes=tuple(raw["caption_prefixes"]),
        boilerplate=comp("boilerplate_patterns"),
        byline=comp("byline_patterns", 0),
        dateline=comp("dateline_patterns", re.MULTILINE),
        date_line=re.compile(raw["date_line"], re.IGNORECASE),
    )


def norm(s: str) -> str:
    """Whitespace- and quote-normalised text, for comparing repeats."""
    s = s.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    return re.sub(r"\s+", " ", s).strip().casefold()


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Paragraph spans: blank-line blocks for hard-wrapped text, otherwise one per line.

    Text counts as hard-wrapped when its multi-line blocks (3+ lines) are made of lines of
    similar, typewriter widths: two such blocks, or one of five lines or more.
    """
    lines = [_trim(text, m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]
    lines = [(s, e) for s, e in lines if e > s]
    blocks = [
        _trim(text, m.start(), m.end()) for m in re.finditer(r"\S(?:.|\n(?![ \t\r]*\n))*", text)
    ]
    wrapped = [
        b
        for b in blocks
        if text.count("\n", *b) >= 2
        and all(40 <= len(ln.strip()) <= 100 for ln in text[b[0] : b[1]].split("\n")[:-1])
    ]
    if len(wrapped) >= 2 or any(text.count("\n", *b) >= 4 for b in wrapped):
        return blocks
    return lines


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _is_headline(text: str, n_paragraphs: int) -> bool:
    words = text.split()
    ends_like_sentence = bool(_SENT_END.search(text)) and len(words) > 25
    return n_paragraphs >= 2 and len(text) <= 250 and not ends_like_sentence


def _credit_match(line: str) -> re.Match[str] | None:
    for pat in cues().credits:
        m = pat.search(line)
        if m:
            return m
    return None


def analyse_structure(text: str) -> Structure:
    """Mark every part of the text; the rest is the body."""
    c = cues()
    paras = paragraphs(text)
    st = Structure(paragraphs=[Span.of(text, s, e) for s, e in paras])
    role: dict[int, str] = {}
    if paras and _is_headline(text[paras[0][0] : paras[0][1]], len(paras)):
        st.headline = Span.of(text, *paras[0])
        role[0] = "headline"
    caption_texts: set[str] = set()
    for i, (s, e) in enumerate(paras):
        if i in role:
            continue
        line = text[s:e]
        if i <= 3 and st.dateline is None and c.date_line.match(line):
            st.dateline, role[i] = Span.of(text, s, e), "dateline"
        elif i <= 3 and st.byline is None and any(p.match(line) for p in c.byline):
            st.byline, role[i] = Span.of(text, s, e), "byline"
        elif any(p.search(line) for p in c.boilerplate):
            st.boilerplate.append(Span.of(text, s, e))
            role[i] = "boilerplate"
        elif m := _credit_match(line):
            st.credits.append(Span.of(text, s + m.start(), s + m.end()))
            rest = line[: m.start()].strip()
            if len(rest) > 3:
                st.captions.append(Span.of(text, s, e))
                caption_texts.add(norm(rest))
            role[i] = "caption"
        elif line.startswith(c.caption_prefixes):
            st.captions.append(Span.of(text, s, e))
            caption_texts.add(norm(line))
            role[i] = "caption"
    # A line that repeats a caption's words, or a short unpunctuated line beside a credit.
    for i, (s, e) in enumerate(paras):
        if i in role:
            continue
        line = text[s:e]
        beside_credit = role.get(i - 1) == "caption" or role.get(i + 1) == "caption"
        short = len(line) < 200 and not _SENT_END.search(line)
        if norm(line) in caption_texts or (beside_credit and short):
            st.captions.append(Span.of(text, s, e))
            role[i] = "caption"
    _mark_standfirst_and_repeats(text, paras, role, st)
    body: list[Span] = []
    for i, (s, e) in enumerate(paras):
        if i in role:
            continue
        if not body:
            s = _after_dateline(text, s, e, st)
        body.append(Span.of(text, s, e))
    st.body = body
    st.captions.sort(key=lambda sp: sp.start)
    st.credits.sort(key=lambda sp: sp.start)
    return st


def _after_dateline(text: str, s: int, e: int, st: Structure) -> int:
    """Strip a wire dateline ("BAGHDAD (Reuters) -") off the first body paragraph."""
    for pat in cues().dateline:
        m = pat.match(text, s, e)
        if m and m.end() < e:
            if st.dateline is None:
                st.dateline = Span.of(text, *_trim(text, s, m.end()))
            return m.end()
    return s


def _mark_standfirst_and_repeats(
    text: str, paras: list[tuple[int, int]], role: dict[int, str], st: Structure
) -> None:
    seen: dict[str, int] = {}
    candidates = [i for i in range(len(paras)) if i not in role]
    for i in candidates:
        key = norm(text[slice(*paras[i])])
        if key in seen:
            st.repeated.append(Span.of(text, *paras[i]))
            role[i] = "repeated"
        else:
            seen[key] = i
    first = next((i for i in candidates if role.get(i) is None), None)
    if first is None:
        return
    s, e = paras[first]
    lead = norm(text[s:e])
    if len(text[s:e]) > 400 or any(p.match(text, s, e) for p in cues().dateline):
        return  # a wire dateline ("BAGHDAD (Reuters) -") opens the body, not a standfirst
    later = [i for i in candidates if i > first and role.get(i) is None]
    echoed = any(norm(text[slice(*paras[j])]).startswith(lead) for j in later)
    before_captions = any(role.get(j) == "caption" for j in range(first + 1, first + 3))
    if (echoed or before_captions) and later:
        st.standfirst = Span.of(text, s, e)
        role[first] = "standfirst"
        if echoed:
            st.repeated.append(Span.of(text, s, e))


class StructureStage(Stage):
    """Marks headline, standfirst, captions, credits, boilerplate and repeats."""

    name = "structure"
    requires = ("article",)
    assigns = ("structure",)

    def __call__(self, d: Document) -> Document:
        d.article.structure = analyse_structure(d.article.text)
        st = d.article.structure
        d.counts["paragraphs"] = len(st.paragraphs)
        d.counts["body_paragraphs"] = len(st.body)
        if d.article.title is None and st.headline is not None:
            d.article.title = st.headline.text
        return d
