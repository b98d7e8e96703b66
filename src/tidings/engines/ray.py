"""The Ray engine: the same pipeline on a Ray cluster (or a local Ray), through Ray Data.

Articles go in windows of `WINDOW` to ``Dataset.map_batches`` over an actor pool: each actor
loads the pipeline once per window and answers with analyses as JSON, which the caller (the
one writer) stores. Ray is an optional extra: ``pip install 'tidings[ray]'``.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from tidings.engines.local import Job, Result, analyse_one
from tidings.errors import TidingsError

WINDOW = 1000  # articles per Ray dataset: bounds the driver's memory, amortises actor starts
_FAILED = "\x00failed\x00"  # marks a reason, not an analysis, in the result column


class RayMissingError(TidingsError):
    """`--engine ray` without Ray installed."""

    exit_code = 2


class _Analyser:
    """One Ray actor: the pipeline, loaded once."""

    def __init__(self, model: str | None, actors: tuple[str, ...], limit: float | None) -> None:
        import tidings
        from tidings.batch import _retrying

        self.pipeline = tidings.load(model, actors)
        self.limit = limit
        self.retry = _retrying

    def __call__(self, batch: dict[str, Any]) -> dict[str, Any]:
        from tidings.model import Article

        out = []
        for ref, raw in zip(batch["ref"], batch["article"], strict=True):
            article = Article.model_validate_json(raw)
            result = analyse_one(self.pipeline, str(ref), article, self.limit, self.retry)
            out.append(_FAILED + result if isinstance(result, str) else result.to_json())
        return {"key": batch["key"], "result": out}


def start_ray(address: str | None = None, num_cpus: int | None = None) -> None:
    """Join the cluster at `address` (or start a local Ray), without dashboard or usage stats."""
    try:
        import ray
    except ImportError as exc:
        raise RayMissingError(
            "--engine ray needs Ray: pip install 'tidings[ray]' (or the dev extra)"
        ) from exc
    os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")
    if not ray.is_initialized():
        kwargs: dict[str, Any] = {"include_dashboard": False, "log_to_driver": False}
        if address:
            kwargs["address"] = address
        elif num_cpus:
            kwargs["num_cpus"] = num_cpus
        ray.init(**kwargs)


def ray_engine(
    workers: int,
    address: str | None = None,
    model: str | None = None,
    actors: Iterable[str] = (),
    limit: float | None = None,
    parquet: str | None = None,
) -> Callable[[Iterable[Job]], Iterator[Result]]:
    """The engine that analyses on Ray with an actor pool of `workers` actors; with `parquet`
    (a folder or URI Ray can write) each window's analyses are also written as Parquet shards
    (columns ``key`` and ``result``, the `Analysis` JSON)."""

    def run(jobs: Iterable[Job]) -> Iterator[Result]:
        import ray
        from ray.data import ActorPoolStrategy

        from tidings.model import Analysis

        start_ray(address, num_cpus=None if address else workers)
        source = iter(jobs)
        while window := list(itertools.islice(source, WINDOW)):
            rows = [{"key": k, "ref": r, "article": a.model_dump_json()} for k, r, a in window]
            ds = ray.data.from_items(rows).map_batches(
                _Analyser,
                fn_constructor_args=(model, tuple(actors), limit),
                compute=ActorPoolStrategy(size=workers),
                batch_size=4,
                batch_format="numpy",
            )
            if parquet:
                ds = ds.materialize()  # analysed once, written and returned
                ds.write_parquet(parquet)
            for row in ds.iter_rows():
                text = str(row["result"])
                if text.startswith(_FAILED):
                    yield int(row["key"]), text[len(_FAILED) :]
                else:
                    yield int(row["key"]), Analysis.model_validate_json(text)

    return run
