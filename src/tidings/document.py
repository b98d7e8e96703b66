"""The one typed document that flows through the stages.

A stage reads what earlier stages put here and adds its own part; it never rebuilds the
`Analysis` itself. Keeping spaCy's `Doc` beside the pydantic records lets later stages use the
parse while every record stays plain, serialisable data.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, get_origin

from tidings.model import (
    Actor,
    Analysis,
    Article,
    Event,
    Meta,
    Place,
    Quantity,
    Quote,
    Span,
    Time,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as SpacySpan


# The parts a stage may require or assign: one list. The result parts are the list fields of
# `Analysis` (a new one there is a new part here, and `Document` must hold it); the working parts
# are what stages leave for later stages and never reach the result.
RESULT_PARTS: tuple[str, ...] = tuple(
    name for name, f in Analysis.model_fields.items() if get_origin(f.annotation) is list
)
WORK_PARTS: tuple[str, ...] = (
    "article",
    "structure",
    "doc",
    "mentions",
    "home_country",
    "place_spans",
)
PARTS: tuple[str, ...] = (*WORK_PARTS, *RESULT_PARTS)
# Where two parts live outside a Document attribute: the article's structure, and the place
# mentions kept as a span group on the spaCy Doc (label = place id).
PLACE_SPANS = "tidings_places"


@dataclass
class Mention:
    """One actor mention in the text, with the actor it resolves to."""

    start: int
    end: int
    actor_id: str
    source: str = "ner"  # ner | kb | coref | pronoun | generic


@dataclass
class _MentionIndex:
    of: int  # id() of the indexed list
    size: int
    starts: list[int]
    longest: int


@dataclass
class Document:
    """The article plus everything found so far."""

    article: Article
    doc: Doc | None = None
    actors: list[Actor] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    times: list[Time] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    models: dict[str, str] = field(default_factory=dict)
    status: str = "ok"
    done: set[str] = field(default_factory=set)
    # ISO alpha-3 of the state the article is filed from (its dateline's place), if known
    home_country: str | None = None
    # lookup indexes, rebuilt when the list they index is replaced or changes length
    _body_index: tuple[int, int, list[int], list[int]] | None = field(
        default=None, init=False, repr=False, compare=False
    )
    _mention_index: _MentionIndex | None = field(
        default=None, init=False, repr=False, compare=False
    )

    # --- text helpers -------------------------------------------------------------------
    @property
    def text(self) -> str:
        return self.article.text

    def span(self, start: int, end: int) -> Span:
        """A `Span` of the article text (its text copied, so the invariant holds)."""
        return Span.of(self.article.text, start, end)

    def in_body(self, start: int, end: int | None = None) -> bool:
        """True when ``[start, end)`` lies inside a body paragraph (not headline or caption)."""
        end = start + 1 if end is None else end
        body = self.article.structure.body
        if not body:
            return True
        idx = self._body_index
        if idx is None or idx[0] != id(body) or idx[1] != len(body):
            ordered = sorted(body, key=lambda p: p.start)
            reach = list(itertools.accumulate((p.end for p in ordered), max))
            idx = self._body_index = (id(body), len(body), [p.start for p in ordered], reach)
        # some paragraph starting at or before `start` reaches `end`
        i = bisect.bisect_right(idx[2], start) - 1
        return i >= 0 and idx[3][i] >= end

    def body_sentences(self) -> list[SpacySpan]:
        """The parsed sentences that quotes and events are drawn from."""
        if self.doc is None:
            return []
        out = []
        for s in self.doc.sents:
            text = s.text
            stripped = text.rstrip()
            lead = len(text) - len(text.lstrip())
            if stripped and self.in_body(s.start_char + lead, s.start_char + len(stripped)):
                out.append(s)
        return out

    # --- actor helpers ------------------------------------------------------------------
    def actor(self, actor_id: str | None) -> Actor | None:
        return next((a for a in self.actors if a.id == actor_id), None)

    def mentions_in(self, start: int, end: int) -> list[Mention]:
        """Mentions lying inside ``[start, end)``, in text order."""
        i = bisect.bisect_left(self._mentions().starts, start)
        out = []
        while i < len(self.mentions) and self.mentions[i].start < end:
            if self.mentions[i].end <= end:
                out.append(self.mentions[i])
            i += 1
        return out

    def mentions_overlapping(self, start: int, end: int) -> Iterator[Mention]:
        """Mentions sharing a character with ``[start, end)``, in text order."""
        idx = self._mentions()
        i = bisect.bisect_right(idx.starts, start - idx.longest)
        for m in itertools.islice(self.mentions, i, None):
            if m.start >= end:
                break
            if m.end > start:
                yield m

    def mention_at(self, start: int, end: int) -> Mention | None:
        """The mention overlapping ``[start, end)`` most, or None."""
        best, best_len = None, 0
        for m in self.mentions_overlapping(start, end):
            overlap = min(end, m.end) - max(start, m.start)
            if overlap > best_len:
                best, best_len = m, overlap
        return best

    def actors_of_token(self, token: Token) -> list[str]:
        """Actor ids a token's phrase refers to, following coordination ("the US and Israel").

        Looks at the token's own mention first, then at mentions inside its subtree that are
        not inside a relative clause or a prepositional attachment of another head.
        """
        ids: list[str] = []
        for tok in [token, *_conjuncts(token)]:
            m = self.mention_at(tok.idx, tok.idx + len(tok.text))
            if m is None:
                phrase = noun_phrase(tok)
                left = phrase[0].idx
                right = max(t.idx + len(t.text) for t in phrase)
                inner = self.mentions_in(left, right)
                m = inner[-1] if inner else None
            if m is not None and m.actor_id not in ids:
                ids.append(m.actor_id)
        return ids

    def add_mention(self, mention: Mention) -> None:
        """Insert keeping text order; an overlapping existing mention wins."""
        idx = self._mentions()
        i = bisect.bisect_right(idx.starts, mention.start - idx.longest)
        for m in itertools.islice(self.mentions, i, None):
            if m.start >= mention.end:
                break
            if mention.start < m.end:
                return
        at = bisect.bisect_left(idx.starts, mention.start)
        self.mentions.insert(at, mention)
        idx.starts.insert(at, mention.start)
        idx.longest = max(idx.longest, mention.end - mention.start)
        idx.size += 1

    def _mentions(self) -> _MentionIndex:
        """Starts of the (text-ordered) mentions and the longest one's length, kept while
        the list is only grown through `add_mention`."""
        idx = self._mention_index
        if idx is None or idx.of != id(self.mentions) or idx.size != len(self.mentions):
            idx = self._mention_index = _MentionIndex(
                id(self.mentions),
                len(self.mentions),
                [m.start for m in self.mentions],
                max((m.end - m.start for m in self.mentions), default=0),
            )
        return idx

    # --- result -------------------------------------------------------------------------
    def to_analysis(self, version: str) -> Analysis:
        return Analysis(
            schema="tidings/1",
            status=self.status,
            article=self.article,
            **{part: getattr(self, part) for part in RESULT_PARTS},
            meta=Meta(
                tidings=version,
                models=self.models,
                timings=self.timings,
                counts=self.counts,
                warnings=self.warnings,
            ),
        )


def _conjuncts(token: Token) -> list[Token]:
    return [t for t in token.conjuncts if t.i > token.i]


CORE_PHRASE_DEPS = frozenset(
    {"compound", "amod", "det", "poss", "nmod", "appos", "flat", "case", "nummod"}
)


def noun_phrase(token: Token, deps: frozenset[str] | set[str] = CORE_PHRASE_DEPS) -> list[Token]:
    """The token and its modifiers through ``deps``, in text order: a noun phrase without
    clauses or prepositional tails ("the US special envoy", not "... for Iran who said")."""
    out = [token]
    stack = [c for c in token.children if c.dep_ in deps]
    while stack:
        c = stack.pop()
        out.append(c)
        stack.extend(x for x in c.children if x.dep_ in deps)
    return sorted(out, key=lambda t: t.i)
