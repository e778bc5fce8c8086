"""Map typed facts to RDF: one named graph per source document.

Every IRI derives from a stable key (a slug of a canonical name, or document + character span),
so the same facts always give the same graph, and no blank nodes are used. IRIs are flat
(``id:fig-pakistan-2143-2204``, ``id:org-frontier-corps-kp``): the kind, then the key, joined by
hyphens, so they print in Turtle as plain prefixed names, without escapes.

>>> from kg.model import Document, DocumentFacts
>>> g = facts_to_graph(DocumentFacts(Document(name="demo", text="INL trained 40 judges.")))
>>> (document_iri("demo"), RDF.type, KG.FactSheet) in g
True
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Callable, Iterable
from decimal import Decimal
from functools import cache

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS, XSD
from rdflib.term import Node

from kg.model import (
    Activity,
    ActivityType,
    DocumentFacts,
    Measurement,
    Place,
    PlaceKind,
    Span,
)
from kg.namespaces import (
    ACTIVITY_TYPES,
    CHANGES,
    CNT,
    FOAF,
    ID,
    KG,
    OA,
    ONTOLOGY_IRI,
    ORG,
    ORG_KINDS,
    PREFIXES,
    PROV,
    QUALIFIERS,
    QUDT,
    SCHEMA,
    SECTORS,
    SOSA,
    TIME,
    UNITS,
)
from kg.places import city_names, country_by_code, lookup
from kg.properties import concept, measured_property
from kg.store import TermTriple, nt_term

_Ref = Callable[[str | None], URIRef | None]

_PLACE_CLASSES: dict[PlaceKind, URIRef] = {
    PlaceKind.COUNTRY: SCHEMA.Country,
    PlaceKind.SUBDIVISION: SCHEMA.AdministrativeArea,
    PlaceKind.CITY: SCHEMA.City,
    PlaceKind.REGION: SCHEMA.Place,
}


def slug(text: str) -> str:
    """A lowercase ASCII slug for IRIs: ``"Frontier Corps-KP"`` -> ``"frontier-corps-kp"``."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    s = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    if not s:
        s = "x" + hashlib.sha256(text.encode()).hexdigest()[:12]
    return s


def document_iri(name: str) -> URIRef:
    """IRI of a source document, keyed by its name (file stem)."""
    return ID[f"doc-{slug(name)}"]


def graph_iri(name: str) -> URIRef:
    """IRI of the named graph that holds one document's facts."""
    return ID[f"graph-{slug(name)}"]


def program_iri(name: str) -> URIRef:
    """IRI of the country program a document describes."""
    return ID[f"program-{slug(name)}"]


def named_program_iri(name: str) -> URIRef:
    """IRI of a named program or initiative, keyed by its canonical name (shared across
    documents)."""
    return ID[f"named-program-{slug(name)}"]


def organization_iri(name: str) -> URIRef:
    """IRI of an organization, keyed by its canonical name (shared across documents)."""
    return ID[f"org-{slug(name)}"]


def place_iri(name: str, code: str | None) -> URIRef:
    """IRI of a place: its ISO 3166 code when known, else a slug of its name.

    The code is slugged too (``"PK-SD"`` -> ``pk-sd``, as before): a code read from a facts file
    may hold any text, and must not make an invalid IRI.
    """
    return ID[f"place-{slug(code)}"] if code else ID[f"place-{slug(name)}"]


def group_iri(name: str) -> URIRef:
    """IRI of a beneficiary group that is not an organization ("prison officials")."""
    return ID[f"group-{slug(name)}"]


def year_iri(year: int, *, fiscal: bool = False) -> URIRef:
    """IRI of a calendar year (``id:year-2017``) or a U.S. fiscal year (``id:fy-2019``), each an
    OWL-Time interval."""
    return ID[f"fy-{year:04d}"] if fiscal else ID[f"year-{year:04d}"]


def day_iri(day: str) -> URIRef:
    """IRI of a calendar day (an OWL-Time instant), from its ISO date ``YYYY-MM-DD``."""
    return ID[f"day-{day}"]


