"""From mentions to document actors: grouping by name, acronyms, generic groups, pronouns.

"Hossein Salami", "Salami" and "he" are one person; "Iranian-backed militias" and "the
Iranian-backed groups" one unnamed group with a sponsor. The rules here are deliberately simple
and general; each links a mention to an actor only when the text leaves one reading.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from spacy.tokens import Doc, Token

from tidings.actors.collectives import agent_kinds, collectives, force_unit
from tidings.actors.kb import KBEntry, KnowledgeBase
from tidings.actors.phrases import phrase_lexicon
from tidings.actors.recognize import Candidate
from tidings.actors.roles import is_title_phrase
from tidings.actors.wordlists import wordlist
from tidings.nlp import abbreviations

PERSON_PRONOUNS = {"he", "him", "his", "she", "her", "hers"}


@lru_cache(maxsize=1)
def group_lexicon() -> dict[str, Any]:
    """groups.yaml, with ``groups`` (group head -> kind) from the collectives table for
    readers outside this stage."""
    return {**wordlist("groups"), "groups": collectives().group_kinds}


def slug(text: str) -> str:
    s = re.sub(r"[^\w]+", "-", text.casefold()).strip("-")
    return s or "actor"


@dataclass
class DraftActor:
    """An actor being assembled; becomes a `tidings.model.Actor`."""

    id: str
    name: str
    kind: str
    kb: KBEntry | None = None
    country: str | None = None
    sponsor: str | None = None
    affiliation: str | None = None
    mentions: list[tuple[int, int, str]] = field(default_factory=list)  # char start, end, how


def person_key_tokens(name: str) -> list[str]:
    return [t for t in re.split(r"\s+", name.strip()) if t]


def group_named(
    doc: Doc, cands: list[Candidate], kb: KnowledgeBase
) -> tuple[dict[str, DraftActor], list[tuple[Candidate, str]]]:
    """Group candidates into actors: KB by id, persons by name parts, orgs by name/acronym."""
    grouper = _Grouper(kb)
    linked = grouper.link_persons(doc, cands)
    linked += grouper.link_others(doc, cands)
    return grouper.actors, linked


class _Grouper:
    """The document's actors as grouping makes them: one per KB entry, ids made unique."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self.actors: dict[str, DraftActor] = {}
        self.people = PersonIndex([])  # every person, once link_persons has run

    def new(self, aid: str, **kw: object) -> DraftActor:
        base, n = aid, 2
        while aid in self.actors:
            aid, n = f"{base}-{n}", n + 1
        self.actors[aid] = DraftActor(id=aid, **kw)  # type: ignore[arg-type]
        return self.actors[aid]

    def of_entry(self, entry: KBEntry) -> DraftActor:
        """The document's actor for a KB entry, made on first use."""
        return self.actors.get(entry.id) or self.new(
            entry.id, name=entry.name, kind=entry.kind, kb=entry, country=entry.country
        )

    def link_persons(self, doc: Doc, cands: list[Candidate]) -> list[tuple[Candidate, str]]:
        """Person mentions, each linked to the person whose name it gives or a new one."""
        persons: list[DraftActor] = []
        # People the KB knows come first, so an NER surname ("Salami") joins the KB person.
        for c in cands:
            entry = self.kb.get(c.kb_id) if c.kb_id else None
            if entry is not None and entry.kind == "person" and entry.id not in self.actors:
                persons.append(self.of_entry(entry))
        # Longest person names first so "Salami" finds "Hossein Salami" wherever it stands.
        person_cands = sorted(
            (c for c in cands if c.label == "PERSON"), key=lambda c: -(c.end - c.start)
        )
        self.people = index = PersonIndex(persons)
        linked = []
        for c in person_cands:
            text = doc[c.start : c.end].text
            match = index.first_match(person_key_tokens(text)) or self._titled(doc, c)
            if match is None:
                entry = self.kb.person(text)  # "Omar El Bashir", a slip such as "Bouteflicka"
                if entry is not None:
                    match = self.of_entry(entry)
                else:
                    match = self.new(slug(text), name=text, kind="person")
                index.add(match)
            linked.append((c, match.id))
        return linked

    def _titled(self, doc: Doc, c: Candidate) -> DraftActor | None:
        """'Sgt Dunmore' after 'Pete Dunmore': a name after a rank or title names the person
        the rest of the name gives."""
        words = [t.text for t in doc[c.start : c.end]]
        k = 0
        while k < len(words) - 1 and _title_word(words[k]):
            k += 1
        return self.people.first_match(words[k:]) if k else None

    def _person_in(self, doc: Doc, c: Candidate) -> tuple[Candidate, str] | None:
        """A known person's name (or its last words) that NER labelled an organisation: the
        person, from the first word of the name on."""
        words = [t.text for t in doc[c.start : c.end]]
        for k in range(len(words)):
            if not words[k][:1].isupper():
                continue
            person = self.people.first_match(words[k:])
            if person is not None:
                return Candidate(c.start + k, c.end, "PERSON", None, "ner"), person.id
        return None

    def link_others(self, doc: Doc, cands: list[Candidate]) -> list[tuple[Candidate, str]]:
        """KB entries by id (a country's or a KB organisation's name slips too), other
        organisations by name key or acronym."""
        orgs: dict[str, DraftActor] = {}
        linked = []
        for c in cands:
            if c.label == "PERSON":
                continue
            text = doc[c.start : c.end].text
            entry = self.kb.get(c.kb_id) if c.kb_id else None
            assert entry is not None or not c.kb_id
            if entry is None and c.label in {"GPE", "NORP", "ORG"}:
                entry = self.kb.near_country(text)  # "Afganistan": a slip of a country's name
            if entry is None and c.label == "ORG":
                entry = _near_kb_org(text, self.kb)  # "General Motor's chief": General Motors
            if entry is None and c.label == "ORG":
                entry = _title_case_acronym(text, self.kb)  # "Isis", "Nato"
            if entry is not None:
                linked.append((c, self.of_entry(entry).id))
            elif c.label == "ORG" and (named := self._person_in(doc, c)) is not None:
                linked.append(
                    named
                )  # "Outgoing PM Kovalen", a bare surname taken for organisations
            elif c.label == "ORG":
                key = org_key(text)
                found = orgs.get(key) or _acronym_owner(text, orgs) or _near_org(key, orgs)
                if found is None:
                    found = self.new(slug(text), name=text, kind=_org_kind(text))
                    orgs[key] = found
                    acro = _acronym(text).casefold()
                    orgs[acro] = orgs.get(acro) or found
                else:
                    orgs.setdefault(key, found)
                linked.append((c, found.id))
        return linked


