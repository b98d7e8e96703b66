"""`tidings serve` as a user runs it: a real process serving real HTTP on loopback."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from typer.testing import CliRunner

from tidings.cli import app
from tidings.web import serve as serve_module

TIDINGS = Path(sys.executable).parent / "tidings"


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.mark.slow
def test_serve_answers_on_loopback_and_guards_writes(tmp_path):
    port = free_port()
    db = f"sqlite:///{tmp_path / 'served.db'}"
    env = {**os.environ, "TIDINGS_TOKEN": "cli-token"}
    cmd = [str(TIDINGS), "serve", "--host", "127.0.0.1", "--port", str(port), "--db", db]
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while True:
            try:
                r = httpx.get(f"{base}/api/articles", timeout=2)
                break
            except httpx.TransportError:
                assert proc.poll() is None, proc.stderr.read().decode() if proc.stderr else ""
                assert time.monotonic() < deadline, "tidings serve did not start"
                time.sleep(0.2)
        assert r.status_code == 200 and r.json()["total"] == 0
        assert httpx.get(f"{base}/").status_code == 200
        refused = httpx.post(f"{base}/api/analyze", json={"text": "Rebels attacked Goma."})
        assert refused.status_code == 401 and refused.json()["status"] == 401
    finally:
        proc.terminate()
        proc.wait(20)


def test_serve_says_how_to_install_the_web_extra(monkeypatch):
    monkeypatch.setattr(serve_module, "NEEDED", ("fastapi", "tidings_no_such_package"))
    result = CliRunner().invoke(app, ["serve", "--port", "1"])
    assert result.exit_code == 2
    assert "tidings_no_such_package" in result.output
    assert "pip install 'tidings[web]'" in result.output
    assert "Traceback" not in result.output
