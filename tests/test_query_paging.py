"""Pages of a result (``--limit``/``--offset``, ``limit``/``offset`` on ``kg serve``) and
parameters that narrow a query: the same rows as the whole result, sliced or filtered."""

from __future__ import annotations

import csv
import io
import json
import sys
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.build import build
from kg.cli import main
from kg.model import KgError
from kg.query import named_queries, run_query
from kg.serve import RunningServer, start_server
from kg.store import load_store

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
import corpus as corpus_gen

OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))
DOCUMENT_QUERIES = sorted(
    name for name, q in named_queries().items() if any(p.name == "document" for p in q.params)
)


@pytest.fixture(scope="module")
def pakistan_store(pakistan_build: Path) -> ox.Store:
    """The bundled default build."""
    return load_store(pakistan_build)


@pytest.fixture(scope="module")
def corpus_store(tmp_path_factory: pytest.TempPathFactory) -> ox.Store:
    """Twelve generated fact sheets, built: several documents to narrow to."""
    folder = tmp_path_factory.mktemp("paging-corpus")
    corpus_gen.generate(folder / "src", 12)
    build([folder / "src"], out=folder / "out", allow_invalid=True)
    return load_store(folder / "out")


@pytest.mark.parametrize(("limit", "offset"), [(5, 0), (3, 4), (None, 7), (0, 0), (4, 10_000)])
def test_a_page_is_the_slice_of_the_whole_result(
    pakistan_store: ox.Store, limit: int | None, offset: int
) -> None:
    query = named_queries()["measurements"]
    whole = run_query(pakistan_store, query)
    assert len(whole.rows) >= 10
    got = run_query(pakistan_store, query, limit=limit, offset=offset)
    end = None if limit is None else offset + limit
    assert got.variables == whole.variables
    assert got.rows == whole.rows[offset:end]
    assert got.terms == (whole.terms or [])[offset:end]


def test_a_negative_page_is_refused(pakistan_store: ox.Store) -> None:
    with pytest.raises(KgError, match="limit must be 0 or more"):
        run_query(pakistan_store, named_queries()["organizations"], limit=-1)
    with pytest.raises(KgError, match="offset must be 0 or more"):
        run_query(pakistan_store, named_queries()["organizations"], offset=-2)


def test_kg_query_pages_with_limit_and_offset(
    pakistan_build: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["query", "organizations", "--graph", str(pakistan_build), "--format", "csv"]
    assert main(args) == 0
    whole = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    assert main([*args, "--limit", "3", "--offset", "2"]) == 0
    got = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    assert got == [whole[0], *whole[1:][2:5]]
    with pytest.raises(SystemExit):
        main([*args, "--limit", "-1"])
    assert "expected 0 or more" in capsys.readouterr().err


@pytest.fixture(scope="module")
def server(pakistan_build: Path) -> Iterator[RunningServer]:
    """The bundled build served on a free port."""
    with start_server(pakistan_build, port=0) as running:
        yield running


def _get(server: RunningServer, **params: str) -> tuple[int, bytes]:
    url = server.endpoint + "?" + urllib.parse.urlencode(params)
    req = urllib.request.Request(url, headers={"Accept": "application/sparql-results+json"})
    try:
        with OPENER.open(req, timeout=60) as resp:
            return resp.status, resp.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()


def test_kg_serve_pages_a_select_result(server: RunningServer) -> None:
    text = named_queries()["measurements"].text
    status, body = _get(server, query=text)
    assert status == 200
    whole = json.loads(body)["results"]["bindings"]
    status, body = _get(server, query=text, limit="4", offset="3")
    assert status == 200
    doc = json.loads(body)
    assert doc["results"]["bindings"] == whole[3:7]
    assert doc["head"]["vars"][0] == "value"
    status, body = _get(server, query=text, limit="-1")
    assert status == 400 and b"limit must be a whole number" in body


@pytest.mark.parametrize("name", DOCUMENT_QUERIES)
def test_a_bound_document_gives_the_rows_of_the_whole_result_for_it(
    corpus_store: ox.Store, name: str
) -> None:
    """Narrowing to one document's graph keeps exactly that document's rows, in order."""
    query = named_queries()[name]
    whole = run_query(corpus_store, query)
    column = whole.variables.index("document")
    documents = sorted({row[column] for row in whole.rows})
    assert len(documents) > 1 or name in ("seizures", "funding-lines", "people-trained")
    for document in documents[:3]:
        got = run_query(corpus_store, query, {"document": document})
        assert got.rows == [row for row in whole.rows if row[column] == document], document
