"""One program's figures across years: funding by account, seizures by substance, people trained.

:func:`timeline_table` reads the dated figures of one program (its country or document name)
with SPARQL: each figure's period (``sosa:phenomenonTime`` with its ``rdfs:label``, "FY2010"
for a U.S. fiscal year, "2017" for a calendar year, and ``time:year``), its measured property
(``sosa:observedProperty``: ``funding-incle`` and the other funding accounts, ``seized-heroin``
and the other substances, ``people-trained``), value, unit, reporter, credited agency and quote.
:func:`timeline_figure` charts them, one panel per kind, labelled with the country, unit and
source; :func:`write_timeline` is what ``kg viz --timeline`` runs (``.png``, or an offline
``.html`` page with the chart and the table of figures with their quotes).

>>> import tempfile, pathlib
>>> from kg.build import build
>>> tmp = pathlib.Path(tempfile.mkdtemp())
>>> _ = build(None, out=tmp / "out")
>>> table = timeline_table(tmp / "out", "Pakistan")
>>> sorted({(r["series"], r["period"]) for r in table.records()})
[('seized: hashish', '2017'), ('seized: heroin', '2017'), ('seized: opium', '2017')]
"""

from __future__ import annotations

import base64
import html
import io
import os
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg.model import KgError
from kg.namespaces import UNIT_KEYS_BY_IRI
from kg.network import GraphSource, Table, number_text, open_store
from kg.query import NamedQuery, Param, run_query
from kg.store import atomic_write
from kg.viz import TONNES

if TYPE_CHECKING:
    from matplotlib.figure import Figure

_UNIT_KEYS = UNIT_KEYS_BY_IRI
#: Funding accounts by measured-property notation.
_ACCOUNTS: dict[str, str] = {
    "funding": "account not stated",
    "funding-incle": "INCLE",
    "funding-esf": "ESF",
    "funding-pko": "PKO",
    "funding-nadr": "NADR",
    "funding-1207": "Section 1207",
}
#: The panels of a timeline, in order: category, y-axis label.
PANELS: tuple[tuple[str, str], ...] = (
    ("funding", "U.S. dollars"),
    ("seizures", "metric tons seized"),
    ("training", "people trained"),
)
_SERIES_COLORS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#8C8C8C")

_PROGRAMS = """
SELECT ?document (MIN(?c) AS ?country)
WHERE {
  ?program a kg:CountryProgram ; dcterms:isReferencedBy/dcterms:identifier ?document .
  OPTIONAL { ?program dcterms:spatial/skos:prefLabel ?c }
}
GROUP BY ?document
ORDER BY ?document
"""

_DATED = """
SELECT ?fig ?document (MIN(?per) AS ?period) (MIN(?y) AS ?year) (MIN(?pn) AS ?property)
       (MIN(?v) AS ?value) (MIN(?u) AS ?unit) (MIN(?cn) AS ?counted) (MIN(?su) AS ?subject)
       (MIN(?rl) AS ?reported_by) (MIN(?al) AS ?agency) (MIN(?q) AS ?quote)
       (MIN(?ch) AS ?change)
WHERE {
  ?fig a kg:ReportedFigure ; sosa:hasResult ?r ; sosa:observedProperty ?prop ;
       sosa:phenomenonTime ?t ;
       dcterms:isPartOf/dcterms:isReferencedBy/dcterms:identifier ?document .
  ?t rdfs:label ?per ; time:hasDateTimeDescription/time:year ?y .
  ?r qudt:value ?v ; qudt:hasUnit ?u .
  OPTIONAL { ?prop skos:notation ?pn0 }
  BIND(COALESCE(STR(?pn0), REPLACE(STR(?prop), "^.*[#/]", "")) AS ?pn)
  OPTIONAL { ?r kg:counted ?cn }
  OPTIONAL { ?fig dcterms:subject ?su }
  OPTIONAL { ?fig kg:change ?ch }
  OPTIONAL { ?r prov:wasAttributedTo/skos:prefLabel ?rl }
  OPTIONAL { ?fig kg:creditedTo/skos:prefLabel ?al }
  OPTIONAL { ?r prov:wasDerivedFrom/oa:hasSelector/oa:exact ?q }
}
GROUP BY ?fig ?document
"""
_DATED_QUERY = NamedQuery(
    "timeline", _DATED, "", (Param("document", "literal", "the program's document"),)
)


def programs(graph: GraphSource) -> dict[str, str]:
    """Each program's document name and country (the document name when no country is given)."""
    rows = run_query(open_store(graph), _PROGRAMS).records()
    return {r["document"]: r["country"] or r["document"] for r in rows}


