"""Named SPARQL queries and their execution: the one module that runs SPARQL.

A named query is a ``.rq`` file in ``kg/queries``. Its header comments describe it::

    # Every reported figure with value, unit, qualifier, change, year and source span.
    # @param country literal  The program's country, e.g. "Pakistan" (optional)

The first comment line is the description that ``kg query --list`` shows. Each ``@param`` names
a variable that callers may bind, its kind (``literal``, ``iri``, ``integer``, ``decimal``,
``year``) and what it means. Parameters are bound as RDF terms before evaluation (pyoxigraph's
substitutions, the SEP-0007 equivalent of rdflib's ``initBindings``); their text is never pasted
into the query, so a hostile value cannot change the query.

Query plans. Oxigraph 0.5 plans a basic graph pattern as a chain of index look-ups (a for-loop
join per triple pattern), and on the on-disk store each look-up costs tens of microseconds, so a
query over every figure of the corpus spent most of its time in look-ups (175-3,000 us per row).
A sub-query (``{ SELECT * WHERE { GRAPH ?g { ?s p ?o } } }``) is never looked up per row: Oxigraph
reads it once, in full, and joins it by hash on the variables it shares with the rest. The
shipped queries that read the whole corpus are written that way, one group per property, joined
on the document graph ``?g`` and the node; their direct formulations are kept in
``tests/fixtures/reference_queries``, and ``tests/test_query_plans.py`` checks that both return
the same rows in the same order. Parameters stay outside the sub-queries' projections unless a
sub-query must see them (organization-facts projects ``?organization``): a sub-query only sees a
bound variable that it projects.

>>> import pyoxigraph as ox
>>> store = ox.Store()
>>> result = run_query(store, "SELECT ?x WHERE { VALUES ?x { 1 } }")
>>> result.variables, result.rows
(['x'], [['1']])
"""

from __future__ import annotations

import collections
import csv
import io
import itertools
import json
import re
import threading
from collections.abc import Callable, Collection, Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import TypeVar

import pyoxigraph as ox

from kg.model import CURRENCY_KEYS, KgError
from kg.namespaces import PREFIXES, UNITS
from kg.resources import checks_dir, queries_dir

T = TypeVar("T")
PARAM_KINDS = ("literal", "iri", "integer", "decimal", "year")
_PARAM_RE = re.compile(r"^#\s*@param\s+(\w+)\s+(\w+)\s*(.*)$")
_XSD = "http://www.w3.org/2001/XMLSchema#"
_BOOLEAN = ox.NamedNode(_XSD + "boolean")
#: The largest query text accepted (bytes of UTF-8), by ``kg query``, ``kg serve`` and checks.
MAX_QUERY_BYTES = 100_000


@dataclass(frozen=True, slots=True)
class Param:
    """A declared query parameter."""

    name: str
    kind: str
    description: str


@dataclass(frozen=True, slots=True)
class NamedQuery:
    """A SPARQL query with a name, a one-line description and declared parameters."""

    name: str
    text: str
    description: str
    params: tuple[Param, ...] = ()
    path: Path | None = None


#: An RDF term of a result cell, or ``None`` when the variable is unbound.
Term = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple | None


@dataclass(slots=True)
class QueryResult:
    """A SELECT result: variable names and rows of display strings ('' for unbound).

    ``terms``, when known, holds the RDF terms of the same cells (``None`` for unbound), so
    that :func:`format_result` can write typed JSON; a result built by hand may omit it.
    """

    variables: list[str]
    rows: list[list[str]] = field(default_factory=list)
    terms: list[list[Term]] | None = None
    boolean: bool | None = None  # the answer of an ASK query

    def records(self) -> list[dict[str, str]]:
        """The rows as dictionaries keyed by variable name."""
        return [dict(zip(self.variables, row, strict=True)) for row in self.rows]


def header_comments(text: str) -> Iterator[str]:
    r"""The comment lines (stripped) a query file opens with, up to its first statement.

    >>> list(header_comments("# one\n\n# two\nSELECT * WHERE {}\n# not this"))
    ['# one', '# two']
    """
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped.startswith("#"):
            if stripped:
                return
            continue
        yield stripped


def _parse_header(text: str, where: str) -> tuple[str, tuple[Param, ...]]:
    description = ""
    params: list[Param] = []
    for stripped in header_comments(text):
        m = _PARAM_RE.match(stripped)
        if m:
            name, kind, desc = m.groups()
            if kind not in PARAM_KINDS:
                raise KgError(f"{where}: parameter {name} has unknown kind {kind!r}")
            params.append(Param(name, kind, desc.strip()))
        elif not description:
            description = stripped.lstrip("#").strip()
    return description, tuple(params)


