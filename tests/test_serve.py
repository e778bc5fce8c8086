"""`kg serve`: a read-only SPARQL 1.1 endpoint on 127.0.0.1 with kg's own query page."""

from __future__ import annotations

import contextlib
import http.client
import json
import os
import select
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
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
from kg.serve import RunningServer, ServeLimits, start_server
from kg.store import load_store

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="kg serve is tested on POSIX")

RESULTS_JSON = "application/sparql-results+json"
FIGURES = "SELECT (COUNT(*) AS ?n) WHERE { ?f a kg:ReportedFigure }"
FRONTIER = """
SELECT ?subject WHERE {
  ?f a kg:ReportedFigure ; sosa:hasResult/prov:wasAttributedTo/skos:prefLabel "Frontier Corps-KP" ;
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


# -- limits: timeouts, result cap, bounded connections and threads ------------------------------

TIGHT = ServeLimits(
    timeout=4.0, max_result_bytes=4000, max_connections=4, idle_timeout=0.5, request_deadline=1.5
)
#: Every triple joined with every triple twice over: ~10^10 rows, far beyond any timeout.
ENDLESS = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


@pytest.fixture(scope="module")
def tight(pakistan_build: Path) -> Iterator[RunningServer]:
    """A server with one worker and small limits (4 s queries, 4 KB results, 4 connections); 4 s,
    not less, so that ordinary queries finish in time on a loaded machine."""
    with start_server(pakistan_build, port=0, workers=1, limits=TIGHT) as running:
        yield running


def _threads(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("Threads:"):
            return int(line.split()[1])
    raise AssertionError("no thread count")


def _query_until_answered(server: RunningServer, query: str, attempts: int = 50) -> Any:
    """POST until the answer is not 503 (a replaced worker is starting); its JSON."""
    for _ in range(attempts):
        status, _, body = request(
            server.endpoint,
            data=query.encode(),
            headers={"Content-Type": "application/sparql-query", "Accept": RESULTS_JSON},
        )
        if status != 503:
            assert status == 200, body
            return json.loads(body)
        time.sleep(0.2)
    raise AssertionError("no worker came back")


def test_a_slow_query_is_stopped_with_504_and_its_worker_replaced(tight: RunningServer) -> None:
    before = tight.worker_pids
    status, ctype, body = request(
        tight.endpoint,
        data=ENDLESS.encode(),
        headers={"Content-Type": "application/sparql-query", "Accept": RESULTS_JSON},
    )
    assert status == 504
    assert ctype.startswith("text/plain")
    assert body.decode().strip() == (
        "the query ran longer than 4 s and was stopped; add a LIMIT or narrow it down"
    )
    for pid in before:  # the worker running it was killed, not left computing
        with pytest.raises(ProcessLookupError):
            os.kill(pid, 0)
    assert values(_query_until_answered(tight, FIGURES), "n") == ["10"]
    assert len(tight.worker_pids) == 1 and tight.worker_pids != before


def test_a_result_over_the_cap_is_refused_with_507(tight: RunningServer) -> None:
    query = "SELECT * WHERE { ?s ?p ?o }"
    status, ctype, body = request(
        tight.endpoint + "?" + urllib.parse.urlencode({"query": query}),
        headers={"Accept": RESULTS_JSON},
    )
    assert status == 507
    assert ctype.startswith("text/plain")
    assert "larger than 4,000 bytes; add a LIMIT" in body.decode()
    assert values(_query_until_answered(tight, FIGURES), "n") == ["10"]  # small ones still run


def test_an_idle_connection_is_closed(tight: RunningServer) -> None:
    with socket.create_connection(("127.0.0.1", tight.port), timeout=10) as s:
        assert s.recv(1) == b""  # closed by the server (a timeout here would raise)


def test_a_client_trickling_its_request_is_disconnected(tight: RunningServer) -> None:
    """Slowloris: a byte every 0.2 s keeps under the idle timeout but not the request deadline."""
    with socket.create_connection(("127.0.0.1", tight.port), timeout=10) as s:
        s.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n")
        closed = False
        for _ in range(100):
            try:
                s.sendall(b"X")
                readable, _, _ = select.select([s], [], [], 0.2)
                if readable and s.recv(1024) == b"":
                    closed = True
                    break
            except OSError:
                closed = True
                break
        assert closed, "the server kept a trickling client for 20 s"


@pytest.mark.skipif(sys.platform != "linux", reason="reads /proc")
def test_threads_and_connections_stay_bounded_under_load(tight: RunningServer) -> None:
    """32 clients against 4 connection slots and 1 worker: no thread per query is left behind."""
    baseline = threading.active_count()
    worker = tight.worker_pids[0]
    worker_threads = _threads(worker)
    statuses: list[int] = []
    peak = [0]
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            peak[0] = max(peak[0], threading.active_count())
            time.sleep(0.005)

    def client() -> None:
        for _ in range(10):
            try:
                status, _, _ = request(
                    tight.endpoint + "?" + urllib.parse.urlencode({"query": FIGURES}),
                    headers={"Accept": RESULTS_JSON},
                )
            except OSError:
                status = 0
            statuses.append(status)

    sampler = threading.Thread(target=sample)
    sampler.start()
    clients = [threading.Thread(target=client) for _ in range(32)]
    for c in clients:
        c.start()
    for c in clients:
        c.join()
    done.set()
    sampler.join()
    assert len(statuses) == 320
    assert set(statuses) <= {200, 503}, sorted(set(statuses))
    assert statuses.count(200) >= 100
    # 32 client threads + the sampler + at most 4 connection threads (+1 closing its socket).
    assert peak[0] <= baseline + 32 + 1 + 4 + 1
    for _ in range(50):  # connection threads end with their connection
        if threading.active_count() <= baseline:
            break
        time.sleep(0.1)
    assert threading.active_count() <= baseline
    assert tight.worker_pids == [worker]  # the same worker process answered every query
    assert _threads(worker) <= worker_threads + 2  # and kept no thread per query


@pytest.mark.skipif(not shutil.which("ss"), reason="needs ss (iproute2)")
def test_the_listen_backlog_is_128(server: RunningServer) -> None:
    out = subprocess.run(
        ["ss", "-ltnH", f"sport = :{server.port}"], capture_output=True, text=True, check=True
    ).stdout.split()
    assert out[0] == "LISTEN" and int(out[2]) == 128  # Send-Q of a listener: its backlog


# -- parameters are bound on the server, as RDF terms ------------------------------------------


def post_form(server: RunningServer, fields: list[tuple[str, str]]) -> tuple[int, bytes]:
    status, _, body = request(
        server.endpoint,
        data=urllib.parse.urlencode(fields).encode(),
        headers={"Content-Type": "application/x-www-form-urlencoded", "Accept": RESULTS_JSON},
    )
    return status, body


def test_parameters_are_bound_on_the_server_as_kg_query_binds_them(
    server: RunningServer, pakistan_build: Path
) -> None:
    store = load_store(pakistan_build)
    nq = named_queries()["organization-facts"]
    answers = set()
    for org in ("INL", "Anti-Narcotics Force", "Frontier Corps-KP", "nobody"):
        status, body = post_form(server, [("query", nq.text), ("param.organization", org)])
        assert status == 200, body
        data = json.loads(body)
        names = data["head"]["vars"]
        rows = [[b.get(v, {}).get("value", "") for v in names] for b in data["results"]["bindings"]]
        expected = run_query(store, nq, {"organization": org}).rows
        assert sorted(rows) == sorted(expected), org
        answers.add(len(rows))
    assert len(answers) > 2  # each organization its own facts, not everyone's


def test_a_hostile_parameter_is_a_literal_and_bad_ones_are_refused(server: RunningServer) -> None:
    nq = named_queries()["organization-facts"]
    hostile = '") } } SERVICE <http://127.0.0.1:9/sparql> { ?a ?b ?c } #'
    status, body = post_form(server, [("query", nq.text), ("param.organization", hostile)])
    assert status == 200, body
    assert json.loads(body)["results"]["bindings"] == []
    status, body = post_form(server, [("query", nq.text), ("param.nope", "x")])
    assert status == 400 and b"no parameter 'nope'" in body
    year_query = named_queries()["figures-of-year"]
    status, body = post_form(server, [("query", year_query.text), ("param.year", "20x7")])
    assert status == 400 and b"four-digit year" in body
