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


# --- what a new user stumbled on ---------------------------------------------------------------


@pytest.fixture(scope="module")
def two_programs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled Pakistan facts and the team's synthetic Peru sheet in one build."""
    from kg.build import build
    from kg.resources import data_dir

    out = tmp_path_factory.mktemp("two-programs")
    root = Path(__file__).parent
    build([data_dir() / "pakistan.facts.yaml", root / "corpus" / "peru.gold.yaml"], out=out)
    return out


def test_program_nodes_are_labelled_by_country() -> None:
    store = ox.Store()
    store.load(
        b"""@prefix kg: <https://w3id.org/inl-kg/def#> .
        @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
        @prefix dcterms: <http://purl.org/dc/terms/> .
        @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
        <urn:p> a kg:CountryProgram ; dcterms:spatial <urn:tm> ;
          rdfs:label "Bureau for International Narcotics and Law Enforcement Affairs program" .
        <urn:tm> skos:prefLabel "Turkmenistan" .""",
        format=ox.RdfFormat.TURTLE,
    )
    G = to_networkx(store)
    assert G.nodes["urn:p"]["label"] == "INL program in Turkmenistan"
    assert G.nodes["urn:p"]["name"].startswith("Bureau for International")


def test_labels_are_never_cut_inside_a_word_or_abbreviation(G: nx.MultiDiGraph) -> None:
    from kg.network import clip, short_label
    from kg.viz import _wrap, view_data

    text = "promotes the key U.S. interest with the U.N. and the Dept. of Justice"
    for width in range(9, len(text) + 1):  # from the first word on (a longer word is cut)
        cut = clip(text, width).removesuffix("…")
        assert len(clip(text, width)) <= width
        assert text.startswith(cut) and text[len(cut) : len(cut) + 1] in ("", " "), (width, cut)
    for lines in (_wrap(text, 18, 3), _wrap(text, 22, 2)):
        for word in lines.replace("…", "").split():
            assert word in text.split(), (word, lines)
    for node in view_data(G)["nodes"]:
        words = {w.rstrip(",;:-") for w in str(node["label"]).split()}
        shown = " ".join(node["lines"]).replace("…", "").split()
        assert all(w.rstrip(",;:-") in words for w in shown) or node["kind"] == "organization", (
            node["lines"]
        )
    for n in G:
        label = short_label(G, n, width=20).removesuffix("…")
        assert label in str(G.nodes[n]["label"]) or G.nodes[n].get("aliases")


def test_png_groups_unlinked_nodes_and_summarises_hub_links(G: nx.MultiDiGraph) -> None:
    from matplotlib.figure import Figure

    from kg.viz import background_edges, draw_network, isolated_nodes

    lonely = isolated_nodes(G)
    assert len(lonely) == 4  # ISIS-K, Pakistani Taliban, Afghanistan, a training centre
    ax = Figure().subplots()
    draw_network(G, ax)
    texts = [t.get_text() for t in ax.texts]
    note = next(t for t in texts if "without links" in t)
    assert "4 nodes without links, not drawn" in note and "ISIS-K" in note
    assert "INL -achieves-> 9 of 10 figures" in note
    drawn = {t for t in texts if "without links" not in t}
    assert not any(t == "ISIS-K" for t in drawn)  # not drawn as a node
    hidden = background_edges(G)
    assert "https://w3id.org/inl-kg/id/program-pakistan" in {v for _, v, _ in hidden}


def test_view_card_lists_every_figure_attribute(G: nx.MultiDiGraph) -> None:
    from kg.viz import view_data

    data = view_data(G)
    heroin = next(n for n in data["nodes"] if n["label"] == "seizing 19.5 MT of heroin")
    card = dict(heroin["details"])
    for name in ("value", "unit", "qualifier", "change", "year", "reported by", "credited to"):
        assert name in card, name
    assert card["reported by"] == "Anti-Narcotics Force" and card["credited to"] == INL
    assert card["place"] == "Pakistan" and card["document"] == "pakistan"
    assert card["year"] == "2017" and card["change"] == "not stated"
    assert heroin["brief"] == "19.5 t"
    assert sum(n["alone"] for n in data["nodes"]) == 4
    assert "4 nodes without links" in data["alone"]
    assert {e["relation"] for e in data["edges"] if e["bg"]} >= {"achieves", "part-of"}


def test_multi_program_charts_name_the_country(two_programs: Path) -> None:
    from matplotlib.figure import Figure

    from kg.viz import (
        NO_ACTIVITIES,
        activity_types_per_program,
        plot_activity_types,
        plot_percent_changes,
        plot_seizures,
        program_countries,
    )

    assert sorted(program_countries(two_programs).values()) == ["Pakistan", "Peru"]
    left, right = Figure().subplots(1, 2)
    plot_seizures(two_programs, left)
    plot_percent_changes(two_programs, right)
    for ax in (left, right):
        ticks = [t.get_text() for t in ax.get_xticklabels() + ax.get_yticklabels()]
        labelled = [t for t in ticks if t and not t.lstrip("−-").replace(".", "").isdigit()]
        assert labelled and all(t.startswith(("Pakistan", "Peru")) for t in labelled), labelled
    table = activity_types_per_program(two_programs)
    countries = set(table.column("country"))
    assert countries == {"Pakistan", "Peru"}
    ax = Figure().subplots()
    plot_activity_types(two_programs, ax)
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Pakistan", "Peru"][::-1] or len(
        ax.get_yticklabels()
    ) == 2
    assert NO_ACTIVITIES not in table.column("activity_type") or any(
        NO_ACTIVITIES in t.get_text() for t in ax.texts
    )


