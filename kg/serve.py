"""``kg serve``: the graph as a read-only SPARQL 1.1 endpoint on 127.0.0.1, with a query page.

One process with a few children, and no port but the one the user chose:

* the **front** (:class:`http.server.ThreadingHTTPServer`, 127.0.0.1 only) serves our own query
  page (``kg/static``: no CDN, it works offline), the named queries as ``/queries.json``, and
  answers ``/query`` (SPARQL 1.1 protocol, GET or POST) after the cheap part of kg's query
  guard (:func:`kg.query.precheck`: size, SERVICE and update words). Connections are bounded
  (at most
  :data:`MAX_CONNECTIONS` at a time, a listen backlog of :data:`LISTEN_BACKLOG`), and a client
  that is idle for :data:`IDLE_TIMEOUT_S` or takes longer than :data:`REQUEST_DEADLINE_S` to send
  its request is disconnected;
* a fixed pool of **query workers** (Oxigraph through pyoxigraph, one process each, opening the
  store read-only) checks each query with the whole guard (:func:`kg.query.check_query` on the
  parsed query: SERVICE, updates, graphs not in the store; a one-line message and 403 or 400)
  and runs it. The front talks to them over pipes, so there is no internal
  port that anything else could reach. A query that runs longer than the timeout is stopped by
  killing its worker (which is replaced) and answered ``504``; a result larger than the cap is
  answered ``507``; when every worker is busy for as long as the timeout, ``503``. No thread or
  process is left behind by a query. On Linux each worker runs in a seccomp sandbox that forbids
  creating sockets and connecting, so even a SERVICE that got past the guard cannot reach the
  network.

kg's prefixes (``kg:``, ``sosa:``, ``qudt:``, ...) are declared for every query, and the default
graph is the merge of the named graphs (each triple once), as for ``kg query``, so a query that
works with ``kg query`` works here. Parameters declared in a query's ``# @param`` header are bound
as RDF terms from ``param.NAME`` request parameters (as ``kg query --param NAME=VALUE`` does).
From Python (tests, notebooks)::

    with start_server("out") as server:       # port=0: a free port
        print(server.url)                     # the query page
        server.query("SELECT (COUNT(*) AS ?n) WHERE { ?f a kg:ReportedFigure }")
"""

from __future__ import annotations

import collections
import contextlib
import ctypes
import errno
import gc
import io
import json
import os
import platform
import re
import select
import shutil
import signal
import socket
import socketserver
import struct
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import weakref
from dataclasses import dataclass
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import FrameType, TracebackType
from typing import IO, Any, cast

import pyoxigraph as ox

from kg.model import KgError
from kg.namespaces import PREFIXES
from kg.query import (
    QueryRefused,
    QuerySyntaxError,
    QueryTooLarge,
    bind_param,
    check_graphs,
    check_query,
    declared_params,
    named_queries,
    page,
    precheck,
    run_with_big_stack,
    sparql_json_term,
    store_graph_names,
)

STATIC_DIR = Path(__file__).resolve().parent / "static"
#: URL path -> (file in :data:`STATIC_DIR`, content type). Nothing else is read from disk.
STATIC_FILES: dict[str, tuple[str, str]] = {
    "/": ("query.html", "text/html; charset=utf-8"),
    "/query.js": ("query.js", "text/javascript; charset=utf-8"),
    "/query.css": ("query.css", "text/css; charset=utf-8"),
}
#: A query that runs longer is stopped and answered 504 (``kg serve --timeout``).
QUERY_TIMEOUT_S = 30.0
#: Results larger than this (serialized bytes) are answered 507 (``kg serve --max-result-mb``).
MAX_RESULT_BYTES = 64 << 20
#: Connections served at once; more wait in the listen backlog.
MAX_CONNECTIONS = 64
#: The listen backlog of the front's socket.
LISTEN_BACKLOG = 128
#: A connection silent for this long is closed.
IDLE_TIMEOUT_S = 10.0
#: A client must have sent its whole request (headers and body) within this time.
REQUEST_DEADLINE_S = 30.0
#: Bytes of request body accepted (the query text itself is limited to 100 KB by the guard).
MAX_REQUEST_BYTES = 1 << 20
_START_TIMEOUT_S = 30.0
_PARAM_PREFIX = "param."
_SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Content-Security-Policy": (
        "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
        "img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
    ),
}
#: Media type -> result format, for SELECT/ASK and for CONSTRUCT/DESCRIBE.
_RESULTS_TYPES = {
    "application/sparql-results+json": "json",
    "application/json": "json",
    "application/sparql-results+xml": "xml",
    "application/xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
}
_GRAPH_TYPES = {
    "text/turtle": "turtle",
    "application/n-triples": "ntriples",
    "text/plain": "ntriples",
    "application/rdf+xml": "rdfxml",
    "application/ld+json": "jsonld",
}
_RESULTS_FORMATS = {
    "json": ox.QueryResultsFormat.JSON,
    "xml": ox.QueryResultsFormat.XML,
    "csv": ox.QueryResultsFormat.CSV,
    "tsv": ox.QueryResultsFormat.TSV,
}
_GRAPH_FORMATS = {
    "turtle": ox.RdfFormat.TURTLE,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "rdfxml": ox.RdfFormat.RDF_XML,
    "jsonld": ox.RdfFormat.JSON_LD,
}


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


