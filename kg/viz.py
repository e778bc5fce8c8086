"""Pictures of the graph: an offline interactive network page, static pictures and charts.

:func:`write_view` is what ``kg viz`` runs: ``.html`` gives one self-contained page (data, style
and our own small SVG renderer inlined; no CDN, no network request), ``.png`` a labelled
matplotlib picture. Both colour nodes by kind (see :data:`KIND_COLORS`) and carry a legend.

The other functions serve the notebooks: tables of figures and programs, charts of seizures,
percent changes and activity types, and the network drawn on a matplotlib axes. Every function
that takes ``graph`` accepts a pyoxigraph store, a graph file or a build folder.

>>> import tempfile, pathlib
>>> from kg.build import build
>>> tmp = pathlib.Path(tempfile.mkdtemp())
>>> _ = build(None, out=tmp / "out")
>>> page = write_view(str(tmp / "out"), tmp / "graph.html")
>>> "Frontier Corps-KP" in page.read_text(encoding="utf-8")
True
>>> write_view(str(tmp / "out"), tmp / "graph.png").read_bytes()[:4]
b'\\x89PNG'
>>> print(figures_table(tmp / "out").rows[5][:4])
('pakistan', 19.5, 'metric-ton', 'exact')
"""

from __future__ import annotations

import html
import json
import math
import os
import textwrap
from collections import Counter
from collections.abc import Iterable
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

import networkx as nx

from kg.editions import UNIT_SCALES
from kg.model import KgError
from kg.namespaces import UNIT_KEYS_BY_IRI, UNITS
from kg.network import (
    KINDS,
    GraphSource,
    Table,
    clip,
    nodes_of_kind,
    number_text,
    open_store,
    short_label,
    to_networkx,
)
from kg.query import get_query, run_query
from kg.store import atomic_write

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

#: Node colour per kind (Okabe-Ito palette: tells apart for colour-blind readers too).
KIND_COLORS: dict[str, str] = {
    "organization": "#0072B2",
    "group": "#56B4E9",
    "activity": "#E69F00",
    "figure": "#D55E00",
    "place": "#009E73",
    "program": "#CC79A7",
    "document": "#8C8C8C",
}
_OTHER_COLOR = "#444444"
#: Reporter colours for charts (cycled).
_SERIES = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#8C8C8C")

_UNIT_KEYS = UNIT_KEYS_BY_IRI
#: Mass units and their size in metric tons, from the one table of conversion factors.
TONNES: dict[str, float] = {
    key: float(factor / UNIT_SCALES[f"<{UNITS['metric-ton']}>"][1])
    for key, iri in UNITS.items()
    for dimension, factor in [UNIT_SCALES.get(f"<{iri}>", ("", 0))]
    if dimension == "mass"
}


# ---------------------------------------------------------------------------------------------
# Tables
# ---------------------------------------------------------------------------------------------

_COUNTRIES = """
SELECT ?document (MIN(?country) AS ?label)
WHERE {
  ?program a kg:CountryProgram ; dcterms:isReferencedBy/dcterms:identifier ?document .
  OPTIONAL { ?program dcterms:spatial/skos:prefLabel ?country }
}
GROUP BY ?document
"""


def program_countries(graph: GraphSource) -> dict[str, str]:
    """Each document's program country (its document name when the graph names no country)."""
    rows = run_query(open_store(graph), _COUNTRIES).records()
    return {r["document"]: r["label"] or r["document"] for r in rows}


def figures_table(graph: GraphSource) -> Table:
    """Every reported figure with its source quote, in document order (the ``measurements``
    named query, duplicate rows removed).

    Columns: ``document``, ``value`` (float), ``unit`` (a unit key, or what a count counts),
    ``qualifier``, ``change``, ``subject``, ``place``, ``year``, ``reported_by``, ``agency``,
    ``quote``.
    """
    store = open_store(graph)
    result = run_query(store, get_query("measurements"))
    seen: set[tuple[str, ...]] = set()
    rows: list[tuple[Any, ...]] = []
    for rec in result.records():
        key = tuple(rec.values())
        if key in seen:
            continue
        seen.add(key)
        unit = _UNIT_KEYS.get(rec["unit"], rec["unit"])
        if unit == "count" and rec.get("counted"):
            unit = rec["counted"]
        rows.append(
            (
                rec["document"],
                float(Decimal(rec["value"])),
                unit,
                rec["qualifier"],
                rec["change"] or None,
                rec["subject"] or None,
                rec["place"] or None,
                int(rec["year"]) if rec["year"] else None,
                rec["reported_by"] or None,
                rec["agency"] or None,
                rec["quote"],
            )
        )
    columns = (
        "document",
        "value",
        "unit",
        "qualifier",
        "change",
        "subject",
        "place",
        "year",
        "reported_by",
        "agency",
        "quote",
    )
    return Table(columns, rows)


def _is_seizure(rec: dict[str, Any]) -> bool:
    text = f"{rec['subject'] or ''} {rec['quote']}".casefold()
    return "seiz" in text and rec["unit"] in TONNES


def seizures_table(graph: GraphSource) -> Table:
    """Seizure figures stated as a mass, in metric tons, with their reporters.

    A seizure is a figure whose subject or quote speaks of seizing (the graph has no seizure
    class). Columns: ``country``, ``what``, ``tonnes``, ``year``, ``reported_by``, ``quote``.
    """
    store = open_store(graph)
    countries = program_countries(store)
    rows = [
        (
            countries.get(r["document"], r["document"]),
            r["subject"] or r["quote"],
            r["value"] * TONNES[r["unit"]],
            r["year"],
            r["reported_by"],
            r["quote"],
        )
        for r in figures_table(store).records()
        if _is_seizure(r)
    ]
    return Table(("country", "what", "tonnes", "year", "reported_by", "quote"), rows)


def percent_changes_table(graph: GraphSource) -> Table:
    """Figures that state a relative change in percent (signed: a decrease is negative).

    Columns: ``country``, ``subject``, ``percent``, ``reported_by``, ``agency``, ``quote``.
    """
    store = open_store(graph)
    countries = program_countries(store)
    rows = [
        (
            countries.get(r["document"], r["document"]),
            r["subject"] or r["quote"],
            -r["value"] if r["change"] == "decrease" else r["value"],
            r["reported_by"],
            r["agency"],
            r["quote"],
        )
        for r in figures_table(store).records()
        if r["unit"] == "percent" and r["change"]
    ]
    return Table(("country", "subject", "percent", "reported_by", "agency", "quote"), rows)


