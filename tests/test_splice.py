"""A build after a few changes splices graph.ttl: it rewrites the blocks of what changed, copies
the rest, and writes the bytes, index and counts a clean build writes."""

from __future__ import annotations

import itertools
import random
import re
import shutil
import sys
from collections.abc import Iterable, Iterator
from concurrent.futures import Future
from pathlib import Path

import pytest

from kg import build as build_module
from kg import splice
from kg.build import build
from kg.splice import SharedLines, SpliceError, dump_index, load_index

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

TEST_CORPUS = Path(__file__).parent / "corpus"
#: What a clean build writes, published and kept for the next build.
FILES = (
    "graph.ttl",
    "graph.trig",
    "validation.ttl",
    "current/manifest.json",
    f"current/{splice.INDEX}",
    f"current/{splice.SHARED}",
    f"current/{splice.LINKS}",
    f"current/{splice.TRIG_INDEX}",
)
_LINES = (
    "\nIn 2021, INL trained 85 additional police officers of the Anti-Narcotics Force.\n",
    "\nThe Frontier Corps seized 2.5 MT of hashish in 2020, as reported by the Frontier Corps.\n",
    "\nINL worked with the Government of Haiti and UNODC on prison reform.\n",
)


def _differences(out: Path, sources: list[Path], tmp_path: Path) -> list[str]:
    """The files of ``out`` that differ from a clean build's of ``sources``."""
    clean = tmp_path / "clean"
    shutil.rmtree(clean, ignore_errors=True)
    build(sources, out=clean, allow_invalid=True)
    return [n for n in FILES if (out / n).read_bytes() != (clean / n).read_bytes()]


