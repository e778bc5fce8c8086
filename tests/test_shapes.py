"""The SHACL shapes catch the mistakes they are written for, and are themselves valid SHACL."""

from __future__ import annotations

from pathlib import Path

import pytest
from pyshacl import validate
from rdflib import BNode, Graph, URIRef
from rdflib.namespace import RDF, SH

from kg.rdf import ontology_graph
from kg.validate import shapes_graph, validate_graph

FIXTURES = Path(__file__).parent / "fixtures" / "shapes"
KGSH = "https://w3id.org/inl-kg/shapes#"


def _node_shapes() -> list[str]:
    return sorted(
        str(s)[len(KGSH) :]
        for s in shapes_graph().subjects(RDF.type, SH.NodeShape)
        if isinstance(s, URIRef) and str(s).startswith(KGSH)
    )


def _shape_only(name: str) -> Graph:
    """The shapes graph reduced to one node shape (with its blank-node closure and prefixes)."""
    full = shapes_graph()
    out = Graph()
    todo: list[URIRef | BNode] = [URIRef(KGSH + name), URIRef(KGSH)]
    seen: set[object] = set()
    node_shapes = set(full.subjects(RDF.type, SH.NodeShape))
    while todo:
        node = todo.pop()
        if node in seen:
            continue
        seen.add(node)
        for p, o in full.predicate_objects(node):
            out.add((node, p, o))
            # blank nodes, and the shape's own property shapes and constraints (IRIs)
            if isinstance(o, BNode) or (
                isinstance(o, URIRef) and str(o).startswith(KGSH + name + "-")
            ):
                todo.append(o)
    assert not (seen - {URIRef(KGSH)}) & (node_shapes - {URIRef(KGSH + name)})
    return out


def _load(path: Path) -> Graph:
    return Graph().parse(path, format="turtle")


def test_shapes_are_valid_shacl() -> None:
    """The shapes conform to the SHACL meta-shapes (shacl-shacl)."""
    conforms, _, text = validate(
        shapes_graph(), shacl_graph=shapes_graph(), meta_shacl=True, inference="none"
    )
    assert conforms, text


@pytest.mark.parametrize("shape", _node_shapes())
def test_every_shape_has_a_valid_and_a_broken_fixture(shape: str) -> None:
    assert (FIXTURES / f"{shape}.valid.ttl").is_file()
    assert list(FIXTURES.glob(f"{shape}.broken*.ttl"))


@pytest.mark.parametrize("shape", _node_shapes())
def test_valid_fixture_conforms_to_all_shapes(shape: str) -> None:
    report = validate_graph(_load(FIXTURES / f"{shape}.valid.ttl"))
    assert report.conforms, report.text()


@pytest.mark.parametrize("fixture", sorted(FIXTURES.glob("*.broken*.ttl")), ids=lambda p: p.stem)
def test_broken_fixture_fails_its_own_shape(fixture: Path) -> None:
    shape = fixture.name.split(".")[0]
    data = _load(fixture) + ontology_graph()
    conforms, _, _ = validate(data, shacl_graph=_shape_only(shape), inference="none", advanced=True)
    assert not conforms, f"{fixture.name} passes {shape}"
    # and the full validation reports it with a readable message; only warnings conform
    full = validate_graph(_load(fixture))
    assert full.findings and all(f.message for f in full.findings)
    warning = (URIRef(KGSH + shape), SH.severity, SH.Warning) in shapes_graph()
    assert full.conforms == warning


def test_every_shape_and_property_shape_has_an_iri() -> None:
    """Reports name the shape a result comes from (sh:sourceShape) without blank nodes."""
    g = shapes_graph()
    for s in [*g.subjects(RDF.type, SH.NodeShape), *g.objects(None, SH.property)]:
        assert isinstance(s, URIRef), s


def test_kg_own_classes_are_closed() -> None:
    g = shapes_graph()
    for name in (
        "FigureShape",
        "ActivityShape",
        "CountryProgramShape",
        "NamedProgramShape",
        "FactSheetShape",
    ):
        assert g.value(URIRef(KGSH + name), SH.closed) is not None, name


def test_quote_mismatch_names_the_quote() -> None:
    report = validate_graph(_load(FIXTURES / "QuoteMatchesTextShape.broken.ttl"))
    messages = [f.message for f in report.findings]
    assert any("more than 50 judges" in m for m in messages), messages


def test_percent_level_over_100_is_a_warning() -> None:
    report = validate_graph(_load(FIXTURES / "PercentLevelShape.broken.ttl"))
    assert report.conforms
    assert [f.severity for f in report.findings] == ["Warning"]


def test_percent_increase_may_exceed_100() -> None:
    text = (FIXTURES / "PercentLevelShape.broken.ttl").read_text(encoding="utf-8")
    text = text.replace(
        "kg:qualifier kg:MoreThan ;", "kg:qualifier kg:MoreThan ; kg:change kg:Increase ;"
    )
    report = validate_graph(Graph().parse(data=text, format="turtle"))
    assert report.conforms and not report.findings, report.text()


def test_a_currency_unit_conforms_like_the_dollar() -> None:
    """Any currency is a unit ("€3.2 million" is unit:CCY_EUR), in kg's engine and pyshacl."""
    text = (FIXTURES / "QuantityValueShape.valid.ttl").read_text(encoding="utf-8")
    assert text.count("qudt:hasUnit unit:NUM ;") == 1
    text = text.replace("qudt:hasUnit unit:NUM ;", "qudt:hasUnit unit:CCY_EUR ;")
    data = Graph().parse(data=text, format="turtle")
    report = validate_graph(data)
    assert report.conforms, report.text()
    conforms, _, _ = validate(
        data + ontology_graph(),
        shacl_graph=_shape_only("QuantityValueShape"),
        inference="none",
        advanced=True,
    )
    assert conforms
