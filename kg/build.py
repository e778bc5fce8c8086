"""The pipeline: sources -> facts -> RDF dataset -> validation -> files.

>>> from kg.resources import default_facts
>>> facts = collect_facts(default_facts())
>>> facts[0].document.name
'pakistan'
"""

from __future__ import annotations

import contextlib
import gc
import os
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from rdflib.namespace import RDF

from kg import generations
from kg.documents import DOCUMENT_SUFFIXES, MAX_BYTES, iter_sources, load_document
from kg.editions import link_documents
from kg.facts import load_facts
from kg.incremental import (
    DOCS,
    MANIFEST,
    RULES,
    SHAPES,
    CachedDocument,
    Manifest,
    digests,
    fingerprint,
    graph_digest,
    load_manifest,
    read_cached,
    text_digest,
    unchanged,
)
from kg.model import DocumentFacts, KgError
from kg.namespaces import KG, ONTOLOGY_IRI, ORG
from kg.rdf import document_iri, facts_to_triples, graph_iri, ontology_graph
from kg.resources import default_facts
from kg.rules import decode_rows, document_rule_rows, encode_rows
from kg.shape_split import decode_record, document_shapes, encode_record
from kg.store import (
    TermTriple,
    atomic_write,
    graph_nquads,
    graph_triples,
    merge_graphs,
    merged_blocks,
    nt_lines,
    parse_nt_lines,
    serialize,
    trig_block,
    update_store,
    write_store,
    write_trig_blocks,
    write_turtle_blocks,
)
from kg.validate import ValidationReport, validate_triples

