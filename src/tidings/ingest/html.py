"""HTML pages into Articles: trafilatura for the body and metadata, htmldate for the date.

The text is built as ``headline`` + blank line + body paragraphs (one per line), so the structure
stage sees the headline first and every later span indexes this exact string. Captions, image
credits, comments and tables are kept out (``include_images/comments/tables=False``); class/id
cues in ``data/html_boilerplate.yaml`` prune what trafilatura would keep (gallery titles,
"Most read" headings). A page with no article text is an `InputError`, never an empty Article.
"""

from __future__ import annotations

import codecs
import datetime as dt
import logging
import re
from functools import lru_cache
from pathlib import Path

import htmldate
import trafilatura
import yaml
from lxml import etree
from lxml import html as lxml_html
from trafilatura.utils import detect_encoding

from tidings.errors import InputError
from tidings.model import Article

__all__ = [
    "MAX_HTML_BYTES",
    "MIN_BODY_CHARS",
    "article_from_html",
    "decode_html",
    "read_html",
]

log = logging.getLogger(__name__)

MAX_HTML_BYTES = 10_000_000
"""Pages larger than this are refused before parsing (the fetch cap is the same)."""

MIN_BODY_CHARS = 200
"""Below this, what trafilatura found is a form or a menu, not an article, unless it is prose."""

MIN_PROSE_WORDS = 8
"""A shorter body still counts when one line is a sentence of this many words: a news brief."""

_SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019)]*$")

_DATA = Path(__file__).resolve().parent.parent / "data" / "html_boilerplate.yaml"
_KEEP_SHARE = 0.5  # pruning may not remove more than half of the unpruned text


@lru_cache(maxsize=1)
def _prune_xpath() -> str:
    """One XPath selecting boilerplate elements by class/id substring (from the YAML file)."""
    raw = yaml.safe_load(_DATA.read_text(encoding="utf-8"))
    words = [w.lower() for w in raw["class_or_id_contains"]]
    keep = " or ".join(f"self::{t}" for t in raw["never_prune"])
    lower = "translate({attr}, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')"
    tests = " or ".join(
        f"contains({lower.format(attr=a)}, '{w}')" for w in words for a in ("@class", "@id")
    )
    return f"//*[not({keep})][{tests}]"


_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>")
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def _try(data: bytes, charset: str | None) -> str | None:
    if not charset:
        return None
    try:
        return data.decode(charset)
    except (LookupError, UnicodeDecodeError):
        return None


def decode_html(data: bytes, charset: str | None = None) -> str:
    """The page as text: BOM, then the HTTP charset, then ``<meta charset>``, then UTF-8.

    Decoding here rather than in lxml matters: libxml2 reads bytes without a declared charset
    as Latin-1, which turns every UTF-8 page served with the charset only in its HTTP header
    into mojibake. Undecodable pages fall back to detection, then to cp1252 with replacement.
    """
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return data.decode(codec, "replace")
    meta = _META_CHARSET.search(data[:8192])
    declared = meta.group(1).decode("ascii", "replace") if meta else None
    for candidate in (charset, declared, "utf-8"):
        text = _try(data, candidate)
        if text is not None:
            return text
    for guess in detect_encoding(data)[:3]:
        text = _try(data, guess)
        if text is not None:
            return text
    return data.decode("cp1252", "replace")


@lru_cache(maxsize=1)
def _cut_lines() -> tuple[re.Pattern[str], ...]:
    raw = yaml.safe_load(_DATA.read_text(encoding="utf-8"))
    return tuple(re.compile(p, re.IGNORECASE) for p in raw.get("cut_at_line", []))