_FIGURES_PER_PROGRAM = """
SELECT ?document (COUNT(DISTINCT ?fig) AS ?figures) (COUNT(DISTINCT ?changed) AS ?changes)
       (COUNT(DISTINCT ?reported) AS ?reported) (COUNT(DISTINCT ?credited) AS ?credited)
WHERE {
  ?program a kg:CountryProgram ; dcterms:isReferencedBy/dcterms:identifier ?document .
  OPTIONAL {
    ?fig a kg:ReportedFigure ; dcterms:isPartOf ?program .
    OPTIONAL { ?fig kg:change ?c . BIND(?fig AS ?changed) }
    OPTIONAL { ?fig sosa:hasResult/prov:wasAttributedTo ?r . BIND(?fig AS ?reported) }
    OPTIONAL { ?fig kg:creditedTo ?a . BIND(?fig AS ?credited) }
  }
}
GROUP BY ?document
ORDER BY ?document
"""


def figures_per_program(graph: GraphSource) -> Table:
    """Per program: how many figures, how many state a change, name a reporter, credit an
    agency. Columns: ``country``, ``figures``, ``changes``, ``reported``, ``credited``."""
    store = open_store(graph)
    countries = program_countries(store)
    rows = [
        (
            countries.get(r["document"], r["document"]),
            int(r["figures"]),
            int(r["changes"]),
            int(r["reported"]),
            int(r["credited"]),
        )
        for r in run_query(store, _FIGURES_PER_PROGRAM).records()
    ]
    return Table(("country", "figures", "changes", "reported", "credited"), rows)


_ACTIVITY_TYPES = """
SELECT ?document ?type (COUNT(DISTINCT ?activity) AS ?n)
WHERE {
  ?activity a kg:ProgramActivity ;
            dcterms:isPartOf/dcterms:isReferencedBy/dcterms:identifier ?document ;
            kg:activityType ?concept .
  OPTIONAL { ?concept skos:prefLabel ?label }
  BIND(COALESCE(STR(?label), STR(?concept)) AS ?type)
}
GROUP BY ?document ?type
ORDER BY ?document ?type
"""


#: The activity type of a program's row when the graph has none of its activities.
NO_ACTIVITIES = "(no activities extracted)"


def activity_types_per_program(graph: GraphSource) -> Table:
    """Activities per program and activity type. Columns: ``country``, ``activity_type``,
    ``activities``. A program with no activities in the graph has one row
    ``(country, NO_ACTIVITIES, 0)``, so that it does not silently disappear."""
    store = open_store(graph)
    countries = program_countries(store)
    rows: list[tuple[Any, ...]] = [
        (countries.get(r["document"], r["document"]), r["type"], int(r["n"]))
        for r in run_query(store, _ACTIVITY_TYPES).records()
    ]
    present = {r[0] for r in rows}
    rows += [(c, NO_ACTIVITIES, 0) for c in sorted(set(countries.values()) - present)]
    rows.sort(key=lambda r: (r[0], r[1]))
    return Table(("country", "activity_type", "activities"), rows)


# ---------------------------------------------------------------------------------------------
# Charts
# ---------------------------------------------------------------------------------------------


def _wrap(text: str, width: int = 34, lines: int = 2) -> str:
    """``text`` in at most ``lines`` lines of ``width``, broken at spaces only (never inside a
    word or an abbreviation such as "U.S."), the rest cut with an ellipsis."""
    words = text.split()
    out: list[str] = []
    for word in words:
        if out and len(out[-1]) + 1 + len(word) <= width:
            out[-1] += " " + word
        else:
            out.append(word)
    if len(out) > lines:
        out = out[:lines]
        out[-1] = clip(out[-1] + " …", width) if len(out[-1]) + 2 > width else out[-1] + " …"
        out[-1] = out[-1].replace(" …", "…")
    return "\n".join(clip(line, max(width, 12)) for line in out)


def _empty(ax: Axes, message: str) -> None:
    ax.text(0.5, 0.5, message, ha="center", va="center", transform=ax.transAxes, color="#666")
    ax.set_axis_off()


def _reporter_colors(reporters: Iterable[str]) -> dict[str, str]:
    names = sorted(set(reporters), key=lambda r: (r == "not stated", r))
    return {
        r: ("#BBBBBB" if r == "not stated" else _SERIES[i % len(_SERIES)])
        for i, r in enumerate(names)
    }


def _countries_note(store: Any, countries: list[str]) -> tuple[bool, str]:
    """Whether each bar must name its country (the graph has several programs), and the
    title's suffix naming the one country when all bars share it."""
    several = len(program_countries(store)) > 1
    shown = sorted(set(countries))
    return several, (f" in {shown[0]}" if len(shown) == 1 else "")


def plot_seizures(graph: GraphSource, ax: Axes) -> Axes:
    """Bar chart of seizures in metric tons, one bar per figure, coloured by who reported it.

    >>> import matplotlib.figure
    >>> ax = matplotlib.figure.Figure().subplots()
    >>> _ = plot_seizures(__import__("pyoxigraph").Store(), ax)
    """
    store = open_store(graph)
    table = seizures_table(store)
    if not table.rows:
        _empty(ax, "no seizures stated as a mass")
        return ax
    multi, where = _countries_note(store, table.column("country"))
    recs = table.records()
    colors = _reporter_colors(r["reported_by"] or "not stated" for r in recs)
    labels = [
        (f"{r['country']}\n" if multi else "")
        + _wrap(str(r["what"]), 18, 3)
        + (f"\n({r['year']})" if r["year"] else "")
        for r in recs
    ]
    xs = range(len(recs))
    bars = ax.bar(
        xs,
        [r["tonnes"] for r in recs],
        color=[colors[r["reported_by"] or "not stated"] for r in recs],
    )
    ax.bar_label(bars, labels=[f"{r['tonnes']:g} t" for r in recs], padding=2, fontsize=9)
    ax.set_xticks(list(xs), labels, fontsize=8)
    ax.set_ylabel("metric tons seized")
    ax.set_title("Seizures and who reported them" + where)
    ax.margins(y=0.15)
    _legend(ax, colors, "reported by")
    ax.spines[["top", "right"]].set_visible(False)
    return ax