def find_program(graph: GraphSource, program: str | None) -> tuple[str, str]:
    """The (document, country) of the program named by its country or document name (any
    case); ``None`` picks the only program. A name that matches none is a :class:`KgError`
    listing the programs."""
    known = programs(graph)
    if not known:
        raise KgError("the graph has no country program")
    if program is None:
        if len(known) == 1:
            return next(iter(known.items()))
        raise KgError(f"give --program: one of {', '.join(sorted(known.values()))}")
    wanted = program.strip().casefold()
    for document, country in known.items():
        if wanted in (document.casefold(), country.casefold()):
            return document, country
    raise KgError(f"no program {program!r}; the graph has: {', '.join(sorted(known.values()))}")


def _classify(property_: str, unit: str, counted: str | None) -> tuple[str, str, str] | None:
    """(category, series, unit shown) of a dated figure, or ``None`` when it is not charted."""
    if property_ in _ACCOUNTS or property_.startswith("funding"):
        return "funding", f"funding: {_ACCOUNTS.get(property_, property_)}", "USD"
    if property_.startswith("seized"):
        substance = property_.removeprefix("seized").strip("-") or "drugs"
        if unit in TONNES:
            return "seizures", f"seized: {substance}", "metric ton"
        return "seizures", f"seized: {substance} ({unit.replace('-', ' ')})", unit
    if property_ == "people-trained":
        return "training", f"trained: {counted or 'people'}", "people"
    return None


def timeline_table(graph: GraphSource, program: str | None = None) -> Table:
    """The charted figures of one program by year, earliest first.

    Columns: ``country``, ``category`` (funding, seizures, training), ``series`` ("funding:
    INCLE", "seized: heroin", "trained: police officers"), ``period`` ("FY2010", "2017"),
    ``year``, ``value`` (in ``unit``; seizures by mass converted to metric tons), ``unit``,
    ``reported_by``, ``agency``, ``quote``. Changes ("reduced by 35 percent") are not levels and
    are left out.
    """
    store = open_store(graph)
    document, country = find_program(store, program)
    rows: list[tuple[Any, ...]] = []
    result = run_query(store, _DATED_QUERY, {"document": document})
    for r in result.records():
        if r["change"]:
            continue
        unit = _UNIT_KEYS.get(r["unit"], r["unit"])
        kind = _classify(r["property"], unit, r["counted"] or None)
        if kind is None:
            continue
        category, series, shown = kind
        value = float(Decimal(r["value"]))
        if shown == "metric ton":
            value *= TONNES[unit]
        rows.append(
            (
                country,
                category,
                series,
                r["period"],
                int(r["year"]),
                value,
                shown,
                r["reported_by"] or None,
                r["agency"] or None,
                r["quote"] or r["subject"] or "",
            )
        )
    rows.sort(key=lambda row: (row[4], row[3], row[1], row[2], row[5]))
    columns = ("country", "category", "series", "period", "year", "value", "unit")
    return Table((*columns, "reported_by", "agency", "quote"), rows)


def timeline_figure(
    graph: GraphSource, program: str | None = None, *, fig: Figure | None = None
) -> Figure:
    """A matplotlib figure (not registered with pyplot) of one program's figures by year: a
    panel per kind that has figures (funding by account, seizures by substance, people
    trained), one line per series, every point labelled with its value; the x axis names
    each period as stated ("FY2010", "2017"). Titled with the country, with the source under it.
    Draws into ``fig`` (resized; e.g. a pyplot figure in a notebook) or a new figure.
    """
    from matplotlib.figure import Figure
    from matplotlib.ticker import FuncFormatter

    store = open_store(graph)
    document, country = find_program(store, program)
    table = timeline_table(store, document)
    recs = table.records()
    order = [c for c, _ in PANELS]
    panels = sorted(
        {(r["category"], r["unit"]) for r in recs},
        key=lambda p: (order.index(p[0]), p[1] != "metric ton", p[1]),
    )
    size = (11.0, 2.2 + 3.2 * max(1, len(panels)))
    if fig is None:
        fig = Figure(figsize=size, dpi=100, layout="constrained")
    else:
        fig.clear()
        fig.set_size_inches(*size)
        fig.set_layout_engine("constrained")
    fig.suptitle(
        f"INL program in {country}: figures by year\n"
        f"source: document '{document}'; every point is one reported figure",
        fontsize=12,
    )
    if not panels:
        ax = fig.add_subplot()
        ax.text(0.5, 0.5, f"no dated funding, seizure or training figures for {country}",
                ha="center", va="center", transform=ax.transAxes, color="#666")  # fmt: skip
        ax.set_axis_off()
        return fig
    years = sorted({r["year"] for r in recs})
    ticks = {y: " / ".join(sorted({r["period"] for r in recs if r["year"] == y})) for y in years}
    axes = fig.subplots(len(panels), 1, sharex=True, squeeze=False)[:, 0]
    for ax, (category, unit) in zip(axes, panels, strict=True):
        mine = [r for r in recs if (r["category"], r["unit"]) == (category, unit)]
        for i, series in enumerate(sorted({r["series"] for r in mine})):
            points = sorted(
                (r["year"], r["value"], r["period"]) for r in mine if r["series"] == series
            )
            color = _SERIES_COLORS[i % len(_SERIES_COLORS)]
            fiscal = [p for p in points if p[2].startswith("FY")]
            one_a_year = len({p[0] for p in points}) == len(points)
            # several figures in one year (budget lines and their total): points, no line
            ax.plot([p[0] for p in points], [p[1] for p in points], color=color, label=series,
                    linestyle="-" if one_a_year else "none",
                    marker="" if one_a_year else "o")  # fmt: skip
            ax.plot([p[0] for p in points if p not in fiscal],
                    [p[1] for p in points if p not in fiscal], "o", color=color)  # fmt: skip
            ax.plot([p[0] for p in fiscal], [p[1] for p in fiscal], "s", color=color,
                    markerfacecolor="white")  # fmt: skip
            tops = {x: max(v for px, v, _ in points if px == x) for x, _, _ in points}
            for x, y, _ in points:
                if y != tops[x]:
                    continue  # label the largest of a year only; the table lists them all
                ax.annotate(_short_number(y, category), (x, y), xytext=(0, 6),
                            textcoords="offset points", ha="center", fontsize=8)  # fmt: skip
        ylabel = dict(PANELS)[category]
        if category == "seizures" and unit != "metric ton":
            ylabel = f"{unit.replace('-', ' ')}s seized"
        ax.set_ylabel(ylabel)
        ax.set_title(f"{category.capitalize()} in {country} ({ylabel})", fontsize=10, loc="left")
        ax.margins(x=0.08, y=0.2)
        ax.set_ylim(bottom=0)
        ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: number_text(float(f"{v:.10g}"))))
        ax.legend(frameon=False, fontsize=8, loc="upper left", bbox_to_anchor=(1.01, 1))
        ax.spines[["top", "right"]].set_visible(False)
    axes[-1].set_xticks(years, [ticks[y] for y in years], rotation=0, fontsize=8)
    axes[-1].set_xlabel("year as stated (FY = U.S. fiscal year, square markers)")
    return fig


