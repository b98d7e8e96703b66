"""Exports of the store in the formats analysts' tools read.

``export(store, fmt, out)`` writes one format:

- ``jsonl``: the full Analysis per article (one file);
- ``plover``: PLOVER records, one per event or per incident (``per``), JSONL (one file);
- ``csv`` and ``parquet``: flat tables of events, incidents, actors, quotes, places (a folder);
- ``gdelt``: a GDELT 2.0 event-table-style TSV, one row per incident (one file);
- ``acled``: an ACLED-style CSV, one row per incident ACLED would code (one file).

Every mapping is documented column by column, with what is lost, in docs/exports.md.
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

FORMATS = ("jsonl", "plover", "csv", "parquet", "gdelt", "acled")
FOLDER_FORMATS = ("csv", "parquet")


@dataclass
class ExportResult:
    """What an export wrote: where, how many records, and what it left out (ids)."""

    format: str
    paths: list[Path] = field(default_factory=list)
    records: int = 0
    skipped: list[str] = field(default_factory=list)

    def summary(self) -> str:
        where = ", ".join(str(p) for p in self.paths) or "standard output"
        left = (
            f"; {len(self.skipped)} left out (no {self.format} equivalent)" if self.skipped else ""
        )
        return f"{self.format}: {self.records} record(s) to {where}{left}"


def _open(out: Path | None) -> IO[str]:
    if out is None:
        return sys.stdout
    out.parent.mkdir(parents=True, exist_ok=True)
    return out.open("w", encoding="utf-8", newline="")


def _write_lines(lines: Iterable[str], out: Path | None, result: ExportResult) -> None:
    fh = _open(out)
    try:
        for line in lines:
            fh.write(line + "\n")
            result.records += 1
    finally:
        if out is not None:
            fh.close()
            result.paths.append(out)


def _write_table(
    header: list[str], rows: Iterable[Any], out: Path | None, result: ExportResult, tsv: bool
) -> None:
    fh = _open(out)
    try:
        if tsv:
            writer = csv.writer(
                fh, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_NONE, escapechar="\\"
            )
        else:
            writer = csv.writer(fh, lineterminator="\n")
            writer.writerow(header)
        for row in rows:
            writer.writerow([row[h] for h in header] if isinstance(row, dict) else row)
            result.records += 1
    finally:
        if out is not None:
            fh.close()
            result.paths.append(out)


def export(store: Any, fmt: str, out: Path | None = None, per: str = "event") -> ExportResult:
    """Write the store in format `fmt` to `out` (a file, or a folder for csv and parquet;
    None = standard output for the one-file formats). `per` is ``event`` or ``incident`` for
    PLOVER records."""
    if fmt not in FORMATS:
        raise ValueError(f"export format {fmt!r} is not one of {', '.join(FORMATS)}")
    if per not in ("event", "incident"):
        raise ValueError(f"per {per!r} is not 'event' or 'incident'")
    result = ExportResult(fmt)
    if fmt in FOLDER_FORMATS:
        if out is None:
            raise ValueError(f"{fmt} writes one file per table: give a folder with --out")
        from tidings.export import tables

        write = tables.write_csv if fmt == "csv" else tables.write_parquet
        result.paths = write(store, out)
        result.records = len(result.paths)
    elif fmt == "jsonl":
        from tidings.export.jsonl import lines

        _write_lines(lines(store), out, result)
    elif fmt == "plover":
        from tidings.export.plover import records

        _write_lines((json.dumps(r, ensure_ascii=False) for r in records(store, per)), out, result)
    elif fmt == "gdelt":
        from tidings.export.gdelt import HEADER, rows

        _write_table(HEADER, rows(store), out, result, tsv=True)
    else:
        from tidings.export.acled import COLUMNS
        from tidings.export.acled import rows as acled_rows

        _write_table(COLUMNS, acled_rows(store, result.skipped), out, result, tsv=False)
    return result


__all__ = ["FORMATS", "ExportResult", "export"]
