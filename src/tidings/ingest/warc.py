"""WARC web archives (warcio): every HTML response as an `Article`.

Only ``response`` records with a 2xx status and an HTML content type are read; requests,
metadata, images and redirects are skipped. Each yields ``(ref, Article | InputError)`` with
``ref = "path@offset <url>"``, so a failure names the record.

Archives are often cut short (a crawl killed mid-write, a partial download). warcio then
returns a short body or silently stops, so this reader checks for itself: a record whose block
is shorter than its ``Content-Length`` is an error, and so are bytes left unread at the end of
the file. A garbled record ends the reading with an error; everything before it is kept.
"""

from __future__ import annotations

import html as htmllib
import logging
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, Any

from tidings.errors import InputError
from tidings.model import Article

__all__ = ["MAX_RECORD_BYTES", "read_warc"]

log = logging.getLogger(__name__)

MAX_RECORD_BYTES = 10 * 1024 * 1024
"""A page larger than this (decoded) is refused, as the URL fetcher does."""

_HTML_TYPES = ("text/html", "application/xhtml+xml")
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w.:-]+)""", re.I)

Item = tuple[str, Article | InputError]


def _html_converter() -> Callable[[str, str | None], Article]:
    """`tidings.ingest.html.article_from_html` when present, else a crude fallback."""
    try:
        from tidings.ingest.html import article_from_html
    except ImportError:
        # TODO: drop the fallback once tidings.ingest.html (trafilatura) is in place.
        log.warning("tidings.ingest.html not available: WARC pages are tag-stripped crudely")
        return _crude_article
    return article_from_html  # type: ignore[no-any-return]


_DROP = re.compile(r"<(script|style|noscript|template|svg|head)\b.*?</\1\s*>", re.I | re.S)
_BLOCK = re.compile(r"</?(p|div|br|li|h[1-6]|tr|section|article|blockquote|figure)\b[^>]*>", re.I)
_TAG = re.compile(r"<[^>]*>")
_TITLE = re.compile(r"<title[^>]*>(.*?)</title\s*>", re.I | re.S)


def _crude_article(html: str, url: str | None) -> Article:
    """Tag-stripped text: a stand-in for real extraction (keeps navigation and comments)."""
    m = _TITLE.search(html)
    title = " ".join(htmllib.unescape(m.group(1)).split()) if m else None
    text = _BLOCK.sub("\n", _DROP.sub(" ", re.sub(r"<!--.*?-->", " ", html, flags=re.S)))
    text = htmllib.unescape(_TAG.sub(" ", text))
    lines = [" ".join(line.split()) for line in text.splitlines()]
    body = "\n\n".join(line for line in lines if line)
    if not body:
        raise InputError(url or "<html>", "no text in the page")
    return Article(text=body, title=title or None, url=url)


def _decode(body: bytes, content_type: str) -> str:
    """The page as text: the declared charset, a <meta> charset, UTF-8, then Windows-1252."""
    declared = re.search(r"charset\s*=\s*[\"']?([\w.:-]+)", content_type, re.I)
    candidates = [declared.group(1)] if declared else []
    meta = _CHARSET.search(body[:4096])
    if meta:
        candidates.append(meta.group(1).decode("ascii", "replace"))
    candidates += ["utf-8", "cp1252"]
    for enc in candidates:
        try:
            return body.decode(enc)
        except (LookupError, UnicodeDecodeError):
            continue
    return body.decode("utf-8", "replace")  # cp1252 fails only on 5 bytes; never reached


def _tail_unread(fh: IO[bytes], end: int) -> int:
    """Bytes after `end` that are more than the blank lines closing the last record."""
    fh.seek(0, 2)
    size = fh.tell()
    if size <= end:
        return 0
    fh.seek(end)
    return 0 if not fh.read(min(size - end, 4096)).strip() else size - end


def read_warc(path: str | Path, max_bytes: int = MAX_RECORD_BYTES) -> Iterator[Item]:
    """Every HTML response of a WARC (or ``.warc.gz``) as ``(ref, Article | InputError)``."""
    from warcio.archiveiterator import ArchiveIterator

    path = Path(path)
    if not path.exists():
        yield str(path), InputError(str(path), "no such file")
        return
    if path.is_dir():
        yield str(path), InputError(str(path), "is a directory, not a WARC file")
        return
    convert = _html_converter()
    read = 0
    end = 0
    with path.open("rb") as fh:
        it = ArchiveIterator(fh)
        records = iter(it)
        while True:
            try:
                record = next(records)
            except StopIteration:
                break
            except Exception as exc:  # warcio raises many kinds on a garbled record
                ref = f"{path}@{end}"
                yield (
                    ref,
                    InputError(
                        ref,
                        f"garbled WARC after {read} record(s): {type(exc).__name__}: "
                        f"{str(exc)[:120]!r}; reading stopped",
                    ),
                )
                return
            read += 1
            item = _record_item(record, it, path, max_bytes, convert)
            end = it.get_record_offset() + it.get_record_length()
            if item is not None:
                yield item
        unread = _tail_unread(fh, end)
    if unread:
        ref = f"{path}@{end}"
        yield ref, InputError(ref, f"truncated WARC: {unread} byte(s) after the last whole record")
    elif read == 0:
        yield str(path), InputError(str(path), "no WARC records (empty or not a WARC file)")


def _record_item(
    record: Any,
    it: Any,
    path: Path,
    max_bytes: int,
    convert: Callable[[str, str | None], Article],
) -> Item | None:
    """One record as an item, or None when it is not an HTML response (skipped)."""
    if record.rec_type != "response" or record.http_headers is None:
        record.raw_stream.read()  # drain so the offset and length are right
        return None
    url = record.rec_headers.get_header("WARC-Target-URI")
    status = record.http_headers.get_statuscode() or ""
    content_type = record.http_headers.get_header("Content-Type") or ""
    if not status.startswith("2") or not content_type.lower().startswith(_HTML_TYPES):
        record.raw_stream.read()
        return None
    try:
        body = record.content_stream().read(max_bytes + 1)
    except Exception as exc:  # a broken gzip/chunked body
        body, error = b"", f"unreadable body: {type(exc).__name__}: {exc}"
    else:
        error = ""
    # The block's reader counts down from Content-Length: bytes still owed after the whole
    # body was read mean the file ended inside this record.
    truncated = not error and len(body) <= max_bytes and getattr(record.raw_stream, "limit", 0) > 0
    record.raw_stream.read()
    ref = f"{path}@{it.get_record_offset()} <{url}>"
    if error:
        return ref, InputError(ref, error)
    if len(body) > max_bytes:
        return ref, InputError(ref, f"page larger than {max_bytes:,} bytes")
    if truncated:
        return ref, InputError(
            ref, "truncated record: the block is shorter than its Content-Length"
        )
    try:
        return ref, convert(_decode(body, content_type), url)
    except InputError as exc:
        return ref, InputError(ref, exc.reason)
    except Exception as exc:  # extraction failing on one page must not end the archive
        return ref, InputError(ref, f"cannot extract the article: {type(exc).__name__}: {exc}")