#: OWL-Time's Gregorian calendar (the reference system of calendar years).
GREGORIAN = URIRef("http://www.opengis.net/def/uom/ISO-8601/0/Gregorian")


def _add_period(g: Sink, year: int, fiscal: bool) -> URIRef:
    """A calendar or fiscal year as an OWL-Time interval with its first and last day."""
    node = year_iri(year, fiscal=fiscal)
    first, last = (
        (f"{year - 1:04d}-10-01", f"{year:04d}-09-30")
        if fiscal
        else (
            f"{year:04d}-01-01",
            f"{year:04d}-12-31",
        )
    )
    description = URIRef(f"{node}-description")
    g.add((node, RDF.type, TIME.DateTimeInterval))
    g.add((node, RDFS.label, Literal(f"FY{year:04d}" if fiscal else f"{year:04d}")))
    g.add((node, TIME.hasDateTimeDescription, description))
    for prop, day in ((TIME.hasBeginning, first), (TIME.hasEnd, last)):
        instant = day_iri(day)
        g.add((node, prop, instant))
        g.add((instant, RDF.type, TIME.Instant))
        g.add((instant, TIME.inXSDDate, Literal(day, datatype=XSD.date)))
    if fiscal:
        # a year of another calendar: OWL-Time's general description, in kg's fiscal-year TRS
        g.add((description, RDF.type, TIME.GeneralDateTimeDescription))
        g.add((description, TIME.hasTRS, KG.USFederalFiscalYear))
        g.add((description, TIME.year, Literal(f"{year:04d}", datatype=TIME.generalYear)))
    else:
        g.add((description, RDF.type, TIME.DateTimeDescription))
        g.add((description, TIME.hasTRS, GREGORIAN))
        g.add((description, TIME.year, Literal(f"{year:04d}", datatype=XSD.gYear)))
    g.add((description, TIME.unitType, TIME.unitYear))
    return node


def span_iri(doc: str, span: Span) -> URIRef:
    """IRI of a text span (an ``oa:SpecificResource``) of a document."""
    return ID[f"span-{slug(doc)}-{span.start}-{span.end}"]


def figure_iri(doc: str, span: Span) -> URIRef:
    """IRI of the figure stated at a span of a document."""
    return ID[f"fig-{slug(doc)}-{span.start}-{span.end}"]


#: The IRI schemes of the nodes one document mints, each with the document's slug as group 1:
#: its document node, named graph and country program, its figures (and their results), spans
#: (and their selectors), annotations and activities. Organizations, named programs, places,
#: groups, years and days are keyed by their names and may be shared across documents.
_MINTED = re.compile(
    "^<" + re.escape(str(ID)) + "(?:"
    r"(?:doc|graph|program)-(.+)"
    r"|(?:fig|span)-(.+)-[0-9]+-[0-9]+(?:-value|-pos|-quote)?"
    r"|ann-(.+?)-[0-9]+-[0-9]+-(?:org|program|place|activity)-.*"
    r"|activity-(.+)-[0-9a-f]{16}"
    ")>$"
)


def minted_by(term: str) -> str | None:
    """The slug of the document whose IRI scheme mints a node (an N-Triples term), or ``None``
    for a node keyed otherwise (shared across documents) or not an IRI.

    A function of the IRI alone, so no node is minted by two documents; whether another
    document describes a node after all is checked by whoever relies on this (kg.validate).

    >>> minted_by("<https://w3id.org/inl-kg/id/fig-peru-2019-10-25-value>")
    'peru-2019'
    >>> minted_by("<https://w3id.org/inl-kg/id/org-dea>") is None
    True
    """
    if not term.startswith("<"):
        return None
    m = _MINTED.match(term)
    if m is None:
        return None
    return next(g for g in m.groups() if g is not None)


def _decimal(value: Decimal) -> Literal:
    text = format(value.normalize(), "f") if value == value.normalize() else format(value, "f")
    if "." not in text:
        text += ".0"
    return Literal(text, datatype=XSD.decimal)


