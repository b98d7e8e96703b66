"""What every part of the quotes stage looks things up in: tokens by character, quote interiors,
sentences and paragraphs, and the speakers found so far (for "he said" with no resolved "he").
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TypeVar

from tidings.document import Document
from tidings.quotes.intervals import ContentIndex
from tidings.quotes.lexicon import Cues
from tidings.quotes.marks import Quoted, find_quoted

if TYPE_CHECKING:
    from spacy.tokens import Span as SpacySpan
    from spacy.tokens import Token

F = TypeVar("F")


@dataclass
class Said:
    """One speaker found so far: where the reporting clause was and who spoke."""

    pos: int
    actor: str
    sentence: int


@dataclass
class Context:
    d: Document
    cues: Cues
    quoted: list[Quoted] = field(default_factory=list)
    history: list[Said] = field(default_factory=list)

    def __post_init__(self) -> None:
        assert self.d.doc is not None
        self.tokens = list(self.d.doc)
        self.starts = [t.idx for t in self.tokens]
        self.sents = list(self.d.doc.sents)
        self.sent_starts = [s.start_char for s in self.sents]
        st = self.d.article.structure
        paras = [(p.start, p.end) for p in (st.paragraphs or st.body)]
        if not paras:
            paras = [(0, len(self.d.text))]
        self.paras = sorted(paras)
        self.para_starts = [p[0] for p in self.paras]
        if not self.quoted:
            self.quoted = find_quoted(self.d.text, self.paras, self.cues.marks, self.cues.elisions)
        self.outer = [q for q in self.quoted if q.depth == 0]
        self._outer_starts = [q.open for q in self.outer]
        self._index: ContentIndex | None = None

    # --- positions ------------------------------------------------------------------
    def token_at(self, char: int) -> Token | None:
        """The token covering (or starting right after) character ``char``."""
        i = bisect.bisect_right(self.starts, char) - 1
        if i < 0:
            return self.tokens[0] if self.tokens else None
        tok = self.tokens[i]
        if char >= tok.idx + len(tok.text) and i + 1 < len(self.tokens):
            return self.tokens[i + 1]
        return tok

    def tokens_in(self, start: int, end: int) -> list[Token]:
        """Tokens lying wholly inside ``[start, end)``, spaces left out."""
        i = bisect.bisect_left(self.starts, start)
        out = []
        while i < len(self.tokens) and self.tokens[i].idx < end:
            t = self.tokens[i]
            if t.idx + len(t.text) <= end and not t.is_space:
                out.append(t)
            i += 1
        return out

    def few_tokens_in(self, start: int, end: int, most: int) -> bool:
        """True when at most ``most`` tokens lie wholly inside ``[start, end)`` (as
        `tokens_in` counts them), without walking a long range to find out."""
        i = bisect.bisect_left(self.starts, start)
        found = 0
        while i < len(self.tokens) and self.tokens[i].idx < end:
            t = self.tokens[i]
            if t.idx + len(t.text) <= end and not t.is_space:
                found += 1
                if found > most:
                    return False
            i += 1
        return True

    def sentence_of(self, char: int) -> int:
        return max(0, bisect.bisect_right(self.sent_starts, char) - 1)

    def paragraph_of(self, char: int) -> tuple[int, int]:
        i = max(0, bisect.bisect_right(self.para_starts, char) - 1)
        return self.paras[i]

    def quote_around(self, start: int, end: int | None = None) -> Quoted | None:
        """The outermost quote whose marks enclose ``[start, end)``."""
        end = start + 1 if end is None else end
        # Outer quotes never overlap one another: only the last one opening before can enclose.
        i = bisect.bisect_right(self._outer_starts, start) - 1
        if i >= 0 and end <= self.outer[i].outer_end:
            return self.outer[i]
        return None

    def outer_over(self, start: int, end: int) -> list[Quoted]:
        """The outer quotes whose marks overlap or touch ``[start, end]``, in text order."""
        # Outer quotes never overlap, so they end in the order they open.
        i = max(0, bisect.bisect_right(self._outer_starts, start) - 1)
        out = []
        while i < len(self.outer) and self.outer[i].open <= end:
            out.append(self.outer[i])
            i += 1
        return out

    def frames_near(self, frames: list[F], start: int, end: int) -> list[F]:
        """The frames whose content overlaps or touches ``[start, end]`` (a superset for the
        caller to filter), in the order of ``frames``; indexed once per list."""
        if self._index is None or self._index.frames is not frames:
            self._index = ContentIndex(frames)  # type: ignore[arg-type]
        return [frames[k] for k in self._index.near(start, end)]

    def in_quote(self, tok: Token) -> bool:
        return self.quote_around(tok.idx, tok.idx + len(tok.text)) is not None

    def is_mark(self, tok: Token) -> bool:
        return any(ch in tok.text for fam in self.cues.marks for ch in fam.open + fam.close)

    # --- where attributions are read -------------------------------------------------
    def headline_sentences(self) -> list[SpacySpan]:
        """The headline's parsed sentences: "Mayor says bridge will reopen" attributes too."""
        h = self.d.article.structure.headline
        if h is None:
            return []
        return [s for s in self.sents if h.start <= s.start_char < h.end]

    def readable(self, start: int, end: int) -> bool:
        """In the body or the headline (not a caption, byline or boilerplate)."""
        h = self.d.article.structure.headline
        return self.d.in_body(start, end) or (h is not None and h.start <= start and end <= h.end)

    # --- speakers so far ------------------------------------------------------------
    def remember(self, pos: int, actor: str | None) -> None:
        if actor is not None:
            self.history.append(Said(pos, actor, self.sentence_of(pos)))

    def actor_kind(self, actor_id: str | None) -> str | None:
        actor = self.d.actor(actor_id)
        return actor.kind if actor else None
