"""``kg serve``: the graph as a read-only SPARQL 1.1 endpoint on 127.0.0.1, with a query page.

Two processes work together:

* the **Oxigraph server** (the ``oxigraph`` binary from the PyPI package of that name) answers
  SPARQL. The graph is loaded into a store folder in a temporary directory and served with
  ``oxigraph serve-read-only`` on an internal port of 127.0.0.1, so updates are impossible;
* a small **front** (:class:`http.server.ThreadingHTTPServer`, 127.0.0.1 only) on the port the
  user chose serves our own query page (``kg/static``: no CDN, it works offline), the named
  queries as ``/queries.json``, and passes ``/query`` requests (SPARQL 1.1 protocol, GET or
  POST) on to Oxigraph. It refuses updates (``/update``, ``application/sparql-update``, update
  operations sent as queries) with 403, other methods with 405, and federated queries
  (``SERVICE``), which would reach the network, with 403.

kg's prefixes (``kg:``, ``sosa:``, ``qudt:``, ...) are declared for every query, and the default
graph is the merge of the named graphs (each triple once), as for ``kg query``, so a query that
works with ``kg query`` works here.
From Python (tests, notebooks)::

    with start_server("out") as server:       # port=0: a free port
        print(server.url)                     # the query page
        server.query("SELECT (COUNT(*) AS ?n) WHERE { ?f a kg:ReportedFigure }")
"""

from __future__ import annotations

import contextlib
import errno
import http.client
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import sysconfig
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import weakref
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import FrameType, TracebackType
from typing import Any

from kg.model import KgError
from kg.namespaces import PREFIXES
from kg.query import named_queries
from kg.store import load_store, resolve_graph_path

STATIC_DIR = Path(__file__).resolve().parent / "static"
#: URL path -> (file in :data:`STATIC_DIR`, content type). Nothing else is read from disk.
STATIC_FILES: dict[str, tuple[str, str]] = {
    "/": ("query.html", "text/html; charset=utf-8"),
    "/query.js": ("query.js", "text/javascript; charset=utf-8"),
    "/query.css": ("query.css", "text/css; charset=utf-8"),
}
#: Oxigraph's loader formats by file suffix (the suffixes :func:`resolve_graph_path` accepts).
_LOAD_FORMATS = {
    ".ttl": "ttl",
    ".trig": "trig",
    ".nt": "nt",
    ".nq": "nq",
    ".jsonld": "jsonld",
    ".rdf": "rdf",
}
#: The SPARQL results formats a client gets when it does not ask for one.
_DEFAULT_ACCEPT = "application/sparql-results+json"
_MAX_REQUEST = 1 << 20  # bytes of query text
_MAX_RESPONSE = 256 << 20  # bytes of results passed through
_QUERY_TIMEOUT_S = 60
_START_TIMEOUT_S = 20.0
_SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Content-Security-Policy": (
        "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
        "img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
    ),
}
#: Strings, IRIs and comments, matched leftmost-first the way a SPARQL tokenizer reads them.
_TOKEN_NOISE = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""'
    r"|'''(?:[^'\\]|\\.|'(?!''))*'''"
    r'|"(?:[^"\\\n\r]|\\.)*"'
    r"|'(?:[^'\\\n\r]|\\.)*'"
    r"|<[^<>\"{}|^`\\\x00-\x20]*>"
    r"|#[^\n\r]*",
    re.S,
)
_SERVICE = re.compile(r"(?<![\w:?$-])SERVICE(?![\w:-])", re.I)
_PROLOGUE = re.compile(r"(?:\s*(?:PREFIX\s+[\w.-]*:\s*<>|BASE\s*<>))*\s*([A-Za-z]+)", re.I)
_UPDATE_WORDS = {
    "insert", "delete", "load", "clear", "create", "drop", "copy", "move", "add", "with",
}  # fmt: skip
#: kg's prefixes, on one line, put in front of every query (line numbers in errors stay right).
_PREFIX_LINE = " ".join(f"PREFIX {p}: <{ns}>" for p, ns in PREFIXES.items()) + " "


