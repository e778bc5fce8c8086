"""Score extracted facts against gold files: organizations and figures, per document and overall.

A figure matches a gold figure when the values are equal (``Decimal`` equality) and the spans
overlap; matching is greedy and one-to-one (largest overlap first). Organizations match through
any name or alias (case-insensitive, possessive "'s" stripped); a second extracted node for one
gold organization is a false positive. Named programs match the same way. For matched figures the
report gives the accuracy of unit, qualifier, change, year, reported_by, agency, place (a null
place reads as the program's country, as the corpus README says) and counted noun (scored on
gold counts only).

Run ``python -m kg.evaluate CORPUS_DIR`` for a table, ``--json`` for JSON.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from kg.documents import DOCUMENT_SUFFIXES, load_document
from kg.facts import load_facts
from kg.model import DocumentFacts, KgError, Measurement, Organization, Program
from kg.numbers import singularize
from kg.places import lookup

#: Attributes scored on matched figures, in report order.
ATTRIBUTES: tuple[str, ...] = (
    "unit",
    "qualifier",
    "change",
    "year",
    "reported_by",
    "agency",
    "place",
    "counted",
)


@dataclass(slots=True)
class PRF:
    """True positives, false positives and false negatives, with derived scores."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        """tp / (tp + fp); 1.0 when nothing was extracted."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        """tp / (tp + fn); 1.0 when there is nothing to find."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: PRF) -> None:
        """Add another count in place (micro-averaging)."""
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn


@dataclass(slots=True)
class Mismatch:
    """One difference found: a missed or spurious fact, or a wrong attribute."""

    kind: str  # "missed-figure", "extra-figure", "attribute", "missed-org", "extra-org"
    detail: str


@dataclass(slots=True)
class DocScore:
    """The scores of one document."""

    name: str
    organizations: PRF = field(default_factory=PRF)
    figures: PRF = field(default_factory=PRF)
    programs: PRF = field(default_factory=PRF)
    attributes: dict[str, list[int]] = field(
        default_factory=lambda: {a: [0, 0] for a in ATTRIBUTES}
    )  # attribute -> [correct, total]
    mismatches: list[Mismatch] = field(default_factory=list)
    org_kinds: list[int] = field(default_factory=lambda: [0, 0])  # [correct, total] matched
    program_runners: list[int] = field(default_factory=lambda: [0, 0])  # [correct, total]

    def accuracy(self, attribute: str) -> float:
        """Share of matched figures with this attribute right (1.0 when none matched)."""
        ok, total = self.attributes[attribute]
        return ok / total if total else 1.0


@dataclass(slots=True)
class CorpusReport:
    """Scores of every document and the micro-averaged totals."""

    documents: list[DocScore] = field(default_factory=list)

    @property
    def organizations(self) -> PRF:
        """Micro-averaged organization counts."""
        total = PRF()
        for d in self.documents:
            total.add(d.organizations)
        return total

    @property
    def programs(self) -> PRF:
        """Micro-averaged named-program counts."""
        total = PRF()
        for d in self.documents:
            total.add(d.programs)
        return total

    @property
    def figures(self) -> PRF:
        """Micro-averaged figure counts."""
        total = PRF()
        for d in self.documents:
            total.add(d.figures)
        return total

    def attribute_counts(self, attribute: str) -> tuple[int, int]:
        """(correct, total) over every matched figure of the corpus."""
        ok = sum(d.attributes[attribute][0] for d in self.documents)
        total = sum(d.attributes[attribute][1] for d in self.documents)
        return ok, total

    def accuracy(self, attribute: str) -> float:
        """Micro-averaged accuracy of one attribute over every matched figure."""
        ok, total = self.attribute_counts(attribute)
        return ok / total if total else 1.0

    @property
    def program_runner_accuracy(self) -> float:
        """Share of matched programs whose runner (run_by) agrees with the gold."""
        ok = sum(d.program_runners[0] for d in self.documents)
        total = sum(d.program_runners[1] for d in self.documents)
        return ok / total if total else 1.0

    @property
    def org_kind_accuracy(self) -> float:
        """Share of matched organizations whose kind agrees with the gold (not a target)."""
        ok = sum(d.org_kinds[0] for d in self.documents)
        total = sum(d.org_kinds[1] for d in self.documents)
        return ok / total if total else 1.0


