"""The networkx projection (kg.network), its analyses, and the pictures drawn from it (kg.viz)."""

from __future__ import annotations

import json
import re
import shutil
import struct
from collections import Counter
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pytest
from rdflib.namespace import RDF

from kg.model import KgError
from kg.namespaces import KG, ORG, PROV, SOSA
from kg.network import (
    KINDS,
    RELATIONS,
    activity_chains,
    describe_path,
    find_nodes,
    most_connected_partners,
    nodes_of_kind,
    path_from_agency_to_outcome,
    shared_partners,
    summary_table,
    to_networkx,
    who_reports_on_whom,
)
from kg.store import load_rdflib, load_store

INL = "Bureau of International Narcotics and Law Enforcement Affairs"


@pytest.fixture(scope="module")
def G(pakistan_build: Path) -> nx.MultiDiGraph:
    """The Pakistan build as a network."""
    return to_networkx(pakistan_build)


@pytest.fixture(scope="module")
def corpus_graph(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> nx.MultiDiGraph:
    """The shared corpus's gold files built into one graph, as a network."""
    from kg.build import build

    out = tmp_path_factory.mktemp("corpus-build")
    build(sorted(corpus.glob("*.gold.yaml")), out=out)
    return to_networkx(out)


def one(G: nx.MultiDiGraph, text: str, kind: str) -> str:
    """The single node of ``kind`` that ``text`` finds."""
    found = find_nodes(G, text, kind=kind)
    assert len(found) == 1, (text, kind, found)
    return found[0]


# --- the projection ---------------------------------------------------------------------------


def test_nodes_are_typed_and_labelled(G: nx.MultiDiGraph, pakistan_build: Path) -> None:
    ds = load_rdflib(pakistan_build)
    expected = {
        "organization": len(set(ds.subjects(RDF.type, ORG.Organization))),
        "activity": len(set(ds.subjects(RDF.type, KG.ProgramActivity))),
        "figure": len(set(ds.subjects(RDF.type, KG.ReportedFigure))),
        "program": len(set(ds.subjects(RDF.type, KG.CountryProgram))),
        "document": len(set(ds.subjects(RDF.type, KG.FactSheet))),
    }
    kinds = Counter(kind for _, kind in G.nodes(data="kind"))
    for kind, count in expected.items():
        assert kinds[kind] == count, kind
    assert kinds["organization"] >= 8 and kinds["figure"] >= 10 and kinds["activity"] >= 9
    assert kinds["place"] >= 3 and kinds["group"] >= 1
    assert set(kinds) <= set(KINDS)
    for node, data in G.nodes(data=True):
        assert data["label"], node
    org = G.nodes[one(G, "INL", "organization")]
    assert org["label"] == INL and "INL" in org["aliases"] and org["org_kind"] == "us-government"
    heroin = G.nodes[one(G, "heroin", "figure")]
    assert heroin["value"] == 19.5 and heroin["unit"] == "metric-ton" and heroin["year"] == 2017
    assert heroin["quote"] == "seizing 19.5 MT of heroin" and heroin["document"] == "pakistan"
    assert G.nodes[one(G, "Sindh", "place")]["place_kind"] == "subdivision"


def test_edges_carry_the_expected_relations(G: nx.MultiDiGraph) -> None:
    inl = one(G, "INL", "organization")
    fc = one(G, "Frontier Corps-KP", "organization")
    anf = one(G, "Anti-Narcotics Force", "organization")
    casualties = one(G, "casualties by 35 percent", "figure")
    heroin = one(G, "heroin", "figure")
    construction = one(G, "construction of border outposts", "activity")
    program = one(G, "INL program in Pakistan", "program")
    pakistan = one(G, "Pakistan", "place")

    assert G.has_edge(fc, casualties, key="reports")
    assert G.has_edge(inl, casualties, key="achieves")
    assert G.has_edge(inl, construction, key="implements")
    assert G.has_edge(construction, fc, key="benefits")
    assert G.has_edge(anf, heroin, key="reports")
    assert G.has_edge(heroin, pakistan, key="located-in")
    assert G.has_edge(one(G, "Sindh", "place"), pakistan, key="located-in")
    assert G.has_edge(inl, program, key="runs")
    assert G.has_edge(program, one(G, "pakistan", "document"), key="described-in")
    for node, kind in G.nodes(data="kind"):
        if kind in ("activity", "figure"):
            assert G.has_edge(node, program, key="part-of"), node
    for u, v, key, relation in G.edges(keys=True, data="relation"):
        assert key == relation and relation in RELATIONS, (u, v, key)
    assert not G.has_edge(inl, casualties, key="reports")  # credited is not reported


def test_edges_agree_with_the_rdf(G: nx.MultiDiGraph, pakistan_build: Path) -> None:
    ds = load_rdflib(pakistan_build)
    figure_of = {result: fig for fig, result in ds.subject_objects(SOSA.hasResult)}
    reports = {(str(o), str(figure_of[s])) for s, o in ds.subject_objects(PROV.wasAttributedTo)}
    achieves = {(str(o), str(s)) for s, o in ds.subject_objects(KG.creditedTo)}
    edges = {(u, v, k) for u, v, k in G.edges(keys=True)}
    assert {(u, v) for u, v, k in edges if k == "reports"} == reports
    assert {(u, v) for u, v, k in edges if k == "achieves"} == achieves


def test_projection_is_deterministic_and_accepts_store_file_or_folder(
    G: nx.MultiDiGraph, pakistan_build: Path
) -> None:
    for source in (load_store(pakistan_build), pakistan_build / "graph.trig", str(pakistan_build)):
        H = to_networkx(source)
        assert list(H.nodes) == list(G.nodes)
        assert list(H.edges(keys=True)) == list(G.edges(keys=True))
    assert list(G.nodes) == sorted(G.nodes)
    assert to_networkx(ox.Store()).number_of_nodes() == 0


def test_missing_graph_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(KgError, match="no such graph"):
        to_networkx(tmp_path / "nothing-here.trig")


# --- analyses ---------------------------------------------------------------------------------


def test_most_connected_partners(G: nx.MultiDiGraph) -> None:
    ranked = most_connected_partners(G, 5)
    assert len(ranked) == 5 and ranked[0].label == INL
    assert [r.centrality for r in ranked] == sorted((r.centrality for r in ranked), reverse=True)
    assert all(0.0 <= r.centrality <= 1.0 for r in ranked)
    partners = most_connected_partners(G, 3, exclude_kinds=("us-government",))
    assert {r.label for r in partners[:2]} == {"Anti-Narcotics Force", "Frontier Corps-KP"}
    assert all(r.org_kind != "us-government" for r in partners)


def test_who_reports_on_whom(G: nx.MultiDiGraph) -> None:
    pairs = {(p.reporter, p.agency): p.figures for p in who_reports_on_whom(G)}
    assert pairs == {("Anti-Narcotics Force", INL): 3, ("Frontier Corps-KP", INL): 3}


def test_path_from_agency_to_outcome(G: nx.MultiDiGraph) -> None:
    path = path_from_agency_to_outcome(G, "INL", "heroin")
    assert path[0] == one(G, "INL", "organization")
    assert path[-1] == one(G, "heroin", "figure")
    assert describe_path(G, path) == "INL -achieves-> seizing 19.5 MT of heroin"
    # in the story part without the credit, the route runs through the activity and the partner
    from kg.viz import story_subgraph

    H = story_subgraph(G)
    H.remove_edges_from([(u, v, k) for u, v, k in G.edges(keys=True) if k == "achieves"])
    text = describe_path(H, path_from_agency_to_outcome(H, "INL", "heroin"))
    assert "-implements-> support for counternarcotics seizures" in text
    assert "-benefits-> Anti-Narcotics Force -reports-> seizing 19.5 MT of heroin" in text
    with pytest.raises(KgError, match="no organization"):
        path_from_agency_to_outcome(G, "Nobody at all", "heroin")
    with pytest.raises(KgError, match="no figure"):
        path_from_agency_to_outcome(G, "INL", "unicorns")
    isolated = one(G, "ISIS-K", "organization")
    assert path_from_agency_to_outcome(G, isolated, "heroin") == []


def test_activity_chains(G: nx.MultiDiGraph) -> None:
    chains = activity_chains(G)
    assert (
        "INL",
        "construction of border outposts and facilities",
        "Frontier Corps-KP",
        "reduced civilian and law enforcement casualties by 35 percent",
    ) in chains.rows
    assert {r[2] for r in chains.rows} >= {"Frontier Corps-KP", "Anti-Narcotics Force"}
    # the source states these outcomes with their activities (kg:outcomeOf)
    assert (
        "INL",
        "training of prosecutors, judges, courtroom administrators, and investigators "
        "on prosecutions",
        "",
        "trained over 1,150 prosecutors, judges, courtroom administrators, and investigators",
    ) in chains.rows


def test_summary_table(G: nx.MultiDiGraph) -> None:
    table = summary_table(G)
    assert table.column("kind") == list(KINDS)
    assert sum(table.column("count")) == G.number_of_nodes()
    with_relations = summary_table(G, relations=True)
    assert sum(dict(with_relations.rows)[f"-{r}->"] for r in RELATIONS) == G.number_of_edges()
    text = str(table)
    assert "organization" in text and "figure" in text
    assert "<table>" in table._repr_html_()


def test_corpus_network_merges_shared_organizations(corpus_graph: nx.MultiDiGraph) -> None:
    G = corpus_graph
    assert len([n for n, k in G.nodes(data="kind") if k == "program"]) >= 5
    assert len(find_nodes(G, INL, kind="organization")) == 1
    shared = shared_partners(G)
    row = dict(zip(shared.column("organization"), shared.column("programs"), strict=True))
    assert row[INL] >= 5
    assert path_from_agency_to_outcome(G, "INL", "heroin")


# --- pictures ---------------------------------------------------------------------------------

_REMOTE = re.compile(
    r"""(?:src|href|action)\s*=\s*["']?\s*(?:https?:)?//|url\(\s*["']?(?:https?:)?//|@import""",
    re.I,
)


def test_html_view_is_self_contained(pakistan_build: Path, tmp_path: Path) -> None:
    from kg.viz import write_view

    out = write_view(str(pakistan_build), tmp_path / "graph.html")
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert not _REMOTE.search(page), _REMOTE.search(page)
    assert "<link" not in page and not re.search(r"<script[^>]*\bsrc=", page)
    assert "default-src 'none'" in page  # the browser refuses any request the page might try
    for label in ("Frontier Corps-KP", "Anti-Narcotics Force", "INL program in Pakistan"):
        assert label in page
    data = json.loads(re.search(r'id="kg-data">(.*?)</script>', page, re.S).group(1))
    G = to_networkx(pakistan_build)
    assert len(data["nodes"]) == G.number_of_nodes()
    assert len(data["edges"]) == G.number_of_edges()
    heroin = next(n for n in data["nodes"] if n["label"] == "seizing 19.5 MT of heroin")
    assert heroin["quote"] == "seizing 19.5 MT of heroin" and heroin["kind"] == "figure"
    assert {d["kind"] for d in data["legend"]} == {k for _, k in G.nodes(data="kind")}
    assert [p.name for p in tmp_path.iterdir()] == ["graph.html"]  # no temporary left behind


def test_html_view_escapes_labels() -> None:
    from kg.viz import view_html

    G = nx.MultiDiGraph()
    G.add_node("x", kind="organization", label="</script><img src=x onerror=alert(1)>")
    page = view_html(G)
    assert "<img" not in page
    assert page.count("</script>") == 2  # the data block and the renderer, nothing injected


def test_png_view(pakistan_build: Path, tmp_path: Path) -> None:
    from kg.viz import write_view

    out = write_view(pakistan_build, tmp_path / "graph.png")
    data = out.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    assert width >= 800 and height >= 600
    assert len(data) > 50_000
    assert [p.name for p in tmp_path.iterdir()] == ["graph.png"]


def test_unknown_view_suffix_is_refused(pakistan_build: Path, tmp_path: Path) -> None:
    from kg.viz import write_view

    with pytest.raises(KgError, match=r"\.html.*\.png"):
        write_view(pakistan_build, tmp_path / "graph.svg")
    assert list(tmp_path.iterdir()) == []


def test_tables_and_charts(pakistan_build: Path) -> None:
    from matplotlib.figure import Figure

    from kg.viz import (
        figures_table,
        percent_changes_table,
        plot_percent_changes,
        plot_seizures,
        seizures_table,
    )

    store = load_store(pakistan_build)
    figures = figures_table(store)
    assert len(figures) == len(nodes_of_kind(to_networkx(store), "figure"))
    assert all(r["quote"] for r in figures.records())
    seizures = {r["what"]: r for r in seizures_table(store).records()}
    assert seizures["heroin seized"]["tonnes"] == 19.5
    assert seizures["hashish seized"]["reported_by"] == "Anti-Narcotics Force"
    changes = {r["percent"]: r["reported_by"] for r in percent_changes_table(store).records()}
    assert changes == {
        -35.0: "Frontier Corps-KP",
        -25.0: "Frontier Corps-KP",
        -20.0: "Frontier Corps-KP",
    }
    left, right = Figure().subplots(1, 2)
    plot_seizures(store, left)
    plot_percent_changes(store, right)
    assert len(left.patches) == 3 and len(right.patches) == 3
    assert "Anti-Narcotics Force" in [t.get_text() for t in left.get_legend().get_texts()]


def test_hover_shows_label_and_quote(pakistan_build: Path, tmp_path: Path) -> None:
    sync_api = pytest.importorskip("playwright.sync_api")
    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(chromium).is_file():
        pytest.skip("chromium is not installed")
    from kg.viz import write_view

    page_path = write_view(pakistan_build, tmp_path / "graph.html")
    requests: list[str] = []
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        try:
            page = browser.new_page(viewport={"width": 1200, "height": 900})
            page.on("request", lambda r: requests.append(r.url))
            page.goto(page_path.resolve().as_uri())
            page.locator('g.node[aria-label="seizing 19.5 MT of heroin"] circle').hover()
            tip = page.locator("#tip")
            assert tip.is_visible()
            text = tip.inner_text()
            assert "seizing 19.5 MT of heroin" in text and "\u201c" in text and "2017" in text
            page.fill("#search", "Frontier")
            assert page.locator("g.node.match").count() == 1
        finally:
            browser.close()
    assert all(url.startswith("file:") for url in requests), requests
