"""Unnamed sources: "a senior official", "aides", "three callers", "the campaign", "sources".

The actors stage names people and bodies; news also attributes to people it does not name. When
the subject of a reporting verb names no actor but is a noun of people, a body or a document
(``data/sources.yaml``), it becomes a source actor of its own, so that the quote says who spoke
("aides") rather than nobody or the nearest name. A document speaks for its maker when the text
names one ("the authorities released a paper that said": the authorities).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

from tidings.model import ACTOR_KINDS, Actor
from tidings.quotes.context import Context

if TYPE_CHECKING:
    from spacy.tokens import Token

SOURCES_FILE = Path(__file__).parent / "data" / "sources.yaml"
# Words that open a source phrase but are not part of its name.
_LEADING = {"the", "a", "an"}
# Ids of source actors start with this (actors the actors stage made never do).
SOURCE_PREFIX = "src-"


@dataclass(frozen=True)
class SourceLexicon:
    """The sources file, by word."""

    kinds: dict[str, str]  # "aides" -> "unknown", "callers" -> "civilians"
    documents: frozenset[str]
    making_verbs: frozenset[str]
    notes: dict[str, str]
    gender_words: dict[str, str]  # "mrs." -> "female"
    pronoun_gender: dict[str, str]  # "she" -> "female"
    continuing: frozenset[str]  # "add": "he added" goes on with the last speaker
    recordings: frozenset[str]  # "footage of X asking": X speaks, not the footage


@lru_cache(maxsize=1)
def source_lexicon(path: Path = SOURCES_FILE) -> SourceLexicon:
    """The sources file, read once and checked (every kind an actor kind)."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    kinds: dict[str, str] = {}
    for kind, words in data["people"].items():
        if kind not in ACTOR_KINDS:
            raise ValueError(f"{path}: {kind!r} is not an actor kind")
        kinds.update({w.lower(): kind for w in words})
    return SourceLexicon(
        kinds=kinds,
        documents=frozenset(w.lower() for w in data["documents"]),
        making_verbs=frozenset(w.lower() for w in data["making_verbs"]),
        notes={str(k): str(v) for k, v in data["notes"].items()},
        gender_words={w.lower(): g for g, ws in data["gender"].items() for w in ws},
        pronoun_gender={w.lower(): g for g, ws in data["gendered_pronouns"].items() for w in ws},
        continuing=frozenset(w.lower() for w in data["continuing_cues"]),
        recordings=frozenset(w.lower() for w in data["recordings"]),
    )


def is_document(tok: Token) -> bool:
    lex = source_lexicon()
    return tok.pos_ == "NOUN" and (
        tok.lower_ in lex.documents or tok.lemma_.lower() in lex.documents
    )


def source_kind(tok: Token) -> str | None:
    """The actor kind an unnamed subject noun gives its source, or None for no source noun."""
    if tok.pos_ not in ("NOUN", "PROPN"):
        return None
    if tok.pos_ == "PROPN" and tok.ent_type_ == "PERSON":
        return "person"  # a name the actors stage left alone
    kinds = source_lexicon().kinds
    return kinds.get(tok.lower_) or kinds.get(tok.lemma_.lower())


def maker_of(doc_tok: Token) -> Token | None:
    """Who made a document: "X released a paper", "X's report", "a report by X"."""
    for c in doc_tok.children:
        if c.dep_ == "poss" and c.pos_ in ("PROPN", "NOUN"):
            return c
        if c.dep_ == "prep" and c.lower_ in ("by", "from"):
            obj = next((x for x in c.children if x.dep_ == "pobj"), None)
            if obj is not None:
                return obj
    verb = doc_tok.head
    if doc_tok.dep_ == "dobj" and verb.lemma_.lower() in source_lexicon().making_verbs:
        subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subj is not None and subj.pos_ in ("PROPN", "NOUN"):
            return subj
        if subj is not None and subj.lower_ in ("which", "who", "that") and verb.dep_ == "relcl":
            return subj  # "Ruiz, who filed the petition": the relative names its antecedent
    return None


def same_documents(doc_tok: Token) -> list[Token]:
    """Other mentions of a definite document ("the petition") in the article, nearest first
    and those before it first: where the text says who made it."""
    if not any(c.dep_ == "det" and c.lower_ == "the" for c in doc_tok.children):
        return []
    lemma = doc_tok.lemma_.lower()
    doc = doc_tok.doc
    others = [t for t in doc if t.i != doc_tok.i and t.lemma_.lower() == lemma]
    return sorted(others, key=lambda t: (t.i > doc_tok.i, abs(t.i - doc_tok.i)))