_POSS = re.compile(r"[’']s$")


def _norm_name(name: str) -> str:
    return _POSS.sub("", " ".join(name.split())).casefold()


def _names(org: Organization | Program) -> set[str]:
    return {_norm_name(n) for n in org.names if n}


def _place_key(facts: DocumentFacts, name: str | None) -> str | None:
    """A comparable key for a figure's place: null reads as the program's country; a place the
    gazetteer knows compares by its ISO code, any other by its normalized name."""
    if not name:
        name = facts.country or (facts.places[0].name if facts.places else None)
    if not name:
        return None
    entry = lookup(name)
    return entry.code if entry is not None and entry.code else _norm_name(name)


def _counted(m: Measurement) -> str | None:
    if m.unit != "count":
        return None
    # "per 100,000 residents" and "per 100000 resident" name the same thing
    return singularize(re.sub(r"(?<=\d),(?=\d{3})", "", m.counted or "")) or None


def _resolver(extracted: DocumentFacts, gold: DocumentFacts) -> Callable[[str | None], int | None]:
    """Map an extracted organization reference to the index of a gold organization."""
    gold_names = [_names(o) for o in gold.organizations]

    def resolve(name: str | None) -> int | None:
        if not name:
            return None
        keys = {_norm_name(name)}
        org = extracted.organization(name) or extracted.organization(_POSS.sub("", name))
        if org is not None:
            keys |= _names(org)
        for i, names in enumerate(gold_names):
            if keys & names:
                return i
        return -1  # names an organization gold does not know

    return resolve


def _gold_index(gold: DocumentFacts, name: str | None) -> int | None:
    if not name:
        return None
    key = _norm_name(name)
    for i, o in enumerate(gold.organizations):
        if key in _names(o):
            return i
    return -2  # gold refers to something it does not list (should not happen)


_Named = TypeVar("_Named", Organization, Program)


def _match_by_names(
    found: list[_Named], wanted: list[_Named], prf: PRF, score: DocScore, what: str
) -> list[tuple[_Named, _Named]]:
    """Match extracted items to gold items sharing a name or alias, one to one, in order;
    count them in ``prf`` and record the extra and missed ones in ``score``."""
    gold_sets = [_names(w) for w in wanted]
    matched: set[int] = set()
    pairs: list[tuple[_Named, _Named]] = []
    for item in found:
        hits = [i for i, g in enumerate(gold_sets) if g & _names(item)]
        free = [i for i in hits if i not in matched]
        if free:
            matched.add(free[0])
            prf.tp += 1
            pairs.append((item, wanted[free[0]]))
        else:
            prf.fp += 1
            why = "duplicate node" if hits else "not in gold"
            score.mismatches.append(Mismatch(f"extra-{what}", f"{item.name} ({why})"))
    for i, w in enumerate(wanted):
        if i not in matched:
            prf.fn += 1
            score.mismatches.append(Mismatch(f"missed-{what}", w.name))
    return pairs


