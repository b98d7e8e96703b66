"""RSS/Atom feeds: poll a feed, turn each new entry into an Article, remember what was seen.

A poll is a conditional GET (the stored ETag and Last-Modified; a 304 means nothing new), then
each entry not yet seen (by entry id, else link) is fetched through the same guarded `Fetcher`
and extracted with `article_from_html`. One bad entry never aborts the batch: its URL and reason
go to `FeedResult.failures` and to the store. The feed itself is parsed from the fetched bytes,
never by handing feedparser a URL (feedparser would fetch it without the SSRF guard).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
from dataclasses import dataclass, field
from typing import Any, Protocol

import feedparser
from lxml import etree
from lxml import html as lxml_html

from tidings.errors import InputError
from tidings.ingest.fetch import Fetcher, fetch_article
from tidings.model import Article, EntryRecord, EntryStatus

__all__ = [
    "EntryRecord",
    "FeedEntry",
    "FeedLog",
    "FeedResult",
    "parse_feed",
    "poll_feed",
    "remember_poll",
]

log = logging.getLogger(__name__)

_BLOCKS = ("p", "li", "h1", "h2", "h3", "h4", "blockquote", "pre")


@dataclass
class FeedEntry:
    """One entry of a parsed feed: its stable id and what the feed says about it."""

    entry_id: str
    link: str | None
    title: str | None
    published: dt.date | None
    content_html: str | None


@dataclass
class FeedResult:
    """What one poll found: new articles (with the entry each came from), skips and failures."""

    feed_url: str
    new_articles: list[Article] = field(default_factory=list)
    skipped: int = 0  # already seen, or beyond `limit` (those are fetched by a later poll)
    failures: list[tuple[str, str]] = field(default_factory=list)
    not_modified: bool = False
    title: str | None = None
    entry_ids: list[str] = field(default_factory=list)  # parallel to new_articles
    records: list[EntryRecord] = field(default_factory=list)  # what `remember_poll` stores
    etag: str | None = None
    last_modified: str | None = None
    status: int | None = None


class FeedLog(Protocol):
    """Where polls are remembered; readers never import the store, the caller passes it in.

    `tidings.store.feedlog.StoreFeedLog` keeps it in the Tidings store.
    """

    def validators(self, url: str) -> tuple[str | None, str | None, str | None] | None:
        """(etag, last_modified, title) of the last poll of `url`, or None if never polled."""
        ...

    def seen(self, url: str) -> set[str]:
        """Ids of the entries of `url` not to fetch again."""
        ...

    def remember(self, result: FeedResult) -> None:
        """Keep a poll's validators and entry outcomes."""
        ...


def remember_poll(memory: FeedLog, result: FeedResult) -> None:
    """Store a poll's validators and entry outcomes (`poll_feed` does this unless told not to).

    Call it yourself after `poll_feed(..., remember=False)` once the articles are safely
    analysed and saved, so a crash in between re-fetches the entries instead of losing them.
    """
    memory.remember(result)


def _date(value: Any) -> dt.date | None:
    try:
        return dt.date(value.tm_year, value.tm_mon, value.tm_mday) if value else None
    except (AttributeError, ValueError):
        return None


def _entry(raw: Any) -> FeedEntry:
    link = raw.get("link") or None
    content = raw.get("content") or []
    html = content[0].get("value") if content else raw.get("summary")
    entry_id = raw.get("id") or link
    if not entry_id:  # neither id nor link: identify the entry by what it says
        digest = hashlib.sha256(f"{raw.get('title', '')}\n{html or ''}".encode()).hexdigest()
        entry_id = f"sha256:{digest[:32]}"
    return FeedEntry(
        entry_id=str(entry_id),
        link=link,
        title=(raw.get("title") or "").strip() or None,
        published=_date(raw.get("published_parsed") or raw.get("updated_parsed")),
        content_html=html,
    )


def parse_feed(
    data: bytes, source: str, content_type: str | None = None
) -> tuple[str | None, list[FeedEntry]]:
    """The feed's title and entries; bytes that are no RSS/Atom feed are an `InputError`."""
    if not data.strip():
        raise InputError(source, "empty response, not an RSS or Atom feed")
    headers = {"content-location": source, "content-type": content_type or "application/xml"}
    parsed = feedparser.parse(data, response_headers=headers)
    if not parsed.get("version") and not parsed.entries:
        cause = parsed.get("bozo_exception")
        detail = f" ({type(cause).__name__}: {cause})" if cause else ""
        raise InputError(source, f"not an RSS or Atom feed{detail}")
    title = (parsed.feed.get("title") or "").strip() or None
    return title, [_entry(e) for e in parsed.entries]


