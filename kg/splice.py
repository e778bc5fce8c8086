"""``graph.ttl`` kept between builds: a build after a few changed documents rewrites only the
blocks of the subjects they touch and copies every other block from the published file.

``graph.ttl`` is the union of the build's graphs, one block of Turtle per subject in subject
order. Most subjects are described by the one document whose IRI scheme mints them
(:func:`kg.rdf.minted_by`); the others (organizations, places, years, and what the graphs made
across documents add) are *shared*. Each generation keeps, beside ``graph.ttl``:

- ``graph.idx``, where each block is: runs of consecutive blocks of one owner (a document's
  slug, or ``@`` for the ontology), and one entry per shared subject, each with its byte range
  and statements;
- ``shared.nt``, the lines each graph states about subjects it does not mint, with how many
  graphs state them (so a document's lines can be taken out again);
- ``links.nq``, the graphs made across documents, as the next build's "before".

A splice takes the changed documents' lines out of the counts and puts their new ones in,
rebuilds the blocks of their owners and of the shared subjects they touch, and copies the rest
byte for byte. A changed block that would fall inside another owner's run makes that owner's
blocks rebuilt too, so the result is the file, index and counts a full build writes (tests
compare them). Oxigraph's serializer writes each subject's block on lines of its own, starting
at the line's first column and never spanning a line break inside a literal, which is what
lets one block be cut from a piece and another put in its place.

>>> t = SharedLines()
>>> t.add(b'<a> <p> "1" .\\n<a> <p> "2" .\\n')
{b'<a>'}
>>> _ = t.add(b'<a> <p> "1" .\\n')
>>> _ = t.remove(b'<a> <p> "1" .\\n<a> <p> "2" .\\n')
>>> t.lines(b"<a>")
b'<a> <p> "1" .\\n'
"""

from __future__ import annotations

import hashlib
import os
import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import IO

import pyoxigraph as ox

from kg.incremental import file_digest, graph_digest
from kg.rdf import minted_by
from kg.store import (
    TURTLE_PIECE,
    atomic_write,
    nt_runs,
    ox_body_raw,
    prefix_header,
    types_first,
    union_lines,
)

#: The files a generation keeps for the next build's splice.
INDEX = "graph.idx"
SHARED = "shared.nt"
LINKS = "links.nq"
#: The owner of the ontology's own subjects, and of a shared subject (one entry each).
ONTOLOGY_OWNER = "@"
SHARED_OWNER = ""
_INDEX_HEAD = "kg-graph-index 1\n"
_SHARED_HEAD = b"# kg shared lines 1\n"
#: A block's first line in Oxigraph's Turtle: any line not indented by a tab.
_BLOCK_START = re.compile(rb"(?m)^[^\t]")


class SpliceError(Exception):
    """A kept file is not what a splice can start from (the build then merges everything)."""


@dataclass(frozen=True, slots=True)
class Entry:
    """A run of ``graph.ttl``: consecutive blocks of one owner, or one shared subject's block."""

    owner: str
    first: bytes
    last: bytes
    start: int
    end: int
    statements: int


