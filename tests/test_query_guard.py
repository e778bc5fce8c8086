"""The query guard: nothing kg runs may reach the network or change the graph.

One guard (:func:`kg.query.check_query`) reads the parsed query for ``kg query``, ``kg serve``,
the query page and validation's quality rules. A local HTTP server on 127.0.0.1 stands in for a
remote SPARQL endpoint: every test asserts that it received no request at all.
"""

from __future__ import annotations

import http.server
import json
import re
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import kg.query
from kg.cli import main
from kg.query import (
    MAX_QUERY_BYTES,
    NamedQuery,
    QueryRefused,
    QuerySyntaxError,
    check_query,
    clear_check_cache,
    run_checks,
    run_query,
    store_graph_names,
)
from kg.serve import RunningServer, start_server
from kg.store import load_store

OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))
ANSWER = {
    "head": {"vars": ["a"]},
    "results": {"bindings": [{"a": {"type": "literal", "value": "LEAK"}}]},
}


class Remote:
    """A stand-in for a remote SPARQL endpoint or data file: records every request it gets."""

    def __init__(self) -> None:
        self.requests: list[str] = []
        remote = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def _answer(self) -> None:
                remote.requests.append(f"{self.command} {self.path}")
                body = json.dumps(ANSWER).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/sparql-results+json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            do_GET = do_POST = _answer

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture()
def remote() -> Iterator[Remote]:
    """A local HTTP server playing the remote endpoint; asserted untouched by each test."""
    r = Remote()
    try:
        yield r
    finally:
        r.close()


@pytest.fixture(scope="module")
def server(pakistan_build: Path) -> Iterator[RunningServer]:
    """The bundled Pakistan build served on a free port."""
    with start_server(pakistan_build, port=0) as running:
        yield running


def kg_query(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, build: Path, text: str
) -> tuple[int, str, str]:
    """Run ``kg query FILE.rq`` in process: exit code, stdout, stderr."""
    path = tmp_path / "q.rq"
    path.write_text(text, encoding="utf-8")
    code = main(["query", str(path), "--graph", str(build), "--format", "csv"])
    out, err = capsys.readouterr()
    return code, out, err


def post(server: RunningServer, fields: dict[str, str]) -> tuple[int, str]:
    """POST a form to the endpoint: status and body text."""
    req = urllib.request.Request(
        server.endpoint,
        data=urllib.parse.urlencode(fields).encode(),
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Accept": "application/sparql-results+json",
        },
    )
    try:
        with OPENER.open(req, timeout=60) as resp:
            return resp.status, resp.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode()


def one_error_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("kg: error: "), err
    return lines[0]


# -- finding 1: SERVICE ------------------------------------------------------------------------


def test_kg_query_refuses_service_behind_a_hash_in_an_iri(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, pakistan_build: Path, remote: Remote
) -> None:
    text = (
        "SELECT * WHERE { OPTIONAL { ?s <urn:x#y> ?o } "
        f"SERVICE <{remote.url}/sparql> {{ ?a ?b ?c }} }}"
    )
    code, out, err = kg_query(capsys, tmp_path, pakistan_build, text)
    assert code == 2
    assert one_error_line(err) == "kg: error: SERVICE is not allowed: kg never reaches the network"
    assert "LEAK" not in out
    assert remote.requests == []


@pytest.mark.parametrize(
    "pattern",
    [
        "?s ex:a\\#b ?o . SERVICE <{url}/sparql> {{ ?a ?b ?c }}",
        "?s ex:a\\'b ?o . SERVICE <{url}/sparql> {{ ?a ?b ?c }} ?s ex:c\\'d ?o",
        "OPTIONAL {{ ?s <urn:x#y> ?o }} SERVICE SILENT <{url}/sparql> {{ ?a ?b ?c }}",
        "?s ?p ?o .service<{url}/sparql>{{?a ?b ?c}}",
        "?s ?p 'a\\u005C' . SERVICE <{url}/sparql> {{ ?a ?b ?c }} ?s ?p ''",
    ],
)
def test_kg_serve_refuses_service_however_it_is_written(
    server: RunningServer, remote: Remote, pattern: str
) -> None:
    text = "PREFIX ex: <http://example.org/>\nSELECT * WHERE { " + pattern.format(url=remote.url)
    status, body = post(server, {"query": text + " }"})
    assert status == 403, body
    assert body.strip() == "SERVICE is not allowed: kg never reaches the network"
    assert remote.requests == []


