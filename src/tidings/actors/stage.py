"""The ``actors`` stage: mentions → canonical document actors with roles and KB ids."""

from __future__ import annotations

from collections import Counter

from spacy.language import Language
from spacy.tokens import Doc

from tidings.actors.collectives import collectives
from tidings.actors.kb import KnowledgeBase, load_kb
from tidings.actors.phrases import acronym_expansions, drop_modifier_persons, np_extents
from tidings.actors.recognize import Candidate, kb_matcher, merge_candidates, ner_candidates
from tidings.actors.resolve import (
    DraftActor,
    acronym_links,
    definite_descriptions,
    generic_groups,
    group_named,
    head_descriptions,
    repeated_names,
    resolve_pronouns,
    slug,
    surname_mentions,
)
from tidings.actors.roles import is_title_phrase, roles_for_mention, title_references
from tidings.actors.wordlists import wordlist
from tidings.document import Document, Mention
from tidings.model import Actor, Role
from tidings.nlp import abbreviations
from tidings.stage import Stage

_SECTOR_BY_KIND = {
    "government": "GOV",
    "military": "MIL",
    "police": "COP",
    "paramilitary": "MIL",
    "militia": "UAF",
    "rebel": "REB",
    "party": "PTY",
    "media": "JRN",
    "ngo": "NGO",
    "igo": "IGO",
    "business": "BUS",
    "labor": "LAB",
    "civilians": "CVL",
}


