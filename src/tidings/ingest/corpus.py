"""JSONL and CSV corpora: one article per line or row, columns mapped by a `ColumnMap`.

Readers yield ``(item_ref, Article | InputError)`` for every record, ``item_ref`` being
``path:line``. A bad record (broken JSON, no text, a bad date, bytes that are not UTF-8) becomes
an `InputError` naming the file and the line, and reading goes on: one bad line in a million
must not cost the other 999,999. Only a file that cannot be read at all (missing, a directory,
a CSV header without the text column) yields a single error for the whole file.

``.gz`` files are read through gzip; ``.tsv`` files are tab-separated.
"""

from __future__ import annotations

import csv
import datetime as dt
import email.utils
import gzip
import io
import json
import re
import sys
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, fields
from pathlib import Path
from typing import IO, Any

from tidings.errors import InputError
from tidings.model import Article
from tidings.textcheck import MAX_CHARS, check_text

__all__ = ["ColumnMap", "Item", "read_corpus", "read_csv", "read_jsonl"]

Item = tuple[str, Article | InputError]

# Python's csv default (128 KiB) is smaller than a long article; the real cap is `max_chars`,
# checked per record with a clear message. The limit is process-wide, so it is only raised.
_FIELD_LIMIT = min(sys.maxsize, 2**31 - 1)
# Undecodable bytes (read with surrogateescape) and lone surrogates from JSON escapes.
_SURROGATE = re.compile("[\ud800-\udfff]")


@dataclass(frozen=True)
class ColumnMap:
    """Which column (JSON key) holds each field; None = the corpus has no such column."""

    text: str = "text"
    title: str | None = "title"
    date: str | None = "published"
    url: str | None = "url"
    source: str | None = "source"
    id: str | None = None
    authors: str | None = "authors"
    language: str | None = "language"

    @classmethod
    def parse(cls, spec: str | Mapping[str, str | None] | None) -> ColumnMap:
        """A map from ``"text=body,date=pubdate"`` or a dict; unnamed fields keep defaults."""
        if spec is None:
            return cls()
        if isinstance(spec, str):
            pairs: dict[str, str | None] = {}
            for part in filter(None, (p.strip() for p in spec.split(","))):
                key, sep, value = part.partition("=")
                if not sep:
                    raise ValueError(f"column mapping {part!r} is not FIELD=COLUMN")
                pairs[key.strip()] = value.strip() or None
            spec = pairs
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(spec) - known)
        if unknown:
            raise ValueError(
                f"unknown field(s) {unknown} in column mapping; known: {sorted(known)}"
            )
        if "text" in spec and not spec["text"]:
            raise ValueError("the text column cannot be empty")
        return cls(**spec)  # type: ignore[arg-type]


def _open_binary(path: Path) -> IO[bytes]:
    if path.suffix == ".gz":
        return gzip.open(path, "rb")  # type: ignore[return-value]
    return path.open("rb")


def _check_file(path: Path) -> InputError | None:
    if not path.exists():
        return InputError(str(path), "no such file")
    if path.is_dir():
        return InputError(str(path), "is a directory, not a corpus file")
    return None


