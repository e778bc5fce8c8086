"""The knowledge graph as a network: a typed, labelled :mod:`networkx` projection and analyses.

:func:`to_networkx` reads a graph (a pyoxigraph store, a graph file or a build folder) with
SPARQL and returns a :class:`networkx.MultiDiGraph` whose nodes are the things people ask about
and whose edges are the relations between them. Every node has a ``kind`` and a ``label``:

- ``organization``: an ``org:Organization``; also ``org_kind``, ``aliases``
- ``group``: a beneficiary group that is not an organization (``foaf:Group``)
- ``activity``: a ``kg:ProgramActivity``; also ``activity_type``, ``sector``, ``document``,
  ``quote`` (the source text), ``start`` (its offset)
- ``figure``: a ``kg:ReportedFigure``; also ``value`` (float), ``unit`` (a unit key),
  ``counted``, ``qualifier``, ``change``, ``subject``, ``year``, ``period`` ("FY2019", "2017"),
  ``reported_by``, ``agency`` (credited), ``place`` (labels), ``document``, ``quote``, ``start``
- ``place``: a ``dcterms:Location``; also ``place_kind``, ``code`` (ISO 3166)
- ``program``: a ``kg:CountryProgram``, labelled "INL program in COUNTRY"; also ``document``,
  ``country``, ``name`` (its label in the graph)
- ``document``: a ``kg:FactSheet`` (its label is the document name); also ``title``

Optional attributes the graph does not state are ``None``. Edges carry a ``relation`` (also the
edge key, so one relation links two nodes at most once) and point the way the sentence reads,
actor first:

- ``implements``: actor -> activity (``prov:wasAssociatedWith``, reversed)
- ``benefits``: activity -> beneficiary (``kg:beneficiary``)
- ``funds``: actor -> beneficiary of an activity typed ``kg:Funding``
- ``reports``: organization -> figure it reported (its result's ``prov:wasAttributedTo``, reversed)
- ``achieves``: agency -> figure the document credits to it (``kg:creditedTo``, reversed)
- ``results-in``: activity -> figure stated with it (``kg:outcomeOf``, reversed)
- ``located-in``: figure, activity, program or place -> place (``dcterms:spatial``,
  ``schema:containedInPlace``)
- ``part-of``: activity or figure -> program (``dcterms:isPartOf``); organization -> parent
  (``org:subOrganizationOf``)
- ``runs``: agency -> program (the program's ``prov:wasAssociatedWith``, reversed)
- ``described-in``: program -> document (``dcterms:isReferencedBy``)

Nodes and edges are inserted in sorted order, so the same graph always gives the same network
(and the same layouts and shortest paths).

>>> from kg.build import build
>>> import tempfile
>>> out = tempfile.mkdtemp()
>>> _ = build(None, out=out)
>>> G = to_networkx(out)
>>> print(summary_table(G))
kind          count
------------  -----
organization      8
group             2
activity          9
figure           10
place             5
program           1
document          1
>>> most_connected_partners(G, 1)[0].label
'Bureau of International Narcotics and Law Enforcement Affairs'
>>> describe_path(G, path_from_agency_to_outcome(G, "INL", "heroin"))
'INL -achieves-> seizing 19.5 MT of heroin'
"""

from __future__ import annotations

import html
import itertools
import os
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any, NamedTuple

import networkx as nx
import pyoxigraph as ox

from kg.model import KgError
from kg.namespaces import UNIT_KEYS_BY_IRI
from kg.query import fit_widths, format_vertical, run_query
from kg.store import load_store

#: Node kinds, in the order tables and legends list them.
KINDS: tuple[str, ...] = (
    "organization",
    "group",
    "activity",
    "figure",
    "place",
    "program",
    "document",
)
#: Edge relations, in the order tables list them.
RELATIONS: tuple[str, ...] = (
    "implements",
    "benefits",
    "funds",
    "reports",
    "achieves",
    "results-in",
    "located-in",
    "part-of",
    "runs",
    "described-in",
)

_UNIT_KEYS = UNIT_KEYS_BY_IRI
_PLACE_KINDS: dict[str, str] = {
    "https://schema.org/Country": "country",
    "https://schema.org/AdministrativeArea": "subdivision",
    "https://schema.org/City": "city",
    "https://schema.org/Place": "region",
}