class SharedLines:
    """Lines graphs state about subjects they do not mint, each with the number of graphs
    stating it: subject -> line -> count."""

    def __init__(self) -> None:
        self._by_subject: dict[bytes, dict[bytes, int]] = {}

    def add(self, lines: bytes, sign: int = 1) -> set[bytes]:
        """Count the N-Triples ``lines`` once more (``sign`` -1: once less); returns their
        subjects."""
        touched: set[bytes] = set()
        for subject, run in nt_runs([lines]):
            touched.add(subject)
            self.add_run(subject, run, sign)
        return touched

    def add_run(self, subject: bytes, run: bytes, sign: int = 1) -> None:
        """Count one graph's lines about ``subject`` once more (``sign`` -1: once less).

        :raises SpliceError: when a line would be taken out more often than it was counted.
        """
        counts = self._by_subject.setdefault(subject, {})
        for line in run.splitlines(keepends=True):
            n = counts.get(line, 0) + sign
            if n < 0:
                raise SpliceError("a line taken out more often than it was counted")
            if n:
                counts[line] = n
            else:
                del counts[line]
        if not counts:
            del self._by_subject[subject]

    def remove(self, lines: bytes) -> set[bytes]:
        """Count the ``lines`` once less; returns their subjects."""
        return self.add(lines, -1)

    def __contains__(self, subject: bytes) -> bool:
        return subject in self._by_subject

    def subjects(self) -> list[bytes]:
        """The shared subjects, sorted."""
        return sorted(self._by_subject)

    def lines(self, subject: bytes) -> bytes:
        """The lines stated about ``subject`` by graphs that do not mint it, sorted."""
        return b"".join(sorted(self._by_subject.get(subject, {})))

    def dumps(self) -> bytes:
        """The counts as text: ``COUNT LINE`` sorted by line (deterministic)."""
        out = [_SHARED_HEAD]
        for subject in sorted(self._by_subject):
            counts = self._by_subject[subject]
            out += [b"%d %s" % (counts[line], line) for line in sorted(counts)]
        return b"".join(out)

    @classmethod
    def loads(cls, data: bytes) -> SharedLines:
        """Counts read back from :meth:`dumps`; raises :class:`SpliceError` if malformed."""
        if not data.startswith(_SHARED_HEAD):
            raise SpliceError("not a shared-lines file")
        table = cls()
        by_subject = table._by_subject
        for row in data[len(_SHARED_HEAD) :].splitlines(keepends=True):
            count, _, line = row.partition(b" ")
            if not count.isdigit() or not line.endswith(b" .\n"):
                raise SpliceError("a malformed shared line")
            subject = line.split(b" ", 1)[0]
            by_subject.setdefault(subject, {})[line] = int(count)
        return table


def foreign_lines(slug: str | None, ntriples: bytes) -> bytes:
    """The lines of a graph's sorted N-Triples whose subject the graph does not mint
    (``slug``: its document's; ``None``: a graph made across documents, which mints none)."""
    if slug is None:
        return ntriples
    return b"".join(run for s, run in nt_runs([ntriples]) if _minter(s) != slug)


@lru_cache(maxsize=1 << 16)
def _minter(subject: bytes) -> str | None:
    return minted_by(subject.decode("utf-8"))


# ---------------------------------------------------------------------------------------------
# The index
# ---------------------------------------------------------------------------------------------


def dump_index(entries: Iterable[Entry]) -> str:
    """The index as text, one entry per line (deterministic)."""
    rows = [_INDEX_HEAD]
    for e in entries:
        first, last = e.first.decode("utf-8"), e.last.decode("utf-8")
        rows.append(f"{e.owner}\t{first}\t{last}\t{e.start}\t{e.end}\t{e.statements}\n")
    return "".join(rows)


def load_index(text: str) -> list[Entry]:
    """Entries read back from :func:`dump_index`; raises :class:`SpliceError` if malformed."""
    if not text.startswith(_INDEX_HEAD):
        raise SpliceError("not a graph index")
    out = []
    for row in text[len(_INDEX_HEAD) :].splitlines():
        parts = row.split("\t")
        if len(parts) != 6:
            raise SpliceError("a malformed index line")
        owner, first, last, start, end, n = parts
        try:
            out.append(Entry(owner, first.encode(), last.encode(), int(start), int(end), int(n)))
        except ValueError as exc:
            raise SpliceError("a malformed index line") from exc
    return out


class _Hashing:
    """A binary file that keeps the SHA-256 of what is written to it."""

    def __init__(self, fh: IO[bytes]) -> None:
        self._fh = fh
        self.sha = hashlib.sha256()

    def write(self, data: bytes) -> None:
        """Write ``data`` and hash it."""
        self.sha.update(data)
        self._fh.write(data)


@dataclass(frozen=True, slots=True)
class Written:
    """What writing ``graph.ttl`` gave: its statements, its index and its SHA-256."""

    statements: int
    entries: list[Entry]
    digest: str


