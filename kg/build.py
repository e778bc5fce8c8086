"""The pipeline: sources -> facts -> RDF dataset -> validation -> files.

>>> from kg.resources import default_facts
>>> facts = collect_facts(default_facts())
>>> facts[0].document.name
'pakistan'
"""

from __future__ import annotations

import contextlib
import gc
import multiprocessing
import os
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from rdflib.namespace import RDF

from kg import generations
from kg.corpus import (
    DocumentGraph,
    SplicedCorpus,
    StreamedCorpus,
    footprint_lines,
    projection_chunks,
)
from kg.documents import DOCUMENT_SUFFIXES, MAX_BYTES, iter_sources, load_document
from kg.editions import link_record, link_records, links_graph_iri
from kg.facts import load_facts
from kg.incremental import (
    CACHED_SUFFIXES,
    DOCS,
    LINKS,
    MANIFEST,
    PROJECTION,
    RULES,
    SHAPES,
    CachedDocument,
    Manifest,
    Stamp,
    digests,
    fingerprint,
    graph_digest,
    load_manifest,
    read_stamps,
    stamped,
    text_digest,
    unchanged,
    verify_cached,
    write_stamps,
)
from kg.model import DocumentFacts, KgError
from kg.namespaces import KG, ONTOLOGY_IRI, ORG
from kg.rdf import document_iri, facts_to_triples, graph_iri, ontology_graph, slug
from kg.resources import default_facts
from kg.rules import (
    corpus_footprint,
    decode_rows,
    document_rule_rows,
    encode_rows,
    start_split_from_files,
)
from kg.shape_split import decode_record, document_shapes, encode_record
from kg.splice import LINKS as LINKS_STATE
from kg.splice import (
    ONTOLOGY_OWNER,
    SHARED_OWNER,
    TRIG,
    TRIG_INDEX,
    TURTLE,
    Change,
    SharedLines,
    SpliceError,
    TrigBlock,
    Written,
    dump_trig_index,
    links_by_graph,
    links_nquads,
    links_ntriples,
    load_trig_index,
    read_state,
    splice_turtle,
    write_indexed_turtle,
    write_state,
    write_trig_spliced,
)
from kg.store import (
    atomic_write,
    file_chunks,
    graph_nquads,
    graph_triples,
    nt_lines,
    nt_runs,
    serialize,
    trig_block,
    update_store,
    write_store,
)
from kg.validate import ValidationReport, validate_triples

_T = TypeVar("_T")
_U = TypeVar("_U")
_A = f"<{RDF.type}>"
_ORGANIZATION = f"<{ORG.Organization}>"
_ACTIVITY = f"<{KG.ProgramActivity}>"
_FIGURE = f"<{KG.ReportedFigure}>"
#: The SHA-256 of an empty file.
_EMPTY = graph_digest(b"")


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
    return _run_all(
        _safe_load, args, jobs, lambda f: str(document_iri(f.document.name)), lambda _, f: f
    )


