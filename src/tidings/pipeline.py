"""Builds the configured pipeline and runs articles through it.

`Pipeline` owns the spaCy model and the stage list; `analyze` turns a text or an `Article` into
an `Analysis`. Input is checked first (empty, binary, too large, not English) so a bad document
fails with a message naming it instead of yielding nonsense.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from tidings.actors.kb import KnowledgeBase
from tidings.config import StageContext, make_stages, read_config
from tidings.document import Document
from tidings.events.link_stage import LinkEventsStage
from tidings.language import detect_language
from tidings.model import Analysis, Article
from tidings.nlp import DEFAULT_MODEL, load_spacy, model_version, spacy_version
from tidings.stage import Stage, check_order, run_stage
from tidings.textcheck import MAX_CHARS, check_text, decode_bytes
from tidings.version import __version__

# check_text, decode_bytes and MAX_CHARS live in `tidings.textcheck`; re-exported for old imports.
__all__ = [
    "MAX_CHARS",
    "LinkEventsStage",
    "Pipeline",
    "analyze_parsed",
    "build_stages",
    "check_text",
    "decode_bytes",
    "load",
]


def build_stages(
    nlp: Language,
    actor_files: Sequence[str | Path] = (),
    parse: bool = True,
    kb: KnowledgeBase | None = None,
    config: str | Path | Mapping[str, Any] | None = None,
) -> list[Stage]:
    """The configured stage list: the package's ``data/pipeline.yaml`` with ``config`` (a dict
    or a file) merged over it. ``parse=False`` leaves the parse to a caller's spaCy pipeline."""
    context = StageContext(nlp, actor_files, kb)
    return make_stages(read_config(config), context, skip=() if parse else ("nlp",))


@dataclass
class Pipeline:
    """The configured Tidings pipeline: a spaCy model plus the checked stage list."""

    nlp: Language
    stages: list[Stage]
    max_chars: int = MAX_CHARS
    models: dict[str, str] = field(default_factory=dict)
    # run each stage behind the contract guard (None: the TIDINGS_STRICT_STAGES variable)
    strict: bool | None = None

    def __post_init__(self) -> None:
        check_order(self.stages)

    @property
    def stage_names(self) -> list[str]:
        return [s.name for s in self.stages]

    def make_article(
        self,
        text_or_article: str | Article,
        published: dt.date | str | None = None,
        title: str | None = None,
        source: str = "<text>",
    ) -> Article:
        if isinstance(text_or_article, Article):
            art = text_or_article
            art.text = check_text(art.text, art.url or source, self.max_chars)
        else:
            text = check_text(text_or_article, source, self.max_chars)
            art = Article(text=text, title=title)
        if published is not None:
            art.published = (
                dt.date.fromisoformat(published) if isinstance(published, str) else published
            )
        if title is not None:
            art.title = title
        return art

    def run(self, article: Article) -> Document:
        """Run every stage on one article and return the `Document` (for stage-level access)."""
        d = Document(article=article)
        if skipped_language(d):
            return d
        for st in self.stages:
            d = run_stage(st, d, self.strict)
        return d

    def analyze(
        self,
        text_or_article: str | Article,
        published: dt.date | str | None = None,
        title: str | None = None,
        source: str = "<text>",
    ) -> Analysis:
        """Analyse one text or `Article` into an `Analysis`."""
        article = self.make_article(text_or_article, published, title, source)
        t0 = time.perf_counter()
        d = self.run(article)
        d.timings["total"] = round(time.perf_counter() - t0, 6)
        return d.to_analysis(__version__)

    def pipe(self, articles: Iterable[Article]) -> Iterator[Analysis]:
        """Analyse many articles (one at a time; the NLP stage batches when used directly)."""
        for a in articles:
            yield self.analyze(a)


def skipped_language(d: Document) -> bool:
    """Mark a document not in English as skipped (the one behaviour of the CLI, the API and
    the spaCy component): only English is analysed."""
    lang = detect_language(d.article.text)
    if d.article.language is None:
        d.article.language = lang
    if lang == "en":
        return False
    d.status = f"skipped: language={lang}"
    d.warnings.append(f"article language is {lang!r}; only English is analysed")
    return True


def load(
    model: str = DEFAULT_MODEL,
    actors: Sequence[str | Path] = (),
    config: str | Path | Mapping[str, Any] | None = None,
) -> Pipeline:
    """The configured pipeline: the installed spaCy model ``model``, the actor KB, and the
    stages of the default config with ``config`` (a dict or a file) merged over it."""
    nlp = load_spacy(model)
    return Pipeline(nlp=nlp, stages=build_stages(nlp, actor_files=actors, config=config))


def analyze_parsed(
    doc: Doc,
    stages: Sequence[Stage],
    published: dt.date | None = None,
    nlp: Language | None = None,
) -> Analysis:
    """Run Tidings' stages on a `Doc` parsed by someone else's spaCy pipeline."""
    check_order(stages, available=("article", "doc"))
    d = Document(article=Article(text=doc.text, published=published), doc=doc)
    d.models["spacy"] = spacy_version()
    if nlp is not None:
        d.models["pipeline"] = model_version(nlp)
    if skipped_language(d):
        return d.to_analysis(__version__)
    for st in stages:
        d = run_stage(st, d)
    return d.to_analysis(__version__)
