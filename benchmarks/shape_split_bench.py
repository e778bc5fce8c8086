"""The validation of a build's merged graph, whole and split (kg.shape_split), timed.

Reads a built folder's ``graph.trig`` and, as ``kg build`` does, validates its merged graph

1. with the shapes over one index of the whole graph (what ``kg validate`` runs), and
2. split: each document's own nodes validated on its graph (what the workers do; timed apart,
   as the per-document cost an unchanged document no longer pays), the rest in the parent,

the quality rules split both times (their document rows computed beforehand, as the workers'
cache holds them); checks that both reports are the same bytes.

    python benchmarks/shape_split_bench.py OUT/graph.trig
"""

from __future__ import annotations

import argparse
import gc
import sys
import time
from pathlib import Path

from kg.editions import links_graph_iri
from kg.namespaces import ONTOLOGY_IRI
from kg.rules import decode_rows, document_rule_rows, encode_rows
from kg.shape_split import decode_record, document_shapes, encode_record, split_shape_findings
from kg.store import merge_graphs, nt_lines, read_graphs, serialize
from kg.validate import Data, shape_findings, validate_triples


def main(argv: list[str] | None = None) -> int:
    """Run the comparison and print the times."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("trig", type=Path, help="a built folder's graph.trig")
    args = parser.parse_args(argv)
    graphs = [(g, ts) for g, ts in read_graphs(args.trig) if g != str(ONTOLOGY_IRI)]
    links = str(links_graph_iri())
    docs = [(g, ts) for g, ts in graphs if "/graph-" in g and g != links]
    others = [ts for g, ts in graphs if g in ("", links)]
    corpus = merge_graphs([(g, sorted(ts)) for g, ts in graphs])
    print(f"{len(docs)} documents, {len(corpus)} triples", flush=True)
    rows = [decode_rows(encode_rows(document_rule_rows(nt_lines(ts)))) for _, ts in docs]
    t0 = time.perf_counter()
    records = []
    for g, ts in docs:
        name = g.rsplit("/graph-", 1)[1]
        records.append((name, ts, decode_record(encode_record(document_shapes(ts, name)))))
    worker = time.perf_counter() - t0
    print(f"per document (workers)     {worker:7.2f} s for all documents", flush=True)
    gc.disable()
    t0 = time.perf_counter()
    whole = shape_findings(Data(corpus))
    t1 = time.perf_counter()
    split, _ = split_shape_findings(corpus, records, others)
    t2 = time.perf_counter()
    print(f"shapes, whole graph        {t1 - t0:7.2f} s", flush=True)
    print(f"shapes, split (parent)     {t2 - t1:7.2f} s", flush=True)
    one = validate_triples(corpus, document_rows=rows, others=others)
    t3 = time.perf_counter()
    two = validate_triples(corpus, document_rows=rows, others=others, document_shapes=records)
    t4 = time.perf_counter()
    print(f"validation, whole shapes   {t3 - t2:7.2f} s (shapes and quality rules)", flush=True)
    print(f"validation, split shapes   {t4 - t3:7.2f} s (shapes and quality rules)", flush=True)
    same = split == whole and serialize(one.graph, "turtle") == serialize(two.graph, "turtle")
    print(f"same findings and report: {same}")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