@pytest.mark.skipif(sys.platform != "linux", reason="seccomp is Linux only")
def test_query_workers_run_in_the_network_sandbox(server: RunningServer) -> None:
    assert server.sandboxed
    for pid in server.worker_pids:
        status = Path(f"/proc/{pid}/status").read_text()
        assert re.search(r"^Seccomp:\s+2$", status, re.M), pid  # a seccomp filter is on
        assert re.search(r"^NoNewPrivs:\s+1$", status, re.M), pid


_DIRECT = """
import sys
import pyoxigraph as ox
from kg.serve import sandbox_network
if sys.argv[2] == "sandbox":
    assert sandbox_network()
try:
    query = "SELECT * WHERE { SERVICE <%s/sparql> { ?a ?b ?c } }" % sys.argv[1]
    rows = list(ox.Store().query(query))
    print("rows", rows)
except OSError as exc:
    print("refused", exc)
"""


@pytest.mark.skipif(sys.platform != "linux", reason="seccomp is Linux only")
def test_service_past_the_guard_does_not_reach_the_network_from_a_sandbox(
    remote: Remote,
) -> None:
    """Defense in depth: SERVICE sent straight to Oxigraph in a sandboxed process goes nowhere."""

    def direct(mode: str) -> str:
        done = subprocess.run(
            [sys.executable, "-c", _DIRECT, remote.url, mode],
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert done.returncode == 0, done.stderr
        return done.stdout

    assert "Operation not permitted" in direct("sandbox")
    assert remote.requests == []
    # Outside the sandbox the same call does reach the stand-in: the test above means something.
    assert "LEAK" in direct("plain")
    assert remote.requests == ["POST /sparql"]


def test_service_as_a_word_in_names_and_strings_is_not_refused(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, pakistan_build: Path, server: RunningServer
) -> None:
    text = (
        "PREFIX schema: <http://schema.org/>\n"
        'SELECT ?service WHERE { ?service a schema:Service ; ?p "SERVICE" } # SERVICE\n'
    )
    code, out, err = kg_query(capsys, tmp_path, pakistan_build, text)
    assert (code, out, err) == (0, "service\n", "")
    status, body = post(server, {"query": text})
    assert status == 200, body


def test_the_parse_tree_refuses_service_on_its_own(
    monkeypatch: pytest.MonkeyPatch, remote: Remote
) -> None:
    """The second layer: with the lexical check switched off, the parsed query still refuses."""
    monkeypatch.setattr(kg.query, "lexical_refusal", lambda text: None)
    clear_check_cache()
    try:
        with pytest.raises(QueryRefused, match="SERVICE is not allowed"):
            check_query(f"SELECT * {{ SERVICE <{remote.url}/s> {{ ?a ?b ?c }} }}")
        with pytest.raises(QueryRefused, match="updates are not allowed"):
            check_query(f"LOAD <{remote.url}/data.ttl>")
    finally:
        clear_check_cache()
    assert remote.requests == []


def test_a_query_the_checker_cannot_read_is_not_run(pakistan_build: Path) -> None:
    """Fail closed: Oxigraph accepts isTRIPLE (SPARQL 1.2), the checker's parser does not."""
    text = "SELECT * { ?s a kg:ReportedFigure ; ?p ?o FILTER(!isTRIPLE(?o)) }"
    store = load_store(pakistan_build)
    assert list(store.query(text, prefixes=kg.query.PREFIXES, use_default_graph_as_union=True))
    with pytest.raises(QuerySyntaxError, match="cannot read this query"):
        check_query(text)


def test_lateral_is_read_as_a_join_and_checked_inside(pakistan_build: Path) -> None:
    """LATERAL (the shipped queries use it) passes; SERVICE and graphs inside it are seen."""
    text = "SELECT * { ?s a kg:ReportedFigure LATERAL { SELECT ?o { ?s ?p ?o } LIMIT 1 } }"
    store = load_store(pakistan_build)
    assert list(store.query(text, prefixes=kg.query.PREFIXES, use_default_graph_as_union=True))
    assert check_query(text).form == "SELECT"
    with pytest.raises(QueryRefused, match="SERVICE is not allowed"):
        check_query("SELECT * { ?s ?p ?o lateral { SERVICE <http://x/> { ?o ?q ?r } } }")
    graphs = check_query("SELECT * { ?s ?p ?o LATERAL { GRAPH <urn:x-g> { ?o ?q ?r } } }").graphs
    assert graphs == frozenset({"urn:x-g"})
    assert check_query('SELECT ?lateral { ?lateral ?p "LATERAL" }').form == "SELECT"


# -- finding 1: updates, remote graphs, errors -------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "LOAD <{url}/data.ttl>",
        "LOAD SILENT <{url}/data.ttl> INTO GRAPH <urn:g>",
        "INSERT DATA {{ <urn:a> <urn:b> <urn:c> }}",
        "# a comment\nPREFIX ex: <urn:x#>\nDELETE WHERE {{ ?s ex:p ?o }}",
        "WITH <urn:g> DELETE {{ ?s ?p ?o }} WHERE {{ ?s ?p ?o }}",
        "CLEAR ALL",
        "CREATE GRAPH <urn:g> ; DROP ALL",
    ],
)
def test_updates_are_not_allowed(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    pakistan_build: Path,
    server: RunningServer,
    remote: Remote,
    text: str,
) -> None:
    query = text.format(url=remote.url)
    code, _, err = kg_query(capsys, tmp_path, pakistan_build, query)
    assert code == 2
    assert one_error_line(err) == "kg: error: updates are not allowed: kg queries are read-only"
    status, body = post(server, {"query": query})
    assert status == 403 and "updates are not allowed" in body
    assert remote.requests == []


