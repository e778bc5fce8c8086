"""Evaluation: matching rules, metrics, report formats."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from kg.evaluate import (
    PRF,
    evaluate_corpus,
    evaluate_pair,
    format_report,
    main,
    report_to_dict,
)
from kg.model import (
    Change,
    Document,
    DocumentFacts,
    Measurement,
    Organization,
    OrgKind,
    Qualifier,
    Span,
)

TEXT = "INL's forensics support led to more than 100 convictions. INL trained 40 judges."
DOC = Document("demo", TEXT)


def span(quote: str) -> Span:
    start = TEXT.index(quote)
    return Span(start, start + len(quote), quote)


def inl(*aliases: str) -> Organization:
    return Organization(
        "Bureau of International Narcotics and Law Enforcement Affairs",
        aliases or ("INL",),
        OrgKind.US_GOVERNMENT,
    )


def fig(quote: str, value: int, counted: str, **kw: object) -> Measurement:
    return Measurement(span=span(quote), value=Decimal(value), unit="count", counted=counted, **kw)  # type: ignore[arg-type]


def gold_facts() -> DocumentFacts:
    return DocumentFacts(
        DOC,
        organizations=[inl()],
        measurements=[
            fig(
                "more than 100 convictions",
                100,
                "conviction",
                qualifier=Qualifier.MORE_THAN,
                agency="INL",
            ),
            fig("trained 40 judges", 40, "judge", agency="INL"),
        ],
    )


def test_perfect_match() -> None:
    score = evaluate_pair(gold_facts(), gold_facts())
    assert (score.figures.tp, score.figures.fp, score.figures.fn) == (2, 0, 0)
    assert score.organizations.f1 == 1.0
    assert all(score.accuracy(a) == 1.0 for a in score.attributes)


def test_figures_match_on_value_and_overlap_only() -> None:
    extracted = DocumentFacts(
        DOC,
        organizations=[inl()],
        measurements=[
            fig("100 convictions", 100, "convictions", agency="INL"),  # overlaps, plural noun
            fig("40 judges", 41, "judge"),  # wrong value: no match
        ],
    )
    score = evaluate_pair(extracted, gold_facts())
    assert (score.figures.tp, score.figures.fp, score.figures.fn) == (1, 1, 1)
    assert score.accuracy("unit") == 1.0  # counted nouns compared singular, lower-case
    assert score.accuracy("qualifier") == 0.0
    assert score.figures.precision == 0.5 and score.figures.recall == 0.5


def test_one_to_one_matching() -> None:
    extracted = DocumentFacts(
        DOC,
        measurements=[fig("100 convictions", 100, "conviction"), fig("100", 100, "conviction")],
    )
    score = evaluate_pair(extracted, gold_facts())
    assert (score.figures.tp, score.figures.fp) == (1, 1)


def test_organizations_match_through_aliases_and_duplicates_are_false_positives() -> None:
    extracted = DocumentFacts(
        DOC,
        organizations=[
            Organization("INL's"),  # possessive stripped, matches the alias
            Organization("Bureau of International Narcotics and Law Enforcement Affairs"),
            Organization("Fact Sheet"),
        ],
    )
    score = evaluate_pair(extracted, gold_facts())
    assert (score.organizations.tp, score.organizations.fp, score.organizations.fn) == (1, 2, 0)


def test_reported_by_and_agency_resolve_through_extracted_aliases() -> None:
    gold = gold_facts()
    gold.measurements[0] = fig(
        "more than 100 convictions",
        100,
        "conviction",
        qualifier=Qualifier.MORE_THAN,
        agency="Bureau of International Narcotics and Law Enforcement Affairs",
        reported_by="INL",
    )
    extracted = DocumentFacts(
        DOC,
        organizations=[Organization("The Bureau", ("INL",))],
        measurements=[
            fig(
                "more than 100 convictions",
                100,
                "conviction",
                qualifier=Qualifier.MORE_THAN,
                agency="INL",
                reported_by="The Bureau",
            ),
            fig("trained 40 judges", 40, "judge", change=Change.INCREASE, year=2019),
        ],
    )
    score = evaluate_pair(extracted, gold)
    assert score.accuracy("reported_by") == 1.0
    assert score.accuracy("agency") == 0.5  # the second figure misses its agency
    assert score.accuracy("change") == 0.5
    assert score.accuracy("year") == 0.5


def test_prf_edge_cases() -> None:
    assert PRF().f1 == 1.0
    assert PRF(0, 1, 1).f1 == 0.0


def _corpus(tmp_path: Path) -> Path:
    (tmp_path / "kenya.txt").write_text(
        "INL has trained more than 85 judges in Kenya.\n", encoding="utf-8"
    )
    (tmp_path / "kenya.gold.yaml").write_text(
        "document: kenya.txt\n"
        "organizations:\n"
        "  - {name: Bureau of International Narcotics and Law Enforcement Affairs,"
        " aliases: [INL], kind: us-government}\n"
        "places: [Kenya]\n"
        "measurements:\n"
        "  - {quote: 'more than 85 judges', value: 85, unit: judge, qualifier: more-than,"
        " agency: INL}\n",
        encoding="utf-8",
    )
    (tmp_path / "nogold.txt").write_text("INL trained 3 judges.\n", encoding="utf-8")
    return tmp_path


def test_evaluate_corpus_and_reports(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = _corpus(tmp_path)
    report = evaluate_corpus([folder])
    assert [d.name for d in report.documents] == ["kenya"]  # documents without gold skipped
    assert report.figures.f1 == 1.0 and report.organizations.f1 == 1.0
    table = format_report(report)
    assert "kenya" in table and "OVERALL" in table
    data = report_to_dict(report)
    json.dumps(data)
    assert data["overall"]["figures"]["f1"] == 1.0
    assert main([str(folder), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["overall"]["organizations"]["tp"] == 1


def test_gold_override_for_one_document(tmp_path: Path) -> None:
    folder = _corpus(tmp_path)
    other = tmp_path / "other.gold.yaml"
    other.write_text(
        (folder / "kenya.gold.yaml").read_text().replace("value: 85", "value: 86"),
        encoding="utf-8",
    )
    report = evaluate_corpus([folder / "kenya.txt"], gold=other)
    assert report.figures.tp == 0 and report.figures.fn == 1
    with pytest.raises(Exception, match="one document"):
        evaluate_corpus([folder], gold=other)
