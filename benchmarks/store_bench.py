"""End-to-end build and query figures at corpus scale, with the on-disk query store.

Generates ``--docs`` realistic synthetic fact sheets (:mod:`corpus`, seeded), runs ``kg build``
on them (wall time, CPU of the build and its workers, peak memory), then:

* opens the build's store (``OUT/store``) and, for comparison, loads ``graph.trig`` the way kg
  did before (parse, then copy every named graph into the default graph);
* runs every named query and quality rule ``--repeat`` times in process (p50/p99) and as a
  ``kg query NAME --graph OUT`` call (p50/p99 of the whole command);
* with ``--before REV``, first runs the queries of git revision ``REV`` once each, in process on
  the same store, for before/after figures (an old quadratic query can take very long).

Reuse a build with ``--out DIR --skip-build``::

    python benchmarks/store_bench.py --docs 1000 --out /tmp/kg-1000 --before c0cbca2

Building 10,000 documents from text takes hours; :func:`scale_store` makes a store of ``k``
times the documents from a build instead (every document copied ``k`` times under new IRIs,
shared nodes kept shared), and ``--scale K --scaled DIR`` benchmarks that copy::

    python benchmarks/store_bench.py --out /tmp/kg-1000 --skip-build --scale 10 \
        --scaled /tmp/kg-10000 --no-old
"""

from __future__ import annotations

import argparse
import collections
import io
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import corpus as corpus_gen

from kg.query import check_queries, named_queries, run_query
from kg.store import load_store

ROOT = Path(__file__).resolve().parents[1]
KG = Path(sys.executable).parent / "kg"
PARAMS = {"organization-facts": ["organization=INL"]}


def pct(values: list[float], q: float) -> float:
    """The ``q`` quantile (0..1) of ``values``, nearest rank."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))]


def build(sources: Path, out: Path) -> None:
    """Run ``kg build`` in a child process; print wall time, CPU and peak memory."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    proc = subprocess.run(
        [str(KG), "build", str(sources), "--out", str(out), "--quiet"],
        capture_output=True,
        text=True,
    )
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if proc.returncode not in (0, 1):
        raise SystemExit(f"kg build failed: {proc.stderr.strip()}")
    docs = len(list(sources.glob("*.txt")))
    summary = dict(line.split(None, 1) for line in proc.stdout.splitlines() if " " in line)
    print(
        f"build: {docs} docs in {wall:.1f} s wall ({docs / wall:.1f} docs/s), {cpu:.1f} s CPU "
        f"({1000 * cpu / docs:.0f} ms/doc), peak RSS of one process "
        f"{after.ru_maxrss / 1024:.0f} MB; triples {summary.get('triples', '?').strip()}"
    )


_ID = "https://w3id.org/inl-kg/id/"
_IRI = re.compile(r"<" + re.escape(_ID) + r"([a-z]+)-([^>]*)>")
_IDENTIFIER = "<http://purl.org/dc/terms/identifier>"
_ONTOLOGY = "https://w3id.org/inl-kg/def"


def shared_kinds(store: object) -> set[str]:
    """Kinds of kg's ``id:`` IRIs (``org``, ``place``, ``year``...) with some node described in
    more than one document's graph: nodes minted per name or date, not per document (the
    editions graph, which links figures of several documents, does not count)."""
    import pyoxigraph as ox

    assert isinstance(store, ox.Store)
    sheet = ox.NamedNode("https://w3id.org/inl-kg/def#FactSheet")
    rdf_type = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    documents = {str(q.graph_name) for q in store.quads_for_pattern(None, rdf_type, sheet, None)}
    graphs: dict[str, set[str]] = collections.defaultdict(set)
    for q in store.quads_for_pattern(None, None, None, None):
        graph = str(q.graph_name)
        subject = q.subject
        if (
            graph in documents
            and isinstance(subject, ox.NamedNode)
            and subject.value.startswith(_ID)
        ):
            graphs[subject.value].add(graph)
    return {iri[len(_ID) :].split("-", 1)[0] for iri, gs in graphs.items() if len(gs) > 1}