def plot_percent_changes(graph: GraphSource, ax: Axes) -> Axes:
    """Horizontal bars of the percent changes stated (decreases to the left), coloured by who
    reported them; each bar is labelled with its signed value."""
    store = open_store(graph)
    table = percent_changes_table(store)
    if not table.rows:
        _empty(ax, "no percent changes stated")
        return ax
    multi, where = _countries_note(store, table.column("country"))
    recs = table.records()
    colors = _reporter_colors(r["reported_by"] or "not stated" for r in recs)
    ys = list(range(len(recs)))[::-1]
    bars = ax.barh(
        ys,
        [r["percent"] for r in recs],
        color=[colors[r["reported_by"] or "not stated"] for r in recs],
    )
    ax.bar_label(bars, labels=[f"{r['percent']:+g}%" for r in recs], padding=3, fontsize=9)
    ax.set_yticks(
        ys,
        [(f"{r['country']}: " if multi else "") + _wrap(str(r["subject"]), 40) for r in recs],
        fontsize=8,
    )
    ax.axvline(0, color="#333", linewidth=0.8)
    lo = min(0.0, *(r["percent"] for r in recs))
    hi = max(0.0, *(r["percent"] for r in recs))
    pad = 0.25 * max(hi - lo, 1.0)
    ax.set_xlim(lo - (pad if lo < 0 else pad / 5), hi + (pad if hi > 0 else pad / 5))
    ax.set_xlabel("change stated (percent)")
    ax.set_title("Percent changes and who reported them" + where)
    _legend(ax, colors, "reported by")
    ax.spines[["top", "right"]].set_visible(False)
    return ax


def plot_figures_per_program(graph: GraphSource, ax: Axes) -> Axes:
    """Grouped bars per program: figures, and how many name a reporter or credit an agency."""
    table = figures_per_program(graph)
    if not table.rows:
        _empty(ax, "no figures")
        return ax
    series = ("figures", "reported", "credited")
    width = 0.8 / len(series)
    xs = list(range(len(table.rows)))
    for i, name in enumerate(series):
        ax.bar(
            [x + (i - 1) * width for x in xs],
            table.column(name),
            width,
            label=name,
            color=_SERIES[i],
        )
    ax.set_xticks(xs, [str(c) for c in table.column("country")], rotation=20, ha="right")
    ax.set_ylabel("figures")
    ax.set_title("Figures per program")
    ax.legend(frameon=False)
    ax.spines[["top", "right"]].set_visible(False)
    return ax


def plot_activity_types(graph: GraphSource, ax: Axes) -> Axes:
    """Stacked horizontal bars: each program's activities by activity type."""
    table = activity_types_per_program(graph)
    if not table.rows:
        _empty(ax, "no activities")
        return ax
    countries = sorted(set(table.column("country")))
    types = sorted(set(table.column("activity_type")) - {NO_ACTIVITIES})
    counts = {(r[0], r[1]): r[2] for r in table.rows}
    cmap = _type_colors(types)
    left = [0] * len(countries)
    ys = list(range(len(countries)))[::-1]
    for t in types:
        widths = [counts.get((c, t), 0) for c in countries]
        ax.barh(ys, widths, left=left, label=t, color=cmap[t], edgecolor="white")
        left = [a + b for a, b in zip(left, widths, strict=True)]
    for y, total in zip(ys, left, strict=True):
        if total == 0:
            ax.text(0.05, y, NO_ACTIVITIES, va="center", fontsize=8, color="#666")
    ax.set_yticks(ys, countries)
    ax.set_xlabel("activities")
    ax.set_title("Activity types per program")
    if types:
        ax.legend(frameon=False, fontsize=8, loc="upper left", bbox_to_anchor=(1.01, 1))
    ax.spines[["top", "right"]].set_visible(False)
    return ax


def _type_colors(types: list[str]) -> dict[str, Any]:
    from matplotlib import colormaps

    cmap = colormaps["tab20"]
    return {t: cmap(i % 20) for i, t in enumerate(types)}


def _legend(ax: Axes, colors: dict[str, str], title: str) -> None:
    from matplotlib.patches import Patch

    handles = [Patch(color=c, label=name) for name, c in colors.items()]
    ax.legend(handles=handles, title=title, frameon=False, fontsize=8, title_fontsize=8)


# ---------------------------------------------------------------------------------------------
# The network on a matplotlib axes
# ---------------------------------------------------------------------------------------------

#: The relations of the agency -> activity -> outcome story.
STORY_RELATIONS: tuple[str, ...] = ("implements", "benefits", "funds", "reports", "achieves")


