"""The SHACL shapes, run where they are cheap and still exact (the split run of a build).

Running the shapes over one index of the merged corpus costs an index of all its triples; a
build instead validates each focus node where the triples its results depend on are:

* **In the worker, per document.** A node the document *mints* (its IRI scheme carries the
  document's slug, :func:`kg.rdf.minted_by`: its document node, country program, figures and
  their results, spans and their selectors, annotations, activities) is validated on the
  document's graph alone (:func:`document_shapes`), while every read the evaluation makes is
  traced: the predicates read at the focus node (per node shape), at other nodes the document
  mints, and by the labels and quotes of its findings. A read beyond the document's nodes is
  allowed only when no other graph can change its answer: a value found to be an instance of a
  class stays one in the merged graph (type triples only add up). Any other read (a negative
  class check on a shared node, the values of a shared node, the objects of a node nobody
  mints) defers the focus node to the parent. The findings, the deferred nodes and the reads
  are cached with the document (``docs/<key>.shapes``, hashed in the manifest): an unchanged
  document is not validated again.
* **In the parent, on the merged graph.** Every worker also reports what its graph says about
  nodes it does not mint (their predicates, and the triples that point at them along a
  predicate some evaluation follows backwards). Those are the shared nodes (organizations,
  places, years, named programs, ...), validated here, and they show exactly where another
  graph adds to a document's nodes: a triple about a node of document D whose predicate one of
  D's evaluations read at that node re-validates the shapes that read it there (a new type or a
  new ``sh:targetObjectsOf`` subject: every shape there; a predicate read from another node:
  all of D). The parent reads the merged graph through :class:`CorpusData`, which loads a
  node's triples from the sorted corpus when a check reaches it, never an index of all of it.

The result is the whole-graph run's (:func:`kg.validate.shape_findings`), finding for finding:
``tests/test_shape_split.py`` checks it on the shared corpus, every shape fixture, a generated
corpus with injected violations (cross-document ones included) and an incremental rebuild.
A corpus with ``rdfs:subClassOf`` triples (the closure could then cross graphs) is validated
whole.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from kg.corpus import Corpus, as_corpus
from kg.model import KgError
from kg.rdf import minted_by, slug
from kg.store import RDF_TYPE_TERM
from kg.validate import (
    _SUBCLASS,
    Data,
    Finding,
    Path,
    Term,
    TermTriple,
    _finding,
    _sort_key,
    shape_engine,
    shape_findings,
)

#: A read of every predicate of a node (a closed shape's, or a node's whole description).
ANY = "*"
_MISSING: Any = object()


@lru_cache(maxsize=1 << 16)
def _minter(node: Term) -> str | None:
    return minted_by(node)


def crossing_triples(
    documents: Sequence[tuple[str, Sequence[TermTriple], ShapeRecord]],
) -> list[TermTriple]:
    """The triples of each document about (or pointing at) a node another document of the
    build mints (from the documents' records)."""
    present = {slug(name) for name, _, _ in documents}
    return [
        t
        for _, _, rec in documents
        for t in rec.crossing
        if _minter(t[0]) in present or _minter(t[2]) in present
    ]


@dataclass(slots=True)
class Reads:
    """What a document's evaluations read at the nodes it mints (keys: a predicate, ``^p`` for
    the subjects of ``p``, or :data:`ANY`)."""

    #: Node shape -> what its evaluations read at their focus nodes.
    self_reads: dict[str, list[str]] = field(default_factory=dict)
    #: What the labels and quotes of findings read at their focus nodes.
    label_reads: list[str] = field(default_factory=list)
    #: What any evaluation read at another node the document mints.
    other_reads: list[str] = field(default_factory=list)


@dataclass(slots=True)
class ShapeRecord:
    """What a worker found validating one document's own nodes (cached with the document)."""

    #: (focus node, node shape, finding) of every focus node decided in the document.
    findings: list[tuple[Term, str, Finding]] = field(default_factory=list)
    #: Focus nodes of the document whose results depend on more than its graph.
    deferred: list[Term] = field(default_factory=list)
    #: Subjects the document describes that no document's IRI scheme mints (shared nodes).
    foreign: list[Term] = field(default_factory=list)
    #: Subjects it describes that another document's IRI scheme mints, with their predicates.
    elsewhere: dict[Term, list[Term]] = field(default_factory=dict)
    #: Triples along a backward-followed predicate to a node the document does not mint.
    foreign_in: list[TermTriple] = field(default_factory=list)
    #: Whether the graph has ``rdfs:subClassOf`` triples.
    subclass: bool = False
    #: Triples about (or pointing at) a node another document's IRI scheme mints: where this
    #: graph adds to another document's nodes (the quality rules' split needs them too).
    crossing: list[TermTriple] = field(default_factory=list)
    #: The reads, decoded when first needed (only a document another graph adds to needs them).
    raw_reads: bytes = b""
    decoded_reads: Reads | None = None

    @property
    def reads(self) -> Reads:
        """What the document's evaluations read (see :class:`Reads`)."""
        if self.decoded_reads is None:
            try:
                raw = json.loads(self.raw_reads.decode("utf-8"))
                self.decoded_reads = Reads(raw["self"], raw["label"], raw["other"])
            except (KeyError, TypeError, ValueError) as exc:
                raise KgError(f"a damaged shapes record: {exc}") from exc
        return self.decoded_reads


def _path_json(path: Path | None) -> Any:
    if path is None or path[0] == "p":
        return path and list(path)
    if path[0] == "inv":
        return ["inv", _path_json(path[1])]
    return ["seq", [_path_json(p) for p in path[1]]]


def _path_back(data: Any) -> Path | None:
    if data is None:
        return None
    if data[0] == "p":
        return ("p", data[1])
    if data[0] == "inv":
        return ("inv", _path_back(data[1]))
    return ("seq", tuple(_path_back(p) for p in data[1]))


def _line(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=True) + "\n"


def encode_record(record: ShapeRecord) -> bytes:
    """A record as deterministic JSON (the cached ``docs/<key>.shapes`` file): a line of what
    every build reads, and a line of the reads."""
    findings = sorted(
        (
            [
                focus,
                shape,
                f.focus,
                f.label,
                f.path,
                f.message,
                f.severity,
                f.quote,
                f.value,
                f.component,
                f.focus_term,
                f.value_term,
                _path_json(f.result_path),
                f.source_shape,
            ]
            for focus, shape, f in record.findings
        ),
        key=lambda row: json.dumps(row, ensure_ascii=False),
    )
    main = {
        "findings": findings,
        "deferred": sorted(record.deferred),
        "foreign": sorted(record.foreign),
        "elsewhere": {n: sorted(ps) for n, ps in sorted(record.elsewhere.items())},
        "foreign_in": sorted(list(t) for t in record.foreign_in),
        "subclass": record.subclass,
        "crossing": sorted(list(t) for t in record.crossing),
    }
    reads = record.reads
    read = {
        "self": {s: sorted(ks) for s, ks in sorted(reads.self_reads.items())},
        "label": sorted(reads.label_reads),
        "other": sorted(reads.other_reads),
    }
    return (_line(main) + _line(read)).encode("utf-8")


def decode_record(data: bytes) -> ShapeRecord:
    """The record of :func:`encode_record` (raises ``ValueError`` on a damaged file; the reads
    are decoded when first asked for)."""
    try:
        first, reads = data.split(b"\n", 1)
        raw = json.loads(first.decode("utf-8"))
        findings = [
            (
                r[0],
                r[1],
                Finding(
                    focus=r[2],
                    label=r[3],
                    path=r[4],
                    message=r[5],
                    severity=r[6],
                    quote=r[7],
                    value=r[8],
                    component=r[9],
                    focus_term=r[10],
                    value_term=r[11],
                    result_path=_path_back(r[12]),
                    source_shape=r[13],
                ),
            )
            for r in raw["findings"]
        ]
        # A build holds every document's record: the terms they share (predicates, shared
        # nodes) are kept once, not once per record.
        it = sys.intern
        return ShapeRecord(
            findings=findings,
            deferred=[it(n) for n in raw["deferred"]],
            foreign=[it(n) for n in raw["foreign"]],
            elsewhere={it(n): [it(p) for p in ps] for n, ps in raw["elsewhere"].items()},
            foreign_in=[(it(s), it(p), it(o)) for s, p, o in raw["foreign_in"]],
            subclass=bool(raw["subclass"]),
            crossing=[(it(s), it(p), it(o)) for s, p, o in raw["crossing"]],
            raw_reads=reads,
        )
    except (KeyError, TypeError, IndexError) as exc:
        raise ValueError(f"a damaged shapes record: {exc}") from exc


# ---------------------------------------------------------------------------------------------
# In the worker: one document's own nodes, with every read traced
# ---------------------------------------------------------------------------------------------


class _TracedPreds:
    """A node's predicates in a traced :class:`Data`: every lookup is recorded."""

    __slots__ = ("_data", "_node", "_preds")

    def __init__(self, data: _TracingData, node: Term, preds: dict[Term, list[Term]] | None):
        self._data, self._node, self._preds = data, node, preds

    def __bool__(self) -> bool:  # 'no predicates' reads as 'not this predicate' (recorded)
        return True

    def get(self, p: Term, default: Any = None) -> Any:
        self._data.read(self._node, p)
        return self._preds.get(p, default) if self._preds else default

    def __contains__(self, p: object) -> bool:
        self._data.read(self._node, str(p))
        return bool(self._preds) and p in self._preds  # type: ignore[operator]

    def items(self) -> Any:
        self._data.read(self._node, ANY)
        return (self._preds or {}).items()


class _TracedOut(dict[Term, dict[Term, list[Term]]]):
    """``Data.out`` of a traced :class:`Data`: ``get`` hands out recording views."""

    def __init__(self, data: _TracingData, out: dict[Term, dict[Term, list[Term]]]) -> None:
        super().__init__(out)
        self._data = data

    def get(self, node: Term, default: Any = None) -> Any:
        return _TracedPreds(self._data, node, dict.get(self, node))


class _TracingData(Data):
    """One document's graph, recording what an evaluation reads and where (see module doc)."""

    def __init__(self, triples: Iterable[TermTriple], own: str, inverse: frozenset[Term]) -> None:
        super().__init__(triples)
        self.out = _TracedOut(self, self.out)
        self.own = own
        self.inverse = inverse
        self.focus: Term = ""
        self.sink: set[str] = set()
        self.others: set[str] = set()
        self.deferred = False
        self._typing = 0
        self._local: dict[Term, bool] = {}

    def local(self, node: Term) -> bool:
        """Whether the document mints ``node``."""
        got = self._local.get(node)
        if got is None:
            got = self._local[node] = minted_by(node) == self.own
        return got

    def read(self, node: Term, key: str) -> None:
        """Record a read of ``key`` (a predicate, ``^p`` or :data:`ANY`) at ``node``."""
        if node == self.focus:
            self.sink.add(key)
        elif node.startswith('"') and not key.startswith("^"):
            return  # a literal is no subject in any graph
        elif self.local(node):
            self.others.add(key)
        elif not (self._typing and key in (RDF_TYPE_TERM, _SUBCLASS)):
            self.deferred = True

    def objects(self, s: Term, p: Term) -> list[Term]:
        """The objects of ``s p ?o`` (recorded)."""
        self.read(s, p)
        preds = dict.get(self.out, s)
        return preds.get(p, []) if preds else []

    def subjects(self, p: Term, o: Term) -> list[Term]:
        """The subjects of ``?s p o`` (recorded; a predicate the build does not report
        backwards defers the focus node)."""
        if p not in self.inverse:
            self.deferred = True
        self.read(o, "^" + p)
        inv = self._inverse.get(p)
        if inv is None:
            inv = self._inverse[p] = {}
            for s, preds in dict.items(self.out):
                for obj in preds.get(p, ()):
                    inv.setdefault(obj, []).append(s)
        return inv.get(o, [])

    def is_instance(self, node: Term, cls: Term) -> bool:
        """Whether ``node`` is an instance of ``cls``; a shared node found to be none defers
        the focus node (another graph may type it)."""
        self._typing += 1
        try:
            found = super().is_instance(node, cls)
        finally:
            self._typing -= 1
        if not found and node != self.focus and not node.startswith('"') and not self.local(node):
            self.deferred = True
        return found


def _elsewhere(data: _TracingData, node: Term) -> bool:
    """Whether another document's IRI scheme mints ``node``."""
    return not data.local(node) and _minter(node) is not None


def document_shapes(triples: Iterable[TermTriple], name: str) -> ShapeRecord:
    """Validate the nodes document ``name`` mints on its graph alone (runs in a build's worker):
    their findings, the focus nodes that need the merged graph, and what the parent needs to
    check that nothing else changes them (see the module doc)."""
    engine = shape_engine()
    ordered = sorted(set(triples))  # the merged graph's order: the same first label and quote
    data = _TracingData(ordered, slug(name), engine.inverse_predicates)
    record = ShapeRecord()
    nodes: dict[Term, None] = {}
    for s, p, o in ordered:
        if p == _SUBCLASS:
            record.subclass = True
        if data.local(s):
            nodes[s] = None
        elif _minter(s) is None:
            if not record.foreign or record.foreign[-1] != s:
                record.foreign.append(s)
        else:
            preds = record.elsewhere.setdefault(s, [])
            if not preds or preds[-1] != p:
                preds.append(p)
        if p in engine.inverse_predicates and not data.local(o):
            record.foreign_in.append((s, p, o))
        if p in engine.object_targets and data.local(o):
            nodes[o] = None
        if _elsewhere(data, s) or (o.startswith("<") and _elsewhere(data, o)):
            record.crossing.append((s, p, o))
    self_reads: dict[str, set[str]] = {}
    label_reads: set[str] = set()
    for node in nodes:
        data.focus, data.sink = node, set()
        shapes = engine.targeting(data, node)
        if not shapes:
            continue
        data.deferred = False
        found: list[tuple[str, Any]] = []
        for shape in shapes:
            data.sink = self_reads.setdefault(shape.iri, set())
            found += [(shape.iri, r) for r in dict.fromkeys(engine.results_at(data, shape, node))]
        data.sink = label_reads
        findings = [(node, iri, _finding(data, r)) for iri, r in found]
        if data.deferred:
            record.deferred.append(node)
        else:
            record.findings += findings
    record.decoded_reads = Reads(
        {s: sorted(ks) for s, ks in self_reads.items()}, sorted(label_reads), sorted(data.others)
    )
    return record


# ---------------------------------------------------------------------------------------------
# In the parent: the merged graph, read where the checks reach
# ---------------------------------------------------------------------------------------------


class _LazyOut(dict[Term, dict[Term, list[Term]]]):
    """``Data.out`` of :class:`CorpusData`: a node's triples are loaded when asked for."""

    def __init__(self, data: CorpusData) -> None:
        super().__init__()
        self._data = data

    def get(self, node: Term, default: Any = None) -> Any:
        preds = dict.get(self, node, _MISSING)
        if preds is _MISSING:
            preds = self._data.load(node)
            self[node] = preds
        return preds or default


class CorpusData(Data):
    """The merged graph as :class:`kg.validate.Data` sees it, read from the corpus
    (:class:`kg.corpus.Corpus`) one subject at a time; the subjects of a backward-followed
    predicate come from the triples the workers reported (``in_edges``) and from the graph of
    the document that mints the object."""

    def __init__(
        self,
        corpus: Corpus,
        inverse: frozenset[Term],
        in_edges: dict[tuple[Term, Term], set[Term]],
        documents: dict[str, Sequence[TermTriple]],
    ) -> None:
        super().__init__(())
        self.corpus = corpus
        self.out = _LazyOut(self)
        self.inverse = inverse
        self.in_edges = in_edges
        self.documents = documents
        self._doc_in: dict[str, dict[tuple[Term, Term], list[Term]]] = {}
        self._subjects: dict[tuple[Term, Term], list[Term]] = {}

    def load(self, node: Term) -> dict[Term, list[Term]]:
        """The triples of ``node`` in the corpus, by predicate, in the corpus's order."""
        return self.corpus.about(node)

    def subjects(self, p: Term, o: Term) -> list[Term]:
        """The subjects of ``?s p o`` in the merged graph, sorted (as :class:`Data` has them)."""
        key = (p, o)
        got = self._subjects.get(key)
        if got is not None:
            return got
        if p not in self.inverse:
            raise KgError(f"the split validation does not follow {p} backwards")
        found = set(self.in_edges.get(key, ()))
        own = minted_by(o)
        if own is not None and own in self.documents:
            index = self._doc_in.get(own)
            if index is None:
                index = self._doc_in[own] = {}
                for s, q, obj in self.documents[own]:
                    if q in self.inverse:
                        index.setdefault((q, obj), []).append(s)
            found.update(index.get(key, ()))
        got = self._subjects[key] = sorted(found)
        return got

    def instances(self, cls: Term) -> list[Term]:
        """Not available: the split run asks about given nodes only."""
        raise KgError("CorpusData has no index of every instance")


def split_shape_findings(
    corpus: Sequence[TermTriple] | Corpus,
    documents: Sequence[tuple[str, Sequence[TermTriple], ShapeRecord]],
    others: Sequence[Sequence[TermTriple]] = (),
) -> tuple[list[Finding], Data]:
    """The findings of the shapes on the merged graph ``corpus`` (sorted, each triple once, or a
    :class:`kg.corpus.Corpus`)
    from each document's :class:`ShapeRecord` (``documents``: name, graph, record) and the
    graphs made across documents (``others``); equal to :func:`kg.validate.shape_findings`
    on ``corpus``. Also returns the :class:`Data` the parent read (labels and quotes of the
    quality rules' findings read it too)."""
    engine = shape_engine()
    corpus = as_corpus(corpus)
    if any(r.subclass for _, _, r in documents) or any(
        t[1] == _SUBCLASS for graph in others for t in graph
    ):
        whole = Data(corpus.triples())
        return shape_findings(whole), whole
    by_slug = {slug(name): i for i, (name, _, _) in enumerate(documents)}
    #: focus node -> the node shapes to evaluate there (``None``: every one that targets it)
    todo: dict[Term, set[str] | None] = {}
    wholesale: set[int] = set()
    in_edges: dict[tuple[Term, Term], set[Term]] = {}

    def every(node: Term) -> None:
        todo[node] = None

    def touched(node: Term, key: str) -> None:
        """Another graph has a triple that a read of ``key`` at ``node`` sees."""
        i = by_slug.get(_minter(node) or "")
        if i is None:
            return
        rec = documents[i][2].reads
        forward = not key.startswith("^")
        if key in rec.other_reads or (forward and ANY in rec.other_reads):
            wholesale.add(i)  # every node of the document (the node itself may be none of them)
            every(node)
        elif (
            key == RDF_TYPE_TERM
            or (not forward and key[1:] in engine.object_targets)
            or key in rec.label_reads
            or (forward and ANY in rec.label_reads)
        ):
            every(node)
        else:
            shapes = {
                s for s, keys in rec.self_reads.items() if key in keys or (forward and ANY in keys)
            }
            if shapes and node in todo:
                have = todo[node]
                if have is not None:
                    have |= shapes
            elif shapes:
                todo[node] = shapes

    def described(node: Term, key: str) -> None:
        """Another graph describes ``node`` (``key``: a predicate of its triple there)."""
        if by_slug.get(_minter(node) or "") is None:
            every(node)  # a shared node (or one of no document here): validated here
        else:
            touched(node, key)

    for _, _, rec in documents:
        for node in rec.foreign:
            every(node)
        for node, preds in rec.elsewhere.items():
            for p in preds:
                described(node, p)
        for s, p, o in rec.foreign_in:
            in_edges.setdefault((p, o), set()).add(s)
            if p in engine.object_targets:
                every(o)
            touched(o, "^" + p)
        for node in rec.deferred:
            every(node)
    for graph in others:
        for s, p, o in graph:
            described(s, p)
            if p in engine.inverse_predicates:
                in_edges.setdefault((p, o), set()).add(s)
                touched(o, "^" + p)
            if p in engine.object_targets:
                every(o)
    for i in sorted(wholesale):
        for s, p, o in documents[i][1]:
            every(s)
            if p in engine.object_targets:
                every(o)

    kept: set[Finding] = set()
    for i, (_, _, rec) in enumerate(documents):
        if i in wholesale:
            continue
        for focus, iri, f in rec.findings:
            want = todo.get(focus, _MISSING)
            if want is _MISSING or (want is not None and iri not in want):
                kept.add(f)
    data = CorpusData(
        corpus,
        engine.inverse_predicates,
        in_edges,
        {slug(name): graph for name, graph, _ in documents},
    )
    # (in the order of the documents that mint the nodes: a corpus read from the documents'
    # files then reads each file once; the findings are a set, sorted below)
    for node in sorted(todo, key=lambda n: (_minter(n) or "", n)):
        for shape in engine.targeting(data, node, todo[node]):
            for r in dict.fromkeys(engine.results_at(data, shape, node)):
                kept.add(_finding(data, r))
    return sorted(kept, key=_sort_key), data