def evaluate_pair(extracted: DocumentFacts, gold: DocumentFacts) -> DocScore:
    """Score one document's extracted facts against its gold facts."""
    score = DocScore(name=gold.document.name)

    # Organizations and named programs: matched through any name or alias, one to one.
    for org, want in _match_by_names(
        extracted.organizations, gold.organizations, score.organizations, score, "org"
    ):
        score.org_kinds[1] += 1
        if org.kind == want.kind:
            score.org_kinds[0] += 1
        else:
            score.mismatches.append(
                Mismatch("org-kind", f"{org.name}: gold {want.kind.value}, got {org.kind.value}")
            )

    resolve = _resolver(extracted, gold)
    for pg, gold_pg in _match_by_names(
        extracted.programs, gold.programs, score.programs, score, "program"
    ):
        score.program_runners[1] += 1
        if _gold_index(gold, gold_pg.run_by) == resolve(pg.run_by):
            score.program_runners[0] += 1
        else:
            score.mismatches.append(
                Mismatch("program-run-by", f"{pg.name}: gold {gold_pg.run_by}, got {pg.run_by}")
            )

    # Figures: candidate pairs with equal value and overlapping spans, largest overlap first.
    pairs: list[tuple[int, int, int]] = []
    for gi, g in enumerate(gold.measurements):
        for ei, x in enumerate(extracted.measurements):
            if x.value == g.value and x.span.overlaps(g.span):
                overlap = min(x.span.end, g.span.end) - max(x.span.start, g.span.start)
                pairs.append((-overlap, gi, ei))
    pairs.sort()
    used_g: set[int] = set()
    used_e: set[int] = set()
    matches: list[tuple[Measurement, Measurement]] = []
    for _neg, gi, ei in pairs:
        if gi in used_g or ei in used_e:
            continue
        used_g.add(gi)
        used_e.add(ei)
        matches.append((gold.measurements[gi], extracted.measurements[ei]))
    score.figures.tp = len(matches)
    score.figures.fp = len(extracted.measurements) - len(matches)
    score.figures.fn = len(gold.measurements) - len(matches)
    for gi, g in enumerate(gold.measurements):
        if gi not in used_g:
            score.mismatches.append(Mismatch("missed-figure", f"{g.value} {g.span.quote!r}"))
    for ei, x in enumerate(extracted.measurements):
        if ei not in used_e:
            score.mismatches.append(Mismatch("extra-figure", f"{x.value} {x.span.quote!r}"))

    for g, x in sorted(matches, key=lambda gx: gx[0].span.start):
        checks: dict[str, tuple[bool, Any, Any]] = {
            "unit": (
                g.unit == x.unit and _counted(g) == _counted(x),
                _counted(g) or g.unit,
                _counted(x) or x.unit,
            ),
            "qualifier": (g.qualifier == x.qualifier, g.qualifier.value, x.qualifier.value),
            "change": (g.change == x.change, g.change, x.change),
            "year": (g.year == x.year, g.year, x.year),
            "reported_by": (
                _gold_index(gold, g.reported_by) == resolve(x.reported_by),
                g.reported_by,
                x.reported_by,
            ),
            "agency": (
                _gold_index(gold, g.agency) == resolve(x.agency),
                g.agency,
                x.agency,
            ),
            "place": (
                _place_key(gold, g.place) == _place_key(extracted, x.place),
                g.place,
                x.place,
            ),
        }
        if g.unit == "count":
            checks["counted"] = (_counted(g) == _counted(x), _counted(g), _counted(x))
        for attr, (ok, want, got) in checks.items():
            score.attributes[attr][1] += 1
            if ok:
                score.attributes[attr][0] += 1
            else:
                score.mismatches.append(
                    Mismatch("attribute", f"{attr} of {g.span.quote!r}: gold {want}, got {got}")
                )
    return score


def _documents(paths: Iterable[str | Path]) -> list[Path]:
    out: list[Path] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            out.extend(
                c
                for c in sorted(p.iterdir())
                if c.is_file() and c.suffix.lower() in DOCUMENT_SUFFIXES
            )
        elif p.is_file():
            out.append(p)
        else:
            raise KgError(f"{p}: no such file or folder")
    return out


def gold_path(document: Path) -> Path:
    """The gold file beside a document: ``NAME.gold.yaml``."""
    return document.with_name(document.stem + ".gold.yaml")


def evaluate_corpus(
    paths: Sequence[str | Path],
    *,
    gold: str | Path | None = None,
    extractor: Callable[[Path], DocumentFacts] | None = None,
) -> CorpusReport:
    """Extract and score every document under ``paths`` that has a ``NAME.gold.yaml`` beside it.

    ``gold`` names the gold file for a single document (overriding the one beside it).
    ``extractor`` defaults to :func:`kg.extract.extract_file`.
    """
    if extractor is None:
        from kg.extract import extract_file

        extractor = extract_file
    docs = _documents(paths)
    if gold is not None and len(docs) != 1:
        raise KgError("--gold applies to one document; give exactly one document")
    report = CorpusReport()
    for doc_path in docs:
        g_path = Path(gold) if gold is not None else gold_path(doc_path)
        if not g_path.is_file():
            continue
        document = load_document(doc_path)
        gold_facts = load_facts(g_path, document=document, strict=False)
        report.documents.append(evaluate_pair(extractor(doc_path), gold_facts))
    return report


def _pct(x: float) -> str:
    return f"{x:.3f}"


