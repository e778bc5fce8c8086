"""The pages people open, driven in Debian's chromium: `kg serve`'s query page and `kg viz`.

Both must work offline: every request the query page makes goes to 127.0.0.1, and the viz page
makes none beyond its own file. Chromium comes from the system (``apt-get install chromium``);
playwright never downloads a browser here.
"""

from __future__ import annotations

import io
import os
import shutil
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = os.environ.get("KG_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
TIMEOUT_MS = 15_000

# CI sets KG_REQUIRE_BROWSER=1 so that a missing browser fails instead of skipping silently.
_REQUIRED = os.environ.get("KG_REQUIRE_BROWSER", "") not in ("", "0")
if not Path(CHROMIUM).is_file():
    reason = f"chromium not found at {CHROMIUM}: install it with 'apt-get install chromium'"
    if _REQUIRED:
        pytest.fail(reason, pytrace=False)
    pytest.skip(reason, allow_module_level=True)
try:
    from playwright import sync_api
except ImportError:
    if _REQUIRED:
        pytest.fail("playwright is missing: pip install -e '.[test]'", pytrace=False)
    pytest.skip("playwright is missing: pip install -e '.[test]'", allow_module_level=True)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Headless Debian chromium, no sandbox (CI runs as root), no background traffic."""
    with sync_api.sync_playwright() as pw:
        chromium = pw.chromium.launch(
            executable_path=CHROMIUM, args=ARGS, headless=True, timeout=60_000
        )
        try:
            yield chromium
        finally:
            chromium.close()


@dataclass
class Tab:
    """A browser page with every request it made and every console or page error."""

    page: Any
    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


@pytest.fixture()
def tab(browser: Any) -> Iterator[Tab]:
    """A fresh page in its own context, recording requests and errors."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = Tab(context.new_page())
    tab.page.set_default_timeout(TIMEOUT_MS)
    tab.page.on("request", lambda r: tab.requests.append(r.url))
    tab.page.on("console", lambda m: tab.errors.append(m.text) if m.type == "error" else None)
    tab.page.on("pageerror", lambda e: tab.errors.append(str(e)))
    try:
        yield tab
    finally:
        context.close()


@pytest.fixture(scope="module")
def server(pakistan_build: Path) -> Iterator[Any]:
    """The bundled Pakistan build served on a free port."""
    from kg.serve import start_server

    with start_server(pakistan_build, port=0) as running:
        yield running


def table_rows(page: Any) -> list[list[str]]:
    """The result table's body rows as lists of cell texts (row number column dropped)."""
    rows: list[list[str]] = page.eval_on_selector_all(
        "#result-table tbody tr",
        "rows => rows.map(r => Array.from(r.cells).slice(1).map(c => c.innerText.trim()))",
    )
    return rows


def run_and_wait(page: Any) -> None:
    """Click Run and wait until the status line reports the outcome."""
    page.evaluate("document.getElementById('status').textContent = ''")
    page.click("#run")
    page.wait_for_function(
        "() => /row|ms|true|false|Failed/.test(document.getElementById('status').textContent)"
        " && !document.getElementById('run').disabled"
    )


def assert_only_local(requests: list[str], port: int) -> None:
    assert requests
    for url in requests:
        parts = urllib.parse.urlsplit(url)
        if parts.scheme in ("data", "blob", "about"):
            continue
        assert parts.scheme == "http" and parts.hostname == "127.0.0.1", url
        assert parts.port == port, url


def test_query_page_runs_queries_offline(tab: Tab, server: Any, tmp_path: Path) -> None:
    page = tab.page
    page.goto(server.url)
    page.wait_for_selector("body[data-ready=true]")
    options = page.eval_on_selector_all("#named option", "os => os.map(o => o.value)")
    assert {"measurements", "organizations"} <= set(options)

    # The prefilled example: the ten reported figures, largest first.
    run_and_wait(page)
    headers = page.eval_on_selector_all("#result-table th", "ths => ths.map(t => t.innerText)")
    assert headers[1:] == ["value", "unit", "counted", "subject", "reported_by"]
    rows = table_rows(page)
    assert len(rows) == 10
    assert rows[0][0] == "190000000" and rows[0][1] == "unit:NUM"
    assert sum(r[4] == "Frontier Corps-KP" for r in rows) == 3
    assert any("heroin seized" in r[3] for r in rows)
    assert page.inner_text("#status").startswith("10 rows")
    page.screenshot(path=str(tmp_path / "query-page.png"), full_page=True)

    # A named query from the dropdown, then the same with its parameter bound.
    page.select_option("#named", "measurements")
    assert "kg:ReportedFigure" in page.input_value("#query")
    run_and_wait(page)
    assert len(table_rows(page)) == 10
    page.fill("#param-document", "pakistan")
    run_and_wait(page)
    assert len(table_rows(page)) == 10
    assert "document = pakistan" in page.inner_text("#status")
    page.fill("#param-document", "nowhere")
    run_and_wait(page)
    assert table_rows(page) == []
    page.fill("#query", "SELECT (COUNT(*) AS ?n) WHERE { ?f a kg:ReportedFigure }")
    run_and_wait(page)  # a text without the @param line is run as written
    assert table_rows(page) == [["10"]]

    page.select_option("#named", "organizations")
    run_and_wait(page)
    labels = [r[0] for r in table_rows(page)]
    assert "Frontier Corps-KP" in labels and "Anti-Narcotics Force" in labels

    # Errors are shown, not swallowed; updates are refused.
    page.fill("#query", "SELECT WHERE {")
    run_and_wait(page)
    assert page.is_visible("#error") and "400" in page.inner_text("#error")
    page.fill("#query", "INSERT DATA { <urn:a> <urn:b> <urn:c> }")
    run_and_wait(page)
    assert "read-only" in page.inner_text("#error")
    errors = [e for e in tab.errors if "status of 40" not in e]  # the refusals above

    assert_only_local(tab.requests, server.port)
    assert errors == []


def page_values(page: Any) -> list[list[str]]:
    """The result table's cells as the RDF terms' values, as ``kg query`` prints them."""
    rows: list[list[str]] = page.eval_on_selector_all(
        "#result-table tbody tr",
        """rows => rows.map(r => Array.from(r.cells).slice(1).map(c => {
             const iri = c.querySelector('span.iri');
             if (iri) return iri.title;
             const bnode = c.querySelector('span.bnode');
             if (bnode) return bnode.textContent;
             const first = c.firstChild;
             return first && first.nodeType === Node.TEXT_NODE ? first.nodeValue : '';
           }))""",
    )
    return rows


def _parameter_values(store: Any) -> dict[str, list[str]]:
    """Values to try for each parameter name: every organization, unit and year in the graph."""
    from kg.query import named_queries, run_query

    orgs = run_query(store, "SELECT DISTINCT ?l { ?o a org:Organization ; skos:prefLabel ?l }")
    figures = run_query(store, named_queries()["measurements"])
    units = sorted({r["unit"] for r in figures.records() if r["unit"]})
    years = sorted({r["year"] for r in figures.records() if r["year"]})
    return {
        "organization": [r[0] for r in orgs.rows] + ["INL", "nobody at all"],
        "document": ["pakistan", "nowhere"],
        "activity_type": ["training", "equipment", "nothing"],
        "direction": ["decrease", "increase"],
        "unit": [*units, "http://qudt.org/vocab/unit/NONE"],
        "year": [*years, "1999"],
        "calendar": ["calendar", "fiscal"],
    }


def test_every_named_query_with_each_parameter_matches_kg_query(
    tab: Tab, server: Any, pakistan_build: Path
) -> None:
    """The page binds each parameter on the server, as ``kg query --param`` does."""
    from kg.query import named_queries, run_query
    from kg.store import load_store

    store = load_store(pakistan_build)
    candidates = _parameter_values(store)
    page = tab.page
    page.goto(server.url)
    page.wait_for_selector("body[data-ready=true]")
    runs = 0
    distinct_org_answers = set()
    for name, nq in named_queries().items():
        page.select_option("#named", name)
        cases: list[dict[str, str]] = [{}]
        for param in nq.params:
            assert param.name in candidates, f"{name}: no test values for {param.name}"
            cases += [{param.name: value} for value in candidates[param.name]]
        for case in cases:
            for param in nq.params:
                page.fill(f"#param-{param.name}", case.get(param.name, ""))
            run_and_wait(page)
            assert not page.is_visible("#error"), (name, case, page.inner_text("#error"))
            expected = run_query(store, nq, case)
            shown = page_values(page)
            assert sorted(shown) == sorted(expected.rows), (name, case)
            if name == "organization-facts" and expected.rows:
                distinct_org_answers.add(tuple(map(tuple, shown)))
            runs += 1
    assert runs > 40
    # Each organization has its own facts (the page once showed every one's for any name).
    assert len(distinct_org_answers) > 5
    assert_only_local(tab.requests, server.port)
    assert tab.errors == []


def _drawn_elements(page: Any) -> int:
    """SVG node shapes that are visible: a size and a place inside the window."""
    count: int = page.evaluate(
        """() => Array.from(document.querySelectorAll('svg circle, svg ellipse, svg .node'))
            .map(e => e.getBoundingClientRect())
            .filter(r => r.width > 0 && r.height > 0 && r.right > 0 && r.bottom > 0
                         && r.left < innerWidth && r.top < innerHeight)
            .length"""
    )
    return count


def _canvas_colours(page: Any) -> int:
    """The most distinct colours on any canvas (0 if none): a blank canvas has one."""
    best = 0
    for handle in page.query_selector_all("canvas"):
        box = handle.bounding_box()
        if not box or box["width"] < 10 or box["height"] < 10:
            continue
        png = handle.screenshot()
        try:
            from PIL import Image
        except ImportError:  # pillow comes with matplotlib; without it, bytes must vary
            best = max(best, len(set(png)) // 8)
            continue
        image = Image.open(io.BytesIO(png)).convert("RGB")
        image.thumbnail((200, 200))
        best = max(best, len(set(image.getdata())))
    return best


def test_viz_page_draws_the_graph_offline(tab: Tab, pakistan_build: Path, tmp_path: Path) -> None:
    page = tab.page
    viz = pytest.importorskip("kg.viz", reason="kg viz (kg/viz.py) is not written yet")
    html = tmp_path / "graph.html"
    written = viz.write_view(pakistan_build, html)
    target = Path(written) if written else html
    page.goto(target.resolve().as_uri())
    page.wait_for_load_state("load")

    drawn = colours = 0
    for _ in range(50):  # layouts may settle for a moment before anything is drawn
        drawn, colours = _drawn_elements(page), _canvas_colours(page)
        if drawn >= 10 or colours > 1:  # the Pakistan graph alone has ten figures
            break
        page.wait_for_timeout(200)
    page.screenshot(path=str(tmp_path / "viz.png"))
    assert drawn >= 10 or colours > 1, f"the viz page drew {drawn} SVG nodes and no canvas"

    for url in tab.requests:
        assert urllib.parse.urlsplit(url).scheme in ("file", "data", "blob", "about"), url
    assert tab.errors == []


def test_viz_page_labels_edges_cards_and_unlinked_nodes(
    tab: Tab, pakistan_build: Path, tmp_path: Path
) -> None:
    """What a new user missed: edge kinds, a figure card with every attribute, unlinked nodes
    grouped behind one button, and (on a large graph) a short label on every figure."""
    import networkx as nx

    from kg.network import to_networkx
    from kg.viz import view_html, write_view

    page = tab.page
    page.goto(write_view(pakistan_build, tmp_path / "graph.html").resolve().as_uri())
    G = to_networkx(pakistan_build)
    assert page.locator("text.elabel").count() == G.number_of_edges()
    assert page.locator("#alone").inner_text() == "4 without links (show)"
    assert page.locator('g.node[aria-label="ISIS-K"]').is_hidden()
    page.click("#alone")
    assert page.locator('g.node[aria-label="ISIS-K"]').is_visible()
    assert "INL -achieves-> 9 of 10 figures" in page.locator("#notes").inner_text()
    page.locator('g.node[aria-label="seizing 19.5 MT of heroin"] circle').hover()
    card = page.locator("#tip").inner_text()
    expected_card = ("reported by", "Anti-Narcotics Force", "credited to", "place", "Pakistan")
    expected_card += ("2017", "metric ton", "document", "\u201cseizing 19.5 MT of heroin")
    for expected in expected_card:
        assert expected in card, expected
    labels = page.locator("text.elabel.hi")
    assert labels.count() >= 3 and "reports" in labels.all_text_contents()
    page.screenshot(path=str(tmp_path / "viz-card.png"))

    big = nx.MultiDiGraph()
    for i in range(70):
        big.add_node(f"f{i}", kind="figure", label=f"seized {i} MT of heroin in the U.S. port",
                     value=float(i * 1000), unit="metric-ton")  # fmt: skip
        if i:
            big.add_edge(f"f{i - 1}", f"f{i}", key="results-in", relation="results-in")
    (tmp_path / "big.html").write_text(view_html(big), encoding="utf-8")
    page.goto((tmp_path / "big.html").resolve().as_uri())
    brief = page.locator('g.node[aria-label="seized 12 MT of heroin in the U.S. port"] text.brief')
    assert brief.is_visible() and brief.text_content() == "12,000 t"
    full = page.locator('g.node[aria-label="seized 12 MT of heroin in the U.S. port"] text.full')
    assert full.is_hidden()  # zoomed out on a large graph: the short label only
    page.screenshot(path=str(tmp_path / "viz-big.png"))
    assert tab.errors == []
