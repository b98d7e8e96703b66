"""The ``tidings`` command: a thin layer that parses options and calls one library function.

Exit codes:
  0 success · 1 unexpected internal error · 2 bad command-line usage · 3 bad input (empty,
  binary, not UTF-8, too large, malformed gold file) · 4 spaCy model not installed · 5 a pipeline
  stage failed · 6 the store could not be opened or written · 7 evaluation below its floors
"""

from __future__ import annotations

import datetime as dt
import json
import signal
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from tidings.errors import EXIT_CODES, InputError, TidingsError

if TYPE_CHECKING:
    from tidings.batch import ItemResult

EXIT_HELP = "Exit codes: " + "; ".join(f"{k} {v}" for k, v in EXIT_CODES.items()) + "."

app = typer.Typer(
    name="tidings",
    help="Turn news articles into structured, source-aware event data.\n\n" + EXIT_HELP,
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

ModelOpt = Annotated[
    str | None, typer.Option("--model", help="Any installed spaCy pipeline package.")
]
ActorsOpt = Annotated[
    list[Path] | None,
    typer.Option("--actors", help="Extra actor KB YAML file or directory (repeatable)."),
]


AllowPrivateOpt = Annotated[
    bool,
    typer.Option(
        "--allow-private",
        help="Allow fetching from loopback and private addresses (never cloud metadata).",
    ),
]


def _fail(exc: TidingsError) -> typer.Exit:
    typer.echo(f"tidings: error: {exc}", err=True)
    return typer.Exit(exc.exit_code)


def _parse_date(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise typer.BadParameter(f"{value!r} is not an ISO date (YYYY-MM-DD)") from exc


@app.command()
def analyze(
    path: Annotated[str, typer.Argument(help="Text or HTML file, URL, or - for stdin.")] = "-",
    published: Annotated[
        str | None, typer.Option(help="Publication date (YYYY-MM-DD), the anchor for dates.")
    ] = None,
    title: Annotated[str | None, typer.Option(help="Article title.")] = None,
    fmt: Annotated[
        str, typer.Option("--format", help="Output: json (the Analysis) or text (a report).")
    ] = "json",
    db: Annotated[
        str | None, typer.Option(help="SQLAlchemy URL of the store (default sqlite:///tidings.db).")
    ] = None,
    no_store: Annotated[bool, typer.Option("--no-store", help="Do not save to the store.")] = False,
    model: ModelOpt = None,
    actors: ActorsOpt = None,
    allow_private: AllowPrivateOpt = False,
    encoding: Annotated[
        str | None,
        typer.Option(help="Encoding of a text file or stdin, e.g. cp1252 (default UTF-8)."),
    ] = None,
) -> None:
    """Analyse one article (text or HTML file, URL, or -) and print it; save it to the store."""
    if fmt not in {"json", "text"}:
        raise typer.BadParameter("--format must be json or text")
    pub = _parse_date(published)
    from tidings.api import analyze_path

    try:
        analysis = analyze_path(
            path,
            published=pub,
            title=title,
            model=model,
            actors=actors or [],
            db=None if no_store else (db or ""),
            allow_private=allow_private,
            encoding=encoding,
        )
    except InputError as exc:
        if encoding is None and exc.reason.startswith("not valid UTF-8"):
            exc = InputError(exc.source, f"{exc.reason}; name its encoding with --encoding")
        raise _fail(exc) from exc
    except TidingsError as exc:
        raise _fail(exc) from exc
    if fmt == "json":
        typer.echo(analysis.to_json())
    else:
        from tidings.report import text_report

        typer.echo(text_report(analysis))


def batch(
    sources: Annotated[
        list[str], typer.Argument(help="Files, directories, URLs, or feed URLs with --feed.")
    ],
    feed: Annotated[bool, typer.Option("--feed", help="Sources are RSS/Atom feeds.")] = False,
    fmt: Annotated[
        str | None,
        typer.Option("--format", help="jsonl, csv, tsv or warc (default: by file extension)."),
    ] = None,
    columns: Annotated[
        str | None,
        typer.Option(help="Corpus column mapping, e.g. 'text=body,date=day,title=headline'."),
    ] = None,
    glob: Annotated[str, typer.Option(help="Files of a directory to read (recursively).")] = "*",
    workers: Annotated[
        int, typer.Option(min=1, help="Worker processes, each loading the pipeline once.")
    ] = 1,
    time_limit: Annotated[
        float | None,
        typer.Option(min=0.1, help="Seconds one document may take; over it, it fails."),
    ] = None,
    engine: Annotated[
        str, typer.Option(help="local (this machine's processes) or ray (Ray Data actors).")
    ] = "local",
    address: Annotated[
        str | None, typer.Option(help="Ray cluster address (default: a local Ray).")
    ] = None,
    parquet: Annotated[
        str | None, typer.Option(help="With --engine ray: also write Parquet shards here.")
    ] = None,
    db: Annotated[str | None, typer.Option(help="SQLAlchemy URL of the store.")] = None,
    allow_private: AllowPrivateOpt = False,
    model: ModelOpt = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
) -> None:
    """Analyse many documents into the store: per-item failures are listed, never fatal; a
    rerun skips what is stored; Ctrl-C or SIGTERM stops with a summary (exit 8)."""
    from tidings.api import DEFAULT_DB
    from tidings.api import ingest as run_ingest
    from tidings.ingest.corpus import ColumnMap

    if engine not in {"local", "ray"}:
        raise typer.BadParameter("must be local or ray", param_hint="--engine")
    if parquet and engine != "ray":
        raise typer.BadParameter(
            "Parquet shards are written by --engine ray", param_hint="--parquet"
        )
    try:
        ColumnMap.parse(columns)
    except ValueError as exc:  # a usage error, said before any document is read
        raise typer.BadParameter(str(exc), param_hint="--columns") from exc
    signal.signal(signal.SIGTERM, _interrupt)
    with _batch_progress(quiet) as progress:
        try:
            report = run_ingest(
                sources,
                fmt=fmt,
                feed=feed,
                db=db or DEFAULT_DB,
                allow_private=allow_private,
                columns=columns,
                model=model,
                progress=progress,
                workers=workers,
                time_limit=time_limit,
                glob=glob,
                engine=engine,
                address=address,
                parquet=parquet,
            )
        except TidingsError as exc:
            raise _fail(exc) from exc
    typer.echo(report.summary())
    for ref, reason in report.failures:
        typer.echo(f"failed: {reason if reason.startswith(ref) else f'{ref}: {reason}'}", err=True)
    if report.interrupted:
        raise typer.Exit(8)
    if report.items and len(report.failures) == report.items:
        raise typer.Exit(3)


def _interrupt(_sig: int, _frame: object) -> None:
    raise KeyboardInterrupt  # the batch stops taking documents and prints its summary


@contextmanager
def _batch_progress(quiet: bool) -> Iterator[Callable[[ItemResult], None]]:
    """A progress bar with articles done, articles/s, elapsed time and failures."""
    from rich.console import Console
    from rich.progress import Progress, TextColumn, TimeElapsedColumn

    cols = [
        TextColumn("{task.description} {task.completed} article(s)"),
        TextColumn("{task.fields[rate]:.2f}/s"),
        TimeElapsedColumn(),
        TextColumn("{task.fields[failed]} failed"),
    ]
    failed = 0
    t0 = time.perf_counter()
    with Progress(*cols, disable=quiet, transient=True, console=Console(stderr=True)) as bar:
        task = bar.add_task("batch", total=None, rate=0.0, failed=0)

        def advance(result: ItemResult) -> None:
            nonlocal failed
            failed += result.outcome == "failed"
            done = bar.tasks[0].completed + 1
            rate = done / max(time.perf_counter() - t0, 1e-9)
            bar.update(task, advance=1, rate=rate, failed=failed)

        yield advance


app.command("batch")(batch)
app.command("ingest", help="The same as `tidings batch` (its former name).")(batch)


@app.command()
def extract(
    source: Annotated[str, typer.Argument(help="HTML file or URL.")],
    allow_private: AllowPrivateOpt = False,
) -> None:
    """Print the clean article text (headline, then body) of a page, to check extraction."""
    from tidings.api import extract_text

    try:
        typer.echo(extract_text(source, allow_private=allow_private))
    except TidingsError as exc:
        raise _fail(exc) from exc


@app.command("eval")
def eval_(
    files: Annotated[list[Path], typer.Argument(help="Gold files (.json or .jsonl).")],
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON summary.")] = False,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="List misses.")] = False,
    confusion: Annotated[
        bool,
        typer.Option(
            "--confusion", help="Also a table of event types: gold (rows) x predicted (columns)."
        ),
    ] = False,
    floors: Annotated[
        Path | None, typer.Option(help="Fail (exit 7) when a layer's F1 is below these floors.")
    ] = None,
    model: ModelOpt = None,
) -> None:
    """Score the pipeline against hand-made gold analyses (see docs/evaluation.md)."""
    from tidings.api import evaluate_files

    try:
        report = evaluate_files(files, model=model)
    except TidingsError as exc:
        raise _fail(exc) from exc
    if as_json:
        typer.echo(report.to_json(confusion=confusion))
    else:
        typer.echo(report.table())
        if confusion:
            typer.echo("")
            typer.echo(report.confusion.table())
        for w in report.warnings:
            typer.echo(f"warning: {w}", err=True)
        if verbose:
            typer.echo(report.format_misses())
    if floors is not None:
        from tidings.api import check_floors

        if len(files) != 1:
            raise typer.BadParameter("--floors checks one gold file at a time")
        try:
            below = check_floors(report, floors, files[0])
        except TidingsError as exc:
            raise _fail(exc) from exc
        for line in below:
            typer.echo(f"tidings: below floor: {line}", err=True)
        if below:
            raise typer.Exit(7)


@app.command()
def actors(
    query: Annotated[str | None, typer.Argument(help="Part of a name, KB id or country.")] = None,
    kb: Annotated[
        bool, typer.Option("--kb", help="Search the knowledge base, not the store.")
    ] = False,
    db: Annotated[str | None, typer.Option(help="SQLAlchemy URL of the store.")] = None,
    limit: Annotated[int, typer.Option(help="At most this many rows.")] = 50,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON lines.")] = False,
    extra: ActorsOpt = None,
) -> None:
    """List actors of the knowledge base (--kb) or of the analysed articles in the store."""
    from tidings.api import DEFAULT_DB, list_actors

    try:
        rows = list_actors(query, kb=kb, db=db or DEFAULT_DB, actor_files=extra or [], limit=limit)
    except TidingsError as exc:
        raise _fail(exc) from exc
    for row in rows:
        if as_json:
            typer.echo(json.dumps(row, ensure_ascii=False))
        elif kb:
            parent = f" ⊂ {row['parent']}" if row["parent"] else ""
            typer.echo(
                f"{row['id']:<22} {row['name']} [{row['kind']}, {row['country'] or '-'}]{parent}"
            )
        else:
            typer.echo(
                f"{row['key']:<22} {row['name']} [{row['kind']}, {row['country'] or '-'}] "
                f"{row['articles']} article(s), {row['mentions']} mention(s)"
            )


QUERY_HELP = "What to list: events, incidents, actors, quotes or articles."


@app.command()
def query(
    what: Annotated[str, typer.Argument(help=QUERY_HELP)],
    type_: Annotated[
        str | None, typer.Option("--type", help="PLOVER type, or TYPE/MODE; for actors a kind.")
    ] = None,
    actor: Annotated[str | None, typer.Option(help="Part of an actor's name, or a KB id.")] = None,
    country: Annotated[str | None, typer.Option(help="ISO alpha-2 or alpha-3.")] = None,
    since: Annotated[str | None, typer.Option(help="From this ISO date (YYYY[-MM[-DD]]).")] = None,
    until: Annotated[str | None, typer.Option(help="Up to this ISO date, inclusive.")] = None,
    text: Annotated[
        str | None, typer.Option(help="Words the sentence, quote or article has.")
    ] = None,
    attributed_to: Annotated[
        str | None, typer.Option(help="Who tells it: an actor's name or KB id, or 'author'.")
    ] = None,
    certainty: Annotated[
        str | None, typer.Option(help="certain, probable, possible, alleged or claimed.")
    ] = None,
    min_sources: Annotated[
        int | None, typer.Option(help="At least this many distinct outlets report the incident.")
    ] = None,
    fmt: Annotated[str, typer.Option("--format", help="table, json or csv.")] = "table",
    limit: Annotated[int, typer.Option(help="At most this many rows.")] = 50,
    offset: Annotated[int, typer.Option(help="Skip this many rows first (paging).")] = 0,
    reports: Annotated[
        int, typer.Option(help="Incidents: list at most this many reports each, by date.")
    ] = 100,
    reports_offset: Annotated[
        int, typer.Option(help="Incidents: skip this many reports of each first (paging).")
    ] = 0,
    db: Annotated[str | None, typer.Option(help="SQLAlchemy URL or path of the store.")] = None,
) -> None:
    """Query the store: events, incidents, actors, quotes or articles, filtered and paged."""
    from tidings.query import FilterError, Filters, run
    from tidings.query.render import FORMATS, render

    if fmt not in FORMATS:
        raise typer.BadParameter(f"--format must be one of {', '.join(FORMATS)}")
    try:
        filters = Filters(
            type=type_,
            actor=actor,
            country=country,
            since=since,
            until=until,
            text=text,
            attributed_to=attributed_to,
            certainty=certainty,
            min_sources=min_sources,
            limit=limit,
            offset=offset,
        )
        rows = run(what, filters, db, reports, reports_offset)
    except FilterError as exc:
        raise typer.BadParameter(str(exc)) from exc
    except TidingsError as exc:
        raise _fail(exc) from exc
    typer.echo(render(what, rows, fmt))


@app.command()
def export(
    fmt: Annotated[
        str, typer.Option("--format", help="jsonl, plover, csv, parquet, gdelt or acled.")
    ],
    out: Annotated[
        Path | None,
        typer.Option("--out", help="File to write (a folder for csv and parquet); default stdout."),
    ] = None,
    per: Annotated[
        str, typer.Option(help="PLOVER records per 'event' or per 'incident'.")
    ] = "event",
    db: Annotated[str | None, typer.Option(help="SQLAlchemy URL or path of the store.")] = None,
) -> None:
    """Export the store for other tools (formats and what each keeps: docs/exports.md)."""
    from tidings.export import export as run_export
    from tidings.query import open_existing

    try:
        with open_existing(db) as store:
            result = run_export(store, fmt, out, per)
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from exc
    except TidingsError as exc:
        raise _fail(exc) from exc
    if out is not None:
        typer.echo(result.summary(), err=True)


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Address to listen on (loopback by default).")] = (
        "127.0.0.1"
    ),
    port: Annotated[int, typer.Option(help="TCP port.")] = 8000,
    db: Annotated[str | None, typer.Option(help="SQLAlchemy URL of the store.")] = None,
) -> None:
    """Serve the web UI and REST API over the store (writes need TIDINGS_TOKEN)."""
    from tidings.web.serve import serve as run_server

    try:
        run_server(host=host, port=port, db=db)
    except TidingsError as exc:
        raise _fail(exc) from exc


