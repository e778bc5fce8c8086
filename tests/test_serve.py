"""`kg serve`: a read-only SPARQL 1.1 endpoint on 127.0.0.1 with kg's own query page."""

from __future__ import annotations

import contextlib
import http.client
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from kg.model import KgError
from kg.query import named_queries, run_query
from kg.serve import RunningServer, start_server
from kg.store import load_store

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="kg serve is tested on POSIX")

RESULTS_JSON = "application/sparql-results+json"
FIGURES = "SELECT (COUNT(*) AS ?n) WHERE { ?f a kg:ReportedFigure }"
FRONTIER = """
SELECT ?subject WHERE {
  ?f a kg:ReportedFigure ; prov:wasAttributedTo/skos:prefLabel "Frontier Corps-KP" ;
     dcterms:subject ?subject .
} ORDER BY ?subject
"""
# No proxy from the environment may sit between the tests and 127.0.0.1.
OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))


@pytest.fixture(scope="module")
def server(pakistan_build: Path) -> Iterator[RunningServer]:
    """The bundled Pakistan build served on a free port for this module's tests."""
    with start_server(pakistan_build, port=0) as running:
        yield running


def request(
    url: str,
    *,
    data: bytes | None = None,
    method: str | None = None,
    headers: dict[str, str] | None = None,
) -> tuple[int, str, bytes]:
    """Status, content type and body of an HTTP request (errors are answers too)."""
    req = urllib.request.Request(url, data=data, method=method, headers=headers or {})
    try:
        with OPENER.open(req, timeout=30) as resp:
            return resp.status, resp.headers.get("Content-Type", ""), resp.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers.get("Content-Type", ""), exc.read()


def get_query(server: RunningServer, query: str) -> Any:
    url = server.endpoint + "?" + urllib.parse.urlencode({"query": query})
    status, ctype, body = request(url, headers={"Accept": RESULTS_JSON})
    assert status == 200, body
    assert ctype.startswith(RESULTS_JSON)
    return json.loads(body)


def post_query(server: RunningServer, query: str) -> Any:
    status, ctype, body = request(
        server.endpoint,
        data=query.encode("utf-8"),
        headers={"Content-Type": "application/sparql-query", "Accept": RESULTS_JSON},
    )
    assert status == 200, body
    assert ctype.startswith(RESULTS_JSON)
    return json.loads(body)


def values(results: Any, var: str) -> list[str]:
    return [b[var]["value"] for b in results["results"]["bindings"] if var in b]


def test_get_query_counts_the_ten_figures(server: RunningServer) -> None:
    results = get_query(server, FIGURES)
    assert results["head"]["vars"] == ["n"]
    assert values(results, "n") == ["10"]


def test_post_query_finds_the_three_frontier_corps_figures(server: RunningServer) -> None:
    subjects = values(post_query(server, FRONTIER), "subject")
    assert len(subjects) == 3
    assert any("cross-border infiltrations" in s for s in subjects)


def test_post_form_and_explicit_prefixes(server: RunningServer) -> None:
    query = "PREFIX kg: <https://w3id.org/inl-kg/def#>\n" + FIGURES
    status, _, body = request(
        server.endpoint,
        data=urllib.parse.urlencode({"query": query}).encode(),
        headers={"Content-Type": "application/x-www-form-urlencoded", "Accept": RESULTS_JSON},
    )
    assert status == 200, body
    assert values(json.loads(body), "n") == ["10"]


def test_every_named_query_answers_as_kg_query_does(
    server: RunningServer, pakistan_build: Path
) -> None:
    store = load_store(pakistan_build)
    for name, nq in named_queries().items():
        served = post_query(server, nq.text)
        local = run_query(store, nq)
        assert served["head"]["vars"] == local.variables, name
        assert len(served["results"]["bindings"]) == len(local.rows), name


def test_ask_and_syntax_errors_pass_through(server: RunningServer) -> None:
    assert post_query(server, "ASK { ?f a kg:ReportedFigure }")["boolean"] is True
    status, _, body = request(
        server.endpoint,
        data=b"SELECT WHERE {",
        headers={"Content-Type": "application/sparql-query"},
    )
    assert status == 400
    assert body