class _Indexer:
    """Writes serialized blocks after the header and records the index, merging consecutive
    blocks of one owner into a run."""

    def __init__(self, target: IO[bytes]) -> None:
        fh = self.fh = _Hashing(target)
        header = prefix_header().encode("utf-8")
        fh.write(header)
        self.at = len(header)
        self.entries: list[Entry] = []
        self.statements = 0
        self._body = False

    def _open_body(self) -> None:
        if not self._body:
            self.fh.write(b"\n")
            self.at += 1
            self._body = True

    def block(self, subject: bytes, owner: str, text: bytes, statements: int) -> None:
        """Write one subject's serialized block."""
        self._open_body()
        self.fh.write(text)
        self._record(Entry(owner, subject, subject, self.at, self.at + len(text), statements))
        self.at += len(text)

    def copy(self, source: IO[bytes], entries: list[Entry]) -> None:
        """Copy entries that follow each other in the published file, in one read."""
        self._open_body()
        start, end = entries[0].start, entries[-1].end
        _copy_range(source, self.fh, start, end - start)
        shift = self.at - start
        for e in entries:
            self._record(
                Entry(e.owner, e.first, e.last, e.start + shift, e.end + shift, e.statements)
            )
        self.at += end - start

    def _record(self, e: Entry) -> None:
        self.statements += e.statements
        prev = self.entries[-1] if self.entries else None
        if prev is not None and e.owner != SHARED_OWNER and prev.owner == e.owner:
            self.entries[-1] = Entry(
                e.owner, prev.first, e.last, prev.start, e.end, prev.statements + e.statements
            )
        else:
            self.entries.append(e)

    def written(self) -> Written:
        """The statements, index and SHA-256 of what was written."""
        return Written(self.statements, self.entries, self.fh.sha.hexdigest())


def _copy_range(source: IO[bytes], target: _Hashing, start: int, length: int) -> None:
    """Copy ``length`` bytes of ``source`` from ``start`` to the end of ``target``."""
    source.seek(start)
    while length > 0:
        data = source.read(min(length, 16 << 20))
        if not data:
            raise SpliceError("the published graph.ttl is shorter than its index")
        target.write(data)
        length -= len(data)


def _serialized(
    blocks: Iterable[tuple[bytes, str, bytes]],
) -> Iterator[tuple[bytes, str, bytes, int]]:
    """Each block (subject, owner, lines in print order) with its Turtle and statements,
    serialized about :data:`kg.store.TURTLE_PIECE` statements at a time."""
    piece: list[tuple[bytes, str, bytes]] = []
    size = 0

    def flush() -> Iterator[tuple[bytes, str, bytes, int]]:
        body = ox_body_raw(b"".join(lines for _, _, lines in piece), ox.RdfFormat.TURTLE)
        starts = [m.start() for m in _BLOCK_START.finditer(body)]
        if len(starts) != len(piece):
            raise SpliceError("a serialized piece does not split into its subjects' blocks")
        starts.append(len(body))
        for k, (subject, owner, lines) in enumerate(piece):
            yield subject, owner, body[starts[k] : starts[k + 1]], lines.count(b"\n")

    for block in blocks:
        piece.append(block)
        size += block[2].count(b"\n")
        if size >= TURTLE_PIECE:
            yield from flush()
            piece, size = [], 0
    if piece:
        yield from flush()


def write_indexed_turtle(blocks: Iterable[tuple[bytes, str, bytes]], fh: IO[bytes]) -> Written:
    """Write ``graph.ttl`` from (subject, owner, lines in print order) blocks in subject order
    (as :meth:`kg.corpus.StreamedCorpus.owned_blocks` gives them): the bytes
    :func:`kg.store.write_turtle_blocks` writes. Returns the statements, index and digest."""
    out = _Indexer(fh)
    for block in _serialized(blocks):
        out.block(*block)
    return out.written()


# ---------------------------------------------------------------------------------------------
# The splice
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Change:
    """A document whose graph changed: its slug and sorted N-Triples before and after
    (``None``: it was added, or removed)."""

    slug: str
    before: bytes | None
    after: bytes | None


