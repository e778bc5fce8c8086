"""Storage and serialization: the one module that reads and writes graph files.

Writing goes through rdflib (sorted, prefix-abbreviated Turtle/TriG, so the same graph gives the
same bytes) and always lands atomically: a temporary file in the target folder, renamed into
place, so a failed run never leaves a half-written file or destroys the last good one.
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
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO

import pyoxigraph as ox
from rdflib import Dataset, Graph, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

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
def atomic_write(path: Path, *, mode: str = "w") -> Iterator[IO[str]]:
    """Open a temporary file beside ``path``; on success rename it over ``path``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, mode, encoding="utf-8", newline="\n") as fh:
            yield fh
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def _bind(g: Graph | Dataset) -> None:
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns, override=True, replace=True)


def serialize(graph: Graph | Dataset, fmt: str) -> str:
    """Serialize a graph or dataset as text in an export format (see :data:`EXPORT_FORMATS`).

    Line-based formats are sorted so the output is byte-stable.
    """
    if fmt not in EXPORT_FORMATS:
        raise KgError(f"unknown format {fmt!r}; choose one of: {', '.join(EXPORT_FORMATS)}")
    _bind(graph)
    if isinstance(graph, Dataset) and fmt in ("turtle", "nt"):
        merged = merged_graph(graph)
        return serialize(merged, fmt)
    if isinstance(graph, Graph) and not isinstance(graph, Dataset) and fmt in ("trig", "nquads"):
        ds = Dataset()
        for t in graph:
            ds.add(t)
        graph = ds
    if fmt == "trig":
        assert isinstance(graph, Dataset)
        return _trig(graph)
    text = graph.serialize(format=EXPORT_FORMATS[fmt][0])
    if fmt in ("nt", "nquads"):
        lines = sorted({line for line in text.splitlines() if line.strip()})
        text = "\n".join(lines) + ("\n" if lines else "")
    return text


def _trig(ds: Dataset) -> str:
    """TriG with named graphs in IRI order, each body sorted as rdflib sorts Turtle."""
    header = "".join(f"@prefix {p}: <{ns}> .\n" for p, ns in sorted(PREFIXES.items()))
    parts = [header]
    graphs = sorted((g for g in ds.graphs() if len(g)), key=lambda g: (isinstance(g.identifier, URIRef), str(g.identifier)))
    for g in graphs:
        body = Graph()
        _bind(body)
        for t in g:
            body.add(t)
        lines = [
            line
            for line in body.serialize(format="turtle").splitlines()
            if not line.startswith("@prefix ")
        ]
        # no re-indenting: a multi-line literal's lines must stay exactly as serialized
        text = "\n".join(lines).strip("\n")
        if isinstance(g.identifier, URIRef) and g.identifier != DATASET_DEFAULT_GRAPH_ID:
            parts.append(f"\n<{g.identifier}> {{\n{text}\n}}\n")
        else:
            parts.append(f"\n{{\n{text}\n}}\n")
    return "".join(parts)


def merged_graph(ds: Dataset) -> Graph:
    """All triples of every graph of a dataset in one graph (duplicates merged)."""
    g = Graph()
    _bind(g)
    for s, p, o, _ in ds.quads((None, None, None, None)):
        g.add((s, p, o))
    return g


def write_dataset(ds: Dataset, out_dir: Path) -> list[Path]:
    """Write ``graph.trig`` (one named graph per document) and ``graph.ttl`` (merged)."""
    out_dir = Path(out_dir)
    trig = out_dir / "graph.trig"
    ttl = out_dir / "graph.ttl"
    trig_text = serialize(ds, "trig")
    ttl_text = serialize(merged_graph(ds), "turtle")
    with atomic_write(trig) as fh:
        fh.write(trig_text)
    with atomic_write(ttl) as fh:
        fh.write(ttl_text)
    return [ttl, trig]


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


def load_store(path: str | Path | None) -> ox.Store:
    """Load a graph file (or build folder) into an in-memory pyoxigraph store for querying."""
    p = resolve_graph_path(path)
    store = ox.Store()
    try:
        store.bulk_load(path=str(p), format=_OX_FORMATS[p.suffix.lower()])
    except (SyntaxError, ValueError) as exc:
        raise KgError(f"{p}: not valid RDF: {str(exc).splitlines()[0]}") from None
    except OSError as exc:
        raise KgError(f"{p}: cannot read ({exc})") from None
    return store


def load_rdflib(path: str | Path | None) -> Dataset:
    """Load a graph file (or build folder) into an rdflib dataset (named graphs kept)."""
    p = resolve_graph_path(path)
    ds = Dataset(default_union=True)
    try:
        ds.parse(p, format=_RDFLIB_FORMATS[p.suffix.lower()])
    except Exception as exc:  # rdflib raises many parser-specific exception types
        raise KgError(f"{p}: not valid RDF: {str(exc).splitlines()[0] if str(exc) else type(exc).__name__}") from None
    return ds
