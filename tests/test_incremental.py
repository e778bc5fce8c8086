"""Incremental builds: a rebuild reuses unchanged documents and writes what a clean build writes."""

from __future__ import annotations

import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg import build as build_module
from kg.build import build
from kg.cli import main
from kg.incremental import MANIFEST, load_manifest

TEST_CORPUS = Path(__file__).parent / "corpus"
FILES = ("graph.ttl", "graph.trig", "validation.ttl", f"current/{MANIFEST}")


@pytest.fixture
def sources(tmp_path: Path) -> Path:
    """Three synthetic sheets and one curated facts file (with its text beside it)."""
    src = tmp_path / "src"
    src.mkdir()
    for name in ("guatemala", "haiti", "laos"):
        shutil.copy(TEST_CORPUS / f"{name}.txt", src)
    shutil.copy(TEST_CORPUS / "kenya.txt", src)
    shutil.copy(TEST_CORPUS / "kenya.gold.yaml", src / "kenya.facts.yaml")
    return src


def _quads(out: Path) -> set[str]:
    store = ox.Store.read_only(str(out / "store"))
    return {str(q) for q in store}


def _same_as_clean(out: Path, src: Path, tmp_path: Path, *, allow_invalid: bool = False) -> None:
    clean = tmp_path / "clean"
    shutil.rmtree(clean, ignore_errors=True)
    build([src], out=clean, allow_invalid=allow_invalid)
    for name in FILES:
        assert (out / name).read_bytes() == (clean / name).read_bytes(), name
    assert _quads(out) == _quads(clean)


def _processed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Record the sources a build processes (extracts or loads, and maps)."""
    seen: list[str] = []
    real = build_module._safe_process

    def spy(path: str, *args: object) -> object:
        seen.append(Path(path).name)
        return real(path, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(build_module, "_safe_process", spy)
    return seen


def test_unchanged_rebuild_writes_nothing(sources: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    first = build([sources], out=out)
    generation = (out / "current").readlink()
    again = build([sources], out=out)
    assert again.up_to_date and again.reused == first.documents == 4
    assert (out / "current").readlink() == generation
    assert (again.documents, again.triples, again.figures) == (
        first.documents,
        first.triples,
        first.figures,
    )
    assert "up to date" in again.text()
    (out / "current" / "graph.ttl").unlink()  # a published file gone: not up to date
    again = build([sources], out=out)
    assert not again.up_to_date and (out / "graph.ttl").is_file()


def test_one_changed_document_is_the_only_one_processed(
    sources: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    build([sources], out=out)
    with open(sources / "haiti.txt", "a", encoding="utf-8") as fh:
        fh.write("\nINL trained 75 corrections officers in 2021.\n")
    seen = _processed(monkeypatch)
    summary = build([sources], out=out)
    assert seen == ["haiti.txt"]
    assert summary.reused == 3 and not summary.up_to_date
    assert "75" in (out / "graph.ttl").read_text(encoding="utf-8")
    _same_as_clean(out, sources, tmp_path)


def test_a_facts_files_document_text_is_one_of_its_inputs(
    sources: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    build([sources], out=out)
    with open(sources / "kenya.txt", "a", encoding="utf-8") as fh:
        fh.write("\nA closing line.\n")
    seen = _processed(monkeypatch)
    build([sources], out=out)
    assert seen == ["kenya.facts.yaml"]
    _same_as_clean(out, sources, tmp_path)


def _break_kenya(sources: Path) -> None:
    """Make the curated Kenya facts break a document-scoped quality rule (a decrease of up
    to 172 percent: percent-out-of-range)."""
    facts = sources / "kenya.facts.yaml"
    text = facts.read_text(encoding="utf-8")
    at = text.index('  - quote: "rose to 72 percent in 2019"')
    end = text.index("    qualifier: exact", at)
    change = text.index("    change: null", at)
    text = (
        text[:end]
        + "    value_max: 172\n"
        + text[end:change]
        + "    change: decrease"
        + text[change + len("    change: null") :]
    )
    facts.write_text(text, encoding="utf-8")


def test_a_reused_documents_rule_violation_is_reported_as_by_a_clean_build(
    sources: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The quality rules' rows of a reused document come from the cache: validation.ttl is
    still the clean build's, and a damaged rows file costs the document's processing only."""
    from kg.incremental import DOCS, RULES

    _break_kenya(sources)
    out = tmp_path / "out"
    first = build([sources], out=out, allow_invalid=True)
    assert first.report is not None and first.report.rules_failed == ["percent-out-of-range"]
    with open(sources / "haiti.txt", "a", encoding="utf-8") as fh:
        fh.write("\nINL trained 75 corrections officers in 2021.\n")
    seen = _processed(monkeypatch)
    again = build([sources], out=out, allow_invalid=True)
    assert seen == ["haiti.txt"] and again.reused == 3
    assert again.report is not None and again.report.rules_failed == ["percent-out-of-range"]
    assert "percent-out-of-range" in (out / "validation.ttl").read_text(encoding="utf-8")
    _same_as_clean(out, sources, tmp_path, allow_invalid=True)

    manifest = load_manifest(out / "current")
    assert manifest is not None
    kenya = next(e for e in manifest.documents.values() if e.name == "kenya")
    rows = out / "current" / DOCS / f"{kenya.key}{RULES}"
    assert b"percent-out-of-range" in rows.read_bytes()
    rows.unlink()
    rows.write_bytes(b"")  # the rows dropped: the manifest's hash no longer matches
    (out / "current" / "graph.ttl").unlink()
    seen.clear()
    build([sources], out=out, allow_invalid=True)
    assert seen == ["kenya.facts.yaml"]
    _same_as_clean(out, sources, tmp_path, allow_invalid=True)