# -- the network sandbox of the query workers ----------------------------------------------------

#: Linux architectures the sandbox knows: audit arch and the syscalls it refuses.
_SECCOMP_ARCH = {
    # socket, connect, socketpair, io_uring_setup (io_uring could connect around seccomp)
    "x86_64": (0xC000003E, (41, 42, 53, 425)),
    "aarch64": (0xC00000B7, (198, 203, 199, 425)),
}


def sandbox_network() -> bool:
    """Forbid this process (and its future threads) to create sockets or connect; Linux only.

    A seccomp filter answers ``socket``, ``socketpair``, ``connect`` and ``io_uring_setup`` with
    EPERM, and every system call of a foreign ABI too. It cannot be lifted. Returns ``False``
    where seccomp is not available (other systems, unknown architectures); raises ``OSError``
    if the kernel refuses it.
    """
    arch = _SECCOMP_ARCH.get(platform.machine())
    if sys.platform != "linux" or arch is None:
        return False
    audit_arch, denied = arch
    ld, jeq, jge, ret = 0x20, 0x15, 0x35, 0x06  # BPF_LD|W|ABS, BPF_JMP|JEQ|K, JGE, BPF_RET|K
    allow, deny = 0x7FFF0000, 0x00050000 | errno.EPERM  # SECCOMP_RET_ALLOW, SECCOMP_RET_ERRNO
    deny_at = 5 + len(denied)
    program = [
        (ld, 0, 0, 4),  # seccomp_data.arch
        (jeq, 0, deny_at - 2, audit_arch),
        (ld, 0, 0, 0),  # seccomp_data.nr
        (jge, deny_at - 4, 0, 0x40000000),  # x32 system calls
    ]
    for i, nr in enumerate(denied):
        program.append((jeq, deny_at - (4 + i) - 1, 0, nr))
    program += [(ret, 0, 0, allow), (ret, 0, 0, deny)]
    code = b"".join(struct.pack("HBBI", *ins) for ins in program)

    class SockFprog(ctypes.Structure):
        _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.c_char_p)]

    fprog = SockFprog(len(program), code)
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(38, 1, 0, 0, 0) != 0:  # PR_SET_NO_NEW_PRIVS
        raise OSError(ctypes.get_errno(), "cannot set no_new_privs")
    if libc.prctl(22, 2, ctypes.byref(fprog), 0, 0) != 0:  # PR_SET_SECCOMP, FILTER
        raise OSError(ctypes.get_errno(), "cannot install the seccomp filter")
    return True


# -- the query worker (a child process) ----------------------------------------------------------


class _ResultTooLarge(Exception):
    pass


class _CappedWriter(io.RawIOBase):
    """A byte buffer that refuses to grow past ``cap`` (serialization stops there)."""

    def __init__(self, cap: int) -> None:
        super().__init__()
        self.cap = cap
        self.buffer = bytearray()

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        if len(self.buffer) + len(data) > self.cap:
            raise _ResultTooLarge
        self.buffer += data
        return len(data)


def _term(spec: list[str]) -> ox.NamedNode | ox.Literal:
    if spec[0] == "iri":
        return ox.NamedNode(spec[1])
    return ox.Literal(spec[1], datatype=ox.NamedNode(spec[2]))


def _text_reply(status: int, message: str) -> tuple[int, str, bytes]:
    return status, "text/plain; charset=utf-8", (message + "\n").encode("utf-8")


