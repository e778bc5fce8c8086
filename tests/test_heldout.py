"""Extraction on the held-out sheets (heldout/): written apart from the extraction rules, these
measure how the rules carry over to wording they were not written for."""

from __future__ import annotations

from pathlib import Path

from kg.evaluate import evaluate_corpus

HELDOUT = Path(__file__).resolve().parents[1] / "heldout"


def test_heldout_scores_meet_the_targets() -> None:
    report = evaluate_corpus([HELDOUT])
    assert len(report.documents) >= 8
    assert report.figures.f1 >= 0.95
    assert report.organizations.f1 >= 0.90
    for attribute in ("unit", "qualifier", "change", "year", "reported_by"):
        assert report.accuracy(attribute) >= 0.90, attribute
    for doc in report.documents:
        assert doc.figures.f1 >= 0.85, doc.name