class ActorStage(Stage):
    """Finds actor mentions (KB phrase matcher + NER), groups them, resolves he/she, roles."""

    name = "actors"
    requires = ("doc", "structure")
    assigns = ("actors", "mentions")

    def __init__(self, nlp: Language, kb: KnowledgeBase | None = None) -> None:
        self.kb = kb if kb is not None else load_kb()
        self.nlp = nlp
        # single-word group nouns, before which a one-word "person" is a people ("Hutu rebels")
        self.group_words = {w for w in collectives().group_kinds if " " not in w}

    def __call__(self, d: Document) -> Document:
        doc = d.doc
        assert doc is not None
        matcher = kb_matcher(self.nlp, self.kb)
        ner = ner_candidates(doc)
        cands = merge_candidates(self._drop_offices_before_names(doc, matcher(doc), ner), ner)
        cands = acronym_expansions(doc, drop_modifier_persons(doc, cands, self.group_words))
        drafts, linked = group_named(doc, cands, self.kb)
        # "(IRGC)" after a full name found by NER: later bare "IRGC" mentions join it.
        acro = acronym_links(doc, linked)
        linked = [(c, acro.get(doc[c.start : c.end].text, aid)) for c, aid in linked]
        taken = {i for c, _ in linked for i in range(c.start, c.end)}
        linked += surname_mentions(doc, drafts, taken)
        taken = {i for c, _ in linked for i in range(c.start, c.end)}
        linked += repeated_names(doc, linked, drafts, taken)
        taken = {i for c, _ in linked for i in range(c.start, c.end)}
        self._add_generic(doc, drafts, linked, taken)
        actor_at = {i: aid for c, aid in linked for i in range(c.start, c.end)}
        for c, aid in linked:
            s, e = c.chars(doc)
            drafts[aid].mentions.append((s, e, c.how))
        body_tokens = {t.i for t in doc if d.in_body(t.idx, t.idx + len(t.text))}
        _descriptions(doc, drafts, actor_at, body_tokens)
        person_at = {i: a for i, a in actor_at.items() if drafts[a].kind == "person"}
        for i, aid in resolve_pronouns(doc, person_at, body_tokens):
            tok = doc[i]
            drafts[aid].mentions.append((tok.idx, tok.idx + len(tok.text), "pronoun"))
        roles, extended = self._roles(d, doc, linked, actor_at, drafts)
        titled = _titled_persons(doc, linked, drafts, roles, extended)
        state = _story_state(linked, drafts)
        offices = frozenset(w for w, k in collectives().group_kinds.items() if k == "government")
        for start, end, aid in title_references(doc, titled, actor_at, body_tokens, state, offices):
            span = doc[start:end]
            drafts[aid].mentions.append((span.start_char, span.end_char, "coref"))
        for c, aid in linked:
            if drafts[aid].kind == "person":
                continue
            spans = np_extents(doc, c.start, c.end)
            if c.end + 2 < len(doc) and doc[c.end].text == "(" and doc[c.end + 2].text == ")":
                if actor_at.get(c.end + 1) == aid:  # "Palestine Liberation Organization (PLO)"
                    spans.append((c.start, c.end + 3))
            for s, e in spans:
                span = doc[s:e]
                extended.setdefault(aid, []).append((span.start_char, span.end_char))
        d.actors = [
            self._finish(a, roles.get(a.id, []), extended.get(a.id, []), d)
            for a in drafts.values()
            if a.mentions
        ]
        d.mentions = []
        for a in drafts.values():
            for s, e, how in a.mentions:
                d.add_mention(Mention(s, e, a.id, _source(how)))
        d.counts["actors"] = len(d.actors)
        d.counts["mentions"] = len(d.mentions)
        return d

    def _drop_offices_before_names(
        self, doc: Doc, kb: list[Candidate], ner: list[Candidate]
    ) -> list[Candidate]:
        """'Israeli Prime Minister Ehud Barak', 'Stephen Harper, Prime Minister of Canada':
        the office is the person's title, not an actor of its own.

        A KB office (a government or military entry whose matched words hold a title) right
        before a person's name, or in apposition right after it, is left to the role finder;
        shorter KB matches inside it ("Israeli", "Canada") still stand.
        """
        person_starts = {c.start for c in ner if c.label == "PERSON"}
        person_ends = {c.end for c in ner if c.label == "PERSON"}
        out = []
        for c in kb:
            entry = self.kb.get(c.kb_id)
            nxt = c.end
            while nxt < len(doc) and doc[nxt].text in abbreviations():
                nxt += 1
            prev = c.start - 1
            while prev >= 0 and doc[prev].lower_ in {"the", "a", "an"}:
                prev -= 1
            apposed = prev >= 1 and doc[prev].text == "," and prev in person_ends
            if (
                entry is not None
                and entry.kind in {"government", "military", "police"}
                and (nxt in person_starts or apposed)
                and is_title_phrase([t.lower_ for t in doc[c.start : c.end]])
            ):
                continue
            out.append(c)
        return out

    def _add_generic(
        self,
        doc: Doc,
        drafts: dict[str, DraftActor],
        linked: list[tuple[Candidate, str]],
        taken: set[int],
    ) -> None:
        by_key: dict[str, str] = {}
        named_at = {i: aid for c, aid in linked for i in range(c.start, c.end)}
        dropped: set[int] = set()  # indexes into `linked`, removed once at the end
        at_token: dict[int, list[int]] = {}  # token -> indexes of `linked` covering it
        for j, (c, _) in enumerate(linked):
            for i in range(c.start, c.end):
                at_token.setdefault(i, []).append(j)

        def link(c: Candidate, aid: str) -> None:
            for i in range(c.start, c.end):
                at_token.setdefault(i, []).append(len(linked))
            linked.append((c, aid))

        state = _story_state(linked, drafts)
        named = {aid for _, aid in linked}
        state_nouns = set(wordlist("groups")["state_nouns"])
        for start, end, info in generic_groups(doc, self.kb, taken):
            same = named_at.get(info["same_as"]) if info["same_as"] is not None else None
            if same is None and state is not None and info.get("bare") in state_nouns:
                same = state  # "the government" in a story about one state: that state
            elif same is None and info.get("bare"):
                same = _named_body(info["bare"], drafts, named)  # "the tribunal": the one named
            if same is None and info.get("needs_antecedent") and info["key"] not in by_key:
                continue
            # The group phrase replaces KB/NER mentions inside it ("A Basij member"), except
            # the name of the very actor it is ("Hezbollah" in "Hezbollah guerrillas").
            for i in range(start, end):
                dropped.update(j for j in at_token.get(i, ()) if linked[j][1] != same)
            if same is not None:  # "X, the umbrella union for teachers,": X itself
                if drafts[same].kind != "person":  # a person's apposition is a title
                    link(Candidate(start, end, "GROUP", None, "generic"), same)
                continue
            aid = by_key.get(info["key"])
            if aid is None:
                aid = slug(info["name"])
                while aid in drafts:
                    aid += "-g"
                kind = info["kind"]
                drafts[aid] = DraftActor(
                    id=aid,
                    name=info["name"],
                    kind=kind,
                    country=info["country"] or (info["sponsor"] if kind == "military" else None),
                    sponsor=info["sponsor"],
                    affiliation=info["affiliation"],
                )
                by_key[info["key"]] = aid
            link(Candidate(start, end, "GROUP", None, "generic"), aid)
        linked[:] = [x for j, x in enumerate(linked) if j not in dropped]

    def _roles(
        self,
        d: Document,
        doc: Doc,
        linked: list[tuple[Candidate, str]],
        actor_at: dict[int, str],
        drafts: dict[str, DraftActor],
    ) -> tuple[dict[str, list[Role]], dict[str, list[tuple[int, int]]]]:
        """Roles per person (body titles win over captions) and titled noun-phrase mentions."""
        extended: dict[str, list[tuple[int, int]]] = {}
        body: dict[str, list[Role]] = {}
        other: dict[str, list[Role]] = {}
        for c, aid in linked:
            if drafts[aid].kind != "person":
                continue
            s, e = c.chars(doc)
            found, titled = roles_for_mention(doc, c.start, c.end, actor_at, d.text)
            for np_extent in titled:
                # The titled noun phrase is a mention too ("Serbian President V. Kostunica").
                extended.setdefault(aid, []).append(np_extent)
            bucket = body if d.in_body(s, e) else other
            for r in found:
                if all(r.title != x.title or r.of != x.of for x in bucket.get(aid, [])):
                    bucket.setdefault(aid, []).append(r)
        for aid, rs in other.items():
            body.setdefault(aid, rs)
        return body, extended

    def _finish(
        self, a: DraftActor, roles: list[Role], extended: list[tuple[int, int]], d: Document
    ) -> Actor:
        mentions = sorted({(s, e) for s, e, _ in a.mentions} | set(extended))
        kb = a.kb
        country = a.country
        affiliation = a.affiliation
        for r in roles:
            org = r.of
            if org and affiliation is None and org != a.id:
                affiliation = org
        if country is None and affiliation:
            entry = self.kb.get(affiliation)
            country = entry.country if entry else None
        name = a.name
        if a.kind == "person":
            # a pronoun or "the minister" refers to the person and does not name them
            named = [d.text[s:e] for s, e, how in a.mentions if how not in {"pronoun", "coref"}]
            name = max(named, key=len)
        return Actor(
            id=a.id,
            name=name,
            kind=a.kind,  # type: ignore[arg-type]
            country=country,
            affiliation=affiliation,
            sponsor=a.sponsor,
            sector=(kb.sector if kb and kb.sector else _SECTOR_BY_KIND.get(a.kind)),
            roles=roles,
            mentions=[d.span(s, e) for s, e in mentions],
            kb_id=kb.id if kb else None,
            cameo=kb.cameo if kb else None,
        )


