"""The test run itself proves that kg reaches no network: these check the guard works."""

from __future__ import annotations

import os
import socket
import subprocess
import sys

import pytest


def _clear_log() -> None:
    log = os.environ["KG_NETGUARD_LOG"]
    with open(log, "w", encoding="utf-8"):
        pass


def test_a_connection_past_loopback_is_refused_in_the_test_process() -> None:
    with socket.socket() as s, pytest.raises(RuntimeError, match="network access refused"):
        s.connect(("192.0.2.1", 80))  # TEST-NET-1: never routable
    with pytest.raises(RuntimeError, match="network access refused"):
        socket.getaddrinfo("example.org", 443)
    _clear_log()


def test_loopback_stays_allowed() -> None:
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen(1)
        with socket.create_connection(server.getsockname(), timeout=5):
            pass


def test_child_python_processes_are_guarded_too() -> None:
    code = "import socket; socket.getaddrinfo('example.org', 443)"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode != 0
    assert "network access refused" in result.stderr
    _clear_log()
