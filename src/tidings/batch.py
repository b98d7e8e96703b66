"""The local batch runner: many articles through one pipeline into one store.

`run_batch` takes the ``(ref, Article | InputError)`` items every reader yields (corpora, WARC,
feeds) and never aborts on one of them. Its promises, which the tests check by counting rows:

- **nothing is lost**: every item ends as exactly one of analysed, skipped (language), an exact
  duplicate of an earlier article, or a failure with its reason;
- **nothing is doubled**: an article is saved once however often it comes; an exact copy is
  linked in the ``duplicates`` table and not analysed again; a near-duplicate (wire copy) is
  analysed, saved and linked to the article it copies;
- **a failed item is not saved**, and a transient fault (a locked database, a timeout: errors
  with ``transient = True``) is retried once before it counts as a failure.

An article id given by a corpus that comes again with another text is a failure, not a silent
overwrite of the first article.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from tidings.dedupe import Deduper, text_hash
from tidings.errors import InputError
from tidings.model import Analysis, Article
from tidings.store.duplicates import DuplicateLink, save_duplicate

if TYPE_CHECKING:
    from tidings.pipeline import Pipeline
    from tidings.store import Store

__all__ = ["BatchReport", "ItemResult", "run_batch"]

log = logging.getLogger(__name__)

Outcome = Literal["analysed", "skipped", "duplicate", "failed"]
RETRIES = 1


@dataclass(frozen=True)
class ItemResult:
    """What became of one item; passed to the `progress` callback."""

    ref: str
    outcome: Outcome
    article_id: str | None = None
    reason: str | None = None  # the failure, the skip status, or "copy of <id>"


@dataclass
class BatchReport:
    """Counts, failures and time of one batch.

    ``analysed`` counts analyses saved with status ok (near-duplicates included);
    ``duplicates`` counts exact copies (not analysed) plus near-duplicates (analysed, linked);
    ``near_duplicates`` is the second part. ``items`` = analysed + skipped_language +
    exact duplicates + failures.
    """

    analysed: int = 0
    skipped_language: int = 0
    duplicates: int = 0
    near_duplicates: int = 0
    failures: list[tuple[str, str]] = field(default_factory=list)
    warnings: list[tuple[str, str]] = field(default_factory=list)
    seconds: float = 0.0
    items: int = 0

    @property
    def exact_duplicates(self) -> int:
        return self.duplicates - self.near_duplicates

    @property
    def articles_per_second(self) -> float:
        return self.items / self.seconds if self.seconds > 0 else 0.0

    def summary(self) -> str:
        """One line for a terminal."""
        return (
            f"{self.items} item(s) in {self.seconds:.1f} s: {self.analysed} analysed, "
            f"{self.skipped_language} skipped (language), {self.exact_duplicates} exact and "
            f"{self.near_duplicates} near duplicate(s), {len(self.failures)} failed"
        )


def _reason(exc: BaseException) -> str:
    # Tidings errors already name their input; anything else is a bug worth its type name.
    from tidings.errors import TidingsError

    return str(exc) if isinstance(exc, TidingsError) else f"{type(exc).__name__}: {exc}"


def _retrying(what: Callable[[], Any]) -> Any:
    """Call `what`; a transient error is retried `RETRIES` time(s), then raised."""
    for attempt in range(RETRIES + 1):
        try:
            return what()
        except Exception as exc:
            if not getattr(exc, "transient", False) or attempt == RETRIES:
                raise
            log.info("transient error, retrying: %s", exc)
            time.sleep(0.05 * (attempt + 1))
    raise AssertionError("unreachable")


def run_batch(
    items: Iterable[tuple[str, Article | InputError]],
    pipeline: Pipeline,
    store: Store,
    deduper: Deduper | None = None,
    progress: Callable[[ItemResult], None] | None = None,
) -> BatchReport:
    """Analyse and save every article of `items`; see the module docstring for the promises.

    Without a `deduper` only repeats of the same article are caught; with one, copies of an
    earlier article under another id (exact) and wire copies (near, MinHash) are linked too.
    Pass a `Deduper` seeded with `tidings.store.duplicates.stored_texts` to catch copies of
    articles stored by earlier runs.
    """
    report = BatchReport()
    seen: dict[str, str] = {}  # article id -> text hash, for the articles of this batch
    t0 = time.perf_counter()

    def done(result: ItemResult) -> None:
        if result.outcome == "failed":
            report.failures.append((result.ref, result.reason or "failed"))
        if progress is not None:
            progress(result)

    for ref, item in items:
        report.items += 1
        if isinstance(item, BaseException):
            done(ItemResult(ref, "failed", reason=_reason(item)))
            continue
        done(_one(ref, item, pipeline, store, deduper, seen, report))
    report.seconds = time.perf_counter() - t0
    log.info("batch: %s", report.summary())
    return report


def _link(store: Store, link: DuplicateLink, report: BatchReport) -> None:
    try:
        _retrying(lambda: save_duplicate(store, link))
    except Exception as exc:  # the article itself is safe; only the link is missing
        report.warnings.append((link.ref, f"duplicate link not saved: {_reason(exc)}"))


def _one(
    ref: str,
    article: Article,
    pipeline: Pipeline,
    store: Store,
    deduper: Deduper | None,
    seen: dict[str, str],
    report: BatchReport,
) -> ItemResult:
    aid = article.id
    key = text_hash(article.text)
    if aid in seen:
        if seen[aid] != key:
            return ItemResult(
                ref, "failed", aid, f"{ref}: article id {aid!r} already used by another text"
            )
        report.duplicates += 1
        _link(store, DuplicateLink(aid, aid, 1.0, "exact", ref), report)
        return ItemResult(ref, "duplicate", aid, f"copy of {aid}")

    match = deduper.check(aid, article.text) if deduper is not None else None
    if match is not None and match.method == "exact":
        report.duplicates += 1
        seen[aid] = key
        _link(store, DuplicateLink(aid, match.duplicate_of, 1.0, "exact", ref), report)
        return ItemResult(ref, "duplicate", aid, f"copy of {match.duplicate_of}")

    try:
        analysis: Analysis = _retrying(lambda: pipeline.analyze(article, source=ref))
        _retrying(lambda: store.save(analysis))
    except Exception as exc:  # one bad article never ends the batch
        return ItemResult(ref, "failed", aid, _reason(exc))

    seen[aid] = key
    if deduper is not None:
        deduper.add(aid, article.text)
    if match is not None:
        report.duplicates += 1
        report.near_duplicates += 1
        _link(
            store, DuplicateLink(aid, match.duplicate_of, match.similarity, "minhash", ref), report
        )
    if analysis.status != "ok":
        report.skipped_language += 1
        return ItemResult(ref, "skipped", aid, analysis.status)
    report.analysed += 1
    return ItemResult(ref, "analysed", aid)
