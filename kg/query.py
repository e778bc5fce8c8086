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

import csv
import io
import json
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

import pyoxigraph as ox

from kg.model import KgError
from kg.namespaces import PREFIXES
from kg.resources import checks_dir, queries_dir

PARAM_KINDS = ("literal", "iri", "integer", "decimal", "year")
_PARAM_RE = re.compile(r"^#\s*@param\s+(\w+)\s+(\w+)\s*(.*)$")
_XSD = "http://www.w3.org/2001/XMLSchema#"
#: Federated queries would reach the network; updates are not queries and fail to parse anyway.
_FORBIDDEN = re.compile(r"\bSERVICE\b", re.I)


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


def parse_query_file(path: Path) -> NamedQuery:
    """Read a ``.rq`` file with its description and ``@param`` declarations."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise KgError(f"{path}: cannot read query ({exc})") from None
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
                raise KgError(f"{path}: parameter {name} has unknown kind {kind!r}")
            params.append(Param(name, kind, desc.strip()))
        elif not description:
            description = stripped.lstrip("#").strip()
    return NamedQuery(path.stem, text, description, tuple(params), path)


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
    body = re.sub(r"#[^\n]*", "", re.sub(r'"(?:[^"\\\n]|\\.)*"', '""', nq.text))
    if _FORBIDDEN.search(body):
        raise KgError(f"query {nq.name!r}: only read-only queries over the local graph are allowed")
    try:
        result = store.query(
            nq.text,
            prefixes=PREFIXES,
            substitutions=substitutions or None,
        )
    except SyntaxError as exc:
        raise KgError(
            f"query {nq.name!r} is not valid SPARQL: {str(exc).splitlines()[0]}"
        ) from None
    except (OSError, RuntimeError) as exc:
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise KgError(f"query {nq.name!r} failed: {first}") from None
    if isinstance(result, ox.QueryBoolean):
        return QueryResult(["result"], [["true" if bool(result) else "false"]])
    if isinstance(result, ox.QueryTriples):
        raise KgError(f"query {nq.name!r}: CONSTRUCT/DESCRIBE results are not tables; use SELECT")
    variables = [v.value for v in result.variables]
    rows = [[_display(sol[v]) for v in variables] for sol in result]
    return QueryResult(variables, rows)


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
