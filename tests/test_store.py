"""The persistent query store a build writes, and union-graph semantics for every query."""

from __future__ import annotations

import itertools
import os
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.build import build
from kg.query import check_queries, named_queries, run_query
from kg.store import (
    MERGED_GRAPH,
    TermTriple,
    built_store,
    load_store,
    nt_lines,
    parse_nt_lines,
    write_graphs,
)

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
PARAMS = {"organization-facts": {"organization": "INL"}}


@pytest.fixture(scope="module")
def gold_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shared corpus gold files built once (skips when the corpus is absent)."""
    golds = sorted(CORPUS.glob("*.gold.yaml")) if CORPUS.is_dir() else []
    if not golds:
        pytest.skip(f"shared corpus not found at {CORPUS}")
    out = tmp_path_factory.mktemp("store-gold")
    build(golds, out=out)
    return out


def _rows(store: ox.Store, name: str) -> tuple[list[str], list[list[str]]]:
    queries = {**named_queries(), **{f"check:{k}": v for k, v in check_queries().items()}}
    result = run_query(store, queries[name], PARAMS.get(name))
    return result.variables, sorted(result.rows)


ALL = sorted([*named_queries(), *(f"check:{k}" for k in check_queries())])


def test_build_writes_the_store_into_its_generation(gold_build: Path) -> None:
    link = gold_build / "store"
    assert link.is_symlink() and os.readlink(link) == "current/store"
    assert built_store(gold_build) == (gold_build / "current" / "store").resolve()
    assert built_store(gold_build / "graph.trig") is None  # a file is parsed as before
    store = load_store(gold_build)
    graphs = {g.value for g in store.named_graphs() if isinstance(g, ox.NamedNode)}
    assert len(graphs) == len(list(CORPUS.glob("*.gold.yaml"))) + 1  # documents + ontology
    # no copy of the named graphs in the default graph
    assert not list(store.quads_for_pattern(None, None, None, ox.DefaultGraph()))


def test_the_store_is_opened_read_only(gold_build: Path) -> None:
    store = load_store(gold_build)
    node = ox.NamedNode("urn:x")
    with pytest.raises((OSError, RuntimeError)):
        store.add(ox.Quad(node, node, node, ox.NamedNode("urn:g")))


@pytest.mark.parametrize("name", ALL)
def test_every_query_gives_the_same_rows_from_the_store_as_from_the_trig_file(
    gold_build: Path, name: str
) -> None:
    from_store = _rows(load_store(gold_build), name)
    from_trig = _rows(load_store(gold_build / "graph.trig"), name)
    assert from_store == from_trig


@pytest.mark.parametrize("name", ["measurements", "organizations", "documents", "programs"])
def test_a_turtle_file_answers_as_the_build(gold_build: Path, name: str) -> None:
    """A merged graph without named graphs is loaded into one named graph and answers alike."""
    store = load_store(gold_build / "graph.ttl")
    assert {g.value for g in store.named_graphs()} == {MERGED_GRAPH}  # type: ignore[union-attr]
    assert _rows(store, name) == _rows(load_store(gold_build), name)


def test_worker_results_round_trip_as_ntriples() -> None:
    triples = [
        ("<http://e/s>", "<http://e/p>", '"a b . c"@en'),
        ("_:b0", "<http://e/p>", '"x\\ny"^^<http://www.w3.org/2001/XMLSchema#string>'),
        ("<http://e/s>", "<http://e/q>", "<http://e/o>"),
    ]
    assert parse_nt_lines(nt_lines(triples)) == triples


def test_a_folder_without_a_store_is_parsed(tmp_path: Path) -> None:
    """A build folder of an older kg (no store) still loads, from its graph file."""
    write_graphs([("http://e/g", [("<http://e/s>", "<http://e/p>", '"o"')])], tmp_path)
    assert built_store(tmp_path) is None
    assert len(load_store(tmp_path)) == 1


def test_every_shipped_query_is_a_select_over_the_local_store() -> None:
    """What :func:`kg.query._shipped_check` assumes instead of parsing a shipped query."""
    from kg.query import check_query

    for query in [*named_queries().values(), *check_queries().values()]:
        checked = check_query(query.text)
        assert (checked.form, checked.graphs) == ("SELECT", frozenset()), query.name


def test_the_progress_bar_is_quiet_off_a_terminal_and_for_few_documents(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from kg.build import PROGRESS_MIN_DOCUMENTS, _progress_bar

    for total, enabled in ((PROGRESS_MIN_DOCUMENTS + 100, True), (5, True), (500, False)):
        with _progress_bar(total, enabled) as bar:
            bar.update(total)
    assert capsys.readouterr().err == ""  # stderr is not a terminal under pytest


def test_the_progress_bar_shows_rate_and_eta_on_a_terminal(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import sys

    from kg.build import _progress_bar

    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    with _progress_bar(100, True) as bar:
        bar.update(50)
    err = capsys.readouterr().err
    assert "kg build" in err and "doc/s" in err and "<" in err  # rate and remaining time


def test_turtle_written_in_pieces_is_the_whole_serialized_at_once(
    gold_build: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """graph.ttl goes out a few statements at a time; the bytes are those of the whole graph
    serialized at once, whatever the piece size (a subject is never split)."""
    import io

    from kg import store

    merged = store.merge_graphs(store.read_graphs(gold_build / "graph.trig"))
    lines = (f"{s} {p} {o} .\n" for s, p, o in store._print_order(merged))
    whole = io.StringIO()
    store._write_with_header([store._ox_body(lines, ox.RdfFormat.TURTLE)], whole)
    for piece in (1, 7, 1000):
        monkeypatch.setattr(store, "TURTLE_PIECE", piece)
        out = io.StringIO()
        store.write_turtle(merged, out)
        assert out.getvalue() == whole.getvalue()


def _stream_turtle(graphs: list[tuple[str, list[TermTriple]]], chunk: int) -> str:
    """graph.ttl made by the streamed merge of the graphs' N-Triples, cut into chunks."""
    import io

    from kg import store

    sources = []
    for _, triples in graphs:
        data = store.nt_lines(triples)
        cuts = [0]
        while cuts[-1] < len(data):  # whole lines of about ``chunk`` bytes
            nxt = data.find(b"\n", cuts[-1] + chunk - 1)
            cuts.append(len(data) if nxt < 0 else nxt + 1)
        sources.append([data[a:b] for a, b in itertools.pairwise(cuts)])
    out = io.StringIO()
    count = store.write_turtle_blocks(store.merged_blocks(sources), out)
    assert count == len(store.merge_graphs(graphs))
    return out.getvalue()