def _run_all(
    work: Callable[..., _T | KgError],
    args: list[tuple[Any, ...]],
    jobs: int,
    key: Callable[[_U], str],
    keep: Callable[[str, _T], _U],
    progress: bool = False,
) -> list[_U]:
    """Run ``work`` on every argument tuple (the first item is the source file), in worker
    processes when ``jobs`` allows, and ``keep`` what each result is kept as (given its source)
    as it arrives; ``progress`` shows a progress bar on a terminal.

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
                results: list[_U | KgError] = []
                done = pool.map(work, *zip(*args, strict=True), chunksize=chunk)
                for a, r in zip(args, done, strict=True):
                    results.append(r if isinstance(r, KgError) else keep(str(a[0]), r))
                    bar.update(1)
        else:
            results = []
            for a in args:
                r = work(*a)
                results.append(r if isinstance(r, KgError) else keep(str(a[0]), r))
                bar.update(1)
    errors = [r for r in results if isinstance(r, KgError)]
    if errors:
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        raise KgError(f"{errors[0]}{more}")
    kept = [r for r in results if not isinstance(r, KgError)]
    _check_clashes({str(a[0]): key(r) for a, r in zip(args, kept, strict=True)})
    return kept


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
    #: The lines of the graph the corpus-wide quality rules read (cached as
    #: ``docs/<key>.proj``): a build whose graph.ttl is spliced reads them instead of a pass.
    projection: bytes = b""
    #: What linking editions reads of the graph (:func:`kg.editions.link_record`, cached as
    #: ``docs/<key>.links``): the parent links the corpus from these records.
    links: bytes = b""

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
            projection=graph_digest(self.projection),
            links=graph_digest(self.links),
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
        projection=footprint_lines(corpus_footprint(), ntriples),
        links=link_record(triples),
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
    # The corpus-wide steps make millions of tuples, strings and dicts, and hardly a reference
    # cycle: the cycle collector would walk them again and again (the shapes' index took 3.8x
    # as long at 10,000 documents), so it pauses until the build is written. Each document's
    # files go into the new generation as its worker returns them: the build holds no
    # document's graph for longer than it takes to read it.
    created = not out_dir.exists()
    with _collector_paused(), generations.build_lock(out_dir):
        generations.check_layout(out_dir)
        generations.remove_stale(out_dir)
        gen = generations.new_generation(out_dir)
        try:
            stamps = read_stamps(current) if reuse and current is not None else {}
            docs = _documents(
                gen, todo, reuse, previous, current, stamps, include_text, max_bytes, jobs, progress
            )
            report, triples = _write_generation(gen, docs, key, previous, current, stamps)
        except BaseException as exc:
            generations.discard(gen)
            if created and isinstance(exc, KgError):  # a source failed: leave nothing behind
                _remove_if_empty(out_dir)
            raise
        # From here on ``gen`` is complete; if the switch fails, the next build removes it.
        conforms = report.conforms
        published = conforms or allow_invalid
        if published:
            generations.publish(out_dir, gen, (*generations.PUBLIC_FILES, generations.STORE))
            generations.drop_rejected(out_dir)
        else:
            generations.reject(out_dir, gen)
        generations.remove_stale(out_dir)
        # The stamps are taken last: removing the generation before this one unlinks the
        # documents' files this one shares, which moves their change times. Without stamps
        # (a build stopped here), the next build hashes the files instead.
        with contextlib.suppress(OSError):
            write_stamps(gen, (d.entry.key for d in docs), (TURTLE, TRIG, TRIG_INDEX))
    where = out_dir if published else out_dir / generations.REJECTED
    return BuildSummary(
        documents=len(docs),
        triples=triples,
        organizations=len({o for d in docs for o in d.organizations}),
        activities=sum(d.activities for d in docs),
        figures=sum(d.figures for d in docs),
        conforms=conforms,
        outputs=[where / name for name in generations.PUBLIC_FILES],
        report=report,
        published=published,
        kept=None if published else _last_good(out_dir),
        reused=sum(1 for d in docs if d.reused),
    )


def _remove_if_empty(out_dir: Path) -> None:
    """Remove a build folder this build created, when it holds nothing but its lock."""
    with contextlib.suppress(OSError):
        if set(os.listdir(out_dir)) <= {generations.LOCK_NAME}:
            (out_dir / generations.LOCK_NAME).unlink(missing_ok=True)
            out_dir.rmdir()


@dataclass(frozen=True, slots=True)
class _Document:
    """A document of a build whose files are in the generation's ``docs`` folder."""

    entry: CachedDocument
    #: SHA-256 of its N-Triples.
    digest: str
    reused: bool = False

    @property
    def graph(self) -> str:
        """Its graph IRI."""
        return self.entry.graph

    @property
    def organizations(self) -> tuple[str, ...]:
        """The organizations it names."""
        return self.entry.organizations

    @property
    def activities(self) -> int:
        """Its activities."""
        return self.entry.activities

    @property
    def figures(self) -> int:
        """Its figures."""
        return self.entry.figures


