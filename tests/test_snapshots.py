"""Golden snapshots of what users read: the validation report, the evaluation CSV and an
extraction draft. Compared as graphs or lines; on failure the missing (-) and added (+) lines are
printed; ``pytest --regen-golden`` rewrites them (review the diff before committing)."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_build import triple_diff

from kg.build import build
from kg.extract import extract_file
from kg.facts import dump_facts
from kg.query import format_result, named_queries, run_query
from kg.store import load_store

GOLDEN = Path(__file__).parent / "golden"
TEST_CORPUS = Path(__file__).parent / "corpus"


def _check_lines(name: str, actual: str, request: pytest.FixtureRequest) -> None:
    golden = GOLDEN / name
    if request.config.getoption("--regen-golden"):
        golden.write_text(actual, encoding="utf-8")
        pytest.skip(f"regenerated {golden}; review the diff and commit it")
    want = golden.read_text(encoding="utf-8").splitlines()
    got = actual.splitlines()
    missing = [line for line in want if line not in set(got)]
    added = [line for line in got if line not in set(want)]
    assert want == got, (
        f"{name} changed; review and run pytest --regen-golden\n"
        + "".join(f"- {line}\n" for line in missing[:40])
        + "".join(f"+ {line}\n" for line in added[:40])
        + ("(same lines, another order)\n" if not missing and not added else "")
    )


def test_measurements_csv_snapshot(pakistan_build: Path, request: pytest.FixtureRequest) -> None:
    """The evaluation interface: one row per figure, stable columns."""
    result = run_query(load_store(pakistan_build), named_queries()["measurements"])
    _check_lines("pakistan.measurements.csv", format_result(result, "csv"), request)


def test_extraction_draft_snapshot(request: pytest.FixtureRequest) -> None:
    """What `kg extract` drafts from one of the team's own synthetic sheets."""
    _check_lines("kenya.facts.yaml", dump_facts(extract_file(TEST_CORPUS / "kenya.txt")), request)


def test_validation_report_snapshot(tmp_path: Path, request: pytest.FixtureRequest) -> None:
    """The SHACL report of a build with one violation and one warning."""
    out = tmp_path / "out"
    summary = build([GOLDEN / "violations.facts.yaml"], out=out, allow_invalid=True)
    assert not summary.conforms
    golden = GOLDEN / "violations.validation.ttl"
    actual = out / "validation.ttl"
    if request.config.getoption("--regen-golden"):
        golden.write_bytes(actual.read_bytes())
        pytest.skip(f"regenerated {golden}; review the diff and commit it")
    missing, added = triple_diff(golden, actual)
    assert not missing and not added, (
        "validation report changed; review and run pytest --regen-golden\n"
        + "".join(f"- {t}\n" for t in missing[:40])
        + "".join(f"+ {t}\n" for t in added[:40])
    )
