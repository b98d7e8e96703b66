"""What the parse says about a candidate: is it a date at all, and what tense governs it.

Surface patterns over-find: "May" is a modal, "2000 people" a count, "Black Monday" a name,
"the fall of Baghdad" an event. These checks use the neighbouring words and spaCy's tags and
entities to keep only the temporal readings. Tense comes from the verb the expression hangs
from, because "on Sunday" means the last Sunday in "said on Sunday" and the next in "will meet".
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from tidings.quotes.lexicon import load_cues
from tidings.times.finder import Candidate
from tidings.times.lexicon import Lexicon

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as SpacySpan

# Entities that make a month, weekday or season word part of a name.
_NAME_LABELS = {"PERSON", "ORG", "FAC", "WORK_OF_ART", "PRODUCT", "LAW", "NORP", "GPE", "EVENT"}
# Entities that make a four-digit number something other than a year.
_NUMBER_LABELS = {"MONEY", "PERCENT", "QUANTITY"}
_WORD = re.compile(r"[\w$£€#'’.+-]+")
_LEADERS_ALONE = {
    "in", "since", "until", "till", "by", "from", "to", "through", "during", "before", "after",
    "of", "between", "and", "or", "early", "mid", "late", "last", "next", "this", "that",
    "every", "each", "past", "coming", "mid-", "end", "beginning", "start", "middle", "on",
    "around", "for", "throughout", "following", "earlier", "later", "as",
}  # fmt: skip


def _prev_word(text: str, start: int) -> str:
    words = _WORD.findall(text[max(0, start - 30) : start])
    return words[-1].lower() if words else ""


def _next_word(text: str, end: int) -> str:
    m = _WORD.search(text, end, min(len(text), end + 30))
    return m.group(0).lower().rstrip(".,") if m else ""


def _tokens(doc: Doc | None, start: int, end: int) -> SpacySpan | None:
    if doc is None:
        return None
    return doc.char_span(start, end, alignment_mode="expand")


def _ent_labels(doc: Doc | None, start: int, end: int) -> set[str]:
    span = _tokens(doc, start, end)
    if span is None:
        return set()
    return {t.ent_type_ for t in span if t.ent_type_}


def accept(c: Candidate, text: str, doc: Doc | None, lex: Lexicon, prev: Candidate | None) -> bool:
    """False when the candidate's words are not used as a date here."""
    surface = text[c.start : c.end]
    before = _prev_word(text, c.start)
    labels = _ent_labels(doc, c.start, c.end)
    if "mon" in c.parts:
        mon = c.parts["mon"]
        if mon.islower() and (c.kind == "month" or mon.rstrip(".") not in lex.full_months):
            return False
        if mon.lower() in lex.ambiguous_months and mon.islower():
            return False
    if c.kind == "month":
        mon = c.parts["mon"].lower()
        if labels & _NAME_LABELS and "DATE" not in labels:
            return False
        if _starts_name(c, text, doc):
            return False  # "May Day", "June Carter": the month word starts a name
        if mon in lex.ambiguous_months and "rel" not in c.parts and not c.part:
            return before in _LEADERS_ALONE
        if _sentence_initial(text, c.start) and mon in lex.ambiguous_months:
            return False
        return True
    if c.kind == "weekday":
        if before in lex.name_prefixes and text[c.start - len(before) - 1 : c.start][:1].isupper():
            return False
        return not (labels & (_NAME_LABELS - {"NORP", "GPE"}) and "DATE" not in labels)
    if c.kind == "year":
        return _accept_year(c, text, doc, lex, before, labels)
    if c.kind == "decade" and "dec2" in c.parts:
        if surface[:1] in "'’" or surface.lower().startswith("the"):
            return before not in ("his", "her", "their", "its", "my", "our", "your")
        return bool(prev and prev.kind == "decade" and before in ("and", "or", "to"))
    if c.kind == "season":
        return _accept_season(c, text, doc, before, labels)
    if c.kind == "vague":
        phrase = c.parts["phrase"].lower()
        after = _next_word(text, c.end)
        if phrase == "soon" and before in ("as", "too", "how"):
            return False
        if phrase == "shortly" and after in ("after", "before"):
            return False
        if phrase == "now" and (text[c.end : c.end + 1] == "-" or after == "that"):
            return False  # "the now-cancelled deal", "now that"
        if after.isdigit() or after in lex.numbers:
            return False  # "in the past five years": a duration, not a vague reference
        return True
    if c.kind == "theday":
        if c.parts["word"].lower().split()[0] == "the" and "same" not in c.parts["word"].lower():
            return before in lex.day_anaphor_leaders
        return True
    if c.kind == "year2":
        prev_raw = text[max(0, c.start - 30) : c.start].split()
        return not (
            prev_raw
            and prev_raw[-1][:1].isupper()
            and not _sentence_initial(text, c.start - len(prev_raw[-1]) - 1)
        )  # "iLife '11", "Windows '95": a product's name
    if c.kind == "ymd" and "/" in surface:
        return not (labels & _NUMBER_LABELS)
    return True


