"""Enforced stage contracts: a stage sees only the parts it declares.

With the guard on (``TIDINGS_STRICT_STAGES=1``, which the test suite sets), `run_stage` hides
every part a stage neither requires nor assigns behind a stand-in that raises on any use, hides
the parts it only assigns until it writes them, and afterwards refuses a write to a part it
did not declare. So a declaration that lies fails the tests instead of a later refactor.
Off by default: the check costs time and a correct pipeline never trips it.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

from tidings.document import PARTS, PLACE_SPANS, Document
from tidings.errors import PipelineOrderError

if TYPE_CHECKING:
    from tidings.stage import Stage

ENV = "TIDINGS_STRICT_STAGES"
# Parts kept in a Document attribute of the same name ("article" is always readable).
_ATTRIBUTE_PARTS = tuple(p for p in PARTS if p not in {"article", "structure", "place_spans"})


class ContractError(PipelineOrderError):
    """A stage read or wrote a part it does not declare."""


def strict_default() -> bool:
    """True when the environment asks for the guard (the test suite does)."""
    return os.environ.get(ENV, "") not in {"", "0", "false", "no"}


class _Hidden:
    """Stands in for a part the running stage may not read; any use of it raises."""

    __slots__ = ("_message",)

    def __init__(self, message: str) -> None:
        object.__setattr__(self, "_message", message)

    def _refuse(self, *_: Any, **__: Any) -> Any:
        raise ContractError(object.__getattribute__(self, "_message"))

    def __getattr__(self, name: str) -> Any:
        self._refuse()

    def __repr__(self) -> str:
        return "<hidden part>"

    __getitem__ = __iter__ = __len__ = __bool__ = __contains__ = _refuse
    __eq__ = __ne__ = __lt__ = __gt__ = __hash__ = __str__ = __format__ = _refuse  # type: ignore[assignment]


def _spans(d: Document) -> dict[str, Any] | None:
    """The raw dict behind the Doc's span groups (bypassing spaCy's conversion)."""
    doc = d.__dict__.get("doc")
    return None if doc is None or isinstance(doc, _Hidden) else doc.spans.data


def _get(d: Document, part: str) -> Any:
    if part == "structure":
        return d.article.__dict__["structure"]
    if part == "place_spans":
        spans = _spans(d)
        return None if spans is None else spans.get(PLACE_SPANS)
    return d.__dict__[part]


def _set(d: Document, part: str, value: Any) -> None:
    if part == "structure":
        d.article.__dict__["structure"] = value
    elif part == "place_spans":
        spans = _spans(d)
        if spans is not None and value is None:
            spans.pop(PLACE_SPANS, None)
        elif spans is not None:
            spans[PLACE_SPANS] = value
    else:
        d.__dict__[part] = value


def _fingerprint(d: Document, part: str) -> object:
    """Enough of a part to see that a stage changed it (the parse itself is not compared)."""
    value = _get(d, part)
    if part == "doc":
        return id(value)
    if part == "place_spans":
        return None if value is None else [(s.start_char, s.end_char, s.label_) for s in value]
    return repr(value)


def guarded_call(stage: Stage, d: Document) -> Document:
    """Run ``stage`` on ``d`` with undeclared parts hidden; raise `ContractError` on a breach."""
    requires, assigns = set(stage.requires), set(stage.assigns)
    hidden = [p for p in PARTS if p != "article" and p not in requires]
    kept = [p for p in PARTS if p in requires and p not in assigns and p != "article"]
    before = {p: _fingerprint(d, p) for p in kept}
    # place_spans lives on the Doc: hide it first, and put the Doc back last
    order = sorted(hidden, key=lambda p: p == "doc")
    saved: dict[str, Any] = {}
    for p in order:
        saved[p] = _get(d, p)
        verb = "assigns but read before writing it" if p in assigns else "does not declare"
        if saved[p] is not None or p in _ATTRIBUTE_PARTS:
            _set(d, p, _Hidden(f"stage {stage.name!r} used part {p!r}, which it {verb}"))
    try:
        out = stage(d)
    finally:
        wrote = _restore(d, saved, assigns)
    if wrote:
        raise ContractError(f"stage {stage.name!r} wrote {wrote}, which it does not assign")
    changed = [p for p, fp in before.items() if _fingerprint(out, p) != fp]
    if changed:
        raise ContractError(f"stage {stage.name!r} changed {changed}, which it does not assign")
    return out


def _restore(d: Document, saved: dict[str, Any], assigns: set[str]) -> list[str]:
    """Put hidden parts back; return the undeclared ones the stage replaced."""
    wrote = []
    for p in sorted(saved, key=lambda p: p != "doc"):
        now = _get(d, p)
        if isinstance(now, _Hidden) or (now is None and saved[p] is None):
            _set(d, p, saved[p])
        elif p not in assigns:
            wrote.append(p)
            _set(d, p, saved[p])
    return wrote