GraphSource = ox.Store | str | os.PathLike[str] | None


# ---------------------------------------------------------------------------------------------
# Tables
# ---------------------------------------------------------------------------------------------


@dataclass(slots=True)
class Table:
    """A small result table: column names and rows. Prints aligned within ``width`` columns
    (numbers grouped by thousands); shows as HTML in Jupyter.

        >>> t = Table(("kind", "count"), [("figure", 10)])
        >>> print(t)
        kind    count
        ------  -----
        figure     10
        >>> t.records()
        [{'kind': 'figure', 'count': 10}]
    """

    columns: tuple[str, ...]
    rows: list[tuple[Any, ...]] = field(default_factory=list)
    #: The widest a printed table gets; the widest text columns are cut with "…" to fit.
    width: int = 100

    def records(self) -> list[dict[str, Any]]:
        """The rows as dictionaries keyed by column name."""
        return [dict(zip(self.columns, row, strict=True)) for row in self.rows]

    def column(self, name: str) -> list[Any]:
        """The values of one column."""
        i = self.columns.index(name)
        return [row[i] for row in self.rows]

    def __len__(self) -> int:
        return len(self.rows)

    def __iter__(self) -> Iterator[tuple[Any, ...]]:
        return iter(self.rows)

    def __str__(self) -> str:
        cells = [[_cell(c) for c in self.columns], *[[_cell(c) for c in r] for r in self.rows]]
        numeric = [
            all(isinstance(r[i], int | float) for r in self.rows) and bool(self.rows)
            for i in range(len(self.columns))
        ]
        natural = [min(60, max(len(r[i]) for r in cells)) for i in range(len(self.columns))]
        floor = [w if num else min(w, max(8, len(c))) for w, num, c in zip(
            natural, numeric, self.columns, strict=True)]  # fmt: skip
        widths = fit_widths(natural, floor, self.width)
        if sum(widths) + 2 * (len(widths) - 1) > self.width:  # one block per row
            return format_vertical(list(self.columns), cells[1:], self.width).rsplit("\n(", 1)[0]

        def fit(text: str, width: int, right: bool) -> str:
            text = text if len(text) <= width else text[: width - 1] + "…"
            return text.rjust(width) if right else text.ljust(width)

        lines = [
            "  ".join(fit(c, w, num) for c, w, num in zip(r, widths, numeric, strict=True)).rstrip()
            for r in cells
        ]
        lines.insert(1, "  ".join("-" * w for w in widths))
        return "\n".join(lines)

    def _repr_pretty_(self, p: Any, cycle: bool) -> None:
        p.text(str(self))

    def _repr_html_(self) -> str:
        head = "".join(f"<th>{html.escape(c)}</th>" for c in self.columns)
        body = "".join(
            "<tr>" + "".join(f"<td>{html.escape(_cell(c))}</td>" for c in row) + "</tr>"
            for row in self.rows
        )
        return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def number_text(value: float) -> str:
    """A number grouped by thousands, never in scientific notation, with the digits it has.

    >>> number_text(5171250.0), number_text(1.9e8), number_text(19.5), number_text(0.25)
    ('5,171,250', '190,000,000', '19.5', '0.25')
    """
    if value != value or value in (float("inf"), float("-inf")):
        return str(value)
    if value == int(value):
        return f"{int(value):,}"
    return f"{Decimal(repr(value)):,f}"


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        return f"{value:,}" if abs(value) >= 10_000 else str(value)
    if isinstance(value, float):
        return number_text(value)
    if isinstance(value, tuple | list | set | frozenset):
        return ", ".join(str(v) for v in value)
    return str(value).replace("\n", " ")


# ---------------------------------------------------------------------------------------------
# Loading
# ---------------------------------------------------------------------------------------------


def locate_graph(graph: str | os.PathLike[str] | None) -> Path:
    """The graph file or build folder ``graph`` names, looked up from the working folder upward.

    A relative path that does not exist here is tried in each parent folder, so a notebook
    that Jupyter runs inside ``notebooks/`` still finds the project's ``out`` build. Returns
    the path unchanged when it is found nowhere (loading it then gives the usual error).

    >>> locate_graph("/no/such/graph") == Path("/no/such/graph")
    True
    """
    p = Path(graph) if graph is not None else Path("out")
    if p.is_absolute() or p.exists():
        return p
    for parent in Path.cwd().parents:
        if (parent / p).exists():
            return parent / p
    return p


