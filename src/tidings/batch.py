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
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from tidings.dedupe import Deduper, Match, text_hash
from tidings.errors import InputError
from tidings.interrupts import deferred
from tidings.model import Analysis, Article
from tidings.store.duplicates import DuplicateLink, save_duplicate

if TYPE_CHECKING:
    from tidings.pipeline import Pipeline
    from tidings.store import Store

__all__ = ["BatchReport", "ItemResult", "run_batch"]

log = logging.getLogger(__name__)

Outcome = Literal["analysed", "skipped", "duplicate", "stored", "failed"]
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
    ``near_duplicates`` is the second part; ``stored`` counts articles an earlier run stored.
    ``items`` = analysed + skipped_language + exact duplicates + stored + failures.
    """

    analysed: int = 0
    skipped_language: int = 0
    duplicates: int = 0
    near_duplicates: int = 0
    failures: list[tuple[str, str]] = field(default_factory=list)
    warnings: list[tuple[str, str]] = field(default_factory=list)
    stored: int = 0  # stored by an earlier run: skipped (a rerun's checkpoint)
    seconds: float = 0.0
    items: int = 0
    interrupted: bool = False

    @property
    def exact_duplicates(self) -> int:
        return self.duplicates - self.near_duplicates

    @property
    def articles_per_second(self) -> float:
        return self.items / self.seconds if self.seconds > 0 else 0.0

    def summary(self) -> str:
        """One line for a terminal."""
        head = "interrupted: " if self.interrupted else ""
        return (
            f"{head}{self.items} item(s) in {self.seconds:.1f} s: {self.analysed} analysed, "
            f"{self.skipped_language} skipped (language), {self.exact_duplicates} exact and "
            f"{self.near_duplicates} near duplicate(s), {self.stored} already stored, "
            f"{len(self.failures)} failed"
        )


def _reason(exc: BaseException) -> str:
    from tidings.engines.local import reason

    return reason(exc)


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


Engine = Callable[[Iterable[tuple[int, str, Article]]], Iterator[tuple[int, "Analysis | str"]]]


@dataclass
class _Pending:
    ref: str
    article: Article
    key: str  # text hash
    match: Match | None


def run_batch(
    items: Iterable[tuple[str, Article | InputError]],
    pipeline: Pipeline | None,
    store: Store,
    deduper: Deduper | None = None,
    progress: Callable[[ItemResult], None] | None = None,
    engine: Engine | None = None,
    time_limit: float | None = None,
) -> BatchReport:
    """Analyse and save every article of `items`; see the module docstring for the promises.

    Without a `deduper` only repeats of the same article are caught; with one, copies of an
    earlier article under another id (exact) and wire copies (near, MinHash) are linked too.
    Pass a `Deduper` seeded with `tidings.store.duplicates.stored_texts` to catch copies of
    articles stored by earlier runs; an article an earlier run stored is skipped as ``stored``
    (the checkpoint of a rerun), with no duplicate row. `engine` analyses the articles (default:
    `pipeline` in this process, each within `time_limit` seconds); this process alone writes.
    Ctrl-C or SIGTERM (as KeyboardInterrupt) ends the batch with ``report.interrupted`` set.
    """
    from tidings.engines.local import in_process

    if engine is None:
        if pipeline is None:
            raise ValueError("run_batch needs a pipeline or an engine")
        engine = in_process(pipeline, time_limit, _retrying)
    report = BatchReport()
    seen: dict[str, str] = {}  # article id -> text hash, for the articles of this batch
    pending: dict[int, _Pending] = {}
    t0 = time.perf_counter()

    def done(result: ItemResult) -> None:
        report.items += 1
        if result.outcome == "failed":
            report.failures.append((result.ref, result.reason or "failed"))
        if progress is not None:
            progress(result)

    def jobs() -> Iterator[tuple[int, str, Article]]:
        for n, (ref, item) in enumerate(items):
            if isinstance(item, BaseException):
                done(ItemResult(ref, "failed", reason=_reason(item)))
                continue
            first = _precheck(ref, item, store, deduper, seen, report)
            if isinstance(first, ItemResult):
                done(first)
                continue
            seen[item.id] = first.key
            pending[n] = first
            yield n, ref, item

    try:
        for n, outcome in engine(jobs()):
            with deferred():  # saved and counted, or neither: the summary matches the store
                done(_finish(pending.pop(n), outcome, store, deduper, seen, report))
    except KeyboardInterrupt:
        report.interrupted = True
    report.seconds = time.perf_counter() - t0
    log.info("batch: %s", report.summary())
    return report


def _link(store: Store, link: DuplicateLink, report: BatchReport) -> None:
    try:
        _retrying(lambda: save_duplicate(store, link))
    except Exception as exc:  # the article itself is safe; only the link is missing
        report.warnings.append((link.ref, f"duplicate link not saved: {_reason(exc)}"))


def _precheck(
    ref: str,
    article: Article,
    store: Store,
    deduper: Deduper | None,
    seen: dict[str, str],
    report: BatchReport,
) -> ItemResult | _Pending:
    """What can be told before analysing: a reused id, a repeat, a copy, or earlier work."""
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
        seen[aid] = key
        if match.duplicate_of == aid:  # stored by an earlier run: the checkpoint
            report.stored += 1
            return ItemResult(ref, "stored", aid, "stored by an earlier run")
        report.duplicates += 1
        _link(store, DuplicateLink(aid, match.duplicate_of, 1.0, "exact", ref), report)
        return ItemResult(ref, "duplicate", aid, f"copy of {match.duplicate_of}")
    return _Pending(ref, article, key, match)


def _finish(
    job: _Pending,
    outcome: Analysis | str,
    store: Store,
    deduper: Deduper | None,
    seen: dict[str, str],
    report: BatchReport,
) -> ItemResult:
    """Save one analysis (this process is the only writer) and link it if it is a copy."""
    ref, aid, match = job.ref, job.article.id, job.match
    if isinstance(outcome, str):
        seen.pop(aid, None)
        return ItemResult(ref, "failed", aid, outcome)
    analysis = outcome
    try:
        _retrying(lambda: store.save(analysis))
    except Exception as exc:  # one bad article never ends the batch
        seen.pop(aid, None)
        return ItemResult(ref, "failed", aid, _reason(exc))
    if deduper is not None:
        deduper.add(aid, job.article.text)
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