@lru_cache(maxsize=1)
def _ranks() -> frozenset[str]:
    return frozenset(a.rstrip(".").casefold() for a in abbreviations())


def _title_word(word: str) -> bool:
    """A rank ('Sgt', 'Gen.') or a one-word title ('President') before a name."""
    return word.rstrip(".").casefold() in _ranks() or is_title_phrase([word.casefold()])


def org_key(text: str) -> str:
    """'Ford Motor Co.' and 'Ford Motor Company' group together; so do 'GM's' and 'GM', and
    '2nd Battalion the Highland Rifles' and '2nd Battalion of The Highland Rifles'."""
    words = re.sub(r"['’]s\b", "", text.casefold()).replace(".", "").split()
    words = [w for w in words if w not in {"the", "of"}] or words
    while len(words) > 1 and words[-1] in collectives().corporate_suffixes:
        words.pop()
    return " ".join(words)


def _near_org(key: str, orgs: dict[str, DraftActor]) -> DraftActor | None:
    """A plural slip ('General Motor' for 'General Motors') names the same organisation."""
    if len(key) <= 6:
        return None
    near = [k for k in (key + "s", key[:-1] if key.endswith("s") else None) if k in orgs]
    if len(near) == 2:  # both slips are known: the one named first, as a scan would find
        near = [next(k for k in orgs if k in near)]
    return orgs[near[0]] if near else None


def _near_kb_org(text: str, kb: KnowledgeBase) -> KBEntry | None:
    """A plural slip of a KB organisation's name ('General Motor' for 'General Motors')."""
    key = re.sub(r"['’]s$", "", text.strip())
    if len(key) <= 6 or " " not in key:
        return None
    forms = [key + "s"] if not key.endswith("s") else [key[:-1]]
    for form in forms:
        found = [e for e in kb.lookup(form) if e.kind not in {"person", "country"}]
        if len({e.id for e in found}) == 1:
            return found[0]
    return None


def surname_mentions(
    doc: Doc, drafts: dict[str, DraftActor], taken: set[int]
) -> list[tuple[Candidate, str]]:
    """'Ayoub said…' after 'Ali Ayoub': a bare surname NER missed still names the person.

    Only capitalised proper nouns equal to the last word of exactly one known multi-word
    person name count; a surname shared by two people is left alone.
    """
    owners: dict[str, list[str]] = {}
    for a in drafts.values():
        words = person_key_tokens(a.name) if a.kind == "person" else []
        if len(words) >= 2 and len(words[-1]) >= 3 and words[-1][:1].isupper():
            owners.setdefault(words[-1], []).append(a.id)
    out = []
    for tok in doc:
        ids = owners.get(tok.text)
        if ids and len(ids) == 1 and tok.i not in taken and tok.pos_ == "PROPN":
            out.append((Candidate(tok.i, tok.i + 1, "PERSON", None, "ner"), ids[0]))
    return out


def repeated_names(
    doc: Doc, linked: list[tuple[Candidate, str]], drafts: dict[str, DraftActor], taken: set[int]
) -> list[tuple[Candidate, str]]:
    """'wrote to the Centre' after 'the Centre said': a name NER found once names the same
    body wherever it recurs with the same letters (one sense per article), though NER missed
    it there. Only non-person names of proper nouns, each owned by one actor."""
    owners: dict[tuple[str, ...], set[str]] = {}
    for c, aid in linked:
        span = doc[c.start : c.end]
        draft = drafts.get(aid)
        if draft is None or draft.kind == "person" or not all(t.pos_ == "PROPN" for t in span):
            continue
        if len(span.text) >= 3 and span[0].text[:1].isupper():
            owners.setdefault(tuple(t.text for t in span), set()).add(aid)
    out: list[tuple[Candidate, str]] = []
    if not owners:
        return out
    longest = max(len(k) for k in owners)
    i = 0
    while i < len(doc):
        for n in range(longest, 0, -1):
            key = tuple(t.text for t in doc[i : i + n])
            ids = owners.get(key)
            if (
                ids
                and len(ids) == 1
                and not any(j in taken for j in range(i, i + n))
                and all(t.pos_ == "PROPN" for t in doc[i : i + n])
            ):
                out.append((Candidate(i, i + n, "ORG", None, "ner"), next(iter(ids))))
                i += n - 1
                break
        i += 1
    return out