def execute_request(
    store: ox.Store, request: dict[str, Any], graph_names: frozenset[str]
) -> tuple[int, str, bytes]:
    """Check and run one query request on a store: status, content type and serialized body.

    The query guard (:func:`kg.query.check_query`) runs here, in the worker: its parser's time
    on a pathological text counts against the query timeout, and its question to Oxigraph's
    parser runs in the sandbox. Graphs named by the query or the request must be in
    ``graph_names``.

    ``request`` holds ``query``, ``subs`` (variable -> ``["iri", value]`` or ``["literal",
    value, datatype]``), ``default`` and ``named`` graph IRIs (or ``None``), ``results`` and
    ``graph`` formats (``None``: none acceptable), ``cap`` (largest body in bytes) and, to page
    a SELECT result, ``limit`` (``None``: all rows) and ``offset``.
    """
    try:
        checked = check_query(request["query"])
        check_graphs(
            [*checked.graphs, *(request["default"] or ()), *(request["named"] or ())],
            graph_names,
        )
    except QueryTooLarge as exc:
        return _text_reply(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, str(exc))
    except QueryRefused as exc:
        return _text_reply(HTTPStatus.FORBIDDEN, str(exc))
    except KgError as exc:
        return _text_reply(HTTPStatus.BAD_REQUEST, str(exc))
    is_graph = checked.form in ("CONSTRUCT", "DESCRIBE")
    if request["graph" if is_graph else "results"] is None:
        return _text_reply(
            HTTPStatus.NOT_ACCEPTABLE, f"no result format matches Accept: {request['accept']}"
        )
    subs = {ox.Variable(name): _term(spec) for name, spec in request["subs"].items()}
    default = [ox.NamedNode(g) for g in request["default"]] if request["default"] else None
    named = [ox.NamedNode(g) for g in request["named"]] if request["named"] else None
    out = _CappedWriter(int(request["cap"]))
    sink = cast(IO[bytes], out)
    try:
        result = store.query(
            request["query"],
            prefixes=PREFIXES,
            substitutions=subs or None,  # type: ignore[arg-type]
            default_graph=default,  # type: ignore[arg-type]
            named_graphs=named,  # type: ignore[arg-type]
            use_default_graph_as_union=default is None,
        )
        if isinstance(result, ox.QueryTriples):
            rdf_format = _GRAPH_FORMATS[request["graph"]]
            result.serialize(sink, rdf_format)
            ctype = rdf_format.media_type
        else:
            results_format = _RESULTS_FORMATS[request["results"]]
            limit, offset = request.get("limit"), request.get("offset", 0)
            if isinstance(result, ox.QuerySolutions) and (limit is not None or offset):
                result = _page_of(result, limit, offset)
            result.serialize(sink, results_format)
            ctype = results_format.media_type
    except _ResultTooLarge:
        return _text_reply(
            HTTPStatus.INSUFFICIENT_STORAGE,
            f"the result is larger than {out.cap:,} bytes; add a LIMIT or select fewer columns",
        )
    except SyntaxError as exc:
        return _text_reply(HTTPStatus.BAD_REQUEST, str(exc).splitlines()[0])
    except (OSError, RuntimeError, ValueError, TypeError) as exc:
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        return _text_reply(HTTPStatus.INTERNAL_SERVER_ERROR, f"the query failed: {first}")
    if "charset" not in ctype and ctype.startswith(("text/", "application/")):
        ctype += "; charset=utf-8"
    return HTTPStatus.OK, ctype, bytes(out.buffer)


def _page_of(result: ox.QuerySolutions, limit: int | None, offset: int) -> ox.QuerySolutions:
    """One page of a SELECT result (the rows ``LIMIT``/``OFFSET`` keep), as a result again.

    pyoxigraph serializes only whole results, so the page is written as SPARQL results JSON and
    read back; every requested format is then written by Oxigraph as for a whole result.
    """
    names = [v.value for v in result.variables]
    bindings = [
        {
            name: binding
            for name, variable in zip(names, result.variables, strict=True)
            if (binding := sparql_json_term(solution[variable])) is not None
        }
        for solution in page(result, limit, offset)
    ]
    doc = {"head": {"vars": names}, "results": {"bindings": bindings}}
    parsed = ox.parse_query_results(json.dumps(doc).encode("utf-8"), ox.QueryResultsFormat.JSON)
    assert isinstance(parsed, ox.QuerySolutions)
    return parsed


def _write_frame(out: IO[bytes], header: dict[str, Any], body: bytes = b"") -> None:
    out.write(json.dumps(header).encode("utf-8") + b"\n" + body)
    out.flush()


def _exit_with_parent(parent: int) -> None:
    """End the worker, even in the middle of a query, once the server process is gone."""
    while os.getppid() == parent:
        time.sleep(1.0)
    os._exit(0)


def worker_main(argv: list[str] | None = None) -> None:
    """Entry point of a query worker: ``python -c '...worker_main()' STORE sandbox|plain``.

    Reads one JSON request a line on stdin and writes a JSON header line (status, content type,
    length) and the body on stdout. Stops at the end of its input.
    """
    args = sys.argv[1:] if argv is None else argv
    stdin, stdout = sys.stdin.buffer, sys.stdout.buffer
    sys.stdout = sys.stderr  # nothing but frames may reach the pipe
    try:
        sandboxed = sandbox_network() if args[1] == "sandbox" else False
        store = ox.Store.read_only(args[0])
        graph_names = frozenset(store_graph_names(store))
    except (OSError, IndexError) as exc:
        _write_frame(stdout, {"ready": False, "error": str(exc) or type(exc).__name__})
        return
    threading.Thread(target=_exit_with_parent, args=(os.getppid(),), daemon=True).start()
    _write_frame(stdout, {"ready": True, "sandboxed": sandboxed})

    def serve_requests() -> None:
        for line in stdin:
            try:
                request = json.loads(line)
                status, ctype, body = execute_request(store, request, graph_names)
            except (ValueError, KeyError, TypeError) as exc:
                status, ctype, body = _text_reply(500, f"bad request to the worker: {exc}")
            header = {"status": int(status), "ctype": ctype, "length": len(body)}
            _write_frame(stdout, header, body)

    # Oxigraph recurses per level of nesting: queries run on a thread with a big stack.
    run_with_big_stack(serve_requests)


# -- the worker pool (in the front) --------------------------------------------------------------


class _WorkerTimeout(Exception):
    pass


class _WorkerDied(Exception):
    pass


