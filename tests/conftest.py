"""Shared fixtures: the corpus folder, and builds made once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
TEST_CORPUS = Path(__file__).parent / "corpus"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--regen-golden",
        action="store_true",
        help="rewrite the golden graphs under tests/golden instead of comparing with them",
    )


@pytest.fixture(scope="session")
def corpus() -> Path:
    """The shared corpus of real fact sheets with gold files (skips if absent)."""
    if not (CORPUS / "pakistan.txt").is_file():
        pytest.skip(f"shared corpus not found at {CORPUS}")
    return CORPUS


@pytest.fixture(scope="session")
def pakistan_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled default (curated Pakistan facts) built into a temporary folder."""
    from kg.build import build

    out = tmp_path_factory.mktemp("pakistan-build")
    summary = build(None, out=out)
    assert summary.conforms
    return out