@pytest.mark.parametrize(
    ("path", "ctype", "body"),
    [
        ("update", "application/sparql-update", "INSERT DATA { <urn:a> <urn:b> <urn:c> }"),
        ("query", "application/sparql-update", "INSERT DATA { <urn:a> <urn:b> <urn:c> }"),
        ("update", "application/x-www-form-urlencoded", "update=CLEAR%20ALL"),
        ("query", "application/x-www-form-urlencoded", "update=CLEAR%20ALL"),
        ("query", "application/sparql-query", "INSERT DATA { <urn:a> <urn:b> <urn:c> }"),
        ("query", "application/sparql-query", "# comment\nPREFIX x: <urn:x#>\nDROP ALL"),
        ("query", "application/sparql-query", "LOAD <http://example.org/data.ttl>"),
    ],
)
def test_updates_are_refused(server: RunningServer, path: str, ctype: str, body: str) -> None:
    status, _, answer = request(
        server.url + path, data=body.encode(), headers={"Content-Type": ctype}
    )
    assert status == 403
    assert b"read-only" in answer
    assert values(get_query(server, FIGURES), "n") == ["10"]  # the graph is unchanged


def test_federated_queries_are_refused(server: RunningServer) -> None:
    query = "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }"
    status, _, body = request(server.endpoint + "?" + urllib.parse.urlencode({"query": query}))
    assert status == 403
    assert b"SERVICE" in body


@pytest.mark.parametrize("method", ["PUT", "DELETE", "PATCH"])
def test_other_methods_are_not_allowed(server: RunningServer, method: str) -> None:
    for path in ("query", "", "store"):
        status, _, _ = request(server.url + path, data=b"x", method=method)
        assert status == 405


def test_queries_json_lists_the_named_queries(server: RunningServer) -> None:
    status, ctype, body = request(server.url + "queries.json")
    assert status == 200
    assert ctype.startswith("application/json")
    listed = {q["name"]: q for q in json.loads(body)}
    expected = named_queries()
    assert set(listed) == set(expected)
    for name, nq in expected.items():
        assert listed[name]["text"] == nq.text
        assert listed[name]["description"] == nq.description
        assert [p["name"] for p in listed[name]["params"]] == [p.name for p in nq.params]
    status, ctype, body = request(server.url + "queries/measurements.rq")
    assert status == 200
    assert body.decode() == expected["measurements"].text


def test_query_page_and_assets(server: RunningServer) -> None:
    status, ctype, body = request(server.url)
    assert status == 200
    assert ctype.startswith("text/html")
    page = body.decode()
    assert "<textarea" in page and "/query.js" in page and "/query.css" in page
    assert "http://" not in page.replace("http://www.w3.org", "")  # nothing from elsewhere
    for asset, kind in (("query.js", "javascript"), ("query.css", "css")):
        status, ctype, body = request(server.url + asset)
        assert status == 200 and kind in ctype and body
    status, _, body = request(server.url + "info.json")
    assert json.loads(body)["prefixes"]["kg"] == "https://w3id.org/inl-kg/def#"


@pytest.mark.parametrize(
    "path",
    [
        "/../pyproject.toml",
        "/static/../serve.py",
        "/query.js/../../serve.py",
        "/%2e%2e/%2e%2e/pyproject.toml",
        "/queries/../../serve.py",
        "/queries/..%2f..%2fserve.rq",
        "/queries/checks/..%2fmeasurements.rq",
        "/queries/nothing.rq",
        "/kg/serve.py",
        "/etc/passwd",
        "//etc/passwd",
    ],
)
def test_no_other_files_are_served(server: RunningServer, path: str) -> None:
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
    try:
        conn.request("GET", path)  # sent as is, without normalisation
        resp = conn.getresponse()
        body = resp.read()
    finally:
        conn.close()
    assert resp.status == 404
    assert b"import" not in body and b"root:" not in body and b"[project]" not in body


def test_foreign_host_header_is_refused(server: RunningServer) -> None:
    status, _, _ = request(server.url, headers={"Host": "attacker.example"})
    assert status == 403
    status, _, _ = request(server.url, headers={"Host": f"localhost:{server.port}"})
    assert status == 200


def _listening(port: int) -> list[str]:
    """Local addresses of the sockets listening on ``port`` (Linux /proc/net/tcp*)."""
    found = []
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        if not os.path.exists(table):
            continue
        with open(table) as fh:
            next(fh)
            for line in fh:
                fields = line.split()
                addr, hexport = fields[1].rsplit(":", 1)
                if int(hexport, 16) == port and fields[3] == "0A":  # LISTEN
                    found.append(addr)
    return found


def test_binds_127_0_0_1_only(server: RunningServer) -> None:
    assert server.url.startswith("http://127.0.0.1:")
    if sys.platform == "linux":
        assert _listening(server.port) == ["0100007F"]  # 127.0.0.1, little-endian hex
        # Another loopback address reaches the same machine but not a 127.0.0.1-only socket.
        with socket.socket() as s, pytest.raises(OSError):
            s.settimeout(2)
            s.connect(("127.0.0.2", server.port))