def _add_span(g: Sink, doc_name: str, doc: URIRef, span: Span) -> URIRef:
    node = span_iri(doc_name, span)
    pos = URIRef(f"{node}-pos")
    quote = URIRef(f"{node}-quote")
    g.add((node, RDF.type, OA.SpecificResource))
    g.add((node, OA.hasSource, doc))
    g.add((node, OA.hasSelector, pos))
    g.add((node, OA.hasSelector, quote))
    g.add((pos, RDF.type, OA.TextPositionSelector))
    g.add((pos, OA.start, Literal(span.start, datatype=XSD.nonNegativeInteger)))
    g.add((pos, OA.end, Literal(span.end, datatype=XSD.nonNegativeInteger)))
    g.add((quote, RDF.type, OA.TextQuoteSelector))
    g.add((quote, OA.exact, Literal(span.quote)))
    return node


def _annotate(
    g: Sink,
    doc_name: str,
    doc: URIRef,
    body: URIRef,
    key: str,
    span: Span,
    *,
    motivation: URIRef = OA.identifying,
) -> None:
    target = _add_span(g, doc_name, doc, span)
    ann = ID[f"ann-{slug(doc_name)}-{span.start}-{span.end}-{key}"]
    g.add((ann, RDF.type, OA.Annotation))
    g.add((ann, OA.motivatedBy, motivation))
    g.add((ann, OA.hasBody, body))
    g.add((ann, OA.hasTarget, target))


def _subdivision_name(code: str) -> str | None:
    """ISO 3166-2's name of a subdivision (``"MX-CHH"`` -> ``"Chihuahua"``), or ``None``."""
    import pycountry

    try:
        sub = pycountry.subdivisions.get(code=code)
    except (KeyError, LookupError):
        return None
    return str(sub.name) if sub is not None else None


@cache
def _city_spellings(code: str) -> dict[str, str]:
    """The gazetteer's city names of the country ``code`` by their slug (a slug two of its
    cities share keeps neither)."""
    found: dict[str, set[str]] = {}
    for name in city_names(code):
        found.setdefault(slug(name), set()).add(name)
    return {k: next(iter(v)) for k, v in found.items() if len(v) == 1}


def _place_node(g: Sink, place: Place, countries: frozenset[str]) -> URIRef:
    entry = lookup(place.name, countries=countries) or lookup(place.name)
    code = place.code or (entry.code if entry else None)
    node = place_iri(place.name, code)
    g.add((node, RDF.type, DCTERMS.Location))
    g.add((node, RDF.type, _PLACE_CLASSES[place.kind]))
    # A country or coded subdivision has one preferred name whatever a document calls it
    # ("Islamic Republic of Afghanistan", "Chihuahua State"), the gazetteer's name for its code,
    # so that documents agree on the node's label; the wording is an altLabel.
    # A city the gazetteer knows, however a document writes it ("Cap-Haitien", "Cap-Haïtien":
    # one slug, one node), is named as the gazetteer spells it.
    label = place.name
    if place.kind is PlaceKind.CITY and not code and place.within:
        country = lookup(place.within)
        if country is not None and country.country:
            label = _city_spellings(country.country).get(slug(place.name), label)
    if entry is not None and (place.kind is PlaceKind.COUNTRY or (code and entry.code == code)):
        label = entry.name
        if code and place.kind is PlaceKind.COUNTRY:
            canonical = country_by_code(code)
            label = canonical.name if canonical is not None else label
        elif code:
            label = _subdivision_name(code) or label
    g.add((node, SKOS.prefLabel, Literal(label)))
    if label != place.name:
        g.add((node, SKOS.altLabel, Literal(place.name)))
    if code:
        g.add((node, DCTERMS.identifier, Literal(code)))
    country_code = entry.country if entry else None
    if place.kind is not PlaceKind.COUNTRY and country_code:
        country = country_by_code(country_code)
        if country is not None:
            parent = place_iri(country.name, country.code)
            g.add((node, SCHEMA.containedInPlace, parent))
            # the containing country is described (as a mentioned country would be), so the
            # reference does not dangle when the document never names the country itself
            g.add((parent, RDF.type, DCTERMS.Location))
            g.add((parent, RDF.type, SCHEMA.Country))
            g.add((parent, SKOS.prefLabel, Literal(country.name)))
            if country.code:
                g.add((parent, DCTERMS.identifier, Literal(country.code)))
    return node