class PersonIndex:
    """The people named so far, looked up by the name words a mention may give.

    A mention names the first person (in order of appearance) whose name it equals, whose
    first or last words it is ("Salami", "Hossein" for "Hossein Salami"), or whose surname it
    slips on by a trailing s ("Clements" for "Clement", 4+ letters). An index of those keys
    makes each lookup constant time instead of a scan over every earlier person.
    """

    def __init__(self, persons: list[DraftActor]) -> None:
        self._at: dict[tuple[str, tuple[str, ...]], int] = {}
        self._people: list[DraftActor] = []
        for p in persons:
            self.add(p)

    def add(self, person: DraftActor) -> None:
        pos = len(self._people)
        self._people.append(person)
        pw = tuple(person_key_tokens(person.name))
        keys = [("full", pw)]
        keys += [("part", pw[-n:]) for n in range(1, len(pw))]
        keys += [("part", pw[:n]) for n in range(len(pw))]
        if pw and len(pw[-1]) >= 4:
            keys.append(("surname", (pw[-1],)))
        for key in keys:
            self._at.setdefault(key, pos)

    def first_match(self, words: list[str]) -> DraftActor | None:
        w = tuple(words)
        keys = [("full", w), ("part", w)]
        if len(w) == 1:  # a trailing-s slip either way: "Clements" / "Clement"
            keys += [("surname", (w[0] + "s",))]
            if w[0].endswith("s"):
                keys.append(("surname", (w[0][:-1],)))
        found = [self._at[k] for k in keys if k in self._at]
        return self._people[min(found)] if found else None


def _title_case_acronym(text: str, kb: KnowledgeBase) -> KBEntry | None:
    """'Isis', 'Nato': a KB organisation's acronym written in title case (British style), in a
    name NER calls an organisation."""
    if len(text) < 4 or not (text[:1].isupper() and text[1:].islower()):
        return None
    upper = text.upper()
    found = [
        e
        for e in kb.lookup(text)
        if e.kind not in {"person", "country"} and upper in {e.name, *e.aliases}
    ]
    return found[0] if len({e.id for e in found}) == 1 else None


def _acronym(text: str) -> str:
    return "".join(w[0] for w in text.split() if w[:1].isupper())


def _acronym_owner(text: str, orgs: dict[str, DraftActor]) -> DraftActor | None:
    if text.isupper() and 2 <= len(text) <= 6:
        return orgs.get(text.casefold())
    return None


def _org_kind(text: str) -> str:
    hints = collectives().name_kinds
    for w in reversed(text.casefold().replace(".", "").split()):
        if w in hints:
            return hints[w]
    return "unknown"


def acronym_links(doc: Doc, linked: list[tuple[Candidate, str]]) -> dict[str, str]:
    """'Islamic Revolutionary Guard Corps (IRGC)': the bracketed acronym names the same actor."""
    out: dict[str, str] = {}
    for c, aid in linked:
        end = c.end
        if end + 2 < len(doc) and doc[end].text == "(" and doc[end + 2].text == ")":
            acro = doc[end + 1].text
            if acro.isupper() and 2 <= len(acro) <= 8:
                out[acro] = aid
    return out


# --- generic groups --------------------------------------------------------------------------
def generic_groups(doc: Doc, kb: KnowledgeBase, taken: set[int]) -> list[tuple[int, int, dict]]:
    """Noun phrases naming unnamed groups: heads from the lexicon, with sponsor or affiliation.

    Returns (start token, end token, info) with info keys name, kind, sponsor, affiliation,
    country, key and ``same_as`` (a token of a named actor the phrase is in apposition with:
    "the umbrella union" beside "the Nigerian Union of Teachers" is that union).
    """
    lex = group_lexicon()
    groups = collectives().group_kinds
    out = []
    for chunk in doc.noun_chunks:
        head = chunk.root
        lower = head.lower_
        two = f"{doc[head.i - 1].lower_} {lower}" if head.i > 0 else ""
        kind = groups.get(two) or groups.get(lower)
        listed = head.lemma_.lower() in wordlist("collectives")["collectives"]
        if (
            kind is None
            and not listed
            and _agent_head(head)
            and _plain(doc, chunk.start, head, taken)
        ):
            kind = agent_kinds().get(head.lemma_.lower())  # "prosecutors", "a suicide bomber"
            if kind in _ANAPHORIC_KINDS and _determiner(head) in {"the", "these", "those"}:
                kind = None  # "the companies": the ones named before, not a new group
            if head.lower_ in wordlist("groups")["state_nouns"] and _determiner(head) != "the":
                kind = None  # "a regime that ...": a description, no party of its own
        if head.tag_ in {"NNP", "NNPS"} and head.lower_ in collectives().institutions:
            found = _institution(doc, head, kb, taken)  # "the Montenegro Assembly"
            if found is not None:
                out.append(found)
            continue
        # "Gunmen abducted ...", "Police fired ...": a capitalised word the tagger took for a name
        named = head.tag_ in {"NNP", "NNPS"} and not (
            kind and (head.is_sent_start or _bare_force(head, chunk.start))
        )
        if kind is None or named:
            # "a Karen guerrilla stronghold", "Albanian rebel-held territory": the group
            # named by a modifier of a place or thing
            if head.lemma_.lower() not in set(lex["group_places"]):
                continue
            inner = [
                t
                for t in doc[chunk.start : head.i]
                if groups.get(t.lower_) in _NONSTATE_KINDS
                and t.dep_ in {"compound", "amod", "npadvmod", "nmod"}
            ]
            if not inner:
                continue
            head, kind, need = inner[-1], groups[inner[-1].lower_], True
            found = _group_phrase(doc, chunk.start, head, kind, kb, taken, need)
        else:
            found = _group_phrase(doc, chunk.start, head, kind, kb, taken, None)
        if found is not None:
            out += _split_nationalities(doc, found, kb)
    spans = [(s, e) for s, e, _ in out]
    out += [g for g in _peoples(doc, kb) if all(g[1] <= s or g[0] >= e for s, e in spans)]
    return out + _state_owners(doc, taken)


def _state_owners(doc: Doc, taken: set[int]) -> list[tuple[int, int, dict]]:
    """'the government's decision': a bare state noun as an owner, which no noun chunk of
    its own holds; the actors stage joins it to the story's state."""
    out = []
    for tok in doc:
        det = [c for c in tok.children if c.dep_ == "det" and c.lower_ == "the"]
        if (
            tok.dep_ == "poss"
            and tok.lower_ in wordlist("groups")["state_nouns"]
            and det
            and det[0].i == tok.i - 1
            and tok.i not in taken
        ):
            info = _info(tok.text, "government", f"government|owner|{tok.lower_}")
            info["bare"] = tok.lemma_.lower()
            out.append((tok.i, tok.i + 1, info))
    return out