#: Files ``kg build`` reads: a folder holding any of these (and no build) is a source folder.
SOURCE_PATTERNS: tuple[str, ...] = ("*.txt", "*.md", "*.html", "*.facts.yaml", "*.gold.yaml")


def _is_build(p: Path) -> bool:
    if p.is_file():
        return not _is_source(p)
    return p.is_dir() and any((p / n).is_file() for n in ("graph.trig", "graph.ttl"))


def _is_source(p: Path) -> bool:
    if p.is_file():
        return any(p.match(pattern) for pattern in SOURCE_PATTERNS)
    return p.is_dir() and any(next(p.glob(pattern), None) for pattern in SOURCE_PATTERNS)


def ready_graph(graph: str | os.PathLike[str] | None, *, say: bool = True) -> Path:
    """The build a notebook reads, built first when there is none, so a notebook opened on a
    fresh checkout runs from top to bottom.

    ``graph`` is looked up like :func:`locate_graph`. A graph file or build folder is returned
    as found. A source folder or file (fact sheets, facts or gold files, as ``KG_GRAPH`` may
    name) is built into a new temporary folder; a path that exists nowhere gives the bundled
    default (the curated Pakistan facts) built into a new temporary folder. Either way one line
    says so (unless ``say`` is false). Nothing is written next to the notebooks.
    """
    import sys
    import tempfile

    from kg.build import build

    p = locate_graph(graph)
    if _is_build(p):
        return p
    out = Path(tempfile.mkdtemp(prefix="kg-notebook-")) / "out"
    if _is_source(p):
        build([p], out=out)
        message = f"{p} holds sources, not a build: built them into {out}"
    elif p.exists():
        raise KgError(f"{p}: neither a graph nor fact sheets; run 'kg build --out DIR' first")
    else:
        build(None, out=out)
        message = (
            f"no graph at {p}: built the bundled default (curated Pakistan facts) into {out} "
            f"('kg build --out {graph or 'out'}' keeps one)"
        )
    if say:
        print(message, file=sys.stdout)
    return out


def open_store(graph: GraphSource) -> ox.Store:
    """A pyoxigraph store for ``graph``: a store as is, else a graph file or build folder loaded
    (``None`` means ``out``). Notebooks pass their path through :func:`locate_graph` first."""
    if isinstance(graph, ox.Store):
        return graph
    return load_store(Path(graph) if graph is not None else None)


# ---------------------------------------------------------------------------------------------
# The projection
# ---------------------------------------------------------------------------------------------

_ORGS = """
SELECT ?n (MIN(?l) AS ?label) (MIN(?k) AS ?kind)
       (GROUP_CONCAT(DISTINCT ?alias; separator="\\u001f") AS ?aliases)
WHERE {
  ?n a org:Organization ; skos:prefLabel ?l .
  OPTIONAL { ?n org:classification/skos:notation ?k }
  OPTIONAL { ?n skos:altLabel ?alias }
}
GROUP BY ?n
"""

_GROUPS = """
SELECT ?n (MIN(?l) AS ?label)
WHERE {
  ?n a foaf:Group ; skos:prefLabel ?l .
  FILTER NOT EXISTS { ?n a org:Organization }
}
GROUP BY ?n
"""

_PLACES = """
SELECT ?n (MIN(?l) AS ?label) (MIN(?c) AS ?code) (MIN(?cls) AS ?class)
WHERE {
  ?n a dcterms:Location ; skos:prefLabel ?l .
  OPTIONAL { ?n dcterms:identifier ?c }
  OPTIONAL { ?n a ?cls . FILTER(STRSTARTS(STR(?cls), "https://schema.org/")) }
}
GROUP BY ?n
"""

_DOCUMENTS = """
SELECT ?n (MIN(?id) AS ?label) (MIN(?t) AS ?title)
WHERE {
  ?n a kg:FactSheet ; dcterms:identifier ?id .
  OPTIONAL { ?n dcterms:title ?t }
}
GROUP BY ?n
"""

_PROGRAMS = """
SELECT ?n (MIN(?l) AS ?label) (MIN(?id) AS ?document) (MIN(?cl) AS ?country)
WHERE {
  ?n a kg:CountryProgram .
  OPTIONAL { ?n rdfs:label ?l }
  OPTIONAL { ?n dcterms:isReferencedBy/dcterms:identifier ?id }
  OPTIONAL { ?n dcterms:spatial/skos:prefLabel ?cl }
}
GROUP BY ?n
"""