class Sink:
    """A graph being made: triples kept in the order added, without rdflib's indexes (mapping
    only adds; an indexed graph cost more than all of the mapping's own work)."""

    __slots__ = ("triples",)

    def __init__(self) -> None:
        self.triples: list[tuple[Node, Node, Node]] = []

    def add(self, triple: tuple[Node, Node, Node]) -> None:
        """Add one triple (a repeat is harmless: readers deduplicate)."""
        self.triples.append(triple)


def facts_to_graph(facts: DocumentFacts, *, include_text: bool = True) -> Graph:
    """The RDF graph of one document's facts (the content of its named graph).

    ``include_text`` puts the document text in the graph (``cnt:chars``), which lets SHACL check
    every quote against it.
    """
    g = Graph()
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns)
    for t in _map(facts, include_text).triples:
        g.add(t)
    return g


def facts_to_triples(facts: DocumentFacts, *, include_text: bool = True) -> list[TermTriple]:
    """The triples of :func:`facts_to_graph` as sorted N-Triples term strings (each once), made
    without an rdflib graph: what a build's workers send back."""
    text: dict[Node, str] = {}

    def term(node: Node) -> str:
        found = text.get(node)
        if found is None:
            found = text[node] = nt_term(node)
        return found

    return sorted({(term(s), term(p), term(o)) for s, p, o in _map(facts, include_text).triples})


def _map(facts: DocumentFacts, include_text: bool) -> Sink:
    g = Sink()
    d = facts.document
    name = d.name
    doc = document_iri(name)
    g.add((doc, RDF.type, KG.FactSheet))
    g.add((doc, DCTERMS.identifier, Literal(name)))
    g.add((doc, DCTERMS.title, Literal(d.title or f"{facts.country or name} INL fact sheet")))
    if d.source_url:
        g.add((doc, DCTERMS.source, URIRef(d.source_url)))
    if d.sha256:
        g.add((doc, KG.sha256, Literal(d.sha256)))
    from kg.editions import document_edition, document_genre, genre_concepts

    edition = document_edition(d)
    if edition is not None:
        g.add((doc, DCTERMS.issued, Literal(edition.lexical, datatype=edition.datatype)))
    g.add((doc, KG.genre, genre_concepts()[document_genre(d)]))
    if include_text and d.text is not None:
        g.add((doc, RDF.type, CNT.ContentAsText))
        g.add((doc, CNT.chars, Literal(d.text)))

    # organizations
    org_nodes: dict[str, URIRef] = {}
    for o in facts.organizations:
        node = organization_iri(o.name)
        org_nodes[o.name] = node
        g.add((node, RDF.type, ORG.Organization))
        g.add((node, RDF.type, PROV.Agent))
        g.add((node, SKOS.prefLabel, Literal(o.name)))
        for alias in o.aliases:
            g.add((node, SKOS.altLabel, Literal(alias)))
        g.add((node, ORG.classification, ORG_KINDS[o.kind]))
        if o.parent:
            parent = facts.organization(o.parent)
            g.add(
                (node, ORG.subOrganizationOf, organization_iri(parent.name if parent else o.parent))
            )
        for span in o.mentions:
            _annotate(g, name, doc, node, "org-" + slug(o.name), span)

    def org_ref(ref: str | None) -> URIRef | None:
        org = facts.organization(ref)
        return org_nodes[org.name] if org is not None else None

    # named programs, projects and initiatives
    for pg in facts.programs:
        node = named_program_iri(pg.name)
        g.add((node, RDF.type, KG.NamedProgram))
        g.add((node, SKOS.prefLabel, Literal(pg.name)))
        for alias in pg.aliases:
            g.add((node, SKOS.altLabel, Literal(alias)))
        g.add((node, DCTERMS.isReferencedBy, doc))
        runner = org_ref(pg.run_by)
        if runner is not None:
            g.add((node, PROV.wasAssociatedWith, runner))
        for span in pg.mentions:
            _annotate(g, name, doc, node, "program-" + slug(pg.name), span)

    # places
    countries = frozenset(
        e.code
        for p in facts.places
        if (e := lookup(p.name)) is not None and e.kind is PlaceKind.COUNTRY and e.code
    )
    place_nodes: dict[str, URIRef] = {}
    for p in facts.places:
        node = _place_node(g, p, countries)
        place_nodes[p.name.casefold()] = node
        for span in p.mentions:
            _annotate(g, name, doc, node, "place-" + slug(p.name), span)

    def place_ref(ref: str | None) -> URIRef | None:
        return place_nodes.get(ref.casefold()) if ref else None

    # the program
    program = program_iri(name)
    agency = facts.organization(facts.agency)
    g.add((program, RDF.type, KG.CountryProgram))
    short = (agency.aliases[0] if agency.aliases else agency.name) if agency else "Assistance"
    g.add((program, RDFS.label, Literal(f"{short} program in {facts.country or name}")))
    g.add((program, DCTERMS.isReferencedBy, doc))
    if agency is not None:
        g.add((program, PROV.wasAssociatedWith, org_nodes[agency.name]))
    country = place_ref(facts.country)
    if country is not None:
        g.add((program, DCTERMS.spatial, country))

    for m in facts.measurements:
        _add_measurement(g, name, doc, program, m, org_ref, place_ref, country)

    def program_ref(ref: str | None) -> tuple[URIRef, URIRef | None] | None:
        named = facts.program(ref)
        if named is None:
            return None
        return named_program_iri(named.name), org_ref(named.run_by)

    activity_nodes = [
        _add_activity(g, name, doc, program, a, org_ref, place_ref, program_ref)
        for a in facts.activities
    ]
    for a, node in zip(facts.activities, activity_nodes, strict=True):
        named = facts.program(a.program)
        if named is not None:
            g.add((node, DCTERMS.isPartOf, named_program_iri(named.name)))
    by_description = {
        a.description: node for a, node in zip(facts.activities, activity_nodes, strict=True)
    }
    for m in facts.measurements:
        if m.outcome_of is not None and m.outcome_of in by_description:
            g.add((figure_iri(name, m.span), KG.outcomeOf, by_description[m.outcome_of]))
    return g


