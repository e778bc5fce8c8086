"""Storage and serialization: the one module that reads and writes graph files.

Turtle and TriG are written by Oxigraph's serializer from sorted statements with kg's prefixes
(so the same graph gives the same bytes); every file lands atomically: a temporary file in the
target folder, renamed into place, so a failed run never leaves a half-written file or destroys
the last good one.
Reading for queries goes through pyoxigraph, whose parser and SPARQL engine are an order of
magnitude faster than rdflib's; :func:`load_rdflib` serves validation (pyshacl needs rdflib).

>>> import tempfile, pathlib
>>> from rdflib import Dataset
>>> out = pathlib.Path(tempfile.mkdtemp())
>>> paths = write_dataset(Dataset(), out)
>>> sorted(p.name for p in paths)
['graph.trig', 'graph.ttl']
"""

from __future__ import annotations

import contextlib
import heapq
import io
import itertools
import os
import re
import tempfile
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import IO, Any

import pyoxigraph as ox
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.term import Node

from kg.model import KgError
from kg.namespaces import PREFIXES

#: Export formats: name -> (rdflib serializer, file suffix).
EXPORT_FORMATS: dict[str, tuple[str, str]] = {
    "turtle": ("turtle", ".ttl"),
    "nt": ("nt", ".nt"),
    "trig": ("trig", ".trig"),
    "nquads": ("nquads", ".nq"),
    "jsonld": ("json-ld", ".jsonld"),
}

_OX_FORMATS: dict[str, ox.RdfFormat] = {
    ".ttl": ox.RdfFormat.TURTLE,
    ".trig": ox.RdfFormat.TRIG,
    ".nt": ox.RdfFormat.N_TRIPLES,
    ".nq": ox.RdfFormat.N_QUADS,
    ".jsonld": ox.RdfFormat.JSON_LD,
    ".rdf": ox.RdfFormat.RDF_XML,
}
_RDFLIB_FORMATS: dict[str, str] = {
    ".ttl": "turtle",
    ".trig": "trig",
    ".nt": "nt",
    ".nq": "nquads",
    ".jsonld": "json-ld",
    ".rdf": "xml",
}