def parse_query_file(path: Path) -> NamedQuery:
    """Read a ``.rq`` file with its description and ``@param`` declarations."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise KgError(f"{path}: cannot read query ({exc})") from None
    description, params = _parse_header(text, str(path))
    return NamedQuery(path.stem, text, description, params, path)


def named_queries() -> dict[str, NamedQuery]:
    """Every named query shipped with kg, by name."""
    return _query_folder(queries_dir())


def check_queries() -> dict[str, NamedQuery]:
    """The quality rules: queries that must return no rows on a good graph."""
    return _query_folder(checks_dir())


#: The queries of a folder as last read, with the (name, size, mtime) of each file they were
#: read from: a build's worker asks for the quality rules once per document, and reading and
#: parsing thirteen files each time cost about 1 ms of its ~50.
_FOLDERS: dict[Path, tuple[tuple[tuple[str, int, int], ...], dict[str, NamedQuery]]] = {}


def _query_folder(folder: Path) -> dict[str, NamedQuery]:
    """The ``.rq`` files of ``folder`` as named queries, by name; read again only when a
    file was added, removed or changed (by size or modification time) since the last read.
    Each call returns a new dictionary, so a caller may change it freely."""
    paths = sorted(folder.glob("*.rq"))
    try:
        stats = tuple((p.name, st.st_size, st.st_mtime_ns) for p in paths for st in [p.stat()])
    except OSError as exc:
        raise KgError(f"{folder}: cannot read queries ({exc})") from None
    known = _FOLDERS.get(folder)
    if known is None or known[0] != stats:
        known = _FOLDERS[folder] = (stats, {p.stem: parse_query_file(p) for p in paths})
    return dict(known[1])


def get_query(name_or_path: str) -> NamedQuery:
    """A named query by name, or a query read from a ``.rq`` file."""
    if name_or_path.endswith(".rq") or "/" in name_or_path:
        p = Path(name_or_path)
        if not p.is_file():
            raise KgError(f"{p}: no such query file")
        return parse_query_file(p)
    queries = named_queries()
    if name_or_path not in queries:
        raise KgError(
            f"no named query {name_or_path!r}; 'kg query --list' shows them: "
            + ", ".join(sorted(queries))
        )
    return queries[name_or_path]


def bind_param(param: Param, raw: str) -> ox.NamedNode | ox.Literal:
    """Turn a parameter's text into the RDF term it is bound to (validated, never pasted)."""
    kind = param.kind
    try:
        if kind == "iri":
            if not re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", raw):
                raise ValueError("not an absolute IRI")
            return ox.NamedNode(raw)
        if kind == "integer":
            return ox.Literal(str(int(raw)), datatype=ox.NamedNode(_XSD + "integer"))
        if kind == "decimal":
            value = Decimal(raw)
            if not value.is_finite():
                raise ValueError("not a finite number")
            return ox.Literal(format(value, "f"), datatype=ox.NamedNode(_XSD + "decimal"))
        if kind == "year":
            if not re.fullmatch(r"\d{4}", raw):
                raise ValueError("not a four-digit year")
            return ox.Literal(raw, datatype=ox.NamedNode(_XSD + "gYear"))
        if "\x00" in raw:
            raise ValueError("contains a NUL character")
        return ox.Literal(raw)
    except (ValueError, InvalidOperation) as exc:
        raise KgError(f"parameter {param.name}={raw!r}: {exc} (expected {kind})") from None


# -- the query guard ---------------------------------------------------------------------------
#
# Every query kg runs (``kg query``, ``kg serve``, the query page, validation's quality rules)
# passes :func:`check_query` first. It works from the parsed query (rdflib's SPARQL parser and
# algebra), not from the text, and it fails closed: a query it cannot read is not run. A second,
# lexical check reads the text the way Oxigraph's tokenizer does (strings, IRIs, ``\\``-escapes
# of prefixed names, comments) and refuses the keyword SERVICE wherever it is code, so that a
# difference between the two parsers cannot let a federated query through (rdflib expands
# ``\\u`` escapes before it parses, Oxigraph does not; the lexical check reads them as Oxigraph
# does, and where it cannot be sure it refuses).
# LATERAL, which the shipped queries use and rdflib does not read, is read as a join for the check
# (:func:`lateral_as_join`): the same patterns, SERVICE clauses and graph IRIs.


class QueryRefused(KgError):
    """A query that kg will not run: it would reach the network, or it is an update."""


class QuerySyntaxError(KgError):
    """A query that is not valid SPARQL; the message gives line and column in the user's text."""


class QueryTooLarge(KgError):
    """A query text over :data:`MAX_QUERY_BYTES`."""


SERVICE_REFUSED = "SERVICE is not allowed: kg never reaches the network"
UPDATE_REFUSED = "updates are not allowed: kg queries are read-only"

