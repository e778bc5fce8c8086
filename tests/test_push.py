"""``kg push`` against a real Oxigraph server on 127.0.0.1: only changed graphs are sent, and
the store answers the named queries as kg does locally."""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from kg.build import build
from kg.cli import main
from kg.model import KgError
from kg.push import MANIFEST, push
from kg.query import PREFIXES, named_queries, run_query
from kg.store import load_store

TEST_CORPUS = Path(__file__).parent / "corpus"
DOCS = ("laos", "liberia", "peru")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@pytest.fixture()
def oxigraph(tmp_path: Path) -> Iterator[str]:
    """An Oxigraph server (``oxigraph serve``) on a free loopback port; its base URL."""
    binary = shutil.which("oxigraph", path=str(Path(sys.executable).parent)) or shutil.which(
        "oxigraph"
    )
    if binary is None:
        pytest.skip("the oxigraph server is not installed (pip install -e '.[explore]')")
    port = _free_port()
    proc = subprocess.Popen(
        [binary, "serve", "--location", str(tmp_path / "db"), "--bind", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(url + "/", timeout=1).close()
                break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    pytest.fail("oxigraph serve did not start")
                time.sleep(0.1)
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def _corpus(folder: Path) -> Path:
    folder.mkdir()
    for name in DOCS:
        for suffix in (".txt", ".gold.yaml"):
            shutil.copy(TEST_CORPUS / f"{name}{suffix}", folder / f"{name}{suffix}")
    return folder


def _remote_rows(url: str, text: str) -> tuple[list[str], list[list[str]]]:
    prologue = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())
    body = urllib.parse.urlencode({"query": prologue + text, "union-default-graph": ""}).encode()
    request = urllib.request.Request(
        url + "/query",
        data=body,
        headers={
            "Accept": "application/sparql-results+json",
            "Content-Type": "application/x-www-form-urlencoded",
        },
    )
    with urllib.request.urlopen(request, timeout=60) as response:
        doc = json.load(response)
    names = doc["head"]["vars"]
    rows = [[b.get(v, {}).get("value", "") for v in names] for b in doc["results"]["bindings"]]
    return names, sorted(rows)


def test_push_sends_only_changed_graphs_and_the_store_answers_alike(
    oxigraph: str, tmp_path: Path
) -> None:
    corpus = _corpus(tmp_path / "corpus")
    out = tmp_path / "out"
    build([corpus], out=out)
    endpoint = oxigraph + "/store"

    first = push(out, endpoint)
    assert len(first.sent) == len(DOCS) + 1 and not first.unchanged  # documents + ontology

    local = load_store(out)
    for name in ("measurements", "organizations", "documents", "program-partners"):
        result = run_query(local, named_queries()[name])
        assert _remote_rows(oxigraph, named_queries()[name].text) == (
            result.variables,
            sorted(result.rows),
        ), name

    second = push(out, endpoint)
    assert second.sent == [] and len(second.unchanged) == len(DOCS) + 1
    assert second.requests == 1  # the manifest GET only: no PUT

    text = corpus / "laos.txt"  # a sentence added at the end: the spans stay, the text changes
    text.write_text(text.read_text(encoding="utf-8") + "\nUpdated.\n", encoding="utf-8")
    build([corpus], out=out)
    third = push(out, endpoint)
    assert [g.rsplit("/", 1)[-1] for g in third.sent] == ["graph-laos"]

    (corpus / "peru.gold.yaml").unlink()
    (corpus / "peru.txt").unlink()
    build([corpus], out=out)
    fourth = push(out, endpoint)
    assert fourth.sent == [] and [g.rsplit("/", 1)[-1] for g in fourth.removed] == ["graph-peru"]
    _, rows = _remote_rows(oxigraph, "SELECT DISTINCT ?g { GRAPH ?g { ?s ?p ?o } }")
    assert len(rows) == len(DOCS) - 1 + 2  # documents, ontology and the manifest
    assert [MANIFEST] in rows


def test_a_refusing_store_is_a_one_line_error(
    oxigraph: str, pakistan_build: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["push", "--graph", str(pakistan_build), "--endpoint", oxigraph + "/nowhere"])
    err = capsys.readouterr().err
    assert code != 0 and err.startswith("kg: error: ") and err.count("\n") == 1
    assert "refused" in err


def test_an_unreachable_store_is_retried_then_an_error(pakistan_build: Path) -> None:
    pauses: list[float] = []
    url = f"http://127.0.0.1:{_free_port()}/store"
    with pytest.raises(KgError, match="no answer") as info:
        push(pakistan_build, url, timeout=2, sleep=pauses.append)
    assert "\n" not in str(info.value)
    assert pauses == [0.5, 1.0, 2.0]  # bounded, with backoff
