"""Where kg's bundled files live: ontology, shapes, named queries and the default facts.

In a source checkout (or editable install) they are the top-level ``ontology/`` and ``shapes/``
folders; a wheel carries copies inside the package (``kg/_ontology``, ``kg/_shapes``).
"""

from __future__ import annotations

from pathlib import Path

_PKG = Path(__file__).resolve().parent


def _bundled(name: str) -> Path:
    inside = _PKG / f"_{name}"
    return inside if inside.is_dir() else _PKG.parent / name


def ontology_dir() -> Path:
    """The folder of ontology Turtle files."""
    return _bundled("ontology")


def ontology_path() -> Path:
    """The kg ontology in Turtle."""
    return ontology_dir() / "kg.ttl"


def shapes_dir() -> Path:
    """The folder of SHACL shapes (``*.ttl``)."""
    return _bundled("shapes")


def queries_dir() -> Path:
    """The folder of named SPARQL queries (``*.rq``)."""
    return _PKG / "queries"


def checks_dir() -> Path:
    """The folder of quality-rule queries: each must return no rows on a good graph."""
    return _PKG / "queries" / "checks"


def data_dir() -> Path:
    """The folder of the bundled default: curated facts files only (no document texts)."""
    return _PKG / "data"


def default_facts() -> list[Path]:
    """The bundled curated facts files built when ``kg build`` gets no source."""
    return sorted(data_dir().glob("*.facts.yaml"))