def _sockets(pid: int) -> list[str]:
    """The sockets a process holds open (Linux /proc/PID/fd)."""
    found = []
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        with contextlib.suppress(OSError):
            target = os.readlink(fd)
            if target.startswith("socket:"):
                found.append(target)
    return found


@pytest.mark.skipif(sys.platform != "linux", reason="reads /proc")
def test_query_workers_have_no_port_of_their_own(server: RunningServer) -> None:
    """Only the front listens: the workers talk to it over pipes and hold no socket at all."""
    pids = server.worker_pids
    assert pids
    for pid in pids:
        assert _sockets(pid) == []


def test_refuses_non_loopback_hosts(pakistan_build: Path) -> None:
    for host in ("0.0.0.0", "::", "192.168.1.1", "example.org"):
        with pytest.raises(KgError, match="loopback"):
            start_server(pakistan_build, host=host)


def test_errors_are_one_line_and_actionable(
    pakistan_build: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with pytest.raises(KgError, match="kg build"):
        start_server(tmp_path)
    with pytest.raises(KgError, match="no such graph"):
        start_server(tmp_path / "missing.trig")
    bad = tmp_path / "bad.ttl"
    bad.write_text("this is not turtle .\n")
    with pytest.raises(KgError, match="not valid RDF") as info:
        start_server(bad)
    assert "\n" not in str(info.value)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        with pytest.raises(KgError, match=f"port {port} .*in use.*--port"):
            start_server(pakistan_build, port=port)
    monkeypatch.setattr(sys, "executable", str(tmp_path / "no-python"))
    with pytest.raises(KgError, match="query worker") as info:
        start_server(pakistan_build)
    assert "\n" not in str(info.value)


def test_close_stops_the_workers_and_removes_the_store(pakistan_build: Path) -> None:
    running = start_server(pakistan_build)
    pids, port = running.worker_pids, running.port
    workdir = running.workdir
    assert pids and workdir.is_dir()
    running.close()
    running.close()  # closing twice is harmless
    assert not running.alive()
    assert not workdir.exists()
    for pid in pids:
        with pytest.raises(ProcessLookupError):
            os.kill(pid, 0)
    with socket.socket() as s, pytest.raises(OSError):
        s.settimeout(2)
        s.connect(("127.0.0.1", port))


def test_restart_on_the_same_port_at_once(pakistan_build: Path) -> None:
    with start_server(pakistan_build) as first:
        port = first.port
        assert values(get_query(first, FIGURES), "n") == ["10"]  # leaves TIME_WAIT sockets
    with start_server(pakistan_build, port=port) as second:
        assert values(get_query(second, FIGURES), "n") == ["10"]


def test_stores_of_killed_servers_are_removed(pakistan_build: Path) -> None:
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    stale = Path(tempfile.gettempdir()) / f"kg-serve-{dead.pid}-stale"
    (stale / "store").mkdir(parents=True, exist_ok=True)
    mine = Path(tempfile.mkdtemp(prefix=f"kg-serve-{os.getpid()}-"))  # a live process's
    try:
        with start_server(pakistan_build):
            assert not stale.exists()
            assert mine.exists()
    finally:
        shutil.rmtree(stale, ignore_errors=True)
        shutil.rmtree(mine, ignore_errors=True)


def _children(pid: int) -> list[int]:
    kids = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                kids.append(int(entry.name))
    return kids


@pytest.mark.skipif(sys.platform != "linux", reason="reads /proc")
@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_kg_serve_command_stops_cleanly_on_signals(pakistan_build: Path, sig: int) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    cmd = [sys.executable, "-m", "kg.cli", "serve", "--graph", str(pakistan_build)]
    proc = subprocess.Popen(
        [*cmd, "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            assert proc.poll() is None, proc.communicate()[1]
            try:
                status, _, body = request(
                    f"http://127.0.0.1:{port}/query?" + urllib.parse.urlencode({"query": FIGURES})
                )
                if status == 200:
                    break
            except OSError:
                pass
            assert time.monotonic() < deadline, "kg serve did not answer within 30 s"
            time.sleep(0.1)
        assert json.loads(body)["results"]["bindings"][0]["n"]["value"] == "10"
        children = _children(proc.pid)
        assert children, "the query workers should run as children of kg serve"
        proc.send_signal(sig)
        _, err = proc.communicate(timeout=20)
        assert proc.returncode == 0, err
        assert "stopped" in err
        for child in children:
            with pytest.raises(ProcessLookupError):
                os.kill(child, 0)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