_ACTIVITIES = """
SELECT ?n (MIN(?l) AS ?label) (MIN(?t) AS ?activity_type) (MIN(?tl) AS ?activity_type_label)
       (MIN(?s) AS ?sector) (MIN(?id) AS ?document) (MIN(?q) AS ?quote) (MIN(?st) AS ?start)
WHERE {
  ?n a kg:ProgramActivity ; rdfs:label ?l .
  OPTIONAL { ?n kg:activityType ?tc . ?tc skos:notation ?t . OPTIONAL { ?tc skos:prefLabel ?tl } }
  OPTIONAL { ?n kg:sector/skos:notation ?s }
  OPTIONAL { ?n dcterms:isPartOf/dcterms:isReferencedBy/dcterms:identifier ?id }
  OPTIONAL {
    ?n ^oa:hasBody/oa:hasTarget ?span .
    ?span oa:hasSelector ?qs , ?ps .
    ?qs oa:exact ?q .
    ?ps oa:start ?st .
  }
}
GROUP BY ?n
"""

_FIGURES = """
SELECT ?n (MIN(?l) AS ?label) (MIN(?v) AS ?value) (MIN(?u) AS ?unit) (MIN(?c) AS ?counted)
       (MIN(?q) AS ?qualifier) (MIN(?ch) AS ?change) (MIN(?su) AS ?subject) (MIN(?y) AS ?year)
       (MIN(?id) AS ?document) (MIN(?qt) AS ?quote) (MIN(?st) AS ?start)
       (MIN(?per) AS ?period) (MIN(?rl) AS ?reported_by) (MIN(?al) AS ?agency)
       (MIN(?pl) AS ?place)
WHERE {
  ?n a kg:ReportedFigure ; rdfs:label ?l .
  OPTIONAL { ?n sosa:phenomenonTime/rdfs:label ?per }
  OPTIONAL { ?n sosa:hasResult/prov:wasAttributedTo/skos:prefLabel ?rl }
  OPTIONAL { ?n kg:creditedTo/skos:prefLabel ?al }
  OPTIONAL { ?n dcterms:spatial/skos:prefLabel ?pl }
  OPTIONAL { ?n sosa:hasResult ?r . ?r qudt:value ?v ; qudt:hasUnit ?u .
             OPTIONAL { ?r kg:counted ?c } }
  OPTIONAL { ?n kg:qualifier/skos:notation ?q }
  OPTIONAL { ?n kg:change/skos:notation ?ch }
  OPTIONAL { ?n dcterms:subject ?su }
  OPTIONAL { ?n sosa:phenomenonTime/time:hasDateTimeDescription/time:year ?y }
  OPTIONAL { ?n dcterms:isPartOf/dcterms:isReferencedBy/dcterms:identifier ?id }
  OPTIONAL {
    ?n sosa:hasResult/prov:wasDerivedFrom ?span .
    ?span oa:hasSelector ?qs , ?ps .
    ?qs oa:exact ?qt .
    ?ps oa:start ?st .
  }
}
GROUP BY ?n
"""

#: relation -> SPARQL pattern binding ?s (edge source) and ?o (edge target).
_EDGES: dict[str, str] = {
    "implements": "?o a kg:ProgramActivity ; prov:wasAssociatedWith ?s .",
    "benefits": "?s a kg:ProgramActivity ; kg:beneficiary ?o .",
    "funds": "?a a kg:ProgramActivity ; kg:activityType kg:Funding ; "
    "prov:wasAssociatedWith ?s ; kg:beneficiary ?o .",
    "reports": "?o a kg:ReportedFigure ; sosa:hasResult/prov:wasAttributedTo ?s .",
    "achieves": "?o a kg:ReportedFigure ; kg:creditedTo ?s .",
    "results-in": "?o a kg:ReportedFigure ; kg:outcomeOf ?s .",
    "located-in": "{ ?s dcterms:spatial ?o } UNION { ?s schema:containedInPlace ?o }",
    "part-of": "{ ?s dcterms:isPartOf ?o . ?o a kg:CountryProgram } "
    "UNION { ?s org:subOrganizationOf ?o }",
    "runs": "?o a kg:CountryProgram ; prov:wasAssociatedWith ?s .",
    "described-in": "?s a kg:CountryProgram ; dcterms:isReferencedBy ?o .",
}