@contextlib.contextmanager
def atomic_write(path: Path, *, mode: str = "w") -> Iterator[IO[Any]]:
    """Open a temporary file beside ``path``; on success sync it and rename it over ``path``.

    ``mode`` is ``"w"`` (UTF-8 text, ``\\n`` line ends) or ``"wb"`` (bytes).
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        binary = "b" in mode
        encoding, newline = (None, None) if binary else ("utf-8", "\n")
        with os.fdopen(fd, mode, encoding=encoding, newline=newline) as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
        with contextlib.suppress(OSError):  # make the rename itself durable
            dir_fd = os.open(path.parent, os.O_RDONLY)
            try:
                os.fsync(dir_fd)
            finally:
                os.close(dir_fd)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def _bind(g: Graph | Dataset) -> None:
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns, override=True, replace=True)


# ---------------------------------------------------------------------------------------------
# Terms as N-Triples text: the interchange form between pipeline workers and the writers.
# A triple is (subject, predicate, object), each in N-Triples syntax; sorting these strings gives
# a stable order, and Turtle/TriG are written from them without an in-memory RDF graph.
# ---------------------------------------------------------------------------------------------

TermTriple = tuple[str, str, str]
_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})


def nt_term(term: Node) -> str:
    """An rdflib term in N-Triples syntax (literals on one line, escapes as in N-Triples)."""
    if isinstance(term, URIRef):
        return f"<{term}>"
    if isinstance(term, Literal):
        text = f'"{str(term).translate(_ESCAPES)}"'
        if term.language:
            return f"{text}@{term.language}"
        if term.datatype is not None and str(term.datatype) != _XSD_STRING:
            return f"{text}^^<{term.datatype}>"
        return text
    if isinstance(term, BNode):
        return f"_:{term}"
    raise KgError(f"cannot serialize RDF term {term!r}")


def graph_triples(graph: Graph) -> list[TermTriple]:
    """The triples of a graph as sorted N-Triples term strings."""
    return sorted({(nt_term(s), nt_term(p), nt_term(o)) for s, p, o in graph})


def nt_lines(triples: Iterable[TermTriple]) -> bytes:
    """Term triples as N-Triples bytes, one statement a line (see :func:`parse_nt_lines`)."""
    return "".join(f"{s} {p} {o} .\n" for s, p, o in triples).encode("utf-8")


def parse_nt_lines(data: bytes, terms: dict[str, str] | None = None) -> list[TermTriple]:
    """The term triples of :func:`nt_lines` output, in its order.

    Subjects and predicates (IRIs, blank nodes) hold no spaces, so each line splits at its
    first two spaces; the object is the rest without the closing `` .``. With ``terms`` (one
    dict shared by all the graphs of a build), each distinct term is one string object: a corpus
    repeats its terms millions of times.
    """
    out: list[TermTriple] = []
    same: dict[str, str] = {} if terms is None else terms
    for line in data.decode("utf-8").splitlines():
        s, p, rest = line.split(" ", 2)
        o = rest[:-2]
        out.append((same.setdefault(s, s), same.setdefault(p, p), same.setdefault(o, o)))
    return out


_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
#: ``rdf:type`` as an N-Triples term (the predicate the writers print first).
RDF_TYPE_TERM = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
_PREFIX_ITEMS = sorted(PREFIXES.items(), key=lambda kv: -len(kv[1]))
_OX_PREFIXES = {prefix: str(ns) for prefix, ns in sorted(PREFIXES.items())}


def _unique_sorted(ordered: list[TermTriple]) -> list[TermTriple]:
    """A sorted list without its repeats (which sorting made neighbours)."""
    if not ordered:
        return []
    out = [ordered[0]]
    out += [b for a, b in itertools.pairwise(ordered) if a != b]
    return out


def _print_order(triples: Iterable[TermTriple]) -> list[TermTriple]:
    """Triples once each in the order the files print them: by subject, then ``rdf:type``
    first, then by predicate and object.

    A plain sort (nearly free on the sorted lists the pipeline passes) and one pass that
    moves each subject's types to the front, instead of a sort on a computed key.
    """
    ordered = _unique_sorted(sorted(triples))
    out: list[TermTriple] = []
    i, n = 0, len(ordered)
    while i < n:
        subject = ordered[i][0]
        j = i + 1
        while j < n and ordered[j][0] == subject:
            j += 1
        block = ordered[i:j]
        types = [t for t in block if t[1] == RDF_TYPE_TERM]
        if types and len(types) < len(block):
            out += types
            out += [t for t in block if t[1] != RDF_TYPE_TERM]
        else:
            out += block
        i = j
    return out


def prefix_header() -> str:
    """The prefix lines every Turtle and TriG file kg writes starts with."""
    return "".join(f"@prefix {p}: <{ns}> .\n" for p, ns in _OX_PREFIXES.items())


def _ox_body(lines: Iterable[str], fmt: ox.RdfFormat) -> str:
    """N-Triples/N-Quads ``lines`` (in the order to print) as Turtle or TriG, without the
    prefix lines.

    Oxigraph's serializer does the writing: it abbreviates with kg's prefixes, groups a
    subject's statements (and a graph's) when they follow each other, and keeps every
    literal's lexical form; it is about ten times faster than the hand-written writer it
    replaced. Its prefix lines come in an order of its own, so they are dropped and the
    writers print kg's sorted header: the bytes depend on the statements only.
    """
    return _ox_body_bytes("".join(lines).encode("utf-8"), fmt)


def _ox_body_bytes(data: bytes, fmt: ox.RdfFormat) -> str:
    """:func:`_ox_body` of N-Triples/N-Quads bytes."""
    return ox_body_raw(data, fmt).decode("utf-8")


def ox_body_raw(data: bytes, fmt: ox.RdfFormat) -> bytes:
    """N-Triples/N-Quads bytes serialized as Turtle or TriG by Oxigraph, without the prefix
    lines, as UTF-8 bytes (see :func:`_ox_body`)."""
    source = ox.RdfFormat.N_QUADS if fmt == ox.RdfFormat.TRIG else ox.RdfFormat.N_TRIPLES
    body = ox.serialize(ox.parse(data, source), format=fmt, prefixes=_OX_PREFIXES)
    assert body is not None
    skip = 0  # (an empty graph has no header at all)
    while body.startswith(b"@prefix ", skip):
        skip = body.index(b"\n", skip) + 1
    return body[skip:]


def _write_with_header(bodies: Iterable[str], fh: IO[str]) -> None:
    fh.write(prefix_header())
    first = True
    for body in bodies:
        if body:
            if first:
                fh.write("\n")
                first = False
            fh.write(body)


#: Statements serialized at once when writing Turtle: the body goes out in pieces of about this
#: many (each ending with a subject), not as one string of the whole graph.
TURTLE_PIECE = 100_000


def write_turtle(triples: Iterable[TermTriple], fh: IO[str]) -> None:
    """Write triples as Turtle: kg's prefixes, then subjects in order, each with its
    statements (``rdf:type`` first), each triple once.

    The statements are serialized :data:`TURTLE_PIECE` at a time, cut where a subject ends:
    Oxigraph's serializer ends every subject's block with `` .`` and a line break, so the
    pieces joined are the bytes of the whole serialized at once, without holding that whole
    (a few gigabytes at 10,000 documents) as one string.
    """
    _write_with_header(_turtle_pieces(_print_order(triples)), fh)


def _turtle_pieces(ordered: list[TermTriple]) -> Iterator[str]:
    """Turtle bodies of consecutive runs of ``ordered`` (print order), each run whole subjects."""
    start, n = 0, len(ordered)
    while start < n:
        end = min(n, start + TURTLE_PIECE)
        while end < n and ordered[end][0] == ordered[end - 1][0]:
            end += 1  # a subject's statements stay in one piece
        lines = (f"{s} {p} {o} .\n" for s, p, o in ordered[start:end])
        yield _ox_body(lines, ox.RdfFormat.TURTLE)
        start = end


# ---------------------------------------------------------------------------------------------
# graph.ttl as a stream: a k-way merge of graphs' sorted N-Triples, one subject at a time.
# Term triples sort as their N-Triples lines do (a term never continues past its end with a
# character below the space that separates it from the next), so each graph's sorted lines are
# its sorted triples, and merging the lines gives the merged graph's order without one list of
# all its triples.
# ---------------------------------------------------------------------------------------------

#: A subject's N-Triples lines in one graph: (subject term, its lines).
SubjectRun = tuple[bytes, bytes]
_RUN = re.compile(rb"([^ \n]+) [^\n]*\n(?:\1 [^\n]*\n)*")
_TYPE_LINE = b" " + RDF_TYPE_TERM.encode() + b" "


def nt_runs(chunks: Iterable[bytes]) -> Iterator[SubjectRun]:
    """The subjects of sorted N-Triples (chunks of whole lines, as :func:`nt_lines` writes
    them) with their lines, in order; a subject cut by a chunk boundary comes in two runs."""
    for chunk in chunks:
        for m in _RUN.finditer(chunk):
            yield m.group(1), m.group(0)


def merge_runs(
    sources: Sequence[Iterable[SubjectRun]],
) -> Iterator[tuple[bytes, list[tuple[int, bytes]]]]:
    """The subjects of several graphs' :func:`nt_runs`, in order, each once with its runs:
    (subject, [(index of the source, lines), ...])."""
    tagged = [_tagged(i, runs) for i, runs in enumerate(sources)]
    subject: bytes | None = None
    parts: list[tuple[int, bytes]] = []
    for s, i, lines in heapq.merge(*tagged):
        if s != subject:
            if subject is not None:
                yield subject, parts
            subject, parts = s, []
        parts.append((i, lines))
    if subject is not None:
        yield subject, parts


def _tagged(i: int, runs: Iterable[SubjectRun]) -> Iterator[tuple[bytes, int, bytes]]:
    for subject, lines in runs:
        yield subject, i, lines


def union_lines(parts: Iterable[bytes]) -> bytes:
    """One subject's lines from several runs, sorted, each once."""
    runs = list(parts)
    if len(runs) == 1:
        return runs[0]
    return b"".join(sorted(set(b"".join(runs).splitlines(keepends=True))))


