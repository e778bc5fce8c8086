"""`kg build` on the bundled default: the right facts, strict RDF, stable bytes, safe writes."""

from __future__ import annotations

import csv
import io
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


def test_golden_graph(pakistan_build: Path, corpus: Path, request: pytest.FixtureRequest) -> None:
    """The Pakistan graph equals the golden copy (compared as graphs); --regen-golden updates it."""
    golden = GOLDEN / "pakistan.ttl"
    built = Graph().parse(pakistan_build / "graph.ttl")
    if request.config.getoption("--regen-golden"):
        GOLDEN.mkdir(exist_ok=True)
        golden.write_bytes((pakistan_build / "graph.ttl").read_bytes())
    expected = Graph().parse(golden)
    assert isomorphic(built, expected), "graph changed; review and run pytest --regen-golden"


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
    import os

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