def _starts_name(c: Candidate, text: str, doc: Doc | None) -> bool:
    """The word is the first part of a capitalised compound ("May Day"), not "In May Iran..."."""
    span = _tokens(doc, c.start, c.end)
    if span is not None and len(span):
        tok = span[-1]
        head = tok.head
        return tok.dep_ == "compound" and head.i > tok.i and head.text[:1].isupper()
    following = text[c.end : c.end + 30].split("\n")[0].split()
    return bool(following and following[0][:1].isupper() and following[0][:1].isalpha())


def _sentence_initial(text: str, start: int) -> bool:
    head = text[max(0, start - 3) : start].rstrip(" \"'“‘(")
    return start == 0 or not head or head[-1] in ".!?\n"


def _accept_year(
    c: Candidate, text: str, doc: Doc | None, lex: Lexicon, before: str, labels: set[str]
) -> bool:
    year = int(c.parts["y"])
    if c.start >= 2 and text[c.start - 1] == "-" and text[c.start - 2].isdigit():
        return False
    if text[max(0, c.start - 1) : c.start] in ("-", "–") and before not in ("mid", "mid-"):
        return False
    if labels & _NUMBER_LABELS:
        return False
    raw_before = text[max(0, c.start - 30) : c.start].split()
    if (
        labels & {"ORG", "PRODUCT", "FAC", "LAW", "WORK_OF_ART"}
        and raw_before
        and raw_before[-1][:1].isupper()
        and "DATE" not in labels
    ):
        return False  # "Windows 2000"
    after_raw = text[c.end : c.end + 30].split("\n")[0].split()
    if (
        raw_before
        and after_raw
        and raw_before[-1][:1].isupper()
        and after_raw[0][:1].isupper()
        and raw_before[-1].lower().strip(",") not in lex.months
        and not _sentence_initial(text, c.start - len(raw_before[-1]) - 1)
    ):
        return False  # "the Russell 2000 Index": a number inside a name
    after = _next_word(text, c.end)
    if after in lex.non_year_followers:
        return False
    is_date = "DATE" in labels
    if before in lex.non_year_leaders and not is_date:
        return False
    if before in lex.year_leaders or is_date:
        return True
    if year < 1800:
        return False
    span = _tokens(doc, c.start, c.end)
    if span is not None and len(span) == 1:
        tok = span[0]
        if tok.dep_ == "nummod" and tok.head.tag_ == "NNS" and tok.head.i > tok.i:
            return False  # "2000 people"
        if (
            tok.like_num
            and tok.dep_ in ("dobj", "pobj", "nsubj")
            and tok.head.lemma_
            in (
                "of",
                "than",
            )
        ):
            return False
    return True


def _accept_season(c: Candidate, text: str, doc: Doc | None, before: str, labels: set[str]) -> bool:
    if labels & _NAME_LABELS and "DATE" not in labels:
        return False
    if "y" in c.parts or "rel" in c.parts or c.part:
        return True
    word = c.parts["season"]
    span = _tokens(doc, c.start, c.end)
    tok: Token | None = span[-1] if span is not None and len(span) else None
    if tok is not None and tok.pos_ in ("VERB", "AUX"):
        return False  # "prices fall", "spring into action"
    if tok is not None and tok.i > 0 and tok.nbor(-1).pos_ == "PROPN":
        return False  # "Arab Spring", "Prague Spring"
    after = _next_word(text, c.end)
    if after in ("of", "in", "from", "by") and word.lower() == "fall":
        return False  # "the fall of Baghdad", "a fall in prices"
    if word.lower() == "fall":
        return before in _SEASON_LEADERS
    return after != "of"


