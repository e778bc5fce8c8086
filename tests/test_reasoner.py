"""The graph is consistent with the standard ontologies it reuses: an OWL 2 RL reasoner's verdict.

kg's ontology, a built graph and local copies of the standard ontologies it reuses
(``tests/ontologies/``, see ``SOURCES.md`` there; never fetched) are closed under the OWL 2 RL
rules with owlrl. Then:

1. no resource is in two disjoint classes (``owl:disjointWith``, ``owl:AllDisjointClasses``,
   ``owl:disjointUnionOf``) or in ``owl:Nothing``, and no pair of resources is linked by two
   disjoint properties (``owl:propertyDisjointWith``);
2. no literal stands where a domain/range axiom needs a resource (an ``owl:ObjectProperty``, or a
   property whose ``rdfs:range`` is a class), no resource where a literal is needed (an
   ``owl:DatatypeProperty``, or a property whose range is a datatype), and every literal has the
   datatype its property's range declares;
3. owlrl's own consistency rules report nothing.

Each runs on the bundled default build and on a build of the shared corpus gold files. The
negative controls at the end check that a known clash is caught.

The closure takes seconds, so it is computed once per build (module-scoped fixtures). Annotation
triples of the standard ontologies (labels, comments, definitions) are dropped before reasoning:
they carry no OWL RL semantics and would only make the closure slower.
"""

from __future__ import annotations

import glob
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import owlrl
import pytest
from rdflib import Dataset, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS, XSD
from rdflib.term import Node

from kg.namespaces import CNT, KG, PREFIXES, PROV

ROOT = Path(__file__).resolve().parents[1]
ONTOLOGIES = Path(__file__).parent / "ontologies"
KG_ONTOLOGY = ROOT / "ontology" / "kg.ttl"
CORPUS = ROOT.parent / "shared" / "corpus"

#: Where owlrl writes the inconsistencies it finds (``[] err:error "message"``).
ERR = Namespace("http://www.daml.org/2002/03/agents/agent-ont#")

#: The only triples of the standard ontologies that the OWL 2 RL rules read.
_LOGICAL_RDFS = {RDFS.subClassOf, RDFS.subPropertyOf, RDFS.domain, RDFS.range}
_NON_LOGICAL_OWL = {
    OWL.versionInfo,
    OWL.versionIRI,
    OWL.priorVersion,
    OWL.backwardCompatibleWith,
    OWL.incompatibleWith,
    OWL.imports,
    OWL.deprecated,
}

#: Datatypes that are not XSD names (XSD ones are recognized by namespace).
_OTHER_DATATYPES = {RDFS.Literal, RDF.langString, RDF.PlainLiteral, RDF.HTML, RDF.XMLLiteral}

#: Each XSD datatype with the datatypes derived from it (by restriction) that kg might emit.
_DERIVED: dict[URIRef, set[URIRef]] = {
    XSD.decimal: {
        XSD.integer,
        XSD.nonNegativeInteger,
        XSD.positiveInteger,
        XSD.nonPositiveInteger,
        XSD.negativeInteger,
        XSD.long,
        XSD.int,
        XSD.short,
        XSD.byte,
        XSD.unsignedLong,
        XSD.unsignedInt,
        XSD.unsignedShort,
        XSD.unsignedByte,
    },
    XSD.integer: {XSD.nonNegativeInteger, XSD.positiveInteger, XSD.long, XSD.int},
    XSD.nonNegativeInteger: {XSD.positiveInteger, XSD.unsignedLong, XSD.unsignedInt},
    XSD.string: {XSD.normalizedString, XSD.token, XSD.language, XSD.Name, XSD.NCName},
}


# ---------------------------------------------------------------------------------------------
# Reasoning
# ---------------------------------------------------------------------------------------------


@dataclass
class Closure:
    """A data graph and its OWL 2 RL closure together with the ontologies."""

    name: str
    data: Graph
    axioms: Graph  # the ontologies as stated (before reasoning)
    graph: Graph  # the closure of data and ontologies

    def superclasses(self, cls: Node) -> set[Node]:
        return {cls, *self.graph.objects(cls, RDFS.subClassOf)}

    def superproperties(self, prop: Node) -> set[Node]:
        return {prop, *self.graph.objects(prop, RDFS.subPropertyOf)}