def types_first(subject: bytes, lines: bytes) -> bytes:
    """One subject's sorted lines in print order: its ``rdf:type`` statements first (see
    :func:`_print_order`)."""
    head = b"\n" + subject + _TYPE_LINE
    first = (b"\n" + lines).find(head)
    if first <= 0:  # no type (or already first)
        return lines
    last = (b"\n" + lines).rfind(head)
    end = lines.index(b"\n", last) + 1
    return lines[first:end] + lines[:first] + lines[end:]


def merged_blocks(sources: Sequence[Iterable[bytes]]) -> Iterator[bytes]:
    """The union of graphs given as chunks of sorted N-Triples (:func:`nt_lines`), as each
    subject's block of lines in print order: what :func:`write_turtle` prints of
    :func:`merge_graphs`, one subject at a time (see :func:`write_turtle_blocks`)."""
    for subject, parts in merge_runs([nt_runs(chunks) for chunks in sources]):
        yield types_first(subject, union_lines(lines for _, lines in parts))


#: Bytes read at a time from each graph's N-Triples file by :func:`file_chunks`.
CHUNK_BYTES = 8_192


def file_chunks(path: Path, size: int = CHUNK_BYTES) -> Iterator[bytes]:
    """A file's bytes in chunks of whole lines of about ``size`` bytes, the file opened for
    each read only: a merge of ten thousand graphs keeps neither ten thousand files open nor
    their contents in memory."""
    at, rest = 0, b""
    while True:
        with open(path, "rb") as fh:
            fh.seek(at)
            data = fh.read(size)
        at += len(data)
        if not data:
            if rest:
                yield rest
            return
        data = rest + data
        cut = data.rfind(b"\n") + 1
        rest, chunk = data[cut:], data[:cut]
        del data  # not kept while the chunk is read: a merge holds one chunk per graph
        if cut:
            yield chunk


def write_turtle_blocks(blocks: Iterable[bytes], fh: IO[str]) -> int:
    """Write Turtle from subjects' N-Triples blocks in print order (each block one subject's
    statements, as :func:`types_first` gives them); returns the statements written.

    The same bytes as :func:`write_turtle` of those statements: blocks are serialized about
    :data:`TURTLE_PIECE` statements at a time, each piece whole subjects.
    """
    count = 0

    def pieces() -> Iterator[str]:
        nonlocal count
        piece: list[bytes] = []
        size = 0
        for block in blocks:
            piece.append(block)
            n = block.count(b"\n")
            size += n
            count += n
            if size >= TURTLE_PIECE:
                yield _ox_body_bytes(b"".join(piece), ox.RdfFormat.TURTLE)
                piece, size = [], 0
        if piece:
            yield _ox_body_bytes(b"".join(piece), ox.RdfFormat.TURTLE)

    _write_with_header(pieces(), fh)
    return count


def trig_block(name: str, triples: Iterable[TermTriple]) -> str:
    """One graph as TriG, without the prefix lines: what :func:`write_trig` prints for it
    (``""`` is the default graph). Build workers make each document's block, so the parent
    only joins them (:func:`write_trig_blocks`)."""
    tail = f" <{name}> .\n" if name else " .\n"
    lines = (f"{s} {p} {o}{tail}" for s, p, o in _print_order(triples))
    return _ox_body(lines, ox.RdfFormat.TRIG)


def write_trig_blocks(blocks: Iterable[str], fh: IO[str]) -> None:
    """Write TriG from graph blocks of :func:`trig_block`, in the order given: the same
    bytes as :func:`write_trig` of those graphs."""
    _write_with_header(blocks, fh)


def write_trig(graphs: Iterable[tuple[str, Iterable[TermTriple]]], fh: IO[str]) -> None:
    """Write graphs as TriG, in the order given (callers sort by graph IRI; ``""`` is the
    default graph), each graph's statements as :func:`write_turtle` orders them."""
    write_trig_blocks((trig_block(name, triples) for name, triples in graphs), fh)


def dataset_graphs(ds: Dataset) -> list[tuple[str, list[TermTriple]]]:
    """Every non-empty named graph of an rdflib dataset as (graph IRI, sorted triples)."""
    out = []
    for g in ds.graphs():
        if len(g) and isinstance(g.identifier, URIRef) and g.identifier != DATASET_DEFAULT_GRAPH_ID:
            out.append((str(g.identifier), graph_triples(g)))
    default = ds.graph(DATASET_DEFAULT_GRAPH_ID)
    if len(default):
        raise KgError("the dataset has triples outside named graphs; kg keeps every fact in one")
    return sorted(out)


