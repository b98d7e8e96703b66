"""Gold files (``tidings-gold/1``): loading and checking the hand-made reference analyses.

A gold file is ``.json`` (one object) or ``.jsonl`` (one object per line). Every problem is
reported as a `GoldFormatError` naming the file and line, because a silently skipped gold item
would make every score computed from it wrong without anybody noticing.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tidings.errors import GoldFormatError
from tidings.model import PLOVER_TYPES

GOLD_FORMAT = "tidings-gold/1"

# Which list holds which kind of item, and the keys each item must have.
_REQUIRED_KEYS: dict[str, tuple[str, ...]] = {
    "actors": ("id", "names"),
    "quotes": ("text",),
    "not_quotes": ("text",),
    "events": ("type", "evidence"),
    "not_events": ("evidence",),
    "places": ("text",),
    "times": ("text", "value"),
    "quantities": ("value",),
}
# Item keys that hold text of the article (a scorer compares them as strings).
_TEXT_KEYS = ("text", "evidence", "type")
_STRUCTURE_TEXT_KEYS = ("headline", "standfirst", "body_starts_with")
_STRUCTURE_LIST_KEYS = ("captions", "credits", "repeated_paragraphs")


@dataclass(frozen=True, eq=False)
class GoldDoc:
    """One annotated article: the raw gold object plus the text it annotates."""

    raw: dict[str, Any]
    text: str
    id: str
    published: dt.date | None = None
    title: str | None = None
    path: Path | None = None
    line: int = 1
    warnings: tuple[str, ...] = ()

    def items(self, key: str) -> list[dict[str, Any]]:
        """The gold list ``key`` (actors, quotes, events, ...), empty when absent."""
        value = self.raw.get(key)
        return list(value) if isinstance(value, list) else []

    @property
    def structure(self) -> dict[str, Any] | None:
        """The gold structure block, or None when the article's structure is not annotated."""
        value = self.raw.get("structure")
        return value if isinstance(value, dict) else None

    @property
    def where(self) -> str:
        """``file:line`` of this document, for messages."""
        return f"{self.path}:{self.line}" if self.path else f"<gold>:{self.line}"


