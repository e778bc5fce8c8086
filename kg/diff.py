"""``kg diff``: what changed between two editions of a program's documents.

Two builds (``kg diff OLD NEW``: for each program series, the latest edition in each) or two
documents of one build (``kg diff --graph BUILD DOC_OLD DOC_NEW``). For each program it lists
figures added, removed and changed, organizations and activities added or removed, each with the
quote of either side:

* a figure **changed** when both editions report the same measured property, place, unit,
  counted noun, change direction (and, for catch-all properties, subject) for the same year with
  another value or qualifier;
* a **newer year**: the new edition reports a later year of such a figure that the old one
  reports for an earlier year, and the old year is gone;
* otherwise a figure is **added** or **removed**.

Output is sorted, so the same input gives the same bytes in every format.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from decimal import Decimal
from pathlib import Path

from rdflib import URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS

from kg.editions import DocumentInfo, Figure, GraphIndex, Item, Quote, edition_order, lexical
from kg.model import KgError
from kg.namespaces import ID, KG, OA, PROV, UNIT_KEYS_BY_IRI
from kg.rdf import slug
from kg.store import TermTriple, read_graphs, write_turtle

FORMATS = ("table", "csv", "json", "turtle")
KINDS = ("added", "removed", "changed", "newer-year")
_KIND_CONCEPTS = {
    "added": KG.Added,
    "removed": KG.Removed,
    "changed": KG.ValueChanged,
    "newer-year": KG.NewerYear,
}
_UNIT_KEYS = {f"<{iri}>": key for iri, key in UNIT_KEYS_BY_IRI.items()}


@dataclass(frozen=True, slots=True)
class Difference:
    """One row of a diff."""

    program: str
    old_document: str
    new_document: str
    kind: str
    item: str
    label: str
    place: str
    old_year: str
    new_year: str
    old_value: str
    new_value: str
    old_quote: str
    new_quote: str
    old_iri: str
    new_iri: str
    old_span: str
    new_span: str

    @property
    def sort_key(self) -> tuple[str, ...]:
        """Program, documents, item kind, label, place, years, change kind, values."""
        return (
            self.program,
            self.old_document,
            self.new_document,
            self.item,
            self.label.casefold(),
            self.place,
            self.old_year or self.new_year,
            self.new_year,
            self.kind,
            self.old_value,
            self.new_value,
            self.old_iri,
            self.new_iri,
        )


def _num(value: Decimal) -> str:
    text = format(value.normalize(), "f")
    return text


def value_text(index: GraphIndex, f: Figure) -> str:
    """A figure's value as people read it: ``more than 40 judge``, ``19.5 metric-ton``."""
    amount = _num(f.value) + (f"-{_num(f.upper)}" if f.upper is not None else "")
    unit = _UNIT_KEYS.get(f.unit, lexical(f.unit))
    if unit == "count":
        unit = f.counted or "count"
    qualifier = index.label(f.qualifier) if f.qualifier else ""
    if f.qualifier == f"<{KG.Exact}>":
        qualifier = ""
    change = index.label(f.change) if f.change else ""
    return " ".join(x for x in (change, qualifier, amount, unit) if x)


def _quote(q: Quote | None) -> tuple[str, str]:
    return (q.text, q.span) if q else ("", "")


def _figure_row(
    index: GraphIndex,
    program: str,
    old_doc: DocumentInfo | None,
    new_doc: DocumentInfo | None,
    kind: str,
    old: Figure | None,
    new: Figure | None,
) -> Difference:
    f = new or old
    assert f is not None
    oq, os_ = _quote(old.quote if old else None)
    nq, ns = _quote(new.quote if new else None)
    return Difference(
        program=program,
        old_document=old_doc.identifier if old_doc else "",
        new_document=new_doc.identifier if new_doc else "",
        kind=kind,
        item="figure",
        label=index.label(f.prop),
        place=index.label(f.place) if f.place else "",
        old_year=str(old.year) if old and old.year is not None else "",
        new_year=str(new.year) if new and new.year is not None else "",
        old_value=value_text(index, old) if old else "",
        new_value=value_text(index, new) if new else "",
        old_quote=oq,
        new_quote=nq,
        old_iri=lexical(old.iri) if old else "",
        new_iri=lexical(new.iri) if new else "",
        old_span=os_,
        new_span=ns,
    )