def _logical(triple: tuple[Node, Node, Node]) -> bool:
    p = triple[1]
    if p == RDF.type or p in _LOGICAL_RDFS or str(p).startswith(str(RDF)):
        return True
    return str(p).startswith(str(OWL)) and p not in _NON_LOGICAL_OWL


def _ontology_files() -> list[Path]:
    return sorted(ONTOLOGIES.glob("*.ttl"))


@pytest.fixture(scope="module")
def ontologies() -> Graph:
    """The standard ontologies and kg's, without their annotations."""
    merged = Graph()
    for path in [*_ontology_files(), KG_ONTOLOGY]:
        merged.parse(path, format="turtle")
    kept = Graph()
    for triple in merged:
        if _logical(triple):
            kept.add(triple)
    return kept


def _close(name: str, data: Graph, ontologies: Graph) -> Closure:
    # SimpleMemory (no contexts) makes owlrl about twice as fast as the default store.
    graph = Graph(store="SimpleMemory")
    for triple in ontologies:
        graph.add(triple)
    for triple in data:
        graph.add(triple)
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(graph)
    return Closure(name, data, ontologies, graph)


def _load_build(out: Path) -> Graph:
    """Every named graph of ``out/graph.trig`` (documents and the kg ontology) as one graph."""
    dataset = Dataset()
    dataset.parse(out / "graph.trig", format="trig")
    data = Graph()
    for s, p, o, _ in dataset.quads((None, None, None, None)):
        data.add((s, p, o))
    return data


@pytest.fixture(scope="module")
def default_closure(pakistan_build: Path, ontologies: Graph) -> Closure:
    """The bundled default (``build(None)``), reasoned over."""
    return _close("bundled default", _load_build(pakistan_build), ontologies)


@pytest.fixture(scope="module")
def corpus_closure(tmp_path_factory: pytest.TempPathFactory, ontologies: Graph) -> Closure:
    """A build of the shared corpus gold files, reasoned over (skips if the corpus is absent)."""
    golds = sorted(glob.glob(str(CORPUS / "*.gold.yaml")))
    if not golds:
        pytest.skip(f"no shared corpus gold files (*.gold.yaml) in {CORPUS}")
    from kg.build import build

    out = tmp_path_factory.mktemp("reasoner-corpus")
    build(golds, out=out)
    return _close("corpus gold files", _load_build(out), ontologies)


@pytest.fixture(scope="module")
def editions_closure(tmp_path_factory: pytest.TempPathFactory, ontologies: Graph) -> Closure:
    """A build of the synthetic editions (tests/editions): editions linked, figures compared and
    superseded across documents, reasoned over."""
    from kg.build import build

    out = tmp_path_factory.mktemp("reasoner-editions")
    build([Path(__file__).parent / "editions"], out=out)
    return _close("editions", _load_build(out), ontologies)


@pytest.fixture(params=["default", "corpus", "editions"])
def closure(request: pytest.FixtureRequest) -> Closure:
    return request.getfixturevalue(f"{request.param}_closure")


# ---------------------------------------------------------------------------------------------
# Checks (each returns one readable line per finding)
# ---------------------------------------------------------------------------------------------


def _short(node: Node) -> str:
    """``prefix:local`` for kg's prefixes (longest namespace wins), else the N3 form (long
    literals shortened)."""
    text = str(node)
    if isinstance(node, URIRef):
        best = max(
            ((p, ns) for p, ns in PREFIXES.items() if text.startswith(ns)),
            key=lambda item: len(item[1]),
            default=None,
        )
        if best is not None:
            return f"{best[0]}:{text[len(best[1]) :]}"
    shown = node.n3()
    return shown if len(shown) <= 80 else f"{shown[:60]}…{shown[-15:]}"


def _members(graph: Graph, head: Node) -> list[Node]:
    return list(Collection(graph, head)) if head != RDF.nil else []


