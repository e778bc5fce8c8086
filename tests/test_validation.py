"""Validation sees the corpus, writes a conformant SHACL report, and its fast path reports exactly
what one pyshacl run over the merged graph reports."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import BNode, Graph, URIRef
from rdflib.namespace import RDF, SH

from kg.build import build
from kg.model import Document, DocumentFacts, Place, PlaceKind
from kg.namespaces import ONTOLOGY_IRI
from kg.rdf import facts_to_graph, ontology_graph
from kg.store import graph_triples, merge_graphs, read_graphs, serialize, write_graphs
from kg.validate import (
    QUALITY_RULE,
    Data,
    reference_findings,
    shape_findings,
    validate_triples,
    validation_triples,
)

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "shapes"
SHARED = ROOT.parent / "shared" / "corpus"
sys.path.insert(0, str(FIXTURES))

from make_fixtures import CASES, generated_corpus  # noqa: E402

ALL_FIXTURES = sorted(FIXTURES.glob("*.ttl"))


def kg(*args: str) -> subprocess.CompletedProcess[str]:
    """Run the `kg` command as a user would."""
    return subprocess.run(
        [sys.executable, "-m", "kg.cli", *args], capture_output=True, text=True, timeout=300
    )


def _triples(path: Path) -> list[tuple[str, str, str]]:
    return graph_triples(Graph().parse(path, format="turtle"))


def _keys(findings: list) -> list[tuple[str, ...]]:  # type: ignore[type-arg]
    return [f.key() for f in findings]


# -- 1. validation sees the corpus --------------------------------------------------------------


def _two_kinds(folder: Path) -> Path:
    folder.mkdir()
    for name, kind, text in (
        ("alpha", "security-force", "The Anti-Narcotics Force (ANF) seized heroin."),
        ("beta", "partner-government", "The Anti-Narcotics Force (ANF) trained police."),
    ):
        (folder / f"{name}.txt").write_text(text + "\n", encoding="utf-8")
        (folder / f"{name}.facts.yaml").write_text(
            f"document: {name}.txt\norganizations:\n  - name: Anti-Narcotics Force\n"
            f"    aliases: [ANF]\n    kind: {kind}\n",
            encoding="utf-8",
        )
    return folder


def test_one_organization_two_kinds_fails_build_and_validate(tmp_path: Path) -> None:
    """Two facts files, each fine alone, give one organization two kinds: both commands fail."""
    corpus = _two_kinds(tmp_path / "corpus")
    out = tmp_path / "out"
    built = kg("build", str(corpus), "--out", str(out))
    assert built.returncode == 1, built.stdout + built.stderr
    assert "organization-with-several-kinds" in built.stdout
    checked = kg("validate", str(out / "rejected"))
    assert checked.returncode == 1, checked.stdout + checked.stderr
    assert "org:classification" in checked.stdout
    for one in ("alpha", "beta"):  # each document alone conforms
        alone = tmp_path / one
        alone.mkdir()
        for suffix in (".txt", ".facts.yaml"):
            (alone / f"{one}{suffix}").write_bytes((corpus / f"{one}{suffix}").read_bytes())
        assert kg("build", str(alone), "--out", str(tmp_path / f"out-{one}")).returncode == 0


@pytest.mark.parametrize("fixture", ALL_FIXTURES, ids=lambda p: p.stem)
def test_build_and_validate_give_the_same_findings(fixture: Path, tmp_path: Path) -> None:
    """The build's validation (on the merged document graphs) and `kg validate` (on the files
    the build writes, TriG and Turtle with the ontology merged in) find the same."""
    triples = _triples(fixture)
    built = validate_triples(merge_graphs([("urn:doc", triples)]))
    graphs = [(str(ONTOLOGY_IRI), graph_triples(ontology_graph())), ("urn:doc", triples)]
    write_graphs(graphs, tmp_path)
    for name in ("graph.trig", "graph.ttl"):
        read = validate_triples(validation_triples(read_graphs(tmp_path / name)))
        assert _keys(read.findings) == _keys(built.findings), name
        assert read.conforms == built.conforms
    result = kg("validate", str(tmp_path / "graph.trig"))
    assert result.returncode == (0 if built.conforms else 1), result.stdout


# -- 2. a conformant, byte-stable report ---------------------------------------------------------

RESULT_SHAPES = """
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix t: <urn:test:> .
t:Report a sh:NodeShape ; sh:targetClass sh:ValidationReport ;
  sh:property [ sh:path sh:conforms ; sh:minCount 1 ; sh:maxCount 1 ; sh:datatype xsd:boolean ] ,
              [ sh:path sh:result ; sh:class sh:ValidationResult ] .
t:Result a sh:NodeShape ; sh:targetClass sh:ValidationResult ;
  sh:property [ sh:path sh:focusNode ; sh:minCount 1 ; sh:maxCount 1 ] ,
    [ sh:path sh:resultSeverity ; sh:minCount 1 ; sh:maxCount 1 ;
      sh:in ( sh:Violation sh:Warning sh:Info ) ] ,
    [ sh:path sh:sourceConstraintComponent ; sh:minCount 1 ; sh:maxCount 1 ; sh:nodeKind sh:IRI ] ,
    [ sh:path sh:sourceShape ; sh:minCount 1 ; sh:maxCount 1 ; sh:nodeKind sh:IRI ] ,
    [ sh:path sh:resultMessage ; sh:minCount 1 ] ,
    [ sh:path sh:resultPath ; sh:maxCount 1 ] ,
    [ sh:path sh:value ; sh:maxCount 1 ] ;
  sh:nodeKind sh:IRI .