_SEASON_LEADERS = {
    "in",
    "during",
    "this",
    "last",
    "next",
    "since",
    "until",
    "by",
    "the",
    "early",
    "late",
    "mid",
    "that",
    "each",
    "every",
    "over",
    "through",
    "throughout",
}


# --- tense --------------------------------------------------------------------------------
def governing_verb(doc: Doc, start: int, end: int) -> Token | None:
    """The verb the expression's phrase attaches to, following heads up the tree."""
    span = _tokens(doc, start, end)
    if span is None or not len(span):
        return None
    tok = span.root
    for _ in range(12):
        if tok.pos_ in ("VERB", "AUX") and not (start <= tok.idx < end):
            return tok
        if tok.head.i == tok.i:
            return tok if tok.pos_ in ("VERB", "AUX") else None
        tok = tok.head
    return None


def tense_of(doc: Doc | None, start: int, end: int, lex: Lexicon) -> str | None:
    """``past``, ``present``, ``future`` or None for the clause holding ``[start, end)``."""
    if doc is None:
        return None
    verb = governing_verb(doc, start, end)
    return _verb_tense(verb, lex, 0) if verb is not None else None


def _verb_tense(verb: Token, lex: Lexicon, depth: int) -> str | None:
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    aux_words = {a.lower_ for a in auxes}
    tags = {a.tag_ for a in auxes}
    perfect = any(a.lemma_ == "have" for a in auxes)
    if aux_words & lex.future_auxiliaries or verb.lower_ in lex.future_auxiliaries:
        return "past" if perfect and not aux_words & {"will", "'ll", "shall"} else "future"
    if verb.lemma_.lower() in lex.forward_verbs and verb.tag_ != "VBD":
        return "future"  # "a hearing was scheduled for June 3", "the vote, set for April 4"
    if verb.lower_ == "going" and any(c.dep_ == "xcomp" for c in verb.children):
        return "future"
    if any(a.lower_ == "to" for a in auxes):  # an infinitive: its head decides
        head = verb.head
        if head.i == verb.i or depth >= 4:
            return None
        if head.lemma_.lower() in lex.future_heads or head.pos_ not in ("VERB", "AUX"):
            return "future"  # "plans to meet", "an event to be held on October 12"
        return _verb_tense(head, lex, depth + 1)
    if verb.tag_ == "VBD" or "VBD" in tags:
        return "past"
    if verb.tag_ == "VBN":
        if perfect:
            return "present" if tags & {"VBZ", "VBP"} else "past"
        if tags & {"VBZ", "VBP"}:
            return "present"
        if not auxes and verb.head.i != verb.i and verb.head.pos_ in ("VERB", "AUX"):
            if depth < 4:
                return _verb_tense(verb.head, lex, depth + 1)
        return "past"  # "three people killed on Sunday"
    if verb.tag_ in ("VBZ", "VBP"):
        if verb.lemma_ in _speech_verbs():  # "Iran says": speech, not "Iran expects"
            return "past"  # headline "Iran says on Sunday..."
        return "future" if _due(verb) else "present"
    if verb.tag_ == "VBG":
        if tags & {"VBZ", "VBP"}:
            return "future"  # "is meeting on Friday"
        if tags & {"VBD"}:
            return "past"
        if verb.head.i != verb.i and depth < 4:
            return _verb_tense(verb.head, lex, depth + 1)
    if verb.tag_ == "VB" and verb.head.i != verb.i and depth < 4:
        return _verb_tense(verb.head, lex, depth + 1)
    return None


def _due(verb: Token) -> bool:
    """ "is due / set / scheduled / expected" point forward."""
    return any(
        c.lower_ in ("due", "set", "scheduled", "expected", "slated", "poised")
        for c in verb.children
    )


@lru_cache(maxsize=1)
def _speech_verbs() -> frozenset[str]:
    """The speech verbs of quotes/data/cues.yaml: a headline's present "says" tells a past act,
    a present "expects" or "believes" does not."""
    cues = load_cues()
    return frozenset(v for v, cls in cues.verbs.items() if cues.kind_of(cls) == "speech")