def _disjoint_class_pairs(graph: Graph) -> set[tuple[Node, Node]]:
    pairs: set[tuple[Node, Node]] = set()

    def add_all(classes: Iterable[Node]) -> None:
        listed = list(classes)
        for i, a in enumerate(listed):
            for b in listed[i + 1 :]:
                pairs.add((a, b) if str(a) <= str(b) else (b, a))

    for a, b in graph.subject_objects(OWL.disjointWith):
        add_all([a, b])
    for axiom in graph.subjects(RDF.type, OWL.AllDisjointClasses):
        for head in graph.objects(axiom, OWL.members):
            add_all(_members(graph, head))
    for _, head in graph.subject_objects(OWL.disjointUnionOf):
        add_all(_members(graph, head))
    return pairs


def _reasons(c: Closure, node: Node, cls: Node) -> list[str]:
    """Why ``node`` is a ``cls``: its asserted types, and the stated domains and ranges (of its
    properties or their super-properties) that are ``cls`` or a subclass of it."""
    found: set[str] = set()
    for t in c.data.objects(node, RDF.type):
        if cls in c.superclasses(t):
            found.add(f"a {_short(t)}")
    uses = [(p, RDFS.domain) for p in set(c.data.predicates(node))]
    uses += [(p, RDFS.range) for p in set(c.data.predicates(None, node))]
    for p, axiom in uses:
        for sp in c.superproperties(p):
            for bound in c.axioms.objects(sp, axiom):
                if isinstance(bound, URIRef) and cls in c.superclasses(bound):
                    side = "domain" if axiom == RDFS.domain else "range"
                    via = f"{_short(p)}" + (f" ⊑ {_short(sp)}" if sp != p else "")
                    found.add(f"{via} ({side} {_short(bound)})")
    return sorted(found) or ["entailed"]


def disjoint_class_clashes(c: Closure) -> list[str]:
    """Every resource of the data that is in two disjoint classes, or in owl:Nothing."""
    findings = []
    nodes = set(c.data.subjects()) | {o for o in c.data.objects() if not isinstance(o, Literal)}
    for a, b in sorted(_disjoint_class_pairs(c.graph)):
        both = set(c.graph.subjects(RDF.type, a)) & set(c.graph.subjects(RDF.type, b))
        for node in sorted(both & nodes):
            findings.append(
                f"{_short(node)} is both {_short(a)} [{'; '.join(_reasons(c, node, a))}]"
                f" and {_short(b)} [{'; '.join(_reasons(c, node, b))}]"
                f" — disjoint classes"
            )
    for node in sorted(set(c.graph.subjects(RDF.type, OWL.Nothing)) & nodes):
        findings.append(f"{_short(node)} is an owl:Nothing")
    return findings


def disjoint_property_clashes(c: Closure) -> list[str]:
    """Every pair of resources linked by two disjoint properties."""
    findings = []
    pairs = set(c.graph.subject_objects(OWL.propertyDisjointWith))
    for axiom in c.graph.subjects(RDF.type, OWL.AllDisjointProperties):
        for head in c.graph.objects(axiom, OWL.members):
            props = _members(c.graph, head)
            pairs |= {(a, b) for i, a in enumerate(props) for b in props[i + 1 :]}
    for p1, p2 in sorted(pairs):
        for s, o in sorted(set(c.graph.subject_objects(p1)) & set(c.graph.subject_objects(p2))):
            findings.append(f"{_short(s)} {_short(p1)} and {_short(p2)} {_short(o)}")
    return findings


def _is_datatype(c: Closure, node: Node) -> bool:
    return (
        str(node).startswith(str(XSD))
        or node in _OTHER_DATATYPES
        or (node, RDF.type, RDFS.Datatype) in c.graph
    )


def _value_kinds(c: Closure, prop: Node) -> list[tuple[str, str]]:
    """("resource"|"literal", why) for each axiom that fixes what the objects of ``prop`` are."""
    kinds = []
    if (prop, RDF.type, OWL.ObjectProperty) in c.graph:
        kinds.append(("resource", f"{_short(prop)} is an owl:ObjectProperty"))
    if (prop, RDF.type, OWL.DatatypeProperty) in c.graph:
        kinds.append(("literal", f"{_short(prop)} is an owl:DatatypeProperty"))
    for bound in c.graph.objects(prop, RDFS.range):
        if bound in (RDFS.Resource, OWL.Thing) or not isinstance(bound, URIRef):
            continue
        kind = "literal" if _is_datatype(c, bound) else "resource"
        kinds.append((kind, f"{_short(prop)} has rdfs:range {_short(bound)}"))
    return kinds


