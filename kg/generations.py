"""Build folders as generations: one build, one generation, switched into place at once.

A build writes every file into a fresh hidden folder ``OUT/.gen-<id>/``. When all of them are
written (and synced), one atomic rename switches the symlink ``OUT/current`` to it. The public
paths ``OUT/graph.ttl``, ``OUT/graph.trig``, ``OUT/validation.ttl`` and the query store
``OUT/store`` are fixed symlinks into ``current``, so readers of the folder and readers of each
file always see the same generation, and a build that dies at any point leaves the previous
generation whole. A build whose graph does not conform is kept aside as ``OUT/rejected`` (unless
published with ``--allow-invalid``). Each build first removes what earlier, interrupted builds
left behind: generations that are neither current nor rejected, and temporary files. Builds into
one folder take turns (a lock).

>>> import tempfile, pathlib
>>> out = pathlib.Path(tempfile.mkdtemp())
>>> with build_lock(out):
...     gen = new_generation(out)
...     _ = (gen / "graph.ttl").write_text("")
...     publish(out, gen, ["graph.ttl"])
>>> (out / "graph.ttl").resolve().parent == gen.resolve()
True
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import shutil
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

from kg.model import KgError

#: The symlink naming the published generation, and the one naming the last rejected build.
CURRENT = "current"
REJECTED = "rejected"
#: The files a build writes, each published as ``OUT/NAME -> current/NAME``.
PUBLIC_FILES = ("graph.ttl", "graph.trig", "validation.ttl")
#: The query store a build writes (a folder), published as ``OUT/store -> current/store``.
STORE = "store"
GEN_PREFIX = ".gen-"
LOCK_NAME = ".kg-build.lock"
_STRAY = re.compile(
    r"^\.(?:graph\.ttl|graph\.trig|validation\.ttl|store|current|rejected)\..+\.tmp$"
    r"|^\.gen-[A-Za-z0-9_-]+$"
)


@contextlib.contextmanager
def build_lock(out_dir: Path) -> Iterator[None]:
    """Hold an exclusive lock on the build folder ``out_dir`` (created if missing)."""
    import fcntl

    out_dir.mkdir(parents=True, exist_ok=True)
    fd = os.open(out_dir / LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


def check_layout(out_dir: Path) -> None:
    """Refuse a folder whose public names are taken by something kg would not replace."""
    if out_dir.exists() and not out_dir.is_dir():
        raise KgError(f"{out_dir}: exists and is not a folder")
    for name in (CURRENT, REJECTED, *PUBLIC_FILES, STORE):
        p = out_dir / name
        if p.is_symlink() or not p.exists():
            continue
        if name in (CURRENT, REJECTED) or not p.is_file():
            raise KgError(f"{p}: exists and is not kg's; move it away to build into {out_dir}")


def current(out_dir: Path) -> Path | None:
    """The published generation of ``out_dir`` (what ``OUT/current`` names), or ``None``."""
    link = out_dir / CURRENT
    if not link.is_symlink():
        return None
    target = out_dir / os.readlink(link)
    return target if target.is_dir() else None


def new_generation(out_dir: Path) -> Path:
    """A new, empty generation folder ``OUT/.gen-<time>-<random>``."""
    stamp = time.strftime("%Y%m%dT%H%M%S", time.gmtime())
    gen = out_dir / f"{GEN_PREFIX}{stamp}-{secrets.token_hex(4)}"
    gen.mkdir()
    return gen


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _point(link: Path, target: str) -> None:
    """Make ``link`` a symlink to ``target`` in one atomic rename (replacing what was there)."""
    if link.is_symlink() and os.readlink(link) == target:
        return
    tmp = link.with_name(f".{link.name}.{secrets.token_hex(6)}.tmp")
    os.symlink(target, tmp)
    try:
        os.replace(tmp, link)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def publish(out_dir: Path, gen: Path, names: Iterable[str]) -> None:
    """Switch ``OUT/current`` to the complete generation ``gen`` (one atomic rename), and make
    sure every public name ``OUT/NAME`` is the link ``current/NAME``."""
    _fsync_dir(gen)
    _point(out_dir / CURRENT, gen.name)
    for name in names:
        _point(out_dir / name, f"{CURRENT}/{name}")
    _fsync_dir(out_dir)


def reject(out_dir: Path, gen: Path) -> None:
    """Keep the complete generation ``gen`` aside as ``OUT/rejected``; ``current`` is untouched."""
    _fsync_dir(gen)
    _point(out_dir / REJECTED, gen.name)
    _fsync_dir(out_dir)


def drop_rejected(out_dir: Path) -> None:
    """Forget the last rejected build (its generation goes with :func:`remove_stale`)."""
    link = out_dir / REJECTED
    if link.is_symlink():
        link.unlink()


def _linked(out_dir: Path) -> set[str]:
    names = set()
    for name in (CURRENT, REJECTED):
        link = out_dir / name
        if link.is_symlink():
            names.add(os.readlink(link))
    return names


def remove_stale(out_dir: Path) -> list[Path]:
    """Remove what interrupted builds left in ``out_dir`` (generations neither current nor
    rejected, temporary files); call it holding :func:`build_lock`. Returns what it removed."""
    if not out_dir.is_dir():
        return []
    keep = _linked(out_dir)
    removed = []
    for p in sorted(out_dir.iterdir()):
        if p.name in keep or not _STRAY.match(p.name):
            continue
        if p.is_dir() and not p.is_symlink():
            shutil.rmtree(p, ignore_errors=True)
        else:
            with contextlib.suppress(FileNotFoundError):
                p.unlink()
        removed.append(p)
    return removed


def discard(gen: Path) -> None:
    """Remove a generation that was never switched into place."""
    shutil.rmtree(gen, ignore_errors=True)
