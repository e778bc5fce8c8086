"""The ontology: an OWL header with a version, and a label and comment on every own term."""

from __future__ import annotations

from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS

from kg.namespaces import KG, ONTOLOGY_IRI
from kg.resources import ontology_path

NS = str(KG._NS)


def _ontology() -> Graph:
    return Graph().parse(ontology_path(), format="turtle")


def test_header_has_version_label_and_comment() -> None:
    g = _ontology()
    assert (ONTOLOGY_IRI, RDF.type, OWL.Ontology) in g
    assert g.value(ONTOLOGY_IRI, OWL.versionInfo) is not None
    assert g.value(ONTOLOGY_IRI, RDFS.label) is not None
    assert g.value(ONTOLOGY_IRI, RDFS.comment) is not None


def test_every_own_term_has_label_and_comment() -> None:
    g = _ontology()
    terms = {s for s in g.subjects() if isinstance(s, URIRef) and str(s).startswith(NS)}
    assert len(terms) > 40
    for term in terms:
        assert g.value(term, RDFS.label) is not None, f"{term} has no rdfs:label"
        assert g.value(term, RDFS.comment) is not None, f"{term} has no rdfs:comment"


def test_closed_namespace_matches_the_ontology() -> None:
    """KG (the DefinedNamespace in code) and ontology/kg.ttl define exactly the same terms."""
    g = _ontology()
    in_ttl = {str(s)[len(NS) :] for s in g.subjects() if str(s).startswith(NS)}
    in_code = {name for name in KG.__annotations__}
    assert in_code == in_ttl
