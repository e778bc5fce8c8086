"""The ontology: an OWL header with a version, and a label and comment on every own term."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from rdflib import Graph, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS, SH, SKOS

from kg.model import CURRENCY_KEYS, UNIT_KEYS, ActivityType, Change, OrgKind, Qualifier, Sector
from kg.namespaces import (
    ACTIVITY_TYPES,
    CHANGES,
    FOAF,
    KG,
    ONTOLOGY_IRI,
    ORG,
    ORG_KINDS,
    PROV,
    QUALIFIERS,
    SECTORS,
    SOSA,
    TIME,
    UNIT,
    UNITS,
)
from kg.properties import scheme
from kg.resources import ontology_path, queries_dir
from kg.validate import shapes_graph

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


# --------------------------------------------------------------------------------------------
# one source of truth: every controlled value is defined by a concept scheme of the ontology;
# Python enums, IRI maps and the shapes' sh:in lists must list exactly its concepts
# --------------------------------------------------------------------------------------------


def _scheme(g: Graph, scheme: URIRef) -> dict[str, URIRef]:
    """notation -> concept IRI for every concept of a scheme."""
    return {
        str(g.value(c, SKOS.notation)): c
        for c in g.subjects(SKOS.inScheme, scheme)
        if isinstance(c, URIRef)
    }


def _sh_in_lists() -> dict[URIRef, set[URIRef]]:
    """path -> the sh:in values of every property shape constraining that path."""
    shapes = shapes_graph()
    out: dict[URIRef, set[URIRef]] = {}
    for prop in shapes.subjects(SH["in"], None):
        path = shapes.value(prop, SH.path)
        members = Collection(shapes, shapes.value(prop, SH["in"]))
        if isinstance(path, URIRef):
            out[path] = {m for m in members if isinstance(m, URIRef)}
    return out


@pytest.mark.parametrize(
    ("scheme", "enum", "iri_map", "path"),
    [
        (KG.Qualifiers, Qualifier, QUALIFIERS, KG.qualifier),
        (KG.ChangeDirections, Change, CHANGES, KG.change),
        (KG.OrganizationKinds, OrgKind, ORG_KINDS, ORG.classification),
        (KG.ActivityTypes, ActivityType, ACTIVITY_TYPES, KG.activityType),
        (KG.Sectors, Sector, SECTORS, KG.sector),
    ],
    ids=lambda x: str(x).rsplit("#", 1)[-1] if isinstance(x, URIRef) else "",
)
def test_enums_iri_maps_and_shapes_list_exactly_the_scheme(
    scheme: URIRef, enum: type, iri_map: dict[object, URIRef], path: URIRef
) -> None:
    concepts = _scheme(_ontology(), scheme)
    assert {e.value for e in enum} == set(concepts)  # type: ignore[attr-defined]
    assert {k.value: v for k, v in iri_map.items()} == concepts  # type: ignore[attr-defined]
    assert _sh_in_lists()[path] == set(concepts.values())


def test_measured_properties_in_code_and_shapes_are_the_scheme() -> None:
    concepts = _scheme(_ontology(), KG.MeasuredProperties)
    assert {n: p.iri for n, p in scheme().items()} == concepts
    assert _sh_in_lists()[SOSA.observedProperty] == set(concepts.values())
    for notation, prop in scheme().items():
        assert prop.broader is None or prop.broader in concepts, notation


def test_units_are_one_table_used_by_the_shapes() -> None:
    assert set(UNITS) == set(UNIT_KEYS)
    assert CURRENCY_KEYS <= UNIT_KEYS and {"usd", "eur", "xof"} <= CURRENCY_KEYS
    shapes = shapes_graph()
    unit_shape = URIRef("https://w3id.org/inl-kg/shapes#QuantityValueShape-unit")
    options = list(Collection(shapes, shapes.value(unit_shape, SH["or"])))
    listed = {
        m for o in options for lst in shapes.objects(o, SH["in"]) for m in Collection(shapes, lst)
    }
    patterns = [re.compile(str(p)) for o in options for p in shapes.objects(o, SH.pattern)]
    # the measures are listed one by one, the currencies (and only they) match the pattern
    assert listed == {UNITS[k] for k in UNIT_KEYS - CURRENCY_KEYS}
    for key, iri in UNITS.items():
        assert any(p.search(str(iri)) for p in patterns) == (key in CURRENCY_KEYS), key


def test_standard_namespaces_in_code_are_closed() -> None:
    """A misspelt standard term fails loudly instead of minting a new IRI."""
    for ns in (PROV, ORG, SOSA, TIME, FOAF):
        with pytest.raises(AttributeError):
            ns.wasAtributedTo  # noqa: B018


def _unit_factors(query: str, variables: str) -> dict[str, Decimal]:
    """The (unit, factor) pairs of a VALUES block of a named query, by full unit IRI."""
    text = (queries_dir() / query).read_text(encoding="utf-8")
    block = re.search(r"VALUES \(" + re.escape(variables) + r"\) \{(.*?)\}", text, re.S)
    assert block is not None, f"{query}: no VALUES ({variables})"
    return {
        str(UNIT) + name: Decimal(factor)
        for name, factor in re.findall(r"\(unit:(\w+)\s+([0-9.]+)\)", block.group(1))
    }


def test_unit_conversion_factors_agree_wherever_they_are_written() -> None:
    """Mass and area factors are written in kg.editions (reconciliation) and in two queries
    (SPARQL cannot import them): the three must give the same ratios between units."""
    from kg.editions import UNIT_SCALES

    scales = {u.strip("<>"): factor for u, (_dim, factor) in UNIT_SCALES.items()}
    tonne = scales[str(UNIT) + "TONNE"]
    for unit, per_tonne in _unit_factors("seizures.rq", "?unit ?per_tonne").items():
        assert per_tonne == scales[unit] / tonne, unit
    for variables in ("?ua ?ka", "?ub ?kb"):
        assert _unit_factors("conflicting-figures.rq", variables) == scales
