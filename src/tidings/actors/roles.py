"""Titles, ranks and offices around a person's name.

"The IRGC's chief Maj.-Gen. Hossein Salami" gives rank Maj.-Gen., title chief, of the IRGC;
"US special envoy for Iran Brian Hook" gives title "special envoy for Iran" of the United States;
"Stephen Harper, Prime Minister of Canada" gives title "Prime Minister" of Canada. Only body text
counts when titles disagree (a caption's outdated title loses).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from tidings.actors.wordlists import wordlist
from tidings.model import Role, Span
from tidings.nlp import abbreviations


@lru_cache(maxsize=1)
def titles() -> tuple[tuple[str, ...], ...]:
    raw = wordlist("roles")
    forms = {tuple(t.casefold().split()) for t in raw["titles"]}
    return tuple(sorted(forms, key=len, reverse=True))


def is_title_phrase(words: list[str]) -> bool:
    """Does this word list contain a title ("prime minister", "chief")?"""
    return _find_title(words) is not None


def _find_title(words: list[str]) -> tuple[int, int] | None:
    """The last (nearest to the name) title phrase in a word list, as (start, end)."""
    best = None
    for i in range(len(words)):
        for t in titles():
            if tuple(words[i : i + len(t)]) == t:
                if best is None or i + len(t) > best[1] or (i + len(t) == best[1] and i < best[0]):
                    best = (i, i + len(t))
                break
    return best


def roles_for_mention(
    doc: Doc, start: int, end: int, actor_at: dict[int, str], text: str
) -> tuple[list[Role], list[tuple[int, int]]]:
    """Roles stated in the noun phrase of a person mention (tokens start..end).

    Also returns the character extents of the titled noun phrase ("Serbian President Vojislav
    Kostunica", "King Hassan of Morocco") and of a title in apposition before the name
    ("Kuwait's emir, Sheikh Nawaf"); empty when no title stands before the name.
    """
    ctx = _Context(doc, actor_at, set(abbreviations()), text)
    sent = doc[start].sent
    roles: list[Role] = []
    extents: list[tuple[int, int]] = []
    pre = _title_before(ctx, sent, start)
    role = _role_from_tokens(doc, pre, actor_at, ctx.ranks, text) if pre else None
    if role:
        roles.append(role)
        extents.append((pre[0].idx, _titled_phrase_end(ctx, sent, end, role)))
    # A title in apposition before the name: "Qatar's emir, Sheikh Hamad, launched ...".
    first = pre[0].i if pre and extents else start
    if first >= 2 and doc[first - 1].text == ",":
        found = _apposed_before(ctx, sent, first)
        if found is not None:
            roles.append(found[0])
            extents.append(found[1])
    # Apposition: "Brian Hook, the US envoy," / "Stephen Harper, Prime Minister of Canada".
    role = _apposed_after(ctx, sent, end)
    if role and role.title.casefold() not in {r.title.casefold() for r in roles}:
        roles.append(role)
    return roles, extents


@dataclass(frozen=True)
class _Context:
    """What every title rule reads: the parse, the actors at tokens, ranks and the text."""

    doc: Doc
    actor_at: dict[int, str]
    ranks: set[str]
    text: str


def _title_before(ctx: _Context, sent: SpacySpan, start: int) -> list[Token]:
    """Premodifiers, scanned left without trusting the parse (the small model often attaches
    "US special envoy for Iran Brian Hook" wrongly): "The IRGC's chief Maj.-Gen." etc."""
    doc = ctx.doc
    i = start
    while i > sent.start and _premodifier(doc[i - 1], ctx.ranks, ctx.actor_at):
        i -= 1
    pre = [t for t in doc[i:start] if not t.is_space]
    while pre and pre[0].lower_ in {"the", "a", "an", "'s", "’s", "-", "of", "for"}:
        pre = pre[1:]
    cuts = [k for k, t in enumerate(pre) if t.lower_ in {"of", "for"}]
    if cuts and _find_title([t.lower_ for t in pre[: cuts[-1]]]) is None:
        pre = pre[cuts[-1] + 1 :]  # "supporters of President X": "of" joins another noun
    return pre


def _titled_phrase_end(ctx: _Context, sent: SpacySpan, end: int, role: Role) -> int:
    """Where the titled phrase ends: after the name, or after "of <country>" that belongs to
    the title ("King Hassan of Morocco", which also names whose king he is)."""
    doc, actor_at = ctx.doc, ctx.actor_at
    np_end = doc[end - 1].idx + len(doc[end - 1].text)
    if end + 1 < sent.end and doc[end].lower_ == "of" and doc[end + 1].i in actor_at:
        k = end + 1
        while k + 1 < sent.end and actor_at.get(doc[k + 1].i) == actor_at[doc[end + 1].i]:
            k += 1
        np_end = doc[k].idx + len(doc[k].text)
        if role.of is None:
            role.of = actor_at[doc[end + 1].i]
    return np_end


def _apposed_before(
    ctx: _Context, sent: SpacySpan, first: int
) -> tuple[Role, tuple[int, int]] | None:
    """The role and extent of a title set off by a comma before the name."""
    doc = ctx.doc
    k = first - 1
    while k > sent.start and _premodifier(doc[k - 1], ctx.ranks, ctx.actor_at):
        k -= 1
    before = [t for t in doc[k : first - 1] if not t.is_space]
    while before and before[0].lower_ in {"the", "a", "an"}:
        before = before[1:]
    if not before or not (k == sent.start or doc[k - 1].lower_ in {"the", "a", "an"}):
        return None
    role = _role_from_tokens(doc, before, ctx.actor_at, ctx.ranks, ctx.text)
    if role is None:
        return None
    last = before[-1]
    return role, (before[0].idx, last.idx + len(last.text))


def _apposed_after(ctx: _Context, sent: SpacySpan, end: int) -> Role | None:
    """The role in an apposition after the name, up to the next comma or verb."""
    doc = ctx.doc
    if not (end + 1 < sent.end and doc[end].text == ","):
        return None
    j = end + 1
    while (
        j < sent.end
        and doc[j].text not in {",", ".", ";", "(", ")"}
        and doc[j].pos_ not in {"VERB", "AUX"}
    ):
        j += 1
    post = [t for t in doc[end + 1 : j] if not t.is_space]
    if not post or len(post) > 10:
        return None
    return _role_from_tokens(doc, post, ctx.actor_at, ctx.ranks, ctx.text)


_PRE_WORDS = {"the", "a", "an", "'s", "’s", "for", "of", "-", "former", "new", "then"}


def _premodifier(tok: Token, ranks: set[str], actor_at: dict[int, str]) -> bool:
    """Can this token stand inside a title before a name?"""
    if tok.is_space:
        return False
    if tok.text in ranks or tok.i in actor_at or tok.lower_ in _PRE_WORDS:
        return True
    if any(tok.lower_ in t for t in titles()):
        return True
    if tok.dep_ in {"amod", "advmod"} and tok.tag_ in {"VBN", "RB", "JJ"}:
        return True  # "Ousted President", "Newly appointed Prime Minister"
    return tok.pos_ in {"ADJ", "PROPN"} and tok.tag_ != "VBG"


def _role_from_tokens(
    doc: Doc, toks: list, actor_at: dict[int, str], ranks: set[str], text: str
) -> Role | None:
    rank = next((t.text for t in toks if t.text in ranks), None)
    words = [t.lower_ for t in toks]
    found = _find_title(words)
    if found is None and rank is None:
        return None
    org = None
    if found is not None:
        i, j = found
        # Adjectives right before the title belong to it ("special envoy").
        while i > 0 and toks[i - 1].pos_ == "ADJ" and toks[i - 1].lower_ not in {"the", "a"}:
            if toks[i - 1].i in actor_at:
                break
            i -= 1
        # "envoy for Iran", "Minister of Canada": the prepositional object is part of the title.
        k = j
        if k < len(toks) and toks[k].lower_ in {"for", "of"} and k + 1 < len(toks):
            k += 1
            while k < len(toks) and (
                toks[k].pos_ in {"PROPN", "DET", "ADJ"} or toks[k].i in actor_at
            ):
                k += 1
            if toks[k - 1].lower_ == "of" or toks[j].lower_ == "of":
                org = actor_at.get(toks[k - 1].i)
        s_tok, e_tok = toks[i], toks[k - 1]
        title = doc[s_tok.i : e_tok.i + 1].text
        if org is None:
            orgs = [actor_at[t.i] for t in toks[:i] if t.i in actor_at]
            org = orgs[-1] if orgs else None
        span = Span.of(text, s_tok.idx, e_tok.idx + len(e_tok.text))
        return Role(title=title, of=org, rank=rank, span=span)
    rank_tok = next(t for t in toks if t.text == rank)
    orgs = [actor_at[t.i] for t in toks if t.i in actor_at]
    span = Span.of(text, rank_tok.idx, rank_tok.idx + len(rank_tok.text))
    return Role(title=rank or "", of=orgs[-1] if orgs else None, rank=rank, span=span)


def title_references(
    doc: Doc,
    titled: dict[str, tuple[int, set[str]]],
    actor_at: dict[int, str],
    body_tokens: set[int],
    state: str | None = None,
    state_titles: frozenset[str] = frozenset(),
) -> list[tuple[int, int, str]]:
    """'Interior Minister X ... The minister said': "the" and a title (with lower-case words
    of the same title: "the party chief") refers to the one person named before with that
    title. ``titled`` gives per person the first token of its first mention and the words of
    its titles. Returns (start token, end token, person id); none when two persons fit.
    When no person fits, a state office ("the home minister": ``state_titles``) is held for
    the story's one state, ``state``, as "the government" is.
    """
    heads = {t[-1] for t in titles()}
    out = []
    for tok in doc:
        if tok.tag_ != "NN" or tok.lower_ not in heads or tok.i in actor_at:
            continue
        if tok.i not in body_tokens or any(c.dep_ in {"poss", "prep"} for c in tok.children):
            continue
        dets = [c for c in tok.children if c.dep_ == "det"]
        if len(dets) != 1 or dets[0].lower_ != "the" or dets[0].i > tok.i:
            continue
        mods = doc[dets[0].i + 1 : tok.i]
        if any(not m.is_lower or m.i in actor_at for m in mods):
            continue
        words = {m.lower_ for m in mods} | {tok.lower_}
        fits = [aid for aid, (first, ws) in titled.items() if first < tok.i and words <= ws]
        if len(fits) == 1:
            out.append((dets[0].i, tok.i + 1, fits[0]))
        elif not fits and state is not None and tok.lower_ in state_titles:
            out.append((dets[0].i, tok.i + 1, state))
    return out
