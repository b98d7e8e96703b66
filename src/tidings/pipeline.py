"""Builds the configured pipeline and runs articles through it.

`Pipeline` owns the spaCy model and the stage list; `analyze` turns a text or an `Article` into
an `Analysis`. Input is checked first (empty, binary, too large, not English) so a bad document
fails with a message naming it instead of yielding nonsense.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from tidings import __version__
from tidings.actors.kb import KnowledgeBase, load_kb
from tidings.document import Document
from tidings.errors import InputError
from tidings.language import detect_language
from tidings.model import Analysis, Article
from tidings.nlp import DEFAULT_MODEL, NlpStage, load_spacy, model_version, spacy_version
from tidings.stage import Stage, check_order, run_stage
from tidings.structure import StructureStage

MAX_CHARS = 1_000_000


class LinkEventsStage(Stage):
    """Gives each event its place (from its clause) and date (clause, dateline, publication)."""

    name = "event_links"
    requires = ("events", "places", "times")
    assigns = ()

    def __call__(self, d: Document) -> Document:
        from tidings.places import link_event_places
        from tidings.times import link_event_dates

        link_event_places(d)
        link_event_dates(d)
        return d


def build_stages(
    nlp: Language,
    actor_files: Sequence[str | Path] = (),
    parse: bool = True,
    kb: KnowledgeBase | None = None,
) -> list[Stage]:
    """The default stage list; ``parse=False`` leaves the parse to a caller's spaCy pipeline."""
    from tidings.actors.stage import ActorStage
    from tidings.events import EventStage
    from tidings.places import PlaceStage
    from tidings.quantities import QuantitiesStage
    from tidings.quotes import QuoteStage
    from tidings.times import TimesStage

    kb = kb if kb is not None else load_kb(actor_files)
    stages: list[Stage] = [StructureStage()]
    if parse:
        stages.append(NlpStage(nlp))
    stages += [
        ActorStage(nlp, kb),
        PlaceStage(kb=kb),
        QuoteStage(),
        EventStage(kb=kb),
        QuantitiesStage(),
        TimesStage(),
        LinkEventsStage(),
    ]
    return stages


def check_text(text: str, source: str, max_chars: int = MAX_CHARS) -> str:
    """Refuse input that cannot be news text; return it with newlines unified."""
    if not text.strip():
        raise InputError(source, "empty text: nothing to analyse")
    if "\x00" in text:
        raise InputError(source, "binary data (NUL bytes), not text")
    control = sum(1 for ch in text if ord(ch) < 32 and ch not in "\n\r\t\f")
    if control > max(3, len(text) // 100):
        raise InputError(source, f"binary data ({control} control characters), not text")
    if len(text) > max_chars:
        raise InputError(
            source, f"text has {len(text):,} characters; the limit is {max_chars:,} (max_chars)"
        )
    return text.replace("\r\n", "\n").replace("\r", "\n")


def decode_bytes(data: bytes, source: str) -> str:
    """UTF-8 (with or without BOM) or a clear error naming the input."""
    if b"\x00" in data[:8192]:
        raise InputError(source, "binary data (NUL bytes), not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            source, f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start})"
        ) from exc


@dataclass
class Pipeline:
    """The configured Tidings pipeline: a spaCy model plus the checked stage list."""

    nlp: Language
    stages: list[Stage]
    max_chars: int = MAX_CHARS
    models: dict[str, str] = field(default_factory=dict)

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
            d = run_stage(st, d)
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


def load(model: str = DEFAULT_MODEL, actors: Sequence[str | Path] = ()) -> Pipeline:
    """The configured pipeline: the installed spaCy model ``model`` and the actor KB."""
    nlp = load_spacy(model)
    return Pipeline(nlp=nlp, stages=build_stages(nlp, actor_files=actors))


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