class _Worker:
    """One query worker process and the reading end of its pipe."""

    def __init__(self, store: Path, log: Path, sandbox: bool) -> None:
        package_root = str(Path(__file__).resolve().parent.parent)
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(
            p for p in (package_root, env.get("PYTHONPATH", "")) if p
        )
        cmd = [
            sys.executable,
            "-c",
            "from kg.serve import worker_main; worker_main()",
            str(store),
            "sandbox" if sandbox else "plain",
        ]
        with open(log, "ab") as log_file:
            self.process = subprocess.Popen(
                cmd,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=log_file,
                env=env,
                start_new_session=os.name == "posix",  # Ctrl-C reaches kg, which stops workers
            )
        self._buffer = bytearray()
        self.sandboxed = False

    @property
    def pid(self) -> int:
        return self.process.pid

    def _fill(self, deadline: float) -> None:
        assert self.process.stdout is not None
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise _WorkerTimeout
        ready, _, _ = select.select([self.process.stdout], [], [], remaining)
        if not ready:
            raise _WorkerTimeout
        chunk = os.read(self.process.stdout.fileno(), 1 << 16)
        if not chunk:
            raise _WorkerDied
        self._buffer += chunk

    def _read_frame(self, deadline: float) -> tuple[dict[str, Any], bytes]:
        while b"\n" not in self._buffer:
            self._fill(deadline)
        end = self._buffer.index(b"\n")
        header = json.loads(bytes(self._buffer[:end]))
        del self._buffer[: end + 1]
        length = int(header.get("length", 0))
        while len(self._buffer) < length:
            self._fill(deadline)
        body = bytes(self._buffer[:length])
        del self._buffer[:length]
        return header, body

    def wait_ready(self, timeout: float) -> None:
        """Wait for the worker's first frame; :class:`KgError` if it did not start."""
        try:
            header, _ = self._read_frame(time.monotonic() + timeout)
        except (_WorkerTimeout, _WorkerDied, ValueError):
            self.kill()
            raise KgError("a query worker did not start") from None
        if not header.get("ready"):
            self.kill()
            raise KgError(f"a query worker did not start: {header.get('error', '?')}")
        self.sandboxed = bool(header.get("sandboxed"))

    def call(self, request: dict[str, Any], deadline: float) -> tuple[int, str, bytes]:
        """Send a request and read the answer before ``deadline`` (else :class:`_WorkerTimeout`)."""
        assert self.process.stdin is not None
        try:
            self.process.stdin.write(json.dumps(request).encode("utf-8") + b"\n")
            self.process.stdin.flush()
        except OSError:
            raise _WorkerDied from None
        header, body = self._read_frame(deadline)
        return int(header["status"]), str(header["ctype"]), body

    def alive(self) -> bool:
        return self.process.poll() is None

    def kill(self) -> None:
        """Stop the worker at once (a running query cannot be interrupted otherwise)."""
        if self.process.poll() is None:
            self.process.kill()
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.process.wait(timeout=5)
        for pipe in (self.process.stdin, self.process.stdout):
            if pipe is not None:
                with contextlib.suppress(OSError):
                    pipe.close()


class _Waiter:
    """A query waiting for a worker: the worker is handed to it directly, first come first."""

    __slots__ = ("event", "worker")

    def __init__(self) -> None:
        self.event = threading.Event()
        self.worker: _Worker | None = None