def _number(text: str | None) -> float | None:
    try:
        return float(text) if text is not None else None
    except ValueError:
        return None


def _int(text: str | None) -> int | None:
    return int(text) if text is not None and text.lstrip("-").isdigit() else None


def _rows(store: ox.Store, query: str) -> list[dict[str, Any]]:
    """The records of a query, unbound or empty values as ``None``."""
    return [{k: v or None for k, v in r.items()} for r in run_query(store, query).records()]


def _nodes(store: ox.Store) -> dict[str, dict[str, Any]]:
    nodes: dict[str, dict[str, Any]] = {}
    for r in _rows(store, _ORGS):
        aliases = tuple(sorted(a for a in (r["aliases"] or "").split("\x1f") if a))
        nodes[r["n"]] = {
            "kind": "organization",
            "label": r["label"],
            "org_kind": r["kind"] or "other",
            "aliases": aliases,
        }
    for r in _rows(store, _GROUPS):
        nodes.setdefault(r["n"], {"kind": "group", "label": r["label"]})
    for r in _rows(store, _PLACES):
        nodes[r["n"]] = {
            "kind": "place",
            "label": r["label"],
            "place_kind": _PLACE_KINDS.get(r["class"] or "", "region"),
            "code": r["code"],
        }
    for r in _rows(store, _DOCUMENTS):
        nodes[r["n"]] = {"kind": "document", "label": r["label"], "title": r["title"]}
    for r in _rows(store, _PROGRAMS):
        country = r["country"] or r["document"]
        nodes[r["n"]] = {
            "kind": "program",
            "label": f"INL program in {country}" if country else r["label"] or r["n"],
            "name": r["label"],
            "document": r["document"],
            "country": country,
        }
    for r in _rows(store, _ACTIVITIES):
        nodes[r["n"]] = {
            "kind": "activity",
            "label": r["label"],
            "activity_type": r["activity_type"] or "other",
            "activity_type_label": r["activity_type_label"] or r["activity_type"] or "other",
            "sector": r["sector"],
            "document": r["document"],
            "quote": r["quote"],
            "start": _int(r["start"]),
        }
    for r in _rows(store, _FIGURES):
        nodes[r["n"]] = {
            "kind": "figure",
            "label": r["label"],
            "value": _number(r["value"]),
            "unit": _UNIT_KEYS.get(r["unit"] or "", r["unit"]),
            "counted": r["counted"],
            "qualifier": r["qualifier"],
            "change": r["change"],
            "subject": r["subject"],
            "year": _int(r["year"]),
            "period": r["period"],
            "reported_by": r["reported_by"],
            "agency": r["agency"],
            "place": r["place"],
            "document": r["document"],
            "quote": r["quote"] or r["label"],
            "start": _int(r["start"]),
        }
    return nodes


def to_networkx(store_or_path: GraphSource) -> nx.MultiDiGraph:
    """The typed, labelled network of a graph (see the module documentation for its schema).

    ``store_or_path`` is a pyoxigraph store, a graph file, a build folder, or ``None`` for the
    default build ``out``. Read with SPARQL only.

    >>> import pyoxigraph as ox
    >>> to_networkx(ox.Store()).number_of_nodes()
    0
    """
    store = open_store(store_or_path)
    nodes = _nodes(store)
    G = nx.MultiDiGraph()
    for node in sorted(nodes):
        G.add_node(node, **nodes[node])
    edges: set[tuple[str, str, str]] = set()
    for relation, pattern in _EDGES.items():
        for r in run_query(store, f"SELECT DISTINCT ?s ?o WHERE {{ {pattern} }}").records():
            if r["s"] in nodes and r["o"] in nodes and r["s"] != r["o"]:
                edges.add((r["s"], r["o"], relation))
    for s, o, relation in sorted(edges):
        G.add_edge(s, o, key=relation, relation=relation)
    return G


# ---------------------------------------------------------------------------------------------
# Lookups
# ---------------------------------------------------------------------------------------------


def nodes_of_kind(G: nx.MultiDiGraph, kind: str) -> list[str]:
    """The nodes of one kind, in the graph's (sorted) order."""
    return [n for n, k in G.nodes(data="kind") if k == kind]