def self_contradictory_properties(c: Closure) -> set[Node]:
    """Properties used in the data that a standard declares both ways (an owl:ObjectProperty
    whose range is a datatype, say): the data cannot satisfy both, so they are not checked."""
    used = {sp for p in set(c.data.predicates()) for sp in c.superproperties(p)}
    return {p for p in used if len({kind for kind, _ in _value_kinds(c, p)}) > 1}


def literal_resource_mismatches(c: Closure) -> list[str]:
    """Literals where a property (or a super-property) needs a resource, and the reverse."""
    findings = []
    skip = self_contradictory_properties(c)
    kinds: dict[Node, list[tuple[str, str]]] = defaultdict(list)
    for p in set(c.data.predicates()):
        for sp in c.superproperties(p) - skip:
            kinds[p].extend(_value_kinds(c, sp))
    for s, p, o in sorted(c.data):
        for kind, why in kinds.get(p, []):
            is_literal = isinstance(o, Literal)
            if (kind == "resource" and is_literal) or (kind == "literal" and not is_literal):
                given = "literal" if is_literal else "resource"
                findings.append(
                    f"{_short(s)} {_short(p)} {_short(o)}:"
                    f" a {given} where a {kind} is needed ({why})"
                )
    return findings


def _datatype_fits(literal: Literal, range_: Node) -> bool:
    if range_ in (RDFS.Literal, URIRef(f"{XSD}anySimpleType")):
        return True
    datatype = literal.datatype or (RDF.langString if literal.language else XSD.string)
    if range_ == RDF.PlainLiteral:
        return datatype in (XSD.string, RDF.langString)
    return datatype == range_ or datatype in _DERIVED.get(range_, set())


def literal_datatype_mismatches(c: Closure) -> list[str]:
    """Literals whose datatype is not the one a property's (or super-property's) range declares,
    or whose lexical form is not valid for their own datatype."""
    findings = []
    for s, p, o in sorted(c.data):
        if not isinstance(o, Literal):
            continue
        if getattr(o, "ill_typed", False):
            findings.append(f"{_short(s)} {_short(p)} {o.n3()}: not a valid {_short(o.datatype)}")
        for sp in c.superproperties(p):
            for range_ in c.graph.objects(sp, RDFS.range):
                if _is_datatype(c, range_) and not _datatype_fits(o, range_):
                    via = f" ⊑ {_short(sp)}" if sp != p else ""
                    findings.append(
                        f"{_short(s)} {_short(p)} {o.n3()}: {_short(p)}{via} has rdfs:range"
                        f" {_short(range_)}"
                    )
    return findings


def owlrl_errors(c: Closure) -> list[str]:
    """The inconsistencies owlrl itself recorded, with kg's prefixes."""
    messages = sorted(str(m) for m in c.graph.objects(None, ERR.error))
    out = []
    for message in messages:
        for prefix, ns in sorted(PREFIXES.items(), key=lambda item: -len(item[1])):
            message = message.replace(ns, f"{prefix}:")
        out.append(message)
    return out


def _report(c: Closure, what: str, findings: list[str]) -> str:
    lines = "\n".join(f"  {line}" for line in findings)
    return (
        f"{c.name}: {len(findings)} {what} after OWL 2 RL reasoning with the standard"
        f" ontologies in tests/ontologies:\n{lines}"
    )


# ---------------------------------------------------------------------------------------------
# Tests on real builds
# ---------------------------------------------------------------------------------------------


def test_no_resource_in_two_disjoint_classes(closure: Closure) -> None:
    findings = disjoint_class_clashes(closure)
    assert not findings, _report(closure, "resources in disjoint classes", findings)


def test_no_resources_linked_by_disjoint_properties(closure: Closure) -> None:
    findings = disjoint_property_clashes(closure)
    assert not findings, _report(closure, "uses of disjoint properties", findings)