def story_subgraph(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """The agency -> activity -> beneficiary / outcome part of a network: organizations, groups,
    activities and figures linked by implements, benefits, funds, reports and achieves
    (nodes without such a link are left out)."""
    H = nx.MultiDiGraph()
    keep = [(u, v, k) for u, v, k in G.edges(keys=True) if k in STORY_RELATIONS]
    for n in sorted({n for u, v, _ in keep for n in (u, v)}):
        H.add_node(n, **G.nodes[n])
    for u, v, k in keep:
        H.add_edge(u, v, key=k, **G.edges[u, v, k])
    return H


#: Ideal edge length per relation in the layout (other relations: 1).
_EDGE_LENGTHS: dict[str, float] = {"part-of": 2.0, "located-in": 1.5}


_ISOLATED_PER_ROW = 6


def _spread(A: Any, *, width: float = 0.13, height: float = 0.06, rounds: int = 60) -> Any:
    """Push apart points (normalized to the unit square) closer than a label's box, so that
    labels overlap less; returns the adjusted array (same shape)."""
    import numpy as np

    if len(A) < 2:
        return A
    lo, hi = A.min(0), A.max(0)
    P = (A - lo) / np.where(hi > lo, hi - lo, 1.0)
    scale = np.array([width, height])
    for _ in range(rounds):
        diff = (P[:, None, :] - P[None, :, :]) / scale
        dist = np.sqrt((diff**2).sum(-1))
        np.fill_diagonal(dist, 1e9)
        close = dist < 1.0
        if not close.any():
            break
        safe = np.where(dist == 0, 1e-6, dist)
        push = np.where(close, (1.0 - dist) / safe, 0.0)[:, :, None] * diff
        P = P + 0.25 * push.sum(1) * scale
    return P


Edge = tuple[str, str, str]


def background_edges(G: nx.MultiDiGraph, *, share: float = 0.5, least: int = 5) -> set[Edge]:
    """The edges that would turn a picture into a star: every ``part-of`` link to a program,
    and the links of a hub that has one relation to at least ``share`` of all the nodes of a
    kind (and at least ``least`` of them), such as INL credited with most figures. Pictures
    leave them out of the layout and draw them faintly or summarise them
    (:func:`background_summary`)."""
    totals = Counter(str(k) for _, k in G.nodes(data="kind"))
    edges: set[Edge] = set()
    for u, v, k in G.edges(keys=True):
        if k == "part-of" and G.nodes[v].get("kind") == "program":
            edges.add((u, v, str(k)))
    for u in G:
        fan: dict[tuple[str, str], list[str]] = {}
        for _, v, k in G.out_edges(u, keys=True):
            fan.setdefault((str(k), str(G.nodes[v].get("kind"))), []).append(v)
        for (k, kind), targets in fan.items():
            if len(targets) >= least and len(targets) >= share * totals[kind]:
                edges |= {(u, v, k) for v in targets}
    return edges


def background_summary(G: nx.MultiDiGraph, edges: Iterable[Edge]) -> list[str]:
    """One sentence per source and relation of background edges, e.g. "INL -achieves-> 7 of 10
    figures"."""
    totals = Counter(str(k) for _, k in G.nodes(data="kind"))
    groups: Counter[tuple[str, str, str]] = Counter()
    for u, v, k in edges:
        if k == "part-of" and G.nodes[v].get("kind") == "program":
            groups[("", "-part-of-> its program:", str(G.nodes[u].get("kind")))] += 1
        else:
            groups[(u, f"-{k}->", str(G.nodes[v].get("kind")))] += 1
    return [
        f"{short_label(G, n, width=40) if n else 'each'} {rel} {count} of {totals[kind]} "
        f"{_plural(kind)}"
        for (n, rel, kind), count in sorted(groups.items(), key=lambda g: (not g[0][0], g[0]))
    ]


def _plural(kind: str) -> str:
    return kind[:-1] + "ies" if kind.endswith("y") else kind + "s"


def isolated_nodes(G: nx.MultiDiGraph) -> list[str]:
    """Nodes without any link, in the graph's order."""
    return [n for n in G if G.degree(n) == 0]


def isolated_summary(G: nx.MultiDiGraph, nodes: list[str]) -> str:
    """A line naming the unlinked nodes by kind ("4 nodes without links: 3 organizations (ISIS-K,
    …), 1 place (Afghanistan)"), or ``""``."""
    if not nodes:
        return ""
    parts = []
    for kind in [*KINDS, "other"]:
        some = [n for n in nodes if (G.nodes[n].get("kind") or "other") == kind]
        if some:
            names = ", ".join(short_label(G, n, width=30) for n in some[:4])
            more = ", …" if len(some) > 4 else ""
            noun = kind if len(some) == 1 else _plural(kind)
            parts.append(f"{len(some)} {noun} ({names}{more})")
    noun = "node" if len(nodes) == 1 else "nodes"
    return f"{len(nodes)} {noun} without links, not drawn: " + "; ".join(parts)


def layout(
    G: nx.MultiDiGraph,
    *,
    seed: int = 7,
    iterations: int = 300,
    ignore: Iterable[Edge] = (),
) -> dict[str, tuple[float, float]]:
    """Deterministic node positions in ``[0, 1]`` squared, ``y`` upward.

    A stress layout (numpy only, no scipy): linked nodes are placed so that their distances
    match shortest-path distances in the network. Hubs (an agency linked to almost everything,
    degree above ``max(12, 4 sqrt(n))``) are left out of the distances and then put at the
    centre of their neighbours, so several programs form separate clusters around their
    common agency. Isolated nodes line the bottom edge. Edges in ``ignore`` (see
    :func:`background_edges`) do not pull nodes together; a node linked only by them is put at
    the centre of its neighbours.

    >>> G = nx.MultiDiGraph([("a", "b"), ("b", "c")])
    >>> pos = layout(G)
    >>> sorted(pos) == ["a", "b", "c"] and all(0 <= x <= 1 and 0 <= y <= 1 for x, y in pos.values())
    True
    """
    import numpy as np

    skip = set(ignore)
    simple = nx.Graph()
    simple.add_nodes_from(G)
    for u, v, k in G.edges(keys=True):
        if (u, v, k) in skip:
            continue
        length = _EDGE_LENGTHS.get(str(k), 1.0)
        if simple.has_edge(u, v):
            length = min(length, simple[u][v]["length"])
        simple.add_edge(u, v, length=length)
    linked = [n for n in G if simple.degree(n) > 0]
    isolated = [n for n in G if simple.degree(n) == 0 and G.degree(n) == 0]
    hangers = [n for n in G if simple.degree(n) == 0 and G.degree(n) > 0]
    threshold = max(12.0, 4 * math.sqrt(len(G)))
    core = [n for n in linked if simple.degree(n) <= threshold] or linked
    hubs = [n for n in linked if n not in set(core)]
    index = {n: i for i, n in enumerate(core)}
    size = len(core)
    points: dict[str, Any] = {}
    if size:
        dist = np.full((size, size), np.inf)
        for s, lengths in nx.all_pairs_dijkstra_path_length(simple.subgraph(core), weight="length"):
            for t, d in lengths.items():
                dist[index[s], index[t]] = d
        finite = dist[np.isfinite(dist)]
        dist[~np.isfinite(dist)] = (finite.max() if finite.size else 0.0) + 1.0
        np.fill_diagonal(dist, 0.0)
        weight = np.zeros_like(dist)
        weight[dist > 0] = dist[dist > 0] ** -2.0
        totals = weight.sum(1)[:, None]
        totals[totals == 0] = 1.0
        X = np.random.default_rng(seed).random((size, 2)) * math.sqrt(size)
        for _ in range(iterations if size > 1 else 0):
            diff = X[:, None, :] - X[None, :, :]
            norm = np.sqrt((diff**2).sum(-1)) + 1e-9
            X = (
                weight[:, :, None] * (X[None, :, :] + dist[:, :, None] * diff / norm[:, :, None])
            ).sum(1)
            X = X / totals
        points = {n: X[index[n]] for n in core}
        for h in hubs:
            near = [points[m] for m in simple[h] if m in points]
            points[h] = np.mean(near, axis=0) if near else X.mean(0)
        # Nodes linked only by ignored links: around the centre of their neighbours, spread on
        # a small circle so that several with the same neighbours do not pile up.
        anchors: dict[tuple[str, ...], list[str]] = {}
        for h in hangers:
            key = tuple(sorted(m for m in set(nx.all_neighbors(G, h)) if m in points))
            anchors.setdefault(key, []).append(h)
        for key, group in anchors.items():
            centre = np.mean([points[m] for m in key], axis=0) if key else X.mean(0)
            radius = 0.0 if len(group) == 1 else 0.5 + 0.08 * len(group)
            for k, h in enumerate(group):
                angle = 2 * math.pi * k / len(group) + 0.3
                points[h] = centre + radius * np.array([math.cos(angle), math.sin(angle)])
    rows = math.ceil(len(isolated) / _ISOLATED_PER_ROW)
    bottom = 0.07 * rows + 0.05 if isolated and points else 0.0
    pos: dict[str, tuple[float, float]] = {}
    if points:
        A = _spread(np.array(list(points.values())))
        (x0, y0), (x1, y1) = A.min(0), A.max(0)
        for n, p in zip(points, A, strict=True):
            x = float((p[0] - x0) / (x1 - x0)) if x1 > x0 else 0.5
            y = float((p[1] - y0) / (y1 - y0)) if y1 > y0 else 0.5
            pos[n] = (x, bottom + (1 - bottom) * y)
    for h in hangers:
        pos.setdefault(h, (0.5, 0.5))
    per_row = min(len(isolated), _ISOLATED_PER_ROW)
    for i, n in enumerate(isolated):
        row, col = divmod(i, _ISOLATED_PER_ROW)
        y = 0.07 * (rows - 1 - row) if points else 0.5 - 0.07 * row
        pos[n] = ((col + 0.5) / per_row, y)
    return pos


def draw_network(
    G: nx.MultiDiGraph,
    ax: Axes,
    *,
    seed: int = 7,
    label_width: int = 28,
    font_size: float = 7.0,
    legend: bool = True,
    notes: bool = True,
) -> Axes:
    """Draw a network on a matplotlib axes: nodes coloured by kind and sized by degree, each
    with its label (broken at spaces only), arrows in the edge direction, and a legend of kinds.

    With ``notes``, nodes without links are not drawn but counted and named under the picture,
    and hub links that would make a star (:func:`background_edges`: INL credited with most
    figures, everything part of the one program) are summarised there instead of drawn.

    >>> import matplotlib.figure
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("a", kind="organization", label="INL")
    >>> _ = draw_network(G, matplotlib.figure.Figure().subplots())
    """
    lines: list[str] = []
    if notes:
        lonely = isolated_nodes(G)
        if lonely and len(lonely) < len(G):
            lines.append(isolated_summary(G, lonely))
            G = G.subgraph([n for n in G if n not in set(lonely)]).copy()
        hidden = background_edges(G)
        summary = background_summary(G, hidden)
        if summary:
            lines.insert(0, "Links not drawn: " + "; ".join(summary))
    else:
        hidden = set()
    pos = layout(G, seed=seed, ignore=hidden)
    simple = nx.DiGraph()
    simple.add_nodes_from(G)
    simple.add_edges_from((u, v) for u, v, k in G.edges(keys=True) if (u, v, k) not in hidden)
    if simple.number_of_edges():
        nx.draw_networkx_edges(
            simple,
            pos,
            ax=ax,
            edge_color="#9A9A9A",
            width=0.8,
            alpha=0.8,
            arrows=True,
            arrowsize=8,
            node_size=[_node_size(G, n) for n in simple],
        )
    if lines:
        ax.text(
            0.0,
            -0.01,
            "\n".join(textwrap.fill(line, 150) for line in lines),
            transform=ax.transAxes,
            ha="left",
            va="top",
            fontsize=8,
            color="#444",
        )
    present = [k for k in KINDS if any(d == k for _, d in G.nodes(data="kind"))]
    present += sorted({str(d) for _, d in G.nodes(data="kind")} - set(KINDS))
    for kind in present:
        nodes = [n for n, d in G.nodes(data="kind") if d == kind]
        ax.scatter(
            [pos[n][0] for n in nodes],
            [pos[n][1] for n in nodes],
            s=[_node_size(G, n) for n in nodes],
            c=KIND_COLORS.get(kind, _OTHER_COLOR),
            edgecolors="white",
            linewidths=0.8,
            label=f"{kind} ({len(nodes)})",
            zorder=3,
        )
    for n in G:
        x, y = pos[n]
        ax.annotate(
            _wrap(short_label(G, n, width=2 * label_width), label_width),
            (x, y),
            xytext=(0, -6 - math.sqrt(_node_size(G, n)) / 2),
            textcoords="offset points",
            ha="center",
            va="top",
            fontsize=font_size,
            color="#222",
            zorder=2.5,
            bbox={"boxstyle": "round,pad=0.1", "fc": "white", "ec": "none", "alpha": 0.6},
        )
    if legend and present:
        ax.legend(
            loc="upper left",
            bbox_to_anchor=(1.0, 1.0),
            frameon=False,
            fontsize=9,
            title="kind",
            markerscale=0.6,
        )
    ax.set_xlim(-0.08, 1.08)
    ax.set_ylim(-0.1, 1.05)
    ax.set_axis_off()
    return ax


def _node_size(G: nx.MultiDiGraph, n: str) -> float:
    degree = len(set(G.successors(n)) | set(G.predecessors(n)))
    return 60.0 + 40.0 * math.sqrt(degree) * (2.0 if G.nodes[n].get("kind") == "program" else 1.0)


def network_figure(G: nx.MultiDiGraph, *, title: str | None = None, seed: int = 7) -> Figure:
    """A matplotlib figure (not registered with pyplot) of a network, sized to its node count."""
    from matplotlib.figure import Figure

    side = min(22.0, 9.0 + 0.09 * G.number_of_nodes())
    fig = Figure(figsize=(side + 2.5, side * 0.75), dpi=110, layout="constrained")
    ax = fig.add_subplot()
    draw_network(G, ax, seed=seed)
    ax.set_title(title or graph_title(G), fontsize=13)
    return fig


def graph_title(G: nx.MultiDiGraph) -> str:
    """A title for a network: its program's label, or the number of programs."""
    programs = sorted(str(G.nodes[p]["label"]) for p in nodes_of_kind(G, "program"))
    if len(programs) == 1:
        return programs[0]
    if programs:
        return f"{len(programs)} country programs"
    return "knowledge graph"


# ---------------------------------------------------------------------------------------------
# The offline HTML view
# ---------------------------------------------------------------------------------------------

_DETAIL_KEYS: tuple[tuple[str, str], ...] = (
    ("org_kind", "organization kind"),
    ("aliases", "also called"),
    ("activity_type_label", "activity type"),
    ("sector", "sector (DAC code)"),
    ("value", "value"),
    ("unit", "unit"),
    ("counted", "counted"),
    ("qualifier", "qualifier"),
    ("change", "change"),
    ("subject", "subject"),
    ("year", "year"),
    ("reported_by", "reported by"),
    ("agency", "credited to"),
    ("place", "place"),
    ("place_kind", "place kind"),
    ("code", "ISO code"),
    ("country", "country"),
    ("name", "name in the graph"),
    ("title", "title"),
    ("document", "document"),
)
#: Attributes a figure's card always lists, "not stated" when the graph has none.
_FIGURE_KEYS = frozenset(
    ("value", "unit", "qualifier", "change", "year", "reported_by", "agency", "place", "document")
)


def _details(data: dict[str, Any]) -> list[list[str]]:
    out: list[list[str]] = []
    figure = data.get("kind") == "figure"
    for key, name in _DETAIL_KEYS:
        value = data.get(key)
        if key == "year" and data.get("period"):
            value = data["period"]
        if key == "name" and value == data.get("label"):
            continue
        if value in (None, "", ()):
            if figure and key in _FIGURE_KEYS:
                out.append([name, "not stated"])
            continue
        if isinstance(value, float):
            value = number_text(value)
        elif isinstance(value, tuple | list):
            value = ", ".join(map(str, value))
        elif key == "unit":
            value = str(value).replace("-", " ")
        out.append([name, str(value)])
    return out


def _brief(G: nx.MultiDiGraph, n: str) -> str:
    """A one-line label of at most 24 characters: a figure's value and unit, else its label."""
    data = G.nodes[n]
    if data.get("kind") == "figure" and data.get("value") is not None:
        unit = str(data.get("unit") or "")
        unit = {"percent": "%", "metric-ton": "t", "count": str(data.get("counted") or "")}.get(
            unit, unit.replace("-", " ")
        )
        sign = {"decrease": "−", "increase": "+"}.get(str(data.get("change")), "")
        gap = "" if unit == "%" else " "
        return clip(f"{sign}{number_text(float(data['value']))}{gap}{unit}".strip(), 24)
    return short_label(G, n, width=24)


def view_data(G: nx.MultiDiGraph, *, seed: int = 7) -> dict[str, Any]:
    """The JSON-ready data of the HTML view: nodes (with layout position, colour, label lines,
    a one-line brief label, details and quote; ``alone`` for nodes without links), edges (with
    their relation; ``bg`` for hub links drawn faintly, :func:`background_edges`) and legend."""
    hidden = background_edges(G)
    pos = layout(G, seed=seed, ignore=hidden)
    index = {n: i for i, n in enumerate(G)}
    nodes = []
    for n, data in G.nodes(data=True):
        kind = str(data.get("kind", "other"))
        degree = len(set(G.successors(n)) | set(G.predecessors(n)))
        nodes.append(
            {
                "id": n,
                "kind": kind,
                "label": str(data.get("label") or n),
                "lines": _wrap(short_label(G, n, width=44), 22).split("\n"),
                "brief": _brief(G, n),
                "alone": degree == 0,
                "x": round(pos[n][0], 5),
                "y": round(1 - pos[n][1], 5),
                "r": round(5 + 2.2 * math.sqrt(degree) * (1.6 if kind == "program" else 1), 2),
                "color": KIND_COLORS.get(kind, _OTHER_COLOR),
                "details": _details(data),
                "quote": data.get("quote") or "",
            }
        )
    edges = [
        {"s": index[u], "t": index[v], "relation": str(k), "bg": (u, v, str(k)) in hidden}
        for u, v, k in G.edges(keys=True)
    ]
    kinds = Counter(str(d) for _, d in G.nodes(data="kind"))
    legend = [
        {"kind": k, "color": KIND_COLORS.get(k, _OTHER_COLOR), "count": kinds[k]}
        for k in [*KINDS, *sorted(set(kinds) - set(KINDS))]
        if kinds.get(k)
    ]
    return {
        "title": graph_title(G),
        "nodes": nodes,
        "edges": edges,
        "legend": legend,
        "alone": isolated_summary(G, isolated_nodes(G)),
        "background": background_summary(G, hidden),
    }


def _script_json(data: Any) -> str:
    """JSON safe inside a ``<script>`` element (no ``</script>``, no HTML comment openers)."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


_CSS = """
*{box-sizing:border-box}
body{margin:0;font:14px/1.4 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#222;
  background:#fafafa;display:flex;flex-direction:column;height:100vh}
header{padding:8px 14px;border-bottom:1px solid #ddd;background:#fff;display:flex;gap:18px;
  align-items:center;flex-wrap:wrap}
h1{font-size:17px;margin:0;font-weight:600}
#legend{display:flex;gap:6px;flex-wrap:wrap}
#legend button{border:1px solid #ccc;background:#fff;border-radius:12px;padding:2px 9px;
  cursor:pointer;font:inherit;font-size:12px;display:flex;align-items:center;gap:5px}
#legend button.off{opacity:.35}
#legend i{width:11px;height:11px;border-radius:50%;display:inline-block}
#search{padding:3px 8px;border:1px solid #ccc;border-radius:4px;font:inherit;width:200px}
.hint{color:#777;font-size:12px}
svg{flex:1;width:100%;cursor:grab;background:#fff}
svg.panning{cursor:grabbing}
.edge{stroke:#b4b4b4;stroke-width:1.1}
.edge.hi{stroke:#333;stroke-width:2}
.edge.bg{stroke-dasharray:3 3;opacity:.35}
.edge.bg.hi{opacity:1}
.elabel{font-size:8.5px;fill:#777;pointer-events:none;paint-order:stroke;stroke:#fff;
  stroke-width:2.5px}
.elabel.bg,svg.far .elabel{display:none}
.elabel.hi,svg.far .elabel.hi{display:inline;fill:#111}
.node text.brief{display:none}
svg.far .node.minor text.full{display:none}
svg.far .node.minor text.brief{display:inline}
svg.far .node.minor.match text.full,svg.far .node.minor:hover text.full{display:inline}
svg.far .node.minor.match text.brief,svg.far .node.minor:hover text.brief{display:none}
#alone{border:1px solid #ccc;background:#fff;border-radius:12px;padding:2px 9px;cursor:pointer;
  font:inherit;font-size:12px}
#notes{padding:3px 14px;color:#666;font-size:12px;background:#fff;border-bottom:1px solid #eee}
.node circle{stroke:#fff;stroke-width:1.5;cursor:pointer}
.node text{font-size:10.5px;fill:#333;pointer-events:none;paint-order:stroke;stroke:#fff;
  stroke-width:3px;stroke-linejoin:round}
.node.match circle{stroke:#000;stroke-width:3}
.dim{opacity:.12}
#tip{position:fixed;pointer-events:none;background:#fff;border:1px solid #bbb;border-radius:6px;
  box-shadow:0 2px 10px rgba(0,0,0,.15);padding:8px 10px;max-width:420px;font-size:12.5px;
  display:none}
#tip b{font-size:13.5px}
#tip .kind{font-size:11px;text-transform:uppercase;letter-spacing:.04em;margin-bottom:3px}
#tip table{border-collapse:collapse;margin-top:4px}
#tip td{padding:1px 6px 1px 0;vertical-align:top}
#tip td:first-child{color:#777;white-space:nowrap}
#tip blockquote{margin:6px 0 0;padding:4px 8px;border-left:3px solid #ccc;color:#444;
  font-style:italic}
"""

# Our own renderer: SVG nodes and edges at the layout positions computed in Python; pan (drag the
# background), zoom (wheel), drag nodes, hover for details and quote, legend toggles, search.
_JS = r"""
(function(){
"use strict";
const D=JSON.parse(document.getElementById("kg-data").textContent);
const NS="http://www.w3.org/2000/svg";
const svg=document.getElementById("view"),tip=document.getElementById("tip");
const el=(n,a,p)=>{const e=document.createElementNS(NS,n);
  for(const k in a)e.setAttribute(k,a[k]);if(p)p.appendChild(e);return e;};
const W=1000,H=720;
svg.setAttribute("viewBox","0 0 "+(W+120)+" "+(H+80));
const defs=el("defs",{},svg);
const mk=el("marker",{id:"arrow",viewBox:"0 0 10 10",refX:"10",refY:"5",markerWidth:"7",
  markerHeight:"7",orient:"auto-start-reverse"},defs);
el("path",{d:"M0,0L10,5L0,10z",fill:"#999"},mk);
const root=el("g",{},svg),gE=el("g",{},root),gL=el("g",{},root),gN=el("g",{},root);
const home={x:60,y:40,k:1};let view=Object.assign({},home);
const many=D.nodes.length>60;
function apply(){root.setAttribute("transform",
  "translate("+view.x+","+view.y+") scale("+view.k+")");
  svg.classList.toggle("far",many&&view.k<1.5);}
apply();
svg.addEventListener("dblclick",()=>{view=Object.assign({},home);apply();});
D.nodes.forEach(n=>{n.px=n.x*W;n.py=n.y*H;n.adj=new Set();n.on=true;});
D.edges.forEach(e=>{const s=D.nodes[e.s],t=D.nodes[e.t];s.adj.add(e.t);t.adj.add(e.s);
  e.line=el("line",{class:"edge"+(e.bg?" bg":""),"marker-end":"url(#arrow)"},gE);
  el("title",{},e.line).textContent=s.label+"  —"+e.relation+"→  "+t.label;
  e.lab=el("text",{class:"elabel"+(e.bg?" bg":""),"text-anchor":"middle"},gL);
  e.lab.textContent=e.relation;});
function place(e){const s=D.nodes[e.s],t=D.nodes[e.t];
  const dx=t.px-s.px,dy=t.py-s.py,L=Math.hypot(dx,dy)||1;
  e.line.setAttribute("x1",s.px+dx/L*s.r);e.line.setAttribute("y1",s.py+dy/L*s.r);
  e.line.setAttribute("x2",t.px-dx/L*(t.r+2));e.line.setAttribute("y2",t.py-dy/L*(t.r+2));
  e.lab.setAttribute("x",(s.px+t.px)/2);e.lab.setAttribute("y",(s.py+t.py)/2-2);}
D.nodes.forEach((n,i)=>{n.i=i;n.g=el("g",{class:"node","aria-label":n.label},gN);
  n.c=el("circle",{r:n.r,fill:n.color},n.g);
  if(n.kind==="activity"||n.kind==="figure")n.g.classList.add("minor");
  n.t=el("text",{class:"full",x:0,y:n.r+11,"text-anchor":"middle"},n.g);
  n.lines.forEach((s,j)=>{el("tspan",{x:0,dy:j?"1.15em":0},n.t).textContent=s;});
  n.b=el("text",{class:"brief",x:0,y:n.r+11,"text-anchor":"middle"},n.g);
  n.b.textContent=n.brief;
  n.g.setAttribute("transform","translate("+n.px+","+n.py+")");
  n.g.addEventListener("mouseenter",ev=>{focus(n);show(n,ev);});
  n.g.addEventListener("mousemove",ev=>move(ev));
  n.g.addEventListener("mouseleave",()=>{focus(null);tip.style.display="none";});
  n.g.addEventListener("pointerdown",ev=>startDrag(ev,n));});
D.edges.forEach(place);
function focus(n){D.edges.forEach(e=>{const on=!n||e.s===n.i||e.t===n.i;
    e.line.classList.toggle("dim",!on);e.line.classList.toggle("hi",!!n&&on);
    e.lab.classList.toggle("hi",!!n&&on);e.lab.classList.toggle("dim",!on);});
  D.nodes.forEach(m=>m.g.classList.toggle("dim",!!n&&m!==n&&!n.adj.has(m.i)));}
function show(n,ev){tip.replaceChildren();
  const k=document.createElement("div");k.className="kind";k.style.color=n.color;
  k.textContent=n.kind;tip.appendChild(k);
  const b=document.createElement("b");b.textContent=n.label;tip.appendChild(b);
  if(n.details.length){const t=document.createElement("table");
    n.details.forEach(([a,v])=>{const r=t.insertRow();r.insertCell().textContent=a;
      r.insertCell().textContent=v;});tip.appendChild(t);}
  if(n.quote){const q=document.createElement("blockquote");
    q.textContent="\u201c"+n.quote+"\u201d";tip.appendChild(q);}
  tip.style.display="block";move(ev);}
function move(ev){const w=tip.offsetWidth,h=tip.offsetHeight;
  let x=ev.clientX+14,y=ev.clientY+14;
  if(x+w>innerWidth-4)x=ev.clientX-w-14;if(y+h>innerHeight-4)y=Math.max(4,ev.clientY-h-14);
  tip.style.left=x+"px";tip.style.top=y+"px";}
function toWorld(ev){const p=svg.createSVGPoint();p.x=ev.clientX;p.y=ev.clientY;
  const q=p.matrixTransform(svg.getScreenCTM().inverse());
  return {x:(q.x-view.x)/view.k,y:(q.y-view.y)/view.k,sx:q.x,sy:q.y};}
let drag=null;
function startDrag(ev,n){ev.stopPropagation();drag={n:n};svg.setPointerCapture(ev.pointerId);}
svg.addEventListener("pointerdown",ev=>{const p=toWorld(ev);
  drag={pan:true,x:p.sx-view.x,y:p.sy-view.y};svg.classList.add("panning");
  svg.setPointerCapture(ev.pointerId);});
svg.addEventListener("pointermove",ev=>{if(!drag)return;const p=toWorld(ev);
  if(drag.pan){view.x=p.sx-drag.x;view.y=p.sy-drag.y;apply();return;}
  const n=drag.n;n.px=p.x;n.py=p.y;
  n.g.setAttribute("transform","translate("+n.px+","+n.py+")");
  D.edges.forEach(e=>{if(e.s===n.i||e.t===n.i)place(e);});tip.style.display="none";});
const stop=()=>{drag=null;svg.classList.remove("panning");};
svg.addEventListener("pointerup",stop);svg.addEventListener("pointercancel",stop);
svg.addEventListener("wheel",ev=>{ev.preventDefault();const p=toWorld(ev);
  const f=Math.exp(-ev.deltaY*0.0015),k=Math.min(8,Math.max(0.2,view.k*f));
  view.x=p.sx-(p.sx-view.x)*k/view.k;view.y=p.sy-(p.sy-view.y)*k/view.k;view.k=k;apply();},
  {passive:false});
const hidden=new Set();let alone=false;
function visibility(){D.nodes.forEach(n=>{n.on=!hidden.has(n.kind)&&(alone||!n.alone);
    n.g.style.display=n.on?"":"none";});
  D.edges.forEach(e=>{const on=D.nodes[e.s].on&&D.nodes[e.t].on;
    e.line.style.display=on?"":"none";e.lab.style.display=on?"":"none";});}
const ab=document.getElementById("alone");
if(ab){const count=D.nodes.filter(n=>n.alone).length;
  const say=()=>{ab.textContent=count+" without links ("+(alone?"hide":"show")+")";};say();
  ab.title=D.alone;
  ab.addEventListener("click",()=>{alone=!alone;say();visibility();});}
visibility();
const lg=document.getElementById("legend");
D.legend.forEach(l=>{const b=document.createElement("button");
  const i=document.createElement("i");i.style.background=l.color;b.appendChild(i);
  b.appendChild(document.createTextNode(l.kind+" ("+l.count+")"));
  b.title="show or hide "+l.kind+" nodes";
  b.addEventListener("click",()=>{if(hidden.has(l.kind))hidden.delete(l.kind);
    else hidden.add(l.kind);b.classList.toggle("off");visibility();});lg.appendChild(b);});
document.getElementById("search").addEventListener("input",ev=>{
  const q=ev.target.value.trim().toLowerCase();
  D.nodes.forEach(n=>n.g.classList.toggle("match",!!q&&
    (n.label+" "+n.quote).toLowerCase().includes(q)));});
})();
"""


def view_html(G: nx.MultiDiGraph, *, title: str | None = None, seed: int = 7) -> str:
    """The self-contained interactive HTML page of a network (no external resources: the
    content security policy forbids any network request)."""
    data = view_data(G, seed=seed)
    heading = title or str(data["title"])
    counts = f"{G.number_of_nodes()} nodes, {G.number_of_edges()} edges"
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:\">\n"
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{html.escape(heading)}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n"
        f'<header><h1>{html.escape(heading)}</h1><span class="hint">{counts}</span>'
        '<div id="legend"></div>'
        + (
            f'<button id="alone" type="button" title="{html.escape(data["alone"])}"></button>'
            if data["alone"]
            else ""
        )
        + '<input id="search" type="search" placeholder="find a node…" '
        'aria-label="find a node">'
        '<span class="hint">hover: details and quote · drag: move · wheel: zoom · '
        "double-click: reset</span>"
        "</header>\n"
        + (
            '<div id="notes">Dashed links (labels on hover): '
            + html.escape("; ".join(data["background"]))
            + "</div>\n"
            if data["background"]
            else ""
        )
        + '<svg id="view" role="img" aria-label="network of the knowledge graph">'
        '</svg>\n<div id="tip"></div>\n'
        f'<script type="application/json" id="kg-data">{_script_json(data)}</script>\n'
        f"<script>{_JS}</script>\n</body>\n</html>\n"
    )


class Frame:
    """An HTML page shown in a Jupyter notebook as an iframe with the page inlined (``srcdoc``),
    so it needs no file server and no network; scripts run in a sandbox."""

    def __init__(self, page: str, *, height: int = 650) -> None:
        self.page = page
        self.height = int(height)

    def _repr_html_(self) -> str:
        return (
            f'<iframe srcdoc="{html.escape(self.page, quote=True)}" sandbox="allow-scripts" '
            f'style="width:100%;height:{self.height}px;border:1px solid #ddd"></iframe>'
        )

    def __repr__(self) -> str:
        return f"<interactive network view: {len(self.page):,} characters of HTML>"


def notebook_view(graph: GraphSource | nx.MultiDiGraph, *, height: int = 650) -> Frame:
    """The interactive view of a network (or of a graph loaded from a store, file or folder),
    for display in a notebook."""
    G = graph if isinstance(graph, nx.MultiDiGraph) else to_networkx(graph)
    return Frame(view_html(G), height=height)


# ---------------------------------------------------------------------------------------------
# kg viz
# ---------------------------------------------------------------------------------------------

VIEW_SUFFIXES: tuple[str, ...] = (".html", ".png")


def write_png(fig: Figure, out: Path) -> Path:
    """Save a matplotlib figure as PNG atomically (temporary file beside ``out``, then renamed)."""
    with atomic_write(out, mode="wb") as fh:
        fig.savefig(fh, format="png", facecolor="white")
    return out


def write_view(graph_path: str | os.PathLike[str] | None, out: Path) -> Path:
    """Draw the graph ``graph_path`` (a graph file or build folder; ``None`` means ``out``) into
    ``out``: ``.html`` an offline interactive page, ``.png`` a static picture. Atomic.

    >>> write_view(None, Path("graph.svg"))
    Traceback (most recent call last):
    ...
    kg.model.KgError: graph.svg: cannot draw this file type; use .html (interactive) or .png
    """
    out = Path(out)
    suffix = out.suffix.lower()
    if suffix not in VIEW_SUFFIXES:
        raise KgError(f"{out}: cannot draw this file type; use .html (interactive) or .png")
    if out.is_dir():
        raise KgError(f"{out}: is a folder; give a file name ending in {suffix}")
    G = to_networkx(graph_path)
    if suffix == ".html":
        page = view_html(G)
        with atomic_write(out) as fh:
            fh.write(page)
        return out
    return write_png(network_figure(G), out)


__all__ = [
    "KIND_COLORS",
    "NO_ACTIVITIES",
    "STORY_RELATIONS",
    "Frame",
    "activity_types_per_program",
    "draw_network",
    "figures_per_program",
    "figures_table",
    "graph_title",
    "layout",
    "network_figure",
    "notebook_view",
    "percent_changes_table",
    "plot_activity_types",
    "plot_figures_per_program",
    "plot_percent_changes",
    "plot_seizures",
    "program_countries",
    "seizures_table",
    "story_subgraph",
    "view_data",
    "view_html",
    "write_png",
    "write_view",
]