def test_from_and_graph_must_name_a_graph_of_the_store(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    pakistan_build: Path,
    server: RunningServer,
    remote: Remote,
) -> None:
    for text in (
        f"SELECT * FROM <{remote.url}/data.ttl> WHERE {{ ?s ?p ?o }}",
        f"SELECT * FROM NAMED <{remote.url}/data.ttl> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}",
        f"PREFIX r: <{remote.url}/>\nSELECT * WHERE {{ GRAPH r:data.ttl {{ ?s ?p ?o }} }}",
    ):
        code, _, err = kg_query(capsys, tmp_path, pakistan_build, text)
        assert code == 2
        assert "is not in this store: kg never loads graphs from the network" in one_error_line(err)
        status, body = post(server, {"query": text})
        assert status == 403 and "not in this store" in body
    status, body = post(
        server,
        {"query": "SELECT * WHERE { ?s ?p ?o }", "default-graph-uri": f"{remote.url}/d.ttl"},
    )
    assert status == 403 and "not in this store" in body
    assert remote.requests == []
    # A graph the store holds is fine, by FROM NAMED and by GRAPH.
    graph = sorted(store_graph_names(load_store(pakistan_build)))[0]
    text = (
        f"SELECT (COUNT(*) AS ?n) FROM NAMED <{graph}> WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"
    )
    code, out, err = kg_query(capsys, tmp_path, pakistan_build, text)
    assert code == 0, err
    assert int(out.splitlines()[1]) > 0
    status, body = post(server, {"query": text})
    assert status == 200, body


def test_syntax_errors_give_line_and_column_of_the_users_text(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    pakistan_build: Path,
    server: RunningServer,
) -> None:
    one_line = "SELECT * WHERE { ?s ?p ?o BIND(1 AS ) }"  # the ")" is the error
    several = "SELECT *\nWHERE {\n  ?s ?p ?o .\n  BIND(1 AS ) }"
    for text, where in ((one_line, "line 1, column 37"), (several, "line 4, column 13")):
        code, _, err = kg_query(capsys, tmp_path, pakistan_build, text)
        assert code == 2
        assert f"is not valid SPARQL: {where}: expected" in one_error_line(err)
        status, body = post(server, {"query": text})
        assert status == 400
        assert body.startswith(f"{where}: expected"), body
        assert len(body.strip().splitlines()) == 1


def test_validation_rules_pass_through_the_guard(
    monkeypatch: pytest.MonkeyPatch, pakistan_build: Path, remote: Remote
) -> None:
    hostile = NamedQuery(
        "hostile", f"SELECT * {{ SERVICE <{remote.url}/s> {{ ?a ?b ?c }} }}", "leaks"
    )
    monkeypatch.setattr(kg.query, "check_queries", lambda: {"hostile": hostile})
    with pytest.raises(QueryRefused, match="SERVICE is not allowed"):
        run_checks(load_store(pakistan_build))
    assert remote.requests == []


