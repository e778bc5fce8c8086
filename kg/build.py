"""The pipeline: sources -> facts -> RDF dataset -> validation -> files.

>>> from kg.resources import default_facts
>>> facts = collect_facts(default_facts())
>>> facts[0].document.name
'pakistan'
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Dataset
from rdflib.namespace import RDF

from kg.documents import DOCUMENT_SUFFIXES, MAX_BYTES, iter_sources, load_document
from kg.facts import load_facts
from kg.model import DocumentFacts, KgError
from kg.namespaces import KG, ORG
from kg.rdf import build_dataset
from kg.resources import default_facts
from kg.store import atomic_write, serialize, write_dataset
from kg.validate import ValidationReport, validate_dataset


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

    def text(self) -> str:
        """The summary as the lines ``kg build`` prints."""
        rows = [
            ("documents", self.documents),
            ("triples", self.triples),
            ("organizations", self.organizations),
            ("activities", self.activities),
            ("figures", self.figures),
            ("conforms", "yes" if self.conforms else "NO (see validation.ttl or 'kg validate')"),
        ]
        lines = [f"{k:<14} {v}" for k, v in rows]
        lines += [f"wrote          {p}" for p in self.outputs]
        return "\n".join(lines) + "\n"


def _is_facts_file(p: Path) -> bool:
    return p.name.endswith((".facts.yaml", ".gold.yaml", ".facts.yml")) or p.suffix in (".yaml", ".yml")


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
    sources: Sequence[str | Path], *, jobs: int = 1, max_bytes: int = MAX_BYTES
) -> list[DocumentFacts]:
    """Facts for every source (curated files loaded, fact sheets extracted), in name order.

    Raises :class:`KgError` listing every source that failed, so nothing half-built is written.
    """
    plan = [str(p) for p in plan_sources(sources)]
    if not plan:
        raise KgError("no fact sheets or facts files found in the given sources")
    results: list[DocumentFacts | KgError] = []
    if jobs > 1 and len(plan) > 1:
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            futures = [pool.submit(_safe_load, p, max_bytes) for p in plan]
            results = [f.result() for f in futures]
    else:
        results = [_safe_load(p, max_bytes) for p in plan]
    errors = [r for r in results if isinstance(r, KgError)]
    if errors:
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        raise KgError(f"{errors[0]}{more}")
    facts = [r for r in results if isinstance(r, DocumentFacts)]
    names = [f.document.name for f in facts]
    dupes = sorted({n for n in names if names.count(n) > 1})
    if dupes:
        raise KgError(f"two sources have the same document name: {', '.join(dupes)}")
    return facts


def _safe_load(path: str, max_bytes: int) -> DocumentFacts | KgError:
    try:
        return _load_one(path, max_bytes)
    except KgError as exc:
        return exc


def build(
    sources: Sequence[str | Path] | None = None,
    *,
    out: str | Path = "out",
    include_text: bool = True,
    jobs: int = 1,
    max_bytes: int = MAX_BYTES,
) -> BuildSummary:
    """Build the graph of ``sources`` (default: the bundled curated facts) into ``out``.

    Writes ``graph.ttl`` (merged), ``graph.trig`` (one named graph per document) and
    ``validation.ttl`` (the SHACL report), each atomically.
    """
    facts = collect_facts(list(sources) if sources else default_facts(), jobs=jobs, max_bytes=max_bytes)
    ds = build_dataset(facts, include_text=include_text)
    report = validate_dataset(ds)
    out_dir = Path(out)
    if out_dir.exists() and not out_dir.is_dir():
        raise KgError(f"{out_dir}: exists and is not a folder")
    outputs = write_dataset(ds, out_dir)
    validation = out_dir / "validation.ttl"
    with atomic_write(validation) as fh:
        fh.write(serialize(report.graph, "turtle"))
    outputs.append(validation)
    return summarize(ds, report, outputs)


def summarize(ds: Dataset, report: ValidationReport, outputs: list[Path]) -> BuildSummary:
    """Counts of documents, triples, organizations, activities and figures in a dataset."""
    triples = {(s, p, o) for s, p, o, _ in ds.quads((None, None, None, None))}
    return BuildSummary(
        documents=len(set(ds.subjects(RDF.type, KG.FactSheet))),
        triples=len(triples),
        organizations=len(set(ds.subjects(RDF.type, ORG.Organization))),
        activities=len(set(ds.subjects(RDF.type, KG.ProgramActivity))),
        figures=len(set(ds.subjects(RDF.type, KG.ReportedFigure))),
        conforms=report.conforms,
        outputs=outputs,
        report=report,
    )


def default_jobs() -> int:
    """Worker processes for extraction: all cores."""
    return os.cpu_count() or 1