def format_report(report: CorpusReport, *, details: bool = False) -> str:
    """A readable table: per-document and overall P/R/F1 and attribute accuracies."""
    head = ["document", "org P", "org R", "org F1", "prog F1", "fig P", "fig R", "fig F1"]
    head += ["tp/gold"]
    head += [a[:8] for a in ATTRIBUTES]
    rows: list[list[str]] = []

    def row(name: str, orgs: PRF, progs: PRF, figs: PRF, acc: Callable[[str], float]) -> list[str]:
        return [
            name,
            _pct(orgs.precision),
            _pct(orgs.recall),
            _pct(orgs.f1),
            _pct(progs.f1),
            _pct(figs.precision),
            _pct(figs.recall),
            _pct(figs.f1),
            f"{figs.tp}/{figs.tp + figs.fn}",
            *(_pct(acc(a)) for a in ATTRIBUTES),
        ]

    for d in report.documents:
        rows.append(row(d.name, d.organizations, d.programs, d.figures, d.accuracy))
    rows.append(
        row("OVERALL", report.organizations, report.programs, report.figures, report.accuracy)
    )
    widths = [max(len(r[i]) for r in [head, *rows]) for i in range(len(head))]
    lines = [
        "  ".join(
            c.ljust(w) if i == 0 else c.rjust(w)
            for i, (c, w) in enumerate(zip(cells, widths, strict=True))
        )
        for cells in [head, *rows]
    ]
    lines.insert(1, "-" * len(lines[0]))
    lines.insert(len(lines) - 1, "-" * len(lines[0]))
    lines.append(
        f"organization kind accuracy (matched organizations): {_pct(report.org_kind_accuracy)}"
    )
    lines.append(
        f"program runner accuracy (matched programs): {_pct(report.program_runner_accuracy)}"
    )
    if details:
        for d in report.documents:
            for mm in d.mismatches:
                lines.append(f"{d.name}: {mm.kind}: {mm.detail}")
    return "\n".join(lines) + "\n"


def _prf_dict(prf: PRF) -> dict[str, Any]:
    return {
        "tp": prf.tp,
        "fp": prf.fp,
        "fn": prf.fn,
        "precision": round(prf.precision, 4),
        "recall": round(prf.recall, 4),
        "f1": round(prf.f1, 4),
    }


def report_to_dict(report: CorpusReport) -> dict[str, Any]:
    """The report as plain data (for ``--json``)."""
    return {
        "documents": [
            {
                "name": d.name,
                "organizations": _prf_dict(d.organizations),
                "programs": _prf_dict(d.programs),
                "figures": _prf_dict(d.figures),
                "attributes": {
                    a: {"correct": c, "total": t, "accuracy": round(d.accuracy(a), 4)}
                    for a, (c, t) in d.attributes.items()
                },
                "mismatches": [{"kind": m.kind, "detail": m.detail} for m in d.mismatches],
            }
            for d in report.documents
        ],
        "overall": {
            "organization_kind_accuracy": round(report.org_kind_accuracy, 4),
            "program_runner_accuracy": round(report.program_runner_accuracy, 4),
            "organizations": _prf_dict(report.organizations),
            "programs": _prf_dict(report.programs),
            "figures": _prf_dict(report.figures),
            "attributes": {
                a: {
                    "correct": report.attribute_counts(a)[0],
                    "total": report.attribute_counts(a)[1],
                    "accuracy": round(report.accuracy(a), 4),
                }
                for a in ATTRIBUTES
            },
        },
    }


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: ``python -m kg.evaluate PATH... [--gold FILE] [--json] [--details]``."""
    ap = argparse.ArgumentParser(prog="python -m kg.evaluate", description=__doc__.split("\n")[0])
    ap.add_argument("paths", nargs="+", help="fact sheets or folders holding them")
    ap.add_argument("--gold", help="gold file for a single document")
    ap.add_argument("--json", action="store_true", help="print JSON instead of a table")
    ap.add_argument("--details", action="store_true", help="list every mismatch")
    args = ap.parse_args(argv)
    try:
        report = evaluate_corpus(args.paths, gold=args.gold)
    except KgError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(report_to_dict(report), indent=2, default=str))
    else:
        sys.stdout.write(format_report(report, details=args.details))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