#: Strings, IRIs, escapes of prefixed names and comments, leftmost first, as Oxigraph reads them.
_TOKENS = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""'
    r"|'''(?:[^'\\]|\\.|'(?!''))*'''"
    r'|"(?:[^"\\\n\r]|\\.)*"'
    r"|'(?:[^'\\\n\r]|\\.)*'"
    r"|<[^<>\"{}|^`\\\x00-\x20]*>"
    r"|\\."
    r"|#[^\n\r]*",
    re.S,
)
_SERVICE_WORD = re.compile(r"(?<![\w:?$@-])SERVICE(?![\w:-])", re.I)
_LATERAL_WORD = re.compile(r"(?<![\w:?$@\\.-])LATERAL(?![\w:-])", re.I)
_FIRST_WORD = re.compile(r"(?:\s*(?:PREFIX\s+[\w.-]*:\s*<>|BASE\s*<>))*\s*([A-Za-z]+)", re.I)
_UPDATE_WORDS = frozenset(
    {"insert", "delete", "load", "clear", "create", "drop", "copy", "move", "add", "with"}
)
_PARSER_LOCK = threading.Lock()  # pyparsing's packrat cache is shared state


@dataclass(frozen=True, slots=True)
class CheckedQuery:
    """A query that passed :func:`check_query`: its form and the graphs it names."""

    form: str  # SELECT, ASK, CONSTRUCT or DESCRIBE
    graphs: frozenset[str] = frozenset()  # IRIs of FROM, FROM NAMED and GRAPH <iri>


def _blank_tokens(text: str) -> str:
    def blank(m: re.Match[str]) -> str:
        token = m.group(0)
        if token.startswith("#"):
            return " "
        if token.startswith("\\"):
            return "__"  # an escaped character inside a prefixed name: still part of the name
        return "<>" if token.startswith("<") else '""'

    return _TOKENS.sub(blank, text)


def lexical_refusal(text: str) -> str | None:
    """Why the text must be refused on its words alone, or ``None`` (the fail-closed check).

    >>> lexical_refusal('SELECT * { ?s ex:a\\\\#b ?o . SERVICE <http://x/> { ?a ?b ?c } }')
    'SERVICE is not allowed: kg never reaches the network'
    >>> lexical_refusal('SELECT ?service { ?s a schema:Service ; ?p "SERVICE" } # SERVICE') is None
    True
    >>> lexical_refusal("PREFIX ex: <http://ex/> LOAD <http://ex/data>")
    'updates are not allowed: kg queries are read-only'
    """
    body = _blank_tokens(text)
    m = _FIRST_WORD.match(body)
    if m and m.group(1).lower() in _UPDATE_WORDS:
        return UPDATE_REFUSED
    if _SERVICE_WORD.search(body):
        return SERVICE_REFUSED
    return None


def lateral_as_join(text: str) -> str:
    """The text with every LATERAL keyword that is code blanked (same length), for rdflib.

    LATERAL (SEP-0006, in the SPARQL 1.2 drafts; Oxigraph and Apache Jena run it) evaluates
    its group once per solution of what precedes it; kg's shipped queries use it to read one
    document graph at a time. rdflib's SPARQL 1.1 parser does not know the word: read as a
    plain join, the query has the same patterns, SERVICE clauses and graph IRIs, which is all
    the guard checks. Strings, IRIs and comments are left alone.

    >>> lateral_as_join('SELECT * { ?s ?p ?o LATERAL { ?o ?q "LATERAL" } } # LATERAL')
    'SELECT * { ?s ?p ?o         { ?o ?q "LATERAL" } } # LATERAL'
    """
    tokens = [m.span() for m in _TOKENS.finditer(text)]
    chars = list(text)
    for m in _LATERAL_WORD.finditer(text):
        if not any(start <= m.start() < end for start, end in tokens):
            chars[m.start() : m.end()] = " " * (m.end() - m.start())
    return "".join(chars)


def _nodes(tree: object) -> Iterator[object]:
    """Every node of an rdflib parse tree or algebra expression, depth first."""
    from pyparsing import ParseResults
    from rdflib.plugins.sparql.parserutils import CompValue

    stack = [tree]
    while stack:
        node = stack.pop()
        yield node
        if isinstance(node, CompValue):
            stack.extend(node.values())
        elif isinstance(node, list | tuple | set | frozenset | ParseResults):
            stack.extend(node)


def _position(text: str, loc: int) -> tuple[int, int]:
    line = text.count("\n", 0, loc) + 1
    return line, loc - (text.rfind("\n", 0, loc) + 1) + 1


#: Oxigraph's parser and evaluator recurse once per level of nesting and per operator of a
#: chain (``1+1+...``): a 100 KB query can need ~150 MB of stack, and overflowing a thread's
#: stack kills the process. Queries run on a thread with this much (virtual) stack.
QUERY_STACK_BYTES = 512 << 20
_STACK_LOCK = threading.Lock()


