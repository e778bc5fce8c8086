"""The quality rules alone: one store of the whole corpus against the split run of a build.

Reads a built folder's ``graph.trig`` (or builds ``--docs`` generated sheets first) and times

1. the whole-graph run (``kg validate``'s: every rule on one store of the merged graph),
2. the document-scoped rules on every document on its own (what a full build's workers add,
   summed over documents; an incremental build does it for changed documents only),
3. what the parent of a build runs (the editions graph, the corpus rules on their projection,
   the re-checks on the merged graph), given the documents' rows,

and checks that both give the same findings.

    python benchmarks/rules_bench.py --built OUT        # a folder 'kg build' wrote
    python benchmarks/rules_bench.py --docs 1000
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print its figures."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--built", type=Path, help="a build folder (with graph.trig)")
    parser.add_argument("--docs", type=int, default=1000, help="documents to generate and build")
    args = parser.parse_args(argv)

    from kg.editions import links_graph_iri
    from kg.namespaces import ONTOLOGY_IRI
    from kg.rules import document_rule_rows, split_rule_rows, whole_rule_rows
    from kg.store import nt_lines, read_graphs
    from kg.validate import Data, rule_findings

    with tempfile.TemporaryDirectory() as tmp:
        built = args.built
        if built is None:
            import corpus as corpus_gen

            from kg.build import build

            corpus_gen.generate(Path(tmp) / "sources", args.docs)
            built = Path(tmp) / "out"
            build([Path(tmp) / "sources"], out=built, allow_invalid=True)
        graphs = [(g, ts) for g, ts in read_graphs(built / "graph.trig") if g != str(ONTOLOGY_IRI)]
    links = str(links_graph_iri())
    docs = [ts for g, ts in graphs if g != links]
    others = [ts for g, ts in graphs if g == links]
    corpus = sorted({t for _, ts in graphs for t in ts})
    print(f"{len(docs)} documents, {len(corpus)} triples", flush=True)

    t0 = time.perf_counter()
    whole = whole_rule_rows(corpus)
    t1 = time.perf_counter()
    print(f"whole-graph run (one store of the corpus) {t1 - t0:8.2f} s", flush=True)
    doc_rows = [document_rule_rows(nt_lines(ts)) for ts in docs]
    t2 = time.perf_counter()
    print(
        f"document-scoped rules, every document      {t2 - t1:8.2f} s "
        f"({1000 * (t2 - t1) / max(1, len(docs)):.1f} ms per document, in the workers)",
        flush=True,
    )
    data = Data(corpus)  # the shapes' index: a build has it anyway
    t3 = time.perf_counter()
    split = split_rule_rows(doc_rows, others, corpus, data)
    t4 = time.perf_counter()
    print(f"split run, the build's parent               {t4 - t3:8.2f} s", flush=True)
    same = set(rule_findings(whole, data)) == set(rule_findings(split, data))
    print(f"same findings: {same} ({len(set(rule_findings(whole, data)))} findings)")
    return 0 if same else 1


if __name__ == "__main__":
    raise SystemExit(main())