"""


def _broken_build(tmp_path: Path, name: str) -> Path:
    """A build folder whose graph is every broken fixture merged (via `kg validate`'s reader)."""
    triples = sorted({t for p in FIXTURES.glob("*.broken*.ttl") for t in _triples(p)})
    report = validate_triples(triples)
    out = tmp_path / name
    out.mkdir()
    # written as the build writes it
    (out / "validation.ttl").write_text(serialize(report.graph, "turtle"), encoding="utf-8")
    return out / "validation.ttl"


def test_report_is_a_conformant_shacl_validation_report(tmp_path: Path) -> None:
    from pyshacl import validate

    path = _broken_build(tmp_path, "a")
    report = Graph().parse(path, format="turtle")
    shapes = Graph().parse(data=RESULT_SHAPES, format="turtle")
    conforms, _, text = validate(report, shacl_graph=shapes, inference="none")
    assert conforms, text
    results = list(report.subjects(RDF.type, SH.ValidationResult))
    assert len(results) > 20
    # every component, shape and path is real: paths are IRIs or RDF lists, values real terms
    components = {report.value(r, SH.sourceConstraintComponent) for r in results}
    assert SH.ClosedConstraintComponent in components
    assert SH.SPARQLConstraintComponent in components
    values = [report.value(r, SH.value) for r in results]
    assert any(isinstance(v, URIRef) for v in values)
    paths = [report.value(r, SH.resultPath) for r in results]
    lists = [p for p in paths if isinstance(p, BNode)]
    assert lists and all((p, RDF.first, None) in report for p in lists)
    # the only blank nodes are RDF list cells of sequence paths
    for node in {n for t in report for n in t if isinstance(n, BNode)}:
        assert (node, RDF.first, None) in report, node
    # quality-rule findings are results too, from a documented kgsh:QualityRule source
    sources = {str(report.value(r, SH.sourceShape)) for r in results}
    assert any(s.startswith(QUALITY_RULE) for s in sources)


def test_report_bytes_are_stable(tmp_path: Path) -> None:
    first = _broken_build(tmp_path, "a").read_bytes()
    again = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; sys.path.insert(0, sys.argv[1]); import test_validation as t;"
            "from pathlib import Path; print(t._broken_build(Path(sys.argv[2]), 'b'))",
            str(ROOT / "tests"),
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
        check=True,
        env={"PYTHONHASHSEED": "7", "PATH": "/usr/bin:/bin"},
    )
    assert Path(again.stdout.strip()).read_bytes() == first


# -- 3. dangling IRIs -------------------------------------------------------------------------


def test_dangling_iri_is_a_violation() -> None:
    text = (FIXTURES / "PlaceShape.valid.ttl").read_text(encoding="utf-8")
    text = text.replace(
        'dcterms:identifier "PK" .',
        'dcterms:identifier "PK" ; schema:containedInPlace id:place-us .',
    )
    report = validate_triples(graph_triples(Graph().parse(data=text, format="turtle")))
    assert not report.conforms
    dangling = [f for f in report.findings if f.source_shape == QUALITY_RULE + "dangling-iri"]
    assert len(dangling) == 1 and "place-us" in dangling[0].message


def test_containing_country_is_described() -> None:
    """A document that names a province but not its country: the country the province is in
    is described, so `schema:containedInPlace` does not dangle."""
    text = "Police in Sindh were trained."
    facts = DocumentFacts(
        Document(name="sindh", text=text), places=[Place("Sindh", PlaceKind.SUBDIVISION)]
    )
    report = validate_triples(graph_triples(facts_to_graph(facts)))
    assert report.conforms, report.text()


# -- 4. the fast path reports exactly what pyshacl reports -------------------------------------


@pytest.mark.parametrize("fixture", ALL_FIXTURES, ids=lambda p: p.stem)
def test_fast_path_equals_pyshacl_on_fixture(fixture: Path) -> None:
    triples = _triples(fixture)
    assert _keys(shape_findings(Data(triples))) == _keys(reference_findings(triples))


def test_fast_path_equals_pyshacl_on_generated_corpus_with_every_violation() -> None:
    triples = generated_corpus(2 * len(CASES), every=2)
    fast = shape_findings(Data(triples))
    sources = {f.source_shape for f in fast}
    # every shape that has a broken fixture is violated somewhere in the corpus
    for case in CASES:
        if ".broken" in case:
            shape = case.split(".")[0]
            assert any(s.startswith(f"https://w3id.org/inl-kg/shapes#{shape}") for s in sources)
    assert _keys(fast) == _keys(reference_findings(triples))


@pytest.mark.skipif(not SHARED.is_dir(), reason="../shared/corpus is not here")
def test_fast_path_equals_pyshacl_on_shared_corpus_gold_build(tmp_path: Path) -> None:
    build(sorted(SHARED.glob("*.gold.yaml")), out=tmp_path / "out", allow_invalid=True)
    triples = validation_triples(read_graphs(tmp_path / "out" / "graph.trig"))
    assert _keys(shape_findings(Data(triples))) == _keys(reference_findings(triples))
