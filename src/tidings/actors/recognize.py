"""Finding actor mentions: the knowledge base's names first, spaCy's NER beside it.

spaCy's small model tags Kataib Hezbollah and Tasnim as persons and misses most mentions of the
IRGC; a phrase matcher over every KB surface form finds them with the right kind, and NER adds
the people and organisations the KB does not know.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from tidings.actors.kb import KnowledgeBase
from tidings.actors.wordlists import wordlist

NER_ACTOR_LABELS = {"PERSON", "ORG", "NORP", "GPE"}


@dataclass
class Candidate:
    """A mention before grouping: token range, and what found it."""

    start: int  # token index
    end: int  # token index, exclusive
    label: str  # PERSON | ORG | NORP | GPE | KB
    kb_id: str | None = None
    how: str = "name"  # name | demonym | metonym | pejorative | ner

    def chars(self, doc: Doc) -> tuple[int, int]:
        span = doc[self.start : self.end]
        return span.start_char, span.end_char


class KBMatcher:
    """Phrase matchers over the KB's surface forms (case-folded, and as-written for acronyms)."""

    def __init__(self, nlp: Language, kb: KnowledgeBase) -> None:
        self.kb = kb
        self.lower = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.info: dict[str, tuple[str, str]] = {}
        by_key: dict[tuple[str, bool], list[str]] = {}
        for text, kb_id, how, cs in kb.surface_forms():
            key = f"{kb_id}|{how}"
            self.info[key] = (kb_id, how)
            by_key.setdefault((key, cs), []).append(text)
        for (key, cs), texts in by_key.items():
            docs = [nlp.make_doc(t) for t in sorted(set(texts))]
            (self.exact if cs else self.lower).add(key, docs)

    def __call__(self, doc: Doc) -> list[Candidate]:
        out = []
        vocab = doc.vocab
        for matcher in (self.exact, self.lower):
            for match_id, start, end in matcher(doc):
                kb_id, how = self.info[vocab.strings[match_id]]
                if how == "name" and _lowercase_common(doc[start:end]):
                    continue
                if how == "name" and _inside_quoted_title(doc, start, end):
                    continue
                if how == "metonym" and _locative(doc[start:end]):
                    continue
                if how == "demonym" and start > 0 and doc[start - 1].lower_ in _REGION_WORDS:
                    continue  # "Latin American countries" are no American ones
                out.append(Candidate(start, end, "KB", kb_id, how))
        return out


# Words that turn a demonym into a region's: "Latin American", "South American", "Central Asian".
_REGION_WORDS = {
    "latin", "south", "north", "central", "east", "west", "southeast", "northeast", "southwest",
    "northwest", "sub-saharan",
}  # fmt: skip


def _lowercase_common(span: SpacySpan) -> bool:
    """A KB name written all in lower case mid-sentence is usually an ordinary word."""
    return span.text.islower() and span.start > 0 and not span.doc[span.start].is_sent_start


def _inside_quoted_title(doc: Doc, start: int, end: int, limit: int = 8) -> bool:
    """'the "GM Total Confidence" program': a KB name inside a short quoted title of capitalised
    words names a thing (a programme, a campaign, a work), not the actor. Quoted speech
    ('"Iran is lying," he said') has lower-case words and keeps its actors."""
    sent = doc[start].sent
    i = start - 1
    while i >= max(sent.start, start - limit) and doc[i].text not in _QUOTES:
        i -= 1
    j = end
    while j < min(sent.end, end + limit) and doc[j].text not in _QUOTES:
        j += 1
    if i < sent.start or j >= sent.end or doc[i].text not in _QUOTES or doc[j].text not in _QUOTES:
        return False
    inner = doc[i + 1 : j]
    if len(inner) <= end - start or len(inner) > limit:
        return False
    return all(t.is_punct or t.like_num or t.text[:1].isupper() for t in inner)


_LOCATIVE_PREPS = {
    "in",
    "at",
    "from",
    "to",
    "near",
    "into",
    "outside",
    "inside",
    "across",
    "around",
}