def clip(text: str, width: int) -> str:
    """``text`` cut to at most ``width`` characters at a space, with an ellipsis, so that no
    word or abbreviation ("U.S.", "U.N.", "Dept.") is cut inside; a single word longer than
    ``width`` is cut where it must be.

    >>> clip("promotes the key U.S. interest of a stable Pakistan", 20)
    'promotes the key…'
    >>> clip("training with the U.N. Office", 21)
    'training with the…'
    >>> clip("short", 20)
    'short'
    """
    text = " ".join(text.split())
    if len(text) <= width:
        return text
    cut = text[: width - 1]
    space = cut.rfind(" ")
    if space >= width // 3:
        cut = cut[:space]
    return cut.rstrip(" ,;:-") + "…"


def short_label(G: nx.MultiDiGraph, node: str, *, width: int = 40) -> str:
    """A node's label for display: an organization's shortest alias when its name is long
    ("INL"), anything longer than ``width`` characters cut at a space with an ellipsis."""
    data = G.nodes[node]
    label = str(data.get("label") or node)
    aliases = data.get("aliases") or ()
    if len(label) > 28 and aliases:
        label = min(aliases, key=lambda a: (len(a), a))
    return clip(label, width)


def find_nodes(G: nx.MultiDiGraph, text: str, *, kind: str | None = None) -> list[str]:
    """Nodes whose id is ``text``, else whose label or alias equals it (ignoring case), else
    whose label, subject or quote contains it (ignoring case); optionally of one kind only.

    >>> G = nx.MultiDiGraph()
    >>> G.add_node("n1", kind="organization", label="Anti-Narcotics Force", aliases=("ANF",))
    >>> find_nodes(G, "anf")
    ['n1']
    """
    if text in G and (kind is None or G.nodes[text].get("kind") == kind):
        return [text]
    wanted = text.casefold()
    candidates = [n for n, d in G.nodes(data=True) if kind is None or d.get("kind") == kind]
    exact = [
        n
        for n in candidates
        if wanted
        in {str(G.nodes[n].get("label", "")).casefold()}
        | {a.casefold() for a in G.nodes[n].get("aliases", ())}
    ]
    if exact:
        return exact
    return [
        n
        for n in candidates
        if any(
            wanted in str(G.nodes[n].get(attr) or "").casefold()
            for attr in ("label", "subject", "quote")
        )
    ]


# ---------------------------------------------------------------------------------------------
# Analyses
# ---------------------------------------------------------------------------------------------


class Ranked(NamedTuple):
    """An organization ranked by how connected it is."""

    node: str
    label: str
    org_kind: str
    degree: int
    centrality: float


def most_connected_partners(
    G: nx.MultiDiGraph, n: int = 10, *, exclude_kinds: Iterable[str] = ()
) -> list[Ranked]:
    """The ``n`` organizations with the highest degree centrality, best first (ties by label).

    Centrality is the share of the other nodes an organization is linked to (either way, any
    relation) in the simple undirected view. ``exclude_kinds`` drops organization kinds, e.g.
    ``("us-government",)`` to rank partners only.

    >>> G = nx.MultiDiGraph()
    >>> G.add_node("a", kind="organization", label="A", org_kind="us-government")
    >>> G.add_node("x", kind="activity", label="X")
    >>> G.add_edge("a", "x", key="implements", relation="implements")
    'implements'
    >>> most_connected_partners(G, 1)
    [Ranked(node='a', label='A', org_kind='us-government', degree=1, centrality=1.0)]
    """
    excluded = set(exclude_kinds)
    simple = nx.Graph(G)
    centrality = nx.degree_centrality(simple) if len(simple) > 1 else dict.fromkeys(simple, 0.0)
    ranked = [
        Ranked(
            node,
            str(G.nodes[node]["label"]),
            str(G.nodes[node].get("org_kind", "other")),
            int(simple.degree(node)),
            float(centrality[node]),
        )
        for node in nodes_of_kind(G, "organization")
        if G.nodes[node].get("org_kind", "other") not in excluded
    ]
    ranked.sort(key=lambda r: (-r.centrality, r.label, r.node))
    return ranked[:n]


class ReportPair(NamedTuple):
    """Who reported figures credited to whom, and how many."""

    reporter: str
    agency: str
    figures: int