def run_with_big_stack(fn: Callable[[], T]) -> T:
    """Call ``fn`` on a thread with :data:`QUERY_STACK_BYTES` of stack; its result or error.

    >>> run_with_big_stack(lambda: 6 * 7)
    42
    """
    results: list[T] = []
    errors: list[BaseException] = []

    def target() -> None:
        try:
            results.append(fn())
        except BaseException as exc:  # handed to the caller's thread
            errors.append(exc)

    with _STACK_LOCK:
        previous = threading.stack_size(QUERY_STACK_BYTES)
        try:
            thread = threading.Thread(target=target, name="kg-query", daemon=True)
            thread.start()
        finally:
            threading.stack_size(previous)
    thread.join()
    if errors:
        raise errors[0]
    return results[0]


def syntax_message(text: str) -> str | None:
    """Oxigraph's own parser message for ``text``, e.g. ``line 3, column 18: expected ...``.

    ``None`` if Oxigraph reads it. Only for text that passed :func:`lexical_refusal` (without
    SERVICE, a query on an empty in-memory store cannot reach anything); it runs on a thread
    with a big stack, so deep nesting cannot crash the process.
    """
    return run_with_big_stack(lambda: _oxigraph_syntax_error(text))


def _oxigraph_syntax_error(text: str) -> str | None:
    try:
        ox.Store().query(text, prefixes=PREFIXES)
    except SyntaxError as exc:
        first = str(exc).splitlines()[0] if str(exc) else "not valid SPARQL"
        m = re.match(r"error at (\d+):(\d+): (.*)", first)
        if not m:
            return first
        message = m.group(3)
        if "Prefix not found" in message:
            message = "unknown prefix"
        elif len(message) > 120:
            message = message[:117].rsplit(",", 1)[0] + ", ..."
        return f"line {m.group(1)}, column {m.group(2)}: {message}"
    except (OSError, RuntimeError, ValueError):
        return None
    return None


class _CheckCache:
    """The last checked queries (texts that passed), so that a query is parsed once."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.entries: collections.OrderedDict[str, CheckedQuery] = collections.OrderedDict()
        self.lock = threading.Lock()

    def get(self, text: str) -> CheckedQuery | None:
        with self.lock:
            found = self.entries.get(text)
            if found is not None:
                self.entries.move_to_end(text)
            return found

    def put(self, text: str, checked: CheckedQuery) -> None:
        with self.lock:
            self.entries[text] = checked
            while len(self.entries) > self.size:
                self.entries.popitem(last=False)

    def clear(self) -> None:
        with self.lock:
            self.entries.clear()


_CHECKED = _CheckCache(1024)


def precheck(text: str) -> None:
    """The checks of :func:`check_query` that need no parser: size, NUL, words (SERVICE, updates).

    Cheap enough for ``kg serve``'s front to run on every request before a worker sees it.
    """
    size = len(text.encode("utf-8"))
    if size > MAX_QUERY_BYTES:
        raise QueryTooLarge(
            f"the query is {size:,} bytes; at most {MAX_QUERY_BYTES:,} are accepted"
        )
    if "\x00" in text:
        raise QuerySyntaxError("the query contains a NUL character")
    refusal = lexical_refusal(text)
    if refusal:
        raise QueryRefused(refusal)


def check_query(text: str) -> CheckedQuery:
    """Check that ``text`` is a read-only query over the local graph; raise a one-line error if not.

    Refused: SERVICE (:class:`QueryRefused`), every update form including LOAD (its text parses
    as an update), texts over :data:`MAX_QUERY_BYTES` (:class:`QueryTooLarge`); a text that is
    not SPARQL raises :class:`QuerySyntaxError` with line and column in ``text``. Graph IRIs
    named by FROM, FROM NAMED and GRAPH are returned, for :func:`check_graphs` to compare with
    the store's graphs. (``kg serve`` runs it in its sandboxed, timed query workers: a
    pathological text costs a worker, not the server.)

    >>> check_query("SELECT ?x WHERE { ?x a schema:Service }").form
    'SELECT'
    >>> check_query("INSERT DATA { <urn:a> <urn:b> <urn:c> }")
    Traceback (most recent call last):
    kg.query.QueryRefused: updates are not allowed: kg queries are read-only
    """
    precheck(text)
    found = _CHECKED.get(text)
    if found is not None:
        return found
    with _PARSER_LOCK:  # one parse at a time; a text that waited may have been parsed meanwhile
        found = _CHECKED.get(text)
        if found is not None:
            return found
        checked = _check_parsed(text)
        _CHECKED.put(text, checked)
        return checked


def clear_check_cache() -> None:
    """Forget the queries :func:`check_query` has passed (tests switch checks on and off)."""
    _CHECKED.clear()


def _too_deep() -> QuerySyntaxError:
    return QuerySyntaxError(
        "the query is nested too deeply or chains too many operators for kg's query checker; "
        "simplify it"
    )


def _check_parsed(text: str) -> CheckedQuery:
    """:func:`check_query` from rdflib's parse tree and algebra (called under the lock)."""
    from pyparsing import ParseBaseException
    from rdflib.plugins.sparql import algebra
    from rdflib.plugins.sparql.parser import parseQuery, parseUpdate
    from rdflib.plugins.sparql.parserutils import CompValue
    from rdflib.term import URIRef

    try:
        tree = parseQuery(lateral_as_join(text))
    except RecursionError:
        raise _too_deep() from None
    except ParseBaseException as exc:
        try:
            parseUpdate(text)
        except (ParseBaseException, RecursionError):
            pass
        else:
            raise QueryRefused(UPDATE_REFUSED) from None
        line, column = _position(text, exc.loc)
        fallback = (
            f"line {line}, column {column}: kg's query checker cannot read this query "
            "(write it in plain SPARQL 1.1)"
        )
        # Oxigraph would run what it reads, but kg cannot check it: not run either way.
        raise QuerySyntaxError(syntax_message(text) or fallback) from None
    try:
        translated = algebra.translateQuery(tree, initNs=PREFIXES)
    except RecursionError:
        raise _too_deep() from None
    except Exception as exc:  # rdflib raises plain Exception for unknown prefixes
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise QuerySyntaxError(syntax_message(text) or first) from None
    form = ""
    graphs: set[str] = set()
    for node in (*_nodes(tree), *_nodes(translated.algebra)):
        if not isinstance(node, CompValue):
            continue
        if node.name == "ServiceGraphPattern":
            raise QueryRefused(SERVICE_REFUSED)
        if node.name in ("SelectQuery", "AskQuery", "ConstructQuery", "DescribeQuery") and not (
            form
        ):
            form = node.name[: -len("Query")].upper()
        if node.name == "DatasetClause":
            for key in ("default", "named"):
                if isinstance(node.get(key), URIRef):
                    graphs.add(str(node[key]))
        if node.name == "Graph" and isinstance(node.get("term"), URIRef):
            graphs.add(str(node["term"]))
    return CheckedQuery(form or "SELECT", frozenset(graphs))