def classify_query(text: str) -> str | None:
    """Why a SPARQL request must be refused, or ``None`` if it is a read-only local query.

    >>> classify_query("SELECT * WHERE { ?s ?p ?o }") is None
    True
    >>> classify_query("PREFIX ex: <http://ex/> INSERT DATA { ex:a ex:b ex:c }")
    'updates are refused: this endpoint is read-only'
    >>> classify_query('SELECT * { SERVICE <http://x/sparql> { ?s ?p "SERVICE" } }')
    'federated queries (SERVICE) are refused: only the local graph is queried'
    >>> classify_query('SELECT ?service { ?s schema:Service "SERVICE" } # SERVICE') is None
    True
    """

    def blank(m: re.Match[str]) -> str:
        token = m.group(0)
        if token.startswith("#"):
            return " "
        return "<>" if token.startswith("<") else '""'

    body = _TOKEN_NOISE.sub(blank, text)
    m = _PROLOGUE.match(body)
    if m and m.group(1).lower() in _UPDATE_WORDS:
        return "updates are refused: this endpoint is read-only"
    if _SERVICE.search(body):
        return "federated queries (SERVICE) are refused: only the local graph is queried"
    return None


def queries_document() -> list[dict[str, Any]]:
    """kg's named queries as served at ``/queries.json``: name, description, params, text."""
    return [
        {
            "name": q.name,
            "description": q.description,
            "params": [
                {"name": p.name, "kind": p.kind, "description": p.description} for p in q.params
            ],
            "text": q.text,
        }
        for q in named_queries().values()
    ]


def find_oxigraph() -> str:
    """The path of the ``oxigraph`` server binary: beside this Python, else on ``PATH``.

    ``KG_OXIGRAPH`` overrides the search with an explicit path.
    """
    explicit = os.environ.get("KG_OXIGRAPH")
    if explicit:
        if os.path.isfile(explicit) and os.access(explicit, os.X_OK):
            return explicit
        raise KgError(f"KG_OXIGRAPH={explicit}: no executable Oxigraph server binary there")
    here = os.pathsep.join(
        {str(Path(sys.executable).parent): None, sysconfig.get_path("scripts"): None}
    )
    found = shutil.which("oxigraph", path=here) or shutil.which("oxigraph")
    if not found:
        raise KgError(
            "the Oxigraph server binary is missing; install it with "
            "pip install 'kg[explore]' (or pip install 'oxigraph>=0.5,<0.6')"
        )
    return found


def _check_host(host: str) -> str:
    if host == "localhost":
        return "127.0.0.1"
    parts = host.split(".")
    if len(parts) == 4 and parts[0] == "127" and all(p.isdigit() and int(p) < 256 for p in parts):
        return host
    raise KgError(
        f"host {host!r}: kg serve binds to a 127.x.x.x loopback address only "
        "(the endpoint has no authentication)"
    )


def _free_port(host: str) -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((host, 0))
        port: int = s.getsockname()[1]
        return port


def _die_with_parent() -> None:  # pragma: no cover - runs in the child between fork and exec
    """Ask Linux to send SIGTERM to the child when the thread that started it dies."""
    with contextlib.suppress(Exception):
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


def _error_line(text: str) -> str:
    """The line of Oxigraph's output that says what went wrong (not its backtrace)."""
    lines = [line.strip() for line in text.split("Stack backtrace:")[0].splitlines()]
    lines = [line for line in lines if line]
    errors = [line for line in lines if line.lower().startswith("error")]
    return (errors or lines or ["(no message)"])[0]


def _remove_stale_workdirs() -> None:
    """Delete the stores of earlier ``kg serve`` processes that were killed (e.g. SIGKILL)."""
    if os.name != "posix":
        return
    for path in Path(tempfile.gettempdir()).glob("kg-serve-*-*"):
        m = re.fullmatch(r"kg-serve-(\d+)-.+", path.name)
        if not m or not path.is_dir() or path.stat().st_uid != os.getuid():
            continue
        try:
            os.kill(int(m.group(1)), 0)
        except ProcessLookupError:
            shutil.rmtree(path, ignore_errors=True)
        except OSError:
            continue


#: Requests to 127.0.0.1 never go through an ``http_proxy`` from the environment.
_OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))