def store_graphs(store: ox.Store) -> list[tuple[str, list[TermTriple]]]:
    """Every graph of a store as (graph IRI, sorted triples); '' is the default graph."""
    groups: dict[str, set[TermTriple]] = {}
    for q in store:
        g = "" if isinstance(q.graph_name, ox.DefaultGraph) else q.graph_name.value
        groups.setdefault(g, set()).add((str(q.subject), str(q.predicate), str(q.object)))
    return sorted((g, sorted(t)) for g, t in groups.items())


def serialize(graph: Graph | Dataset, fmt: str) -> str:
    """Serialize an rdflib graph or dataset as text in an export format.

    Output is byte-stable: every format is written from sorted triples.
    """
    graphs = dataset_graphs(graph) if isinstance(graph, Dataset) else [("", graph_triples(graph))]
    return serialize_graphs(graphs, fmt)


def serialize_graphs(graphs: list[tuple[str, list[TermTriple]]], fmt: str) -> str:
    """Serialize (graph IRI, triples) pairs in an export format (see :data:`EXPORT_FORMATS`).

    ``""`` names the default graph. Turtle and N-Triples hold one graph: the union of all.
    TriG, N-Quads and JSON-LD keep every named graph. Terms are written as given (datatypes
    and lexical forms untouched), so the output reads back to the same graphs.
    """
    if fmt not in EXPORT_FORMATS:
        raise KgError(f"unknown format {fmt!r}; choose one of: {', '.join(EXPORT_FORMATS)}")
    grouped: dict[str, set[TermTriple]] = {}
    for g, ts in graphs:
        grouped.setdefault(g, set()).update(ts)
    graphs = [(g, sorted(grouped[g])) for g in sorted(grouped)]
    buf = io.StringIO()
    if fmt == "turtle":
        write_turtle(merge_graphs(graphs), buf)
    elif fmt == "nt":
        lines = sorted({f"{s} {p} {o} .\n" for _, ts in graphs for s, p, o in ts})
        buf.writelines(lines)
    elif fmt == "trig":
        default = merge_graphs([(g, ts) for g, ts in graphs if not g])
        named = sorted((g, ts) for g, ts in graphs if g)
        write_trig([("", default), *named] if default else named, buf)
    elif fmt == "nquads":
        lines = sorted(
            {f"{s} {p} {o}{f' <{g}>' if g else ''} .\n" for g, ts in graphs for s, p, o in ts}
        )
        buf.writelines(lines)
    else:
        write_jsonld(graphs, buf)
    return buf.getvalue()


# ---------------------------------------------------------------------------------------------
# JSON-LD: compacted with kg's prefixes as the @context, one object per named graph, values as
# {"@value", "@type"} objects (never JSON numbers, which would change lexical forms), every list
# in sorted order, so the bytes depend on the triples only.
# ---------------------------------------------------------------------------------------------

_NT_UNESCAPE = re.compile(r"\\(?:u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})|(.))", re.DOTALL)
_NT_SIMPLE = {"t": "\t", "b": "\b", "n": "\n", "r": "\r", "f": "\f", '"': '"', "'": "'"}
_NT_SIMPLE["\\"] = "\\"


def _nt_unescape(text: str) -> str:
    def one(m: re.Match[str]) -> str:
        code = m.group(1) or m.group(2)
        if code:
            return chr(int(code, 16))
        char = m.group(3)
        if char not in _NT_SIMPLE:
            raise KgError(f"bad escape \\{char} in literal {text!r}")
        return _NT_SIMPLE[char]

    return _NT_UNESCAPE.sub(one, text)


def _jsonld_iri(iri: str) -> str:
    """An IRI as a JSON-LD compact IRI (``prefix:local``) when a kg prefix covers it."""
    for prefix, ns in _PREFIX_ITEMS:
        if iri.startswith(ns):
            local = iri[len(ns) :]
            if local and not local.startswith("//"):
                return f"{prefix}:{local}"
            break
    scheme = iri.partition(":")[0]
    if scheme in PREFIXES:
        raise KgError(f"IRI {iri!r} reads as a compact IRI in JSON-LD; cannot export it")
    return iri


def _jsonld_ref(term: str) -> str:
    """A node term (``<iri>`` or ``_:label``) as a JSON-LD ``@id`` value."""
    return _jsonld_iri(term[1:-1]) if term.startswith("<") else term


def _jsonld_value(term: str) -> Any:
    """An object term as a JSON-LD value: a node reference, a string or a value object."""
    if not term.startswith('"'):
        return {"@id": _jsonld_ref(term)}
    end = term.rindex('"')
    lexical, rest = _nt_unescape(term[1:end]), term[end + 1 :]
    if rest.startswith("@"):
        return {"@value": lexical, "@language": rest[1:]}
    if rest.startswith("^^<"):
        return {"@value": lexical, "@type": _jsonld_iri(rest[3:-1])}
    return lexical


