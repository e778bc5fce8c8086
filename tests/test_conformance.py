"""Every document of the regression and development sets, extracted, builds a conforming graph.

A build with a violation is not published (the last good one stays in place), so an extraction
that breaks a shape on some wording costs the user the whole corpus: this guards against it.
The held-out sets are left out on purpose (they are scored, once, and not looked at here).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.build import build

ROOT = Path(__file__).resolve().parents[1]
#: Sets built together (document names are unique within a group, not across groups).
GROUPS = (
    ("tests/corpus", "heldout", "heldout2", "dev1", "dev2"),
    ("dev3", "heldout3", "heldout4", "heldout5", "heldout6"),
)


@pytest.mark.parametrize("sets", GROUPS, ids=["regression", "development"])
def test_every_regression_and_development_sheet_builds_conforming(
    sets: tuple[str, ...], corpus: Path, tmp_path: Path
) -> None:
    sources = sorted(corpus.glob("*.txt")) if sets == GROUPS[0] else []
    for folder in sets:
        sources += sorted((ROOT / folder).glob("*.txt"))
    assert len(sources) >= 30
    summary = build(sources, out=tmp_path / "out")
    assert summary.report is not None
    violations = [f for f in summary.report.findings if f.severity == "Violation"]
    assert summary.conforms and summary.published, [f.message for f in violations][:5]
    assert summary.figures > 500 and summary.activities > 100