_T = TypeVar("_T")
_A = f"<{RDF.type}>"
_ORGANIZATION = f"<{ORG.Organization}>"
_ACTIVITY = f"<{KG.ProgramActivity}>"
_FIGURE = f"<{KG.ReportedFigure}>"


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
    #: Whether this build's files were switched into place (false: kept aside as ``rejected``).
    published: bool = True
    #: The earlier graph left in place when this build was rejected (``None``: there was none).
    kept: Path | None = None
    #: Documents whose graphs came from the previous build (their sources were unchanged).
    reused: int = 0
    #: Nothing had changed since the published build: nothing was written.
    up_to_date: bool = False
    #: Warnings of an up-to-date build (whose report is not re-read).
    warnings: int = 0

    def _conformance(self) -> str:
        if not self.conforms:
            if self.published:
                return "NO, published anyway (--allow-invalid); see validation.ttl"
            return "NO, not published; see the report below or 'kg validate' on the rejected build"
        warnings = len(self.report.findings) if self.report else self.warnings
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
        if self.reused and not self.up_to_date:
            rows.append(("reused", f"{self.reused} unchanged document(s) from the last build"))
        lines = [f"{k:<14} {v}" for k, v in rows]
        verb = "wrote" if self.published else "rejected"
        if self.up_to_date:
            verb = "up to date"
        lines += [f"{verb:<14} {p}" for p in self.outputs]
        if not self.published:
            kept = f"{self.kept}: the last conforming build" if self.kept else "no earlier build"
            lines.append(f"{'kept':<14} {kept} (--allow-invalid publishes one with violations)")
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
    takes precedence over extracting ``NAME.txt``/``.html``/``.md``.

    Nothing is dropped silently: every other file is read, so two sources of one document
    (``x.txt`` and ``x.md``, or ``x.txt`` in two folders) meet in the document check of
    :func:`collect_facts` and :func:`build`, which names both. A file named twice is read once.
    """
    files = list(dict.fromkeys(iter_sources(sources)))
    chosen: list[Path] = []
    for p in files:
        if _is_facts_file(p):
            continue
        if p.suffix.lower() not in DOCUMENT_SUFFIXES:
            raise KgError(f"{p}: not a fact sheet (.txt, .md, .html) or facts file (.facts.yaml)")
        curated = p.with_name(p.stem + ".facts.yaml")
        chosen.append(curated if curated.is_file() else p)
    chosen += [p for p in files if _is_facts_file(p)]
    unique = {os.path.realpath(p): p for p in reversed(chosen)}
    return sorted(unique.values(), key=lambda p: (p.name.split(".")[0], str(p)))


def collect_facts(
    sources: Sequence[str | Path], *, jobs: int = 0, max_bytes: int = MAX_BYTES
) -> list[DocumentFacts]:
    """Facts for every source (curated files loaded, fact sheets extracted), in name order.

    Raises :class:`KgError` listing every source that failed, so nothing half-built is written.
    """
    plan = [str(p) for p in plan_sources(sources)]
    if not plan:
        raise KgError("no fact sheets or facts files found in the given sources")
    args = [(p, max_bytes) for p in plan]
    return _run_all(_safe_load, args, jobs, lambda f: str(document_iri(f.document.name)))


def _run_all(
    work: Callable[..., _T | KgError],
    args: list[tuple[Any, ...]],
    jobs: int,
    key: Callable[[_T], str],
    progress: bool = False,
) -> list[_T]:
    """Run ``work`` on every argument tuple (the first item is the source file), in worker
    processes when ``jobs`` allows; ``progress`` shows a progress bar on a terminal.

    Raises :class:`KgError` naming the first source that failed (and how many more did), or
    the sources whose documents get the same IRI ``key``; nothing is written in either case.
    """
    _check_clashes(
        {
            str(a[0]): str(document_iri(Path(a[0]).stem))
            for a in args
            if not _is_facts_file(Path(a[0]))
        }
    )
    jobs = _workers(jobs, len(args))
    with _progress_bar(len(args), progress) as bar:
        if jobs > 1:
            with ProcessPoolExecutor(
                max_workers=jobs, initializer=_worker_init, initargs=(os.getpid(),)
            ) as pool:
                chunk = max(1, min(8, len(args) // (jobs * 4)))
                results = []
                for r in pool.map(work, *zip(*args, strict=True), chunksize=chunk):
                    results.append(r)
                    bar.update(1)
        else:
            results = []
            for a in args:
                results.append(work(*a))
                bar.update(1)
    errors = [r for r in results if isinstance(r, KgError)]
    if errors:
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        raise KgError(f"{errors[0]}{more}")
    done = [r for r in results if not isinstance(r, KgError)]
    _check_clashes({str(a[0]): key(r) for a, r in zip(args, done, strict=True)})
    return done


#: Builds of more documents than this show a progress bar (on a terminal, without --quiet).
PROGRESS_MIN_DOCUMENTS = 20


def _progress_bar(total: int, enabled: bool) -> Any:
    """A tqdm bar on stderr with documents per second and ETA; silent unless ``enabled``,
    stderr is a terminal and there are more than :data:`PROGRESS_MIN_DOCUMENTS` documents."""
    import sys

    from tqdm import tqdm

    show = enabled and total > PROGRESS_MIN_DOCUMENTS and sys.stderr.isatty()
    return tqdm(
        total=total,
        disable=not show,
        unit="doc",
        desc="kg build",
        file=sys.stderr,
        dynamic_ncols=True,
        smoothing=0.1,
    )


def _check_clashes(iris: dict[str, str]) -> None:
    """Raise :class:`KgError` naming the source files (keys) that give one document IRI."""
    sources: dict[str, list[str]] = {}
    for source, iri in iris.items():
        sources.setdefault(iri, []).append(source)
    clashes = sorted((iri, files) for iri, files in sources.items() if len(files) > 1)
    if clashes:
        iri, files = clashes[0]
        more = f" (and {len(clashes) - 1} more such clash(es))" if len(clashes) > 1 else ""
        raise KgError(
            f"{_and(files)} give the same document {iri}; rename all but one, or build them "
            f"separately{more}"
        )


def _and(items: Sequence[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _worker_init(parent: int) -> None:
    """Make a pool worker die with the build that started it.

    On Linux the kernel sends SIGKILL when the parent exits (``PR_SET_PDEATHSIG``); a watchdog
    thread also exits the worker when the parent pid goes away or the worker is re-parented
    (other systems, or a parent that died before the signal was armed).
    """
    import signal
    import threading

    ppid = os.getppid()
    with contextlib.suppress(OSError, AttributeError):
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        pr_set_pdeathsig = 1
        libc.prctl(pr_set_pdeathsig, signal.SIGKILL, 0, 0, 0)
    if not _alive(parent):
        os._exit(1)

    def watch() -> None:
        while os.getppid() == ppid and _alive(parent):
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, name="kg-parent-watchdog", daemon=True).start()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _safe_load(path: str, max_bytes: int) -> DocumentFacts | KgError:
    try:
        return _load_one(path, max_bytes)
    except KgError as exc:
        return exc


@dataclass(slots=True)
class DocumentResult:
    """One document carried through the pipeline in a worker: its graph and its validation.

    The graph travels as sorted N-Triples bytes (``ntriples``): one compact buffer to pickle
    instead of a list of term tuples, so the parent process is not the bottleneck.
    """

    name: str
    graph: str
    ntriples: bytes
    #: The document's block of ``graph.trig`` (:func:`kg.store.trig_block`), made in the worker.
    trig: str
    organizations: frozenset[str]
    activities: int
    figures: int
    report: ValidationReport | None
    #: The files the graph was made from, with their SHA-256 (see :mod:`kg.incremental`).
    inputs: tuple[tuple[str, str], ...] = ()
    #: Whether the next build must process this source again whatever its inputs.
    volatile: bool = False
    #: The rows of the document-scoped quality rules on this graph (:mod:`kg.rules`), as
    #: :func:`kg.rules.encode_rows` writes them (cached as ``docs/<key>.rules``).
    rules: bytes = b""
    #: The validation of the nodes the document mints (:mod:`kg.shape_split`), as
    #: :func:`kg.shape_split.encode_record` writes it (cached as ``docs/<key>.shapes``).
    shapes: bytes = b""

    def cached(self, source: str) -> CachedDocument:
        """This result as a manifest entry for ``source``."""
        return CachedDocument(
            source=source,
            name=self.name,
            graph=self.graph,
            inputs=self.inputs,
            organizations=tuple(sorted(self.organizations)),
            activities=self.activities,
            figures=self.figures,
            volatile=self.volatile,
            block=text_digest(self.trig),
            rules=graph_digest(self.rules),
            shapes=graph_digest(self.shapes),
        )

    @classmethod
    def reused(
        cls, entry: CachedDocument, ntriples: bytes, trig: str, rules: bytes, shapes: bytes
    ) -> DocumentResult:
        """The result of an unchanged source, from its manifest entry and cached graph (and
        its quality rules' rows and shapes' record)."""
        return cls(
            name=entry.name,
            graph=entry.graph,
            ntriples=ntriples,
            trig=trig,
            organizations=frozenset(entry.organizations),
            activities=entry.activities,
            figures=entry.figures,
            report=None,
            inputs=entry.inputs,
            volatile=entry.volatile,
            rules=rules,
            shapes=shapes,
        )


def process_document(
    path: str, *, include_text: bool, validate: bool, max_bytes: int
) -> DocumentResult:
    """Load or extract one source, map it to RDF, run the document-scoped quality rules and
    the shapes on the nodes it mints and, with ``validate``, validate it on its own (runs in a
    worker process)."""
    facts = _load_one(path, max_bytes)
    triples = facts_to_triples(facts, include_text=include_text)
    report = validate_triples(triples) if validate else None
    ntriples = nt_lines(triples)
    read = [os.path.realpath(path)]
    text_path = facts.document.path
    if text_path and os.path.realpath(text_path) != read[0]:
        read.append(os.path.realpath(text_path))
    graph = str(graph_iri(facts.document.name))
    return DocumentResult(
        name=facts.document.name,
        graph=graph,
        ntriples=ntriples,
        trig=trig_block(graph, triples),
        organizations=frozenset(s[1:-1] for s, p, o in triples if p == _A and o == _ORGANIZATION),
        activities=sum(1 for _, p, o in triples if p == _A and o == _ACTIVITY),
        figures=sum(1 for _, p, o in triples if p == _A and o == _FIGURE),
        report=report,
        inputs=tuple(digests(read).items()),
        # a facts file that found no document text: one appearing later changes the graph
        volatile=_is_facts_file(Path(path)) and facts.document.text is None,
        rules=encode_rows(document_rule_rows(ntriples)),
        shapes=encode_record(document_shapes(triples, facts.document.name)),
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
    allow_invalid: bool = False,
    progress: bool = False,
    full: bool = False,
) -> BuildSummary:
    """Build the graph of ``sources`` (default: the bundled curated facts) into ``out``.

    Each document is loaded (or extracted) and mapped on its own, in ``jobs`` worker
    processes. The results are ``graph.ttl`` (merged), ``graph.trig`` (one named graph per
    document, plus the ontology), ``validation.ttl`` (the SHACL report) and the query store,
    written as one generation and switched into place at once (see :mod:`kg.generations`):
    ``out/graph.ttl`` and the others always belong to the same build. If any source fails,
    nothing is written and the error names it. A graph with violations is kept aside as
    ``out/rejected`` and the last conforming build stays in place, unless ``allow_invalid``.

    Builds are incremental (:mod:`kg.incremental`): sources whose files, kg version and options
    are those of the published build are not read again, their graphs come from that build;
    the store is a copy of its store with only changed graphs replaced. The files written are
    the same bytes a clean build writes. When nothing changed, nothing is written
    (``summary.up_to_date``). ``full`` ignores the published build and does everything.
    """
    plan = [str(p) for p in plan_sources(list(sources) if sources else default_facts())]
    if not plan:
        raise KgError("no fact sheets or facts files found in the given sources")
    out_dir = Path(out)
    generations.check_layout(out_dir)
    key = fingerprint({"include_text": include_text, "max_bytes": max_bytes})
    current = generations.current(out_dir)
    previous = None if full or current is None else load_manifest(current)
    if previous is not None and previous.fingerprint != key:
        previous = None
    reuse = _reusable(plan, previous, current)
    if (
        previous is not None
        and current is not None
        and len(reuse) == len(plan) == len(previous.documents)
        and (previous.conforms or allow_invalid)
        and all((current / name).is_file() for name in generations.PUBLIC_FILES)
        and (current / generations.STORE).is_dir()
    ):
        return _up_to_date(out_dir, previous)
    todo = [p for p in plan if p not in reuse]
    args = [(p, include_text, False, max_bytes) for p in todo]
    fresh = _run_all(
        _safe_process, args, jobs, lambda d: str(document_iri(d.name)), progress=progress
    )
    results = dict(zip(todo, fresh, strict=True))
    for source, entry in list(reuse.items()):
        assert current is not None and previous is not None
        cached = read_cached(current, entry, previous.graphs.get(entry.graph, ""))
        if cached is None:  # damaged since: process the source again
            [again] = _run_all(_safe_process, [(source, include_text, False, max_bytes)], 1, str)
            results[source] = again
            del reuse[source]
        else:
            results[source] = DocumentResult.reused(entry, *cached)
    _check_clashes({source: str(document_iri(r.name)) for source, r in results.items()})
    docs = sorted(results.values(), key=lambda r: r.graph)

    # The corpus-wide steps make millions of tuples, strings and dicts, and hardly a reference
    # cycle: the cycle collector would walk them again and again (the shapes' index took 3.8x
    # as long at 10,000 documents), so it pauses until the build is written.
    with _collector_paused():
        onto = (str(ONTOLOGY_IRI), graph_triples(ontology_graph()))
        graphs = [onto]
        terms: dict[str, str] = {}
        graphs += [(d.graph, parse_nt_lines(d.ntriples, terms)) for d in docs]
        del terms
        graphs += link_documents(graphs)  # editions and figures reconciled across documents
        graphs.sort(key=lambda g: g[0])
        # Validation sees the corpus: the shapes and the quality rules run once on the merged graph
        # of the documents (without the ontology), exactly as 'kg validate' runs them on the file.
        corpus = merge_graphs([g for g in graphs if g is not onto])
        # each graph's N-Triples once (the workers' for documents): for the manifest's hashes,
        # the quality rules and the store
        ntriples = {d.graph: d.ntriples for d in docs}
        ntriples.update({g: nt_lines(ts) for g, ts in graphs if g not in ntriples})
        graph_hashes = {g: graph_digest(nt) for g, nt in ntriples.items()}
        blocks = {d.graph: d.trig for d in docs}
        with generations.build_lock(out_dir):
            generations.check_layout(out_dir)
            generations.remove_stale(out_dir)
            gen = generations.new_generation(out_dir)
            try:
                # The query store loads on a second thread (Oxigraph releases the GIL) while the
                # graph is validated and the files are written.
                with ThreadPoolExecutor(max_workers=1, thread_name_prefix="kg-store") as pool:
                    stored = pool.submit(
                        _write_query_store, gen, graphs, ntriples, previous, current, graph_hashes
                    )
                    # the document-scoped rules and the shapes of the documents' own nodes ran
                    # in the workers (or come from the cache)
                    by_graph = dict(graphs)
                    report = validate_triples(
                        corpus,
                        document_rows=[decode_rows(d.rules) for d in docs],
                        others=[ts for g, ts in graphs if g != onto[0] and g not in blocks],
                        document_shapes=[
                            (d.name, by_graph[d.graph], decode_record(d.shapes)) for d in docs
                        ],
                    )
                    conforms = report.conforms
                    triples = write_generation(gen, graphs, ntriples, report, blocks)
                    manifest = Manifest(
                        fingerprint=key,
                        conforms=conforms,
                        triples=triples,
                        warnings=len(report.findings),
                        documents={
                            os.path.realpath(source): r.cached(os.path.realpath(source))
                            for source, r in results.items()
                        },
                        graphs=graph_hashes,
                    )
                    reused = {os.path.realpath(source) for source in reuse}
                    _write_cache(gen, docs, manifest, reused, current)
                    stored.result()
            except BaseException:
                generations.discard(gen)
                raise
            # From here on ``gen`` is complete; if the switch fails, the next build removes it.
            published = conforms or allow_invalid
            if published:
                generations.publish(out_dir, gen, (*generations.PUBLIC_FILES, generations.STORE))
                generations.drop_rejected(out_dir)
            else:
                generations.reject(out_dir, gen)
            generations.remove_stale(out_dir)
    where = out_dir if published else out_dir / generations.REJECTED
    return BuildSummary(
        documents=len(docs),
        triples=triples,
        organizations=len(frozenset().union(*(d.organizations for d in docs))),
        activities=sum(d.activities for d in docs),
        figures=sum(d.figures for d in docs),
        conforms=conforms,
        outputs=[where / name for name in generations.PUBLIC_FILES],
        report=report,
        published=published,
        kept=None if published else _last_good(out_dir),
        reused=len(reuse),
    )


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause Python's cycle collector (reference counting still frees memory), as it was after."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def _reusable(
    plan: list[str], previous: Manifest | None, current: Path | None
) -> dict[str, CachedDocument]:
    """The planned sources whose recorded graph can stand in for processing them again."""
    if previous is None or current is None:
        return {}
    reuse = {}
    for source in plan:
        entry = previous.documents.get(os.path.realpath(source))
        if entry is None or not (current / DOCS / f"{entry.key}.nt").is_file():
            continue
        if unchanged(entry):
            reuse[source] = entry
    return reuse


def _up_to_date(out_dir: Path, manifest: Manifest) -> BuildSummary:
    """The summary of a build that had nothing to do: the published build is current."""
    docs = manifest.documents.values()
    return BuildSummary(
        documents=len(manifest.documents),
        triples=manifest.triples,
        organizations=len({o for d in docs for o in d.organizations}),
        activities=sum(d.activities for d in docs),
        figures=sum(d.figures for d in docs),
        conforms=manifest.conforms,
        outputs=[out_dir / name for name in generations.PUBLIC_FILES],
        report=None,
        warnings=manifest.warnings,
        published=True,
        reused=len(manifest.documents),
        up_to_date=True,
    )


def write_generation(
    gen: Path,
    graphs: Sequence[tuple[str, Sequence[TermTriple]]],
    ntriples: Mapping[str, bytes],
    report: ValidationReport,
    blocks: Mapping[str, str] | None = None,
) -> int:
    """Write one build's files into the generation folder ``gen`` (not yet visible):
    ``graph.trig`` (``blocks``: the TriG blocks of graphs made beforehand), ``graph.ttl`` (the
    merge of the graphs' sorted N-Triples, ``ntriples`` by graph IRI, streamed one subject at a
    time) and the validation report. Returns the statements of ``graph.ttl``."""
    made = blocks or {}
    with atomic_write(gen / "graph.trig") as fh:
        write_trig_blocks((made[g] if g in made else trig_block(g, ts) for g, ts in graphs), fh)
    with atomic_write(gen / "graph.ttl") as fh:
        triples = write_turtle_blocks(merged_blocks([[ntriples[g]] for g, _ in graphs]), fh)
    _write_text(gen / "validation.ttl", serialize(report.graph, "turtle"))
    return triples


def _write_cache(
    gen: Path,
    docs: list[DocumentResult],
    manifest: Manifest,
    reused: set[str],
    current: Path | None,
) -> None:
    """Each document's graph as sorted N-Triples, its TriG block, its quality rules' rows and
    its shapes' record under ``gen/docs``, and the manifest, for the next build to reuse
    (:mod:`kg.incremental`)."""
    folder = gen / DOCS
    folder.mkdir()
    by_graph = {d.graph: d for d in docs}
    for source, entry in manifest.documents.items():
        doc = by_graph[entry.graph]
        files = (
            (".nt", doc.ntriples),
            (".trig", doc.trig.encode("utf-8")),
            (RULES, doc.rules),
            (SHAPES, doc.shapes),
        )
        for suffix, data in files:
            target = folder / f"{entry.key}{suffix}"
            if source in reused and current is not None:
                with contextlib.suppress(OSError):  # the same bytes as last time: share the file
                    os.link(current / DOCS / target.name, target)
                    continue
            with open(target, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
    _write_text(gen / MANIFEST, manifest.dumps())


def _write_query_store(
    gen: Path,
    graphs: list[tuple[str, list[TermTriple]]],
    ntriples: Mapping[str, bytes],
    previous: Manifest | None,
    current: Path | None,
    hashes: dict[str, str],
) -> None:
    """The on-disk query store of the generation (``gen/store``).

    With a published build to start from, its store is copied (Oxigraph's backup: hard links
    to its immutable files) and only the graphs whose content changed are replaced, the graphs
    of removed documents dropped; otherwise every graph is bulk-loaded from its N-Triples
    (``ntriples``, by graph IRI). Either way the store holds exactly ``graphs``, and nobody
    sees it before the generation is published.
    """
    target = gen / generations.STORE
    if previous is None or current is None or not (current / generations.STORE).is_dir():
        write_store((graph_nquads(g, ntriples[g]) for g, _ in graphs), target)
        return
    changed = [(g, ts) for g, ts in graphs if previous.graphs.get(g) != hashes[g]]
    gone = sorted(set(previous.graphs) - set(hashes))
    update_store(current / generations.STORE, target, changed, gone)


def _write_text(path: Path, text: str) -> None:
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        fh.write(text)
        fh.flush()
        os.fsync(fh.fileno())


def _last_good(out_dir: Path) -> Path | None:
    """The build folder when a rejected build left an earlier graph in place, else ``None``."""
    found = any((out_dir / name).is_file() for name in ("graph.trig", "graph.ttl"))
    return out_dir if found else None


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