_NONSTATE_KINDS = {"rebel", "militia"}


def _split_nationalities(
    doc: Doc, found: tuple[int, int, dict], kb: KnowledgeBase
) -> list[tuple[int, int, dict]]:
    """'French and Egyptian warships': one group per nationality, the first named by its
    adjective alone (the head noun belongs to the last), so both fill an event's slot."""
    start, end, info = found
    first = doc[start]
    if info["country"] is None or not first.conjuncts:
        return [found]
    adjs = sorted(
        [first, *(c for c in first.conjuncts if start < c.i < end - 1)], key=lambda t: t.i
    )
    countries = [kb.country_of(t.text) for t in adjs]
    if len(adjs) < 2 or None in countries or len(set(countries)) < len(adjs):
        return [found]
    suffix = doc[adjs[-1].i + 1 : end].text
    out = []
    for k, (adj, country) in enumerate(zip(adjs, countries, strict=True)):
        last = k == len(adjs) - 1
        part = dict(info)
        part.update(
            name=f"{adj.text} {suffix}",
            country=country,
            key=f"{info['key']}|{country}",
        )
        out.append((adj.i, end if last else adj.i + 1, part))
    return out


@dataclass
class _Markers:
    """What in a group phrase says whose group it is; each None when the phrase lacks it."""

    sponsor: tuple[str, int] | None  # "Iranian-backed": (IRN, index of the modifier)
    affiliation: tuple[str, int] | None  # "a Basij member": (KB id, index)
    nationality: tuple[str, int] | None  # "Swiss doctors": (CHE, index)
    identity: tuple[str, int] | None  # "Muslim hackers": (identity:Muslim, index)
    region: Token | None  # "the provincial government of Ontario": Ontario

    def first(self) -> tuple[str, int] | None:
        """The marker that names the group, in order of precedence."""
        marker = self.sponsor or self.affiliation or self.nationality
        if marker is None and self.region is not None:
            marker = (f"region:{self.region.text}", 0)
        return marker or self.identity


def _markers(
    mods: list[Token], head: Token, kind: str, kb: KnowledgeBase, taken: set[int]
) -> _Markers:
    sponsor = _sponsor(mods, kb)
    affiliation = None if sponsor else _affiliation(mods, kb, kind)
    nationality = None if sponsor or affiliation else _nationality(mods, kb)
    marked = sponsor or affiliation or nationality
    identity = None if marked else _identity(mods, taken)
    region = _of_region(head, kind, taken) if marked is None else None
    return _Markers(sponsor, affiliation, nationality, identity, region)


def _group_phrase(
    doc: Doc,
    chunk_start: int,
    head: Token,
    kind: str,
    kb: KnowledgeBase,
    taken: set[int],
    need: bool | None,
) -> tuple[int, int, dict] | None:
    """The group a phrase headed by ``head`` names, or None when it names none."""
    need_mod = head.lower_ in collectives().need_modifier if need is None else need
    same_as = _apposed_name(head, taken)
    if head.dep_ in {"attr", "oprd"} or (head.dep_ == "appos" and same_as is None):
        return None  # "Fiat is a supplier": a description of an actor, not a new one
    start, mods, kind = _phrase_words(doc, chunk_start, head, kind)
    groups = collectives().group_kinds
    found = _markers(mods, head, kind, kb, taken)
    marker = found.first()
    end = found.region.i + 1 if found.region is not None else head.i + 1
    owner = _owner_phrase(head, taken) if marker is None else None
    if head.i in taken:
        return None
    counted = marker is None and _counted_people(head, kind)
    if counted:  # "287 pupils", "dozens of students": people counted are an actor
        marker = ("counted", 0)
        mods = _from_counted_noun(mods, head)
    unmarked = marker is None and owner is None and same_as is None
    bare = unmarked and need is None and _bare_definite(head, start)
    force = unmarked and need is None and _bare_force(head, start)
    patient = unmarked and need is None and not force and _bare_patient(head, start, kind)
    if need_mod and unmarked and not bare and not force and not patient:
        return None
    if marker is None and any(i in taken for i in range(start, head.i)):
        return None
    if marker is not None and found.region is None:
        start = mods[marker[1]].i  # "A top U.S. official" is named "U.S. official"
    nationality = found.nationality
    country: str | None = nationality[0] if nationality else None
    if country is None and found.region is not None:
        country = kb.country_of(found.region.text)
    unit = force_unit(head) if unmarked and (bare or force) else None
    info = _info(
        _name_without_count(doc, start, end),
        kind,
        f"force|{unit}"
        if unit
        else _group_key(kind, found, owner, head, counted or bare or patient),
        country=country,
        sponsor=info_id(found.sponsor),
        affiliation=info_id(found.affiliation),
        same_as=same_as if same_as is not None else _members_of(head, found.affiliation, mods, kb),
    )
    if unmarked and _definite_plain(head, start):
        # "the government": the story's state; "the tribunal": the one named (actors stage)
        info["bare"] = head.lemma_.lower()
        # "the soldier" stands for someone named or introduced before ("a soldier")
        info["needs_antecedent"] = head.tag_ == "NN" and head.lower_ not in groups
    elif force:
        info["bare"] = head.lemma_.lower()  # "Police" after the "Kenya Police Service": it
    return start, end, info


