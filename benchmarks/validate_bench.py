"""Benchmark validation: kg's fast path against one pyshacl run over the merged graph.

Generates a corpus (copies of the bundled Pakistan document, every third one carrying one shape
fixture, so every shape is violated somewhere; see ``tests/fixtures/shapes/make_fixtures.py``),
then validates its merged graph with kg's shape evaluator (the path ``kg build`` and
``kg validate`` take) and with one pyshacl run, and compares the results.

    python benchmarks/validate_bench.py --docs 1000

Prints both times, the ratio, whether the results are identical, and the quality rules' time.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "shapes"))

from make_fixtures import generated_corpus

from kg.validate import (
    Data,
    quality_rule_findings,
    reference_findings,
    shape_engine,
    shape_findings,
)


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print its figures."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--docs", type=int, default=1000, help="documents (default 1000)")
    parser.add_argument("--no-reference", action="store_true", help="skip the pyshacl run")
    args = parser.parse_args(argv)
    t0 = time.perf_counter()
    triples = generated_corpus(args.docs)
    print(
        f"corpus: {args.docs} documents, {len(triples)} triples ({time.perf_counter() - t0:.1f} s)"
    )
    shape_engine()  # shapes parsed and compiled once per process, as in a build

    t0 = time.perf_counter()
    fast = shape_findings(Data(triples))
    fast_s = time.perf_counter() - t0
    print(f"fast path (kg's evaluator): {fast_s:.2f} s, {len(fast)} results")

    t0 = time.perf_counter()
    rules = quality_rule_findings(triples)
    print(f"quality rules (Oxigraph): {time.perf_counter() - t0:.2f} s, {len(rules)} rows")

    if args.no_reference:
        return 0
    t0 = time.perf_counter()
    ref = reference_findings(triples)
    ref_s = time.perf_counter() - t0
    print(f"pyshacl, one run over the merged graph: {ref_s:.2f} s, {len(ref)} results")
    print(f"ratio: {ref_s / fast_s:.1f}x")
    same = [f.key() for f in fast] == [f.key() for f in ref]
    print(f"identical results: {'yes' if same else 'NO'}")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