def splice_turtle(
    *,
    published: Path,
    index: list[Entry],
    table: SharedLines,
    changes: Iterable[Change],
    links: tuple[bytes, bytes],
    documents: Mapping[str, Path],
    ontology: Mapping[bytes, bytes],
    fh: IO[bytes],
) -> Written:
    """Write the new ``graph.ttl`` into ``fh`` from the ``published`` one and its ``index``.

    ``table`` (the published counts) is updated in place with the ``changes`` and with the
    graphs made across documents (``links``: their N-Triples before and after); ``documents``
    maps the slug of every document of the new build to its sorted N-Triples file, and
    ``ontology`` each subject of the ontology's graph to its lines. Returns the statements
    written, the new index and the file's SHA-256. The caller checks that the kept files are
    the ones their build recorded (:func:`read_state`, and the changed documents' graphs).

    :raises SpliceError: when the published file and its index disagree.
    """
    touched: set[bytes] = set()
    owners: set[str] = set()
    after: dict[str, bytes] = {}
    for change in changes:
        owners.add(change.slug)
        if change.before is not None:
            touched |= table.remove(foreign_lines(change.slug, change.before))
        if change.after is not None:
            after[change.slug] = change.after
            touched |= table.add(foreign_lines(change.slug, change.after))
    gone, added = _line_changes(*links)
    touched |= table.remove(gone)
    touched |= table.add(added)
    for s in touched:
        m = _minter(s)
        if m in documents:
            owners.add(m)  # type: ignore[arg-type]
        if s in ontology:
            owners.add(ONTOLOGY_OWNER)
    shared_entries = [e.first for e in index if e.owner == SHARED_OWNER]
    kept_runs = [e for e in index if e.owner != SHARED_OWNER]
    firsts = [e.first for e in kept_runs]

    def graph_of(slug: str) -> bytes:
        if slug not in after:
            after[slug] = documents[slug].read_bytes()
        return after[slug]

    while True:
        redo = set(touched)
        redo.update(s for s in shared_entries if _minter(s) in owners)
        new: dict[bytes, tuple[str, bytes]] = {}
        for owner in owners:
            if owner == ONTOLOGY_OWNER:
                runs: Iterable[tuple[bytes, bytes]] = ontology.items()
            elif owner in documents:
                runs = nt_runs([graph_of(owner)])
            else:
                continue  # a removed document
            for s, lines in runs:
                if s in table:
                    redo.add(s)
                else:
                    new[s] = (owner, lines)
        for s in redo:
            if s not in table:
                continue  # owned again (its owner is rebuilt), or gone
            parts = [table.lines(s), ontology.get(s, b"")]
            m = _minter(s)
            if m in documents:
                parts.append(_own_run(graph_of(m), s))  # type: ignore[arg-type]
            new[s] = (SHARED_OWNER, union_lines(p for p in parts if p))
        clash = _inside_kept_run(new, kept_runs, firsts, owners)
        if clash is None:
            break
        owners.add(clash)
    dropped = redo | set(new)
    kept = [
        e
        for e in index
        if (e.owner == SHARED_OWNER and e.first not in dropped)
        or (e.owner != SHARED_OWNER and e.owner not in owners)
    ]
    blocks = [(s, owner, types_first(s, lines)) for s, (owner, lines) in sorted(new.items())]
    out = _Indexer(fh)
    made = iter(_serialized(blocks))
    pending = next(made, None)
    group: list[Entry] = []
    with open(published, "rb") as source:
        for e in kept:
            if pending is not None and pending[0] < e.first:
                if group:
                    out.copy(source, group)
                    group = []
                while pending is not None and pending[0] < e.first:
                    out.block(*pending)
                    pending = next(made, None)
            if group and group[-1].end != e.start:
                out.copy(source, group)
                group = []
            group.append(e)
        if group:
            out.copy(source, group)
        while pending is not None:
            out.block(*pending)
            pending = next(made, None)
    return out.written()


def _line_changes(before: bytes, after: bytes) -> tuple[bytes, bytes]:
    """The lines of ``before`` that ``after`` lacks and those ``after`` adds, as multisets (a
    line stated by two graphs counts twice), each sorted: a changed document's new edition
    links touch the subjects of those lines only, not every subject the links mention."""
    if before == after:
        return b"", b""
    was = Counter(before.splitlines(keepends=True))
    now = Counter(after.splitlines(keepends=True))
    return b"".join(sorted((was - now).elements())), b"".join(sorted((now - was).elements()))


def _own_run(ntriples: bytes, subject: bytes) -> bytes:
    """A subject's lines in a graph's sorted N-Triples (``b""`` if it has none)."""
    head = b"\n" + subject + b" "
    data = b"\n" + ntriples
    start = data.find(head)
    if start < 0:
        return b""
    end = start + 1
    while data.startswith(head[1:], end):
        end = data.index(b"\n", end) + 1
    return data[start + 1 : end]