def _jsonld_nodes(triples: Iterable[TermTriple]) -> list[dict[str, Any]]:
    """Node objects for sorted triples: one per subject, ``@id`` and ``@type`` first."""
    by_subject: dict[str, list[tuple[str, str]]] = {}
    for s, p, o in triples:
        by_subject.setdefault(s, []).append((p, o))
    nodes: list[dict[str, Any]] = []
    for s in sorted(by_subject):
        node: dict[str, Any] = {"@id": _jsonld_ref(s)}
        props: dict[str, list[Any]] = {}
        for p, o in sorted(set(by_subject[s])):
            if p == RDF_TYPE_TERM and not o.startswith('"'):
                node.setdefault("@type", []).append(_jsonld_ref(o))
            else:
                props.setdefault(_jsonld_iri(p[1:-1]), []).append(_jsonld_value(o))
        if len(node.get("@type", ())) == 1:
            node["@type"] = node["@type"][0]
        for key in sorted(props):
            node[key] = props[key][0] if len(props[key]) == 1 else props[key]
        nodes.append(node)
    return nodes


def write_jsonld(graphs: Iterable[tuple[str, Iterable[TermTriple]]], fh: IO[str]) -> None:
    """Write graphs as compacted JSON-LD: ``@context`` with kg's prefixes, the default graph's
    nodes at the top level and one ``{"@id": graph, "@graph": [...]}`` object per named graph.

    Byte-stable (sorted subjects, keys and values; no hash-ordered collections).
    """
    import json

    default: set[TermTriple] = set()
    named: dict[str, set[TermTriple]] = {}
    for g, ts in graphs:
        (named.setdefault(g, set()) if g else default).update(ts)
    top: list[dict[str, Any]] = _jsonld_nodes(sorted(default))
    for g in sorted(named):
        if named[g]:
            top.append({"@id": _jsonld_iri(g), "@graph": _jsonld_nodes(sorted(named[g]))})
    doc = {"@context": dict(sorted(PREFIXES.items())), "@graph": top}
    fh.write(json.dumps(doc, indent=1, ensure_ascii=False))
    fh.write("\n")


def read_graphs(path: str | Path | None) -> list[tuple[str, list[TermTriple]]]:
    """Every graph of a graph file (or build folder) as (graph IRI, sorted triples), read
    exactly as written: ``""`` is the default graph; datatypes and lexical forms are kept
    (a store would canonicalize ``"35.0"`` to ``"35"``), and blank node labels too.
    """
    p = resolve_graph_path(path)
    inlined = check_graph_file(p)  # size, DTD/entities, remote JSON-LD contexts: refused first
    groups: dict[str, set[TermTriple]] = {}
    try:
        fmt = _OX_FORMATS[p.suffix.lower()]
        quads = (
            ox.parse(inlined, format=fmt, rename_blank_nodes=False)
            if inlined is not None
            else ox.parse(path=str(p), format=fmt, rename_blank_nodes=False)
        )
        for q in quads:
            g = "" if isinstance(q.graph_name, ox.DefaultGraph) else q.graph_name.value
            groups.setdefault(g, set()).add((str(q.subject), str(q.predicate), str(q.object)))
    except (SyntaxError, ValueError) as exc:
        raise KgError(f"{p}: not valid RDF: {str(exc).splitlines()[0]}") from None
    except OSError as exc:
        raise KgError(f"{p}: cannot read ({exc})") from None
    return sorted((g, sorted(ts)) for g, ts in groups.items())


def merged_graph(ds: Dataset) -> Graph:
    """All triples of every graph of a dataset in one graph (duplicates merged)."""
    g = Graph()
    _bind(g)
    for s, p, o, _ in ds.quads((None, None, None, None)):
        g.add((s, p, o))
    return g


def write_dataset(ds: Dataset, out_dir: Path) -> list[Path]:
    """Write ``graph.trig`` (one named graph per document) and ``graph.ttl`` (merged)."""
    return write_graphs(dataset_graphs(ds), Path(out_dir))


def merge_graphs(graphs: list[tuple[str, list[TermTriple]]]) -> list[TermTriple]:
    """The union of several graphs' triples, each once, sorted.

    The graphs come sorted, so the sort merges their runs (about ten times faster than
    sorting a set at a million triples) and repeats end up side by side.
    """
    return _unique_sorted(sorted(t for _, ts in graphs for t in ts))


def write_graphs(
    graphs: list[tuple[str, list[TermTriple]]],
    out_dir: Path,
    *,
    merged: list[TermTriple] | None = None,
    blocks: Mapping[str, str] | None = None,
) -> list[Path]:
    """Write named graphs to ``out_dir/graph.trig`` and their union to ``out_dir/graph.ttl``.

    ``merged`` is that union when the caller already has it (see :func:`merge_graphs`);
    ``blocks`` maps graph IRIs to their :func:`trig_block` when the caller has them.
    """
    trig = out_dir / "graph.trig"
    ttl = out_dir / "graph.ttl"
    made = blocks or {}
    with atomic_write(trig) as fh:
        write_trig_blocks((made[g] if g in made else trig_block(g, ts) for g, ts in graphs), fh)
    with atomic_write(ttl) as fh:
        write_turtle(merged if merged is not None else merge_graphs(graphs), fh)
    return [ttl, trig]


#: Default largest graph file read (bytes): 1 GiB, several times a 2,000-document corpus
#: build; ``$KG_MAX_GRAPH_BYTES`` raises or lowers it. Loading takes a few times the file's size
#: in memory (rdflib, for validation, about ten times).
MAX_GRAPH_BYTES: int = 1 << 30
ENV_MAX_GRAPH_BYTES = "KG_MAX_GRAPH_BYTES"
#: How deep a JSON-LD file's local contexts may refer to further contexts.
_MAX_CONTEXT_DEPTH = 8


def max_graph_bytes() -> int:
    """The largest graph file read: ``$KG_MAX_GRAPH_BYTES`` if set, else :data:`MAX_GRAPH_BYTES`."""
    raw = os.environ.get(ENV_MAX_GRAPH_BYTES)
    if not raw:
        return MAX_GRAPH_BYTES
    try:
        value = int(raw)
    except ValueError:
        value = 0
    if value <= 0:
        raise KgError(f"{ENV_MAX_GRAPH_BYTES}={raw!r}: give a positive number of bytes")
    return value