def test_activity_chart_keeps_programs_without_activities(pakistan_build: Path) -> None:
    from matplotlib.figure import Figure

    from kg.viz import NO_ACTIVITIES, activity_types_per_program, plot_activity_types

    store = load_store(pakistan_build / "graph.trig")  # a writable copy in memory
    store.update(
        "DELETE WHERE { GRAPH ?g { ?a a <https://w3id.org/inl-kg/def#ProgramActivity> ; ?p ?o } }"
    )
    table = activity_types_per_program(store)
    assert table.rows == [("Pakistan", NO_ACTIVITIES, 0)]
    ax = Figure().subplots()
    plot_activity_types(store, ax)
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Pakistan"]
    assert any(NO_ACTIVITIES in t.get_text() for t in ax.texts)


def test_tables_group_thousands_without_scientific_notation() -> None:
    from kg.network import Table

    text = str(Table(("value",), [(5171250.0,), (1.9e8,), (19.5,)]))
    assert "5,171,250" in text and "190,000,000" in text and "19.5" in text
    assert "e+" not in text


def test_printed_tables_fit_100_columns(pakistan_build: Path) -> None:
    from kg.viz import figures_table, seizures_table

    for table in (figures_table(pakistan_build), seizures_table(pakistan_build)):
        text = str(table)
        assert max(len(line) for line in text.splitlines()) <= 100
        assert "190,000,000" in text or "19.5" in text
    assert "Bureau of International Narcotics and Law Enforcement Affairs" in str(
        figures_table(pakistan_build)
    )  # the vertical layout keeps whole values


# --- the timeline -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def budget_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two budget documents with fiscal-year funding lines, seizures and training counts."""
    from kg.build import build

    root = Path(__file__).resolve().parents[1]
    sources = [p for name in ("cbj-georgia", "factsheet-bolivia-2007")
               for p in root.glob(f"heldout*/{name}.gold.yaml")]  # fmt: skip
    assert len(sources) == 2
    out = tmp_path_factory.mktemp("budget-build")
    build(sources, out=out)
    return out


def test_timeline_table_reads_periods_accounts_and_substances(budget_build: Path) -> None:
    from kg.timeline import timeline_table

    bolivia = timeline_table(budget_build, "bolivia").records()
    funding = [(r["period"], r["value"]) for r in bolivia if r["series"] == "funding: INCLE"]
    assert funding == [
        ("FY2005", 90_100_000.0),
        ("FY2006", 79_200_000.0),
        ("FY2007", 66_000_000.0),
        ("FY2008", 47_000_000.0),
    ]
    assert all(r["country"] == "Bolivia" and r["unit"] for r in bolivia)
    georgia = timeline_table(budget_build, "cbj-georgia").records()
    series = {(r["series"], r["period"], r["unit"]) for r in georgia}
    assert ("seized: heroin", "2017", "metric ton") in series
    assert ("funding: INCLE", "FY2019", "USD") in series
    assert any(s.startswith("trained: ") and p == "FY2018" for s, p, _ in series)
    assert all(r["quote"] for r in georgia)


def test_timeline_figure_is_labelled_with_country_unit_and_source(budget_build: Path) -> None:
    from kg.timeline import timeline_figure

    fig = timeline_figure(budget_build, "Georgia")
    title = fig.get_suptitle()
    assert "INL program in Georgia" in title and "cbj-georgia" in title
    axes = fig.get_axes()
    assert [ax.get_ylabel() for ax in axes] == [
        "U.S. dollars",
        "metric tons seized",
        "people trained",
    ]
    ticks = [t.get_text() for t in axes[-1].get_xticklabels()]
    assert ticks == ["2017", "2018 / FY2018", "2019 / FY2019", "2020 / FY2020"]
    for ax in axes:
        labels = [t.get_text() for t in ax.get_yticklabels()]
        assert not any("e+" in t or "e-" in t for t in labels), labels
        assert "Georgia" in ax.get_title(loc="left")


def test_kg_viz_timeline(budget_build: Path, tmp_path: Path) -> None:
    import subprocess
    import sys

    def kg(*args: str) -> subprocess.CompletedProcess[str]:
        command = [sys.executable, "-m", "kg.cli", "viz", "--graph", str(budget_build), *args]
        return subprocess.run(command, capture_output=True, text=True, check=False)

    for suffix in ("png", "html"):
        one, two = tmp_path / f"a.{suffix}", tmp_path / f"b.{suffix}"
        for out in (one, two):
            done = kg("--timeline", "--program", "Bolivia", "--out", str(out))
            assert done.returncode == 0, done.stderr
        assert one.read_bytes() == two.read_bytes()  # same graph, same bytes
    page = (tmp_path / "a.html").read_text(encoding="utf-8")
    assert "default-src 'none'" in page and 'src="data:image/png;base64,' in page
    assert "INL program in Bolivia" in page and "FY2008" in page and "$47.0 million" in page
    assert not _REMOTE.search(page)
    for args, message in (
        (("--timeline", "--out", "t.png"), "give --program: one of Bolivia, Georgia"),
        (("--timeline", "--program", "Atlantis", "--out", "t.png"), "no program 'Atlantis'"),
        (("--timeline", "--program", "Bolivia", "--out", "t.svg"), "use .html or .png"),
        (("--program", "Bolivia", "--out", "t.png"), "--program goes with --timeline"),
    ):
        done = kg(*args)
        assert done.returncode != 0 and done.stderr.startswith("kg: error: ")
        assert message in done.stderr and len(done.stderr.splitlines()) == 1, done.stderr