def _phrase_words(
    doc: Doc, chunk_start: int, head: Token, kind: str
) -> tuple[int, list[Token], str]:
    """Where the phrase's name starts (after "the", "some", ...), its modifiers, and its kind
    ("the main rebel group": a rebel group)."""
    start = chunk_start
    while start < head.i and doc[start].lower_ in wordlist("groups")["drop_words"]:
        start += 1
    mods = list(doc[start : head.i])
    groups = collectives().group_kinds
    for m in mods:
        if groups.get(m.lower_) in _NONSTATE_KINDS and m.dep_ in {"compound", "amod"}:
            kind = groups[m.lower_]
    return start, mods, kind


def _bare_force(head: Token, start: int) -> bool:
    """'Police arrested ...', 'Soldiers opened fire', 'seized by riot police': a state force
    named by its bare plural noun as the doer of an act. Whose force it is the events stage
    decides (the dateline state's, `events/home_forces.py`); with no dateline it stays a
    force of no country, which is what the article says."""
    plural = _plural(head) == "pl" or head.lower_ in collectives().plural
    doer = head
    while doer.dep_ == "conj" and doer.head.i != doer.i:  # "Police and soldiers fired"
        doer = doer.head
    acts = doer.dep_ == "nsubj" or (doer.dep_ == "pobj" and doer.head.dep_ == "agent")
    mods = head.doc[start : head.i]
    plain = wordlist("groups")["force_modifiers"]
    return (
        plural
        and acts
        and _determiner(head) is None
        and all(m.lower_ in plain for m in mods)
        and force_unit(head) is not None
    )


_ANAPHORIC_KINDS = {"business", "media", "party"}


def _determiner(head: Token) -> str | None:
    dets = [c.lower_ for c in head.children if c.dep_ == "det"]
    return dets[0] if dets else None


def _agent_head(head: Token) -> bool:
    """An agent noun that heads an unnamed participant: with an article ("a suicide bomber",
    "the gunman"), or a bare plural as the doer ("prosecutors said", "seized by rebels");
    "sold to customers" names nobody in particular."""
    det = _determiner(head)
    if det in {"a", "an"} or (det == "the" and head.tag_ == "NN"):
        return head.tag_ == "NN"  # "the gangs", like "the companies", refer back
    doer = head.dep_ in {"nsubj", "nsubjpass"} or (
        head.dep_ == "pobj" and head.head.dep_ == "agent"
    )
    return head.tag_ == "NNS" and det is None and (doer or _patient(head))


def _patient(head: Token) -> bool:
    """'arrested several suspects', 'detained dozens of reporters', 'fired critics': people
    a verb acts on directly (its object, or a passive's subject) are a party to the act
    even without a nationality or owner; "sold to customers" stays nobody in particular."""
    tok = head
    while tok.dep_ == "conj" and tok.head.i != tok.i:  # "arrested students and teachers"
        tok = tok.head
    if tok.dep_ == "pobj" and tok.head.lower_ == "of" and _counted(tok):
        tok = tok.head.head  # "dozens of reporters": the count is the verb's object
    verb = tok.head
    return tok.dep_ in {"dobj", "nsubjpass"} and verb.pos_ == "VERB" and _act_verb(verb.lemma_)


@lru_cache(maxsize=4096)
def _act_verb(lemma: str) -> bool:
    """A verb the event lexicon knows as an act ("arrest", "shell", "expel"); not one that asks
    its object to act ("required unions to ...": object control), whose object is no patient."""
    from tidings.events.lexicon import default_lexicon  # late: events imports this module

    lex = default_lexicon()
    lemma = lemma.lower()
    known = lemma in lex.verbs or lemma in lex.derived_verbs
    return known and lemma not in lex.object_control


def _bare_patient(head: Token, start: int, kind: str) -> bool:
    """A plural people noun (`groups.yaml` `patient_kinds`) with plain modifiers as the
    patient of a verb: "detained students", "closed two opposition newspapers"."""
    mods = head.doc[start : head.i]
    return (
        kind in wordlist("groups")["patient_kinds"]
        and _plural(head) == "pl"
        and head.lower_ not in collectives().uncounted
        and _determiner(head) is None
        and all(_plain_word(m) for m in mods)
        and _patient(head)
    )


def _plain_word(t: Token) -> bool:
    """A modifier that names no party: lower case, a number, a hyphen ("a 70-year-old
    man"), or a common noun capitalised only because it opens the sentence."""
    return (
        t.is_lower
        or t.like_num
        or t.is_punct
        or (bool(t.is_sent_start) and t.tag_ not in {"NNP", "NNPS"})
    )


def _plain(doc: Doc, start: int, head: Token, taken: set[int]) -> bool:
    """A phrase that names no other party: no actor's name, owner or "of" in it ("IRGC
    commanders", "their commanders" and "leaders of X" are that party's, left to it)."""
    drop = set(wordlist("groups")["drop_words"]) - {"its", "their", "his", "her", "our"}
    before = doc[start : head.i]
    return (
        all(t.i not in taken and (t.lower_ in drop or _plain_word(t)) for t in before)
        and not any(c.dep_ == "poss" for c in head.children)
        and not any(c.dep_ == "prep" and c.lower_ == "of" for c in head.children)
    )


def _bare_definite(head: Token, start: int) -> bool:
    """'the government', 'the police', 'the apex court': a definite body noun with no name
    before it names the one body of the story even without a nationality or owner."""
    state_nouns = wordlist("groups")["state_nouns"]
    return (
        head.lower_ in collectives().definite or head.lower_ in state_nouns
    ) and _definite_plain(head, start)


def _definite_plain(head: Token, start: int) -> bool:
    """'the court', 'the apex court': "the", lower-case modifiers, no owner or complement;
    not the building of a locative preposition ("gathered outside the court")."""
    mods = head.doc[start : head.i]
    locative = head.dep_ == "pobj" and head.head.lower_ in wordlist("groups")["locative_preps"]
    return (
        not locative
        and all(m.is_lower and m.dep_ in {"amod", "compound"} for m in mods)
        and any(c.dep_ == "det" and c.lower_ == "the" for c in head.children)
        and not any(c.dep_ in {"poss", "prep"} for c in head.children)
    )


