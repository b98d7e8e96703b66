"""The ``tidings`` spaCy component: Tidings' stages after a user's own parse.

Registered through the ``spacy_factories`` entry point, so ``nlp.add_pipe("tidings")`` works in
any pipeline once Tidings is installed; the result lands on ``doc._.tidings`` as an `Analysis`.
Each document may carry its own publication date, which anchors relative dates ("on Monday"):
set ``doc._.published``, or pass ``(text, {"published": "2020-01-27"})`` tuples to
``nlp.pipe(..., as_tuples=True)``. The component's ``published`` setting is the fallback.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc


def as_date(value: object) -> dt.date | None:
    """A date from a date, a datetime or an ISO string; None for anything else."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and value.strip():
        return dt.date.fromisoformat(value.strip()[:10])
    return None


def published_of(doc: Doc) -> dt.date | None:
    """The document's own date: ``doc._.published``, else the ``nlp.pipe`` context's."""
    own = as_date(doc._.published) if Doc.has_extension("published") else None
    if own is not None:
        return own
    context = getattr(doc, "_context", None)
    if isinstance(context, Mapping):
        context = context.get("published")
    return as_date(context)


class TidingsComponent:
    """Runs every Tidings stage except the parse on an already parsed `Doc`."""

    def __init__(
        self,
        nlp: Language,
        name: str,
        published: str | None,
        actors: list[str],
        config: dict[str, Any] | None = None,
    ) -> None:
        self.nlp = nlp
        self.name = name
        self.published = as_date(published)
        self.actor_files = list(actors)
        self.config = config or None
        self._stages: list[Any] | None = None

    def __call__(self, doc: Doc) -> Doc:
        from tidings.pipeline import analyze_parsed, build_stages

        if self._stages is None:
            self._stages = build_stages(
                self.nlp, actor_files=self.actor_files, parse=False, config=self.config
            )
        published = published_of(doc) or self.published
        doc._.tidings = analyze_parsed(doc, self._stages, published=published, nlp=self.nlp)
        return doc


@Language.factory(
    "tidings",
    default_config={"published": None, "actors": [], "config": {}},
    requires=["doc.sents", "token.dep", "token.lemma"],
    assigns=["doc._.tidings"],
)
def make_tidings_component(
    nlp: Language, name: str, published: str | None, actors: list[str], config: dict[str, Any]
) -> TidingsComponent:
    for ext in ("tidings", "published"):
        if not Doc.has_extension(ext):
            Doc.set_extension(ext, default=None)
    return TidingsComponent(nlp, name, published, actors, config)
