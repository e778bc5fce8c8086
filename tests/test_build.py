"""`kg build` on the bundled default: the right facts, strict RDF, stable bytes, safe writes."""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
import yaml
from rdflib import Dataset, Graph
from rdflib.compare import isomorphic

from kg.build import build, collect_facts
from kg.facts import normalize_unit
from kg.model import KgError
from kg.namespaces import UNITS
from kg.query import format_result, run_query
from kg.rdf import build_dataset
from kg.resources import default_facts
from kg.store import load_store, merged_graph

GOLDEN = Path(__file__).parent / "golden"


def _csv(store: ox.Store, name: str) -> list[dict[str, str]]:
    from kg.query import get_query

    text = format_result(run_query(store, get_query(name)), "csv")
    return list(csv.DictReader(io.StringIO(text)))


def test_build_writes_graph_trig_and_report(pakistan_build: Path) -> None:
    for name in ("graph.ttl", "graph.trig", "validation.ttl"):
        assert (pakistan_build / name).stat().st_size > 0
    report = Graph().parse(pakistan_build / "validation.ttl")
    assert "true" in {str(o) for o in report.objects(None, None)}


def test_every_gold_figure_is_in_the_graph(pakistan_build: Path, corpus: Path) -> None:
    gold = yaml.safe_load((corpus / "pakistan.gold.yaml").read_text(encoding="utf-8"))
    rows = _csv(load_store(pakistan_build), "measurements")
    assert len(rows) == len(gold["measurements"])
    orgs = {o["name"]: o for o in gold["organizations"]}

    def label(ref: str | None) -> str:
        if not ref:
            return ""
        for name, o in orgs.items():
            if ref == name or ref in o["aliases"]:
                return name
        raise AssertionError(ref)

    for g in gold["measurements"]:
        row = next(r for r in rows if r["quote"] == g["quote"])
        unit, counted = normalize_unit(str(g["unit"]))
        assert Decimal(row["value"]) == Decimal(str(g["value"]))
        assert row["unit"] == str(UNITS[unit])
        assert row["counted"] == (counted or "")
        assert row["qualifier"] == g["qualifier"]
        assert row["change"] == (g["change"] or "")
        assert row["year"] == (str(g["year"]) if g["year"] else "")
        assert row["reported_by"] == label(g["reported_by"])
        assert row["agency"] == label(g["agency"])
        text = (corpus / "pakistan.txt").read_text(encoding="utf-8")
        assert text[int(row["start"]) : int(row["end"])] == g["quote"]


def test_every_gold_organization_with_aliases(pakistan_build: Path, corpus: Path) -> None:
    gold = yaml.safe_load((corpus / "pakistan.gold.yaml").read_text(encoding="utf-8"))
    rows = {r["label"]: r for r in _csv(load_store(pakistan_build), "organizations")}
    assert set(rows) == {o["name"] for o in gold["organizations"]}
    for o in gold["organizations"]:
        aliases = set(filter(None, rows[o["name"]]["aliases"].split("|")))
        assert aliases == set(o["aliases"])
        assert rows[o["name"]]["kind"] == o["kind"]


def test_thirty_five_percent_is_a_decrease_reported_by_the_partner(pakistan_build: Path) -> None:
    rows = _csv(load_store(pakistan_build), "measurements")
    row = next(r for r in rows if r["value"] == "35")
    assert row["change"] == "decrease"
    assert row["reported_by"] == "Frontier Corps-KP"
    assert row["agency"] == "Bureau of International Narcotics and Law Enforcement Affairs"
    assert row["unit"].endswith("/PERCENT")


def test_output_parses_strictly_and_matches_memory(pakistan_build: Path) -> None:
    ds = build_dataset(collect_facts(default_facts()))
    in_memory = merged_graph(ds)
    strict = ox.Store()
    strict.bulk_load(path=str(pakistan_build / "graph.trig"), format=ox.RdfFormat.TRIG)
    ttl = list(ox.parse(path=str(pakistan_build / "graph.ttl"), format=ox.RdfFormat.TURTLE))
    assert len(ttl) == len(in_memory)
    assert len(list(strict.named_graphs())) == 2  # the document and the ontology
    reparsed = Graph().parse(pakistan_build / "graph.ttl", format="turtle")
    assert isomorphic(reparsed, in_memory)
    trig = Dataset().parse(pakistan_build / "graph.trig", format="trig")
    assert isomorphic(merged_graph(trig), in_memory)


