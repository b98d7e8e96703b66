"""Local engines: one process, or N worker processes each loading the pipeline once.

Input is read lazily: at most ``2 × workers`` articles are in flight, so a corpus of any length
never sits in memory. A worker answers with the `Analysis` (the parent alone writes to the
store) or with the reason it failed; a document over its time limit fails with that reason and
the batch goes on. Workers are replaced after `TASKS_PER_WORKER` documents, which keeps their
memory flat over a batch of any length.
"""

from __future__ import annotations

import multiprocessing
import signal
import threading
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from tidings.errors import TidingsError

if TYPE_CHECKING:
    from tidings.model import Analysis, Article
    from tidings.pipeline import Pipeline

Job = tuple[int, str, "Article"]
Result = tuple[int, "Analysis | str"]
TASKS_PER_WORKER = 500


class TimeLimitError(TidingsError):
    """One document took longer than the batch's per-document limit."""

    exit_code = 5


def reason(exc: BaseException) -> str:
    """Tidings errors already name their input; anything else is a bug worth its type name."""
    return str(exc) if isinstance(exc, TidingsError) else f"{type(exc).__name__}: {exc}"


@contextmanager
def time_limit(seconds: float | None, ref: str) -> Iterator[None]:
    """Raise `TimeLimitError` in this (main) thread after `seconds`; no limit elsewhere."""
    if not seconds or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expire(_sig: int, _frame: Any) -> None:
        raise TimeLimitError(f"{ref}: exceeded the time limit of {seconds:g} s per document")

    old = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def analyse_one(
    pipeline: Pipeline, ref: str, article: Article, limit: float | None, retry: Callable[..., Any]
) -> Analysis | str:
    """The analysis of one article, or the reason it failed (never an exception)."""
    try:
        with time_limit(limit, ref):
            return retry(lambda: pipeline.analyze(article, source=ref))  # type: ignore[no-any-return]
    except Exception as exc:  # one bad article never ends the batch
        return reason(exc)


def in_process(
    pipeline: Pipeline, limit: float | None, retry: Callable[..., Any]
) -> Callable[[Iterable[Job]], Iterator[Result]]:
    """The engine that analyses in this process, one article after the other."""

    def run(jobs: Iterable[Job]) -> Iterator[Result]:
        for key, ref, article in jobs:
            yield key, analyse_one(pipeline, ref, article, limit, retry)

    return run


# --- worker processes -------------------------------------------------------------------
_WORKER: dict[str, Any] = {}


def _start_worker(model: str | None, actors: list[str], limit: float | None) -> None:
    """Load the pipeline once per worker; the parent handles Ctrl-C and SIGTERM."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    import tidings

    _WORKER["pipeline"] = tidings.load(model, tuple(actors))
    _WORKER["limit"] = limit


def _work(key: int, ref: str, article: Article) -> Result:
    from tidings.batch import _retrying

    return key, analyse_one(_WORKER["pipeline"], ref, article, _WORKER["limit"], _retrying)


def worker_pool(
    workers: int, model: str | None = None, actors: Iterable[str] = (), limit: float | None = None
) -> Callable[[Iterable[Job]], Iterator[Result]]:
    """The engine that spreads articles over `workers` processes (started by spawn)."""

    def start() -> ProcessPoolExecutor:
        return ProcessPoolExecutor(
            workers,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_start_worker,
            initargs=(model, list(actors), limit),
            max_tasks_per_child=TASKS_PER_WORKER,
        )

    def run(jobs: Iterable[Job]) -> Iterator[Result]:
        pool = start()
        flying: dict[Future[Result], int] = {}
        source = iter(jobs)
        try:
            while True:
                while len(flying) < 2 * workers and (job := next(source, None)) is not None:
                    flying[pool.submit(_work, *job)] = job[0]
                if not flying:
                    return
                finished, _ = wait(flying, return_when=FIRST_COMPLETED)
                try:
                    results = [f.result() for f in finished]
                except BrokenProcessPool:  # a worker was killed: its pool is lost, not the batch
                    results = [
                        (k, "a worker process died (killed or out of memory)")
                        for k in flying.values()
                    ]
                    flying.clear()
                    pool.shutdown(wait=False, cancel_futures=True)
                    pool = start()
                for fut in finished:
                    flying.pop(fut, None)
                yield from results
        finally:
            pool.shutdown(wait=True, cancel_futures=True)

    return run
