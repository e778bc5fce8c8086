"""The split run of the SHACL shapes (kg.shape_split) against the whole-graph run, finding for
finding.

A build validates the nodes each document mints in its worker (caching the findings), the rest
in the parent on the merged graph read where the checks reach; ``kg validate`` runs every shape
over one index of the whole graph. Both must give the same findings and the same report bytes:
on the shared corpus, on every shape fixture cut into documents in several ways (shared nodes
in one document, in every document, in a cross-document graph, a document's own nodes
described by another), on a generated corpus with violations of every shape (cross-document
ones among them), and after an incremental rebuild that reuses the violating documents.
"""

from __future__ import annotations

import re
import shutil
import sys
from collections.abc import Sequence
from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.namespace import RDF, RDFS

from kg import build as build_module
from kg.build import build
from kg.editions import links_graph_iri
from kg.namespaces import ID, KG, OA, ONTOLOGY_IRI, ORG, QUDT, SOSA
from kg.rdf import minted_by, slug
from kg.shape_split import (
    CorpusData,
    decode_record,
    document_shapes,
    encode_record,
    split_shape_findings,
)
from kg.store import TermTriple, graph_triples, read_graphs, serialize
from kg.validate import Data, shape_findings, validate_triples

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "shapes"
KGSH = "https://w3id.org/inl-kg/shapes#"
sys.path.insert(0, str(ROOT / "benchmarks"))
import corpus as corpus_gen  # noqa: E402
from split_support import injecting, validated_anew  # noqa: E402

Graphs = list[tuple[str, list[TermTriple]]]
_A = f"<{RDF.type}>"
_LABEL = f"<{RDFS.label}>"


def _n(iri: object) -> str:
    return f"<{iri}>"


# --------------------------------------------------------------------------------------------
# the comparison
# --------------------------------------------------------------------------------------------


def _split(
    documents: Sequence[tuple[str, list[TermTriple]]], others: Sequence[list[TermTriple]]
) -> tuple[list[TermTriple], list[tuple[str, list[TermTriple], object]]]:
    corpus = sorted({t for _, ts in documents for t in ts} | {t for ts in others for t in ts})
    # records travel through the cache's encoding, as a reused document's do
    docs = [
        (name, ts, decode_record(encode_record(document_shapes(ts, name))))
        for name, ts in documents
    ]
    return corpus, docs


def _assert_split_is_whole(
    documents: Sequence[tuple[str, list[TermTriple]]], others: Sequence[list[TermTriple]] = ()
) -> set[str]:
    """Validate the documents and cross-document graphs both ways; compare findings and the
    report. Returns the node shapes with findings."""
    corpus, docs = _split(documents, others)
    whole = shape_findings(Data(corpus))
    split, _ = split_shape_findings(corpus, docs, others)  # type: ignore[arg-type]
    assert split == whole
    one = validate_triples(corpus, rules=False)
    two = validate_triples(corpus, rules=False, document_shapes=docs, others=others)  # type: ignore[arg-type]
    assert one.findings == two.findings and one.conforms == two.conforms
    assert serialize(one.graph, "turtle") == serialize(two.graph, "turtle")
    return {f.source_shape[len(KGSH) :].split("-")[0] for f in whole}


def _build_graphs(graphs: Graphs) -> set[str]:
    """A built dataset's graphs as the build hands them to validation."""
    links = str(links_graph_iri())
    graphs = [(g, ts) for g, ts in graphs if g != str(ONTOLOGY_IRI)]
    documents = [
        (g.rsplit("/graph-", 1)[1], ts) for g, ts in graphs if "/graph-" in g and g != links
    ]
    others = [ts for g, ts in graphs if g in ("", links)]
    return _assert_split_is_whole(documents, others)


# --------------------------------------------------------------------------------------------
# the IRI schemes
# --------------------------------------------------------------------------------------------


def test_minted_by_reads_the_document_slug_of_each_scheme() -> None:
    cases = {
        "doc-peru-2019": "peru-2019",
        "graph-peru-2019": "peru-2019",
        "program-a-1": "a-1",
        "fig-a-1-2-3": "a-1",
        "fig-a-1-2-3-value": "a-1",
        "span-a-1-2-3-pos": "a-1",
        "span-a-12-30-quote": "a",
        "ann-sheet-00001-10-20-org-dea": "sheet-00001",
        "activity-sheet-1-0123456789abcdef": "sheet-1",
        "org-dea": None,
        "named-program-x": None,
        "place-pk": None,
        "year-2017": None,
        "fy-2019": None,
        "group-judges": None,
        "comparable-x": None,
    }
    for local, want in cases.items():
        assert minted_by(_n(ID[local])) == want, local
    assert minted_by('"doc-x"') is None
    assert minted_by("<https://example.org/doc-x>") is None