def _item_row(
    index: GraphIndex,
    program: str,
    old_doc: DocumentInfo | None,
    new_doc: DocumentInfo | None,
    kind: str,
    what: str,
    old: Item | None,
    new: Item | None,
) -> Difference:
    it = new or old
    assert it is not None
    oq, os_ = _quote(old.quote if old else None)
    nq, ns = _quote(new.quote if new else None)
    actor = index.short_label(it.key[0]) if what == "activity" and it.key[0] else ""
    return Difference(
        program=program,
        old_document=old_doc.identifier if old_doc else "",
        new_document=new_doc.identifier if new_doc else "",
        kind=kind,
        item=what,
        label=it.label + (f" ({actor})" if actor else ""),
        place="",
        old_year="",
        new_year="",
        old_value="",
        new_value="",
        old_quote=oq,
        new_quote=nq,
        old_iri=lexical(old.iri) if old else "",
        new_iri=lexical(new.iri) if new else "",
        old_span=os_,
        new_span=ns,
    )


def _by_key(figs: Iterable[Figure]) -> dict[tuple[tuple[str, ...], int | None], list[Figure]]:
    out: dict[tuple[tuple[str, ...], int | None], list[Figure]] = defaultdict(list)
    for f in figs:
        out[(f.key, f.year)].append(f)
    for v in out.values():
        v.sort(key=lambda f: (f.amount[0], f.quote.start if f.quote else -1, f.iri))
    return out


def diff_documents(
    index_old: GraphIndex,
    old: DocumentInfo | None,
    index_new: GraphIndex,
    new: DocumentInfo | None,
    program: str,
) -> list[Difference]:
    """Every difference between two documents (either may be ``None``: a program that one side
    lacks), sorted."""
    rows: list[Difference] = []
    old_figs = _by_key(old.figures if old else [])
    new_figs = _by_key(new.figures if new else [])
    leftover_old: dict[tuple[str, ...], list[Figure]] = defaultdict(list)
    leftover_new: dict[tuple[str, ...], list[Figure]] = defaultdict(list)
    for k in sorted(set(old_figs) | set(new_figs), key=lambda k: (k[0], k[1] or 0)):
        a, b = list(old_figs.get(k, [])), list(new_figs.get(k, []))
        for x in list(a):  # the same amount in both: unchanged
            y = next((y for y in b if y.amount == x.amount), None)
            if y is not None:
                a.remove(x)
                b.remove(y)
        pairs = list(zip(a, b, strict=False))  # what is left, in value order: changed
        for x, y in pairs:
            rows.append(_figure_row(index_new, program, old, new, "changed", x, y))
        leftover_old[k[0]].extend(a[len(pairs) :])
        leftover_new[k[0]].extend(b[len(pairs) :])
    for key in sorted(set(leftover_old) | set(leftover_new)):
        gone = sorted(leftover_old.get(key, []), key=lambda f: (f.year or 0, f.iri))
        came = sorted(leftover_new.get(key, []), key=lambda f: (f.year or 0, f.iri))
        # a newer year replaces the latest older year still unmatched
        for y in list(came):
            older = [
                x for x in gone if x.year is not None and y.year is not None and x.year < y.year
            ]
            if older:
                x = older[-1]
                gone.remove(x)
                came.remove(y)
                rows.append(_figure_row(index_new, program, old, new, "newer-year", x, y))
        rows += [_figure_row(index_old, program, old, new, "removed", x, None) for x in gone]
        rows += [_figure_row(index_new, program, old, new, "added", None, y) for y in came]
    for what, get in (("organization", "organizations"), ("activity", "activities")):
        a_items: dict[tuple[str, str], Item] = getattr(old, get) if old else {}
        b_items: dict[tuple[str, str], Item] = getattr(new, get) if new else {}
        for ik in sorted(set(a_items) - set(b_items)):
            rows.append(_item_row(index_old, program, old, new, "removed", what, a_items[ik], None))
        for ik in sorted(set(b_items) - set(a_items)):
            rows.append(_item_row(index_new, program, old, new, "added", what, None, b_items[ik]))
    return sorted(rows, key=lambda r: r.sort_key)


