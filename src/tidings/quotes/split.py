"""Split quotations: “The deal,” he said, “is dead.” is one attribution with its cue inside.

Newsroom style breaks a quotation around its reporting clause. Each piece in marks stays a direct
quote of its own; the whole (first piece to last, the cue inside) is also recorded as one
attribution of kind ``partial`` whose ``quoted`` parts are the pieces: that is how annotation of
attribution in full (PolNeAR and the like) counts it, and it lets a reader of the record see the
statement as the speaker made it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

# How far (characters) the reporting clause may run between the two pieces ("…,” said Caddell,
# speaking of the campaign. “…").
MAX_CLAUSE_CHARS = 250
# Sentence ends allowed between the cue and the next piece: the one closing the reporting clause.
MAX_SENTENCE_ENDS = 1


@dataclass(frozen=True)
class Piece:
    """What the merge needs of a quotation in marks."""

    kind: str  # direct | partial | term | indirect
    start: int  # inside the marks
    end: int
    open: int  # the opening mark
    reach: int  # where the quotation and its own reporting clause end
    cue_start: int | None  # where its cue starts (None: no cue of its own)
    speaker: str | None
    continues: bool  # it has no cue and continues the speech before it


def splits(
    pieces: Sequence[Piece],
    paragraph_of: Callable[[int], tuple[int, int]],
    sentence_of: Callable[[int], int],
) -> list[tuple[int, int]]:
    """Index pairs (first, last) of ``pieces`` that form one split quotation: the first piece
    is followed by its own cue, the next (attributed by that cue or continuing it) opens in the
    same paragraph right after the reporting clause, which ends at most one sentence."""
    out: list[tuple[int, int]] = []
    for k, a in enumerate(pieces[:-1]):
        b = pieces[k + 1]
        if a.kind != "direct" or a.cue_start is None or not a.end <= a.cue_start < b.open:
            continue
        if b.kind != "direct" or b.speaker not in (None, a.speaker):
            continue
        if not (b.continues or b.cue_start == a.cue_start):
            continue
        if paragraph_of(a.start) != paragraph_of(b.start) or b.open - a.end > MAX_CLAUSE_CHARS:
            continue
        if sentence_of(b.open) - sentence_of(a.cue_start) > MAX_SENTENCE_ENDS:
            continue
        if out and out[-1][1] == k:
            out[-1] = (out[-1][0], k + 1)  # “A,” he said, “B,” and “C”: one statement
        else:
            out.append((k, k + 1))
    return out