def test_every_shipped_query_and_rule_passes_the_guard() -> None:
    for nq in [*kg.query.named_queries().values(), *kg.query.check_queries().values()]:
        assert check_query(nq.text).form in ("SELECT", "ASK"), nq.name


# -- finding 5: query size -----------------------------------------------------------------------


def test_query_text_over_100_kb_is_refused_in_one_line(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    pakistan_build: Path,
    server: RunningServer,
) -> None:
    base = "SELECT (COUNT(*) AS ?n) WHERE { ?f a kg:ReportedFigure }\n"
    at_limit = base + "#" * (MAX_QUERY_BYTES - len(base) - 1) + "\n"
    assert len(at_limit.encode()) == MAX_QUERY_BYTES
    code, out, _ = kg_query(capsys, tmp_path, pakistan_build, at_limit)
    assert (code, out) == (0, "n\n10\n")
    over = at_limit + "#"
    code, _, err = kg_query(capsys, tmp_path, pakistan_build, over)
    assert code == 2
    assert one_error_line(err) == (
        f"kg: error: the query is {MAX_QUERY_BYTES + 1:,} bytes; "
        f"at most {MAX_QUERY_BYTES:,} are accepted"
    )
    status, body = post(server, {"query": over})
    assert status == 413 and "at most 100,000" in body
    status, _ = post(server, {"query": at_limit})
    assert status == 200


def test_run_query_refuses_before_binding_anything(pakistan_build: Path) -> None:
    store = load_store(pakistan_build)
    with pytest.raises(QueryRefused):
        run_query(store, "SELECT * { SERVICE <http://127.0.0.1:9/> { ?a ?b ?c } }")


# -- pathological texts: an error or a timeout, never a crash ----------------------------------

DEEP = "SELECT * WHERE { " + "{" * 30000 + "}" * 30000 + " }"  # 60 KB
CHAIN = "SELECT * WHERE { BIND(" + "1+" * 30000 + "1 AS ?x) }"  # 60 KB


def test_deep_nesting_is_a_one_line_error_not_a_crash(
    tmp_path: Path, pakistan_build: Path, server: RunningServer
) -> None:
    path = tmp_path / "deep.rq"
    path.write_text(DEEP)
    done = subprocess.run(
        [sys.executable, "-m", "kg.cli", "query", str(path), "--graph", str(pakistan_build)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 2, done.stderr[-500:]
    assert one_error_line(done.stderr).endswith(
        "the query is nested too deeply or chains too many operators for kg's query checker; "
        "simplify it"
    )
    pids = server.worker_pids
    status, body = post(server, {"query": DEEP})
    assert status == 400 and "nested too deeply" in body
    assert server.worker_pids == pids and server.alive()  # no worker died


_BIG_STACK = """
import sys
import pyoxigraph as ox
from kg.query import run_with_big_stack
text = "SELECT * WHERE { " + "{" * 30000 + "}" * 30000 + " }"
if sys.argv[1] == "big":
    print(len(run_with_big_stack(lambda: list(ox.Store().query(text)))))
else:
    print(len(list(ox.Store().query(text))))
"""


@pytest.mark.skipif(sys.platform != "linux", reason="stack sizes differ elsewhere")
def test_oxigraph_runs_deep_queries_on_a_big_stack() -> None:
    """Oxigraph recurses per level: on a normal stack 30,000 levels kill the process."""

    def run(mode: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-c", _BIG_STACK, mode], capture_output=True, text=True, timeout=300
        )

    big = run("big")
    assert (big.returncode, big.stdout) == (0, "1\n"), big.stderr[-500:]
    assert run("normal").returncode < 0  # killed by a signal (stack overflow): why it matters


def test_a_text_that_keeps_the_checker_busy_costs_one_worker_not_the_server(
    pakistan_build: Path,
) -> None:
    """The guard runs in the workers: a pathological parse ends with the query timeout."""
    from kg.serve import ServeLimits

    with start_server(pakistan_build, workers=1, limits=ServeLimits(timeout=4.0)) as tight:
        before = tight.worker_pids
        status, body = post(tight, {"query": CHAIN})
        assert status == 504, body
        assert "ran longer than 4 s" in body
        assert tight.worker_pids != before  # that worker was replaced
        for _ in range(100):  # and the server answers again once its replacement is up
            status, body = post(tight, {"query": "ASK { ?s ?p ?o }"})
            if status != 503:
                break
            time.sleep(0.2)
        assert (status, json.loads(body)["boolean"]) == (200, True)
