"""End-to-end ``kg build`` from text: full build, unchanged rebuild, one changed document.

Generates ``--docs`` realistic synthetic sheets (:mod:`corpus`, seeded) and runs, each as a
``kg build`` child process into one folder:

1. a full build (``--full``),
2. the same build again (nothing changed: nothing is written),
3. a build after appending one sentence to one document (that document is extracted again,
   the corpus-wide steps run over everything),

printing for each the wall time, the CPU of the build and its workers, documents per second and
the peak memory of the largest process; then checks that the incremental result is
byte-identical to a clean build of the same sources (optional, ``--check``, one more full
build).

    python benchmarks/rebuild_bench.py --docs 1000 [--jobs 2] [--check]

Run it from a checkout nobody edits while it runs (for example a git worktree, first on
``PYTHONPATH``): a build's fingerprint covers kg's own sources, so a file of ``kg/`` edited
between the full build and the rebuilds makes them full builds (the unchanged rebuild then
takes as long as the first).
"""

from __future__ import annotations

import argparse
import filecmp
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpus as corpus_gen

KG = Path(sys.executable).parent / "kg"
#: Runs a command and reports the peak RSS of its largest process (this wrapper's children).
_WRAP = (
    "import resource, subprocess, sys; r = subprocess.run(sys.argv[1:]); "
    "print('maxrss', resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr); "
    "sys.exit(r.returncode)"
)


def run_build(sources: Path, out: Path, *extra: str) -> dict[str, float | str]:
    """One ``kg build`` in a child process: wall time, CPU, peak RSS and its summary lines.

    Dirty pages are flushed first (``os.sync``): the writeback of the previous build's
    gigabytes otherwise competes with the timed one (a one-changed rebuild at 10,000
    documents measured 28 s after a flush and up to 50 s without)."""
    os.sync()
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-c", _WRAP, str(KG), "build", str(sources), "--out", str(out), *extra],
        capture_output=True,
        text=True,
    )
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode not in (0, 1):
        raise SystemExit(f"kg build failed: {proc.stderr.strip().splitlines()[0]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    summary = dict(line.split(None, 1) for line in proc.stdout.splitlines() if " " in line)
    return {
        "wall": wall,
        "cpu": cpu,
        "rss_mb": int(proc.stderr.rsplit("maxrss", 1)[1]) / 1024,
        "triples": summary.get("triples", "?").strip(),
        "note": "up to date" if "up to date" in proc.stdout else summary.get("reused", "").strip(),
    }


def report(label: str, docs: int, r: dict[str, float | str]) -> None:
    """Print one build's figures on one line."""
    wall, cpu = float(r["wall"]), float(r["cpu"])
    print(
        f"{label:<22} {wall:8.1f} s wall {cpu:8.1f} s CPU {docs / wall:8.1f} docs/s "
        f"{1000 * cpu / docs:7.1f} ms CPU/doc  peak RSS (largest process) "
        f"{float(r['rss_mb']):6.0f} MB  triples {r['triples']}  {r['note']}",
        flush=True,
    )


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=1000, help="documents (default 1000)")
    parser.add_argument("--jobs", type=int, default=0, help="worker processes (default: cores)")
    parser.add_argument("--work", type=Path, help="working folder (default: a temporary one)")
    parser.add_argument("--check", action="store_true", help="compare with a clean build")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        work = args.work or Path(tmp)
        sources, out = work / "sources", work / "out"
        corpus_gen.generate(sources, args.docs)
        # the sheets are drawn from every source sheet found (tests/corpus, ../shared/corpus):
        # runs compare only when they drew from the same ones
        print(f"{args.docs} sheets drawn from {len(corpus_gen.load_sources())} source sheets")
        jobs = ["--jobs", str(args.jobs)] if args.jobs else []
        jobs.append("--quiet")
        report("full build", args.docs, run_build(sources, out, "--full", *jobs))
        report("unchanged rebuild", args.docs, run_build(sources, out, *jobs))
        changed = sorted(sources.glob("*.txt"))[args.docs // 2]
        with open(changed, "a", encoding="utf-8") as fh:
            fh.write("\nIn 2021, INL trained 85 additional police officers.\n")
        report("one document changed", args.docs, run_build(sources, out, *jobs))
        if args.check:
            clean = work / "clean"
            run_build(sources, clean, "--full", *jobs)
            names = ["graph.ttl", "graph.trig", "validation.ttl"]
            same = all(filecmp.cmp(out / n, clean / n, shallow=False) for n in names)
            print(f"incremental files byte-identical to a clean build: {same}")
            if not same:
                return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