def test_two_builds_are_byte_identical(tmp_path: Path, pakistan_build: Path) -> None:
    build(None, out=tmp_path)
    for name in ("graph.ttl", "graph.trig", "validation.ttl"):
        assert (tmp_path / name).read_bytes() == (pakistan_build / name).read_bytes(), name


def test_golden_graph(pakistan_build: Path, request: pytest.FixtureRequest) -> None:
    """The Pakistan graph equals the golden copy, triple for triple (lexical forms included);
    ``--regen-golden`` rewrites the copy and skips, since comparing it with itself proves nothing.
    """
    golden = GOLDEN / "pakistan.ttl"
    if request.config.getoption("--regen-golden"):
        GOLDEN.mkdir(exist_ok=True)
        golden.write_bytes((pakistan_build / "graph.ttl").read_bytes())
        pytest.skip(f"regenerated {golden}; review the diff and commit it")
    missing, added = triple_diff(golden, pakistan_build / "graph.ttl")
    assert not missing and not added, (
        "graph changed; review and run pytest --regen-golden\n"
        + "".join(f"- {t}\n" for t in missing[:40])
        + "".join(f"+ {t}\n" for t in added[:40])
        + (f"... {len(missing)} missing, {len(added)} added in all" if missing or added else "")
    )


def triple_diff(expected: Path, actual: Path) -> tuple[list[str], list[str]]:
    """Triples of ``expected`` missing from ``actual``, and triples ``actual`` added, as
    N-Triples lines with lexical forms as written (a parser, not a store, reads them)."""

    def lines(path: Path) -> set[str]:
        return {f"{q.subject} {q.predicate} {q.object} ." for q in ox.parse(path=str(path))}

    want, got = lines(expected), lines(actual)
    return sorted(want - got), sorted(got - want)


def test_failed_build_keeps_last_good_output(tmp_path: Path, pakistan_build: Path) -> None:
    out = tmp_path / "out"
    build(None, out=out)
    before = (out / "graph.ttl").read_bytes()
    bad = tmp_path / "bad.facts.yaml"
    bad.write_text("document: nowhere.txt\nmeasurements: [\n", encoding="utf-8")
    with pytest.raises(KgError):
        build([bad], out=out)
    assert (out / "graph.ttl").read_bytes() == before
    assert not [p for p in out.iterdir() if p.name.endswith(".tmp")]


def test_build_without_document_text_uses_recorded_spans(tmp_path: Path) -> None:
    facts = tmp_path / "pakistan.facts.yaml"
    facts.write_text(default_facts()[0].read_text(encoding="utf-8"), encoding="utf-8")
    old = os.environ.get("KG_CORPUS")
    os.environ["KG_CORPUS"] = str(tmp_path / "empty")
    try:
        from kg.facts import load_facts

        loaded = load_facts(facts, corpus_dirs=[])
    finally:
        if old is None:
            os.environ.pop("KG_CORPUS")
        else:
            os.environ["KG_CORPUS"] = old
    assert loaded.document.text is None
    assert loaded.document.sha256 is not None
    assert len(loaded.measurements) == 10


def test_a_place_has_one_preferred_label_whatever_a_document_calls_it() -> None:
    from rdflib.namespace import SKOS

    from kg.model import Document, DocumentFacts, Place, PlaceKind
    from kg.rdf import facts_to_graph, place_iri

    facts = DocumentFacts(
        Document(name="demo", text="The Islamic Republic of Afghanistan and the Kyrgyzstan."),
        places=[
            Place("Islamic Republic of Afghanistan", PlaceKind.COUNTRY),
            Place("Kyrgyzstan", PlaceKind.COUNTRY),
        ],
    )
    g = facts_to_graph(facts)
    af = place_iri("Afghanistan", "AF")
    assert list(g.objects(af, SKOS.prefLabel)) == [rdflib.Literal("Afghanistan")]
    assert rdflib.Literal("Islamic Republic of Afghanistan") in set(g.objects(af, SKOS.altLabel))
    kg_ = place_iri("Kyrgyz Republic", "KG")
    assert list(g.objects(kg_, SKOS.prefLabel)) == [rdflib.Literal("Kyrgyz Republic")]


def test_parallel_and_serial_builds_are_byte_identical(tmp_path: Path, corpus: Path) -> None:
    """Worker processes change nothing in the output: same bytes with 1 or 2 jobs."""
    sources = [corpus, Path(__file__).parent / "corpus"]
    one = build(sources, out=tmp_path / "one", jobs=1)
    two = build(sources, out=tmp_path / "two", jobs=2)
    assert one.documents == two.documents >= 16
    for name in ("graph.ttl", "graph.trig", "validation.ttl"):
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes()