def _short_number(value: float, category: str) -> str:
    if category == "funding" and value >= 1e6:
        return f"${number_text(round(value / 1e6, 2))}M"
    if category == "funding":
        return f"${number_text(value)}"
    return number_text(value)


def _png_bytes(fig: Figure) -> bytes:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", facecolor="white", metadata={"Software": None})
    return buf.getvalue()


def timeline_html(graph: GraphSource, program: str | None = None) -> str:
    """A self-contained page (no network request: the chart is an inlined PNG) with the
    timeline chart and the table of its figures, each with period, value, unit, reporter,
    credited agency and quote."""
    store = open_store(graph)
    document, country = find_program(store, program)
    table = timeline_table(store, document)
    png = base64.b64encode(_png_bytes(timeline_figure(store, document))).decode("ascii")
    head = "".join(f"<th>{html.escape(c)}</th>" for c in table.columns[1:])
    body = "".join(
        "<tr>" + "".join(f"<td>{html.escape(_text(v))}</td>" for v in row[1:]) + "</tr>"
        for row in table.rows
    )
    title = f"INL program in {country}: figures by year"
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'; img-src data:\">\n"
        f"<title>{html.escape(title)}</title>\n<style>"
        "body{font:14px/1.4 system-ui,sans-serif;margin:16px;color:#222}"
        "table{border-collapse:collapse;font-size:13px}td,th{border-bottom:1px solid #ddd;"
        "padding:3px 8px;text-align:left;vertical-align:top}img{max-width:100%}"
        "</style>\n</head>\n<body>\n"
        f"<h1>{html.escape(title)}</h1>\n"
        f"<p>Source: document <code>{html.escape(document)}</code>. "
        f"{len(table)} dated figures.</p>\n"
        f'<img alt="{html.escape(title)}" src="data:image/png;base64,{png}">\n'
        f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>\n"
        "</body>\n</html>\n"
    )


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return number_text(value)
    return str(value)


TIMELINE_SUFFIXES: tuple[str, ...] = (".html", ".png")


def write_timeline(
    graph_path: str | os.PathLike[str] | None, program: str | None, out: Path
) -> Path:
    """Write one program's timeline to ``out`` (``.png`` or ``.html``), atomically."""
    out = Path(out)
    suffix = out.suffix.lower()
    if suffix not in TIMELINE_SUFFIXES:
        raise KgError(f"{out}: cannot draw a timeline as this file type; use .html or .png")
    store = open_store(graph_path)
    if suffix == ".html":
        page = timeline_html(store, program)
        with atomic_write(out) as fh:
            fh.write(page)
        return out
    data = _png_bytes(timeline_figure(store, program))
    with atomic_write(out, mode="wb") as fh:
        fh.write(data)
    return out


__all__ = [
    "PANELS",
    "find_program",
    "programs",
    "timeline_figure",
    "timeline_html",
    "timeline_table",
    "write_timeline",
]