class _Pool:
    """A fixed number of query workers; a query waits for a free one (in arrival order), at
    most ``timeout``."""

    def __init__(self, store: Path, log: Path, size: int, sandbox: bool) -> None:
        self.store, self.log, self.size, self.sandbox = store, log, size, sandbox
        self._free: list[_Worker] = []
        self._waiters: collections.deque[_Waiter] = collections.deque()
        self._workers: set[_Worker] = set()
        self._lock = threading.Lock()
        self._closed = False
        started: list[_Worker] = []
        try:
            for _ in range(size):
                started.append(_Worker(store, log, sandbox))
                self._workers.add(started[-1])
            for worker in started:
                worker.wait_ready(_START_TIMEOUT_S)
        except OSError as exc:
            self.close()
            raise KgError(f"cannot start a query worker: {exc.strerror or exc}") from None
        except BaseException:
            self.close()
            raise
        for worker in started:
            self._release(worker)
        self.sandboxed = all(w.sandboxed for w in started)

    def pids(self) -> list[int]:
        """Process ids of the current workers."""
        with self._lock:
            return sorted(w.pid for w in self._workers)

    def alive(self) -> bool:
        """Whether the pool still has workers (replacements included)."""
        with self._lock:
            return not self._closed and bool(self._workers)

    def _acquire(self, timeout: float) -> _Worker | None:
        """A free worker, waiting in line at most ``timeout`` seconds (``None`` if none came)."""
        with self._lock:
            if self._free and not self._waiters:
                return self._free.pop()
            waiter = _Waiter()
            self._waiters.append(waiter)
        waiter.event.wait(timeout)
        with self._lock:
            if waiter.worker is None:
                self._waiters.remove(waiter)
            return waiter.worker

    def _release(self, worker: _Worker) -> None:
        """Hand a worker to the longest-waiting query, or put it back."""
        with self._lock:
            if self._waiters:
                waiter = self._waiters.popleft()
                waiter.worker = worker
                waiter.event.set()
            else:
                self._free.append(worker)

    def run(self, request: dict[str, Any], timeout: float) -> tuple[int, str, bytes]:
        """Run a request on a free worker: its answer, or 503 (all busy), 504 (too slow)."""
        worker = self._acquire(timeout)
        if worker is None:
            return _text_reply(
                HTTPStatus.SERVICE_UNAVAILABLE,
                f"the server is busy: all {self.size} query workers ran for {timeout:g} s; "
                "try again later",
            )
        try:
            reply = worker.call(request, time.monotonic() + timeout)
        except _WorkerTimeout:
            self._replace(worker)
            return _text_reply(
                HTTPStatus.GATEWAY_TIMEOUT,
                f"the query ran longer than {timeout:g} s and was stopped; "
                "add a LIMIT or narrow it down",
            )
        except (_WorkerDied, ValueError, KeyError):
            self._replace(worker)
            return _text_reply(
                HTTPStatus.INTERNAL_SERVER_ERROR, "the query worker stopped; try again"
            )
        self._release(worker)
        return reply

    def _replace(self, worker: _Worker) -> None:
        worker.kill()
        with self._lock:
            self._workers.discard(worker)
            if self._closed:
                return
        threading.Thread(target=self._respawn, name="kg-serve-respawn", daemon=True).start()

    def _respawn(self) -> None:
        try:
            worker = _Worker(self.store, self.log, self.sandbox)
        except OSError:
            return
        with self._lock:
            if self._closed:
                worker.kill()
                return
            self._workers.add(worker)
        try:
            worker.wait_ready(_START_TIMEOUT_S)
        except KgError:
            with self._lock:
                self._workers.discard(worker)
            return
        self._release(worker)

    def close(self) -> None:
        """Stop every worker."""
        with self._lock:
            self._closed = True
            workers = list(self._workers)
            self._workers.clear()
        for worker in workers:
            worker.kill()


# -- the front -----------------------------------------------------------------------------------


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


def _negotiate(accept: str, table: dict[str, str], default: str) -> str | None:
    """The format of the best media type in an Accept header that ``table`` knows."""
    if not accept.strip():
        return default
    best: tuple[float, str] | None = None
    for i, part in enumerate(accept.split(",")):
        fields = [f.strip() for f in part.split(";")]
        media = fields[0].lower()
        q = 1.0
        for f in fields[1:]:
            if f.startswith("q="):
                try:
                    q = float(f[2:])
                except ValueError:
                    q = 0.0
        if q <= 0:
            continue
        if media in ("*/*", "application/*", "text/*"):
            found: str | None = default
        else:
            found = table.get(media)
        score = q - i * 1e-6  # the first of equal preferences wins
        if found and (best is None or score > best[0]):
            best = (score, found)
    return best[1] if best else None


@dataclass(frozen=True, slots=True)
class ServeLimits:
    """The limits of a running server (see the module constants for the defaults)."""

    timeout: float = QUERY_TIMEOUT_S
    max_result_bytes: int = MAX_RESULT_BYTES
    max_connections: int = MAX_CONNECTIONS
    idle_timeout: float = IDLE_TIMEOUT_S
    request_deadline: float = REQUEST_DEADLINE_S