def _documents(
    gen: Path,
    todo: list[str],
    reuse: Mapping[str, CachedDocument],
    previous: Manifest | None,
    current: Path | None,
    stamps: Mapping[str, Stamp],
    include_text: bool,
    max_bytes: int,
    jobs: int,
    progress: bool,
) -> list[_Document]:
    """Every document of the build with its files in ``gen/docs`` (by graph IRI): the sources
    of ``todo`` processed (each result written there as it arrives) and the recorded files of
    the unchanged ones (``reuse``) hard-linked from the published build, once their SHA-256
    is the manifest's (a damaged file costs that document's processing)."""
    folder = gen / DOCS
    folder.mkdir()

    def keep(source: str, result: DocumentResult) -> _Document:
        entry = result.cached(os.path.realpath(source))
        for suffix, data in _files(result):
            _write_bytes(folder / f"{entry.key}{suffix}", data)
        return _Document(entry, graph_digest(result.ntriples))

    args = [(p, include_text, False, max_bytes) for p in todo]
    fresh = _run_all(
        _safe_process, args, jobs, lambda d: str(document_iri(d.entry.name)), keep, progress
    )
    found = dict(zip(todo, fresh, strict=True))
    # (paths as strings: this links every cached file of every unchanged document)
    published_docs, here = os.path.join(current or "", DOCS), str(folder)
    for source, entry in reuse.items():
        assert current is not None and previous is not None
        digest = previous.graphs.get(entry.graph, "")
        if verify_cached(current, entry, digest, stamps):
            for suffix in CACHED_SUFFIXES:
                name = entry.key + suffix
                _share(os.path.join(published_docs, name), os.path.join(here, name))
            found[source] = _Document(entry, digest, reused=True)
        else:  # damaged since: process the source again
            [found[source]] = _run_all(
                _safe_process, [(source, include_text, False, max_bytes)], 1, str, keep
            )
    _check_clashes({source: str(document_iri(d.entry.name)) for source, d in found.items()})
    reserved = str(links_graph_iri())
    for source, d in found.items():
        if d.graph == reserved:
            raise KgError(
                f"{source}: a document named {d.entry.name!r} would have the IRI of kg's "
                f"editions graph ({reserved}); rename it"
            )
    return sorted(found.values(), key=lambda d: d.graph)


#: A document's files in ``docs``: its sorted N-Triples, its TriG block, its quality rules'
#: rows and its shapes' record.


def _files(result: DocumentResult) -> zip[tuple[str, bytes]]:
    data = (
        result.ntriples,
        result.trig.encode("utf-8"),
        result.rules,
        result.shapes,
        result.projection,
        result.links,
    )
    return zip(CACHED_SUFFIXES, data, strict=True)


def _share(source: str, target: str) -> None:
    """``source`` (a file of the published build) as ``target``: a hard link, else a copy."""
    try:
        os.link(source, target)
    except OSError:
        with open(source, "rb") as fh:
            _write_bytes(target, fh.read())


def _write_bytes(path: Path | str, data: bytes) -> None:
    with open(path, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())