def check_graphs(graphs: Collection[str], available: Collection[str]) -> None:
    """Refuse graph IRIs (FROM, FROM NAMED, GRAPH, protocol parameters) the store does not hold.

    kg never loads a graph from elsewhere: a graph that is not in the store is an error, not a
    download.
    """
    missing = sorted(set(graphs) - set(available))
    if missing:
        more = f" (and {len(missing) - 1} more)" if len(missing) > 1 else ""
        raise QueryRefused(
            f"graph <{missing[0]}>{more} is not in this store: kg never loads graphs "
            "from the network"
        )


def store_graph_names(store: ox.Store) -> set[str]:
    """The IRIs of a store's named graphs."""
    return {g.value for g in store.named_graphs() if isinstance(g, ox.NamedNode)}


def declared_params(text: str) -> tuple[Param, ...]:
    """The ``# @param`` declarations in a query text's header (see :func:`parse_query_file`)."""
    return _parse_header(text, "query")[1]


def _display(term: object) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.Literal):
        return term.value
    if isinstance(term, ox.NamedNode):
        return term.value
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return str(term)


def check_page(limit: int | None, offset: int) -> None:
    """Refuse a page that is not one: a negative ``limit`` or ``offset``."""
    if limit is not None and limit < 0:
        raise KgError(f"limit must be 0 or more, not {limit}")
    if offset < 0:
        raise KgError(f"offset must be 0 or more, not {offset}")


def page(rows: Iterable[T], limit: int | None = None, offset: int = 0) -> Iterator[T]:
    """The rows SPARQL's ``LIMIT limit OFFSET offset`` keeps: skip ``offset``, then at most
    ``limit`` (all when ``None``). Rows are read lazily; reading stops after the page.

    >>> list(page(range(10), 3, 4)), list(page(range(5), None, 3)), list(page(range(5), 0))
    ([4, 5, 6], [3, 4], [])
    """
    check_page(limit, offset)
    return itertools.islice(rows, offset, None if limit is None else offset + limit)