def _cut_tail(lines: list[str]) -> list[str]:
    """The body up to a "Comments"/"Related stories" line in its second half, if any."""
    for i in range(max(1, len(lines) // 2), len(lines)):
        if any(p.fullmatch(lines[i].strip(" :.")) for p in _cut_lines()):
            return lines[:i]
    return lines


_TITLE_SEPARATORS = (" - ", " | ", " – ", " — ", " :: ", " · ")


def _site_from_title(tree: etree._Element, headline: str | None) -> str | None:
    """ "Headline - Site Name" in ``<title>``: the site name, when the headline matches."""
    found = tree.findtext(".//title")
    if not found or not headline:
        return None
    page_title = " ".join(found.split())
    for sep in _TITLE_SEPARATORS:
        head, _, site = page_title.rpartition(sep)
        if head and site and head.casefold() == headline.casefold() and len(site) <= 60:
            return site.strip()
    return None


def _source(sitename: str | None, from_title: str | None) -> str | None:
    """The site's name; trafilatura falls back to the host name, which a ``<title>`` beats."""
    site = (sitename or "").strip()
    if from_title and (not site or (" " not in site and "." in site)):
        return from_title
    return site or None


def _parse(data: str | bytes, source: str, charset: str | None = None) -> etree._Element:
    """An lxml tree of the page; malformed markup is repaired, unusable input is an InputError."""
    if isinstance(data, bytes):
        if len(data) > MAX_HTML_BYTES:
            raise InputError(source, f"page larger than {MAX_HTML_BYTES:,} bytes")
        utf16 = data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
        if not utf16 and not data.strip(b"\x00 \t\r\n"):
            raise InputError(source, "empty page (no bytes besides whitespace or NULs)")
        if not utf16 and data.count(b"\x00") > len(data) // 100:
            raise InputError(source, "binary data (NUL bytes), not an HTML page")
        data = _XML_DECL.sub("", decode_html(data, charset).replace("\x00", ""), count=1)
        if not data.strip():
            raise InputError(source, "empty page")
    else:
        if len(data) > MAX_HTML_BYTES:
            raise InputError(source, f"page larger than {MAX_HTML_BYTES:,} characters")
        if not data.strip():
            raise InputError(source, "empty page")
        data = _XML_DECL.sub("", data.replace("\x00", ""), count=1)
    try:
        tree = lxml_html.document_fromstring(data)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError) as exc:
        raise InputError(source, f"not parseable as HTML: {exc}") from exc
    if tree is None:
        raise InputError(source, "not parseable as HTML")
    return tree


def _extract(
    tree: etree._Element, url: str | None, prune: bool
) -> trafilatura.settings.Document | None:
    # trafilatura modifies the tree it is given: hand it a copy so both passes see the page.
    copy = lxml_html.fromstring(etree.tostring(tree, encoding="unicode"))
    found = trafilatura.bare_extraction(
        copy,
        url=url,
        include_comments=False,
        include_images=False,
        include_tables=False,
        with_metadata=True,
        prune_xpath=_prune_xpath() if prune else None,
    )
    return found if isinstance(found, trafilatura.settings.Document) else None


def _is_prose(line: str) -> bool:
    """A line that reads as a sentence (a short news brief), not a link list or a form label."""
    return len(line.split()) >= MIN_PROSE_WORDS and bool(_SENTENCE_END.search(line))


def _lines(text: str | None) -> list[str]:
    return [ln.strip() for ln in (text or "").splitlines() if ln.strip()]


def _date(tree: etree._Element, url: str | None, found: str | None) -> dt.date | None:
    """The original publication date: htmldate first, trafilatura's guess second."""
    value: str | None = None
    try:
        value = htmldate.find_date(tree, url=url, original_date=True, extensive_search=False)
    except (ValueError, TypeError) as exc:  # htmldate is defensive, this is belt and braces
        log.debug("htmldate failed: %s", exc)
    for candidate in (value, found):
        if candidate:
            try:
                return dt.date.fromisoformat(candidate[:10])
            except ValueError:
                continue
    return None


def _language(tree: etree._Element) -> str | None:
    """The page's declared language (``<html lang>``), as a two-letter code."""
    lang = tree.get("lang") or tree.get("{http://www.w3.org/XML/1998/namespace}lang") or ""
    m = re.match(r"\s*([A-Za-z]{2,3})\b", lang)
    return m.group(1).lower() if m else None


def _authors(value: str | None) -> list[str]:
    if not value:
        return []
    return [a.strip() for a in re.split(r";|\s+and\s+", value) if a.strip()]


def article_from_html(
    html: str | bytes,
    url: str | None = None,
    *,
    source: str | None = None,
    charset: str | None = None,
) -> Article:
    """The article in an HTML page; `source` (default the URL) names the input in errors.

    `charset` is the one an HTTP ``Content-Type`` header declared, if any (bytes input only).
    """
    name = source or url or "<html>"
    tree = _parse(html, name, charset)
    doc = _extract(tree, url, prune=True)
    plain = _extract(tree, url, prune=False)
    body = _lines(doc.text if doc is not None else None)
    full = _lines(plain.text if plain is not None else None)
    if sum(map(len, body)) < _KEEP_SHARE * sum(map(len, full)):
        log.debug("%s: pruning removed too much text, using the unpruned extraction", name)
        doc, body = plain, full
    if doc is None or not body:
        raise InputError(name, "no article text found in the page (menus, forms or links only)")
    chars = sum(map(len, body))
    if chars < MIN_BODY_CHARS and not any(map(_is_prose, body)):
        raise InputError(
            name,
            f"no article text found in the page: only {chars} characters of text "
            "and no full sentence (a menu, form or sign-in page?)",
        )
    body = _cut_tail(body)
    title = " ".join((doc.title or "").split()) or None
    if title and body and body[0].casefold() == title.casefold():
        body = body[1:]  # trafilatura sometimes keeps the <h1>; the headline goes first anyway
    text = "\n".join(body)
    if title:
        text = f"{title}\n\n{text}"
    return Article(
        url=url,
        title=title,
        source=_source(doc.sitename, _site_from_title(tree, title)),
        published=_date(tree, url, doc.date),
        language=_language(tree),
        authors=_authors(doc.author),
        text=text,
    )


def read_html(path: str | Path, url: str | None = None) -> Article:
    """The article in a saved HTML file; errors name the file."""
    p = Path(path)
    try:
        with p.open("rb") as fh:
            data = fh.read(MAX_HTML_BYTES + 1)
    except FileNotFoundError as exc:
        raise InputError(str(path), "no such file") from exc
    except IsADirectoryError as exc:
        raise InputError(str(path), "is a directory, not an HTML file") from exc
    except OSError as exc:
        raise InputError(str(path), f"cannot read: {exc.strerror or exc}") from exc
    return article_from_html(data, url=url, source=str(path))