# ---------------------------------------------------------------------------------------------
# One build, one generation: all files of a build appear together or not at all.
# ---------------------------------------------------------------------------------------------

PUBLIC = ("graph.ttl", "graph.trig", "validation.ttl")
VIOLATING = (
    "document: demo.txt\n"
    "organizations:\n"
    "  - {name: Bureau of International Narcotics and Law Enforcement Affairs, aliases: [INL], "
    "kind: us-government}\n"
    "measurements:\n"
    "  - {quote: reduced opium cultivation by 150 percent, value: 150, unit: percent, "
    "qualifier: exact, change: decrease, year: 2016, agency: INL}\n"
)


def _violating_source(folder: Path) -> Path:
    """A curated document whose graph breaks a shape (a decrease of more than 100 percent)."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "demo.txt").write_text(
        "In 2016, INL support reduced opium cultivation by 150 percent in Lima.\n",
        encoding="utf-8",
    )
    facts = folder / "demo.facts.yaml"
    facts.write_text(VIOLATING, encoding="utf-8")
    return facts


def _snapshot(out: Path) -> dict[str, bytes]:
    return {name: (out / name).read_bytes() for name in PUBLIC}


def _generation_of(out: Path) -> set[Path]:
    """The generation folders the public paths lead to (one, when the folder is consistent)."""
    return {(out / name).resolve().parent for name in PUBLIC}


def test_public_paths_lead_into_one_generation(pakistan_build: Path) -> None:
    from kg.store import resolve_graph_path

    (gen,) = _generation_of(pakistan_build)
    assert gen == (pakistan_build / "current").resolve()
    assert gen.name.startswith(".gen-")
    folder = resolve_graph_path(pakistan_build).resolve()
    assert folder == (pakistan_build / "graph.trig").resolve()
    assert folder.parent == (pakistan_build / "graph.ttl").resolve().parent


def test_crash_between_writes_keeps_the_old_generation(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A build that dies after writing graph.trig and graph.ttl, before validation.ttl, leaves
    the previous build whole: no new graph.trig beside an old validation.ttl."""
    import kg.build
    from kg import generations

    out = tmp_path / "out"
    build(None, out=out)
    before, gen_before = _snapshot(out), _generation_of(out)

    def crash(path: Path, text: str) -> None:
        assert (path.parent / "graph.trig").is_file()  # the graphs of the new build are written
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(kg.build, "_write_text", crash)
    monkeypatch.setattr(generations, "discard", lambda gen: None)  # as if killed: no clean-up
    with pytest.raises(OSError):
        build([Path(__file__).parent / "corpus" / "kenya.txt"], out=out)
    assert _snapshot(out) == before
    assert _generation_of(out) == gen_before
    strays = [p for p in out.iterdir() if p.name.startswith(".gen-") and p not in gen_before]
    assert len(strays) == 1  # the dead build's half generation, invisible to readers
    (out / ".graph.ttl.abc123.tmp").write_text("half a file", encoding="utf-8")

    monkeypatch.undo()
    build(None, out=out)
    assert _snapshot(out) == before
    names = sorted(p.name for p in out.iterdir())
    expected = [".kg-build.lock", "current", *PUBLIC, "store", os.readlink(out / "current")]
    assert names == sorted(expected), names


def test_build_with_violations_keeps_the_last_conforming_output(tmp_path: Path) -> None:
    out = tmp_path / "out"
    build(None, out=out)
    before = _snapshot(out)
    bad = _violating_source(tmp_path / "bad")

    summary = build([bad], out=out)
    assert not summary.conforms and not summary.published
    assert _snapshot(out) == before
    rejected = out / "rejected"
    assert summary.outputs == [rejected / name for name in PUBLIC]
    report = Graph().parse(rejected / "validation.ttl")
    assert "false" in {str(o) for o in report.objects(None, None)}
    assert "demo" in (rejected / "graph.trig").read_text(encoding="utf-8")
    assert "NO, not published" in summary.text() and f"kept           {out}" in summary.text()

    rejected_graph = (rejected / "graph.trig").read_bytes()
    published = build([bad], out=out, allow_invalid=True)
    assert not published.conforms and published.published
    assert (out / "graph.trig").read_bytes() == rejected_graph
    assert not rejected.is_symlink()  # the published build is no longer a rejected one

    build(None, out=out)
    assert _snapshot(out) == before
    assert not rejected.exists() and not rejected.is_symlink()
    assert len([p for p in out.iterdir() if p.name.startswith(".gen-")]) == 1