def _descriptions(
    doc: Doc, drafts: dict[str, DraftActor], actor_at: dict[int, str], body: set[int]
) -> None:
    """Definite descriptions that refer back: "the organization", "the registrar"."""
    kinds = {aid: a.kind for aid, a in drafts.items()}
    found = definite_descriptions(doc, actor_at, kinds, body)
    found += head_descriptions(doc, actor_at, drafts, body)
    for start, end, aid in found:
        span = doc[start:end]
        drafts[aid].mentions.append((span.start_char, span.end_char, "coref"))


def _titled_persons(
    doc: Doc,
    linked: list[tuple[Candidate, str]],
    drafts: dict[str, DraftActor],
    roles: dict[str, list[Role]],
    extended: dict[str, list[tuple[int, int]]],
) -> dict[str, tuple[int, set[str]]]:
    """Per person with a title: the first token of its first mention, and the lower-cased
    words of its titles and titled phrases ("Interior Minister X": interior, minister)."""
    first: dict[str, int] = {}
    for c, aid in linked:
        if drafts[aid].kind == "person":
            first[aid] = min(first.get(aid, c.start), c.start)
    out: dict[str, tuple[int, set[str]]] = {}
    for aid, start in first.items():
        words = {w.lower() for r in roles.get(aid, []) for w in r.title.split()}
        for s, e in extended.get(aid, []):
            span = doc.char_span(s, e, alignment_mode="expand")
            if span is not None:
                words |= {t.lower_ for t in span}
        if words:
            out[aid] = (start, words)
    return out


def _story_state(linked: list[tuple[Candidate, str]], drafts: dict[str, DraftActor]) -> str | None:
    """The state a story is about: the country named most often (with its government's
    mentions), when named more often than any other; its government's actor if the story
    names one ("Government of X"), else the country's. A bare "the government" is that."""
    states = {"country", "government"}
    counts = Counter(
        drafts[aid].country for _, aid in linked if drafts[aid].kind in states and drafts[aid].kb
    )
    counts.pop(None, None)
    top = counts.most_common(2)
    if not top or top[0][1] < 2 or (len(top) == 2 and top[0][1] == top[1][1]):
        return None  # named once, or as often as another: no story state
    mine = [a for a in drafts.values() if a.kb and a.country == top[0][0] and a.kind in states]
    mine.sort(key=lambda a: a.kind != "government")
    return mine[0].id if mine else None


def _named_body(word: str, drafts: dict[str, DraftActor], named: set[str]) -> str | None:
    """The one named organisation whose name holds the bare noun ("the tribunal" after the
    "Cauvery Water Disputes Tribunal", "the court" after the "Supreme Court"); None when
    none or several do."""
    found = [
        a.id
        for a in drafts.values()
        if a.id in named and a.kind != "person" and word in a.name.lower().split()
    ]
    return found[0] if len(found) == 1 else None


def _source(how: str) -> str:
    return {"ner": "ner", "pronoun": "pronoun", "generic": "generic", "coref": "coref"}.get(
        how, "kb"
    )