def run_query(
    store: ox.Store,
    query: str | NamedQuery,
    params: dict[str, str] | None = None,
    *,
    limit: int | None = None,
    offset: int = 0,
) -> QueryResult:
    """Run a SELECT (or ASK) query on a store, binding ``params`` as RDF terms.

    Only read-only queries over the local store are allowed: ``SERVICE``, ``LOAD`` and updates
    are refused, so nothing reaches the network. ``limit`` and ``offset`` return one page of
    the rows, the rows ``LIMIT limit OFFSET offset`` would keep (see :func:`page`). A page is
    not much cheaper than the whole result when the query sorts (ORDER BY sorts every row
    before the first is known) or joins by hash (every group is read first); it saves
    converting and printing the rest.
    """
    check_page(limit, offset)
    nq = query if isinstance(query, NamedQuery) else NamedQuery("query", query, "")
    declared = {p.name: p for p in nq.params}
    substitutions: dict[ox.Variable, ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple] = {}
    for name, raw in (params or {}).items():
        if name not in declared:
            allowed = ", ".join(declared) or "none"
            raise KgError(f"query {nq.name!r} has no parameter {name!r} (parameters: {allowed})")
        substitutions[ox.Variable(name)] = bind_param(declared[name], raw)
    try:
        checked = _shipped_check(nq) or check_query(nq.text)
    except QuerySyntaxError as exc:
        raise QuerySyntaxError(f"query {nq.name!r} is not valid SPARQL: {exc}") from None
    if checked.graphs:
        check_graphs(checked.graphs, store_graph_names(store))
    if checked.form in ("CONSTRUCT", "DESCRIBE"):
        raise KgError(f"query {nq.name!r}: CONSTRUCT/DESCRIBE results are not tables; use SELECT")

    def evaluate() -> QueryResult:
        result = store.query(
            nq.text,
            prefixes=PREFIXES,
            substitutions=substitutions or None,
            use_default_graph_as_union=True,
        )
        if isinstance(result, ox.QueryBoolean):
            flag = "true" if bool(result) else "false"
            return QueryResult(
                ["result"], [[flag]], [[ox.Literal(flag, datatype=_BOOLEAN)]], bool(result)
            )
        if isinstance(result, ox.QueryTriples):
            raise KgError(
                f"query {nq.name!r}: CONSTRUCT/DESCRIBE results are not tables; use SELECT"
            )
        variables = [v.value for v in result.variables]
        terms: list[list[Term]] = [
            [sol[v] for v in variables] for sol in page(result, limit, offset)
        ]
        return QueryResult(variables, [[_display(t) for t in row] for row in terms], terms)

    try:
        return run_with_big_stack(evaluate)
    except SyntaxError as exc:
        raise KgError(
            f"query {nq.name!r} is not valid SPARQL: {str(exc).splitlines()[0]}"
        ) from None
    except (OSError, RuntimeError) as exc:
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise KgError(f"query {nq.name!r} failed: {first}") from None


def _shipped_check(nq: NamedQuery) -> CheckedQuery | None:
    """The check of a query shipped with kg (``kg/queries``), without parsing it again.

    Shipped queries are SELECTs over the local store (``tests/test_queries.py`` passes each
    through :func:`check_query`); only the cheap lexical precheck runs, which saves the
    rdflib parse (about half a second) on every ``kg query NAME`` call. ``None`` for any other
    query, and for a shipped file whose text is not the one read from disk.
    """
    if nq.path is None or nq.path.parent.resolve() not in (
        queries_dir().resolve(),
        checks_dir().resolve(),
    ):
        return None
    try:
        if nq.path.read_text(encoding="utf-8") != nq.text:
            return None
    except OSError:
        return None
    precheck(nq.text)
    return CheckedQuery("SELECT")


def run_checks(store: ox.Store) -> dict[str, QueryResult]:
    """Run every quality rule; returns the rules that found rows, by name (empty: all pass)."""
    failed = {}
    for name, query in check_queries().items():
        result = run_query(store, query)
        if result.rows:
            failed[name] = result
    return failed


#: Output formats of :func:`format_result`.
FORMATS: tuple[str, ...] = ("table", "csv", "json", "records")
#: Numeric XSD datatypes: written as JSON numbers by ``records``, grouped by thousands in tables.
_INTEGERS = frozenset(
    _XSD + t
    for t in (
        "integer",
        "int",
        "long",
        "short",
        "byte",
        "nonNegativeInteger",
        "positiveInteger",
        "nonPositiveInteger",
        "negativeInteger",
        "unsignedInt",
        "unsignedLong",
        "unsignedShort",
        "unsignedByte",
    )
)
_NUMBERS = _INTEGERS | {_XSD + "decimal", _XSD + "double", _XSD + "float"}
#: Columns whose integers are identifiers or positions, not amounts: never grouped.
_PLAIN_COLUMNS = re.compile(r"(^|_)(year|start|end|offset|fy)$")
_UNIT_SHORT: dict[str, str] = {
    str(iri): key.upper() if key in CURRENCY_KEYS else key.replace("-", " ")
    for key, iri in UNITS.items()
}
#: The widest a terminal table gets when the terminal's width is unknown.
TABLE_WIDTH = 100