class _Front(ThreadingHTTPServer):
    """The public HTTP server: query page, named queries, ``/query`` run by the worker pool."""

    daemon_threads = True
    request_queue_size = LISTEN_BACKLOG
    # SO_REUSEADDR lets a restarted kg serve take its port back at once (TIME_WAIT); on POSIX a
    # port another process listens on still fails. On Windows it would allow sharing, so not there.
    allow_reuse_address = os.name == "posix"

    def __init__(
        self, host: str, port: int, *, graph: Path, verbose: bool, limits: ServeLimits
    ) -> None:
        self.host = host
        self.verbose = verbose
        self.limits = limits
        self.pool: _Pool | None = None
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
        self._slots = threading.BoundedSemaphore(limits.max_connections)
        self._deadlines: dict[socket.socket, float] = {}
        self._deadlines_lock = threading.Lock()
        self._stop = threading.Event()
        super().__init__((host, port), _Handler)
        self.allowed_hosts = {host, "127.0.0.1", "localhost"}
        self._watchdog = threading.Thread(target=self._watch, name="kg-serve-watchdog", daemon=True)
        self._watchdog.start()

    def server_bind(self) -> None:
        """Bind without the reverse DNS lookup of :class:`http.server.HTTPServer` (offline)."""
        socketserver.TCPServer.server_bind(self)
        self.server_name, self.server_port = self.server_address[:2]  # type: ignore[assignment]

    # -- bounded connections -----------------------------------------------------------------
    def process_request(self, request: Any, client_address: Any) -> None:
        """Serve a connection on a thread of its own, at most ``max_connections`` at once."""
        if not self._slots.acquire(timeout=1.0):
            with contextlib.suppress(OSError):
                request.sendall(
                    b"HTTP/1.0 503 Service Unavailable\r\nContent-Type: text/plain\r\n"
                    b"Connection: close\r\nRetry-After: 1\r\n\r\n"
                    b"too many connections; try again\n"
                )
            self.shutdown_request(request)
            return
        try:
            super().process_request(request, client_address)
        except BaseException:
            self._slots.release()
            raise

    def process_request_thread(self, request: Any, client_address: Any) -> None:
        """Handle one connection and give its slot back."""
        try:
            super().process_request_thread(request, client_address)
        finally:
            self._slots.release()

    def handle_error(self, request: Any, client_address: Any) -> None:
        """One line in verbose mode instead of a traceback."""
        if self.verbose:
            exc = sys.exc_info()[1]
            sys.stderr.write(f"kg serve: {client_address[0]} connection error: {exc!r}\n")

    def reading(self, conn: socket.socket, reading: bool) -> None:
        """Start or end the time a connection has to send its request."""
        with self._deadlines_lock:
            if reading:
                self._deadlines[conn] = time.monotonic() + self.limits.request_deadline
            else:
                self._deadlines.pop(conn, None)

    def _watch(self) -> None:
        """Disconnect clients that trickle their request slower than the deadline allows."""
        while not self._stop.wait(0.25):
            now = time.monotonic()
            with self._deadlines_lock:
                late = [c for c, deadline in self._deadlines.items() if deadline < now]
                for conn in late:
                    del self._deadlines[conn]
            for conn in late:
                with contextlib.suppress(OSError):
                    conn.shutdown(socket.SHUT_RDWR)

    def server_close(self) -> None:
        """Close the listening socket and stop the watchdog."""
        self._stop.set()
        super().server_close()


class _Handler(BaseHTTPRequestHandler):
    server: _Front
    server_version = "kg-serve"
    sys_version = ""

    # -- plumbing ----------------------------------------------------------------------------
    def setup(self) -> None:
        """Apply the idle timeout and start the request deadline."""
        super().setup()
        self.connection.settimeout(self.server.limits.idle_timeout)
        self.server.reading(self.connection, True)

    def handle(self) -> None:
        """Serve the request; a client that times out or goes away is just closed."""
        try:
            super().handle()
        except (TimeoutError, ConnectionError):
            self.close_connection = True
        except OSError:
            self.close_connection = True

    def finish(self) -> None:
        """End the request deadline and flush."""
        self.server.reading(self.connection, False)
        with contextlib.suppress(OSError):
            super().finish()

    def log_message(self, format: str, *args: Any) -> None:
        if self.server.verbose:
            sys.stderr.write(f"kg serve: {self.address_string()} {format % args}\n")

    def _send(
        self, status: int, body: bytes, ctype: str, headers: dict[str, str] | None = None
    ) -> None:
        self.server.reading(self.connection, False)
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
            self._error(HTTPStatus.FORBIDDEN, "updates are not allowed: this endpoint is read-only")
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
            self._error(HTTPStatus.FORBIDDEN, "updates are not allowed: this endpoint is read-only")
        else:
            self._error(HTTPStatus.NOT_FOUND, "not found; the query page is at /")

    def do_POST(self) -> None:
        """A SPARQL query in the body (``application/sparql-query`` or a form)."""
        if not self._host_ok():
            return
        split = urllib.parse.urlsplit(self.path)
        ctype = self.headers.get("Content-Type", "").split(";")[0].strip().lower()
        if split.path == "/update" or ctype == "application/sparql-update":
            self._error(HTTPStatus.FORBIDDEN, "updates are not allowed: this endpoint is read-only")
            return
        if split.path != "/query":
            self._not_allowed()
            return
        try:
            length = int(self.headers.get("Content-Length", "-1"))
        except ValueError:
            length = -1
        if length < 0:
            self._error(HTTPStatus.LENGTH_REQUIRED, "send a Content-Length")
            return
        if length > MAX_REQUEST_BYTES:
            self._error(
                HTTPStatus.REQUEST_ENTITY_TOO_LARGE,
                f"request body too large ({MAX_REQUEST_BYTES:,} bytes max)",
            )
            return
        raw = self.rfile.read(length)
        if len(raw) < length:
            self.close_connection = True
            return
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
        self.server.reading(self.connection, False)  # the request is in; the query may run long
        names = [name for name, _ in params]
        if "update" in names or "using-graph-uri" in names:
            self._error(HTTPStatus.FORBIDDEN, "updates are not allowed: this endpoint is read-only")
            return
        queries = [value for name, value in params if name == "query"]
        if len(queries) != 1:
            self._error(HTTPStatus.BAD_REQUEST, "give exactly one 'query' parameter")
            return
        text = queries[0]
        default = [v for n, v in params if n == "default-graph-uri"]
        named = [v for n, v in params if n == "named-graph-uri"]
        pool = self.server.pool
        if pool is None:
            self._error(HTTPStatus.SERVICE_UNAVAILABLE, "the server is starting; try again")
            return
        try:
            precheck(text)  # the cheap part of the guard; the workers run all of it
            subs = self._bind(text, params)
            limit, offset = self._page(params)
        except QueryTooLarge as exc:
            self._error(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, str(exc))
            return
        except QueryRefused as exc:
            self._error(HTTPStatus.FORBIDDEN, str(exc))
            return
        except (QuerySyntaxError, KgError) as exc:
            self._error(HTTPStatus.BAD_REQUEST, str(exc))
            return
        accept = self.headers.get("Accept") or ""
        request = {
            "query": text,
            "subs": subs,
            "default": default or None,
            "named": named or None,
            "results": _negotiate(accept, _RESULTS_TYPES, "json"),
            "graph": _negotiate(accept, _GRAPH_TYPES, "turtle"),
            "accept": accept,
            "cap": self.server.limits.max_result_bytes,
            "limit": limit,
            "offset": offset,
        }
        status, ctype, body = pool.run(request, self.server.limits.timeout)
        extra = {"Retry-After": "1"} if status == HTTPStatus.SERVICE_UNAVAILABLE else None
        self._send(status, body, ctype, extra)

    @staticmethod
    def _page(params: list[tuple[str, str]]) -> tuple[int | None, int]:
        """The ``limit`` and ``offset`` request parameters (one page of a SELECT result)."""
        found: dict[str, int] = {}
        for name in ("limit", "offset"):
            values = [v for n, v in params if n == name]
            if len(values) > 1:
                raise KgError(f"give at most one {name!r} parameter")
            if values:
                if not re.fullmatch(r"[0-9]{1,12}", values[0].strip()):
                    raise KgError(f"{name} must be a whole number, 0 or more, not {values[0]!r}")
                found[name] = int(values[0])
        return found.get("limit"), found.get("offset", 0)

    @staticmethod
    def _bind(text: str, params: list[tuple[str, str]]) -> dict[str, list[str]]:
        """``param.NAME`` values bound as RDF terms by the kinds the query's header declares."""
        given = [(n[len(_PARAM_PREFIX) :], v) for n, v in params if n.startswith(_PARAM_PREFIX)]
        if not given:
            return {}
        declared = {p.name: p for p in declared_params(text)}
        subs: dict[str, list[str]] = {}
        for name, raw in given:
            if name not in declared:
                allowed = ", ".join(declared) or "none"
                raise KgError(f"the query has no parameter {name!r} (parameters: {allowed})")
            if raw == "":
                continue
            term = bind_param(declared[name], raw)
            if isinstance(term, ox.NamedNode):
                subs[name] = ["iri", term.value]
            else:
                subs[name] = ["literal", term.value, term.datatype.value]
        return subs