def test_no_literal_where_a_resource_is_needed_or_the_reverse(closure: Closure) -> None:
    findings = literal_resource_mismatches(closure)
    assert not findings, _report(closure, "literal/resource mismatches", findings)


#: Properties a standard declares both ways, which the literal/resource check leaves out:
#: the W3C Content-in-RDF schema (a 2011 Working Draft) makes cnt:chars an owl:ObjectProperty
#: with rdfs:range rdfs:Literal, so a document text could satisfy only one of the two.
KNOWN_SELF_CONTRADICTORY = {CNT.chars}


def test_only_known_self_contradictory_properties_are_skipped(closure: Closure) -> None:
    skipped = self_contradictory_properties(closure)
    assert skipped <= KNOWN_SELF_CONTRADICTORY, (
        f"{closure.name}: standard properties declared both as taking a resource and a literal"
        f" (so left out of the literal/resource check): {sorted(map(_short, skipped))}"
    )


def test_literals_have_the_datatype_of_their_range(closure: Closure) -> None:
    findings = literal_datatype_mismatches(closure)
    assert not findings, _report(closure, "literals outside their declared range", findings)


def test_owlrl_reports_no_inconsistency(closure: Closure) -> None:
    findings = owlrl_errors(closure)
    assert not findings, _report(closure, "owlrl inconsistency messages", findings)


# ---------------------------------------------------------------------------------------------
# Negative controls: a tiny hand-made graph with known clashes must be caught
# ---------------------------------------------------------------------------------------------

ID = Namespace("https://w3id.org/inl-kg/id/")
QUDT = Namespace("http://qudt.org/schema/qudt/")


@pytest.fixture(scope="module")
def control_closure(ontologies: Graph) -> Closure:
    """A figure attributed to a reporter (a prov:Entity by prov:wasAttributedTo's domain, and a
    prov:Activity as a sosa:Observation in the SOSA-PROV alignment), a literal given where an
    organization is needed, a resource where a string is needed and a mistyped literal."""
    g = Graph()
    figure, value, reporter = ID["fig/control/0-10"], ID["fig/control/0-10-value"], ID["org/x"]
    g.add((figure, RDF.type, KG.ReportedFigure))
    g.add((figure, PROV.wasAttributedTo, reporter))
    g.add((figure, KG.creditedTo, Literal("INL")))
    g.add((value, RDF.type, QUDT.QuantityValue))
    g.add((value, KG.counted, ID["org/x"]))
    g.add((value, KG.upperBound, Literal("many")))
    return _close("negative control", g, ontologies)


def test_control_figure_in_activity_and_entity_is_caught(control_closure: Closure) -> None:
    findings = disjoint_class_clashes(control_closure)
    figure = "id:fig/control/0-10"
    clash = [f for f in findings if f.startswith(f"{figure} is both prov:Activity")]
    assert clash, findings
    assert "prov:Entity" in clash[0]
    assert "a kg:ReportedFigure" in clash[0] and "prov:wasAttributedTo" in clash[0]
    assert any(figure in m and "Disjoint classes" in m for m in owlrl_errors(control_closure))


def test_control_literal_resource_mismatches_are_caught(control_closure: Closure) -> None:
    findings = literal_resource_mismatches(control_closure)
    assert any(f.startswith('id:fig/control/0-10 kg:creditedTo "INL": a literal') for f in findings)
    assert any(
        f.startswith("id:fig/control/0-10-value kg:counted id:org/x: a resource") for f in findings
    )


def test_control_mistyped_literal_is_caught(control_closure: Closure) -> None:
    findings = literal_datatype_mismatches(control_closure)
    assert any("kg:upperBound" in f and "xsd:decimal" in f for f in findings), findings


def test_ontology_copies_are_present() -> None:
    """The standard ontologies are files in the repository, each recorded in SOURCES.md."""
    names = {p.name for p in _ontology_files()}
    sources = (ONTOLOGIES / "SOURCES.md").read_text(encoding="utf-8")
    for expected in ["prov-o.ttl", "sosa.ttl", "sosa-prov.ttl", "org.ttl", "skos.ttl"]:
        assert expected in names
    for name in names:
        assert f"`{name}`" in sources, f"{name} is not recorded in tests/ontologies/SOURCES.md"