def _inside_kept_run(
    new: Mapping[bytes, tuple[str, bytes]],
    runs: list[Entry],
    firsts: list[bytes],
    owners: set[str],
) -> str | None:
    """The owner of a run not being rebuilt that a new block would fall inside, if any."""
    for s in new:
        i = bisect_right(firsts, s) - 1
        if i < 0:
            continue
        run = runs[i]
        if run.owner not in owners and run.first <= s <= run.last:
            return run.owner
    return None


#: The file a splice starts from, besides the kept ones.
TURTLE = "graph.ttl"


def write_state(gen: Path, written: Written, table: SharedLines, links: bytes) -> dict[str, str]:
    """Write the index, the counts and the graphs made across documents into ``gen``;
    returns the SHA-256 of each of them and of ``graph.ttl`` (for the manifest)."""
    data = {
        INDEX: dump_index(written.entries).encode("utf-8"),
        SHARED: table.dumps(),
        LINKS: links,
    }
    for name, content in data.items():
        with atomic_write(gen / name, mode="wb") as fh:
            fh.write(content)
    digests = {name: graph_digest(content) for name, content in data.items()}
    return {TURTLE: written.digest, **digests}


def read_state(
    generation: Path, recorded: Mapping[str, str], *, turtle_stamped: bool = False
) -> tuple[list[Entry], SharedLines, bytes]:
    """The index, counts and made graphs a generation kept, once each of them and its
    ``graph.ttl`` have the SHA-256 its manifest ``recorded`` (``turtle_stamped``: the
    ``graph.ttl`` still has the stat its build recorded, :func:`kg.incremental.stamped`, and
    is not read again to hash it).

    :raises SpliceError: when one is missing, altered or malformed.
    """
    try:
        data = {name: (generation / name).read_bytes() for name in (INDEX, SHARED, LINKS)}
        for name, content in data.items():
            if graph_digest(content) != recorded.get(name):
                raise SpliceError(f"{name} is not the file its build wrote")
        if TURTLE not in recorded or (
            not turtle_stamped and file_digest(generation / TURTLE) != recorded[TURTLE]
        ):
            raise SpliceError(f"{TURTLE} is not the file its build wrote")
        index = load_index(data[INDEX].decode("utf-8"))
        table = SharedLines.loads(data[SHARED])
    except (OSError, UnicodeDecodeError) as exc:
        raise SpliceError(str(exc)) from exc
    return index, table, data[LINKS]


def links_nquads(graphs: Iterable[tuple[str, bytes]]) -> bytes:
    """Graphs made across documents as N-Quads (graph IRI, sorted N-Triples), in order."""
    out = []
    for name, ntriples in graphs:
        tail = f" <{name}> .\n".encode()
        out += [line[:-3] + tail for line in ntriples.splitlines(keepends=True)]
    return b"".join(out)


def links_by_graph(nquads: bytes) -> dict[str, bytes]:
    """The graphs of :func:`links_nquads` output, each as its N-Triples, by graph IRI.

    >>> links_by_graph(b'<http://x/s> <http://x/p> "o" <http://x/g> .\\n')
    {'http://x/g': b'<http://x/s> <http://x/p> "o" .\\n'}
    """
    out: dict[str, list[bytes]] = {}
    for line in nquads.splitlines(keepends=True):
        triple, name, _ = line.rsplit(b" ", 2)
        out.setdefault(name[1:-1].decode("utf-8"), []).append(triple + b" .\n")
    return {name: b"".join(lines) for name, lines in out.items()}


def links_ntriples(nquads: bytes) -> bytes:
    """The statements of :func:`links_nquads` as N-Triples lines (graph names dropped)."""
    return b"".join(line.rsplit(b" ", 2)[0] + b" .\n" for line in nquads.splitlines(keepends=True))


# ---------------------------------------------------------------------------------------------
# graph.trig: one block per graph, copied by byte range when the graph did not change
# ---------------------------------------------------------------------------------------------

#: ``graph.trig``, and the index of its blocks a generation keeps beside it.
TRIG = "graph.trig"
TRIG_INDEX = "trig.idx"
_TRIG_HEAD = "kg trig index 1\tgraph\tstart\tlength\tsha256\n"


@dataclass(frozen=True, slots=True)
class TrigBlock:
    """Where one graph's block lies in ``graph.trig``, and the SHA-256 of the graph's sorted
    N-Triples (a block is made from them alone, :func:`kg.store.trig_block`)."""

    graph: str
    start: int
    length: int
    digest: str


