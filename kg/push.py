"""``kg push``: copy a built dataset into any SPARQL 1.1 store over the Graph Store HTTP Protocol.

One named graph per document (and the ontology graph) is sent with ``PUT`` (N-Triples), which
replaces that graph and nothing else. The store keeps a manifest graph (:data:`MANIFEST`) with
one triple per pushed graph, ``<graph> <urn:kg:push:contentHash> "sha256:..."``: a push reads it
first (one ``GET``) and sends only graphs whose content changed, removes graphs it pushed
earlier that are no longer in the build, then writes the new manifest. A second push of an
unchanged build sends nothing but that one ``GET``.

Requests are retried (bounded, with backoff) on connection errors, timeouts and 5xx/429 answers;
any other refusal is a one-line :class:`KgError`.

>>> _graph_url("http://127.0.0.1:7878/store", "https://w3id.org/inl-kg/id/graph/peru")
'http://127.0.0.1:7878/store?graph=https%3A%2F%2Fw3id.org%2Finl-kg%2Fid%2Fgraph%2Fperu'
"""

from __future__ import annotations

import hashlib
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from kg.model import KgError
from kg.store import TermTriple, nt_lines, parse_nt_lines, read_graphs

#: The graph holding one content hash per pushed graph.
MANIFEST = "urn:kg:push:manifest"
#: The predicate of a manifest triple: ``<graph> HASH "sha256:<hex>"``.
HASH = "urn:kg:push:contentHash"
NTRIPLES = "application/n-triples"
#: Attempts per request, and the first pause between them (doubled each time).
ATTEMPTS = 4
BACKOFF = 0.5


@dataclass(slots=True)
class PushSummary:
    """What a push did: graphs sent, left alone (unchanged) and removed, and requests made."""

    endpoint: str
    sent: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    requests: int = 0

    def text(self) -> str:
        """The line ``kg push`` prints."""
        return (
            f"pushed {len(self.sent)} graph(s) to {self.endpoint}: {len(self.unchanged)} "
            f"unchanged, {len(self.removed)} removed\n"
        )


def content_hash(triples: list[TermTriple]) -> str:
    """The hash of a graph's content: SHA-256 of its sorted N-Triples."""
    return "sha256:" + hashlib.sha256(nt_lines(sorted(triples))).hexdigest()


def _graph_url(endpoint: str, graph: str) -> str:
    sep = "&" if urllib.parse.urlsplit(endpoint).query else "?"
    return f"{endpoint}{sep}{urllib.parse.urlencode({'graph': graph})}"


class _Client:
    """HTTP requests to one Graph Store endpoint, with bounded retries."""

    def __init__(
        self, endpoint: str, timeout: float, sleep: Callable[[float], None] = time.sleep
    ) -> None:
        parts = urllib.parse.urlsplit(endpoint)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise KgError(f"--endpoint {endpoint!r}: give an http:// or https:// URL")
        self.endpoint, self.timeout, self.sleep, self.requests = endpoint, timeout, sleep, 0

    def call(
        self, method: str, graph: str, body: bytes | None = None, *, missing_ok: bool = False
    ) -> bytes | None:
        """Send one request about ``graph``; its body, or ``None`` for a 404 if ``missing_ok``."""
        url = _graph_url(self.endpoint, graph)
        headers = {"Accept": NTRIPLES} if method == "GET" else {"Content-Type": NTRIPLES}
        pause = BACKOFF
        for attempt in range(1, ATTEMPTS + 1):
            self.requests += 1
            request = urllib.request.Request(url, data=body, method=method, headers=headers)
            try:
                with urllib.request.urlopen(request, timeout=self.timeout) as response:
                    data: bytes = response.read()
                    return data
            except urllib.error.HTTPError as exc:
                if exc.code == 404 and missing_ok:
                    return None
                if (exc.code < 500 and exc.code != 429) or attempt == ATTEMPTS:
                    detail = exc.read().decode("utf-8", "replace").strip().splitlines()
                    why = f": {detail[0][:200]}" if detail else ""
                    raise KgError(
                        f"{self.endpoint} refused {method} of graph <{graph}>: "
                        f"{exc.code} {exc.reason}{why}"
                    ) from None
            except (urllib.error.URLError, TimeoutError, ConnectionError) as exc:
                if attempt == ATTEMPTS:
                    reason = getattr(exc, "reason", exc)
                    raise KgError(
                        f"{self.endpoint}: no answer to {method} of graph <{graph}> after "
                        f"{ATTEMPTS} attempts ({reason})"
                    ) from None
            self.sleep(pause)
            pause *= 2
        raise AssertionError("unreachable")


def _manifest_triples(hashes: dict[str, str]) -> list[TermTriple]:
    return sorted((f"<{g}>", f"<{HASH}>", f'"{h}"') for g, h in hashes.items())


def _read_manifest(data: bytes | None) -> dict[str, str]:
    if not data:
        return {}
    out = {}
    for s, p, o in parse_nt_lines(data):
        if p == f"<{HASH}>" and s.startswith("<") and o.startswith('"'):
            out[s[1:-1]] = o[1 : o.index('"', 1)]
    return out


def push(
    graph: str | Path | None,
    endpoint: str,
    *,
    timeout: float = 60.0,
    sleep: Callable[[float], None] = time.sleep,
) -> PushSummary:
    """Push the named graphs of a build folder or graph file to the Graph Store ``endpoint``
    (e.g. ``http://127.0.0.1:7878/store`` for an Oxigraph server), sending only changed graphs.
    """
    client = _Client(endpoint, timeout, sleep)
    graphs = [(g, ts) for g, ts in read_graphs(graph) if g]
    if not graphs:
        raise KgError(f"{graph or 'out'}: no named graphs to push (kg push needs a TriG build)")
    before = _read_manifest(client.call("GET", MANIFEST, missing_ok=True))
    summary = PushSummary(endpoint)
    after: dict[str, str] = {}
    try:
        for name, triples in graphs:
            digest = content_hash(triples)
            if before.get(name) == digest:
                summary.unchanged.append(name)
            else:
                client.call("PUT", name, nt_lines(sorted(triples)))
                summary.sent.append(name)
            after[name] = digest
        for name in sorted(set(before) - set(after)):
            client.call("DELETE", name, missing_ok=True)
            summary.removed.append(name)
    finally:  # record what reached the store, also when a later request failed
        done = {g: h for g, h in after.items()}
        done.update(
            {g: h for g, h in before.items() if g not in after and g not in summary.removed}
        )
        if done != before:
            client.call("PUT", MANIFEST, nt_lines(_manifest_triples(done)))
    summary.requests = client.requests
    return summary
