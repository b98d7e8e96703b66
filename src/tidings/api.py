"""Library functions behind the CLI commands, callable from Python as they are.

Each CLI command parses its options and calls exactly one function here; nothing is computed in
`cli.py` that a Python user could not call.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import tidings
from tidings.errors import InputError
from tidings.model import Analysis, Article

if TYPE_CHECKING:
    from tidings.batch import BatchReport, ItemResult
    from tidings.evaluate import EvalReport, GoldDoc

DEFAULT_DB = "sqlite:///tidings.db"

_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]+)://")
"""A URL of another scheme (file, ftp, data...) is named as such, not as a missing file."""


def is_url(source: str | Path) -> bool:
    return str(source).lower().startswith(("http://", "https://"))


def read_source(
    source: str | Path, allow_private: bool = False, encoding: str | None = None
) -> Article:
    """One article from a URL, an HTML file, a text file or ``-`` (stdin).

    `encoding` names a text file's encoding (default UTF-8); pages declare their own.
    """
    from tidings.ingest import read_article

    if is_url(source):
        from tidings.ingest.fetch import fetch_article

        return fetch_article(str(source), allow_private=allow_private)
    scheme = _SCHEME.match(str(source))
    if scheme and not Path(source).exists():
        raise InputError(
            str(source),
            f"{scheme.group(1)}: URLs are not read (http and https only; a file by its path)",
        )
    if str(source).lower().endswith((".html", ".htm", ".xhtml")):
        from tidings.ingest.html import read_html

        return read_html(source)
    return read_article(source, encoding=encoding)


def extract_text(source: str | Path, allow_private: bool = False) -> str:
    """The clean article text Tidings would analyse (headline, then body) of a page or URL."""
    return read_source(source, allow_private=allow_private).text


def analyze_path(
    path: str | Path,
    published: dt.date | None = None,
    title: str | None = None,
    model: str | None = None,
    actors: Sequence[str | Path] = (),
    db: str | None = "",
    allow_private: bool = False,
    encoding: str | None = None,
) -> Analysis:
    """Read a text or HTML file, a URL, or ``-``; analyse it; save it unless ``db`` is None.

    ``db=""`` means the default store, ``sqlite:///tidings.db`` in the working directory.
    """
    article = read_source(path, allow_private=allow_private, encoding=encoding)
    pipeline = tidings.load(model, actors=list(actors))
    source = "<stdin>" if str(path) == "-" else str(path)
    analysis = pipeline.analyze(article, published=published, title=title, source=source)
    if db is not None:
        save(analysis, db or DEFAULT_DB)
    return analysis


def ingest_items(
    source: str,
    fmt: str | None,
    columns: str | None,
    allow_private: bool,
    glob: str = "*",
) -> Iterator[tuple[str, Article | InputError]]:
    """(ref, Article or the error that replaced it) for every document of one source; a
    directory is walked recursively for files matching `glob`. Read lazily: one at a time."""
    from tidings.ingest.corpus import ColumnMap, read_corpus

    if Path(source).is_dir():
        for path in sorted(p for p in Path(source).rglob(glob) if p.is_file()):
            yield from ingest_items(str(path), fmt, columns, allow_private)
        return
    name = source.lower()
    try:
        if fmt == "warc" or (fmt is None and name.endswith((".warc", ".warc.gz"))):
            from tidings.ingest.warc import read_warc

            yield from read_warc(source)
        elif fmt in {"jsonl", "csv", "tsv"} or (
            fmt is None and name.endswith((".jsonl", ".jsonl.gz", ".ndjson", ".csv", ".tsv"))
        ):
            yield from read_corpus(source, fmt, ColumnMap.parse(columns))
        else:
            yield source, read_source(source, allow_private=allow_private)
    except InputError as exc:
        yield source, exc


def ingest(
    sources: Sequence[str],
    fmt: str | None = None,
    feed: bool = False,
    db: str = DEFAULT_DB,
    allow_private: bool = False,
    columns: str | None = None,
    model: str | None = None,
    progress: Callable[[ItemResult], None] | None = None,
    workers: int = 1,
    time_limit: float | None = None,
    glob: str = "*",
    engine: str = "local",
    address: str | None = None,
    parquet: str | None = None,
) -> BatchReport:
    """Analyse every document of every source into the store; failures are reported per item.

    Sources are files (text, HTML, JSONL/CSV corpora, WARC), directories (walked for `glob`),
    URLs, or with ``feed=True`` RSS/Atom feed URLs, of which only entries not seen by an earlier
    poll are analysed. Copies of stored articles are linked as duplicates (exact, or MinHash
    near-duplicates); articles an earlier run stored are skipped. ``workers > 1`` analyses in
    that many processes; `time_limit` bounds the seconds spent on one document. ``engine="ray"``
    analyses on Ray (the cluster at `address`, or a local one) with `workers` actors, also
    writing Parquet shards to `parquet` when given.
    """
    from tidings.batch import Engine, run_batch
    from tidings.dedupe import Deduper
    from tidings.engines.local import worker_pool
    from tidings.store import Store
    from tidings.store.duplicates import stored_texts
    from tidings.store.failures import Failure, record_outcomes

    run: Engine | None = None
    if engine == "ray":
        from tidings.engines.ray import ray_engine

        run = ray_engine(workers, address, model, limit=time_limit, parquet=parquet)
    elif engine != "local":
        raise ValueError(f"unknown engine {engine!r}: local or ray")
    pipeline = None if workers > 1 or engine == "ray" else tidings.load(model)
    if engine == "local" and workers > 1:
        run = worker_pool(workers, model, limit=time_limit)
    outcomes: list[ItemResult] = []

    def seen(result: ItemResult) -> None:
        outcomes.append(result)
        if progress is not None:
            progress(result)

    def remember(report: BatchReport) -> BatchReport:
        """Failures go to the store too; an input that now worked leaves that list."""
        failed = [Failure(r.ref, r.reason or "failed") for r in outcomes if r.outcome == "failed"]
        worked = [r.ref for r in outcomes if r.outcome != "failed"]
        record_outcomes(store, failed, worked)
        return report

    with Store(db) as store:
        deduper = Deduper()
        for article_id, text in stored_texts(store):
            deduper.add(article_id, text)
        if not feed:
            items = (
                it for s in sources for it in ingest_items(s, fmt, columns, allow_private, glob)
            )
            report = run_batch(items, pipeline, store, deduper, seen, run, time_limit)
            return remember(report)
        from tidings.ingest.feed import FeedResult, poll_feed, remember_poll
        from tidings.store.feedlog import StoreFeedLog

        log = StoreFeedLog(store)

        polls: list[FeedResult] = []
        items_: list[tuple[str, Article | InputError]] = []
        for url in sources:
            try:
                polled = poll_feed(url, log, allow_private=allow_private, remember=False)
            except InputError as exc:
                items_.append((url, exc))
                continue
            polls.append(polled)
            items_ += [(a.url or url, a) for a in polled.new_articles]
            items_ += [(ref, InputError(ref, why)) for ref, why in polled.failures]
        report = remember(run_batch(items_, pipeline, store, deduper, seen, run, time_limit))
        for polled in polls:  # only now: a crash before this re-fetches, never loses, entries
            remember_poll(log, polled)
        return report


def save(analysis: Analysis, db: str = DEFAULT_DB) -> None:
    """Save one analysis, replacing an earlier analysis of the same article."""
    from tidings.store import Store

    with Store(db) as store:
        store.save(analysis)


def list_actors(
    query: str | None = None,
    kb: bool = False,
    db: str = DEFAULT_DB,
    actor_files: Sequence[str | Path] = (),
    limit: int = 100,
) -> list[dict[str, object]]:
    """Actors of the knowledge base (``kb=True``) or of the store, filtered by ``query``.

    A KB entry matches when the query is part of its id, name or any alias (case-folded).
    """
    if not kb:
        from tidings.store import Store

        with Store(db, create=False) as store:  # a read never creates a database
            return store.actors(query, limit=limit)
    from tidings.actors.kb import load_kb

    q = (query or "").casefold()
    out: list[dict[str, object]] = []
    for e in load_kb(actor_files):
        if q and q not in e.id.casefold() and not any(q in n.casefold() for n in e.names()):
            continue
        out.append(
            {
                "id": e.id,
                "name": e.name,
                "kind": e.kind,
                "country": e.country,
                "parent": e.parent,
                "cameo": e.cameo,
                "aliases": e.aliases,
            }
        )
        if len(out) >= limit:
            break
    return out


def evaluate_files(files: Sequence[str | Path], model: str | None = None) -> EvalReport:
    """Analyse every gold document with the default pipeline and score it."""
    from tidings.evaluate import evaluate

    pipeline = tidings.load(model)

    def run(gold: GoldDoc) -> Analysis:
        return pipeline.analyze(
            gold.text, published=gold.published, title=gold.title, source=gold.where
        )

    return evaluate([Path(f) for f in files], run)


def read_floors(path: str | Path) -> dict[str, dict[str, list[float]]]:
    """Floors per gold file and layer: ``{"floors": {"examples/x.gold.json": {"actors": [..]}}}``.

    Each layer keeps the history of its floors; the last one is in force.
    """
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise InputError(str(path), f"cannot read floors: {exc}") from exc
    return data["floors"]


def check_floors(report: EvalReport, floors_path: str | Path, gold_file: str | Path) -> list[str]:
    """Layers whose F1 falls below the floor in force for ``gold_file``; empty when all hold.

    The floors entry is the one whose file name equals ``gold_file``'s.
    """
    floors = read_floors(floors_path)
    key = next((k for k in floors if Path(k).name == Path(gold_file).name), None)
    if key is None:
        raise InputError(str(floors_path), f"no floors for {Path(gold_file).name}")
    layers = report.to_dict()["layers"]
    out = []
    for layer, history in floors[key].items():
        got = layers.get(layer, {}).get("f1")
        if got is None or got + 1e-9 < history[-1]:
            out.append(f"{layer}: F1 {got} < floor {history[-1]}")
    return out
