"""Benchmark the build pipeline (map -> validate -> write) and querying at corpus scale.

Makes N curated facts files (copies of the bundled Pakistan facts under new document names, built
without their text so every copy is distinct and valid), builds them with one worker and with all
cores, then loads the graph into the query engine and runs the evaluation queries.

    python benchmarks/build_bench.py --docs 2000

Prints documents per second, triples, peak memory, and the multi-core speed-up.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

from kg.build import build
from kg.query import get_query, run_query
from kg.resources import default_facts
from kg.store import load_store


def make_corpus(folder: Path, n: int) -> list[Path]:
    """Write ``n`` facts files that differ in document name (so in IRIs)."""
    template = default_facts()[0].read_text(encoding="utf-8")
    paths = []
    for i in range(n):
        name = f"program-{i:05d}"
        text = template.replace("document: pakistan.txt", f"document: {name}.txt")
        p = folder / f"{name}.facts.yaml"
        p.write_text(text, encoding="utf-8")
        paths.append(p)
    return paths


def peak_rss_mb() -> float:
    """Peak resident memory of this process and its finished children, in MB."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, kids) / 1024


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=2000, help="documents (default 2000)")
    args = parser.parse_args(argv)
    cores = os.cpu_count() or 1
    os.environ["KG_CORPUS"] = "/nonexistent"  # build from recorded spans, without texts
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "corpus"
        folder.mkdir()
        make_corpus(folder, args.docs)
        times = {}
        for jobs in sorted({1, cores}):
            out = Path(tmp) / f"out-{jobs}"
            t0 = time.perf_counter()
            summary = build([folder], out=out, jobs=jobs)
            times[jobs] = time.perf_counter() - t0
            print(
                f"build jobs={jobs}: {args.docs} docs in {times[jobs]:.1f} s "
                f"= {args.docs / times[jobs]:.1f} docs/s; {summary.triples} triples; "
                f"conforms={summary.conforms}; peak RSS {peak_rss_mb():.0f} MB"
            )
        if cores > 1:
            print(f"speed-up with {cores} cores: {times[1] / times[cores]:.2f}x")
        out = Path(tmp) / f"out-{cores}"
        t0 = time.perf_counter()
        store = load_store(out / "graph.trig")
        load_s = time.perf_counter() - t0
        print(f"load graph.trig into the query store: {load_s:.2f} s ({len(store)} quads)")
        for name in ("measurements", "organizations"):
            t0 = time.perf_counter()
            rows = run_query(store, get_query(name)).rows
            print(f"query {name}: {len(rows)} rows in {time.perf_counter() - t0:.2f} s")
        ttl_mb = (out / "graph.ttl").stat().st_size / 1e6
        trig_mb = (out / "graph.trig").stat().st_size / 1e6
        print(f"graph.ttl {ttl_mb:.1f} MB; graph.trig {trig_mb:.1f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
