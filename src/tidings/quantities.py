"""The ``quantities`` stage: numbers and counts, with what they count.

"killed 1,500 protesters", "five Kataib Hezbollah targets", "killing dozen", "millions have
turned out", "US$17.4 billion": each is a `Quantity` with its exact span, its value, whether it
is an estimate ("millions", "nearly 25,000"), and the noun it counts. Dates, times, percentages
and ordinals are not counts and are left out. The same number reader gives the events stage its
fatality counts.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml
from spacy.tokens import Token

from tidings.document import Document
from tidings.model import Quantity
from tidings.stage import Stage

DATA = Path(__file__).parent / "data" / "numbers.yaml"
_NUMERIC = re.compile(r"^(?P<cur>[A-Z]{0,3}[$€£¥])?(?P<num>\d[\d,]*(?:\.\d+)?|\.\d+)$")
_CURRENCY = re.compile(r"^[A-Z]{0,3}[$€£¥]$")
_COUNT_DEPS = {"nummod", "quantmod", "compound", "nmod", "amod"}


@dataclass(frozen=True)
class Numbers:
    units: dict[str, int]
    scales: dict[str, int]
    plural: dict[str, str]
    approximate: tuple[str, ...]
    skip: frozenset[str]
    currencies: dict[str, str]
    abstract: frozenset[str] = frozenset()
    anaphoric: frozenset[str] = frozenset()


@lru_cache(maxsize=1)
def numbers() -> Numbers:
    raw = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    return Numbers(
        units={str(k): int(v) for k, v in raw["units"].items()},
        scales={str(k): int(v) for k, v in raw["scales"].items()},
        plural={str(k): str(v) for k, v in raw["plural_scales"].items()},
        approximate=tuple(str(a) for a in raw["approximate"]),
        skip=frozenset(raw["skip_entities"]),
        currencies={str(k): str(v) for k, v in raw["currencies"].items()},
        abstract=frozenset(str(w) for w in raw.get("abstract_nouns") or ()),
        anaphoric=frozenset(str(w) for w in raw.get("anaphoric") or ()),
    )


@dataclass
class Reading:
    """One number found in the text: its tokens and value."""

    tokens: list[Token]
    value: float
    approximate: bool
    currency: str | None = None

    @property
    def start(self) -> int:
        return self.tokens[0].idx

    @property
    def end(self) -> int:
        last = self.tokens[-1]
        return last.idx + len(last.text)

    @property
    def head(self) -> Token:
        """The token of the run the rest of the sentence attaches to."""
        inside = {t.i for t in self.tokens}
        for t in self.tokens:
            if t.head.i not in inside or t.head.i == t.i:
                return t
        return self.tokens[-1]


def _kind(tok: Token, nums: Numbers) -> str | None:
    low = tok.lower_
    if _NUMERIC.match(tok.text):
        return "num"
    if _CURRENCY.match(tok.text):
        return "cur"
    if low in nums.units:
        return "unit"
    if low in nums.scales or low in nums.plural:
        return "scale"
    return None


def _word_value(words: list[tuple[str, Token]], nums: Numbers) -> tuple[float, bool]:
    """The value of a run of number words and digits ("twenty-three", "1.5 million")."""
    total, current, approx = 0.0, 0.0, False
    for kind, tok in words:
        low = tok.lower_
        if kind == "num":
            m = _NUMERIC.match(tok.text)
            assert m is not None
            current += float(m.group("num").replace(",", ""))
        elif kind == "unit":
            current += nums.units[low]
        elif kind == "scale":
            if low in nums.plural:
                approx = True
                base = nums.plural[low]
                scale = nums.scales.get(base, nums.units.get(base, 1))
            else:
                scale = nums.scales[low]
            current = current or 1.0
            if scale >= 1000:
                total += current * scale
                current = 0.0
            else:
                current *= scale
    return total + current, approx


def read_numbers(tokens: Iterable[Token]) -> list[Reading]:
    """Every number in a run of tokens (a sentence, a `Doc`), in order."""
    nums = numbers()
    toks = list(tokens)
    out: list[Reading] = []
    i = 0
    while i < len(toks):
        kind = _kind(toks[i], nums)
        if kind is None and not (
            toks[i].lower_ in ("a", "an")
            and i + 1 < len(toks)
            and _kind(toks[i + 1], nums) == "scale"
        ):
            i += 1
            continue
        j = i
        run: list[tuple[str, Token]] = []
        currency = None
        while j < len(toks):
            t = toks[j]
            k = _kind(t, nums)
            if k == "cur":
                currency = nums.currencies.get(t.text, t.text)
            elif k is not None:
                m = _NUMERIC.match(t.text)
                if k == "num" and m and m.group("cur"):
                    currency = nums.currencies.get(m.group("cur"), m.group("cur"))
                run.append((k, t))
            elif t.lower_ in ("a", "an") and j == i:
                pass
            elif t.text == "-" and run and j + 1 < len(toks) and _kind(toks[j + 1], nums) == "unit":
                pass
            elif (
                t.lower_ == "of"
                and run
                and run[-1][1].lower_ in nums.plural
                and j + 1 < len(toks)
                and _kind(toks[j + 1], nums) == "scale"
            ):
                pass
            else:
                break
            j += 1
        if run:
            value, approx = _word_value(run, nums)
            out.append(Reading(list(toks[i:j]), value, approx, currency))
        i = max(j, i + 1)
    return out


def _is_count(r: Reading, nums: Numbers) -> bool:
    words = [t for t in r.tokens if _kind(t, nums) in ("num", "unit", "scale")]
    if not words:
        return False
    if r.currency is None and all(t.ent_type_ in nums.skip for t in words):
        return False
    nxt = r.tokens[-1].nbor(1) if r.tokens[-1].i + 1 < len(r.tokens[-1].doc) else None
    if nxt is not None and nxt.lower_ in ("%", "percent", "per", "pc"):
        return False
    if len(r.tokens) == 1 and r.tokens[0].lower_ == "one":
        tok = r.tokens[0]
        prev = tok.nbor(-1).lower_ if tok.i > 0 else ""
        if tok.dep_ != "nummod" or prev in ("no", "any", "every", "each"):
            return False
    if len(words) == 1 and r.tokens[0].lower_ in ("a", "an") and len(r.tokens) == 1:
        return False
    if r.currency is None:
        first = r.tokens[0]
        if first.i > 0 and first.nbor(-1).lower_ in nums.anaphoric:
            return False  # "these two automakers": counted already
        if (counted(r) or "").lower() in nums.abstract:
            return False  # "in two respects"
    return True


def approximate_before(r: Reading, nums: Numbers) -> bool:
    """ "nearly 25,000", "at least 156": an estimate word just before the number."""
    doc = r.tokens[0].doc
    start = r.tokens[0].i
    before = " ".join(t.lower_ for t in doc[max(0, start - 3) : start])
    return any(before == a or before.endswith(" " + a) for a in nums.approximate)


def counted(r: Reading) -> str | None:
    """What a number counts: "1,500 protesters" -> protesters; "killing dozen" -> killing."""
    head = r.head
    inside = {t.i for t in r.tokens}
    if head.lower_ in numbers().plural or head.lower_ in numbers().scales:
        for c in head.children:
            if c.dep_ == "prep" and c.lower_ == "of":
                pobj = [p for p in c.children if p.dep_ == "pobj"]
                if pobj:
                    return _noun_phrase(pobj[0])
    gov = head.head
    if head.dep_ in _COUNT_DEPS and gov.i not in inside and gov.pos_ in ("NOUN", "PROPN"):
        return _noun_phrase(gov)
    if r.currency is None and head.dep_ in ("dobj", "nsubj", "nsubjpass") and gov.pos_ == "VERB":
        return gov.text
    return None


def _noun_phrase(tok: Token) -> str:
    left = tok.i
    for c in tok.children:
        if c.dep_ in ("compound", "amod") and c.i < tok.i:
            left = min(left, c.left_edge.i)
    return tok.doc[left : tok.i + 1].text


def _ranges(readings: list[Reading], nums: Numbers) -> None:
    """ "US$300 to 350 million": the first number shares the second one's scale."""
    for a, b in zip(readings, readings[1:], strict=False):
        gap = a.tokens[0].doc[a.tokens[-1].i + 1 : b.tokens[0].i]
        if len(gap) != 1 or gap[0].lower_ not in ("to", "-", "and", "or", "–"):
            continue
        a_scaled = any(_kind(t, nums) == "scale" for t in a.tokens)
        scale = [t for t in b.tokens if _kind(t, nums) == "scale" and t.lower_ in nums.scales]
        if not a_scaled and scale and nums.scales[scale[-1].lower_] >= 1000:
            a.value *= nums.scales[scale[-1].lower_]


def quantities_of(d: Document) -> list[Quantity]:
    """Every count in the article text (body, headline and captions alike)."""
    if d.doc is None:
        return []
    nums = numbers()
    out: list[Quantity] = []
    readings = read_numbers(d.doc)
    _ranges(readings, nums)
    for r in readings:
        if not _is_count(r, nums):
            continue
        approx = r.approximate or approximate_before(r, nums)
        value: int | float = int(r.value) if float(r.value).is_integer() else r.value
        out.append(
            Quantity(
                text=d.text[r.start : r.end],
                span=d.span(r.start, r.end),
                value=value,
                approximate=approx,
                of=counted(r),
            )
        )
    return out


class QuantitiesStage(Stage):
    """Numbers and counts with what they count."""

    name = "quantities"
    requires = ("doc",)
    assigns = ("quantities",)

    def __call__(self, d: Document) -> Document:
        d.quantities = quantities_of(d)
        d.counts["quantities"] = len(d.quantities)
        return d