def _whole_turtle(graphs: list[tuple[str, list[TermTriple]]]) -> str:
    import io

    from kg import store

    out = io.StringIO()
    store.write_turtle(store.merge_graphs(graphs), out)
    return out.getvalue()


def test_streamed_merge_is_write_turtle_of_the_merged_graph(
    gold_build: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The k-way merge of the graphs' sorted N-Triples writes graph.ttl's bytes, whatever the
    piece size and however the N-Triples are cut (a subject split across two chunks)."""
    from kg import store

    graphs = store.read_graphs(gold_build / "graph.trig")
    assert (gold_build / "graph.ttl").read_text(encoding="utf-8") == _whole_turtle(graphs)
    whole = _whole_turtle(graphs)
    for piece in (1, 7, 1000, 100_000):
        monkeypatch.setattr(store, "TURTLE_PIECE", piece)
        for chunk in (1, 300, 1 << 20):
            assert _stream_turtle(graphs, chunk) == whole


def _generated_graphs(seed: int) -> list[tuple[str, list[TermTriple]]]:
    """Graphs sharing subjects and objects: IRIs that are prefixes of each other, blank nodes
    (``_:b1``, ``_:b10``), literals with spaces, tabs, escapes, language tags and datatypes,
    ``rdf:type`` statements, and the same statement in several graphs."""
    import random

    rng = random.Random(seed)
    a = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
    subjects = ["<http://x/a>", "<http://x/a/b>", "<http://x/a-b>", "<http://x/ab>"]
    subjects += ["_:b1", "_:b10", "_:b2", "<http://x/é>", "<http://x/z>"]
    preds = [a, "<http://x/p>", "<http://x/p2>", "<http://a/q>", "<http://z/r>"]
    objects = [*subjects, '"a"', '"a b"', '"a\tb"', '"a"@en', '"a"@en-us', '"é \\"q\\""']
    objects += ['"1"^^<http://www.w3.org/2001/XMLSchema#integer>', '"x\\ny"', '""']
    graphs = []
    for g in range(rng.randint(1, 6)):
        triples = {
            (rng.choice(subjects), rng.choice(preds), rng.choice(objects))
            for _ in range(rng.randint(0, 40))
        }
        graphs.append((f"http://x/g{g}", sorted(triples)))
    return graphs


@pytest.mark.parametrize("seed", range(40))
def test_streamed_merge_on_generated_graphs(seed: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """The streamed merge equals write_turtle of merge_graphs on graphs with shared nodes,
    blank nodes and awkward literals, at piece boundaries inside and between subjects."""
    from kg import store

    graphs = _generated_graphs(seed)
    whole = _whole_turtle(graphs)
    for piece in (1, 3, 100_000):
        monkeypatch.setattr(store, "TURTLE_PIECE", piece)
        for chunk in (1, 50, 1 << 20):
            assert _stream_turtle(graphs, chunk) == whole


def test_file_chunks_are_whole_lines(tmp_path: Path) -> None:
    """A file read in chunks of whole lines gives back its bytes."""
    from kg.store import file_chunks

    data = b"".join(f"<s{i}> <p> {'x' * (i % 37)} .\n".encode() for i in range(500))
    path = tmp_path / "g.nt"
    path.write_bytes(data)
    for size in (1, 10, 100, 1 << 20):
        chunks = list(file_chunks(path, size))
        assert b"".join(chunks) == data
        assert all(c.endswith(b"\n") for c in chunks)
    path.write_bytes(b"")
    assert list(file_chunks(path)) == []


def test_merge_runs_names_the_source_of_every_run() -> None:
    """Each subject comes with its runs and the index of the graph each is from."""
    from kg.store import merge_runs, nt_runs

    graphs = [b"<a> <p> <x> .\n<c> <p> <x> .\n", b"<b> <p> <y> .\n", b"<a> <q> <z> .\n"]
    got = [(s, [i for i, _ in parts]) for s, parts in merge_runs([nt_runs([g]) for g in graphs])]
    assert got == [(b"<a>", [0, 2]), (b"<b>", [1]), (b"<c>", [0])]


def test_a_store_update_changes_only_the_statements_that_differ(tmp_path: Path) -> None:
    """Replacing a graph given its statements before gives the same store as loading it anew:
    statements gone are removed, new ones added, an emptied graph is dropped, and a graph
    with blank nodes is replaced whole (its labels are not the store's)."""
    from kg.store import graph_nquads, open_store, update_store, write_store

    def nt(*lines: str) -> bytes:
        return "".join(f"{line} .\n" for line in lines).encode()

    a, b, c = "<x:s> <x:p> <x:a>", "<x:s> <x:p> <x:b>", '<x:s> <x:q> "c"'
    blank = "_:n1 <x:p> <x:a>"
    before = {"x:g1": nt(a, b), "x:g2": nt(a), "x:g3": nt(blank), "x:g4": nt(c)}
    after = {"x:g1": nt(b, c), "x:g2": b"", "x:g3": nt("_:n2 <x:p> <x:b>"), "x:g4": nt(c)}
    write_store([graph_nquads(g, data) for g, data in before.items()], tmp_path / "old")
    changed = [(g, before[g], after[g]) for g in ("x:g1", "x:g2", "x:g3")]
    update_store(tmp_path / "old", tmp_path / "new", changed, [])
    write_store([graph_nquads(g, data) for g, data in after.items()], tmp_path / "clean")

    def quads(folder: str) -> list[tuple[str, str, str, str]]:
        store = open_store(tmp_path / folder)
        return sorted(
            (str(q.graph_name), str(q.subject)[:2], str(q.predicate), str(q.object)) for q in store
        )

    def graphs(folder: str) -> list[str]:
        return sorted(str(g) for g in open_store(tmp_path / folder).named_graphs())

    assert quads("new") == quads("clean")
    assert graphs("new") == graphs("clean") == ["<x:g1>", "<x:g3>", "<x:g4>"]
    assert len(quads("old")) == 5  # the published store is only read