def test_first_build_with_violations_publishes_nothing(tmp_path: Path) -> None:
    out = tmp_path / "out"
    summary = build([_violating_source(tmp_path / "bad")], out=out)
    assert not summary.published and summary.kept is None
    assert not any((out / name).exists() for name in PUBLIC)
    assert (out / "rejected" / "validation.ttl").is_file()


def test_a_folder_built_before_generations_is_taken_over(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    for name in PUBLIC:
        (out / name).write_text("old\n", encoding="utf-8")
    build(None, out=out)
    assert all((out / name).is_symlink() for name in PUBLIC)
    assert len(_generation_of(out)) == 1
    (out / "current").unlink()
    (out / "current").mkdir()
    with pytest.raises(KgError, match="current: exists and is not kg's"):
        build(None, out=out)


# ---------------------------------------------------------------------------------------------
# Two sources, one document IRI: an error naming every file, never one node with three texts.
# ---------------------------------------------------------------------------------------------


def test_sources_whose_document_iris_collide_are_an_error(tmp_path: Path) -> None:
    folder = tmp_path / "sheets"
    folder.mkdir()
    names = ["peru report.txt", "peru-report.txt", "Peru_Report.txt"]
    for name in names:
        (folder / name).write_text(
            f"In 2016, INL trained more than 40 judges in Lima ({name}).\n", encoding="utf-8"
        )
    out = tmp_path / "out"
    with pytest.raises(KgError) as err:
        build([folder], out=out)
    for name in names:
        assert str(folder / name) in str(err.value)
    assert "doc-peru-report" in str(err.value)
    assert not out.exists()
    with pytest.raises(KgError, match="doc-peru-report"):
        collect_facts([folder / names[0], folder / names[1]])


def test_one_name_in_two_folders_is_an_error_not_a_silent_choice(tmp_path: Path) -> None:
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "demo.txt").write_text(
            f"In 2016, INL trained {len(folder) + 40} judges in Lima.\n", encoding="utf-8"
        )
    with pytest.raises(KgError) as err:
        build([tmp_path / "a", tmp_path / "b"], out=tmp_path / "out")
    assert str(tmp_path / "a" / "demo.txt") in str(err.value)
    assert str(tmp_path / "b" / "demo.txt") in str(err.value)
    same = collect_facts([tmp_path / "a", tmp_path / "a" / "demo.txt"])
    assert len(same) == 1  # one file named twice is one source
    curated = _violating_source(tmp_path / "c")  # demo.facts.yaml: its name is known once read
    with pytest.raises(KgError) as err:
        build([tmp_path / "a", curated], out=tmp_path / "out")
    assert f"{tmp_path / 'a' / 'demo.txt'} and {curated}" in str(err.value)
    assert not (tmp_path / "out").exists()


# ---------------------------------------------------------------------------------------------
# Deterministic across processes, and worker processes die with their build.
# ---------------------------------------------------------------------------------------------