train_app = typer.Typer(help="Train the models Tidings ships.", no_args_is_help=True)
app.add_typer(train_app, name="train")


@train_app.command("events")
def train_events(
    gold: Annotated[
        Path, typer.Option(help="Sentence-level gold file (.jsonl), one event per sentence.")
    ],
    out: Annotated[Path, typer.Option(help="Directory for the model's arrays and card.")],
    limit: Annotated[
        int | None, typer.Option(help="Only this many sentences, spread over the file.")
    ] = None,
    encoder: Annotated[
        bool | None, typer.Option(help="Add the MiniLM sentence vector (default: as shipped).")
    ] = None,
) -> None:
    """Train the event-type classifier (fixed seed); point TIDINGS_EVENT_MODEL at OUT to use it."""
    from tidings.events.train import train_events as train

    try:
        card = train(gold, out, limit=limit, encoder=encoder)
    except TidingsError as exc:
        raise _fail(exc) from exc
    except ValueError as exc:
        typer.echo(f"tidings: error: {exc}", err=True)
        raise typer.Exit(3) from exc
    cv = card["cross_validated"]
    typer.echo(
        f"trained on {card['sentences']} sentences of {gold}: wrote {out}; "
        f"unseen folds: accuracy {cv['accuracy']}, macro-F1 {cv['macro_f1']}"
    )


@app.command()
def schema() -> None:
    """Print the JSON Schema of the Analysis (tidings/1)."""
    from tidings.model import json_schema

    typer.echo(json.dumps(json_schema(), indent=2, ensure_ascii=False))


def main() -> None:
    """Console entry point: run the app, turning any stray exception into exit 1."""
    try:
        app()
    except TidingsError as exc:  # pragma: no cover - commands catch their own
        typer.echo(f"tidings: error: {exc}", err=True)
        sys.exit(exc.exit_code)
