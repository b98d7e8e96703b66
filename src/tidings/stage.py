"""The stage contract: what a stage needs, what it adds, and a checked order.

Like spaCy's components, each stage declares ``requires`` and ``assigns`` so a pipeline that
would read something before it exists is refused before any article is touched.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Sequence
from typing import ClassVar

from tidings.document import PARTS, Document
from tidings.errors import PipelineOrderError, StageError, TidingsError
from tidings.guard import guarded_call, strict_default

# What a Document can hold (one list, kept in `tidings.document`). "article" is there from the start.
__all__ = ["PARTS", "Stage", "check_order", "derive_order", "run_stage"]


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
    """Raise `PipelineOrderError` when a stage requires a part no earlier stage assigns; the
    message names a valid order derived from the declarations when there is one."""
    available = tuple(available)
    have = set(available)
    for st in stages:
        unknown = [p for p in (*st.requires, *st.assigns) if p not in PARTS]
        if unknown:
            raise PipelineOrderError(f"stage {st.name!r} names unknown parts {unknown}")
        missing = [p for p in st.requires if p not in have]
        if missing:
            raise PipelineOrderError(
                f"stage {st.name!r} requires {missing}, which no earlier stage assigns "
                f"(order: {[s.name for s in stages]}{_suggest(stages, available)})"
            )
        have.update(st.assigns)


def derive_order(stages: Sequence[Stage], available: Iterable[str] = ("article",)) -> list[Stage]:
    """A valid order of ``stages`` from their declarations alone, keeping the given order
    wherever the declarations allow it (each step takes the first stage that can run)."""
    have, left, out = set(available), list(stages), []
    while left:
        ready = next((s for s in left if all(p in have for p in s.requires)), None)
        if ready is None:
            needs = {s.name: [p for p in s.requires if p not in have] for s in left}
            raise PipelineOrderError(f"no stage can run next; each lacks a part: {needs}")
        left.remove(ready)
        out.append(ready)
        have.update(ready.assigns)
    check_order(out, available)
    return out


def _suggest(stages: Sequence[Stage], available: Iterable[str]) -> str:
    """The order the declarations allow, for the error message, when there is one."""
    try:
        return f"; a valid order: {[s.name for s in derive_order(stages, available)]}"
    except PipelineOrderError:
        return ""


def run_stage(stage: Stage, doc: Document, strict: bool | None = None) -> Document:
    """Run one stage, timing it and wrapping a failure with the stage and article named.

    ``strict`` (default: the ``TIDINGS_STRICT_STAGES`` environment variable) runs the stage
    behind `tidings.guard`, which refuses any part it uses without declaring it.
    """
    t0 = time.perf_counter()
    try:
        guard = strict_default() if strict is None else strict
        out = guarded_call(stage, doc) if guard else stage(doc)
    except TidingsError:
        raise
    except Exception as exc:  # noqa: BLE001 - wrapped with context, re-raised
        raise StageError(stage.name, doc.article.id, exc) from exc
    out.timings[stage.name] = round(out.timings.get(stage.name, 0.0) + time.perf_counter() - t0, 6)
    out.done.update(stage.assigns)
    return out
