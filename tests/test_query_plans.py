"""Every named query against its reference formulation, row for row and in the same order.

The named queries in ``kg/queries`` are written for speed on Oxigraph (one ``{ SELECT * ... }``
group per property, joined by hash; see "Query plans" in :mod:`kg.query`). The direct way of
writing each of them, as kg had it before, is kept in ``tests/fixtures/reference_queries``. Both
must give the same rows in the same order, with and without each parameter, on the bundled
Pakistan build, on the shared corpus gold build and on a generated corpus. "The same order" is the
order the reference's ORDER BY defines: rows that tie on all of its keys came out of Oxigraph's
unstable sort in no defined order, so among them the named query may order by further keys
(organization-facts does, to be deterministic). No timing is asserted here;
``benchmarks/store_bench.py`` measures.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.build import build
from kg.query import NamedQuery, named_queries, parse_query_file, run_query
from kg.store import load_store

ROOT = Path(__file__).resolve().parents[1]
REFERENCE = Path(__file__).parent / "fixtures" / "reference_queries"
CORPUS = ROOT.parent / "shared" / "corpus"
sys.path.insert(0, str(ROOT / "benchmarks"))
import corpus as corpus_gen  # noqa: E402

NAMES = sorted(named_queries())
#: Fixed parameter values to try besides those read from the store (see :func:`_param_values`).
FIXED = {
    "organization": ["INL", "anti-narcotics FORCE", "Nobody"],
    "activity_type": ["training", "equipment"],
    "direction": ["decrease", "increase"],
    "calendar": ["calendar", "fiscal"],
    "unit": ["http://qudt.org/vocab/unit/NUM", "http://qudt.org/vocab/unit/CCY_USD"],
    "year": ["2017", "2010"],
}


def _first_documents(store: ox.Store, count: int) -> list[str]:
    """Identifiers of the first ``count`` fact sheets of a store, by identifier."""
    result = run_query(
        store,
        "SELECT ?id WHERE { GRAPH ?g { ?d a kg:FactSheet ; dcterms:identifier ?id } } ORDER BY ?id",
    )
    return [row[0] for row in result.rows[:count]]


def _param_values(store: ox.Store, name: str) -> list[dict[str, str]]:
    """Parameter bindings to compare a query under: none, then each parameter alone."""
    documents = _first_documents(store, 2)
    bindings: list[dict[str, str]] = [{}]
    for param in named_queries()[name].params:
        values = documents if param.name == "document" else FIXED.get(param.name, [])
        bindings += [{param.name: value} for value in values]
    return bindings


def _reference(name: str) -> NamedQuery:
    return parse_query_file(REFERENCE / f"{name}.rq")


def _order_keys(query: NamedQuery, variables: list[str]) -> list[int]:
    """Columns of the projected variables the query's final ORDER BY sorts on, in order."""
    clause = query.text.rsplit("ORDER BY", 1)[1] if "ORDER BY" in query.text else ""
    names = re.findall(r"\?(\w+)", clause)
    return [variables.index(n) for n in names if n in variables]


def _assert_same_rows(store: ox.Store, name: str) -> None:
    fast, slow = named_queries()[name], _reference(name)
    for params in _param_values(store, name):
        got = run_query(store, fast, params)
        want = run_query(store, slow, params)
        assert got.variables == want.variables, (name, params)
        assert sorted(got.rows) == sorted(want.rows), (name, params)
        keys = _order_keys(slow, want.variables)
        assert [[row[k] for k in keys] for row in got.rows] == [
            [row[k] for k in keys] for row in want.rows
        ], (name, params)
        if not _has_ties(want.rows, keys):
            assert got.rows == want.rows, (name, params)


def _has_ties(rows: list[list[str]], keys: list[int]) -> bool:
    """Whether two different rows agree on every ORDER BY key (their order is undefined)."""
    seen: dict[tuple[str, ...], list[str]] = {}
    for row in rows:
        key = tuple(row[k] for k in keys)
        if seen.setdefault(key, row) != row:
            return True
    return False


def test_every_named_query_has_a_reference() -> None:
    assert sorted(p.stem for p in REFERENCE.glob("*.rq")) == NAMES
    for name in NAMES:
        assert _reference(name).params == named_queries()[name].params, name


@pytest.fixture(scope="module")
def pakistan_store(pakistan_build: Path) -> ox.Store:
    """The bundled default build (curated Pakistan facts)."""
    return load_store(pakistan_build)


@pytest.fixture(scope="module")
def gold_store(tmp_path_factory: pytest.TempPathFactory) -> ox.Store:
    """The shared corpus gold files built once (skips when the corpus is absent)."""
    golds = sorted(CORPUS.glob("*.gold.yaml")) if CORPUS.is_dir() else []
    if not golds:
        pytest.skip(f"shared corpus not found at {CORPUS}")
    out = tmp_path_factory.mktemp("plans-gold")
    build(golds, out=out)
    return load_store(out)


@pytest.fixture(scope="module")
def generated_store(tmp_path_factory: pytest.TempPathFactory) -> ox.Store:
    """Forty generated fact sheets, extracted and built (organizations shared across sheets,
    conflicting figures, fiscal years, activities with and without spans)."""
    folder = tmp_path_factory.mktemp("plans-generated")
    corpus_gen.generate(folder / "src", 40)
    build([folder / "src"], out=folder / "out", allow_invalid=True)
    return load_store(folder / "out")


@pytest.mark.parametrize("name", NAMES)
def test_same_rows_as_the_reference_on_the_pakistan_build(
    pakistan_store: ox.Store, name: str
) -> None:
    _assert_same_rows(pakistan_store, name)


@pytest.mark.parametrize("name", NAMES)
def test_same_rows_as_the_reference_on_the_corpus_gold_build(
    gold_store: ox.Store, name: str
) -> None:
    _assert_same_rows(gold_store, name)


@pytest.mark.parametrize("name", NAMES)
def test_same_rows_as_the_reference_on_a_generated_corpus(
    generated_store: ox.Store, name: str
) -> None:
    _assert_same_rows(generated_store, name)


def test_the_generated_corpus_exercises_the_queries(generated_store: ox.Store) -> None:
    """The comparison means something only where the queries return rows."""
    empty = [
        name
        for name in NAMES
        if name not in ("programs",) and not run_query(generated_store, named_queries()[name]).rows
    ]
    assert empty == []