# --------------------------------------------------------------------------------------------
# (a) the shared corpus and the editions corpus (with its cross-document graph)
# --------------------------------------------------------------------------------------------


def test_split_equals_whole_on_the_shared_corpus(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    build(sorted(corpus.glob("*.txt")), out=out, allow_invalid=True)
    _build_graphs(read_graphs(out / "graph.trig"))
    assert (out / "validation.ttl").read_text(encoding="utf-8") == validated_anew(out)


def test_split_equals_whole_on_the_editions(tmp_path: Path) -> None:
    import test_editions

    out = tmp_path / "out"
    build([test_editions.EDITIONS], out=out)
    graphs = read_graphs(out / "graph.trig")
    assert any(g == str(links_graph_iri()) for g, _ in graphs)
    _build_graphs(graphs)


# --------------------------------------------------------------------------------------------
# (b) every shape fixture, cut into documents
# --------------------------------------------------------------------------------------------


def _fixture_triples(path: Path) -> list[TermTriple]:
    """A fixture with its IRIs in kg's minted schemes (``id:fig\\/demo\\/21-40`` ->
    ``id:fig-demo-21-40``), so its document's own nodes are the document's."""
    text = path.read_text(encoding="utf-8")
    text = text.replace("id:activity\\/demo\\/training", "id:activity-demo-00000000000000aa")
    text = text.replace("id:ann\\/demo\\/training", "id:ann-demo-21-40-activity-00000000000000aa")
    text = text.replace("\\/", "-")
    return sorted(graph_triples(Graph().parse(data=text, format="turtle")))


def _cuts(triples: list[TermTriple]) -> list[tuple[list[tuple[str, list[TermTriple]]], list]]:  # type: ignore[type-arg]
    """Several ways to hold the same triples in documents and cross-document graphs."""
    by_doc: dict[str, list[TermTriple]] = {}
    shared: list[TermTriple] = []
    for t in triples:
        owner = minted_by(t[0])
        (by_doc.setdefault(owner, []) if owner else shared).append(t)
    names = sorted(by_doc) or ["demo"]
    cuts: list[tuple[list[tuple[str, list[TermTriple]]], list]] = []  # type: ignore[type-arg]
    # the shared nodes in a document of their own, in a cross-document graph, in every document
    cuts.append(([*sorted(by_doc.items()), ("shared-nodes", shared)], []))
    cuts.append((sorted(by_doc.items()), [shared]))
    cuts.append(([(n, by_doc.get(n, []) + shared) for n in names], []))
    # everything in one document
    cuts.append(([("demo", list(triples))], []))
    # the shared nodes' triples spread over the documents; every third triple of a document's
    # own nodes said by another document instead (or by a cross-document graph)
    spread: dict[str, list[TermTriple]] = {n: list(by_doc.get(n, [])) for n in names}
    spread["elsewhere"] = []
    moved: list[TermTriple] = []
    for i, t in enumerate(shared):
        spread[names[i % len(names)]].append(t)
    for n in names:
        own = spread[n]
        for i, t in enumerate(list(own)):
            if minted_by(t[0]) == n and i % 3 == 1:
                own.remove(t)
                moved.append(t)
    cuts.append(([*spread.items(), ("elsewhere", moved)], []))
    cuts.append((list(spread.items()), [moved]))
    return cuts


ALL_FIXTURES = sorted(FIXTURES.glob("*.ttl"))


@pytest.mark.parametrize("fixture", ALL_FIXTURES, ids=lambda p: p.stem)
def test_split_equals_whole_on_every_fixture(fixture: Path) -> None:
    triples = _fixture_triples(fixture)
    shape = fixture.name.split(".")[0]
    for documents, others in _cuts(triples):
        found = _assert_split_is_whole(documents, others)
        if ".broken" in fixture.name:
            assert shape in found, (fixture.name, [n for n, _ in documents])


def test_a_fixture_document_is_decided_in_its_worker() -> None:
    """The demo document's own nodes are validated where they are (not deferred), and the
    broken figure's finding is among its cached findings."""
    triples = _fixture_triples(FIXTURES / "FigureShape.broken-closed.ttl")
    record = document_shapes(triples, "demo")
    focus = {f for f, _, _ in record.findings}
    assert _n(ID["fig-demo-21-40"]) in focus
    assert _n(ID["fig-demo-21-40"]) not in record.deferred
    assert _n(ID["org-inl"]) in record.foreign


def _moved(fixture: str, move: set[TermTriple]) -> tuple[list[TermTriple], list[TermTriple]]:
    triples = _fixture_triples(FIXTURES / fixture)
    assert move <= set(triples)
    return [t for t in triples if t not in move], sorted(move)


_DERIVED = _n("http://www.w3.org/ns/prov#wasDerivedFrom")
_RESULT = _n(ID["fig-demo-21-40-value"])


@pytest.mark.parametrize("cross", ["document", "graph"])
def test_another_graph_completes_a_node_another_focus_reads(cross: str) -> None:
    """The span of the demo figure's result is said elsewhere: alone, the document finds the
    figure without a span (a read at its result, not at the figure); merged, it has one."""
    own, moved = _moved("FigureShape.valid.ttl", {(_RESULT, _DERIVED, _n(ID["span-demo-21-40"]))})
    alone = document_shapes(own, "demo")
    assert any(f.source_shape == KGSH + "FigureShape-span" for _, _, f in alone.findings)
    assert _DERIVED in alone.reads.other_reads
    if cross == "document":
        found = _assert_split_is_whole([("demo", own), ("elsewhere", moved)])
    else:
        found = _assert_split_is_whole([("demo", own)], [moved])
    assert "FigureShape" not in found


def test_another_document_points_at_a_documents_value() -> None:
    """A figure of another document shares the demo percentage and calls it a decrease: the
    merged graph has a violation (a decrease above 100) where the document alone warned."""
    own = _fixture_triples(FIXTURES / "PercentLevelShape.broken.ttl")
    other = _n(ID["fig-other-1-2"])
    theirs = [(other, _n(SOSA.hasResult), _RESULT), (other, _n(KG.change), _n(KG.Decrease))]
    alone = document_shapes(own, "demo")
    assert {f.source_shape for _, _, f in alone.findings} == {KGSH + "PercentLevelShape"}
    found = _assert_split_is_whole([("demo", own), ("other", theirs)])
    assert "PercentShape" in found and "PercentLevelShape" not in found


def test_a_cross_document_type_makes_a_documents_node_a_target() -> None:
    """Another document types the demo span a named program: the span is validated as one."""
    own = _fixture_triples(FIXTURES / "FigureShape.valid.ttl")
    theirs = [(_n(ID["span-demo-21-40"]), _A, _n(KG.NamedProgram))]
    found = _assert_split_is_whole([("demo", own), ("other", theirs)])
    assert "NamedProgramShape" in found


# --------------------------------------------------------------------------------------------
# (c) a generated corpus with violations of every shape, built and rebuilt
# --------------------------------------------------------------------------------------------


def _subjects(ts: set[TermTriple], cls: str) -> list[str]:
    return sorted(s for s, p, o in ts if p == _A and o == cls)


def _one(ts: set[TermTriple], s: str, p: str) -> str:
    return sorted(o for s2, p2, o in ts if s2 == s and p2 == p)[0]


#: Broken fixtures put into the chosen documents (their 'demo' nodes minted by the document).
INJECTED = sorted(p for p in ALL_FIXTURES if ".broken" in p.name)
_PERCENT = "<http://qudt.org/vocab/unit/PERCENT>"
_DECIMAL = "<http://www.w3.org/2001/XMLSchema#decimal>"


_DEMO = re.compile(r"^<" + re.escape(str(ID)) + r"([a-z]+)-demo(?:-([0-9]+)-([0-9]+))?(.*)>$")


def _rename(term: str, own: str, k: int) -> str:
    """A fixture's 'demo' node as a node of document ``own`` (even ``k``: its spans and figures
    moved past the document's own) or of a document the corpus lacks (odd ``k``)."""
    if term in (_n(ID["place-pk-sd"]), _n(ID["group-judges"])):  # shared by fixtures only
        return f"{term[:-1]}-{k}>"
    m = _DEMO.match(term)
    if m is None:
        return term
    kind, start, end, rest = m.groups()
    if k % 2:
        return term.replace("-demo", f"-{own}x{k}")
    if kind == "activity":
        return _n(ID[f"activity-{own}-{k + 1:016x}"])
    if start is None:
        return _n(ID[f"{kind}-{own}{rest}"])
    shift = 100000 * (k + 1)
    return _n(ID[f"{kind}-{own}-{int(start) + shift}-{int(end) + shift}{rest}"])


def _inject(name: str, position: int, triples: list[TermTriple], chosen: list[str]) -> None:
    """Break document number ``position``: broken fixtures (made the document's own), and
    cross-document cases that only the merged graph decides."""
    ts = set(triples)
    s = slug(name)
    for k, fixture in enumerate(INJECTED):
        if k % len(chosen) != position:
            continue
        for t in _fixture_triples(fixture):
            ts.add(tuple(_rename(x, s, k) for x in t))  # type: ignore[arg-type]
    others = [slug(n) for n in chosen]
    figs = _subjects(ts, _n(KG.ReportedFigure))
    first = others[0]
    fig_a = _n(ID[f"fig-{first}-900000-900001"])
    result_a = _n(ID[f"fig-{first}-900000-900001-value"])
    if position == 0:
        # a figure credited to one node typed in document 1 (fine) and one typed nowhere
        ts |= {
            (fig_a, _A, _n(KG.ReportedFigure)),
            (fig_a, _n(SOSA.hasResult), result_a),
            (result_a, _A, _n(QUDT.QuantityValue)),
            (result_a, _n(QUDT.hasUnit), _PERCENT),
            (result_a, _n(QUDT.value), f'"150.0"^^{_DECIMAL}'),
            (fig_a, _n(KG.creditedTo), _n(ID["org-injected-elsewhere"])),
            (fig_a, _LABEL, '"a first label"'),
            (figs[0], _n(KG.creditedTo), _n(ID["org-injected-nowhere"])),
        }
    elif position == 1:
        org = _n(ID["org-injected-elsewhere"])
        ts |= {(org, _A, _n(ORG.Organization)), (org, _n(ORG.classification), _n(KG.USGovernment))}
        ts.add((org, _n("http://www.w3.org/2004/02/skos/core#prefLabel"), '"Elsewhere"'))
        # document 0's figure gets a second label here, and an annotation pointing at it
        ts.add((fig_a, _LABEL, '"a second label"'))
        ann = _n(ID[f"ann-{others[1]}-1-2-org-injected"])
        ts |= {(ann, _A, _n(OA.Annotation)), (ann, _n(OA.hasBody), fig_a)}
        # a figure of this document whose result is document 0's percentage: a decrease
        fig_b = _n(ID[f"fig-{others[1]}-900000-900001"])
        ts |= {(fig_b, _n(SOSA.hasResult), result_a), (fig_b, _n(KG.change), _n(KG.Decrease))}
    elif position == 2:
        # document 0's span typed a named program here, and the object of a period
        result = _one(ts, figs[0], _n(SOSA.hasResult))
        ts.add((_n(ID[f"span-{first}-1-2"]), _A, _n(KG.NamedProgram)))
        ts.add((figs[0], _n(SOSA.phenomenonTime), result_a))
        ts.add((result, _n("http://www.w3.org/2000/01/rdf-schema#seeAlso"), fig_a))
        # an organization labelled twice, once here and once in document 1
        ts.add(
            (
                _n(ID["org-injected-elsewhere"]),
                _n("http://www.w3.org/2004/02/skos/core#prefLabel"),
                '"Elsewhere, again"',
            )
        )
    elif position == 3:
        # a named program of this document typed an organization in document 4
        ts |= {
            (_n(ID["named-program-injected"]), _A, _n(KG.NamedProgram)),
            (_n(ID["named-program-injected"]), _n(ORG.subOrganizationOf), _n(ID["org-x"])),
        }
    elif position == 4:
        ts.add((_n(ID["named-program-injected"]), _A, _n(ORG.Organization)))
    triples[:] = sorted(ts)


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    """Thirty generated sheets, and five (with a figure and a span each) to break."""
    folder = tmp_path_factory.mktemp("generated")
    src = folder / "src"
    corpus_gen.generate(src, 30)
    build([src], out=folder / "out", allow_invalid=True)
    chosen = []
    for g, ts in read_graphs(folder / "out" / "graph.trig"):
        have = set(ts)
        if "/graph-sheet-" in g and _subjects(have, _n(KG.ReportedFigure)):
            chosen.append(g.rsplit("/graph-", 1)[1])
    assert len(chosen) >= 6
    return src, chosen[:5]


def _injecting(monkeypatch: pytest.MonkeyPatch, chosen: list[str]) -> None:
    injecting(monkeypatch, chosen, lambda name, k, triples: _inject(name, k, triples, chosen))


def _shapes_graph_names() -> set[str]:
    from kg.validate import shape_engine

    return {s.iri[len(KGSH) :] for s in shape_engine().shapes}


def test_generated_corpus_with_every_violation(
    generated: tuple[Path, list[str]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    chosen = generated[1]
    _injecting(monkeypatch, chosen)
    src = tmp_path / "src"
    shutil.copytree(generated[0], src)
    out = tmp_path / "out"
    first = build([src], out=out, jobs=1, allow_invalid=True)
    assert first.report is not None
    text = (out / "validation.ttl").read_text(encoding="utf-8")
    assert text == validated_anew(out)
    found = _build_graphs(read_graphs(out / "graph.trig"))
    assert found == _shapes_graph_names()
    findings = first.report.findings
    a = slug(chosen[0])

    def has(shape: str, focus: str) -> bool:
        return any(f.source_shape == KGSH + shape and f.focus_term == focus for f in findings)

    fig_a = _n(ID[f"fig-{a}-900000-900001"])
    # cross-document: typed elsewhere (no finding), typed nowhere (a finding)
    assert not any("org-injected-elsewhere" in f.value_term for f in findings)
    assert any("org-injected-nowhere" in f.value_term for f in findings)
    assert has("FigureShape-label", fig_a)  # a second label from document 1
    assert has("PercentShape", fig_a[:-1] + "-value>")  # a decrease found in document 1
    assert has("YearShape", fig_a[:-1] + "-value>")  # a period only document 2 names
    assert has("NamedProgramNotOrganizationShape", _n(ID["named-program-injected"]))
    assert has("OrganizationShape-label", _n(ID["org-injected-elsewhere"]))
    assert has("NamedProgramShape-label", _n(ID[f"span-{a}-1-2"]))
    # the whole-graph run over every document alone disagrees: these needed the corpus
    alone = document_shapes(
        [t for g, ts in read_graphs(out / "graph.trig") if g.endswith(f"/graph-{a}") for t in ts],
        chosen[0],
    )
    assert any(f.source_shape.endswith("PercentLevelShape") for _, _, f in alone.findings)
    assert not has("PercentLevelShape", fig_a[:-1] + "-value>")

    # a document without violations changes: the violating ones are reused from the cache
    calls: list[str] = []
    real = build_module.document_shapes

    def counting(triples: object, name: str) -> object:
        calls.append(name)
        return real(triples, name)  # type: ignore[arg-type]

    monkeypatch.setattr(build_module, "document_shapes", counting)
    names = sorted(p.stem for p in src.glob("*.txt"))
    unbroken = next(n for n in names if n not in chosen)
    with open(src / f"{unbroken}.txt", "a", encoding="utf-8") as fh:
        fh.write("\nIn 2021, INL trained 85 additional police officers.\n")
    again = build([src], out=out, jobs=1, allow_invalid=True)
    assert again.reused == len(names) - 1
    assert calls == [unbroken]
    clean = tmp_path / "clean"
    build([src], out=clean, jobs=1, allow_invalid=True, full=True)
    for name in ("graph.ttl", "graph.trig", "validation.ttl"):
        assert (out / name).read_bytes() == (clean / name).read_bytes(), name
    assert (out / "validation.ttl").read_text(encoding="utf-8") == validated_anew(out)


def test_the_parent_reads_a_part_of_the_corpus(generated: tuple[Path, list[str]]) -> None:
    """Most of a corpus is decided in the workers: the parent loads few of its subjects."""
    graphs = read_graphs(generated[0].parent / "out" / "graph.trig")
    links = str(links_graph_iri())
    documents = [(g.rsplit("/graph-", 1)[1], ts) for g, ts in graphs if "/graph-sheet-" in g]
    others = [ts for g, ts in graphs if g == links]
    corpus, docs = _split(documents, others)
    _, data = split_shape_findings(corpus, docs, others)  # type: ignore[arg-type]
    assert isinstance(data, CorpusData)
    subjects = {s for s, _, _ in corpus}
    assert len(dict.items(data.out)) < len(subjects) / 4


def test_a_cached_record_that_is_damaged_is_rebuilt(
    generated: tuple[Path, list[str]], tmp_path: Path
) -> None:
    from kg.incremental import DOCS, SHAPES, load_manifest

    src = tmp_path / "src"
    shutil.copytree(generated[0], src)
    out = tmp_path / "out"
    build([src], out=out, jobs=1, allow_invalid=True)
    manifest = load_manifest(out / "current")
    assert manifest is not None
    entry = next(iter(manifest.documents.values()))
    path = out / "current" / DOCS / f"{entry.key}{SHAPES}"
    assert decode_record(path.read_bytes()).reads.self_reads
    path.unlink()
    path.write_bytes(b'{"findings": []}\n')  # damaged: not what the manifest recorded
    (out / "current" / "graph.ttl").unlink()
    again = build([src], out=out, jobs=1, allow_invalid=True)
    assert again.reused == len(manifest.documents) - 1
    assert (out / "validation.ttl").read_text(encoding="utf-8") == validated_anew(out)
