"""Noun-phrase work around actor mentions: the whole phrase a name heads, names spelled out
before a bracketed acronym, and single words NER took for people inside group phrases.

"Rebels in the Ivory Coast", "the Red Cross operating in Iraq", "ethnic Albanian guerrillas",
"the Ivory Coast's Supreme Court": analysts (and coders such as PLOVER's) name an actor by the
whole phrase, which says where it is or whom it belongs to. The bare name stays the mention
the resolver links; the phrase is recorded as a further mention of the same actor.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from spacy.tokens import Doc, Token

from tidings.actors.recognize import Candidate
from tidings.actors.wordlists import wordlist


@lru_cache(maxsize=1)
def phrase_lexicon() -> dict[str, Any]:
    """phrases.yaml, its ``leading_drop`` joined with the group lexicon's ``drop_words``."""
    lex = dict(wordlist("phrases"))
    lex["leading_drop"] = [*wordlist("groups")["drop_words"], *lex["leading_drop"]]
    return lex


def np_extents(doc: Doc, start: int, end: int) -> list[tuple[int, int]]:
    """Token ranges of the phrase a mention heads: with its modifiers before it, and with
    those and what follows it (a prepositional or participial phrase, a coordinated bare
    noun). Empty when the mention is itself a modifier ("Israeli" in "Israeli police")."""
    lex = phrase_lexicon()
    span = doc[start:end]
    root = span.root
    if root.dep_ in {"compound", "amod", "poss", "nmod", "npadvmod"} and not (
        start <= root.head.i < end
    ):
        return []
    sent = root.sent
    left = start
    for c in sorted((c for c in root.lefts if c.i < start), key=lambda c: -c.i):
        if c.dep_ not in {"amod", "compound", "nmod", "poss", "npadvmod"} or c.conjuncts:
            break  # "US and British forces": two actors, not one phrase
        if c.right_edge.i != left - 1 and not _only_punct(doc, c.right_edge.i + 1, left):
            break
        left = max(c.left_edge.i, sent.start)
    while left < root.i and (
        doc[left].dep_ in {"det", "predet", "nummod", "quantmod", "case"}
        or doc[left].like_num
        or doc[left].lower_ in lex["leading_drop"]
        or doc[left].is_punct
    ):
        left += 1
    right = end
    for c in sorted((c for c in root.rights if c.i >= end), key=lambda c: c.i):
        if c.left_edge.i != right:
            break
        if c.dep_ == "prep" and c.lower_ in lex["following_preps"] and not _temporal(c):
            right = c.right_edge.i + 1
            break
        if c.dep_ == "acl" and c.tag_ in {"VBN", "VBG"}:
            right = c.right_edge.i + 1
            break
        if c.dep_ == "cc":
            conj = next((x for x in root.rights if x.dep_ == "conj" and x.i == c.i + 1), None)
            if conj is None or conj.pos_ != "NOUN" or list(conj.children):
                break
            right = conj.i + 1
            continue
        break
    cut = next((k for k in range(end, right) if doc[k].text in {",", "(", ";", "--"}), right)
    right = cut  # "the Red Crescent in Bam, Iran": the phrase ends at the comma
    while right > end and (doc[right - 1].is_punct or doc[right - 1].is_space):
        right -= 1
    out = []
    if left != start:  # "About 200 supporters" → "supporters"; "ethnic Albanian guerrillas"
        out.append((left, end))
    if right > end and right - left <= lex["max_tokens"]:
        out.append((left, right))
    return out


def _only_punct(doc: Doc, a: int, b: int) -> bool:
    return all(doc[i].is_punct for i in range(a, b))


def _temporal(prep: Token) -> bool:
    """'on Wednesday', 'in 1988': a time, not where or whose the actor is."""
    return any(t.ent_type_ in {"DATE", "TIME"} for t in prep.subtree)


def acronym_expansions(doc: Doc, cands: list[Candidate]) -> list[Candidate]:
    """'The Nigerian Union of Teachers (NUT)', 'Montenegro Municipality Association (AKK)':
    the capitalised words before a bracketed acronym name one organisation, even where the
    model saw only a demonym or a country in them. Candidates inside the name give way."""
    lex = phrase_lexicon()
    glue = set(lex["name_glue"])
    org_heads = set(lex["organisation_heads"])
    out = list(cands)
    alive = [True] * len(out)
    covering: dict[int, list[int]] = {}  # token -> indexes into `out` of candidates over it
    for k, c in enumerate(out):
        for t in range(c.start, c.end):
            covering.setdefault(t, []).append(k)
    for i, tok in enumerate(doc):
        if tok.text != "(" or i + 2 >= len(doc) or doc[i + 2].text != ")":
            continue
        acro = doc[i + 1].text
        if not (acro.isupper() and 2 <= len(acro) <= 8 and acro.isalpha()):
            continue
        j = i
        while j > tok.sent.start and (doc[j - 1].text[:1].isupper() or doc[j - 1].lower_ in glue):
            j -= 1
        while j < i and (doc[j].lower_ in glue or doc[j].lower_ == "the"):
            j += 1
        words = [t for t in doc[j:i] if t.text[:1].isupper()]
        # a candidate spanning the whole name covers its first token
        if len(words) < 2 or any(alive[k] and i <= out[k].end for k in covering.get(j, ())):
            continue
        initials = "".join(w.text[0] for w in words)
        if initials != acro and doc[i - 1].lower_ not in org_heads:
            continue
        for t in range(j, i):  # candidates inside the name give way
            for k in covering.get(t, ()):
                alive[k] = False
        for t in range(j, i):
            covering.setdefault(t, []).append(len(out))
        out.append(Candidate(j, i, "ORG", None, "ner"))
        alive.append(True)
    return sorted((c for c, keep in zip(out, alive, strict=True) if keep), key=lambda c: c.start)


def drop_modifier_persons(
    doc: Doc, cands: list[Candidate], group_words: set[str]
) -> list[Candidate]:
    """'The main Hutu rebel group', 'a Karen guerrilla stronghold': a one-word 'person'
    modifying a group noun names a people, not a person."""
    out = []
    for c in cands:
        tok = doc[c.start]
        if (
            c.label == "PERSON"
            and c.end - c.start == 1
            and tok.dep_ in {"compound", "amod", "nmod"}
            and tok.head.i > tok.i
            and any(doc[k].lower_ in group_words for k in range(tok.i + 1, tok.head.i + 1))
        ):
            continue
        out.append(c)
    return out