def parse_date(value: Any) -> dt.date | None:
    """A publication date from ISO 8601 (date or datetime) or RFC 2822; empty is None."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text[:10]) if len(text) >= 10 else dt.date.fromisoformat(text)
    except ValueError:
        pass
    try:
        return dt.datetime.fromisoformat(text).date()
    except ValueError:
        pass
    try:
        return email.utils.parsedate_to_datetime(text).date()
    except (TypeError, ValueError, IndexError):
        pass
    raise ValueError(f"bad date {text[:40]!r}: expected ISO 8601 (2020-01-27) or RFC 2822")


def _authors(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, list):
        return [str(v).strip() for v in value if str(v).strip()]
    # "A; B" in a CSV cell; commas stay ("Smith, John" is one name).
    return [a.strip() for a in str(value).split(";") if a.strip()]


def _optional(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def make_article(record: Mapping[str, Any], mapping: ColumnMap, ref: str, max_chars: int) -> Item:
    """One record as an `Article`, or the `InputError` saying what is wrong with it."""
    if mapping.text not in record or record[mapping.text] is None:
        return ref, InputError(ref, f"no {mapping.text!r} field (the text column)")
    text = record[mapping.text]
    if not isinstance(text, str):
        return ref, InputError(ref, f"{mapping.text!r} is a {type(text).__name__}, not text")
    if _SURROGATE.search(text):
        return ref, InputError(ref, "not valid UTF-8 (undecodable bytes in the text)")
    try:
        text = check_text(text, ref, max_chars)
    except InputError as exc:
        return ref, exc

    def get(col: str | None) -> Any:
        return record.get(col) if col else None

    try:
        published = parse_date(get(mapping.date))
    except ValueError as exc:
        return ref, InputError(ref, f"{exc} in column {mapping.date!r}")
    art_id = _optional(get(mapping.id))
    try:
        article = Article(
            id=art_id or "",
            text=text,
            title=_optional(get(mapping.title)),
            url=_optional(get(mapping.url)),
            source=_optional(get(mapping.source)),
            published=published,
            language=_optional(get(mapping.language)),
            authors=_authors(get(mapping.authors)),
        )
    except ValueError as exc:  # pydantic's ValidationError is a ValueError
        return ref, InputError(ref, f"invalid record: {exc}")
    return ref, article


def read_jsonl(
    path: str | Path, mapping: ColumnMap = ColumnMap(), max_chars: int = MAX_CHARS
) -> Iterator[Item]:
    """Every line of a JSON Lines file as ``(path:line, Article | InputError)``."""
    path = Path(path)
    if (err := _check_file(path)) is not None:
        yield str(path), err
        return
    records = 0
    try:
        with _open_binary(path) as fh:
            for lineno, raw in enumerate(fh, start=1):
                ref = f"{path}:{lineno}"
                if lineno == 1 and raw.startswith(b"\xef\xbb\xbf"):
                    raw = raw[3:]
                if not raw.strip():
                    continue
                records += 1
                try:
                    line = raw.decode("utf-8")
                except UnicodeDecodeError as exc:
                    yield (
                        ref,
                        InputError(
                            ref,
                            f"not valid UTF-8 (byte 0x{raw[exc.start]:02x} at column {exc.start})",
                        ),
                    )
                    continue
                try:
                    record = json.loads(line)
                except json.JSONDecodeError as exc:
                    yield ref, InputError(ref, f"not valid JSON: {exc.msg} at column {exc.colno}")
                    continue
                if not isinstance(record, dict):
                    kind = type(record).__name__
                    yield ref, InputError(ref, f"a JSON {kind}, not an object")
                    continue
                yield make_article(record, mapping, ref, max_chars)
    except (OSError, EOFError) as exc:  # a truncated .gz, a read error mid-file
        yield str(path), InputError(str(path), f"cannot read further: {exc}")
        return
    if records == 0:
        yield str(path), InputError(str(path), "no records (the file is empty)")


def read_csv(
    path: str | Path,
    mapping: ColumnMap = ColumnMap(),
    max_chars: int = MAX_CHARS,
    delimiter: str | None = None,
) -> Iterator[Item]:
    """Every row of a CSV (or ``.tsv``) file with a header as ``(path:line, Article | ...)``.

    Bytes that are not UTF-8 spoil only the rows that hold them (read with surrogateescape,
    then refused per row). A header without the text column is one error for the file.
    """
    path = Path(path)
    if (err := _check_file(path)) is not None:
        yield str(path), err
        return
    if csv.field_size_limit() < _FIELD_LIMIT:
        csv.field_size_limit(_FIELD_LIMIT)
    stem = path.name[:-3] if path.name.endswith(".gz") else path.name
    sep = delimiter or ("\t" if stem.endswith(".tsv") else ",")
    records = 0
    try:
        with _open_binary(path) as raw:
            fh = io.TextIOWrapper(raw, encoding="utf-8-sig", errors="surrogateescape", newline="")
            # strict: an unterminated quote is an error, not the rest of the file in one field.
            reader = csv.reader(fh, delimiter=sep, strict=True)
            try:
                header = next(reader)
            except StopIteration:
                yield str(path), InputError(str(path), "no header (the file is empty)")
                return
            except csv.Error as exc:
                yield str(path), InputError(str(path), f"unreadable header: {exc}")
                return
            header = [h.strip() for h in header]
            if any(_SURROGATE.search(h) for h in header):
                yield str(path), InputError(str(path), "header is not valid UTF-8")
                return
            if mapping.text not in header:
                shown = ", ".join(repr(h[:40]) for h in header[:12])
                yield (
                    str(path),
                    InputError(
                        str(path), f"no {mapping.text!r} column (the text column); header: {shown}"
                    ),
                )
                return
            line = reader.line_num
            while True:
                start = line + 1
                ref = f"{path}:{start}"
                try:
                    row = next(reader)
                except StopIteration:
                    break
                except csv.Error as exc:
                    if reader.line_num == line:  # no progress: the reader cannot go on
                        yield ref, InputError(ref, f"malformed CSV: {exc}; reading stopped")
                        break
                    line = reader.line_num
                    records += 1
                    yield ref, InputError(ref, f"malformed CSV: {exc}")
                    continue
                line = reader.line_num
                if not any(cell.strip() for cell in row):
                    continue
                records += 1
                if len(row) > len(header):
                    yield (
                        ref,
                        InputError(ref, f"{len(row)} fields but the header has {len(header)}"),
                    )
                    continue
                yield make_article(dict(zip(header, row, strict=False)), mapping, ref, max_chars)
    except (OSError, EOFError) as exc:
        yield str(path), InputError(str(path), f"cannot read further: {exc}")
        return
    if records == 0:
        yield str(path), InputError(str(path), "no records (only a header)")


def read_corpus(
    path: str | Path, format: str | None = None, mapping: ColumnMap = ColumnMap()
) -> Iterator[Item]:
    """A corpus by format (``jsonl``, ``csv``, ``tsv``) or, if None, by file extension."""
    p = Path(path)
    stem = p.name[:-3] if p.name.endswith(".gz") else p.name
    fmt = format or stem.rsplit(".", 1)[-1].lower()
    if fmt in ("jsonl", "ndjson", "json"):
        return read_jsonl(p, mapping)
    if fmt in ("csv", "tsv"):
        return read_csv(p, mapping, delimiter="\t" if fmt == "tsv" else None)
    raise InputError(str(p), f"unknown corpus format {fmt!r}: expected jsonl or csv")
