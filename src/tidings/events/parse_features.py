"""What the dependency parse says about a sentence's event, as pseudo-words for the classifier.

A bag of words cannot tell "the army took back the town" from "the town took the army to court";
the parse can. For each sentence root (and the verb an ``xcomp`` hangs from it) the classifier
reads the root's lemma, its particle, the heads of its object, complement and prepositions, and
whether it is negated; and the lemma of every verb of the sentence. The words are prefixed so
that no real word collides with them.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Doc, Span, Token

MARK = "zzdep"  # the prefix of every parse pseudo-word
_HEADED = {"dobj": "obj", "attr": "obj", "xcomp": "x", "ccomp": "c", "prep": "prep", "prt": "prt"}


def _lemma(t: Token) -> str:
    return "".join(ch for ch in t.lemma_.lower() if ch.isalnum()) or "x"


def _root_marks(root: Token) -> list[str]:
    """The root's lemma and its frame: particle, object, complements, prepositions, negation."""
    r = _lemma(root)
    marks = [f"{MARK}root{r}"]
    for c in root.children:
        role = _HEADED.get(c.dep_)
        if role is not None:
            marks.append(f"{MARK}{role}{r}_{_lemma(c)}")
        if c.dep_ == "neg":
            marks.append(f"{MARK}neg")
        if c.dep_ == "xcomp":
            marks.append(f"{MARK}xroot{_lemma(c)}")
    return marks


def parse_marks(sent: Span | Doc) -> tuple[str, ...]:
    """The parse pseudo-words of a sentence (or of every sentence of a short text)."""
    roots: Iterable[Token] = [sent.root] if isinstance(sent, Span) else [s.root for s in sent.sents]
    marks = [m for root in roots for m in _root_marks(root)]
    marks += [f"{MARK}verb{_lemma(t)}" for t in sent if t.pos_ == "VERB"]
    return tuple(marks)


def marks_of_texts(texts: list[str]) -> list[tuple[str, ...]]:
    """Each text parsed alone by the pipeline's spaCy model (training and the benchmark)."""
    from tidings.nlp import load_spacy

    nlp = load_spacy()
    return [parse_marks(doc) for doc in nlp.pipe(texts, batch_size=64)]