def _program_name(index: GraphIndex, doc: DocumentInfo) -> str:
    """The country of a document's program, with its genre unless a fact sheet."""
    if not doc.country:
        return doc.identifier
    name = index.label(doc.country)
    return name if doc.genre == f"<{KG.FactSheetGenre}>" else f"{name} ({index.label(doc.genre)})"


@dataclass(frozen=True, slots=True)
class Diff:
    """The differences found, and the IRI of each document named in them (by identifier)."""

    rows: list[Difference]
    documents: dict[str, str]


def _documents(*indexes: GraphIndex) -> dict[str, str]:
    return {d.identifier: d.iri for index in indexes for d in index.documents.values()}


def diff_builds(old_graphs: str | Path, new_graphs: str | Path) -> Diff:
    """Differences between two builds: for each program series (the program's country and the
    document genre), the latest edition in the old build against the latest in the new one."""
    a = GraphIndex(read_graphs(old_graphs))
    b = GraphIndex(read_graphs(new_graphs))

    def latest(index: GraphIndex) -> dict[tuple[str, str], DocumentInfo]:
        out: dict[tuple[str, str], DocumentInfo] = {}
        for d in index.documents.values():
            key = d.series or (d.iri, "")
            if key not in out or edition_order(d) > edition_order(out[key]):
                out[key] = d
        return out

    la, lb = latest(a), latest(b)
    rows: list[Difference] = []
    for key in sorted(set(la) | set(lb)):
        old, new = la.get(key), lb.get(key)
        doc = new or old
        assert doc is not None
        name = _program_name(b if new else a, doc)
        rows += diff_documents(a, old, b, new, name)
    return Diff(sorted(rows, key=lambda r: r.sort_key), _documents(a, b))


def _find(index: GraphIndex, name: str, where: str | Path) -> DocumentInfo:
    for d in index.documents.values():
        if name in (d.identifier, lexical(d.iri)) or slug(name) == slug(d.identifier):
            return d
    known = ", ".join(sorted(d.identifier for d in index.documents.values())) or "none"
    raise KgError(f"no document {name!r} in {where} (documents: {known})")


def diff_in_graph(graph: str | Path | None, old_name: str, new_name: str) -> Diff:
    """Differences between two documents (by name) of one build."""
    index = GraphIndex(read_graphs(graph))
    where = graph if graph is not None else "out"
    old, new = _find(index, old_name, where), _find(index, new_name, where)
    if old.iri == new.iri:
        raise KgError(f"{old_name!r} and {new_name!r} are the same document")
    name = _program_name(index, new)
    return Diff(diff_documents(index, old, index, new, name), _documents(index))


# ---------------------------------------------------------------------------------------------
# Output formats
# ---------------------------------------------------------------------------------------------

_COLUMNS = [f for f in Difference.__dataclass_fields__]
_TABLE = ("kind", "item", "label", "place", "old_year", "new_year", "old_value", "new_value")


