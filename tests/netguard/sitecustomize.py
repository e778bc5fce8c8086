"""Test-time guard: no Python process of the test run may reach past the loopback interface.

The test session imports this module and puts its folder first on ``PYTHONPATH``, so every
Python child (``kg`` commands, notebook kernels, ``kg serve``'s front) installs the same audit
hook at start-up. A connection, DNS lookup or bind to anything but loopback raises
:class:`NetworkRefused` and is appended to the file named by ``KG_NETGUARD_LOG``, so the
session fails even when the error is swallowed.
"""

from __future__ import annotations

import ipaddress
import os
import sys
from typing import Any

_LOOPBACK_NAMES = frozenset({"localhost", "localhost.localdomain", "ip6-localhost"})


class NetworkRefused(RuntimeError):
    """Raised when code under test tries to reach the network."""


def _is_loopback(host: Any) -> bool:
    if host is None:
        return True
    if isinstance(host, bytes):
        host = host.decode("ascii", "replace")
    if not isinstance(host, str) or host == "":
        return False  # "" binds every interface
    if host.lower() in _LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.split("%")[0]).is_loopback
    except ValueError:
        return False


def _refuse(event: str, target: object) -> None:
    message = f"network access refused during tests: {event} {target!r}"
    log = os.environ.get("KG_NETGUARD_LOG")
    if log:
        with open(log, "a", encoding="utf-8") as fh:
            fh.write(message + "\n")
    raise NetworkRefused(message)


def _hook(event: str, args: tuple[Any, ...]) -> None:
    if event in ("socket.connect", "socket.bind", "socket.sendto", "socket.sendmsg"):
        address = args[1] if len(args) > 1 else None
        if isinstance(address, tuple) and address and not _is_loopback(address[0]):
            _refuse(event, address)
    elif event == "socket.getaddrinfo":
        if not _is_loopback(args[0]):
            _refuse(event, args[0])
    elif event == "socket.gethostbyname" and not _is_loopback(args[0]):
        _refuse(event, args[0])


if not getattr(sys, "_kg_netguard", False):
    sys.addaudithook(_hook)
    sys._kg_netguard = True  # type: ignore[attr-defined]