def load_gold(path: str | Path) -> list[GoldDoc]:
    """Every gold document of one ``.json`` or ``.jsonl`` file, checked."""
    path = Path(path)
    try:
        content = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise GoldFormatError(f"{path}: gold file not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise GoldFormatError(f"{path}: cannot read gold file: {exc}") from exc

    docs: list[GoldDoc] = []
    if path.suffix.lower() == ".jsonl":
        for number, line in enumerate(content.splitlines(), start=1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                raise GoldFormatError(f"{path}:{number}: invalid JSON: {exc.msg}") from exc
            docs.append(_gold_doc(obj, path, number))
    else:
        try:
            obj = json.loads(content)
        except json.JSONDecodeError as exc:
            raise GoldFormatError(f"{path}:{exc.lineno}: invalid JSON: {exc.msg}") from exc
        docs.append(_gold_doc(obj, path, 1))
    if not docs:
        raise GoldFormatError(f"{path}: no gold documents in file")
    return docs


def load_gold_files(paths: str | Path | Iterable[str | Path]) -> list[GoldDoc]:
    """The gold documents of several files, in order; duplicate ids are refused."""
    if isinstance(paths, str | Path):
        paths = [paths]
    docs: list[GoldDoc] = []
    seen: dict[str, str] = {}
    for p in paths:
        for doc in load_gold(p):
            if doc.id in seen:
                raise GoldFormatError(
                    f"{doc.where}: duplicate document id {doc.id!r} (first at {seen[doc.id]})"
                )
            seen[doc.id] = doc.where
            docs.append(doc)
    return docs


def _gold_doc(obj: Any, path: Path, line: int) -> GoldDoc:
    where = f"{path}:{line}"
    if not isinstance(obj, dict):
        raise GoldFormatError(f"{where}: a gold document must be a JSON object")
    fmt = obj.get("format", GOLD_FORMAT)
    if fmt != GOLD_FORMAT:
        raise GoldFormatError(f"{where}: format {fmt!r} is not {GOLD_FORMAT!r}")
    text = _text(obj, path, where)
    doc_id = obj.get("id")
    if doc_id is not None and not isinstance(doc_id, str):
        raise GoldFormatError(f"{where}: 'id' must be a string")
    title = obj.get("title")
    if title is None and isinstance(obj.get("structure"), dict):
        title = obj["structure"].get("headline")
    _check_items(obj, text, where)
    warnings: list[str] = []
    return GoldDoc(
        raw=obj,
        text=text,
        id=doc_id or f"{path.stem}:{line}",
        published=_published(obj.get("published"), where, warnings),
        title=title if isinstance(title, str) else None,
        path=path,
        line=line,
        warnings=tuple(warnings),
    )


def _text(obj: dict[str, Any], path: Path, where: str) -> str:
    text = obj.get("text")
    if isinstance(text, str):
        if not text.strip():
            raise GoldFormatError(f"{where}: 'text' is empty")
        return text
    if text is not None:
        raise GoldFormatError(f"{where}: 'text' must be a string")
    text_path = obj.get("text_path")
    if not isinstance(text_path, str) or not text_path:
        raise GoldFormatError(f"{where}: needs 'text' or 'text_path'")
    full = (path.parent / text_path).resolve()
    try:
        text = full.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise GoldFormatError(f"{where}: text_path {text_path!r} not found ({full})") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise GoldFormatError(f"{where}: cannot read text_path {text_path!r}: {exc}") from exc
    if not text.strip():
        raise GoldFormatError(f"{where}: text_path {text_path!r} is empty")
    return text


def _published(value: Any, where: str, warnings: list[str]) -> dt.date | None:
    """The publication date; a non-ISO one is dropped with a warning, never guessed.

    ``03-02-2009`` could be either day-first or month-first: guessing would anchor every
    relative date of the article wrongly, so the analyser gets None (and can read the dateline).
    """
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise GoldFormatError(f"{where}: 'published' must be an ISO date string")
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        warnings.append(f"{where}: 'published' {value!r} is not an ISO date; ignored")
        return None


def _check_items(obj: dict[str, Any], text: str, where: str) -> None:
    """Refuse items a scorer would have to guess about (missing keys, unknown types, bad spans)."""
    for key, needed in _REQUIRED_KEYS.items():
        items = obj.get(key, [])
        if not isinstance(items, list):
            raise GoldFormatError(f"{where}: {key!r} must be a list")
        for i, item in enumerate(items):
            at = f"{where}: {key}[{i}]"
            if not isinstance(item, dict):
                raise GoldFormatError(f"{at}: must be an object")
            for k in needed:
                if item.get(k) is None:
                    raise GoldFormatError(f"{at}: missing {k!r}")
            for k in _TEXT_KEYS:
                if k in item and item[k] is not None and not isinstance(item[k], str):
                    raise GoldFormatError(f"{at}: {k!r} must be a string")
            if "required" in item and not isinstance(item["required"], bool):
                raise GoldFormatError(f"{at}: 'required' must be true or false")
            if "span" in item and parse_span(item["span"], len(text)) is None:
                raise GoldFormatError(f"{at}: bad 'span' {item['span']!r}")
            if key == "actors" and not (
                isinstance(item["names"], list) and all(isinstance(n, str) for n in item["names"])
            ):
                raise GoldFormatError(f"{at}: 'names' must be a list of strings")
            if key == "events":
                _check_event(item, at)
            speaker_span = item.get("speaker_span") if key == "quotes" else None
            if speaker_span is not None and not isinstance(speaker_span, str):
                if parse_span(speaker_span, len(text)) is None:
                    raise GoldFormatError(f"{at}: bad 'speaker_span' {speaker_span!r}")
            if key == "quantities" and not isinstance(item["value"], int | float):
                raise GoldFormatError(f"{at}: 'value' must be a number")
    _check_references(obj, where)
    structure = obj.get("structure")
    if structure is None:
        return
    if not isinstance(structure, dict):
        raise GoldFormatError(f"{where}: 'structure' must be an object")
    for k in _STRUCTURE_TEXT_KEYS:
        if structure.get(k) is not None and not isinstance(structure[k], str):
            raise GoldFormatError(f"{where}: structure.{k} must be a string")
    for k in _STRUCTURE_LIST_KEYS:
        value = structure.get(k, [])
        if not (isinstance(value, list) and all(isinstance(v, str) for v in value)):
            raise GoldFormatError(f"{where}: structure.{k} must be a list of strings")


def _check_event(item: dict[str, Any], at: str) -> None:
    for t in [item["type"], *item.get("alt_types", [])]:
        if t not in PLOVER_TYPES:
            raise GoldFormatError(f"{at}: {t!r} is not a PLOVER type")
    for slot in ("source", "target"):
        ids = item.get(slot, [])
        if not (isinstance(ids, list) and all(isinstance(a, str) for a in ids)):
            raise GoldFormatError(f"{at}: {slot!r} must be a list of actor ids")


def _check_references(obj: dict[str, Any], where: str) -> None:
    """Every actor id a quote or event names must be a gold actor: a typo would score as a miss."""
    known = {a["id"] for a in obj.get("actors", [])}
    refs: list[tuple[str, Any]] = []
    for i, q in enumerate(obj.get("quotes", [])):
        refs += [(f"quotes[{i}].speaker", q.get("speaker"))]
        refs += [(f"quotes[{i}].alt_speakers", a) for a in q.get("alt_speakers", [])]
    for i, e in enumerate(obj.get("events", [])):
        refs += [
            (f"events[{i}].{slot}", a) for slot in ("source", "target") for a in e.get(slot, [])
        ]
        refs += [(f"events[{i}].attributed_to", e.get("attributed_to"))]
    for at, ref in refs:
        if ref is not None and ref not in known:
            raise GoldFormatError(f"{where}: {at}: unknown actor id {ref!r}")


def parse_span(value: Any, length: int) -> tuple[int, int] | None:
    """A gold span given as ``[start, end]`` or ``{"start": .., "end": ..}``; None if invalid."""
    if isinstance(value, dict):
        value = (value.get("start"), value.get("end"))
    if not (isinstance(value, list | tuple) and len(value) == 2):
        return None
    start, end = value
    if not (isinstance(start, int) and isinstance(end, int)) or isinstance(start, bool):
        return None
    if not 0 <= start <= end <= length:
        return None
    return start, end
