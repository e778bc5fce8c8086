"""`kg export`: every format reads back to exactly the graphs the build wrote.

Compared as sorted N-Quads lines from a parser that keeps lexical forms (pyoxigraph's
``parse``, not a store, which would canonicalize ``"35.0"`` to ``"35"``), so a changed datatype,
lexical form, graph name or a lost triple fails the comparison.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import BNode, Dataset

from kg.namespaces import PREFIXES
from kg.store import EXPORT_FORMATS, load_rdflib, nt_term, serialize_graphs
from kg.validate import validate_dataset

_OX = {
    "turtle": ox.RdfFormat.TURTLE,
    "nt": ox.RdfFormat.N_TRIPLES,
    "trig": ox.RdfFormat.TRIG,
    "nquads": ox.RdfFormat.N_QUADS,
    "jsonld": ox.RdfFormat.JSON_LD,
}
_RDFLIB = {"turtle": "turtle", "nt": "nt", "trig": "trig", "nquads": "nquads", "jsonld": "json-ld"}
_RDFLIB.update({".ttl": "turtle", ".trig": "trig"})
#: Formats that hold one graph (the union of the build's named graphs).
_GRAPH_FORMATS = {"turtle", "nt"}


def export(*args: str, seed: str = "0") -> subprocess.CompletedProcess[bytes]:
    """Run `kg export` in its own process with a given hash seed."""
    env = {**os.environ, "PYTHONHASHSEED": seed}
    return subprocess.run(
        [sys.executable, "-m", "kg.cli", "export", *args],
        capture_output=True,
        env=env,
        timeout=300,
        check=False,
    )


def _canonical(nquads: str) -> list[str]:
    """Sorted N-Quads lines in pyoxigraph's spelling (one escape style), graph names kept."""
    lines = set()
    for q in ox.parse(input=nquads, format=ox.RdfFormat.N_QUADS, rename_blank_nodes=False):
        g = "" if isinstance(q.graph_name, ox.DefaultGraph) else f" {q.graph_name}"
        lines.add(f"{q.subject} {q.predicate} {q.object}{g} .")
    return sorted(lines)


def quads(path: Path, fmt: ox.RdfFormat, *, with_graphs: bool = True) -> list[str]:
    """Sorted N-Quads lines of a file, lexical forms and graph names as written."""
    lines = []
    for q in ox.parse(path=str(path), format=fmt, rename_blank_nodes=False):
        named = with_graphs and not isinstance(q.graph_name, ox.DefaultGraph)
        lines.append(f"{q.subject} {q.predicate} {q.object}{f' {q.graph_name}' if named else ''} .")
    return _canonical("\n".join(lines))


def rdflib_quads(path: Path, fmt: str, *, with_graphs: bool = True) -> list[str]:
    """The same lines as read by rdflib (the library pyshacl validates with). rdflib renames
    blank nodes on reading; callers give at most one, which is written back as ``_:b1``."""
    ds = Dataset()
    ds.parse(path, format=fmt)
    lines = []
    for s, p, o, g in ds.quads((None, None, None, None)):
        terms = ["_:b1" if isinstance(t, BNode) else nt_term(t) for t in (s, p, o)]
        named = with_graphs and g is not None and "x-rdflib:default" not in str(g)
        lines.append(" ".join(terms) + (f" <{g}>" if named else "") + " .")
    return _canonical("\n".join(lines))


@pytest.fixture(scope="module")
def build_quads(pakistan_build: Path) -> dict[str, list[str]]:
    """The build's own files as quads: the dataset (graph.trig) and the merged graph."""
    return {
        "dataset": quads(pakistan_build / "graph.trig", ox.RdfFormat.TRIG),
        "graph": quads(pakistan_build / "graph.ttl", ox.RdfFormat.TURTLE),
    }


@pytest.mark.parametrize("fmt", sorted(EXPORT_FORMATS))
def test_export_reads_back_to_the_build(
    pakistan_build: Path, tmp_path: Path, build_quads: dict[str, list[str]], fmt: str
) -> None:
    out = tmp_path / f"graph{EXPORT_FORMATS[fmt][1]}"
    result = export("--graph", str(pakistan_build), "--format", fmt, "-o", str(out))
    assert result.returncode == 0, result.stderr
    expected = build_quads["graph" if fmt in _GRAPH_FORMATS else "dataset"]
    got = quads(out, _OX[fmt])
    missing, added = sorted(set(expected) - set(got)), sorted(set(got) - set(expected))
    assert (missing, added) == ([], []), f"missing {missing[:5]}, added {added[:5]}"
    assert any('"35.0"^^<http://www.w3.org/2001/XMLSchema#decimal>' in q for q in got)
    build_file = pakistan_build / ("graph.ttl" if fmt in _GRAPH_FORMATS else "graph.trig")
    assert rdflib_quads(out, _RDFLIB[fmt]) == rdflib_quads(build_file, _RDFLIB[build_file.suffix])