def _spliced(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """Record, for each build, whether graph.ttl was spliced (not merged from every graph)."""
    seen: list[bool] = []
    real = build_module._splice

    def spy(*args: object) -> object:
        result = real(*args)  # type: ignore[arg-type]
        seen.append(result is not None)
        return result

    monkeypatch.setattr(build_module, "_splice", spy)
    return seen


@pytest.fixture
def sources(tmp_path: Path) -> list[Path]:
    """24 generated sheets (shared organizations, places and editions of one program) and
    three of the team's sheets."""
    import corpus as corpus_gen

    corpus_gen.generate(tmp_path / "generated", 24)
    team = tmp_path / "team"
    team.mkdir()
    for name in ("guatemala", "haiti", "laos"):
        shutil.copy(TEST_CORPUS / f"{name}.txt", team)
    return [tmp_path / "generated", team]


def test_edits_additions_and_removals_splice_to_a_clean_build(
    sources: list[Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Five rounds of random edits (sentences added, documents cut short, removed and added
    back) each give, spliced, the files a clean build gives."""
    out = tmp_path / "out"
    spliced = _spliced(monkeypatch)
    build(sources, out=out, allow_invalid=True)
    assert spliced == [False]  # nothing to start from
    rng = random.Random(7)
    removed: list[tuple[Path, str]] = []
    for _ in range(5):
        files = sorted(p for folder in sources for p in folder.glob("*.txt"))
        for f in rng.sample(files, 3):
            roll = rng.random()
            if roll < 0.5:
                with open(f, "a", encoding="utf-8") as fh:
                    fh.write(rng.choice(_LINES))
            elif roll < 0.75:
                removed.append((f, f.read_text(encoding="utf-8")))
                f.unlink()
            else:
                text = f.read_text(encoding="utf-8")
                f.write_text(text[: len(text) // 2], encoding="utf-8")
        if removed and rng.random() < 0.5:
            f, text = removed.pop(0)
            f.write_text(text, encoding="utf-8")
        build(sources, out=out, allow_invalid=True)
        assert spliced[-1], "the build merged every graph instead of splicing"
        assert _differences(out, sources, tmp_path) == []
        spliced.clear()  # (the clean build's own call)


def test_a_block_inside_another_documents_run_rebuilds_that_run(
    sources: list[Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Documents ``haiti`` and ``haiti-2`` (a page on Laos, no edition of Haiti's) mint IRIs
    that sort into each other's (``fig-haiti-2-...`` between ``fig-haiti-1...`` and
    ``fig-haiti-2...``): the first figure of ``haiti-2`` falls inside a run of Haiti's, whose
    blocks are then rebuilt around it, and the file is still a clean build's."""
    team = sources[1]
    (team / "haiti-2.txt").write_text(
        "U.S. Assistance to Laos\n\nINL supports counternarcotics work in Laos.\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    build(sources, out=out, allow_invalid=True)
    clashes: list[str] = []
    real = splice._inside_kept_run

    def spy(*args: object) -> str | None:
        found = real(*args)  # type: ignore[arg-type]
        if found is not None:
            clashes.append(found)
        return found

    monkeypatch.setattr(splice, "_inside_kept_run", spy)
    spliced = _spliced(monkeypatch)
    with open(team / "haiti-2.txt", "a", encoding="utf-8") as fh:
        fh.write(_LINES[0])
    build(sources, out=out, allow_invalid=True)
    assert spliced == [True]
    assert "haiti" in clashes
    assert _differences(out, sources, tmp_path) == []


def _drop_last_lines(path: Path, n: int) -> None:
    lines = path.read_bytes().splitlines(keepends=True)
    path.write_bytes(b"".join(lines[:-n]))


def _bump_a_count(path: Path) -> None:
    data = path.read_bytes()
    at = data.index(b"\n1 ") + 1
    path.write_bytes(data[:at] + b"2" + data[at + 1 :])


def _edit_in_place(path: Path) -> None:
    data = bytearray(path.read_bytes())
    at = data.rindex(b'"') - 1
    data[at : at + 1] = b"#"
    with open(path, "r+b") as fh:  # as an editor saving through the symlink would
        fh.write(bytes(data))


def _garbled_changed_graph(out: Path) -> None:
    """The published N-Triples of the document the next build changes (laos), cut short."""
    import json

    manifest = json.loads((out / "current" / "manifest.json").read_text(encoding="utf-8"))
    entry = next(e for e in manifest["documents"].values() if e["name"] == "laos")
    import hashlib

    key = hashlib.sha256(entry["graph"].encode("utf-8")).hexdigest()[:24]
    _drop_last_lines(out / "current" / "docs" / f"{key}.nt", 1)


_DAMAGE = {
    "index missing its last entries": lambda out: _drop_last_lines(
        out / "current" / splice.INDEX, 3
    ),
    "index malformed": lambda out: (out / "current" / splice.INDEX).write_text(
        "kg-graph-index 1\nx\tnot a number\n", encoding="utf-8"
    ),
    "shared lines missing": lambda out: _drop_last_lines(out / "current" / splice.SHARED, 5),
    "a shared count changed": lambda out: _bump_a_count(out / "current" / splice.SHARED),
    "links missing": lambda out: (out / "current" / splice.LINKS).unlink(),
    "links emptied": lambda out: (out / "current" / splice.LINKS).write_bytes(b""),
    "graph.ttl edited in place": lambda out: _edit_in_place(out / "graph.ttl"),
    "the changed document's published graph cut short": _garbled_changed_graph,
}


@pytest.mark.parametrize("damage", sorted(_DAMAGE))
def test_a_damaged_or_altered_kept_file_means_a_merge(
    sources: list[Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, damage: str
) -> None:
    """A kept file that is missing, malformed or merely not the one its build wrote (the
    manifest records their SHA-256, and a changed document's published graph is checked
    against its recorded digest) makes the build merge every graph again: the result is a
    clean build's, never a splice of a damaged start."""
    out = tmp_path / "out"
    build(sources, out=out, allow_invalid=True)
    _DAMAGE[damage](out)
    spliced = _spliced(monkeypatch)
    (sources[1] / "laos.txt").write_text(
        (sources[1] / "laos.txt").read_text(encoding="utf-8") + _LINES[0], encoding="utf-8"
    )
    build(sources, out=out, allow_invalid=True)
    assert spliced == [False]
    assert _differences(out, sources, tmp_path) == []


def _trig_blocks_read(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Record the documents' cached TriG blocks each build reads (not copied by range)."""
    seen: list[str] = []
    real = build_module._read

    def spy(stem: Path, suffix: str) -> bytes:
        if suffix == ".trig":
            seen.append(stem.name)
        return real(stem, suffix)

    monkeypatch.setattr(build_module, "_read", spy)
    return seen


_TRIG_DAMAGE = {
    "graph.trig edited in place": lambda out: _edit_in_place(out / "graph.trig"),
    "its index malformed": lambda out: (out / "current" / splice.TRIG_INDEX).write_bytes(
        b"not an index\n"
    ),
    "its index missing": lambda out: (out / "current" / splice.TRIG_INDEX).unlink(),
    "its blocks moved": lambda out: _drop_last_lines(out / "current" / splice.TRIG_INDEX, 2),
}


def test_graph_trig_copies_the_unchanged_graphs_blocks(
    sources: list[Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """After one changed document, graph.trig takes every other document's block from the
    published file (by byte range, reading none of their cached blocks) and is a clean build's
    file, with a clean build's index."""
    out = tmp_path / "out"
    build(sources, out=out, allow_invalid=True)
    read = _trig_blocks_read(monkeypatch)
    laos = sources[1] / "laos.txt"
    laos.write_text(laos.read_text(encoding="utf-8") + _LINES[0], encoding="utf-8")
    build(sources, out=out, allow_invalid=True)
    assert len(read) == 1, "only the changed document's block is read"
    index = splice.load_trig_index((out / "current" / splice.TRIG_INDEX).read_bytes())
    data = (out / "graph.trig").read_bytes()
    assert sum(b.length for b in index.values()) == len(data) - data.index(b"\n\n") - 2
    read.clear()
    assert _differences(out, sources, tmp_path) == []


@pytest.mark.parametrize("damage", sorted(_TRIG_DAMAGE))
def test_a_damaged_graph_trig_or_index_is_not_copied_from(
    sources: list[Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, damage: str
) -> None:
    """A published graph.trig or index that is not what its build wrote (its stat moved, or
    the index is not the one the manifest hashed) is not copied from: every block is read
    from the documents' files, and the result is a clean build's."""
    out = tmp_path / "out"
    build(sources, out=out, allow_invalid=True)
    _TRIG_DAMAGE[damage](out)
    read = _trig_blocks_read(monkeypatch)
    laos = sources[1] / "laos.txt"
    laos.write_text(laos.read_text(encoding="utf-8") + _LINES[0], encoding="utf-8")
    build(sources, out=out, allow_invalid=True)
    assert len(read) == 27, "every document's block is read"
    read.clear()
    assert _differences(out, sources, tmp_path) == []


def test_the_trig_index_round_trips_and_refuses_a_malformed_line() -> None:
    blocks = [splice.TrigBlock("urn:a", 10, 5, "ab"), splice.TrigBlock("urn:b", 15, 0, "cd")]
    assert list(splice.load_trig_index(splice.dump_trig_index(blocks)).values()) == blocks
    with pytest.raises(SpliceError):
        splice.load_trig_index(splice.dump_trig_index(blocks).replace(b"\t15\t", b"\tx\t"))
    with pytest.raises(SpliceError):
        splice.load_trig_index(b"something else\n")


def test_the_index_covers_graph_ttl(sources: list[Path], tmp_path: Path) -> None:
    """The index's entries follow each other from the end of the prefixes to the end of the
    file, each a run of one owner or one shared subject, and count every statement."""
    out = tmp_path / "out"
    summary = build(sources, out=out, allow_invalid=True)
    entries = load_index((out / "current" / splice.INDEX).read_text(encoding="utf-8"))
    data = (out / "graph.ttl").read_bytes()
    assert entries[0].start == data.index(b"\n\n") + 2
    assert all(a.end == b.start for a, b in itertools.pairwise(entries))
    assert entries[-1].end == len(data)
    assert sum(e.statements for e in entries) == summary.triples
    owners = {e.owner for e in entries}
    assert {splice.ONTOLOGY_OWNER, splice.SHARED_OWNER, "haiti"} <= owners
    for e in entries:
        assert e.first <= e.last
        if e.owner == splice.SHARED_OWNER:
            assert e.first == e.last
    shared = [e for e in entries if e.owner == splice.SHARED_OWNER]
    org = next(e for e in shared if b"/org-" in e.first)
    assert data[org.start : org.end].startswith(b"id:org-")
    assert data[org.end - 3 : org.end] == b" .\n"


def test_shared_lines_count_each_graphs_statement() -> None:
    """A line two graphs state stays until both take it out; counts round-trip as text."""
    table = SharedLines()
    a = b'<x> <p> "1" .\n<x> <p> "2" .\n<y> <q> <x> .\n'
    assert table.add(a) == {b"<x>", b"<y>"}
    table.add(b'<x> <p> "1" .\n')
    table.remove(a)
    assert table.lines(b"<x>") == b'<x> <p> "1" .\n'
    assert b"<y>" not in table and table.subjects() == [b"<x>"]
    again = SharedLines.loads(table.dumps())
    assert again.dumps() == table.dumps() and again.lines(b"<x>") == table.lines(b"<x>")
    with pytest.raises(SpliceError):
        table.remove(b'<x> <p> "2" .\n')
    with pytest.raises(SpliceError):
        SharedLines.loads(b"# kg shared lines 1\nmany <x> <p> <y> .\n")


def test_the_index_round_trips_and_refuses_a_malformed_line() -> None:
    """An index read back is the index written; a malformed one is refused, not guessed."""
    entries = [
        splice.Entry("peru", b"<a>", b"<c>", 10, 40, 3),
        splice.Entry("", b"<d>", b"<d>", 40, 55, 2),
    ]
    assert load_index(dump_index(entries)) == entries
    with pytest.raises(SpliceError):
        load_index(dump_index(entries).replace("\t40\t55", "\tforty\t55"))
    with pytest.raises(SpliceError):
        load_index("something else\n")


def test_turtle_that_does_not_split_into_blocks_is_an_error_not_a_wrong_index(
    sources: list[Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """If the serializer's output ever stopped putting each subject's block on lines of its
    own, the build stops with a one-line error and publishes nothing, rather than writing an
    index that would splice wrong blocks later."""
    import re

    from kg.model import KgError

    monkeypatch.setattr(splice, "_BLOCK_START", re.compile(rb"(?m)^"))  # every line a block
    out = tmp_path / "out"
    with pytest.raises(KgError, match=r"writing graph\.ttl"):
        build(sources, out=out, allow_invalid=True)
    assert not (out / "graph.ttl").exists()


@pytest.mark.parametrize("where", ["thread", "process"])
def test_a_rebuild_starts_the_corpus_rules_on_their_projection_first(
    sources: list[Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    """A rebuild runs the corpus rules on the graphs' own projections, in a process of its
    own, while it writes graph.ttl (a first build reads them from the merge); its report is a
    clean build's."""
    from kg.corpus import ProjectionCorpus
    from kg.model import KgError
    from kg.rules import corpus_footprint

    if where == "process":
        monkeypatch.setattr(build_module, "RULES_PROCESS_DOCS", 1)
    out = tmp_path / "out"
    build(sources, out=out, allow_invalid=True)
    seen: list[object] = []
    real = build_module.validate_triples

    def spy(*args: object, **kwargs: object) -> object:
        seen.append(kwargs.get("started"))
        return real(*args, **kwargs)  # type: ignore[arg-type]

    executors: list[str] = []
    make = build_module._rules_executor

    def recorded(documents: int) -> object:
        executor = make(documents)
        executors.append(type(executor).__name__)
        return executor

    monkeypatch.setattr(build_module, "validate_triples", spy)
    monkeypatch.setattr(build_module, "_rules_executor", recorded)
    laos = sources[1] / "laos.txt"
    laos.write_text(laos.read_text(encoding="utf-8") + _LINES[1], encoding="utf-8")
    build(sources, out=out, allow_invalid=True)
    [started] = seen
    assert isinstance(started, Future) and started.done()
    expected = "ProcessPoolExecutor" if where == "process" else "ThreadPoolExecutor"
    assert executors == [expected]
    with pytest.raises(KgError, match="projection"):
        ProjectionCorpus(corpus_footprint(), list).matching_chunks(None)
    assert _differences(out, sources, tmp_path) == []


def test_trig_blocks_copied_or_written_give_the_same_bytes(tmp_path: Path) -> None:
    """Blocks written and blocks copied from the published file give the bytes of
    write_trig_blocks, an empty first block included (the blank line goes before the first
    block that is not empty)."""
    import io

    from kg.store import write_trig_blocks

    blocks = [("urn:a", "da", b""), ("urn:b", "db", b"B .\n"), ("urn:c", "dc", b"C .\n")]
    expected = io.StringIO()
    write_trig_blocks((b.decode() for _, _, b in blocks), expected)
    first = tmp_path / "first.trig"
    with open(first, "wb") as fh:
        index = splice.write_trig_spliced(blocks, fh)
    assert first.read_bytes() == expected.getvalue().encode()
    before = {b.graph: b for b in index}
    for copied in ({"urn:a", "urn:b", "urn:c"}, {"urn:a"}, {"urn:b"}, {"urn:a", "urn:c"}):
        again = tmp_path / "again.trig"
        parts = [(g, d, None if g in copied else b) for g, d, b in blocks]
        with open(first, "rb") as published, open(again, "wb") as fh:
            assert splice.write_trig_spliced(parts, fh, published, before) == index
        assert again.read_bytes() == first.read_bytes()


def test_a_changed_edition_rebuilds_its_own_blocks_not_every_editions(
    sources: list[Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A figure added to one edition of a program changes the edition links of that edition
    and its neighbours only: the splice rebuilds the blocks of those documents (and of the
    shared subjects they touch), not of every edition the links mention, and the result is
    still a clean build's file."""
    out = tmp_path / "out"
    build(sources, out=out, allow_invalid=True)
    before = (out / "current" / splice.LINKS).read_bytes()
    rebuilt: set[str] = set()
    real = splice._serialized

    def spy(blocks: Iterable[tuple[bytes, str, bytes]]) -> Iterator[tuple[bytes, str, bytes, int]]:
        for block in real(blocks):
            rebuilt.add(block[1])
            yield block

    monkeypatch.setattr(splice, "_serialized", spy)
    # an edition and the one it replaces report the same new figure: a comparable pair
    newer, older = re.search(
        rb"/doc-([\w-]+)> <http://purl.org/dc/terms/replaces> <[^>]*/doc-([\w-]+)>", before
    ).groups()
    for name in (newer, older):
        with open(sources[0] / f"{name.decode()}.txt", "a", encoding="utf-8") as fh:
            fh.write(_LINES[0])
    build(sources, out=out, allow_invalid=True)
    assert (out / "current" / splice.LINKS).read_bytes() != before, "the edit changed links"
    documents = rebuilt - {splice.SHARED_OWNER, splice.ONTOLOGY_OWNER}
    assert documents == {newer.decode(), older.decode()}
    monkeypatch.setattr(splice, "_serialized", real)
    assert _differences(out, sources, tmp_path) == []
