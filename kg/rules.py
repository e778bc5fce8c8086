"""The quality rules (``kg/queries/checks``), run where they are cheap and still exact.

Running every rule on one Oxigraph store of the merged corpus costs a bulk load of all its
triples; a build instead runs each rule where its header says its rows come from:

* ``# scope: document``: every row is made of triples about nodes one document mints (spans,
  selectors, figures and their results, activities, annotations, its program and its own
  document node; see the IRI schemes of :mod:`kg.rdf`), which only that document describes.
  The rule runs on the document's graph (with the ontology) in the build's worker, and its rows
  are cached with the document's graph: an unchanged document's rows are reused. The one graph
  made across documents, the editions graph of :func:`kg.editions.link_documents`, is a unit
  of its own, and the build checks that none of its triples that touch a document's nodes can
  match the rule (:func:`split_rule_rows`); if one could, the rule runs on the corpus instead.
* ``# unless-in-corpus: ?node ?p ?o`` (with ``scope: document``): the rule's negation (its
  ``MINUS``/``FILTER NOT EXISTS``, a single triple pattern, named here in the same words) is
  checked again on the merged graph: a row of a document is dropped when the merged graph (and
  the ontology) has a triple matching the pattern with the row's values. The rule's positive
  part lies in one document, so this is the whole-graph result (``dangling-iri``: a node one
  document leaves undescribed may be described by another).
* ``# scope: corpus``: the rule joins across documents; it runs once on the merged graph
  projected to the triples its patterns can match (:func:`footprint`: their predicates, and
  for ``rdf:type`` with a class, the class), computed from the query itself.

A row is the rule's name and its (variable, N-Triples term or ``None``) pairs; findings are
made from rows with the merged graph's labels and quotes (:mod:`kg.validate`), so where a row
was computed does not show in the report. ``kg validate`` runs every rule on the whole graph
(:func:`whole_rule_rows`); ``tests/test_rules.py`` checks both paths agree.

>>> sorted(n for n, p in rule_plans().items() if p.scope == "corpus")[:2]
['comparable-figures-flag-wrong', 'organization-with-several-kinds']
"""

from __future__ import annotations

import hashlib
import io
import json
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Any

import pyoxigraph as ox

from kg.model import KgError
from kg.namespaces import ONTOLOGY_IRI, PREFIXES
from kg.store import RDF_TYPE_TERM

if TYPE_CHECKING:
    from kg.corpus import Corpus

#: A term in N-Triples syntax, and a triple of them.
Term = str
TermTriple = tuple[str, str, str]
#: A rule's name and one row of it: (variable, N-Triples term or ``None`` when unbound).
RuleRow = tuple[str, tuple[tuple[str, Term | None], ...]]

SCOPES = ("document", "corpus")
_SCOPE_RE = re.compile(r"^#\s*scope:\s*(\S+)\s*$")
_UNLESS_RE = re.compile(r"^#\s*unless-in-corpus:\s*(.+?)\s*$")
#: The named graph the rules' data is loaded into (the ontology has its own).
_DATA_GRAPH = ox.NamedNode("urn:kg:merged")


@dataclass(frozen=True, slots=True)
class Footprint:
    """The triples a query's patterns can match: their predicates, the classes of its
    ``rdf:type`` patterns, or all type triples / everything when a pattern leaves it open."""

    predicates: frozenset[Term] = frozenset()
    classes: frozenset[Term] = frozenset()
    all_types: bool = False
    everything: bool = False

    def matches(self, t: TermTriple) -> bool:
        """Whether a pattern of the query can match the triple ``t``."""
        if self.everything:
            return True
        if t[1] == RDF_TYPE_TERM:
            return self.all_types or t[2] in self.classes
        return t[1] in self.predicates

    def __or__(self, other: Footprint) -> Footprint:
        return Footprint(
            self.predicates | other.predicates,
            self.classes | other.classes,
            self.all_types or other.all_types,
            self.everything or other.everything,
        )


