"""A body's name recurs where NER missed it: one sense per article.

"the Centre" found once by NER names the same body when it recurs ("wrote to the Centre"), so
an event told there gets its party. Persons are left to the surname rules; a name two actors
share stays ambiguous. Sentences written here; the real pipeline.
"""

from __future__ import annotations


def _mentions_of(doc, text: str, word: str) -> list[str]:  # noqa: ANN001
    return [a.id for a in doc.actors for m in a.mentions if text[m.start : m.end] == word]


def test_a_name_found_once_names_the_same_body_where_it_recurs(pipeline) -> None:
    text = (
        "The Centre has told the Supreme Court that it needs more time to frame the scheme. "
        "Tamil Nadu said it had written to the Centre repeatedly in March for the constitution "
        "of the board. The Centre did not respond on Friday."
    )
    doc = pipeline.analyze(text, published="2018-04-02")
    ids = _mentions_of(doc, text, "Centre")
    assert len(ids) == 3 and len(set(ids)) == 1
    (req,) = [e for e in doc.events if e.type == "REQUEST"]
    assert req.target == [ids[0]]