#: Requests to 127.0.0.1 never go through an ``http_proxy`` from the environment.
_OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))


class RunningServer:
    """A running ``kg serve``: the front on :attr:`url`, query workers behind it. Close when done.

    Use it as a context manager, or call :meth:`close`; it is also closed when garbage
    collected or at interpreter exit. On Linux the workers are killed by the kernel if the
    thread that started the server dies, so start it from a long-lived (e.g. the main) thread.
    """

    def __init__(
        self, graph_path: Path, front: _Front, pool: _Pool, thread: threading.Thread, workdir: Path
    ) -> None:
        self.graph_path = graph_path
        self.host: str = front.host
        self.port: int = front.server_address[1]
        #: The query page, e.g. ``http://127.0.0.1:7878/``.
        self.url = f"http://{self.host}:{self.port}/"
        #: The SPARQL 1.1 query endpoint.
        self.endpoint = self.url + "query"
        #: Whether the query workers run in the network sandbox (Linux).
        self.sandboxed = pool.sandboxed
        self.workdir = workdir
        self._front = front
        self._pool = pool
        self._thread = thread
        self._finalizer = weakref.finalize(self, _shutdown, front, pool, thread, workdir)

    @property
    def worker_pids(self) -> list[int]:
        """Process ids of the query workers."""
        return self._pool.pids()

    def alive(self) -> bool:
        """Whether the server is running (front and query workers)."""
        return self._finalizer.alive and self._thread.is_alive() and self._pool.alive()

    def query(self, sparql: str, *, timeout: float = 60) -> Any:
        """Run a query through the endpoint; the SPARQL JSON results as Python objects."""
        request = urllib.request.Request(
            self.endpoint,
            data=sparql.encode("utf-8"),
            headers={
                "Content-Type": "application/sparql-query",
                "Accept": "application/sparql-results+json",
            },
        )
        try:
            with _OPENER.open(request, timeout=timeout) as resp:
                return json.load(resp)
        except urllib.error.HTTPError as exc:
            detail = exc.read().decode("utf-8", errors="replace").strip()
            raise KgError(f"query failed ({exc.code}): {detail}") from None

    def close(self) -> None:
        """Stop the front and the workers and delete the temporary store."""
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


def _shutdown(front: _Front, pool: _Pool, thread: threading.Thread, workdir: Path) -> None:
    front.shutdown()
    front.server_close()
    thread.join(timeout=5)
    pool.close()
    shutil.rmtree(workdir, ignore_errors=True)


