"""The split run of the quality rules (kg.rules) against the whole-graph run, row for row.

A build runs the document-scoped rules on each document in its workers (caching their rows),
the rest in the parent on a projection of the corpus; ``kg validate`` runs every rule on one
store of the whole graph. Both must give the same rows and findings on the shared corpus, on
every broken graph of the quality-rule tests, and on a generated corpus with a violation of
every rule, before and after an incremental rebuild that reuses the violating documents.
"""

from __future__ import annotations

import shutil
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib.namespace import RDF

from kg import build as build_module
from kg.build import build
from kg.editions import links_graph_iri
from kg.namespaces import KG, OA, ONTOLOGY_IRI, ORG, PROV, QUDT, SOSA
from kg.rdf import document_iri, slug
from kg.rules import (
    analysed_plans,
    decode_rows,
    document_rule_rows,
    encode_rows,
    parse_scope,
    patterns_file_text,
    rule_patterns,
    rule_plans,
    split_rule_rows,
    whole_rule_rows,
)
from kg.store import TermTriple, nt_lines, read_graphs, serialize
from kg.validate import Data, rule_findings, validate_triples

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
import corpus as corpus_gen  # noqa: E402
from split_support import injecting, validated_anew  # noqa: E402

Graphs = list[tuple[str, list[TermTriple]]]
_A = f"<{RDF.type}>"
_DECIMAL = "<http://www.w3.org/2001/XMLSchema#decimal>"
_NNI = "<http://www.w3.org/2001/XMLSchema#nonNegativeInteger>"
_ID = "https://w3id.org/inl-kg/id/"


def _n(iri: object) -> str:
    return f"<{iri}>"


# --------------------------------------------------------------------------------------------
# the comparison
# --------------------------------------------------------------------------------------------


def _assert_split_is_whole(graphs: Graphs) -> set[str]:
    """Run the rules both ways on a dataset (named graphs without the ontology; the editions
    graph and the default graph are the build's cross-document graphs) and compare rows,
    findings and the whole report. Returns the rules that found rows."""
    links = str(links_graph_iri())
    graphs = [(g, ts) for g, ts in graphs if g != str(ONTOLOGY_IRI)]
    corpus = sorted({t for _, ts in graphs for t in ts})
    documents = [ts for g, ts in graphs if g not in ("", links)]
    others = [ts for g, ts in graphs if g in ("", links)]
    # rows travel through the cache's encoding, as a reused document's do
    doc_rows = [decode_rows(encode_rows(document_rule_rows(nt_lines(ts)))) for ts in documents]
    data = Data(corpus)
    whole = whole_rule_rows(corpus)
    split = split_rule_rows(doc_rows, others, corpus, data)
    assert set(split) == set(whole)
    assert set(rule_findings(split, data)) == set(rule_findings(whole, data))
    one = validate_triples(corpus)
    two = validate_triples(corpus, document_rows=doc_rows, others=others)
    assert one.findings == two.findings and one.rules_failed == two.rules_failed
    assert serialize(one.graph, "turtle") == serialize(two.graph, "turtle")
    return {name for name, _ in whole}


def _store_graphs(store: ox.Store) -> Graphs:
    out: dict[str, list[TermTriple]] = {}
    for q in store:
        name = "" if isinstance(q.graph_name, ox.DefaultGraph) else q.graph_name.value
        out.setdefault(name, []).append((str(q.subject), str(q.predicate), str(q.object)))
    return sorted(out.items())


# --------------------------------------------------------------------------------------------
# (a) the shared corpus, and the editions test corpus (with its cross-document graph)
# --------------------------------------------------------------------------------------------