def scale_store(build: Path, out: Path, copies: int) -> dict[str, int]:
    """Write to ``out/store`` an Oxigraph store with every document of the build ``build``
    ``copies`` times: copy ``k`` (from 1) renames each per-document ``id:`` IRI (document,
    program, figure, span, annotation, activity, comparable set, its named graph) by appending
    ``-c{k}``, and each fact sheet's ``dcterms:identifier`` likewise; shared nodes
    (organizations, places, years, named programs: :func:`shared_kinds`) keep their IRIs, so
    they are described in ``copies`` times as many graphs, as in a larger corpus. The ontology
    graph is copied once; the editions graph holds every copy's links. Deterministic: the same
    build gives the same store. Returns counts of documents and quads.
    """
    import pyoxigraph as ox

    source = load_store(build)
    shared = shared_kinds(source)
    ontology = f"<{_ONTOLOGY}>"
    buf = io.BytesIO()
    source.dump(buf, ox.RdfFormat.N_QUADS)
    lines = buf.getvalue().decode("utf-8").splitlines()
    identifier = ox.NamedNode(_IDENTIFIER[1:-1])
    docs = sum(
        1
        for q in source.quads_for_pattern(None, identifier, None, None)
        if q.subject.value.startswith(_ID + "doc-")
    )
    fixed = [line for line in lines if line.endswith(f" {ontology} .")]
    per_copy = [line for line in lines if not line.endswith(f" {ontology} .")]
    folder = out / "store"
    if folder.exists():
        raise SystemExit(f"{folder} exists")
    out.mkdir(parents=True, exist_ok=True)
    nq = out / "scaled.nq"
    count = 0
    with nq.open("w", encoding="utf-8") as fh:
        fh.write("\n".join(fixed) + "\n")
        count += len(fixed)
        for k in range(copies):
            if k == 0:
                fh.write("\n".join(per_copy) + "\n")
                count += len(per_copy)
                continue
            tail = f"-c{k}"

            def rename(m: re.Match[str], tail: str = tail) -> str:
                kind = m.group(1)
                return m.group(0) if kind in shared else f"<{_ID}{kind}-{m.group(2)}{tail}>"

            chunk = []
            for line in per_copy:
                line = _IRI.sub(rename, line)
                if f"> {_IDENTIFIER} " in line and line.startswith(f"<{_ID}doc-"):
                    line = re.sub(r'^(\S+ \S+ "[^"]*)"', r"\g<1>" + tail + '"', line)
                chunk.append(line)
            fh.write("\n".join(chunk) + "\n")
            count += len(chunk)
    store = ox.Store(str(folder))
    store.bulk_load(path=str(nq), format=ox.RdfFormat.N_QUADS)
    store.optimize()
    store.flush()
    del store
    nq.unlink()
    return {"documents": docs * copies, "quads": count}


def old_load(graph: Path) -> object:
    """Load ``graph.trig`` as kg did before the store: parse, then copy every named graph into
    the default graph."""
    import pyoxigraph as ox

    store = ox.Store()
    store.bulk_load(path=str(graph), format=ox.RdfFormat.TRIG)
    default = ox.DefaultGraph()
    for g in list(store.named_graphs()):
        quads = list(store.quads_for_pattern(None, None, None, g))
        store.bulk_extend(ox.Quad(q.subject, q.predicate, q.object, default) for q in quads)
    return store