def who_reports_on_whom(G: nx.MultiDiGraph) -> list[ReportPair]:
    """Reporter -> credited agency pairs with the number of figures, most figures first.

    A figure counts for every (reporter, agency) pair it has; figures without a named
    reporter or without a credited agency are left out.

    >>> G = nx.MultiDiGraph()
    >>> for n, k in (("r", "organization"), ("a", "organization"), ("f", "figure")):
    ...     G.add_node(n, kind=k, label=n.upper())
    >>> _ = G.add_edge("r", "f", key="reports", relation="reports")
    >>> _ = G.add_edge("a", "f", key="achieves", relation="achieves")
    >>> who_reports_on_whom(G)
    [ReportPair(reporter='R', agency='A', figures=1)]
    """
    counts: Counter[tuple[str, str]] = Counter()
    for fig in nodes_of_kind(G, "figure"):
        reporters = {u for u, _, rel in G.in_edges(fig, data="relation") if rel == "reports"}
        agencies = {u for u, _, rel in G.in_edges(fig, data="relation") if rel == "achieves"}
        for r in reporters:
            for a in agencies:
                counts[(str(G.nodes[r]["label"]), str(G.nodes[a]["label"]))] += 1
    pairs = [ReportPair(r, a, c) for (r, a), c in counts.items()]
    pairs.sort(key=lambda p: (-p.figures, p.reporter, p.agency))
    return pairs


def path_from_agency_to_outcome(
    G: nx.MultiDiGraph, agency_label: str, figure_or_label: str
) -> list[str]:
    """The shortest path (node ids) from an agency to a figure, ignoring edge direction.

    ``agency_label`` is an organization's name or alias ("INL"); ``figure_or_label`` is a
    figure's node id or text found in its label, subject or quote ("heroin"). When several
    figures match, the path to the nearest is returned (ties: first in sorted order). Returns
    ``[]`` when no path links them; raises :class:`~kg.model.KgError` when nothing matches.
    See :func:`describe_path` for a readable form.

    >>> G = nx.MultiDiGraph()
    >>> G.add_node("o", kind="organization", label="Agency", aliases=("AG",))
    >>> G.add_node("f", kind="figure", label="40 judges trained")
    >>> _ = G.add_edge("o", "f", key="achieves", relation="achieves")
    >>> path_from_agency_to_outcome(G, "AG", "judges")
    ['o', 'f']
    """
    agencies = find_nodes(G, agency_label, kind="organization")
    if not agencies:
        raise KgError(f"no organization named {agency_label!r} in the graph")
    figures = find_nodes(G, figure_or_label, kind="figure")
    if not figures:
        raise KgError(f"no figure matching {figure_or_label!r} in the graph")
    undirected = G.to_undirected(as_view=True)
    best: list[str] = []
    for agency in agencies:
        lengths = nx.single_source_shortest_path_length(undirected, agency)
        reachable = [f for f in figures if f in lengths]
        if not reachable:
            continue
        target = min(reachable, key=lambda f: lengths[f])
        path: list[str] = nx.shortest_path(undirected, agency, target)
        if not best or len(path) < len(best):
            best = path
    return best


def describe_path(G: nx.MultiDiGraph, path: Sequence[str]) -> str:
    """A path as text, each step with its relation and arrow in the edge's direction:
    ``"INL -implements-> construction … <-benefits- …"``."""
    if not path:
        return "(no path)"
    parts = [short_label(G, path[0], width=60)]
    for u, v in itertools.pairwise(path):
        if G.has_edge(u, v):
            parts.append(f"-{min(G[u][v])}->")
        else:
            parts.append(f"<-{min(G[v][u])}-")
        parts.append(short_label(G, v, width=60))
    return " ".join(parts)


