"""Output formats of ``kg query``: typed SPARQL results JSON, plain records, pandas-ready CSV and
terminal tables that fit 100 columns with readable numbers and units."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.query import QueryResult, format_result, get_query, run_query
from kg.store import load_store

XSD = "http://www.w3.org/2001/XMLSchema#"

NUMBERS = """
SELECT ?n ?big ?double ?flag ?iri ?lang ?missing WHERE {
  VALUES (?n ?big ?double ?flag ?iri ?lang) {
    (5171250 190000000 "1.9e8"^^xsd:double true unit:PERCENT "Pakistan"@en)
  }
}
"""


def kg(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kg.cli", *args], capture_output=True, text=True, check=False
    )


@pytest.fixture(scope="module")
def numbers() -> QueryResult:
    return run_query(ox.Store(), NUMBERS)


def test_json_is_the_w3c_sparql_results_format(numbers: QueryResult) -> None:
    doc = json.loads(format_result(numbers, "json"))
    assert doc["head"]["vars"] == ["n", "big", "double", "flag", "iri", "lang", "missing"]
    (binding,) = doc["results"]["bindings"]
    assert binding["n"] == {"type": "literal", "value": "5171250", "datatype": XSD + "integer"}
    assert binding["double"]["datatype"] == XSD + "double"
    assert binding["flag"] == {"type": "literal", "value": "true", "datatype": XSD + "boolean"}
    assert binding["iri"] == {"type": "uri", "value": "http://qudt.org/vocab/unit/PERCENT"}
    assert binding["lang"] == {"type": "literal", "value": "Pakistan", "xml:lang": "en"}
    assert "missing" not in binding  # unbound: absent, not ""


def test_records_have_numbers_booleans_and_nulls(numbers: QueryResult) -> None:
    (record,) = json.loads(format_result(numbers, "records"))
    assert record == {
        "n": 5171250,
        "big": 190000000,
        "double": 190000000.0,
        "flag": True,
        "iri": "http://qudt.org/vocab/unit/PERCENT",
        "lang": "Pakistan",
        "missing": None,
    }


def test_table_groups_thousands_and_never_uses_scientific_notation(numbers: QueryResult) -> None:
    text = format_result(numbers, "table", width=100)
    assert "5,171,250" in text and "190,000,000" in text
    assert "e+" not in text and "E8" not in text and "1.9e8" not in text
    assert "percent" in text and "qudt.org" not in text


def test_measurements_table_fits_100_columns_and_csv_keeps_everything(
    pakistan_build: Path,
) -> None:
    result = run_query(load_store(pakistan_build), get_query("measurements"))
    table = format_result(result, "table", width=100)
    assert max(len(line) for line in table.splitlines()) <= 100
    assert "http://" not in table  # units by short name
    assert "percent" in table and "metric ton" in table and "190,000,000" in table
    organizations = run_query(load_store(pakistan_build), get_query("organizations"))
    narrow = format_result(organizations, "table", width=60)
    assert max(len(line) for line in narrow.splitlines()) <= 60 and "…" in narrow
    rows = list(csv.DictReader(io.StringIO(format_result(result, "csv"))))
    assert list(rows[0]) == [
        "value", "unit", "counted", "qualifier", "change", "subject", "place", "year",
        "reported_by", "agency", "document", "start", "end", "quote",
    ]  # fmt: skip
    agencies = {r["agency"] for r in rows}
    assert "Bureau of International Narcotics and Law Enforcement Affairs" in agencies
    assert rows[0]["unit"] == "http://qudt.org/vocab/unit/NUM"
    assert any(r["year"] == "" for r in rows)  # empty = missing


def test_cli_formats_are_deterministic(pakistan_build: Path) -> None:
    for fmt in ("json", "records", "csv", "table"):
        args = ("query", "measurements", "--graph", str(pakistan_build), "--format", fmt)
        first, second = kg(*args), kg(*args)
        assert first.returncode == 0, first.stderr
        assert first.stdout == second.stdout
    records = json.loads(kg(*args[:-1], "records").stdout)
    assert records[0]["value"] == 190000000 and records[0]["year"] is None
    assert isinstance(records[0]["start"], int)


def test_csv_loads_into_pandas_with_the_documented_types(pakistan_build: Path) -> None:
    pd = pytest.importorskip("pandas")
    out = kg("query", "measurements", "--graph", str(pakistan_build), "--format", "csv").stdout
    frame = pd.read_csv(io.StringIO(out))
    assert frame["value"].dtype.kind == "f" and frame["start"].dtype.kind == "i"
    assert frame["year"].isna().any()


def test_ask_is_the_w3c_boolean_form(tmp_path: Path) -> None:
    """An ASK query's JSON is ``{"head": {}, "boolean": ...}``, as SPARQL 1.1 JSON results say."""
    from kg.query import NamedQuery

    store = ox.Store()
    query = NamedQuery(name="ask", text="ASK { ?s ?p ?o }", description="Anything?")
    result = run_query(store, query)
    assert json.loads(format_result(result, "json")) == {"head": {}, "boolean": False}
