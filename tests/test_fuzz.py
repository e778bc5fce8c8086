"""Fuzz tests: extraction, IRI minting and facts loading never crash on hostile input.

Inputs are generated at test time: arbitrary text, and the team's synthetic sheets
(``tests/corpus``) and the real ones (``../shared/corpus``) mutated by inserting digits,
punctuation, unicode, very long numbers and repeated phrases. No test is timed; how extraction
time grows with the input lives in ``benchmarks/extract_scale.py``.

A bigger campaign is run by hand (prints cases run, crashes and the slowest case)::

    python tests/test_fuzz.py --cases 3000
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import tempfile
import time
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pyoxigraph import NamedNode
from rdflib import URIRef

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kg.extract import extract, sentences  # noqa: E402
from kg.facts import load_facts  # noqa: E402
from kg.model import Document, DocumentFacts, KgError, Span  # noqa: E402
from kg.numbers import MAX_DIGITS, parse_number, scale  # noqa: E402
from kg.rdf import (  # noqa: E402
    document_iri,
    facts_to_graph,
    figure_iri,
    graph_iri,
    group_iri,
    organization_iri,
    place_iri,
    program_iri,
    slug,
    span_iri,
)

TEST_CORPUS = ROOT / "tests" / "corpus"
SHARED = ROOT.parent / "shared" / "corpus"

FUZZ = settings(
    max_examples=150,
    deadline=None,
    derandomize=True,  # the same examples on every run: a failure is reproducible
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def _texts(folder: Path, pattern: str) -> list[tuple[str, str]]:
    return [
        (p.stem.split(".")[0], p.read_text(encoding="utf-8")) for p in sorted(folder.glob(pattern))
    ]


SHEETS = _texts(TEST_CORPUS, "*.txt")
GOLDS = _texts(TEST_CORPUS, "*.gold.yaml")
REAL_SHEETS = _texts(SHARED, "*.txt") if SHARED.is_dir() else []

# --------------------------------------------------------------------------------------------
# Mutations

#: Phrases the rules react to: repeating or inserting them stresses every pattern.
PHRASES = [
    "more than ",
    " percent",
    "%",
    "$",
    "US$",
    " million",
    " billion",
    " trillion",
    "INL",
    "INL’s ",
    " (UNODC)",
    "U.S. ",
    "the Government of Pakistan",
    " National Police",
    "Ministry of Justice",
    " in 2019",
    "In FY 2015, ",
    "that year",
    " by ",
    " reduced ",
    "between 10 and ",
    " from 4 to 14 ",
    " per 100,000 residents",
    " kilograms of heroin",
    " officers, judges, and prosecutors",
    " and ",
    ", where ",
    "; ",
    "Challenges: ",
    "\n• ",
    "Taliban",
    "Detachment 88",
    "the same year",
    "reported by the ",
    " according to ",
]
PUNCTUATION = list(".,;:!?()[]{}'\"’“”-–—/*#%$&@\n\t •·")
UNICODE = [
    "é",
    "ñ",
    "ß",
    "\u00a0",
    "\u2003",
    "\u200b",
    "\u202e",
    "𝟗",
    "٣",
    "０",
    "ﬁ",
    "🙂",
    "\x00",
    "\r",
]


def long_number(rng: random.Random) -> str:
    """A number far longer than any figure: plain, with separators, decimals or an exponent."""
    n = rng.choice([MAX_DIGITS, MAX_DIGITS + 1, 40, 80, 400])
    digits = "".join(rng.choice("0123456789") for _ in range(n))
    form = rng.randrange(5)
    if form == 0:
        return digits
    if form == 1:
        return f"{int(digits or '0'):,}"
    if form == 2:
        return digits[: n // 2] + "." + digits[n // 2 :]
    if form == 3:
        return f"1e{digits[:7]}"
    return digits + " trillion"


@dataclass(frozen=True)
class Edit:
    """One change to a text at a relative position.

    ``insert`` the payload, ``delete`` ``size`` characters, ``repeat`` the next ``size`` (at most
    40) characters ``size`` times, or ``flatten`` the next ``100 * size`` characters into one
    sentence (sentence punctuation and line breaks made spaces).
    """

    at: float
    kind: str
    payload: str
    size: int

    def apply(self, text: str) -> str:
        """The text with this edit made."""
        i = min(len(text), int(self.at * len(text)))
        if self.kind == "insert":
            return text[:i] + self.payload + text[i:]
        if self.kind == "delete":
            return text[:i] + text[i + self.size :]
        if self.kind == "flatten":
            j = i + 100 * self.size
            return text[:i] + re.sub(r"[.!?\n]", " ", text[i:j]) + text[j:]
        piece = text[i : i + min(40, max(1, self.size))] or self.payload
        return text[:i] + piece * self.size + text[i:]


def random_edit(rng: random.Random) -> Edit:
    """A random :class:`Edit` (for the hand-run campaign)."""
    kind = rng.choices(["insert", "delete", "repeat", "flatten"], [6, 2, 2, 1])[0]
    pick = rng.randrange(6)
    payload = (
        str(rng.randint(0, 10 ** rng.randint(1, 12)))
        if pick == 0
        else rng.choice(PUNCTUATION)
        if pick == 1
        else rng.choice(UNICODE)
        if pick == 2
        else long_number(rng)
        if pick == 3
        else rng.choice(PHRASES) * rng.randint(1, 30)
        if pick == 4
        else "".join(rng.choice(PUNCTUATION + UNICODE + ["a", "B", "7", " "]) for _ in range(8))
    )
    size = rng.randint(1, 80) if rng.random() < 0.9 else rng.randint(80, 800)
    return Edit(rng.random(), kind, payload, size)


payloads = st.one_of(
    st.integers(0, 10**15).map(str),
    st.sampled_from(PUNCTUATION),
    st.sampled_from(UNICODE),
    st.text(max_size=12),
    st.integers(MAX_DIGITS - 2, 120).map(lambda n: "9" * n),
    st.sampled_from(
        ["1e999999", "1E-999999", "9" * 60 + ".5", f"{10**45:,}", "0." + "0" * 50 + "1"]
    ),
    st.tuples(st.sampled_from(PHRASES), st.integers(1, 40)).map(lambda t: t[0] * t[1]),
)
edits = st.builds(
    Edit,
    at=st.floats(0, 1),
    kind=st.sampled_from(["insert", "insert", "insert", "delete", "repeat", "flatten"]),
    payload=payloads,
    size=st.integers(1, 80),
)


def mutated(sources: list[tuple[str, str]]) -> st.SearchStrategy[tuple[str, str]]:
    """A sheet of ``sources`` (name, text) with up to 12 edits."""
    return st.tuples(st.sampled_from(sources), st.lists(edits, max_size=12)).map(
        lambda t: (t[0][0], _apply(t[0][1], t[1]))
    )


def _apply(text: str, changes: list[Edit]) -> str:
    for c in changes:
        text = c.apply(text)
    return text


# --------------------------------------------------------------------------------------------
# What must hold of every extraction


def spans_of(facts: DocumentFacts) -> Iterator[tuple[str, Span]]:
    """Every span the facts cite, with what cites it."""
    for m in facts.measurements:
        yield "figure", m.span
    for o in facts.organizations:
        for sp in o.mentions:
            yield f"organization {o.name!r}", sp
    for p in facts.places:
        for sp in p.mentions:
            yield f"place {p.name!r}", sp
    for a in facts.activities:
        if a.span is not None:
            yield "activity", a.span


def check_extraction(name: str, text: str) -> DocumentFacts:
    """Extract, and assert what must hold whatever the text: quotes are the text they cite."""
    facts = extract(Document(name, text))
    for what, sp in spans_of(facts):
        assert 0 <= sp.start < sp.end <= len(text), (what, sp)
        assert sp.quote == text[sp.start : sp.end], (what, sp)
    for m in facts.measurements:
        assert isinstance(m.value, Decimal) and m.value.is_finite(), m
        assert len(m.value.as_tuple().digits) <= MAX_DIGITS + 12, m  # at most a trillion times
    return facts


def check_iris(graph_iris: list[str]) -> None:
    """Every IRI parses strictly as an RDF IRI."""
    for iri in graph_iris:
        NamedNode(iri)  # raises ValueError on an invalid IRI


def iris_of(facts: DocumentFacts) -> list[str]:
    """Every IRI in the graph of the facts, sorted."""
    g = facts_to_graph(facts)
    return sorted({str(t) for triple in g for t in triple if isinstance(t, URIRef)})


# --------------------------------------------------------------------------------------------
# Tests


@FUZZ
@given(st.text(max_size=400))
def test_extract_never_raises_on_arbitrary_text(text: str) -> None:
    check_extraction("fuzz", text)


@FUZZ
@given(mutated(SHEETS))
def test_extract_mutated_sheets(sheet: tuple[str, str]) -> None:
    name, text = sheet
    first = check_extraction(name, text)
    assert repr(extract(Document(name, text))) == repr(first)  # deterministic


@FUZZ
@given(st.data())
def test_extract_mutated_real_sheets(data: st.DataObject) -> None:
    if not REAL_SHEETS:
        pytest.skip(f"shared corpus not found at {SHARED}")
    name, text = data.draw(mutated(REAL_SHEETS))
    check_extraction(name, text)


@settings(FUZZ, max_examples=30)
@given(mutated(SHEETS))
def test_minted_iris_of_mutated_sheets_are_valid_and_stable(sheet: tuple[str, str]) -> None:
    name, text = sheet
    facts = check_extraction(name, text)
    iris = iris_of(facts)
    check_iris(iris)
    assert iris_of(extract(Document(name, text))) == iris  # same input, same IRIs


@FUZZ
@given(st.text(max_size=80), st.text(max_size=80), st.integers(0, 10**7), st.integers(1, 500))
def test_iri_minting_on_arbitrary_names(a: str, b: str, start: int, length: int) -> None:
    s = slug(a)
    assert s == slug(a) and s and s.isascii() and s.strip("-") == s
    assert all(c.isalnum() or c == "-" for c in s)
    span = Span(start, start + length, "x")
    minted = [
        document_iri(a),
        graph_iri(a),
        program_iri(a),
        organization_iri(a),
        group_iri(a),
        place_iri(a, None),
        span_iri(a, span),
        figure_iri(a, span),
    ]
    check_iris([str(i) for i in minted])
    assert [document_iri(a), organization_iri(a), figure_iri(a, span)] == [
        document_iri(a),
        organization_iri(a),
        figure_iri(a, span),
    ]
    # different spans of one document never share an IRI
    other = Span(start, start + length + 1, "x")
    assert figure_iri(a, span) != figure_iri(a, other)
    if slug(a) != slug(b):
        assert organization_iri(a) != organization_iri(b)


@FUZZ
@given(st.text(max_size=30), st.text(max_size=12))
def test_place_iri_with_any_code_is_valid(name: str, code: str) -> None:
    check_iris([str(place_iri(name, code or None))])
    assert place_iri("Sindh", "PK-SD") == place_iri("Sindh", "pk-sd")


@FUZZ
@given(
    st.one_of(
        st.text(alphabet="0123456789,.", max_size=300),
        st.integers(0, 10**80).map(str),
        st.integers(0, 10**80).map(lambda n: f"{n:,}"),
        st.tuples(st.integers(0, 10**60), st.integers(0, 10**60)).map(lambda t: f"{t[0]}.{t[1]}"),
    ),
    st.sampled_from([None, "thousand", "million", "billion", "trillion", "bn"]),
)
def test_numbers_of_any_length_parse_exactly_or_are_refused(raw: str, word: str | None) -> None:
    value = parse_number(raw)
    if value is None:
        return
    digits = raw.replace(",", "").replace(".", "")
    assert len(digits) <= MAX_DIGITS  # anything longer is refused
    assert value == Decimal(raw.replace(",", ""))  # kept exactly
    factor = {
        "thousand": 10**3,
        "million": 10**6,
        "billion": 10**9,
        "bn": 10**9,
        "trillion": 10**12,
    }
    assert Fraction(scale(value, word)) == Fraction(value) * factor.get(word or "", 1)  # exact


def test_long_numbers_in_a_sheet_are_not_figures_and_do_not_raise() -> None:
    text = (
        "INL trained " + "9" * 40 + " judges and 25 prosecutors. Seizures reached 1e999999 "
        "kilograms. INL provided $" + "1" * 30 + " million and $" + "9" * 28 + " trillion."
    )
    facts = check_extraction("pakistan", text)
    values = {m.span.quote: m.value for m in facts.measurements}
    assert values["25 prosecutors"] == Decimal(25)
    assert values["$" + "9" * 28 + " trillion"] == Decimal("9" * 28) * 10**12
    assert not any("9" * 40 in q or "1" * 30 in q for q in values)


def test_overlong_sentences_are_cut_so_every_span_stays_bounded() -> None:
    text = ("INL trained 12 judges and " * 400) + "the end."
    spans = sentences(text)
    assert all(e - s <= 1_000 for s, e in spans)
    assert "".join(text[s:e] for s, e in spans).replace(" ", "") == text.replace(" ", "")
    facts = check_extraction("pakistan", text)
    assert len([m for m in facts.measurements if m.value == 12]) == 400


def _facts_file_texts() -> st.SearchStrategy[str]:
    gold = st.sampled_from([t for _n, t in GOLDS])
    line_edits = st.lists(
        st.tuples(
            st.floats(0, 1),
            st.one_of(
                st.text(max_size=30),
                st.sampled_from(
                    [
                        "value: " + "9" * 50,
                        "value: 1e999999",
                        "value: .nan",
                        "value: [1, 2]",
                        "start: -5",
                        "end: 99999999",
                        "quote: ''",
                        "unit: 🙂",
                        "kind: nonsense",
                        "- {",
                        "measurements: 7",
                        "organizations:\n- 5",
                        "  - name: null",
                        "&a [*a]",
                        "!!python/object:os.system x",
                        "year: twenty",
                        "\t",
                        ":",
                        "---",
                    ]
                ),
            ),
        ),
        max_size=6,
    )
    return st.one_of(
        st.text(max_size=300),
        st.tuples(gold, line_edits).map(lambda t: _edit_lines(t[0], t[1])),
    )


def _edit_lines(text: str, changes: list[tuple[float, str]]) -> str:
    lines = text.splitlines()
    for at, new in changes:
        i = int(at * len(lines))
        if i < len(lines) and new and new[0] not in "-&!:\t" and ":" in lines[i]:
            key = lines[i].split(":", 1)[0]
            lines[i] = key + new[new.index(":") :] if ":" in new else new
        else:
            lines.insert(i, new)
    return "\n".join(lines)


def load_any(text: str, document: Document | None) -> DocumentFacts | None:
    """Load ``text`` as a facts file: its facts, or ``None`` for a :class:`KgError`."""
    with tempfile.TemporaryDirectory(prefix="kg-fuzz-") as tmp:
        path = Path(tmp) / "fuzz.facts.yaml"
        path.write_text(text, encoding="utf-8")
        try:
            return load_facts(path, document=document, corpus_dirs=[], strict=False)
        except KgError:
            return None


@FUZZ
@given(_facts_file_texts(), st.sampled_from(SHEETS))
def test_facts_loader_gives_facts_or_a_kg_error(text: str, sheet: tuple[str, str]) -> None:
    load_any(text, Document(sheet[0], sheet[1]))
    load_any(text, None)


# --------------------------------------------------------------------------------------------
# The campaign run by hand


def campaign(cases: int, seed: int, report: Callable[[str], None] = print) -> int:
    """Extract ``cases`` mutated sheets; report crashes and the slowest cases. Exit code."""
    rng = random.Random(seed)
    sources = SHEETS + REAL_SHEETS
    crashes = 0
    times: list[tuple[float, int, int]] = []  # seconds, case, size
    started = time.perf_counter()
    for case in range(cases):
        name, text = rng.choice(sources)
        for _ in range(rng.randint(1, 25)):
            text = random_edit(rng).apply(text)
        t0 = time.process_time()
        try:
            check_extraction(name, text)
        except Exception:  # a campaign reports every crash
            crashes += 1
            report(f"crash in case {case} ({len(text)} chars):\n{traceback.format_exc()}")
            Path(f"fuzz-crash-{case}.txt").write_text(text, encoding="utf-8", errors="replace")
        times.append((time.process_time() - t0, case, len(text)))
    times.sort(reverse=True)
    total = time.perf_counter() - started
    report(f"cases: {cases}  crashes: {crashes}  wall: {total:.1f} s")
    for secs, case, size in times[:5]:
        report(f"  slow: case {case}: {secs:.2f} s CPU, {size} chars")
    over = sum(1 for s, _c, _z in times if s > 5)
    report(f"cases over 5 s: {over}; median {times[len(times) // 2][0] * 1000:.0f} ms")
    return 1 if crashes else 0


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description="Fuzz campaign over mutated fact sheets")
    ap.add_argument("--cases", type=int, default=3000)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    raise SystemExit(campaign(args.cases, args.seed))