def activity_chains(G: nx.MultiDiGraph) -> Table:
    """Agency -> activity -> partner -> outcome chains.

    An activity leads to a figure when the source states them together (``results-in``, from
    ``kg:outcomeOf``); where that link is missing (facts without activity spans), a figure the
    activity's partner reported and the document credits to the same agency completes the
    chain. Columns: ``agency``, ``activity``, ``partner`` (empty without a beneficiary),
    ``figure``.
    """
    rows: set[tuple[str, str, str, str]] = set()
    for activity in nodes_of_kind(G, "activity"):
        agencies = [u for u, _, rel in G.in_edges(activity, data="relation") if rel == "implements"]
        partners = [v for _, v, rel in G.out_edges(activity, data="relation") if rel == "benefits"]
        for _, fig, rel in G.out_edges(activity, data="relation"):
            if rel != "results-in":
                continue
            for agency in agencies:
                for partner in partners or [None]:
                    rows.add(
                        (
                            short_label(G, agency, width=60),
                            str(G.nodes[activity]["label"]),
                            short_label(G, partner, width=60) if partner else "",
                            str(G.nodes[fig]["label"]),
                        )
                    )
    for fig in nodes_of_kind(G, "figure"):
        edges = list(G.in_edges(fig, data="relation"))
        reporters = {u for u, _, rel in edges if rel == "reports"}
        for agency in sorted({u for u, _, rel in edges if rel == "achieves"}):
            for activity, rel in ((v, k) for _, v, k in G.out_edges(agency, keys=True)):
                if rel != "implements":
                    continue
                for partner in set(G.successors(activity)) & reporters:
                    if G.has_edge(activity, partner, key="benefits"):
                        rows.add(
                            (
                                short_label(G, agency, width=60),
                                str(G.nodes[activity]["label"]),
                                short_label(G, partner, width=60),
                                str(G.nodes[fig]["label"]),
                            )
                        )
    return Table(("agency", "activity", "partner", "figure"), sorted(rows))


def summary_table(G: nx.MultiDiGraph, *, relations: bool = False) -> Table:
    """Node counts by kind (every kind listed, zeros included); with ``relations``, edge counts
    by relation follow in a second part of the table."""
    kinds = Counter(k for _, k in G.nodes(data="kind"))
    rows: list[tuple[Any, ...]] = [(k, kinds.get(k, 0)) for k in KINDS]
    rows += [(k, c) for k, c in sorted(kinds.items()) if k not in KINDS]
    if relations:
        rels = Counter(rel for _, _, rel in G.edges(data="relation"))
        rows += [(f"-{r}->", rels.get(r, 0)) for r in RELATIONS]
    return Table(("kind", "count"), rows)


def programs_of(G: nx.MultiDiGraph, node: str) -> set[str]:
    """The programs a node takes part in: its own ``part-of`` program, the programs of the
    activities and figures it is linked to, and the programs it runs."""
    programs: set[str] = set()
    if G.nodes[node].get("kind") == "program":
        return {node}
    neighbours = set(G.successors(node)) | set(G.predecessors(node)) | {node}
    for m in neighbours:
        kind = G.nodes[m].get("kind")
        if kind == "program":
            programs.add(m)
        elif kind in ("activity", "figure"):
            programs |= {p for p in G.successors(m) if G.nodes[p].get("kind") == "program"}
    return programs


def shared_partners(G: nx.MultiDiGraph, *, min_programs: int = 2) -> Table:
    """Organizations (and groups) active in at least ``min_programs`` programs: implementing,
    benefiting, reporting, credited or running. Most programs first.

    Columns: ``organization``, ``kind``, ``programs`` (count), ``countries``.
    """
    by_node: dict[str, set[str]] = defaultdict(set)
    for n in nodes_of_kind(G, "organization") + nodes_of_kind(G, "group"):
        by_node[n] = programs_of(G, n)
    rows = [
        (
            str(G.nodes[n]["label"]),
            str(G.nodes[n].get("org_kind", G.nodes[n]["kind"])),
            len(progs),
            tuple(sorted(str(G.nodes[p].get("country") or G.nodes[p]["label"]) for p in progs)),
        )
        for n, progs in by_node.items()
        if len(progs) >= min_programs
    ]
    rows.sort(key=lambda r: (-r[2], r[0]))
    return Table(("organization", "kind", "programs", "countries"), list(rows))


__all__ = [
    "KINDS",
    "RELATIONS",
    "Ranked",
    "ReportPair",
    "Table",
    "activity_chains",
    "clip",
    "describe_path",
    "find_nodes",
    "locate_graph",
    "most_connected_partners",
    "nodes_of_kind",
    "number_text",
    "open_store",
    "path_from_agency_to_outcome",
    "programs_of",
    "ready_graph",
    "shared_partners",
    "short_label",
    "summary_table",
    "to_networkx",
    "who_reports_on_whom",
]
