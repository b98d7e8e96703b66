"""`tidings ingest` and `tidings extract` end to end: real files, a real SQLite store."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from typer.testing import CliRunner

from tidings.cli import app

runner = CliRunner()
PAGES = Path(__file__).resolve().parent / "data" / "pages"


def _corpus(path: Path) -> Path:
    rows = [
        {
            "text": "Rebels attacked an army base in Kabul on Friday, officials said.",
            "published": "2021-05-08",
        },
        {"text": "", "published": "2021-05-08"},
        {
            "text": "Rebels attacked an army base in Kabul on Friday, officials said.",
            "published": "2021-05-08",
        },
        {"body": "no text column here"},
        {
            "text": "The Syrian army shelled villages near Idlib on Monday, residents said.",
            "published": "2021-05-10",
        },
    ]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n{broken\n", encoding="utf-8")
    return path


def test_ingest_corpus_reports_failures_and_never_duplicates(tmp_path, pipeline):
    corpus = _corpus(tmp_path / "c.jsonl")
    db = f"sqlite:///{tmp_path / 'x.db'}"
    res = runner.invoke(app, ["ingest", str(corpus), "--db", db, "-q"])
    assert res.exit_code == 0, res.output
    assert "2 analysed" in res.stdout and "3 failed" in res.stdout
    assert "c.jsonl:2" in res.stderr and "c.jsonl:4" in res.stderr and "c.jsonl:6" in res.stderr
    again = runner.invoke(app, ["ingest", str(corpus), "--db", db, "-q"])
    assert again.exit_code == 0 and "0 analysed" in again.stdout
    con = sqlite3.connect(tmp_path / "x.db")
    assert con.execute("select count(*) from articles").fetchone()[0] == 2
    failed = [r[0] for r in con.execute("select ref from failures order by ref")]
    assert [f.rsplit("/", 1)[-1] for f in failed] == ["c.jsonl:2", "c.jsonl:4", "c.jsonl:6"]


def test_ingest_with_column_mapping(tmp_path, pipeline):
    path = tmp_path / "c.csv"
    path.write_text(
        'headline,body,day\nTalks,"Iran and the EU met in Vienna on Tuesday, diplomats said.",'
        "2021-04-07\n",
        encoding="utf-8",
    )
    db = f"sqlite:///{tmp_path / 'y.db'}"
    res = runner.invoke(
        app,
        ["ingest", str(path), "--db", db, "-q", "--columns", "text=body,date=day,title=headline"],
    )
    assert res.exit_code == 0, res.output
    assert "1 analysed" in res.stdout


def test_ingest_where_everything_fails_exits_3(tmp_path, pipeline):
    path = tmp_path / "bad.jsonl"
    path.write_text("{not json\n", encoding="utf-8")
    res = runner.invoke(app, ["ingest", str(path), "--db", f"sqlite:///{tmp_path / 'z.db'}", "-q"])
    assert res.exit_code == 3


def test_extract_prints_clean_body(pipeline):
    res = runner.invoke(app, ["extract", str(PAGES / "council-vote.html")])
    assert res.exit_code == 0, res.output
    assert res.stdout.startswith("Council votes to close Elm Street depot")
    assert "The city council voted" in res.stdout


def test_extract_page_without_article_is_a_clear_error():
    res = runner.invoke(app, ["extract", str(PAGES / "no-article.html")])
    assert res.exit_code == 3 and "no-article.html" in res.stderr


def test_analyze_html_file(tmp_path, pipeline):
    res = runner.invoke(app, ["analyze", str(PAGES / "council-vote.html"), "--no-store"])
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)
    assert data["article"]["title"].startswith("Council votes")
    assert data["article"]["structure"]["byline"]["text"].startswith("By Farid Osei")


def test_analyze_url_needs_allow_private_on_loopback(tmp_path, pipeline):
    import functools
    import http.server
    import threading

    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(PAGES))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.server_port}/council-vote.html"
        refused = runner.invoke(app, ["analyze", url, "--no-store"])
        assert refused.exit_code == 3 and "127.0.0.1" in refused.stderr
        ok = runner.invoke(app, ["analyze", url, "--no-store", "--allow-private"])
        assert ok.exit_code == 0, ok.output
        assert json.loads(ok.stdout)["article"]["url"] == url
    finally:
        server.shutdown()
        server.server_close()


def test_ingest_feed_twice_analyses_only_new_entries(tmp_path, pipeline):
    import functools
    import http.server
    import os
    import shutil
    import threading

    site = tmp_path / "site"
    site.mkdir()
    for name in ("council-vote.html", "harbour-strike.html"):
        shutil.copy(PAGES / name, site / name)
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_port}"

    def write_feed(pages: list[str], mtime: int) -> None:
        items = "".join(
            f"<item><title>{p}</title><link>{base}/{p}</link><guid>{base}/{p}</guid></item>"
            for p in pages
        )
        (site / "feed.xml").write_text(
            f'<?xml version="1.0"?><rss version="2.0"><channel><title>Test</title>'
            f"<link>{base}/</link><description>t</description>{items}</channel></rss>",
            encoding="utf-8",
        )
        # Last-Modified has one-second resolution: set it, or a quick rewrite looks unchanged.
        os.utime(site / "feed.xml", (mtime, mtime))

    db = f"sqlite:///{tmp_path / 'feed.db'}"
    args = ["ingest", "--feed", f"{base}/feed.xml", "--db", db, "--allow-private", "-q"]
    try:
        write_feed(["council-vote.html"], 1_600_000_000)
        first = runner.invoke(app, args)
        assert first.exit_code == 0, first.output
        assert "1 analysed" in first.stdout
        write_feed(["council-vote.html", "harbour-strike.html"], 1_600_000_100)
        second = runner.invoke(app, args)
        assert second.exit_code == 0, second.output
        assert "1 analysed" in second.stdout and "1 item(s)" in second.stdout
        third = runner.invoke(app, args)
        assert third.exit_code == 0 and "0 item(s)" in third.stdout
    finally:
        server.shutdown()
        server.server_close()
    con = sqlite3.connect(tmp_path / "feed.db")
    assert con.execute("select count(*) from articles").fetchone()[0] == 2