def test_split_equals_whole_on_the_shared_corpus(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    build(sorted(corpus.glob("*.txt")), out=out, allow_invalid=True)
    _assert_split_is_whole(read_graphs(out / "graph.trig"))


def test_split_equals_whole_on_the_editions_and_their_breaks(tmp_path: Path) -> None:
    import test_editions

    out = tmp_path / "out"
    build([test_editions.EDITIONS], out=out)
    graphs = read_graphs(out / "graph.trig")
    assert any(g == str(links_graph_iri()) for g, _ in graphs)
    assert _assert_split_is_whole(graphs) == set()
    # the editions tests' breaks: an earlier edition date, every agreement flag flipped
    issued, agree = _n("http://purl.org/dc/terms/issued"), _n(KG.valuesAgree)
    newer = _n(document_iri("paraguay-2019"))
    year = '"2016"^^<http://www.w3.org/2001/XMLSchema#gYear>'
    dated = [
        (g, [t for t in ts if t[:2] != (newer, issued)] + [(newer, issued, year)])
        if any(t[0] == newer for t in ts)
        else (g, ts)
        for g, ts in graphs
    ]
    assert "replaces-a-later-edition" in _assert_split_is_whole(dated)
    boolean = "^^<http://www.w3.org/2001/XMLSchema#boolean>"
    flip = {'"true"' + boolean: '"false"' + boolean, '"false"' + boolean: '"true"' + boolean}
    flipped = [
        (g, [(s, p, flip[o]) if p == agree else (s, p, o) for s, p, o in ts]) for g, ts in graphs
    ]
    assert "comparable-figures-flag-wrong" in _assert_split_is_whole(flipped)


# --------------------------------------------------------------------------------------------
# (b) every breaker of the quality-rule tests
# --------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def pakistan_graph(pakistan_build: Path) -> Path:
    """The bundled Pakistan build's graph file (built once per session in conftest)."""
    return pakistan_build / "graph.trig"


def _breakers() -> dict[str, Callable[[ox.Store], None]]:
    import test_queries

    cases = dict(test_queries.BREAKERS)
    for i, (breaker, _) in enumerate(
        [
            (lambda s: test_queries._drop(s, test_queries.HEROIN_SPAN, OA.hasSource), ""),
            (test_queries._drop_selector(OA.start), ""),
            (test_queries._drop_selector(OA.exact), ""),
            (test_queries._drop_mention_source, ""),
        ]
    ):
        cases[f"span-incomplete-{i}"] = breaker
    cases["activity-without-span-only"] = lambda s: test_queries._drop_description(
        s, test_queries._an_activity(s)
    )
    return cases


BREAKERS = _breakers()


@pytest.mark.parametrize("name", sorted(BREAKERS))
def test_split_equals_whole_on_every_breaker(name: str, pakistan_graph: Path) -> None:
    from kg.store import load_store

    store = load_store(pakistan_graph)
    BREAKERS[name](store)
    found = _assert_split_is_whole(_store_graphs(store))
    if name in rule_plans():
        assert name in found


# --------------------------------------------------------------------------------------------
# what makes a document's rows depend on the other graphs
# --------------------------------------------------------------------------------------------


def _pakistan(pakistan_graph: Path) -> Graphs:
    return [(g, ts) for g, ts in read_graphs(pakistan_graph) if g != str(ONTOLOGY_IRI)]


def test_a_cross_document_graph_that_completes_a_documents_node(pakistan_graph: Path) -> None:
    """A figure without a span in its document, whose result gets one in the editions graph:
    no row on the merged graph, so the rule must not run per document."""
    graphs = _pakistan(pakistan_graph)
    derived = _n(PROV.wasDerivedFrom)
    (doc, triples) = next((g, ts) for g, ts in graphs if "graph-pakistan" in g)
    link = next(t for t in triples if t[1] == derived)
    broken = [(doc, [t for t in triples if t != link]), (str(links_graph_iri()), [link])]
    assert _assert_split_is_whole(broken) == set()
    touched = [t for t in broken[1][1]]
    plans = analysed_plans()
    reach = plans["figure-without-span"].reach
    assert reach is not None and any(reach.matches(t) for t in touched)


def test_a_node_described_by_another_document_does_not_dangle(pakistan_graph: Path) -> None:
    graphs = _pakistan(pakistan_graph)
    (doc, triples) = graphs[0]
    anf = _n(_ID + "org-anti-narcotics-force")
    other = [t for t in triples if t[0] == anf]
    rest = [t for t in triples if t[0] != anf]
    split = [(doc, rest), (_ID + "graph-other", other)]
    assert "dangling-iri" in {n for n, _ in document_rule_rows(nt_lines(rest))}
    assert "dangling-iri" not in _assert_split_is_whole(split)


def test_every_rule_declares_its_scope() -> None:
    plans = rule_plans()
    assert {p.scope for p in plans.values()} == {"document", "corpus"}
    assert {n for n, p in plans.items() if p.unless} == {
        "dangling-iri",
        "figure-reporter-not-organization",
    }
    with pytest.raises(Exception, match="scope"):
        parse_scope("# a rule\nSELECT * WHERE { ?s ?p ?o }", "x")


def test_packaged_rule_patterns_are_current() -> None:
    """The rules' triple patterns ship parsed (every build skips rdflib's SPARQL parser): the
    file must be what parsing the rules gives now."""
    from kg.resources import checks_dir
    from kg.rules import PATTERNS_FILE

    packaged = (checks_dir() / PATTERNS_FILE).read_text(encoding="utf-8")
    assert packaged == patterns_file_text(), (
        "kg/queries/checks/patterns.json is stale: run python scripts/update_rule_patterns.py"
    )


def test_a_rule_missing_from_the_packaged_patterns_is_parsed() -> None:
    text = "SELECT ?s WHERE { ?s <urn:x:p> ?o MINUS { ?o a <urn:x:C> } }"
    assert rule_patterns(text) == [
        (("?s", "<urn:x:p>", "?o"), False),
        (("?o", f"<{RDF.type}>", "<urn:x:C>"), True),
    ]


# --------------------------------------------------------------------------------------------
# (c) a generated corpus with a violation of every rule, built and rebuilt
# --------------------------------------------------------------------------------------------


def _subjects(ts: set[TermTriple], cls: str) -> list[str]:
    return sorted(s for s, p, o in ts if p == _A and o == cls)


def _one(ts: set[TermTriple], s: str, p: str) -> str:
    return sorted(o for s2, p2, o in ts if s2 == s and p2 == p)[0]


def _new_figure(ts: set[TermTriple], name: str, n: int, unit: str, value: str) -> str:
    fig = _n(f"{_ID}fig-{slug(name)}-{900000 + n}-{900001 + n}")
    result = fig[:-1] + "-value>"
    ts |= {
        (fig, _A, _n(KG.ReportedFigure)),
        (fig, _n(SOSA.hasResult), result),
        (result, _n(QUDT.hasUnit), unit),
        (result, _n(QUDT.value), f'"{value}"^^{_DECIMAL}'),
    }
    return result


def _inject(name: str, position: int, triples: list[TermTriple], others: list[str]) -> None:
    """Break document number ``position`` of the generated corpus (violations of every rule,
    spread over the first six documents; several need another document's nodes)."""
    ts = set(triples)
    figs = _subjects(ts, _n(KG.ReportedFigure))
    results = [_one(ts, f, _n(SOSA.hasResult)) for f in figs]
    spans = _subjects(ts, _n(OA.SpecificResource))
    orgs = _subjects(ts, _n(ORG.Organization))
    doc = _n(document_iri(name))
    derived = _n(PROV.wasDerivedFrom)
    if position == 0:
        ts.discard((results[0], derived, _one(ts, results[0], derived)))  # figure-without-span
        ts.discard((spans[-1], _n(OA.hasSource), doc))  # span-incomplete
        act = _n(f"{_ID}activity-{slug(name)}-00000000deadbeef")  # activity-without-provenance
        ts.add((act, _A, _n(KG.ProgramActivity)))
        ts.add((act, _n("http://www.w3.org/2000/01/rdf-schema#label"), '"an injected activity"'))
    elif position == 1:
        pos = next(o for s, p, o in ts if s == spans[0] and p == _n(OA.hasSelector) and "-pos" in o)
        ts -= {t for t in ts if t[0] == pos and t[1] == _n(OA.end)}
        ts.add((pos, _n(OA.end), f'"0"^^{_NNI}'))  # span-offsets-inverted (and quote mismatch)
        quote = next(o for s, p, o in ts if s == spans[1] and "-quote" in o)
        ts -= {t for t in ts if t[0] == quote and t[1] == _n(OA.exact)}
        ts.add((quote, _n(OA.exact), '"not what the text says"'))  # span-quote-mismatch
        unit = "<http://qudt.org/vocab/unit/PERCENT>"
        _new_figure(ts, name, 0, unit, "-5.0")  # percent-out-of-range
        bounded = _new_figure(ts, name, 2, unit, "10.0")
        ts.add((bounded, _n(KG.upperBound), f'"5.0"^^{_DECIMAL}'))  # range-bounds-inverted
    elif position == 2:
        group = _n(f"{_ID}group-injected-officials")
        ts |= {(group, _A, _n("http://xmlns.com/foaf/0.1/Group"))}
        ts.add((results[0], _n(PROV.wasAttributedTo), group))  # figure-reporter-not-org.
        ts.add((orgs[0], _n(ORG.subOrganizationOf), _n(_ID + "org-nowhere")))  # dangling-iri
        # not violations on the merged graph: an organization and a node another document
        # describes (document 3 describes both)
        ts.add((results[1], _n(PROV.wasAttributedTo), _n(_ID + "org-injected-elsewhere")))
        ts.add((figs[1], _n("http://www.w3.org/2000/01/rdf-schema#seeAlso"), others[3]))
    elif position == 3:
        org = _n(_ID + "org-injected-elsewhere")
        ts |= {(org, _A, _n(ORG.Organization)), (org, _n(ORG.classification), _n(KG.USGovernment))}
        ts.add((_n(_ID + "org-injected-kindless"), _A, _n(ORG.Organization)))  # without-kind
        ts.add((doc, _n("http://purl.org/dc/terms/replaces"), doc))  # replaces-a-later-edition
    elif position == 4:
        org = _n(_ID + "org-injected-elsewhere")  # organization-with-several-kinds
        ts |= {(org, _A, _n(ORG.Organization)), (org, _n(ORG.classification), _n(KG.International))}
        comparable = _n(_ID + "comparable-injected")  # comparable-figures-flag-wrong
        a = _new_figure(ts, name, 4, "<http://qudt.org/vocab/unit/NUM>", "1.0")
        b = _new_figure(ts, name, 6, "<http://qudt.org/vocab/unit/NUM>", "2.0")
        ts |= {
            (comparable, _A, _n(KG.ComparableFigures)),
            (comparable, _n(KG.valuesAgree), '"true"^^<http://www.w3.org/2001/XMLSchema#boolean>'),
            (comparable, _n(PROV.hadMember), a),
            (comparable, _n(PROV.hadMember), b),
        }
    triples[:] = sorted(ts)


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    """Thirty generated sheets, and the five (with two figures, two spans and an organization
    each) that :func:`_inject` breaks."""
    folder = tmp_path_factory.mktemp("generated")
    src = folder / "src"
    corpus_gen.generate(src, 30)
    build([src], out=folder / "out", allow_invalid=True)
    chosen = []
    for g, ts in read_graphs(folder / "out" / "graph.trig"):
        if "/graph-sheet-" not in g:
            continue
        have = set(ts)
        if (
            len(_subjects(have, _n(KG.ReportedFigure))) >= 2
            and len(_subjects(have, _n(OA.SpecificResource))) >= 2
            and _subjects(have, _n(ORG.Organization))
        ):
            chosen.append(g.rsplit("/graph-", 1)[1])
    assert len(chosen) >= 6
    return src, chosen[:5]


def _injecting(monkeypatch: pytest.MonkeyPatch, chosen: list[str]) -> None:
    doc_nodes = [_n(document_iri(n)) for n in chosen]
    injecting(monkeypatch, chosen, lambda name, k, triples: _inject(name, k, triples, doc_nodes))


def test_generated_corpus_with_every_violation(
    generated: tuple[Path, list[str]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _injecting(monkeypatch, generated[1])
    src = tmp_path / "src"
    shutil.copytree(generated[0], src)
    out = tmp_path / "out"
    first = build([src], out=out, jobs=1, allow_invalid=True)
    assert first.report is not None
    assert set(first.report.rules_failed) == set(rule_plans())
    text = (out / "validation.ttl").read_text(encoding="utf-8")
    assert text == validated_anew(out)
    for fine in ("org-injected-elsewhere", "seeAlso"):  # not violations on the merged graph
        assert not any(
            fine in f.message and "dangling" in f.source_shape for f in first.report.findings
        )
    assert not any(
        "org-injected-elsewhere" in f.message and "reporter" in f.source_shape
        for f in first.report.findings
    )
    _assert_split_is_whole(read_graphs(out / "graph.trig"))

    # a document without violations changes: the violating ones are reused from the cache
    names = sorted(p.stem for p in src.glob("*.txt"))
    unbroken = next(n for n in names if n not in generated[1])
    with open(src / f"{unbroken}.txt", "a", encoding="utf-8") as fh:
        fh.write("\nIn 2021, INL trained 85 additional police officers.\n")
    again = build([src], out=out, jobs=1, allow_invalid=True)
    assert again.reused == len(names) - 1
    clean = tmp_path / "clean"
    build([src], out=clean, jobs=1, allow_invalid=True, full=True)
    for name in ("graph.ttl", "graph.trig", "validation.ttl"):
        assert (out / name).read_bytes() == (clean / name).read_bytes(), name
    assert (out / "validation.ttl").read_text(encoding="utf-8") == validated_anew(out)
    assert again.report is not None and set(again.report.rules_failed) == set(rule_plans())


def test_split_rows_of_a_document_are_cached(
    generated: tuple[Path, list[str]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A reused document's rows come from ``docs/<key>.rules``, checked against the manifest."""
    from kg.incremental import DOCS, RULES, load_manifest

    _injecting(monkeypatch, generated[1])
    src = tmp_path / "src"
    shutil.copytree(generated[0], src)
    out = tmp_path / "out"
    build([src], out=out, jobs=1, allow_invalid=True)
    manifest = load_manifest(out / "current")
    assert manifest is not None
    entry = next(e for e in manifest.documents.values() if e.name == generated[1][0])
    cached = (out / "current" / DOCS / f"{entry.key}{RULES}").read_bytes()
    rows = decode_rows(cached)
    assert {"figure-without-span", "span-incomplete", "activity-without-provenance"} <= {
        n for n, _ in rows
    }
    # the rows of a document are not re-computed when it is reused
    calls: list[int] = []
    real = build_module.document_rule_rows

    def counting(ntriples: bytes) -> Sequence[object]:
        calls.append(1)
        return real(ntriples)

    monkeypatch.setattr(build_module, "document_rule_rows", counting)
    (out / "current" / "graph.ttl").unlink()
    build([src], out=out, jobs=1, allow_invalid=True)
    assert calls == []