def _write_generation(
    gen: Path,
    docs: list[_Document],
    key: str,
    previous: Manifest | None,
    current: Path | None,
    stamps: Mapping[str, Stamp],
) -> tuple[ValidationReport, int]:
    """Link the documents, validate the corpus and write the build's files into ``gen`` (the
    documents' files are there already): the query store (on a second thread), ``graph.ttl``
    (streamed), the report, ``graph.trig`` and the manifest. Returns the report and the
    statements of ``graph.ttl``.

    No step holds the corpus: the editions are linked from the records the workers made
    (:func:`kg.editions.link_record`); ``graph.ttl`` is spliced from the published one when
    there is one (:mod:`kg.splice`: the validation then reads shared nodes from its counts,
    :class:`kg.corpus.SplicedCorpus`), else a k-way merge of the graphs' sorted N-Triples read
    from their files a chunk at a time, during which a :class:`kg.corpus.StreamedCorpus`
    keeps what the validation reads.
    """
    folder = gen / DOCS
    path = {d.graph: folder / d.entry.key for d in docs}
    onto = str(ONTOLOGY_IRI)
    onto_triples = graph_triples(ontology_graph())
    # editions across documents, linked from the records the workers made
    linked = link_records((_read(path[d.graph], LINKS) for d in docs), onto_triples)
    made = [(onto, onto_triples), *linked]
    held = {g: nt_lines(ts) for g, ts in made}
    hashes = {d.graph: d.digest for d in docs}
    hashes.update({g: graph_digest(nt) for g, nt in held.items()})
    names = sorted(hashes)

    def ntriples(g: str) -> bytes:
        return held[g] if g in held else _read(path[g], ".nt")

    with (
        ThreadPoolExecutor(max_workers=1, thread_name_prefix="kg-store") as pool,
        _rules_executor(len(docs)) as early,
    ):
        # The query store loads on a second thread (Oxigraph releases the GIL) while the
        # graph is validated and the files are written.
        stored = pool.submit(_write_query_store, gen, names, ntriples, previous, current, hashes)
        records = [
            (
                d.entry.name,
                DocumentGraph(Path(f"{path[d.graph]}.nt")),
                decode_record(_read(path[d.graph], SHAPES)),
            )
            for d in docs
        ]
        others = [ts for g, ts in made if g != onto]
        shared = {n for _, _, rec in records for n in (*rec.foreign, *rec.elsewhere)}
        shared.update(s for ts in others for s, _, _ in ts)

        def sources() -> list[Iterable[bytes]]:
            return [[held[g]] if g in held else file_chunks(Path(f"{path[g]}.nt")) for g in names]

        documents = {slug(d.entry.name): Path(f"{path[d.graph]}.nt") for d in docs}
        links = links_nquads((g, held[g]) for g in names if g in held and g != onto)
        footprint = corpus_footprint()

        made_projections = [footprint_lines(footprint, held[g]) for g, _ in made if g != onto]
        projection_files = [f"{path[d.graph]}{PROJECTION}" for d in docs]

        def projections() -> Iterator[bytes]:
            return projection_chunks(projection_files, made_projections)

        # A rebuild starts the corpus rules now, on their projection from the graphs' own (the
        # longest step after the workers), in a process of its own, while graph.ttl and
        # graph.trig are written and the shapes checked.
        started = None
        if previous is not None:
            started = early.submit(
                start_split_from_files, others, projection_files, made_projections
            )
        corpus: StreamedCorpus
        spliced = _splice(gen, docs, path, previous, current, documents, held[onto], links, stamps)
        if spliced is not None:
            written, table = spliced
            corpus = SplicedCorpus(
                sources, names.index(onto), documents, table, footprint, projections
            )
        else:
            slugs = {d.graph: slug(d.entry.name) for d in docs}
            owners = [ONTOLOGY_OWNER if g == onto else slugs.get(g, SHARED_OWNER) for g in names]
            corpus = StreamedCorpus(
                sources, names.index(onto), documents, shared, footprint, owners
            )
            try:
                with atomic_write(gen / "graph.ttl", mode="wb") as fh:
                    written = write_indexed_turtle(corpus.owned_blocks(), fh)
            except SpliceError as exc:  # Oxigraph's Turtle did not split into subjects' blocks
                raise KgError(f"writing graph.ttl: {exc}") from exc
            table = corpus.table
        kept = write_state(gen, written, table, links)
        triples = written.statements
        del table, written
        blocks = dict(made)
        with contextlib.ExitStack() as stack:
            before = _published_trig(previous, current, stamps)
            published = None
            if before is not None and current is not None:
                published = stack.enter_context(open(current / TRIG, "rb"))

            def trig_parts() -> Iterator[tuple[str, str, bytes | None]]:
                for g in names:
                    if before and g in before and before[g].digest == hashes[g]:
                        yield g, hashes[g], None  # unchanged: copied from the published file
                    elif g in blocks:
                        yield g, hashes[g], trig_block(g, blocks[g]).encode("utf-8")
                    else:
                        yield g, hashes[g], _read(path[g], ".trig")

            with atomic_write(gen / TRIG, mode="wb") as fh:
                written_trig = write_trig_spliced(trig_parts(), fh, published, before)
        trig_index = dump_trig_index(written_trig)
        with atomic_write(gen / TRIG_INDEX, mode="wb") as fh:
            fh.write(trig_index)
        kept[TRIG_INDEX] = graph_digest(trig_index)
        # the document-scoped rules and the shapes of the documents' own nodes ran in the
        # workers (or come from the cache)
        report = validate_triples(
            (),
            # (most documents have no rows: a file recorded empty is not opened)
            document_rows=[
                decode_rows(_read(path[d.graph], RULES)) if d.entry.rules != _EMPTY else []
                for d in docs
            ],
            others=others,
            document_shapes=records,
            corpus=corpus,
            started=started,
        )
        del corpus, records
        _write_text(gen / "validation.ttl", serialize(report.graph, "turtle"))
        manifest = Manifest(
            fingerprint=key,
            conforms=report.conforms,
            triples=triples,
            warnings=len(report.findings),
            documents={d.entry.source: d.entry for d in docs},
            graphs=hashes,
            kept=kept,
        )
        _write_text(gen / MANIFEST, manifest.dumps())
        stored.result()
    return report, triples


