"""Load test of `tidings serve`'s read endpoints: concurrent clients on loopback, p50/p99 latency.

A temporary SQLite store gets the example article analysed by the real pipeline plus synthetic
copies (other ids and outlets, so incidents have several reports); `tidings serve` runs it as
a real process on a free loopback port; `--clients` asyncio clients then cycle through the read
endpoints for `--seconds`. Bounded on purpose: loopback only, at most 200 clients and 300 s.

    .venv/bin/python benchmarks/web_load.py [--clients 50] [--seconds 30] [--copies 20]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

import httpx

import tidings
from tidings.store import Store

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "irgc-basij.txt"
OUTLETS = ("Wire A", "Daily B", "Herald C", "Post D", "Times E")


def endpoints(article_id: str) -> list[str]:
    return [
        "/api/articles", f"/api/articles/{article_id}", "/api/events?type=THREATEN",
        "/api/events?sort=type&desc=true&limit=20&offset=20", "/api/events?actor=Salami",
        "/api/incidents?min_sources=2", "/api/actors", "/api/actors/kb:P-IRN-SALAMI",
        "/api/quotes?actor=Salami", "/api/places", "/api/timeline", f"/articles/{article_id}",
        "/events?type=ASSAULT", "/incidents", "/actors/kb:P-IRN-SALAMI", "/timeline",
    ]  # fmt: skip


def build_store(path: Path, copies: int) -> str:
    """The example analysed once, saved with `copies` synthetic copies; the example's id."""
    analysis = tidings.load().analyze(EXAMPLE.read_text(encoding="utf-8"), published="2020-01-27")
    with Store(f"sqlite:///{path}") as store:
        store.save(analysis)
        for i in range(copies):
            copy = analysis.model_copy(deep=True)
            copy.article.id = f"copy{i:05d}"
            copy.article.source = OUTLETS[i % len(OUTLETS)]
            store.save(copy)
    return analysis.article.id


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(db: Path, port: int) -> subprocess.Popen[bytes]:
    tidings_cmd = Path(sys.executable).parent / "tidings"
    cmd = [str(tidings_cmd), "serve", "--host", "127.0.0.1", "--port", str(port)]
    proc = subprocess.Popen([*cmd, "--db", f"sqlite:///{db}"], env=dict(os.environ))
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            httpx.get(f"http://127.0.0.1:{port}/api/articles", timeout=2)
            return proc
        except httpx.TransportError:
            time.sleep(0.2)
    proc.terminate()
    raise SystemExit("tidings serve did not start within 60 s")


async def client(
    base: str, paths: list[str], until: float, start: int, seen: dict[str, list[float]],
    errors: dict[str, int],
) -> None:  # fmt: skip
    async with httpx.AsyncClient(base_url=base, timeout=30) as http:
        i = start
        while time.monotonic() < until:
            path = paths[i % len(paths)]
            i += 1
            t0 = time.perf_counter()
            try:
                r = await http.get(path)
                ok = r.status_code == 200
            except httpx.HTTPError:
                ok = False
            seen[path].append(time.perf_counter() - t0)
            if not ok:
                errors[path] += 1


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far (Linux /proc), to see past a busy machine."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000


async def run(base: str, paths: list[str], clients: int, seconds: float, pid: int) -> None:
    async with httpx.AsyncClient(base_url=base, timeout=60) as http:
        for path in paths:  # warm-up, untimed: first queries, template compilation, caches
            await http.get(path)
    seen: dict[str, list[float]] = defaultdict(list)
    errors: dict[str, int] = defaultdict(int)
    until = time.monotonic() + seconds
    t0, cpu0 = time.monotonic(), cpu_seconds(pid)
    await asyncio.gather(*(client(base, paths, until, k, seen, errors) for k in range(clients)))
    took, cpu = time.monotonic() - t0, cpu_seconds(pid) - cpu0
    every = [x for v in seen.values() for x in v]
    print(f"{clients} clients, {took:.1f} s, {len(every)} requests, {len(every) / took:.1f} req/s")
    print(f"all: p50 {percentile(every, 0.5):.0f} ms, p99 {percentile(every, 0.99):.0f} ms, "
          f"errors {sum(errors.values())}")  # fmt: skip
    print(f"server CPU: {cpu:.1f} s, {1000 * cpu / max(len(every), 1):.1f} ms per request "
          f"(load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs)")  # fmt: skip
    for path in paths:
        if not (v := seen[path]):
            continue
        print(f"  {path:<55} n={len(v):<5} p50 {percentile(v, 0.5):6.0f} ms  "
              f"p99 {percentile(v, 0.99):6.0f} ms  mean {statistics.mean(v) * 1000:6.0f} ms  "
              f"errors {errors[path]}")  # fmt: skip


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--seconds", type=float, default=30.0)
    ap.add_argument("--copies", type=int, default=20)
    args = ap.parse_args()
    if not (1 <= args.clients <= 200 and 0 < args.seconds <= 300):
        raise SystemExit("bounded: 1-200 clients, at most 300 s")
    with tempfile.TemporaryDirectory(prefix="tidings-web-load-") as tmp:
        db = Path(tmp) / "load.db"
        article_id = build_store(db, args.copies)
        port = free_port()
        server = start_server(db, port)
        try:
            asyncio.run(
                run(
                    f"http://127.0.0.1:{port}",
                    endpoints(article_id),
                    args.clients,
                    args.seconds,
                    server.pid,
                )
            )
        finally:
            server.terminate()
            server.wait(20)


if __name__ == "__main__":
    main()
