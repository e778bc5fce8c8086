"""Shared fixtures: the corpus folder, and builds made once per test session."""

from __future__ import annotations

import importlib.util
import os
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
TEST_CORPUS = Path(__file__).parent / "corpus"


def _install_network_guard() -> Path:
    """No test may reach past loopback: an audit hook here, and in every Python child process
    through ``tests/netguard/sitecustomize.py`` on ``PYTHONPATH``. Refusals are logged, so a
    swallowed error still fails the session."""
    folder = Path(__file__).parent / "netguard"
    spec = importlib.util.spec_from_file_location("kg_netguard", folder / "sitecustomize.py")
    assert spec is not None and spec.loader is not None
    spec.loader.exec_module(importlib.util.module_from_spec(spec))
    fd, log = tempfile.mkstemp(prefix="kg-netguard-", suffix=".log")
    os.close(fd)
    os.environ["KG_NETGUARD_LOG"] = log
    path = os.environ.get("PYTHONPATH")
    os.environ["PYTHONPATH"] = str(folder) + (os.pathsep + path if path else "")
    return Path(log)


NETGUARD_LOG = _install_network_guard()


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Fail the run if any process tried to reach the network, even if the error was caught."""
    refused = NETGUARD_LOG.read_text(encoding="utf-8") if NETGUARD_LOG.is_file() else ""
    NETGUARD_LOG.unlink(missing_ok=True)
    if refused:
        print("\n" + refused)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


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
