"""The merged graph of a build's documents as the split validation reads it, without a list of
all its triples.

The split paths of :mod:`kg.shape_split` and :mod:`kg.rules` read the merged corpus in three
ways only: the triples of given subjects (:meth:`Corpus.about`), the triples a footprint of
predicates and classes can match (:meth:`Corpus.matching`), and, when the corpus has
``rdfs:subClassOf`` triples, all of it (:meth:`Corpus.triples`). :class:`SortedCorpus` answers
from a sorted list (``kg validate``, the tests); :class:`StreamedCorpus` answers for a build
from the documents' sorted N-Triples files: it keeps the subjects several graphs describe (the
shared nodes the documents' shape records name) and the footprint of the corpus-wide quality
rules while :mod:`kg.store` merges the graphs into ``graph.ttl``, and reads any other subject
from the one document that mints it (:func:`kg.rdf.minted_by`), which is the only graph that
describes it.

>>> c = SortedCorpus([("<a>", "<p>", '"1"'), ("<a>", "<q>", "<b>"), ("<b>", "<p>", '"2"')])
>>> c.about("<a>")
{'<p>': ['"1"'], '<q>': ['<b>']}
"""

from __future__ import annotations

import heapq
import io
from bisect import bisect_left
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any, overload

from kg.model import KgError
from kg.rdf import minted_by
from kg.splice import SHARED_OWNER, SharedLines
from kg.store import (
    RDF_TYPE_TERM,
    merge_runs,
    nt_runs,
    parse_nt_lines,
    types_first,
    union_lines,
)

Term = str
TermTriple = tuple[str, str, str]


class Corpus:
    """The merged graph of a build's documents (without the ontology), sorted, each triple
    once, as the split validation reads it."""

    def about(self, node: Term) -> dict[Term, list[Term]]:
        """The triples of ``node`` as predicate -> objects, in the corpus's order."""
        raise NotImplementedError

    def matching(self, footprint: Any) -> list[TermTriple]:
        """The triples a :class:`kg.rules.Footprint` matches, in the corpus's order."""
        raise NotImplementedError

    def triples(self) -> Sequence[TermTriple]:
        """Every triple, sorted (only when the corpus must be validated whole)."""
        raise NotImplementedError

    def matching_lines(self, footprint: Any) -> bytes:
        """:meth:`matching` as sorted N-Triples (what a store loads), each line once."""
        from kg.store import nt_lines

        return nt_lines(self.matching(footprint))

    def matching_chunks(self, footprint: Any) -> Iterable[bytes]:
        """The lines of :meth:`matching_lines` as chunks of whole lines for a store to load, in
        any order and possibly repeated (a store keeps each statement once): a corpus that has
        them in pieces need not join, sort or deduplicate them."""
        return [self.matching_lines(footprint)]


class SortedCorpus(Corpus):
    """A corpus held as a sorted list of its triples, each once."""

    def __init__(self, triples: Sequence[TermTriple]) -> None:
        self._triples = triples

    def about(self, node: Term) -> dict[Term, list[Term]]:
        """The triples of ``node`` (found by bisection)."""
        corpus = self._triples
        i = bisect_left(corpus, (node,))
        preds: dict[Term, list[Term]] = {}
        while i < len(corpus) and corpus[i][0] == node:
            _, p, o = corpus[i]
            preds.setdefault(p, []).append(o)
            i += 1
        return preds

    def matching(self, footprint: Any) -> list[TermTriple]:
        """The triples the footprint matches (one pass)."""
        return [t for t in self._triples if footprint.matches(t)]

    def triples(self) -> Sequence[TermTriple]:
        """The list itself."""
        return self._triples


def as_corpus(corpus: Sequence[TermTriple] | Corpus) -> Corpus:
    """A :class:`Corpus` of a sorted list of triples (or the corpus itself)."""
    return corpus if isinstance(corpus, Corpus) else SortedCorpus(corpus)


def _by_predicate(lines: bytes) -> dict[Term, list[Term]]:
    preds: dict[Term, list[Term]] = {}
    for _, p, o in parse_nt_lines(lines):
        preds.setdefault(p, []).append(o)
    return preds