def _add_measurement(
    g: Sink,
    doc_name: str,
    doc: URIRef,
    program: URIRef,
    m: Measurement,
    org_ref: _Ref,
    place_ref: _Ref,
    country: URIRef | None,
) -> None:
    node = figure_iri(doc_name, m.span)
    value = URIRef(f"{node}-value")
    g.add((node, RDF.type, KG.ReportedFigure))
    g.add((node, RDFS.label, Literal(m.span.quote)))
    g.add((node, DCTERMS.isPartOf, program))
    g.add((node, SOSA.hasResult, value))
    g.add((value, RDF.type, QUDT.QuantityValue))
    g.add((value, QUDT.value, _decimal(m.value)))
    g.add((value, QUDT.hasUnit, UNITS[m.unit]))
    if m.unit == "count" and m.counted:
        g.add((value, KG.counted, Literal(m.counted)))
    if m.value_max is not None:
        g.add((value, KG.upperBound, _decimal(m.value_max)))
    g.add((node, KG.qualifier, QUALIFIERS[m.qualifier]))
    if m.change is not None:
        g.add((node, KG.change, CHANGES[m.change]))
    if m.subject:
        g.add((node, DCTERMS.subject, Literal(m.subject)))
    g.add((node, SOSA.observedProperty, concept(m.measured or measured_property(m)).iri))
    place = place_ref(m.place)
    if place is not None:
        g.add((node, DCTERMS.spatial, place))
    # what the figure is about: the place its clause names, else the program's country (a
    # feature of interest is a prov:Entity under the SOSA-PROV alignment, so never the program)
    feature = place if place is not None else country
    if feature is not None:
        g.add((node, SOSA.hasFeatureOfInterest, feature))
    if m.year is not None:
        g.add((node, SOSA.phenomenonTime, _add_period(g, m.year, m.fiscal)))
    # The figure is a sosa:Observation, which the SOSA-PROV alignment makes a prov:Activity; what
    # the reporter vouches for and the document states is its result, a prov:Entity (sosa:hasResult
    # is a sub-property of prov:generated): attribution and derivation sit on the result.
    reporter = org_ref(m.reported_by)
    if reporter is not None:
        g.add((value, PROV.wasAttributedTo, reporter))
    agency = org_ref(m.agency)
    if agency is not None:
        g.add((node, KG.creditedTo, agency))
    g.add((value, PROV.wasDerivedFrom, _add_span(g, doc_name, doc, m.span)))