def resolve_graph_path(path: str | Path | None) -> Path:
    """The graph file to read: a file as given, or ``graph.trig`` (else ``graph.ttl``) in a folder.

    ``None`` means the default build folder ``out``.
    """
    p = Path(path) if path is not None else Path("out")
    if p.is_dir():
        for name in ("graph.trig", "graph.ttl"):
            if (p / name).is_file():
                return p / name
        raise KgError(f"{p}: no graph.trig or graph.ttl here; run 'kg build --out {p}' first")
    if not p.is_file():
        hint = " (run 'kg build' first)" if path is None else ""
        raise KgError(f"{p}: no such graph file or folder{hint}")
    if p.suffix.lower() not in _OX_FORMATS:
        raise KgError(f"{p}: unknown RDF file type; use one of: {', '.join(sorted(_OX_FORMATS))}")
    return p


def check_graph_file(p: Path, max_bytes: int | None = None) -> bytes | None:
    """Refuse a graph file that could take the machine down or reach out of it, before any
    parser reads it; for JSON-LD, return the text to parse (local contexts inlined).

    Every refusal is a one-line :class:`KgError`: a file over ``max_bytes`` (default
    :func:`max_graph_bytes`); RDF/XML with a document type declaration (its entities can expand
    a kilobyte into gigabytes: "billion laughs"; RDF needs no DTD); JSON-LD whose ``@context``
    or ``@import`` names a remote document (kg never fetches; no network) or a file that is not
    beside the graph file.
    """
    limit = max_graph_bytes() if max_bytes is None else max_bytes
    try:
        size = p.stat().st_size
    except OSError as exc:
        raise KgError(f"{p}: cannot read ({exc.strerror or exc})") from None
    if size > limit:
        raise KgError(
            f"{p}: {size / 1e6:.1f} MB is over the {limit / 1e6:.1f} MB limit for a graph file; "
            f"set {ENV_MAX_GRAPH_BYTES} to read it"
        )
    suffix = p.suffix.lower()
    if suffix == ".rdf":
        _refuse_xml_doctype(p)
    if suffix == ".jsonld":
        return _jsonld_local(p, limit)
    return None


def _refuse_xml_doctype(p: Path) -> None:
    """Read an XML file's prolog with expat (stdlib) and refuse a DOCTYPE or entity declaration.

    A DTD can only come before the root element, so reading stops at the root's start tag:
    the cost is a few bytes, whatever the file's size. Expat, not a byte search, so the check
    holds for every encoding an XML parser accepts (UTF-16, declared encodings, BOMs).
    """
    from xml.parsers import expat

    class _RootReached(Exception):
        pass

    def doctype(*_: object) -> None:
        raise KgError(
            f"{p}: RDF/XML with a DOCTYPE (entity declarations) is refused: entities can expand "
            "without bound; remove the DOCTYPE"
        )

    def root(*_: object) -> None:
        raise _RootReached

    parser = expat.ParserCreate()
    parser.StartDoctypeDeclHandler = doctype
    parser.EntityDeclHandler = doctype
    parser.StartElementHandler = root
    try:
        with p.open("rb") as fh:
            while chunk := fh.read(65536):
                parser.Parse(chunk, False)
            parser.Parse(b"", True)
    except _RootReached:
        return
    except expat.ExpatError as exc:
        problem = expat.errors.messages[exc.code]
        raise KgError(f"{p}:{exc.lineno}: not valid RDF/XML: {problem}") from None
    except OSError as exc:
        raise KgError(f"{p}: cannot read ({exc.strerror or exc})") from None
    raise KgError(f"{p}: not valid RDF/XML: no root element")


def _jsonld_local(p: Path, max_bytes: int) -> bytes:
    """The JSON-LD file's text with every context reference replaced by the local file's
    context; remote contexts (``http:``, ``https:``, any URL scheme) and files outside the
    graph file's folder are refused, so neither parser ever fetches anything."""
    import json

    def load(path: Path, what: str) -> Any:
        try:
            size = path.stat().st_size
            if size > max_bytes:
                raise KgError(f"{path}: {what} is over the {max_bytes / 1e6:.1f} MB limit")
            return json.loads(path.read_bytes())
        except RecursionError:
            raise KgError(f"{path}: JSON-LD nested too deeply") from None
        except ValueError as exc:
            raise KgError(f"{path}: not valid JSON-LD: {str(exc).splitlines()[0]}") from None
        except OSError as exc:
            raise KgError(f"{path}: cannot read ({exc.strerror or exc})") from None

    folder = p.parent.resolve()

    def local_context(ref: str, depth: int) -> Any:
        from urllib.parse import urlsplit

        if urlsplit(ref).scheme:
            raise KgError(
                f"{p}: JSON-LD context {ref!r} is a URL, and kg never fetches (no network); "
                "save the context beside the file and refer to it by file name, or inline it"
            )
        rel = Path(ref)
        target = (p.parent / rel).resolve()
        if rel.is_absolute() or ".." in rel.parts or not target.is_relative_to(folder):
            raise KgError(f"{p}: JSON-LD context {ref!r} must be a file beside the graph file")
        if not target.is_file():
            raise KgError(f"{p}: JSON-LD context {ref!r} not found beside the graph file")
        if depth >= _MAX_CONTEXT_DEPTH:
            raise KgError(f"{p}: JSON-LD contexts refer to each other more than 8 deep")
        doc = load(target, "a JSON-LD context")
        if not isinstance(doc, dict) or "@context" not in doc:
            raise KgError(f"{target}: not a JSON-LD context document (no '@context')")
        return inline(doc["@context"], depth + 1)

    def inline(value: Any, depth: int) -> Any:
        """``value`` (a context) with references to other contexts replaced by their content."""
        if isinstance(value, str):
            return local_context(value, depth)
        if isinstance(value, list):
            return [inline(v, depth) for v in value]
        if isinstance(value, dict):
            out = {k: walk(v, depth) for k, v in value.items() if k != "@import"}
            if "@import" in value:
                imported = inline(value["@import"], depth)
                if not isinstance(imported, dict):
                    raise KgError(f"{p}: JSON-LD '@import' must name one context object")
                out = {**imported, **out}
            return out
        return value

    def walk(value: Any, depth: int) -> Any:
        if isinstance(value, dict):
            return {
                k: inline(v, depth) if k == "@context" else walk(v, depth) for k, v in value.items()
            }
        if isinstance(value, list):
            return [walk(v, depth) for v in value]
        return value

    try:
        return json.dumps(walk(load(p, "the file"), 0)).encode("utf-8")
    except RecursionError:
        raise KgError(f"{p}: JSON-LD nested too deeply") from None