def time_queries(
    store: object,
    out: Path,
    *,
    repeat: int,
    cli_repeat: int,
    only: set[str] | None = None,
    query_dir: Path | None = None,
) -> list[dict[str, object]]:
    """Time every named query and quality rule on ``store`` (the build folder ``out``): p50 and
    p99 of wall and CPU time in process (``repeat`` runs), and p50/p99 of a ``kg query NAME
    --graph OUT`` call (``cli_repeat`` runs, wall and the child's CPU). ``query_dir`` reads the
    ``.rq`` files from there instead (e.g. an older revision's, for before/after figures)."""
    from kg.query import parse_query_file

    queries = {**named_queries(), **{f"check:{k}": v for k, v in check_queries().items()}}
    if query_dir is not None:
        for name in list(queries):
            rel = f"checks/{name[6:]}.rq" if name.startswith("check:") else f"{name}.rq"
            if (query_dir / rel).is_file():
                queries[name] = parse_query_file(query_dir / rel)
    print(
        f"{'query':<40} {'rows':>7} {'p50 s':>7} {'p99 s':>7} {'cpu p50':>7} "
        f"{'us/row':>7} {'cli p50':>7} {'cli p99':>7} {'cli cpu':>7}",
        flush=True,
    )
    results = []
    for name, query in queries.items():
        if only and name not in only:
            continue
        params = dict(p.split("=", 1) for p in PARAMS.get(name, []))
        walls, cpus = [], []
        rows = 0
        for _ in range(repeat):
            c0, t0 = time.process_time(), time.perf_counter()
            rows = len(run_query(store, query, params).rows)  # type: ignore[arg-type]
            walls.append(time.perf_counter() - t0)
            cpus.append(time.process_time() - c0)
        cli: list[float] = []
        cli_cpu: list[float] = []
        if not name.startswith("check:") and cli_repeat and query_dir is None:
            cmd = [str(KG), "query", name, "--graph", str(out), "--format", "csv"]
            for p in PARAMS.get(name, []):
                cmd += ["--param", p]
            for _ in range(cli_repeat):
                before = resource.getrusage(resource.RUSAGE_CHILDREN)
                t0 = time.perf_counter()
                subprocess.run(cmd, capture_output=True, check=True)
                cli.append(time.perf_counter() - t0)
                after = resource.getrusage(resource.RUSAGE_CHILDREN)
                cli_cpu.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
        cli_text = (
            f"{pct(cli, 0.5):7.2f} {pct(cli, 0.99):7.2f} {pct(cli_cpu, 0.5):7.2f}"
            if cli
            else f"{'':>23}"
        )
        per_row = 1e6 * pct(cpus, 0.5) / rows if rows else 0.0
        print(
            f"{name:<40} {rows:7d} {pct(walls, 0.5):7.3f} {pct(walls, 0.99):7.3f} "
            f"{pct(cpus, 0.5):7.3f} {per_row:7.0f} {cli_text}",
            flush=True,
        )
        results.append(
            {
                "query": name,
                "rows": rows,
                "p50": pct(walls, 0.5),
                "p99": pct(walls, 0.99),
                "cpu_p50": pct(cpus, 0.5),
                "cli_p50": pct(cli, 0.5) if cli else None,
                "cli_p99": pct(cli, 0.99) if cli else None,
            }
        )
    return results


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("--out", type=Path, help="build folder (default: a temporary one)")
    parser.add_argument("--skip-build", action="store_true", help="reuse the build in --out")
    parser.add_argument("--repeat", type=int, default=5, help="runs per query (default 5)")
    parser.add_argument("--cli-repeat", type=int, default=3, help="CLI runs per query")
    parser.add_argument("--before", metavar="REV", help="also time the queries of this revision")
    parser.add_argument("--scale", type=int, default=0, help="benchmark K copies of the build")
    parser.add_argument("--scaled", type=Path, help="folder of the scaled store (--scale)")
    parser.add_argument("--no-old", action="store_true", help="skip the graph.trig comparison")
    parser.add_argument("--only", help="comma-separated query names (check:NAME for rules)")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args(argv)
    only = set(args.only.split(",")) if args.only else None
    with tempfile.TemporaryDirectory() as tmp:
        out = args.out or Path(tmp) / "out"
        if not args.skip_build:
            sources = Path(tmp) / "corpus"
            corpus_gen.generate(sources, args.docs)
            build(sources, out)
        if args.scale:
            scaled = args.scaled or Path(tmp) / "scaled"
            if not (scaled / "store").exists():
                t0 = time.perf_counter()
                counts = scale_store(out, scaled, args.scale)
                print(f"scaled x{args.scale}: {counts} in {time.perf_counter() - t0:.0f} s")
            out = scaled

        t0 = time.perf_counter()
        store = load_store(out)
        opened = time.perf_counter() - t0
        if not args.no_old and not args.scale:
            t0 = time.perf_counter()
            old_load(out / "graph.trig")
            parsed = time.perf_counter() - t0
            print(
                f"open OUT/store: {opened * 1000:.0f} ms; parse graph.trig + copy into the "
                f"default graph (before): {parsed:.1f} s; ratio {parsed / max(opened, 1e-9):.0f}x"
            )
        if args.before:
            with tempfile.TemporaryDirectory() as old:
                archive = subprocess.run(
                    ["git", "-C", str(ROOT), "archive", args.before, "kg/queries"],
                    capture_output=True,
                    check=True,
                ).stdout
                subprocess.run(["tar", "-x", "-C", old], input=archive, check=True)
                print(f"before ({args.before}):")
                before = time_queries(
                    store,
                    out,
                    repeat=1,
                    cli_repeat=0,
                    only=only,
                    query_dir=Path(old) / "kg" / "queries",
                )
            print("after:")
        results = time_queries(
            store, out, repeat=args.repeat, cli_repeat=args.cli_repeat, only=only
        )
        if args.json:
            import json

            figures = {"after": results, **({"before": before} if args.before else {})}
            args.json.write_text(json.dumps(figures, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    raise SystemExit(main())