#: From this many documents a rebuild runs the corpus rules in a process of its own (below it,
#: on a thread: starting a process costs about a second).
RULES_PROCESS_DOCS = 1000


def _rules_executor(documents: int) -> ThreadPoolExecutor | ProcessPoolExecutor:
    """Where a rebuild runs the corpus rules early: a spawned process for a large corpus (its
    projection's merge and load then do not wait on the builder's thread for the GIL; spawned,
    not forked, as the store's thread is running), else a thread."""
    if documents < RULES_PROCESS_DOCS:
        return ThreadPoolExecutor(max_workers=1, thread_name_prefix="kg-rules")
    return ProcessPoolExecutor(
        max_workers=1,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=_worker_init,
        initargs=(os.getpid(),),
    )


def _splice(
    gen: Path,
    docs: list[_Document],
    path: Mapping[str, Path],
    previous: Manifest | None,
    current: Path | None,
    documents: Mapping[str, Path],
    ontology: bytes,
    links: bytes,
    stamps: Mapping[str, Stamp],
) -> tuple[Written, SharedLines] | None:
    """Write ``gen/graph.ttl`` as a splice of the published one (:mod:`kg.splice`): the
    blocks of the documents whose graphs changed, were added or removed, and of the shared
    subjects they touch, made again; every other block copied. Returns what was written and
    the counted shared lines, or ``None`` when there is no published build to start from or
    a file it starts from is missing, malformed or not what the manifest recorded (the
    caller then merges every graph).
    """
    if previous is None or current is None:
        return None

    def published_graph(entry: CachedDocument) -> bytes:
        data = _read(current / DOCS / entry.key, ".nt")
        if graph_digest(data) != previous.graphs.get(entry.graph):
            raise SpliceError(f"the published graph of {entry.name} is not its build's")
        return data

    try:
        index, table, before = read_state(
            current, previous.kept, turtle_stamped=stamped(current, TURTLE, stamps)
        )
        published = {e.graph: e for e in previous.documents.values()}
        here = {d.graph for d in docs}
        changes = [
            Change(
                slug(d.entry.name),
                published_graph(published[d.graph]) if d.graph in published else None,
                _read(path[d.graph], ".nt"),
            )
            for d in docs
            if not d.reused and previous.graphs.get(d.graph) != d.digest
        ]
        changes += [
            Change(slug(e.name), published_graph(e), None)
            for g, e in published.items()
            if g not in here
        ]
        with atomic_write(gen / "graph.ttl", mode="wb") as fh:
            written = splice_turtle(
                published=current / "graph.ttl",
                index=index,
                table=table,
                changes=changes,
                links=(links_ntriples(before), links_ntriples(links)),
                documents=documents,
                ontology=dict(nt_runs([ontology])),
                fh=fh,
            )
    except (OSError, SpliceError):
        return None
    return written, table


