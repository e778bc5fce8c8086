"""SHACL validation: the one module that runs the shapes (pyshacl today).

Each document's named graph is validated on its own together with the ontology, so validation
time grows linearly with the corpus and the SPARQL-based shape only ever sees one document.
The report is rebuilt with IRIs minted from the result's content, so ``validation.ttl`` is
byte-stable.

>>> from rdflib import Graph
>>> validate_graph(Graph()).conforms
True
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from functools import cache

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SH, SKOS, XSD
from rdflib.term import Node

from kg.namespaces import ID, OA, ONTOLOGY_IRI, PROV
from kg.resources import shapes_dir

_SEVERITY_ORDER = {SH.Violation: 0, SH.Warning: 1, SH.Info: 2}


@dataclass(frozen=True, slots=True)
class Finding:
    """One SHACL result, with what a reader needs to find and fix it."""

    focus: str
    label: str
    path: str
    message: str
    severity: str
    quote: str
    value: str
    component: str


@dataclass(slots=True)
class ValidationReport:
    """Whether the data conforms, each finding, and the report as an RDF graph."""

    conforms: bool
    findings: list[Finding] = field(default_factory=list)
    graph: Graph = field(default_factory=Graph)

    def text(self) -> str:
        """A readable report: one block per finding (label, path, message, source quote)."""
        if self.conforms and not self.findings:
            return "Conforms: every shape is satisfied.\n"
        if self.conforms:
            lines = [f"Conforms, with {len(self.findings)} warning(s) to check."]
        else:
            lines = [f"Does not conform: {len(self.findings)} finding(s)."]
        for f in self.findings:
            lines.append("")
            lines.append(f"{f.severity}: {f.label or f.focus}")
            lines.append(f"  node:    {f.focus}")
            if f.path:
                lines.append(f"  path:    {f.path}")
            lines.append(f"  message: {f.message}")
            if f.value:
                lines.append(f"  value:   {f.value}")
            if f.quote:
                lines.append(f'  source:  "{f.quote}"')
        return "\n".join(lines) + "\n"


@cache
def shapes_graph() -> Graph:
    """Every shape in ``shapes/*.ttl`` in one graph."""
    g = Graph()
    for p in sorted(shapes_dir().glob("*.ttl")):
        g.parse(p, format="turtle")
    return g


def _short(node: Node | None, g: Graph) -> str:
    if node is None:
        return ""
    if isinstance(node, URIRef):
        try:
            return g.namespace_manager.normalizeUri(node)
        except Exception:
            return str(node)
    return str(node)


def _label(data: Graph, focus: Node) -> str:
    for p in (SKOS.prefLabel, RDFS.label):
        v = data.value(focus, p)
        if v is not None:
            return str(v)
    return ""


def _quote(data: Graph, focus: Node) -> str:
    result = data.value(focus, URIRef("http://www.w3.org/ns/sosa/hasResult"))
    described = next((data.value(a, OA.hasTarget) for a in data.subjects(OA.hasBody, focus)), None)
    for span in (
        focus,
        data.value(focus, PROV.wasDerivedFrom),
        data.value(result, PROV.wasDerivedFrom) if result is not None else None,
        described,
    ):
        if span is None:
            continue
        for sel in data.objects(span, OA.hasSelector):
            exact = data.value(sel, OA.exact)
            if exact is not None:
                return str(exact)
    # a quantity value: its figure's span
    for fig in data.subjects(URIRef("http://www.w3.org/ns/sosa/hasResult"), focus):
        return _quote(data, fig)
    return ""


def _path_text(path: Node | None, shapes: Graph) -> str:
    if path is None:
        return ""
    if isinstance(path, URIRef):
        return _short(path, shapes)
    items = list(shapes.items(path)) if (path, RDF.first, None) in shapes else []
    if items:
        return "/".join(_path_text(i, shapes) for i in items)
    inv = shapes.value(path, SH.inversePath)
    if inv is not None:
        return "^" + _path_text(inv, shapes)
    return "(complex path)"


def validate_graph(data: Graph) -> ValidationReport:
    """Validate one graph (e.g. one document's named graph) against kg's shapes."""
    from pyshacl import validate

    # The ontology is not needed: shapes check controlled values with sh:in and classes of
    # instances typed in the data itself, so no inference over the vocabulary is required.
    combined = data
    conforms, report, _ = validate(
        combined,
        shacl_graph=shapes_graph(),
        inference="none",
        advanced=False,  # plain SHACL + SHACL-SPARQL; no SHACL-AF rules are used
        allow_warnings=True,
    )
    assert isinstance(report, Graph)
    findings: list[Finding] = []
    for result in report.subjects(RDF.type, SH.ValidationResult):
        focus = report.value(result, SH.focusNode)
        path = report.value(result, SH.resultPath)
        severity = report.value(result, SH.resultSeverity)
        message = report.value(result, SH.resultMessage)
        value = report.value(result, SH.value)
        component = report.value(result, SH.sourceConstraintComponent)
        findings.append(
            Finding(
                focus=str(focus),
                label=_label(combined, focus) if focus is not None else "",
                path=_path_text(path, report),
                message=str(message) if message is not None else "",
                severity=_short(severity, report).replace("sh:", ""),
                quote=_quote(combined, focus) if focus is not None else "",
                value=str(value) if value is not None else "",
                component=_short(component, report),
            )
        )
    findings.sort(key=lambda f: (f.focus, f.path, f.message, f.value))
    return ValidationReport(bool(conforms), findings, report_graph(bool(conforms), findings))


def validate_dataset(ds: Dataset) -> ValidationReport:
    """Validate every named graph of a dataset (except the ontology's) on its own, and merge."""
    findings: list[Finding] = []
    conforms = True
    contexts = sorted(
        (c for c in ds.graphs() if c.identifier != ONTOLOGY_IRI and len(c)),
        key=lambda c: str(c.identifier),
    )
    for ctx in contexts:
        report = validate_graph(ctx)
        conforms = conforms and report.conforms
        findings.extend(report.findings)
    unique = sorted(set(findings), key=lambda f: (f.focus, f.path, f.message, f.value))
    return ValidationReport(conforms, unique, report_graph(conforms, unique))


def report_graph(conforms: bool, findings: list[Finding]) -> Graph:
    """The findings as a SHACL validation report graph with content-derived IRIs."""
    g = Graph()
    g.bind("sh", SH)
    g.bind("id", ID)
    report = ID["report-validation"]
    g.add((report, RDF.type, SH.ValidationReport))
    g.add((report, SH.conforms, Literal(conforms, datatype=XSD.boolean)))
    for f in findings:
        key = hashlib.sha256(
            "\x1f".join((f.focus, f.path, f.message, f.value, f.component)).encode()
        ).hexdigest()
        node = ID[f"report-result-{key[:16]}"]
        g.add((report, SH.result, node))
        g.add((node, RDF.type, SH.ValidationResult))
        g.add((node, SH.focusNode, URIRef(f.focus)))
        g.add(
            (
                node,
                SH.resultSeverity,
                SH[f.severity] if f.severity in ("Violation", "Warning", "Info") else SH.Violation,
            )
        )
        g.add((node, SH.resultMessage, Literal(f.message)))
        if f.path:
            g.add((node, RDFS.comment, Literal(f"path: {f.path}")))
        if f.value:
            g.add((node, SH.value, Literal(f.value)))
        if f.quote:
            g.add((node, RDFS.label, Literal(f.quote)))
    return g