def _counted_people(head: Token, kind: str) -> bool:
    """'287 pupils', 'dozens of students' (not 'one witness', not '23 people')."""
    return (
        kind in {"civilians", "unknown"}
        and head.lower_ not in collectives().uncounted
        and _plural(head) == "pl"  # "one witness" is one person, not a group
        and _counted(head)
    )


def _from_counted_noun(mods: list[Token], head: Token) -> list[Token]:
    """The modifiers after the count: "at least 287 pupils" → "pupils"."""
    drop_all = set(phrase_lexicon()["leading_drop"])
    nums = [m.i for m in mods if m.like_num or m.dep_ in {"nummod", "quantmod"}]
    rest = [m for m in mods if m.i > max(nums, default=-1) and m.lower_ not in drop_all]
    first = rest[0] if rest else head
    return [first, *[m for m in mods if m.i > first.i]] if first is not head else [head]


def _group_key(kind: str, m: _Markers, owner: str | None, head: Token, counted: bool) -> str:
    """Phrases with the same key name one group ("Iranian-backed militias" twice)."""
    parts = (
        kind,
        info_id(m.sponsor),
        info_id(m.affiliation),
        info_id(m.nationality),
        m.identity[0] if m.identity else None,
        owner,
        head.lemma_.lower() if counted else None,
        m.region.text if m.region is not None else None,
        _plural(head),
    )
    return "|".join(str(x) for x in parts)


def _info(
    name: str,
    kind: str,
    key: str,
    *,
    country: str | None = None,
    sponsor: str | None = None,
    affiliation: str | None = None,
    same_as: int | None = None,
) -> dict:
    """What `generic_groups` says of one group phrase (the actors stage reads these keys)."""
    return {
        "name": name,
        "kind": kind,
        "sponsor": sponsor,
        "affiliation": affiliation,
        "country": country,
        "same_as": same_as,
        "key": key,
    }


def _institution(
    doc: Doc, head: Token, kb: KnowledgeBase, taken: set[int]
) -> tuple[int, int, dict] | None:
    """'the Montenegro Assembly', 'the Ghana Police': a state's institution named by the
    country and the institution's word, where the KB has no entry of that name."""
    if head.i in taken:
        return None
    start = head.i
    while start > 0 and doc[start - 1].dep_ == "compound" and doc[start - 1].head.i == head.i:
        start -= 1
    if start == head.i:
        return None
    country = kb.country_of(doc[start : head.i].text)
    if country is None:
        return None
    kind = collectives().institutions[head.lower_]
    key = f"institution|{country}|{head.lower_}"
    return start, head.i + 1, _info(doc[start : head.i + 1].text, kind, key, country=country)


def _members_of(
    head: Token, affiliation: tuple[str, int] | None, mods: list[Token], kb: KnowledgeBase
) -> int | None:
    """'Hezbollah guerrillas', 'Border Patrol agents', 'Haitian government officials': an
    organisation's fighters, agents or officials, in the plural, are the organisation acting
    (the coding convention); one member stays a person."""
    members: dict[str, list[str]] = group_lexicon()["member_nouns"]
    if head.tag_ != "NNS":
        return None
    if affiliation is None:
        # "Islamist militants of Boko Haram": the organisation named after "of"
        for prep in head.children:
            if prep.dep_ != "prep" or prep.lower_ != "of":
                continue
            for obj in prep.children:
                name = " ".join(t.text for t in obj.subtree if t.dep_ != "det")
                for e in kb.lookup(name):
                    if head.lower_ in members.get(e.kind, ()):
                        return obj.i
        return None
    entry = kb.get(affiliation[0])
    if entry is None or head.lower_ not in members.get(entry.kind, ()):
        return None
    return mods[affiliation[1]].i


def _apposed_name(head: Token, taken: set[int]) -> int | None:
    """A named actor's token in apposition with the phrase, set off by a comma
    ("X, the umbrella union,", "the main rebel group, X,")."""
    doc = head.doc
    others = [head.head] if head.dep_ == "appos" else []
    others += [c for c in head.children if c.dep_ == "appos"]
    for o in others:
        lo, hi = sorted((head.i, o.i))
        later = doc[hi].left_edge.i
        between = doc[lo:hi]
        if (
            o.i in taken
            and later > 0
            and doc[later - 1].text == ","
            and not any(t.text in {";", ":"} or t.pos_ == "VERB" for t in between)
        ):
            return o.i
    return None


def _identity(mods: list[Token], taken: set[int]) -> tuple[str, int] | None:
    """'Muslim hackers', 'the Hutu rebel group': a capitalised people or creed that is no
    state still marks whose group it is."""
    for i, t in enumerate(mods):
        if (
            t.text[:1].isupper()
            and t.i not in taken
            and t.dep_ in {"amod", "compound", "nmod"}
            and (
                t.ent_type_ == "NORP"
                or (t.pos_ == "ADJ" and not t.ent_type_)
                or (t.pos_ == "PROPN" and t.ent_type_ in {"", "GPE", "LOC", "PERSON"})
            )
            and not (t.i == t.sent.start and t.ent_type_ != "NORP")
            and not is_title_phrase([t.lower_])
        ):
            return f"identity:{t.text}", i
    return None


def _owner_phrase(head: Token, taken: set[int]) -> str | None:
    """'doctors from two American aid groups', 'supporters of President X': whose they are;
    'a newspaper based in east Beirut': where it is."""
    for acl in head.children:
        if acl.dep_ == "acl" and acl.lemma_.lower() in {"base", "locate", "headquarter"}:
            for prep in acl.children:
                objs = [o for o in prep.children if o.dep_ == "pobj"]
                if prep.dep_ == "prep" and any(
                    o.ent_type_ in {"GPE", "LOC"} or o.pos_ == "PROPN" for o in objs
                ):
                    return f"in:{objs[0].text}"
    for prep in head.children:
        if prep.dep_ == "prep" and prep.lower_ in {"of", "from"}:
            for obj in prep.children:
                if obj.dep_ == "pobj" and (
                    any(t.i in taken for t in obj.subtree)
                    or collectives().group_kinds.get(obj.lower_)
                ):
                    return f"{prep.lower_}:{obj.lemma_.lower()}"
    return None


