"""The pipeline: sources -> facts -> RDF dataset -> validation -> files.

>>> from kg.resources import default_facts
>>> facts = collect_facts(default_facts())
>>> facts[0].document.name
'pakistan'
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from rdflib.namespace import RDF

from kg.documents import DOCUMENT_SUFFIXES, MAX_BYTES, iter_sources, load_document
from kg.facts import load_facts
from kg.model import DocumentFacts, KgError
from kg.namespaces import KG, ONTOLOGY_IRI, ORG
from kg.rdf import facts_to_graph, graph_iri, ontology_graph
from kg.resources import default_facts
from kg.store import (
    TermTriple,
    atomic_write,
    graph_triples,
    merge_graphs,
    serialize,
    write_graphs,
)
from kg.validate import ValidationReport, report_graph, validate_graph

_T = TypeVar("_T")


@dataclass(slots=True)
class BuildSummary:
    """What a build produced."""

    documents: int
    triples: int
    organizations: int
    activities: int
    figures: int
    conforms: bool
    outputs: list[Path] = field(default_factory=list)
    report: ValidationReport | None = None

    def _conformance(self) -> str:
        if not self.conforms:
            return "NO (see validation.ttl or 'kg validate')"
        warnings = len(self.report.findings) if self.report else 0
        return f"yes, with {warnings} warning(s) to check ('kg validate')" if warnings else "yes"

    def text(self) -> str:
        """The summary as the lines ``kg build`` prints."""
        rows = [
            ("documents", self.documents),
            ("triples", self.triples),
            ("organizations", self.organizations),
            ("activities", self.activities),
            ("figures", self.figures),
            ("conforms", self._conformance()),
        ]
        lines = [f"{k:<14} {v}" for k, v in rows]
        lines += [f"wrote          {p}" for p in self.outputs]
        return "\n".join(lines) + "\n"


def _is_facts_file(p: Path) -> bool:
    return p.name.endswith((".facts.yaml", ".gold.yaml", ".facts.yml")) or p.suffix in (
        ".yaml",
        ".yml",
    )


def _load_one(path: str, max_bytes: int) -> DocumentFacts:
    p = Path(path)
    if _is_facts_file(p):
        return load_facts(p, strict=not p.name.endswith(".gold.yaml"))
    from kg.extract import extract

    return extract(load_document(p, max_bytes=max_bytes))


def plan_sources(sources: Iterable[str | Path]) -> list[Path]:
    """The files to read, one per document: a curated ``NAME.facts.yaml`` beside a document
    takes precedence over extracting ``NAME.txt``/``.html``/``.md``."""
    files = list(iter_sources(sources))
    chosen: dict[str, Path] = {}
    for p in files:
        if _is_facts_file(p):
            continue
        if p.suffix.lower() not in DOCUMENT_SUFFIXES:
            raise KgError(f"{p}: not a fact sheet (.txt, .md, .html) or facts file (.facts.yaml)")
        curated = p.with_name(p.stem + ".facts.yaml")
        chosen.setdefault(p.stem, curated if curated.is_file() else p)
    for p in files:
        if _is_facts_file(p):
            stem = p.name.split(".")[0]
            chosen[stem] = p
    return [chosen[k] for k in sorted(chosen)]


def collect_facts(
    sources: Sequence[str | Path], *, jobs: int = 0, max_bytes: int = MAX_BYTES
) -> list[DocumentFacts]:
    """Facts for every source (curated files loaded, fact sheets extracted), in name order.

    Raises :class:`KgError` listing every source that failed, so nothing half-built is written.
    """
    plan = [str(p) for p in plan_sources(sources)]
    if not plan:
        raise KgError("no fact sheets or facts files found in the given sources")
    return _run_all(_safe_load, [(p, max_bytes) for p in plan], jobs, lambda f: f.document.name)


def _run_all(
    work: Callable[..., _T | KgError],
    args: list[tuple[Any, ...]],
    jobs: int,
    name: Callable[[_T], str],
) -> list[_T]:
    """Run ``work`` on every argument tuple, in worker processes when ``jobs`` allows.

    Raises :class:`KgError` naming the first source that failed (and how many more did), or
    two sources that give the same document name; nothing is written in either case.
    """
    jobs = _workers(jobs, len(args))
    if jobs > 1:
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            results = list(pool.map(work, *zip(*args, strict=True), chunksize=8))
    else:
        results = [work(*a) for a in args]
    errors = [r for r in results if isinstance(r, KgError)]
    if errors:
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        raise KgError(f"{errors[0]}{more}")
    done = [r for r in results if not isinstance(r, KgError)]
    names = [name(r) for r in done]
    dupes = sorted({n for n in names if names.count(n) > 1})
    if dupes:
        raise KgError(f"two sources have the same document name: {', '.join(dupes)}")
    return done


def _safe_load(path: str, max_bytes: int) -> DocumentFacts | KgError:
    try:
        return _load_one(path, max_bytes)
    except KgError as exc:
        return exc


@dataclass(slots=True)
class DocumentResult:
    """One document carried through the pipeline in a worker: its graph and its validation."""

    name: str
    graph: str
    triples: list[TermTriple]
    organizations: frozenset[str]
    activities: int
    figures: int
    report: ValidationReport | None


def process_document(
    path: str, *, include_text: bool, validate: bool, max_bytes: int
) -> DocumentResult:
    """Load or extract one source, map it to RDF and validate it (runs in a worker process)."""
    facts = _load_one(path, max_bytes)
    graph = facts_to_graph(facts, include_text=include_text)
    report = validate_graph(graph) if validate else None
    return DocumentResult(
        name=facts.document.name,
        graph=str(graph_iri(facts.document.name)),
        triples=graph_triples(graph),
        organizations=frozenset(str(s) for s in graph.subjects(RDF.type, ORG.Organization)),
        activities=len(set(graph.subjects(RDF.type, KG.ProgramActivity))),
        figures=len(set(graph.subjects(RDF.type, KG.ReportedFigure))),
        report=report,
    )


def _safe_process(
    path: str, include_text: bool, validate: bool, max_bytes: int
) -> DocumentResult | KgError:
    try:
        return process_document(
            path, include_text=include_text, validate=validate, max_bytes=max_bytes
        )
    except KgError as exc:
        return exc


def build(
    sources: Sequence[str | Path] | None = None,
    *,
    out: str | Path = "out",
    include_text: bool = True,
    jobs: int = 0,
    max_bytes: int = MAX_BYTES,
) -> BuildSummary:
    """Build the graph of ``sources`` (default: the bundled curated facts) into ``out``.

    Each document is loaded (or extracted), mapped and validated on its own, in ``jobs``
    worker processes; the results are then written as ``graph.ttl`` (merged), ``graph.trig``
    (one named graph per document, plus the ontology) and ``validation.ttl`` (the SHACL report),
    each atomically. If any source fails, nothing is written and the error names it.
    """
    plan = [str(p) for p in plan_sources(list(sources) if sources else default_facts())]
    if not plan:
        raise KgError("no fact sheets or facts files found in the given sources")
    out_dir = Path(out)
    if out_dir.exists() and not out_dir.is_dir():
        raise KgError(f"{out_dir}: exists and is not a folder")
    args = [(p, include_text, True, max_bytes) for p in plan]
    done = _run_all(_safe_process, args, jobs, lambda d: d.name)
    docs = sorted(done, key=lambda r: r.graph)

    findings = sorted(
        {f for d in docs if d.report for f in d.report.findings},
        key=lambda f: (f.focus, f.path, f.message, f.value),
    )
    conforms = all(d.report is None or d.report.conforms for d in docs)
    report = ValidationReport(conforms, findings, report_graph(conforms, findings))
    graphs = [(str(ONTOLOGY_IRI), graph_triples(ontology_graph()))]
    graphs += [(d.graph, d.triples) for d in docs]
    merged = merge_graphs(graphs)
    outputs = write_graphs(sorted(graphs), out_dir, merged=merged)
    validation = out_dir / "validation.ttl"
    with atomic_write(validation) as fh:
        fh.write(serialize(report.graph, "turtle"))
    outputs.append(validation)
    return BuildSummary(
        documents=len(docs),
        triples=len(merged),
        organizations=len(frozenset().union(*(d.organizations for d in docs))),
        activities=sum(d.activities for d in docs),
        figures=sum(d.figures for d in docs),
        conforms=conforms,
        outputs=outputs,
        report=report,
    )


def _workers(jobs: int, documents: int) -> int:
    """Worker processes to use: ``jobs``, or with 0 one per core when the corpus is big enough
    for process start-up to pay off."""
    if jobs < 0:
        raise KgError(f"--jobs must be 0 (automatic) or a positive number, not {jobs}")
    if jobs == 0:
        jobs = default_jobs() if documents >= 16 else 1
    return max(1, min(jobs, documents))


def default_jobs() -> int:
    """Worker processes for extraction: all cores."""
    return os.cpu_count() or 1