def _load(graph: Path, workdir: Path, built: Path | None = None) -> None:
    """Give the workers an on-disk store in ``workdir/store``.

    A build folder's own store (``built``) is linked in, without loading anything: its table
    files (immutable) are hard links, the few small bookkeeping files copies, so a later build
    removing that generation does not pull the files from under the workers. A graph file is
    loaded as ``kg query`` loads it (:func:`kg.store.load_store`), so both answer alike.
    """
    from kg.store import load_store

    if built is not None:
        target = workdir / "store"
        target.mkdir()
        for item in sorted(built.iterdir()):
            if item.suffix == ".sst":
                try:
                    os.link(item, target / item.name)
                    continue
                except OSError:
                    pass  # another file system: copy
            shutil.copy2(item, target / item.name)
        return
    store = load_store(graph, location=workdir / "store")
    del store  # release the store's lock before the workers open it
    gc.collect()


def start_server(
    graph_path: str | Path | None,
    *,
    port: int = 0,
    host: str = "127.0.0.1",
    verbose: bool = False,
    workers: int | None = None,
    limits: ServeLimits | None = None,
) -> RunningServer:
    """Start serving a graph file or build folder in the background; returns when it answers.

    ``port=0`` picks a free port (see :attr:`RunningServer.url`). ``verbose`` logs each
    request to stderr. ``workers`` query processes run at once (default: the number of CPUs,
    at most 4). Errors (no graph, port in use) raise :class:`kg.model.KgError`.
    """
    from kg.store import built_store, resolve_graph_path

    built = built_store(graph_path)
    graph = resolve_graph_path(graph_path)
    bind = _check_host(host)
    limits = limits or ServeLimits()
    if not 0 <= port <= 65535:
        raise KgError(f"port {port}: choose a number from 1 to 65535")
    size = workers if workers is not None else min(4, os.cpu_count() or 1)
    if not 1 <= size <= 64:
        raise KgError(f"workers {size}: choose a number from 1 to 64")
    if limits.timeout <= 0 or limits.max_result_bytes <= 0 or limits.max_connections < 1:
        raise KgError("timeout, result cap and connections must be positive")
    missing = [name for name, _ in STATIC_FILES.values() if not (STATIC_DIR / name).is_file()]
    if missing:
        raise KgError(f"kg's query page is missing ({', '.join(missing)}); reinstall kg")
    try:  # bind the public port first: a port in use fails before any loading
        front = _Front(bind, port, graph=graph, verbose=verbose, limits=limits)
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            msg = f"port {port} on {bind} is in use; choose another with --port N"
        elif exc.errno == errno.EACCES:
            msg = f"port {port}: permission denied; choose one above 1023"
        else:
            msg = f"cannot listen on {bind}:{port}: {exc.strerror or exc}"
        raise KgError(msg) from None
    _remove_stale_workdirs()
    workdir = Path(tempfile.mkdtemp(prefix=f"kg-serve-{os.getpid()}-"))
    try:
        _load(graph, workdir, built)
        pool = _Pool(workdir / "store", workdir / "workers.log", size, sandbox=True)
    except BaseException:
        front.server_close()
        shutil.rmtree(workdir, ignore_errors=True)
        raise
    front.pool = pool
    thread = threading.Thread(
        target=front.serve_forever, kwargs={"poll_interval": 0.1}, name="kg-serve", daemon=True
    )
    thread.start()
    return RunningServer(graph, front, pool, thread, workdir)


def serve(
    graph_path: str | Path | None,
    *,
    port: int,
    host: str = "127.0.0.1",
    workers: int | None = None,
    limits: ServeLimits | None = None,
    verbose: bool = True,
) -> None:
    """Serve a graph until Ctrl-C or SIGTERM: the query page and a SPARQL endpoint.

    Prints the addresses to stderr; stops the workers and removes the temporary store on the
    way out.
    """
    server = start_server(
        graph_path, port=port, host=host, verbose=verbose, workers=workers, limits=limits
    )
    stop = threading.Event()
    previous: dict[int, Any] = {}

    def on_signal(signum: int, frame: FrameType | None) -> None:
        stop.set()

    try:
        if threading.current_thread() is threading.main_thread():
            for sig in (signal.SIGTERM, getattr(signal, "SIGHUP", None)):
                if sig is not None:
                    previous[sig] = signal.signal(sig, on_signal)
        sandbox = "" if server.sandboxed else " (no network sandbox on this system)"
        print(
            f"kg serve: {server.graph_path} on {server.url}\n"
            f"kg serve: query page {server.url}  SPARQL endpoint {server.endpoint}\n"
            f"kg serve: {len(server.worker_pids)} query workers{sandbox}; press Ctrl-C to stop",
            file=sys.stderr,
            flush=True,
        )
        while not stop.wait(0.5):
            if not server.alive():
                raise KgError("the query workers stopped unexpectedly")
    except KeyboardInterrupt:
        pass
    finally:
        server.close()
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    print("kg serve: stopped", file=sys.stderr, flush=True)