def _counted(tok: Token) -> bool:
    """'12 Palestinians', 'thousands of Georgians': people counted are people, not a state."""
    if any(c.dep_ in {"nummod", "quantmod"} or c.like_num for c in tok.children):
        return True
    head = tok.head
    return (
        tok.dep_ == "pobj"
        and head.lower_ == "of"
        and (head.head.like_num or head.head.lower_ in group_lexicon()["drop_words"])
    )


def _peoples(doc: Doc, kb: KnowledgeBase) -> list[tuple[int, int, dict]]:
    """'ethnic Albanians', 'the Albanians of southern Serbia', 'Bosnian Serbs': a people,
    not the state its name comes from; placed in the country named after it, if any."""
    out = []
    for tok in doc:
        plural = tok.tag_ in {"NNPS", "NNS"} or (tok.tag_ == "NNP" and tok.text.endswith("s"))
        if not plural or not tok.text[:1].isupper():
            continue
        people = kb.country_of(tok.text)
        if people is None:
            continue
        prev = doc[tok.i - 1] if tok.i > 0 else None
        start, country = tok.i, None
        if prev is not None and prev.lower_ == "ethnic":
            start = prev.i
        elif prev is not None and prev.dep_ in {"amod", "compound"} and prev.head.i == tok.i:
            other = kb.country_of(prev.text)
            if other is None or other == people:
                continue
            start, country = prev.i, other  # "Bosnian Serbs", "Iraqi Kurds"
        else:
            place = next(
                (
                    o
                    for p in tok.children
                    if p.dep_ == "prep" and p.lower_ in {"of", "in"}
                    for o in p.children
                    if o.dep_ == "pobj" and o.ent_type_ in {"GPE", "LOC"}
                ),
                None,
            )
            if place is not None:
                country = kb.country_of(place.text)
            elif _counted(tok):
                country = people  # "tens of thousands of Georgians", "12 Palestinians"
            else:
                continue
        name, key = doc[start : tok.i + 1].text, f"people|{people}|{country}"
        out.append((start, tok.i + 1, _info(name, "civilians", key, country=country)))
    return out


def _of_region(head: Token, kind: str, taken: set[int]) -> Token | None:
    """The place in 'government / police / parliament of <place>' that no actor names yet,
    or in 'security forces in <place>'."""
    if kind not in {"government", "police", "military", "civilians"}:
        return None
    if any(c.dep_ == "poss" for c in head.children):
        return None  # "its forces in Lebanon": the possessor's own
    preps = {
        "government": {"of"},
        "civilians": {"in", "throughout", "across", "from"},  # "students throughout Indonesia"
    }.get(kind, {"of", "in"})
    for prep in head.children:
        if prep.dep_ == "prep" and prep.lower_ in preps:
            for obj in prep.children:
                if obj.dep_ == "pobj" and obj.ent_type_ in {"GPE", "LOC"}:
                    if obj.i not in taken or prep.lower_ != "of":
                        return obj
    return None


def info_id(found: tuple[str, int] | None) -> str | None:
    return found[0] if found else None


def _name_without_count(doc: Doc, start: int, end: int) -> str:
    """'1,500 protesters', 'about 200 supporters' are named 'protesters', 'supporters'; the
    count stays in the mention."""
    drop = set(phrase_lexicon()["leading_drop"])  # with the group lexicon's drop_words
    nums = [
        i
        for i in range(start, end - 1)
        if (doc[i].like_num or doc[i].dep_ == "nummod") and doc[i + 1].tag_ != "HYPH"
    ]  # "a 70-year-old man" keeps its age
    if nums:
        start = nums[-1] + 1  # "at least 200 civilians" → "civilians"
    while (
        start < end - 1
        and doc[start + 1].tag_ != "HYPH"
        and (
            doc[start].like_num
            or doc[start].lower_ in drop
            or doc[start].dep_ in {"quantmod", "nummod"}
        )
    ):
        start += 1
    return doc[start:end].text


def _plural(tok: Token) -> str:
    # a capitalised "Gunmen" tagged as a name is still plural
    plural = tok.tag_ in {"NNS", "NNPS"} or (
        tok.tag_ == "NNP"
        and tok.lower_.endswith(("s", "men"))
        and tok.lower_ in collectives().group_kinds
    )
    return "pl" if plural else "sg"


def _sponsor(mods: list[Token], kb: KnowledgeBase) -> tuple[str, int] | None:
    """'Iranian-backed' → (IRN, index of 'Iranian'), as tokens 'Iranian' '-' 'backed' or one."""
    suffixes = {x.strip("-") for x in group_lexicon()["sponsor_suffixes"]}
    for i, t in enumerate(mods):
        if t.lower_ in suffixes and i >= 2 and mods[i - 1].text == "-":
            country = kb.country_of(mods[i - 2].text)
            if country:
                return country, i - 2
        if "-" in t.text:
            left, _, right = t.text.rpartition("-")
            country = kb.country_of(left)
            if right.lower() in suffixes and country:
                return country, i
    return None


