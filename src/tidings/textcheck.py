"""Input checks every reader and the pipeline share: is this text, and is it small enough.

Kept free of heavy imports (no spaCy, no store) so reading a file never loads the model.
"""

from __future__ import annotations

import codecs

from tidings.errors import InputError

MAX_CHARS = 1_000_000


def check_text(text: str, source: str, max_chars: int = MAX_CHARS) -> str:
    """Refuse input that cannot be news text; return it with newlines unified."""
    if not text.strip():
        raise InputError(source, "empty text: nothing to analyse")
    if "\x00" in text:
        raise InputError(source, "binary data (NUL bytes), not text")
    control = sum(1 for ch in text if ord(ch) < 32 and ch not in "\n\r\t\f")
    if control > max(3, len(text) // 100):
        raise InputError(source, f"binary data ({control} control characters), not text")
    if len(text) > max_chars:
        raise InputError(
            source, f"text has {len(text):,} characters; the limit is {max_chars:,} (max_chars)"
        )
    return text.replace("\r\n", "\n").replace("\r", "\n")


def decode_bytes(data: bytes, source: str, encoding: str | None = None) -> str:
    """UTF-8 (with or without BOM), or the `encoding` the caller names; else a clear error.

    No guessing: a wrong guess turns names into mojibake silently, so the user says which.
    """
    name = encoding or "utf-8"
    try:
        codec = codecs.lookup(name).name
    except LookupError as exc:
        raise InputError(source, f"unknown encoding {encoding!r}") from exc
    if codec in {"utf-8", "utf-8-sig"}:
        codec = "utf-8-sig"
        if b"\x00" in data[:8192]:
            raise InputError(source, "binary data (NUL bytes), not text")
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as exc:
        label = "UTF-8" if encoding is None else encoding
        raise InputError(
            source, f"not valid {label} (byte 0x{data[exc.start]:02x} at offset {exc.start})"
        ) from exc
    if "\x00" in text[:8192]:
        raise InputError(source, "binary data (NUL characters), not text")
    return text
