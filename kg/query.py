"""Named SPARQL queries and their execution: the one module that runs SPARQL.

A named query is a ``.rq`` file in ``kg/queries``. Its header comments describe it::

    # Every reported figure with value, unit, qualifier, change, year and source span.
    # @param country literal  The program's country, e.g. "Pakistan" (optional)

The first comment line is the description that ``kg query --list`` shows. Each ``@param`` names
a variable that callers may bind, its kind (``literal``, ``iri``, ``integer``, ``decimal``,
``year``) and what it means. Parameters are bound as RDF terms before evaluation (pyoxigraph's
substitutions, the SEP-0007 equivalent of rdflib's ``initBindings``); their text is never pasted
into the query, so a hostile value cannot change the query.

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
import json
import re
import threading
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import TypeVar

import pyoxigraph as ox

from kg.model import KgError
from kg.namespaces import PREFIXES
from kg.resources import checks_dir, queries_dir

T = TypeVar("T")
PARAM_KINDS = ("literal", "iri", "integer", "decimal", "year")
_PARAM_RE = re.compile(r"^#\s*@param\s+(\w+)\s+(\w+)\s*(.*)$")
_XSD = "http://www.w3.org/2001/XMLSchema#"
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


@dataclass(slots=True)
class QueryResult:
    """A SELECT result: variable names and rows of display strings ('' for unbound)."""

    variables: list[str]
    rows: list[list[str]] = field(default_factory=list)

    def records(self) -> list[dict[str, str]]:
        """The rows as dictionaries keyed by variable name."""
        return [dict(zip(self.variables, row, strict=True)) for row in self.rows]


def _parse_header(text: str, where: str) -> tuple[str, tuple[Param, ...]]:
    description = ""
    params: list[Param] = []
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped.startswith("#"):
            if stripped:
                break
            continue
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
    return {p.stem: parse_query_file(p) for p in sorted(queries_dir().glob("*.rq"))}


def check_queries() -> dict[str, NamedQuery]:
    """The quality rules: queries that must return no rows on a good graph."""
    return {p.stem: parse_query_file(p) for p in sorted(checks_dir().glob("*.rq"))}


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
        tree = parseQuery(text)
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


def run_query(
    store: ox.Store,
    query: str | NamedQuery,
    params: dict[str, str] | None = None,
) -> QueryResult:
    """Run a SELECT (or ASK) query on a store, binding ``params`` as RDF terms.

    Only read-only queries over the local store are allowed: ``SERVICE``, ``LOAD`` and updates
    are refused, so nothing reaches the network.
    """
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
            return QueryResult(["result"], [["true" if bool(result) else "false"]])
        if isinstance(result, ox.QueryTriples):
            raise KgError(
                f"query {nq.name!r}: CONSTRUCT/DESCRIBE results are not tables; use SELECT"
            )
        variables = [v.value for v in result.variables]
        rows = [[_display(sol[v]) for v in variables] for sol in result]
        return QueryResult(variables, rows)

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


def format_result(result: QueryResult, fmt: str) -> str:
    """Render a result as ``table`` (aligned text), ``csv`` or ``json`` (a list of objects)."""
    if fmt == "csv":
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\n")
        writer.writerow(result.variables)
        writer.writerows(result.rows)
        return buf.getvalue()
    if fmt == "json":
        return json.dumps(result.records(), ensure_ascii=False, indent=2) + "\n"
    if fmt == "table":
        cells = [result.variables, *[[c.replace("\n", " ") for c in row] for row in result.rows]]
        widths = [min(60, max(len(r[i]) for r in cells)) for i in range(len(result.variables))]

        def fit(c: str, w: int) -> str:
            return (c if len(c) <= w else c[: w - 1] + "…").ljust(w)

        lines = [
            "  ".join(fit(c, w) for c, w in zip(r, widths, strict=True)).rstrip() for r in cells
        ]
        lines.insert(1, "  ".join("-" * w for w in widths))
        lines.append(f"({len(result.rows)} row{'s' if len(result.rows) != 1 else ''})")
        return "\n".join(lines) + "\n"
    raise KgError(f"unknown output format {fmt!r}; choose table, csv or json")