@lru_cache(maxsize=64)
def _footprint_terms(footprint: Any) -> tuple[frozenset[bytes], frozenset[bytes] | None]:
    """A footprint's predicates (without ``rdf:type``) and the objects of its ``rdf:type``
    lines (``None``: any), as N-Triples bytes."""
    preds = frozenset(p.encode() for p in footprint.predicates if p != RDF_TYPE_TERM)
    classes = None if footprint.all_types else frozenset(c.encode() for c in footprint.classes)
    return preds, classes


_A = RDF_TYPE_TERM.encode()


def footprint_lines(footprint: Any, lines: bytes) -> bytes:
    """The N-Triples ``lines`` a :class:`kg.rules.Footprint` matches (what its ``matches``
    keeps, a line at a time: a split is cheaper than a pattern of every predicate)."""
    if footprint.everything:
        return lines
    preds, classes = _footprint_terms(footprint)
    out = []
    for line in lines.splitlines(keepends=True):
        p, o = line.split(b" ", 2)[1:]
        if p == _A:
            if classes is None or o[:-3] in classes:
                out.append(line)
        elif p in preds:
            out.append(line)
    return b"".join(out)


class DocumentGraph(Sequence[TermTriple]):
    """One document's graph, read from its sorted N-Triples file each time it is used."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def _load(self) -> list[TermTriple]:
        return parse_nt_lines(self.path.read_bytes())

    def __iter__(self) -> Iterator[TermTriple]:
        return iter(self._load())

    def __len__(self) -> int:
        return len(self._load())

    @overload
    def __getitem__(self, i: int) -> TermTriple: ...
    @overload
    def __getitem__(self, i: slice) -> Sequence[TermTriple]: ...
    def __getitem__(self, i: int | slice) -> TermTriple | Sequence[TermTriple]:
        return self._load()[i]


class StreamedCorpus(Corpus):
    """The merged graph of a build's documents, read from their sorted N-Triples.

    ``sources`` makes the graphs' N-Triples chunks, once for every pass (the build's
    documents' files, the ontology's, and the graphs made across documents); ``ontology`` is
    the ontology's index among them (its triples are not the corpus's). ``documents`` maps a
    document's slug (:func:`kg.rdf.minted_by`) to its N-Triples file. ``shared`` are the
    subjects more than one graph may describe (the documents' ``foreign`` and ``elsewhere``
    nodes and the subjects of the graphs made across documents): :meth:`blocks` keeps theirs
    as it goes, and every other subject is read from the document that mints it. ``footprint``
    is the footprint :meth:`blocks` keeps the triples of.
    """

    def __init__(
        self,
        sources: Callable[[], Sequence[Iterable[bytes]]],
        ontology: int,
        documents: Mapping[str, Path],
        shared: Collection[Term],
        footprint: Any,
        owners: Sequence[str] | None = None,
    ) -> None:
        self._sources = sources
        self._owners = owners
        #: The lines graphs state about subjects they do not mint, counted by
        #: :meth:`owned_blocks` (what the next build's splice of graph.ttl starts from).
        self.table = SharedLines()
        self._ontology = ontology
        self._documents = documents
        self._shared = {s.encode("utf-8") for s in shared}
        self._footprint = footprint
        self._kept: dict[Term, dict[Term, list[Term]]] = {}
        self._matched: list[bytes] = []
        self._matched_lines: bytes | None = None
        self._projected: list[TermTriple] | None = None
        self._read: dict[str, bytes] = {}
        self.statements = 0

    def _corpus_runs(self) -> Iterator[tuple[bytes, list[tuple[int, bytes]], bytes, bytes]]:
        """(subject, its runs by source, its lines in the union of all graphs, its lines in
        the corpus)."""
        onto = self._ontology
        for subject, parts in merge_runs([nt_runs(c) for c in self._sources()]):
            if len(parts) == 1:  # most subjects: one graph's
                i, lines = parts[0]
                yield subject, parts, lines, b"" if i == onto else lines
                continue
            lines = union_lines(run for _, run in parts)
            if any(i == onto for i, _ in parts):
                yield subject, parts, lines, union_lines(run for i, run in parts if i != onto)
            else:
                yield subject, parts, lines, lines

    def blocks(self) -> Iterator[bytes]:
        """The union of the graphs (ontology included), one subject's lines at a time in
        print order (:func:`kg.store.merged_blocks`), keeping what the validation reads."""
        return (lines for _, _, lines in self.owned_blocks())

    def owned_blocks(self) -> Iterator[tuple[bytes, str, bytes]]:
        """:meth:`blocks` as (subject, owner, lines): the owner is the slug of the document
        whose graph alone describes the subject (``owners`` names each source's; the
        ontology's is :data:`kg.splice.ONTOLOGY_OWNER`), or :data:`kg.splice.SHARED_OWNER`
        for a shared subject, whose lines from graphs that do not mint it go into
        :attr:`table`."""
        shared, kept, matched = self._shared, self._kept, self._matched
        footprint, owners, onto = self._footprint, self._owners, self._ontology
        table = self.table
        for subject, parts, lines, corpus in self._corpus_runs():
            if corpus:
                if subject in shared:
                    kept[subject.decode("utf-8")] = _by_predicate(corpus)
                found = footprint_lines(footprint, corpus)
                if found:
                    matched.append(found)
            owner = SHARED_OWNER
            if owners is not None:
                if subject in shared:
                    minter = minted_by(subject.decode("utf-8"))
                    for i, run in parts:
                        if i != onto and owners[i] != minter:
                            table.add_run(subject, run)
                elif all(i == parts[0][0] for i, _ in parts):  # (a run cut by a chunk's end)
                    owner = owners[parts[0][0]]
            yield subject, owner, types_first(subject, lines)

    def about(self, node: Term) -> dict[Term, list[Term]]:
        """A shared node's triples as :meth:`blocks` kept them; another node's from the
        document that mints it (none if no document of the build does)."""
        if node.encode("utf-8") in self._shared:
            return self._kept.get(node, {})
        lines = self._own_lines(node)
        return _by_predicate(lines) if lines else {}

    def _own_lines(self, node: Term) -> bytes:
        """A node's lines in the graph of the document that mints it (``b""``: none)."""
        own = minted_by(node)
        path = self._documents.get(own) if own is not None else None
        if own is None or path is None:
            return b""
        data = self._read.get(own)
        if data is None:
            if len(self._read) >= 64:
                self._read.pop(next(iter(self._read)))
            data = self._read[own] = b"\n" + path.read_bytes()
        head = node.encode("utf-8") + b" "
        start = data.find(b"\n" + head) + 1
        if not start:
            return b""
        end = start
        while data.startswith(head, end):  # the node's lines follow each other
            end = data.index(b"\n", end) + 1
        return data[start:end]

    def matching(self, footprint: Any) -> list[TermTriple]:
        """The triples of the corpus ``footprint`` matches: from what :meth:`blocks` kept when
        it is that footprint, else from another pass over the graphs."""
        if footprint == self._footprint:
            if self._projected is None:
                self._projected = parse_nt_lines(self.matching_lines(footprint))
            return self._projected
        return parse_nt_lines(
            b"".join(footprint_lines(footprint, corpus) for _, _, _, corpus in self._corpus_runs())
        )

    def matching_chunks(self, footprint: Any) -> Iterable[bytes]:
        """The pieces of :meth:`matching_lines` as :meth:`blocks` kept them, not joined."""
        if footprint != self._footprint or self._matched_lines is not None:
            return super().matching_chunks(footprint)
        return list(self._matched)

    def matching_lines(self, footprint: Any) -> bytes:
        """The lines of :meth:`matching`, without parsing them when :meth:`blocks` kept them."""
        if footprint != self._footprint:
            return super().matching_lines(footprint)
        if self._matched_lines is None:
            self._matched_lines = b"".join(self._matched)
            self._matched.clear()
        return self._matched_lines

    def triples(self) -> Sequence[TermTriple]:
        """Every triple of the corpus (another pass over the graphs)."""
        return parse_nt_lines(b"".join(corpus for _, _, _, corpus in self._corpus_runs()))


def _merged_lines(sources: Sequence[Iterable[bytes]], size: int = 1 << 20) -> Iterator[bytes]:
    """The union of sorted sources of lines, sorted, each line once, in chunks of about
    ``size`` bytes."""
    out: list[bytes] = []
    held = 0
    last = None
    for line in heapq.merge(*sources):
        if line == last:
            continue
        last = line
        out.append(line)
        held += len(line)
        if held >= size:
            yield b"".join(out)
            out, held = [], 0
    if out:
        yield b"".join(out)


def projection_chunks(paths: Sequence[str], extra: Sequence[bytes]) -> Iterator[bytes]:
    """The corpus rules' projection of each graph: the documents' ``.proj`` files (``paths``),
    read one at a time, then those of the graphs made across documents (``extra``)."""
    for path in paths:
        with open(path, "rb") as fh:
            yield fh.read()
    yield from extra


class ProjectionCorpus(Corpus):
    """The corpus-scoped quality rules' projection alone, merged from the graphs' own
    (``projections``, as :class:`SplicedCorpus` reads it): what :func:`kg.rules.start_split`
    reads, available before the merged graph is written, so a rebuild starts the corpus rules
    first. Nothing else of the corpus can be read from it.

    :raises KgError: when asked for anything but the projection of ``footprint``.
    """

    def __init__(self, footprint: Any, projections: Callable[[], Iterable[bytes]]) -> None:
        self._footprint = footprint
        self._projections = projections

    def matching_chunks(self, footprint: Any) -> Iterable[bytes]:
        """The projection's lines, sorted, each once (as :meth:`SplicedCorpus.matching_chunks`)."""
        if footprint != self._footprint:
            raise KgError("a projection corpus has only the corpus rules' projection")
        return _merged_lines([io.BytesIO(p) for p in self._projections()])


class SplicedCorpus(StreamedCorpus):
    """The merged graph of a build whose ``graph.ttl`` was spliced (:mod:`kg.splice`), with
    no pass over every subject: a shared subject's triples are the counted lines of the graphs
    that do not mint it (``table``) and those of the document that does; the corpus rules'
    projection is the union of each graph's (``projections`` makes their N-Triples chunks).
    Any other footprint, and the whole corpus, are read by a pass over the graphs."""

    def __init__(
        self,
        sources: Callable[[], Sequence[Iterable[bytes]]],
        ontology: int,
        documents: Mapping[str, Path],
        table: SharedLines,
        footprint: Any,
        projections: Callable[[], Iterable[bytes]],
    ) -> None:
        super().__init__(sources, ontology, documents, (), footprint)
        self.table = table
        self._projections = projections

    def about(self, node: Term) -> dict[Term, list[Term]]:
        """A node's triples: counted lines and its minting document's (see the class doc)."""
        key = node.encode("utf-8")
        if key not in self.table:
            return super().about(node)
        parts = [p for p in (self.table.lines(key), self._own_lines(node)) if p]
        return _by_predicate(union_lines(parts))

    def matching_chunks(self, footprint: Any) -> Iterable[bytes]:
        """The corpus rules' projection as :meth:`matching_lines` gives it (sorted, each line
        once: the order a full build loads it in, which rules aggregating values in store
        order depend on), merged from the graphs' own sorted lines a line at a time instead of
        gathered into one set; another footprint's by a pass."""
        if footprint != self._footprint or self._matched_lines is not None:
            return super().matching_chunks(footprint)
        return _merged_lines([io.BytesIO(p) for p in self._projections()])

    def matching_lines(self, footprint: Any) -> bytes:
        """The corpus rules' projection from the graphs' own; another footprint's by a pass."""
        if footprint != self._footprint:
            return super().matching_lines(footprint)
        if self._matched_lines is None:
            lines: set[bytes] = set()
            for chunk in self._projections():
                lines.update(chunk.splitlines(keepends=True))
            self._matched_lines = b"".join(sorted(lines))
        return self._matched_lines