def _published_trig(
    previous: Manifest | None, current: Path | None, stamps: Mapping[str, Stamp]
) -> dict[str, TrigBlock] | None:
    """The index of the published ``graph.trig``, when the file and its index are still those
    their build wrote (their stat as it recorded, the index's SHA-256 as the manifest's), so
    its unchanged graphs' blocks can be copied from it; else ``None`` (every block is read)."""
    if previous is None or current is None or TRIG_INDEX not in previous.kept:
        return None
    if not (stamped(current, TRIG, stamps) and stamped(current, TRIG_INDEX, stamps)):
        return None
    try:
        data = (current / TRIG_INDEX).read_bytes()
        if graph_digest(data) != previous.kept[TRIG_INDEX]:
            return None
        return load_trig_index(data)
    except (OSError, SpliceError):
        return None


def _read(stem: Path, suffix: str) -> bytes:
    with open(f"{stem}{suffix}", "rb") as fh:
        return fh.read()


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
    published_docs = os.path.join(current, DOCS)
    for source in plan:
        entry = previous.documents.get(os.path.realpath(source))
        if entry is None or not os.path.isfile(os.path.join(published_docs, f"{entry.key}.nt")):
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


def _write_query_store(
    gen: Path,
    names: Sequence[str],
    ntriples: Callable[[str], bytes],
    previous: Manifest | None,
    current: Path | None,
    hashes: Mapping[str, str],
) -> None:
    """The on-disk query store of the generation (``gen/store``).

    With a published build to start from, its store is copied (Oxigraph's backup: hard links
    to its immutable files) and only the graphs whose content changed are replaced, the graphs
    of removed documents dropped; otherwise every graph is bulk-loaded from its N-Triples
    (``ntriples`` of a graph IRI, read as the load goes). Either way the store holds exactly
    the graphs ``names``, and nobody sees it before the generation is published.
    """
    target = gen / generations.STORE
    if previous is None or current is None or not (current / generations.STORE).is_dir():
        write_store((graph_nquads(g, ntriples(g)) for g in names), target)
        return
    before = _published_graphs(previous, current)
    changed = [(g, before(g), ntriples(g)) for g in names if previous.graphs.get(g) != hashes[g]]
    gone = sorted(set(previous.graphs) - set(hashes))
    update_store(current / generations.STORE, target, changed, gone)


def _published_graphs(previous: Manifest, current: Path) -> Callable[[str], bytes | None]:
    """The N-Triples of a graph as the published build ``current`` recorded it (a document's
    file, or its share of the graphs made across documents), or ``None`` when it has none or
    the bytes are not those the manifest hashed (the store then replaces the graph whole)."""
    keys = {e.graph: e.key for e in previous.documents.values()}
    made: dict[str, bytes] | None = None

    def before(g: str) -> bytes | None:
        nonlocal made
        try:
            if g in keys:
                data = _read(current / DOCS / keys[g], ".nt")
            else:
                if made is None:
                    made = links_by_graph((current / LINKS_STATE).read_bytes())
                data = made.get(g, b"")
        except OSError:
            return None
        return data if graph_digest(data) == previous.graphs.get(g) else None

    return before


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