def _affiliation(
    mods: list[Token], kb: KnowledgeBase, kind: str | None = None
) -> tuple[str, int] | None:
    """'a Basij member' → (the KB id of Basij, index of its first word). A maker is no
    armed group's affiliation: "Airbus jets" are aircraft, not an air force."""
    armed = kind in {"military", "police", "militia", "rebel", "paramilitary"}
    for i, t in enumerate(mods):
        if t.pos_ not in {"PROPN", "NOUN", "ADJ"}:
            continue
        for j in range(len(mods), i + (t.pos_ == "ADJ"), -1):  # "Haitian government", not "Haitian"
            phrase = " ".join(m.text for m in mods[i:j])
            # A person's name is no affiliation: "Bouteflika's government" stays his.
            entries = [
                e
                for e in kb.lookup(phrase)
                if e.kind not in {"country", "person"} and not (armed and e.kind == "business")
            ]
            if entries:
                return entries[0].id, i
    return None


def _nationality(mods: list[Token], kb: KnowledgeBase) -> tuple[str, int] | None:
    """'Swiss doctors', 'U.S. official', 'Russia troops' → (country, index of the word)."""
    for i, t in enumerate(mods):
        if t.pos_ in {"ADJ", "PROPN"} or t.tag_ == "JJ" or t.ent_type_ in {"NORP", "GPE"}:
            country = kb.country_of(t.text)
            if country:
                return country, i
    return None


# --- definite descriptions --------------------------------------------------------------------
def definite_descriptions(
    doc: Doc, actor_at: dict[int, str], kind_of: dict[str, str], allowed: set[int]
) -> list[tuple[int, int, str]]:
    """'The organization plays a key role' → the organisation the last sentences were about.

    Among actors of a fitting kind named in the two sentences before, a sentence subject wins
    over a nearer mention inside a phrase ("… units in Iraq or PMU" loses to "The Basij is …").
    Returns (start token, end token, actor id).
    """
    table: dict[str, list[str]] = group_lexicon()["definite_descriptions"]
    out = []
    sents = {s.start: si for si, s in enumerate(doc.sents)}
    sent_of = {}
    for s in doc.sents:
        for t in s:
            sent_of[t.i] = sents[s.start]
    for tok in doc:
        kinds = table.get(tok.lower_)
        if not kinds or tok.i == 0 or tok.i in actor_at or tok.i not in allowed:
            continue
        det = doc[tok.i - 1]
        if det.lower_ != "the" or tok.tag_ != "NN":
            continue
        nearest: str | None = None
        subject: str | None = None
        for j in range(tok.i - 2, -1, -1):
            if sent_of[tok.i] - sent_of[j] > 2:
                break
            aid = actor_at.get(j)
            if aid is None or kind_of.get(aid) not in kinds:
                continue
            nearest = nearest or aid
            if _is_subject(doc[j]):
                subject = aid
                break
        chosen = subject or nearest
        if chosen is not None:
            out.append((det.i, tok.i + 1, chosen))
    return out


def name_head(name: str) -> str | None:
    """The common noun a body's name is built on, lower-cased: "Registrar of Societies" ->
    "registrar", "Interior Ministry" -> "ministry"; None for a one-word name."""
    words = name.split()
    if "of" in words[1:]:
        words = words[: words.index("of", 1)]
    if len(words) < 2 and "of" not in name.split():
        return None
    head = words[-1].strip(".,").lower()
    return head if head.isalpha() and len(head) >= 4 else None


def head_descriptions(
    doc: Doc, actor_at: dict[int, str], drafts: dict[str, DraftActor], allowed: set[int]
) -> list[tuple[int, int, str]]:
    """'the registrar' after 'the Registrar of Societies', 'the ministry' after 'the Interior
    Ministry': a definite common noun that is the head of exactly one body named before it in
    the article refers back to that body. Persons' names are no bodies."""
    heads: dict[str, set[str]] = {}
    first: dict[str, int] = {}
    for i, aid in sorted(actor_at.items()):
        a = drafts.get(aid)
        if a is None or a.kind == "person" or aid in first:
            continue
        first[aid] = i
        head = name_head(a.name)
        if head is not None:
            heads.setdefault(head, set()).add(aid)
    out = []
    for tok in doc:
        ids = heads.get(tok.lower_)
        if not ids or len(ids) != 1 or tok.i == 0 or tok.i in actor_at or tok.i not in allowed:
            continue
        aid = next(iter(ids))
        if doc[tok.i - 1].lower_ != "the" or tok.tag_ != "NN" or first[aid] > tok.i:
            continue
        out.append((tok.i - 1, tok.i + 1, aid))
    return out


def _is_subject(tok: Token) -> bool:
    head = tok.head if tok.dep_ in {"compound", "flat"} else tok
    return head.dep_ in {"nsubj", "nsubjpass"}


# --- pronouns --------------------------------------------------------------------------------
def resolve_pronouns(
    doc: Doc, person_at: dict[int, str], allowed: set[int] | None = None
) -> list[tuple[int, str]]:
    """he/she/his/her → the most salient person before it.

    Salience: the subject of the nearest earlier sentence (or clause) that has a person
    subject wins over a more recent non-subject mention; with no person subject in the last
    two sentences, the nearest earlier person mention is taken.
    """
    out: list[tuple[int, str]] = []
    last_subject: tuple[int, str] | None = None  # (sentence index, actor)
    last_any: tuple[int, str] | None = None
    for si, sent in enumerate(doc.sents):
        for tok in sent:
            aid = person_at.get(tok.i)
            if (
                tok.lower_ in PERSON_PRONOUNS
                and aid is None
                and (allowed is None or tok.i in allowed)
            ):
                cand = None
                if last_subject and si - last_subject[0] <= 2:
                    cand = last_subject[1]
                elif last_any and si - last_any[0] <= 2:
                    cand = last_any[1]
                if cand:
                    out.append((tok.i, cand))
                    aid = cand
                    person_at[tok.i] = cand
            if aid is not None:
                last_any = (si, aid)
                if tok.dep_ in {"nsubj", "nsubjpass"} or (
                    tok.head.dep_ in {"nsubj", "nsubjpass"} and tok.dep_ in {"compound", "flat"}
                ):
                    last_subject = (si, aid)
    return out