def _add_activity(
    g: Sink,
    doc_name: str,
    doc: URIRef,
    program: URIRef,
    a: Activity,
    org_ref: _Ref,
    place_ref: _Ref,
    program_ref: Callable[[str | None], tuple[URIRef, URIRef | None] | None],
) -> URIRef:
    key = hashlib.sha256(
        f"{a.actor}\x1f{a.description}\x1f{a.beneficiary or ''}".encode()
    ).hexdigest()
    node = ID[f"activity-{slug(doc_name)}-{key[:16]}"]
    g.add((node, RDF.type, KG.ProgramActivity))
    g.add((node, RDFS.label, Literal(a.description)))
    g.add((node, DCTERMS.isPartOf, program))
    actor = org_ref(a.actor)
    if actor is not None:
        g.add((node, PROV.wasAssociatedWith, actor))
    elif (acting := program_ref(a.actor)) is not None:
        # "the Resident Legal Advisor program trained prosecutors": the activity is part of the
        # named program, and its actor is whoever runs the program (when the text says)
        named, runner = acting
        g.add((node, DCTERMS.isPartOf, named))
        if runner is not None:
            g.add((node, PROV.wasAssociatedWith, runner))
    if a.beneficiary:
        ben = org_ref(a.beneficiary)
        if ben is None and (funded := program_ref(a.beneficiary)) is not None:
            ben = funded[0]
        if ben is None:
            ben = group_iri(a.beneficiary)
            g.add((ben, RDF.type, PROV.Agent))
            g.add((ben, RDF.type, FOAF.Group))
            g.add((ben, SKOS.prefLabel, Literal(a.beneficiary)))
        g.add((node, KG.beneficiary, ben))
    # the type and sector are decided before mapping (kg.complete); facts made by hand without
    # one map to "other activity"
    g.add((node, KG.activityType, ACTIVITY_TYPES[a.activity_type or ActivityType.OTHER]))
    if a.sector is not None:
        g.add((node, KG.sector, SECTORS[a.sector]))
    place = place_ref(a.place)
    if place is not None:
        g.add((node, DCTERMS.spatial, place))
    if a.span is not None:
        # an activity is a prov:Activity, which cannot be prov:wasDerivedFrom anything: the span
        # that states it is the target of an annotation describing it
        _annotate(g, doc_name, doc, node, f"activity-{key[:16]}", a.span, motivation=OA.describing)
    return node


def ontology_graph() -> Graph:
    """The kg ontology (``ontology/kg.ttl``) as a graph."""
    from kg.resources import ontology_path

    g = Graph()
    g.parse(ontology_path(), format="turtle")
    return g


def build_dataset(all_facts: Iterable[DocumentFacts], *, include_text: bool = True) -> Dataset:
    """A dataset with one named graph per document plus the ontology in its own graph."""
    ds = Dataset(default_union=True)
    for prefix, ns in PREFIXES.items():
        ds.bind(prefix, ns)
    onto = ds.graph(ONTOLOGY_IRI)
    for t in ontology_graph():
        onto.add(t)
    for facts in all_facts:
        target = ds.graph(graph_iri(facts.document.name))
        for t in facts_to_graph(facts, include_text=include_text):
            target.add(t)
    return ds


__all__ = [
    "build_dataset",
    "document_iri",
    "facts_to_graph",
    "facts_to_triples",
    "figure_iri",
    "graph_iri",
    "named_program_iri",
    "ontology_graph",
    "organization_iri",
    "place_iri",
    "program_iri",
    "slug",
    "span_iri",
]
