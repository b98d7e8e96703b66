"""Plain-text input: a file path or ``-`` for standard input."""

from __future__ import annotations

import sys
from pathlib import Path

from tidings.errors import InputError
from tidings.model import Article
from tidings.textcheck import MAX_CHARS, check_text, decode_bytes


def read_article(
    path: str | Path, max_chars: int = MAX_CHARS, encoding: str | None = None
) -> Article:
    """Read one text article (UTF-8 unless `encoding` says otherwise); every failure is an
    `InputError` naming the input."""
    source = "<stdin>" if str(path) == "-" else str(path)
    if str(path) == "-":
        data = sys.stdin.buffer.read(max_chars * 4 + 1)
    else:
        p = Path(path)
        if p.is_dir():
            raise InputError(source, "is a directory, not a text file")
        try:
            with p.open("rb") as fh:
                data = fh.read(max_chars * 4 + 1)
        except FileNotFoundError as exc:
            raise InputError(source, "no such file") from exc
        except OSError as exc:
            raise InputError(source, f"cannot read: {exc.strerror or exc}") from exc
    if len(data) > max_chars * 4:
        raise InputError(
            source, f"larger than {max_chars * 4:,} bytes; the limit is {max_chars:,} characters"
        )
    text = check_text(decode_bytes(data, source, encoding), source, max_chars)
    return Article(text=text, url=None if source == "<stdin>" else None)