@pytest.mark.parametrize("fmt", sorted(EXPORT_FORMATS))
def test_export_passes_the_shapes(pakistan_build: Path, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"graph{EXPORT_FORMATS[fmt][1]}"
    assert export("--graph", str(pakistan_build), "--format", fmt, "-o", str(out)).returncode == 0
    report = validate_dataset(load_rdflib(out))
    assert report.conforms, report.text()
    assert not report.findings, report.text()


def test_jsonld_is_compacted_with_named_graphs(pakistan_build: Path) -> None:
    result = export("--graph", str(pakistan_build), "--format", "jsonld")
    assert result.returncode == 0, result.stderr
    doc = json.loads(result.stdout)
    assert doc["@context"] == dict(PREFIXES)
    names = [g["@id"] for g in doc["@graph"]]
    assert names == ["https://w3id.org/inl-kg/def", "id:graph-pakistan"]
    nodes = {n["@id"]: n for n in doc["@graph"][1]["@graph"]}
    value = nodes["id:fig-pakistan-2143-2204-value"]
    assert value["qudt:value"] == {"@value": "35.0", "@type": "xsd:decimal"}
    assert value["qudt:hasUnit"] == {"@id": "unit:PERCENT"}


def test_exports_are_byte_stable_across_hash_seeds(pakistan_build: Path) -> None:
    for fmt in sorted(EXPORT_FORMATS):
        one = export("--graph", str(pakistan_build), "--format", fmt, seed="1")
        two = export("--graph", str(pakistan_build), "--format", fmt, seed="2")
        assert one.returncode == two.returncode == 0, one.stderr
        assert one.stdout == two.stdout, fmt


def _awkward() -> list[tuple[str, list[tuple[str, str, str]]]]:
    """Graphs with every kind of term kg might meet: escapes, languages, datatypes, blank
    nodes, a default graph beside a named one."""
    xsd = "http://www.w3.org/2001/XMLSchema#"
    s, p = "<https://w3id.org/inl-kg/id/x>", "<https://w3id.org/inl-kg/def#p>"
    objects = [
        '"tab\\there, quote \\" and backslash \\\\ and\\nnew line"',
        '"caf\u00e9 \u00e0 Lima \U0001f600"',
        '"Lima"@es',
        f'"35.0"^^<{xsd}decimal>',
        f'"007"^^<{xsd}nonNegativeInteger>',
        f'"2016"^^<{xsd}gYear>',
        '"looks ^^<like> a type"',
        "<http://example.org/no/prefix>",
        "<https://w3id.org/inl-kg/id/with.dot/and-slash>",
        "_:b1",
    ]
    return [
        ("", [(s, p, '"in the default graph"')]),
        ("https://w3id.org/inl-kg/id/graph/demo", sorted((s, p, o) for o in objects)),
        ("https://w3id.org/inl-kg/id/graph/demo", [("_:b1", p, '"blank subject"')]),
    ]


@pytest.mark.parametrize("fmt", sorted(EXPORT_FORMATS))
def test_awkward_terms_survive_every_format(tmp_path: Path, fmt: str) -> None:
    graphs = _awkward()
    out = tmp_path / f"x{EXPORT_FORMATS[fmt][1]}"
    out.write_text(serialize_graphs(graphs, fmt), encoding="utf-8")
    one_graph = fmt in _GRAPH_FORMATS
    expected = _canonical(
        "\n".join(
            f"{s} {p} {o}{'' if one_graph or not g else f' <{g}>'} ."
            for g, ts in graphs
            for s, p, o in ts
        )
    )
    assert quads(out, _OX[fmt], with_graphs=not one_graph) == expected
    reference = tmp_path / "expected.nq"
    reference.write_text("\n".join(expected) + "\n", encoding="utf-8")
    # rdflib writes "007"^^xsd:nonNegativeInteger as "7" whatever it reads: same on both sides
    reads = rdflib_quads(out, _RDFLIB[fmt], with_graphs=not one_graph)
    assert reads == rdflib_quads(reference, "nquads")
    assert serialize_graphs(list(reversed(graphs)), fmt) == out.read_text(encoding="utf-8")


def test_export_of_a_single_graph_file_keeps_it_in_the_default_graph(
    pakistan_build: Path, tmp_path: Path
) -> None:
    out = tmp_path / "g.nq"
    ttl = pakistan_build / "graph.ttl"
    assert export("--graph", str(ttl), "--format", "nquads", "-o", str(out)).returncode == 0
    assert quads(out, ox.RdfFormat.N_QUADS) == quads(ttl, ox.RdfFormat.TURTLE)
