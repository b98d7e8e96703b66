"""The ``tidings`` spaCy component: Tidings' stages after a user's own parse.

Registered through the ``spacy_factories`` entry point, so ``nlp.add_pipe("tidings")`` works in
any pipeline once Tidings is installed; the result lands on ``doc._.tidings`` as an `Analysis`.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc


class TidingsComponent:
    """Runs every Tidings stage except the parse on an already parsed `Doc`."""

    def __init__(self, nlp: Language, name: str, published: str | None, actors: list[str]) -> None:
        self.nlp = nlp
        self.name = name
        self.published = dt.date.fromisoformat(published) if published else None
        self.actor_files = list(actors)
        self._stages: list[Any] | None = None

    def __call__(self, doc: Doc) -> Doc:
        from tidings.pipeline import analyze_parsed, build_stages

        if self._stages is None:
            self._stages = build_stages(self.nlp, actor_files=self.actor_files, parse=False)
        doc._.tidings = analyze_parsed(doc, self._stages, published=self.published, nlp=self.nlp)
        return doc


@Language.factory(
    "tidings",
    default_config={"published": None, "actors": []},
    requires=["doc.sents", "token.dep", "token.lemma"],
    assigns=["doc._.tidings"],
)
def make_tidings_component(
    nlp: Language, name: str, published: str | None, actors: list[str]
) -> TidingsComponent:
    if not Doc.has_extension("tidings"):
        Doc.set_extension("tidings", default=None)
    return TidingsComponent(nlp, name, published, actors)