#: The on-disk query store a build writes into its generation (public path ``OUT/store``).
STORE_DIR = "store"
#: The named graph a graph file without named graphs (Turtle, N-Triples) is loaded into, so
#: queries that scope patterns with ``GRAPH ?g`` (one document at a time) see it too.
MERGED_GRAPH = "urn:kg:graph:merged"


def built_store(path: str | Path | None) -> Path | None:
    """The on-disk store of a build folder (``OUT/store``), or ``None`` for a graph file or a
    folder built without one (by an older kg)."""
    p = Path(path) if path is not None else Path("out")
    if p.is_dir() and (p / STORE_DIR / "CURRENT").is_file():
        return (p / STORE_DIR).resolve()
    return None


def nquads(graphs: Iterable[tuple[str, Iterable[TermTriple]]]) -> Iterator[bytes]:
    """(graph IRI, term triples) as N-Quads lines in UTF-8; ``""`` is the default graph."""
    for name, triples in graphs:
        tail = f" <{name}> .\n" if name else " .\n"
        yield "".join(f"{s} {p} {o}{tail}" for s, p, o in triples).encode("utf-8")


def graph_nquads(name: str, ntriples: bytes) -> bytes:
    """A graph's N-Triples (as :func:`nt_lines` writes them) as N-Quads in graph ``name``.

    Every statement ends its line with `` .``: literals keep their line breaks escaped.
    """
    return ntriples.replace(b" .\n", f" <{name}> .\n".encode())


class ChunkReader(io.RawIOBase):
    """A binary stream over byte chunks made on demand: a loader reads a corpus one
    document at a time instead of one joined copy of it.

    >>> import io
    >>> io.BufferedReader(ChunkReader(iter([b"ab", b"", b"c"]))).read()
    b'abc'
    """

    def __init__(self, chunks: Iterable[bytes]) -> None:
        self._chunks = iter(chunks)
        self._chunk = b""
        self._at = 0

    def readable(self) -> bool:
        """A reader: always."""
        return True

    def readinto(self, buffer: Any) -> int:
        """Fill ``buffer`` from the current chunk (the next when it is used up); 0 at the end."""
        while self._at >= len(self._chunk):
            chunk = next(self._chunks, None)
            if chunk is None:
                return 0
            self._chunk, self._at = chunk, 0
        n = min(len(buffer), len(self._chunk) - self._at)
        buffer[:n] = self._chunk[self._at : self._at + n]
        self._at += n
        return n


#: N-Quads bytes bulk-loaded at once by :func:`write_store`: Oxigraph's bulk loader holds
#: about 1.5 KB a quad until a load ends (at 1,000 documents: 860 MB and 12 s CPU for one
#: load; 175 MB and 17 s CPU in loads of 16 MB).
STORE_BATCH = 16 << 20


def write_store(quads: Iterable[bytes], folder: Path) -> Path:
    """Bulk-load N-Quads (chunks of :func:`nquads` or :func:`graph_nquads`, read as they are
    made) into a new on-disk Oxigraph store in ``folder`` (which must not exist), optimize
    it and flush it to disk; returns ``folder``.

    The chunks are loaded :data:`STORE_BATCH` bytes at a time (whole chunks), so the loader's
    memory is bounded whatever the corpus's size. One named graph per document, no copy in
    the default graph: queries read the union (:func:`query_store`). Oxigraph releases the
    GIL while it loads, so a build writes its other files meanwhile.
    """
    store = ox.Store(str(folder))
    try:
        batch: list[bytes] = []
        size = 0
        for chunk in quads:
            batch.append(chunk)
            size += len(chunk)
            if size >= STORE_BATCH:
                store.bulk_load(b"".join(batch), ox.RdfFormat.N_QUADS)
                batch, size = [], 0
        if batch:
            store.bulk_load(b"".join(batch), ox.RdfFormat.N_QUADS)
        store.optimize()
        store.flush()
    finally:
        del store
    _fsync_tree(folder)
    return folder