def _infer_term(text: str) -> Term:
    """A term for a display string of a result built without terms ('' is unbound)."""
    if text == "":
        return None
    if re.match(r"^[a-z][a-z0-9+.-]*:[^\s]*$", text) and "://" in text:
        return ox.NamedNode(text)
    return ox.Literal(text)


def _terms(result: QueryResult) -> list[list[Term]]:
    if result.terms is not None:
        return result.terms
    return [[_infer_term(c) for c in row] for row in result.rows]


def sparql_json_term(term: Term) -> dict[str, str] | None:
    """A term as a binding of the SPARQL 1.1 Query Results JSON format (``None``: unbound).

    >>> sparql_json_term(ox.Literal("35.0", datatype=ox.NamedNode(_XSD + "decimal")))
    {'type': 'literal', 'value': '35.0', 'datatype': 'http://www.w3.org/2001/XMLSchema#decimal'}
    >>> sparql_json_term(ox.Literal("Pakistan", language="en"))
    {'type': 'literal', 'value': 'Pakistan', 'xml:lang': 'en'}
    >>> sparql_json_term(ox.Literal("plain"))
    {'type': 'literal', 'value': 'plain'}
    """
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value != _XSD + "string":
            out["datatype"] = term.datatype.value
        return out
    return {"type": "literal", "value": str(term)}


def json_value(term: Term) -> str | int | float | bool | None:
    """A term as a plain JSON value: numbers as numbers, booleans as booleans, IRIs and other
    literals as their text, unbound as ``None`` (NaN and infinities, which JSON cannot write,
    as ``None`` too).

    >>> json_value(ox.Literal("190000000", datatype=ox.NamedNode(_XSD + "integer")))
    190000000
    >>> json_value(ox.Literal("1.9E8", datatype=ox.NamedNode(_XSD + "double")))
    190000000.0
    >>> json_value(ox.Literal("true", datatype=_BOOLEAN)), json_value(None)
    (True, None)
    """
    if term is None:
        return None
    if isinstance(term, ox.Literal):
        datatype = term.datatype.value
        try:
            if datatype in _INTEGERS:
                return int(term.value)
            if datatype in _NUMBERS:
                number = float(term.value)
                return number if number == number and abs(number) != float("inf") else None
        except ValueError:
            return term.value
        if datatype == _BOOLEAN.value:
            return term.value in ("true", "1")
        return term.value
    return _display(term)


def group_number(text: str) -> str:
    """A number's lexical form grouped by thousands, never in scientific notation (a text that
    is not a number is returned as is).

    >>> group_number("1.9e+08"), group_number("5.17125E6"), group_number("35.0")
    ('190,000,000', '5,171,250', '35.0')
    >>> group_number("-1234.50"), group_number("n/a")
    ('-1,234.50', 'n/a')
    """
    try:
        number = Decimal(text.strip())
    except InvalidOperation:
        return text
    if not number.is_finite():
        return text
    if "e" in text.lower():  # a double: as few digits as it has, no trailing zeros
        number = number.normalize()
        if number == number.to_integral_value():
            number = number.quantize(Decimal(1))
    return f"{number:,f}"


def _short(term: Term, column: str) -> str:
    """A term as a table shows it: units by short name, IRIs as prefixed names, numbers
    grouped by thousands (except years, offsets and other positions)."""
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        iri = term.value
        if iri in _UNIT_SHORT:
            return _UNIT_SHORT[iri]
        for prefix, ns in PREFIXES.items():
            if iri.startswith(ns) and re.fullmatch(r"[\w.-]*", iri[len(ns) :]):
                return f"{prefix}:{iri[len(ns) :]}"
        return iri
    if isinstance(term, ox.Literal):
        if term.datatype.value in _NUMBERS and not _PLAIN_COLUMNS.search(column.casefold()):
            return group_number(term.value)
        return term.value.replace("\n", " ").replace("\r", " ")
    return _display(term)


def _is_number(term: Term) -> bool:
    return isinstance(term, ox.Literal) and term.datatype.value in _NUMBERS


def _terminal_width() -> int:
    import shutil

    return max(40, shutil.get_terminal_size((TABLE_WIDTH, 24)).columns)


def fit_widths(natural: list[int], minimum: list[int], width: int) -> list[int]:
    """Column widths that fit ``width`` characters with two spaces between columns: the widest
    columns give way first, none below its ``minimum``.

    >>> fit_widths([10, 80, 40], [5, 5, 5], 60)
    [10, 23, 23]
    """
    widths = list(natural)
    room = width - 2 * (len(widths) - 1)
    while sum(widths) > room:
        widest = max(range(len(widths)), key=lambda i: (widths[i] - minimum[i], widths[i]))
        if widths[widest] <= minimum[widest]:
            break
        widths[widest] -= 1
    return widths