def _article_from_entry(entry: FeedEntry, source: str | None) -> Article:
    """An Article from the feed's own text (title + content/summary), no page fetched."""
    name = entry.link or entry.entry_id
    lines: list[str] = []
    if entry.content_html and entry.content_html.strip():
        try:
            root = lxml_html.fragment_fromstring(entry.content_html, create_parent="div")
        except (etree.ParserError, ValueError) as exc:
            raise InputError(name, f"entry content is not parseable: {exc}") from exc
        blocks = [el.text_content() for el in root.iter(*_BLOCKS)]
        lines = [" ".join(b.split()) for b in (blocks or [root.text_content()])]
        lines = [ln for ln in lines if ln]
    if not lines:
        raise InputError(name, "feed entry has no text (fetch the page instead)")
    text = "\n".join(lines)
    if entry.title:
        text = f"{entry.title}\n\n{text}"
    return Article(
        url=entry.link, title=entry.title, source=source, published=entry.published, text=text
    )


def _article(entry: FeedEntry, fetcher: Fetcher, feed_title: str | None, fetch: bool) -> Article:
    if not fetch:
        return _article_from_entry(entry, feed_title)
    if not entry.link:
        raise InputError(entry.entry_id, "feed entry has no link to fetch")
    art = fetch_article(entry.link, fetcher=fetcher)
    updates: dict[str, Any] = {}
    if art.published is None and entry.published is not None:
        updates["published"] = entry.published
    if art.source is None and feed_title:
        updates["source"] = feed_title
    if art.title is None and entry.title:
        updates["title"] = entry.title
    return art.model_copy(update=updates) if updates else art


def poll_feed(
    feed_url: str,
    memory: FeedLog,
    *,
    allow_private: bool = False,
    fetch_entries: bool = True,
    fetcher: Fetcher | None = None,
    remember: bool = True,
    limit: int | None = None,
) -> FeedResult:
    """Poll `feed_url` once and return the articles of entries `memory` has not seen.

    `fetch_entries=False` builds articles from the feed's own content instead of fetching each
    page. `remember=False` leaves `memory` untouched: call `remember_poll` once the analyses
    are saved. `fetcher`
    sets the limits (timeouts, size cap, robots); by default a `Fetcher(allow_private=...)`.
    A feed that cannot be fetched or is not RSS/Atom raises (`FetchError`/`InputError`).
    """
    own = fetcher is None
    f = fetcher or Fetcher(allow_private=allow_private)
    try:
        return _poll(feed_url, memory, f, fetch_entries, remember, limit)
    finally:
        if own:
            f.close()


def _poll(
    feed_url: str,
    memory: FeedLog,
    fetcher: Fetcher,
    fetch_entries: bool,
    remember: bool,
    limit: int | None,
) -> FeedResult:
    etag, last_modified, title = memory.validators(feed_url) or (None, None, None)
    headers: dict[str, str] = {}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    res = fetcher.fetch(feed_url, headers)
    result = FeedResult(feed_url=feed_url, status=res.status)
    result.etag = res.headers.get("etag") or etag
    result.last_modified = res.headers.get("last-modified") or last_modified
    if res.status == 304:
        result.not_modified = True
        result.title = title
    else:
        _collect(
            result, res.content, res.final_url, res.headers, memory, fetcher, fetch_entries, limit
        )
    if remember:
        remember_poll(memory, result)
    return result


def _collect(
    result: FeedResult,
    content: bytes,
    final_url: str,
    headers: dict[str, str],
    memory: FeedLog,
    fetcher: Fetcher,
    fetch_entries: bool,
    limit: int | None,
) -> None:
    """Parse the feed and turn each unseen entry into an article or a recorded failure."""
    title, entries = parse_feed(content, final_url, headers.get("content-type"))
    result.title = title
    seen = memory.seen(result.feed_url)
    for entry in entries:
        if entry.entry_id in seen or (limit is not None and len(result.records) >= limit):
            result.skipped += 1
            continue
        seen.add(entry.entry_id)  # the same id twice in one feed is one entry
        try:
            art = _article(entry, fetcher, title, fetch_entries)
        except Exception as exc:  # one entry never aborts the batch
            reason = exc.reason if isinstance(exc, InputError) else f"{type(exc).__name__}: {exc}"
            if not isinstance(exc, InputError):
                log.warning(
                    "feed %s: entry %s failed", result.feed_url, entry.entry_id, exc_info=True
                )
            result.failures.append((entry.link or entry.entry_id, reason))
            status: EntryStatus = "retry" if getattr(exc, "transient", False) else "failed"
            result.records.append(EntryRecord(entry.entry_id, entry.link, status, reason))
            continue
        result.new_articles.append(art)
        result.entry_ids.append(entry.entry_id)
        result.records.append(EntryRecord(entry.entry_id, entry.link, "ok", article_id=art.id))
