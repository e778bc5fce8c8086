"""Extraction throughput: synthetic fact sheets per second on one core and on all cores.

Generates ``--docs`` template-based fact sheets (deterministic seed) into a temporary folder,
extracts them all once in this process and once with a process pool, and prints documents per
second, peak memory and the speed-up::

    python benchmarks/extract_bench.py --docs 10000
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import sys
import tempfile
import time
import tracemalloc
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from kg.extract import extract_file

COUNTRIES = [
    ("Pakistan", "Pakistani", "Sindh Province"),
    ("Colombia", "Colombian", "Antioquia Department"),
    ("Kenya", "Kenyan", "Mombasa"),
    ("Peru", "Peruvian", "San Martin Region"),
    ("Mexico", "Mexican", "Chihuahua"),
    ("Guatemala", "Guatemalan", "Huehuetenango Department"),
    ("Tajikistan", "Tajik", "Khatlon Province"),
    ("Laos", "Lao", "Vientiane Province"),
]
FORCES = ["Anti-Narcotics Force", "National Police", "Border Police", "Drug Control Agency"]
NOUNS = ["officers", "judges", "prosecutors", "vehicles", "canine teams", "police stations"]
DRUGS = ["heroin", "opium", "cocaine", "methamphetamine", "hashish"]
QUALS = ["", "more than ", "nearly ", "at least ", "over ", "an estimated ", "up to "]
INTRO = (
    "The U.S. Department of State’s Bureau of International Narcotics and Law Enforcement "
    "Affairs (INL) works to keep Americans safe at home by countering international crime, "
    "illegal drugs, and instability abroad.\n\n"
)


def make_sheet(rng: random.Random) -> tuple[str, str]:
    """One synthetic fact sheet: (country stem, text)."""
    country, adj, region = rng.choice(COUNTRIES)
    force = rng.choice(FORCES)
    year = rng.randint(2008, 2021)
    lines = [INTRO, f"Challenges: {country}, a country of {rng.randint(5, 200)} million people, "]
    lines.append(f"faces drug trafficking organizations. The {adj} government seeks help.\n\n")
    lines.append(
        f"Goals: INL works with {adj} authorities to 1) train police; 2) reform courts.\n\n"
    )
    lines.append("Accomplishments: ")
    for _ in range(rng.randint(4, 9)):
        kind = rng.randrange(6)
        q = rng.choice(QUALS)
        n = rng.randint(2, 5000)
        if kind == 0:
            lines.append(f"INL has trained {q}{n:,} {rng.choice(NOUNS)} in {region}. ")
        elif kind == 1:
            lines.append(
                f"In {year}, with the support of INL, {country}’s {force} reported seizing "
                f"{rng.randint(1, 900) / 10} MT of {rng.choice(DRUGS)} and {n:,} kilograms of "
                f"{rng.choice(DRUGS)}. "
            )
        elif kind == 2:
            lines.append(
                f"INL-funded programs reduced violent crime by {rng.randint(2, 60)} percent, "
                f"kidnapping by {rng.randint(2, 60)} percent, and smuggling by "
                f"{rng.randint(2, 60)} percent. "
            )
        elif kind == 3:
            lines.append(
                f"In FY {year}, INL provided ${rng.randint(1, 90)}.{rng.randint(1, 9)} "
                "million for justice programs. "
            )
        elif kind == 4:
            lines.append(
                f"The share of women increased from {rng.randint(1, 9)} percent to "
                f"{rng.randint(10, 40)} percent between {year - 5} and {year}. "
            )
        else:
            lines.append(
                f"INL sponsored a {rng.randint(2, 12)}-week course at the Police Academy. "
            )
    lines.append("\n")
    return country.lower(), "".join(lines)


def generate(folder: Path, count: int, seed: int = 20240601) -> list[Path]:
    """Write ``count`` synthetic sheets into ``folder``; return their paths."""
    rng = random.Random(seed)
    paths: list[Path] = []
    for i in range(count):
        stem, text = make_sheet(rng)
        p = folder / f"{stem}-{i:05d}.txt"
        p.write_text(text, encoding="utf-8")
        paths.append(p)
    return paths


def _count(path: Path) -> int:
    return len(extract_file(path).measurements)


def _chunk(paths: list[Path]) -> int:
    return sum(_count(p) for p in paths)


def run(paths: list[Path], workers: int) -> tuple[float, int]:
    """Seconds to extract every path with ``workers`` processes, and the figures found."""
    start = time.perf_counter()
    if workers == 1:
        figures = _chunk(paths)
    else:
        size = max(1, len(paths) // (workers * 8))
        chunks = [paths[i : i + size] for i in range(0, len(paths), size)]
        with ProcessPoolExecutor(max_workers=workers) as pool:
            figures = sum(pool.map(_chunk, chunks))
    return time.perf_counter() - start, figures


def main(argv: list[str] | None = None) -> int:
    """Generate, extract on one core and on all cores, print the figures."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--docs", type=int, default=10000, help="number of fact sheets (10000)")
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="pool size")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="kg-bench-") as tmp:
        t0 = time.perf_counter()
        paths = generate(Path(tmp), args.docs)
        size = sum(p.stat().st_size for p in paths)
        print(
            f"generated {len(paths)} sheets ({size / 1e6:.1f} MB) in "
            f"{time.perf_counter() - t0:.1f} s"
        )
        _count(paths[0])  # warm up: compile regexes, load the gazetteer
        # Python allocations while extracting (tracemalloc slows extraction: a sample only).
        tracemalloc.start()
        run(paths[:200], 1)
        _cur, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        one_s, figs = run(paths, 1)
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(
            f"1 core:    {len(paths) / one_s:8.0f} docs/s  ({one_s:.1f} s, {figs} figures, "
            f"peak traced {peak / 1e6:.1f} MB over 200 docs, max RSS {rss:.0f} MB)"
        )
        many_s, figs2 = run(paths, args.workers)
        child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        print(
            f"{args.workers} cores: {len(paths) / many_s:8.0f} docs/s  ({many_s:.1f} s, "
            f"{figs2} figures, max worker RSS {child:.0f} MB)"
        )
        print(f"speed-up:  {one_s / many_s:.2f}x on {args.workers} workers")
        if figs != figs2:
            print("error: parallel run found different figures", file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