@dataclass(frozen=True, slots=True)
class RulePlan:
    """Where a quality rule runs (``scope``) and what a build needs to run it there."""

    name: str
    text: str
    scope: str
    #: Triple patterns (s, p, o: a ``?var`` or an N-Triples term) re-checked on the corpus.
    unless: tuple[tuple[str, str, str], ...] = ()
    #: Every triple the query's patterns can match (what a corpus projection keeps).
    footprint: Footprint = field(default_factory=Footprint)
    #: What the rows of one document depend on beyond it (its patterns without the negations
    #: that ``unless`` re-checks); ``None``: one triple pattern, nothing to join across graphs.
    reach: Footprint | None = None


def parse_scope(text: str, where: str) -> tuple[str, tuple[tuple[str, str, str], ...]]:
    """The ``# scope:`` and ``# unless-in-corpus:`` declarations of a rule's header comment.

    >>> header = "# d\\n# scope: document\\n# unless-in-corpus: ?n a org:Organization\\nSELECT"
    >>> scope, [(s, p, o)] = parse_scope(header, "x")
    >>> scope, s, o
    ('document', '?n', '<http://www.w3.org/ns/org#Organization>')
    """
    from kg.query import header_comments

    scope = ""
    unless: list[tuple[str, str, str]] = []
    for stripped in header_comments(text):
        if m := _SCOPE_RE.match(stripped):
            if scope or m.group(1) not in SCOPES:
                raise KgError(f"{where}: one '# scope:' of {', '.join(SCOPES)}, please")
            scope = m.group(1)
        elif m := _UNLESS_RE.match(stripped):
            words = m.group(1).split()
            if len(words) != 3:
                raise KgError(f"{where}: '# unless-in-corpus:' takes one triple pattern")
            s, p, o = (_pattern_term(w, where) for w in words)
            if not s.startswith("?") and not s.startswith("<"):
                raise KgError(f"{where}: an unless-in-corpus pattern needs an IRI or ?var subject")
            unless.append((s, p, o))
    if not scope:
        raise KgError(f"{where}: the rule's header must declare '# scope: document' or 'corpus'")
    if unless and scope != "document":
        raise KgError(f"{where}: '# unless-in-corpus:' is for document-scoped rules")
    return scope, tuple(unless)


def _pattern_term(word: str, where: str) -> str:
    if word.startswith("?") or (word.startswith("<") and word.endswith(">")):
        return word
    if word == "a":
        return RDF_TYPE_TERM
    prefix, _, local = word.partition(":")
    if prefix in PREFIXES and _:
        return f"<{PREFIXES[prefix]}{local}>"
    raise KgError(f"{where}: cannot read {word!r} in an unless-in-corpus pattern")


@cache
def _plans(texts: tuple[tuple[str, str], ...]) -> dict[str, RulePlan]:
    plans = {}
    for name, text in texts:
        scope, unless = parse_scope(text, name)
        plans[name] = RulePlan(name, text, scope, unless)
    return plans


def rule_plans() -> dict[str, RulePlan]:
    """Every quality rule with its declared scope, by name (footprints not yet computed)."""
    from kg.query import check_queries

    return _plans(tuple((n, q.text) for n, q in check_queries().items()))


#: The triple patterns of every quality rule, by the SHA-256 of its text, as
#: :func:`_triple_patterns` reads them with rdflib's SPARQL parser (about 0.6 s a process for
#: the thirteen rules, paid by every build and validation). A rule whose text is not in the
#: file (edited since) is parsed as before; ``tests/test_rules.py`` checks the file is current,
#: and ``python scripts/update_rule_patterns.py`` writes it again.
PATTERNS_FILE = "patterns.json"

Pattern = tuple[tuple[str, str, str], bool]


def rule_patterns(text: str) -> list[Pattern]:
    """The triple patterns of a rule's query, from the packaged file when it holds them.

    >>> rule_patterns("SELECT ?s WHERE { ?s a <urn:x:C> }")
    [(('?s', '<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>', '<urn:x:C>'), False)]
    """
    known = _packaged_patterns().get(_text_key(text))
    return known if known is not None else list(_triple_patterns(text))


