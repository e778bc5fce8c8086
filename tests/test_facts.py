"""Facts files: load the same way for gold, curated and extracted facts; mistakes name file:line."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from kg.facts import FactsError, dump_facts, load_facts
from kg.model import Change, Qualifier
from kg.resources import default_facts

DOC = "In 2017, INL trained more than 40 judges and reduced backlogs by 35 percent.\n"


def _write(tmp_path: Path, body: str) -> Path:
    (tmp_path / "demo.txt").write_text(DOC, encoding="utf-8")
    p = tmp_path / "demo.facts.yaml"
    p.write_text("document: demo.txt\n" + body, encoding="utf-8")
    return p


GOOD = """organizations:
  - name: Bureau of International Narcotics and Law Enforcement Affairs
    aliases: [INL]
    kind: us-government
places: []
measurements:
  - quote: more than 40 judges
    value: 40
    unit: judge
    qualifier: more-than
    year: 2017
    agency: INL
  - quote: reduced backlogs by 35 percent
    value: 35
    unit: percent
    change: decrease
activities:
  - {actor: INL, activity: training of judges, quote: trained more than 40 judges}
"""


def test_loads_and_locates_quotes(tmp_path: Path) -> None:
    facts = load_facts(_write(tmp_path, GOOD))
    judges, backlog = facts.measurements
    assert (judges.span.start, judges.span.end) == (21, 40)
    assert judges.unit == "count" and judges.counted == "judge"
    assert judges.qualifier is Qualifier.MORE_THAN and judges.year == 2017
    assert backlog.change is Change.DECREASE and backlog.value == Decimal(35)
    assert facts.organizations[0].mentions[0].quote == "INL"


def test_dump_then_load_round_trips(tmp_path: Path) -> None:
    facts = load_facts(_write(tmp_path, GOOD))
    again = tmp_path / "again.facts.yaml"
    again.write_text(dump_facts(facts), encoding="utf-8")
    reloaded = load_facts(again)
    assert reloaded.measurements == facts.measurements
    assert reloaded.activities == facts.activities
    assert dump_facts(reloaded) == dump_facts(facts)


@pytest.mark.parametrize(
    ("body", "line", "words"),
    [
        ("measurements: [\n", 3, "not valid YAML"),
        ("colour: blue\n", 2, "unknown key 'colour'"),
        (GOOD.replace("qualifier: more-than", "qualifier: roughly"), 11, "expected one of"),
        (GOOD.replace("quote: more than 40 judges", "quote: 41 judges"), 8, "quote not found"),
        (GOOD.replace("    value: 40\n", ""), 8, "missing 'value'"),
        (GOOD.replace("value: 40", "value: forty"), 9, "must be a number"),
        (GOOD.replace("year: 2017", "year: 17"), 12, "four-digit year"),
        (GOOD.replace("agency: INL", "agency: DEA"), 13, "not listed in this file"),
        (
            GOOD.replace("    value: 40\n", "    start: 3\n    end: 9\n    value: 40\n"),
            9,
            "not the quote",
        ),
    ],
)
def test_mistakes_are_reported_with_file_and_line(
    tmp_path: Path, body: str, line: int, words: str
) -> None:
    path = _write(tmp_path, body)
    with pytest.raises(FactsError) as err:
        load_facts(path)
    message = str(err.value)
    assert message.startswith(f"{path}:{line}:"), message
    assert words in message
    assert "\n" not in message


def test_ambiguous_quote_needs_a_span(tmp_path: Path) -> None:
    body = GOOD.replace("quote: reduced backlogs by 35 percent", "quote: e")
    with pytest.raises(FactsError, match=r"occurs .* times"):
        load_facts(_write(tmp_path, body))


def test_bundled_facts_hold_the_pakistan_program() -> None:
    facts = load_facts(default_facts()[0])
    assert facts.document.name == "pakistan"
    assert len(facts.organizations) == 8
    assert len(facts.places) == 4
    assert len(facts.measurements) == 10
    assert len(facts.activities) == 9
    assert all(a.span is not None for a in facts.activities)


def test_gold_files_load(corpus: Path) -> None:
    for gold in sorted(corpus.glob("*.gold.yaml")):
        facts = load_facts(gold, strict=False)
        assert facts.document.text is not None
        for m in facts.measurements:
            assert facts.document.text[m.span.start : m.span.end] == m.span.quote


def test_team_test_corpus_gold_files_load() -> None:
    """Our own synthetic fact sheets: every gold quote is found in its text."""
    folder = Path(__file__).parent / "corpus"
    golds = sorted(folder.glob("*.gold.yaml"))
    assert len(golds) >= 10
    for gold in golds:
        facts = load_facts(gold, strict=False)
        assert facts.measurements, gold.name
        assert facts.organizations, gold.name