def _cut(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def format_table(rows: Sequence[Difference]) -> str:
    """A terminal table per program: change, item, what, place, years, values and quotes."""
    if not rows:
        return "no differences\n"
    out: list[str] = []
    groups: dict[tuple[str, str, str], list[Difference]] = defaultdict(list)
    for r in rows:
        groups[(r.program, r.old_document, r.new_document)].append(r)
    for (program, a, b), items in groups.items():
        out.append(f"{program}: {a or '(none)'} -> {b or '(none)'}")
        cells = [[_cut(getattr(r, c), 48) for c in _TABLE] for r in items]
        quotes = [(_cut(r.old_quote, 70), _cut(r.new_quote, 70)) for r in items]
        header = ["change", "item", "what", "place", "old year", "new year", "old", "new"]
        widths = [max(len(h), *(len(c[i]) for c in cells)) for i, h in enumerate(header)]
        out.append(
            "  " + "  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)).rstrip()
        )
        for c, (oq, nq) in zip(cells, quotes, strict=True):
            out.append(
                "  " + "  ".join(x.ljust(w) for x, w in zip(c, widths, strict=True)).rstrip()
            )
            if oq:
                out.append(f"      old: “{oq}”")
            if nq:
                out.append(f"      new: “{nq}”")
        counts = {k: sum(1 for r in items if r.kind == k) for k in KINDS}
        out.append("  " + ", ".join(f"{n} {k}" for k, n in counts.items()))
        out.append("")
    return "\n".join(out)


def format_csv(rows: Sequence[Difference]) -> str:
    """One CSV row per difference, every column."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(_COLUMNS)
    for r in rows:
        w.writerow([getattr(r, c) for c in _COLUMNS])
    return buf.getvalue()


def format_json(rows: Sequence[Difference]) -> str:
    """A JSON array of differences (keys in column order)."""
    return json.dumps([asdict(r) for r in rows], indent=2, ensure_ascii=False) + "\n"


def change_iri(r: Difference) -> URIRef:
    """IRI of one difference: the two documents and a digest of what differs."""
    digest = hashlib.sha256(
        "\x1f".join((r.kind, r.item, r.old_iri, r.new_iri, r.label)).encode()
    ).hexdigest()[:16]
    pair = f"{slug(r.old_document or 'none')}-{slug(r.new_document or 'none')}"
    return ID[f"change-{pair}-{digest}"]


def _lit(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    escaped = escaped.replace("\n", "\\n").replace("\r", "\\r")
    return f'"{escaped}"'


def diff_triples(rows: Sequence[Difference], documents: dict[str, str]) -> list[TermTriple]:
    """The differences as RDF: one ``kg:EditionChange`` each, with its kind, the two editions,
    the old and new item, and the spans (with their exact quotes) it derives from."""
    out: set[TermTriple] = set()
    for r in rows:
        node = f"<{change_iri(r)}>"
        out.add((node, f"<{RDF.type}>", f"<{KG.EditionChange}>"))
        out.add((node, f"<{KG.changeKind}>", f"<{_KIND_CONCEPTS[r.kind]}>"))
        summary = f"{r.kind} {r.item}: {r.label}"
        if r.place:
            summary += f", {r.place}"
        if r.item == "figure":
            summary += f" ({r.old_year or '-'}: {r.old_value or '-'}; "
            summary += f"{r.new_year or '-'}: {r.new_value or '-'})"
        out.add((node, f"<{RDFS.label}>", _lit(summary)))
        for side, doc, iri, span, quote in (
            ("old", r.old_document, r.old_iri, r.old_span, r.old_quote),
            ("new", r.new_document, r.new_iri, r.new_span, r.new_quote),
        ):
            edition = KG.oldEdition if side == "old" else KG.newEdition
            item = KG.oldItem if side == "old" else KG.newItem
            if doc and doc in documents:
                out.add((node, f"<{edition}>", documents[doc]))
                out.add((documents[doc], f"<{DCTERMS.identifier}>", _lit(doc)))
            if iri:
                out.add((node, f"<{item}>", f"<{iri}>"))
            if span and quote:
                out.add((node, f"<{PROV.wasDerivedFrom}>", f"<{span}>"))
                out.add((f"<{span}>", f"<{RDF.type}>", f"<{OA.SpecificResource}>"))
                if doc in documents:
                    out.add((f"<{span}>", f"<{OA.hasSource}>", documents[doc]))
                sel = f"<{span}-quote>"
                out.add((f"<{span}>", f"<{OA.hasSelector}>", sel))
                out.add((sel, f"<{RDF.type}>", f"<{OA.TextQuoteSelector}>"))
                out.add((sel, f"<{OA.exact}>", _lit(quote)))
    return sorted(out)


def format_turtle(rows: Sequence[Difference], documents: dict[str, str]) -> str:
    """The differences as Turtle (see :func:`diff_triples`)."""
    buf = io.StringIO()
    write_turtle(diff_triples(rows, documents), buf)
    return buf.getvalue()


def render(diff: Diff, fmt: str) -> str:
    """The differences in one of :data:`FORMATS`."""
    rows, documents = diff.rows, diff.documents
    if fmt == "table":
        return format_table(rows)
    if fmt == "csv":
        return format_csv(rows)
    if fmt == "json":
        return format_json(rows)
    if fmt == "turtle":
        return format_turtle(rows, documents)
    raise KgError(f"unknown format {fmt!r}; expected one of: {', '.join(FORMATS)}")