def dump_trig_index(blocks: Iterable[TrigBlock]) -> bytes:
    """The index of ``graph.trig`` as text, one block per line (deterministic)."""
    rows = [_TRIG_HEAD]
    rows += [f"{b.graph}\t{b.start}\t{b.length}\t{b.digest}\n" for b in blocks]
    return "".join(rows).encode("utf-8")


def load_trig_index(data: bytes) -> dict[str, TrigBlock]:
    """The blocks of :func:`dump_trig_index` by graph IRI.

    :raises SpliceError: when ``data`` is not such an index.

    >>> index = load_trig_index(dump_trig_index([TrigBlock("urn:g", 10, 5, "ab")]))
    >>> index["urn:g"].length
    5
    """
    text = data.decode("utf-8", errors="replace")
    if not text.startswith(_TRIG_HEAD):
        raise SpliceError("not a graph.trig index")
    out = {}
    for row in text[len(_TRIG_HEAD) :].splitlines():
        parts = row.split("\t")
        if len(parts) != 4:
            raise SpliceError("a malformed graph.trig index line")
        try:
            out[parts[0]] = TrigBlock(parts[0], int(parts[1]), int(parts[2]), parts[3])
        except ValueError as exc:
            raise SpliceError("a malformed graph.trig index line") from exc
    return out


def write_trig_spliced(
    parts: Iterable[tuple[str, str, bytes | None]],
    fh: IO[bytes],
    published: IO[bytes] | None = None,
    before: Mapping[str, TrigBlock] | None = None,
) -> list[TrigBlock]:
    """Write ``graph.trig`` from its graphs' blocks (:func:`kg.store.trig_block`), in the
    order given, and return its index: the same bytes as :func:`kg.store.write_trig_blocks`.

    ``parts`` are (graph IRI, SHA-256 of its N-Triples, the block's bytes or ``None``); ``None``
    takes the block from the ``published`` file, where ``before`` (its index) says it lies,
    once ``before`` records that graph with that SHA-256. Consecutive blocks taken from the
    published file are copied as one range, in the kernel where it can
    (``os.copy_file_range``): an unchanged graph costs neither a read of its own file nor a
    pass through Python.

    :raises SpliceError: when a block to copy is not in ``before`` with its SHA-256, or the
    published file is shorter than its index.
    """
    fh.write(prefix_header().encode("utf-8"))
    fh.flush()
    fd = fh.fileno()
    at = os.lseek(fd, 0, os.SEEK_CUR)
    index: list[TrigBlock] = []
    pending: list[int] = []  # [start, end) in the published file, not yet copied
    first = True

    def copy_pending() -> None:
        if pending:
            assert published is not None
            _copy_file_range(published, fd, pending[0], pending[1] - pending[0])
            pending.clear()

    for graph, digest, data in parts:
        if data is None:
            block = (before or {}).get(graph)
            if published is None or block is None or block.digest != digest:
                raise SpliceError(f"the published graph.trig has no block of {graph}")
            start, length = block.start, block.length
        else:
            start, length = -1, len(data)
        if first and length:  # a blank line before the first block that is not empty
            copy_pending()
            _write_all(fd, b"\n")
            at += 1
            first = False
        if data is not None:
            copy_pending()
            _write_all(fd, data)
        elif pending and pending[1] == start:
            pending[1] += length
        else:
            copy_pending()
            pending[:] = [start, start + length]
        index.append(TrigBlock(graph, at, length, digest))
        at += length
    copy_pending()
    return index


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def _copy_file_range(source: IO[bytes], fd: int, start: int, length: int) -> None:
    """Append ``length`` bytes of ``source`` from ``start`` to the file ``fd``."""
    src = source.fileno()
    copy = getattr(os, "copy_file_range", None)
    while length > 0:
        n = 0
        if copy is not None:
            try:
                n = copy(src, fd, min(length, 1 << 30), start)
            except OSError:  # not supported between these files: copy through memory
                copy = None
        if copy is None:
            data = os.pread(src, min(length, 16 << 20), start)
            _write_all(fd, data)
            n = len(data)
        if n == 0:
            raise SpliceError("the published graph.trig is shorter than its index")
        start += n
        length -= n