def test_removed_and_added_documents(sources: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    build([sources], out=out)
    (sources / "laos.txt").unlink()
    summary = build([sources], out=out)
    assert summary.documents == 3 and summary.reused == 3 and not summary.up_to_date
    assert not any("laos" in q for q in _quads(out))
    _same_as_clean(out, sources, tmp_path)
    shutil.copy(TEST_CORPUS / "laos.txt", sources)
    summary = build([sources], out=out)
    assert summary.documents == 4 and summary.reused == 3
    _same_as_clean(out, sources, tmp_path)


def test_full_and_changed_options_process_everything(
    sources: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    build([sources], out=out)
    seen = _processed(monkeypatch)
    assert build([sources], out=out, full=True).reused == 0
    assert len(seen) == 4
    seen.clear()
    summary = build([sources], out=out, include_text=False)  # another fingerprint
    assert summary.reused == 0 and len(seen) == 4
    seen.clear()
    monkeypatch.setattr(build_module, "fingerprint", lambda options: "another kg version")
    assert build([sources], out=out).reused == 0 and len(seen) == 4


def test_a_damaged_manifest_or_cache_means_a_full_build(sources: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    build([sources], out=out)
    generation = out / "current"
    (generation / MANIFEST).write_text("{not json", encoding="utf-8")
    assert load_manifest(generation) is None
    summary = build([sources], out=out)
    assert summary.reused == 0
    cached = sorted((out / "current" / "docs").glob("*.nt"))
    cached[0].unlink()
    summary = build([sources], out=out)
    assert summary.reused == 3 and not summary.up_to_date
    _same_as_clean(out, sources, tmp_path)
    # a cached graph changed on disk (not what the manifest's hash says) is not trusted
    (sources / "haiti.txt").write_text(
        (sources / "haiti.txt").read_text(encoding="utf-8") + "\nINL donated 12 boats.\n",
        encoding="utf-8",
    )
    manifest = load_manifest(out / "current")
    assert manifest is not None
    laos = next(e for e in manifest.documents.values() if e.name == "laos")
    damaged = out / "current" / "docs" / f"{laos.key}.nt"
    damaged.write_bytes(damaged.read_bytes().replace(b"<", b"<x", 1))
    summary = build([sources], out=out)
    assert summary.reused == 2
    _same_as_clean(out, sources, tmp_path)
    # so is a document's cached block of graph.trig: graph.trig is joined from those blocks
    block = out / "current" / "docs" / f"{laos.key}.trig"
    block.write_text(block.read_text(encoding="utf-8").replace("rdfs:label", "rdfs:comment", 1))
    (sources / "haiti.txt").write_text(
        (sources / "haiti.txt").read_text(encoding="utf-8") + "INL donated 3 boats.\n",
        encoding="utf-8",
    )
    summary = build([sources], out=out)
    assert summary.reused == 2
    _same_as_clean(out, sources, tmp_path)


def test_reused_graphs_share_the_cached_files(sources: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    build([sources], out=out)
    before = {p.name: p.stat().st_ino for p in (out / "current" / "docs").glob("*.nt")}
    (sources / "laos.txt").write_text(
        (sources / "laos.txt").read_text(encoding="utf-8") + "\nINL trained 9 judges.\n",
        encoding="utf-8",
    )
    build([sources], out=out)
    after = {p.name: p.stat().st_ino for p in (out / "current" / "docs").glob("*.nt")}
    assert sorted(after) == sorted(before)
    assert sum(after[name] == before[name] for name in after) == 3  # hard links, one new file


def test_reused_files_are_copied_where_they_cannot_be_linked(
    sources: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On a file system without hard links the cached files are copied: same outputs."""
    out = tmp_path / "out"
    build([sources], out=out)
    with open(sources / "laos.txt", "a", encoding="utf-8") as fh:
        fh.write("\nINL trained 9 judges.\n")

    refused: list[object] = []

    def no_links(*args: object) -> None:
        refused.append(args)
        raise OSError("hard links are not supported here")

    monkeypatch.setattr(build_module.os, "link", no_links)
    summary = build([sources], out=out)
    assert summary.reused == 3
    assert len(refused) >= 3 * 6  # every cached file of the three reused documents copied
    monkeypatch.undo()
    _same_as_clean(out, sources, tmp_path)


def test_cli_full_flag(sources: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    assert main(["build", str(sources), "--out", str(out), "--quiet"]) == 0
    assert main(["build", str(sources), "--out", str(out), "--quiet"]) == 0
    assert "up to date" in capsys.readouterr().out
    assert main(["build", str(sources), "--out", str(out), "--quiet", "--full"]) == 0
    text = capsys.readouterr().out
    assert "up to date" not in text and "reused" not in text and "wrote" in text


def test_reused_files_are_checked_by_their_stat_and_read_when_it_moved(
    sources: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A reused document's cached files are not hashed again while their stat is what the
    build that wrote them recorded; a file rewritten since (even with its size and
    modification time put back) is hashed, and a damaged one is not trusted."""
    import os

    from kg import incremental

    out = tmp_path / "out"
    build([sources], out=out)
    read: list[str] = []
    real = incremental.file_digest

    def spy(path: Path) -> str:
        read.append(Path(path).name)
        return real(path)

    monkeypatch.setattr(incremental, "file_digest", spy)

    def edit(name: str, line: str) -> None:
        with open(sources / f"{name}.txt", "a", encoding="utf-8") as fh:
            fh.write(f"\n{line}\n")

    edit("haiti", "INL donated 12 boats.")
    summary = build([sources], out=out)
    assert summary.reused == 3
    assert not [n for n in read if n.endswith((".nt", ".trig", ".shapes", ".proj"))]
    # and again: the build before the last one was removed after its stamps were taken
    read.clear()
    edit("haiti", "INL donated 13 boats.")
    assert build([sources], out=out).reused == 3
    assert not [n for n in read if n.endswith((".nt", ".trig", ".shapes", ".proj"))]

    manifest = load_manifest(out / "current")
    assert manifest is not None
    laos = next(e for e in manifest.documents.values() if e.name == "laos")
    damaged = out / "current" / "docs" / f"{laos.key}.nt"
    st = damaged.stat()
    data = damaged.read_bytes()
    damaged.write_bytes(data.replace(b"<", b"X", 1))  # same size
    os.utime(damaged, ns=(st.st_atime_ns, st.st_mtime_ns))
    edit("haiti", "INL donated 3 boats.")
    summary = build([sources], out=out)
    assert f"{laos.key}.nt" in read
    assert summary.reused == 2
    _same_as_clean(out, sources, tmp_path)

    # stamps that cannot be read: every reused document is hashed, and still reused
    (out / "current" / incremental.STAMPS).write_text("{not json", encoding="utf-8")
    read.clear()
    edit("haiti", "INL donated 4 boats.")
    summary = build([sources], out=out)
    assert summary.reused == 3
    assert len([n for n in read if n.endswith(".nt")]) == 3
