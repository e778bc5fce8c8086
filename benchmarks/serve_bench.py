"""Benchmark ``kg serve`` under concurrent clients: latency, errors, threads and memory.

Builds the bundled default (the curated Pakistan facts), starts ``kg serve`` on a free port of
127.0.0.1 as its own process, and runs N clients (threads spread over a few client processes)
that POST kg's named queries in turn for S seconds, each on a new connection.

    python benchmarks/serve_bench.py                 # 50 clients, 60 s
    python benchmarks/serve_bench.py --seconds 10    # shorter

Prints requests per second, p50/p95/p99 latency, errors by kind, and the server's threads and
resident memory (the kg serve process and its query workers together) before, at peak and
after the run. Linux (reads /proc).
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path


def _family(pid: int) -> list[int]:
    """``pid`` and its child processes."""
    pids = [pid]
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
            pids.append(int(entry.name))
    return pids


def server_usage(pid: int) -> tuple[int, float, int]:
    """Threads and resident memory (MB) of the server and its children; the process count."""
    threads, rss_kb, procs = 0, 0, 0
    for p in _family(pid):
        try:
            status = Path(f"/proc/{p}/status").read_text().splitlines()
        except OSError:
            continue
        procs += 1
        for line in status:
            if line.startswith("Threads:"):
                threads += int(line.split()[1])
            elif line.startswith("VmRSS:"):
                rss_kb += int(line.split()[1])
    return threads, rss_kb / 1024, procs


def _client_process(port: int, queries: list[str], clients: int, seconds: float) -> dict:
    """Run ``clients`` threads for ``seconds``; latencies (s) of answers and error counts."""
    latencies: list[float] = []
    errors: Counter[str] = Counter()
    lock = threading.Lock()
    stop = time.monotonic() + seconds

    def client(k: int) -> None:
        i = k
        while time.monotonic() < stop:
            body = urllib.parse.urlencode({"query": queries[i % len(queries)]})
            i += 1
            started = time.perf_counter()
            try:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
                conn.request(
                    "POST",
                    "/query",
                    body=body,
                    headers={
                        "Content-Type": "application/x-www-form-urlencoded",
                        "Accept": "application/sparql-results+json",
                    },
                )
                resp = conn.getresponse()
                data = resp.read()
                conn.close()
                elapsed = time.perf_counter() - started
                if resp.status == 200:
                    json.loads(data)  # a complete, valid result
                    with lock:
                        latencies.append(elapsed)
                else:
                    with lock:
                        errors[f"HTTP {resp.status}"] += 1
            except (OSError, http.client.HTTPException, ValueError) as exc:
                with lock:
                    errors[type(exc).__name__] += 1

    threads = [threading.Thread(target=client, args=(k,)) for k in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return {"latencies": latencies, "errors": dict(errors)}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def _wait_ready(port: int, proc: subprocess.Popen[bytes], timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit("kg serve exited before it answered")
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            conn.request("GET", "/info.json")
            if conn.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.1)
    raise SystemExit("kg serve did not answer")


def _pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    values = sorted(values)
    return values[min(len(values) - 1, int(q * len(values)))] * 1000


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=50, help="concurrent clients (50)")
    parser.add_argument("--seconds", type=float, default=60.0, help="duration (60)")
    parser.add_argument("--procs", type=int, default=2, help="client processes (2)")
    parser.add_argument("--graph", default=None, help="serve this build instead of the default")
    args = parser.parse_args(argv)
    if sys.platform != "linux":
        raise SystemExit("serve_bench reads /proc: run it on Linux")

    from kg.query import named_queries

    queries = [q.text for q in named_queries().values()]
    with tempfile.TemporaryDirectory() as tmp:
        graph = args.graph
        if graph is None:
            from kg.build import build

            graph = str(Path(tmp) / "out")
            build(None, out=graph)
        port = _free_port()
        cmd = [sys.executable, "-m", "kg.cli", "serve", "--graph", graph]
        cmd += ["--port", str(port), "--quiet"]
        log = open(Path(tmp) / "serve.log", "wb")  # noqa: SIM115 - closed below
        proc = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT)
        try:
            _wait_ready(port, proc)
            time.sleep(1.0)
            before = server_usage(proc.pid)
            peak = list(before)
            sampling = threading.Event()

            def sample() -> None:
                while not sampling.wait(0.25):
                    now = server_usage(proc.pid)
                    peak[0], peak[1] = max(peak[0], now[0]), max(peak[1], now[1])

            sampler = threading.Thread(target=sample, daemon=True)
            sampler.start()
            procs = max(1, min(args.procs, args.clients))
            shares = [args.clients // procs + (i < args.clients % procs) for i in range(procs)]
            started = time.monotonic()
            with ProcessPoolExecutor(procs) as pool:
                futures = [
                    pool.submit(_client_process, port, queries, n, args.seconds) for n in shares
                ]
                results = [f.result() for f in futures]
            wall = time.monotonic() - started
            sampling.set()
            sampler.join()
            time.sleep(2.0)  # let connections close
            after = server_usage(proc.pid)
            alive = proc.poll() is None
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()
            log.close()
        tail = (Path(tmp) / "serve.log").read_text(errors="replace").strip().splitlines()[-3:]

    latencies = [x for r in results for x in r["latencies"]]
    errors: Counter[str] = Counter()
    for r in results:
        errors.update(r["errors"])
    total = len(latencies) + sum(errors.values())
    print(f"kg serve benchmark: {args.clients} clients, {args.seconds:g} s, {procs} client procs")
    print(f"  cores {os.cpu_count()}; queries: the {len(queries)} named queries in turn")
    print(f"  requests {total}  ok {len(latencies)}  ({len(latencies) / wall:.1f} answers/s)")
    print(
        f"  latency ms  p50 {_pct(latencies, 0.50):.1f}  p95 {_pct(latencies, 0.95):.1f}  "
        f"p99 {_pct(latencies, 0.99):.1f}  max {max(latencies, default=0) * 1000:.1f}"
        + (f"  mean {statistics.fmean(latencies) * 1000:.1f}" if latencies else "")
    )
    print(f"  errors {sum(errors.values())}" + (f"  {dict(errors)}" if errors else ""))
    print(
        f"  server threads  before {before[0]}  peak {peak[0]}  after {after[0]}  "
        f"(processes {before[2]} -> {after[2]})"
    )
    print(f"  server RSS MB   before {before[1]:.1f}  peak {peak[1]:.1f}  after {after[1]:.1f}")
    print(f"  server still running after the run: {'yes' if alive else 'NO'}")
    if not alive:
        print("  server log: " + " | ".join(tail))
    return 0 if alive and not errors else 1


if __name__ == "__main__":
    raise SystemExit(main())
