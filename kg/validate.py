"""Validation: kg's SHACL shapes and quality rules over the merged graph of a build.

One function, :func:`validate_triples`, validates a graph given as N-Triples term triples (the
form the build pipeline carries): ``kg build`` calls it on the merged graph of the documents it
built, ``kg validate`` on the merged graph it reads from a file, so both always give the same
findings. It runs

* the SHACL shapes in ``shapes/*.ttl`` with kg's own evaluator (:class:`ShapeEngine`), which
  implements the part of SHACL the shapes use (the core components and the quote check, a
  SHACL-SPARQL constraint, natively) in linear time over an index of the triples (a build
  runs them split, :mod:`kg.shape_split`: each document's own nodes in its worker, the rest on
  the merged graph read where the checks reach; the same findings); and
* the quality rules in ``kg/queries/checks/*.rq`` (queries that must return no rows) on an
  Oxigraph store of the same graph.

pyshacl stays the reference: :func:`reference_findings` runs one pyshacl validation over the same
graph, and the tests and ``benchmarks/validate_bench.py`` check that both report exactly the same
results. The report (:func:`report_graph`) is a SHACL validation report whose result IRIs are
minted from their content, so ``validation.ttl`` is byte-stable.

>>> validate_triples([]).conforms
True
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Any

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, RDFS, SH, SKOS, XSD
from rdflib.term import Node

from kg.model import KgError
from kg.namespaces import ID, OA, ONTOLOGY_IRI, PREFIXES, PROV
from kg.resources import shapes_dir
from kg.store import RDF_TYPE_TERM

if TYPE_CHECKING:
    from kg.corpus import Corpus
    from kg.rules import RuleRow, SplitStart
    from kg.shape_split import ShapeRecord

#: A term in N-Triples syntax (``<iri>``, ``"lexical"^^<datatype>``, ``_:b0``).
Term = str
TermTriple = tuple[str, str, str]
#: A SHACL path: ``("p", iri)``, ``("inv", path)`` or ``("seq", (path, ...))``.
Path = tuple[Any, ...]

_SUBCLASS = f"<{RDFS.subClassOf}>"
_CNT_CHARS = "<http://www.w3.org/2011/content#chars>"
_XSD_STRING = str(XSD.string)
_RDF_LANGSTRING = str(RDF.langString)
_SOSA_RESULT = "<http://www.w3.org/ns/sosa/hasResult>"
#: The predicates the quotes of findings and the quote check follow backwards.
_QUOTE_INVERSE = (f"<{OA.hasBody}>", _SOSA_RESULT, f"<{OA.hasSource}>")
_QUOTE_CONSTRAINT = "https://w3id.org/inl-kg/shapes#QuoteMatchesTextShape-sparql"
KGSH = "https://w3id.org/inl-kg/shapes#"
#: The source of quality-rule results in the report: ``kgsh:QualityRule-<name>``.
QUALITY_RULE = KGSH + "QualityRule-"


@dataclass(frozen=True, slots=True)
class Finding:
    """One validation result, with what a reader needs to find and fix it.

    ``focus``, ``value`` and ``path`` are for reading; ``focus_term``, ``value_term`` and
    ``result_path`` are the RDF terms the report is made of (N-Triples text, a path tuple).
    """

    focus: str
    label: str
    path: str
    message: str
    severity: str
    quote: str
    value: str
    component: str
    focus_term: Term = ""
    value_term: Term = ""
    result_path: Path | None = None
    source_shape: str = ""

    def key(self) -> tuple[str, str, str, str, str, str, str]:
        """What identifies a result: the same in kg's evaluator and in pyshacl's report."""
        return (
            self.focus_term,
            _path_key(self.result_path),
            self.value_term,
            self.source_shape,
            self.component,
            self.severity,
            self.message,
        )


@dataclass(slots=True)
class ValidationReport:
    """Whether the data conforms, each finding, and the report as an RDF graph."""

    conforms: bool
    findings: list[Finding] = field(default_factory=list)
    graph: Graph = field(default_factory=Graph)
    #: How many quality rules ran, and the names of those that found problems.
    rules_run: int = 0
    rules_failed: list[str] = field(default_factory=list)

    def text(self) -> str:
        """A readable report: one block per finding (label, path, message, source quote)."""
        if self.conforms and not self.findings:
            lines = ["Conforms: every shape is satisfied."]
        elif self.conforms:
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
        if self.rules_run:
            if self.rules_failed:
                lines.append(
                    f"\nQuality rules: {len(self.rules_failed)} of {self.rules_run} found "
                    f"problems: {', '.join(self.rules_failed)}."
                )
            else:
                lines.append(f"Quality rules: all {self.rules_run} pass.")
        return "\n".join(lines) + "\n"


@cache
def shapes_graph() -> Graph:
    """Every shape in ``shapes/*.ttl`` in one graph."""
    g = Graph()
    for p in sorted(shapes_dir().glob("*.ttl")):
        g.parse(p, format="turtle")
    return g


# ---------------------------------------------------------------------------------------------
# Terms as N-Triples text
# ---------------------------------------------------------------------------------------------

_NT_UNESCAPE = re.compile(r"\\(?:u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})|(.))", re.DOTALL)
_NT_SIMPLE = {"t": "\t", "b": "\b", "n": "\n", "r": "\r", "f": "\f", '"': '"', "'": "'", "\\": "\\"}


def _unescape(text: str) -> str:
    if "\\" not in text:
        return text

    def one(m: re.Match[str]) -> str:
        code = m.group(1) or m.group(2)
        return chr(int(code, 16)) if code else _NT_SIMPLE.get(m.group(3), m.group(3))

    return _NT_UNESCAPE.sub(one, text)


@lru_cache(maxsize=1 << 16)
def _literal_parts(term: Term) -> tuple[str, str, str]:
    """(lexical form, datatype IRI, language) of a literal in N-Triples syntax."""
    end = term.rindex('"')
    lexical = _unescape(term[1:end])
    rest = term[end + 1 :]
    if rest.startswith("@"):
        return lexical, _RDF_LANGSTRING, rest[1:]
    if rest.startswith("^^<"):
        return lexical, rest[3:-1], ""
    return lexical, _XSD_STRING, ""


def to_node(term: Term) -> Node:
    """An N-Triples term as an rdflib term."""
    if term.startswith("<"):
        return URIRef(term[1:-1])
    if term.startswith("_:"):
        return BNode(term[2:])
    lexical, datatype, lang = _literal_parts(term)
    if lang:
        return Literal(lexical, lang=lang)
    if datatype == _XSD_STRING:
        return Literal(lexical)
    return Literal(lexical, datatype=URIRef(datatype))


def nt(node: Node) -> Term:
    """An rdflib term in N-Triples syntax (the form :func:`to_node` reads)."""
    from kg.store import nt_term

    return nt_term(node)


def _canonical(term: Term) -> Term:
    """One spelling per term (N-Triples escapes differ between writers)."""
    return nt(to_node(term)) if term.startswith('"') else term


@lru_cache(maxsize=1 << 16)
def _python_value(term: Term) -> Any:
    """The value of a literal for comparisons (``None`` when it has none)."""
    if not term.startswith('"'):
        return None
    node = to_node(term)
    assert isinstance(node, Literal)
    if node.ill_typed:
        return None
    return node.toPython()


@lru_cache(maxsize=1 << 16)
def _well_typed(term: Term, datatype: str) -> bool:
    if not term.startswith('"'):
        return False
    _, dt, _ = _literal_parts(term)
    if dt != datatype:
        return False
    if dt in (_XSD_STRING, _RDF_LANGSTRING):
        return True
    node = to_node(term)
    return isinstance(node, Literal) and not node.ill_typed


def _str(term: Term) -> str:
    """SPARQL ``STR``: an IRI's text or a literal's lexical form."""
    if term.startswith("<"):
        return term[1:-1]
    if term.startswith('"'):
        return _literal_parts(term)[0]
    return term[2:]


# ---------------------------------------------------------------------------------------------
# The data: an index of the triples
# ---------------------------------------------------------------------------------------------


class Data:
    """The triples of a graph, indexed by subject and predicate (inverse indexes on demand)."""

    def __init__(self, triples: Iterable[TermTriple]) -> None:
        out: dict[Term, dict[Term, list[Term]]] = {}
        for s, p, o in triples:
            preds = out.get(s)
            if preds is None:
                preds = out[s] = {}
            objs = preds.get(p)
            if objs is None:
                preds[p] = [o]
            elif o not in objs:
                objs.append(o)
        self.out = out
        self._inverse: dict[Term, dict[Term, list[Term]]] = {}
        self._instances: dict[Term, list[Term]] | None = None
        self._supers: dict[Term, set[Term]] | None = None

    def objects(self, s: Term, p: Term) -> list[Term]:
        """The objects of ``s p ?o``."""
        preds = self.out.get(s)
        return preds.get(p, []) if preds else []

    def subjects(self, p: Term, o: Term) -> list[Term]:
        """The subjects of ``?s p o``."""
        inv = self._inverse.get(p)
        if inv is None:
            inv = self._inverse[p] = {}
            for s, preds in self.out.items():
                for obj in preds.get(p, ()):
                    inv.setdefault(obj, []).append(s)
        return inv.get(o, [])

    def superclasses(self, cls: Term) -> set[Term]:
        """``cls`` and every class it is an ``rdfs:subClassOf*`` in the data."""
        if self._supers is None:
            self._supers = {}
        got = self._supers.get(cls)
        if got is None:
            got = {cls}
            todo = [cls]
            while todo:
                for sup in self.objects(todo.pop(), _SUBCLASS):
                    if sup not in got:
                        got.add(sup)
                        todo.append(sup)
            self._supers[cls] = got
        return got

    def instances(self, cls: Term) -> list[Term]:
        """Every node typed ``cls`` or a subclass of it (SHACL instance)."""
        if self._instances is None:
            index: dict[Term, list[Term]] = {}
            for s, preds in self.out.items():
                for t in preds.get(RDF_TYPE_TERM, ()):
                    for c in self.superclasses(t):
                        index.setdefault(c, []).append(s)
            self._instances = index
        return self._instances.get(cls, [])

    def is_instance(self, node: Term, cls: Term) -> bool:
        """Whether ``node`` is a SHACL instance of ``cls``."""
        return any(
            t == cls or cls in self.superclasses(t) for t in self.objects(node, RDF_TYPE_TERM)
        )

    def values(self, node: Term, path: Path) -> list[Term]:
        """The value nodes of ``node`` along ``path`` (each once)."""
        kind = path[0]
        if kind == "p":
            return self.objects(node, path[1])
        if kind == "inv":
            inner = path[1]
            if inner[0] == "p":
                return self.subjects(inner[1], node)
            raise KgError("kg's validator supports inverse paths of one predicate only")
        nodes = [node]
        for step in path[1]:
            nxt: dict[Term, None] = {}
            for n in nodes:
                for v in self.values(n, step):
                    nxt[v] = None
            nodes = list(nxt)
        return nodes


# ---------------------------------------------------------------------------------------------
# Shapes, compiled
# ---------------------------------------------------------------------------------------------


@dataclass(slots=True)
class Shape:
    """A node or property shape with the constraint parameters kg's shapes use."""

    node: Node
    path: Path | None = None
    severity: str = "Violation"
    message: str = ""
    target_classes: list[Term] = field(default_factory=list)
    target_objects_of: list[Term] = field(default_factory=list)
    params: dict[str, Any] = field(default_factory=dict)
    properties: list[Shape] = field(default_factory=list)
    #: Prepared once compiled: the per-value checks, whether counts or other constraints apply,
    #: and the predicates a closed shape allows.
    checks: list[tuple[str, Callable[..., bool]]] = field(default_factory=list)
    counts: bool = False
    special: bool = False
    allowed: set[Term] = field(default_factory=set)
    #: The shape's IRI ('' for a blank node shape).
    iri: str = ""


_SUPPORTED = {
    SH.minCount: "minCount",
    SH.maxCount: "maxCount",
    SH.datatype: "datatype",
    SH.nodeKind: "nodeKind",
    SH.pattern: "pattern",
    SH.minLength: "minLength",
    SH["in"]: "in",
    SH["class"]: "class",
    SH.hasValue: "hasValue",
    SH.minInclusive: "minInclusive",
    SH.maxInclusive: "maxInclusive",
    SH.lessThan: "lessThan",
    SH.lessThanOrEquals: "lessThanOrEquals",
    SH["or"]: "or",
    SH["and"]: "and",
    SH["not"]: "not",
    SH.qualifiedValueShape: "qualifiedValueShape",
    SH.qualifiedMinCount: "qualifiedMinCount",
    SH.qualifiedMaxCount: "qualifiedMaxCount",
    SH.closed: "closed",
    SH.ignoredProperties: "ignoredProperties",
    SH.sparql: "sparql",
}
_IGNORED = {
    RDF.type,
    RDFS.label,
    RDFS.comment,
    SH.path,
    SH.severity,
    SH.message,
    SH.targetClass,
    SH.targetObjectsOf,
    SH.property,
    SH.name,
    SH.description,
}
_SPECIAL = {
    "hasValue",
    "lessThan",
    "lessThanOrEquals",
    "qualifiedValueShape",
    "closed",
    "sparql",
}
_COMPONENT = {
    "minCount": "MinCountConstraintComponent",
    "maxCount": "MaxCountConstraintComponent",
    "datatype": "DatatypeConstraintComponent",
    "nodeKind": "NodeKindConstraintComponent",
    "pattern": "PatternConstraintComponent",
    "minLength": "MinLengthConstraintComponent",
    "in": "InConstraintComponent",
    "class": "ClassConstraintComponent",
    "hasValue": "HasValueConstraintComponent",
    "minInclusive": "MinInclusiveConstraintComponent",
    "maxInclusive": "MaxInclusiveConstraintComponent",
    "lessThan": "LessThanConstraintComponent",
    "lessThanOrEquals": "LessThanOrEqualsConstraintComponent",
    "or": "OrConstraintComponent",
    "and": "AndConstraintComponent",
    "not": "NotConstraintComponent",
    "qualifiedMin": "QualifiedMinCountConstraintComponent",
    "qualifiedMax": "QualifiedMaxCountConstraintComponent",
    "closed": "ClosedConstraintComponent",
    "sparql": "SPARQLConstraintComponent",
}
_COMPONENT_IRI = {k: str(SH) + v for k, v in _COMPONENT.items()}


def _compile_path(g: Graph, node: Node) -> Path:
    if isinstance(node, URIRef):
        return ("p", f"<{node}>")
    if (node, RDF.first, None) in g:
        return ("seq", tuple(_compile_path(g, n) for n in Collection(g, node)))
    inverse = g.value(node, SH.inversePath)
    if inverse is not None:
        return ("inv", _compile_path(g, inverse))
    raise KgError(f"kg's validator does not support the SHACL path {node!r}")


def _compile(g: Graph, node: Node, seen: dict[Node, Shape]) -> Shape:
    if node in seen:
        return seen[node]
    shape = Shape(node, iri=str(node) if isinstance(node, URIRef) else "")
    seen[node] = shape
    path = g.value(node, SH.path)
    if path is not None:
        shape.path = _compile_path(g, path)
    severity = g.value(node, SH.severity)
    if severity is not None:
        shape.severity = str(severity)[len(str(SH)) :]
    message = g.value(node, SH.message)
    shape.message = str(message) if message is not None else ""
    shape.target_classes = sorted(f"<{c}>" for c in g.objects(node, SH.targetClass))
    shape.target_objects_of = sorted(f"<{p}>" for p in g.objects(node, SH.targetObjectsOf))
    shape.properties = [_compile(g, p, seen) for p in sorted(g.objects(node, SH.property), key=str)]
    for p, o in g.predicate_objects(node):
        if p in _IGNORED:
            continue
        name = _SUPPORTED.get(p) if isinstance(p, URIRef) else None
        if name is None:
            raise KgError(f"kg's validator does not support {p} (shape {node})")
        if name in ("or", "and"):
            shape.params[name] = [_compile(g, n, seen) for n in Collection(g, o)]
        elif name in ("not", "qualifiedValueShape"):
            shape.params[name] = _compile(g, o, seen)
        elif name in ("in", "ignoredProperties"):
            shape.params[name] = {nt(n) for n in Collection(g, o)}
        elif name in ("class", "datatype", "lessThan", "lessThanOrEquals", "nodeKind"):
            shape.params[name] = f"<{o}>" if name != "datatype" else str(o)
        elif name == "hasValue":
            shape.params[name] = nt(o)
        elif name == "pattern":
            shape.params[name] = re.compile(str(o))
        elif name in ("minInclusive", "maxInclusive"):
            shape.params[name] = o.toPython() if isinstance(o, Literal) else None
        elif name == "closed":
            shape.params[name] = bool(o.toPython()) if isinstance(o, Literal) else False
        elif name == "sparql":
            if str(o) != _QUOTE_CONSTRAINT:
                raise KgError(f"kg's validator has no native implementation of {o}")
            msg = g.value(o, SH.message)
            shape.params[name] = str(msg) if msg is not None else ""
        else:
            shape.params[name] = int(o.toPython()) if isinstance(o, Literal) else 0
    return shape


@dataclass(frozen=True, slots=True)
class Result:
    """One raw result: focus, path, value, source shape, component, severity, message."""

    focus: Term
    path: Path | None
    value: Term
    shape: str
    component: str
    severity: str
    message: str


class ShapeEngine:
    """kg's SHACL evaluator: the shapes compiled once, then run over any :class:`Data`."""

    def __init__(self, shapes: Graph) -> None:
        seen: dict[Node, Shape] = {}
        self.shapes = [
            _compile(shapes, s, seen)
            for s in sorted(shapes.subjects(RDF.type, SH.NodeShape), key=str)
            if isinstance(s, URIRef)
        ]

        inverse: set[Term] = set(_QUOTE_INVERSE)
        for shape in seen.values():
            params = shape.params
            shape.checks = [(n, _VALUE_CHECKS[n]) for n in sorted(params) if n in _VALUE_CHECKS]
            shape.counts = "minCount" in params or "maxCount" in params
            shape.special = any(n in _SPECIAL for n in params)
            shape.allowed = {p.path[1] for p in shape.properties if p.path and p.path[0] == "p"}
            shape.allowed |= params.get("ignoredProperties", set())
            inverse |= _inverse_steps(shape.path)
        #: The predicates of ``sh:targetObjectsOf``, and every predicate the evaluation (and the
        #: labels and quotes of findings) follows backwards: what :meth:`Data.subjects` is
        #: asked about, derived from the shapes.
        self.object_targets = frozenset(p for s in self.shapes for p in s.target_objects_of)
        self.inverse_predicates = frozenset(inverse | self.object_targets)
        #: Each shape with its target classes and ``sh:targetObjectsOf`` predicates, as sets.
        self._targets = [
            (s, frozenset(s.target_classes), frozenset(s.target_objects_of)) for s in self.shapes
        ]

    def run(self, data: Data) -> list[Result]:
        """Every result of every shape over ``data``."""
        results: list[Result] = []
        for shape in self.shapes:
            focus: dict[Term, None] = {}
            for cls in shape.target_classes:
                focus.update(dict.fromkeys(data.instances(cls)))
            for p in shape.target_objects_of:
                for preds in data.out.values():
                    focus.update(dict.fromkeys(preds.get(p, ())))
            for node in focus:
                results.extend(self._node(data, shape, node))
        return results

    def targeting(self, data: Data, node: Term, among: Iterable[str] | None = None) -> list[Shape]:
        """The node shapes (``among`` these IRIs, or all) whose targets include ``node`` in
        ``data`` (as :meth:`run` finds them: an instance of a target class, or an object of a
        ``sh:targetObjectsOf``; the subjects pointing at it are looked up only when needed)."""
        classes: set[Term] = set()
        for t in data.objects(node, RDF_TYPE_TERM):
            classes |= data.superclasses(t)
        wanted = None if among is None else set(among)
        pointed: set[Term] | None = None
        found = []
        for s, by_class, by_object in self._targets:
            if wanted is not None and s.iri not in wanted:
                continue
            if not by_class.isdisjoint(classes):
                found.append(s)
            elif by_object:
                if pointed is None:
                    pointed = {p for p in self.object_targets if data.subjects(p, node)}
                if not by_object.isdisjoint(pointed):
                    found.append(s)
        return found

    def results_at(self, data: Data, shape: Shape, focus: Term) -> list[Result]:
        """The results of node shape ``shape`` at one of its focus nodes."""
        return self._node(data, shape, focus)

    # -- one shape on one focus node --------------------------------------------------------

    def _node(self, data: Data, shape: Shape, focus: Term) -> list[Result]:
        """Results of ``shape`` at ``focus`` (a node shape, or a property shape's values)."""
        out: list[Result] = []
        path = shape.path
        if path is None:
            values = [focus]
        elif path[0] == "p":
            preds = data.out.get(focus)
            values = preds.get(path[1], []) if preds else []
        else:
            values = data.values(focus, path)
        params = shape.params
        iri, severity, message = shape.iri, shape.severity, shape.message

        def add(component: str, value: Term = "", at: Path | None = path) -> None:
            out.append(Result(focus, at, value, iri, _COMPONENT_IRI[component], severity, message))

        if shape.counts:
            if "minCount" in params and len(values) < params["minCount"]:
                add("minCount")
            if "maxCount" in params and len(values) > params["maxCount"]:
                add("maxCount")
        for name, check in shape.checks:
            for v in values:
                if not check(self, data, params, v):
                    add(name, v)
        if not shape.special:
            for prop in shape.properties:
                for v in values:
                    self._property(data, prop, v, out)
            return out
        if "hasValue" in params and params["hasValue"] not in values:
            add("hasValue", "" if shape.path is not None else focus)
        for name in ("lessThan", "lessThanOrEquals"):
            if name in params:
                others = data.objects(focus, params[name])
                for v in values:
                    for o in others:
                        if not _compare(v, o, strict=name == "lessThan"):
                            add(name, v)
                            break
        if "qualifiedValueShape" in params:
            inner = params["qualifiedValueShape"]
            n = sum(1 for v in values if self.conforms(data, inner, v))
            if "qualifiedMinCount" in params and n < params["qualifiedMinCount"]:
                add("qualifiedMin")
            if "qualifiedMaxCount" in params and n > params["qualifiedMaxCount"]:
                add("qualifiedMax")
        if params.get("closed"):
            allowed = shape.allowed
            for p, objs in data.out.get(focus, {}).items():
                if p not in allowed:
                    for o in objs:
                        add("closed", o, ("p", p))
        if "sparql" in params:
            for span, exact, start, end in _quote_mismatches(data, focus):
                text = (
                    params["sparql"]
                    .replace("{?exact}", _str(exact))
                    .replace("{?start}", _str(start))
                    .replace("{?end}", _str(end))
                    .replace("{$this}", _str(focus))
                )
                out.append(Result(focus, None, span, iri, _COMPONENT_IRI["sparql"], severity, text))
        for prop in shape.properties:
            for v in values:
                self._property(data, prop, v, out)
        return out

    def _property(self, data: Data, prop: Shape, focus: Term, out: list[Result]) -> None:
        """Add the results of property shape ``prop`` at ``focus`` to ``out``; the common case
        (one predicate, no value, nothing to count) is decided without a call."""
        path = prop.path
        if path is not None and path[0] == "p" and not prop.counts and not prop.special:
            preds = data.out.get(focus)
            if not preds or path[1] not in preds:
                return
        out.extend(self._node(data, prop, focus))

    def conforms(self, data: Data, shape: Shape, node: Term) -> bool:
        """Whether ``node`` conforms to ``shape`` (no result of any severity)."""
        return not self._node(data, shape, node)


def _inverse_steps(path: Path | None) -> set[Term]:
    """The predicates a path follows backwards."""
    if path is None or path[0] == "p":
        return set()
    if path[0] == "inv":
        return {path[1][1]} if path[1][0] == "p" else _inverse_steps(path[1])
    return {p for step in path[1] for p in _inverse_steps(step)}


def _check_datatype(engine: ShapeEngine, data: Data, params: dict[str, Any], v: Term) -> bool:
    return _well_typed(v, params["datatype"])


_NODE_KINDS = {
    f"<{SH}IRI>": (True, False, False),
    f"<{SH}BlankNode>": (False, True, False),
    f"<{SH}Literal>": (False, False, True),
    f"<{SH}BlankNodeOrIRI>": (True, True, False),
    f"<{SH}BlankNodeOrLiteral>": (False, True, True),
    f"<{SH}IRIOrLiteral>": (True, False, True),
}


def _check_node_kind(engine: ShapeEngine, data: Data, params: dict[str, Any], v: Term) -> bool:
    iri_ok, blank_ok, literal_ok = _NODE_KINDS[params["nodeKind"]]
    if v.startswith("<"):
        return iri_ok
    return blank_ok if v.startswith("_:") else literal_ok


def _check_pattern(engine: ShapeEngine, data: Data, params: dict[str, Any], v: Term) -> bool:
    return not v.startswith("_:") and params["pattern"].search(_str(v)) is not None


def _check_min_length(engine: ShapeEngine, data: Data, params: dict[str, Any], v: Term) -> bool:
    return not v.startswith("_:") and len(_str(v)) >= params["minLength"]


def _check_in(engine: ShapeEngine, data: Data, params: dict[str, Any], v: Term) -> bool:
    return _canonical(v) in params["in"]


def _check_class(engine: ShapeEngine, data: Data, params: dict[str, Any], v: Term) -> bool:
    return data.is_instance(v, params["class"])


def _check_min_inclusive(engine: ShapeEngine, data: Data, params: dict[str, Any], v: Term) -> bool:
    return _bound_ok(v, params["minInclusive"], lambda a, b: a >= b)


def _check_max_inclusive(engine: ShapeEngine, data: Data, params: dict[str, Any], v: Term) -> bool:
    return _bound_ok(v, params["maxInclusive"], lambda a, b: a <= b)


def _check_or(engine: ShapeEngine, data: Data, params: dict[str, Any], v: Term) -> bool:
    return any(engine.conforms(data, s, v) for s in params["or"])


def _check_and(engine: ShapeEngine, data: Data, params: dict[str, Any], v: Term) -> bool:
    return all(engine.conforms(data, s, v) for s in params["and"])


def _check_not(engine: ShapeEngine, data: Data, params: dict[str, Any], v: Term) -> bool:
    return not engine.conforms(data, params["not"], v)


_VALUE_CHECKS: dict[str, Callable[[ShapeEngine, Data, dict[str, Any], Term], bool]] = {
    "datatype": _check_datatype,
    "nodeKind": _check_node_kind,
    "pattern": _check_pattern,
    "minLength": _check_min_length,
    "in": _check_in,
    "class": _check_class,
    "minInclusive": _check_min_inclusive,
    "maxInclusive": _check_max_inclusive,
    "or": _check_or,
    "and": _check_and,
    "not": _check_not,
}


def _numeric(term: Term) -> Any:
    value = _python_value(term)
    if isinstance(value, bool) or not isinstance(value, (int, float, Decimal)):
        return None
    return value


def _bound_ok(v: Term, bound: Any, ok: Callable[[Any, Any], bool]) -> bool:
    value = _numeric(v)
    if value is None or bound is None:
        return False
    try:
        return bool(ok(value, bound))
    except TypeError:
        return False


def _compare(a: Term, b: Term, *, strict: bool) -> bool:
    x, y = _numeric(a), _numeric(b)
    if x is None or y is None:
        return False
    return bool(x < y) if strict else bool(x <= y)


def _quote_mismatches(data: Data, doc: Term) -> list[tuple[Term, Term, Term, Term]]:
    """The quote check of ``kgsh:QuoteMatchesTextShape`` (its SPARQL query, in Python):
    (span, quote, start, end) for every span of ``doc`` whose quote is not the text at its
    offsets."""
    found: list[tuple[Term, Term, Term, Term]] = []
    texts = [t for t in data.objects(doc, _CNT_CHARS) if t.startswith('"')]
    if not texts:
        return found
    has_selector = f"<{OA.hasSelector}>"
    start_p, end_p, exact_p = f"<{OA.start}>", f"<{OA.end}>", f"<{OA.exact}>"
    for span in data.subjects(f"<{OA.hasSource}>", doc):
        selectors = data.objects(span, has_selector)
        positions = [
            (s, e)
            for sel in selectors
            for s in data.objects(sel, start_p)
            for e in data.objects(sel, end_p)
        ]
        quotes = [q for sel in selectors for q in data.objects(sel, exact_p)]
        for text_term in texts:
            text = _literal_parts(text_term)[0]
            for start, end in positions:
                a, b = _numeric(start), _numeric(end)
                if a is None or b is None:
                    continue
                for exact in quotes:
                    if len(text) < b or text[int(a) : int(b)] != _str(exact):
                        found.append((span, exact, start, end))
    return found


@cache
def shape_engine() -> ShapeEngine:
    """kg's shapes compiled once (per process)."""
    return ShapeEngine(shapes_graph())


# ---------------------------------------------------------------------------------------------
# Findings and reports
# ---------------------------------------------------------------------------------------------


def _path_key(path: Path | None) -> str:
    if path is None:
        return ""
    if path[0] == "p":
        return str(path[1])
    if path[0] == "inv":
        return "^" + _path_key(path[1])
    return "/".join(_path_key(p) for p in path[1])


def _short(iri: str) -> str:
    for prefix, ns in sorted(PREFIXES.items(), key=lambda kv: -len(str(kv[1]))):
        if iri.startswith(str(ns)) and len(iri) > len(str(ns)):
            return f"{prefix}:{iri[len(str(ns)) :]}"
    return iri


def _path_text(path: Path | None) -> str:
    if path is None:
        return ""
    if path[0] == "p":
        return _short(str(path[1])[1:-1])
    if path[0] == "inv":
        return "^" + _path_text(path[1])
    return "/".join(_path_text(p) for p in path[1])


def _display(term: Term) -> str:
    return _str(term) if term else ""


def _label(data: Data, focus: Term) -> str:
    for p in (SKOS.prefLabel, RDFS.label):
        for v in data.objects(focus, f"<{p}>"):
            return _str(v)
    return ""


def _quote(data: Data, focus: Term, depth: int = 0) -> str:
    sel, exact = f"<{OA.hasSelector}>", f"<{OA.exact}>"
    derived = f"<{PROV.wasDerivedFrom}>"
    candidates = [focus, *data.objects(focus, derived)]
    for result in data.objects(focus, _SOSA_RESULT):
        candidates += data.objects(result, derived)
    for ann in data.subjects(f"<{OA.hasBody}>", focus):
        candidates += data.objects(ann, f"<{OA.hasTarget}>")
    for span in candidates:
        for s in data.objects(span, sel):
            for q in data.objects(s, exact):
                return _str(q)
    if depth == 0:
        for fig in data.subjects(_SOSA_RESULT, focus):
            return _quote(data, fig, 1)
    return ""


def _finding(data: Data, r: Result) -> Finding:
    value = _canonical(r.value) if r.value else ""
    return Finding(
        focus=_display(r.focus),
        label=_label(data, r.focus),
        path=_path_text(r.path),
        message=r.message,
        severity=r.severity,
        quote=_quote(data, r.focus),
        value=_display(value),
        component=_short(r.component),
        focus_term=_canonical(r.focus),
        value_term=value,
        result_path=r.path,
        source_shape=r.shape,
    )


def _sort_key(f: Finding) -> tuple[str, ...]:
    return (f.focus, f.path, f.message, f.value, f.source_shape, f.component)


def shape_findings(data: Data) -> list[Finding]:
    """The SHACL findings of kg's evaluator over ``data``, sorted, each once."""
    unique = {r: None for r in shape_engine().run(data)}
    return sorted({_finding(data, r) for r in unique}, key=_sort_key)


def validate_triples(
    triples: Iterable[TermTriple],
    *,
    rules: bool = True,
    ntriples: Iterable[bytes] | None = None,
    document_rows: Sequence[Sequence[RuleRow]] | None = None,
    others: Sequence[Sequence[TermTriple]] = (),
    document_shapes: Sequence[tuple[str, Sequence[TermTriple], ShapeRecord]] | None = None,
    corpus: Corpus | None = None,
    started: Future[SplitStart] | None = None,
) -> ValidationReport:
    """Validate a graph (its triples as N-Triples text) with the shapes and, with ``rules``,
    the quality rules; the one validation ``kg build`` and ``kg validate`` both run.

    The quality rules run in Oxigraph on a second thread while the shapes are checked
    (Oxigraph releases the GIL). ``ntriples`` is the same graph as chunks of N-Triples bytes
    when the caller has them (repeated statements allowed; read as they come), which spares
    writing them out again. A build that ran the document-scoped rules on each document gives
    their rows (``document_rows``) and the graphs of ``triples`` made across documents
    (``others``): the rules then run split (:func:`kg.rules.split_rule_rows`), with the same
    findings. With ``document_shapes`` (each document's name, graph and the record of its own
    nodes' validation, :func:`kg.shape_split.document_shapes`), the shapes run split too
    (:func:`kg.shape_split.split_shape_findings`): the rest is validated on the merged graph
    read where the checks reach, never indexed whole; ``triples`` must then be sorted, each
    once (as :func:`kg.store.merge_graphs` gives them). The findings are the same. With both
    split, ``corpus`` may stand for ``triples`` (:class:`kg.corpus.Corpus`: a build reads the
    merged graph where the checks reach, without a list of all its triples), and
    ``started`` may be the rules' :func:`kg.rules.start_split` of ``others`` and the corpus,
    already running (a rebuild starts it before writing the merged graph).
    """
    from kg import rules as quality
    from kg.corpus import as_corpus

    if corpus is not None and (document_rows is None or document_shapes is None):
        raise KgError("validate_triples: a corpus is for the split paths only")
    triples = list(triples)
    read: Corpus = as_corpus(triples) if corpus is None else corpus
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="kg-rules") as pool:
        whole = split = None
        if rules and document_rows is None:
            whole = pool.submit(quality.whole_rule_rows, triples, ntriples)
        elif rules:
            split = (
                started if started is not None else pool.submit(quality.start_split, others, read)
            )
        data: Data
        if document_shapes is None:
            data = Data(triples)
            findings = shape_findings(data)
        else:
            from kg.shape_split import split_shape_findings

            findings, data = split_shape_findings(read, document_shapes, others)
        conforms = not any(f.severity == "Violation" for f in findings)
        failed: list[str] = []
        run = 0
        if rules:
            if split is not None:
                assert document_rows is not None
                crossing: list[TermTriple] = []
                if document_shapes is not None:
                    from kg.shape_split import crossing_triples

                    crossing = crossing_triples(document_shapes)
                found = quality.finish_split(
                    split.result(), document_rows, others, read, data, crossing
                )
            else:
                assert whole is not None
                found = whole.result()
            run = len(quality.rule_plans())
            by_rule = rule_findings(found, data)
            failed = sorted({f.source_shape[len(QUALITY_RULE) :] for f in by_rule})
            findings = sorted(set(findings) | set(by_rule), key=_sort_key)
            conforms = conforms and not by_rule
    return ValidationReport(conforms, findings, report_graph(conforms, findings), run, failed)


def validate_graph(data: Graph, *, rules: bool = True) -> ValidationReport:
    """Validate an rdflib graph (see :func:`validate_triples`)."""
    return validate_triples(((nt(s), nt(p), nt(o)) for s, p, o in data), rules=rules)


def validation_triples(graphs: Sequence[tuple[str, Iterable[TermTriple]]]) -> list[TermTriple]:
    """The graph kg validates: the union of a build's graphs without the ontology's.

    A file with a default graph only (``graph.ttl``) has the ontology merged in; its triples
    are taken out again, so a build folder, its ``graph.trig`` and its ``graph.ttl`` validate
    alike.
    """
    from kg.rdf import ontology_graph

    merged = {t for name, ts in graphs if name != str(ONTOLOGY_IRI) for t in ts}
    if any(name == "" for name, _ in graphs):
        onto = {(nt(s), nt(p), _canonical(nt(o))) for s, p, o in ontology_graph()}
        merged = {t for t in merged if (t[0], t[1], _canonical(t[2])) not in onto}
    return sorted(merged)


def validate_dataset(ds: Any) -> ValidationReport:
    """Validate an rdflib dataset: the union of its graphs except the ontology's."""

    triples = {
        (nt(s), nt(p), nt(o)) for c in ds.graphs() if c.identifier != ONTOLOGY_IRI for s, p, o in c
    }
    return validate_triples(sorted(triples))


# ---------------------------------------------------------------------------------------------
# Quality rules
# ---------------------------------------------------------------------------------------------


def quality_rule_findings(triples: Sequence[TermTriple], data: Data | None = None) -> list[Finding]:
    """The rows of the quality rules (``kg/queries/checks``) as findings, one per row: the
    first column's node is the focus, the rule's description and the row the message."""
    from kg.rules import whole_rule_rows

    data = data if data is not None else Data(triples)
    return rule_findings(whole_rule_rows(triples), data)


def rule_findings(rows: Iterable[RuleRow], data: Data) -> list[Finding]:
    """Quality rule rows (:mod:`kg.rules`) as findings (labels and quotes from ``data``)."""
    from kg.query import check_queries

    queries = check_queries()
    findings: list[Finding] = []
    for name, values in rows:
        focus = next((t for _, t in values if t is not None and t.startswith("<")), "")
        details = "; ".join(f"{v}={_rule_value(t)}" for v, t in values if t is not None)
        findings.append(
            Finding(
                focus=_display(focus),
                label=_label(data, focus) if focus else "",
                path="",
                message=f"{queries[name].description} [{name}: {details}]",
                severity="Violation",
                quote=_quote(data, focus) if focus else "",
                value="",
                component="sh:SPARQLConstraintComponent",
                focus_term=focus,
                value_term="",
                result_path=None,
                source_shape=QUALITY_RULE + name,
            )
        )
    return findings


def _rule_value(term: Term) -> str:
    """A row's value as the report shows it: an IRI shortened, a literal's lexical form."""
    if term.startswith("<"):
        return _short(term[1:-1])
    return _str(term)


# ---------------------------------------------------------------------------------------------
# The report graph
# ---------------------------------------------------------------------------------------------


def _path_node(g: Graph, path: Path, key: str, counter: list[int]) -> Node:
    """The path as RDF: an IRI, or blank nodes labelled from the result's key (so they are
    the same in every run, whichever writer prints them)."""
    if path[0] == "p":
        return URIRef(str(path[1])[1:-1])

    def fresh() -> BNode:
        counter[0] += 1
        return BNode(f"path{key}x{counter[0]}")

    if path[0] == "inv":
        node = fresh()
        g.add((node, SH.inversePath, _path_node(g, path[1], key, counter)))
        return node
    items = [_path_node(g, p, key, counter) for p in path[1]]
    cells = [fresh() for _ in items]
    for i, (cell, item) in enumerate(zip(cells, items, strict=True)):
        g.add((cell, RDF.first, item))
        g.add((cell, RDF.rest, cells[i + 1] if i + 1 < len(cells) else RDF.nil))
    return cells[0]


def report_graph(conforms: bool, findings: list[Finding]) -> Graph:
    """The findings as a SHACL validation report (``sh:ValidationReport``) whose result IRIs
    derive from their content; the only blank nodes are the RDF lists of sequence paths,
    which Turtle writes inline, so the same findings give the same bytes."""
    g = Graph()
    g.bind("sh", SH)
    g.bind("id", ID)
    g.bind("kgsh", KGSH)
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns)
    report = ID["report-validation"]
    g.add((report, RDF.type, SH.ValidationReport))
    g.add((report, SH.conforms, Literal(conforms, datatype=XSD.boolean)))
    rules: set[str] = set()
    for f in findings:
        key = hashlib.sha256("\x1f".join(f.key()).encode()).hexdigest()
        node = ID[f"report-result-{key[:16]}"]
        g.add((report, SH.result, node))
        g.add((node, RDF.type, SH.ValidationResult))
        if f.focus_term:
            g.add((node, SH.focusNode, to_node(f.focus_term)))
        else:
            g.add((node, SH.focusNode, ID["report-validation"]))
        g.add((node, SH.resultSeverity, SH[f.severity]))
        g.add((node, SH.resultMessage, Literal(f.message)))
        g.add((node, SH.sourceShape, URIRef(f.source_shape)))
        component = f.component.replace("sh:", str(SH)) if f.component.startswith("sh:") else ""
        g.add((node, SH.sourceConstraintComponent, URIRef(component or f.component)))
        if f.result_path is not None:
            g.add((node, SH.resultPath, _path_node(g, f.result_path, key[:16], [0])))
        if f.value_term:
            g.add((node, SH.value, to_node(f.value_term)))
        if f.source_shape.startswith(QUALITY_RULE):
            rules.add(f.source_shape)
    for rule in sorted(rules):
        name = rule[len(QUALITY_RULE) :]
        g.add((URIRef(rule), RDF.type, URIRef(KGSH + "QualityRule")))
        g.add((URIRef(rule), RDFS.label, Literal(name)))
    return g


# ---------------------------------------------------------------------------------------------
# The reference: pyshacl
# ---------------------------------------------------------------------------------------------


def _report_path(report: Graph, node: Node) -> Path:
    if isinstance(node, URIRef):
        return ("p", f"<{node}>")
    if (node, RDF.first, None) in report:
        return ("seq", tuple(_report_path(report, n) for n in Collection(report, node)))
    inverse = report.value(node, SH.inversePath)
    if inverse is not None:
        return ("inv", _report_path(report, inverse))
    raise KgError(f"unsupported path in a pyshacl report: {node!r}")


def reference_findings(triples: Iterable[TermTriple]) -> list[Finding]:
    """The SHACL findings of one pyshacl run over the graph (the reference for kg's
    evaluator), as :class:`Finding` values comparable with :func:`shape_findings`."""
    from pyshacl import validate

    triples = list(triples)
    g = Graph()
    for s, p, o in triples:
        g.add((to_node(s), to_node(p), to_node(o)))
    _, report, _ = validate(
        g, shacl_graph=shapes_graph(), inference="none", advanced=False, allow_warnings=True
    )
    assert isinstance(report, Graph)
    data = Data(triples)
    results = []
    for node in report.subjects(RDF.type, SH.ValidationResult):
        focus = report.value(node, SH.focusNode)
        path = report.value(node, SH.resultPath)
        value = report.value(node, SH.value)
        source = report.value(node, SH.sourceShape)
        severity = report.value(node, SH.resultSeverity)
        message = report.value(node, SH.resultMessage)
        component = report.value(node, SH.sourceConstraintComponent)
        assert focus is not None and severity is not None and component is not None
        if not isinstance(source, URIRef):
            raise KgError(f"a result of pyshacl comes from a blank node shape: {source!r}")
        results.append(
            Result(
                nt(focus),
                _report_path(report, path) if path is not None else None,
                nt(value) if value is not None else "",
                str(source),
                str(component),
                str(severity)[len(str(SH)) :],
                str(message) if message is not None else "",
            )
        )
    return sorted({_finding(data, r) for r in results}, key=_sort_key)
