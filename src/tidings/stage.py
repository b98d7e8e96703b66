"""The stage contract: what a stage needs, what it adds, and a checked order.

Like spaCy's components, each stage declares ``requires`` and ``assigns`` so a pipeline that
would read something before it exists is refused before any article is touched.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Sequence
from typing import ClassVar

from tidings.document import Document
from tidings.errors import PipelineOrderError, StageError, TidingsError

# What a Document can hold. "article" is there from the start.
PARTS = (
    "article",
    "structure",
    "doc",
    "actors",
    "mentions",
    "quotes",
    "events",
    "places",
    "times",
    "quantities",
)


class Stage:
    """A callable ``Document -> Document`` with declared inputs and outputs."""

    name: ClassVar[str] = "stage"
    requires: ClassVar[tuple[str, ...]] = ()
    assigns: ClassVar[tuple[str, ...]] = ()

    def __call__(self, doc: Document) -> Document:  # pragma: no cover - abstract
        raise NotImplementedError

    def pipe(self, docs: Iterable[Document]) -> Iterable[Document]:
        """Batch form; stages that gain from batching (spaCy) override it."""
        for d in docs:
            yield self(d)


def check_order(stages: Sequence[Stage], available: Iterable[str] = ("article",)) -> None:
    """Raise `PipelineOrderError` when a stage requires a part no earlier stage assigns."""
    have = set(available)
    for st in stages:
        unknown = [p for p in (*st.requires, *st.assigns) if p not in PARTS]
        if unknown:
            raise PipelineOrderError(f"stage {st.name!r} names unknown parts {unknown}")
        missing = [p for p in st.requires if p not in have]
        if missing:
            raise PipelineOrderError(
                f"stage {st.name!r} requires {missing}, which no earlier stage assigns "
                f"(order: {[s.name for s in stages]})"
            )
        have.update(st.assigns)


def run_stage(stage: Stage, doc: Document) -> Document:
    """Run one stage, timing it and wrapping a failure with the stage and article named."""
    t0 = time.perf_counter()
    try:
        out = stage(doc)
    except TidingsError:
        raise
    except Exception as exc:  # noqa: BLE001 - wrapped with context, re-raised
        raise StageError(stage.name, doc.article.id, exc) from exc
    out.timings[stage.name] = round(out.timings.get(stage.name, 0.0) + time.perf_counter() - t0, 6)
    out.done.update(stage.assigns)
    return out