def _locative(span: SpacySpan) -> bool:
    """'in Tehran' is a place; 'Tehran's fears' or 'Tehran said' is the government, and so is
    the state a diplomat is posted to ('its ambassador to Moscow')."""
    root = span.root
    if root.dep_ == "pobj" and root.head.lower_ == "to" and _posting(root.head.head):
        return False
    return (
        root.dep_ == "pobj"
        and root.head.lower_ in _LOCATIVE_PREPS
        or (span.start > 0 and span.doc[span.start - 1].lower_ in _LOCATIVE_PREPS)
    )


def _posting(tok: Token) -> bool:
    """A diplomat's or a mission's noun, whose "to" names the state it is accredited to."""
    return tok.lemma_.lower() in set(wordlist("groups")["posting_nouns"])


@lru_cache(maxsize=4)
def _matcher_for(nlp_id: int, kb_id: int, nlp: Language, kb: KnowledgeBase) -> KBMatcher:
    return KBMatcher(nlp, kb)


def kb_matcher(nlp: Language, kb: KnowledgeBase) -> KBMatcher:
    """One matcher per (pipeline, KB), built once: building it tokenises every name."""
    return _matcher_for(id(nlp), id(kb), nlp, kb)


def ner_candidates(doc: Doc) -> list[Candidate]:
    out = []
    for ent in doc.ents:
        if ent.label_ not in NER_ACTOR_LABELS:
            continue
        start, end = ent.start, ent.end
        while start < end and doc[start].lower_ in {"the", "a", "an"}:
            start += 1
        while end > start and (doc[end - 1].is_punct or doc[end - 1].lower_ in {"'s", "’s"}):
            end -= 1
        if end > start and not _quoted_name(doc, start, end):
            out.append(Candidate(start, end, ent.label_, None, "ner"))
    return out


_QUOTES = {'"', "“", "”", "'", "‘", "’", "``", "''", "«", "»"}


def _quoted_name(doc: Doc, start: int, end: int) -> bool:
    """'the "GM Total Confidence" program': a name in quotation marks names a thing (a
    programme, a campaign, a work), not an actor."""
    return (
        start > 0
        and end < len(doc)
        and doc[start - 1].text in _QUOTES
        and (doc[end].text in _QUOTES)
    )


def merge_candidates(kb: list[Candidate], ner: list[Candidate]) -> list[Candidate]:
    """Longest KB match wins; an NER entity survives where no KB match overlaps it.

    An NER person that strictly contains a KB match ("Hossein Salami" never does, but
    "Tasnim Rahimi" might) keeps the NER reading.
    """
    kb_sorted = sorted(kb, key=lambda c: (-(c.end - c.start), c.start))
    chosen: list[Candidate] = []
    dropped: set[int] = set()  # ids of chosen KB matches a person's name took over
    owner: dict[int, Candidate] = {}  # token -> the chosen candidate covering it
    for c in kb_sorted:
        if any(i in owner for i in range(c.start, c.end)):
            continue
        chosen.append(c)
        owner.update((i, c) for i in range(c.start, c.end))
    for c in ner:
        covering = (owner.get(i) for i in range(c.start, c.end))
        overlap = list({id(k): k for k in covering if k is not None}.values())
        if not overlap:
            chosen.append(c)
            owner.update((i, c) for i in range(c.start, c.end))
        elif _name_contains_kb_word(c, overlap):
            dropped.add(id(overlap[0]))
            chosen.append(c)
            owner.update((i, c) for i in range(c.start, c.end))
    return sorted((c for c in chosen if id(c) not in dropped), key=lambda c: c.start)


def _name_contains_kb_word(person: Candidate, overlap: list[Candidate]) -> bool:
    """A two-word-or-longer person name wins over one KB word inside it ("Jordan Peterson")."""
    if person.label != "PERSON" or person.end - person.start < 2 or len(overlap) != 1:
        return False
    k = overlap[0]
    return k.end - k.start == 1 and person.start <= k.start and k.end <= person.end
