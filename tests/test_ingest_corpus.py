"""JSONL/CSV corpora and WARC archives read from real files: good records, bad ones, broken files."""

from __future__ import annotations

import datetime as dt
import gzip
import io
import json
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from tidings.errors import InputError
from tidings.ingest.corpus import ColumnMap, parse_date, read_corpus, read_csv, read_jsonl
from tidings.ingest.warc import read_warc

TEXT_A = "Protesters gathered in the capital on Monday to demand the release of jailed journalists."
TEXT_B = "The finance ministry said on Tuesday it would cut fuel subsidies from next month."


def split(items):
    good = [(ref, a) for ref, a in items if not isinstance(a, InputError)]
    bad = [(ref, a) for ref, a in items if isinstance(a, InputError)]
    return good, bad


# -- JSONL ---------------------------------------------------------------------------------


def test_jsonl_good_and_broken_lines(tmp_path: Path) -> None:
    path = tmp_path / "corpus.jsonl"
    lines = [
        json.dumps(
            {
                "text": TEXT_A,
                "title": "Protest",
                "published": "2024-03-04",
                "url": "https://example.org/a",
                "source": "Example",
                "authors": ["A. Writer"],
            }
        ),
        '{"text": "unterminated',
        "",
        json.dumps({"body": "no text key"}),
        json.dumps({"text": TEXT_B, "published": "next Tuesday"}),
        json.dumps({"text": "   "}),
        json.dumps(["not", "an", "object"]),
        json.dumps({"text": TEXT_B, "published": "2024-03-05T09:30:00Z"}),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    good, bad = split(list(read_jsonl(path)))
    assert [ref for ref, _ in good] == [f"{path}:1", f"{path}:8"]
    a = good[0][1]
    assert (a.text, a.title, a.url, a.source, a.authors) == (
        TEXT_A,
        "Protest",
        "https://example.org/a",
        "Example",
        ["A. Writer"],
    )
    assert a.published == dt.date(2024, 3, 4)
    assert good[1][1].published == dt.date(2024, 3, 5)
    reasons = {ref.rsplit(":", 1)[1]: str(err) for ref, err in bad}
    assert set(reasons) == {"2", "4", "5", "6", "7"}
    assert all(str(path) in r for r in reasons.values())
    assert "not valid JSON" in reasons["2"]
    assert "'text'" in reasons["4"]
    assert "bad date 'next Tuesday'" in reasons["5"] and "'published'" in reasons["5"]
    assert "empty text" in reasons["6"]
    assert "not an object" in reasons["7"]


def test_jsonl_bom_non_utf8_line_and_gzip(tmp_path: Path) -> None:
    body = (
        b"\xef\xbb\xbf"
        + json.dumps({"text": TEXT_A}).encode()
        + b"\n"
        + b'{"text": "caf\xe9 latin-1 bytes"}\n'
        + json.dumps({"text": TEXT_B}).encode()
        + b"\n"
    )
    plain = tmp_path / "c.jsonl"
    plain.write_bytes(body)
    packed = tmp_path / "c.jsonl.gz"
    packed.write_bytes(gzip.compress(body))
    for path in (plain, packed):
        good, bad = split(list(read_corpus(path)))
        assert [a.text for _, a in good] == [TEXT_A, TEXT_B]
        assert len(bad) == 1 and bad[0][0] == f"{path}:2"
        assert "not valid UTF-8 (byte 0xe9" in bad[0][1].reason


def test_truncated_gzip_keeps_what_was_read(tmp_path: Path) -> None:
    records = "".join(json.dumps({"text": f"{TEXT_A} Item {i}."}) + "\n" for i in range(2000))
    data = gzip.compress(records.encode())
    path = tmp_path / "cut.jsonl.gz"
    path.write_bytes(data[: len(data) // 2])
    good, bad = split(list(read_jsonl(path)))
    assert 0 < len(good) < 2000
    assert len(bad) <= 2 and "cannot read further" in bad[-1][1].reason


def test_jsonl_id_column_and_custom_mapping(tmp_path: Path) -> None:
    path = tmp_path / "m.jsonl"
    path.write_text(
        json.dumps({"doc": "X-1", "body": TEXT_A, "headline": "H", "day": "2024-01-02"}) + "\n",
        encoding="utf-8",
    )
    mapping = ColumnMap.parse("text=body,title=headline,date=day,id=doc")
    [(ref, art)] = list(read_jsonl(path, mapping))
    assert (art.id, art.title, art.published) == ("X-1", "H", dt.date(2024, 1, 2))


@pytest.mark.parametrize("content, reason", [(b"", "no records"), (b"\x00" * 64, "not valid JSON")])
def test_empty_and_zero_files(tmp_path: Path, content: bytes, reason: str) -> None:
    path = tmp_path / "z.jsonl"
    path.write_bytes(content)
    [(_, err)] = list(read_jsonl(path))
    assert isinstance(err, InputError) and reason in err.reason


def test_missing_file(tmp_path: Path) -> None:
    [(_, err)] = list(read_jsonl(tmp_path / "nope.jsonl"))
    assert isinstance(err, InputError) and "no such file" in err.reason


# -- CSV -----------------------------------------------------------------------------------


def test_csv_header_without_text_column_is_one_error(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text("title,published\nA,2024-01-01\nB,2024-01-02\n", encoding="utf-8")
    [(ref, err)] = list(read_csv(path))
    assert isinstance(err, InputError)
    assert ref == str(path) and str(path) in str(err) and "'text'" in str(err)


def test_csv_rows_multiline_bom_huge_field_and_bad_rows(tmp_path: Path) -> None:
    huge = ("Officials said the talks would resume. " * 6000).strip()  # > csv's 128 KiB default
    assert len(huge) > 131072
    rows = io.StringIO()
    import csv

    w = csv.writer(rows)
    w.writerow(["title", "text", "published"])
    w.writerow(["Two lines", TEXT_A + "\n\nSecond paragraph.", "2024-03-04"])
    w.writerow(["Huge", huge, ""])
    w.writerow(["Bad date", TEXT_B, "32/13/2024"])
    w.writerow(["Empty", "", "2024-03-04"])
    w.writerow(["Too many", TEXT_B, "2024-03-04", "extra"])
    w.writerow(["Last", TEXT_B, "Tue, 05 Mar 2024 10:00:00 GMT"])
    path = tmp_path / "c.csv"
    path.write_bytes(b"\xef\xbb\xbf" + rows.getvalue().encode("utf-8"))
    good, bad = split(list(read_csv(path)))
    assert [a.title for _, a in good] == ["Two lines", "Huge", "Last"]
    assert good[0][1].text.endswith("Second paragraph.")
    assert len(good[1][1].text) == len(huge)
    assert good[2][1].published == dt.date(2024, 3, 5)
    # Line numbers are those of the row's first line: the two-line row starts at 2.
    assert [ref for ref, _ in good] == [f"{path}:2", f"{path}:5", f"{path}:9"]
    assert [ref for ref, _ in bad] == [f"{path}:6", f"{path}:7", f"{path}:8"]
    assert "bad date" in bad[0][1].reason and "empty text" in bad[1][1].reason
    assert "4 fields" in bad[2][1].reason


def test_csv_non_utf8_row_spoils_only_itself(tmp_path: Path) -> None:
    path = tmp_path / "latin.csv"
    path.write_bytes(
        b"text\n" + TEXT_A.encode() + b"\ncaf\xe9 society news\n" + TEXT_B.encode() + b"\n"
    )
    good, bad = split(list(read_csv(path)))
    assert [a.text for _, a in good] == [TEXT_A, TEXT_B]
    assert bad[0][0] == f"{path}:3" and "not valid UTF-8" in bad[0][1].reason


def test_tsv_and_empty_csv(tmp_path: Path) -> None:
    tsv = tmp_path / "c.tsv"
    tsv.write_text("text\ttitle\n" + TEXT_A + "\tT\n", encoding="utf-8")
    [(_, art)] = list(read_corpus(tsv))
    assert art.title == "T"
    empty = tmp_path / "e.csv"
    empty.write_bytes(b"")
    [(_, err)] = list(read_csv(empty))
    assert "no header" in err.reason


def test_unknown_format_and_bad_mapping(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="unknown corpus format"):
        read_corpus(tmp_path / "x.parquet")
    with pytest.raises(ValueError, match="unknown field"):
        ColumnMap.parse("body=text")


@pytest.mark.parametrize(
    "value, expect",
    [
        ("2024-03-04", dt.date(2024, 3, 4)),
        ("2024-03-04T23:59:00+05:00", dt.date(2024, 3, 4)),
        ("Mon, 04 Mar 2024 08:00:00 +0000", dt.date(2024, 3, 4)),
        ("", None),
        (None, None),
    ],
)
def test_parse_date(value, expect) -> None:
    assert parse_date(value) == expect


# -- WARC ----------------------------------------------------------------------------------

PAGE = """<!doctype html><html><head><title>{title}</title></head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>{title}</h1>
<p>{para}</p>
<p>Police said they had arrested eleven people after clashes near parliament, and that several
officers had been injured by stones thrown from the crowd.</p>
<p>The interior minister called for calm and said an inquiry would be opened into the violence.</p>
</article></body></html>"""


def _warc(path: Path, records: list[tuple[str, str, bytes]], gz: bool) -> bytes:
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=gz)
    for url, ctype, body in records:
        headers = StatusAndHeaders(
            "200 OK",
            [("Content-Type", ctype), ("Content-Length", str(len(body)))],
            protocol="HTTP/1.1",
        )
        writer.write_record(
            writer.create_warc_record(
                url, "response", payload=io.BytesIO(body), http_headers=headers
            )
        )
    data = buf.getvalue()
    path.write_bytes(data)
    return data


def _records() -> list[tuple[str, str, bytes]]:
    return [
        (
            "https://news.example/a",
            "text/html; charset=utf-8",
            PAGE.format(title="Clashes outside parliament", para=TEXT_A).encode(),
        ),
        ("https://news.example/logo.png", "image/png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 200),
        (
            "https://news.example/b",
            "text/html",
            PAGE.format(title="Subsidy cut announced", para=TEXT_B).encode(),
        ),
    ]


@pytest.mark.parametrize("gz", [False, True])
def test_warc_html_responses_only(tmp_path: Path, gz: bool) -> None:
    path = tmp_path / ("a.warc.gz" if gz else "a.warc")
    _warc(path, _records(), gz)
    good, bad = split(list(read_warc(path)))
    assert bad == []
    assert [a.url for _, a in good] == ["https://news.example/a", "https://news.example/b"]
    assert TEXT_A in good[0][1].text and TEXT_B in good[1][1].text
    assert all(ref.startswith(f"{path}@") and a.url in ref for ref, a in good)


@pytest.mark.parametrize("gz", [False, True])
def test_truncated_warc_keeps_what_was_read(tmp_path: Path, gz: bool) -> None:
    path = tmp_path / ("t.warc.gz" if gz else "t.warc")
    data = _warc(path, _records(), gz)
    path.write_bytes(data[:-80])  # the end of the last page is gone
    good, bad = split(list(read_warc(path)))
    assert [a.url for _, a in good] == ["https://news.example/a"]
    [(ref, err)] = bad
    assert ref.startswith(f"{path}@") and str(path) in str(err)
    assert err.reason.startswith(("truncated record", "truncated WARC"))


def test_garbled_warc_and_file_of_zeros(tmp_path: Path) -> None:
    path = tmp_path / "g.warc"
    data = _warc(path, _records(), False)
    first_end = data.index(b"WARC/1.0", 10)
    path.write_bytes(data[:first_end] + b"GARBAGE " * 40 + data[first_end:])
    good, bad = split(list(read_warc(path)))
    assert [a.url for _, a in good] == ["https://news.example/a"]
    assert len(bad) == 1 and bad[0][1].reason.startswith("garbled WARC")
    zeros = tmp_path / "z.warc"
    zeros.write_bytes(b"\x00" * 4096)
    [(_, err)] = list(read_warc(zeros))
    assert isinstance(err, InputError) and str(zeros) in str(err)


def test_csv_malformed_quotes_fail_their_rows_only(tmp_path: Path) -> None:
    path = tmp_path / "q.csv"
    path.write_text(
        f'text,title\n"{TEXT_A}",A\n"bad"quote,B\n"{TEXT_B}",C\n"unterminated, D\nmore\n',
        encoding="utf-8",
    )
    good, bad = split(list(read_csv(path)))
    assert [a.title for _, a in good] == ["A", "C"]
    assert [ref for ref, _ in bad] == [f"{path}:3", f"{path}:5"]
    assert all("malformed CSV" in err.reason for _, err in bad)
