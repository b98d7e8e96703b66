"""Library functions behind the CLI commands, callable from Python as they are.

Each CLI command parses its options and calls exactly one function here; nothing is computed in
`cli.py` that a Python user could not call.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import tidings
from tidings.errors import InputError
from tidings.model import Analysis

if TYPE_CHECKING:
    from tidings.evaluate import EvalReport, GoldDoc

DEFAULT_DB = "sqlite:///tidings.db"


def analyze_path(
    path: str | Path,
    published: dt.date | None = None,
    title: str | None = None,
    model: str | None = None,
    actors: Sequence[str | Path] = (),
    db: str | None = "",
) -> Analysis:
    """Read a text file (or ``-``), analyse it, and save it unless ``db`` is None.

    ``db=""`` means the default store, ``sqlite:///tidings.db`` in the working directory.
    """
    from tidings.ingest import read_article

    article = read_article(path)
    pipeline = tidings.load(model, actors=list(actors))
    source = "<stdin>" if str(path) == "-" else str(path)
    analysis = pipeline.analyze(article, published=published, title=title, source=source)
    if db is not None:
        save(analysis, db or DEFAULT_DB)
    return analysis


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

        with Store(db) as store:
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