def update_store(
    source: Path,
    target: Path,
    changed: Sequence[tuple[str, bytes | None, bytes]],
    removed: Iterable[str],
) -> Path:
    """A copy of the on-disk store ``source`` in ``target`` (which must not exist), with the
    graphs ``changed`` replaced and the graphs ``removed`` dropped.

    Each changed graph is ``(IRI, before, after)``: its N-Triples (:func:`nt_lines`) as
    ``source`` holds them (``None`` when unknown or new) and as they must become. With
    ``before`` only the statements that differ are removed and added: dropping a whole graph
    removes its quads one by one, and a graph made across documents (the editions' links)
    holds a little of every document, so replacing it cost seconds when one document changed.
    A graph whose ``before`` or ``after`` names a blank node is replaced whole (a blank node's
    label in a file is not its identity in the store).

    The copy is Oxigraph's backup (hard links to the source's immutable files, so it costs
    little whatever the store's size); ``source`` is only read. Returns ``target``.

    >>> import tempfile
    >>> from pathlib import Path
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     a, b, g = Path(tmp, "a"), Path(tmp, "b"), "http://example.org/g"
    ...     one, two = b"<x:s> <x:p> <x:1> .\\n", b"<x:s> <x:p> <x:2> .\\n"
    ...     _ = write_store([graph_nquads(g, one)], a)
    ...     _ = update_store(a, b, [(g, one, two)], [])
    ...     [q.object.value for q in open_store(b)]
    ['x:2']
    """
    original = open_store(source)
    try:
        original.backup(str(target))
    except OSError as exc:
        raise KgError(f"{target}: cannot copy the query store ({exc})") from None
    finally:
        del original
    store = ox.Store(str(target))
    try:
        added: list[bytes] = []
        for name in removed:
            node = ox.NamedNode(name)
            if store.contains_named_graph(node):
                store.remove_graph(node)
        for name, before, after in changed:
            node = ox.NamedNode(name)
            if before is None or b"_:" in before or b"_:" in after:
                if store.contains_named_graph(node):
                    store.remove_graph(node)
                added.append(graph_nquads(name, after))
                continue
            old, new = set(before.splitlines(keepends=True)), set(after.splitlines(keepends=True))
            gone = b"".join(sorted(old - new))
            for quad in ox.parse(graph_nquads(name, gone), ox.RdfFormat.N_QUADS):
                store.remove(quad)
            added.append(graph_nquads(name, b"".join(sorted(new - old))))
            if not new and store.contains_named_graph(node):  # as a full load leaves it: none
                store.remove_graph(node)
        data = b"".join(added)
        if data:
            store.load(data, ox.RdfFormat.N_QUADS)
        store.flush()
    finally:
        del store
    _fsync_tree(target)
    return target


def _fsync_tree(folder: Path) -> None:
    for root, _, files in os.walk(folder):
        for name in files:
            fd = os.open(os.path.join(root, name), os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)
        fd = os.open(root, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def open_store(folder: Path) -> ox.Store:
    """Open an on-disk store read-only (several readers may share it; nothing can change it)."""
    try:
        return ox.Store.read_only(str(folder))
    except OSError as exc:
        raise KgError(f"{folder}: cannot open the query store ({exc})") from None


def load_store(
    path: str | Path | None, *, location: Path | None = None, max_bytes: int | None = None
) -> ox.Store:
    """The query store of a build folder, or a graph file loaded into a pyoxigraph store.

    A build folder (``OUT``, ``OUT/current``) opens the on-disk store its build wrote
    (``OUT/store``) read-only, without parsing anything. A graph file (or a folder without a
    store) is bulk-loaded into a store in memory, or on disk in the folder ``location``; the
    file is checked first (:func:`check_graph_file`: size limit ``max_bytes``, no XML DTD,
    local JSON-LD contexts only).

    Every document is its own named graph; queries read their union (:func:`run_query` sets
    ``use_default_graph_as_union``), so nothing is copied. A file without named graphs is
    loaded into the named graph :data:`MERGED_GRAPH`.
    """
    if location is None and (built := built_store(path)) is not None:
        return open_store(built)
    p = resolve_graph_path(path)
    data = check_graph_file(p, max_bytes)
    fmt = _OX_FORMATS[p.suffix.lower()]
    store = ox.Store(str(location)) if location is not None else ox.Store()
    try:
        if data is not None:
            store.bulk_load(data, fmt)
        else:
            store.bulk_load(path=str(p), format=fmt)
    except (SyntaxError, ValueError) as exc:
        raise KgError(f"{p}: not valid RDF: {str(exc).splitlines()[0]}") from None
    except OSError as exc:
        raise KgError(f"{p}: cannot read ({exc})") from None
    if not any(True for _ in store.named_graphs()) and len(store):
        merged = ox.NamedNode(MERGED_GRAPH)
        default = ox.DefaultGraph()
        quads = list(store.quads_for_pattern(None, None, None, default))
        store.bulk_extend(ox.Quad(q.subject, q.predicate, q.object, merged) for q in quads)
        store.clear_graph(default)
    if location is not None:
        store.flush()
    return store


def load_rdflib(path: str | Path | None, *, max_bytes: int | None = None) -> Dataset:
    """Load a graph file (or build folder) into an rdflib dataset (named graphs kept).

    The file is checked first, as for :func:`load_store`.
    """
    p = resolve_graph_path(path)
    data = check_graph_file(p, max_bytes)
    ds = Dataset(default_union=True)
    fmt = _RDFLIB_FORMATS[p.suffix.lower()]
    try:
        if data is not None:
            ds.parse(data=data, format=fmt, publicID=p.resolve().as_uri())
        else:
            ds.parse(p, format=fmt)
    except Exception as exc:  # rdflib raises many parser-specific exception types
        raise KgError(
            f"{p}: not valid RDF: {str(exc).splitlines()[0] if str(exc) else type(exc).__name__}"
        ) from None
    return ds
