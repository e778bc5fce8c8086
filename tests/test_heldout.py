"""Extraction on heldout/ and heldout2/: written apart from the rules by other hands, but the
rules have since been changed while these sets were in view, so they are regression sets now,
no longer held out. The last held-out pair (heldout42/ and heldout43/, see the README) is
scored by no test: its scores are measured by ``kg eval`` runs reported in the closing notes,
never asserted."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.evaluate import evaluate_corpus

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("folder", ["heldout", "heldout2"])
def test_heldout_scores_meet_the_targets(folder: str) -> None:
    report = evaluate_corpus([ROOT / folder])
    assert len(report.documents) >= 8
    assert report.figures.f1 >= 0.95
    assert report.organizations.f1 >= 0.90
    for attribute in ("unit", "qualifier", "change", "year", "reported_by"):
        assert report.accuracy(attribute) >= 0.90, attribute
    for doc in report.documents:
        assert doc.figures.f1 >= 0.85, doc.name