def _elide(text: str, width: int) -> str:
    return text if len(text) <= width else text[: max(0, width - 1)] + "…"


def format_vertical(variables: list[str], body: list[list[str]], width: int) -> str:
    """Rows as blocks of ``column  value`` lines, long values wrapped to ``width``."""
    import textwrap

    pad = max(len(v) for v in variables) + 2
    lines: list[str] = []
    for i, row in enumerate(body, 1):
        head = f"-[ row {i} ]"
        lines.append(head + "-" * max(0, min(width, 40) - len(head)))
        for name, value in zip(variables, row, strict=True):
            wrapped = textwrap.wrap(value, max(20, width - pad), break_on_hyphens=False) or [""]
            lines.append((name.ljust(pad) + wrapped[0]).rstrip())
            lines.extend(" " * pad + more for more in wrapped[1:])
    lines.append(f"({len(body)} row{'s' if len(body) != 1 else ''})")
    return "\n".join(lines) + "\n"


def format_table(result: QueryResult, *, width: int | None = None) -> str:
    """An aligned text table that fits ``width`` columns (default: the terminal's, else 100):
    numbers right-aligned and grouped by thousands, units by short name, IRIs prefixed, long
    cells cut with "…" (CSV and JSON keep every value whole). When the columns cannot fit even
    cut short, each row is printed as a block of ``column  value`` lines, values wrapped.
    """
    width = width or _terminal_width()
    terms = _terms(result)
    body = [[_short(t, v) for t, v in zip(row, result.variables, strict=True)] for row in terms]
    cells = [list(result.variables), *body]
    numeric = [
        bool(terms) and all(t is None or _is_number(t) for t in col) and any(map(_is_number, col))
        for col in zip(*terms, strict=True)
    ] or [False] * len(result.variables)
    natural = [max(len(r[i]) for r in cells) for i in range(len(result.variables))]
    minimum = [
        natural[i] if numeric[i] else min(natural[i], max(8, min(len(v), 12)))
        for i, v in enumerate(result.variables)
    ]
    widths = fit_widths(natural, minimum, width)
    if sum(widths) + 2 * (len(widths) - 1) > width:  # too many columns: one block per row
        return format_vertical(result.variables, body, width)

    def fit(c: str, w: int, right: bool) -> str:
        c = _elide(c, w)
        return c.rjust(w) if right else c.ljust(w)

    lines = [
        "  ".join(fit(c, w, n) for c, w, n in zip(r, widths, numeric, strict=True)).rstrip()
        for r in cells
    ]
    lines[0] = "  ".join(
        fit(c, w, False) for c, w in zip(result.variables, widths, strict=True)
    ).rstrip()
    lines.insert(1, "  ".join("-" * w for w in widths))
    lines.append(f"({len(result.rows)} row{'s' if len(result.rows) != 1 else ''})")
    return "\n".join(lines) + "\n"


def format_result(result: QueryResult, fmt: str, *, width: int | None = None) -> str:
    """Render a result as ``table`` (see :func:`format_table`), ``csv`` (the plain lexical
    form of every value, empty for unbound), ``json`` (the W3C SPARQL 1.1 Query Results JSON
    format: typed terms, unbound variables absent) or ``records`` (a JSON list of objects:
    numbers as numbers, booleans as booleans, unbound as ``null``).

    >>> r = QueryResult(["n", "x"], [["7", ""]], [[ox.Literal("7", datatype=ox.NamedNode(
    ...     _XSD + "integer")), None]])
    >>> print(format_result(r, "records"))
    [{"n": 7, "x": null}]
    """
    if fmt == "csv":
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\n")
        writer.writerow(result.variables)
        writer.writerows(result.rows)
        return buf.getvalue()
    if fmt == "json" and result.boolean is not None:  # an ASK query: the W3C boolean form
        return json.dumps({"head": {}, "boolean": result.boolean}, indent=1) + "\n"
    if fmt == "json":
        bindings = [
            {
                v: binding
                for v, t in zip(result.variables, row, strict=True)
                if (binding := sparql_json_term(t)) is not None
            }
            for row in _terms(result)
        ]
        doc = {"head": {"vars": result.variables}, "results": {"bindings": bindings}}
        return json.dumps(doc, ensure_ascii=False, indent=1) + "\n"
    if fmt == "records":
        records = [
            {v: json_value(t) for v, t in zip(result.variables, row, strict=True)}
            for row in _terms(result)
        ]
        if not records:
            return "[]\n"
        lines = [json.dumps(r, ensure_ascii=False) for r in records]
        return "[" + ",\n ".join(lines) + "]\n"
    if fmt == "table":
        return format_table(result, width=width)
    raise KgError(f"unknown output format {fmt!r}; choose {', '.join(FORMATS)}")