class _Oxigraph:
    """The ``oxigraph serve-read-only`` child process over a store loaded from a graph file."""

    def __init__(self, graph: Path, host: str) -> None:
        self.binary = find_oxigraph()
        _remove_stale_workdirs()
        self.workdir = Path(tempfile.mkdtemp(prefix=f"kg-serve-{os.getpid()}-"))
        self.process: subprocess.Popen[bytes] | None = None
        self.host = host
        self.port = 0
        try:
            self._load(graph)
            self._start(host)
        except BaseException:
            self.close()
            raise

    @property
    def base(self) -> str:
        return f"http://{self.host}:{self.port}"

    def _load(self, graph: Path) -> None:
        """Load the graph into an on-disk store: named graphs kept, their merge as default graph.

        The same loading as ``kg query`` (:func:`kg.store.load_store`), so both answer alike.
        """
        import gc

        store = load_store(graph, location=self.workdir / "store")
        del store  # release the store's lock before the server opens it
        gc.collect()

    def _start(self, host: str) -> None:
        log_path = self.workdir / "oxigraph.log"
        for _attempt in range(5):
            self.port = _free_port(host)
            cmd = [
                self.binary, "serve-read-only",
                "--location", str(self.workdir / "store"),
                "--bind", f"{host}:{self.port}",
                "--timeout-s", str(_QUERY_TIMEOUT_S),
            ]  # fmt: skip
            posix = os.name == "posix"
            with open(log_path, "wb") as log:
                self.process = subprocess.Popen(
                    cmd,
                    stdin=subprocess.DEVNULL,
                    stdout=log,
                    stderr=subprocess.STDOUT,
                    start_new_session=posix,  # Ctrl-C reaches kg, which stops the child in order
                    preexec_fn=_die_with_parent if sys.platform == "linux" else None,
                )
            if self._wait_ready():
                return
            message = _error_line(log_path.read_text(encoding="utf-8", errors="replace"))
            if "in use" not in message.lower():
                raise KgError(f"the Oxigraph server did not start: {message}")
        raise KgError("the Oxigraph server did not start: no free internal port on 127.0.0.1")

    def _wait_ready(self) -> bool:
        """Poll until the child answers a query; False if it exited (e.g. port taken)."""
        assert self.process is not None
        url = f"http://{self.host}:{self.port}/query?query=ASK%7B%7D"
        deadline = time.monotonic() + _START_TIMEOUT_S
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                return False
            try:
                with _OPENER.open(url, timeout=1) as resp:
                    if resp.status == 200:
                        return True
            except (OSError, http.client.HTTPException):
                pass
            time.sleep(0.05)
        self._stop()
        raise KgError(f"the Oxigraph server did not answer within {_START_TIMEOUT_S:.0f} s")

    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def _stop(self) -> None:
        proc, self.process = self.process, None
        if proc is None or proc.poll() is not None:
            return
        proc.terminate()
        try:
            proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=5)

    def close(self) -> None:
        self._stop()
        shutil.rmtree(self.workdir, ignore_errors=True)


class _Front(ThreadingHTTPServer):
    """The public HTTP server: query page, named queries, ``/query`` passed on to Oxigraph."""

    daemon_threads = True
    # SO_REUSEADDR lets a restarted kg serve take its port back at once (TIME_WAIT); on POSIX a
    # port another process listens on still fails. On Windows it would allow sharing, so not there.
    allow_reuse_address = os.name == "posix"

    def __init__(self, host: str, port: int, *, graph: Path, verbose: bool) -> None:
        self.host = host
        self.backend = ""  # the Oxigraph server's base URL, set once it runs
        self.verbose = verbose
        self.static = {
            path: ((STATIC_DIR / name).read_bytes(), ctype)
            for path, (name, ctype) in STATIC_FILES.items()
        }
        queries = queries_document()
        self.queries = {q["name"]: q["text"].encode("utf-8") for q in queries}
        self.json_docs = {
            "/queries.json": json.dumps(queries, ensure_ascii=False).encode("utf-8"),
            "/info.json": json.dumps(
                {"graph": graph.name, "endpoint": "/query", "prefixes": PREFIXES},
                ensure_ascii=False,
            ).encode("utf-8"),
        }
        super().__init__((host, port), _Handler)
        self.allowed_hosts = {host, "127.0.0.1", "localhost"}

    def server_bind(self) -> None:
        """Bind without the reverse DNS lookup of :class:`http.server.HTTPServer` (offline)."""
        import socketserver

        socketserver.TCPServer.server_bind(self)
        self.server_name, self.server_port = self.server_address[:2]  # type: ignore[assignment]