def recorded(tok: Token) -> Token | None:
    """ "Footage of Ana Ruiz asking …", "a video of the senator saying …": a recording speaks
    with the voice of whoever it records, the object of its "of"."""
    if tok.lemma_.lower() not in source_lexicon().recordings and (
        tok.lower_ not in source_lexicon().recordings
    ):
        return None
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ == "of":
            return next((x for x in c.children if x.dep_ == "pobj"), None)
    return None


def document_before(tok: Token) -> Token | None:
    """A document noun the parser detached from its relative clause ("a paper on religion
    that said": the clause hangs on "religion"): the nearest document noun before ``tok``
    in the same sentence, with only its modifiers and a prepositional tail between."""
    sent = tok.sent
    for t in reversed(list(tok.doc[sent.start : tok.i])):
        if is_document(t):
            return t
        if t.pos_ in ("VERB", "AUX") or t.text in (";", ":"):
            return None
    return None


def source_actor(ctx: Context, tok: Token, phrase: list[Token]) -> str | None:
    """The source actor an unnamed subject phrase stands for, made (or reused) on demand:
    "Five officers" and "officers" are one source (the head and its compounds name it)."""
    kind = source_kind(tok)
    if kind is None:
        return None
    toks = [t for t in phrase if not t.is_punct]
    while toks and toks[0].lower_ in _LEADING:
        toks = toks[1:]
    if not toks:
        return None
    start, end = toks[0].idx, toks[-1].idx + len(toks[-1].text)
    naming = [t.lemma_.lower() for t in toks if t.dep_ == "compound" or t.i == tok.i]
    return add_source(ctx, start, end, kind, " ".join(naming))


def add_source(ctx: Context, start: int, end: int, kind: str, key: str | None = None) -> str:
    """The source actor keyed by ``key`` (by default the name ``text[start:end]``, case
    aside), made on first use and named by its first mention; this mention added to it."""
    d = ctx.d
    name = d.text[start:end]
    key = re.sub(r"\s+", " ", (key or name).casefold())
    aid = SOURCE_PREFIX + (re.sub(r"[^\w]+", "-", key).strip("-") or "source")
    actor = d.actor(aid)
    if actor is None:
        actor = Actor.model_validate({"id": aid, "name": name, "kind": kind})
        d.actors.append(actor)
    # Kept on the actor only: the events stage reads `d.mentions` for sources and targets, and
    # an unnamed source ("people", "the mayor") there would displace the actor it stands for.
    if all(m.start != start for m in actor.mentions):
        actor.mentions.append(d.span(start, end))
    return aid


def speaker_note(speaker: str | None, note: str | None, kind: str) -> str | None:
    """The note a quote carries: none when it has a speaker or is a term; a quotation with no
    reporting clause says so."""
    if speaker is not None or kind == "term":
        return None
    return note or source_lexicon().notes["no_cue"]


def why_none(ctx: Context, tok: Token | None) -> str:
    """The ``speaker_note`` of a quote whose reporting clause names nobody."""
    notes = source_lexicon().notes
    if tok is None:
        return notes["no_subject"]
    if tok.pos_ == "PRON":
        return notes["empty"] if tok.lower_ in ctx.cues.empty_subjects else notes["pronoun"]
    return notes["phrase"]


def gender_of(ctx: Context, actor_id: str) -> str | None:
    """A person's gender as the text tells it: an honorific or gendered title right before one
    of the actor's mentions, or in one of its roles; None when the text does not say or says
    both."""
    actor = ctx.d.actor(actor_id)
    if actor is None or actor.kind != "person":
        return None
    words = source_lexicon().gender_words
    found: set[str] = set()
    for role in actor.roles:
        found.update(words[w] for w in role.title.lower().split() if w in words)
    for m in actor.mentions:
        first = ctx.token_at(m.start)
        if first is None:
            continue
        inside = first.doc[first.i : first.i + 2]  # "Mrs. Ana Ruiz" as one mention
        before = first.doc[max(0, first.i - 2) : first.i]
        found.update(words[t.lower_] for t in [*before, *inside] if t.lower_ in words)
    return found.pop() if len(found) == 1 else None


def agrees(ctx: Context, actor_id: str, pronoun: str) -> bool:
    """False only when the pronoun's gender and the person's known gender differ."""
    want = source_lexicon().pronoun_gender.get(pronoun.lower())
    if want is None:
        return True
    got = gender_of(ctx, actor_id)
    return got is None or got == want