def _kg(*args: str, seed: str = "0") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    return subprocess.run(
        [sys.executable, "-m", "kg.cli", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
        check=False,
    )


def test_builds_in_processes_with_different_hash_seeds_are_byte_identical(tmp_path: Path) -> None:
    """Extraction, mapping, validation and writing with two hash seeds and worker processes:
    same bytes (one process comparing two of its own calls would share one seed)."""
    sources = str(Path(__file__).parent / "corpus")
    for seed, jobs in (("1", "1"), ("2", "2")):
        result = _kg("build", sources, "--out", str(tmp_path / seed), "--jobs", jobs, seed=seed)
        assert result.returncode == 0, result.stderr
    for name in PUBLIC:
        assert (tmp_path / "1" / name).read_bytes() == (tmp_path / "2" / name).read_bytes(), name


def _stat(pid: int) -> list[str]:
    """Fields of ``/proc/PID/stat`` after the command name (state is [0], parent [1])."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    except OSError:
        return []


def _children(pid: int) -> dict[int, str]:
    """Processes whose parent is ``pid``, each with its start time (to tell it from a later
    process that reuses the number)."""
    found = {}
    for entry in Path("/proc").glob("[0-9]*"):
        fields = _stat(int(entry.name))
        if fields and int(fields[1]) == pid:
            found[int(entry.name)] = fields[19]
    return found


def _running(pid: int, started: str) -> bool:
    """Whether that process still runs (a zombie waiting to be reaped does not)."""
    fields = _stat(pid)
    return bool(fields) and fields[19] == started and fields[0] not in ("Z", "X")


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs Linux /proc")
def test_worker_processes_die_with_a_killed_build(tmp_path: Path) -> None:
    import signal
    import time

    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(12):
        for doc in sorted((Path(__file__).parent / "corpus").glob("*.txt")):
            (folder / f"{doc.stem}-{i}.txt").write_text(doc.read_text(encoding="utf-8"))
    cmd = [sys.executable, "-m", "kg.cli", "build", str(folder), "--out", str(tmp_path / "out")]
    parent = subprocess.Popen(
        [*cmd, "--jobs", "2"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    workers: dict[int, str] = {}
    try:
        deadline = time.monotonic() + 120
        while len(workers) < 2 and parent.poll() is None and time.monotonic() < deadline:
            workers = _children(parent.pid)
            time.sleep(0.01)
        assert len(workers) >= 2, "the build ended before its workers were seen; add documents"
        parent.send_signal(signal.SIGKILL)
        parent.wait()
        deadline = time.monotonic() + 20
        while any(_running(*w) for w in workers.items()) and time.monotonic() < deadline:
            time.sleep(0.05)
        survivors = sorted(w for w in workers.items() if _running(*w))
        assert not survivors, f"workers {survivors} outlived their killed build"
    finally:
        if parent.poll() is None:
            parent.kill()
            parent.wait()
        for pid, started in workers.items():
            if _running(pid, started):
                os.kill(pid, signal.SIGKILL)


def test_a_name_spelled_differently_in_two_documents_is_one_label(tmp_path: Path) -> None:
    """One node per name across a corpus needs one spelling of it: a heading in capitals and a
    sentence-opening "Al-" give the name as the other documents write it, so the build's
    one-label-per-node shapes hold."""
    (tmp_path / "kenya.txt").write_text(
        "Kenya\n\nCARIBBEAN BASIN SECURITY INITIATIVE\n\nAl-Shabaab attacked 12 police posts. "
        "INL trained 40 officers of the National Police Service.\n",
        encoding="utf-8",
    )
    (tmp_path / "somalia.txt").write_text(
        "Somalia\n\nThe Caribbean Basin Security Initiative is a model. Police say al-Shabaab "
        "attacked 9 posts. INL trained 30 officers of the Somali Police Force.\n",
        encoding="utf-8",
    )
    summary = build([tmp_path / "kenya.txt", tmp_path / "somalia.txt"], out=tmp_path / "out")
    assert summary.conforms, summary.report.text() if summary.report else ""
    labels = {
        str(o)
        for s, o in Graph()
        .parse(tmp_path / "out" / "graph.ttl")
        .subject_objects(rdflib.SKOS.prefLabel)
        if "shabaab" in str(s) or "named-program-caribbean" in str(s)
    }
    assert labels == {"al-Shabaab", "Caribbean Basin Security Initiative"}


def test_a_city_written_with_and_without_accents_is_one_place_with_one_name(
    tmp_path: Path,
) -> None:
    """Two sheets that write "Cap-Haïtien" and "Cap-Haitien" mint one place node (its IRI folds
    accents); it must carry one preferred name, the gazetteer's, or the corpus would not conform
    and the build would not be published."""
    sources = []
    for i, city in enumerate(("Cap-Haïtien", "Cap-Haitien")):
        p = tmp_path / f"haiti-{i}.txt"
        p.write_text(f"Haiti\n\nINL built a {120 + i}-bed wing at the prison in {city}.\n")
        sources.append(p)
    summary = build(sources, out=tmp_path / "out")
    assert summary.conforms and summary.published
    g = Graph().parse(tmp_path / "out" / "graph.ttl")
    labels = {
        str(o)
        for s, o in g.subject_objects(rdflib.SKOS.prefLabel)
        if str(s).endswith("/place-cap-haitien")
    }
    assert labels == {"Cap-Haïtien"}
    # the other wording is kept beside it, and each document's facts keep the place as written
    alt = {
        str(o)
        for s, o in g.subject_objects(rdflib.SKOS.altLabel)
        if str(s).endswith("/place-cap-haitien")
    }
    assert alt == {"Cap-Haitien"}