def _text_key(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@cache
def _packaged_patterns() -> dict[str, list[Pattern]]:
    from kg.resources import checks_dir

    try:
        with open(checks_dir() / PATTERNS_FILE, encoding="utf-8") as fh:
            data = json.load(fh)
        return {
            key: [((s, p, o), bool(neg)) for s, p, o, neg in rows] for key, rows in data.items()
        }
    except (OSError, ValueError, TypeError):  # missing or damaged: parse every rule
        return {}


def patterns_file_text() -> str:
    """The content of the packaged patterns file for the current rules (parsed afresh)."""
    from kg.query import check_queries

    data = {
        _text_key(q.text): [[*t, neg] for t, neg in _triple_patterns(q.text)]
        for q in check_queries().values()
    }
    return json.dumps(dict(sorted(data.items())), indent=1, ensure_ascii=False) + "\n"


@cache
def _analysed(
    name: str, text: str, scope: str, unless: tuple[tuple[str, str, str], ...]
) -> RulePlan:
    patterns = rule_patterns(text)
    whole = _footprint(p for p, _ in patterns)
    negated = [p for p, neg in patterns if neg]
    kept = [p for p, neg in patterns if not neg]
    if unless:
        # the negations are re-checked on the corpus: they must be exactly the declared ones
        if set(negated) != set(unless):
            raise KgError(
                f"{name}: the rule's negations {negated} are not its unless-in-corpus patterns"
            )
    else:
        kept = [p for p, _ in patterns]
    reach = None if len(kept) == 1 else _footprint(kept)
    return RulePlan(name, text, scope, unless, whole, reach)


def analysed_plans() -> dict[str, RulePlan]:
    """:func:`rule_plans` with each rule's footprints computed from its query."""
    return {n: _analysed(p.name, p.text, p.scope, p.unless) for n, p in rule_plans().items()}


def _triple_patterns(text: str) -> Iterator[tuple[tuple[str, str, str], bool]]:
    """The triple patterns of a query (terms as ``?var`` or N-Triples, paths as ``path:...``)
    and whether each sits in a negation (the right of ``MINUS``, or ``[NOT] EXISTS``)."""
    from rdflib.plugins.sparql import prepareQuery
    from rdflib.plugins.sparql.parserutils import CompValue

    from kg.query import _PARSER_LOCK

    with _PARSER_LOCK:  # pyparsing's packrat cache is shared state (see kg.query)
        query = prepareQuery(text, initNs={k: str(v) for k, v in PREFIXES.items()})

    def walk(node: Any, negated: bool) -> Iterator[tuple[tuple[str, str, str], bool]]:
        if isinstance(node, CompValue):
            if node.name in ("BGP", "TriplesBlock"):  # TriplesBlock: an untranslated EXISTS
                for triple in node.get("triples") or ():
                    flat = list(triple)
                    for i in range(0, len(flat) - 2, 3):
                        s, p, o = flat[i : i + 3]
                        yield (_pt(s), _pt(p), _pt(o)), negated
                return
            for key, value in node.items():
                inner = negated or (node.name == "Minus" and key == "p2")
                inner = inner or (node.name.endswith("EXISTS") and key == "graph")
                yield from walk(value, inner)
        elif isinstance(node, list | tuple):
            for item in node:
                yield from walk(item, negated)

    yield from walk(query.algebra, False)


def _pt(term: Any) -> str:
    from rdflib import BNode, Literal, URIRef, Variable

    if isinstance(term, Variable):
        return f"?{term}"
    if isinstance(term, URIRef):
        return f"<{term}>"
    if isinstance(term, BNode):
        return f"?_{term}"
    if isinstance(term, Literal):
        return term.n3()
    return "path:" + "|".join(sorted(f"<{u}>" for u in _path_iris(term)))


def _path_iris(path: Any) -> Iterator[Any]:
    from rdflib import URIRef
    from rdflib.paths import NegatedPath

    if isinstance(path, URIRef):
        yield path
        return
    if isinstance(path, NegatedPath):
        yield URIRef("urn:kg:negated-path")  # matches anything: see _footprint
        return
    from rdflib.plugins.sparql.parserutils import CompValue

    if isinstance(path, CompValue):  # a path as the parser left it (inside EXISTS)
        if path.name == "PathNegatedPropertySet":
            yield URIRef("urn:kg:negated-path")
            return
        for value in path.values():
            yield from _path_iris(value)
        return
    if isinstance(path, list | tuple):
        for p in path:
            yield from _path_iris(p)
        return
    for attr in ("args", "path", "arg"):
        inner = getattr(path, attr, None)
        if inner is not None:
            yield from _path_iris(inner)


def _footprint(patterns: Iterable[tuple[str, str, str]]) -> Footprint:
    preds: set[str] = set()
    classes: set[str] = set()
    all_types = everything = False
    for _, p, o in patterns:
        if p.startswith("?") or "urn:kg:negated-path" in p:
            everything = True
        elif p.startswith("path:"):
            steps = p[len("path:") :].split("|")
            preds.update(steps)
            all_types = all_types or RDF_TYPE_TERM in steps
        elif p == RDF_TYPE_TERM:
            if o.startswith("<"):
                classes.add(o)
            else:
                all_types = True
        else:
            preds.add(p)
    return Footprint(frozenset(preds), frozenset(classes), all_types, everything)


# ---------------------------------------------------------------------------------------------
# Running rules on a store
# ---------------------------------------------------------------------------------------------


@cache
def _ontology_quads() -> tuple[ox.Quad, ...]:
    from kg.resources import ontology_path

    graph = ox.NamedNode(str(ONTOLOGY_IRI))
    with open(ontology_path(), "rb") as fh:
        return tuple(
            ox.Quad(t.subject, t.predicate, t.object, graph)
            for t in ox.parse(fh, ox.RdfFormat.TURTLE)
        )


def rule_store(ntriples: Iterable[bytes]) -> ox.Store:
    """An in-memory store of a graph (chunks of N-Triples) in one named graph, with the
    ontology in its own: what every rule runs on, over the union of the graphs."""
    from kg.store import ChunkReader

    store = ox.Store()
    stream = io.BufferedReader(ChunkReader(ntriples), 1 << 20)
    store.bulk_load(stream, ox.RdfFormat.N_TRIPLES, to_graph=_DATA_GRAPH)
    store.extend(_ontology_quads())
    return store


def run_rules(store: ox.Store, names: Iterable[str]) -> list[RuleRow]:
    """Every row of the named rules on ``store``, terms as N-Triples text."""
    prefixes = {k: str(v) for k, v in PREFIXES.items()}
    plans = rule_plans()
    rows: list[RuleRow] = []
    for name in names:
        result = store.query(plans[name].text, prefixes=prefixes, use_default_graph_as_union=True)
        assert isinstance(result, ox.QuerySolutions)
        variables = [v.value for v in result.variables]
        for row in result:
            rows.append(
                (name, tuple((v, None if row[v] is None else str(row[v])) for v in variables))
            )
    return rows


def whole_rule_rows(
    triples: Sequence[TermTriple], ntriples: Iterable[bytes] | None = None
) -> list[RuleRow]:
    """Every row of every rule on one store of the whole graph (``ntriples``: the same graph
    as chunks of N-Triples bytes): what ``kg validate`` runs."""
    from kg.store import nt_lines

    store = rule_store([nt_lines(triples)] if ntriples is None else ntriples)
    return run_rules(store, rule_plans())


def document_rule_rows(ntriples: bytes) -> list[RuleRow]:
    """The rows of the document-scoped rules on one document's graph (its N-Triples), sorted:
    what a build's worker computes and caches with the document."""
    names = [n for n, p in rule_plans().items() if p.scope == "document"]
    return sorted(run_rules(rule_store([ntriples]), names), key=_row_key)


def _row_key(row: RuleRow) -> tuple[str, tuple[tuple[str, str], ...]]:
    return row[0], tuple((v, t or "") for v, t in row[1])


def encode_rows(rows: Sequence[RuleRow]) -> bytes:
    """Rows as deterministic JSON lines (the cached ``docs/<key>.rules`` file)."""
    lines = (json.dumps([n, [list(c) for c in cells]], ensure_ascii=False) for n, cells in rows)
    return "".join(line + "\n" for line in lines).encode("utf-8")


def decode_rows(data: bytes) -> list[RuleRow]:
    """The rows of :func:`encode_rows` (raises ``ValueError`` on a damaged file)."""
    rows: list[RuleRow] = []
    for line in data.decode("utf-8").splitlines():
        name, cells = json.loads(line)
        rows.append((str(name), tuple((str(v), None if t is None else str(t)) for v, t in cells)))
    return rows


# ---------------------------------------------------------------------------------------------
# The split run of a build
# ---------------------------------------------------------------------------------------------


def split_rule_rows(
    document_rows: Sequence[Sequence[RuleRow]],
    others: Sequence[Sequence[TermTriple]],
    corpus: Sequence[TermTriple] | Corpus,
    data: Any,
) -> list[RuleRow]:
    """Every rule's rows on the merged graph, from the document-scoped rules' rows of each
    document (``document_rows``), the graphs made across documents (``others``: run here),
    and the corpus-scoped rules on a projection of ``corpus`` (the merged graph, indexed as
    ``data``, a :class:`kg.validate.Data`). Equal to :func:`whole_rule_rows` on ``corpus``.

    A document-scoped rule runs on the corpus projection instead when one of ``others``'
    triples that touch a document's nodes could match its patterns (its rows would then
    depend on more than the document).
    """
    return finish_split(start_split(others, corpus), document_rows, others, corpus, data)


@dataclass(slots=True)
class SplitStart:
    """The part of :func:`split_rule_rows` that needs no index of the corpus (a build runs it
    on a second thread while the shapes are checked)."""

    #: The document-scoped rules' rows on each of ``others``.
    other_rows: list[RuleRow]
    #: The corpus-scoped rules' rows on the corpus projection.
    corpus_rows: list[RuleRow]


def start_split(
    others: Sequence[Sequence[TermTriple]], corpus: Sequence[TermTriple] | Corpus
) -> SplitStart:
    """Run the document-scoped rules on ``others`` and the corpus rules on the projection."""
    from kg.store import nt_lines

    plans = analysed_plans()
    local = [n for n, p in plans.items() if p.scope == "document"]
    other_rows = [r for graph in others for r in run_rules(rule_store([nt_lines(graph)]), local)]
    return SplitStart(other_rows, _projected_rows(corpus, [n for n in plans if n not in local]))


def start_split_from_files(
    others: Sequence[Sequence[TermTriple]], paths: Sequence[str], extra: Sequence[bytes]
) -> SplitStart:
    """:func:`start_split` of ``others`` on the corpus rules' projection merged from the
    files ``paths`` (the documents' ``.proj``) and the chunks ``extra`` (the graphs made across
    documents): what a rebuild runs in a process of its own, so that merging and loading the
    projection does not wait on the builder's thread for the GIL."""
    from kg.corpus import ProjectionCorpus, projection_chunks

    corpus = ProjectionCorpus(corpus_footprint(), lambda: projection_chunks(paths, extra))
    return start_split(others, corpus)


@cache
def corpus_footprint() -> Footprint:
    """The footprint of the corpus-scoped rules: the projection :func:`start_split` reads."""
    return _footprint_of([n for n, p in analysed_plans().items() if p.scope != "document"])


def _footprint_of(names: Sequence[str]) -> Footprint:
    plans = analysed_plans()
    reach = Footprint()
    for n in names:
        reach = reach | plans[n].footprint
    return reach


def _projected_rows(corpus: Sequence[TermTriple] | Corpus, names: Sequence[str]) -> list[RuleRow]:
    """The rows of ``names`` on the part of ``corpus`` their patterns can match."""
    from kg.corpus import as_corpus

    if not names:
        return []
    projected = as_corpus(corpus).matching_chunks(_footprint_of(names))
    return run_rules(rule_store(projected), names)


def finish_split(
    started: SplitStart,
    document_rows: Sequence[Sequence[RuleRow]],
    others: Sequence[Sequence[TermTriple]],
    corpus: Sequence[TermTriple] | Corpus,
    data: Any,
    crossing: Sequence[TermTriple] = (),
) -> list[RuleRow]:
    """The rows of :func:`split_rule_rows` from what :func:`start_split` found.

    ``crossing``: triples of documents about (or pointing at) nodes another document mints
    (:func:`kg.shape_split.crossing_triples`); like the triples of ``others`` that touch a
    document's nodes, a rule whose patterns could match one runs on the corpus instead.
    """
    plans = analysed_plans()
    reaches = [p.reach for p in plans.values() if p.scope == "document" and p.reach is not None]
    # only a triple some document-scoped rule's patterns could match can move a rule: the
    # others are not asked about (asking reads the documents that mint their nodes)
    touching = _touching(others, data, lambda t: any(r.matches(t) for r in reaches))
    touching += list(crossing)
    moved = [
        n
        for n, p in plans.items()
        if p.scope == "document"
        and p.reach is not None
        and any(p.reach.matches(t) for t in touching)
    ]
    rows = [r for doc in document_rows for r in doc] + started.other_rows
    rows = [r for r in rows if r[0] not in moved]
    # asked in the order of the documents that mint the rows' nodes (a corpus read from the
    # documents' files then reads each file once, not once per row)
    order = sorted(range(len(rows)), key=lambda i: _row_minter(rows[i], plans[rows[i][0]].unless))
    dropped = {i for i in order if _excluded(rows[i], plans[rows[i][0]].unless, data)}
    rows = [r for i, r in enumerate(rows) if i not in dropped]
    return rows + started.corpus_rows + _projected_rows(corpus, moved)


def _row_minter(row: RuleRow, unless: Sequence[tuple[str, str, str]]) -> str:
    """The slug of the document minting the node an ``unless`` pattern asks about ("" if
    none)."""
    from kg.rdf import minted_by

    if not unless:
        return ""
    word = unless[0][0]
    node = dict(row[1]).get(word[1:]) if word.startswith("?") else word
    return (minted_by(node) or "") if node else ""


def _touching(
    others: Sequence[Sequence[TermTriple]],
    data: Any,
    relevant: Callable[[TermTriple], bool],
) -> list[TermTriple]:
    """The ``relevant`` triples of ``others`` whose subject or object is described outside
    them."""
    own = {t for graph in others for t in graph}
    asked = [t for t in own if relevant(t)]

    def outside(node: str) -> bool:
        preds = data.out.get(node)
        if not preds:
            return False
        return any((node, p, o) not in own for p, objs in preds.items() for o in objs)

    from kg.rdf import minted_by

    # asked in the order of the documents that mint the nodes, so that a corpus read from
    # the documents' files reads each file once
    nodes = {n for s, _, o in asked for n in (s, o) if n.startswith("<")}
    seen = {n: outside(n) for n in sorted(nodes, key=lambda n: (minted_by(n) or "", n))}
    return [t for t in asked if seen.get(t[0]) or seen.get(t[2], False)]


def _excluded(row: RuleRow, unless: Sequence[tuple[str, str, str]], data: Any) -> bool:
    """Whether the merged graph (or the ontology) has a triple matching one of the ``unless``
    patterns with the row's values (the rule's negation, evaluated on the corpus)."""
    if not unless:
        return False
    values = dict(row[1])
    for pattern in unless:
        s, p, o = (values.get(w[1:]) if w.startswith("?") else w for w in pattern)
        if s is None:
            raise KgError(f"{row[0]}: an unless-in-corpus subject must be bound in every row")
        if any(_has(d, s, p, o) for d in (data, _ontology_data())):
            return True
    return False


def _has(data: Any, s: str, p: str | None, o: str | None) -> bool:
    preds = data.out.get(s)
    if not preds:
        return False
    if p is not None:
        objs = preds.get(p, ())
        return bool(objs) if o is None else o in objs
    return any(o in objs for objs in preds.values()) if o is not None else True


@cache
def _ontology_data() -> Any:
    from kg.validate import Data

    return Data(
        (str(q.subject), str(q.predicate), str(q.object))
        for q in _ontology_quads()
        if isinstance(q.subject, ox.NamedNode | ox.BlankNode)
    )