class _Handler(BaseHTTPRequestHandler):
    server: _Front
    server_version = "kg-serve"
    sys_version = ""

    # -- plumbing ----------------------------------------------------------------------------
    def log_message(self, format: str, *args: Any) -> None:
        if self.server.verbose:
            sys.stderr.write(f"kg serve: {self.address_string()} {format % args}\n")

    def _send(
        self, status: int, body: bytes, ctype: str, headers: dict[str, str] | None = None
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        for name, value in {**_SECURITY_HEADERS, **(headers or {})}.items():
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _error(self, status: int, message: str, headers: dict[str, str] | None = None) -> None:
        self._send(status, (message + "\n").encode("utf-8"), "text/plain; charset=utf-8", headers)

    def _host_ok(self) -> bool:
        """Refuse requests for other host names (DNS rebinding from a web page)."""
        host = self.headers.get("Host")
        if host is None:
            return True
        name = urllib.parse.urlsplit(f"//{host}").hostname or ""
        if name in self.server.allowed_hosts:
            return True
        self._error(HTTPStatus.FORBIDDEN, f"unexpected Host header {host!r}")
        return False

    def _not_allowed(self) -> None:
        path = urllib.parse.urlsplit(self.path).path
        if path == "/update":
            self._error(HTTPStatus.FORBIDDEN, "updates are refused: this endpoint is read-only")
        else:
            self._error(
                HTTPStatus.METHOD_NOT_ALLOWED,
                f"{self.command} is not allowed: this endpoint is read-only",
                {"Allow": "GET, HEAD, POST" if path == "/query" else "GET, HEAD"},
            )

    do_PUT = do_DELETE = do_PATCH = do_OPTIONS = _not_allowed

    # -- GET / POST --------------------------------------------------------------------------
    def do_HEAD(self) -> None:
        """Headers of a GET (page and JSON documents only)."""
        self.do_GET()

    def do_GET(self) -> None:
        """The query page and its assets, the named queries, or a query in the URL."""
        if not self._host_ok():
            return
        split = urllib.parse.urlsplit(self.path)
        path = split.path
        if path in self.server.static:
            body, ctype = self.server.static[path]
            self._send(HTTPStatus.OK, body, ctype)
        elif path in self.server.json_docs:
            self._send(HTTPStatus.OK, self.server.json_docs[path], "application/json")
        elif path.startswith("/queries/") and path.endswith(".rq"):
            name = path[len("/queries/") : -len(".rq")]
            text = self.server.queries.get(name)  # a dictionary lookup: no path reaches the disk
            if text is None:
                self._error(HTTPStatus.NOT_FOUND, f"no named query {name!r}")
            else:
                self._send(HTTPStatus.OK, text, "application/sparql-query; charset=utf-8")
        elif path == "/query":
            if self.command == "HEAD":
                self._error(
                    HTTPStatus.METHOD_NOT_ALLOWED, "use GET or POST", {"Allow": "GET, POST"}
                )
                return
            self._sparql(urllib.parse.parse_qsl(split.query, keep_blank_values=True))
        elif path == "/update":
            self._error(HTTPStatus.FORBIDDEN, "updates are refused: this endpoint is read-only")
        else:
            self._error(HTTPStatus.NOT_FOUND, "not found; the query page is at /")

    def do_POST(self) -> None:
        """A SPARQL query in the body (``application/sparql-query`` or a form)."""
        if not self._host_ok():
            return
        split = urllib.parse.urlsplit(self.path)
        ctype = self.headers.get("Content-Type", "").split(";")[0].strip().lower()
        if split.path == "/update" or ctype == "application/sparql-update":
            self._error(HTTPStatus.FORBIDDEN, "updates are refused: this endpoint is read-only")
            return
        if split.path != "/query":
            self._not_allowed()
            return
        try:
            length = int(self.headers.get("Content-Length", "0"))
        except ValueError:
            length = -1
        if length < 0 or length > _MAX_REQUEST:
            self._error(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, "request body too large (1 MiB max)")
            return
        raw = self.rfile.read(length)
        params = urllib.parse.parse_qsl(split.query, keep_blank_values=True)
        if ctype == "application/sparql-query":
            params.append(("query", raw.decode("utf-8", errors="replace")))
        elif ctype == "application/x-www-form-urlencoded":
            params += urllib.parse.parse_qsl(raw.decode("utf-8", errors="replace"), True)
        else:
            self._error(
                HTTPStatus.UNSUPPORTED_MEDIA_TYPE,
                "send application/sparql-query or application/x-www-form-urlencoded",
            )
            return
        self._sparql(params)

    # -- SPARQL ------------------------------------------------------------------------------
    def _sparql(self, params: list[tuple[str, str]]) -> None:
        names = [name for name, _ in params]
        if "update" in names or "using-graph-uri" in names:
            self._error(HTTPStatus.FORBIDDEN, "updates are refused: this endpoint is read-only")
            return
        queries = [value for name, value in params if name == "query"]
        if len(queries) != 1:
            self._error(HTTPStatus.BAD_REQUEST, "give exactly one 'query' parameter")
            return
        refusal = classify_query(queries[0])
        if refusal:
            self._error(HTTPStatus.FORBIDDEN, refusal)
            return
        forward = [("query", _PREFIX_LINE + queries[0])]
        forward += [(n, v) for n, v in params if n in ("default-graph-uri", "named-graph-uri")]
        request = urllib.request.Request(
            f"{self.server.backend}/query",
            data=urllib.parse.urlencode(forward).encode("utf-8"),
            method="POST",
            headers={
                "Content-Type": "application/x-www-form-urlencoded",
                "Accept": self.headers.get("Accept") or _DEFAULT_ACCEPT,
            },
        )
        try:
            with _OPENER.open(request, timeout=_QUERY_TIMEOUT_S + 15) as resp:
                status, ctype = resp.status, resp.headers.get("Content-Type")
                body = resp.read(_MAX_RESPONSE + 1)
        except urllib.error.HTTPError as exc:
            status, ctype, body = exc.code, exc.headers.get("Content-Type"), exc.read(_MAX_REQUEST)
        except (OSError, http.client.HTTPException) as exc:
            self._error(HTTPStatus.BAD_GATEWAY, f"the Oxigraph server failed: {exc}")
            return
        if len(body) > _MAX_RESPONSE:
            self._error(HTTPStatus.INSUFFICIENT_STORAGE, "result too large; add a LIMIT")
            return
        self._send(status, body, ctype or "application/octet-stream")


class RunningServer:
    """A running ``kg serve``: the front on :attr:`url`, Oxigraph behind it. Close when done.

    Use it as a context manager, or call :meth:`close`; it is also closed when garbage
    collected or at interpreter exit. On Linux the Oxigraph child is stopped by the kernel if
    the thread that started the server dies, so start it from a long-lived (e.g. the main)
    thread.
    """

    def __init__(
        self, graph_path: Path, front: _Front, backend: _Oxigraph, thread: threading.Thread
    ) -> None:
        self.graph_path = graph_path
        self.host: str = front.host
        self.port: int = front.server_address[1]
        #: The query page, e.g. ``http://127.0.0.1:7878/``.
        self.url = f"http://{self.host}:{self.port}/"
        #: The SPARQL 1.1 query endpoint.
        self.endpoint = self.url + "query"
        self._front = front
        self._backend = backend
        self._thread = thread
        self._finalizer = weakref.finalize(self, _shutdown, front, backend, thread)

    @property
    def backend_pid(self) -> int | None:
        """The process id of the Oxigraph server (``None`` once stopped)."""
        proc = self._backend.process
        return proc.pid if proc is not None else None

    @property
    def backend_port(self) -> int:
        """The internal 127.0.0.1 port Oxigraph listens on."""
        return self._backend.port

    def alive(self) -> bool:
        """Whether the Oxigraph server is still running."""
        return self._backend.alive()

    def query(self, sparql: str, *, timeout: float = 60) -> Any:
        """Run a query through the endpoint; the SPARQL JSON results as Python objects."""
        request = urllib.request.Request(
            self.endpoint,
            data=sparql.encode("utf-8"),
            headers={"Content-Type": "application/sparql-query", "Accept": _DEFAULT_ACCEPT},
        )
        try:
            with _OPENER.open(request, timeout=timeout) as resp:
                return json.load(resp)
        except urllib.error.HTTPError as exc:
            detail = exc.read().decode("utf-8", errors="replace").strip()
            raise KgError(f"query failed ({exc.code}): {detail}") from None

    def close(self) -> None:
        """Stop the front and the Oxigraph server and delete the temporary store."""
        self._finalizer()

    def __enter__(self) -> RunningServer:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        state = "running" if self.alive() else "closed"
        return f"<RunningServer {self.url} {self.graph_path} {state}>"


def _shutdown(front: _Front, backend: _Oxigraph, thread: threading.Thread) -> None:
    front.shutdown()
    front.server_close()
    thread.join(timeout=5)
    backend.close()


def start_server(
    graph_path: str | Path | None, *, port: int = 0, host: str = "127.0.0.1", verbose: bool = False
) -> RunningServer:
    """Start serving a graph file or build folder in the background; returns when it answers.

    ``port=0`` picks a free port (see :attr:`RunningServer.url`). ``verbose`` logs each
    request to stderr. Errors (no graph, port in use, no Oxigraph binary) raise
    :class:`kg.model.KgError`.
    """
    graph = resolve_graph_path(graph_path)
    bind = _check_host(host)
    if not 0 <= port <= 65535:
        raise KgError(f"port {port}: choose a number from 1 to 65535")
    missing = [name for name, _ in STATIC_FILES.values() if not (STATIC_DIR / name).is_file()]
    if missing:
        raise KgError(f"kg's query page is missing ({', '.join(missing)}); reinstall kg")
    try:  # bind the public port first: a port in use fails before any loading
        front = _Front(bind, port, graph=graph, verbose=verbose)
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            msg = f"port {port} on {bind} is in use; choose another with --port N"
        elif exc.errno == errno.EACCES:
            msg = f"port {port}: permission denied; choose one above 1023"
        else:
            msg = f"cannot listen on {bind}:{port}: {exc.strerror or exc}"
        raise KgError(msg) from None
    try:
        backend = _Oxigraph(graph, bind)
    except BaseException:
        front.server_close()
        raise
    front.backend = backend.base
    thread = threading.Thread(
        target=front.serve_forever, kwargs={"poll_interval": 0.1}, name="kg-serve", daemon=True
    )
    thread.start()
    return RunningServer(graph, front, backend, thread)


def serve(graph_path: str | Path | None, *, port: int, host: str = "127.0.0.1") -> None:
    """Serve a graph until Ctrl-C or SIGTERM: the query page and a SPARQL endpoint.

    Prints the addresses to stderr; stops the Oxigraph server and removes its temporary store
    on the way out.
    """
    server = start_server(graph_path, port=port, host=host, verbose=True)
    stop = threading.Event()
    previous: dict[int, Any] = {}

    def on_signal(signum: int, frame: FrameType | None) -> None:
        stop.set()

    try:
        if threading.current_thread() is threading.main_thread():
            for sig in (signal.SIGTERM, getattr(signal, "SIGHUP", None)):
                if sig is not None:
                    previous[sig] = signal.signal(sig, on_signal)
        print(
            f"kg serve: {server.graph_path} on {server.url}\n"
            f"kg serve: query page {server.url}  SPARQL endpoint {server.endpoint}\n"
            "kg serve: press Ctrl-C to stop",
            file=sys.stderr,
            flush=True,
        )
        while not stop.wait(0.5):
            if not server.alive():
                raise KgError("the Oxigraph server stopped unexpectedly")
    except KeyboardInterrupt:
        pass
    finally:
        server.close()
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    print("kg serve: stopped", file=sys.stderr, flush=True)
