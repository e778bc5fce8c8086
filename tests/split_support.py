"""What the split-validation tests share (tests/test_rules.py, tests/test_shape_split.py): a
build whose workers inject faults into chosen documents, and ``kg validate``'s report of a
built folder, the whole-graph run the split must equal."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from kg import build as build_module
from kg.store import TermTriple, read_graphs, serialize
from kg.validate import validate_triples, validation_triples


def injecting(
    monkeypatch: pytest.MonkeyPatch,
    chosen: list[str],
    inject: Callable[[str, int, list[TermTriple]], None],
) -> None:
    """Make the build's workers call ``inject(name, index, triples)`` on the graph of each
    document named in ``chosen`` (``index``: its place there) before it is validated."""
    real = build_module.facts_to_triples

    def broken(facts: object, **kwargs: object) -> list[TermTriple]:
        triples = real(facts, **kwargs)  # type: ignore[arg-type]
        name = facts.document.name  # type: ignore[attr-defined]
        if name in chosen:
            inject(name, chosen.index(name), triples)
        return triples

    monkeypatch.setattr(build_module, "facts_to_triples", broken)


def validated_anew(out: Path) -> str:
    """``kg validate``'s report of a built folder (the whole-graph run), as Turtle."""
    report = validate_triples(validation_triples(read_graphs(out / "graph.trig")))
    return serialize(report.graph, "turtle")
