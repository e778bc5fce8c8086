"""Every module of kg imports on its own, first, in a fresh interpreter: no import cycle
depends on which module a user (or a doctest run) imports first."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import pytest

import kg

MODULES = sorted(m.name for m in pkgutil.walk_packages(kg.__path__, prefix="kg.") if not m.ispkg)


def test_every_module_imports_first() -> None:
    """Each module, imported first in its own interpreter, loads without an error."""
    script = (
        "import subprocess, sys\n"
        "bad = []\n"
        "for name in sys.argv[1:]:\n"
        "    r = subprocess.run([sys.executable, '-c', f'import {name}'], capture_output=True,"
        " text=True)\n"
        "    if r.returncode:\n"
        "        bad.append(name + ': ' + (r.stderr.strip().splitlines() or [''])[-1])\n"
        "print('\\n'.join(bad))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, *MODULES], capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == ""


@pytest.mark.parametrize("name", ["kg.programs", "kg.extract.pipeline"])
def test_the_modules_of_the_former_cycle_are_listed(name: str) -> None:
    """The walk finds the two modules whose import order used to matter."""
    assert name in MODULES
